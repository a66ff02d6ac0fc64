"""The broadcasting rule against numpy: results, the steps explained, refusals."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlnotes.broadcasting import broadcast_shape, explain_broadcast

sizes = st.lists(st.integers(0, 3), min_size=0, max_size=4)


def as_form(draw, shape):
    """The same shape as numpy also takes it: tuple, list, int (when 1-d) or array of ints."""
    forms: list[object] = [
        tuple(shape),
        list(shape),
        np.array(shape, dtype=draw(st.sampled_from([np.int64, np.int8, np.uint16]))),
    ]
    if len(shape) == 1:
        forms += [shape[0], np.int64(shape[0]), np.array(shape[0])]
    return draw(st.sampled_from(forms))


@st.composite
def shape_lists(draw):
    """Several shapes, made compatible half of the time (so refusals and results are both common)."""
    target = draw(sizes)
    shapes = []
    for _ in range(draw(st.integers(1, 4))):
        if draw(st.booleans()):  # a compatible shape: a right part of target with some sizes set to 1
            shape = target[len(target) - draw(st.integers(0, len(target))) :]
            shape = [1 if draw(st.booleans()) else n for n in shape]
        else:
            shape = draw(sizes)
        shapes.append(as_form(draw, shape))
    return shapes


@settings(max_examples=500, deadline=None)
@given(shape_lists())
def test_agrees_with_numpy_broadcast_shapes_on_every_form_it_takes(shapes):
    try:
        expected = np.broadcast_shapes(*shapes)
    except ValueError:
        with pytest.raises(ValueError, match="cannot be broadcast"):
            broadcast_shape(*shapes)
        assert explain_broadcast(*shapes)[-1].rule == "fail"
    else:
        assert broadcast_shape(*shapes) == expected
        assert explain_broadcast(*shapes)[-1].shapes == (expected,)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(1, 3), max_size=3), min_size=1, max_size=3))
def test_the_result_is_what_adding_real_arrays_gives(shape_list):
    arrays = [np.zeros(s) for s in shape_list]
    try:
        total = sum(arrays, np.zeros(()))
    except ValueError:
        with pytest.raises(ValueError, match="cannot be broadcast"):
            broadcast_shape(*shape_list)
    else:
        assert broadcast_shape(*shape_list) == total.shape


@pytest.mark.parametrize(
    "bad",
    [
        True,
        np.True_,
        2.0,
        (True, 2),
        (2.0,),
        "ab",
        b"ab",
        None,
        np.array([[2, 3]]),
        np.array(True),
        np.array([2.0]),
        iter([2]),
        {2, 3},
    ],
)
def test_what_is_not_a_shape_is_a_type_error(bad):
    with pytest.raises(TypeError, match="shape 1 must be a tuple"):
        broadcast_shape((2,), bad)
    with pytest.raises(TypeError, match="shape 1 must be a tuple"):
        explain_broadcast((2,), bad)


@pytest.mark.parametrize("bad", [-1, (2, -1), np.array([2, -1])])
def test_a_negative_size_is_a_value_error(bad):
    with pytest.raises(ValueError, match="shape 1 must have sizes >= 0"):
        broadcast_shape((2,), bad)
    with pytest.raises(ValueError, match="shape 1 must have sizes >= 0"):
        explain_broadcast((2,), bad)


@pytest.mark.parametrize("bad", [True, 2.0, (True, 2), None, np.array([[2, 3]]), np.array([2.0])])
def test_numpy_refuses_these_non_shapes_with_a_type_error_too(bad):
    with pytest.raises(TypeError):
        np.broadcast_shapes((2,), bad)


@pytest.mark.parametrize("bad", [-1, (2, -1)])
def test_numpy_refuses_a_negative_size_with_a_value_error_too(bad):
    with pytest.raises(ValueError, match="negative"):
        np.broadcast_shapes((2,), bad)


def test_inputs_are_not_changed():
    shape = [3, 1]
    array = np.array([1, 4])
    broadcast_shape(shape, array)
    assert shape == [3, 1]
    assert array.tolist() == [1, 4]


@pytest.mark.parametrize(
    "shapes",
    [(3, (1, 3)), (np.array([2, 3]), (3,)), ([4, 1], np.int64(5)), ((),), ()],
    ids=["int", "array", "list-and-numpy-int", "scalar-shape", "no-shapes"],
)
def test_broadcast_shape_accepts_what_numpy_accepts(shapes):
    assert broadcast_shape(*shapes) == np.broadcast_shapes(*shapes)


def test_the_notes_example_pads_on_the_left_not_the_right():
    # The notes say B of shape (3,) becomes (3, 1). numpy makes it (1, 3): a row.
    A = np.arange(9.0).reshape(3, 3)
    B = np.array([10.0, 20.0, 30.0])
    assert np.array_equal(A + B, A + B.reshape(1, 3))
    assert not np.array_equal(A + B, A + B.reshape(3, 1))
    pad = next(s for s in explain_broadcast((3, 3), (3,)) if s.rule == "pad")
    assert pad.shapes == ((3, 3), (1, 3))


def test_refusal_names_the_axis_and_sizes():
    with pytest.raises(ValueError, match=r"at axis 1 of the result \(1 from the right\) the sizes are \[2, 3\]"):
        broadcast_shape((4, 3), (2,))
    assert explain_broadcast((4, 3), (2,))[-1].rule == "fail"
