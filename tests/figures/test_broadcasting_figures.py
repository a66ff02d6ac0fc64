"""The figures of the broadcasting page: each number a caption or alt text states is the core's.

Moved here from tests/core: they import dlnotes.figures, and tests mirror the layers."""

import numpy as np


def test_the_figure_cases_are_worked_out_by_the_core():
    # Importing diagram_plots registers its figures, broadcasting-shapes among them.
    from dlnotes.figures.diagram_plots import CASES, broadcasting_cases
    from dlnotes.figures.registry import get

    cases = broadcasting_cases()
    assert [c["result"] for c in cases] == [
        np.broadcast_shapes(a, b) if not c["clash"] else None for (a, b, _), c in zip(CASES, cases, strict=True)
    ]
    alt = get("broadcasting-shapes").alt
    for case in cases:
        if case["result"]:
            said = f"gives {case['result']}"
        else:
            clash = case["clash"]
            assert clash is not None
            said = f"sizes {clash[0]} and {clash[1]} clash"
        assert said in alt
    assert cases[0]["padded"][1] == (1, 3)  # the notes' (3,) becomes a row


def test_the_caption_pads_each_shorter_shape_as_the_page_says():
    from dlnotes.figures.registry import get

    caption = get("broadcasting-shapes").caption
    assert "each shorter shape" in caption
    assert "the shorter shape" not in caption
    assert caption.startswith("NumPy ")
