"""The `cfensemble` command as a user runs it: a subprocess, exit codes, one-line errors and warnings, no tracebacks."""
import subprocess, sys
from pathlib import Path

def run(*args):
    code = 'import sys; from cfensemble_nb.cli import main; sys.exit(main())'
    return subprocess.run([sys.executable, '-c', code, *args], capture_output=True, text=True, timeout=300)

def test_demo_prints_table_and_saves_figure(tmp_path):
    r = run('demo', '--n-instances', '300', '--out', str(tmp_path / 'out'))
    assert r.returncode == 0, r.stderr
    for word in ('mean of R', 'stacking', 'best single classifier', 'CF-Ensemble (ALS)', 'ROC-AUC', 'PR-AUC', 'Brier',
                 '(inner CV)'):
        assert word in r.stdout, word
    assert (tmp_path / 'out' / 'demo.png').stat().st_size > 10_000

def test_demo_bad_knob_is_one_line_error(tmp_path):
    r = run('demo', '--missing_rate', '2', '--out', str(tmp_path))
    assert r.returncode == 2 and 'Traceback' not in r.stderr
    assert r.stderr.strip() == 'cfensemble: error: missing_rate must be a number in [0, 1); got 2.0'

def test_demo_bad_rho_is_one_line_error(tmp_path):
    r = run('demo', '--n-instances', '200', '--rho', '0', '--latent-dim', '3', '--lambda-reg', '0.1',
            '--out', str(tmp_path))
    assert r.returncode == 2 and 'Traceback' not in r.stderr and 'rho must be a number in (0, 1]' in r.stderr

def test_unwritable_output_is_refused_before_work(tmp_path):
    f = tmp_path / 'file'; f.write_text('x')
    r = run('demo', '--n-instances', '200', '--out', str(f / 'sub'))
    assert r.returncode == 2 and 'Traceback' not in r.stderr and r.stdout == ''
    assert r.stderr.startswith('cfensemble: error: cannot write to output folder')

def test_warnings_are_one_clean_line(tmp_path):
    r = run('demo', '--n-instances', '200', '--latent-dim', '10', '--lambda-reg', '0.1', '--out', str(tmp_path))
    assert r.returncode == 0, r.stderr
    lines = r.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith('cfensemble: warning: latent_dim=10 >= n_classifiers=10'), lines

def test_bad_arguments_and_version():
    r = run('demo', '--latent-dim', 'many', '--lambda-reg', '0.1', '--n-instances', '200', '--out', '')
    assert r.returncode == 2 and 'Traceback' not in r.stderr
    assert "latent_dim must be an integer >= 1; got 'many'" in r.stderr
    for args in [('demo', '--no-such-option'), (), ('bench-als',), ('demo', '--seed')]:
        r = run(*args)
        assert r.returncode == 2 and 'Traceback' not in r.stderr, args
    r = run('--version')
    assert r.returncode == 0 and r.stdout.startswith('cfensemble_nb ')

def test_help_comes_from_the_docments():
    r = run('demo', '--help')
    assert r.returncode == 0
    text = ' '.join(r.stdout.split())
    assert '--n_instances' in text and 'Points in the synthetic ensemble (half of them labeled) (default: 2000)' in text
