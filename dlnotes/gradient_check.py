r"""Gradient checking: compare analytic gradients with centred differences.

If backpropagation is right, $\frac{\partial J}{\partial \theta}$ from the formulas and
the slope measured by nudging $\theta$ agree to about $10^{-7}$ relative difference
or better; a bug usually shows as $10^{-3}$ or worse.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

import numpy as np
import numpy.typing as npt

from dlnotes import _checks
from dlnotes._checks import FloatArray

__all__ = ["gradient_check", "numerical_gradient", "relative_difference"]


def numerical_gradient(f: Callable[[FloatArray], float], x: npt.ArrayLike, epsilon: float = 1e-7) -> FloatArray:
    r"""The gradient of a scalar function by centred differences, one entry at a time.

    $$\frac{\partial f}{\partial x_i} \approx \frac{f(x + \varepsilon e_i) - f(x - \varepsilon e_i)}{2\varepsilon}$$

    The error of the centred difference shrinks like $\varepsilon^2$, against
    $\varepsilon$ for the one-sided $\frac{f(x + \varepsilon e_i) - f(x)}{\varepsilon}$.
    The loop runs over the entries of the parameter (that is the method), never over samples.

    Explained on the page [Derivatives of a two-layer network][page-two-layer-network].

    Parameters
    ----------
    f : callable
        Takes an array shaped like `x`, returns a float.
    x : array_like
        The point, any shape; not modified (`f` receives a perturbed copy).
    epsilon : float
        The nudge $\varepsilon$.

    Returns
    -------
    numpy.ndarray
        Same shape as `x`.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.gradient_check import numerical_gradient
    >>> x = np.array([[1.0, -2.0]])
    >>> numerical_gradient(lambda v: float(np.sum(v ** 3)), x).round(6).tolist()
    [[3.0, 12.0]]
    """
    x = _checks.finite_array("x", x)
    epsilon = _checks.positive_float("epsilon", epsilon)
    point = x.copy()
    grad = np.zeros_like(point)
    flat_point, flat_grad = point.reshape(-1), grad.reshape(-1)
    for i in range(flat_point.size):
        original = flat_point[i]
        flat_point[i] = original + epsilon
        plus = float(f(point))
        flat_point[i] = original - epsilon
        minus = float(f(point))
        flat_point[i] = original
        flat_grad[i] = (plus - minus) / (2.0 * epsilon)
    return grad


def relative_difference(grad: npt.ArrayLike, grad_approx: npt.ArrayLike) -> float:
    r"""How far two gradients are apart, relative to their size.

    $$\frac{\lVert g - g' \rVert_2}{\lVert g \rVert_2 + \lVert g' \rVert_2}$$

    Zero when both are zero.

    Explained on the page [Derivatives of a two-layer network][page-two-layer-network].

    Parameters
    ----------
    grad, grad_approx : array_like
        Two gradients of the same shape.

    Returns
    -------
    float
        In $[0, 1]$.

    Examples
    --------
    >>> from dlnotes.gradient_check import relative_difference
    >>> relative_difference([3.0, 4.0], [3.0, 4.0])
    0.0
    >>> relative_difference([1.0, 0.0], [-1.0, 0.0])
    1.0
    """
    g = _checks.finite_array("grad", grad)
    h = _checks.finite_array("grad_approx", grad_approx)
    if g.shape != h.shape:
        raise ValueError(f"grad has shape {g.shape} but grad_approx has shape {h.shape}; they must match")
    denominator = float(np.linalg.norm(g) + np.linalg.norm(h))
    return 0.0 if denominator == 0.0 else float(np.linalg.norm(g - h)) / denominator


def gradient_check(cost: Callable[[dict[str, FloatArray]], float], parameters: Mapping[str, npt.ArrayLike],
                   grads: Mapping[str, npt.ArrayLike], epsilon: float = 1e-7) -> dict[str, float]:
    r"""Check every analytic gradient of a parameter dict against centred differences.

    For each parameter $\theta$ (``"W1"``, ``"b1"``, ...) with analytic gradient
    $d\theta$ (``grads["dW1"]``, ...):

    $$\text{difference}_\theta = \frac{\lVert d\theta - d\theta_{approx} \rVert_2}
      {\lVert d\theta \rVert_2 + \lVert d\theta_{approx} \rVert_2}$$

    Explained on the page [Derivatives of a two-layer network][page-two-layer-network].

    Parameters
    ----------
    cost : callable
        Takes a parameter dict, returns the cost $J$.
    parameters : dict
        Name to array; left untouched.
    grads : dict
        ``"d" + name`` to the analytic gradient, for every name in `parameters`.
    epsilon : float
        The nudge.

    Returns
    -------
    dict
        Name to relative difference.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.gradient_check import gradient_check
    >>> params = {"W": np.array([[1.0, 2.0]]), "b": np.array([[0.5]])}
    >>> cost = lambda p: float(np.sum(p["W"] ** 2) + 3 * p["b"].item())
    >>> grads = {"dW": 2 * params["W"], "db": np.array([[3.0]])}
    >>> {name: bool(d < 1e-7) for name, d in gradient_check(cost, params, grads).items()}
    {'W': True, 'b': True}
    """
    if not isinstance(parameters, Mapping) or not isinstance(grads, Mapping):
        raise ValueError("parameters and grads must both be dicts of arrays")
    params = {name: _checks.finite_array(f"parameters[{name!r}]", value) for name, value in parameters.items()}
    shapes = {f"d{name}": value.shape for name, value in params.items()}
    checked = _checks.parameter_dict("grads", grads, shapes)
    report: dict[str, float] = {}
    for name, value in params.items():
        def cost_of(theta: FloatArray, name: str = name) -> Any:
            return cost({**params, name: theta})
        report[name] = relative_difference(checked[f"d{name}"], numerical_gradient(cost_of, value, epsilon))
    return report
