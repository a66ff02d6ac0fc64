"""The site's search, used like a reader: a question's subject finds its page first, and results show no TeX
and no reST role (nor does the search index they come from)."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from tests.site_build.browser.checks import (
    Browsing,
    drain,
    formula_forms,
    page_id,
    rest_role_problems,
    search,
    search_index_problems,
    snippet_problems,
    source_pages,
)

PAGES = source_pages()
QUESTIONS = [path for path in PAGES if path.startswith("notes/")]
# What a reader would type to find each question page.
SUBJECTS = {
    "notes/broadcasting/": "broadcasting",
    "notes/sigmoid/": "sigmoid",
    "notes/tanh/": "tanh",
    "notes/weight-matrix/": "weight matrix",
    "notes/logistic-regression/": "logistic regression",
    "notes/two-layer-network/": "backpropagation",
    "notes/structured-data/": "unstructured",
}


@pytest.fixture(scope="session")
def forms(built_site):
    return formula_forms(built_site)


@pytest.fixture(scope="module")
def home(browser, site):
    """Home, opened once in a context of its own; each query is typed anew in its search field."""
    session = Browsing(browser, site.base)
    yield session.open("")
    session.close()


def test_every_question_page_has_a_subject():
    assert set(QUESTIONS) == set(SUBJECTS)


@pytest.mark.parametrize("path", QUESTIONS, ids=page_id)
def test_searching_a_subject_lists_its_page_first(home, site, path):
    results = search(home.page, SUBJECTS[path])
    assert not drain(home)
    first = urlsplit(results[0]["href"])._replace(query="", fragment="").geturl() if results else None
    assert first == site.url(path), f"{SUBJECTS[path]!r} lists first {first}, not {site.url(path)}"


def test_search_results_show_each_formula_once_and_no_tex_or_rest_role(home, forms):
    snippets = []
    for query in sorted(set(SUBJECTS.values())):
        snippets += [result["text"] for result in search(home.page, query)]
        assert not drain(home)
    problems = [problem for snippet in snippets for problem in snippet_problems(snippet, forms)]
    problems += [problem for snippet in snippets for problem in rest_role_problems(snippet, "a search result")]
    assert not problems, "\n".join(problems)
    # The check saw formulas: some results hold one, as text.
    flat = ["".join(snippet.split()) for snippet in snippets]
    assert any(form.mathml in text for text in flat for form in forms if len(form.mathml) >= 3), snippets


def test_the_search_index_holds_no_rest_role(built_site):
    # Read from the built file, no browser: the index holds every API entry, whatever a query finds.
    problems = search_index_problems(built_site)
    assert not problems, f"{len(problems)} reST roles in search_index.json:\n" + "\n".join(problems[:20])
