r"""The shapes of a network's parameters, for any depth.

Layer $l$ has $n^{[l]}$ units. Its weight matrix stacks one row $w_j^{[l]T}$ per unit
of layer $l$, each row as long as layer $l-1$ is wide, so
$W^{[l]} \in \mathbb{R}^{n^{[l]} \times n^{[l-1]}}$ and
$b^{[l]} \in \mathbb{R}^{n^{[l]} \times 1}$. Layer 0 is the input, $n^{[0]} = n_x$.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from dlnotes import _checks
from dlnotes._checks import FloatArray

__all__ = ["initialize_parameters_deep", "parameter_shapes"]


def _layer_dims(layer_dims: Sequence[int]) -> list[int]:
    if isinstance(layer_dims, (str, bytes)) or not isinstance(layer_dims, Sequence):
        raise ValueError(f"layer_dims must be a list of layer sizes [n_x, n1, ..., nL], got {layer_dims!r}")
    if len(layer_dims) < 2:
        raise ValueError(f"layer_dims needs at least 2 sizes (input and output), got {list(layer_dims)!r}")
    return [_checks.positive_int(f"layer_dims[{i}]", n) for i, n in enumerate(layer_dims)]


def parameter_shapes(layer_dims: Sequence[int]) -> dict[str, tuple[int, int]]:
    r"""The shape of every $W^{[l]}$ and $b^{[l]}$ of a network.

    $$W^{[l]}: (n^{[l]}, n^{[l-1]}), \qquad b^{[l]}: (n^{[l]}, 1), \qquad l = 1, \dots, L$$

    Parameters
    ----------
    layer_dims : sequence of int
        $[n^{[0]}, n^{[1]}, \dots, n^{[L]}]$, the input size first.

    Returns
    -------
    dict
        ``{"W1": (n1, n0), "b1": (n1, 1), ..., "WL": ..., "bL": ...}``.

    Examples
    --------
    >>> from dlnotes.shapes import parameter_shapes
    >>> parameter_shapes([3, 4, 1])
    {'W1': (4, 3), 'b1': (4, 1), 'W2': (1, 4), 'b2': (1, 1)}
    """
    dims = _layer_dims(layer_dims)
    shapes: dict[str, tuple[int, int]] = {}
    for layer in range(1, len(dims)):
        shapes[f"W{layer}"] = (dims[layer], dims[layer - 1])
        shapes[f"b{layer}"] = (dims[layer], 1)
    return shapes


def initialize_parameters_deep(layer_dims: Sequence[int], seed: int = 1, scale: float = 0.01) -> dict[str, FloatArray]:
    r"""Small random weights and zero biases for every layer.

    $$W^{[l]} = \text{scale} \cdot \mathcal{N}(0, 1)^{n^{[l]} \times n^{[l-1]}}, \qquad b^{[l]} = 0$$

    Random weights break the symmetry between the units of a layer: with
    $W^{[l]} = 0$ every unit would compute the same function and receive the same
    gradient forever. Small weights keep tanh and sigmoid units out of their flat
    regions at the start.

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
        ``"W1"``, ``"b1"``, ..., with the shapes of :func:`parameter_shapes`.

    Examples
    --------
    >>> from dlnotes.shapes import initialize_parameters_deep
    >>> params = initialize_parameters_deep([5, 4, 3], seed=0)
    >>> {name: value.shape for name, value in params.items()}
    {'W1': (4, 5), 'b1': (4, 1), 'W2': (3, 4), 'b2': (3, 1)}
    >>> float(abs(params["W1"]).max()) < 0.05, float(abs(params["b2"]).max())
    (True, 0.0)
    """
    shapes = parameter_shapes(layer_dims)
    scale = _checks.positive_float("scale", scale)
    rng = np.random.default_rng(seed)
    params: dict[str, FloatArray] = {}
    for name, shape in shapes.items():
        params[name] = rng.standard_normal(shape) * scale if name[0] == "W" else np.zeros(shape)
    return params
