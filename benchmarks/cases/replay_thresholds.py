#!/usr/bin/python3
"""Replays the case tier-threshold rules on dumped predictions, to compare threshold rules without retraining.

  cd benchmarks/CrmExtensions.Benchmarks && dotnet run -c Release -- cases-holdout 40000 1 2 3 --dump /tmp/case-dumps
  /usr/bin/python3 benchmarks/cases/replay_thresholds.py /tmp/case-dumps

`--dump` writes, per seed, the validation predictions the thresholds were chosen on (seedN.validation.tsv) and the
hold-out predictions (seedN.holdout.tsv): predicted category, calibrated confidence, true category, script language.
This script re-implements the auto/suggest threshold choice of src/Scoring/Cases/TierThresholds*.cs (defaults: auto
0.90, suggest 0.70, 10 predictions per category, 50 validation cases per language, abstain cap 30%) and prints the
hold-out auto precision [auto cases], auto share and abstain share per language for:

  current      the code as it is (a language's auto threshold never below the category's over all languages)
  no-floor     without that floor (the code before 2026-11-23 evening)
  z=1.645      no floor, a stricter Wilson bound for the language layer
  min30        no floor, a language cut-off must have >= 30 validation cases at or above it
  strict-floor the floor taken from the category's curve under the language layer's Wilson rule

"current" must reproduce the benchmark's own figures exactly; if it does not, this copy of the rules is stale.
"""
import glob
import math
import os
import re
import sys
from collections import defaultdict


def load(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        next(f)
        for line in f:
            predicted, confidence, actual, language = line.rstrip("\n").split("\t")
            rows.append((predicted, float(confidence), actual, language))
    return rows


def wilson(correct, n, z):
    p = correct / n
    z2 = z * z
    return (p + z2 / (2 * n) - z * math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))) / (1 + z2 / n)


def lowest(predictions, target, strict=False, z=1.0, min_at_cut=0):
    ordered = sorted(predictions, key=lambda x: -x[0])
    best, correct = math.inf, 0
    for i, (confidence, right) in enumerate(ordered):
        correct += right
        if i + 1 < len(ordered) and ordered[i + 1][0] == confidence:
            continue
        n = i + 1
        if n < min_at_cut:
            continue
        estimate = wilson(correct, n, z) if strict else (correct + 1) / (n + 2)
        if estimate >= target:
            best = confidence
    return best


def below(predictions, cut):
    return [p for p in predictions if p[0] < cut]


def widen(predictions, target, pooled, strict=False, z=1.0, min_at_cut=0):
    if not predictions:
        return pooled
    own = lowest(predictions, target, strict, z, min_at_cut)
    return min(own, pooled) if own <= min(p[0] for p in predictions) else own


def choose(validation, categories, rule, auto=0.90, suggest=0.70, min_category=10, min_language=50, cap=0.30):
    z = 1.645 if rule == "z=1.645" else 1.0
    min_at_cut = 30 if rule == "min30" else 0
    everything = [(c, p == a) for p, c, a, _ in validation]
    pooled_auto = lowest(everything, auto)
    pooled = (pooled_auto, lowest(below(everything, pooled_auto), suggest))
    strict_pooled = lowest(everything, auto, True, z)
    by_category, strict_category = {}, {}
    for k in categories:
        mine = [(c, a == k) for p, c, a, _ in validation if p == k]
        if len(mine) < min_category:
            by_category[k], strict_category[k] = pooled, strict_pooled
            continue
        cut = widen(mine, auto, pooled[0])
        by_category[k] = (cut, widen(below(mine, cut), suggest, pooled[1]))
        strict_category[k] = widen(mine, auto, strict_pooled, True, z)
    by_language = {}
    for language in sorted({v[3] for v in validation}):
        rows = [v for v in validation if v[3] == language]
        if len(rows) < min_language:
            continue
        mine_all = [(c, p == a) for p, c, a, _ in rows]
        language_auto = lowest(mine_all, auto, True, z)
        language_pooled = (language_auto, lowest(below(mine_all, language_auto), suggest, True, z))
        cells = {}
        for k in categories:
            fallback = (max(by_category[k][0], language_pooled[0]), max(by_category[k][1], language_pooled[1]))
            mine = [(c, a == k) for p, c, a, _ in rows if p == k]
            if len(mine) < min_category:
                cells[k] = fallback
                continue
            cut = widen(mine, auto, fallback[0], True, z, min_at_cut)
            if rule == "current":
                cut = max(cut, by_category[k][0])
            elif rule == "strict-floor":
                cut = max(cut, by_category[k][0], strict_category[k])
            cells[k] = (cut, widen(below(mine, cut), suggest, fallback[1], True, z))
        review = sum(1 for p, c, _, _ in rows if c < cells[p][1])
        if review > cap * len(rows):
            confidences = sorted(c for _, c, _, _ in rows)
            allowed = math.floor(cap * len(confidences))
            floor = confidences[allowed] if allowed < len(confidences) else math.inf
            cells = {k: (t[0], min(t[1], floor)) for k, t in cells.items()}
        by_language[language] = cells
    return by_category, by_language


def evaluate(thresholds, holdout):
    by_category, by_language = thresholds
    result = {}
    for language in sorted({h[3] for h in holdout}):
        rows = [h for h in holdout if h[3] == language]
        auto = right = review = 0
        for p, c, a, lang in rows:
            cut = by_language[lang][p] if lang in by_language else by_category[p]
            if c >= cut[0]:
                auto += 1
                right += p == a
            elif c < cut[1]:
                review += 1
        result[language] = (right / auto if auto else float("nan"), auto, auto / len(rows), review / len(rows))
    return result


def main():
    folder = sys.argv[1] if len(sys.argv) > 1 else "/tmp/case-dumps"
    seeds = sorted(int(re.search(r"seed(\d+)\.validation", p).group(1)) for p in glob.glob(os.path.join(folder, "seed*.validation.tsv")))
    if not seeds:
        sys.exit(f"no seedN.validation.tsv in {folder}")
    for rule in ["current", "no-floor", "z=1.645", "min30", "strict-floor"]:
        print(rule)
        pooled = defaultdict(lambda: [0, 0])
        for seed in seeds:
            validation = load(os.path.join(folder, f"seed{seed}.validation.tsv"))
            holdout = load(os.path.join(folder, f"seed{seed}.holdout.tsv"))
            categories = sorted({v[0] for v in validation} | {v[2] for v in validation})
            figures = evaluate(choose(validation, categories, rule), holdout)
            print(f"  seed {seed}: " + "; ".join(
                f"{lang} auto precision {f[0]:.3f} [{f[1]}], auto {f[2]:.1%}, abstain {f[3]:.1%}" for lang, f in figures.items()))
            for lang, f in figures.items():
                if f[1]:
                    pooled[lang][0] += round(f[0] * f[1])
                    pooled[lang][1] += f[1]
        print("  all seeds: " + "; ".join(f"{lang} auto precision {r / n:.3f} [{n}]" for lang, (r, n) in sorted(pooled.items())))


if __name__ == "__main__":
    main()
