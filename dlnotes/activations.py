r"""Activation functions $g(z)$ and their derivatives $g'(z)$.

Each derivative is written through the function's own value, as in the notes:
$\sigma'(z) = \sigma(z)(1 - \sigma(z))$ and $\tanh'(z) = 1 - \tanh^2(z)$. A scalar in
gives a numpy scalar out; an array in gives an array of the same shape out; the input
is never modified. NaN and infinity are refused with a ``ValueError``, and what is not
real numbers (None, strings, complex numbers, bools) with a ``TypeError``.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np
import numpy.typing as npt

from dlnotes._checks import FloatArray, finite_array

__all__ = ["relu", "relu_derivative", "sigmoid", "sigmoid_derivative", "tanh", "tanh_derivative"]


def _elementwise(inner: Callable[[FloatArray], FloatArray], z: npt.ArrayLike) -> FloatArray:
    """``inner`` on ``z``, checked once by the refusal policy; what every public activation does."""
    result = inner(finite_array("z", z))
    # Mirror numpy's ufuncs: a 0-d result comes back as a numpy scalar.
    return result[()] if result.ndim == 0 else result


def _sigmoid(z: FloatArray) -> FloatArray:
    # exp(-|z|) lies in [0, 1], so neither branch can overflow for any finite z. Its
    # underflow to 0 for |z| > 745 is the correctly rounded answer, so it must not raise
    # even under np.seterr(all="raise").
    with np.errstate(under="ignore"):
        e = np.exp(-np.abs(z))
        return np.where(z >= 0, 1.0 / (1.0 + e), e / (1.0 + e))


def _sigmoid_derivative(z: FloatArray) -> FloatArray:
    s = _sigmoid(z)
    # s * (1 - s) underflows to 0 for |z| > 745 (and is exactly 0 once s rounds to 1, z > 36.7).
    with np.errstate(under="ignore"):
        return s * (1.0 - s)


def sigmoid(z: npt.ArrayLike) -> FloatArray:
    r"""The logistic sigmoid, element-wise.

    $$\sigma(z) = \frac{1}{1 + e^{-z}}$$

    Computed as $1 / (1 + e^{-|z|})$ for $z \ge 0$ and $e^{-|z|} / (1 + e^{-|z|})$ for
    $z < 0$, which are the same function but never overflow: ``sigmoid(-1e4)`` is
    exactly 0 with no warning, and every value lies in $[0, 1]$.

    Explained on the page [The downside of the sigmoid][page-sigmoid].

    Parameters
    ----------
    z : array_like
        Pre-activations, any shape, finite.

    Returns
    -------
    numpy.ndarray or numpy.float64
        $\sigma(z)$, same shape as `z`.

    Raises
    ------
    TypeError
        If `z` is not real numbers: None, a string, bytes, a complex number, a bool.
    ValueError
        If `z` holds NaN or infinity or a number too large for float64, or is a ragged list.

    See Also
    --------
    [sigmoid_derivative][dlnotes.activations.sigmoid_derivative] : its slope, $\sigma(z)(1 - \sigma(z))$.

    [tanh][dlnotes.activations.tanh] : the zero-centred alternative, $2\sigma(2z) - 1$.

    Examples
    --------
    >>> import numpy as np
    >>> from dlnotes.activations import sigmoid
    >>> float(sigmoid(0))
    0.5
    >>> sigmoid(np.array([-1e4, -1.0, 1.0, 1e4])).round(4).tolist()
    [0.0, 0.2689, 0.7311, 1.0]
    """
    return _elementwise(_sigmoid, z)


def sigmoid_derivative(z: npt.ArrayLike) -> FloatArray:
    r"""Slope of the sigmoid, written through its value.

    $$\sigma'(z) = \sigma(z)\,(1 - \sigma(z))$$

    It peaks at $\sigma'(0) = 0.25$ and falls below 0.01 once $|z| > 4.6$: the
    vanishing gradient the notes warn about.

    Explained on the page [The downside of the sigmoid][page-sigmoid].

    Parameters
    ----------
    z : array_like
        Where to take the slope: any shape, finite.

    Returns
    -------
    numpy.ndarray or numpy.float64
        $\sigma'(z)$, in $[0, 0.25]$, same shape as `z`.

    Raises
    ------
    TypeError
        If `z` is not real numbers, as for [sigmoid][dlnotes.activations.sigmoid].
    ValueError
        If `z` is not finite (NaN, infinity, beyond float64) or is a ragged list.

    See Also
    --------
    [sigmoid][dlnotes.activations.sigmoid] : the function whose slope this is.

    [tanh_derivative][dlnotes.activations.tanh_derivative] : tanh's slope, four times as steep at 0.

    Examples
    --------
    >>> from dlnotes.activations import sigmoid_derivative
    >>> float(sigmoid_derivative(0.0))
    0.25
    >>> bool(sigmoid_derivative(10.0) < 1e-4)
    True
    """
    return _elementwise(_sigmoid_derivative, z)


def _tanh(z: FloatArray) -> FloatArray:
    # numpy's tanh never overflows; the textbook quotient of exponentials gives inf / inf = nan for z > 709.78
    # (the log of float64's largest number).
    return np.tanh(z)


def _tanh_derivative(z: FloatArray) -> FloatArray:
    t = np.tanh(z)
    # For |z| < 1.5e-154, t * t underflows (to a subnormal, to 0 below about 1.6e-162); 1 - t * t is 1
    # either way, the correctly rounded answer.
    with np.errstate(under="ignore"):
        return 1.0 - t * t


def tanh(z: npt.ArrayLike) -> FloatArray:
    r"""The hyperbolic tangent, element-wise.

    $$\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}} = 2\sigma(2z) - 1$$

    Its values lie in $[-1, 1]$ and it is odd, $\tanh(-z) = -\tanh(z)$, so it is
    centred on 0 where the sigmoid is centred on 0.5.

    Explained on the page [The tanh function][page-tanh].

    Parameters
    ----------
    z : array_like
        Pre-activations of a hidden layer, any shape, finite.

    Returns
    -------
    numpy.ndarray or numpy.float64
        $\tanh(z)$, in $[-1, 1]$, same shape as `z`.

    Raises
    ------
    TypeError
        If `z` is not real numbers, the same refusals as [sigmoid][dlnotes.activations.sigmoid].
    ValueError
        If `z` holds a value that is not finite, or rows of different lengths.

    See Also
    --------
    [tanh_derivative][dlnotes.activations.tanh_derivative] : its slope, $1 - \tanh^2(z)$.

    [sigmoid][dlnotes.activations.sigmoid] : the output unit's activation, centred on 0.5.

    Examples
    --------
    >>> from dlnotes.activations import tanh
    >>> float(tanh(0))
    0.0
    >>> tanh([-1e4, 1.0, 1e4]).round(4).tolist()
    [-1.0, 0.7616, 1.0]
    """
    return _elementwise(_tanh, z)


def tanh_derivative(z: npt.ArrayLike) -> FloatArray:
    r"""Slope of tanh, written through its value.

    $$\tanh'(z) = 1 - \tanh^2(z)$$

    It peaks at $\tanh'(0) = 1$, four times the sigmoid's peak slope, and it also
    vanishes for large $|z|$.

    Explained on the page [The tanh function][page-tanh].

    Parameters
    ----------
    z : array_like
        Where to take tanh's slope: any shape, finite.

    Returns
    -------
    numpy.ndarray or numpy.float64
        $1 - \tanh^2(z)$, in $[0, 1]$, same shape as `z`.

    Raises
    ------
    TypeError
        If `z` is not real numbers (see [tanh][dlnotes.activations.tanh]).
    ValueError
        If `z` holds NaN, infinity or too large a number, or is ragged.

    See Also
    --------
    [tanh][dlnotes.activations.tanh] : the function whose slope this is.

    [sigmoid_derivative][dlnotes.activations.sigmoid_derivative] : the sigmoid's slope, at most 0.25.

    Examples
    --------
    >>> from dlnotes.activations import tanh_derivative
    >>> float(tanh_derivative(0))
    1.0
    >>> round(float(tanh_derivative(3.0)), 4)
    0.0099
    """
    return _elementwise(_tanh_derivative, z)


def _relu(z: FloatArray) -> FloatArray:
    return np.maximum(0.0, z)


def _relu_derivative(z: FloatArray) -> FloatArray:
    return (z > 0).astype(np.float64)


def relu(z: npt.ArrayLike) -> FloatArray:
    r"""The rectified linear unit, element-wise.

    $$\operatorname{relu}(z) = \max(0, z)$$

    Explained on the page [The tanh function][page-tanh].

    Parameters
    ----------
    z : array_like
        Pre-activations, of any shape; every entry finite.

    Returns
    -------
    numpy.ndarray or numpy.float64
        $\max(0, z)$, with the shape of `z`.

    Raises
    ------
    TypeError
        When `z` is None, text, complex or boolean rather than real numbers.
    ValueError
        When `z` holds NaN or infinity, a number beyond float64, or ragged rows.

    See Also
    --------
    [relu_derivative][dlnotes.activations.relu_derivative] : its slope, 0 or 1.

    [tanh][dlnotes.activations.tanh] : the smooth activation it replaces in hidden layers.

    Examples
    --------
    >>> from dlnotes.activations import relu
    >>> relu([-2.0, 0.0, 3.0]).tolist()
    [0.0, 0.0, 3.0]
    """
    return _elementwise(_relu, z)


def relu_derivative(z: npt.ArrayLike) -> FloatArray:
    r"""Slope of the ReLU, taking 0 at the kink $z = 0$.

    $$\operatorname{relu}'(z) = \begin{cases} 1 & z > 0 \\ 0 & z \le 0 \end{cases}$$

    Unlike sigmoid and tanh its slope does not shrink as $z$ grows.

    Explained on the page [The tanh function][page-tanh].

    Parameters
    ----------
    z : array_like
        Where to take the ReLU's slope, any shape; finite values only.

    Returns
    -------
    numpy.ndarray or numpy.float64
        1.0 where $z > 0$, else 0.0, with the shape of `z`.

    Raises
    ------
    TypeError
        When `z` is not made of real numbers (see [relu][dlnotes.activations.relu]).
    ValueError
        When `z` is not finite everywhere, or is a ragged nested list.

    See Also
    --------
    [relu][dlnotes.activations.relu] : the function whose slope this is.

    [tanh_derivative][dlnotes.activations.tanh_derivative] : a slope that does shrink for large $|z|$.

    Examples
    --------
    >>> from dlnotes.activations import relu_derivative
    >>> slopes = relu_derivative([-2.0, 0.0, 1e4])  # 0 at the kink itself
    >>> slopes.tolist()
    [0.0, 0.0, 1.0]
    """
    return _elementwise(_relu_derivative, z)
