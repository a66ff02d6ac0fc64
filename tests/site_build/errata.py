"""Write docs/errata.md from the correction blocks of the question pages: ``python -m tests.site_build.errata``.

Each entry quotes the notes (the block's first ``>`` quote), gives the correction in one line
(the block's title) and links to the block's anchor. A test checks the page is up to date.
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


def entries(page_text: str, target: str) -> list[str]:
    """The errata lines for one page's corrections."""
    out: list[str] = []
    for match in page_structure.CORRECTION.finditer(page_text):
        anchor = page_structure.CORRECTION_ID.search(match.group("options"))
        # Math and brackets in a title would break a link's text, so the link is a short phrase of its own.
        link = (
            f"**Correction:** {match.group('title').strip()} "
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


def render(pages: list) -> str:
    lines = [INTRO]
    for page in pages:
        text = page.read_text(encoding="utf-8")
        part = entries(text, page.relative_to(DOCS).as_posix())
        if part:
            title = re.sub(r"\s*\{[^}]*\}\s*$", "", text.splitlines()[0][2:])
            lines += [f"## {title}", "", *part]
    return "\n".join(lines).rstrip() + "\n"


def main() -> int:
    from tests.site_build.test_pages import QUESTION_PAGES

    ERRATA.write_text(render(QUESTION_PAGES), encoding="utf-8")
    print(f"wrote {ERRATA.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
