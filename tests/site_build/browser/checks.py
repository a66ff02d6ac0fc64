"""What the browser tests check on a page, each check a function that returns the problems it finds.

The tests assert that a check finds nothing on every page; the mutation tests break a copy
of the site and assert that the same check finds the break. Nothing here knows what a
page says: the checks look at whatever formulas, figures, code blocks and links it has.
"""

from __future__ import annotations

import html as html_module
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, NamedTuple

from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    Request,
    Response,
)
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from dlnotes.site_build.math_md import INLINE_MATH
from dlnotes.site_build.page import iter_fences
from tests.site_build.helpers import ROOT, SNIPPETS

AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / ".screenshots"
# Material's palettes: the scheme names it writes on <body>, and the palette each one is.
SCHEMES = {"default": "light", "slate": "dark"}
PALETTE_SCHEME = {"light": "default", "dark": "slate"}
# Raw TeX that escaped rendering, in the text a reader sees: the inline $...$ rule of the
# math extension itself, $$, \( \[ and any backslash command.
TEX = re.compile(rf"\$\$|\\[(\[]|\\[A-Za-z]+|{INLINE_MATH}")


# Launch arguments of the tests' browser: no host name resolves but the served site's address, so a request to
# another host fails in the browser and no test depends on, or reaches, the network.
OFFLINE = ["--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"]

# The palettes a reader's system can prefer, as Playwright names them.
Scheme = Literal["light", "dark"]


@dataclass
class Visit:
    """A page opened in a browser context, and what went wrong while it loaded and ran."""

    page: Page
    log: list[str] = field(default_factory=list)
    expected_status: int = 200


class Browsing:
    """One browser context on one served site: a window size, a colour-scheme preference.

    Every request to another host is logged against the page that made it; in a browser launched
    with `OFFLINE` (the tests' browser is) it also fails, since no other host resolves.
    """

    def __init__(
        self,
        browser: Browser,
        base: str,
        width: int = 1280,
        scheme: Scheme = "light",
        clipboard: bool = False,
    ) -> None:
        self.base = base
        origin = re.match(r"https?://[^/]+", base)
        if origin is None:
            raise ValueError(f"base must be an http(s) URL, got {base!r}")
        self.origin = origin.group(0)
        self.width = width
        self.scheme = scheme
        self.context: BrowserContext = browser.new_context(
            viewport={"width": width, "height": 800},
            color_scheme=scheme,
            permissions=["clipboard-read", "clipboard-write"] if clipboard else [],
        )
        # Each page starts from the reader's system preference, not from a palette a test chose before.
        self.context.add_init_script("try { localStorage.clear(); sessionStorage.clear(); } catch (e) {}")
        # A listener, not a route: Playwright turns the HTTP cache off for a routed context and passes each
        # request through this process, a third of the cost of opening a page.
        self.context.on("request", self._request)
        self.visit: Visit | None = None
        self.unattributed: list[str] = []

    def _request(self, request: Request) -> None:
        if elsewhere(request.url, self.origin):
            (self.visit.log if self.visit else self.unattributed).append(f"request to another host: {request.url}")

    def open(self, path: str, expected_status: int = 200, settled: bool = True) -> Visit:
        """Open a page of the site, wait until it is settled (unless not ``settled``: loaded, its folds still
        closed, as a reader first sees it; settle() does the rest), and return it with its log."""
        if self.visit is not None and not self.visit.page.is_closed():
            self.visit.page.close()  # one page at a time in a context
        page = self.context.new_page()
        visit = Visit(page, expected_status=expected_status)
        self.visit = visit
        page.on("console", lambda message: _console(visit, message))
        page.on("pageerror", lambda error: visit.log.append(f"page error: {error}"))
        page.on("requestfailed", lambda request: _failed(visit, request, self.origin))
        page.on("response", lambda response: _response(visit, response, self.base + path))
        response = page.goto(self.base + path, wait_until="load")
        if response is None or response.status != expected_status:
            visit.log.append(f"{path or 'home'}: HTTP {response.status if response else 'no response'}")
        if settled:
            settle(page)
        return visit

    def close(self) -> None:
        self.context.close()


def _console(visit: Visit, message: ConsoleMessage) -> None:
    if message.type != "error":
        return
    where = message.location.get("url", "")
    # The browser reports the 404 page's own status as a console error; that one is expected.
    if visit.expected_status == 404 and "status of 404" in message.text and where == visit.page.url:
        return
    visit.log.append(f"console error: {message.text} ({where})")


def elsewhere(url: str, origin: str) -> bool:
    """Whether a request for url leaves the served site (an inline data: or blob: address does not)."""
    return not url.startswith((origin + "/", "data:", "blob:"))


def _failed(visit: Visit, request: Request, origin: str) -> None:
    if elsewhere(request.url, origin):
        return  # already logged as a request to another host, which OFFLINE makes fail
    visit.log.append(f"failed request: {request.url} ({request.failure})")


def _response(visit: Visit, response: Response, first_url: str) -> None:
    if response.status >= 400 and not (response.url == first_url and response.status == visit.expected_status):
        visit.log.append(f"HTTP {response.status}: {response.url}")


SETTLE = """async () => {
  // A reader opens the collapsed blocks (solutions) and scrolls past every image: do both.
  // Only the images shown load, as when scrolling: a figure's variant for the other palette is
  // hidden, and a lazy image that is hidden is never fetched.
  for (const details of document.querySelectorAll('details')) details.open = true;
  window.dispatchEvent(new Event('resize'));  // dlnotes.js marks the boxes that scroll, opened ones too
  await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  const images = [...document.images].filter((image) => image.checkVisibility());
  for (const image of images) image.loading = 'eager';
  const limit = new Promise((resolve) => setTimeout(resolve, 10000));
  await Promise.race([Promise.all([
    document.fonts.ready,
    ...images.map((image) => image.decode().catch(() => null)),
  ]), limit]);
}"""


def settle(page: Page) -> None:
    page.wait_for_load_state("load")
    page.evaluate(SETTLE)


# The font files the page draws with (each face the document has loaded, by the file its @font-face rule names) and
# those its head asks for early (<link rel=preload as=font>). A preload fetches a file without loading its face, so
# a font asked for and never used stays unloaded here, whatever the browser's cache holds.
FONTS = """async () => {
  await document.fonts.ready;
  const file = (url) => url.split('/').pop();
  const key = (family, style, weight) =>
    `${family.replace(/["']/g, '')}|${style || 'normal'}|${({normal: '400', bold: '700'})[weight] ?? (weight || '400')}`;
  const files = new Map();
  for (const sheet of document.styleSheets) {
    for (const rule of sheet.cssRules) {
      if (!(rule instanceof CSSFontFaceRule)) continue;
      const source = rule.style.getPropertyValue('src').match(/url\\(["']?([^"')]+\\.woff2)/);
      const {fontFamily, fontStyle, fontWeight} = rule.style;
      if (source) files.set(key(fontFamily, fontStyle, fontWeight), file(source[1]));
    }
  }
  const used = [...document.fonts].filter((face) => face.status === 'loaded')
    .map((face) => files.get(key(face.family, face.style, face.weight)) ?? `${face.family} ${face.style} ${face.weight}`);
  const asked = [...document.querySelectorAll('head link[rel=preload][as=font]')].map((link) => file(link.href));
  return [used, asked];
}"""


def font_problems(page: Page) -> list[str]:
    """The fonts a page draws with at first view, its folds closed, are exactly those its head asks for early
    (dlnotes/site_build/katex_fonts.py), each once: a font found only after a layout makes the browser lay every
    formula out again, and one asked for and never used is bytes a phone downloads for nothing. Call it before
    settle() opens the folds."""
    used, asked = page.evaluate(FONTS)
    problems = [f"a font asked for twice: {sorted(asked)}"] if len(asked) != len(set(asked)) else []
    if late := set(used) - set(asked):
        problems.append(f"fonts drawn with but not asked for early: {sorted(late)}")
    if unused := set(asked) - set(used):
        problems.append(f"fonts asked for early and never drawn with: {sorted(unused)}")
    return problems


def palette(page: Page) -> str:
    scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
    return SCHEMES.get(scheme, f"unknown scheme {scheme!r}")


PALETTE_ATTRIBUTES = """(scheme) => {
  // The body's palette after the toggle against the palette the theme defines for that scheme.
  const option = document.querySelector(`input[name=__palette][data-md-color-scheme="${scheme}"]`);
  if (!option) return [`no palette with scheme ${scheme}`];
  return ['scheme', 'primary', 'accent'].filter((name) =>
    document.body.getAttribute(`data-md-color-${name}`) !== option.getAttribute(`data-md-color-${name}`))
    .map((name) => `the toggle set ${name} ${document.body.getAttribute(`data-md-color-${name}`)}, the palette says ${option.getAttribute(`data-md-color-${name}`)}`);
}"""


def palette_attribute_problems(page: Page, theme: str) -> list[str]:
    """The toggle leaves the page in exactly the palette that the system preference for theme gives."""
    return page.evaluate(PALETTE_ATTRIBUTES, PALETTE_SCHEME[theme])


def toggle_palette(page: Page) -> str:
    """Click the palette toggle a reader sees; return the palette it switched to."""
    before = palette(page)
    toggle = page.locator("form.dlnotes-palette label:visible")
    toggle.first.click()
    page.wait_for_function(
        "(scheme) => document.body.getAttribute('data-md-color-scheme') !== scheme",
        arg=PALETTE_SCHEME.get(before, before),
    )
    settle(page)
    return palette(page)


MATH = """() => {
  const problems = [];
  const formulas = [...document.querySelectorAll('.katex')];
  const said = (formula) => (formula.getAttribute('aria-label') || formula.textContent).slice(0, 80);
  for (const formula of formulas) {
    if (!formula.checkVisibility()) continue;
    const html = formula.querySelector(':scope > .katex-html');
    if (!html) { problems.push(`formula without KaTeX's HTML: ${said(formula)}`); continue; }
    if (formula.getAttribute('role') !== 'math' || !formula.getAttribute('aria-label')?.trim()) problems.push(`formula without its spoken label (role=math, aria-label): ${said(formula)}`);
    if (html.getAttribute('aria-hidden') !== 'true') problems.push(`KaTeX's glyphs read out beside the label (not aria-hidden): ${said(formula)}`);
    if (html.querySelector('a[href], button, input, select, textarea, [tabindex]')) problems.push(`a focusable element among KaTeX's hidden glyphs: ${said(formula)}`);
    const box = html.getBoundingClientRect();
    if (box.width < 1 || box.height < 1) problems.push(`formula not typeset (empty box): ${said(formula)}`);
    const glyph = html.querySelector('.mord, .mop, .mbin, .mrel') ?? html;
    if (!getComputedStyle(glyph).fontFamily.includes('KaTeX')) problems.push(`formula not in KaTeX's fonts: ${said(formula)}`);
  }
  for (const error of document.querySelectorAll('.katex-error')) problems.push(`KaTeX error: ${error.textContent.slice(0, 80)}`);
  const katexFonts = [...document.fonts].filter((font) => font.family.replace(/"/g, '').startsWith('KaTeX'));
  for (const font of katexFonts) if (font.status === 'error') problems.push(`font ${font.family} failed to load`);
  if (formulas.length && !katexFonts.some((font) => font.status === 'loaded')) problems.push('no KaTeX font loaded');
  return problems;
}"""


def math_problems(page: Page) -> list[str]:
    """Every visible formula typeset by KaTeX in its fonts and spoken by its label, no KaTeX error."""
    return page.evaluate(MATH)


VISIBLE_TEX = """(pattern) => {
  const tex = new RegExp(pattern);
  const skip = 'code, pre, script, style, textarea, .md-search';
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  const problems = [];
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const parent = node.parentElement;
    if (!parent || parent.closest(skip) || !parent.checkVisibility({visibilityProperty: true})) continue;
    const found = node.textContent.match(tex);
    if (found) problems.push(`raw TeX in the visible text: ${JSON.stringify(found[0])} in ${JSON.stringify(node.textContent.trim().slice(0, 80))}`);
  }
  return problems;
}"""


def tex_problems(page: Page) -> list[str]:
    """No TeX source in the text a reader sees (code excluded: it may show TeX on purpose)."""
    return page.evaluate(VISIBLE_TEX, TEX.pattern)


FIGURES = """(theme) => {
  const problems = [];
  for (const image of document.images) {
    const src = image.getAttribute('src') ?? '';
    const shown = image.checkVisibility();
    const marked = src.match(/#only-(light|dark)$/)?.[1];  // the palette the theme shows it in
    const drawn = src.match(/-(light|dark)\\.svg(#|$)/)?.[1];  // the palette it was drawn for
    if (marked && drawn && marked !== drawn) problems.push(`${src}: drawn for the ${drawn} palette, shown in the ${marked} one`);
    if (shown && drawn && drawn !== theme) problems.push(`${src}: the ${drawn} variant shown in the ${theme} palette`);
    if (!shown && marked === theme) problems.push(`${src}: hidden in the ${theme} palette`);
    if (!shown) continue;
    if (!image.complete || image.naturalWidth === 0) problems.push(`${src}: image did not load`);
    if (!(image.getAttribute('alt') ?? '').trim()) problems.push(`${src}: image without alt text`);
  }
  for (const figure of document.querySelectorAll('figure')) {
    const images = [...figure.querySelectorAll('img')];
    const shown = images.filter((image) => image.checkVisibility());
    if (images.length && shown.length !== 1) problems.push(`figure ${figure.id || ''}: ${shown.length} images shown, not 1`);
  }
  return problems;
}"""


def figure_problems(page: Page, theme: str) -> list[str]:
    """Every image shown has loaded and has alt text; each figure shows the variant of the palette."""
    return page.evaluate(FIGURES, theme)


OVERFLOW = """(wide) => {
  const problems = [];
  const root = document.documentElement;
  const viewport = root.clientWidth;
  const describe = (element) => {
    const formula = element.closest('.katex');
    if (formula) return `formula ${JSON.stringify(formula.getAttribute('aria-label')?.slice(0, 60))}`;
    const classes = typeof element.className === 'string' ? element.className.trim().split(/\\s+/).filter(Boolean) : [];
    return [element.tagName.toLowerCase(), ...classes].join('.');
  };
  // The nearest box between element and stop that scrolls sideways.
  const scroller = (element, stop) => {
    for (let node = element.parentElement; node && node !== stop && node !== document.body; node = node.parentElement) {
      if (['auto', 'scroll'].includes(getComputedStyle(node).overflowX)) return node;
    }
    return null;
  };
  if (root.scrollWidth > viewport) {
    const wide = [...document.body.querySelectorAll('*')].filter((element) =>
      element.getBoundingClientRect().right > viewport + 1 && !scroller(element, null) && element.checkVisibility());
    const innermost = wide.filter((element) => !wide.some((other) => other !== element && element.contains(other)));
    problems.push(`the page scrolls sideways: ${root.scrollWidth}px wide in a ${viewport}px window, because of ${innermost.slice(0, 3).map(describe).join('; ')}`);
  }
  // A formula fits the content area, or sits in a box that scrolls sideways and fits it.
  for (const formula of document.querySelectorAll('.katex-html')) {
    if (!formula.checkVisibility()) continue;
    const column = formula.closest('.md-content') ?? document.body;
    const right = Math.min(column.getBoundingClientRect().right, viewport) + 1;
    // A display formula's box is as wide as its block; what it draws can run past it.
    const rect = formula.getBoundingClientRect();
    const drawnRight = Math.max(rect.right, rect.left + formula.scrollWidth);
    let fits = drawnRight <= right;
    for (let box = scroller(formula, column); box && !fits; box = scroller(box, column)) {
      fits = box.getBoundingClientRect().right <= right;
    }
    if (!fits) problems.push(`${describe(formula)} sticks out of the content area by ${Math.round(drawnRight - right)}px`);
  }
  // A heading's words stay whole: a word split over two lines ("regressio / n") means the
  // heading is squeezed, as by a button floated beside it on a phone.
  for (const heading of document.querySelectorAll('.md-content h1, .md-content h2, .md-content h3')) {
    if (!heading.checkVisibility()) continue;
    const walker = document.createTreeWalker(heading, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      if (node.parentElement.closest('.katex, .headerlink')) continue;
      for (const match of node.textContent.matchAll(/[^\\s-]+/g)) {  // a line may break after a hyphen
        const range = document.createRange();
        range.setStart(node, match.index);
        range.setEnd(node, match.index + match[0].length);
        const lines = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (lines.size > 1) problems.push(`the heading "${heading.textContent.trim().slice(0, 40)}" splits the word "${match[0]}" over two lines`);
      }
    }
  }
  if (wide) {
    // On a wide screen an API signature fits its box: mkdocstrings wraps it when ruff is installed.
    for (const code of document.querySelectorAll('.doc-signature code')) {
      if (code.scrollWidth > code.clientWidth + 1) problems.push(`signature cut off: ${code.textContent.split('\\n')[0].slice(0, 60)}`);
    }
  }
  return problems;
}"""


def overflow_problems(page: Page, wide: bool) -> list[str]:
    """The page never scrolls sideways; formulas fit or scroll in their own box; headings keep their words whole;
    on a wide screen signatures fit."""
    return page.evaluate(OVERFLOW, wide)


# axe runs on the page with KaTeX's glyph boxes (.katex-html) set aside for the run and put back after it. They are
# most of a page's elements (7,000 of 10,000 on the longest), axe goes over every element for each rule, and they are
# hidden from assistive technology (the formula speaks through its label, math_problems). On its own, axe's contrast
# rule leaves most glyphs undecided: they overlap one another, so it reports them as "incomplete", never as a
# violation. FORMULA_CONTRAST checks the colour of every glyph instead, and math_problems that none takes focus.
AXE_RUN = """async (only) => {
  const aside = [...document.querySelectorAll('.katex-html')].map((html) => {
    const mark = document.createComment('');
    html.replaceWith(mark);
    return [mark, html];
  });
  let results;
  try {
    const options = {resultTypes: ['violations'], ...(only ? {runOnly: {type: 'rule', values: only}} : {})};
    results = await axe.run(document, options);
  } finally {
    for (const [mark, html] of aside) mark.replaceWith(html);
  }
  return results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.help} (${v.nodes.length}x: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ') + (n.any[0]?.message ? ' - ' + n.any[0].message : '')).join(' | ')})`);
}"""

# The contrast of every visible glyph of every formula, by WCAG 2's formula and thresholds as axe applies them: 4.5:1,
# or 3:1 for large text (24px, or 18.66px bold). The text colour is blended over the background by its alpha and the
# opacity of the elements it sits in; the background is the stack of background colours under the glyph, down to the
# first opaque one (the page's own). One problem per formula, at its palest glyph.
FORMULA_CONTRAST = """() => {
  const rgba = (css) => {
    if (!/^rgba?\\(/.test(css)) throw new Error(`a colour FORMULA_CONTRAST cannot read: ${css}`);
    const [r, g, b, a = 1] = css.match(/[\\d.]+/g).map(Number);
    return [r, g, b, a];
  };
  const over = ([r, g, b, a], [R, G, B]) => [r * a + R * (1 - a), g * a + G * (1 - a), b * a + B * (1 - a)];
  const backgrounds = new Map();
  const background = (element) => {
    if (!element) return [255, 255, 255];
    if (!backgrounds.has(element)) {
      const colour = rgba(getComputedStyle(element).backgroundColor);
      backgrounds.set(element, colour[3] >= 1 ? colour.slice(0, 3) : over(colour, background(element.parentElement)));
    }
    return backgrounds.get(element);
  };
  const opacities = new Map();
  const opacity = (element) => {
    if (!element) return 1;
    if (!opacities.has(element)) opacities.set(element, Number(getComputedStyle(element).opacity) * opacity(element.parentElement));
    return opacities.get(element);
  };
  const luminance = (colour) => {
    const [r, g, b] = colour.map((c) => { c /= 255; return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4; });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b;
  };
  const problems = [];
  for (const html of document.querySelectorAll('.katex-html')) {
    if (!html.checkVisibility({opacityProperty: true, visibilityProperty: true})) continue;
    let worst = null;
    const walker = document.createTreeWalker(html, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const glyph = node.parentElement;
      if (!node.textContent.trim() || !glyph.checkVisibility({visibilityProperty: true})) continue;
      const style = getComputedStyle(glyph);
      const [r, g, b, a] = rgba(style.color);
      const under = background(glyph);
      const drawn = over([r, g, b, a * opacity(glyph)], under);
      const [light, dark] = [luminance(drawn), luminance(under)].sort((x, y) => y - x);
      const ratio = (light + 0.05) / (dark + 0.05);
      const size = parseFloat(style.fontSize);
      const needed = size >= 24 || (size >= 18.66 && Number(style.fontWeight) >= 700) ? 3 : 4.5;
      if (ratio < needed && (!worst || ratio < worst.ratio)) worst = {ratio, needed, colour: style.color, under};
    }
    if (worst) {
      const label = html.closest('.katex')?.getAttribute('aria-label')?.slice(0, 60) ?? '';
      problems.push(`serious formula-contrast: the formula ${JSON.stringify(label)} is drawn at ${worst.ratio.toFixed(2)}:1 `
        + `against its background, ${worst.needed}:1 needed (${worst.colour} on rgb(${worst.under.map(Math.round).join(', ')}))`);
    }
  }
  return problems;
}"""


def axe_problems(page: Page, only: list[str] | None = None) -> list[str]:
    """Serious and critical accessibility violations found by axe-core (injected from node_modules), and formulas
    too pale against their background whenever axe's colour-contrast rule runs (AXE_RUN says why).

    Every rule of axe, or only the rules named in ``only``.
    """
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    problems: list[str] = page.evaluate(AXE_RUN, only)
    if only is None or "color-contrast" in only:
        problems += page.evaluate(FORMULA_CONTRAST)
    return problems


def contrast_problems(page: Page) -> list[str]:
    """Text too pale against its background, in the page's current palette (axe's colour-contrast rule alone, and
    the formulas' own check)."""
    return axe_problems(page, only=["color-contrast"])


# Material gives a code block its copy button when the block first comes on screen (content.lazy):
# scroll to each block that has none yet, as a reader scrolling through does, then back.
# One frame per screenful: the frame's rendering step records which blocks are on screen (the
# IntersectionObserver's entries), and Material adds their buttons from those entries afterwards.
SHOW_CODE = """async () => {
  const [x, y] = [window.scrollX, window.scrollY];
  const frame = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const onScreen = (pre) => { const box = pre.getBoundingClientRect(); return box.bottom > 0 && box.top < window.innerHeight; };
  const seen = new Set();
  for (const pre of document.querySelectorAll('.md-typeset pre:not(.mermaid)')) {
    if (seen.has(pre) || pre.querySelector(':scope > .md-code__nav') || !pre.checkVisibility()) continue;
    pre.scrollIntoView({block: 'center'});
    await frame();
    for (const other of document.querySelectorAll('.md-typeset pre:not(.mermaid)')) if (onScreen(other)) seen.add(other);
  }
  window.scrollTo(x, y);
  await frame();
  await frame();
}"""


def show_code(page: Page) -> None:
    """Scroll to every code block that has no copy button yet, so Material gives it one."""
    page.evaluate(SHOW_CODE)


NO_COPY_BUTTON = """() => [...document.querySelectorAll('.md-typeset pre:not(.mermaid) > code')]
  .filter((code) => !code.closest('pre').querySelector('button[data-md-type=copy]'))
  .map((code) => `a code block has no copy button once scrolled to: "${code.textContent.trim().slice(0, 40)}"`)"""


def copy_button_problems(page: Page) -> list[str]:
    """Every code block has its copy button once a reader has scrolled to it."""
    show_code(page)
    return page.evaluate(NO_COPY_BUTTON)


def reader_problems(visit: Visit, *, wide: bool, axe: bool = True) -> list[str]:
    """Everything a reader of this page in its current palette would run into."""
    page = visit.page
    problems = math_problems(page) + tex_problems(page) + figure_problems(page, palette(page))
    problems += overflow_problems(page, wide)
    if axe:
        problems += axe_problems(page)
    return problems + drain(visit)


def drain(visit: Visit) -> list[str]:
    """What went wrong on the page since the last call."""
    logged, visit.log[:] = list(visit.log), []
    return logged


def screenshot(page: Page, name: str) -> Path | None:
    """A full-page screenshot in .screenshots/ for review, when DLNOTES_SCREENSHOTS is set (CONTRIBUTING)."""
    if not os.environ.get("DLNOTES_SCREENSHOTS"):
        return None
    SCREENSHOTS.mkdir(exist_ok=True)
    path = SCREENSHOTS / f"{name.replace('/', '-')}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def page_id(path: str) -> str:
    return path.strip("/") or "home"


def source_pages(docs: Path = ROOT / "docs") -> dict[str, Path]:
    """Each page's path in the site (MkDocs' directory URLs, '' for home) and its Markdown file."""
    pages = {}
    for source in sorted(docs.rglob("*.md")):
        if source.relative_to(docs).parts[0] == SNIPPETS.name:
            continue  # included into pages, not a page
        name = source.relative_to(docs).with_suffix("").as_posix()
        pages["" if name == "index" else name[: -len("index")] if name.endswith("/index") else name + "/"] = source
    return pages


# What a copy of a pycon block must give: its input lines without their prompts, no output.
SESSION_CODE = """(block) => {
  const lines = [];
  for (const line of block.querySelector('code').textContent.split('\\n')) {
    const prompt = line.match(/^(>>>|\\.\\.\\.)( |$)/);
    if (prompt) lines.push(line.slice(prompt[0].length));
  }
  return lines.join('\\n').trimEnd();
}"""
PROMPT = re.compile(r"^(>>>|\.\.\.)( |$)", re.M)


# The exceptions a session shows, in order: the line that ends each traceback, such as
# "ValueError: shapes ... cannot be broadcast" gives ValueError.
SESSION_ERRORS = """(block) => {
  const names = [];
  let inTraceback = false;
  for (const line of block.querySelector('code').textContent.split('\\n')) {
    if (line.startsWith('Traceback (most recent call last):')) { inTraceback = true; continue; }
    if (!inTraceback || /^\\s/.test(line) || line.startsWith('...')) continue;
    const name = line.match(/^([A-Za-z_][\\w.]*)(:|$)/);
    if (name) names.push(name[1].split('.').pop());
    inTraceback = false;
  }
  return names;
}"""


class Copied(NamedTuple):
    """What a click on a pycon block's copy button put in the clipboard, what is wrong with it, and the
    exceptions the session shows (SESSION_ERRORS)."""

    text: str
    problems: list[str]
    errors: list[str]


# After the click, at once: the clipboard, the session's code, whether the reader still sees its prompts, and
# the exceptions it shows.
AFTER_COPY = f"""async (block) => [
  await navigator.clipboard.readText(),
  ({SESSION_CODE})(block),
  block.querySelector('code').innerText.trimStart().startsWith('>>>'),
  ({SESSION_ERRORS})(block),
]"""


def copy_block(page: Page, index: int) -> Copied:
    """Click the copy button of the index-th pycon block like a reader; return the clipboard and the problems."""
    block = page.locator(".language-pycon").nth(index)
    # On screen, Material gives the block its button; a copy that fails must not read the last one.
    block.evaluate("(block) => { block.scrollIntoView({block: 'center'}); return navigator.clipboard.writeText(''); }")
    block.locator("button[data-md-type=copy]").click()  # waits for the button, moves the mouse over it first
    copied, expected, prompts_shown, errors = block.evaluate(AFTER_COPY)
    problems = []
    where = f"pycon block {index + 1}"
    if PROMPT.search(copied):
        problems.append(f"{where}: the copy holds prompts: {copied!r}")
    # Blank lines carry no code: a traceback's place in the session may leave one, or not.
    if [line for line in copied.splitlines() if line.strip()] != [
        line for line in expected.splitlines() if line.strip()
    ]:
        extra = [line for line in copied.splitlines() if line not in expected.splitlines()]
        problems.append(
            f"{where}: the copy is not the code alone"
            + (f" (lines that are not code: {extra})" if extra else "")
            + f":\ncopied   {copied!r}\nexpected {expected!r}"
        )
    if not prompts_shown:
        problems.append(f"{where}: the reader no longer sees the >>> prompts")
    return Copied(copied, problems, errors)


# Pastes sessions into Python as a reader would: each top-level statement runs in turn, in
# one namespace; an exception is printed and the next statement runs, as in the REPL. It
# fails unless the exceptions raised are exactly those the sessions show, in order.
PASTE = r"""
import ast, json, sys, traceback
namespace = {"__name__": "__main__"}
failed = False
for number, (code, expected) in enumerate(json.load(sys.stdin), 1):
    raised = []
    for statement in ast.parse(code).body:
        try:
            exec(compile(ast.Module([statement], []), f"<pycon block {number}>", "exec"), namespace)
        except Exception as error:
            raised.append(type(error).__name__)
            if type(error).__name__ not in expected:
                traceback.print_exc()
    if raised != expected:
        failed = True
        print(f"pycon block {number}: raised {raised}, the session shows {expected}", file=sys.stderr)
sys.exit(1 if failed else 0)
"""


def session_problems(visit: Visit, source: Path, folder: Path) -> list[str]:
    """Click the copy button of every pycon block like a reader, then paste the sessions in page order into a fresh
    Python (PASTE, run in folder): each copy holds the code alone (copy_block), every statement runs, and the only
    exceptions raised are those the sessions show. The context needs the clipboard (Browsing(clipboard=True)).

    The page's python scripts before a session run in the same namespace as its sessions, so they go into the paste
    too, as their text (they hold no prompts). Code after the last session (a page's closing checks) has no copy
    tested here: sybil runs it with the rest of the page's code. Neither the package source a page shows beside an
    equation (.dlnotes-source) nor a signature of the API reference (inside mkdocstrings' .doc) is the page's code.
    A page without a pycon block must have none in its Markdown either.
    """
    page = visit.page
    blocks = page.locator(".language-pycon").count()
    if not blocks:
        written = [fence for fence in iter_fences(source.read_text(encoding="utf-8")) if fence.language == "pycon"]
        return [f"{len(written)} pycon blocks in {source.name}, none on the page"] if written else []
    kinds = page.locator("div.language-pycon, div.language-python:not(.dlnotes-source)").evaluate_all(
        "(blocks) => blocks.filter((b) => b.classList.contains('language-pycon') || !b.closest('.doc'))"
        ".map((b) => b.classList.contains('language-pycon') ? null : b.querySelector('code').textContent)"
    )
    last_session = max(number for number, script in enumerate(kinds) if script is None)
    sessions: list[tuple[str, list[str]]] = []
    problems: list[str] = []
    index = 0
    for script in kinds[: last_session + 1]:
        if script is not None:
            sessions.append((script, []))
            continue
        copied = copy_block(page, index)
        sessions.append((copied.text, copied.errors))
        problems += copied.problems
        index += 1
    if index != blocks:
        problems.append(f"{index} of the page's {blocks} pycon blocks copied")
    done = subprocess.run(
        [sys.executable, "-c", PASTE],
        input=json.dumps(sessions),
        cwd=folder,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )
    if done.returncode != 0:
        problems.append(f"the copied code fails:\n{done.stderr}")
    return problems


@dataclass(frozen=True)
class FormulaForms:
    """The texts a built page holds for one formula, whitespace removed: KaTeX's glyphs, the readable text the
    search indexes, and the spoken label."""

    html: str
    text: str
    speech: str


def _plain(markup: str) -> str:
    text = html_module.unescape(re.sub(r"<[^>]+>", "", markup))
    return re.sub(r"[\s\u200b]+", "", text)


FORMULA = re.compile(
    r'<dlnotes-formula data-search-exclude><span class="katex" role="math" aria-label="([^"]*)">(.*?)'
    r'</dlnotes-formula><span class="dlnotes-formula-text" hidden>(.*?)</span>',
    re.S,
)


def formula_forms(site: Path) -> list[FormulaForms]:
    """Every distinct formula of a built site, in its three forms (from the math extension's wrappers)."""
    forms = {
        FormulaForms(html=_plain(found[2]), text=_plain(found[3]), speech=_plain(found[1]))
        for page in site.rglob("*.html")
        for found in FORMULA.finditer(page.read_text(encoding="utf-8"))
    }
    return sorted(forms, key=lambda form: form.text)


def snippet_problems(snippet: str, forms: list[FormulaForms]) -> list[str]:
    """TeX source, or one formula written twice in a row in two of its forms, in a search result's text."""
    problems = [f"TeX in a search result: {m.group(0)!r} in {snippet[:100]!r}" for m in TEX.finditer(snippet)]
    flat = re.sub(r"[\s\u200b]+", "", snippet)
    for form in forms:
        if len(form.text) < 3:
            continue  # x, dw: too short to tell a repeat from ordinary text
        texts = {form.html, form.text, form.speech}
        if any(first + second in flat for first in texts for second in texts if first and second):
            problems.append(f"formula {form.text!r} repeated in a search result: {snippet[:100]!r}")
    return problems


# A reST cross-reference role such as :func:`sigmoid`: mkdocstrings renders docstrings as
# Markdown, so a role reaches the API page and the search index as raw text.
REST_ROLE = re.compile(r":(?:func|class|meth|mod|data|attr|exc|obj|ref):")


def rest_role_problems(text: str, where: str) -> list[str]:
    """Each reST role in text (a search result, an entry of the search index), with its surroundings."""
    return [
        f"reST role {found.group(0)!r} in {where}: {text[max(0, found.start() - 40) : found.end() + 40]!r}"
        for found in REST_ROLE.finditer(text)
    ]


def search_index_problems(site: Path) -> list[str]:
    """Every reST role in the built search index (its entries' titles and texts), by entry."""
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return [
        problem
        for entry in index["docs"]
        for problem in rest_role_problems(entry["title"] + "\n" + entry["text"], entry["location"] or "home")
    ]


SEARCH_RESULTS = """() => [...document.querySelectorAll('.md-search-result__item')].map((item) => ({
  href: item.querySelector('a.md-search-result__link')?.href ?? '',
  text: [...item.querySelectorAll('.md-search-result__article')].map((article) => article.innerText).join('\\n'),
}))"""


def search(page: Page, query: str) -> list[dict]:
    """Type a query in the site's search like a reader; return each result's address and text, best first."""
    box = page.locator(".md-search__input")
    if not box.is_visible():
        page.locator("label[for=__search]").first.click()  # on a phone the field opens from the header
    box.focus()  # on a phone the open overlay's results may cover the field's spot: a click would miss it
    box.press("ControlOrMeta+a")
    box.press("Backspace")  # the last query, if any, goes, and its results with it
    page.wait_for_function("() => !/match/i.test(document.querySelector('.md-search-result__meta')?.textContent ?? '')")
    # Material searches on each key a reader releases (keyup), never on a value put in the field: the query
    # less its last character goes in at once, and the last key, typed, searches for the whole of it. One
    # search per query, not one per key.
    box.fill(query[:-1])
    box.press_sequentially(query[-1])
    page.wait_for_function(
        """(query) => {
      const meta = document.querySelector('.md-search-result__meta');
      return document.querySelector('.md-search__input').value === query && meta && /match/i.test(meta.textContent);
    }""",
        arg=query,
    )
    # The results of this query, then (the list is drawn after its count) those that stop changing.
    results = page.evaluate(SEARCH_RESULTS)
    for _ in range(50):
        page.wait_for_timeout(100)
        again = page.evaluate(SEARCH_RESULTS)
        if again == results:
            break
        results = again
    return results


def follow_link(page: Page, url: str) -> None:
    """Click a visible link to url on the page, as a reader would, and wait until its page shows."""
    link = page.evaluate_handle(
        """(url) => [...document.querySelectorAll('a[href]')]
      .find((a) => a.href.split('#')[0] === url && a.checkVisibility())""",
        url,
    )
    element = link.as_element()
    if element is None:
        raise AssertionError(f"no visible link to {url} on {page.url}")
    element.click()
    page.wait_for_function(
        """(url) => location.href.split('#')[0] === url
      && new URL(document.querySelector('link[rel=canonical]')?.href ?? location.href).pathname === new URL(url).pathname""",
        arg=url,
    )
    settle(page)


LINKS = """() => ({
  links: [...document.querySelectorAll('a[href]')].map((a) => a.href),
  ids: [...document.querySelectorAll('[id], a[name]')].map((element) => element.id || element.getAttribute('name')),
})"""


GRID_CODE = """() => [...document.querySelectorAll('.md-typeset .grid > .dlnotes-source pre > code')].flatMap((code) => {
  const name = code.closest('.dlnotes-source').querySelector('.filename')?.textContent ?? code.textContent.slice(0, 40);
  const problems = [];
  if (code.scrollWidth > code.clientWidth + 1) problems.push(`${name}: scrolls sideways by ${code.scrollWidth - code.clientWidth} px`);
  const nav = code.closest('pre').querySelector('.md-code__nav');
  if (nav) {
    const button = nav.getBoundingClientRect();
    const text = document.createTreeWalker(code, NodeFilter.SHOW_TEXT);
    const range = document.createRange();
    while (text.nextNode()) {
      range.selectNodeContents(text.currentNode);
      const under = [...range.getClientRects()].some((r) => r.width && r.left < button.right && r.right > button.left
        && r.top < button.bottom && r.bottom > button.top);
      if (under) { problems.push(`${name}: the copy button covers "${text.currentNode.textContent.trim().slice(0, 40)}"`); break; }
    }
  }
  return problems;
})"""


# Each formula beside code (in a grid): its block does not scroll sideways, and its check mark (the ✓ or ✗ link at
# the block's right) covers none of its glyphs.
GRID_FORMULA = """() => [...document.querySelectorAll('.md-typeset .grid > .dlnotes-math')].flatMap((block) => {
  const label = JSON.stringify(block.querySelector('.katex')?.getAttribute('aria-label')?.slice(0, 60));
  if (block.scrollWidth > block.clientWidth + 1) return [`the formula ${label} scrolls sideways in its column`];
  const mark = block.querySelector(':scope > a.dlnotes-check');
  if (!mark) return [];
  const walker = document.createTreeWalker(block.querySelector('.katex-html'), NodeFilter.SHOW_TEXT);
  let right = -Infinity;
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const range = document.createRange();
    range.selectNodeContents(node);
    for (const box of range.getClientRects()) right = Math.max(right, box.right);
  }
  const covered = right - mark.getBoundingClientRect().left;
  return covered > 0.5 ? [`the check mark covers ${Math.round(covered)}px of the formula ${label}`] : [];
})"""


def grid_formula_problems(page: Page) -> list[str]:
    """A formula beside code fits its column, clear of its check mark (wide screens)."""
    return page.evaluate(GRID_FORMULA)


def grid_code_problems(page: Page) -> list[str]:
    """Code beside its equation: no block scrolls sideways, and the copy button covers no text (wide screens)."""
    show_code(page)
    return page.evaluate(GRID_CODE)


def ids_at(url: str) -> frozenset[str] | None:
    """The ids (anchors) of the page at an address, None if there is none; a file that is no page (dlnotes.pdf) has none."""
    try:
        with urllib.request.urlopen(url, timeout=30) as response:
            if response.headers.get_content_type() != "text/html":
                return frozenset()
            html = response.read().decode("utf-8")
    except urllib.error.HTTPError:
        return None
    return frozenset(re.findall(r'\s(?:id|name)="([^"]+)"', html))


def link_problems(page: Page, base: str, ids_of: Any) -> list[str]:
    """Every link of the page into the site reaches a page that is there, and its #anchor an element of it.

    ids_of(url) gives the ids of the page at url, or None when there is no such page.
    """
    found = page.evaluate(LINKS)
    problems = []
    here = page.url.split("#")[0]
    for href in sorted(set(found["links"])):
        if not href.startswith(base):
            continue  # another host (a link out, never loaded by the page) or javascript:, mailto:
        target, _, anchor = href.partition("#")
        target = target.split("?")[0]
        ids = set(found["ids"]) if target == here else ids_of(target)
        if ids is None:
            problems.append(f"link to a missing page: {href}")
        elif anchor and anchor not in ids:
            problems.append(f"link to a missing anchor: {href}")
    return problems


# What has focus, among the controls a keyboard reader must reach, and whether it shows it:
# a ring (outline or box shadow) on it or on the label that stands for it, that it did not
# have before it had focus, on an element that is visible.
# On a phone the search field hides in an overlay: the search a reader sees is the header's
# magnifier, which must open the overlay and put focus in the field (SEARCH_OPENED).
FOCUS_TARGETS = """() => {
  const magnifier = document.querySelector('.md-header label.md-header__button[for="__search"]');
  const search = magnifier?.checkVisibility() ? '.md-header label.md-header__button[for="__search"]' : '.md-search__input';
  const menu = document.querySelector('.md-header label.md-header__button[for="__drawer"]');
  const kinds = [['search', search], ['palette toggle', 'input[name=__palette]'],
                 ['copy button', 'button[data-md-type=copy]']];
  if (menu?.checkVisibility()) kinds.push(['navigation menu', '.md-header label.md-header__button[for="__drawer"]']);
  const targets = [];
  for (const [kind, selector] of kinds) {
    document.querySelectorAll(selector).forEach((element, index) => targets.push([element, kind === 'copy button' ? `${kind} ${index + 1}` : kind]));
  }
  return targets;
}"""
FOCUS_SETUP = f"""() => {{
  const ring = (element) => {{ const s = getComputedStyle(element); return `${{s.outlineStyle}} ${{s.outlineWidth}} ${{s.outlineColor}} | ${{s.boxShadow}}`; }};
  const shows = (element) => [element, ...(element.labels ?? []), element.nextElementSibling?.tagName === 'LABEL' ? element.nextElementSibling : null]
    .filter(Boolean);
  window.dlnotesFocus = {{ring, shows, before: new Map(), kinds: new Map()}};
  for (const [element, kind] of ({FOCUS_TARGETS})()) {{
    window.dlnotesFocus.kinds.set(element, kind);
    for (const shown of shows(element)) window.dlnotesFocus.before.set(shown, ring(shown));
  }}
  return [...new Set(window.dlnotesFocus.kinds.values())];
}}"""
FOCUSED = """() => {
  const {ring, shows, before, kinds} = window.dlnotesFocus;
  const element = document.activeElement;
  if (!kinds.has(element)) return null;
  const visible = (shown) => shown.checkVisibility({opacityProperty: true, visibilityProperty: true}) && shown.getBoundingClientRect().width > 0;
  const drawn = (shown) => {
    const s = getComputedStyle(shown);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1 && !/rgba\\(.*, 0\\)$|transparent/.test(s.outlineColor);
    return (outline || s.boxShadow !== 'none') && ring(shown) !== before.get(shown);
  };
  return [kinds.get(element), shows(element).some((shown) => visible(shown) && drawn(shown))];
}"""


# A tab stop a reader cannot see: the focused element lies wholly beside the viewport (such as
# a link in a closed navigation drawer). Returns a short description of it, or null.
OFF_SCREEN = """() => {
  const element = document.activeElement;
  if (!element || element === document.body) return null;
  const box = element.getBoundingClientRect();
  if (box.right > 0 && box.left < window.innerWidth) return null;
  return `${element.tagName.toLowerCase()} "${(element.textContent || element.getAttribute('aria-label') || '').trim().slice(0, 40)}"`;
}"""


ON_MAGNIFIER = "() => document.activeElement?.matches('.md-header label.md-header__button[for=\"__search\"]') ?? false"
# The search field, focused and shown with a ring once the overlay has finished opening.
SEARCH_OPENED = """() => {
  const field = document.querySelector('.md-search__input');
  if (document.activeElement !== field) return false;
  const s = getComputedStyle(field);
  return field.checkVisibility({opacityProperty: true, visibilityProperty: true})
    && s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 1;
}"""


def key_problems(page: Page, steps: list[tuple[str, str, str]]) -> list[str]:
    """Press each key in turn and wait until its condition holds; the first that never does is the problem."""
    for key, condition, problem in steps:
        page.keyboard.press(key)
        try:
            page.wait_for_function(condition, timeout=3000)
        except PlaywrightTimeoutError:
            return [problem]
    return []


def search_overlay_problems(page: Page) -> list[str]:
    """Enter on the focused magnifier opens the search with focus and a ring in its field; Escape gives focus back."""
    return key_problems(
        page,
        [
            ("Enter", SEARCH_OPENED, "Enter on the search toggle does not put focus, with a ring, in the search field"),
            ("Escape", ON_MAGNIFIER, "Escape from the search field does not give focus back to the search toggle"),
        ],
    )


MENU = '.md-header label.md-header__button[for="__drawer"]'
ON_MENU = f"() => document.activeElement?.matches('{MENU}') ?? false"
# Focus on a link of the open drawer, on screen.
IN_DRAWER = """() => {
  const element = document.activeElement;
  const drawer = document.querySelector('.md-sidebar--primary');
  if (!drawer || drawer.inert || !drawer.contains(element)) return false;
  const box = element.getBoundingClientRect();
  return box.width > 0 && box.right > 0 && box.left < window.innerWidth;
}"""
DRAWER_CLOSED = """() => !document.getElementById('__drawer').checked
  && document.querySelector('.md-sidebar--primary').inert"""


def drawer_problems(page: Page) -> list[str]:
    """Enter on the focused menu button opens the drawer with focus in it; Escape closes it and gives focus back."""
    closed_on_menu = f"() => ({DRAWER_CLOSED})() && ({ON_MENU})()"
    return key_problems(
        page,
        [
            ("Enter", IN_DRAWER, "Enter on the navigation menu does not put focus in the open drawer"),
            ("Escape", closed_on_menu, "Escape does not close the drawer and give focus back to the navigation menu"),
        ],
    )


# The walk's recorder: on each focus a Tab gives, what keyboard_problems looks at, recorded in the page as it
# happens: [what is focused off screen, the control focused and its ring, focus on the magnifier, focus on the
# menu]. It stops recording once every wanted control has been reached, or when focus comes back to an element
# it already had (Tab went round the page: nothing new can come), and ignores focus while a key other than Tab
# is tried (paused).
WALK_SETUP = f"""() => {{
  const wanted = ({FOCUS_SETUP})();
  const walk = window.dlnotesWalk = {{log: [], seen: new Set(), reached: new Set(), done: false, paused: false}};
  document.addEventListener('focusin', () => {{
    document.getElementById('dlnotes-tab-start')?.remove();
    const element = document.activeElement;
    if (walk.done || walk.paused || !element || element === document.body) return;
    if (walk.seen.has(element)) {{ walk.done = true; return; }}
    walk.seen.add(element);
    const step = [({OFF_SCREEN})(), ({FOCUSED})(), ({ON_MAGNIFIER})(), ({ON_MENU})()];
    walk.log.push(step);
    if (step[1]) walk.reached.add(step[1][0]);
    if (wanted.every((kind) => walk.reached.has(kind))) walk.done = true;
  }}, true);
  return wanted;
}}"""
WALK_STATE = "() => [window.dlnotesWalk.done, window.dlnotesWalk.log.at(-1) ?? null]"
# Tabs pressed between two looks at the recorder once the header is behind: a look costs a round trip to the page.
BATCH = 16


def keyboard_problems(page: Page, max_tabs: int = 1000) -> list[str]:
    """Tab from the top of the page: it must reach the search, the palette toggle, each copy button and (on a phone)
    the navigation menu, each with a focus ring, and never stop on anything off screen.

    On a phone the search it must reach is the header's magnifier, which Enter must open (search_overlay_problems),
    and the menu button must open the drawer with focus in it (drawer_problems): each is tried when Tab first
    reaches it. The page records each focus itself (WALK_SETUP) and says when the walk is done.
    """
    show_code(page)  # every copy button exists, as after a reader's scroll through the page
    wanted = set(page.evaluate(WALK_SETUP))
    # Start at the top: a focused placeholder before everything (blur alone would leave the
    # starting point of Tab at whatever a click last focused, such as the palette toggle).
    page.evaluate("""() => {
      const start = document.createElement('span');
      start.tabIndex = -1;
      start.id = 'dlnotes-tab-start';
      document.body.prepend(start);
      start.focus();
    }""")
    problems: list[str] = []
    header = {"search", "navigation menu"} & wanted
    tried: set[str] = set()
    tabs = 0
    while tabs < max_tabs:
        # Until the header's controls have had their keys tried, one Tab at a time; then the page's recorder
        # is asked only every BATCH Tabs (Tabs after the walk is done are not recorded).
        batch = 1 if tried < header else min(BATCH, max_tabs - tabs)
        for _ in range(batch):
            page.keyboard.press("Tab")
        tabs += batch
        done, last = page.evaluate(WALK_STATE)
        kind = last[1][0] if last and last[1] else None
        if kind in header and kind not in tried:
            tried.add(kind)
            on_button, keys = (last[2], search_overlay_problems) if kind == "search" else (last[3], drawer_problems)
            if on_button:  # the header's magnifier or menu button, on a phone
                page.evaluate("() => { window.dlnotesWalk.paused = true; }")
                problems += keys(page)
                page.evaluate("() => { window.dlnotesWalk.paused = false; }")
        if done:
            break
    reached: dict[str, bool] = {}
    off_screen: list[str] = []
    for hidden, focused, _, _ in page.evaluate("() => window.dlnotesWalk.log"):
        if hidden:
            off_screen.append(hidden)
        if focused:
            reached.setdefault(focused[0], focused[1])
    problems += [f"Tab never reaches the {kind}" for kind in sorted(wanted - reached.keys())]
    problems += [f"the {kind} shows no focus ring" for kind, ring in sorted(reached.items()) if not ring]
    if off_screen:
        problems.append(f"Tab stops {len(off_screen)} times off screen, first on {off_screen[0]}")
    if not {"search", "palette toggle"} <= wanted:
        problems.append(f"no search field or palette toggle on the page (found {sorted(wanted)})")
    return problems
