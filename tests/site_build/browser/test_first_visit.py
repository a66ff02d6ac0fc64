"""A first visit fetches only the figure variants of the palette the reader's system prefers; the toggle switches it."""

from __future__ import annotations

import re

import pytest

from tests.site_build.browser.checks import Browsing, palette, palette_attribute_problems

# The gallery holds every figure: the page where a wrong variant would cost the most.
GALLERY = "figures/"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_a_first_visit_fetches_only_the_preferred_variant(browser, site, scheme):
    other = {"light": "dark", "dark": "light"}[scheme]
    session = Browsing(browser, site.base, scheme=scheme)  # a context of its own: nothing stored yet
    try:
        fetched: list[str] = []
        session.context.on("request", lambda request: fetched.append(request.url))
        page = session.open(GALLERY).page
        # Scroll through, as a reader does, so every lazy figure that shows is fetched.
        height = page.evaluate("document.body.scrollHeight")
        for _ in range(0, height + 800, 600):
            page.mouse.wheel(0, 600)
        page.wait_for_load_state("networkidle")
        svgs = [url for url in fetched if url.endswith(".svg")]
        assert palette(page) == scheme
        assert sum(url.endswith(f"-{scheme}.svg") for url in svgs) >= 10, svgs
        assert not [url for url in svgs if url.endswith(f"-{other}.svg")]
    finally:
        session.close()


PALETTE_STATE = """() => ({
  scheme: document.body.getAttribute('data-md-color-scheme'),
  checked: [...document.querySelectorAll('input[name=__palette]')].findIndex((input) => input.checked),
  shown: [...document.querySelectorAll('input[name=__palette] + label')].map((label) => !label.hidden),
  colorScheme: document.querySelector('meta[name=color-scheme]')?.content,
  themeColor: document.querySelector('meta[name=theme-color]')?.content,
  header: getComputedStyle(document.querySelector('[data-md-component=header]')).backgroundColor,
  mounted: document.querySelectorAll('[data-md-component=palette]').length,
  focused: document.activeElement?.name,
})"""


def test_the_palette_toggle_switches_with_a_click_or_enter_and_is_remembered(browser, site):
    """The site's own toggle (overrides/main.html) does what Material's did: it switches the body's
    palette, shows the other palette's label, sets the browser's color-scheme and theme-color, stores
    the choice for the next page and the next visit, and Enter on it switches too."""
    # A context of its own, without Browsing's clearing of storage: the choice must outlive a reload.
    context = browser.new_context(color_scheme="light")
    try:
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda error: errors.append(str(error)))
        page.on("console", lambda message: errors.append(message.text) if message.type == "error" else None)
        page.goto(site.base + "notes/sigmoid/", wait_until="load")
        before = page.evaluate(PALETTE_STATE)
        assert (before["scheme"], before["checked"], before["shown"], before["colorScheme"]) == (
            "default",
            0,
            [True, False],
            "light",
        )
        assert before["mounted"] == 0  # nothing left for Material's palette component, which restyled the page
        r, g, b = (int(value) for value in re.findall(r"\d+", before["header"])[:3])
        assert before["themeColor"] == f"#{r:02x}{g:02x}{b:02x}"

        page.locator("form.dlnotes-palette label:visible").click()
        page.wait_for_function("!document.body.hasAttribute('data-md-color-switching')")
        dark = page.evaluate(PALETTE_STATE)
        assert (dark["scheme"], dark["checked"], dark["shown"], dark["colorScheme"]) == (
            "slate",
            1,
            [False, True],
            "dark",
        )

        page.reload(wait_until="load")
        assert page.evaluate(PALETTE_STATE)["scheme"] == "slate"  # remembered
        page.click("a.md-footer__link--next")  # instant navigation keeps it
        page.wait_for_url("**/notes/logistic-regression/")
        assert page.evaluate(PALETTE_STATE)["scheme"] == "slate"

        page.focus("input[name=__palette]:checked")
        page.keyboard.press("Enter")
        after = page.evaluate(PALETTE_STATE)
        assert (after["scheme"], after["checked"], after["focused"]) == ("default", 0, "__palette")
        assert palette_attribute_problems(page, "light") == []
        assert errors == []
    finally:
        context.close()
