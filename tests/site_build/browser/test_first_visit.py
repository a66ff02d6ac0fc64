"""A first visit fetches only the figure variants of the palette the reader's system prefers."""

from __future__ import annotations

import pytest

from tests.site_build.browser.checks import Browsing, palette

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
