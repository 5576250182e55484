"""Fold nbdev.yml / sidebar.yml into the _proc copy of _quarto.yml (smalldocs does not read `metadata-files`)."""
import sys, yaml
from pathlib import Path

def merge(a, b):
    for k, v in b.items():
        if isinstance(v, dict) and isinstance(a.get(k), dict): merge(a[k], v)
        else: a[k] = v
    return a

def pages(xs):
    "Keep notebook/markdown entries of a sidebar (smalldocs renders only those)."
    out = []
    for x in xs or []:
        if isinstance(x, dict): x['contents'] = pages(x.get('contents')); out.append(x)
        elif str(x).endswith(('.ipynb', '.qmd', '.md')): out.append(x)
    return out

def main(d:Path):
    q = d / '_quarto.yml'
    cfg = yaml.safe_load(q.read_text())
    for name in cfg.pop('metadata-files', []) or []:
        p = d / name
        if p.exists(): merge(cfg, yaml.safe_load(p.read_text()) or {}); p.unlink()
    fmt = cfg.get('format', {})
    fmt.pop('commonmark', None); cfg.pop('format-links', None)
    html = fmt.get('html', {})
    html.pop('keep-md', None)
    sb = cfg.get('website', {}).get('sidebar', {})
    if 'contents' in sb: sb['contents'] = pages(sb['contents'])
    if html.get('css') and not (d / str(html['css'])).exists(): html.pop('css')
    q.write_text(yaml.safe_dump(cfg, sort_keys=False))

if __name__ == '__main__': main(Path(sys.argv[1]))
