"""Collect every display equation of a page as a test: `pytest docs/notes/<page>.md` checks them with its code.

Each ``$$...$$`` that `dlnotes.site_build.page.read_page` finds is one example, evaluated by
`dlnotes.site_build.equations.check.check` on random draws (see that module). A failure names the page,
the line, the TeX, the largest difference and the inputs; a skipped equation without a reason fails.
"""

from __future__ import annotations

from collections.abc import Iterable

from sybil import Document, Example, Region

from dlnotes.site_build.equations.check import EquationError, check, uses_network
from dlnotes.site_build.equations.note import read_note
from dlnotes.site_build.page import DisplayMath, read_page


class DisplayEquationParser:
    """A sybil parser: one region per display equation of a Markdown page."""

    def __call__(self, document: Document) -> Iterable[Region]:
        starts = [0]
        for line in document.text.splitlines(keepends=True):
            starts.append(starts[-1] + len(line))
        network = uses_network(document.text)
        for item in read_page(document.text):
            if not isinstance(item, DisplayMath):
                continue
            start, end = starts[item.start - 1], starts[min(item.end, len(starts) - 1)]
            where = f"{document.path}, line {item.start}"
            beside = item.beside.target if item.beside else None
            yield Region(start, end, parsed=(where, item.tex, item.annotation, beside, network), evaluator=_evaluate)


def _evaluate(example: Example) -> None:
    where, tex, annotation, beside, network = example.parsed
    try:
        note = read_note(annotation)
    except ValueError as error:
        raise EquationError(f"{where}: {error}") from None
    if note.state == "skipped":
        if not note.reason:
            raise EquationError(f"{where}: a skipped equation needs a reason: <!-- equation: skip: why -->")
        return
    check(where, tex, note, beside, network)
