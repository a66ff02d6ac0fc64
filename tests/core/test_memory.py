"""A size that is a valid number but asks for more memory than the machine has: a ValueError naming it.

numpy's own MemoryError says how many bytes, not which argument asked for them. Each size below
asks for terabytes or more, so numpy refuses at once, without touching memory.
"""

import pytest

from dlnotes import _checks
from dlnotes.datasets import flower, housing_table, image_example, image_regions
from dlnotes.layers import initialize_parameters_deep
from dlnotes.logistic_regression import initialize_with_zeros
from dlnotes.shallow_network import initialize_parameters
from dlnotes.shallow_training import cost_history, nn_model

SMALL_X, SMALL_Y = flower(m=10)
HUGE = 10**12

CASES = [
    (lambda: initialize_with_zeros(10 * HUGE), "dim = 10000000000000"),
    (lambda: initialize_parameters(2, HUGE, 1), "n_x = 2, n_h = 1000000000000, n_y = 1"),
    (lambda: initialize_parameters_deep([2, HUGE, 1]), "layer_dims = [2, 1000000000000, 1]"),
    (lambda: nn_model(SMALL_X, SMALL_Y, n_h=HUGE, num_iterations=1), "n_h = 1000000000000, m = 10"),
    (lambda: cost_history(SMALL_X, SMALL_Y, n_h=HUGE, num_iterations=1), "n_h = 1000000000000, m = 10"),
    (lambda: flower(m=HUGE), "m = 1000000000000"),
    (lambda: housing_table(m=HUGE), "m = 1000000000000"),
    (lambda: image_example(size=10**7), "size = 10000000"),
    (lambda: image_regions(size=10**7), "size = 10000000"),
]


@pytest.mark.parametrize(("call", "named"), CASES, ids=[named for _, named in CASES])
def test_too_much_memory_is_a_value_error_naming_the_sizes_the_caller_gave(call, named):
    with pytest.raises(ValueError, match="more memory than this machine can give") as caught:
        call()
    message = str(caught.value)
    assert message.startswith(f"{named}: "), message
    assert "Unable to allocate" in message  # numpy's figure of how much is kept
    assert isinstance(caught.value.__cause__, MemoryError)


def test_the_outer_function_names_win_over_the_inner_ones():
    # initialize_parameters calls initialize_parameters_deep: the caller wrote n_h, not layer_dims.
    with pytest.raises(ValueError, match="n_h = 1000000000000") as caught:
        initialize_parameters(2, HUGE, 1)
    assert "layer_dims" not in str(caught.value)


def test_the_guard_lets_everything_else_through():
    with pytest.raises(ZeroDivisionError), _checks.memory(m=3):
        1 / 0  # noqa: B018 (the expression is the point: its error must pass unchanged)
