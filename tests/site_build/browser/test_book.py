"""The notes as one PDF (make pdf), checked as a reader would look at it.

The book is printed once per session (the `book` fixture of conftest.py) and published beside the
pages, as the Pages workflow does (`published`).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pypdfium2
import pytest

from dlnotes.site_build.pdf import BookError, book_parts, make_book
from tests.site_build.helpers import ROOT
from tests.site_build.test_pages import DOCS, QUESTION_PAGES

TEX = re.compile(r"\$\$|\\[A-Za-z]+|\\[(\[]")


def part_html(site: Path, path: str) -> str:
    return (site / path / "index.html").read_text(encoding="utf-8")


def article_of(page: str) -> str:
    """The page's article, the part of it the book prints."""
    return page.split('<article class="md-content__inner md-typeset">', 1)[1].split("</article>", 1)[0]


def heading(page: str) -> str:
    """The page's title, its h1 without the permalink."""
    found = re.search(r"<h1[^>]*>(.*?)</h1>", page, re.S)
    assert found, "a page without a title"
    h1 = found.group(1)
    return html.unescape(re.sub(r"<[^>]+>", "", re.sub(r'<a class="headerlink".*?</a>', "", h1)))


def squeezed(text: str) -> str:
    """Text without any whitespace: a line wrapped at the margin and the same line unwrapped compare equal."""
    return re.sub(r"\s+", "", text)


def sheet_texts(pdf: pypdfium2.PdfDocument) -> list[str]:
    """The text a reader can select on each sheet, as PDFium (Chromium's own PDF reader) extracts it.

    PDFium gives a hyphen that ends a line as U+FFFE, its mark for a hyphen it may join across the break; the
    code's own hyphen is what was printed ("Project-URL" wrapped after its hyphen), so it is put back.
    """
    texts = []
    for sheet in pdf:
        text = sheet.get_textpage()
        texts.append(text.get_text_range().replace("\ufffe", "-"))
        text.close()
        sheet.close()
    return texts


@pytest.fixture(scope="module")
def pdf(book: Path) -> Iterator[pypdfium2.PdfDocument]:
    document = pypdfium2.PdfDocument(book)
    yield document
    document.close()


@pytest.fixture(scope="module")
def pdf_text(pdf: pypdfium2.PdfDocument) -> list[str]:
    return sheet_texts(pdf)


def test_the_book_has_a_title_page_contents_and_every_part_in_order(built_site, pdf, pdf_text):
    parts = book_parts(ROOT / "mkdocs.yml")
    titles = [heading(part_html(built_site, part.path)) for part in parts]
    # The question pages in the nav's order, then notation and errata; no home page, API or gallery.
    questions = [path.relative_to(DOCS).with_suffix("").as_posix() + "/" for path in QUESTION_PAGES]
    assert sorted(p.path for p in parts[:-2]) == sorted(questions)
    assert [p.path for p in parts][-2:] == ["notation/", "errata/"]
    outline = [entry.get_title() for entry in pdf.get_toc() if entry.level == 0]
    assert outline[0] == "dlnotes"
    assert outline[1:] == titles
    assert "dlnotes" in pdf_text[0]
    assert "Contents" in pdf_text[1]
    contents = squeezed(pdf_text[1])
    assert [contents.find(squeezed(p.title)) for p in parts] == sorted(contents.find(squeezed(p.title)) for p in parts)
    assert all(squeezed(p.title) in contents for p in parts)
    assert len(pdf) > 3 * len(parts)  # a page per printed sheet, not one long page per part


def test_its_text_is_selectable_and_holds_no_raw_tex(pdf_text):
    blank = [number for number, text in enumerate(pdf_text, 1) if len(text.split()) < 5]
    assert not blank, f"sheets with no selectable text: {blank}"
    leaks = {number: TEX.findall(text) for number, text in enumerate(pdf_text, 1) if TEX.search(text)}
    assert not leaks, f"raw TeX in the PDF's text: {leaks}"


def test_every_figure_of_every_part_is_in_it(built_site, pdf_text):
    everything = squeezed(" ".join(pdf_text))
    captions = []
    for part in book_parts(ROOT / "mkdocs.yml"):
        article = article_of(part_html(built_site, part.path))
        for caption in re.findall(r"<figcaption>(.*?)</figcaption>", article, re.S):
            # Its longest run of plain words: the math in a caption is KaTeX markup, printed as glyphs.
            prose = re.sub(r"<dlnotes-formula\b.*?</dlnotes-formula>", " ", caption, flags=re.S)
            captions.append(max((html.unescape(run) for run in re.split(r"<[^>]+>", prose)), key=len))
    assert len(captions) >= 10
    # make_book refuses a figure whose image did not load; its caption proves it was printed at all.
    missing = [caption for caption in captions if squeezed(caption) not in everything]
    assert not missing, f"figures missing from the PDF: {missing}"


def test_no_line_of_code_is_cut_at_the_margin(built_site, pdf_text):
    everything = squeezed(" ".join(pdf_text))
    checked = 0
    for part in book_parts(ROOT / "mkdocs.yml"):
        article = article_of(part_html(built_site, part.path))
        for block in re.findall(r"<pre[^>]*>(.*?)</pre>", article, re.S):
            code = html.unescape(re.sub(r"<[^>]+>", "", block))
            longest = max(code.splitlines(), key=len)
            assert squeezed(longest) in everything, f"{part.path}: cut or missing: {longest}"
            checked += 1
    assert checked >= 50


def test_wide_code_stops_the_book_instead_of_being_cut(built_site, browser, tmp_path):
    """Without the print stylesheet's wrapping, make_book refuses to print (so the check above can fail)."""
    site = tmp_path / "site"
    shutil.copytree(built_site, site, ignore=shutil.ignore_patterns("*.ipynb", "*.whl", "dlnotes.pdf"))
    print_css = site / "assets" / "stylesheets" / "print.css"
    text = print_css.read_text(encoding="utf-8")
    assert "white-space: pre-wrap !important;" in text
    print_css.write_text(text.replace("white-space: pre-wrap !important;", "white-space: pre !important;"))
    with pytest.raises(BookError, match="code wider than the sheet"):
        make_book(
            site,
            tmp_path / "cut.pdf",
            ROOT / "mkdocs.yml",
            epoch=0,
            only=["notes/logistic-regression/"],
            browser=browser,
        )


def test_the_same_commit_prints_the_same_bytes(built_site, browser, tmp_path):
    first = make_book(
        built_site, tmp_path / "a.pdf", ROOT / "mkdocs.yml", epoch=1_700_000_000, only=["notation/"], browser=browser
    )
    second = make_book(
        built_site, tmp_path / "b.pdf", ROOT / "mkdocs.yml", epoch=1_700_000_000, only=["notation/"], browser=browser
    )
    assert first.read_bytes() == second.read_bytes()
    assert b"/CreationDate (D:20231114221320+00'00')" in first.read_bytes()


def test_the_home_page_links_the_book(published, book):
    assert (published / "dlnotes.pdf").read_bytes() == book.read_bytes()
    assert re.search(r'<a[^>]* href="dlnotes\.pdf"', (published / "index.html").read_text(encoding="utf-8"))


def test_without_chromium_make_pdf_says_what_to_install_in_one_line(built_site, tmp_path):
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "dlnotes.site_build.pdf",
            "--site",
            str(built_site),
            "--output",
            str(tmp_path / "x.pdf"),
        ],
        capture_output=True,
        text=True,
        env={"PATH": "/usr/bin:/bin", "DLNOTES_CHROMIUM": "no-such-chromium", "HOME": str(tmp_path)},
        cwd=ROOT,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1
    assert "Chromium" in result.stderr
    assert not (tmp_path / "x.pdf").exists()


PRINTED = """() => {
  const shown = (selector) => [...document.querySelectorAll(selector)].filter((node) => node.checkVisibility());
  return {
    background: getComputedStyle(document.body).backgroundColor,
    text: getComputedStyle(document.querySelector('.md-typeset p')).color,
    dark_figures: shown('img[src$="#only-dark"]').length,
    light_figures: shown('img[src$="#only-light"]').map((image) => image.naturalWidth),
    chrome: shown('.md-header, .md-sidebar, .md-footer, .md-search').length,
    grids: [...document.querySelectorAll('.md-typeset .grid')].map((grid) => getComputedStyle(grid).display),
  };
}"""


def test_a_page_printed_from_a_dark_browser_is_light_stacked_and_unfolded(browser, site, tmp_path):
    """What a reader gets from the browser's Print on the sigmoid page, read in the dark palette."""
    context = browser.new_context(color_scheme="dark")
    page = context.new_page()
    page.goto(site.base + "notes/sigmoid/", wait_until="load")
    assert page.evaluate("document.body.dataset.mdColorScheme") == "slate"
    folded = page.evaluate("[...document.querySelectorAll('details')].map((d) => d.textContent)")
    assert folded, "the page has folded blocks to print"
    pdf = tmp_path / "sigmoid.pdf"
    pdf.write_bytes(page.pdf(format="A4"))  # fires beforeprint, as the browser's Print does
    page.emulate_media(media="print")
    printed = page.evaluate(PRINTED)
    context.close()
    assert printed["background"] in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    assert printed["text"].startswith("rgba(0, 0, 0")
    assert printed["dark_figures"] == 0
    assert printed["light_figures"]
    assert all(printed["light_figures"])
    assert printed["chrome"] == 0
    assert set(printed["grids"]) == {"block"}
    printout = pypdfium2.PdfDocument(pdf)
    text = squeezed(" ".join(sheet_texts(printout)))
    printout.close()
    # Solutions and "Going further" print open: the last words of every folded block are on paper.
    missing = [block.split()[-6:] for block in folded if squeezed(" ".join(block.split()[-6:])) not in text]
    assert not missing, f"folded blocks missing from the print: {missing}"
