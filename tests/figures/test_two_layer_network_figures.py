"""The figures of the two-layer-network page: each number a caption or alt text states is the core's.

Moved here from tests/core: they import dlnotes.figures, and tests mirror the layers."""

import inspect

import numpy as np
import pytest

from dlnotes import shallow_network, shallow_training
from dlnotes.datasets import flower
from dlnotes.layers import parameter_shapes


def test_the_training_figures_use_nn_model_defaults():
    from dlnotes.figures.training_plots import NN_RATE, NN_SEED

    for function in (shallow_training.nn_model, shallow_training.cost_history):
        parameters = inspect.signature(function).parameters
        assert (parameters["seed"].default, parameters["learning_rate"].default) == (NN_SEED, NN_RATE)


def test_one_run_gives_nn_model_parameters_and_cost_history_costs():
    # The training figures train once, with _fit, instead of once for nn_model and once for cost_history.
    from dlnotes.figures.training_plots import NN_RATE, NN_SEED

    X, Y = flower(m=60)
    # _fit takes what nn_model's checks hand it: float64 labels, where flower gives integers.
    params, costs = shallow_training._fit(X, Y.astype(np.float64), 3, 250, NN_SEED, NN_RATE, every=50)
    alone = shallow_training.nn_model(X, Y, n_h=3, num_iterations=250)
    recorded = shallow_training.cost_history(X, Y, n_h=3, num_iterations=250, every=50)
    assert costs == recorded
    assert len(costs) == 5
    for name in alone:
        np.testing.assert_array_equal(params[name], alone[name])


def test_the_computation_graph_shows_the_shapes_of_a_real_pass():
    from dlnotes.figures.graph_plots import N_H, N_X, M, network_shapes
    from dlnotes.figures.registry import get

    shapes = network_shapes()
    assert {k: shapes[k] for k in ("W1", "b1", "W2", "b2")} == parameter_shapes([N_X, N_H, 1])
    assert shapes["X"] == (N_X, M)
    assert shapes["Y"] == shapes["Z2"] == shapes["A2"] == (1, M)
    assert shapes["Z1"] == shapes["A1"] == (N_H, M)
    X, Y = flower(m=M)
    assert shallow_network.layer_sizes(X, Y, n_h=N_H) == (N_X, N_H, 1)
    spec = get("two-layer-computation-graph")
    assert f"$n_x = {N_X}$, $n_h = {N_H}$, $m = {M}$" in spec.caption
    for name in ("W1", "b1", "W2", "b2"):
        assert f"{name} {shapes[name]}" in spec.alt, name
    assert f"Z1 and A1 {shapes['Z1']}" in spec.alt
    assert f"Z2 and A2 {shapes['Z2']}" in spec.alt


def test_the_graph_refuses_to_draw_when_its_caption_would_be_wrong(monkeypatch):
    from dlnotes.figures import graph_plots

    monkeypatch.setattr(graph_plots, "N_X", 3)
    with pytest.raises(ValueError, match="the caption says n_x=3, n_h=4, m=400; the data give 2, 4, 400"):
        graph_plots.network_shapes()
