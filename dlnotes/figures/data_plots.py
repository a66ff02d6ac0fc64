"""Structured against unstructured data, drawn from dlnotes.datasets."""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure

from dlnotes.datasets import flatten_images, housing_table, image_example
from dlnotes.figures.registry import figure
from dlnotes.figures.style import palette

SHOWN_VALUES = 24
TABLE = housing_table()  # the table the page prints, six houses
IMAGE = image_example()
COLUMN = flatten_images(IMAGE)


@figure(
    "structured-versus-unstructured",
    alt=f"Top: a table of {TABLE.values.shape[0]} houses with named columns for size, bedrooms, age and price. "
    f"Bottom left: a {IMAGE.shape[0]} by {IMAGE.shape[1]} colour picture of a sun over green hills. Bottom "
    f"right: the picture unrolled into one long column of {COLUMN.shape[0]} numbers, of which the first "
    f"{SHOWN_VALUES} are shown as grey levels.",
    caption="Structured data comes in named columns whose meaning is known. Unstructured data, such as an image, is a "
    "grid of raw values; to feed it to a network the course unrolls the "
    f"${IMAGE.shape[0]} \\times {IMAGE.shape[1]} \\times {IMAGE.shape[2]}$ pixel values into one "
    f"$({COLUMN.shape[0]}, 1)$ column.",
)
def structured_versus_unstructured(theme: str) -> Figure:
    p = palette(theme)
    fig = Figure(figsize=(6.0, 6.0), layout="constrained")
    grid = fig.add_gridspec(2, 2, height_ratios=[1.3, 1.6], width_ratios=[1.8, 0.8])
    table_ax = fig.add_subplot(grid[0, :])
    image_ax = fig.add_subplot(grid[1, 0])
    column_ax = fig.add_subplot(grid[1, 1])

    table_ax.set_axis_off()
    cells = [[f"{value:g}" for value in row] for row in TABLE.values]
    drawn = table_ax.table(
        cellText=cells, colLabels=[c.replace("_", " ") for c in TABLE.columns], loc="center", cellLoc="center"
    )
    drawn.auto_set_font_size(False)
    drawn.set_fontsize(11)
    drawn.scale(1.0, 1.3)
    for cell in drawn.get_celld().values():
        cell.set_edgecolor(p["muted"])
        cell.set_facecolor("none")
        cell.get_text().set_color(p["text"])
    table_ax.set_title("structured: a table, one row per house", color=p["text"], fontsize=12, pad=14)

    last = IMAGE.shape[0] - 1
    image_ax.imshow(IMAGE, interpolation="nearest")
    image_ax.set_title(f"unstructured: {IMAGE.shape}", color=p["text"], fontsize=12)
    image_ax.set_xticks([0, last])
    image_ax.set_yticks([0, last])
    image_ax.grid(False)

    column_ax.imshow(COLUMN[:SHOWN_VALUES], aspect="auto", cmap="gray", vmin=0, vmax=1, interpolation="nearest")
    column_ax.set_title(f"as a column\n{COLUMN.shape}", color=p["text"], fontsize=12)
    column_ax.set_xticks([])
    column_ax.set_yticks(np.arange(0, SHOWN_VALUES, 6))
    column_ax.set_ylabel(f"first {SHOWN_VALUES} of {COLUMN.shape[0]} values", fontsize=11)
    column_ax.grid(False)
    return fig
