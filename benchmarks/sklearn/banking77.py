#!/usr/bin/python3
"""Banking77 (real support queries, 77 intents): `crmx categorise` (defaults, untuned) vs scikit-learn TF-IDF + LinearSVC.

Both are trained and measured on identical stratified splits of samples/banking77/test.csv (the only part of Banking77
in the repository; see its README): 5 folds, shuffled with seed 0, so every row is tested once and each model trains on
~2,460 rows (~32 per intent). The splits are written to a temporary folder as CSV; our side runs the CLI on them and its
`top` column (the best guess, whatever the tier) is scored with the same scikit-learn metrics as the reference.

  /usr/bin/python3 benchmarks/sklearn/banking77.py [--crmx "dotnet src/Cli/bin/Release/net10.0/crmx.dll"] [--folds 5]

Prints accuracy and macro-F1 per split and the mean (and the seconds each side took, including the CLI's start-up), and
our confidence tiers on the split's test rows (auto share, auto precision against the 0.90 target, abstain share);
then two diagnostic references: LinearSVC on word + character n-gram features like ours, fitted on the whole training
part and on the 80% of it that ours fits on.
"""
import argparse
import os
import shlex
import subprocess
import sys
import tempfile
import time

import pandas as pd
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.metrics import accuracy_score, f1_score
from sklearn.model_selection import StratifiedKFold, train_test_split
from sklearn.pipeline import make_pipeline, make_union
from sklearn.svm import LinearSVC

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=os.path.join(ROOT, "samples", "banking77", "test.csv"))
    parser.add_argument("--crmx", default="dotnet " + os.path.join(ROOT, "src", "Cli", "bin", "Release", "net10.0", "crmx.dll"))
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args()

    frame = pd.read_csv(args.data, keep_default_na=False)
    print(f"{len(frame)} rows, {frame.category.nunique()} intents, {args.folds} stratified folds (seed 0)")
    results = []
    with tempfile.TemporaryDirectory(prefix="banking77-") as folder:
        folds = StratifiedKFold(n_splits=args.folds, shuffle=True, random_state=0)
        for k, (train_rows, test_rows) in enumerate(folds.split(frame.text, frame.category)):
            train, test = frame.iloc[train_rows], frame.iloc[test_rows]
            train_path, test_path = os.path.join(folder, f"train{k}.csv"), os.path.join(folder, f"test{k}.csv")
            out_path = os.path.join(folder, f"out{k}.csv")
            train.to_csv(train_path, index=False)
            test.to_csv(test_path, index=False)

            start = time.perf_counter()
            svm = make_pipeline(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True), LinearSVC())
            svm.fit(train.text, train.category)
            reference = svm.predict(test.text)
            svm_seconds = time.perf_counter() - start

            start = time.perf_counter()
            command = shlex.split(args.crmx) + ["categorise", "--train", train_path, "--test", test_path,
                                                "--text", "text", "--label", "category", "--out", out_path]
            run = subprocess.run(command, capture_output=True, text=True)
            if run.returncode != 0:
                sys.exit(f"crmx failed on split {k}:\n{run.stdout}\n{run.stderr}")
            predicted = pd.read_csv(out_path, keep_default_na=False)
            ours = predicted["top"].values
            our_seconds = time.perf_counter() - start
            auto = (predicted["tier"] == "Auto").values

            # Two diagnostic references (not the comparison): LinearSVC on features like ours (TF-IDF word 1-2-grams and
            # character 1-3-grams), fitted on the whole training part and on 80% of it (stratified, seed 0) - ours fits
            # on 80% and keeps 20% for calibration and tier thresholds, without a refit.
            def ours_like():
                return make_pipeline(make_union(TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True),
                                                TfidfVectorizer(analyzer="char", ngram_range=(1, 3), sublinear_tf=True)), LinearSVC())
            fit80, _ = train_test_split(train, test_size=0.2, stratify=train.category, random_state=0)
            chars = accuracy_score(test.category, ours_like().fit(train.text, train.category).predict(test.text))
            chars80 = accuracy_score(test.category, ours_like().fit(fit80.text, fit80.category).predict(test.text))

            row = {
                "split": k, "train": len(train), "test": len(test),
                "svmAcc": accuracy_score(test.category, reference), "svmF1": f1_score(test.category, reference, average="macro"),
                "oursAcc": accuracy_score(test.category, ours), "oursF1": f1_score(test.category, ours, average="macro"),
                "svmSec": svm_seconds, "oursSec": our_seconds,
                "autoShare": auto.mean(), "autoPrecision": (ours[auto] == test.category.values[auto]).mean() if auto.any() else float("nan"),
                "abstain": (predicted["tier"] == "Review").mean(),
                "charsAcc": chars, "chars80Acc": chars80,
            }
            results.append(row)
            print(f"split {k}: train {row['train']}, test {row['test']} | scikit-learn accuracy {row['svmAcc']:.4f} macro-F1 {row['svmF1']:.4f}"
                  f" ({svm_seconds:.1f} s) | crmx accuracy {row['oursAcc']:.4f} macro-F1 {row['oursF1']:.4f} ({our_seconds:.1f} s);"
                  f" crmx tiers: auto {row['autoShare']:.1%} precision {row['autoPrecision']:.3f}, abstain {row['abstain']:.1%}"
                  f" | LinearSVC on word+char features: accuracy {chars:.4f}, fitted on 80% {chars80:.4f}",
                  flush=True)
    mean = pd.DataFrame(results).mean(numeric_only=True)
    print(f"mean: scikit-learn accuracy {mean.svmAcc:.4f} macro-F1 {mean.svmF1:.4f} | crmx accuracy {mean.oursAcc:.4f} macro-F1 {mean.oursF1:.4f};"
          f" crmx tiers: auto {mean.autoShare:.1%} precision {mean.autoPrecision:.3f}, abstain {mean.abstain:.1%}"
          f" | LinearSVC on word+char features: accuracy {mean.charsAcc:.4f}, fitted on 80% {mean.chars80Acc:.4f}")


if __name__ == "__main__":
    main()
