"""Material's search reads each page without the KaTeX markup it skips anyway (mkdocs_plugin.py).

What it indexes must not change, and the page itself must keep its formulas.
"""

import re
from pathlib import Path

import pytest
from material.plugins.search.plugin import Parser

from dlnotes.site_build.katex import Rendered
from dlnotes.site_build.math_md import searchable, without_formula_markup

ARTICLE = re.compile(r"<article\b.*?</article>", re.S)
# KaTeX's output for \sigma(z), cut down to the parts searchable() reads: MathML beside the HTML, and its speech.
KATEX = Rendered(
    html='<span class="katex"><span class="katex-mathml"><math><mrow><mi>σ</mi><mo>(</mo><mi>z</mi><mo>)</mo></mrow>'
    '</math></span><span class="katex-html" aria-hidden="true">σ(z)</span></span>',
    speech="sigma left parenthesis z right parenthesis",
)


def sections(page_html: str) -> list[tuple[str, str]]:
    parser = Parser()
    parser.feed(page_html)
    parser.close()
    return [(str(section.title), "".join(section.text)) for section in parser.data]


def test_stripping_a_formula_leaves_its_searchable_text():
    html = "<h2 id='s'>Sigmoid</h2><p>The slope " + searchable(KATEX) + " peaks.</p>"
    stripped = without_formula_markup(html)
    assert "katex" not in stripped
    assert "dlnotes-formula-text" in stripped
    assert sections(stripped) == sections(html)


def test_search_sees_the_same_sections_with_and_without_the_markup_on_every_built_page(built_site: Path):
    pages = sorted(built_site.rglob("index.html"))
    with_formulas = 0
    for page in pages:
        match = ARTICLE.search(page.read_text(encoding="utf-8"))
        if match is None:
            continue
        article = match.group(0)
        if "<dlnotes-formula data-search-exclude>" in article:
            with_formulas += 1  # the built page kept its formulas: the plugin gave the content back
            assert sections(without_formula_markup(article)) == sections(article), page
    assert with_formulas >= 7


@pytest.mark.parametrize("nested", ["<dlnotes-formula data-search-exclude><dlnotes-formula data-search-exclude>"])
def test_the_markup_is_never_nested(nested: str, built_site: Path):
    # The pattern stops at the first closing tag: right only because KaTeX never writes the wrapper inside itself.
    assert all(nested not in page.read_text(encoding="utf-8") for page in built_site.rglob("*.html"))
