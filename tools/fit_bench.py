"""Fit and predict timings of the ALS trainer as a user meets them, each in a fresh process with pinned thread counts.

Usage:  `run(task, threads=1, code=None)` from Python (the notebook `nbs/benchmarks/speed.ipynb` does);
        `python tools/fit_bench.py TASK_JSON` runs one task in the current process and prints its result as JSON.

A task is a JSON object: {"kind": "fit", "n": 100000, "m": 10, "mode": "default"|"fixed", "dtype": "float64"} times
one fit (and one `predict` of all columns) on a generator ensemble with 30% of the cells missing and half the points
labeled; {"kind": "sweep", "m": 10, "n": 100000, "d": 5} times one exact ALS sweep (the kernel) against one pass of
`C * R`; {"kind": "stream", "n": 10000000, "m": 10} predicts n new columns read from a memory-mapped .npy file. Every
result includes the process's peak resident memory; "stream" also the peak of the memory that `predict` itself
allocated (tracemalloc). {"kind": "torch_fit", "n": 1000000, "m": 50, "batch_size": null, "max_epochs": 3} times a
PyTorch-trainer fit at its defaults but for the given batch size and epoch cap (its memory does not grow with the
epochs), and one `predict` of all columns.
`run(..., code=PATH)` imports another checkout's `cfensemble_nb` (to time an earlier version the same way).
"""
import json, os, subprocess, sys, tempfile, time
from pathlib import Path

THREAD_VARS = ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS', 'NUMBA_NUM_THREADS',
               'VECLIB_MAXIMUM_THREADS')

def run(task:dict, threads:int=1, code:str|None=None, timeout:float=3600)->dict:
    "Run one task in a fresh Python process with `threads` BLAS/OpenMP/numba threads; returns its result dict."
    env = dict(os.environ, **{v: str(threads) for v in THREAD_VARS})
    if code: env['PYTHONPATH'] = str(code) + os.pathsep + env.get('PYTHONPATH', '')
    r = subprocess.run([sys.executable, __file__, json.dumps(task)], env=env, capture_output=True, text=True,
                       timeout=timeout)
    if r.returncode: raise RuntimeError(f"task {task} failed:\n{r.stderr[-3000:]}")
    return json.loads(r.stdout.strip().splitlines()[-1])

def _peak_mib()->float:
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

def _fit(task):
    import warnings
    import numpy as np
    from cfensemble_nb.synthetic import make_ensemble
    from cfensemble_nb.trainer import CFEnsembleTrainer
    from sklearn.metrics import roc_auc_score
    m, n = task.get('m', 10), task['n']
    ens = make_ensemble(n_instances=n, n_classifiers=m, missing_rate=0.3, random_state=0)
    data = ens.data
    kw = dict(latent_dim=task.get('d', 5), lambda_reg=0.1, aggregator_l2=0.1) if task['mode'] == 'fixed' else {}
    if task.get('dtype', 'float64') != 'float64': kw['dtype'] = task['dtype']
    warm = make_ensemble(n_instances=400, n_classifiers=m, random_state=1).data     # compile the kernels first
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        CFEnsembleTrainer(m, **kw).fit(warm).predict(warm)
        t0 = time.perf_counter(); tr = CFEnsembleTrainer(m, **kw).fit(data); t_fit = time.perf_counter() - t0
    t0 = time.perf_counter(); p = tr.predict(data); t_pred = time.perf_counter() - t0
    te = data.unlabeled_mask
    return dict(fit_s=t_fit, predict_s=t_pred, n_iter=int(tr.n_iter_), latent_dim=int(tr.latent_dim_),
                lambda_reg=float(tr.lambda_reg_), auc=float(roc_auc_score(ens.y_true[te], p[te])),
                p_head=[float(v) for v in p[:1000]], peak_mib=_peak_mib())

def _sweep(task):
    import numpy as np
    from cfensemble_nb.als import solve_side
    m, n, d = task['m'], task['n'], task['d']
    rng = np.random.default_rng(0)
    R, C = rng.random((m, n)), rng.uniform(0.5, 1.5, (m, n))
    W, WR, X = C, C * R, rng.standard_normal((d, m))
    def timed(f, k):
        f(); t = []
        for _ in range(k): t0 = time.perf_counter(); f(); t.append(time.perf_counter() - t0)
        return float(np.median(t))
    t_sweep = timed(lambda: solve_side(solve_side(X, W, WR, 0.1), W.T, WR.T, 0.1), task.get('repeats', 5))
    t_pass = timed(lambda: C * R, 9)
    return dict(sweep_s=t_sweep, pass_s=t_pass, peak_mib=_peak_mib())

def _stream(task):
    import warnings
    import numpy as np
    from cfensemble_nb.synthetic import make_ensemble
    from cfensemble_nb.trainer import CFEnsembleTrainer
    m, n = task.get('m', 10), task['n']
    train = make_ensemble(n_instances=20_000, n_classifiers=m, missing_rate=0.3, random_state=0).data
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        tr = CFEnsembleTrainer(m, latent_dim=5, lambda_reg=0.1, aggregator_l2=0.1).fit(train)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / 'R_new.npy'
        mm = np.lib.format.open_memmap(path, mode='w+', dtype=np.float64, shape=(m, n))
        rng = np.random.default_rng(0)
        for s in range(0, n, 1_000_000): mm[:, s:s + 1_000_000] = rng.random((m, min(1_000_000, n - s)))
        mm.flush(); del mm
        import tracemalloc
        R_new = np.load(path, mmap_mode='r')
        tracemalloc.start()
        t0 = time.perf_counter(); p = tr.predict(R_new=R_new); dt = time.perf_counter() - t0
        allocated = tracemalloc.get_traced_memory()[1] / 2**20
        tracemalloc.stop()
        return dict(predict_s=dt, n=n, predict_alloc_peak_mib=allocated, out_mib=p.nbytes / 2**20,
                    input_mib=m * n * 8 / 2**20, peak_mib=_peak_mib())

def _torch_fit(task):
    import warnings
    from cfensemble_nb.synthetic import make_ensemble
    from cfensemble_nb.torch_trainer import CFEnsemblePyTorchTrainer
    m, n = task.get('m', 10), task['n']
    data = make_ensemble(n_instances=n, n_classifiers=m, missing_rate=0.3, random_state=0).data
    with warnings.catch_warnings():
        warnings.simplefilter('ignore')
        t0 = time.perf_counter()
        tr = CFEnsemblePyTorchTrainer(m, batch_size=task.get('batch_size'), max_epochs=task.get('max_epochs', 3),
                                      random_seed=0).fit(data)
        t_fit = time.perf_counter() - t0
    t0 = time.perf_counter(); tr.predict(data); t_pred = time.perf_counter() - t0
    return dict(fit_s=t_fit, epochs=tr.n_epochs_, predict_s=t_pred, latent_dim=int(tr.latent_dim_),
                peak_mib=_peak_mib())

if __name__ == '__main__':
    task = json.loads(sys.argv[1])
    print(json.dumps({'fit': _fit, 'sweep': _sweep, 'stream': _stream, 'torch_fit': _torch_fit}[task['kind']](task)))
