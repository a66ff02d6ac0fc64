"""A size that is a valid number but asks for more memory than the machine has: a ValueError naming it.

numpy's own MemoryError says how many bytes, not which argument asked for them. Each size below
asks for terabytes or more, so numpy refuses at once, without touching memory.
"""

import numpy as np
import pytest

from dlnotes import _checks
from dlnotes.datasets import flower, housing_table, image_example, image_regions
from dlnotes.layers import initialize_parameters_deep
from dlnotes.logistic_regression import initialize_with_zeros
from dlnotes.shallow_network import initialize_parameters
from dlnotes.shallow_training import cost_history, nn_model

SMALL_X, SMALL_Y = flower(m=10)
HUGE = 10**12
# Ten million samples as read-only views of one column, so the test itself allocates nothing.
WIDE_X, WIDE_Y = np.broadcast_to(SMALL_X[:, :1], (2, 10**7)), np.broadcast_to(SMALL_Y[:, :1], (1, 10**7))

CASES = [
    (lambda: initialize_with_zeros(10 * HUGE), "dim = 10000000000000"),
    # initialize_parameters hands its sizes to initialize_parameters_deep, which names them as it got them.
    (lambda: initialize_parameters(2, HUGE, 1), "layer_dims = [2, 1000000000000, 1]"),
    (lambda: initialize_parameters_deep([2, HUGE, 1]), "layer_dims = [2, 1000000000000, 1]"),
    (lambda: nn_model(SMALL_X, SMALL_Y, n_h=HUGE, num_iterations=1), "layer_dims = [2, 1000000000000, 1]"),
    # Small parameters, but Z1 would be (n_h, m): the guard around the training loop names both.
    (lambda: cost_history(WIDE_X, WIDE_Y, n_h=10**6, num_iterations=1), "n_h = 1000000, m = 10000000"),
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


def test_the_guard_lets_everything_else_through():
    with pytest.raises(ZeroDivisionError), _checks.memory(m=3):
        1 / 0  # noqa: B018 (the expression is the point: its error must pass unchanged)
