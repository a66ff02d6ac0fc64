"""The sigmoid and tanh pages: the helpers they include, the docstring links, the numbers their figures state."""

import inspect
import warnings

import numpy as np
import pytest

from dlnotes import activations
from dlnotes.activations import (
    relu,
    relu_derivative,
    sigmoid_derivative,
    tanh,
    tanh_derivative,
)

PAGES = {
    "sigmoid": "page-sigmoid",
    "sigmoid_derivative": "page-sigmoid",
    "tanh": "page-tanh",
    "tanh_derivative": "page-tanh",
    "relu": "page-tanh",
    "relu_derivative": "page-tanh",
}


@pytest.mark.parametrize("name", sorted(PAGES))
def test_docstring_links_the_page_before_parameters(name):
    doc = inspect.getdoc(getattr(activations, name)) or ""
    summary = doc.split("Parameters\n----------")[0]
    assert f"][{PAGES[name]}]." in summary.strip().splitlines()[-1]


@pytest.mark.parametrize(
    ("public", "inner"),
    [
        (sigmoid_derivative, "_sigmoid_derivative"),
        (tanh, "_tanh"),
        (tanh_derivative, "_tanh_derivative"),
        (relu, "_relu"),
        (relu_derivative, "_relu_derivative"),
    ],
)
def test_the_included_inner_functions_compute_the_public_results(public, inner):
    z = np.concatenate([np.linspace(-800, 800, 1601), np.linspace(-3, 3, 601), [0.0, -0.0, 1e-200]])
    assert np.array_equal(getattr(activations, inner)(z), public(z))


def test_tanh_derivative_of_tiny_z_does_not_raise_on_underflow():
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        with np.errstate(all="raise"):
            assert tanh_derivative(1e-200) == 1.0
            assert tanh_derivative(-1e-170) == 1.0
