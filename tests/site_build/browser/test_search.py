"""The site's search, used like a reader: a question's subject finds its page first, and results show no TeX
and no reST role (nor does the search index they come from)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from mkdocs.utils import meta

from tests.site_build.browser.checks import (
    Browsing,
    drain,
    formula_forms,
    rest_role_problems,
    search,
    search_index_problems,
    snippet_problems,
    source_pages,
)

PAGES = source_pages()
QUESTIONS = [path for path in PAGES if path.startswith("notes/")]


def front_matter(source: Path) -> dict:
    """A page's YAML front matter, as MkDocs reads it ({} when it has none)."""
    return meta.get_data(source.read_text(encoding="utf-8"))[1]


# What a student of the course types into the search box, and the page that answers it: each page lists
# its own under `search_queries:` in its front matter (the course's words and a student's spelling,
# "zero centered", "logistic regresion", not the pages' own).
QUERIES = {query: path for path, source in PAGES.items() for query in front_matter(source).get("search_queries", [])}
# The first query of each question page (one word or two): its results are checked for TeX and reST roles.
TOPICS = [front_matter(PAGES[path])["search_queries"][0] for path in QUESTIONS]


def first_page(results: list[dict], site) -> str | None:
    """The page of the first result, as a path of the site ('notes/sigmoid/')."""
    if not results:
        return None
    first = urlsplit(results[0]["href"])._replace(query="", fragment="").geturl()
    return first.removeprefix(site.base)


@pytest.fixture(scope="session")
def forms(built_site):
    return formula_forms(built_site)


@pytest.fixture(scope="module")
def home(browser, site):
    """Home, opened once in a context of its own; each query is typed anew in its search field."""
    session = Browsing(browser, site.base)
    yield session.open("")
    session.close()


def test_every_question_page_answers_a_query():
    assert set(QUESTIONS) <= set(QUERIES.values())
    assert len(QUERIES) >= 20
    # A query is listed by one page only: two pages cannot both come first.
    listed = [query for source in PAGES.values() for query in front_matter(source).get("search_queries", [])]
    assert len(listed) == len(set(listed)), sorted(query for query in listed if listed.count(query) > 1)


@pytest.mark.parametrize("width", [1280, 375], ids=["1280px", "375px"])
def test_each_query_lists_the_page_that_answers_it_first(browser, site, width):
    """Typed into the real search box: the first result is the page that answers. Every query on the desktop;
    on a phone, where the search opens from the header, each question page's title and first query (the
    ranking is the same index's at any width)."""
    session = Browsing(browser, site.base, width=width)
    home = session.open("")
    try:
        queries = {**QUERIES, **{title(path): path for path in QUESTIONS}}
        if width < 1220:  # Material's phone layout
            queries = {query: queries[query] for query in [*TOPICS, *(title(path) for path in QUESTIONS)]}
        found = {query: first_page(search(home.page, query), site) for query in queries}
        assert not drain(home)
    finally:
        session.close()
    wrong = {query: (found[query], want) for query, want in queries.items() if found[query] != want}
    assert not wrong, "query: (first result, the page that answers it)\n" + "\n".join(
        f"{q!r}: {v}" for q, v in wrong.items()
    )


def title(path: str) -> str:
    """A question page's title, as its heading gives it, less its one-letter words.

    Material's search finds nothing for a query that holds a one-letter word ("The shape of a weight
    matrix" gives no result, "The shape of weight matrix" the page): a limit of the theme's query
    parser, not of the index, so the title is typed without them.
    """
    markdown = meta.get_data(PAGES[path].read_text(encoding="utf-8"))[0]  # its front matter's comments are no title
    found = re.search(r"^# (.+?)(?: \{.*\})?$", markdown, re.M)
    assert found, path
    return " ".join(word for word in found.group(1).split() if len(word) > 1)


def test_the_gallery_is_left_out_of_the_search_index(built_site):
    # It repeats the question pages' figures and captions; a reader is sent to the page a figure illustrates.
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"]
    assert not [entry["location"] for entry in index["docs"] if entry["location"].startswith("figures/")]


def test_search_results_show_each_formula_once_and_no_tex_or_rest_role(home, forms):
    snippets = []
    for query in TOPICS:
        snippets += [result["text"] for result in search(home.page, query)]
        assert not drain(home)
    problems = [problem for snippet in snippets for problem in snippet_problems(snippet, forms)]
    problems += [problem for snippet in snippets for problem in rest_role_problems(snippet, "a search result")]
    assert not problems, "\n".join(problems)
    # The check saw formulas: some results hold one, as text.
    flat = ["".join(snippet.split()) for snippet in snippets]
    assert any(form.text in text for text in flat for form in forms if len(form.text) >= 3), snippets


def test_the_search_index_holds_no_rest_role(built_site):
    # Read from the built file, no browser: the index holds every API entry, whatever a query finds.
    problems = search_index_problems(built_site)
    assert not problems, f"{len(problems)} reST roles in search_index.json:\n" + "\n".join(problems[:20])
