"""A question page is read in one sitting: at most 1,500 words of visible prose on the built page.

Visible prose is the article's text that a reader sees without opening anything: code, math,
figures, tables and folded blocks (``<details>``) do not count.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.site_build.test_pages import DOCS, QUESTION_PAGES

LIMIT = 1500
# Elements whose text is not prose a reader has to read; everything inside them is left out.
NOT_PROSE = {"pre", "code", "figure", "table", "details", "script", "style", "svg", "math"}
NOT_PROSE_CLASSES = {"arithmatex", "katex", "katex-display", "dlnotes-formula-text", "headerlink"}
VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class _Prose(HTMLParser):
    """Collects the text of the page's <article>, skipping the elements that are not prose."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth_in_article = 0
        self.skip_depth = 0  # > 0 while inside an element that does not count
        self.words: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VOID:
            return
        if self.depth_in_article == 0:
            if tag == "article":
                self.depth_in_article = 1
            return
        self.depth_in_article += 1
        attributes = dict(attrs)
        classes = set((attributes.get("class") or "").split())
        if self.skip_depth or tag in NOT_PROSE or classes & NOT_PROSE_CLASSES or "hidden" in attributes:
            self.skip_depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID or self.depth_in_article == 0:
            return
        self.depth_in_article -= 1
        if self.skip_depth:
            self.skip_depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth_in_article and not self.skip_depth:
            self.words.extend(re.findall(r"[\w'’-]+", data))


def visible_words(html: str) -> int:
    """The number of words a reader sees in the page's article without opening a folded block."""
    parser = _Prose()
    parser.feed(html)
    return len(parser.words)


def test_the_count_leaves_out_code_math_figures_tables_and_folds():
    html = (
        "<header>not counted</header><article><h1>Two words</h1><p>one <code>x y z</code> two</p>"
        '<pre><code>a b c</code></pre><span class="arithmatex">\\(a + b\\)</span><br>'
        "<details><summary>folded title</summary><p>many words here</p></details>"
        "<figure><img src=a.svg><figcaption>a caption</figcaption></figure>"
        "<table><tr><td>cell</td></tr></table><span hidden>search text</span><p>three</p></article><footer>no</footer>"
    )
    assert visible_words(html) == 5  # Two words, one, two, three


def test_a_page_over_the_limit_is_caught():
    html = "<article><p>" + "word " * (LIMIT + 1) + "</p><details><p>" + "fold " * 5000 + "</p></details></article>"
    assert visible_words(html) == LIMIT + 1


@pytest.mark.parametrize("page", QUESTION_PAGES, ids=lambda page: page.stem)
def test_each_question_page_has_at_most_1500_visible_words(page: Path, built_site: Path):
    built = built_site / page.relative_to(DOCS).with_suffix("") / "index.html"
    words = visible_words(built.read_text(encoding="utf-8"))
    assert words > 100, f"{built}: only {words} words found; is the <article> still where the count looks?"
    assert words <= LIMIT, f"{page.name}: {words} words of visible prose, over the {LIMIT} a sitting allows"
