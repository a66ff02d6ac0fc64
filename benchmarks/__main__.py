"""``make bench``: the speed targets of the numerical core, as medians of repeated runs.

Targets (checked here and reported, never in the test suite, since timings are noisy):

- the vectorized logistic-regression gradient is at least 100x faster than the
  per-sample loop, at m = 10000 and n_x = 100;
- ``nn_model`` (10000 iterations, 400 flower points, 4 hidden units) takes at most 1.3x
  the time of the same training loop written inline with no input checks.

Exit status 1 if a target is missed, so a CI job can gate on it if it wants to.
"""

from __future__ import annotations

import statistics
import sys
import time
from collections.abc import Callable

import numpy as np

from benchmarks.reference import inline_nn_model, loop_propagate
from dlnotes.datasets import flower
from dlnotes.logistic_regression import propagate
from dlnotes.shallow_network import nn_model


def median_seconds(run: Callable[[], object], repeats: int) -> float:
    run()  # warm-up: imports, caches, BLAS threads
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> int:
    rng = np.random.default_rng(0)
    n_x, m = 100, 10_000
    w = rng.standard_normal((n_x, 1)) * 0.01
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    vectorized = median_seconds(lambda: propagate(w, 0.0, X, Y), repeats=21)
    looped = median_seconds(lambda: loop_propagate(w, 0.0, X, Y), repeats=3)
    speedup = looped / vectorized

    Xf, Yf = flower()
    ours = median_seconds(lambda: nn_model(Xf, Yf, n_h=4, num_iterations=10_000), repeats=5)
    bare = median_seconds(lambda: inline_nn_model(Xf, Yf, n_h=4, num_iterations=10_000), repeats=5)
    ratio = ours / bare

    rows = [
        ("logistic-regression gradient, m=10000, n_x=100",
         f"vectorized {vectorized * 1e3:.2f} ms, per-sample loop {looped * 1e3:.0f} ms: {speedup:.0f}x faster",
         speedup >= 100, ">= 100x"),
        ("nn_model, 10000 iterations on 400 flower points",
         f"nn_model {ours:.3f} s, inline loop {bare:.3f} s: {ratio:.2f}x", ratio <= 1.3, "<= 1.3x"),
    ]
    for what, measured, ok, target in rows:
        print(f"{'PASS' if ok else 'MISS'}  {what}: {measured} (target {target})")
    return 0 if all(ok for *_, ok, _ in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
