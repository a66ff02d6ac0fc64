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

    Raises
    ------
    TypeError
        If `f` is not callable or returns anything but one real number (an array, even
        of one element, a string, None), `x` is not real numbers, or `epsilon` not a number.
    ValueError
        If `f` returns NaN or infinity, overflows, or gives slopes that overflow; if `x`
        holds NaN, infinity or too large a number; or if `epsilon` is not a finite number > 0.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.gradient_check import numerical_gradient
    >>> x = np.array([[1.0, -2.0]])
    >>> numerical_gradient(lambda v: float(np.sum(v ** 3)), x).round(6).tolist()
    [[3.0, 12.0]]
    """
    f = _checks.function("f", f)
    x = _checks.finite_array("x", x)
    epsilon = _checks.positive_float("epsilon", epsilon)
    with _checks.float64_arithmetic("f", "x", "epsilon"):
        return _numerical_gradient(f, x, epsilon, "f")


def _numerical_gradient(f: Callable[[FloatArray], Any], x: FloatArray, epsilon: float, name: str) -> FloatArray:
    point = x.copy()
    grad = np.zeros_like(point)
    flat_point, flat_grad = point.reshape(-1), grad.reshape(-1)
    for i in range(flat_point.size):
        original = flat_point[i]
        flat_point[i] = original + epsilon
        plus = _checks.returned_number(name, f(point), f"at entry {i} + epsilon")
        flat_point[i] = original - epsilon
        minus = _checks.returned_number(name, f(point), f"at entry {i} - epsilon")
        flat_point[i] = original
        flat_grad[i] = (plus - minus) / (2.0 * epsilon)
    return grad


def relative_difference(grad: npt.ArrayLike, grad_approx: npt.ArrayLike) -> float:
    r"""How far two gradients are apart, relative to their size.

    $$\frac{\lVert g - g' \rVert_2}{\lVert g \rVert_2 + \lVert g' \rVert_2}$$

    Zero when both are zero.

    Computed on both gradients divided by their largest entry, which leaves the ratio
    unchanged, so huge or tiny gradients neither overflow nor underflow.

    Explained on the page [Derivatives of a two-layer network][page-two-layer-network].

    Parameters
    ----------
    grad, grad_approx : array_like
        Two gradients of the same shape.

    Returns
    -------
    float
        In $[0, 1]$.

    Raises
    ------
    TypeError
        If either gradient is not real numbers.
    ValueError
        If either holds NaN, infinity or too large a number, or their shapes differ.

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
    largest = float(max(np.abs(g).max(initial=0.0), np.abs(h).max(initial=0.0)))
    if largest == 0.0:
        return 0.0
    with np.errstate(under="ignore"):  # entries far below the largest round to 0 or subnormals
        g, h = g / largest, h / largest
        return float(np.linalg.norm(g - h)) / float(np.linalg.norm(g) + np.linalg.norm(h))


def gradient_check(
    cost: Callable[[dict[str, FloatArray]], float],
    parameters: Mapping[str, npt.ArrayLike],
    grads: Mapping[str, npt.ArrayLike],
    epsilon: float = 1e-7,
) -> dict[str, float]:
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

    Raises
    ------
    TypeError
        If `cost` is not callable or returns anything but one real number, `parameters`
        or `grads` is not a dict of real-number arrays, or `epsilon` not a number.
    ValueError
        If a gradient is missing or not the shape of its parameter, a value is NaN or
        infinite, `cost` returns NaN or infinity, or `epsilon` is not a finite number > 0.

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
    cost = _checks.function("cost", cost)
    params = {
        name: _checks.finite_array(f"parameters[{name!r}]", value)
        for name, value in _checks.mapping("parameters", parameters).items()
    }
    _checks.mapping("grads", grads)
    missing = [f"d{name}" for name in params if f"d{name}" not in grads]
    if missing:
        raise ValueError(
            f"grads is missing {missing}; expected one gradient per entry of parameters, keys "
            f"{[f'd{name}' for name in params]}"
        )
    checked = {}
    for name, value in params.items():
        grad = _checks.finite_array(f"grads['d{name}']", grads[f"d{name}"])
        if grad.shape != value.shape:
            raise ValueError(
                f"grads['d{name}'] has shape {grad.shape} but parameters[{name!r}] has shape "
                f"{value.shape}; each gradient has the shape of its parameter"
            )
        checked[name] = grad
    epsilon = _checks.positive_float("epsilon", epsilon)
    report: dict[str, float] = {}
    with _checks.float64_arithmetic("cost", "parameters", "epsilon"):
        for name, value in params.items():

            def cost_of(theta: FloatArray, name: str = name) -> Any:
                return cost({**params, name: theta})

            report[name] = relative_difference(checked[name], _numerical_gradient(cost_of, value, epsilon, "cost"))
    return report
