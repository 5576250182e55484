"""Build the documentation site offline into _docs/ (no Quarto needed).

Usage:  python tools/build_docs.py [KATEX_DIST]

KATEX_DIST is the `dist/` folder of the npm `katex` package (default: .cache/katex/node_modules/katex/dist; install
it with `npm install --prefix .cache/katex katex@0.16.47`). Steps: nbdev's own notebook processing (renders
`show_doc` into _proc/), pages named as nbdev names them (`trainer.html`), smalldocs renders _proc/ into a Quarto-
like site, then the site is made self-contained: KaTeX copied next to the pages, API links made relative, placeholder
links and web fonts removed, and checked (the build fails if anything would still load from outside). Users who have
Quarto can run `nbdev_docs` instead. Works from any clone path, including one under a folder whose name starts with a
dot."""
import os, shutil, subprocess, sys
from pathlib import Path
import nbdev.doclinks
from nbdev.config import get_config
from nbdev.quarto import refresh_quarto_yml, nbdev_sidebar
from nbdev.serve import proc_nbs

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import merge_quarto_yml, localize_katex, offline_site

def main():
    cfg = get_config()
    os.chdir(cfg.config_path)
    katex = Path(sys.argv[1] if len(sys.argv) > 1 else '.cache/katex/node_modules/katex/dist').resolve()
    if not (katex / 'katex.min.js').exists():
        sys.exit(f"KaTeX not found in {katex}: run `npm install --prefix .cache/katex katex@0.16.47` first")
    nbs = Path(os.path.relpath(cfg.nbs_path))      # relative: nbdev skips files whose *absolute* path has a dot-folder
    refresh_quarto_yml()                           # writes nbs/nbdev.yml (and nbs/_quarto.yml if missing)
    nbdev.doclinks._build_modidx()                 # private API, fine with the pinned nbdev 2.4.14
    nbdev_sidebar.__wrapped__(path=str(nbs))
    shutil.rmtree('_proc', ignore_errors=True)     # no stale pages from an earlier build
    cache = Path(proc_nbs(str(nbs), n_workers=min(os.cpu_count() or 1, 2)))   # -> _proc/, show_doc rendered
    done = sorted(cache.rglob('*.ipynb'))
    if len(done) < 2:
        sys.exit(f"docs: nbdev's processing of {nbs.resolve()} produced {len(done)} notebook(s) in {cache}; "
                 "expected one per notebook (a path nbdev skips, or a notebook that failed above?)")
    merge_quarto_yml.main(cache)
    subprocess.run(['smalldocs', 'render', '--quiet', str(cache)], check=True)
    out = cache / cfg.doc_path.name
    shutil.rmtree(cfg.doc_path, ignore_errors=True)
    shutil.move(str(out), str(cfg.doc_path))
    localize_katex.main(cfg.doc_path, katex)
    print('offline:', offline_site.localize(cfg.doc_path, f"{cfg.doc_host}{cfg.doc_baseurl}", cfg.git_url))
    found = offline_site.problems(cfg.doc_path, (cfg.doc_host, cfg.git_url))
    if found: sys.exit("docs: the site would load from outside or link to a placeholder host:\n" + '\n'.join(found))
    print(f'docs: {len(list(cfg.doc_path.rglob("*.html")))} pages in {cfg.doc_path}')

if __name__ == '__main__': main()   # required: proc_nbs uses a process pool
