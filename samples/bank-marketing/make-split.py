#!/usr/bin/env python3
"""Makes train.csv / test.csv here from the UCI bank-additional-full file: drops `duration` (known only after
the call, it leaks the outcome) and splits 75/25 stratified on `y` with scikit-learn's train_test_split, seed 0
(the split the issue's reference figures use), then prints scikit-learn's AUC on it for comparison.
Needs Debian's python3-pandas and python3-sklearn. Run from this folder:
/usr/bin/python3 make-split.py ../../../shared/datasets/bank-marketing/bank-additional-full.csv"""
import sys

import pandas as pd
from sklearn.ensemble import GradientBoostingClassifier, HistGradientBoostingClassifier
from sklearn.metrics import roc_auc_score
from sklearn.model_selection import train_test_split

data = pd.read_csv(sys.argv[1], sep=";", dtype=str, keep_default_na=False).drop(columns=["duration"])
train, test = train_test_split(data, test_size=0.25, stratify=data["y"], random_state=0)
train.to_csv("train.csv", index=False, lineterminator="\n")
test.to_csv("test.csv", index=False, lineterminator="\n")

# Reference figures on the same files (one-hot categories, numbers as numbers).
typed = pd.read_csv(sys.argv[1], sep=";").drop(columns=["duration"])
features = pd.get_dummies(typed.drop(columns=["y"]))
y = (typed["y"] == "yes").astype(int)
for name, model in (("HistGradientBoosting", HistGradientBoostingClassifier(random_state=0)),
                    ("GradientBoosting", GradientBoostingClassifier(random_state=0))):
    model.fit(features.loc[train.index], y.loc[train.index])
    print(name, round(roc_auc_score(y.loc[test.index], model.predict_proba(features.loc[test.index])[:, 1]), 4))
