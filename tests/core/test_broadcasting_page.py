"""The broadcasting core against numpy, for every form of shape numpy takes; the page's figure."""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlnotes.broadcasting import broadcast_shape, explain_broadcast

sizes = st.lists(st.integers(0, 3), min_size=0, max_size=4)


def as_form(draw, shape):
    """The same shape as numpy also takes it: tuple, list, int (when 1-d) or array of ints."""
    forms = [tuple(shape), list(shape), np.array(shape, dtype=draw(st.sampled_from([np.int64, np.int8, np.uint16])))]
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


def test_the_forms_the_issue_named():
    assert broadcast_shape(3, (1, 3)) == np.broadcast_shapes(3, (1, 3)) == (1, 3)
    assert broadcast_shape(np.array([2, 3]), (3,)) == np.broadcast_shapes(np.array([2, 3]), (3,)) == (2, 3)
    assert broadcast_shape() == np.broadcast_shapes() == ()


@pytest.mark.parametrize(
    "bad",
    [
        True,
        np.True_,
        2.0,
        -1,
        (2, -1),
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
def test_what_is_not_a_shape_is_refused_with_a_value_error(bad):
    with pytest.raises(ValueError, match="shape 1 must be"):
        broadcast_shape((2,), bad)
    with pytest.raises(ValueError, match="shape 1 must be"):
        explain_broadcast((2,), bad)


@pytest.mark.parametrize("bad", [True, 2.0, -1, (True, 2), None, np.array([[2, 3]]), np.array([2.0]), {2, 3}])
def test_numpy_refuses_those_too(bad):
    with pytest.raises((TypeError, ValueError)):
        np.broadcast_shapes((2,), bad)


def test_inputs_are_not_changed():
    shape = [3, 1]
    array = np.array([1, 4])
    broadcast_shape(shape, array)
    assert shape == [3, 1]
    assert array.tolist() == [1, 4]


def test_a_stretched_axis_has_stride_zero_and_shares_memory():
    b = np.arange(3.0).reshape(3, 1)
    wide = np.broadcast_to(b, broadcast_shape(b.shape, (3, 4)))
    assert wide.strides[1] == 0
    assert np.shares_memory(wide, b)


def test_the_figure_cases_are_worked_out_by_the_core():
    from dlnotes.figures.diagram_plots import CASES, broadcasting_cases, broadcasting_shapes  # noqa: F401
    from dlnotes.figures.registry import get

    cases = broadcasting_cases()
    assert [c["result"] for c in cases] == [
        np.broadcast_shapes(a, b) if not c["clash"] else None for (a, b, _), c in zip(CASES, cases, strict=True)
    ]
    alt = get("broadcasting-shapes").alt
    for case in cases:
        said = f"gives {case['result']}" if case["result"] else f"sizes {case['clash'][0]} and {case['clash'][1]} clash"
        assert said in alt
    assert cases[0]["padded"][1] == (1, 3)  # the notes' (3,) becomes a row


stacks = st.lists(st.integers(1, 3), max_size=3)


@settings(max_examples=200, deadline=None)
@given(stacks, stacks)
def test_matmul_broadcasts_its_stack_axes_by_the_same_rule(left_stack, right_stack):
    left, right = np.ones((*left_stack, 2, 3)), np.ones((*right_stack, 3, 4))
    try:
        expected = (*broadcast_shape(left_stack, right_stack), 2, 4)
    except ValueError:
        with pytest.raises(ValueError, match="could not be broadcast"):
            left @ right
    else:
        assert (left @ right).shape == expected


@settings(max_examples=200, deadline=None)
@given(st.lists(st.integers(1, 3), max_size=3), st.lists(st.integers(1, 3), max_size=3))
def test_in_place_works_exactly_when_the_output_already_has_the_broadcast_shape(out_shape, other_shape):
    out, other = np.zeros(out_shape), np.ones(other_shape)
    try:
        fits = broadcast_shape(out_shape, other_shape) == tuple(out_shape)
    except ValueError:
        fits = False
    if fits:
        out += other
        assert out.shape == tuple(out_shape)
        assert np.all(out == 1.0)
    else:
        with pytest.raises(ValueError, match="broadcast"):
            out += other


def test_the_caption_says_what_the_page_says():
    from dlnotes.figures.registry import get

    caption = get("broadcasting-shapes").caption
    assert "each shorter shape" in caption
    assert "the shorter shape" not in caption
    assert caption.startswith("NumPy ")
