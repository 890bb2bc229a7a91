# Same-split reference for BankMarketingTests: scikit-learn on the files BankMarketingSplit writes
# (drop duration, 75/25 stratified, seed 0). Run with Debian's python3-sklearn:
#   /usr/bin/python3 bank_sklearn_reference.py /tmp/crmx-bank-seed0-$USER
# Measured 2026-11-23: logistic 0.7873, HistGradientBoosting 0.7960 (crmx predict: 0.7988).
import sys, pandas as pd
from sklearn.ensemble import HistGradientBoostingClassifier
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import OneHotEncoder, StandardScaler
from sklearn.compose import ColumnTransformer
from sklearn.pipeline import make_pipeline
from sklearn.metrics import roc_auc_score
d = sys.argv[1]
tr = pd.read_csv(d + '/train.csv', sep=';'); te = pd.read_csv(d + '/test.csv', sep=';')
y, yt = (tr.pop('y') == 'yes').astype(int), (te.pop('y') == 'yes').astype(int)
cat = [c for c in tr.columns if tr[c].dtype == object]; num = [c for c in tr.columns if c not in cat]
ct = ColumnTransformer([('c', OneHotEncoder(handle_unknown='ignore'), cat), ('n', StandardScaler(), num)])
lr = make_pipeline(ct, LogisticRegression(max_iter=2000)).fit(tr, y)
print('logistic', roc_auc_score(yt, lr.predict_proba(te)[:, 1]))
ct2 = ColumnTransformer([('c', OneHotEncoder(handle_unknown='ignore', sparse_output=False), cat), ('n', 'passthrough', num)])
hgb = make_pipeline(ct2, HistGradientBoostingClassifier(random_state=0)).fit(tr, y)
print('hgb', roc_auc_score(yt, hgb.predict_proba(te)[:, 1]))
