"""Every page as a reader sees it, desktop and phone: every check once per page and width, and after the toggle to
the other palette what the palette changes: its figures, and on the desktop its contrast."""

from __future__ import annotations

from functools import cache

import pytest
from playwright.sync_api import Page

from tests.site_build import page_structure
from tests.site_build.browser.checks import (
    Visit,
    contrast_problems,
    copy_button_problems,
    drain,
    figure_problems,
    font_problems,
    grid_code_problems,
    grid_formula_problems,
    ids_at,
    keyboard_problems,
    link_problems,
    page_id,
    palette,
    palette_attribute_problems,
    reader_problems,
    screenshot,
    session_problems,
    settle,
    source_pages,
    toggle_palette,
)
from tests.site_build.browser.server import page_paths

SOURCES = source_pages()
PAGES = list(SOURCES)
OTHER = {"light": "dark", "dark": "light"}
DESKTOP = 1280
WIDER = 1440


def test_every_built_page_is_checked(built_site):
    # The pages are listed from docs/ when the tests are collected; the build must have no other.
    assert set(page_paths(built_site)) == set(PAGES)


@pytest.fixture(scope="session")
def ids_of():
    """The ids (anchors) of the page at an address of the served site, or None if there is no page."""
    return cache(ids_at)


@pytest.mark.parametrize("width", [DESKTOP, 375], ids=["1280px", "375px"])
@pytest.mark.parametrize("path", PAGES, ids=page_id)
def test_a_reader_sees_the_whole_page(browsing, site, ids_of, path, width, tmp_path):
    """Once per page and width, in the palette of a system that prefers light: as the page first shows, the fonts
    its formulas draw with are exactly those its head asks for early (font_problems); no error; math typeset and no
    raw TeX; figures loaded in the palette's variant, with alt text; nothing wider than the window; no serious
    accessibility violation (axe, contrast included); every code block has its copy button once scrolled to. On the
    desktop every link and anchor resolves; code and formula beside each other fit (grid_problems), at 1280 px and
    in a window widened to 1440 px; and the copy button of every pycon block, clicked, puts the code alone in the
    clipboard, and the page's sessions pasted into a fresh Python run as they show (session_problems). Then the
    toggle to dark: it sets the very palette a system preference for dark gives (test_first_visit.py opens a page
    with that preference), the figures swap to their dark variant, loaded, and on the desktop the text keeps its
    contrast (axe's colour-contrast rule and the formulas' own check: nothing else depends on the palette). Tab then
    reaches the search (on a phone the header's magnifier, which Enter opens), the palette toggle and each copy
    button with a visible focus ring. With DLNOTES_SCREENSHOTS=1 a full-page screenshot of each palette and width
    lands in .screenshots/ for review."""
    visit = browsing(width=width, scheme="light", clipboard=width == DESKTOP).open(path, settled=False)
    page = visit.page
    problems = font_problems(page)  # as the page first shows, its folds closed
    settle(page)
    wide = width >= 1220  # Material's desktop layout
    if palette(page) != "light":
        problems.append(f"a system preference for light shows {palette(page)}")
    problems += reader_problems(visit, wide=wide) + copy_button_problems(page)
    screenshot(page, f"{page_id(path)}-light-{width}px")
    if width == DESKTOP:
        problems += link_problems(page, site.base, ids_of) + grid_problems(page, path)
        # A wider window too: the grid's columns grow with it, and the code beside an equation must still fit.
        assert page.viewport_size, "a Browsing context always sets its window's size"
        height = page.viewport_size["height"]
        page.set_viewport_size({"width": WIDER, "height": height})
        problems += [f"at {WIDER} px: {problem}" for problem in grid_problems(page, path)]
        page.set_viewport_size({"width": DESKTOP, "height": height})
        problems += [f"copy: {problem}" for problem in session_problems(visit, SOURCES[path], tmp_path) + drain(visit)]
    # The toggle first, at the top of the page, as a reader finds it; the walk then Tabs through the dark palette.
    problems += toggle_problems(visit, "light")
    if width == DESKTOP:
        # The phone's page in the dark palette shows no pair of text and background colours that the desktop's does
        # not (measured on every page), at the same font sizes (Material changes them only from 1600 px).
        problems += [f"after the toggle to dark: {problem}" for problem in contrast_problems(page)]
    screenshot(page, f"{page_id(path)}-dark-{width}px")
    problems += [f"keyboard: {problem}" for problem in keyboard_problems(page) + drain(visit)]
    assert not problems, "\n".join(problems)


def toggle_problems(visit: Visit, scheme: str) -> list[str]:
    """The palette toggle switches to the other palette, exactly as its system preference sets it, and the
    figures follow (the toggle swaps them and restyles the page without a reload)."""
    toggled = toggle_palette(visit.page)
    problems = [] if toggled == OTHER[scheme] else [f"the palette toggle switched {scheme} to {toggled}"]
    problems += palette_attribute_problems(visit.page, toggled)
    problems += figure_problems(visit.page, toggled) + drain(visit)
    return [f"after the toggle to {toggled}: {problem}" for problem in problems]


def grid_problems(page: Page, path: str) -> list[str]:
    """On a wide screen each source the page's Markdown puts beside an equation is there, and none scrolls
    sideways or hides text under its copy button; each formula fits its column, clear of its check mark."""
    markdown = SOURCES[path].read_text(encoding="utf-8")
    beside = sum(
        len(page_structure.SOURCE.findall(grid.group("body"))) for grid in page_structure.GRID.finditer(markdown)
    )
    shown = page.locator(".grid > .dlnotes-source").count()
    problems = [] if shown == beside else [f"{shown} sources beside an equation, the Markdown puts {beside} there"]
    return problems + grid_code_problems(page) + grid_formula_problems(page)
