r"""numpy's broadcasting rule, written out so a page can show each step.

To combine arrays of shapes $s_1, \dots, s_k$ element-wise, numpy

1. aligns the shapes on the right;
2. pads each shorter shape with 1s on the LEFT until all have the same length;
3. in each position, requires the sizes to be equal or 1, and stretches each 1 to the
   other size (a 1 against a 0 gives 0);
4. otherwise refuses.

So a ``(3,)`` array added to a ``(3, 3)`` one acts as a ``(1, 3)`` row copied down the
rows, not as a ``(3, 1)`` column.
"""

from __future__ import annotations

import operator
from collections.abc import Sequence
from dataclasses import dataclass
from typing import SupportsIndex

import numpy as np
import numpy.typing as npt

from dlnotes._checks import _got

__all__ = ["BroadcastStep", "broadcast_shape", "explain_broadcast"]

Shape = tuple[int, ...]
# What numpy.broadcast_shapes takes as one shape: a whole number (a 1-d shape) or a
# sequence or 1-d array of whole numbers.
ShapeLike = int | Sequence[int] | npt.NDArray[np.integer]


@dataclass(frozen=True)
class BroadcastStep:
    """One step of the broadcasting rule, as [explain_broadcast][dlnotes.broadcasting.explain_broadcast] returns it.

    A step records which rule applied, the shapes right after it and a sentence
    saying what changed, so a page can print the rule at work.
    Explained on the page [NumPy's broadcasting rules][page-broadcasting].

    Attributes
    ----------
    rule : str
        ``"align"``, ``"pad"``, ``"stretch"``, ``"result"`` or ``"fail"``.
    shapes : tuple of tuple of int
        The shapes after this step (the one result shape for ``"result"``).
    text : str
        What the step did, in one sentence.
    """

    rule: str
    shapes: tuple[Shape, ...]
    text: str


def _whole(value: object) -> int | None:
    """``value`` as an int if it is a whole number (of any sign), else None. A bool is not one, as in numpy."""
    if isinstance(value, (bool, np.bool_)) or not isinstance(value, SupportsIndex):
        return None
    try:
        return operator.index(value)
    except TypeError:  # an array has __index__ but refuses unless it holds one whole number
        return None


def _sizes(shape: object) -> list[int | None] | None:
    """The sizes of a shape given as a sequence or 1-d array (None for a size that is not a whole number),
    or None if ``shape`` is neither."""
    items = shape.tolist() if isinstance(shape, np.ndarray) and shape.ndim == 1 else shape
    if isinstance(items, Sequence) and not isinstance(items, (str, bytes)):
        return [_whole(size) for size in items]
    return None


def _check_shapes(shapes: Sequence[object]) -> list[Shape]:
    """Each shape as a tuple of ints; a whole number n is the 1-d shape (n,), as in numpy.

    As numpy does, and as the refusal policy says: a shape of the wrong kind (None, a string, a
    float, a bool, a nested list, a 2-d array) is a TypeError, a negative size a ValueError.
    """
    checked: list[Shape] = []
    for position, shape in enumerate(shapes):
        number = _whole(shape)
        sizes = [number] if number is not None else _sizes(shape)
        if sizes is None or any(size is None for size in sizes):
            raise TypeError(
                f"shape {position} must be a tuple (or list, or 1-d array) of whole numbers >= 0, "
                f"or one whole number, got {_got(shape)}"
            )
        whole = [size for size in sizes if size is not None]
        if any(size < 0 for size in whole):
            raise ValueError(f"shape {position} must have sizes >= 0, got {shape!r}")
        checked.append(tuple(whole))
    return checked


def _pad(shapes: list[Shape]) -> list[Shape]:
    """Prepend 1s until every shape has d axes."""
    d = max((len(s) for s in shapes), default=0)
    return [(1,) * (d - len(s)) + s for s in shapes]


def _combine(padded: list[Shape], original: list[Shape]) -> Shape:
    """Axis by axis: sizes equal or 1; a 1 stretches."""
    result = []
    for axis, sizes in enumerate(zip(*padded, strict=True)):
        others = {n for n in sizes if n != 1}
        if len(others) > 1:
            raise ValueError(_clash(padded, original, axis))
        result.append(others.pop() if others else 1)
    return tuple(result)


def _clash(padded: list[Shape], original: list[Shape], axis: int) -> str:
    """Why the shapes cannot be broadcast: the axis and the sizes that clash there."""
    others = sorted({p[axis] for p in padded if p[axis] != 1})
    offenders = ", ".join(f"{o} (size {p[axis]})" for o, p in zip(original, padded, strict=True) if p[axis] != 1)
    return (
        f"shapes {', '.join(map(str, original))} cannot be broadcast: at axis {axis} of the result "
        f"({len(padded[0]) - axis} from the right) the sizes are {others} in {offenders}; each must be equal or 1"
    )


def broadcast_shape(*shapes: ShapeLike) -> Shape:
    r"""The shape numpy gives an element-wise operation on arrays of these shapes.

    Prepend 1s to every shape until all have $d$ axes, call $s_{i,j}$ the size of
    shape $i$ on axis $j$, and $S_j$ the set of those sizes that are not 1. Then the
    result has, on each axis $j = 1, \dots, d$,

    $$n_j = \begin{cases} 1 & \text{if } S_j = \varnothing \\
                         n & \text{if } S_j = \{n\} \\
                         \text{error} & \text{otherwise} \end{cases}$$

    so a 1 against a 0 gives 0.

    It takes what ``numpy.broadcast_shapes`` takes, bytes aside: any number of shapes,
    each a sequence (tuple, list) or 1-d array of whole numbers >= 0, or one whole number
    ``n`` that stands for the 1-d shape ``(n,)``. On those it returns the shape numpy
    returns, and refuses exactly the shapes numpy refuses as incompatible. numpy also
    refuses a result beyond its own array limits (too many axes or elements); this
    function does not apply those limits.
    Explained on the page [NumPy's broadcasting rules][page-broadcasting].

    Parameters
    ----------
    *shapes : int, tuple of int, list of int or 1-d array of int
        Array shapes, such as ``(3, 3)`` and ``(3,)``.

    Returns
    -------
    tuple of int
        The broadcast shape.

    Raises
    ------
    TypeError
        If a shape is not one of the forms above: None, a bool, a float, a string, bytes
        (numpy reads ``b"ab"`` as ``(97, 98)``), a nested list, an array of two or more
        dimensions.
    ValueError
        If the shapes cannot be broadcast (the message names the axis and the clashing
        sizes), or if a size is negative.

    Examples
    --------
    >>> from dlnotes.broadcasting import broadcast_shape
    >>> broadcast_shape((3, 3), (3,))
    (3, 3)
    >>> broadcast_shape((3, 1), (1, 4))
    (3, 4)
    >>> broadcast_shape((2, 3), (2,))
    Traceback (most recent call last):
    ...
    ValueError: shapes (2, 3), (2,) cannot be broadcast: at axis 1 of the result (1 from the right) the sizes are [2, 3] in (2, 3) (size 3), (2,) (size 2); each must be equal or 1

    A whole number is a 1-d shape, and an array of sizes is a shape, as in numpy:

    >>> broadcast_shape(3, (1, 3))
    (1, 3)
    >>> import numpy as np
    >>> broadcast_shape(np.array([2, 3]), (3,))
    (2, 3)
    """
    checked = _check_shapes(shapes)
    return _combine(_pad(checked), checked)


def explain_broadcast(*shapes: ShapeLike) -> list[BroadcastStep]:
    r"""The steps of the broadcasting rule for these shapes, as data a page can print.

    Padding puts 1s on the left of each shape until it has $d = \max_i \operatorname{len}(s_i)$ axes,

    $$(n_1, \dots, n_k) \;\to\; (\underbrace{1, \dots, 1}_{d - k}, n_1, \dots, n_k)$$

    then every size-1 axis is stretched to the size the other shapes have there.

    The steps are ``"align"`` (the shapes as given, right-aligned), ``"pad"`` (1s added on
    the left, if any shape was shorter), ``"stretch"`` (each size-1 axis stretched, if
    any), and a last step that is either ``"result"`` or ``"fail"``. Unlike
    [broadcast_shape][dlnotes.broadcasting.broadcast_shape] it does not raise for incompatible shapes: the ``"fail"``
    step says why. It takes the same shapes as [broadcast_shape][dlnotes.broadcasting.broadcast_shape].
    Explained on the page [NumPy's broadcasting rules][page-broadcasting].

    Parameters
    ----------
    *shapes : int, tuple of int, list of int or 1-d array of int
        Array shapes.

    Returns
    -------
    list of BroadcastStep
        The steps, in order.

    Raises
    ------
    TypeError
        If a shape is of the wrong kind (see [broadcast_shape][dlnotes.broadcasting.broadcast_shape]).
    ValueError
        If a size is negative; never for shapes that merely cannot be broadcast.

    Examples
    --------
    >>> from dlnotes.broadcasting import explain_broadcast
    >>> for step in explain_broadcast((3, 3), (3,)):
    ...     print(f"{step.rule:8} {step.text}")
    align    align on the right: (3, 3) and (3,)
    pad      pad on the LEFT with 1s: (3,) -> (1, 3)
    stretch  stretch size-1 axes: (1, 3) -> (3, 3)
    result   result shape (3, 3)
    """
    checked = _check_shapes(shapes)
    steps = [BroadcastStep("align", tuple(checked), "align on the right: " + " and ".join(map(str, checked)))]
    padded = _pad(checked)
    changed = [f"{o} -> {p}" for o, p in zip(checked, padded, strict=True) if o != p]
    if changed:
        steps.append(BroadcastStep("pad", tuple(padded), "pad on the LEFT with 1s: " + ", ".join(changed)))
    try:
        result = _combine(padded, checked)
    except ValueError as error:
        steps.append(BroadcastStep("fail", tuple(padded), str(error)))
        return steps
    stretched = [f"{p} -> {result}" for p in padded if p != result]
    if stretched:
        steps.append(
            BroadcastStep("stretch", tuple(result for _ in padded), "stretch size-1 axes: " + ", ".join(stretched))
        )
    steps.append(BroadcastStep("result", (result,), f"result shape {result}"))
    return steps
