r"""Logistic regression as in the notes, vectorized over the $m$ samples.

Notation: ``X`` is $(n_x, m)$ with one sample per column, ``Y`` is the $(1, m)$ row
of 0/1 labels, ``w`` is $(n_x, 1)$ and ``b`` a scalar. The model is
$\hat{y} = \sigma(w^T x + b)$ and it is trained by gradient descent on the
cross-entropy cost $J(w, b)$.
"""

from __future__ import annotations

from typing import Any

import numpy as np
import numpy.typing as npt

from dlnotes import _checks
from dlnotes._checks import FloatArray
from dlnotes.activations import _sigmoid

__all__ = [
    "initialize_with_zeros",
    "model",
    "optimize",
    "optimize_w",
    "predict",
    "propagate",
    "squared_error_propagate",
    "two_minima_data",
]


def initialize_with_zeros(dim: int) -> tuple[FloatArray, float]:
    r"""Zero weights and bias, the usual start for logistic regression.

    $$w = 0 \in \mathbb{R}^{n_x \times 1}, \qquad b = 0$$

    Zeros are fine here, unlike in a network with hidden units. There, units that start
    equal get equal gradients and stay equal; logistic regression is a single unit, so
    there is no symmetry to break.

    Explained on the page [Logistic regression][page-logistic-regression].

    Parameters
    ----------
    dim : int
        $n_x$, the number of input features.

    Returns
    -------
    w : numpy.ndarray
        Zeros of shape ``(dim, 1)``.
    b : float
        ``0.0``.

    Raises
    ------
    TypeError
        If `dim` is not a whole number (a float such as 3.0, a bool, a string).
    ValueError
        If `dim` is below 1 or above 2**63 - 1, or if the arrays would not fit in memory.

    Examples
    --------
    >>> from dlnotes.logistic_regression import initialize_with_zeros
    >>> w, b = initialize_with_zeros(3)
    >>> w.shape, b
    ((3, 1), 0.0)
    """
    dim = _checks.positive_int("dim", dim)
    with _checks.memory(dim=dim):
        return np.zeros((dim, 1)), 0.0


def _check_model_inputs(
    w: npt.ArrayLike, b: object, X: npt.ArrayLike, Y: npt.ArrayLike
) -> tuple[FloatArray, float, FloatArray, FloatArray]:
    inputs = _checks.samples("X", X)
    labels = _checks.labels("Y", Y, inputs.shape[1], match_m=False)  # its length is checked after w
    weights, bias = _check_weights(w, b, inputs, labels.shape[1])
    return weights, bias, inputs, _checks.labels("Y", labels, inputs.shape[1])


def _check_weights(w: npt.ArrayLike, b: object, X: FloatArray, m: int | None) -> tuple[FloatArray, float]:
    """``w`` of shape (n_x, 1) and a scalar ``b``; ``m``, the number of labels if known, helps blame a transposed X."""
    n_x = X.shape[0]
    weights = _checks.finite_array("w", w)
    if weights.ndim == 2 and weights.shape[1] == 1:  # a column that does not fit X: is X (m, n_x)?
        _checks.not_transposed("X", X, weights.shape[0], m, by=f"w of shape {weights.shape}")
    column = _checks.matrix("w", weights, rows=n_x, cols=1, meaning=f"one weight per feature of X, n_x = {n_x}")
    return column, _checks.finite_float("b", b)


def _propagate(w: FloatArray, b: float, X: FloatArray, Y: FloatArray) -> tuple[dict[str, Any], float]:
    m = X.shape[1]
    Z = w.T @ X + b
    A = _sigmoid(Z)
    # -[y log(a) + (1 - y) log(1 - a)] with a = sigmoid(z) equals log(1 + e^z) - y z;
    # the right side stays finite when a rounds to exactly 0 or 1.
    cost = float(np.sum(np.logaddexp(0.0, Z) - Y * Z) / m)
    dZ = A - Y
    grads = {"dw": X @ dZ.T / m, "db": float(np.sum(dZ) / m)}
    return grads, cost


def propagate(w: npt.ArrayLike, b: float, X: npt.ArrayLike, Y: npt.ArrayLike) -> tuple[dict[str, Any], float]:
    r"""One forward and backward pass: the cost and its gradients.

    Forward:

    $$A = \sigma(w^T X + b), \qquad
      J(w, b) = -\frac{1}{m}\sum_{i=1}^{m}\left(y^{(i)}\log a^{(i)} + (1 - y^{(i)})\log(1 - a^{(i)})\right)$$

    Backward, with $dZ = A - Y$:

    $$dw = \frac{1}{m} X\,dZ^T, \qquad db = \frac{1}{m}\sum_{i=1}^{m} dz^{(i)}$$

    The cost is evaluated through the identity
    $-\left(y\log\sigma(z) + (1-y)\log(1-\sigma(z))\right) = \log(1 + e^{z}) - yz$,
    so it stays finite even when $\sigma(z)$ rounds to 0 or 1.

    Explained on the page [Logistic regression][page-logistic-regression].

    Parameters
    ----------
    w : array_like
        Weights, shape $(n_x, 1)$.
    b : float
        Bias.
    X : array_like
        Inputs, shape $(n_x, m)$, one sample per column.
    Y : array_like
        Labels, shape $(1, m)$, each 0 or 1.

    Returns
    -------
    grads : dict
        ``"dw"``: array of shape $(n_x, 1)$; ``"db"``: float.
    cost : float
        $J(w, b)$.

    Raises
    ------
    TypeError
        If an input is not real numbers: None, a string, a complex number, a bool
        (labels `Y` as ints are fine).
    ValueError
        If a shape does not match the notation above (when `X` looks transposed, the
        message says so), `X` holds no samples, `Y` is rank-1 or holds labels other
        than 0/1, an input is NaN, infinite or too large for float64, or the values are
        so large that the cost or gradients would overflow.

    See Also
    --------
    [optimize][dlnotes.logistic_regression.optimize] : repeats this pass to descend $J$.

    [squared_error_propagate][dlnotes.logistic_regression.squared_error_propagate] : the same pass under the squared-error loss.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.logistic_regression import propagate
    >>> w, b = np.array([[1.0], [2.0]]), 2.0
    >>> X = np.array([[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]])
    >>> Y = np.array([[1.0, 0.0, 1.0]])
    >>> grads, cost = propagate(w, b, X, Y)
    >>> grads["dw"].round(6).tolist(), round(grads["db"], 6), round(cost, 6)
    ([[0.998456], [2.395072]], 0.001456, 5.801545)
    """
    weights, bias, inputs, labels = _check_model_inputs(w, b, X, Y)
    with _checks.float64_arithmetic("w", "b", "X"):
        return _propagate(weights, bias, inputs, labels)


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

    with $*$ element by element. The factor $A * (1 - A)$ is what cross-entropy cancels:
    it goes to 0 when a prediction is confidently wrong, so such a sample stops pulling
    on $w$. This cost is not convex and can have several local minima: along the single
    weight of the model $\sigma(wx)$ without a bias (see [two_minima_data][dlnotes.logistic_regression.two_minima_data]), and
    in $(w, b)$ as well.

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
    TypeError
        Where [propagate][dlnotes.logistic_regression.propagate] raises TypeError: the same inputs, the same message.
    ValueError
        Likewise, wherever `propagate` raises ValueError.

    See Also
    --------
    [propagate][dlnotes.logistic_regression.propagate] : the cross-entropy pass, whose $dZ = A - Y$ has no vanishing factor.

    [optimize_w][dlnotes.logistic_regression.optimize_w] : gradient descent in $w$ under either loss.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.logistic_regression import squared_error_propagate
    >>> grads, cost = squared_error_propagate(np.zeros((1, 1)), 0.0, np.array([[2.0]]), np.array([[1.0]]))
    >>> cost, grads["dw"].tolist(), grads["db"]
    (0.125, [[-0.25]], -0.125)
    """
    weights, bias, inputs, labels = _check_model_inputs(w, b, X, Y)
    with _checks.float64_arithmetic("w", "b", "X"):
        return _squared_error_propagate(weights, bias, inputs, labels)


def _optimize(
    w: FloatArray, b: float, X: FloatArray, Y: FloatArray, num_iterations: int, learning_rate: float, print_cost: bool
) -> tuple[dict[str, Any], dict[str, Any], list[float]]:
    costs: list[float] = []
    grads: dict[str, Any] = {"dw": np.zeros_like(w), "db": 0.0}
    for i in range(num_iterations):
        grads, cost = _propagate(w, b, X, Y)
        # New arrays each step: the caller's w is never written into.
        w = w - learning_rate * grads["dw"]
        b = b - learning_rate * grads["db"]
        if i % 100 == 0:
            costs.append(cost)
            if print_cost:
                print(f"Cost after iteration {i}: {cost:f}")
    return {"w": w, "b": b}, grads, costs


def optimize(
    w: npt.ArrayLike,
    b: float,
    X: npt.ArrayLike,
    Y: npt.ArrayLike,
    num_iterations: int = 100,
    learning_rate: float = 0.009,
    print_cost: bool = False,
) -> tuple[dict[str, Any], dict[str, Any], list[float]]:
    r"""Gradient descent on $J(w, b)$.

    Each iteration takes one step downhill:

    $$w := w - \alpha\,dw, \qquad b := b - \alpha\,db$$

    Explained on the page [Logistic regression][page-logistic-regression].

    Parameters
    ----------
    w, b, X, Y
        As for [propagate][dlnotes.logistic_regression.propagate].
    num_iterations : int
        Number of gradient steps.
    learning_rate : float
        $\alpha$, the step size.
    print_cost : bool
        Print the cost every 100 iterations.

    Returns
    -------
    params : dict
        The trained ``"w"`` (array) and ``"b"`` (float).
    grads : dict
        The gradients of the last step, as from [propagate][dlnotes.logistic_regression.propagate].
    costs : list of float
        $J$ at iterations 0, 100, 200, ...

    Raises
    ------
    TypeError
        On the inputs [propagate][dlnotes.logistic_regression.propagate] refuses as TypeError; if `num_iterations` is not a
        whole number, `learning_rate` not a number, or `print_cost` not True or False.
    ValueError
        On the inputs [propagate][dlnotes.logistic_regression.propagate] refuses as ValueError; if `num_iterations` < 0,
        `learning_rate` is not a finite number > 0, or the steps overflow float64.

    See Also
    --------
    [propagate][dlnotes.logistic_regression.propagate] : the cost and gradients of one step.

    [model][dlnotes.logistic_regression.model] : starts from zeros, runs this and predicts on both sets.

    Examples
    --------
    >>> from dlnotes.logistic_regression import optimize
    >>> X, Y = [[1.0, 2.0, -1.0], [3.0, 4.0, -3.2]], [[1.0, 0.0, 1.0]]  # lists work as well as arrays
    >>> params, grads, costs = optimize([[1.0], [2.0]], 2.0, X, Y, num_iterations=100, learning_rate=0.009)
    >>> params["w"].round(6).tolist(), round(params["b"], 6)
    ([[0.190336], [0.122592]], 1.92536)
    >>> [round(c, 6) for c in costs]
    [5.801545]
    """
    weights, bias, inputs, labels = _check_model_inputs(w, b, X, Y)
    steps = _checks.non_negative_int("num_iterations", num_iterations)
    alpha = _checks.positive_float("learning_rate", learning_rate)
    verbose = _checks.flag("print_cost", print_cost)
    with _checks.float64_arithmetic("w", "b", "X", "learning_rate"):
        return _optimize(weights, bias, inputs, labels, steps, alpha, verbose)


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

    where $dw$ comes from [propagate][dlnotes.logistic_regression.propagate] (``loss="cross-entropy"``) or from
    [squared_error_propagate][dlnotes.logistic_regression.squared_error_propagate] (``loss="squared-error"``). Holding $b$ fixed
    makes $J$ a function of $w$ only, so with one feature its whole landscape is a
    curve that can be drawn and searched on a grid. With $b = 0$ this is descent on
    the model $\sigma(w^T x)$ without a bias; a minimum it finds need not be a minimum
    of $J(w, b)$, where the slope in $b$ counts too.

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
    TypeError
        On the inputs [optimize][dlnotes.logistic_regression.optimize] refuses as TypeError, or a `loss` that is not a string.
    ValueError
        On the inputs [optimize][dlnotes.logistic_regression.optimize] refuses as ValueError, or an unknown `loss`.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.logistic_regression import optimize_w
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


def _predict(w: FloatArray, b: float, X: FloatArray) -> npt.NDArray[np.int64]:
    return (_sigmoid(w.T @ X + b) > 0.5).astype(np.int64)


def predict(w: npt.ArrayLike, b: float, X: npt.ArrayLike) -> npt.NDArray[np.int64]:
    r"""Class predictions: 1 where $\hat{y} > 0.5$, else 0.

    $$\hat{Y} = \mathbb{1}\left[\sigma(w^T X + b) > 0.5\right]$$

    Explained on the page [Logistic regression][page-logistic-regression].

    Parameters
    ----------
    w, b
        Weights $(n_x, 1)$ and bias, for instance the ones [model][dlnotes.logistic_regression.model] trains.
    X : array_like
        Inputs to classify, shape $(n_x, m)$.

    Returns
    -------
    numpy.ndarray
        Integer 0/1 predictions, shape $(1, m)$.

    Raises
    ------
    TypeError
        If `w`, `b` or `X` is not real numbers (None, a string, complex numbers, bools).
    ValueError
        If `w` is not an $(n_x, 1)$ column for the $n_x$ rows of `X` (when `X` looks
        transposed, the message says so), `X` holds no samples, or a value is not finite.

    See Also
    --------
    [model][dlnotes.logistic_regression.model] : predicts with the weights it trains.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.logistic_regression import predict
    >>> w, b = np.array([[0.1124579], [0.23106775]]), -0.3
    >>> X = np.array([[1.0, -1.1, -3.2], [1.2, 2.0, 0.1]])
    >>> predict(w, b, X).tolist()
    [[1, 1, 0]]
    """
    inputs = _checks.samples("X", X)
    weights, bias = _check_weights(w, b, inputs, None)
    with _checks.float64_arithmetic("w", "b", "X"):
        return _predict(weights, bias, inputs)


def model(
    X_train: npt.ArrayLike,
    Y_train: npt.ArrayLike,
    X_test: npt.ArrayLike,
    Y_test: npt.ArrayLike,
    num_iterations: int = 2000,
    learning_rate: float = 0.5,
    print_cost: bool = False,
) -> dict[str, Any]:
    r"""Train logistic regression from zeros and predict on both sets.

    Runs [initialize_with_zeros][dlnotes.logistic_regression.initialize_with_zeros], then [optimize][dlnotes.logistic_regression.optimize], then [predict][dlnotes.logistic_regression.predict]
    on the training and the test inputs. Accuracy is the share of matching labels,
    $\frac{1}{m}\sum_i \mathbb{1}[\hat{y}^{(i)} = y^{(i)}]$.

    Explained on the page [Logistic regression][page-logistic-regression].

    Parameters
    ----------
    X_train, Y_train : array_like
        Training inputs $(n_x, m_{train})$ and labels $(1, m_{train})$.
    X_test, Y_test : array_like
        Test inputs $(n_x, m_{test})$ and labels $(1, m_{test})$.
    num_iterations : int
        Number of gradient steps.
    learning_rate : float
        $\alpha$.
    print_cost : bool
        Print the cost every 100 iterations and both accuracies at the end.

    Returns
    -------
    dict
        ``"costs"``, ``"Y_prediction_train"``, ``"Y_prediction_test"``, ``"w"``,
        ``"b"``, ``"learning_rate"``, ``"num_iterations"``.

    Raises
    ------
    TypeError
        On the inputs [optimize][dlnotes.logistic_regression.optimize] refuses as TypeError.
    ValueError
        On the inputs [optimize][dlnotes.logistic_regression.optimize] refuses as ValueError, or if the two sets have
        different numbers of features.

    See Also
    --------
    [optimize][dlnotes.logistic_regression.optimize] : the training loop, with the same `print_cost` output.

    [propagate][dlnotes.logistic_regression.propagate] : the forward and backward pass each step runs.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.logistic_regression import model
    >>> X = np.array([[-2.0, -1.0, 1.0, 2.0]])
    >>> Y = np.array([[0, 0, 1, 1]])
    >>> d = model(X, Y, X, Y, num_iterations=100, learning_rate=0.5)
    >>> d["Y_prediction_test"].tolist(), len(d["costs"])
    ([[0, 0, 1, 1]], 1)
    """
    # Each X beside its labels first, so a transposed X is named as such rather than as a mismatch.
    X_train, Y_train = _checks.samples_and_labels("X_train", X_train, "Y_train", Y_train)
    X_test, Y_test = _checks.samples_and_labels("X_test", X_test, "Y_test", Y_test)
    if X_test.shape[0] != X_train.shape[0]:
        raise ValueError(
            f"X_test has shape {X_test.shape} but X_train has shape {X_train.shape}: "
            f"both need n_x = {X_train.shape[0]} rows"
        )
    num_iterations = _checks.non_negative_int("num_iterations", num_iterations)
    learning_rate = _checks.positive_float("learning_rate", learning_rate)
    print_cost = _checks.flag("print_cost", print_cost)

    w, b = initialize_with_zeros(X_train.shape[0])
    with _checks.float64_arithmetic("X_train", "X_test", "learning_rate"):
        params, _, costs = _optimize(w, b, X_train, Y_train, num_iterations, learning_rate, print_cost)
        w, b = params["w"], params["b"]
        Y_prediction_train = _predict(w, b, X_train)
        Y_prediction_test = _predict(w, b, X_test)
    if print_cost:
        print(f"train accuracy: {100 * np.mean(Y_prediction_train == Y_train):.2f} %")
        print(f"test accuracy: {100 * np.mean(Y_prediction_test == Y_test):.2f} %")
    return {
        "costs": costs,
        "Y_prediction_train": Y_prediction_train,
        "Y_prediction_test": Y_prediction_test,
        "w": w,
        "b": b,
        "learning_rate": learning_rate,
        "num_iterations": num_iterations,
    }


def two_minima_data() -> tuple[FloatArray, FloatArray]:
    r"""Four one-feature samples on which a one-weight model's squared-error cost has two minima.

    The model is $\hat{y} = \sigma(w x)$: logistic regression without a bias ($b = 0$),
    a model with the single parameter $w$. Its squared-error cost is

    $$J(w) = \frac{1}{2m}\sum_{i=1}^{m}\left(\sigma(w\,x^{(i)}) - y^{(i)}\right)^2$$

    Three samples, at $x = -1, 0.1, 1$, are fit better by a positive $w$ than by zero;
    the fourth, at $x = 10$, is labelled 0 and wants $w < 0$. For $w$ well above 0 its
    prediction is confidently wrong, its sigmoid saturates, and it stops pulling: the
    cost there has a local minimum of its own, higher than the global one near 0. The
    cross-entropy cost of $w$ on the same samples is convex, with a single minimum.

    These are minima along $w$ only. With $b$ free as well, the higher one is not a
    minimum of $J(w, b)$: the slope $\partial J / \partial b$ is not zero there (see
    the last example).

    Explained on the page [Logistic regression][page-logistic-regression].

    Returns
    -------
    X : numpy.ndarray
        Shape $(1, 4)$, one sample per column.
    Y : numpy.ndarray
        Shape $(1, 4)$, the labels.

    Examples
    --------
    >>> from dlnotes.logistic_regression import two_minima_data
    >>> X, Y = two_minima_data()
    >>> X.tolist(), Y.tolist()
    ([[-1.0, 0.1, 1.0, 10.0]], [[0.0, 0.0, 1.0, 0.0]])
    >>> from dlnotes.logistic_regression import squared_error_propagate
    >>> grads, _ = squared_error_propagate([[2.35]], 0.0, X, Y)   # the higher minimum in w
    >>> abs(grads["dw"].item()) < 1e-4, round(grads["db"], 3)
    (True, 0.034)
    """
    return np.array([[-1.0, 0.1, 1.0, 10.0]]), np.array([[0.0, 0.0, 1.0, 0.0]])
