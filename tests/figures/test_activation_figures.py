"""The figures of the activation pages: each number a caption or alt text states is the core's.

Moved here from tests/core: they import dlnotes.figures, and tests mirror the layers."""

import numpy as np
import pytest

from dlnotes.activations import (
    relu,
    relu_derivative,
    sigmoid,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)
from dlnotes.figures import registry
from dlnotes.figures.activation_plots import CHAIN_LAYERS, chain_gradients, output_means


def test_chain_gradients_is_the_derivative_of_the_composed_chain():
    def composed(a0, layers):
        a = a0
        for _ in range(layers):
            a = sigmoid(a)
        return a

    h = 1e-5
    for layers in (1, 3, 8):
        numeric = (composed(0.5 + h, layers) - composed(0.5 - h, layers)) / (2 * h)
        assert chain_gradients(sigmoid, sigmoid_derivative, layers)[-1] == pytest.approx(numeric, rel=1e-5)


def test_numbers_in_the_gradient_through_layers_figure():
    spec = registry.get("gradient-through-layers")
    layers = np.arange(1, CHAIN_LAYERS + 1)
    through_sigmoid = chain_gradients(sigmoid, sigmoid_derivative)
    through_tanh = chain_gradients(tanh, tanh_derivative)
    assert CHAIN_LAYERS == 20
    assert "from 1 to 20" in spec.alt
    assert np.all(through_sigmoid < 0.25**layers)
    assert "below the dashed line (1/4)^L" in spec.alt
    assert 0.5e-13 < through_sigmoid[-1] < 2e-13
    assert "about 1e-13 at L = 20" in spec.alt
    assert np.all(np.diff(through_tanh) < 0)
    assert round(through_tanh[-1], 1) == 0.1
    assert "to about 0.1" in spec.alt
    assert np.all(chain_gradients(relu, relu_derivative) == 1.0)
    assert "stays at 1" in spec.alt


def test_numbers_in_the_mean_of_tanh_outputs_figure():
    mu = np.linspace(-3, 3, 121)
    tanh_means, sigmoid_means = output_means(tanh, mu), output_means(sigmoid, mu)
    rng = np.random.default_rng(0)
    sampled = np.tanh(1.0 + rng.normal(size=200_000)).mean()
    assert output_means(tanh, np.array([1.0]))[0] == pytest.approx(sampled, abs=0.01)  # quadrature is right
    assert abs(tanh_means[60]) < 1e-15
    assert mu[60] == 0.0
    assert np.all(np.abs(tanh_means[mu != 0]) > 1e-3)
    assert np.all(np.diff(tanh_means) > 0)
    assert sigmoid_means[60] == pytest.approx(0.5, abs=1e-15)
    assert "0.5 at mu = 0" in registry.get("mean-of-tanh-outputs").alt


def test_numbers_in_the_sigmoid_and_derivative_figure():
    from dlnotes.figures.activation_plots import SATURATION

    spec = registry.get("sigmoid-and-derivative")
    s = (1 + np.sqrt(1 - 4 * SATURATION)) / 2  # sigma(1 - sigma) = SATURATION, upper root
    threshold = np.log(s / (1 - s))
    assert sigmoid_derivative(threshold) == pytest.approx(SATURATION)
    assert round(threshold, 1) == 4.6
    assert "above about 4.6" in spec.alt
    assert f"below {SATURATION}" in spec.alt
    assert sigmoid_derivative(0.0) == 0.25
    assert "peaks at 0.25" in spec.alt
    assert "never exceeds 0.25" in spec.caption


def test_numbers_in_the_tanh_versus_sigmoid_figure():
    spec = registry.get("tanh-versus-sigmoid")
    z = np.linspace(-6, 6, 601)
    assert np.allclose(tanh(z), 2 * sigmoid(2 * z) - 1, rtol=0, atol=1e-15)
    assert "2\\sigma(2z) - 1" in spec.caption
    assert tanh_derivative(z).max() == 1.0
    assert sigmoid_derivative(z).max() == 0.25
    assert "peaks at 1" in spec.alt
    assert "at 0.25" in spec.alt


def test_mean_of_tanh_outputs_is_zero_for_symmetric_not_for_merely_centred_inputs():
    # The page's correction: a mean-0 but skewed input gives a nonzero mean output.
    values, chances = np.array([-1.0, 2.0]), np.array([2 / 3, 1 / 3])
    assert chances @ values == pytest.approx(0.0, abs=1e-15)
    assert chances @ tanh(values) == pytest.approx(-0.186, abs=5e-4)
    assert "symmetric about" in registry.get("mean-of-tanh-outputs").caption
