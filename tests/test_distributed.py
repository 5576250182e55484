"""The Dask backend under the distributed scheduler with real worker processes (on loopback): the same fit as in memory,
and a worker killed in the middle of a fit is replaced, its lost blocks recomputed, the result unchanged."""
import os, signal, threading, time
import numpy as np
import pytest
pytest.importorskip('distributed')
import dask.array as da
from distributed import Client, LocalCluster
from cfensemble_nb.als import als_factorize
from cfensemble_nb.distributed import als_factorize_dask
from cfensemble_nb.synthetic import make_ensemble

ENS = make_ensemble(n_instances=3000, n_classifiers=8, missing_rate=0.2, random_state=0)
KW = dict(latent_dim=3, lambda_reg=0.3, max_iter=40, tol=0, biases=True)

@pytest.fixture(scope='module')
def client():
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None,
                      host='127.0.0.1') as cluster, Client(cluster, timeout=60) as c:
        yield c

def test_cluster_fit_equals_in_memory(client):
    ref = als_factorize(ENS.R, **KW)
    got = als_factorize_dask(da.from_array(ENS.R, chunks=(8, 250)), **KW)
    assert got.n_iter == ref.n_iter
    np.testing.assert_allclose(got.X, ref.X, atol=1e-8)
    np.testing.assert_allclose(got.Y.compute(), ref.Y, atol=1e-8)
    np.testing.assert_allclose(got.c.compute(), ref.c, atol=1e-8)

def test_killed_worker_is_recovered(client):
    ref = als_factorize(ENS.R, **KW)
    pids = list(client.run(os.getpid).values())
    out = {}
    run = lambda: out.update(res=als_factorize_dask(da.from_array(ENS.R, chunks=(8, 250)), **KW))
    fit = threading.Thread(target=run)
    fit.start()
    time.sleep(2.0)                                    # some sweeps in (a fit takes ~9 s): factors on both workers
    assert fit.is_alive()
    os.kill(pids[0], signal.SIGKILL)
    fit.join(timeout=240)
    assert not fit.is_alive() and 'res' in out, "the fit did not finish after a worker was killed"
    assert pids[0] not in client.run(os.getpid).values()          # the killed worker is gone: a new one took its place
    np.testing.assert_allclose(out['res'].X, ref.X, atol=1e-8)
    np.testing.assert_allclose(out['res'].Y.compute(), ref.Y, atol=1e-8)

def test_cluster_predicts_like_in_memory(client):
    "A fitted trainer scores a dask R_new on worker processes (the model travels once, pickled) as it does in memory."
    import warnings
    from cfensemble_nb.trainer import CFEnsembleTrainer
    from cfensemble_nb.torch_trainer import CFEnsemblePyTorchTrainer
    data = make_ensemble(n_instances=500, n_classifiers=8, random_state=1).data
    for t, tol in ((CFEnsembleTrainer(8, random_seed=0), 1e-10),
                   (CFEnsemblePyTorchTrainer(8, latent_dim=3, lambda_reg=0.1, max_epochs=20, random_seed=0),
                    1e-6)):                                                  # float32 factors: round-off at block edges
        with warnings.catch_warnings():
            warnings.simplefilter('ignore'); t.fit(data)
        lazy = t.predict(R_new=da.from_array(ENS.R, chunks=(8, 700)))
        np.testing.assert_allclose(lazy.compute(), t.predict(R_new=ENS.R), rtol=0, atol=tol)

def test_cluster_trainer_and_combiner_fit_like_in_memory(client):
    "The trainer and the combiner fitted on a dask R by worker processes: the in-memory fit, selection included."
    from cfensemble_nb.data import EnsembleData
    from cfensemble_nb.trainer import CFEnsembleTrainer
    from cfensemble_nb.estimators import CFEnsembleCombiner
    lazy = EnsembleData(da.from_array(ENS.R, chunks=(8, 250)), ENS.labels)
    kw = dict(cv_max_columns=1000, lambda_grid=(0.1, 1.0), random_seed=0)
    ref, got = CFEnsembleTrainer(8, **kw).fit(ENS.data), CFEnsembleTrainer(8, **kw).fit(lazy)
    assert (got.latent_dim_, got.lambda_reg_, got.aggregator_type_, got.n_iter_) == \
           (ref.latent_dim_, ref.lambda_reg_, ref.aggregator_type_, ref.n_iter_)
    np.testing.assert_allclose(got.X, ref.X, atol=1e-8)
    np.testing.assert_allclose(got.predict(lazy).compute(), ref.predict(ENS.data), atol=1e-8)
    y = np.where(np.isnan(ENS.labels), -1, ENS.labels)
    P = ENS.R.T
    comb = CFEnsembleCombiner(latent_dim=2, lambda_reg=0.1).fit(da.from_array(P, chunks=(400, 8)), y)
    comb_ref = CFEnsembleCombiner(latent_dim=2, lambda_reg=0.1).fit(P, y)
    np.testing.assert_allclose(comb.predict_proba(P), comb_ref.predict_proba(P), atol=1e-8)
