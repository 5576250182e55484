"""Prepare nbdev's processed notebooks (`_proc/`) for smalldocs, which does not read everything Quarto reads.

- Fold `nbdev.yml` / `sidebar.yml` into `_proc/_quarto.yml` (smalldocs does not read `metadata-files`).
- Name every page as Quarto and nbdev's API links do: nbdev gives each notebook an `output-file` without its number
  prefix (`06a_trainer.ipynb` -> `trainer.html`); smalldocs names pages after the file, so the files are renamed to
  match, and the sidebar follows.
- Drop what would point at a host this offline site does not have: `site-url` (canonical links, sitemap), `repo-url`
  and `repo-actions` (links into the repository, whose configured address is a placeholder)."""
import json, sys, yaml
from pathlib import Path

def merge(a, b):
    for k, v in b.items():
        if isinstance(v, dict) and isinstance(a.get(k), dict): merge(a[k], v)
        else: a[k] = v
    return a

def output_name(nb:Path)->str|None:
    "The `output-file` nbdev wrote into a processed notebook's frontmatter (None if it has none)."
    for c in json.loads(nb.read_text())['cells']:
        src = ''.join(c['source'])
        if c['cell_type'] == 'raw' and src.lstrip().startswith('---'):
            fm = yaml.safe_load(src.strip().strip('-')) or {}
            return fm.get('output-file')
    return None

def rename_pages(d:Path)->dict:
    "Rename each processed notebook to its `output-file` stem; returns {old relative path: new relative path}."
    renames = {}
    for nb in sorted(d.rglob('*.ipynb')):
        out = output_name(nb)
        if not out: continue
        new = nb.with_name(Path(out).stem + '.ipynb')
        if new != nb:
            if new.exists(): sys.exit(f"docs: two notebooks would both be published as {new.name}")
            nb.rename(new); renames[str(nb.relative_to(d))] = str(new.relative_to(d))
    return renames

def pages(xs, renames):
    "Keep notebook/markdown entries of a sidebar (smalldocs renders only those), under their published names."
    out = []
    for x in xs or []:
        if isinstance(x, dict): x['contents'] = pages(x.get('contents'), renames); out.append(x)
        elif str(x).endswith(('.ipynb', '.qmd', '.md')): out.append(renames.get(str(x), x))
    return out

def main(d:Path):
    renames = rename_pages(d)
    q = d / '_quarto.yml'
    cfg = yaml.safe_load(q.read_text())
    for name in cfg.pop('metadata-files', []) or []:
        p = d / name
        if p.exists(): merge(cfg, yaml.safe_load(p.read_text()) or {}); p.unlink()
    fmt = cfg.get('format', {})
    fmt.pop('commonmark', None); cfg.pop('format-links', None)
    html = fmt.get('html', {})
    html.pop('keep-md', None)
    web = cfg.get('website', {})
    for k in ('site-url', 'repo-url', 'repo-actions', 'repo-branch'): web.pop(k, None)
    sb = web.get('sidebar', {})
    if 'contents' in sb: sb['contents'] = pages(sb['contents'], renames)
    if html.get('css') and not (d / str(html['css'])).exists(): html.pop('css')
    q.write_text(yaml.safe_dump(cfg, sort_keys=False))
    return renames

if __name__ == '__main__': main(Path(sys.argv[1]))
