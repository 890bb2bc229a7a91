#!/usr/bin/env python3
"""Makes train.csv / test.csv here from the UCI bank-additional-full file: drops `duration` (known only after
the call, it leaks the outcome) and splits 75/25 stratified on `y` with seed 0. Run from this folder:
python3 make-split.py ../../../shared/datasets/bank-marketing/bank-additional-full.csv"""
import csv
import random
import sys

with open(sys.argv[1], newline="") as source:
    rows = list(csv.reader(source, delimiter=";"))
header, data = rows[0], rows[1:]
drop = header.index("duration")
header = [c for i, c in enumerate(header) if i != drop]
data = [[c for i, c in enumerate(r) if i != drop] for r in data]
label = header.index("y")
rng = random.Random(0)
train, test = [], []
for value in ("no", "yes"):
    group = [r for r in data if r[label] == value]
    rng.shuffle(group)
    cut = round(len(group) * 0.25)
    test += group[:cut]
    train += group[cut:]
rng.shuffle(train)
rng.shuffle(test)
for name, part in (("train.csv", train), ("test.csv", test)):
    with open(name, "w", newline="") as target:
        writer = csv.writer(target, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(part)
