"""Execute notebooks in place so that their committed outputs are fresh (the docs show those outputs, they do not re-
run).

Usage:  python tools/run_notebooks.py nbs/04_als.ipynb [more.ipynb ...] [--flags slow]

Cells carrying a flag of settings.ini's `tst_flags` (e.g. `#| slow`) are skipped unless named in `--flags`, and keep
the outputs they had; so are `#| eval: false` cells. A failing cell stops the run and leaves the notebook unchanged.
Each notebook runs in its own process, from its folder (notebooks that need it pin their own thread counts)."""
import argparse, os, subprocess, sys
from pathlib import Path

def _flags(src:str)->set:
    "The directive words of a cell (`#| slow`, `#| eval: false` -> {'slow', 'eval:false'})."
    out = set()
    for line in src.splitlines():
        if not line.startswith('#|'): continue
        words = line[2:].split()
        if words: out.add(''.join(words).lower() if words[0].endswith(':') else words[0].lower())
    return out

def run_one(path:Path, skip:set):
    "Run one notebook in this process and write it back with the new outputs."
    from execnb.nbio import read_nb, write_nb
    from execnb.shell import CaptureShell
    nb = read_nb(path)
    def _skip(cell):
        if cell.cell_type != 'code': return True
        f = _flags(cell.source)
        return bool(f & skip) or 'eval:false' in f
    for cell in nb.cells:                                  # a cell that now prints nothing must not keep old output
        if not _skip(cell): cell.outputs = []
    shell = CaptureShell(path)
    os.chdir(path.parent)
    try: shell.run_all(nb, exc_stop=True, preproc=_skip)
    except Exception:
        sys.stderr.write(shell.prettytb(fname=path) + '\n')
        sys.exit(1)
    for c in nb.cells:
        if c.cell_type == 'code': c.execution_count = None
        for o in c.get('outputs', []):
            if 'execution_count' in o: o['execution_count'] = None
    write_nb(nb, path)

def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument('notebooks', nargs='+')
    p.add_argument('--flags', nargs='*', default=[], help="tst_flags to run instead of skipping (e.g. slow)")
    p.add_argument('--child', action='store_true', help=argparse.SUPPRESS)
    a = p.parse_args()
    from nbdev.config import get_config
    skip = set(get_config().tst_flags.split()) - set(a.flags)
    if a.child: return run_one(Path(a.notebooks[0]).resolve(), skip)
    env = dict(os.environ, MPLBACKEND='Agg')
    for nb in a.notebooks:
        print(f'running {nb}', flush=True)
        r = subprocess.run([sys.executable, __file__, '--child', str(Path(nb).resolve()), '--flags', *a.flags], env=env)
        if r.returncode: sys.exit(f'{nb} failed')

if __name__ == '__main__': main()
