"""Hygiene of the sources: what the docs build and the readers of the notebooks depend on.

- nbdev's doc processing executes every cell containing an import, so imports stay alone in their cells;
- methods added to a class after its definition use fastcore's `@patch`, never `Cls.name = _fn` (nbdev's index would
  record `_fn`, and the API pages would show `def _fn(`);
- code lines are at most 120 characters;
- a paragraph that ends with ':' introduces something the reader sees, not code the docs hide;
- the repository stands alone: it does not refer to files outside it or to how it was developed.
"""
import ast, json, re
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
NBS = sorted(p for p in (ROOT / 'nbs').rglob('*.ipynb')
             if not any(part.startswith(('_', '.')) for part in p.relative_to(ROOT / 'nbs').parts))
PY = sorted([*(ROOT / 'cfensemble_nb').glob('*.py'), *(ROOT / 'tools').glob('*.py'), *(ROOT / 'tests').glob('*.py'),
             ROOT / 'setup.py'])
ids = lambda p: str(p.relative_to(ROOT))

def cells(path): return json.loads(path.read_text())['cells']
def directives(src):
    return {l[2:].split(':')[0].strip().split()[0] for l in src.splitlines() if l.startswith('#|') and l[2:].strip()}

def test_notebooks_found():
    "nbdev_test exits 0 on an empty selection: make sure the notebooks are where it looks."
    assert len(NBS) >= 14 and (ROOT / 'nbs' / 'benchmarks' / '.notest').exists(), NBS

def mixed_import_cells(path):
    bad = []
    for i, c in enumerate(cells(path)):
        src = ''.join(c['source'])
        if c['cell_type'] != 'code' or directives(src) & {'export', 'exporti', 'exports'}: continue
        try: tree = ast.parse('\n'.join(l for l in src.splitlines() if not l.lstrip().startswith(('%', '!'))))
        except SyntaxError: continue
        has_import = any(isinstance(n, (ast.Import, ast.ImportFrom)) for n in ast.walk(tree))   # nbdev looks in defs
        if has_import and not all(isinstance(n, (ast.Import, ast.ImportFrom)) for n in tree.body): bad.append(i)
    return bad

@pytest.mark.parametrize('nb', NBS, ids=ids)
def test_imports_in_their_own_cells(nb):
    assert mixed_import_cells(nb) == [], f"{nb.name}: cells {mixed_import_cells(nb)} mix imports with other code"

def attribute_assignments(src:str)->list:
    "Module-level `Name.attr = ...` statements (methods or properties attached by assignment)."
    tree = ast.parse(src)
    return [ast.unparse(n.targets[0]) for n in tree.body if isinstance(n, ast.Assign)
            and any(isinstance(t, ast.Attribute) and isinstance(t.value, ast.Name) for t in n.targets)]

def test_attribute_assignment_detector():
    assert attribute_assignments("class A: pass\ndef _f(self): pass\nA.f = _f\nx = 1") == ['A.f']
    assert attribute_assignments("x = 1\nfrom m import a") == []

@pytest.mark.parametrize('mod', sorted((ROOT / 'cfensemble_nb').glob('*.py')), ids=ids)
def test_methods_are_patched_not_assigned(mod):
    assert attribute_assignments(mod.read_text()) == [], f"{mod.name}: use fastcore's @patch"

def long_lines(path):
    "Lines over 120 characters (in a notebook: of its code cells); nbdev's generated `__all__` lines are not ours."
    if path.suffix == '.py':
        lines = path.read_text().splitlines()
        return [i for i, l in enumerate(lines, 1) if len(l) > 120 and not l.startswith('__all__')]
    return [(i, j) for i, c in enumerate(cells(path)) if c['cell_type'] == 'code'
            for j, l in enumerate(''.join(c['source']).splitlines(), 1) if len(l) > 120]

GENERATED = ('_modidx.py',)       # nbdev's index, written by nbdev_export

@pytest.mark.parametrize('path', NBS + [p for p in PY if p.name not in GENERATED], ids=ids)
def test_code_lines_at_most_120(path):
    assert long_lines(path) == [], f"{path.name}: lines over 120 characters at {long_lines(path)}"

def dangling_colons(path):
    "Markdown cells ending in ':' whose next cell is code the docs do not show (hidden or exported)."
    cs, bad = cells(path), []
    for i, (c, nxt) in enumerate(zip(cs, cs[1:])):
        text = ''.join(c['source']).rstrip()
        if c['cell_type'] != 'markdown' or not text.endswith(':') or nxt['cell_type'] != 'code': continue
        d, src = directives(''.join(nxt['source'])), ''.join(nxt['source'])
        if d & {'hide', 'export', 'exporti'} or re.search(r'^#\|\s*echo:\s*false', src, re.M): bad.append(i)
    return bad

@pytest.mark.parametrize('nb', NBS, ids=ids)
def test_no_colon_before_hidden_code(nb):
    assert dangling_colons(nb) == [], f"{nb.name}: cells {dangling_colons(nb)} end in ':' before code the docs hide"

# spelled in pieces so that this file does not match itself
FORBIDDEN = [re.compile(p, f) for p, f in [(r'\bDESI' + r'GN\b', 0), (r'STY' + r'LE\.md', 0), (r'\.\./sha' + r'red', 0),
                                           (r'\biss' + r'ues?\b', re.I), (r'\bsessi' + r'ons?\b', re.I),
                                           (r'(?<!progress )\bba' + r'rs?\b', re.I)]]
REPO_FILES = sorted([*NBS, *PY, ROOT / 'README.md', ROOT / 'settings.ini', ROOT / '.ci' / 'run',
                     ROOT / 'nbs' / '_quarto.yml', ROOT / 'nbs' / 'styles.css'])

def mentions(path):
    text = path.read_text()
    if path.suffix == '.ipynb': text = '\n'.join(''.join(c['source']) for c in cells(path))
    return sorted({m.group(0) for rx in FORBIDDEN for m in rx.finditer(text)})

def test_mention_detector():
    p = ROOT / 'tests' / '_probe.md'
    try:
        p.write_text('see ' + 'DESI' + 'GN §2; the ' + 'ba' + 'rs were met; a progress bar is fine; a sidebar too')
        assert mentions(p) == ['DESI' + 'GN', 'ba' + 'rs']
    finally: p.unlink()

@pytest.mark.parametrize('path', sorted(set(REPO_FILES)), ids=ids)
def test_stands_alone(path):
    assert mentions(path) == [], f"{path.name} mentions {mentions(path)}"
