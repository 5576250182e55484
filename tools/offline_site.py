"""Make a rendered site self-contained and check it: nothing loaded from the internet, no link to a placeholder host.

Usage:  python tools/offline_site.py _docs            (check only; exit status 1 with the offending places)

`localize(site, doc_url, repo_url)` rewrites nbdev's absolute API links (`{doc_host}{doc_baseurl}/page.html#name`) to
relative ones, removes links into the repository (the configured repository is a
placeholder), drops the sitemap (it needs the site's absolute address), and removes the theme's web-font import.
`problems(site, hosts)` lists every place that would still load something from outside or link to one of `hosts`."""
import os, re, sys
from pathlib import Path

_LOADS = [re.compile(r'<(?:script|img|iframe|source|audio|video)\b[^>]*\bsrc="(https?:[^"]*)"', re.I),
          re.compile(r'<link\b[^>]*\bhref="(https?:[^"]*)"', re.I),
          re.compile(r'@import\s+(?:url\()?["\']?(https?:[^"\')\s;]*)', re.I),
          re.compile(r'url\(\s*["\']?(https?:[^"\')\s]*)', re.I)]

def localize(site:Path, doc_url:str, repo_url:str)->dict:
    "Rewrite or drop outside references in every page and stylesheet of `site`; returns counts of what changed."
    counts = dict(api_links=0, repo_links=0, css_imports=0)
    doc_url, repo_url = doc_url.rstrip('/') + '/', repo_url.rstrip('/')
    repo_a = re.compile(r'<a\b[^>]*href="' + re.escape(repo_url) + r'[^"]*"[^>]*>.*?</a>', re.S)
    for page in site.rglob('*.html'):
        s = page.read_text()
        root = os.path.relpath(site, page.parent).replace(os.sep, '/')
        n_api = s.count(doc_url)
        s = s.replace(doc_url, '' if root == '.' else root + '/')
        s, n_repo = repo_a.subn('', s)
        counts['api_links'] += n_api; counts['repo_links'] += n_repo
        page.write_text(s)
    for css in site.rglob('*.css'):
        s = css.read_text()
        t = re.sub(r'@import\s+url\(\s*["\']?https?:[^)]*\)\s*;?', '', s)
        if t != s: css.write_text(t); counts['css_imports'] += 1
    (site / 'sitemap.xml').unlink(missing_ok=True)
    return counts

def problems(site:Path, hosts:tuple=())->list:
    "Every `file: url` in `site` that loads from outside, or any mention of one of `hosts`."
    out = []
    for f in sorted(site.rglob('*')):
        if f.suffix not in ('.html', '.css', '.js', '.json', '.xml') or not f.is_file(): continue
        s = f.read_text(errors='replace')
        if f.suffix in ('.html', '.css'):
            out += [f"{f.relative_to(site)}: loads {m}" for m in sorted({m for rx in _LOADS for m in rx.findall(s)})]
        out += [f"{f.relative_to(site)}: mentions {h}" for h in hosts if h and h in s]
    return out

if __name__ == '__main__':
    from nbdev.config import get_config
    cfg = get_config()
    found = problems(Path(sys.argv[1] if len(sys.argv) > 1 else cfg.doc_path), (cfg.doc_host, cfg.git_url))
    print('\n'.join(found) or 'offline site: nothing loaded from outside, no placeholder links')
    sys.exit(1 if found else 0)
