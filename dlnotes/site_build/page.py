r"""The one reader of a page's Markdown: fences, display math, corrections, figure markers, source includes.

Fences follow pymdownx.superfences: a fence opens on three or more backticks or tildes and closes only on a
run of exactly the opener's characters (checked against superfences' own rendering); a longer backtick run
inside the block is part of the code. A fence is shown and never run when the line above it (blank lines
skipped) is ``<!-- display-only: reason -->``. Everything in ``dlnotes`` and ``tests`` that needs a page's
fences (the tests' sybil parser, the notebooks, the figure and source markers, the page checks) reads
them here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

OPEN = re.compile(r"^(?P<indent>[ \t]*)(?P<run>`{3,}|~{3,})[ \t]*(?P<info>[^`]*?)[ \t]*$")
SOURCE = re.compile(r"^[ \t]*\[\[source:[ \t]*(?P<body>.+?)[ \t]*\]\][ \t]*$")
FIGURE = re.compile(r"^[ \t]*\[\[figure:[ \t]*(?P<body>.+?)[ \t]*\]\][ \t]*$")
BLOCK_OPEN = re.compile(r"^[ \t]*///[ \t]*(?P<kind>correction|clarification)[ \t]*\|[ \t]*(?P<title>.*?)[ \t]*$")
BLOCK_CLOSE = re.compile(r"^[ \t]*///[ \t]*$")
ATTR_ID = re.compile(r"\bid:[ \t]*(?P<id>[\w-]+)")
NOTES_ORDER = re.compile(r"data-notes-order:[ \t]*[\"'](?P<order>\d+)[\"']")
EQUATION_NOTE = re.compile(r"^[ \t]*(?:>[ \t]?)*<!--[ \t]*equation:[ \t]*(?P<note>.*?)[ \t]*-->[ \t]*$")
DISPLAY_ONLY = re.compile(r"<!--\s*display-only:\s*(?P<reason>.*?)\s*-->\s*$")


@dataclass(frozen=True)
class Fence:
    """A fenced code block; ``start``/``end`` are the 1-based lines of its opening and closing fences.

    ``display_only`` is the reason of the ``<!-- display-only: reason -->`` line above it (``""`` when the
    reason is missing), or None when it has no such line and runs.
    """

    start: int
    end: int
    indent: str
    info: str
    language: str
    body: str
    display_only: str | None


@dataclass(frozen=True)
class Prose:
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class SourceInclude:
    start: int
    end: int
    target: str
    highlights: tuple[str, ...]


@dataclass(frozen=True)
class FigureMarker:
    start: int
    end: int
    body: str


@dataclass(frozen=True)
class DisplayMath:
    start: int
    end: int
    indent: str
    tex: str
    annotation: str | None
    beside: SourceInclude | None


@dataclass(frozen=True)
class Correction:
    """A ``/// correction`` or ``/// clarification`` block; ``order`` is its quoted ``data-notes-order``."""

    start: int
    end: int
    kind: str
    title: str
    id: str | None
    quote: str
    body: str
    order: int | None = None


Item = Prose | DisplayMath | Fence | Correction | FigureMarker | SourceInclude


def fence_language(info: str) -> str:
    """The language of a fence's info string: ``python title="a.py"`` and ``{.python}`` both give ``python``."""
    words = info.strip().lstrip("{").split()
    return words[0].lstrip(".").rstrip("}").lower() if words else ""


def _display_only(lines: list[str], opening: int) -> str | None:
    """The reason on the display-only line above the fence opening at index ``opening``, blank lines skipped."""
    above = opening - 1
    while above >= 0 and not lines[above].strip():
        above -= 1
    marker = DISPLAY_ONLY.search(lines[above]) if above >= 0 else None
    return marker["reason"] if marker else None


def iter_fences(text: str) -> Iterator[Fence]:
    """Yield every fenced block of ``text`` as superfences sees it; one left open runs to the end."""
    lines = text.splitlines()
    i = 0
    while i < len(lines):
        opened = OPEN.match(lines[i])
        if not opened or (opened["run"][0] == "`" and "`" in opened["info"]):
            i += 1
            continue
        run, indent, info = opened["run"], opened["indent"], opened["info"]
        closer = re.compile(rf"^[ \t]*{re.escape(run)}[ \t]*$")
        j = i + 1
        while j < len(lines) and not closer.match(lines[j]):
            j += 1
        body = "\n".join(_unindent(line, len(indent)) for line in lines[i + 1 : j])
        yield Fence(i + 1, j + 1, indent, info, fence_language(info), body, _display_only(lines, i))
        i = j + 1


def _unindent(line: str, indent: int) -> str:
    """``line`` without up to ``indent`` characters of its leading whitespace, as a fence's body loses them."""
    return line[min(indent, len(line) - len(line.lstrip(" \t"))) :]


def blank_fences(text: str) -> str:
    """``text`` with every character of its fences (opening and closing lines too) made a space; offsets kept.

    For a scan of the prose (headings, markers) that must not see what a code block only shows.
    """
    lines = text.split("\n")
    for number in fence_lines(text):
        lines[number - 1] = " " * len(lines[number - 1])
    return "\n".join(lines)


def fence_lines(text: str) -> set[int]:
    """The 1-based numbers of every line inside a fence, its opening and closing lines included."""
    return {n for fence in iter_fences(text) for n in range(fence.start, fence.end + 1)}


def _math_text(line: str) -> str:
    """A line without its indent and blockquote markers, where display math is looked for."""
    return re.sub(r"^[ \t]*(?:>[ \t]?)*", "", line).strip()


def _source(number: int, line: str) -> SourceInclude | None:
    found = SOURCE.match(line)
    if not found:
        return None
    target, *highlights = (part.strip() for part in found["body"].split("|"))
    return SourceInclude(number, number, target, tuple(highlights))


def read_page(text: str) -> list[Item]:
    """The items of a page in order; lines that are no other item gather into ``Prose``."""
    lines = text.splitlines()
    fences = {fence.start: fence for fence in iter_fences(text)}
    in_fence = {n for fence in fences.values() for n in range(fence.start, fence.end + 1)}
    items: list[Item] = []
    prose: list[int] = []

    def flush() -> None:
        if prose:
            items.append(Prose(prose[0], prose[-1], "\n".join(lines[n - 1] for n in prose)))
            prose.clear()

    grid_source: SourceInclude | None = None
    n = 1
    while n <= len(lines):
        line = lines[n - 1]
        if n in fences:
            flush()
            items.append(fences[n])
            n = fences[n].end + 1
            continue
        if '<div class="grid"' in line:
            grid_source = None
            for k in range(n, len(lines) + 1):
                if lines[k - 1].strip() == "</div>":
                    break
                grid_source = grid_source or _source(k, lines[k - 1])
        source = _source(n, line)
        figure = FIGURE.match(line)
        block = BLOCK_OPEN.match(line)
        if source or figure:
            flush()
            items.append(source or FigureMarker(n, n, figure["body"] if figure else ""))
        elif _math_text(line).startswith("$$"):
            flush()
            one_line = len(_math_text(line)) > 2 and _math_text(line).endswith("$$")
            later = (k for k in range(n + 1, len(lines) + 1) if _math_text(lines[k - 1]).endswith("$$"))
            end = n if one_line else next(later, n)
            inner = [_math_text(lines[k - 1]) for k in range(n, end + 1)]
            tex = "\n".join(inner).strip().removeprefix("$$").removesuffix("$$").strip()
            # The note stands on the line above, blank lines (and a quote's empty "> " lines) skipped.
            above = n - 2
            while above >= 0 and not _math_text(lines[above]):
                above -= 1
            note = EQUATION_NOTE.match(lines[above]) if above >= 0 else None
            indent = line[: len(line) - len(line.lstrip())]
            items.append(DisplayMath(n, end, indent, tex, note["note"] if note else None, grid_source))
            n = end + 1
            continue
        elif block:
            flush()
            end = next(
                (k for k in range(n + 1, len(lines) + 1) if k not in in_fence and BLOCK_CLOSE.match(lines[k - 1])),
                len(lines),
            )
            numbers = range(n + 1, end)
            ident = next((m["id"] for m in map(ATTR_ID.search, lines[n : n + 3]) if m), None)
            order = next((int(m["order"]) for m in map(NOTES_ORDER.search, lines[n : n + 3]) if m), None)
            content = [k for k in numbers if not lines[k - 1].strip().startswith(("attrs:", "data-"))]
            # The notes' words: the block's first run of "> " lines outside its code.
            quoted = [k for k in content if k not in in_fence and lines[k - 1].lstrip().startswith(">")]
            run = [k for i, k in enumerate(quoted) if k - i == quoted[0]] if quoted else []
            quote = "\n".join(lines[k - 1].lstrip().removeprefix(">").strip() for k in run)
            body = "\n".join(lines[k - 1] for k in content if k not in run).strip()
            # The block's own math and code are read as items too (a refuted quotation is still math).
            items.append(Correction(n, end, block["kind"], block["title"], ident, quote, body, order))
        else:
            prose.append(n)
        if line.strip() == "</div>":
            grid_source = None
        n += 1
    flush()
    return items
