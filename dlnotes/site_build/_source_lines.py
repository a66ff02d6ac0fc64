"""A preprocessor that hands the document's lines to an extension, so its errors can name a line."""

from __future__ import annotations

from typing import Protocol

from markdown import Markdown
from markdown.preprocessors import Preprocessor


class KeepsLines(Protocol):
    source_lines: list[str]


class SourceLines(Preprocessor):
    def __init__(self, md: Markdown, extension: KeepsLines) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        self.extension.source_lines = list(lines)
        return lines
