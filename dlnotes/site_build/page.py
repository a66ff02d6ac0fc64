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
# The quoted line of the notes; a decimal orders two quotes from one line ("101", then "101.5").
NOTES_ORDER = re.compile(r"data-notes-order:[ \t]*[\"'](?P<order>\d+(?:\.\d+)?)[\"']")
EQUATION_NOTE = re.compile(r"^[ \t]*(?:>[ \t]?)*<!--[ \t]*equation:[ \t]*(?P<note>.*?)[ \t]*-->[ \t]*$")
DISPLAY_ONLY = re.compile(r"<!--\s*display-only:\s*(?P<reason>.*?)\s*-->\s*$")
HEADING = re.compile(r"^[ \t]*(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*$")
ADMONITION = re.compile(
    r'^(?P<indent>[ \t]*)(?P<marker>\?\?\?\+?|!!!)[ \t]+(?P<kind>[\w-]+)(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$'
)
INCLUDE = re.compile(r'^[ \t]*-+8<-+[ \t]+"(?P<target>[^"]+)"[ \t]*$')
MARKDOWN_DIV = re.compile(r"^[ \t]*<div\b[^>]*\bmarkdown\b[^>]*>[ \t]*$")
DIV_CLOSE = re.compile(r"^[ \t]*</div>[ \t]*$")


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
    """Lines of prose; ``lines`` are their numbers (markup lines between them are left out)."""

    start: int
    end: int
    text: str
    lines: tuple[int, ...] = ()


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
    """A ``/// correction`` or ``/// clarification`` block; ``order`` is its quoted ``data-notes-order``.

    ``quote`` is the block's first run of ``> `` lines (the notes' words) and ``body`` the rest; a formula
    marked refuted (``<!-- equation: refuted -->``) may stand only in a correction: a clarification's
    quote is right as far as it goes.
    """

    start: int
    end: int
    kind: str
    title: str
    id: str | None
    quote: str
    body: str
    order: float | None = None


@dataclass(frozen=True)
class Heading:
    start: int
    end: int
    level: int
    text: str


@dataclass(frozen=True)
class Admonition:
    """A ``???`` (folded) or ``!!!`` block; its body, indented under it, runs to line ``end``."""

    start: int
    end: int
    marker: str
    kind: str
    title: str | None


@dataclass(frozen=True)
class Include:
    """A whole-line ``--8<-- "file"`` in the prose: pymdownx.snippets puts the file's Markdown there."""

    start: int
    end: int
    target: str


Item = Prose | DisplayMath | Fence | Correction | FigureMarker | SourceInclude | Heading | Admonition | Include


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
    """The items of a page in order; lines that are no other item gather into ``Prose``.

    Blocks (``Correction``, ``Admonition``) are items at their opening line, and the items of their body
    follow them, up to their ``end`` line. Markup that only instructs the build is no item and no prose:
    a grid's ``<div ... markdown>`` and its ``</div>``, the display-only and equation notes, a block's
    ``attrs:`` options and its closing ``///``.
    """
    lines = text.splitlines()
    fences = {fence.start: fence for fence in iter_fences(text)}
    in_fence = {n for fence in fences.values() for n in range(fence.start, fence.end + 1)}
    items: list[Item] = []
    prose: list[int] = []
    markup: set[int] = set()
    divs = 0

    def flush() -> None:
        if prose:
            items.append(Prose(prose[0], prose[-1], "\n".join(lines[n - 1] for n in prose), tuple(prose)))
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
            order = next((float(m["order"]) for m in map(NOTES_ORDER.search, lines[n : n + 3]) if m), None)
            content = [k for k in numbers if not lines[k - 1].strip().startswith(("attrs:", "data-"))]
            # The notes' words: the block's first run of "> " lines outside its code.
            quoted = [k for k in content if k not in in_fence and lines[k - 1].lstrip().startswith(">")]
            run = [k for i, k in enumerate(quoted) if k - i == quoted[0]] if quoted else []
            quote = "\n".join(lines[k - 1].lstrip().removeprefix(">").strip() for k in run)
            body = "\n".join(lines[k - 1] for k in content if k not in run).strip()
            # The block's own math and code are read as items too (a refuted quotation is still math).
            items.append(Correction(n, end, block["kind"], block["title"], ident, quote, body, order))
            markup.update(set(numbers) - set(content))  # its options, attrs: {id: ...}
            if BLOCK_CLOSE.match(lines[end - 1]):
                markup.add(end)
        elif (admonition := ADMONITION.match(line)) is not None:
            flush()
            depth = len(admonition["indent"])
            last = n
            for k in range(n + 1, len(lines) + 1):
                following = lines[k - 1]
                if following.strip() and len(following) - len(following.lstrip(" \t")) <= depth:
                    break
                last = k if following.strip() else last
            kind, title = admonition["kind"], admonition["title"]
            items.append(Admonition(n, last, admonition["marker"], kind, title))
        elif (heading := HEADING.match(line)) is not None:
            flush()
            items.append(Heading(n, n, len(heading["hashes"]), heading["text"]))
        elif (include := INCLUDE.match(line)) is not None:
            flush()
            items.append(Include(n, n, include["target"]))
        elif MARKDOWN_DIV.match(line):
            divs += 1
        elif divs and DIV_CLOSE.match(line):
            divs -= 1
        elif n not in markup and not DISPLAY_ONLY.search(line) and not EQUATION_NOTE.match(line):
            prose.append(n)
        if line.strip() == "</div>":
            grid_source = None
        n += 1
    flush()
    return items
