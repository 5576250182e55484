"""Out-of-core benchmark of the Dask backend (`cfensemble_nb.distributed`): time per sweep, peak memory per worker.

Usage:
    python tools/dask_bench.py make PATH N [M]     # an (M × N) float64 probability matrix (M = 20) as .npy, by blocks
    python tools/dask_bench.py fit PATH [--workers K] [--memory-limit 1GB] [--sweeps S] [--chunk C] [--keep 0|1]
        # a LocalCluster of K worker processes (one thread each, the memory limit each) reads PATH as a memmap and runs
        # als_factorize_dask(latent_dim=8, init='random', tol=0) for 1 and for S sweeps; prints one JSON line:
        # seconds per sweep = (t_S − t_1) / (S − 1), the passes before the sweeps, peak RSS of every worker
    python tools/dask_bench.py inmem PATH [--sweeps S]   # the in-memory als_factorize on the same file (one thread)
    python tools/dask_bench.py trainer PATH [--workers K] [--memory-limit 1GB] [--chunk C] [--inmem 1]
        # a default CFEnsembleTrainer fit, end to end (selection, sweeps to convergence, aggregator), on Dask with a
        # LocalCluster as above (or in memory with --inmem 1), with the labels `make` wrote; prints one JSON line

One BLAS thread everywhere (set before numpy is imported). The matrix: rank-8 structure plus noise, 10% missing cells;
`make` also writes PATH.labels.npy: a class that follows the first latent direction (plus noise; about 19% positive),
1% of the points labeled, the rest NaN.
"""
import os
for v in ('OMP_NUM_THREADS', 'OPENBLAS_NUM_THREADS', 'MKL_NUM_THREADS'): os.environ[v] = '1'
import json, resource, sys, time
import numpy as np

D, M_DEFAULT, BLOCK = 8, 20, 1_000_000

def make(path, n, m=M_DEFAULT):
    rng = np.random.default_rng(0)
    X = rng.standard_normal((D, m))
    out = np.lib.format.open_memmap(path, mode='w+', dtype=np.float64, shape=(m, n))
    labels, lrng = np.full(n, np.nan), np.random.default_rng(1)     # its own stream: R is what it always was
    for s in range(0, n, BLOCK):
        k = min(BLOCK, n - s)
        F = rng.standard_normal((D, k))
        Z = X.T @ F / np.sqrt(D) + 0.5 * rng.standard_normal((m, k))
        y = (F[0] + 0.5 * lrng.standard_normal(k) > 1.0).astype(float)
        labels[s:s + k] = np.where(lrng.random(k) < 0.01, y, np.nan)
        P = 1 / (1 + np.exp(-Z))
        P[rng.random((m, k)) < 0.1] = np.nan
        out[:, s:s + k] = P
    out.flush()
    np.save(path + '.labels.npy', labels)

def _arg(args, name, default, cast):
    return cast(args[args.index(name) + 1]) if name in args else default

def fit(path, args):
    import dask.array as da
    from distributed import Client, LocalCluster
    from cfensemble_nb.distributed import als_factorize_dask, from_npy
    workers, limit = _arg(args, '--workers', 2, int), _arg(args, '--memory-limit', '1GB', str)
    sweeps, chunk = _arg(args, '--sweeps', 4, int), _arg(args, '--chunk', 131_072, int)
    keep = _arg(args, '--keep', 1, int)
    R = np.load(path, mmap_mode='r')
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True, memory_limit=limit,
                      dashboard_address=None, host='127.0.0.1') as cluster, Client(cluster) as client:
        times = {}
        for s in (1, sweeps):
            Rd = from_npy(path, chunks=chunk)
            t = time.perf_counter()
            res = als_factorize_dask(Rd, latent_dim=D, lambda_reg=0.1, init='random', random_seed=0, max_iter=s,
                                     tol=0, keep_factors=bool(keep))
            times[s] = time.perf_counter() - t
            del res
        peak = client.run(lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20)      # GiB (Linux: KiB)
    per = (times[sweeps] - times[1]) / (sweeps - 1)
    print(json.dumps(dict(kind='dask', n=R.shape[1], m=R.shape[0], d=D, workers=workers, memory_limit=limit,
                          chunk=chunk,
                          keep_factors=bool(keep), data_gib=R.nbytes / 2**30, seconds_per_sweep=round(per, 2),
                          seconds_before_sweeps=round(times[1] - per, 2), total_seconds={k: round(v, 2) for k, v in
                          times.items()}, worker_peak_gib=sorted(round(v, 3) for v in peak.values()),
                          client_peak_gib=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 3))))

def inmem(path, args):
    from cfensemble_nb.als import als_factorize
    sweeps = _arg(args, '--sweeps', 4, int)
    R = np.load(path)
    times = {}
    for s in (1, sweeps):
        t = time.perf_counter()
        als_factorize(R, latent_dim=D, lambda_reg=0.1, init='random', random_seed=0, max_iter=s, tol=0)
        times[s] = time.perf_counter() - t
    per = (times[sweeps] - times[1]) / (sweeps - 1)
    print(json.dumps(dict(kind='in-memory', n=R.shape[1], m=R.shape[0], d=D, seconds_per_sweep=round(per, 2),
                          seconds_before_sweeps=round(times[1] - per, 2),
                          peak_gib=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 3))))

def trainer(path, args):
    import contextlib
    from cfensemble_nb.data import EnsembleData
    from cfensemble_nb.trainer import CFEnsembleTrainer
    inmem, chunk = bool(_arg(args, '--inmem', 0, int)), _arg(args, '--chunk', 131_072, int)
    workers, limit = _arg(args, '--workers', 2, int), _arg(args, '--memory-limit', '1GB', str)
    labels = np.load(path + '.labels.npy')
    out = dict(kind='trainer-in-memory' if inmem else 'trainer-dask', n=len(labels),
               labeled=int((~np.isnan(labels)).sum()))
    with contextlib.ExitStack() as stack:
        if inmem: R = np.load(path)
        else:
            from distributed import Client, LocalCluster
            from cfensemble_nb.distributed import from_npy
            cluster = stack.enter_context(LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                                                       memory_limit=limit, dashboard_address=None, host='127.0.0.1'))
            client = stack.enter_context(Client(cluster))
            R = from_npy(path, chunks=chunk)
            out.update(workers=workers, memory_limit=limit, chunk=chunk)
        t = time.perf_counter()
        tr = CFEnsembleTrainer(R.shape[0]).fit(EnsembleData(R, labels))
        out['seconds'] = round(time.perf_counter() - t, 1)
        if not inmem:
            out['worker_peak_gib'] = sorted(round(v, 3) for v in client.run(
                lambda: resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20).values())
    out.update(m=R.shape[0], n_iter=tr.n_iter_, converged=bool(tr.converged_), latent_dim=tr.latent_dim_,
               lambda_reg=tr.lambda_reg_, aggregator=tr.aggregator_type_, x_abs_sum=float(np.abs(tr.X).sum()),
               client_peak_gib=round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20, 3))
    print(json.dumps(out))

if __name__ == '__main__':
    cmd, rest = (sys.argv[1] if len(sys.argv) > 1 else ''), sys.argv[2:]
    if cmd == 'make': make(rest[0], int(float(rest[1])), int(rest[2]) if len(rest) > 2 else M_DEFAULT)
    elif cmd == 'fit': fit(rest[0], rest)
    elif cmd == 'inmem': inmem(rest[0], rest)
    elif cmd == 'trainer': trainer(rest[0], rest)
    else: print(__doc__)
