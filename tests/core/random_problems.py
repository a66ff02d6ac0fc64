"""Random parameters and data of the notes' shapes, seeded, for tests that need any instance rather than a special one."""

import numpy as np


def random_problem(n_x, m, seed):
    """Logistic regression's w (n_x, 1), b, X (n_x, m) and 0/1 labels Y (1, m)."""
    rng = np.random.default_rng(seed)
    w = rng.standard_normal((n_x, 1))
    b = float(rng.standard_normal())
    X = rng.standard_normal((n_x, m))
    Y = (rng.random((1, m)) > 0.5).astype(float)
    return w, b, X, Y
