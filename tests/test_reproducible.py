"""Same seed, same answer: a fit in a fresh process gives bit-identical predictions, run after run and at 1 or 2
threads (both trainers, CPU); a different seed gives a different fit where the seed is used (random starts, the PyTorch
trainer's initial weights and validation split)."""
import hashlib, json, os, subprocess, sys
import pytest

SCRIPT = r'''
import hashlib, json, sys, warnings
import numpy as np
from cfensemble_nb.synthetic import make_ensemble
from cfensemble_nb.trainer import CFEnsembleTrainer
method, seed, init = sys.argv[1], int(sys.argv[2]), sys.argv[3]
data = make_ensemble(n_instances=600, n_classifiers=8, missing_rate=0.2, random_state=0).data
warnings.simplefilter('ignore')
if method == 'als': tr = CFEnsembleTrainer(8, init=init, random_seed=seed)
else:
    from cfensemble_nb.torch_trainer import CFEnsemblePyTorchTrainer
    tr = CFEnsemblePyTorchTrainer(8, max_epochs=60, random_seed=seed)
p = tr.fit(data).predict(data)
print(hashlib.sha256(np.ascontiguousarray(p).tobytes()).hexdigest())
'''

def digest(method, seed, threads=1, init='svd'):
    env = dict(os.environ, **{v: str(threads) for v in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS',
                                                        'NUMBA_NUM_THREADS')})
    r = subprocess.run([sys.executable, '-c', SCRIPT, method, str(seed), init], env=env, capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stderr[-2000:]
    return r.stdout.strip().splitlines()[-1]

@pytest.mark.parametrize('method,init', [('als', 'svd'), ('als', 'random'), ('torch', 'random')])
def test_same_seed_same_bits_across_processes_and_threads(method, init):
    a, b, c = digest(method, 0, 1, init), digest(method, 0, 1, init), digest(method, 0, 2, init)
    assert a == b, "two fresh processes, same seed: predictions differ"
    assert a == c, "one thread vs two: predictions differ"

@pytest.mark.parametrize('method,init', [('als', 'random'), ('torch', 'random')])
def test_different_seed_different_fit(method, init):
    assert digest(method, 0, 1, init) != digest(method, 1, 1, init)

def test_torch_biases_round_trip(tmp_path):
    "A PyTorch trainer with bias terms saves and loads (arrays + JSON) with bit-identical predictions, new columns too."
    import warnings
    from cfensemble_nb.synthetic import make_ensemble
    from cfensemble_nb.torch_trainer import CFEnsemblePyTorchTrainer
    data = make_ensemble(n_instances=300, n_classifiers=6, missing_rate=0.3, random_state=2).data
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        t = CFEnsemblePyTorchTrainer(6, biases=True, latent_dim=2, lambda_reg=0.1, max_epochs=20, random_seed=0)
        t.fit(data)
    assert t.classifier_bias_.shape == (6,) and t.point_bias_.shape == (300,) and t.X.shape == (2, 6)
    t.save(tmp_path / 'm.npz')
    back = CFEnsemblePyTorchTrainer.load(tmp_path / 'm.npz')
    assert (back.predict(data) == t.predict(data)).all()
    assert (back.predict(R_new=data.R[:, :40]) == t.predict(R_new=data.R[:, :40])).all()
