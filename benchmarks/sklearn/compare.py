#!/usr/bin/python3
"""scikit-learn reference models on the CSV files `crmx bench --compare-sklearn` exports.

Reads the folder given as the first argument, trains on the rows marked `train` and measures on the rows marked
`test` (the split our training used; nothing is split again here), and prints one JSON object: per model kind, each
reference model's quality and fit seconds (wall time of fitting only, not of reading the CSV).

  binary_<name>.csv  id, split, label, num:<field>…, cat:<field>…  -> logistic regression, histogram gradient boosting (AUC)
  cases_<name>.csv   id, split, label, text                        -> TF-IDF + LinearSVC (accuracy, macro-F1)
  recommend_*.csv    training cells, held-out new items, unavailable items -> item-to-item cosine (hit@10)
  segments.csv       customer, ours, <features>…  (+ "k" from argv[2]) -> k-means (silhouette, inertia; ours too)
"""
import json
import os
import sys
import time

import numpy as np
import pandas as pd
from scipy import sparse
from sklearn.cluster import KMeans
from sklearn.compose import ColumnTransformer
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import accuracy_score, f1_score, roc_auc_score, silhouette_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, OrdinalEncoder, StandardScaler
from sklearn.svm import LinearSVC

SEED = 42


def timed(fit):
    start = time.perf_counter()
    result = fit()
    return result, time.perf_counter() - start


def binary(path):
    frame = pd.read_csv(path, keep_default_na=True, low_memory=False)
    num = [c for c in frame.columns if c.startswith("num:")]
    cat = [c for c in frame.columns if c.startswith("cat:")]
    frame[cat] = frame[cat].astype("object").where(frame[cat].notna(), "(missing)").astype(str)
    train, test = frame[frame.split == "train"], frame[frame.split == "test"]
    y_train, y_test = train.label.values, test.label.values
    out = {"trainRows": int(len(train)), "testRows": int(len(test)), "models": {}}
    if len(set(y_train)) < 2 or len(set(y_test)) < 2:
        out["error"] = "one class only in train or test"
        return out

    linear = make_pipeline(
        ColumnTransformer([
            ("num", make_pipeline(SimpleImputer(strategy="median", add_indicator=True), StandardScaler()), num),
            ("cat", OneHotEncoder(handle_unknown="ignore", min_frequency=20), cat),
        ]),
        LogisticRegression(max_iter=2000))
    model, seconds = timed(lambda: linear.fit(train[num + cat], y_train))
    out["models"]["logisticRegression"] = {"auc": roc_auc_score(y_test, model.predict_proba(test[num + cat])[:, 1]), "seconds": seconds}

    # Native categorical splits take at most 255 levels; wider categories go in as ordinal codes.
    narrow = [c for c in cat if train[c].nunique() <= 250]
    wide = [c for c in cat if c not in narrow]
    encode = lambda: OrdinalEncoder(handle_unknown="use_encoded_value", unknown_value=-1)
    trees = make_pipeline(
        ColumnTransformer([("num", "passthrough", num), ("wide", encode(), wide), ("narrow", encode(), narrow)]),
        HistGradientBoostingClassifier(
            categorical_features=list(range(len(num) + len(wide), len(num) + len(wide) + len(narrow))) or None,
            random_state=SEED, early_stopping=True))
    model, seconds = timed(lambda: trees.fit(train[num + cat], y_train))
    out["models"]["histGradientBoosting"] = {"auc": roc_auc_score(y_test, model.predict_proba(test[num + cat])[:, 1]), "seconds": seconds}
    return out


def cases(path):
    frame = pd.read_csv(path, keep_default_na=False)
    train, test = frame[frame.split == "train"], frame[frame.split == "test"]
    out = {"trainRows": int(len(train)), "testRows": int(len(test)), "models": {}}
    known = set(train.label)
    test = test[test.label.isin(known)]
    pipeline = make_pipeline(TfidfVectorizer(sublinear_tf=True, ngram_range=(1, 2), min_df=2), LinearSVC(C=1.0))
    model, seconds = timed(lambda: pipeline.fit(train.text, train.label))
    predicted = model.predict(test.text)
    out["models"]["tfidfLinearSvc"] = {
        "accuracy": accuracy_score(test.label, predicted),
        "macroF1": f1_score(test.label, predicted, average="macro"),
        "seconds": seconds,
    }
    return out


def recommendations(folder):
    cells = pd.read_csv(os.path.join(folder, "recommend_train.csv"), keep_default_na=False, dtype={"customer": str, "item": str})
    held = pd.read_csv(os.path.join(folder, "recommend_test.csv"), keep_default_na=False, dtype={"customer": str, "item": str})
    unavailable = set(pd.read_csv(os.path.join(folder, "recommend_unavailable.csv"), keep_default_na=False, dtype={"item": str}).item)
    customers = {c: i for i, c in enumerate(cells.customer.unique())}
    items = {t: i for i, t in enumerate(pd.concat([cells.item, held.item]).unique())}
    out = {"trainCells": int(len(cells)), "testCustomers": int(held.customer.nunique()), "models": {}}

    def fit():
        rows = cells.customer.map(customers).values
        cols = cells.item.map(items).values
        matrix = sparse.csr_matrix((np.ones(len(cells)), (rows, cols)), shape=(len(customers), len(items)))
        norms = np.sqrt(np.asarray(matrix.multiply(matrix).sum(axis=0)).ravel())
        norms[norms == 0] = 1
        normalised = matrix @ sparse.diags(1 / norms)
        similarity = (normalised.T @ normalised).tocsr()
        similarity.setdiag(0)
        popularity = np.asarray(matrix.sum(axis=0)).ravel()
        return matrix, similarity, popularity

    (matrix, similarity, popularity), seconds = timed(fit)
    blocked = np.zeros(len(items), dtype=bool)
    for item in unavailable:
        if item in items:
            blocked[items[item]] = True
    relevant = held.groupby("customer").item.apply(lambda s: {items[i] for i in s})
    hits = 0
    for customer, wanted in relevant.items():
        row = matrix.getrow(customers[customer])
        scores = np.asarray((row @ similarity).todense()).ravel() + 1e-9 * popularity / max(popularity.max(), 1)
        scores[row.indices] = -np.inf
        scores[blocked] = -np.inf
        top = np.argpartition(-scores, 10)[:10]
        hits += 1 if wanted.intersection(top.tolist()) else 0
    out["models"]["itemCosine"] = {"hitRate10": hits / max(len(relevant), 1), "seconds": seconds}
    return out


def segments(path, k):
    frame = pd.read_csv(path, keep_default_na=False, dtype={"customer": str})
    features = frame.drop(columns=["customer", "ours"]).astype(float).values
    z = StandardScaler().fit_transform(np.log1p(np.maximum(features, 0)))
    model, seconds = timed(lambda: KMeans(n_clusters=k, n_init=10, random_state=SEED).fit(z))
    sample = min(len(z), 10000)

    def inertia(labels):
        return float(sum(((z[labels == c] - z[labels == c].mean(axis=0)) ** 2).sum() for c in np.unique(labels)))

    ours = frame.ours.values
    return {
        "customers": int(len(z)), "k": k,
        "ours": {"silhouette": float(silhouette_score(z, ours, sample_size=sample, random_state=SEED)), "inertia": inertia(ours)},
        "models": {"kMeans": {
            "silhouette": float(silhouette_score(z, model.labels_, sample_size=sample, random_state=SEED)),
            "inertia": inertia(model.labels_), "seconds": seconds}},
    }


def main():
    folder = sys.argv[1]
    k = int(sys.argv[2]) if len(sys.argv) > 2 else 0
    report = {"sklearn": __import__("sklearn").__version__, "kinds": {}}
    for name in sorted(os.listdir(folder)):
        path = os.path.join(folder, name)
        if name.startswith("binary_"):
            report["kinds"][name[len("binary_"):-4]] = binary(path)
        elif name.startswith("cases_"):
            report["kinds"][name[len("cases_"):-4]] = cases(path)
        elif name == "segments.csv" and k > 1:
            report["kinds"]["segments"] = segments(path, k)
    if os.path.exists(os.path.join(folder, "recommend_train.csv")):
        report["kinds"]["recommendations"] = recommendations(folder)
    print(json.dumps(report))


if __name__ == "__main__":
    main()
