"""Property-based hostile inputs (hypothesis): random matrices with random defects, random labels and random settings,
through both trainers, both estimators and the CLI. Whatever is drawn, the outcome is one of two: finite
probabilities in [0, 1], or a ValueError / TypeError with a message (for the CLI: status 2 and one line, never a
traceback). The table-driven cases in tests/test_hostile.py name each defect; these draw combinations of them."""
import contextlib, csv, io, warnings
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st, HealthCheck, event
from cfensemble_nb.data import EnsembleData
from cfensemble_nb.trainer import CFEnsembleTrainer
from cfensemble_nb.torch_trainer import CFEnsemblePyTorchTrainer
from cfensemble_nb.estimators import CFEnsembleCombiner
from cfensemble_nb.cli import main

FUZZ = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow], derandomize=True)
CELLS = st.sampled_from([0.0, 0.2, 0.5, 0.8, 1.0, np.nan, np.nan, 1.5, -0.5, np.inf, 1 + 1e-16])
LABELS = st.sampled_from([0.0, 1.0, np.nan, np.nan, 2.0, -1.0])

@st.composite
def problems(draw):
    "(R, labels): mostly valid probabilities with a sprinkling of defects, m in 1..5, n in 1..30."
    m, n = draw(st.integers(1, 5)), draw(st.integers(1, 30))
    rng = np.random.default_rng(draw(st.integers(0, 2**16)))
    R = rng.uniform(0, 1, (m, n))
    for _ in range(draw(st.sampled_from([0] * 6 + [1, 2, 4]))): R[rng.integers(m), rng.integers(n)] = draw(CELLS)
    y = np.where(rng.random(n) < 0.5, (rng.random(n) < 0.4).astype(float), np.nan)
    if draw(st.integers(0, 4)): y[:2] = [0., 1.][:n]                  # most draws have both classes labeled
    for _ in range(draw(st.sampled_from([0] * 6 + [1, 2]))): y[rng.integers(n)] = draw(LABELS)
    return R, y

SETTINGS = st.fixed_dictionaries({}, optional={
    'latent_dim': st.sampled_from([1, 2, 3, 1, 2, 3, 0, 2.5, 'x', 50]),
    'lambda_reg': st.sampled_from([0.0, 0.1, 1.0, 0.0, 0.1, 1.0, -1.0, np.nan]),
    'rho': st.sampled_from([0.3, 1.0, 0.3, 1.0, 1.5, 0.0]),
    'focal_gamma': st.sampled_from([0.0, 2.0, 0.0, 2.0, -1.0]),
    'use_class_weights': st.booleans(),
    'space': st.sampled_from(['logit', 'probability', 'logit', 'probability', 'odd'])})

def outcome(fit_predict):
    "Run; return the probabilities, or None after a ValueError/TypeError with a non-empty message."
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        try: p = np.asarray(fit_predict())
        except (ValueError, TypeError) as e:
            assert str(e).strip(), f"{type(e).__name__} without a message"
            event(f"refused: {type(e).__name__}: {str(e)[:60]}"); return None
    assert np.isfinite(p).all() and (p >= 0).all() and (p <= 1).all(), p
    event('works'); return p

@pytest.mark.parametrize('method', ['als', 'torch'])
@FUZZ
@given(problem=problems(), kw=SETTINGS)
def test_trainer_fuzz(method, problem, kw):
    R, y = problem
    def run():
        data = EnsembleData(R, y)
        if method == 'als': t = CFEnsembleTrainer(data.n_classifiers, **{'latent_dim': 2, 'lambda_reg': 0.1, **kw})
        else: t = CFEnsemblePyTorchTrainer(data.n_classifiers, **{'latent_dim': 2, 'max_epochs': 3, 'random_seed': 0,
                                                                   **kw})
        p = t.fit(data).predict(data)
        assert p.shape == (data.n_instances,)
        return p
    outcome(run)

@FUZZ
@given(problem=problems(), word_labels=st.booleans())
def test_combiner_fuzz(problem, word_labels):
    R, y = problem
    y_est = np.where(np.isnan(y), -1, y)
    if word_labels: y_est = np.array([{0.: 'no', 1.: 'yes', -1.: -1}.get(v, 'maybe') for v in y_est], dtype=object)
    def run():
        est = CFEnsembleCombiner(latent_dim=2, lambda_reg=0.1).fit(R.T, y_est)
        p = est.predict_proba(R.T)
        assert p.shape == (R.shape[1], 2) and np.allclose(p.sum(1), 1)
        return p
    outcome(run)

GOOD_FIELDS = ['0.1', '0.9', '0.5', '0.3', '', 'NA', ' 0.7 ', '1e-300', '1']
BAD_FIELDS = ['1.2', '-3', 'abc', 'inf', 'nan', '0.5;0.2']

@st.composite
def csv_tables(draw):
    "(probability rows, label fields): n rows × w fields, mostly valid, sometimes ragged or with a bad field."
    n, w = draw(st.integers(0, 14)), draw(st.integers(1, 4))
    rows = [[draw(st.sampled_from(GOOD_FIELDS)) for _ in range(w)] for _ in range(n)]
    if rows and draw(st.integers(0, 5)) == 0: rows[draw(st.integers(0, n - 1))][0] = draw(st.sampled_from(BAD_FIELDS))
    if rows and draw(st.integers(0, 5)) == 0: rows[draw(st.integers(0, n - 1))].append('0.4')      # a ragged row
    good = ['0', '1', '', '-1'] if draw(st.booleans()) else ['yes', 'no', 'NA']
    labels = good[:2][:n] + [draw(st.sampled_from(good)) for _ in range(n - 2)]      # both classes, usually
    if draw(st.integers(0, 5)) == 0: labels = labels[:-1] + [draw(st.sampled_from(['2', 'maybe', '0.5']))]
    if draw(st.integers(0, 5)) == 0: labels = labels[1:]                                          # one label short
    return rows, labels

@settings(max_examples=60, deadline=None, derandomize=True,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture])
@given(table=csv_tables(), header=st.booleans(),
       extra=st.sampled_from([[], [], [], [], ['--rho', '0'], ['--latent-dim', 'x'], ['--method', 'torch', '--params',
                              '{"max_epochs": 2}'], ['--params', '[1]'], ['--params', '{"nope": 1}'], ['--seed', '-2'],
                              ['--lambda-reg', '-1'], ['--inputs', 'logit']]))
def test_cli_fuzz(tmp_path, table, header, extra):
    rows, labels = table
    probs, labs, out = tmp_path / 'p.csv', tmp_path / 'y.csv', tmp_path / 'out.csv'
    with open(probs, 'w', newline='') as f:
        w = csv.writer(f)
        if header and rows: w.writerow([f'model{j}' for j in range(len(rows[0]))])
        w.writerows(rows)
    labs.write_text(''.join(v + '\n' for v in labels))
    err = io.StringIO()
    with contextlib.redirect_stdout(io.StringIO()), contextlib.redirect_stderr(err):
        try: status = main(['fit', '--probs', str(probs), '--labels', str(labs), '--out', str(out), '--no-progress',
                            '--latent-dim', '2', '--lambda-reg', '0.1', *extra])
        except SystemExit as e: status = e.code
    text = err.getvalue()
    assert status in (0, 2), (status, text)
    event(f"status {status}")
    assert 'Traceback' not in text
    lines = text.strip().splitlines()
    assert all(l.startswith(('cfensemble: warning: ', 'cfensemble: error: ')) for l in lines), text   # one line each
    if status == 2: assert lines[-1].startswith('cfensemble: error: ') and sum('error:' in l for l in lines) == 1, text
    else:
        got = out.read_text().splitlines()
        assert len(got) == 1 + len(rows), got
        p = np.array([float(r.split(',')[0]) for r in got[1:]])
        assert np.isfinite(p).all() and (p >= 0).all() and (p <= 1).all()

@settings(max_examples=80, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(n=st.integers(4, 40), seed=st.integers(0, 2**16),
       defect=st.sampled_from([None, None, None, 'nan', 'inf', 'word']),
       labels=st.sampled_from(['01', '01', 'words', 'one class', 'multiclass']), unlabeled=st.booleans())
def test_classifier_fuzz(n, seed, defect, labels, unlabeled):
    "CFEnsembleClassifier on random features: works (probabilities summing to 1) or refuses with a message."
    from sklearn.linear_model import LogisticRegression
    from sklearn.naive_bayes import GaussianNB
    from cfensemble_nb.estimators import CFEnsembleClassifier
    rng = np.random.default_rng(seed)
    X = rng.standard_normal((n, 3)).astype(object if defect == 'word' else float)
    if defect == 'nan': X[rng.integers(n), 0] = np.nan
    if defect == 'inf': X[rng.integers(n), 1] = np.inf
    if defect == 'word': X[rng.integers(n), 2] = 'high'
    y = (X[:, 0].astype(float, copy=False) > 0).astype(int) if defect != 'word' else rng.integers(0, 2, n)
    y = np.nan_to_num(y).astype(int); y[:2] = [0, 1]
    if labels == 'words': y = np.where(y == 1, 'sick', 'well').astype(object)
    if labels == 'one class': y = np.zeros(n, int)
    if labels == 'multiclass': y = rng.integers(0, 3, n)
    if unlabeled and labels != 'words': y = np.where(np.arange(n) % 4 == 3, -1, y)
    def run():
        est = CFEnsembleClassifier(estimators=[LogisticRegression(), GaussianNB()], cv=2, latent_dim=1, lambda_reg=0.1,
                                   random_seed=0).fit(X, y)
        p = est.predict_proba(X)
        assert p.shape == (n, 2) and np.allclose(p.sum(1), 1)
        return p[:, 1]
    p = outcome(run)
    if defect is None and labels in ('01', 'words') and n >= 20:   # clean data with both classes: it must work
        assert p is not None, "a clean binary problem was refused"
