r"""The two-layer network of the notes: a tanh hidden layer and a sigmoid output.

Shapes: ``X`` $(n_x, m)$, ``Y`` $(1, m)$, $W^{[1]}$ $(n_h, n_x)$, $b^{[1]}$ $(n_h, 1)$,
$W^{[2]}$ $(n_y, n_h)$, $b^{[2]}$ $(n_y, 1)$ with $n_y = 1$. Every public function
checks its arguments once; training ([nn_model][dlnotes.shallow_training.nn_model], in
`dlnotes.shallow_training`) checks them at entry and then runs the unchecked inner steps, so validation
costs nothing per iteration.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from dlnotes import _checks
from dlnotes._checks import FloatArray
from dlnotes.activations import _sigmoid
from dlnotes.layers import initialize_parameters_deep, parameter_shapes

__all__ = [
    "backward_propagation",
    "compute_cost",
    "forward_propagation",
    "initialize_parameters",
    "layer_sizes",
    "update_parameters",
]

Parameters = dict[str, FloatArray]


def layer_sizes(X: npt.ArrayLike, Y: npt.ArrayLike, n_h: int = 4) -> tuple[int, int, int]:
    r"""The three layer sizes, read off the data.

    $$n_x = \text{rows of } X, \qquad n_h \text{ chosen}, \qquad n_y = \text{rows of } Y$$

    Explained on the page [Derivatives of a two-layer network][page-two-layer-network].

    Parameters
    ----------
    X : array_like
        Inputs $(n_x, m)$; its rows give $n_x$.
    Y : array_like
        Labels $(1, m)$; its single row gives $n_y = 1$.
    n_h : int
        Hidden units, the one size the data cannot tell.

    Returns
    -------
    tuple of int
        $(n_x, n_h, n_y)$.

    Raises
    ------
    TypeError, ValueError
        As in the [Conventions][conventions]; `Y` must be a $(1, m)$ row of labels for the $m$ columns of `X`.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.shallow_network import layer_sizes
    >>> layer_sizes(np.zeros((5, 3)), np.array([[0, 1, 1]]))
    (5, 4, 1)
    """
    X, Y = _checks.samples_and_labels("X", X, "Y", Y)
    return X.shape[0], _checks.positive_int("n_h", n_h), Y.shape[0]


def initialize_parameters(n_x: int, n_h: int, n_y: int, seed: int = 2) -> Parameters:
    r"""Small random weights, zero biases.

    $$W^{[1]} \sim 0.01\,\mathcal{N}(0, 1)^{n_h \times n_x}, \quad b^{[1]} = 0^{n_h \times 1}, \quad
      W^{[2]} \sim 0.01\,\mathcal{N}(0, 1)^{n_y \times n_h}, \quad b^{[2]} = 0^{n_y \times 1}$$

    Explained on the page [Derivatives of a two-layer network][page-two-layer-network].

    Parameters
    ----------
    n_x, n_h, n_y : int
        Sizes of the input, hidden and output layers.
    seed : int
        Seed for ``numpy.random.default_rng``.

    Returns
    -------
    dict
        ``"W1"``, ``"b1"``, ``"W2"``, ``"b2"``.

    Raises
    ------
    TypeError, ValueError
        As in the [Conventions][conventions], for the sizes (whole numbers from 1) and `seed` (from 0).

    Examples
    --------
    >>> from dlnotes.shallow_network import initialize_parameters
    >>> params = initialize_parameters(2, 4, 1)
    >>> {name: value.shape for name, value in params.items()}
    {'W1': (4, 2), 'b1': (4, 1), 'W2': (1, 4), 'b2': (1, 1)}
    """
    sizes = [_checks.positive_int(name, n) for name, n in (("n_x", n_x), ("n_h", n_h), ("n_y", n_y))]
    return initialize_parameters_deep(sizes, seed=seed)


def _shapes_of(parameters: object) -> dict[str, tuple[int, int]]:
    """The shapes a parameter dict must have, inferred from its W1 and W2."""
    given = _checks.parameter_keys("parameters", parameters, ("W1", "b1", "W2", "b2"))
    W1, W2 = (_checks.finite_array(f"parameters[{key!r}]", given[key]).shape for key in ("W1", "W2"))
    if len(W1) != 2 or len(W2) != 2:
        raise ValueError(f"parameters['W1'] and parameters['W2'] must be 2-D, got shapes {W1} and {W2}")
    if 0 in W1 + W2:
        raise ValueError(f"parameters['W1'] and parameters['W2'] have shapes {W1} and {W2}: every layer needs a unit")
    return parameter_shapes([W1[1], W1[0], W2[0]])


def _check_network(parameters: Mapping[str, Any], inputs: FloatArray, m: int | None = None) -> Parameters:
    """The parameters, checked to fit ``inputs``; ``m``, the number of labels if known, helps blame a transposed X."""
    shapes = _shapes_of(parameters)
    params = _checks.parameter_dict("parameters", parameters, shapes)
    _checks.not_transposed("X", inputs, shapes["W1"][1], m, by=f"parameters['W1'] of shape {shapes['W1']}")
    if shapes["W1"][1] != inputs.shape[0]:
        raise ValueError(
            f"parameters['W1'] has shape {shapes['W1']}, so it expects X with "
            f"{shapes['W1'][1]} rows, but X has shape {inputs.shape}"
        )
    if shapes["W2"][0] != 1:
        raise ValueError(f"parameters['W2'] has shape {shapes['W2']}; this binary classifier needs n_y = 1")
    return params


def _forward(params: Parameters, X: FloatArray) -> tuple[FloatArray, dict[str, FloatArray]]:
    Z1 = params["W1"] @ X + params["b1"]
    A1 = np.tanh(Z1)
    Z2 = params["W2"] @ A1 + params["b2"]
    A2 = _sigmoid(Z2)
    return A2, {"Z1": Z1, "A1": A1, "Z2": Z2, "A2": A2}


def forward_propagation(X: npt.ArrayLike, parameters: Mapping[str, Any]) -> tuple[FloatArray, dict[str, FloatArray]]:
    r"""Forward pass through both layers, all samples at once.

    $$Z^{[1]} = W^{[1]}X + b^{[1]}, \quad A^{[1]} = \tanh(Z^{[1]}), \quad
      Z^{[2]} = W^{[2]}A^{[1]} + b^{[2]}, \quad A^{[2]} = \sigma(Z^{[2]})$$

    The $(n, 1)$ biases are broadcast across the $m$ columns.

    Explained on the page [Derivatives of a two-layer network][page-two-layer-network].

    Parameters
    ----------
    X : array_like
        Inputs $(n_x, m)$.
    parameters : dict
        ``"W1"``, ``"b1"``, ``"W2"``, ``"b2"``.

    Returns
    -------
    A2 : numpy.ndarray
        Output probabilities $(1, m)$.
    cache : dict
        ``"Z1"``, ``"A1"``, ``"Z2"``, ``"A2"``, kept for the backward pass.

    Raises
    ------
    TypeError, ValueError
        As in the [Conventions][conventions]; `parameters` must chain with `X` (the message says so when `X`
        looks transposed) and have $n_y = 1$.

    See Also
    --------
    [backward_propagation][dlnotes.shallow_network.backward_propagation] : takes this pass's cache back to the gradients.

    [nn_model][dlnotes.shallow_training.nn_model] : runs this pass once per iteration of training.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.shallow_network import forward_propagation, initialize_parameters
    >>> A2, cache = forward_propagation(np.ones((2, 3)), initialize_parameters(2, 4, 1))
    >>> A2.shape, cache["A1"].shape
    ((1, 3), (4, 3))
    >>> bool(np.allclose(A2, 0.5, atol=0.01))
    True
    """
    inputs = _checks.samples("X", X)
    params = _check_network(parameters, inputs)
    with _checks.float64_arithmetic("X", "parameters"):
        return _forward(params, inputs)


def _cost(A2: FloatArray, Y: FloatArray) -> float:
    m = Y.shape[1]
    return float(-np.sum(Y * np.log(A2) + (1.0 - Y) * np.log(1.0 - A2)) / m)


# The float64 probabilities nearest to 0 and to 1 that are not 0 and 1: 2**-1074 and 1 - 2**-53.
_NEAREST_TO_0, _NEAREST_TO_1 = 5e-324, 1.0 - 2.0**-53


def _cost_from_z(Z2: FloatArray, Y: FloatArray) -> float:
    # -[y log(a) + (1 - y) log(1 - a)] with a = sigmoid(z) equals log(1 + e^z) - y z, as in
    # logistic regression; the right side stays finite when a rounds to exactly 0 or 1.
    m = Y.shape[1]
    return float(np.sum(np.logaddexp(0.0, Z2) - Y * Z2) / m)


def compute_cost(A2: npt.ArrayLike, Y: npt.ArrayLike) -> float:
    r"""Cross-entropy cost of the output layer.

    $$J = -\frac{1}{m}\sum_{i=1}^{m}\left(y^{(i)}\log a^{[2](i)} + (1 - y^{(i)})\log(1 - a^{[2](i)})\right)$$

    Explained on the page [Derivatives of a two-layer network][page-two-layer-network].

    An $a$ of exactly 0 or 1, which a saturated sigmoid outputs, is read as the nearest float64
    probability, so a confident wrong answer costs about 36.7 instead of infinity. The exact
    cost comes from $Z^{[2]}$ as $\log(1 + e^{z}) - yz$, as [nn_model][dlnotes.shallow_training.nn_model] computes it.

    Parameters
    ----------
    A2 : array_like
        Output probabilities $(1, m)$, each from 0 to 1.
    Y : array_like
        Labels $(1, m)$.

    Returns
    -------
    float
        $J$, finite.

    Raises
    ------
    TypeError, ValueError
        As in the [Conventions][conventions]; `A2` must hold values from 0 to 1.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.shallow_network import compute_cost
    >>> round(compute_cost(np.array([[0.5, 0.5]]), np.array([[1, 0]])), 6)
    0.693147
    >>> round(compute_cost(np.array([[1.0]]), np.array([[0]])), 4)  # sigmoid(40) is exactly 1.0
    36.7368
    """
    A2 = _checks.probabilities("A2", A2)
    Y = _checks.labels("Y", Y, A2.shape[1])
    return _cost(np.clip(A2, _NEAREST_TO_0, _NEAREST_TO_1), Y)


def _backward(params: Parameters, cache: Mapping[str, FloatArray], X: FloatArray, Y: FloatArray) -> Parameters:
    m = X.shape[1]
    A1, A2 = cache["A1"], cache["A2"]
    dZ2 = A2 - Y
    dW2 = dZ2 @ A1.T / m
    db2 = np.sum(dZ2, axis=1, keepdims=True) / m
    dZ1 = (params["W2"].T @ dZ2) * (1.0 - A1 * A1)
    dW1 = dZ1 @ X.T / m
    db1 = np.sum(dZ1, axis=1, keepdims=True) / m
    return {"dW1": dW1, "db1": db1, "dW2": dW2, "db2": db2}


def backward_propagation(
    parameters: Mapping[str, Any], cache: Mapping[str, Any], X: npt.ArrayLike, Y: npt.ArrayLike
) -> Parameters:
    r"""Backward pass: the six equations of the notes.

    $$\begin{aligned}
    dZ^{[2]} &= A^{[2]} - Y &
    dW^{[2]} &= \tfrac{1}{m}\, dZ^{[2]} A^{[1]T} &
    db^{[2]} &= \tfrac{1}{m}\textstyle\sum_{\text{columns}} dZ^{[2]} \\
    dZ^{[1]} &= W^{[2]T} dZ^{[2]} * \left(1 - (A^{[1]})^2\right) &
    dW^{[1]} &= \tfrac{1}{m}\, dZ^{[1]} X^T &
    db^{[1]} &= \tfrac{1}{m}\textstyle\sum_{\text{columns}} dZ^{[1]}
    \end{aligned}$$

    $*$ is the element-wise product and $1 - (A^{[1]})^2 = g^{[1]\prime}(Z^{[1]})$
    for the tanh hidden layer. The column sums are ``np.sum(dZ, axis=1, keepdims=True)``.

    Explained on the page [Derivatives of a two-layer network][page-two-layer-network].

    Parameters
    ----------
    parameters : dict
        ``"W1"``, ``"b1"``, ``"W2"``, ``"b2"``.
    cache : dict
        ``"A1"`` $(n_h, m)$ and ``"A2"`` $(1, m)$ from [forward_propagation][dlnotes.shallow_network.forward_propagation].
    X : array_like
        Inputs $(n_x, m)$.
    Y : array_like
        Labels $(1, m)$.

    Returns
    -------
    dict
        ``"dW1"``, ``"db1"``, ``"dW2"``, ``"db2"``, each the shape of its parameter.

    Raises
    ------
    TypeError, ValueError
        Where [forward_propagation][dlnotes.shallow_network.forward_propagation] does, and for `Y` and a `cache`
        without ``"A1"`` and ``"A2"`` of the pass's shapes.

    See Also
    --------
    [forward_propagation][dlnotes.shallow_network.forward_propagation] : the pass whose cache this takes.

    [nn_model][dlnotes.shallow_training.nn_model] : alternates both passes with [update_parameters][dlnotes.shallow_network.update_parameters].

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.shallow_network import (backward_propagation, forward_propagation,
    ...                                      initialize_parameters)
    >>> X, Y = np.array([[1.0, -1.0], [2.0, 0.5]]), np.array([[1, 0]])
    >>> params = initialize_parameters(2, 3, 1)
    >>> _, cache = forward_propagation(X, params)
    >>> grads = backward_propagation(params, cache, X, Y)
    >>> {name: grad.shape for name, grad in grads.items()}
    {'dW1': (3, 2), 'db1': (3, 1), 'dW2': (1, 3), 'db2': (1, 1)}
    """
    inputs = _checks.samples("X", X)
    m = inputs.shape[1]
    labels = _checks.labels("Y", Y, m, match_m=False)  # its length is checked after the parameters
    params = _check_network(parameters, inputs, labels.shape[1])
    labels = _checks.labels("Y", labels, m)
    n_h = params["W1"].shape[0]
    _checks.mapping("cache", cache, "the dict returned by forward_propagation")
    checked = _checks.parameter_dict("cache", cache, {"A1": (n_h, m), "A2": (1, m)})
    with _checks.float64_arithmetic("parameters", "cache", "X"):
        return _backward(params, checked, inputs, labels)


def _update(params: Parameters, grads: Mapping[str, FloatArray], learning_rate: float) -> Parameters:
    return {name: value - learning_rate * grads["d" + name] for name, value in params.items()}


def update_parameters(
    parameters: Mapping[str, Any], grads: Mapping[str, Any], learning_rate: float = 1.2
) -> Parameters:
    r"""One gradient-descent step, returning new arrays.

    $$\theta := \theta - \alpha\, d\theta \quad \text{for } \theta \in \{W^{[1]}, b^{[1]}, W^{[2]}, b^{[2]}\}$$

    Explained on the page [Derivatives of a two-layer network][page-two-layer-network].

    Parameters
    ----------
    parameters : dict
        ``"W1"``, ``"b1"``, ``"W2"``, ``"b2"``; left untouched.
    grads : dict
        ``"dW1"``, ``"db1"``, ``"dW2"``, ``"db2"``, of matching shapes.
    learning_rate : float
        $\alpha$.

    Returns
    -------
    dict
        The updated parameters, as new arrays.

    Raises
    ------
    TypeError, ValueError
        As in the [Conventions][conventions]; `grads` must match the shapes of `parameters`.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.shallow_network import update_parameters
    >>> params = {"W1": np.ones((2, 1)), "b1": np.zeros((2, 1)), "W2": np.ones((1, 2)), "b2": np.zeros((1, 1))}
    >>> grads = {"d" + name: np.ones_like(value) for name, value in params.items()}
    >>> new = update_parameters(params, grads, learning_rate=0.5)
    >>> new["W1"].tolist(), params["W1"].tolist()
    ([[0.5], [0.5]], [[1.0], [1.0]])
    """
    shapes = _shapes_of(parameters)
    params = _checks.parameter_dict("parameters", parameters, shapes)
    checked = _checks.parameter_dict("grads", grads, {"d" + name: shape for name, shape in shapes.items()})
    learning_rate = _checks.positive_float("learning_rate", learning_rate)
    with _checks.float64_arithmetic("parameters", "grads", "learning_rate"):
        return _update(params, checked, learning_rate)
