#!/usr/bin/python3
"""Badly scaled and extreme data for `nrlab fit`, with the exact answers.

Each case is a CSV (target column "y") written with repr() of doubles, so the file holds exactly the doubles the
program reads. The answer is computed in exact rational arithmetic (fractions.Fraction) from those doubles:
ordinary least squares with an unpenalized intercept, or ridge, minimizing
    1/(2n)·‖y − b − Xw‖² + (λ/2)·‖w‖²
(the scaling of nrlab fit), by centring and solving (XcᵀXc/n + λI)w = Xcᵀyc/n exactly, b = ȳ − x̄ᵀw.
The expected values are those exact answers rounded to the nearest double. Writes
tests/data/reference/hostile_fit/<case>.csv and cases.json. Only the standard library is needed.
Usage: /usr/bin/python3 tools/golden/make_hostile_fit.py
"""
import json
import os
import random
from fractions import Fraction

OUT = os.path.join(os.path.dirname(__file__), "..", "..", "tests", "data", "reference", "hostile_fit")


def solve_exact(a, b):
    """Gaussian elimination over the rationals (a: list of rows)."""
    n = len(a)
    m = [row[:] + [b[i]] for i, row in enumerate(a)]
    for c in range(n):
        piv = next(r for r in range(c, n) if m[r][c] != 0)
        m[c], m[piv] = m[piv], m[c]
        for r in range(n):
            if r != c and m[r][c] != 0:
                f = m[r][c] / m[c][c]
                m[r] = [u - f * v for u, v in zip(m[r], m[c])]
    return [m[i][n] / m[i][i] for i in range(n)]


def fit_exact(rows, lam):
    x = [[Fraction(v) for v in r[:-1]] for r in rows]
    y = [Fraction(r[-1]) for r in rows]
    n, p = len(x), len(x[0])
    xm = [sum(x[i][j] for i in range(n)) / n for j in range(p)]
    ym = sum(y) / n
    xc = [[x[i][j] - xm[j] for j in range(p)] for i in range(n)]
    yc = [v - ym for v in y]
    g = [[sum(xc[i][j] * xc[i][k] for i in range(n)) / n + (Fraction(lam) if j == k else 0) for k in range(p)]
         for j in range(p)]
    c = [sum(xc[i][j] * yc[i] for i in range(n)) / n for j in range(p)]
    w = solve_exact(g, c)
    b = ym - sum(xm[j] * w[j] for j in range(p))
    return b, w


def write_case(name, rows, fits, note):
    p = len(rows[0]) - 1
    with open(os.path.join(OUT, name + ".csv"), "w") as f:
        f.write(",".join(["x%d" % j for j in range(p)] + ["y"]) + "\n")
        for r in rows:
            f.write(",".join(repr(float(v)) for v in r) + "\n")
    out = {"name": name, "note": note, "fits": []}
    for penalty, lam in fits:
        b, w = fit_exact(rows, lam)
        out["fits"].append({"penalty": penalty, "lambda": lam, "intercept": float(b), "coefs": [float(v) for v in w]})
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    rng = random.Random(17)
    cases = []

    # Features 10¹⁰ apart in scale, with a large coefficient on the small-scale feature.
    rows = []
    for _ in range(30):
        a = rng.uniform(-1, 1) * 1e10
        s = rng.uniform(-1, 1)
        e = rng.gauss(0, 0.01)
        rows.append([a, s, 3.0 + 2e-9 * a + 299894.0 * s + e])
    rows = [[float(v) for v in r] for r in rows]
    cases.append(write_case("scales_1e10_apart", rows, [("none", 0.0), ("ridge", 0.001)],
                            "x0 ~ 1e10, x1 ~ 1: the small feature's coefficient is about 299894"))

    # One cell of 1e100: the other coefficients come from the remaining rows.
    rows = []
    for _ in range(25):
        a, s = rng.uniform(-2, 2), rng.uniform(-2, 2)
        z = rng.uniform(0, 1)
        rows.append([a, s, z, 1.0 + 1.42 * a + 2.63 * s + 0.5 * z + rng.gauss(0, 0.05)])
    rows[7][2] = 1e100
    rows = [[float(v) for v in r] for r in rows]
    cases.append(write_case("one_cell_1e100", rows, [("none", 0.0), ("ridge", 0.01)],
                            "x2 has one cell of 1e100; x0 and x1 have coefficients near 1.42 and 2.63"))

    # Cells near the top of the double range.
    rows = []
    for _ in range(20):
        a, s = rng.uniform(-1, 1), rng.uniform(-1, 1)
        rows.append([a * 1e308, s * 5e307, 0.25e308 * a - 0.5e307 * s + rng.uniform(-1, 1) * 1e306])
    rows = [[float(v) for v in r] for r in rows]
    cases.append(write_case("near_1e308", rows, [("none", 0.0), ("ridge", 1e-3)],
                            "cells up to 1e308: sums of squares overflow unless the data are rescaled"))

    # Columns of magnitude 1e-200.
    rows = []
    for _ in range(20):
        a, s = rng.uniform(-1, 1) * 1e-200, rng.uniform(-1, 1) * 1e-200
        rows.append([a, s, 4.0 + 3e200 * a - 1e200 * s + rng.gauss(0, 0.1)])
    rows = [[float(v) for v in r] for r in rows]
    cases.append(write_case("tiny_1e-200", rows, [("none", 0.0)],
                            "features of magnitude 1e-200 (not constant): squares underflow unless rescaled"))

    with open(os.path.join(OUT, "cases.json"), "w") as f:
        json.dump(cases, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
