"""nn_model's print_cost: what its docstring promises, printed after training, never during it."""

from __future__ import annotations

import re

import numpy as np
import pytest

from dlnotes.datasets import flower
from dlnotes.shallow_network import cost_history, nn_model


@pytest.fixture(scope="module")
def data():
    X, Y = flower(m=40)
    return X, Y


def test_print_cost_false_prints_nothing_and_trains(data, capsys):
    X, Y = data
    params = nn_model(X, Y, n_h=3, num_iterations=1500)
    assert capsys.readouterr().out == ""
    assert set(params) == {"W1", "b1", "W2", "b2"}


def test_print_cost_prints_the_costs_cost_history_records(data, capsys):
    X, Y = data
    nn_model(X, Y, n_h=3, num_iterations=2500, print_cost=True)
    lines = capsys.readouterr().out.splitlines()
    printed = [re.fullmatch(r"Cost after iteration (\d+): (\d+\.\d{6})", line) for line in lines]
    assert all(printed), lines
    assert [int(match[1]) for match in printed if match] == [0, 1000, 2000]
    expected = cost_history(X, Y, n_h=3, num_iterations=2500, every=1000)
    assert np.allclose([float(match[2]) for match in printed if match], expected, atol=1e-6)


def test_a_run_that_overflows_prints_nothing(data, capsys):
    X, Y = data
    with pytest.raises(ValueError, match="learning_rate"):
        nn_model(X * 1e300, Y, n_h=3, num_iterations=1500, print_cost=True, learning_rate=1.7e308)
    assert capsys.readouterr().out == ""
