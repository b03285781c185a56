#!/usr/bin/python3
"""Median ms of scikit-learn's lasso_path / enet_path on data shaped like BM_LassoPath (100 lambdas, ratio 1e-3).

Run: /usr/bin/python3 tools/bench/sklearn_lasso_times.py   (python3-sklearn; single-threaded BLAS via the env below)
A measuring instrument for the issue notes, like shared/tools/anchors/glmnet_times.R, not part of NR Lab.
The gaussian data follow glmnet_times.R: X ~ N(0, 1), 10 nonzero coefficients ~ N(0, 2^2), unit noise.
Times are reported at scikit-learn's default tol = 1e-4 and at tol = 1e-10 (closer to our KKT <= 1e-9 bound);
the inputs are centred first, as fitElasticNetPath does inside its timed call (included here too).
"""
import os

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import time
import warnings

import numpy as np
from sklearn.linear_model import enet_path

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))


def median_ms(f, reps):
    ts = []
    for _ in range(reps):
        t0 = time.perf_counter()
        f()
        ts.append(time.perf_counter() - t0)
    return 1000 * float(np.median(ts))


def mk(n, p, rng):
    x = rng.standard_normal((n, p))
    b = np.zeros(p)
    b[rng.choice(p, 10, replace=False)] = rng.normal(0, 2, 10)
    return x, x @ b + rng.standard_normal(n)


def run(x, y, rho, tol):
    def f():
        xc = x - x.mean(axis=0)
        yc = y - y.mean()
        enet_path(xc, yc, l1_ratio=rho, n_alphas=100, eps=1e-3, tol=tol, max_iter=100000)
    return f


def main():
    warnings.simplefilter("ignore")
    rng = np.random.default_rng(1)
    x = np.loadtxt(os.path.join(ROOT, "assets/data/diabetes_X.csv"), delimiter=",", skiprows=1)
    y = np.loadtxt(os.path.join(ROOT, "assets/data/diabetes_y.csv"), delimiter=",", skiprows=1)
    a = mk(1000, 200, rng)
    b = mk(200, 1000, rng)
    cases = [("diabetes_lasso", x, y, 1.0, 50), ("diabetes_enet", x, y, 0.5, 50), ("1000x200", *a, 1.0, 10),
             ("200x1000", *b, 1.0, 5)]
    for tol in (1e-4, 1e-10):
        # 200x1000 at tol = 1e-10 takes about a minute per path: time it once.
        out = [f"{name}={median_ms(run(xx, yy, rho, tol), reps if tol > 1e-6 or name != '200x1000' else 1):.4g}"
               for name, xx, yy, rho, reps in cases]
        print(f"sklearn tol={tol:g}: " + " ".join(out))


if __name__ == "__main__":
    main()
