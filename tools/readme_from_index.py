"""Generate README.md from nbs/index.ipynb without Quarto.

Usage: python tools/readme_from_index.py [nbs/index.ipynb] [README.md]

Title and description come from the first markdown cell (`# title` / `> description`) or a raw frontmatter cell;
markdown cells are copied; code cells are shown unless `#| echo: false` or `#| hide`, and their text outputs unless
`#| output: false`."""
import json, re, sys, yaml

def convert(src:str)->str:
    nb = json.load(open(src, encoding='utf-8'))
    out, head = [], []
    for c in nb['cells']:
        s = ''.join(c['source']).rstrip()
        if c['cell_type'] == 'raw' and s.startswith('---'):
            fm = yaml.safe_load(s.strip('-\n')) or {}
            head = [f"# {fm.get('title', '')}".rstrip()] + ([f"> {fm['description']}"] if fm.get('description') else [])
            continue
        if c['cell_type'] == 'markdown':
            if not head and s.startswith('# '):
                lines = s.split('\n'); head = [lines[0]]
                rest = '\n'.join(lines[1:]).strip()
                if rest.startswith('> '):
                    desc, _, rest = rest.partition('\n'); head.append(desc); rest = rest.strip()
                if rest: out.append(rest)
            else: out.append(s)
        elif c['cell_type'] == 'code':
            opts = dict(re.findall(r'^#\|\s*([\w-]+):\s*(.*)$', s, re.M))
            if re.search(r'^#\|\s*hide\s*$', s, re.M): continue
            code = re.sub(r'^#\|.*\n?', '', s, flags=re.M).strip()
            if opts.get('echo', 'true') != 'false' and code: out.append(f'```python\n{code}\n```')
            if opts.get('output', 'true') == 'false': continue
            for o in c.get('outputs', []):
                d = o.get('data', {})
                if o.get('output_type') == 'stream': txt = ''.join(o.get('text', ''))
                elif 'text/markdown' in d: out.append(''.join(d['text/markdown']).rstrip()); continue
                elif 'text/plain' in d: txt = ''.join(d['text/plain'])
                else: continue
                out.append('    ' + txt.rstrip().replace('\n', '\n    '))
    warn = "<!-- Generated from nbs/index.ipynb by tools/readme_from_index.py: edit the notebook, not this file. -->"
    return '\n\n'.join(head + [warn] + out) + '\n'

if __name__ == '__main__':
    src = sys.argv[1] if len(sys.argv) > 1 else 'nbs/index.ipynb'
    dst = sys.argv[2] if len(sys.argv) > 2 else 'README.md'
    open(dst, 'w', encoding='utf-8').write(convert(src))
