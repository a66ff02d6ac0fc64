r"""The one reader of a page's Markdown: fences, display math, corrections, figure markers, source includes.

Fences follow pymdownx.superfences: a fence opens on three or more backticks or tildes and closes only on a
run of exactly the opener's characters (checked against superfences' own rendering); a longer backtick run
inside the block is part of the code.
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
ATTR_ID = re.compile(r"id:[ \t]*(?P<id>[\w-]+)")
EQUATION_NOTE = re.compile(r"^[ \t]*<!--[ \t]*equation:[ \t]*(?P<note>.*?)[ \t]*-->[ \t]*$")
DISPLAY_ONLY = re.compile(r"display-only(?:=\"(?P<reason>[^\"]*)\")?")


@dataclass(frozen=True)
class Fence:
    """A fenced code block; ``start``/``end`` are the 1-based lines of its opening and closing fences."""

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
    start: int
    end: int
    kind: str
    title: str
    id: str | None
    quote: str
    body: str


Item = Prose | DisplayMath | Fence | Correction | FigureMarker | SourceInclude


def iter_fences(text: str) -> Iterator[Fence]:
    """Yield every fenced block of ``text`` as superfences sees it."""
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
        body = "\n".join(line.removeprefix(indent) for line in lines[i + 1 : j])
        reason = DISPLAY_ONLY.search(info)
        language = info.lstrip("{. ").split()[0].rstrip("}") if info.strip() else ""
        yield Fence(
            i + 1, j + 1, indent, info, language, body, (reason["reason"] or "display-only") if reason else None
        )
        i = j + 1


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
            note = EQUATION_NOTE.match(lines[n - 2]) if n > 1 else None
            indent = line[: len(line) - len(line.lstrip())]
            items.append(DisplayMath(n, end, indent, tex, note["note"] if note else None, grid_source))
            n = end + 1
            continue
        elif block:
            flush()
            end = next((k for k in range(n + 1, len(lines) + 1) if BLOCK_CLOSE.match(lines[k - 1])), len(lines))
            inner = lines[n : end - 1]
            ident = next((m["id"] for m in map(ATTR_ID.search, inner[:3]) if m), None)
            content = [x for x in inner if not x.strip().startswith(("attrs:", "data-"))]
            quote = "\n".join(x.lstrip("> ") for x in content if x.lstrip().startswith(">"))
            body = "\n".join(x for x in content if not x.lstrip().startswith(">")).strip()
            # The block's own math and code are read as items too (a refuted quotation is still math).
            items.append(Correction(n, end, block["kind"], block["title"], ident, quote, body))
        else:
            prose.append(n)
        if line.strip() == "</div>":
            grid_source = None
        n += 1
    flush()
    return items
