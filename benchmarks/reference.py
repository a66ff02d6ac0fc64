"""Plain reference implementations the benchmarks race against (and tests compare with).

They follow the notes' formulas with no input checks, written the slow obvious way
(per-sample loops) or the fast bare way (the training loop inline).
"""

from __future__ import annotations

import math

import numpy as np


def loop_propagate(w: np.ndarray, b: float, X: np.ndarray, Y: np.ndarray) -> tuple[dict, float]:
    """Logistic regression's cost and gradients, one sample at a time (the pre-vectorization way)."""
    n_x, m = X.shape
    dw = np.zeros((n_x, 1))
    db = 0.0
    cost = 0.0
    for i in range(m):
        z = b
        for j in range(n_x):
            z += w[j, 0] * X[j, i]
        a = 1.0 / (1.0 + math.exp(-z))
        cost += -(Y[0, i] * math.log(a) + (1 - Y[0, i]) * math.log(1 - a))
        dz = a - Y[0, i]
        for j in range(n_x):
            dw[j, 0] += X[j, i] * dz
        db += dz
    return {"dw": dw / m, "db": db / m}, cost / m


def inline_nn_model(
    X: np.ndarray, Y: np.ndarray, n_h: int, num_iterations: int, seed: int = 3, learning_rate: float = 1.2
) -> dict:
    """The two-layer training loop written inline with no checks: the speed floor for nn_model."""
    rng = np.random.default_rng(seed)
    n_x, m = X.shape
    W1 = rng.standard_normal((n_h, n_x)) * 0.01
    b1 = np.zeros((n_h, 1))
    W2 = rng.standard_normal((1, n_h)) * 0.01
    b2 = np.zeros((1, 1))
    for _ in range(num_iterations):
        A1 = np.tanh(W1 @ X + b1)
        A2 = 1.0 / (1.0 + np.exp(-(W2 @ A1 + b2)))
        dZ2 = A2 - Y
        dW2 = dZ2 @ A1.T / m
        db2 = np.sum(dZ2, axis=1, keepdims=True) / m
        dZ1 = (W2.T @ dZ2) * (1 - A1**2)
        dW1 = dZ1 @ X.T / m
        db1 = np.sum(dZ1, axis=1, keepdims=True) / m
        W1, b1, W2, b2 = (
            W1 - learning_rate * dW1,
            b1 - learning_rate * db1,
            W2 - learning_rate * dW2,
            b2 - learning_rate * db2,
        )
    return {"W1": W1, "b1": b1, "W2": W2, "b2": b2}
