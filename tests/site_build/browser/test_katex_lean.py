"""The leaner KaTeX markup (dlnotes/site_build/katex_lean.py) draws the very pixels KaTeX's own does."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Browser

from dlnotes.site_build.katex import Formula, render_all
from dlnotes.site_build.katex_lean import lean
from dlnotes.site_build.math_md import spoken
from tests.site_build.helpers import ROOT

# Each construct the pages use that gives KaTeX a strut or a vlist: scripts, fractions (inline
# and display), accents, sums with limits, roots, big and sized delimiters, matrices, aligned rows.
TEX = [
    (r"\hat{y}^{(i)} = \sigma(w^T x^{(i)} + b)", False),
    (r"\frac{\partial \mathcal{L}}{\partial z} = a - y", True),
    (
        r"J(w, b) = -\frac{1}{m} \sum_{i=1}^{m} \bigl[ y^{(i)} \log a^{(i)} + (1 - y^{(i)}) \log(1 - a^{(i)}) \bigr]",
        True,
    ),
    (r"\tanh(z) = \frac{e^{z} - e^{-z}}{e^{z} + e^{-z}} = 2\sigma(2z) - 1", True),
    (r"\tfrac{1}{2} \lVert W^{[1]} \rVert \approx \sqrt{\tilde{\mu}_2} \quad x_1^2", False),
    (r"\begin{bmatrix} z_1 \\ \vdots \\ z_{n^{[1]}} \end{bmatrix} = W^{[1]} x + b^{[1]}", True),
    (r"\begin{aligned} dZ^{[2]} &= A^{[2]} - Y \\ dW^{[2]} &= \tfrac{1}{m}\, dZ^{[2]} A^{[1]T} \end{aligned}", True),
    (r"\max_{z \in \mathbb{R}} \sigma'(z) = \left(\frac{1}{2}\right)^{2}", True),
]
CSS = ROOT / "docs" / "assets" / "stylesheets" / "dlnotes.css"


@pytest.fixture(scope="module")
def both() -> tuple[list[str], list[str]]:
    """Each formula as the page shows it, from KaTeX's own markup and from the leaner one."""
    html = []
    for result in render_all([Formula(tex, display) for tex, display in TEX], root=ROOT):
        assert result.html is not None, result.error
        html.append(result.html)
    return [spoken(h, "formula") for h in html], [spoken(lean(h), "formula") for h in html]


def drawing(browser: Browser, base: str, formulas: list[str], css: str) -> bytes:
    """A screenshot of the formulas, one per line, with KaTeX's stylesheet and ``css`` (the site's own, or not)."""
    body = "".join(f'<div style="margin: 8px; font-size: 20px">{formula}</div>' for formula in formulas)
    page = browser.new_page(viewport={"width": 1000, "height": 800})
    try:
        page.set_content(
            f'<!doctype html><html><head><link rel="stylesheet" href="{base}assets/katex/katex.min.css">'
            f"<style>{css}</style></head><body>{body}</body></html>",
            wait_until="load",
        )
        page.evaluate("document.fonts.ready")
        assert page.evaluate("[...document.querySelectorAll('.katex')].every((k) => k.offsetHeight > 0)")
        return page.screenshot(full_page=True)
    finally:
        page.close()


def test_the_lean_markup_has_fewer_elements_and_draws_the_same_pixels(browser, site, both):
    katex, leaner = both
    # Not a test of nothing: every formula loses elements, and no strut or pstrut is left.
    spans = [
        (len(re.findall(r"<span\b", a)), len(re.findall(r"<span\b", b))) for a, b in zip(katex, leaner, strict=True)
    ]
    assert all(after < before for before, after in spans), spans
    assert not [html for html in leaner if 'class="katex-strut"' in html or 'class="pstrut"' in html]
    css = CSS.read_text(encoding="utf-8")
    assert drawing(browser, site.base, katex, css) == drawing(browser, site.base, leaner, css)


@pytest.mark.parametrize("rule", ["height: var(--dlnotes-strut)", "height: var(--dlnotes-pstrut)"])
def test_the_comparison_sees_a_box_drawn_without_its_height(browser, site, both, rule):
    katex, leaner = both
    css = CSS.read_text(encoding="utf-8")
    assert rule in css
    assert drawing(browser, site.base, katex, css) != drawing(
        browser, site.base, leaner, css.replace(rule, "height: 0")
    )
