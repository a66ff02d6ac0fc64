"""Write docs/errata.md from the correction blocks of the question pages: ``python -m tests.site_build.errata``.

Each entry quotes the notes (the block's first ``>`` quote), gives the correction in one line
(the block's title) and links to the block's anchor. ``/// correction`` blocks are the errata;
``/// clarification`` blocks (claims that are loose, not wrong) follow under "Clarifications".
Within a page, entries follow ``data-notes-order`` (the quoted line of the notes) where a block
gives it, else the page's order. A test checks the page is up to date.
"""

from __future__ import annotations

import re
import sys

from tests.site_build import page_structure
from tests.site_build.helpers import ROOT

DOCS = ROOT / "docs"
ERRATA = DOCS / "errata.md"
INTRO = """# Errata { #page-errata }

Every mistake and loose claim of the original notes that a page corrects, in the notes' order.
Each entry quotes the notes, says what is right in one line, and links to the correction on
its page, where code proves it. Symbols are as in [Notation](notation.md).
"""
DISPLAY = re.compile(r"\$\$(.+?)\$\$")


def _quote(body: str) -> str:
    lines: list[str] = []
    for line in body.splitlines():
        if line.startswith(">"):
            lines.append(line.lstrip("> ").strip())
        elif lines:
            break
    return " ".join(line for line in lines if line)


def _in_notes_order(page_text: str, kind: str) -> list[re.Match[str]]:
    """The page's blocks of one kind, sorted by data-notes-order; a block without one keeps its place."""
    keyed: list[tuple[int, int, re.Match[str]]] = []
    last = 0
    for match in page_structure.CORRECTION.finditer(page_text):
        order = page_structure.NOTES_ORDER.search(match.group("options"))
        last = int(order.group("order")) if order else last
        if match.group("kind") == kind:
            keyed.append((last, len(keyed), match))
    return [match for *_, match in sorted(keyed, key=lambda item: item[:2])]


def entries(page_text: str, target: str, kind: str = "correction") -> list[str]:
    """The errata lines for one page's corrections (or clarifications)."""
    out: list[str] = []
    label = kind.capitalize()
    for match in _in_notes_order(page_text, kind):
        anchor = page_structure.CORRECTION_ID.search(match.group("options"))
        # Math and brackets in a title would break a link's text, so the link is a short phrase of its own.
        link = (
            f"**{label}:** {match.group('title').strip()} "
            f"([the proof]({target}#{anchor.group('id') if anchor else ''}))"
        )
        quote = _quote(match.group("body"))
        if out:
            out += ["---", ""]
        out += [f"**The notes:** {DISPLAY.sub('', quote).strip()}".rstrip(), ""]
        # A quoted display formula stays display math, in a block of its own, so it scrolls in its own box.
        out += [line for formula in DISPLAY.findall(quote) for line in (f"$${formula.strip()}$$", "")]
        out += [link, ""]
    return out


CLARIFICATIONS = """## Clarifications { #clarifications }

Claims of the notes that are right as far as they go, but loose: each page says what they leave out.
"""


def render(pages: list) -> str:
    lines = [INTRO]
    clarified: list[str] = []
    for page in pages:
        text = page.read_text(encoding="utf-8")
        title = re.sub(r"\s*\{[^}]*\}\s*$", "", text.splitlines()[0][2:])
        target = page.relative_to(DOCS).as_posix()
        part = entries(text, target)
        if part:
            lines += [f"## {title}", "", *part]
        loose = entries(text, target, "clarification")
        if loose:
            clarified += [f"### {title}", "", *loose]
    if clarified:
        lines += [CLARIFICATIONS, *clarified]
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    from tests.site_build.test_pages import QUESTION_PAGES

    ERRATA.write_text(render(QUESTION_PAGES), encoding="utf-8")
    print(f"wrote {ERRATA.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
