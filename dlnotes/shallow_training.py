r"""Training the two-layer network of `dlnotes.shallow_network`, and predicting with it.

[nn_model][dlnotes.shallow_training.nn_model] checks its arguments once, then repeats the unchecked forward
pass, backward pass and update of `dlnotes.shallow_network`, so validation costs nothing per iteration.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from dlnotes import _checks
from dlnotes._checks import FloatArray
from dlnotes.shallow_network import (
    Parameters,
    _backward,
    _check_network,
    _cost_from_z,
    _forward,
    _update,
    initialize_parameters,
)

__all__ = ["cost_history", "nn_model", "predict"]

# nn_model(print_cost=True) reports the cost of iterations 0, 1000, 2000, ...
_PRINT_EVERY = 1000


def nn_model(
    X: npt.ArrayLike,
    Y: npt.ArrayLike,
    n_h: int,
    num_iterations: int = 10000,
    print_cost: bool = False,
    seed: int = 3,
    learning_rate: float = 1.2,
) -> Parameters:
    r"""Train the two-layer network by batch gradient descent.

    Initialise with [initialize_parameters][dlnotes.shallow_network.initialize_parameters], then repeat
    forward pass, backward pass and update $\theta := \theta - \alpha\,d\theta$.

    With `print_cost=True` the cost $J$ of iterations 0, 1000, 2000, ... is printed once training
    has ended (``Cost after iteration 1000: 0.318212``), computed from $Z^{[2]}$ as in
    [cost_history][dlnotes.shallow_training.cost_history]; a run that overflows raises before printing.

    Explained on the page [Derivatives of a two-layer network][page-two-layer-network].

    Parameters
    ----------
    X, Y : array_like
        Training inputs $(n_x, m)$ and their 0/1 labels $(1, m)$.
    n_h : int
        Hidden units, $n^{[1]}$.
    num_iterations : int
        Gradient steps.
    print_cost : bool
        After training, print the cost of iterations 0, 1000, 2000, ...
    seed : int
        Seed of the initial weights.
    learning_rate : float
        $\alpha$.

    Returns
    -------
    dict
        The trained ``"W1"``, ``"b1"``, ``"W2"``, ``"b2"``.

    Raises
    ------
    TypeError, ValueError
        As in the [Conventions][conventions], for the data and the settings.

    See Also
    --------
    [forward_propagation][dlnotes.shallow_network.forward_propagation] : the forward pass of each iteration.

    [backward_propagation][dlnotes.shallow_network.backward_propagation] : the backward pass of each iteration.

    [cost_history][dlnotes.shallow_training.cost_history] : the same run, returning the costs instead of printing them.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.shallow_training import nn_model, predict
    >>> X = np.array([[-3.0, -2.0, -0.5, 0.0, 0.5, 2.0, 3.0]])
    >>> Y = (np.abs(X) > 1).astype(int)  # no single threshold on x separates this
    >>> params = nn_model(X, Y, n_h=4, num_iterations=10000)
    >>> predict(params, X).tolist() == Y.tolist()
    True
    """
    inputs, labels, units, steps, alpha = _check_training(X, Y, n_h, num_iterations, learning_rate)
    verbose = _checks.flag("print_cost", print_cost)
    with _checks.memory(n_h=units, m=inputs.shape[1]), _checks.float64_arithmetic("X", "learning_rate"):
        params, costs = _fit(inputs, labels, units, steps, seed, alpha, every=_PRINT_EVERY if verbose else 0)
    # Printed once training is over: a run that overflows raises before printing anything.
    for k, cost in enumerate(costs):
        print(f"Cost after iteration {k * _PRINT_EVERY}: {cost:f}")
    return params


def cost_history(
    X: npt.ArrayLike,
    Y: npt.ArrayLike,
    n_h: int,
    num_iterations: int = 10000,
    every: int = 100,
    seed: int = 3,
    learning_rate: float = 1.2,
) -> list[float]:
    r"""The cost $J$ along the training run of [nn_model][dlnotes.shallow_training.nn_model], every `every` iterations.

    The same run as [nn_model][dlnotes.shallow_training.nn_model], recording $J$ before the updates of
    iterations 0, `every`, 2 `every`, ..., computed from $Z^{[2]}$ as
    $\frac{1}{m}\sum_i \left(\log(1 + e^{z^{[2](i)}}) - y^{(i)} z^{[2](i)}\right)$, finite where $a$ rounds to 0 or 1.

    Explained on the page [Derivatives of a two-layer network][page-two-layer-network].

    Parameters
    ----------
    X, Y, n_h, num_iterations, seed, learning_rate
        As for [nn_model][dlnotes.shallow_training.nn_model].
    every : int
        Record the cost every this many iterations.

    Returns
    -------
    list of float
        The recorded costs, all finite.

    Raises
    ------
    TypeError, ValueError
        As for [nn_model][dlnotes.shallow_training.nn_model], and for `every` (a whole number from 1).

    Examples
    --------
    >>> from dlnotes.datasets import flower
    >>> from dlnotes.shallow_training import cost_history
    >>> X, Y = flower()
    >>> costs = cost_history(X, Y, n_h=4, num_iterations=2000, every=500)
    >>> len(costs), round(costs[0], 3), costs[-1] < costs[0]
    (4, 0.693, True)
    """
    inputs, labels, units, steps, alpha = _check_training(X, Y, n_h, num_iterations, learning_rate)
    period = _checks.positive_int("every", every)
    with _checks.memory(n_h=units, m=inputs.shape[1]), _checks.float64_arithmetic("X", "learning_rate"):
        return _fit(inputs, labels, units, steps, seed, alpha, every=period)[1]


def _check_training(
    X: npt.ArrayLike, Y: npt.ArrayLike, n_h: int, num_iterations: int, learning_rate: float
) -> tuple[FloatArray, FloatArray, int, int, float]:
    inputs, labels = _checks.samples_and_labels("X", X, "Y", Y)
    return (
        inputs,
        labels,
        _checks.positive_int("n_h", n_h),
        _checks.non_negative_int("num_iterations", num_iterations),
        _checks.positive_float("learning_rate", learning_rate),
    )


def _fit(
    X: FloatArray, Y: FloatArray, n_h: int, num_iterations: int, seed: int, learning_rate: float, every: int
) -> tuple[Parameters, list[float]]:
    params = initialize_parameters(X.shape[0], n_h, Y.shape[0], seed=seed)
    costs: list[float] = []
    for i in range(num_iterations):
        _, cache = _forward(params, X)
        if every and i % every == 0:
            costs.append(_cost_from_z(cache["Z2"], Y))
        grads = _backward(params, cache, X, Y)
        params = _update(params, grads, learning_rate)
    return params, costs


def predict(parameters: Mapping[str, Any], X: npt.ArrayLike) -> npt.NDArray[np.int64]:
    r"""Class predictions of the network: 1 where $A^{[2]} > 0.5$.

    $$\hat{Y} = \mathbb{1}\left[A^{[2]} > 0.5\right]$$

    Explained on the page [Derivatives of a two-layer network][page-two-layer-network].

    Parameters
    ----------
    parameters : dict
        Trained ``"W1"``, ``"b1"``, ``"W2"``, ``"b2"``, as [nn_model][dlnotes.shallow_training.nn_model] returns them.
    X : array_like
        Inputs $(n_x, m)$.

    Returns
    -------
    numpy.ndarray
        Integer 0/1 predictions $(1, m)$.

    Raises
    ------
    TypeError, ValueError
        Where [forward_propagation][dlnotes.shallow_network.forward_propagation] does.

    See Also
    --------
    [nn_model][dlnotes.shallow_training.nn_model] : trains the parameters this predicts with.

    Examples
    --------
    >>> from dlnotes.shallow_training import predict
    >>> params = {"W1": [[1.0]], "b1": [[0.0]], "W2": [[5.0]], "b2": [[0.0]]}  # nested lists are fine
    >>> predict(params, [[-1.0, 2.0]]).tolist()
    [[0, 1]]
    """
    inputs = _checks.samples("X", X)
    params = _check_network(parameters, inputs)
    with _checks.float64_arithmetic("X", "parameters"):
        A2, _ = _forward(params, inputs)
    return (A2 > 0.5).astype(np.int64)
