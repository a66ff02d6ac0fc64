r"""The squared-error loss the notes set aside, beside cross-entropy, for logistic regression.

The same model as [logistic_regression][dlnotes.logistic_regression], $\hat{y} = \sigma(w^T x + b)$, and the
same shapes. These functions show why the course trains it on cross-entropy: under squared
error a confidently wrong sample stops pulling, and the cost can have a second minimum.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from dlnotes import _checks
from dlnotes._checks import FloatArray
from dlnotes.activations import _sigmoid
from dlnotes.logistic_regression import _check_model_inputs, _propagate

__all__ = ["optimize_w", "squared_error_propagate", "two_minima_data"]


def _squared_error_propagate(w: FloatArray, b: float, X: FloatArray, Y: FloatArray) -> tuple[dict[str, Any], float]:
    m = X.shape[1]
    A = _sigmoid(w.T @ X + b)
    cost = float(np.sum((A - Y) ** 2) / (2 * m))
    dZ = (A - Y) * A * (1 - A)
    grads = {"dw": X @ dZ.T / m, "db": float(np.sum(dZ) / m)}
    return grads, cost


def squared_error_propagate(
    w: npt.ArrayLike, b: float, X: npt.ArrayLike, Y: npt.ArrayLike
) -> tuple[dict[str, Any], float]:
    r"""Like [propagate][dlnotes.logistic_regression.propagate], with the squared-error loss the notes set aside.

    $$L(a, y) = \tfrac{1}{2}(a - y)^2, \qquad
      J(w, b) = \frac{1}{2m}\sum_{i=1}^{m}\left(a^{(i)} - y^{(i)}\right)^2$$

    By the chain rule, $\frac{dL}{da} = a - y$ and $\frac{da}{dz} = a(1 - a)$, so

    $$dZ = (A - Y) * A * (1 - A), \qquad dw = \frac{1}{m} X\,dZ^T, \qquad
      db = \frac{1}{m}\sum_{i=1}^{m} dz^{(i)}$$

    with $*$ element by element. The factor $A * (1 - A)$, which cross-entropy cancels, goes
    to 0 on a confidently wrong prediction; this cost is not convex
    ([two_minima_data][dlnotes.squared_error.two_minima_data]).

    Explained on the page [Logistic regression][page-logistic-regression].

    Parameters
    ----------
    w, b, X, Y
        As for [propagate][dlnotes.logistic_regression.propagate].

    Returns
    -------
    grads : dict
        ``"dw"`` and ``"db"`` as from [propagate][dlnotes.logistic_regression.propagate], but of the squared-error cost.
    cost : float
        $J(w, b)$ under squared error.

    Raises
    ------
    TypeError, ValueError
        Where [propagate][dlnotes.logistic_regression.propagate] does, with the same message.

    See Also
    --------
    [propagate][dlnotes.logistic_regression.propagate] : the cross-entropy pass, whose $dZ = A - Y$ has no vanishing factor.

    [optimize_w][dlnotes.squared_error.optimize_w] : gradient descent in $w$ under either loss.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.squared_error import squared_error_propagate
    >>> grads, cost = squared_error_propagate(np.zeros((1, 1)), 0.0, np.array([[2.0]]), np.array([[1.0]]))
    >>> cost, grads["dw"].tolist(), grads["db"]
    (0.125, [[-0.25]], -0.125)
    """
    weights, bias, inputs, labels = _check_model_inputs(w, b, X, Y)
    with _checks.float64_arithmetic("w", "b", "X"):
        return _squared_error_propagate(weights, bias, inputs, labels)


_LOSSES = {"cross-entropy": _propagate, "squared-error": _squared_error_propagate}


def _optimize_w(
    w: FloatArray, b: float, X: FloatArray, Y: FloatArray, num_iterations: int, learning_rate: float, loss: str
) -> tuple[dict[str, Any], dict[str, Any], list[float]]:
    propagate_loss = _LOSSES[loss]
    costs: list[float] = []
    grads: dict[str, Any] = {"dw": np.zeros_like(w), "db": 0.0}
    for i in range(num_iterations):
        grads, cost = propagate_loss(w, b, X, Y)
        w = w - learning_rate * grads["dw"]
        if i % 100 == 0:
            costs.append(cost)
    return {"w": w, "b": b}, grads, costs


def optimize_w(
    w: npt.ArrayLike,
    b: float,
    X: npt.ArrayLike,
    Y: npt.ArrayLike,
    num_iterations: int = 100,
    learning_rate: float = 0.009,
    loss: str = "cross-entropy",
) -> tuple[dict[str, Any], dict[str, Any], list[float]]:
    r"""Gradient descent on $w$ alone, with $b$ held fixed, under either loss.

    Each iteration takes the step

    $$w := w - \alpha\,dw$$

    where $dw$ comes from [propagate][dlnotes.logistic_regression.propagate] (``loss="cross-entropy"``) or
    [squared_error_propagate][dlnotes.squared_error.squared_error_propagate] (``loss="squared-error"``). With $b$ fixed,
    $J$ of one feature is a curve over $w$; a minimum found need not be one of $J(w, b)$.

    Explained on the page [Logistic regression][page-logistic-regression].

    Parameters
    ----------
    w, b, X, Y
        As for [propagate][dlnotes.logistic_regression.propagate]; `b` is not changed.
    num_iterations : int
        Number of gradient steps.
    learning_rate : float
        $\alpha$, the step size.
    loss : {"cross-entropy", "squared-error"}
        The loss whose cost $J$ is descended.

    Returns
    -------
    params : dict
        The trained ``"w"`` (array) and the unchanged ``"b"`` (float).
    grads : dict
        The gradients of the last step.
    costs : list of float
        $J$ at iterations 0, 100, 200, ...

    Raises
    ------
    TypeError, ValueError
        Where [optimize][dlnotes.logistic_regression.optimize] does, or for a `loss` that is not one of the two names.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.squared_error import optimize_w
    >>> X, Y = np.array([[-1.0, 1.0, 2.0]]), np.array([[0.0, 0.0, 1.0]])
    >>> params, grads, costs = optimize_w(np.zeros((1, 1)), 0.0, X, Y, 500, 0.5)
    >>> params["w"].round(3).tolist(), params["b"], abs(grads["dw"].item()) < 1e-6
    ([[0.756]], 0.0, True)
    """
    weights, bias, inputs, labels = _check_model_inputs(w, b, X, Y)
    steps = _checks.non_negative_int("num_iterations", num_iterations)
    alpha = _checks.positive_float("learning_rate", learning_rate)
    name = _checks.choice("loss", loss, sorted(_LOSSES))
    with _checks.float64_arithmetic("w", "b", "X", "learning_rate"):
        return _optimize_w(weights, bias, inputs, labels, steps, alpha, name)


def two_minima_data() -> tuple[FloatArray, FloatArray]:
    r"""Four one-feature samples on which a one-weight model's squared-error cost has two minima.

    The model is $\hat{y} = \sigma(w x)$: logistic regression without a bias ($b = 0$),
    a model with the single parameter $w$. Its squared-error cost is

    $$J(w) = \frac{1}{2m}\sum_{i=1}^{m}\left(\sigma(w\,x^{(i)}) - y^{(i)}\right)^2$$

    The sample at $x = 10$, labelled 0, wants $w < 0$; for $w$ well above 0 its sigmoid
    saturates and it stops pulling, which leaves a second, higher minimum. Cross-entropy has
    one. With $b$ free too, the higher one is no minimum: $\partial J / \partial b \ne 0$ there.

    Explained on the page [Logistic regression][page-logistic-regression].

    Returns
    -------
    X : numpy.ndarray
        Shape $(1, 4)$, one sample per column.
    Y : numpy.ndarray
        Shape $(1, 4)$, the labels.

    Examples
    --------
    >>> from dlnotes.squared_error import two_minima_data
    >>> X, Y = two_minima_data()
    >>> X.tolist(), Y.tolist()
    ([[-1.0, 0.1, 1.0, 10.0]], [[0.0, 0.0, 1.0, 0.0]])
    >>> from dlnotes.squared_error import squared_error_propagate
    >>> grads, _ = squared_error_propagate([[2.35]], 0.0, X, Y)   # the higher minimum in w
    >>> abs(grads["dw"].item()) < 1e-4, round(grads["db"], 3)
    (True, 0.034)
    """
    return np.array([[-1.0, 0.1, 1.0, 10.0]]), np.array([[0.0, 0.0, 1.0, 0.0]])
