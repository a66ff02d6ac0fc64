r"""The errata page's entries, gathered from the correction blocks of the question pages at build time.

A page's ``/// correction`` blocks are the errata; its ``/// clarification`` blocks (claims that are
loose, not wrong) follow under "Clarifications". Each entry quotes the notes (the block's first ``>``
quote), gives what is right in one line (the block's title) and links to the block's anchor. Pages come
in the order given (the navigation's, which is the notes'); within a page, entries follow
``data-notes-order`` (the quoted line of the notes) where a block gives it, else the page's order.

The errata page holds its own introduction and the line :data:`MARKER`, which `expand` replaces.
Plain Python: the MkDocs plugin only hands it the pages.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from dlnotes.site_build.equations.note import read_note
from dlnotes.site_build.page import Correction, read_page

MARKER = "[[errata]]"
# A quoted formula with the note above it (<!-- equation: refuted -->), which goes with it to the errata.
NOTED_DISPLAY = re.compile(r"(?:<!--\s*equation:(?P<note>.*?)-->\s*)?\$\$(?P<tex>.+?)\$\$")
NOTE = re.compile(r"<!--\s*equation:.*?-->")
TITLE = re.compile(r"^#[ \t]+(?P<title>.+?)[ \t]*(?:\{[^}]*\})?[ \t]*$", re.MULTILINE)
CLARIFICATIONS = """## Clarifications { #clarifications }

Claims of the notes that are right as far as they go, but loose: each page says what they leave out.
"""


class ErrataError(ValueError):
    """A correction block the errata page cannot list: no anchor to link to, or no quote of the notes."""


@dataclass(frozen=True)
class Page:
    """A question page: its path in the docs folder (``notes/sigmoid.md``), which the links use, and its Markdown.

    ``source`` names the file in errors (``docs/notes/sigmoid.md``; default ``src_uri``), and ``line_offset``
    counts the lines before ``markdown`` in it (its front matter).
    """

    src_uri: str
    markdown: str
    source: str = ""
    line_offset: int = 0


def _in_notes_order(blocks: list[Correction], kind: str) -> list[Correction]:
    """The blocks of one kind, by data-notes-order; a block without one stays after the block before it."""
    keyed: list[tuple[float, int, Correction]] = []
    last = 0.0
    for block in blocks:
        last = block.order if block.order is not None else last
        if block.kind == kind:
            keyed.append((last, len(keyed), block))
    return [block for *_, block in sorted(keyed, key=lambda item: item[:2])]


def entries(page: Page, kind: str = "correction") -> list[str]:
    """The Markdown lines of one page's corrections (or clarifications), separated by rules."""
    blocks = [item for item in read_page(page.markdown) if isinstance(item, Correction)]
    out: list[str] = []
    for block in _in_notes_order(blocks, kind):
        if not block.id or not block.quote.strip():
            missing = "an 'attrs: {id: ...}' anchor" if not block.id else "a '> ' quote of the notes"
            where = f"{page.source or page.src_uri}:{block.start + page.line_offset}"
            raise ErrataError(f"{where}: {kind} {block.title!r} needs {missing}")
        quote = " ".join(line.strip() for line in block.quote.splitlines() if line.strip())
        refuted = [
            found["tex"] for found in NOTED_DISPLAY.finditer(quote) if read_note(found["note"]).state == "refuted"
        ]
        if kind == "clarification" and refuted:
            where = f"{page.source or page.src_uri}:{block.start + page.line_offset}"
            raise ErrataError(
                f"{where}: clarification {block.title!r} quotes a formula marked refuted ({refuted[0].strip()}): "
                "a wrong formula is a correction, or quote it without the mark"
            )
        if out:
            out += ["---", ""]
        out += _quoted(quote)
        # Math and brackets in a title would break a link's text, so the link is a short phrase of its own.
        # Math and brackets in a title would break a link's text, so the link is a short phrase of its own.
        out += [f"**{kind.capitalize()}:** {block.title} ([the evidence]({page.src_uri}#{block.id}))", ""]
    return out


def _quoted(quote: str) -> list[str]:
    """The notes' words as Markdown lines, text and formulas in the order the notes have them.

    A quoted display formula stays display math, in a block of its own, so it scrolls in its own box, and
    keeps its note, so it is marked as on its page.
    """
    out: list[str] = []
    label = "**The notes:**"
    at = 0
    for found in [*NOTED_DISPLAY.finditer(quote), None]:
        text = NOTE.sub("", quote[at : found.start() if found else len(quote)]).strip()
        if text or label:
            out += [f"{label} {text}".strip(), ""]
            label = ""
        if found is None:
            break
        if found["note"] is not None:
            out.append(f"<!-- equation: {found['note'].strip()} -->")
        out += [f"$${found['tex'].strip()}$$", ""]
        at = found.end()
    return out


def render(pages: Sequence[Page]) -> str:
    """The errata of ``pages``: a section of corrections per page, then the clarifications."""
    lines: list[str] = []
    clarified: list[str] = []
    for page in pages:
        found = TITLE.search(page.markdown)
        title = found["title"] if found else page.src_uri
        corrected = entries(page)
        if corrected:
            lines += [f"## {title}", "", *corrected]
        loose = entries(page, "clarification")
        if loose:
            clarified += [f"### {title}", "", *loose]
    if clarified:
        lines += [CLARIFICATIONS, *clarified]
    return "\n".join(lines).rstrip() + "\n"


def expand(markdown: str, pages: Sequence[Page]) -> str:
    """The errata page's Markdown with its :data:`MARKER` line replaced by the entries of ``pages``."""
    lines = markdown.split("\n")
    at = [number for number, line in enumerate(lines) if line.strip() == MARKER]
    if len(at) != 1:
        raise ErrataError(f"the errata page needs the line {MARKER} exactly once, found {len(at)}")
    lines[at[0]] = render(pages).rstrip("\n")
    return "\n".join(lines)
