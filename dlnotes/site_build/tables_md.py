r"""A Python-Markdown extension that draws every plain table itself, in a box of its own.

Material's script, once a page has loaded, moves each ``<table>`` without a class into a
scrolling box of its own making. A moved element is styled again from scratch, with all it
holds: the Notation page's tables, full of formulas, cost a phone about 100 ms of main
thread, and the API page's 113 about 300 ms (Lighthouse, 4x slower CPU). So every table
without a class comes from the build already in its box, the ``dlnotes-table`` box that
scrolls sideways, and with the class ``dlnotes-table__grid``, which Material's script
leaves alone; ``dlnotes.css`` draws both.

>>> import markdown
>>> print(markdown.markdown("| a |\n|---|\n| 1 |", extensions=["tables", "dlnotes_tables"]))
<div class="dlnotes-table"><table class="dlnotes-table__grid">
<thead>
<tr>
<th>a</th>
</tr>
</thead>
<tbody>
<tr>
<td>1</td>
</tr>
</tbody>
</table></div>

A table with a class is left alone, as Material leaves it, and a table is not boxed twice
(mkdocstrings converts a docstring before its page):

>>> print(wrap_tables(wrap_tables('<table id="t"></table>') + '<table class="x"></table><table></table>'))
<div class="dlnotes-table"><table class="dlnotes-table__grid" id="t"></table></div><table class="x"></table><div class="dlnotes-table"><table class="dlnotes-table__grid"></table></div>
"""

from __future__ import annotations

import re
from typing import Any

from markdown import Extension, Markdown
from markdown.postprocessors import Postprocessor

BOX = '<div class="dlnotes-table">'
GRID = "dlnotes-table__grid"
# A table without a class, up to its end (tables do not nest here).
PLAIN_TABLE = re.compile(r"<table(?![^>]*\bclass=)((?:\s[^>]*)?)>(.*?)</table>", re.S)


def wrap_tables(html: str) -> str:
    """``html`` with every table that has no class given the class ``dlnotes-table__grid`` and a box."""
    return PLAIN_TABLE.sub(lambda m: f'{BOX}<table class="{GRID}"{m.group(1)}>{m.group(2)}</table></div>', html)


class _WrapTables(Postprocessor):
    def run(self, text: str) -> str:
        return wrap_tables(text) if "<table" in text else text


class TablesExtension(Extension):
    """Gives every table without a class the class ``dlnotes-table__grid`` and a ``<div class="dlnotes-table">``."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # After raw HTML (30), where mkdocstrings' tables wait, is put back.
        md.postprocessors.register(_WrapTables(md), "dlnotes_tables", 20)


def makeExtension(**kwargs: Any) -> TablesExtension:
    return TablesExtension(**kwargs)
