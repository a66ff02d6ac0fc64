"""The errata page is built from the pages' correction blocks, in the notes' order, and refuses a bad block."""

from __future__ import annotations

import re

import pytest

from dlnotes.site_build import errata

PAGE = """# A page { #page-a }

/// correction | Second in the notes
    attrs: {id: correction-b, data-notes-order: "20"}

> the notes say b

Proof.
///

/// clarification | Loose, not wrong
    attrs: {id: clarification-c, data-notes-order: "15"}

> the notes say c
///

/// correction | First in the notes
    attrs: {id: correction-a, data-notes-order: "10"}

> the notes say a
///
"""


def test_entries_follow_the_notes_order_and_link_their_block():
    text = errata.render([errata.Page("notes/a.md", PAGE)])
    assert text.index("the notes say a") < text.index("the notes say b") < text.index("## Clarifications")
    assert text.index("## Clarifications") < text.index("the notes say c")
    assert "**Correction:** First in the notes ([the evidence](notes/a.md#correction-a))" in text
    assert "## A page\n" in text


def test_a_block_without_an_anchor_or_a_quote_names_the_file_and_line():
    no_anchor = "# P\n\n/// correction | Wrong\n\n> quoted\n///\n"
    with pytest.raises(errata.ErrataError, match=r"^docs/notes/p\.md:5: correction 'Wrong' needs an 'attrs"):
        errata.render([errata.Page("notes/p.md", no_anchor, "docs/notes/p.md", line_offset=2)])
    no_quote = "# P\n\n/// correction | Wrong\n    attrs: {id: correction-w}\n\nNo quote.\n///\n"
    with pytest.raises(errata.ErrataError, match="needs a '> ' quote"):
        errata.render([errata.Page("notes/p.md", no_quote)])


def test_the_marker_is_replaced_once_and_must_be_there():
    page = errata.Page("notes/a.md", PAGE)
    built = errata.expand("# Errata\n\nIntro.\n\n[[errata]]\n", [page])
    assert built.startswith("# Errata\n\nIntro.\n\n## A page")
    assert "[[errata]]" not in built
    with pytest.raises(errata.ErrataError, match="exactly once, found 0"):
        errata.expand("# Errata\n", [page])


def test_the_site_errata_follow_the_notes_line_by_line():
    from dlnotes.site_build.page import Correction, read_page
    from tests.site_build.test_pages import DOCS, QUESTION_PAGES

    pages = [errata.Page(p.relative_to(DOCS).as_posix(), p.read_text(encoding="utf-8")) for p in QUESTION_PAGES]
    blocks = {block.id: block for page in pages for block in read_page(page.markdown) if isinstance(block, Correction)}
    unplaced = [anchor for anchor, block in blocks.items() if block.order is None]
    assert not unplaced, f"give these a data-notes-order (the quoted line of the notes): {unplaced}"
    text = errata.render(pages)
    corrections, clarifications = text.split("## Clarifications", 1)
    for part in (corrections, clarifications):
        listed = re.findall(r"\(the evidence\]\([\w/.-]+#([\w-]+)\)\)", part)
        orders = [blocks[anchor].order or 0 for anchor in listed]  # none is missing: checked above
        assert orders == sorted(orders), list(zip(listed, orders, strict=True))


def test_a_quote_keeps_the_notes_order_of_its_words_and_formulas():
    page = (
        "# P\n\n/// clarification | Either slope\n    attrs: {id: clarification-s}\n\n"
        "> $$g' = g(1 - g)$$\n>\n> or […]\n>\n> $$g' = 1 - g^2$$\n///\n"
    )
    text = errata.render([errata.Page("notes/p.md", page)])
    assert text.index("**The notes:**") < text.index("g(1 - g)") < text.index("or […]") < text.index("1 - g^2")


def test_two_quotes_of_one_line_of_the_notes_are_ordered_by_a_decimal():
    page = (
        '# P\n\n/// correction | Later in the line\n    attrs: {id: correction-late, data-notes-order: "7.5"}\n\n'
        "> later words\n///\n\n/// correction | Earlier in the line\n    attrs: {id: correction-early, "
        'data-notes-order: "7"}\n\n> earlier words\n///\n'
    )
    text = errata.render([errata.Page("notes/p.md", page)])
    assert text.index("earlier words") < text.index("later words")


def test_a_clarification_may_not_quote_a_refuted_formula():
    page = (
        "# P\n\n/// clarification | Loose\n    attrs: {id: clarification-x}\n\n"
        "> <!-- equation: refuted -->\n>\n> $$x = 2$$\n///\n"
    )
    with pytest.raises(errata.ErrataError, match=r"clarification 'Loose' quotes a formula marked refuted \(x = 2\)"):
        errata.render([errata.Page("notes/p.md", page)])
