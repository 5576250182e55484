"""Property tests (hypothesis) for input validation, confidence composition and the batched ALS solver."""
import os
import numpy as np
import pytest
from hypothesis import given, settings, strategies as st, HealthCheck
from hypothesis.extra.numpy import arrays
from cfensemble_nb.data import EnsembleData
from cfensemble_nb.confidence import confidence
from cfensemble_nb.als import (update_instance_factors, update_instance_factors_reference,
                               update_classifier_factors, update_classifier_factors_reference)

# CI runs a fixed (derandomized) set of 40 examples per property; HYPOTHESIS_EXAMPLES=600 explores randomly and longer.
_N = os.environ.get("HYPOTHESIS_EXAMPLES")
SETTINGS = settings(max_examples=int(_N or 40), derandomize=_N is None, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow])
shapes = st.tuples(st.integers(1, 6), st.integers(1, 12))

@st.composite
def ensembles(draw, missing=True):
    m, n = draw(shapes)
    R = draw(arrays(np.float64, (m, n), elements=st.floats(0, 1)))
    if missing:
        mask = draw(arrays(np.bool_, (m, n)))
        mask[0, :] = False; mask[:, 0] = False         # keep every row and column observed
        R = np.where(mask, np.nan, R)
    y = draw(arrays(np.float64, (n,), elements=st.sampled_from([0., 1., np.nan])))
    # confidences: zero or in a realistic range (weights spanning 1e-300..1 make any solver's rank decisions arbitrary)
    C = draw(arrays(np.float64, (m, n), elements=st.just(0.0) | st.floats(1e-3, 5)))
    C[0] = np.where(C[0] > 0, C[0], 1.0)                # every point keeps some weight (row 0 is always observed)
    return R, y, C

@SETTINGS
@given(ensembles())
def test_valid_input_accepted(e):
    R, y, C = e
    d = EnsembleData(R, y, C)
    assert (d.C[np.isnan(R)] == 0).all() and d.n_labeled == int((~np.isnan(y)).sum())

@SETTINGS
@given(ensembles(missing=False), st.floats(1.0001, 1e6) | st.floats(-1e6, -1e-6), st.integers(0, 100))
def test_out_of_range_probability_refused(e, bad, pos):
    R, y, C = e
    R = R.copy(); R.flat[pos % R.size] = bad
    with pytest.raises(ValueError, match=r"\[0, 1\]"): EnsembleData(R, y, C)

@SETTINGS
@given(ensembles(), st.floats(-10, 10).filter(lambda v: v not in (0, 1)), st.integers(0, 100))
def test_bad_label_refused(e, bad, pos):
    R, y, C = e
    y = y.copy(); y[pos % len(y)] = bad
    with pytest.raises(ValueError, match="0, 1 or NaN"): EnsembleData(R, y, C)

@SETTINGS
@given(ensembles(), st.sampled_from([np.inf, -np.inf, np.nan, -1.0]), st.integers(0, 100))
def test_bad_confidence_refused(e, bad, pos):
    R, y, C = e
    obs = np.flatnonzero(~np.isnan(R))
    C = C.copy(); C.flat[obs[pos % len(obs)]] = bad
    with pytest.raises(ValueError, match="non-finite|non-negative"): EnsembleData(R, y, C)

@SETTINGS
@given(ensembles(), st.integers(0, 100))
def test_zero_weight_point_refused(e, pos):
    R, y, C = e
    C = C.copy(); C[:, pos % C.shape[1]] = 0
    with pytest.raises(ValueError, match=r"0 on every cell of column\(s\)"): EnsembleData(R, y, C)

@SETTINGS
@given(ensembles(), st.sampled_from(['uniform', 'certainty', 'label_aware', 'reliability']))
def test_strategies_compose_with_user_confidence(e, strategy):
    R, y, C = e
    kw = {'weights': np.linspace(0.5, 2, R.shape[0])} if strategy == 'reliability' else {}
    with_user, plain = EnsembleData(R, y, C), EnsembleData(R, y)
    np.testing.assert_allclose(confidence(with_user, strategy, **kw), with_user.C * confidence(plain, strategy, **kw),
                               rtol=1e-12)

@SETTINGS
@given(ensembles(), st.integers(1, 5), st.sampled_from([0.01, 1.0]), st.sampled_from(['numba', 'numpy']),
       st.integers(0, 2**31))
def test_batched_equals_reference(e, d, lam, backend, seed):
    R, y, C = e
    X = np.random.default_rng(seed).standard_normal((d, R.shape[0]))
    Y = update_instance_factors(X, R, C, lam, backend=backend)
    Yr = update_instance_factors_reference(X, R, C, lam)
    np.testing.assert_allclose(Y, Yr, rtol=1e-7, atol=1e-8 * (1 + np.abs(Yr).max()))
    Xb = update_classifier_factors(Yr, R, C, lam, backend=backend)
    Xr = update_classifier_factors_reference(Yr, R, C, lam)
    np.testing.assert_allclose(Xb, Xr, rtol=1e-7, atol=1e-8 * (1 + np.abs(Xr).max()))

@SETTINGS
@given(ensembles(), st.integers(1, 5), st.sampled_from(['numba', 'numpy']), st.integers(0, 2**31))
def test_unregularized_solves_satisfy_normal_equations(e, d, backend, seed):
    "λ = 0 allows singular systems (fewer observations than factors): never an error, always a least-squares solution."
    R, y, C = e
    X = np.random.default_rng(seed).standard_normal((d, R.shape[0]))
    Y = update_instance_factors(X, R, C, 0.0, backend=backend)
    assert np.isfinite(Y).all()
    W = np.where(np.isnan(R), 0, C); WR = W * np.nan_to_num(R)
    for i in range(R.shape[1]):
        G, b = (X * W[:, i]) @ X.T, X @ WR[:, i]
        scale = np.linalg.norm(G) * np.linalg.norm(Y[:, i]) + np.linalg.norm(b) + 1e-300
        assert np.linalg.norm(G @ Y[:, i] - b) <= 1e-6 * scale
