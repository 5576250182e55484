"""Copy KaTeX next to the rendered site and point every page at the local copy (no CDN is reachable offline)."""
import os, re, shutil, sys
from pathlib import Path

def main(site:Path, katex:Path):
    dst = site / 'site_libs' / 'katex'
    if dst.exists(): shutil.rmtree(dst)
    (dst / 'contrib').mkdir(parents=True)
    for f in ['katex.min.css', 'katex.min.js']: shutil.copy2(katex / f, dst / f)
    shutil.copy2(katex / 'contrib' / 'auto-render.min.js', dst / 'contrib' / 'auto-render.min.js')
    shutil.copytree(katex / 'fonts', dst / 'fonts')
    pat = re.compile(r'https://cdn\.jsdelivr\.net/npm/katex@[0-9.]+/dist')
    n = 0
    for html in site.rglob('*.html'):
        rel = os.path.relpath(dst, html.parent)
        s = html.read_text(); t = pat.sub(rel, s)
        if t != s: html.write_text(t); n += 1
    print(f'katex: {n} pages point at {dst}')

if __name__ == "__main__": main(Path(sys.argv[1]), Path(sys.argv[2]))
