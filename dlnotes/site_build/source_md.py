r"""A Python-Markdown extension that shows the package's real source: ``[[source: dotted.name | text ...]]``.

A line of its own such as::

    [[source: dlnotes.logistic_regression._propagate | dZ = A - Y | X @ dZ.T / m]]

becomes a highlighted Python block holding the source of that function (or class) as it
is in the package when the site is built, titled with its file and line range. Each text
after a ``|`` names the lines to highlight: every line that contains it. So a page's
equation stands beside the code that computes it, and the two cannot drift apart.

It fails loudly, naming the page and line, when the name does not resolve to a function
or class of ``dlnotes``, when its source is empty, or when a highlight text matches no
line: a renamed function or a rewritten line breaks the build instead of the page.
"""

from __future__ import annotations

import importlib
import inspect
import re
import textwrap
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.preprocessors import Preprocessor

from dlnotes.site_build.fence_kinds import fence_ticks
from dlnotes.site_build.page import fence_lines
from dlnotes.site_build.page_extension import PageExtension

REFERENCE = re.compile(r"^(?P<indent>[ \t]*)\[\[source:[ \t]*(?P<body>.+?)[ \t]*\]\][ \t]*$")
# Anything that starts like a reference must be one: a malformed line fails instead of showing as text.
LOOKS_LIKE_REFERENCE = re.compile(r"^[ \t]*\[\[source:")
PACKAGE = "dlnotes"
CSS_CLASS = "dlnotes-source"


class SourceIncludeError(ValueError):
    """A ``[[source: ...]]`` line that names nothing, or highlights a line that is not there."""


@dataclass(frozen=True)
class Excerpt:
    """The source of one function or class: its ``lines``, the file it is in and its first line number."""

    name: str
    path: str
    first_line: int
    lines: list[str]

    @property
    def last_line(self) -> int:
        return self.first_line + len(self.lines) - 1


def resolve(dotted: str) -> Any:
    """The object a dotted name such as ``dlnotes.activations.sigmoid`` names, importing what it must."""
    if dotted != PACKAGE and not dotted.startswith(PACKAGE + "."):
        raise SourceIncludeError(f"{dotted!r} is not in the {PACKAGE} package")
    parts = dotted.split(".")
    for split in range(len(parts), 0, -1):
        module_name = ".".join(parts[:split])
        try:
            value: Any = importlib.import_module(module_name)
        except ModuleNotFoundError as error:
            if error.name is not None and not module_name.startswith(error.name):
                raise  # the module exists but one of its own imports is missing
            continue
        for attribute in parts[split:]:
            try:
                value = getattr(value, attribute)
            except AttributeError:
                raise SourceIncludeError(f"{dotted!r}: {module_name} has no {'.'.join(parts[split:])!r}") from None
        return value
    raise SourceIncludeError(f"{dotted!r}: no such module")  # pragma: no cover (dlnotes itself always imports)


def excerpt(dotted: str) -> Excerpt:
    """The source of the function or class ``dotted``, dedented, with where it lives."""
    value = inspect.unwrap(resolve(dotted))
    if not (inspect.isfunction(value) or inspect.isclass(value)):
        raise SourceIncludeError(f"{dotted!r} is a {type(value).__name__}, not a function or class")
    lines, first = inspect.getsourcelines(value)
    text = textwrap.dedent("".join(lines)).rstrip()
    if not text.strip():
        raise SourceIncludeError(f"{dotted!r} has no source")
    root = Path(importlib.import_module(PACKAGE).__file__ or "").resolve().parent.parent
    file = Path(inspect.getsourcefile(value) or "").resolve()
    path = file.relative_to(root).as_posix() if file.is_relative_to(root) else file.name
    return Excerpt(dotted, path, first, text.splitlines())


def highlighted(source: Excerpt, texts: list[str]) -> list[int]:
    """1-based numbers, within the excerpt, of the lines holding any of ``texts``; each must hold somewhere."""
    numbers: set[int] = set()
    for text in texts:
        found = [n for n, line in enumerate(source.lines, 1) if text in line]
        if not found:
            raise SourceIncludeError(
                f"highlight {text!r} matches no line of {source.name} "
                f"({source.path}, lines {source.first_line}-{source.last_line})"
            )
        numbers.update(found)
    return sorted(numbers)


def fence(body: str, indent: str = "") -> list[str]:
    """The fenced block that ``[[source: body]]`` stands for, as Markdown lines."""
    name, *texts = (part.strip() for part in body.split("|"))
    texts = [text for text in texts if text]
    source = excerpt(name)
    marks = highlighted(source, texts)
    short = name.rsplit(".", 1)[-1]
    title = f"{source.path} · {short}, lines {source.first_line}–{source.last_line}"
    attributes = f'.python .{CSS_CLASS} title="{title}"'
    if marks:
        attributes += f' hl_lines="{" ".join(map(str, marks))}"'
    ticks = fence_ticks("\n".join(source.lines))
    return [
        f"{indent}{ticks}{{{attributes}}}",
        *(indent + line if line else line for line in source.lines),
        f"{indent}{ticks}",
    ]


class _IncludeSource(Preprocessor):
    def __init__(self, md: Markdown, extension: SourceExtension) -> None:
        super().__init__(md)
        self.extension = extension

    def run(self, lines: list[str]) -> list[str]:
        out: list[str] = []
        in_fence = fence_lines("\n".join(lines))
        for number, line in enumerate(lines, 1):
            if number in in_fence:
                out.append(line)
                continue
            match = REFERENCE.match(line)
            if match is None:
                if LOOKS_LIKE_REFERENCE.match(line):
                    raise SourceIncludeError(
                        f"{self.extension.where(number)}: malformed reference {line.strip()!r}; "
                        "write [[source: dlnotes.module.name | text | ...]] on a line of its own"
                    )
                out.append(line)
                continue
            try:
                out.extend(fence(match.group("body"), match.group("indent")))
            except (SourceIncludeError, OSError, ImportError) as error:
                raise SourceIncludeError(f"{self.extension.where(number)}: {error}") from None
        return out


class SourceExtension(PageExtension):
    """Replaces ``[[source: dotted.name | highlight ...]]`` lines with the named source, highlighted."""

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        # After pymdownx.snippets (32), before superfences turns fences into HTML (25).
        md.preprocessors.register(_IncludeSource(md, self), "dlnotes_source", 31)


def makeExtension(**kwargs: Any) -> SourceExtension:
    return SourceExtension(**kwargs)
