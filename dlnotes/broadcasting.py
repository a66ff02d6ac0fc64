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

import numpy as np

__all__ = ["BroadcastStep", "broadcast_shape", "explain_broadcast"]

Shape = tuple[int, ...]


@dataclass(frozen=True)
class BroadcastStep:
    """One step of the rule: which ``rule`` applied, the ``shapes`` after it, and a sentence."""

    rule: str
    shapes: tuple[Shape, ...]
    text: str


def _whole(value: object) -> int | None:
    """``value`` as an int if it is a whole number >= 0, else None. A bool is not one, as in numpy."""
    if isinstance(value, (bool, np.bool_)):
        return None
    try:
        whole = operator.index(value)  # type: ignore[call-overload]
    except TypeError:
        return None
    return whole if whole >= 0 else None


def _check_shapes(shapes: Sequence[object]) -> list[Shape]:
    """Each shape as a tuple of ints; a whole number n is the 1-d shape (n,), as in numpy."""
    checked = []
    for position, shape in enumerate(shapes):
        number = _whole(shape)
        if number is not None:
            checked.append((number,))
            continue
        is_sequence = (isinstance(shape, Sequence) and not isinstance(shape, (str, bytes))) or (
            isinstance(shape, np.ndarray) and shape.ndim == 1)
        sizes = [_whole(size) for size in shape] if is_sequence else [None]  # type: ignore[union-attr]
        if any(size is None for size in sizes):
            raise ValueError(f"shape {position} must be a tuple (or list, or 1-d array) of whole numbers >= 0, "
                             f"or one whole number, got {shape!r}")
        checked.append(tuple(size for size in sizes if size is not None))
    return checked


def _pad(shapes: list[Shape]) -> list[Shape]:
    ndim = max((len(s) for s in shapes), default=0)
    return [(1,) * (ndim - len(s)) + s for s in shapes]


def _combine(padded: list[Shape], original: list[Shape]) -> Shape:
    result = []
    ndim = len(padded[0]) if padded else 0
    for axis in range(ndim):
        sizes = [s[axis] for s in padded]
        others = {n for n in sizes if n != 1}
        if len(others) > 1:
            from_right = ndim - axis
            offenders = ", ".join(f"{o} (size {p[axis]})" for o, p in zip(original, padded) if p[axis] != 1)
            raise ValueError(
                f"shapes {', '.join(map(str, original))} cannot be broadcast: at axis {axis} of the "
                f"result ({from_right} from the right) the sizes are {sorted(others)} in {offenders}; "
                "each must be equal or 1"
            )
        result.append(others.pop() if others else 1)
    return tuple(result)


def broadcast_shape(*shapes: Sequence[int]) -> Shape:
    r"""The shape numpy gives an element-wise operation on arrays of these shapes.

    After left-padding every shape with 1s to the same length $d$, axis by axis:

    $$n_j = \begin{cases} n & \text{if every } s_{i,j} \in \{1, n\} \\
                         \text{error} & \text{otherwise} \end{cases}, \qquad j = 1, \dots, d$$

    Equal to ``numpy.broadcast_shapes`` for every input; where numpy refuses, this
    raises a ``ValueError`` naming the axis and the clashing sizes.

    Parameters
    ----------
    *shapes : tuple of int
        Array shapes, such as ``(3, 3)`` and ``(3,)``.

    Returns
    -------
    tuple of int
        The broadcast shape.

    Raises
    ------
    ValueError
        If the shapes are incompatible, or a shape is not a tuple of whole numbers >= 0.

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
    """
    checked = _check_shapes(shapes)
    return _combine(_pad(checked), checked)


def explain_broadcast(*shapes: Sequence[int]) -> list[BroadcastStep]:
    r"""The steps of the broadcasting rule for these shapes, as data a page can print.

    Padding puts 1s on the left of each shape until it has $d = \max_i \operatorname{len}(s_i)$ axes,

    $$(n_1, \dots, n_k) \;\to\; (\underbrace{1, \dots, 1}_{d - k}, n_1, \dots, n_k)$$

    then every size-1 axis is stretched to the size the other shapes have there.

    The steps are ``"align"`` (the shapes as given, right-aligned), ``"pad"`` (1s added on
    the left, if any shape was shorter), ``"stretch"`` (each size-1 axis stretched, if
    any), and a last step that is either ``"result"`` or ``"fail"``. Unlike
    :func:`broadcast_shape` it does not raise for incompatible shapes: the ``"fail"``
    step says why.

    Parameters
    ----------
    *shapes : tuple of int
        Array shapes.

    Returns
    -------
    list of BroadcastStep
        The steps, in order.

    Raises
    ------
    ValueError
        If a shape is not a shape (see :func:`broadcast_shape`); never for shapes
        that merely cannot be broadcast.

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
    changed = [f"{o} -> {p}" for o, p in zip(checked, padded) if o != p]
    if changed:
        steps.append(BroadcastStep("pad", tuple(padded), "pad on the LEFT with 1s: " + ", ".join(changed)))
    try:
        result = _combine(padded, checked)
    except ValueError as error:
        steps.append(BroadcastStep("fail", tuple(padded), str(error)))
        return steps
    stretched = [f"{p} -> {result}" for p in padded if p != result]
    if stretched:
        steps.append(BroadcastStep("stretch", tuple(result for _ in padded),
                                   "stretch size-1 axes: " + ", ".join(stretched)))
    steps.append(BroadcastStep("result", (result,), f"result shape {result}"))
    return steps
