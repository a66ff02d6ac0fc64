"""What the dlnotes extensions share so their errors can name the page and the line.

A `PageExtension` holds the settings that
name the document (``source`` and ``line_offset``); the MkDocs plugin sets them on its own
instance before each page, and plain Python-Markdown passes them as extension configs.

What one conversion collects (the document's lines, the formulas met so far) lives in a
`SourceLines` preprocessor, made for each
``Markdown`` the extension extends. One extension instance can so serve two ``Markdown``
objects at once: mkdocstrings converts docstrings with its own ``Markdown`` in the middle
of a page's conversion, and resets it after each docstring.
"""

from __future__ import annotations

from typing import Any

from markdown import Extension, Markdown
from markdown.preprocessors import Preprocessor


class SourceLines(Preprocessor):
    """The lines of the document being converted, taken as the first preprocessor of each conversion.

    A subclass that collects more per conversion clears it in `started`.
    """

    def __init__(self, md: Markdown, extension: PageExtension) -> None:
        super().__init__(md)
        self.extension = extension
        self.lines: list[str] = []
        self.started()

    def run(self, lines: list[str]) -> list[str]:
        self.lines = list(lines)
        self.started()
        return lines

    def started(self) -> None:
        """Called when a conversion starts, after ``lines`` is set (and once on creation)."""

    def line_of(self, text: str) -> int | None:
        """The 1-based number of the first line that is ``text`` (blanks around it ignored), if any."""
        return next((n for n, line in enumerate(self.lines, 1) if line.strip() == text.strip()), None)

    def where(self, line: int | None) -> str:
        """Where line ``line`` of this conversion is, as the extension's settings name it."""
        return self.extension.where(line)


class PageExtension(Extension):
    """An extension whose errors name ``source:line``, with front matter counted through ``line_offset``.

    A subclass sets its own ``self.config`` entries before calling ``__init__``.
    """

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "source": ["", "Name of the document in error messages, such as 'docs/notes/sigmoid.md'."],
            "line_offset": [0, "Lines before the Markdown text in its file (front matter), for error messages."],
            **self.config,
        }
        super().__init__(**kwargs)

    def where(self, line: int | None) -> str:
        """Where line ``line`` of the converted text is: ``source:N`` in its file, or ``line N`` without a source."""
        source = self.getConfig("source")
        place = "?" if line is None else str(line + int(self.getConfig("line_offset")))
        return f"{source}:{place}" if source else f"line {place}"
