"""What keeps a long page fast on a phone (Lighthouse scores it in make bench; here, that each means holds),
and what speed may not cost: a screen reader reaches every formula, by its spoken label (KaTeX's hidden MathML,
a fifth of a long page's elements, is left out).

Every figure has a size before its image loads; Material's script finds no table without a class to move after
loading (its palette component, which restyled the whole page, is taken away: test_first_visit.py). Off-screen
blocks are laid out like the rest: skipping them (content-visibility) hid their formulas from the accessibility
tree. That a page asks early for exactly the KaTeX fonts it uses is checked with the rest of the page
(font_problems, test_pages.py)."""

from __future__ import annotations

import re
from collections import Counter

import pytest

FORMULAS = """() => [...document.querySelectorAll('.md-content .katex')]
  .filter((formula) => !formula.closest('details:not([open])'))
  .map((formula) => formula.getAttribute('aria-label'))"""


@pytest.mark.parametrize("path", ["notes/logistic-regression/", "reference/api/"])
def test_a_screen_reader_gets_every_formula_outside_a_closed_fold(browser, site, path):
    """Each formula is a math node named by its spoken form (MathSpeak), as a screen reader gets it, never an
    ignored node; KaTeX's glyphs stay out of what it reads."""
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(site.base + path, wait_until="load")
    said = page.evaluate(FORMULAS)
    cdp = context.new_cdp_session(page)
    nodes = cdp.send("Accessibility.getFullAXTree")["nodes"]
    heard = [
        node.get("name", {}).get("value")
        for node in nodes
        if not node.get("ignored") and node.get("role", {}).get("value") == "math"
    ]
    glyphs = page.evaluate("document.querySelectorAll('.md-content .katex-html:not([aria-hidden=true])').length")
    context.close()
    assert len(said) > 10
    assert all(said), "a formula without its spoken label"
    assert Counter(heard) == Counter(said), f"{len(heard)} of {len(said)} formulas in the accessibility tree"
    assert glyphs == 0


def test_every_figure_keeps_its_place_before_it_loads(built_site):
    images = re.findall(r"<img [^>]*>", (built_site / "figures" / "index.html").read_text(encoding="utf-8"))
    assert len(images) >= 20
    unsized = [
        image for image in images if not re.search(r'\bwidth="\d+"', image) or not re.search(r'\bheight="\d+"', image)
    ]
    assert not unsized, unsized[:2]


def test_the_check_marks_are_quiet_links_a_screen_reader_names(browser, site):
    """Each checked formula's ✓ is heard as "checked numerically", leads to how equations are checked, and
    takes no width from the page on a phone: it sits in the room its block keeps for it."""
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(site.base + "notes/sigmoid/", wait_until="load")
    marks = page.locator(".dlnotes-math[data-check=holds] > a.dlnotes-check")
    count = page.locator(".md-content .dlnotes-math").count()
    assert marks.count() == count > 5  # every display formula of the page holds
    cdp = context.new_cdp_session(page)
    names = [
        n.get("name", {}).get("value")
        for n in cdp.send("Accessibility.getFullAXTree")["nodes"]
        if n.get("role", {}).get("value") == "link" and not n.get("ignored")
    ]
    assert names.count("checked numerically") == count
    assert page.evaluate("document.documentElement.scrollWidth") == 375
    first = marks.first.bounding_box()
    block = page.locator(".md-content .dlnotes-math").first.bounding_box()
    assert first is not None
    assert block is not None
    assert first["x"] + first["width"] <= block["x"] + block["width"]
    marks.first.click()
    page.wait_for_url(re.compile(r"notation/#how-equations-are-checked$"))
    context.close()


def test_material_finds_no_table_to_move(built_site):
    """Material moves each table without a class into a box after loading, restyling it from scratch; every
    built page's tables come boxed and classed instead (dlnotes_tables)."""
    pages = sorted(built_site.glob("**/index.html"))
    assert len(pages) >= 12
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert not re.search(r"<table(?![^>]*\bclass=)[\s>]", html), page
        assert html.count('class="dlnotes-table"') == html.count('<table class="dlnotes-table__grid"'), page
    tables = (built_site / "notation" / "index.html").read_text(encoding="utf-8").count("dlnotes-table__grid")
    assert tables >= 3


def test_every_script_waits_until_the_page_is_parsed(built_site):
    """Material's script and the site's are deferred (overrides/main.html): run where the page ends, Material's
    made the browser lay the whole page out inside the task that parsed its last part. The browser tests
    show that everything they drive still works."""
    pages = sorted(built_site.glob("**/index.html"))
    assert len(pages) >= 12
    for page in pages:
        scripts = re.findall(r"<script\b[^>]*\bsrc=[^>]*>", page.read_text(encoding="utf-8"))
        assert any("bundle." in script for script in scripts), page
        assert any("dlnotes.js" in script for script in scripts), page
        assert [script for script in scripts if " defer " not in script] == [], page
