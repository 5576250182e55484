"""Build the documentation site offline into _docs/ (no Quarto needed).

Usage:  python tools/build_docs.py [KATEX_DIST]

KATEX_DIST is the `dist/` folder of the npm `katex` package (default: .cache/katex/node_modules/katex/dist; install it with
`npm install --prefix .cache/katex katex@0.16.47`). Steps: nbdev's own notebook processing (renders `show_doc` into _proc/),
smalldocs renders _proc/ into a Quarto-like site, KaTeX is copied next to the pages so math typesets without a CDN.
Users who have Quarto can run `nbdev_docs` instead.
"""
import os, shutil, subprocess, sys
from pathlib import Path
import nbdev.doclinks
from nbdev.config import get_config
from nbdev.quarto import refresh_quarto_yml, nbdev_sidebar
from nbdev.serve import proc_nbs

HERE = Path(__file__).resolve().parent

def main():
    cfg = get_config()
    os.chdir(cfg.config_path)
    katex = Path(sys.argv[1] if len(sys.argv) > 1 else '.cache/katex/node_modules/katex/dist').resolve()
    if not (katex / 'katex.min.js').exists():
        sys.exit(f"KaTeX not found in {katex}: run `npm install --prefix .cache/katex katex@0.16.47` first")
    refresh_quarto_yml()                       # writes nbs/nbdev.yml (and nbs/_quarto.yml if missing)
    nbdev.doclinks._build_modidx()             # private API, fine with the pinned nbdev 2.4.14
    nbdev_sidebar.__wrapped__(path=cfg.nbs_path)
    cache = Path(proc_nbs(cfg.nbs_path, n_workers=min(os.cpu_count() or 1, 2)))   # -> _proc/, show_doc rendered
    subprocess.run([sys.executable, str(HERE / 'merge_quarto_yml.py'), str(cache)], check=True)
    subprocess.run(['smalldocs', 'render', '--quiet', str(cache)], check=True)
    out = cache / cfg.doc_path.name
    shutil.rmtree(cfg.doc_path, ignore_errors=True)
    shutil.move(str(out), str(cfg.doc_path))
    subprocess.run([sys.executable, str(HERE / 'localize_katex.py'), str(cfg.doc_path), str(katex)], check=True)
    print(f'docs: {cfg.doc_path}')

if __name__ == '__main__': main()   # required: proc_nbs uses a process pool
