"""``make bench``: the speed targets of the numerical core and the budgets of the site, as medians of repeated runs.

Targets (checked here and reported, never in the test suite, since timings are noisy):

- the vectorized logistic-regression gradient is at least 100x faster than the
  per-sample loop, at m = 10000 and n_x = 100;
- ``nn_model`` (10000 iterations, 400 flower points, 4 hidden units) takes at most 1.3x
  the time of the same training loop written inline with no input checks;
- the site's budgets: see `benchmarks.site`.

It prints each figure beside its goal, then the same as a Markdown table for CONTRIBUTING,
with the date and the machine. Exit status 1 if a goal is missed, so a CI job can gate on
it if it wants to. ``--core`` or ``--site`` runs one half; ``--no-lighthouse`` leaves out the
phone scores of `benchmarks.lighthouse` (the longest part: three Lighthouse runs of every page,
ours and the same Markdown with MathJax 3).
"""

from __future__ import annotations

import os
import platform
import statistics
import sys
import time
from collections.abc import Callable

import numpy as np

from benchmarks import lighthouse, site
from benchmarks.reference import inline_nn_model, loop_propagate
from benchmarks.site import Row
from dlnotes.datasets import flower
from dlnotes.logistic_regression import propagate
from dlnotes.shallow_training import nn_model


def median_seconds(run: Callable[[], object], repeats: int) -> float:
    run()  # warm-up: imports, caches, BLAS threads
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def core() -> list[Row]:
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
    return [
        Row(
            "logistic-regression gradient, m=10000, n_x=100",
            f"vectorized {vectorized * 1e3:.2f} ms, per-sample loop {looped * 1e3:.0f} ms: {speedup:.0f}x faster",
            speedup >= 100,
            ">= 100x",
        ),
        Row(
            "nn_model, 10000 iterations on 400 flower points",
            f"nn_model {ours:.3f} s, inline loop {bare:.3f} s: {ratio:.2f}x",
            ratio <= 1.3,
            "<= 1.3x",
        ),
    ]


def machine() -> str:
    model = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as cpuinfo:
            model = next(line.split(":", 1)[1].strip() for line in cpuinfo if line.startswith("model name"))
    except (OSError, StopIteration):
        pass
    load = f", load average {os.getloadavg()[0]:.1f}" if hasattr(os, "getloadavg") else ""
    return f"{os.cpu_count()} CPUs (nproc), {model}, Python {platform.python_version()}{load}"


def main(argv: list[str]) -> int:
    started = time.strftime("%Y-%m-%d")
    rows = ([] if "--site" in argv else core()) + ([] if "--core" in argv else site.main())
    if "--core" not in argv and "--no-lighthouse" not in argv:
        rows += lighthouse.main([])
    status = {True: "PASS", False: "MISS", None: "    "}
    for row in rows:
        goal = f" (goal {row.goal})" if row.goal else ""
        print(f"{status[row.ok]}  {row.what}: {row.measured}{goal}")
    print(f"\nMeasured {started} on {machine()}.\n")
    print("| Budget | Measured | Goal |\n| --- | --- | --- |")
    for row in rows:
        mark = {True: " (met)", False: " (missed)", None: ""}[row.ok]
        print(f"| {row.what.strip()} | {row.measured} | {row.goal or '-'}{mark if row.goal else ''} |")
    return 0 if all(row.ok is not False for row in rows) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
