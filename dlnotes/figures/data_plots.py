"""Structured against unstructured data, drawn from dlnotes.datasets."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from dlnotes.datasets import flatten_images, housing_table, image_example
from dlnotes.figures.registry import figure
from dlnotes.figures.style import palette

SHOWN_VALUES = 24


@figure(
    "structured-versus-unstructured",
    alt="Left: a table of five houses with named columns for size, bedrooms, age and price. Middle: a 64 by 64 "
        "colour picture of a sun over green hills. Right: the picture unrolled into one long column of 12288 "
        "numbers, of which the first 24 are shown.",
    caption="Structured data comes in named columns whose meaning is known. Unstructured data, such as an image, is "
            "a grid of raw values; to feed it to a network the course unrolls the $64 \\times 64 \\times 3$ pixels "
            "into one $(12288, 1)$ column.",
)
def structured_versus_unstructured(theme: str) -> Figure:
    p = palette(theme)
    fig = Figure(figsize=(8.0, 3.4), layout="constrained")
    table_ax, image_ax, column_ax = fig.subplots(1, 3, gridspec_kw={"width_ratios": [2.3, 1.4, 0.5]})
    table = housing_table(m=5)
    table_ax.set_axis_off()
    cells = [[f"{value:g}" for value in row] for row in table.values]
    drawn = table_ax.table(cellText=cells, colLabels=[c.replace("_", " ") for c in table.columns], loc="center",
                           cellLoc="center")
    drawn.auto_set_font_size(False)
    drawn.set_fontsize(8)
    drawn.scale(1.0, 1.4)
    for cell in drawn.get_celld().values():
        cell.set_edgecolor(p["muted"])
        cell.set_facecolor("none")
        cell.get_text().set_color(p["text"])
    table_ax.set_title("structured: a table", color=p["text"])

    image = image_example()
    image_ax.imshow(image, interpolation="nearest")
    image_ax.set_title(f"unstructured: {image.shape}", color=p["text"])
    image_ax.set_xticks([0, 63])
    image_ax.set_yticks([0, 63])
    image_ax.grid(False)

    column = flatten_images(image)
    column_ax.imshow(column[:SHOWN_VALUES], aspect="auto", cmap="gray", vmin=0, vmax=1, interpolation="nearest")
    column_ax.set_title(f"column\n{column.shape}", color=p["text"], fontsize=9)
    column_ax.set_xticks([])
    column_ax.set_yticks(np.arange(0, SHOWN_VALUES, 6))
    column_ax.set_ylabel(f"first {SHOWN_VALUES} of {column.shape[0]} values")
    column_ax.grid(False)
    return fig
