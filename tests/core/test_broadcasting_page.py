"""What the broadcasting page claims: stride-0 stretching, matmul's stack axes, in-place limits, the figure.

The rule itself, against numpy, is tested in test_broadcasting.py.
"""

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlnotes.broadcasting import broadcast_shape


def test_a_stretched_axis_has_stride_zero_and_shares_memory():
    b = np.arange(3.0).reshape(3, 1)
    wide = np.broadcast_to(b, broadcast_shape(b.shape, (3, 4)))
    assert wide.strides[1] == 0
    assert np.shares_memory(wide, b)


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
