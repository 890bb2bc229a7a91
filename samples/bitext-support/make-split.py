#!/usr/bin/env python3
"""Makes train.csv / test.csv here from the Bitext customer-support training file: keeps `instruction` (the
customer's text), `intent` (27 classes) and `category` (11 classes) and splits 75/25 stratified on `intent` with
seed 0. Run from this folder:
python3 make-split.py ../../../shared/datasets/bitext-support/Bitext_Sample_Customer_Support_Training_Dataset.csv"""
import csv
import random
import sys

with open(sys.argv[1], newline="", encoding="utf-8") as source:
    rows = list(csv.reader(source))
header, data = rows[0], rows[1:]
keep = [header.index(c) for c in ("instruction", "intent", "category")]
data = [[r[i] for i in keep] for r in data]
rng = random.Random(0)
train, test = [], []
for value in sorted({r[1] for r in data}):
    group = [r for r in data if r[1] == value]
    rng.shuffle(group)
    cut = round(len(group) * 0.25)
    test += group[:cut]
    train += group[cut:]
rng.shuffle(train)
rng.shuffle(test)
for name, part in (("train.csv", train), ("test.csv", test)):
    with open(name, "w", newline="", encoding="utf-8") as target:
        writer = csv.writer(target, lineterminator="\n")
        writer.writerow(["instruction", "intent", "category"])
        writer.writerows(part)
