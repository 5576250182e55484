"""Notebook hygiene that the docs build depends on: nbdev's doc processing executes every cell containing an import, so a cell that
mixes imports with other code runs out of context there (and fails). Imports stay alone in their own cells (STYLE.md)."""
import ast, json
from pathlib import Path
import pytest

NBS = sorted(p for p in (Path(__file__).resolve().parents[1] / 'nbs').rglob('*.ipynb') if not p.name.startswith('_'))

def mixed_import_cells(path):
    bad = []
    for i, c in enumerate(json.loads(path.read_text())['cells']):
        src = ''.join(c['source'])
        if c['cell_type'] != 'code' or any(l.startswith(('#| export', '#|export')) for l in src.splitlines()): continue
        try: tree = ast.parse('\n'.join(l for l in src.splitlines() if not l.lstrip().startswith(('%', '!'))))
        except SyntaxError: continue
        has_import = any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(tree))   # nbdev looks inside defs too
        if has_import and not all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in tree.body): bad.append(i)
    return bad

@pytest.mark.parametrize('nb', NBS, ids=lambda p: p.name)
def test_imports_in_their_own_cells(nb):
    assert mixed_import_cells(nb) == [], f"{nb.name}: cells {mixed_import_cells(nb)} mix imports with other code"
