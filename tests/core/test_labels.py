"""Labels as the course builds them: a boolean array is 0/1, through every public function that takes labels."""

from __future__ import annotations

import inspect
from typing import Any

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dlnotes.logistic_regression import propagate
from dlnotes.shallow_network import backward_propagation, compute_cost, forward_propagation, initialize_parameters
from tests.core.test_refusal_policy import Sizes, call, generator_for, same
from tests.core_modules import public_functions

LABELS = {"Y", "Y_train", "Y_test"}
TAKES_LABELS = [
    pytest.param(module, function, id=f"{module}.{name}")
    for module, name, function in public_functions()
    if LABELS & set(inspect.signature(function).parameters)
]


def test_the_functions_that_take_labels_are_found():
    names = {param.id for param in TAKES_LABELS}
    assert {"logistic_regression.propagate", "shallow_network.compute_cost", "shallow_training.nn_model"} <= names


@pytest.mark.parametrize(("module", "function"), TAKES_LABELS)
def test_boolean_labels_give_the_numbers_of_float_labels(module: str, function: Any) -> None:
    signature = inspect.signature(function)
    table = {name: generator_for(module, function, name) for name in signature.parameters}

    @settings(max_examples=15, database=None)
    @given(data=st.data())
    def holds(data: st.DataObject) -> None:
        sizes = Sizes(
            n_x=data.draw(st.integers(1, 3)), m=data.draw(st.integers(1, 4)), n_h=data.draw(st.integers(1, 3))
        )
        valid = {name: data.draw(param.valid(sizes), label=name) for name, param in table.items() if param}
        as_booleans = {name: value.astype(bool) if name in LABELS else value for name, value in valid.items()}
        assert any(value.dtype == bool for value in as_booleans.values() if isinstance(value, np.ndarray))
        assert same(call(function, signature, valid), call(function, signature, as_booleans))

    holds()


def test_the_course_idioms_run_through_the_cost_and_backpropagation():
    np.random.seed(1)
    m = 7
    X = np.random.randn(2, m)
    for Y in (np.random.randn(1, m) > 0, X[0:1] > 0):  # the two ways the assignments build labels
        assert Y.dtype == bool
        parameters = initialize_parameters(2, 4, 1, seed=2)
        A2, cache = forward_propagation(X, parameters)
        assert compute_cost(A2, Y) == compute_cost(A2, Y.astype(float))
        grads, floats = (
            backward_propagation(parameters, cache, X, Y),
            backward_propagation(parameters, cache, X, Y.astype(float)),
        )
        assert grads.keys() == floats.keys()
        assert all(np.array_equal(grads[key], floats[key]) for key in grads)
        w, b = np.zeros((2, 1)), 0.0
        assert same(propagate(w, b, X, Y), propagate(w, b, X, Y.astype(float)))


def test_a_boolean_where_a_number_is_meant_is_still_refused():
    X = np.random.default_rng(0).standard_normal((2, 3))
    with pytest.raises(TypeError, match=r"^X must hold numbers, got booleans"):
        propagate(np.zeros((2, 1)), 0.0, X > 0, X[0:1] > 0)
    with pytest.raises(TypeError, match=r"^b must hold numbers, got booleans"):
        propagate(np.zeros((2, 1)), True, X, X[0:1] > 0)
