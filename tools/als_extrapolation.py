"""How far plain ALS sweeps are from the optimum after a fixed number of sweeps, with and without an extrapolation
step (Bro's line search for ALS: after a sweep from X to X1, try X + s (X1 − X) with s = k^(1/3) and keep it if the
objective is lower; the trial costs one extra Y-step). A probe for a faster solver, not library code.

Usage:  python tools/als_extrapolation.py [SWEEPS]      # default 600; the reference optimum: 4,000 plain sweeps

The problems are slow-settling fits of the real-data development tasks (seeds 100, 101; `.cache/bench`, built on
first use): the biased factorization (ρ = 1, uniform confidence) at the rank and λ = 0.01 that the held-out cells
choose there.
"""
import sys, warnings
import numpy as np
from cfensemble_nb.benchmark import make_task
from cfensemble_nb.als import solve_side, svd_init, _with_ones, _weights

def run(R, d:int, lam:float, sweeps:int, extrapolate:bool)->list:
    "[(sweeps spent, objective)] after each sweep of the biased ALS on R, optionally with the extrapolation step."
    W, WR = _weights(R, np.ones_like(R), np.float64)
    V, mu = np.nan_to_num(R), WR.sum() / W.sum()
    X, b = svd_init(W, WR - mu * W, d), np.zeros(R.shape[0])
    def ystep(X, b):
        Ya = solve_side(_with_ones(X), W, WR, lam, offset=mu + b); return Ya[:-1], Ya[-1]
    def xstep(Y, c):
        Xa = solve_side(_with_ones(Y), W.T, WR.T, lam, offset=mu + c); return Xa[:-1], Xa[-1]
    def J(X, b):
        Y, c = ystep(X, b)
        Rh = mu + b[:, None] + c[None, :] + X.T @ Y
        sq = (X ** 2).sum() + (Y ** 2).sum() + (b ** 2).sum() + (c ** 2).sum()
        return ((W * (V - Rh) ** 2).sum() + lam * sq) / W.sum()
    out, spent = [], 0.
    for k in range(1, sweeps + 1):
        X1, b1 = xstep(*ystep(X, b)); spent += 1
        if extrapolate and k > 2:
            s = k ** (1 / 3)
            Xe, be = X + s * (X1 - X), b + s * (b1 - b); spent += 0.5
            if J(Xe, be) < J(X1, b1): X1, b1 = Xe, be
        X, b = X1, b1
        out.append((spent, J(X, b)))
    return out

if __name__ == '__main__':
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 600
    warnings.simplefilter('ignore')
    for name, setting, seed, d in (('yeast4', 'missing', 100, 7), ('page_blocks0', 'structured', 101, 8),
                                   ('digits9', 'missing', 100, 7)):
        R = make_task(name, setting, seed, '.cache/bench')[0].R
        ref = run(R, d, 0.01, 4000, False)[-1][1]
        gaps = {e: (run(R, d, 0.01, n, e)[-1][1] - ref) / ref for e in (False, True)}
        print(f"{name} {setting} seed {seed}, rank {d}: after {n} sweeps the objective is {gaps[False]:.1e} (plain) "
              f"and {gaps[True]:.1e} (extrapolated) above the optimum, relatively")
