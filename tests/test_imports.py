"""Every exported module imports, and the NumPy/ALS path works without loading torch."""
import subprocess, sys
from pathlib import Path
import pytest

PKG = Path(__file__).resolve().parents[1] / 'cfensemble_nb'
MODULES = sorted(p.stem for p in PKG.glob('*.py') if not p.name.startswith('_'))

def test_every_module_is_listed():
    assert {'data', 'als', 'trainer_core', 'trainer', 'torch_trainer', 'cli', 'showdoc'} <= set(MODULES), MODULES

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

def test_help_lists_the_parameters():
    code = "import pydoc, cfensemble_nb as c; print(pydoc.render_doc(c.CFEnsembleTrainer, renderer=pydoc.plaintext))"
    out = subprocess.run([sys.executable, '-c', code], capture_output=True, text=True).stdout
    assert "latent_dim : int | str | None, default 'auto'" in out and 'Rank d;' in out
    assert 'rho : float, default 0.5' in out
