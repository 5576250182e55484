"""The `cfensemble` command as a user runs it: a subprocess, exit codes, no tracebacks."""
import subprocess, sys
from pathlib import Path

def run(*args):
    return subprocess.run([sys.executable, '-c', 'import sys; from cfensemble_nb.cli import main; sys.exit(main())', *args],
                          capture_output=True, text=True, timeout=300)

def test_demo_prints_table_and_saves_figure(tmp_path):
    r = run('demo', '--n-instances', '300', '--out', str(tmp_path / 'out'))
    assert r.returncode == 0, r.stderr
    for word in ('mean of R', 'stacking', 'best single classifier', 'CF-Ensemble (ALS)', 'ROC-AUC', 'PR-AUC', 'Brier'):
        assert word in r.stdout, word
    assert (tmp_path / 'out' / 'demo.png').stat().st_size > 10_000

def test_demo_bad_knob_is_one_line_error(tmp_path):
    r = run('demo', '--missing-rate', '2', '--out', str(tmp_path))
    assert r.returncode == 2 and 'Traceback' not in r.stderr
    assert r.stderr.strip().startswith('cfensemble: error: missing_rate')

def test_demo_bad_rho_is_one_line_error(tmp_path):
    r = run('demo', '--n-instances', '200', '--rho', '0', '--latent-dim', '3', '--lambda-reg', '0.1', '--out', str(tmp_path))
    assert r.returncode == 2 and 'Traceback' not in r.stderr and 'rho must lie in (0, 1]' in r.stderr

def test_demo_unwritable_output_is_clear(tmp_path):
    f = tmp_path / 'file'; f.write_text('x')
    r = run('demo', '--n-instances', '200', '--out', str(f / 'sub'))
    assert r.returncode == 2 and 'Traceback' not in r.stderr and 'error' in r.stderr

def test_bad_arguments():
    r = run('demo', '--latent-dim', 'many')
    assert r.returncode == 2 and "integer or 'auto'" in r.stderr and 'Traceback' not in r.stderr
    r = run('bench-als', '--sizes', 'nonsense')
    assert r.returncode == 2 and 'sizes must look like' in r.stderr and 'Traceback' not in r.stderr
    r = run()
    assert r.returncode == 2 and 'Traceback' not in r.stderr

def test_bench_als_small(tmp_path):
    r = run('bench-als', '--sizes', '4x300x3', '--repeats', '1', '--json', str(tmp_path / 'b.json'))
    assert r.returncode == 0, r.stderr
    assert 'speed-up' in r.stdout and 'GEMM peak' in r.stdout
    assert (tmp_path / 'b.json').exists()
