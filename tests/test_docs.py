"""The documentation site as built offline (`python tools/build_docs.py`): self-contained, API pages with parameter
tables, local links that resolve, and a build that works from any clone path (also under a dot-folder)."""
import os, re, shutil, subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
SITE = ROOT / '_docs'
KATEX = ROOT / '.cache' / 'katex' / 'node_modules' / 'katex' / 'dist'
sys.path.insert(0, str(ROOT / 'tools'))
import offline_site

IN_CI = os.environ.get('CI') == 'true'      # CI builds the site before the tests: there, a missing site is a failure
needs_site = pytest.mark.skipif(not SITE.exists() and not IN_CI,
                                reason="build the site first: python tools/build_docs.py")
needs_katex = pytest.mark.skipif(not KATEX.exists() and not IN_CI,
                                 reason="npm install --prefix .cache/katex katex@0.16.47 first")

def hosts():
    from nbdev.config import get_config
    cfg = get_config(path=ROOT)
    return (cfg.doc_host, cfg.git_url)

def test_detectors(tmp_path):
    (tmp_path / 'a.html').write_text('<script src="https://cdn.example/x.js"></script><link rel="stylesheet" '
                                     'href="https://fonts.example/f.css">'
                                     '<a href="https://cfensemble.github.io/x/als.html#f">f</a>'
                                     '<a href="https://github.com/cfensemble/cfensemble_nb/blob/x">source</a>')
    (tmp_path / 'sub').mkdir()
    (tmp_path / 'sub' / 'b.html').write_text('<a href="https://cfensemble.github.io/x/c.html">c</a>')
    (tmp_path / 's.css').write_text('@import url(https://fonts.example/css2?family=X);\nbody { color: red }')
    found = offline_site.problems(tmp_path, ('https://cfensemble.github.io', 'https://github.com/cfensemble'))
    assert len([f for f in found if 'loads' in f]) == 3 and len([f for f in found if 'mentions' in f]) == 3, found
    counts = offline_site.localize(tmp_path, 'https://cfensemble.github.io/x',
                                   'https://github.com/cfensemble/cfensemble_nb')
    assert counts == dict(api_links=2, repo_links=1, css_imports=1)
    assert 'href="als.html#f"' in (tmp_path / 'a.html').read_text()
    assert 'href="../c.html"' in (tmp_path / 'sub' / 'b.html').read_text()
    assert [f for f in offline_site.problems(tmp_path, ('https://cfensemble.github.io',)) if 'mentions' in f] == []

@needs_site
def test_nothing_loaded_from_outside_and_no_placeholder_links():
    assert offline_site.problems(SITE, hosts()) == []

@needs_site
def test_pages_are_named_as_nbdev_links_them():
    pages = {p.name for p in SITE.glob('*.html')}
    assert {'index.html', 'background.html', 'data.html', 'als.html', 'trainer.html', 'trainer_core.html',
            'torch_trainer.html', 'cli.html'} <= pages, pages
    assert not any(re.match(r'\d', p) for p in pages), pages

@needs_site
def test_api_pages_show_parameter_tables():
    html = (SITE / 'trainer.html').read_text()
    table = html[html.index('id="cfensembletrainer"'):]
    table = table[:table.index('</table>')]
    for cell in ('<td><code>latent_dim</code></td>', '<td>int | str | None</td>', '<td>‘auto’</td>', 'Rank d;'):
        assert cell in table, cell
    assert 'def _fit(' not in html and 'def _predict(' not in html

@needs_site
def test_local_links_resolve():
    broken = []
    for page in SITE.rglob('*.html'):
        for href in re.findall(r'href="([^"]+)"', page.read_text()):
            if re.match(r'(https?:|mailto:|#|data:|javascript:)', href): continue
            target = (page.parent / href.split('#')[0]).resolve()
            if not target.exists(): broken.append(f"{page.relative_to(SITE)} -> {href}")
    assert broken == []
    assert 'href="als.html#als_sweeps"' in (SITE / 'trainer.html').read_text()      # an API link, made local

@needs_katex
def test_build_from_a_folder_whose_name_starts_with_a_dot(tmp_path):
    files = subprocess.run(['git', 'ls-files', '-co', '--exclude-standard'], cwd=ROOT, capture_output=True, text=True,
                           check=True).stdout.split()
    dest = tmp_path / '.hidden' / 'project'
    for f in files:
        if (ROOT / f).is_file(): (dest / f).parent.mkdir(parents=True, exist_ok=True); shutil.copy2(ROOT / f, dest / f)
    r = subprocess.run([sys.executable, 'tools/build_docs.py', str(KATEX)], cwd=dest, capture_output=True, text=True,
                       timeout=600)
    assert r.returncode == 0, r.stdout[-2000:] + r.stderr[-3000:]
    assert (dest / '_docs' / 'trainer.html').stat().st_size > 10_000
