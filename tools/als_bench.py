"""ALS speed benchmark: seconds per exact ALS iteration, GFLOP/s and the fraction of GEMM peak, against the per-row
reference.

Usage:  python tools/als_bench.py [--sizes 10x1e3x20,50x1e5x20] [--threads 1] [--repeats 3] [--json_out rows.json]

One exact iteration is a Y-step over all n points and an X-step over all m classifiers (one sweep of `als_sweeps`).
Every measurement runs in a fresh subprocess whose BLAS/OpenMP/numba thread counts are pinned through environment
variables set before NumPy is imported (two BLAS threads are often slower than one on skinny products, and a library
loaded alongside can change NumPy's threading); times are medians of several repeats after a warm-up (which also
compiles the numba kernel); the per-row reference runs in its own process so its allocations do not count against the
batched path's peak memory. `nbs/benchmarks/als_speed.ipynb` holds the committed table."""
import json, os, subprocess, sys, time
from pathlib import Path
import numpy as np
from fastcore.script import call_parse

THREAD_VARS = ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS', 'NUMBA_NUM_THREADS',
               'VECLIB_MAXIMUM_THREADS')
DEFAULT_SIZES = ((10, 10**3, 20), (20, 10**4, 20), (50, 10**5, 20), (50, 10**6, 20))

def als_iteration_flops(m:int, n:int, d:int)->float:
    "Floating-point operations of one batched exact ALS iteration (GEMMs, right-hand sides, outer products, solves)."
    P = d * (d + 1) / 2
    return 4 * P * m * n + 4 * d * m * n + P * (m + n) + (m + n) * (d**3 / 3 + 2 * d**2)

def _peak_rss_mib()->float:
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

def measure_iteration(m:int, n:int, d:int, method:str='batched', repeats:int=3, seed:int=0, lambda_reg:float=0.1)->dict:
    "Time exact ALS iterations of one method ('batched' or 'reference') on a random (m, n, d) problem in this process."
    from cfensemble_nb.als import als_sweeps, update_instance_factors_reference, update_classifier_factors_reference
    rng = np.random.default_rng(seed)
    R = rng.random((m, n)); C = rng.uniform(0.5, 1.5, (m, n))
    X = rng.standard_normal((d, m))
    if method == 'batched':
        W, WR = C, C * R
        step = lambda X: als_sweeps(X, W, WR, lambda_reg, max_iter=1).X
    elif method == 'reference':
        def step(X):
            Y = update_instance_factors_reference(X, R, C, lambda_reg)
            return update_classifier_factors_reference(Y, R, C, lambda_reg)
    else: raise ValueError(f"method must be 'batched' or 'reference'; got {method!r}")
    X = step(X)                                   # warm-up (compiles the kernel on first use)
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter(); X = step(X); times.append(time.perf_counter() - t0)
    return dict(m=m, n=n, d=d, method=method, seconds=float(np.median(times)), times=times,
                peak_rss_mib=_peak_rss_mib())

def gemm_peak_gflops(size:int=2000, repeats:int=3)->float:
    "Measured float64 GEMM throughput (GFLOP/s) of this process's BLAS, best of `repeats`."
    rng = np.random.default_rng(0)
    a, b = rng.random((size, size)), rng.random((size, size))
    a @ b
    best = np.inf
    for _ in range(repeats):
        t0 = time.perf_counter(); a @ b; best = min(best, time.perf_counter() - t0)
    return 2 * size**3 / best / 1e9

def run_isolated(task:dict, threads:int=1, timeout:float=3600)->dict:
    "Run one measurement ({'kind': 'iteration'|'gemm', ...}) in a fresh Python process with pinned thread counts."
    env = dict(os.environ, **{v: str(threads) for v in THREAD_VARS})
    out = subprocess.run([sys.executable, __file__, '--task', json.dumps(task)], env=env, capture_output=True,
                         text=True, timeout=timeout)
    if out.returncode != 0: raise RuntimeError(f"benchmark subprocess failed:\n{out.stderr[-2000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])

def _run_task(task:dict)->dict:
    if task['kind'] == 'gemm':
        return dict(gflops=gemm_peak_gflops(task.get('size', 2000)), peak_rss_mib=_peak_rss_mib())
    return measure_iteration(task['m'], task['n'], task['d'], task['method'], task.get('repeats', 3))

def bench_als(sizes=DEFAULT_SIZES, threads:int=1, repeats:int=3, ref_repeats:int=None, verbose:bool=True)->list:
    "Batched vs per-row exact ALS iterations at each (m, n, d), each in an isolated subprocess with pinned threads."
    peak = run_isolated(dict(kind='gemm'), threads)['gflops']
    if verbose: print(f"threads={threads}  float64 GEMM peak {peak:.1f} GFLOP/s", flush=True)
    rows = []
    for m, n, d in sizes:
        b = run_isolated(dict(kind='iteration', m=m, n=n, d=d, method='batched', repeats=repeats), threads)
        rr = ref_repeats or (3 if n < 10**5 else 1)
        r = run_isolated(dict(kind='iteration', m=m, n=n, d=d, method='reference', repeats=rr), threads)
        gflops = als_iteration_flops(m, n, d) / b['seconds'] / 1e9
        row = dict(m=m, n=n, d=d, threads=threads, batched_s=b['seconds'], reference_s=r['seconds'],
                   speedup=r['seconds'] / b['seconds'], gflops=gflops, peak_fraction=gflops / peak,
                   gemm_peak_gflops=peak, batched_peak_rss_mib=b['peak_rss_mib'])
        rows.append(row)
        if verbose: print(format_row(row), flush=True)
    return rows

def format_row(r:dict)->str:
    "One line of the benchmark table."
    return (f"m={r['m']:>3} n={r['n']:>8} d={r['d']:>3} | batched {r['batched_s']:8.4f} s "
            f"| reference {r['reference_s']:8.3f} s"
            f" | speed-up {r['speedup']:5.1f}x | {r['gflops']:5.1f} GFLOP/s = {r['peak_fraction']:5.1%} of GEMM peak"
            f" | peak RSS {r['batched_peak_rss_mib']:7.0f} MiB")

def parse_sizes(text:str)->tuple:
    "'MxNxD,MxNxD' -> ((m, n, d), ...); each a whole number >= 1 (1e5 is allowed), else ValueError."
    out = []
    for part in text.split(','):
        vals = part.lower().split('x')
        try: nums = [float(v) for v in vals]
        except ValueError: nums = []
        if len(nums) != 3 or not all(np.isfinite(v) and v >= 1 and v == int(v) for v in nums):
            raise ValueError(f"sizes must look like 20x10000x20,50x1e5x20 (whole numbers >= 1); got {part!r}")
        out.append(tuple(int(v) for v in nums))
    return tuple(out)

@call_parse
def main(
    sizes:str=None,      # m x n x d triples, e.g. 10x1e3x20,50x1e5x20 (default: the four sizes of the committed table)
    threads:int=1,       # BLAS/OpenMP threads in every measurement process
    repeats:int=3,       # Timed iterations of the batched path (median reported)
    json_out:str=None,   # Also write the rows to this JSON file
    task:str=None,       # (internal) run one measurement task given as JSON and print its result
):
    "Print the ALS speed table: batched exact iterations against the per-row reference."
    if task: return print(json.dumps(_run_task(json.loads(task))))
    try:
        size_list = parse_sizes(sizes) if sizes else DEFAULT_SIZES
        if threads < 1 or repeats < 1: raise ValueError("--threads and --repeats must be >= 1")
        if json_out: Path(json_out).parent.mkdir(parents=True, exist_ok=True); Path(json_out).touch()
    except (ValueError, OSError) as e: sys.exit(f"als_bench: error: {e}")
    rows = bench_als(size_list, threads=threads, repeats=repeats)
    if json_out: Path(json_out).write_text(json.dumps(rows, indent=1))
