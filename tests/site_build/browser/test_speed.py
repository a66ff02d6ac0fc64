"""What keeps a long page fast on a phone (Lighthouse scores it in make bench; here, that each means holds).

The browser lays out only the blocks near the screen (content-visibility in dlnotes.css); KaTeX's
main fonts are requested with the stylesheets; every figure has a size before its image loads.
"""

from __future__ import annotations

import re

SKIPPED = """() => [...document.querySelectorAll('.md-content__inner :is(p, pre)')]
  .filter((block) => !block.checkVisibility({contentVisibilityAuto: true})).length"""

WIDE_BOX = """() => {
  const boxes = [...document.querySelectorAll('.md-typeset .md-typeset__scrollwrap, .md-typeset .dlnotes-math')];
  const box = boxes.reverse().find((candidate) => !candidate.checkVisibility({contentVisibilityAuto: true}));
  if (!box) return null;
  box.id = box.id || 'dlnotes-far-box';
  return box.id;
}"""


def test_a_long_page_lays_out_only_what_is_near_the_screen(browser, site):
    context = browser.new_context(viewport={"width": 375, "height": 740})
    page = context.new_page()
    page.goto(site.base + "reference/api/", wait_until="load")
    skipped_at_load = page.evaluate(SKIPPED)
    far = page.evaluate(WIDE_BOX)
    assert far, "a box far down the page that the browser has not laid out"
    # Scrolled to, the block is laid out, and a box in it that scrolls sideways gets its tab stop (dlnotes.js).
    # Sizes settle as blocks are laid out on the way, so a reader may need a second scroll to land on it.
    page.wait_for_function(
        """(id) => { const box = document.getElementById(id); box.scrollIntoView({block: 'center'});
          return box.checkVisibility({contentVisibilityAuto: true}) }""",
        arg=far,
        polling=200,
    )
    page.wait_for_timeout(100)
    scrolls = page.evaluate(
        "(id) => { const b = document.getElementById(id); return b.scrollWidth > b.clientWidth + 1 }", far
    )
    tab_stop = page.evaluate("(id) => document.getElementById(id).tabIndex", far)
    context.close()
    assert skipped_at_load > 100  # paragraphs and code blocks the browser did not lay out on load
    assert tab_stop == (0 if scrolls else -1)


def test_katex_main_fonts_are_requested_with_the_stylesheets(built_site):
    head = (built_site / "notes" / "sigmoid" / "index.html").read_text(encoding="utf-8").split("</head>", 1)[0]
    preloaded = re.findall(r'<link rel="preload" href="([^"]+)" as="font" type="font/woff2" crossorigin>', head)
    assert [url.rsplit("/", 1)[-1] for url in preloaded] == ["KaTeX_Main-Regular.woff2", "KaTeX_Math-Italic.woff2"]
    for url in preloaded:
        assert (built_site / "notes" / "sigmoid" / url).resolve().is_file()


def test_every_figure_keeps_its_place_before_it_loads(built_site):
    images = re.findall(r"<img [^>]*>", (built_site / "figures" / "index.html").read_text(encoding="utf-8"))
    assert len(images) >= 20
    unsized = [
        image for image in images if not re.search(r'\bwidth="\d+"', image) or not re.search(r'\bheight="\d+"', image)
    ]
    assert not unsized, unsized[:2]
