"""The repository's tools: the ALS speed benchmark harness (outside the library) and the notebook runner."""
import subprocess, sys
from pathlib import Path
import pytest

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / 'tools'))
import als_bench

def test_flop_count():
    assert als_bench.als_iteration_flops(50, 10**5, 20) == (4*210*50*1e5 + 4*20*50*1e5 + 210*(50 + 1e5)
                                                            + (1e5 + 50)*(8000/3 + 800))

def test_sizes_are_parsed_strictly():
    assert als_bench.parse_sizes('20x1e4x20,5x100x3') == ((20, 10000, 20), (5, 100, 3))
    for bad in ['4.7x300x3', 'infx10x2', '10x20', 'nonsense', '0x10x2']:
        with pytest.raises(ValueError, match='sizes must look like'): als_bench.parse_sizes(bad)

def test_one_measurement_in_process():
    r = als_bench.measure_iteration(5, 300, 3, 'batched', repeats=2)
    assert len(r['times']) == 2 and r['seconds'] > 0 and r['peak_rss_mib'] > 0
    with pytest.raises(ValueError, match='method'): als_bench.measure_iteration(5, 30, 2, 'magic')

def test_small_table_from_the_command_line(tmp_path):
    r = subprocess.run([sys.executable, 'tools/als_bench.py', '--sizes', '4x300x3', '--repeats', '1',
                        '--json_out', str(tmp_path / 'b.json')], cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert r.returncode == 0, r.stderr
    assert 'speed-up' in r.stdout and 'GEMM peak' in r.stdout and (tmp_path / 'b.json').stat().st_size > 0
    r = subprocess.run([sys.executable, 'tools/als_bench.py', '--sizes', '4.7x300x3'], cwd=ROOT, capture_output=True,
                       text=True)
    assert r.returncode == 1 and r.stderr.startswith('als_bench: error: sizes') and 'Traceback' not in r.stderr

def test_fit_and_sweep_harness():
    sys.path.insert(0, str(ROOT / 'tools'))
    import fit_bench
    f = fit_bench.run(dict(kind='fit', n=2000, mode='fixed'))
    assert f['fit_s'] > 0 and f['n_iter'] >= 2 and 0.5 < f['auc'] <= 1 and len(f['p_head']) == 1000
    s = fit_bench.run(dict(kind='sweep', m=5, n=3000, d=3, repeats=2), threads=2)
    assert s['sweep_s'] > 0 and s['pass_s'] > 0
