"""Every page as a reader sees it: both palettes (by system preference and by the toggle), desktop and phone."""

from __future__ import annotations

from functools import cache

import pytest

from tests.site_build.browser.checks import (
    drain,
    grid_code_problems,
    ids_at,
    keyboard_problems,
    link_problems,
    page_id,
    palette,
    palette_attribute_problems,
    reader_problems,
    screenshot,
    source_pages,
    toggle_palette,
)
from tests.site_build.browser.server import page_paths

PAGES = list(source_pages())
OTHER = {"light": "dark", "dark": "light"}
DESKTOP = 1280


def test_every_built_page_is_checked(built_site):
    # The pages are listed from docs/ when the tests are collected; the build must have no other.
    assert set(page_paths(built_site)) == set(PAGES)


@pytest.fixture(scope="session")
def ids_of():
    """The ids (anchors) of the page at an address of the served site, or None if there is no page."""
    return cache(ids_at)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [DESKTOP, 375], ids=["1280px", "375px"])
@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_a_reader_sees_the_whole_page(browsing, site, ids_of, path, width, scheme):
    """No error; math typeset and no raw TeX; figures loaded in the palette's variant, with alt text;
    nothing wider than the window; no serious accessibility violation. Then the same after the
    palette toggle, axe included. At both widths, in both palettes, Tab reaches the search
    (on a phone the header's magnifier, which Enter opens), the palette toggle and each copy
    button with a visible focus ring. On the desktop every link and anchor resolves. A
    full-page screenshot of each palette and width lands in .screenshots/ for review."""
    visit = browsing(width=width, scheme=scheme).open(path)
    page = visit.page
    wide = width >= 1220  # Material's desktop layout
    problems = [] if palette(page) == scheme else [f"a system preference for {scheme} shows {palette(page)}"]
    problems += reader_problems(visit, wide=wide)
    screenshot(page, f"{page_id(path)}-{scheme}-{width}px")
    if width == DESKTOP and scheme == "light":
        problems += link_problems(page, site.base, ids_of)
    toggled = toggle_palette(page)
    if toggled != OTHER[scheme]:
        problems.append(f"the palette toggle switched {scheme} to {toggled}")
    # The toggle must set the very palette that the other preference gives, where axe has run;
    # the rest is checked again, as the toggle swaps figures and restyles without a reload.
    problems += palette_attribute_problems(page, toggled)
    problems += [f"after the toggle to {toggled}: {problem}" for problem in reader_problems(visit, wide=wide)]
    problems += [f"keyboard ({toggled}): {problem}" for problem in keyboard_problems(page) + drain(visit)]
    assert not problems, "\n".join(problems)


QUESTIONS = [path for path in PAGES if path.startswith("notes/")]


@pytest.mark.parametrize("width", [DESKTOP, 1440], ids=["1280px", "1440px"])
@pytest.mark.parametrize("path", QUESTIONS, ids=page_id)
def test_code_beside_its_equation_fits_on_a_wide_screen(browsing, path, width):
    """At 1280 px and wider no included source beside an equation scrolls sideways or hides text under its copy button."""
    page = browsing(width=width).open(path).page
    assert page.locator(".grid > .dlnotes-source").count() or path == "notes/structured-data/"
    assert not grid_code_problems(page)
