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
    "predict",
    "propagate",
]


def initialize_with_zeros(dim: int) -> tuple[FloatArray, float]:
    r"""Zero weights and bias, the usual start for logistic regression.

    $$w = 0 \in \mathbb{R}^{n_x \times 1}, \qquad b = 0$$

    Zeros are fine for a single unit: there is no symmetry between units to break.

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
    TypeError, ValueError
        If `dim` is not a whole number from 1 up, as in the [Conventions][conventions].

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

    The cost is computed as $\log(1 + e^{z}) - yz$, the same value, finite even where
    $\sigma(z)$ rounds to 0 or 1.

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
    TypeError, ValueError
        As in the [Conventions][conventions]; a shape that does not fit the notation above is a
        ValueError, which says so when `X` looks transposed or `Y` is rank-1.

    See Also
    --------
    [optimize][dlnotes.logistic_regression.optimize] : repeats this pass to descend $J$.

    [squared_error_propagate][dlnotes.squared_error.squared_error_propagate] : the same pass under the squared-error loss.

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
    TypeError, ValueError
        Where [propagate][dlnotes.logistic_regression.propagate] does; and as in the [Conventions][conventions] for
        `num_iterations` (a whole number from 0), `learning_rate` (> 0) and `print_cost`.

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
    TypeError, ValueError
        As in the [Conventions][conventions]; `w` must be an $(n_x, 1)$ column for the rows of `X`.

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
    TypeError, ValueError
        Where [optimize][dlnotes.logistic_regression.optimize] does, or (ValueError) if the two sets have different
        numbers of features.

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
