"""Hostile inputs, case by case: every case either works (and gives finite probabilities in [0, 1]) or is refused with a
ValueError / TypeError whose message names the problem. Covers EnsembleData, both trainers and the combiner estimator;
the CLI's cases are in tests/test_cli.py and nbs/10_cli.ipynb; tests/test_fuzz.py draws random combinations of these
defects (hypothesis) for both trainers, the combiner and the CLI.
`python -m pytest -q -s tests/test_hostile.py -k count` prints the number of cases."""
import warnings
import numpy as np
import pandas as pd
import pytest
import scipy.sparse as sp
from cfensemble_nb.data import EnsembleData
from cfensemble_nb.synthetic import make_ensemble
from cfensemble_nb.trainer import CFEnsembleTrainer
from cfensemble_nb.torch_trainer import CFEnsemblePyTorchTrainer
from cfensemble_nb.estimators import CFEnsembleCombiner

ENS = make_ensemble(n_instances=120, n_classifiers=5, random_state=0)
R, Y = ENS.R, ENS.labels
FAST = {'als': dict(latent_dim=2, lambda_reg=0.1),
        'torch': dict(latent_dim=2, lambda_reg=0.1, max_epochs=5, random_seed=0)}
TRAINERS = {'als': CFEnsembleTrainer, 'torch': CFEnsemblePyTorchTrainer}

def fit_predict(method, R_, y_=None, C_=None, m=None, **kw):
    "Fit a trainer on (R_, y_, C_) and predict its columns; the probabilities must be finite and in [0, 1]."
    data = EnsembleData(R_, Y if y_ is None else y_, C_)
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        p = TRAINERS[method](m or data.n_classifiers, **{**FAST[method], **kw}).fit(data).predict(data)
    assert p.shape == (data.n_instances,) and np.isfinite(p).all() and (p >= 0).all() and (p <= 1).all()
    return p

def with_cells(values, where):
    out = R.copy(); out[where] = values; return out

# (case, function of the method, None = must work | regex of the refusal)
DATA_CASES = [
    ('R with no rows', lambda m: EnsembleData(np.zeros((0, 4))), 'empty'),
    ('R with no columns', lambda m: EnsembleData(np.zeros((3, 0))), 'empty'),
    ('R 1-D', lambda m: EnsembleData(R[0]), '2-D'),
    ('R 3-D', lambda m: EnsembleData(R[None]), '2-D'),
    ('R of strings', lambda m: EnsembleData(R.astype(str).astype(object) + 'x'), 'numeric'),
    ('R complex', lambda m: EnsembleData(R + 0j), 'real numbers'),
    ('R scipy sparse', lambda m: EnsembleData(sp.csr_matrix(R)), 'numeric'),
    ('R with +inf', lambda m: EnsembleData(with_cells(np.inf, (0, 0))), 'infinite'),
    ('R with -inf', lambda m: EnsembleData(with_cells(-np.inf, (0, 0))), 'infinite'),
    ('R above 1', lambda m: EnsembleData(with_cells(1.5, (1, 2))), r'\[0, 1\]'),
    ('R below 0', lambda m: EnsembleData(with_cells(-0.1, (1, 2))), r'\[0, 1\]'),
    ('R all-missing column', lambda m: EnsembleData(with_cells(np.nan, (slice(None), 3))), r'column\(s\) \[3\]'),
    ('R all-missing row', lambda m: EnsembleData(with_cells(np.nan, (2, slice(None)))), r'row\(s\) \[2\]'),
    ('R transposed', lambda m: EnsembleData(R.T, Y), r'pass R\.T'),
    ('labels too short', lambda m: EnsembleData(R, Y[:-1]), r'shape \(120,\)'),
    ('labels 2-D', lambda m: EnsembleData(R, Y[None]), 'shape'),
    ('label 2', lambda m: EnsembleData(R, np.where(np.isnan(Y), 2, Y)), '0, 1 or NaN'),
    ('label -1 (estimators only)', lambda m: EnsembleData(R, np.where(np.isnan(Y), -1, Y)), '0, 1 or NaN'),
    ('labels as words', lambda m: EnsembleData(R, np.array(['yes'] * 120, dtype=object)), 'numeric'),
    ('C negative', lambda m: EnsembleData(R, Y, -np.ones_like(R)), 'non-negative'),
    ('C with inf', lambda m: EnsembleData(R, Y, with_cells(np.inf, (0, 0))), 'non-finite'),
    ('C with NaN on an observed cell', lambda m: EnsembleData(R, Y, with_cells(np.nan, (0, 0))), 'non-finite'),
    ('C all zero', lambda m: EnsembleData(R, Y, np.zeros_like(R)), '0 on every cell of column'),
    ('C zero on one column', lambda m: EnsembleData(R, Y, np.ones_like(R) * (np.arange(120) != 7)),
     r'column\(s\) \[7\]'),
    ('C of the wrong shape', lambda m: EnsembleData(R, Y, np.ones((5, 3))), 'same shape'),
    ('R slightly above 1 by round-off', lambda m: fit_predict(m, with_cells(1 + 2e-16, (0, 0))), None),
    ('R boolean', lambda m: fit_predict(m, R > 0.5), None),
    ('R integer 0/1', lambda m: fit_predict(m, (R > 0.5).astype(int)), None),
    ('R float16', lambda m: fit_predict(m, R.astype(np.float16)), None),
    ('R float32', lambda m: fit_predict(m, R.astype(np.float32)), None),
    ('R pandas DataFrame', lambda m: fit_predict(m, pd.DataFrame(R)), None),
    ('R pandas with pd.NA (missing)', lambda m: fit_predict(m, pd.DataFrame(R).astype('Float64').mask(
        pd.DataFrame(R) > 0.95)), None),
    ('labels pandas Int64 with pd.NA', lambda m: fit_predict(m, R, pd.Series(np.where(np.isnan(Y), -9, Y)).astype(
        'Int64').replace(-9, pd.NA)), None),
    ('R masked array (masked = missing)', lambda m: fit_predict(m, np.ma.masked_array(R, mask=R > 0.9)), None),
    ('R exactly 0 and 1 everywhere', lambda m: fit_predict(m, (R > 0.5).astype(float)), None),
    ('R exactly 0 and 1, logit space', lambda m: fit_predict(m, (R > 0.5).astype(float), space='logit'), None),
    ('R with half the cells missing', lambda m: fit_predict(m, _half_missing()), None),
    ('a classifier seen on one point', lambda m: fit_predict(m, with_cells(np.nan, (4, slice(1, None)))), None),
    ('a constant classifier', lambda m: fit_predict(m, with_cells(0.5, (3, slice(None)))), None),
    ('duplicated classifiers, lambda 0', lambda m: fit_predict(m, np.vstack([R[:3], R[:3]]), lambda_reg=0.0), None),
    ('one classifier (m = 1)', lambda m: fit_predict(m, R[:1], latent_dim=1), None),
    ('labels pandas Series', lambda m: fit_predict(m, R, pd.Series(Y)), None),
    ('labels masked (masked = unlabeled)', lambda m: fit_predict(m, R, np.ma.masked_invalid(Y)), None),
    ('every point labeled', lambda m: fit_predict(m, R, ENS.y_true.astype(float)), None),
    ('one labeled point per class', lambda m: fit_predict(m, R, _two_labels()), None),
    ('only one class labeled', lambda m: fit_predict(m, R, np.where(Y == 1, 1., np.nan)), 'both classes'),
    ('nothing labeled', lambda m: fit_predict(m, R, np.full(120, np.nan)), 'both classes'),
    ('C_new beside data', lambda m: _fitted(m).predict(EnsembleData(R, Y), C_new=np.ones_like(R)),
     'C_new goes with R_new'),
    ('R_new with a classifier abstaining on all new points', lambda m: _finite(_fitted(m).predict(
        R_new=with_cells(np.nan, (1, slice(None)))[:, :10])), None),
    ('R_new with the wrong number of classifiers', lambda m: _fitted(m).predict(R_new=R[:3]), 'expected 5 classifiers'),
    ('data with the wrong number of classifiers', lambda m: fit_predict(m, R, m=4), 'n_classifiers=4'),
]

def _half_missing():
    out = np.where(np.random.default_rng(0).random(R.shape) < 0.5, np.nan, R); out[0] = R[0]   # row 0 keeps every point
    return out

def _two_labels():
    y = np.full(120, np.nan)
    for c in (0, 1): y[np.flatnonzero(ENS.y_true == c)[0]] = c
    return y

_FITTED = {}
def _fitted(m):
    if m not in _FITTED:
        with warnings.catch_warnings():
            warnings.simplefilter('ignore')
            _FITTED[m] = TRAINERS[m](5, **FAST[m]).fit(EnsembleData(R, Y))
    return _FITTED[m]

def _finite(p):
    assert np.isfinite(p).all(); return p

PARAM_CASES = [  # (settings, regex); every one is refused by fit, before any work
    (dict(latent_dim=0), 'latent_dim must be an integer >= 1'), (dict(latent_dim=-3), 'latent_dim'),
    (dict(latent_dim=1.5), 'latent_dim must be an integer'), (dict(latent_dim='x'), 'latent_dim'),
    (dict(latent_dim=10**6), 'far above'), (dict(lambda_reg=-1.), 'lambda_reg must be a number >= 0'),
    (dict(lambda_reg=np.nan), 'lambda_reg'), (dict(lambda_reg=None), 'lambda_reg'),
    (dict(lambda_reg='x'), 'lambda_reg'), (dict(rho=1.5), 'rho must be a number in'), (dict(rho=-0.1), 'rho'),
    (dict(rho=np.nan), 'rho'), (dict(rho='x'), 'rho'),
    (dict(focal_gamma=-1.), 'focal_gamma'), (dict(focal_gamma=np.nan), 'focal_gamma'),
    (dict(label_aware_alpha=-1.), 'label_aware_alpha'), (dict(space='log'), 'space must be one of'),
    (dict(logit_eps=0.), 'logit_eps'), (dict(logit_eps=0.6), 'logit_eps'), (dict(random_seed=-1), 'random_seed'),
    (dict(use_class_weights='yes'), 'use_class_weights'), (dict(n_classifiers=0), 'n_classifiers'),
]
ALS_PARAM_CASES = [(dict(rho=0.), 'rho must be a number in \\(0, 1\\]'), (dict(max_iter=0), 'max_iter'),
                   (dict(tol=-1.), 'tol'), (dict(cv_folds=1), 'cv_folds'), (dict(lambda_grid=()), 'lambda_grid'),
                   (dict(latent_dim_grid=[0, 2]), 'latent_dim_grid'), (dict(aggregator_type='mlp'), 'aggregator_type'),
                   (dict(confidence_strategy='magic'), 'confidence_strategy'),
                   (dict(aggregator_l2=-1.), 'aggregator_l2'),
                   (dict(backend='gpu'), 'backend'), (dict(dtype='int8'), 'dtype')]
TORCH_PARAM_CASES = [(dict(lr=0.), 'lr must be a number > 0'), (dict(lr=-1.), 'lr'), (dict(max_epochs=0), 'max_epochs'),
                     (dict(weight_decay=-1.), 'weight_decay'), (dict(min_delta=-1.), 'min_delta'),
                     (dict(focal_alpha=2.), 'focal_alpha'), (dict(hidden_sizes=(-1,)), 'hidden_sizes'),
                     (dict(dropout=1.), 'dropout'), (dict(validation_fraction=1.), 'validation_fraction'),
                     (dict(optimizer='lbfgs'), 'optimizer'), (dict(batch_size=0), 'batch_size'),
                     (dict(device='tpu'), 'device'), (dict(aggregator_type='spectral'), 'aggregator_type')]

@pytest.mark.parametrize('method', ['als', 'torch'])
@pytest.mark.parametrize('case,fn,refusal', DATA_CASES, ids=[c[0] for c in DATA_CASES])
def test_data_case(method, case, fn, refusal):
    if refusal is None: fn(method)
    else:
        with pytest.raises((ValueError, TypeError), match=refusal): fn(method)

@pytest.mark.parametrize('method,settings,refusal',
                         [(m, s, r) for m in ('als', 'torch') for s, r in PARAM_CASES] +
                         [('als', s, r) for s, r in ALS_PARAM_CASES] + [('torch', s, r) for s, r in TORCH_PARAM_CASES],
                         ids=lambda v: str(v) if not isinstance(v, dict) else ','.join(f'{k}={v[k]!r}' for k in v))
def test_parameter_refused(method, settings, refusal):
    kw = {**FAST[method], **settings}
    m = kw.pop('n_classifiers', 5)
    with pytest.raises(ValueError, match=refusal): TRAINERS[method](m, **kw).fit(EnsembleData(R, Y))

@pytest.mark.parametrize('method', ['als', 'torch'])
def test_unknown_parameter_named(method):
    with pytest.raises(TypeError, match='foo'): TRAINERS[method](5, foo=1)
    with pytest.raises(ValueError, match="no parameter 'foo'"): TRAINERS[method](5).set_params(foo=1)

P = R.T
Y_EST = np.where(np.isnan(Y), -1, Y).astype(int)
EST_CASES = [
    ('P with NaN (abstained)', lambda: CFEnsembleCombiner(**FAST['als']).fit(np.where(P > 0.95, np.nan, P), Y_EST),
     None),
    ('y as words with -1', lambda: CFEnsembleCombiner(**FAST['als']).fit(
        P, np.array([{1: 'sick', 0: 'well'}.get(v, -1) for v in Y_EST], dtype=object)), None),
    ('y in {-1, 1} (no unlabeled)', lambda: CFEnsembleCombiner(**FAST['als']).fit(P, 2 * ENS.y_true - 1), None),
    ('y boolean', lambda: CFEnsembleCombiner(**FAST['als']).fit(P, ENS.y_true.astype(bool)), None),
    ('y multiclass', lambda: CFEnsembleCombiner().fit(P, np.arange(120) % 3), 'binary'),
    ('y all unlabeled', lambda: CFEnsembleCombiner().fit(P, np.full(120, -1)), 'both classes|labeled'),
    ('y too short', lambda: CFEnsembleCombiner().fit(P, Y_EST[:-1]), 'rows but y has'),
    ('P above 1', lambda: CFEnsembleCombiner().fit(P * 2, Y_EST), r'\[0, 1\]'),
    ('P with inf', lambda: CFEnsembleCombiner().fit(np.where(P > 0.9, np.inf, P), Y_EST), 'inf|finite'),
    ('P 1-D', lambda: CFEnsembleCombiner().fit(P[:, 0], Y_EST), '2D|2-D'),
    ('P_new with other columns', lambda: CFEnsembleCombiner(**FAST['als']).fit(P, Y_EST).predict_proba(P[:, :3]),
     'features'),
    ('predict before fit', lambda: CFEnsembleCombiner().predict_proba(P), 'not fitted'),
    ('unknown method', lambda: CFEnsembleCombiner(method='svm').fit(P, Y_EST), 'method must be one of'),
]

@pytest.mark.parametrize('case,fn,refusal', EST_CASES, ids=[c[0] for c in EST_CASES])
def test_estimator_case(case, fn, refusal):
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        if refusal is None:
            est = fn(); p = est.predict_proba(P)
            assert p.shape == (120, 2) and np.isfinite(p).all() and np.allclose(p.sum(1), 1)
        else:
            with pytest.raises((ValueError, TypeError, AttributeError), match=refusal): fn()

def test_case_count():
    "The number of distinct hostile cases above (each data case runs on both trainers)."
    n = (2 * len(DATA_CASES) + 2 * len(PARAM_CASES) + len(ALS_PARAM_CASES) + len(TORCH_PARAM_CASES) + 2
         + len(EST_CASES) + 2 * len(ILL_CONDITIONED))
    print(f"\nhostile-input cases: {n}")
    assert n >= 150

ILL_CONDITIONED = {   # λ = 0 with data that makes Gram matrices singular
    'duplicated classifiers': lambda: np.vstack([R[:3], R[:3]]),
    'constant classifiers': lambda: np.vstack([R[:3], np.full((3, 120), 0.5)]),
    'exactly 0 and 1 everywhere': lambda: (np.vstack([R[:3], R[:3]]) > 0.5).astype(float),
}

@pytest.mark.parametrize('dtype', ['float64', 'float32'])
@pytest.mark.parametrize('case', list(ILL_CONDITIONED))
def test_ill_conditioned_warns_once(case, dtype):
    "Singular systems are solved (minimum-norm least squares), never NaN, and each fit or predict warns at most once."
    from cfensemble_nb.als import IllConditionedWarning
    Rc = ILL_CONDITIONED[case]()
    data = EnsembleData(Rc, Y)
    t = CFEnsembleTrainer(6, latent_dim=4, lambda_reg=0.0, dtype=dtype, space='probability')
    for i, call in enumerate((lambda: t.fit(data), lambda: t.predict(data), lambda: t.predict(R_new=Rc[:, :7]))):
        with warnings.catch_warnings(record=True) as got:
            warnings.simplefilter('always')
            out = call()
        ill = [w for w in got if issubclass(w.category, IllConditionedWarning)]
        exact = i == 0 or dtype == 'float64'           # float32 round-off can make a singular predict Gram regular
        assert len(ill) == 1 if exact else len(ill) <= 1, got
        assert all('were solved by minimum-norm least squares' in str(w.message) for w in ill)
    assert np.isfinite(t.predict(data)).all() and np.isfinite(out).all() and np.isfinite(t.X).all()

def test_torch_zero_lambda_says_so():
    "The PyTorch trainer regularizes λ = 0 fold-ins with a jitter, and says so once per fit."
    with warnings.catch_warnings(record=True) as got:
        warnings.simplefilter('always')
        data = EnsembleData(np.vstack([R[:3], R[:3]]), Y)
        t = CFEnsemblePyTorchTrainer(6, latent_dim=2, lambda_reg=0.0, max_epochs=5, random_seed=0)
        p = t.fit(data).predict(data)
    assert np.isfinite(p).all()
    assert sum('lambda_reg=0: the fold-in' in str(w.message) for w in got) == 1, [str(w.message) for w in got]
