"""Run every notebook in nbs/ through nbdev's own runner, one pytest test per notebook.

Honours tst_flags (`#| slow` cells are skipped unless NBDEV_TEST_FLAGS="slow"), `.notest` folders and `skip_exec: true`.
"""
import os
from pathlib import Path
import pytest
from nbdev.config import get_config
import nbdev.test as nbtest   # not `from nbdev.test import test_nb`: pytest would collect it as a test

ROOT = Path(__file__).resolve().parents[1]
CFG = get_config(path=ROOT)
SKIP = CFG.tst_flags.split() if isinstance(CFG.tst_flags, str) else list(CFG.tst_flags)
FORCE = os.environ.get('NBDEV_TEST_FLAGS', '').split()
NBS = sorted(p for p in Path(CFG.nbs_path).rglob('*.ipynb')
             if not any(part.startswith(('_', '.')) for part in p.relative_to(CFG.nbs_path).parts)
             and not (p.parent / '.notest').exists())

def test_notebooks_found():
    assert len(NBS) >= 6, f"expected the library's notebooks under {CFG.nbs_path}, found {NBS}"

@pytest.mark.parametrize('nb', NBS, ids=lambda p: str(p.relative_to(CFG.nbs_path)))
def test_notebook(nb):
    ok, secs = nbtest.test_nb(nb, skip_flags=SKIP, force_flags=FORCE, basepath=ROOT)
    assert ok, f'{nb.name} failed (traceback above)'
