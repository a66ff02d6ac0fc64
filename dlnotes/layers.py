r"""The shapes of a network's parameters, for any depth.

Layer $l$ has $n^{[l]}$ units. Its weight matrix stacks one row $w_j^{[l]T}$ per unit
of layer $l$, each row as long as layer $l-1$ is wide, so
$W^{[l]} \in \mathbb{R}^{n^{[l]} \times n^{[l-1]}}$ and
$b^{[l]} \in \mathbb{R}^{n^{[l]} \times 1}$. Layer 0 is the input, $n^{[0]} = n_x$.

With a batch of $m$ samples as columns, [linear_forward][dlnotes.layers.linear_forward] computes
$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$, of shape $(n^{[l]}, m)$, and
[linear_backward][dlnotes.layers.linear_backward] returns gradients of the shapes of $A^{[l-1]}$, $W^{[l]}$ and $b^{[l]}$.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from dlnotes import _checks
from dlnotes._checks import FloatArray

__all__ = ["initialize_parameters_deep", "linear_backward", "linear_forward", "parameter_shapes"]


def _layer_dims(layer_dims: Sequence[int]) -> list[int]:
    if isinstance(layer_dims, (str, bytes)) or not isinstance(layer_dims, Sequence):
        raise TypeError(f"layer_dims must be a list of layer sizes [n_x, n1, ..., nL], got {layer_dims!r:.60}")
    if len(layer_dims) < 2:
        raise ValueError(f"layer_dims needs at least 2 sizes (input and output), got {list(layer_dims)!r}")
    return [_checks.positive_int(f"layer_dims[{i}]", n) for i, n in enumerate(layer_dims)]


def parameter_shapes(layer_dims: Sequence[int]) -> dict[str, tuple[int, int]]:
    r"""The shape of every $W^{[l]}$ and $b^{[l]}$ of a network.

    $$W^{[l]}: (n^{[l]}, n^{[l-1]}), \qquad b^{[l]}: (n^{[l]}, 1), \qquad l = 1, \dots, L$$

    Explained on the page [The shape of a weight matrix][page-weight-matrix].

    Parameters
    ----------
    layer_dims : sequence of int
        $[n^{[0]}, n^{[1]}, \dots, n^{[L]}]$, the input size first.

    Returns
    -------
    dict
        ``{"W1": (n1, n0), "b1": (n1, 1), ..., "WL": ..., "bL": ...}``.

    Raises
    ------
    TypeError
        If `layer_dims` is not a list (or tuple) of whole numbers.
    ValueError
        If it holds fewer than 2 sizes, or a size below 1.

    Examples
    --------
    >>> from dlnotes.layers import parameter_shapes
    >>> parameter_shapes([3, 4, 1])
    {'W1': (4, 3), 'b1': (4, 1), 'W2': (1, 4), 'b2': (1, 1)}
    """
    return _parameter_shapes(_layer_dims(layer_dims))


def _parameter_shapes(dims: list[int]) -> dict[str, tuple[int, int]]:
    shapes: dict[str, tuple[int, int]] = {}
    for l in range(1, len(dims)):  # l: the layer, as in the superscript [l]
        shapes[f"W{l}"] = (dims[l], dims[l - 1])
        shapes[f"b{l}"] = (dims[l], 1)
    return shapes


def initialize_parameters_deep(layer_dims: Sequence[int], seed: int = 1, scale: float = 0.01) -> dict[str, FloatArray]:
    r"""Small random weights and zero biases for every layer.

    $$W^{[l]} = \text{scale} \cdot \mathcal{N}(0, 1)^{n^{[l]} \times n^{[l-1]}}, \qquad b^{[l]} = 0$$

    Random weights break the symmetry between the units of a layer: with
    $W^{[l]} = 0$ every unit would compute the same function and receive the same
    gradient forever. Small weights keep tanh and sigmoid units out of their flat
    regions at the start.

    Explained on the page [The shape of a weight matrix][page-weight-matrix].

    Parameters
    ----------
    layer_dims : sequence of int
        $[n^{[0]}, n^{[1]}, \dots, n^{[L]}]$.
    seed : int
        Seed for ``numpy.random.default_rng``; the same seed gives the same weights.
    scale : float
        Standard deviation of the weights.

    Returns
    -------
    dict
        ``"W1"``, ``"b1"``, ..., with the shapes of [parameter_shapes][dlnotes.layers.parameter_shapes].

    Raises
    ------
    TypeError
        If `layer_dims` is refused as by [parameter_shapes][dlnotes.layers.parameter_shapes], `seed` is not a whole
        number, or `scale` not a number.
    ValueError
        If `layer_dims` is refused as by [parameter_shapes][dlnotes.layers.parameter_shapes], `seed` is negative, or
        `scale` is not a finite number > 0 (or so large that the weights overflow), or if the arrays would
        not fit in memory.

    Examples
    --------
    >>> from dlnotes.layers import initialize_parameters_deep
    >>> params = initialize_parameters_deep([5, 4, 3], seed=0)
    >>> {name: value.shape for name, value in params.items()}
    {'W1': (4, 5), 'b1': (4, 1), 'W2': (3, 4), 'b2': (3, 1)}
    >>> float(abs(params["W1"]).max()) < 0.05, float(abs(params["b2"]).max())
    (True, 0.0)
    """
    shapes = parameter_shapes(layer_dims)
    scale = _checks.positive_float("scale", scale)
    rng = np.random.default_rng(_checks.seed("seed", seed))
    params: dict[str, FloatArray] = {}
    with _checks.memory(layer_dims=list(layer_dims)), _checks.float64_arithmetic("scale"):
        for name, shape in shapes.items():
            params[name] = rng.standard_normal(shape) * scale if name[0] == "W" else np.zeros(shape)
    return params


def _check_layer(W_value: npt.ArrayLike, A_prev_value: npt.ArrayLike) -> tuple[FloatArray, FloatArray]:
    """``W`` of shape (n, n_prev) and ``A_prev`` of shape (n_prev, m), or an error that names the mismatch."""
    W = _checks.matrix("W", W_value, meaning="one row per unit of this layer, one column per unit of the layer before")
    A_prev = _checks.samples("A_prev", A_prev_value)
    n, n_prev = W.shape
    if A_prev.shape[0] != n_prev:
        hint = f"; W looks transposed: W.T, of shape {W.T.shape}, would fit" if A_prev.shape[0] == n else ""
        raise ValueError(
            f"W has shape {W.shape} but A_prev has shape {A_prev.shape}: W @ A_prev needs as many "
            f"columns in W ({n_prev}) as rows in A_prev ({A_prev.shape[0]}); W^[l] is (n^[l], n^[l-1])"
            f"{hint}"
        )
    return W, A_prev


def _linear_forward(A_prev: FloatArray, W: FloatArray, b: FloatArray) -> FloatArray:
    Z = W @ A_prev + b  # b: stretched to m columns
    return Z


def linear_forward(A_prev: npt.ArrayLike, W: npt.ArrayLike, b: npt.ArrayLike) -> FloatArray:
    r"""The linear step of layer $l$ for a whole batch, one sample per column.

    $$Z^{[l]} = W^{[l]} A^{[l-1]} + b^{[l]}$$

    with shapes $(n^{[l]}, m) = (n^{[l]}, n^{[l-1]})\,(n^{[l-1]}, m) + (n^{[l]}, 1)$:
    the column $b^{[l]}$ is broadcast across the $m$ columns.

    Explained on the page [The shape of a weight matrix][page-weight-matrix].

    Parameters
    ----------
    A_prev : array_like
        $A^{[l-1]}$, shape $(n^{[l-1]}, m)$; $X$ for the first layer.
    W : array_like
        $W^{[l]}$, shape $(n^{[l]}, n^{[l-1]})$.
    b : array_like
        $b^{[l]}$, shape $(n^{[l]}, 1)$.

    Returns
    -------
    numpy.ndarray
        $Z^{[l]}$, shape $(n^{[l]}, m)$.

    Raises
    ------
    TypeError
        If an input is not real numbers (None, a string, complex numbers, bools).
    ValueError
        If the shapes do not chain; the message says which and, when ``W`` is transposed, says so.
        Also for NaN, infinity, an empty batch, or values so large that $Z^{[l]}$ overflows.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.layers import linear_forward
    >>> Z = linear_forward(np.ones((3, 5)), np.ones((4, 3)), np.zeros((4, 1)))
    >>> Z.shape, float(Z[0, 0])
    ((4, 5), 3.0)
    """
    W, A_prev = _check_layer(W, A_prev)
    b = _checks.matrix("b", b, rows=W.shape[0], cols=1, meaning="one bias per unit of this layer")
    with _checks.float64_arithmetic("A_prev", "W", "b"):
        return _linear_forward(A_prev, W, b)


def _linear_backward(dZ: FloatArray, A_prev: FloatArray, W: FloatArray) -> tuple[FloatArray, FloatArray, FloatArray]:
    m = A_prev.shape[1]
    dW = dZ @ A_prev.T / m  # shape of W
    db = np.sum(dZ, axis=1, keepdims=True) / m  # of b
    dA_prev = W.T @ dZ  # shape of A_prev
    return dA_prev, dW, db


def linear_backward(
    dZ: npt.ArrayLike, A_prev: npt.ArrayLike, W: npt.ArrayLike
) -> tuple[FloatArray, FloatArray, FloatArray]:
    r"""Gradients of the linear step of layer $l$, each the shape of what it differentiates.

    $$dW^{[l]} = \tfrac{1}{m}\, dZ^{[l]} A^{[l-1]T}, \qquad
      db^{[l]} = \tfrac{1}{m} \textstyle\sum_{\text{columns}} dZ^{[l]}, \qquad
      dA^{[l-1]} = W^{[l]T} dZ^{[l]}$$

    As in the notes, column $i$ of $dZ^{[l]}$ is the derivative of sample $i$'s loss with
    respect to $z^{[l](i)}$, so $dZ^{[l]} = m\,\partial J / \partial Z^{[l]}$ (for a sigmoid
    output and the cross-entropy loss, $dZ^{[L]} = A^{[L]} - Y$); the $\tfrac{1}{m}$ of
    $dW$ and $db$ turns the sum over samples into the mean.

    Explained on the page [The shape of a weight matrix][page-weight-matrix].

    Parameters
    ----------
    dZ : array_like
        $dZ^{[l]}$, shape $(n^{[l]}, m)$, the shape of $Z^{[l]}$.
    A_prev : array_like
        $A^{[l-1]}$ from the forward pass, shape $(n^{[l-1]}, m)$.
    W : array_like
        $W^{[l]}$, shape $(n^{[l]}, n^{[l-1]})$.

    Returns
    -------
    dA_prev : numpy.ndarray
        Shape $(n^{[l-1]}, m)$.
    dW : numpy.ndarray
        Shape $(n^{[l]}, n^{[l-1]})$.
    db : numpy.ndarray
        Shape $(n^{[l]}, 1)$.

    Raises
    ------
    TypeError
        If an input is not real numbers (None, a string, complex numbers, bools).
    ValueError
        If the shapes do not chain, for NaN, infinity, an empty batch, or values so large
        that a gradient overflows.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.layers import linear_backward
    >>> dA_prev, dW, db = linear_backward(np.ones((4, 5)), np.ones((3, 5)), np.ones((4, 3)))
    >>> dA_prev.shape, dW.shape, db.shape
    ((3, 5), (4, 3), (4, 1))
    """
    W, A_prev = _check_layer(W, A_prev)
    dZ = _checks.matrix("dZ", dZ, rows=W.shape[0], cols=A_prev.shape[1], meaning="the shape of Z = W A_prev + b")
    with _checks.float64_arithmetic("dZ", "A_prev", "W"):
        return _linear_backward(dZ, A_prev, W)
