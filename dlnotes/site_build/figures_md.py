"""A Python-Markdown extension that places registered figures: ``[[figure: name]]`` on a line of its own.

The line becomes a ``<figure>`` holding the light and the dark SVG of the figure, with the
alt text and the caption from the registry (`dlnotes/figures/registry.py`)::

    <figure class="dlnotes-figure" id="figure-NAME">
      <img src="figures/NAME-light.svg#only-light" alt="...">
      <img src="figures/NAME-dark.svg#only-dark" alt="...">
      <figcaption>...</figcaption>
    </figure>

Material shows an image whose address ends in ``#only-light`` or ``#only-dark`` on that
palette only. The ``src`` is relative to the page (config ``page_path``), so a site engine
resolves it like any image link; the SVGs themselves are made by
`dlnotes.figures.render.FigureRenderer` (the MkDocs plugin serves them, and
``python -m dlnotes.figures`` writes them for any other engine). An unknown name raises
`UnknownFigureError` (from `dlnotes.figures.registry`) naming the page, line and figure.

The MkDocs plugin passes the alt texts and captions in (config ``figures``) from the
process that drew the figures, which under ``mkdocs serve`` may be a fresher one than this.
"""

from __future__ import annotations

import posixpath
import re
import xml.etree.ElementTree as etree
from collections.abc import Iterator
from typing import Any

from markdown import Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor

from dlnotes.figures import registry
from dlnotes.figures.style import THEMES
from dlnotes.site_build.page import blank_fences
from dlnotes.site_build.page_extension import PageExtension, SourceLines

REFERENCE = re.compile(r"^[ \t]*\[\[figure:[ \t]*(?P<name>[^\]\s]+)[ \t]*\]\][ \t]*$", re.MULTILINE)
FIGURES_DIR = "assets/figures"


def references(markdown_text: str) -> Iterator[tuple[str, int]]:
    """Each ``(name, line)`` a Markdown text refers to, skipping fenced code (where the syntax is only shown)."""
    blanked = blank_fences(markdown_text)
    for match in REFERENCE.finditer(blanked):
        yield match.group("name"), blanked.count("\n", 0, match.start()) + 1


SVG_SIZE = re.compile(rb'<svg\b[^>]*?\swidth="(?P<width>[\d.]+)pt"\s+height="(?P<height>[\d.]+)pt"')


def svg_sizes(svgs: dict[str, bytes]) -> dict[str, tuple[int, int]]:
    """The width and height, in CSS pixels, of each drawn figure (its light SVG), read from matplotlib's ``pt`` size.

    An image with a size keeps its place on the page before it loads: no layout shift as a reader scrolls.
    """
    sizes = {}
    for filename, svg in svgs.items():
        found = SVG_SIZE.search(svg[:2000])
        if found and filename.endswith("-light.svg"):
            points = float(found.group("width")), float(found.group("height"))
            sizes[filename.removesuffix("-light.svg")] = (round(points[0] * 4 / 3), round(points[1] * 4 / 3))
    return sizes


def figure_filename(name: str, theme: str) -> str:
    return f"{name}-{theme}.svg"


class _FigureBlock(BlockProcessor):
    def __init__(self, parser: BlockParser, extension: FigureExtension, source: SourceLines) -> None:
        super().__init__(parser)
        self.extension = extension
        self.source = source

    def test(self, parent: etree.Element, block: str) -> bool:
        return bool(REFERENCE.match(block.split("\n", 1)[0]))

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        first, _, rest = blocks.pop(0).partition("\n")
        if rest.strip():
            blocks.insert(0, rest)  # whatever follows the reference is parsed as usual
        reference = REFERENCE.match(first)
        assert reference is not None  # test() matched this line
        name = reference.group("name")
        try:
            alt, caption_text = self.extension.figure(name)
        except registry.UnknownFigureError as error:
            where = self.source.where(self.source.line_of(first))
            raise registry.UnknownFigureError(f"{where}: {error}") from None
        holder = etree.SubElement(parent, "figure", {"class": "dlnotes-figure", "id": f"figure-{name}"})
        for theme in THEMES:
            src = posixpath.join(self.extension.prefix(), figure_filename(name, theme)) + f"#only-{theme}"
            image = etree.SubElement(holder, "img", {"src": src, "alt": alt, "loading": "lazy"})
            if name in self.extension.getConfig("sizes"):
                width, height = self.extension.getConfig("sizes")[name]
                image.set("width", str(width))
                image.set("height", str(height))
        caption = etree.SubElement(holder, "figcaption")
        caption.text = caption_text  # inline Markdown and $math$ in captions are rendered like prose
        return True


class FigureExtension(PageExtension):
    """Expands ``[[figure: name]]`` lines into figures with alt text and caption."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "page_path": ["", "Path of the page inside the docs folder, such as 'notes/sigmoid.md'."],
            "figures": [
                {},
                "Alt text and caption of every registered figure, {name: (alt, caption)}, as the "
                "process that drew them saw them; empty: ask this process's registry.",
            ],
            "sizes": [{}, "Width and height in CSS pixels of every drawn figure, {name: (width, height)}."],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        source = SourceLines(md, self)  # this Markdown's own: the instance may serve another one meanwhile
        md.preprocessors.register(source, "dlnotes_figure_lines", 199)
        md.parser.blockprocessors.register(_FigureBlock(md.parser, self, source), "dlnotes_figure", 180)

    def figure(self, name: str) -> tuple[str, str]:
        """The alt text and caption of a registered figure, or UnknownFigureError."""
        known = self.getConfig("figures")
        if not known:
            spec = registry.get(name)
            return spec.alt, spec.caption
        if name not in known:
            raise registry.UnknownFigureError(registry.unknown_message(name, known))
        alt, caption = known[name]
        return alt, caption

    def prefix(self) -> str:
        """The figures folder, relative to the page's folder."""
        page_dir = posixpath.dirname(self.getConfig("page_path"))
        return posixpath.relpath(FIGURES_DIR, page_dir or ".")


def makeExtension(**kwargs: Any) -> FigureExtension:
    return FigureExtension(**kwargs)
