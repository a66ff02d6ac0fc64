"""The figures of the logistic-regression page: each number a caption or alt text states is the core's.

Moved here from tests/core: they import dlnotes.figures, and tests mirror the layers."""

import numpy as np

from dlnotes.squared_error import squared_error_propagate, two_minima_data


def test_two_minima_figure_numbers():
    from dlnotes.figures import registry
    from dlnotes.figures.logistic_plots import (
        DESCENT_ITERATIONS,
        DESCENT_RATE,
        DESCENT_START,
        TWO_MINIMA_W,
        local_minima,
        two_minima_landscape,
    )

    land = two_minima_landscape()
    spec = registry.get("squared-error-two-minima")
    squared, cross_entropy = land["squared"], land["cross_entropy"]
    low, high = sorted(local_minima(squared), key=lambda i: squared[i])
    assert f"near w = {TWO_MINIMA_W[low]:.2f}" in spec.alt
    assert f"near w = {TWO_MINIMA_W[high]:.2f}" in spec.alt
    assert f"about {squared[high]:.3f} against {squared[low]:.3f}" in spec.caption
    (only,) = local_minima(cross_entropy)
    assert f"near w = {TWO_MINIMA_W[only]:.2f}" in spec.alt
    assert f"started at w = {DESCENT_START:g}" in spec.alt
    assert f"from $w = {DESCENT_START:g}$" in spec.caption
    assert f"({DESCENT_ITERATIONS} steps, $\\alpha = {DESCENT_RATE:g}$)" in spec.caption
    assert f"stops at $w \\approx {land['stops']['squared-error']:.2f}$" in spec.caption
    assert round(land["stops"]["squared-error"], 2) == round(TWO_MINIMA_W[high], 2)
    assert round(land["stops"]["cross-entropy"], 2) == round(TWO_MINIMA_W[only], 2)
    X, Y = two_minima_data()
    assert f"$x = {', '.join(f'{v:g}' for v in X[0])}$" in spec.caption
    assert f"$y = {', '.join(f'{v:g}' for v in Y[0])}$" in spec.caption
    db = squared_error_propagate([[land["stops"]["squared-error"]]], 0.0, X, Y)[0]["db"]
    assert f"\\partial J / \\partial b \\approx {db:.3f}$" in spec.caption


def test_loss_and_cost_slice_has_one_squared_error_minimum_and_uses_the_core():
    from dlnotes.figures.logistic_plots import SLICE_W, SLICE_X, SLICE_Y, cost_slices, local_minima

    squared, cross_entropy = cost_slices()
    assert len(local_minima(squared)) == 1
    assert len(local_minima(cross_entropy)) == 1
    a = 1 / (1 + np.exp(-SLICE_W[:, None] * SLICE_X[0]))  # an independent evaluation of both costs
    np.testing.assert_allclose(squared, np.mean((a - SLICE_Y[0]) ** 2, axis=1) / 2, rtol=1e-12)
    np.testing.assert_allclose(
        cross_entropy, -np.mean(SLICE_Y[0] * np.log(a) + (1 - SLICE_Y[0]) * np.log(1 - a), axis=1), rtol=1e-6
    )  # log(1 - a) loses digits at large z


def test_the_page_uses_the_eight_points_of_the_loss_and_cost_figure():
    from pathlib import Path

    from dlnotes.figures.logistic_plots import SLICE_X, SLICE_Y

    page = (Path(__file__).resolve().parents[2] / "docs" / "notes" / "logistic-regression.md").read_text()
    assert f"X8 = np.array({SLICE_X.tolist()})" in page
    assert f"Y8 = np.array({SLICE_Y.tolist()})" in page
