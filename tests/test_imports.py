"""Every exported module imports, and the NumPy/ALS path works without loading torch (DESIGN §2)."""
import subprocess, sys
import pytest

MODULES = ['data', 'synthetic', 'confidence', 'losses', 'als', 'als_bench', 'aggregators', 'trainer', 'evaluation', 'cli', 'torch_trainer']

@pytest.mark.parametrize('mod', MODULES)
def test_module_imports(mod):
    r = subprocess.run([sys.executable, '-c', f'import cfensemble_nb.{mod}'], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr

def test_top_level_names_without_torch():
    code = ("import sys, numpy as np, cfensemble_nb as c; "
            "e = c.make_ensemble(n_instances=200, random_state=0); "
            "t = c.CFEnsembleTrainer(10, latent_dim=3, lambda_reg=0.1, random_seed=0).fit(e.data); t.predict(e.data); "
            "assert 'torch' not in sys.modules, 'the ALS path loaded torch'; "
            "c.CFEnsemblePyTorchTrainer; assert 'torch' in sys.modules")
    r = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True)
    assert r.returncode == 0, r.stderr
