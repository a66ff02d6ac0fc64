"""Input checks shared by the public functions of the numerical core.

Every public entry point validates its arguments once, with these helpers, and then
hands plain float64 arrays to unchecked inner functions. Each refusal is a
``ValueError`` whose message names the argument, the shape it got and the shape the
notes' notation expects, so a reader can fix the call without reading our source.
"""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import numpy.typing as npt

FloatArray = npt.NDArray[np.float64]


def finite_array(name: str, value: npt.ArrayLike) -> FloatArray:
    """Return ``value`` as a float64 array, refusing NaN, inf and non-numbers.

    ``np.asarray`` may return the caller's own array; callers never write into it.
    """
    try:
        array = np.asarray(value, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise ValueError(f"{name} must be numeric, got {type(value).__name__}: {error}") from None
    if not np.isfinite(array).all():
        bad = int(np.size(array) - np.count_nonzero(np.isfinite(array)))
        raise ValueError(
            f"{name} contains {bad} NaN or infinite value(s) (shape {array.shape}); "
            "the notes' formulas are defined for finite numbers only"
        )
    return array


def matrix(name: str, value: npt.ArrayLike, rows: int | None = None, cols: int | None = None,
           meaning: str = "") -> FloatArray:
    """A finite 2-D array, optionally with a required number of rows and columns."""
    array = finite_array(name, value)
    want = f"({'n' if rows is None else rows}, {'m' if cols is None else cols})"
    hint = f" ({meaning})" if meaning else ""
    if array.ndim != 2:
        extra = ""
        if array.ndim == 1:
            extra = (f"; it is a rank-1 array, reshape it with {name}.reshape({rows or -1}, "
                     f"{cols or -1})" if rows == 1 or cols == 1 else "; it is a rank-1 array")
        raise ValueError(f"{name} must be a 2-D array of shape {want}{hint}, "
                         f"got shape {array.shape}{extra}")
    if (rows is not None and array.shape[0] != rows) or (cols is not None and array.shape[1] != cols):
        raise ValueError(f"{name} has shape {array.shape}, expected {want}{hint}")
    return array


def samples(name: str, value: npt.ArrayLike) -> FloatArray:
    """An input matrix ``X`` of shape (n_x, m) with at least one sample."""
    X = matrix(name, value, meaning="one sample per column")
    if X.shape[1] == 0:
        raise ValueError(f"{name} has shape {X.shape}: it holds no samples (m = 0)")
    return X


def labels(name: str, value: npt.ArrayLike, m: int) -> FloatArray:
    """Labels ``Y``: a (1, m) row of 0s and 1s, one per column of ``X``."""
    array = finite_array(name, value)
    if array.ndim == 1:
        raise ValueError(
            f"{name} has shape {array.shape}, a rank-1 array; the notes' labels are a (1, m) row: "
            f"pass {name}.reshape(1, -1) to get shape (1, {array.shape[0]})"
        )
    if array.ndim != 2 or array.shape[0] != 1:
        raise ValueError(f"{name} has shape {array.shape}, expected a (1, m) row with m = {m}")
    if array.shape[1] != m:
        raise ValueError(
            f"{name} has shape {array.shape} but X has m = {m} samples (columns); "
            f"expected {name} of shape (1, {m})"
        )
    if not np.isin(array, (0.0, 1.0)).all():
        others = np.unique(array[~np.isin(array, (0.0, 1.0))])[:5]
        raise ValueError(f"{name} must hold only the labels 0 and 1, found {others.tolist()}")
    return array


def probabilities(name: str, value: npt.ArrayLike) -> FloatArray:
    """A (1, m) row of predicted probabilities, strictly between 0 and 1."""
    array = finite_array(name, value)
    if array.ndim != 2 or array.shape[0] != 1:
        raise ValueError(f"{name} has shape {array.shape}, expected a (1, m) row")
    if ((array <= 0.0) | (array >= 1.0)).any():
        raise ValueError(
            f"{name} must lie strictly between 0 and 1 for the log in the cost, "
            f"got values from {array.min()} to {array.max()}"
        )
    return array


def positive_int(name: str, value: object) -> int:
    """A whole number >= 1 (bools are refused: ``True`` is not a layer size)."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 1:
        raise ValueError(f"{name} must be a positive whole number, got {value!r}")
    return int(value)


def non_negative_int(name: str, value: object) -> int:
    """A whole number >= 0, such as a number of iterations."""
    if isinstance(value, bool) or not isinstance(value, (int, np.integer)) or value < 0:
        raise ValueError(f"{name} must be a whole number >= 0, got {value!r}")
    return int(value)


def positive_float(name: str, value: object) -> float:
    """A finite number > 0, such as a learning rate."""
    if isinstance(value, bool) or not isinstance(value, (int, float, np.integer, np.floating)):
        raise ValueError(f"{name} must be a number, got {value!r}")
    if not np.isfinite(value) or value <= 0:
        raise ValueError(f"{name} must be a finite number > 0, got {value!r}")
    return float(value)


def finite_float(name: str, value: object) -> float:
    """A finite scalar, such as the bias ``b`` of logistic regression."""
    array = finite_array(name, value)
    if array.size != 1:
        raise ValueError(f"{name} must be a single number, got an array of shape {array.shape}")
    return float(array.reshape(()))


def parameter_dict(name: str, value: object, shapes: Mapping[str, tuple[int, ...]]) -> dict[str, FloatArray]:
    """A dict holding exactly the finite arrays ``shapes`` names, each of its shape."""
    if not isinstance(value, Mapping):
        raise ValueError(f"{name} must be a dict of arrays, got {type(value).__name__}")
    missing = [key for key in shapes if key not in value]
    if missing:
        raise ValueError(f"{name} is missing {missing}; expected keys {list(shapes)}")
    checked = {}
    for key, shape in shapes.items():
        array = finite_array(f"{name}[{key!r}]", value[key])
        if array.shape != shape:
            raise ValueError(f"{name}[{key!r}] has shape {array.shape}, expected {shape}")
        checked[key] = array
    return checked
