"""Moving around the site: instant navigation from home to every page, and the 404 page."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.site_build.browser.checks import (
    Browsing,
    Visit,
    drain,
    figure_problems,
    follow_link,
    math_problems,
    page_id,
    palette,
    source_pages,
    tex_problems,
)

PAGES = list(source_pages())


@pytest.fixture(scope="module")
def home(browser, site) -> Iterator[Visit]:
    """Home, opened once in a context of its own: each test follows a link from it and comes back by a link."""
    session = Browsing(browser, site.base)
    yield session.open("")
    session.close()


def back_home(visit: Visit, site) -> None:
    page = visit.page
    if page.url.split("#")[0] != site.url(""):
        try:
            follow_link(page, site.url(""))
        except AssertionError:
            page.goto(site.url(""))
    # Material follows links instantly once it has read the sitemap, just after the page loads.
    page.wait_for_function("performance.getEntriesByType('resource').some((r) => r.name.endsWith('/sitemap.xml'))")
    page.evaluate("window.dlnotesNoReload = true")


@pytest.mark.parametrize("path", [path for path in PAGES if path], ids=page_id)
def test_instant_navigation_from_home_keeps_math_and_figures(home, site, path):
    back_home(home, site)
    page = home.page
    drain(home)
    follow_link(page, site.url(path))
    assert page.evaluate("window.dlnotesNoReload === true"), "the link reloaded the page instead of swapping it"
    problems = math_problems(page) + tex_problems(page) + figure_problems(page, palette(page)) + drain(home)
    assert not problems, "\n".join(problems)


def test_instant_navigation_back_to_home(home, site):
    back_home(home, site)
    follow_link(home.page, site.url(PAGES[1]))
    follow_link(home.page, site.url(""))
    assert home.page.evaluate("window.dlnotesNoReload === true")
    assert not math_problems(home.page) + figure_problems(home.page, palette(home.page)) + drain(home)


def test_the_404_page_loads(browsing, site):
    visit = browsing().open("no/such/page/", expected_status=404)
    page = visit.page
    assert "404" in page.locator("h1").first.inner_text()
    # Its styles and scripts load although it sits at an address that is no folder of the site.
    assert page.evaluate("[...document.styleSheets].every((sheet) => sheet.cssRules.length > 0)")
    assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
    assert not drain(visit)
