"""Input checks shared by the public functions of the numerical core: the refusal policy.

Every public entry point validates its arguments once, with these helpers, and then
hands plain float64 arrays to unchecked inner functions. The policy, as the README's
"Conventions" states it:

- The wrong kind of value (None, a string, bytes, a complex number, a bool where a
  number is meant, a dict or another object where an array is meant, a float where a
  whole number is meant) raises ``TypeError``.
- A value of the right kind but the wrong value or shape raises ``ValueError``: NaN or
  infinity, a number too large for float64 (``10**400``), a ragged nested list, a
  number out of range, an empty batch, a negative seed.
- Every message names the argument, says what it got, and what was expected, so a
  reader can fix the call without reading our source.
- Arithmetic runs under `float64_arithmetic`: underflow is the correctly rounded
  answer and passes silently, even under ``np.seterr(all="raise")``, while overflow and
  invalid operations become a ``ValueError`` instead of a silent inf or NaN.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from typing import Any

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]

# The largest whole number a size or a count may be: numpy's index type, int64.
MAX_WHOLE = int(np.iinfo(np.int64).max)

_REAL_SCALARS = (int, float, np.integer, np.floating)


def _short(value: object) -> str:
    """``repr(value)``, cut short: ``10**400`` is 401 digits."""
    text = repr(value)
    if isinstance(value, (int, np.integer)) and len(text) > 24:
        return f"{text[:6]}... (a whole number of {len(text.lstrip('-'))} digits)"
    return text if len(text) <= 60 else text[:57] + "..."


def _got(value: object) -> str:
    """What a value is, for a message that refuses its type: ``str '1.5'``, ``None``."""
    if value is None:
        return "None"
    if isinstance(value, np.ndarray):
        return f"an array of dtype {value.dtype} and shape {value.shape}"
    return f"{type(value).__name__} {_short(value)}"


def _is_bool(value: object) -> bool:
    return isinstance(value, (bool, np.bool_))


def finite_array(name: str, value: object, booleans: bool = False) -> FloatArray:
    """Return ``value`` as a float64 array of finite real numbers, or refuse it.

    ``TypeError``: anything but real numbers, that is None, strings, bytes, complex numbers,
    booleans (``True`` is not the number 1 here), dicts and other objects, alone or in
    a list or array; it is refused before any conversion, so no ``ComplexWarning``.
    With ``booleans=True`` (labels) a boolean array is read as 0 and 1, as numpy and the course do.
    ``ValueError``: a ragged nested list, NaN, inf, a number too large for float64.

    Integers of any dtype (labels ``Y`` as ints, ``uint8`` pixels) are fine.
    ``np.asarray`` may return the caller's own array; callers never write into it.
    """
    try:
        raw = np.asarray(value)
    except (TypeError, ValueError) as error:  # numpy's message for a ragged list: "inhomogeneous shape"
        what = "a ragged nested list (rows of different lengths)" if "inhomogeneous" in str(error) else _got(value)
        raise ValueError(
            f"{name} must be a number or an array of numbers with every row the same length, got {what}"
        ) from None
    kind = raw.dtype.kind
    if kind == "O":
        raw = _numbers_from_objects(name, value, raw)
    elif kind == "b" and booleans:
        return raw.astype(np.float64)
    elif kind == "b":
        raise TypeError(
            f"{name} must hold numbers, got booleans ({_got(value)}); write 0 and 1, or pass "
            f"{name}.astype(float), if you mean them as numbers"
        )
    elif kind not in "iuf":
        raise TypeError(f"{name} must be a real number or an array of real numbers, got {_got(value)}")
    with np.errstate(over="ignore"):  # a float128 beyond float64's range becomes inf, refused below
        array = raw.astype(np.float64, copy=False)
    finite = np.isfinite(array)
    if not finite.all():
        bad = int(array.size - np.count_nonzero(finite))
        raise ValueError(
            f"{name} contains {bad} NaN or infinite value(s) (shape {array.shape}); "
            "the notes' formulas are defined for finite numbers only"
        )
    return array


def _numbers_from_objects(name: str, value: object, raw: np.ndarray) -> FloatArray:
    """An object array (``None``, a dict, Python ints beyond int64, a mix): real numbers only."""
    for item in raw.flat:
        if _is_bool(item) or not isinstance(item, _REAL_SCALARS):
            got = _got(value) if raw.ndim == 0 else f"an element that is {_got(item)}"
            raise TypeError(f"{name} must be a real number or an array of real numbers, got {got}")
    try:
        return raw.astype(np.float64)
    except OverflowError:
        big = max((item for item in raw.flat if isinstance(item, int)), key=abs)
        raise ValueError(
            f"{name} holds {_short(big)}, a number too large for float64 (largest about 1.8e308)"
        ) from None


def matrix(name: str, value: object, rows: int | None = None, cols: int | None = None, meaning: str = "") -> FloatArray:
    """A finite 2-D array, optionally with a required number of rows and columns."""
    array = finite_array(name, value)
    want = f"({'n' if rows is None else rows}, {'m' if cols is None else cols})"
    hint = f" ({meaning})" if meaning else ""
    if array.ndim != 2:
        extra = ""
        if array.ndim == 1:
            extra = (
                f"; it is a rank-1 array, reshape it with {name}.reshape({rows or -1}, {cols or -1})"
                if rows == 1 or cols == 1
                else "; it is a rank-1 array"
            )
        raise ValueError(f"{name} must be a 2-D array of shape {want}{hint}, got shape {array.shape}{extra}")
    if (rows is not None and array.shape[0] != rows) or (cols is not None and array.shape[1] != cols):
        raise ValueError(f"{name} has shape {array.shape}, expected {want}{hint}")
    return array


def samples(name: str, value: object) -> FloatArray:
    """An input matrix ``X`` of shape (n_x, m) with at least one sample."""
    X = matrix(name, value, meaning="one sample per column")
    if X.shape[1] == 0:
        raise ValueError(f"{name} has shape {X.shape}: it holds no samples (m = 0)")
    if X.shape[0] == 0:
        raise ValueError(f"{name} has shape {X.shape}: its samples have no features (n_x = 0)")
    return X


def _looks_transposed(name: str, X: FloatArray) -> str:
    """The advice both transposition checks end with."""
    return (
        f"{name} looks transposed. The notes put one sample per column, {name} of shape (n_x, m); "
        f"pass {name}.T, of shape {X.T.shape}"
    )


def not_transposed(name: str, X: FloatArray, n_x: int, m: int | None, by: str) -> None:
    """Blame ``X``, not the weights, when ``X`` is (m, n_x) where (n_x, m) is expected.

    ``by`` names what fixes n_x (the weights); ``m``, if known, is the number of labels.
    Silent when X's rows already match, or when its transpose would not match either.
    """
    if X.shape[0] == n_x or X.shape[1] != n_x or (m is not None and X.shape[0] != m):
        return
    labels_too = f" and Y holds m = {m} labels" if m is not None else ""
    raise ValueError(
        f"{name} has shape {X.shape}, but {by} needs {name} with n_x = {n_x} rows{labels_too}: "
        + _looks_transposed(name, X)
    )


def labels(name: str, value: object, m: int | None = None, match_m: bool = True) -> FloatArray:
    """Labels ``Y``: a (1, m) row of 0s and 1s, one per column of ``X``.

    With ``match_m=False`` (or ``m=None``) the number of columns is left for a later check, so
    that an ``X`` that looks transposed can be blamed first; ``m`` then only informs messages.
    Booleans are labels too: the course's ``Y = X[0:1] > 0`` is ``True``/``False`` for 1/0.
    """
    array = finite_array(name, value, booleans=True)
    if array.ndim == 1:
        raise ValueError(
            f"{name} has shape {array.shape}, a rank-1 array; the notes' labels are a (1, m) row: "
            f"pass {name}.reshape(1, -1) to get shape (1, {array.shape[0]})"
        )
    if array.ndim != 2 or array.shape[0] != 1:
        raise ValueError(
            f"{name} has shape {array.shape}, expected a (1, m) row" + ("" if m is None else f" with m = {m}")
        )
    if m is not None and match_m and array.shape[1] != m:
        raise ValueError(
            f"{name} has shape {array.shape} but X has m = {m} samples (columns); expected {name} of shape (1, {m})"
        )
    if not np.isin(array, (0.0, 1.0)).all():
        others = np.unique(array[~np.isin(array, (0.0, 1.0))])[:5]
        raise ValueError(f"{name} must hold only the labels 0 and 1, found {others.tolist()}")
    return array


def samples_and_labels(X_name: str, X_value: object, Y_name: str, Y_value: object) -> tuple[FloatArray, FloatArray]:
    """``X`` (n_x, m) and its labels ``Y`` (1, m); an ``X`` of shape (m, n_x) is blamed, not ``Y``."""
    X = samples(X_name, X_value)
    Y = labels(Y_name, Y_value, X.shape[1], match_m=False)
    m = Y.shape[1]
    if m != X.shape[1] and m == X.shape[0]:
        raise ValueError(
            f"{X_name} has shape {X.shape} but {Y_name} holds m = {m} labels, one per row of {X_name}: "
            + _looks_transposed(X_name, X)
        )
    return X, labels(Y_name, Y, X.shape[1])


def probabilities(name: str, value: object) -> FloatArray:
    """A (1, m) row of predicted probabilities, each in the closed interval [0, 1]."""
    array = finite_array(name, value)
    if array.ndim != 2 or array.shape[0] != 1:
        raise ValueError(f"{name} has shape {array.shape}, expected a (1, m) row")
    if array.shape[1] == 0:
        raise ValueError(f"{name} has shape {array.shape}: it holds no samples (m = 0)")
    if ((array < 0.0) | (array > 1.0)).any():
        raise ValueError(f"{name} must hold probabilities, from 0 to 1, got values from {array.min()} to {array.max()}")
    return array


def pixels(name: str, value: object) -> FloatArray:
    """Images as the course stores them: (h, w, c) or (m, h, w, c), values 0 to 255, not yet scaled.

    Returned as a batch of shape (m, h, w, c). A float array whose values all lie in
    [0, 1], and not all 0, is refused: it looks already divided by 255. Integer arrays
    (``uint8`` and the like) cannot be already scaled, so any values 0 to 255 pass.
    """
    array = finite_array(name, value)
    already_float = np.asarray(value).dtype.kind == "f"
    if array.ndim == 3:
        array = array[np.newaxis]
    if array.ndim != 4:
        raise ValueError(f"{name} must have shape (h, w, c) or (m, h, w, c), got {array.shape}")
    if array.shape[0] == 0:
        raise ValueError(f"{name} has shape {array.shape}: the batch holds no images (m = 0)")
    if 0 in array.shape:
        raise ValueError(f"{name} has shape {array.shape}: an image needs h, w and c of at least 1")
    low, high = array.min(), array.max()
    if low < 0 or high > 255:
        raise ValueError(f"{name} must hold pixel values from 0 to 255, got {low} to {high}")
    if already_float and 0 < high <= 1:
        raise ValueError(
            f"{name} holds floats from {low} to {high}: it looks already scaled to [0, 1], and dividing by 255 "
            f"again would darken it 255 times. Pass the pixel values 0 to 255 (for instance the uint8 image)"
        )
    return array


def _whole(name: str, value: object, expected: str) -> int:
    """A whole number, refusing bools, floats (even 3.0) and strings with a TypeError."""
    if _is_bool(value) or not isinstance(value, (int, np.integer)):
        raise TypeError(f"{name} must be {expected}, got {_got(value)}")
    return int(value)


def _whole_from(name: str, value: object, low: int, expected: str, limit: str) -> int:
    """A whole number from ``low`` to ``MAX_WHOLE``; ``limit`` says the upper bound when it is what was broken."""
    number = _whole(name, value, expected)
    if not low <= number <= MAX_WHOLE:
        raise ValueError(f"{name} must be {expected}{limit if number > low else ''}, got {_short(value)}")
    return number


def positive_int(name: str, value: object) -> int:
    """A whole number >= 1, such as a layer size (bools are refused: ``True`` is not a layer size)."""
    return _whole_from(name, value, 1, "a positive whole number", " no larger than 2**63 - 1")


def non_negative_int(name: str, value: object) -> int:
    """A whole number >= 0, such as a number of iterations."""
    return _whole_from(name, value, 0, "a whole number >= 0", " and no larger than 2**63 - 1")


def seed(name: str, value: object) -> int:
    """A seed for ``numpy.random.default_rng``: a whole number >= 0, of any size."""
    number = _whole(name, value, "a whole number >= 0 (a seed for numpy.random.default_rng)")
    if number < 0:
        raise ValueError(
            f"{name} must be a whole number >= 0 (a seed for numpy.random.default_rng), got {_short(value)}"
        )
    return number


def _real(name: str, value: object, expected: str) -> float:
    """A real number as a float: a TypeError for anything else, a ValueError beyond float64."""
    if isinstance(value, np.ndarray) and value.ndim == 0:
        value = value[()]
    if _is_bool(value) or not isinstance(value, _REAL_SCALARS):
        raise TypeError(f"{name} must be {expected}, got {_got(value)}")
    try:
        return float(value)
    except OverflowError:
        raise ValueError(f"{name} must be {expected}, got {_short(value)}, too large for float64") from None


def positive_float(name: str, value: object) -> float:
    """A finite number > 0, such as a learning rate."""
    number = _real(name, value, "a finite number > 0")
    if not (np.isfinite(number) and number > 0):
        raise ValueError(f"{name} must be a finite number > 0, got {_short(value)}")
    return number


def non_negative_float(name: str, value: object) -> float:
    """A finite number >= 0, such as the standard deviation of noise."""
    number = _real(name, value, "a finite number >= 0")
    if not (np.isfinite(number) and number >= 0):
        raise ValueError(f"{name} must be a finite number >= 0, got {_short(value)}")
    return number


def finite_float(name: str, value: object) -> float:
    """A finite scalar, such as the bias ``b`` of logistic regression."""
    array = finite_array(name, value)
    if array.size != 1:
        raise ValueError(f"{name} must be a single number, got an array of shape {array.shape}")
    return float(array.reshape(()))


def flag(name: str, value: object) -> bool:
    """``True`` or ``False``; ``"no"``, ``None`` and ``1`` are refused rather than read as truth values."""
    if not _is_bool(value):
        raise TypeError(f"{name} must be True or False, got {_got(value)}")
    return bool(value)


def choice(name: str, value: object, options: Iterable[str], what: str = "one of the strings") -> str:
    """One of a fixed set of strings, such as a loss's name or a table's column."""
    allowed = list(options)
    if not isinstance(value, str):
        raise TypeError(f"{name} must be {what} {allowed}, got {_got(value)}")
    if value not in allowed:
        raise ValueError(f"{name} must be {what} {allowed}, got {value!r}")
    return value


def function(name: str, value: object) -> Callable[..., Any]:
    """A callable, such as the ``f`` whose gradient is measured."""
    if not callable(value):
        raise TypeError(f"{name} must be a function, got {_got(value)}")
    return value


def returned_number(name: str, value: object, where: str) -> float:
    """What a caller's function ``name`` returned ``where``: one finite real number."""
    if isinstance(value, np.ndarray):
        if value.ndim != 0:
            raise TypeError(
                f"{name} must return a single number (a scalar), but {where} it returned an array of "
                f"shape {value.shape}; return a float, for instance with float(...) or .item()"
            )
        value = value[()]
    if _is_bool(value) or not isinstance(value, _REAL_SCALARS):
        raise TypeError(f"{name} must return a single real number (a scalar), but {where} it returned {_got(value)}")
    try:
        number = float(value)
    except OverflowError:
        number = float("inf")
    if not np.isfinite(number):
        raise ValueError(f"{name} must return a finite number, but {where} it returned {_short(value)}")
    return number


def parameter_keys(name: str, value: object, keys: Iterable[str]) -> Mapping[str, Any]:
    """A dict holding at least ``keys``, or an error naming the missing ones."""
    checked = mapping(name, value)
    expected = list(keys)
    missing = [key for key in expected if key not in checked]
    if missing:
        raise ValueError(f"{name} is missing {missing}; expected keys {expected}")
    return checked


def parameter_dict(name: str, value: object, shapes: Mapping[str, tuple[int, ...]]) -> dict[str, FloatArray]:
    """A dict holding exactly the finite arrays ``shapes`` names, each of its shape."""
    given = parameter_keys(name, value, shapes)
    checked = {}
    for key, shape in shapes.items():
        array = finite_array(f"{name}[{key!r}]", given[key])
        if array.shape != shape:
            raise ValueError(f"{name}[{key!r}] has shape {array.shape}, expected {shape}")
        checked[key] = array
    return checked


def mapping(name: str, value: object, what: str = "a dict of arrays") -> Mapping[str, Any]:
    """A dict (any Mapping), or a TypeError naming ``name``."""
    if not isinstance(value, Mapping):
        raise TypeError(f"{name} must be {what}, got {_got(value)}")
    return value


@contextmanager
def memory(**sizes: object) -> Iterator[None]:
    """Allocate arrays of the given ``sizes``; more memory than the machine has is a ``ValueError`` naming them.

    A size can be a valid whole number and still ask for terabytes (``n_h=10**12``); numpy then
    raises ``MemoryError``, which says how much but not which argument asked for it.
    """
    try:
        yield
    except MemoryError as error:
        given = ", ".join(f"{name} = {value!r}" for name, value in sizes.items())
        raise ValueError(f"{given}: more memory than this machine can give ({error}); use smaller sizes") from error


@contextmanager
def float64_arithmetic(*names: str) -> Iterator[None]:
    """Run a public function's arithmetic under the policy's floating-point rules.

    Underflow (a result too small for float64, rounded to 0 or a subnormal) is the
    correctly rounded answer: it passes without a warning, even under
    ``np.seterr(all="raise")``. Overflow, division by zero and invalid operations (such
    as inf - inf) are how finite inputs turn into an inf or NaN result: they raise a
    ``ValueError`` naming ``names``, the inputs the computation used.
    """
    try:
        with np.errstate(under="ignore", over="raise", divide="raise", invalid="raise"):
            yield
    except FloatingPointError as error:
        inputs = ", ".join(names)
        advice = " or a smaller learning_rate" if "learning_rate" in names else ""
        raise ValueError(
            f"the values of {inputs} drive the computation out of float64's range ({error}), so the result would "
            f"be infinite or NaN; use inputs of moderate size{advice}"
        ) from None
