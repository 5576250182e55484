"""The PyTorch trainer on a CUDA GPU gives what it gives on the CPU. Skipped (with the reason) where no GPU exists.

One command where a GPU is present:  python -m pytest -q tests/test_gpu.py
(`CFENSEMBLE_DEVICE=cuda:1` picks another device than the first.)"""
import os
import numpy as np
import pytest
import torch
from cfensemble_nb.synthetic import make_ensemble
from cfensemble_nb.torch_trainer import CFEnsemblePyTorchTrainer

DEVICE = os.environ.get('CFENSEMBLE_DEVICE', 'cuda')
pytestmark = pytest.mark.skipif(not torch.cuda.is_available(), reason="no CUDA GPU (torch.cuda.is_available() False)")

@pytest.fixture(scope='module')
def data(): return make_ensemble(n_instances=1000, random_state=0).data

@pytest.mark.parametrize('dtype, eps', [('float64', 1e-8), ('float32', 2e-3)])
@pytest.mark.parametrize('kind, extra', [('weighted', {}), ('mlp', {}), ('attention', {}), ('gated', {}),
                                         ('gated', dict(refit_aggregator=False))])   # exact refit; Adam steps
def test_cuda_matches_cpu(data, dtype, eps, kind, extra):
    "Same seed, same data: the initial weights are drawn on the CPU, so both devices start and should end alike."
    kw = dict(random_seed=0, max_epochs=60, validation_fraction=0, lr_schedule=False, dtype=dtype, aggregator_type=kind,
              **extra)
    cpu = CFEnsemblePyTorchTrainer(10, device='cpu', **kw).fit(data)
    gpu = CFEnsemblePyTorchTrainer(10, device=DEVICE, **kw).fit(data)
    assert gpu.device_.type == 'cuda' and gpu._X_t.device.type == 'cuda'
    np.testing.assert_allclose(gpu.predict(data), cpu.predict(data), atol=eps)

@pytest.mark.parametrize('kind', ['weighted', 'mlp'])
def test_cuda_matches_cpu_joint(data, kind):
    "The joint objective (ρ < 1 from a random start: the epochs move the factors too) on both devices, in float64."
    kw = dict(random_seed=0, max_epochs=60, validation_fraction=0, lr_schedule=False, dtype='float64',
              aggregator_type=kind, rho=0.5, init='random')
    cpu = CFEnsemblePyTorchTrainer(10, device='cpu', **kw).fit(data)
    gpu = CFEnsemblePyTorchTrainer(10, device=DEVICE, **kw).fit(data)
    np.testing.assert_allclose(gpu.X, cpu.X, atol=1e-6)
    np.testing.assert_allclose(gpu.predict(data), cpu.predict(data), atol=1e-8)

def test_cuda_default_fit_is_reproducible(data):
    "Two seeded default fits on the GPU agree (to float32 rounding: some CUDA kernels reduce in a varying order)."
    a, b = [CFEnsemblePyTorchTrainer(10, device=DEVICE, random_seed=0).fit(data) for _ in range(2)]
    np.testing.assert_allclose(a.predict(data), b.predict(data), atol=1e-4)
    assert a.converged_ and a.n_epochs_ < a.max_epochs
