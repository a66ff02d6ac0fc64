"""What the page 'Derivatives of a two-layer network' relies on: one training run for both training figures,
the computation graph's shapes, and the docstrings' link back to the page."""

import inspect

import pytest

from dlnotes import gradient_check, shallow_network

PAGE_LINK = "[Derivatives of a two-layer network][page-two-layer-network]"


@pytest.mark.parametrize("module", [shallow_network, gradient_check], ids=lambda m: m.__name__)
def test_every_public_function_links_the_page(module):
    for name in module.__all__:
        doc = inspect.getdoc(getattr(module, name)) or ""
        summary = doc.split("Parameters\n----------")[0]
        assert f"Explained on the page {PAGE_LINK}." in summary, name
