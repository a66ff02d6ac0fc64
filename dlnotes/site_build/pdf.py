"""``make pdf``: the notes as one PDF, ``dlnotes.pdf``, printed by Chromium from the built site.

``python -m dlnotes.site_build.pdf [--site site] [--output site/dlnotes.pdf]``

Nothing is typeset twice: the book is the site's own HTML (KaTeX's output, the SVG figures, the
highlighted code) gathered into one document and printed with the site's print stylesheet
(``docs/assets/stylesheets/print.css``). Its parts are the pages of the navigation in order, less
the home page, the API reference and the figures gallery, which repeats the pages' figures.
A link between two parts becomes a link inside the PDF; a link to another page of the site points
at the published site. Chromium stamps the time of printing into the file; it is replaced by the
time of the last commit (SOURCE_DATE_EPOCH), so the same commit gives the same bytes.
"""

from __future__ import annotations

import argparse
import functools
import http.server
import os
import re
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from mkdocs.utils.yaml import yaml_load

from dlnotes.site_build.chromium import find_chromium

LEFT_OUT = {"index.md", "reference/api.md", "reference/models.md", "figures.md"}
# The width Chromium lays an A4 sheet out at, between margins of 16 mm: 178 mm at 96 px an inch.
A4_MARGIN_MM = 16
A4_TEXT_WIDTH_PX = round((210 - 2 * A4_MARGIN_MM) / 25.4 * 96)
FOOTER = (
    '<div style="font-size:8px;width:100%;text-align:center;color:#666">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


class BookError(RuntimeError):
    """The book cannot be made: no Chromium, a page missing from the site, a figure that did not load."""


@dataclass(frozen=True)
class Part:
    """One page of the site that the book prints: its title in the navigation and its address in the site."""

    title: str
    path: str  # "notes/sigmoid/", relative to the site's root


def book_parts(config_file: Path) -> list[Part]:
    """The pages the book prints, in the navigation's order, from ``mkdocs.yml``."""
    config = yaml_load(config_file.read_text(encoding="utf-8"))
    return [Part(title, _address(file)) for title, file in _walk(config.get("nav") or []) if file not in LEFT_OUT]


def _walk(nav: list[Any]) -> Iterator[tuple[str, str]]:
    for entry in nav:
        if isinstance(entry, str):
            yield entry, entry
            continue
        for title, value in entry.items():
            if isinstance(value, list):
                yield from _walk(value)
            else:
                yield title, value


def _address(file: str) -> str:
    """Where MkDocs (use_directory_urls, its default) writes a page: notes/sigmoid.md is notes/sigmoid/."""
    stem = file.removesuffix(".md")
    return "" if stem == "index" else stem.removesuffix("/index") + "/"


def published_address(site: Path) -> str:
    """The address the site was built for: the shortest address in its sitemap, the home page."""
    locations = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    if not locations:
        raise BookError(f"{site / 'sitemap.xml'} lists no page: build the site first (make build)")
    return min(locations, key=len)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@contextmanager
def served(site: Path) -> Iterator[str]:
    """The built site served on 127.0.0.1 at a free port, for as long as the block runs."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


# Runs in the home page: fetches each part, takes its article, makes its ids unique to the part,
# turns links between parts into links inside the book, opens every folded block, keeps the light
# variant of each figure, and replaces the home page's article with the book. Resolves once every
# image has loaded, with the ones that did not.
ASSEMBLE = r"""
async ({parts, title, subtitle, date, published}) => {
  const here = new URL(location.href);
  const partOf = new Map(parts.map((part, index) => [new URL(part.path, here).pathname, `part-${index + 1}`]));
  const book = document.createElement('div');
  book.innerHTML = `<section class="dlnotes-book-title"><h1>${title}</h1><p>${subtitle}</p><p>${date}</p></section>
    <section class="dlnotes-book-part dlnotes-book-contents"><h2 id="contents">Contents</h2><ul></ul></section>`;
  const contents = book.querySelector('ul');
  for (const [index, part] of parts.entries()) {
    const id = `part-${index + 1}`;
    const address = new URL(part.path, here);
    const response = await fetch(address);
    if (!response.ok) throw new Error(`${part.path}: ${response.status}`);
    const page = new DOMParser().parseFromString(await response.text(), 'text/html');
    const article = page.querySelector('article.md-content__inner');
    if (!article) throw new Error(`${part.path}: no article`);
    article.querySelectorAll('.headerlink, .dlnotes-notebook, .md-source-file').forEach((node) => node.remove());
    article.querySelectorAll('[id]').forEach((node) => { node.id = `${id}-${node.id}`; });
    article.querySelectorAll('a[href]').forEach((link) => {
      const target = new URL(link.getAttribute('href'), address);
      if (target.origin !== here.origin) return;
      const inBook = partOf.get(target.pathname);
      if (inBook) {
        link.setAttribute('href', '#' + (target.hash ? `${inBook}-${target.hash.slice(1)}` : inBook));
      } else {
        link.setAttribute('href', new URL(target.pathname.slice(1) + target.hash, published).href);
        link.dataset.site = '';  // the site's own page (the API reference): its address is not printed
      }
    });
    article.querySelectorAll('img').forEach((image) => {
      const source = image.getAttribute('src');
      if (source.endsWith('#only-dark')) { image.remove(); return; }
      image.setAttribute('src', new URL(source, address).href);
      image.loading = 'eager';
    });
    article.querySelectorAll('details').forEach((details) => { details.open = true; });
    const section = document.createElement('section');
    section.className = 'dlnotes-book-part md-typeset';
    section.id = id;
    section.append(...article.childNodes);
    book.append(section);
    const item = document.createElement('li');
    item.innerHTML = `<a href="#${id}"></a>`;
    item.firstChild.textContent = part.title;
    contents.append(item);
  }
  const home = document.querySelector('article.md-content__inner');
  home.replaceChildren(...book.childNodes);
  document.body.setAttribute('data-md-color-scheme', 'default');
  document.title = title;
  await Promise.all([...document.images].map((image) => image.complete ? null
    : new Promise((done) => { image.onload = image.onerror = done; })));
  return [...document.images].filter((image) => !image.naturalWidth).map((image) => image.src);
}
"""

# Under print media at the sheet's width: the longest line of each code block whose text reaches past
# the block's right edge, where the sheet would cut it.
CUT_CODE = r"""
() => [...document.querySelectorAll('.md-typeset pre > code')].filter((code) => {
  const text = document.createRange();
  text.selectNodeContents(code);
  return text.getBoundingClientRect().right > code.getBoundingClientRect().right + 1;
}).map((code) => code.textContent.split('\n').reduce((a, b) => (b.length > a.length ? b : a), ''))
"""


def pdf_date(epoch: int) -> bytes:
    """A PDF date for ``epoch`` in UTC, as Chromium writes its own: ``D:YYYYMMDDHHmmss+00'00'``."""
    return time.strftime("D:%Y%m%d%H%M%S+00'00'", time.gmtime(epoch)).encode()


def fix_dates(pdf: bytes, epoch: int) -> bytes:
    """The PDF with the times Chromium stamped replaced by ``epoch``: same length, so no offset moves."""

    def replace(match: re.Match[bytes]) -> bytes:
        stamp = pdf_date(epoch)
        if len(stamp) != len(match.group(2)):
            raise BookError(f"unexpected PDF date {match.group(2)!r}")
        return match.group(1) + stamp + b")"

    return re.sub(rb"(/(?:CreationDate|ModDate) ?\()(D:[^)]*)\)", replace, pdf)


def fix_node_ids(pdf: bytes) -> bytes:
    """The PDF with Chromium's structure ids (``node00051603``, taken from its DOM node numbers, which vary
    from run to run) renumbered in order of first appearance, at the same width, so references still match."""
    seen: dict[bytes, bytes] = {}

    def renumber(match: re.Match[bytes]) -> bytes:
        digits = match.group(1)
        if digits not in seen:
            seen[digits] = str(len(seen)).zfill(len(digits)).encode()
        return b"(node" + seen[digits] + b")"

    return re.sub(rb"\(node(\d+)\)", renumber, pdf)


def make_book(
    site: Path, output: Path, config_file: Path, epoch: int, only: list[str] | None = None, browser: Any = None
) -> Path:
    """Print the book of the built ``site`` into ``output`` with the system's Chromium.

    ``only`` keeps the parts at those addresses (``["notation/"]``): a short book, for tests.
    ``browser`` is a Playwright browser already running (the tests'); without it one is launched.
    """
    if browser is not None:
        return _print_book(browser, site, output, config_file, epoch, only)
    chromium, reason = find_chromium()
    if chromium is None:
        raise BookError(f"make pdf needs Chromium: {reason}")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:  # the docs set-up installs it; a bare pip install may not
        raise BookError("make pdf needs Playwright for Python: run make setup") from error
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=chromium, args=["--disable-background-networking"])
        try:
            return _print_book(launched, site, output, config_file, epoch, only)
        finally:
            launched.close()


def _print_book(browser: Any, site: Path, output: Path, config_file: Path, epoch: int, only: list[str] | None) -> Path:
    config = yaml_load(config_file.read_text(encoding="utf-8"))
    parts = [part for part in book_parts(config_file) if only is None or part.path in only]
    details = {
        "parts": [{"title": part.title, "path": part.path} for part in parts],
        "title": config.get("site_name", "dlnotes"),
        "subtitle": " ".join(str(config.get("site_description", "")).split()),
        "date": time.strftime("%d %B %Y", time.gmtime(epoch)),
        "published": published_address(site),
    }
    with served(site) as base:
        context = browser.new_context(viewport={"width": A4_TEXT_WIDTH_PX, "height": 1000}, color_scheme="light")
        try:
            page = context.new_page()
            page.route(re.compile(r"^(?!http://127\.0\.0\.1)"), lambda route: route.abort())
            page.goto(base, wait_until="load")
            page.emulate_media(media="print")
            broken = page.evaluate(ASSEMBLE, details)
            if broken:
                raise BookError(f"figures that did not load: {', '.join(broken)}")
            page.evaluate("document.fonts.ready")
            cut = page.evaluate(CUT_CODE)
            if cut:
                raise BookError("code wider than the sheet: " + "; ".join(line.strip()[:80] for line in cut))
            pdf = page.pdf(
                format="A4",
                margin=dict.fromkeys(("top", "bottom", "left", "right"), f"{A4_MARGIN_MM}mm"),
                print_background=True,
                display_header_footer=True,
                header_template="<span></span>",
                footer_template=FOOTER,
                outline=True,
                tagged=True,
            )
        finally:
            context.close()
    output.parent.mkdir(parents=True, exist_ok=True)
    output.write_bytes(fix_node_ids(fix_dates(pdf, epoch)))
    return output


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dlnotes.site_build.pdf", description=__doc__)
    parser.add_argument("--site", default="site", type=Path, help="the built site (default: site)")
    parser.add_argument("--output", type=Path, help="where to write the PDF (default: SITE/dlnotes.pdf)")
    parser.add_argument("--config", default="mkdocs.yml", type=Path, help="the site's mkdocs.yml")
    options = parser.parse_args(argv)
    output = options.output or options.site / "dlnotes.pdf"
    epoch = int(os.environ.get("SOURCE_DATE_EPOCH", "0") or 0)
    try:
        make_book(options.site, output, options.config, epoch)
    except BookError as error:
        print(error, file=sys.stderr)
        return 1
    print(f"wrote {output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
