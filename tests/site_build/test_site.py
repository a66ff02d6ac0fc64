"""The built site: math rendered, nothing loaded from elsewhere, copy button, deterministic."""

from __future__ import annotations

import filecmp
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from dlnotes.site_build import errata
from tests.site_build.helpers import ROOT, SNIPPETS, prose
from tests.site_build.test_pages import DOCS
from tests.site_build.test_pages import QUESTION_PAGES as QUESTIONS

SAMPLE_PAGE = "notes/sigmoid"  # a question page with formulas, pycon sessions and a figure

CODE_LIKE = re.compile(r"<(code|pre|annotation|script|style)\b[^>]*>.*?</\1>", re.S)
TEX_LEFTOVERS = re.compile(
    r"\$\$|\\\(|\\\[|\\(?:frac|sigma|sum|hat|text|begin|mathbb|partial)\b|(?<![\w$])\$[^$\s<][^$<]*?\$"
)
# Tags and attributes through which a page makes the browser fetch something.
LOADING = {
    ("script", "src"),
    ("img", "src"),
    ("img", "srcset"),
    ("iframe", "src"),
    ("source", "src"),
    ("source", "srcset"),
    ("video", "src"),
    ("video", "poster"),
    ("audio", "src"),
    ("embed", "src"),
    ("object", "data"),
    ("image", "href"),
    ("use", "href"),
    ("track", "src"),
    ("input", "src"),
}
LINK_LOADS = {
    "stylesheet",
    "preload",
    "modulepreload",
    "prefetch",
    "preconnect",
    "dns-prefetch",
    "icon",
    "apple-touch-icon",
    "manifest",
    "mask-icon",
}


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def is_remote(url: str) -> bool:
    url = url.strip()
    return bool(urlsplit(url).netloc) or url.startswith("//")


class LoadCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.loads: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name: value or "" for name, value in attrs}
        for name, value in values.items():
            if (tag, name) in LOADING:
                self.loads.extend(part.strip().split(" ")[0] for part in value.split(","))
            if name == "style":
                self.loads.extend(re.findall(r"url\(\s*['\"]?([^'\")]+)", value))
        if tag == "link" and LINK_LOADS & set(values.get("rel", "").lower().split()):
            self.loads.append(values.get("href", ""))


def test_no_tex_is_left_outside_code(built_site):
    offenders = []
    for page in pages(built_site):
        text = CODE_LIKE.sub("", page.read_text(encoding="utf-8"))
        text = re.sub(r'aria-label="[^"]*"', "", text)  # a formula's spoken form may say "Superscript"
        offenders += [f"{page.relative_to(built_site)}: {m.group(0)!r}" for m in TEX_LEFTOVERS.finditer(text)]
    assert not offenders, offenders


def test_every_formula_is_katex_html_with_its_spoken_form(built_site):
    from dlnotes.site_build.equations.symbols import markdown_table
    from dlnotes.site_build.math_md import DISPLAY_MATH, INLINE_MATH, SYMBOLS_MARKER

    checked = 0
    from dlnotes.site_build.fence_kinds import expand_snippets

    for source in sorted((ROOT / "docs").rglob("*.md")):
        if source.parent.name == "reference" or SNIPPETS in source.parents:
            continue  # the API pages: their formulas come from docstrings, counted below; snippets: counted where included
        page = expand_snippets(source.read_text(encoding="utf-8"), [ROOT])  # a snippet's formulas are the page's
        if errata.MARKER in page:  # the errata page's entries, and their formulas, come from the question pages
            page = errata.expand(page, [errata.Page(p.relative_to(DOCS).as_posix(), p.read_text()) for p in QUESTIONS])
        # the notation page's tables come from the symbol file
        page = SYMBOLS_MARKER.sub(lambda found: markdown_table(found["section"]), page)
        text = prose(page, code_spans=False)  # where formulas can be
        displays = len(DISPLAY_MATH.findall(text))
        inlines = len(re.findall(INLINE_MATH, DISPLAY_MATH.sub("", text)))
        relative = source.relative_to(ROOT / "docs").with_suffix("")
        built = built_site / ("index.html" if relative.name == "index" else relative / "index.html")
        html = built.read_text(encoding="utf-8")
        html = re.sub(r"<figcaption>.*?</figcaption>", "", html, flags=re.S)  # captions come from the registry
        assert html.count('class="katex-display"') == displays, source
        assert len(re.findall(r'<span class="katex" role="math" aria-label="[^"]+">', html)) == displays + inlines
        assert "<math" not in html, source  # KaTeX's hidden MathML is left out: the label speaks
        checked += displays + inlines
    assert checked > 100  # the question pages are full of formulas
    api = [(built_site / "reference" / name / "index.html").read_text(encoding="utf-8") for name in ("api", "models")]
    assert all(page.count('class="katex-display"') >= 5 for page in api)  # the equations stated in the docstrings


def test_nothing_is_loaded_from_another_host(built_site):
    remote = []
    for page in pages(built_site):
        collector = LoadCollector()
        collector.feed(page.read_text(encoding="utf-8"))
        remote += [f"{page.relative_to(built_site)}: {url}" for url in collector.loads if is_remote(url)]
    for sheet in built_site.rglob("*.css"):
        text = sheet.read_text(encoding="utf-8")
        urls = re.findall(r"url\(\s*['\"]?([^'\")]+)", text) + re.findall(
            r"@import\s+(?:url\()?['\"]?([^'\");\s]+)", text
        )
        # data: URIs embed SVG icons whose xmlns names a namespace, not a fetch
        remote += [
            f"{sheet.relative_to(built_site)}: {url}" for url in urls if is_remote(url) and not url.startswith("data:")
        ]
    assert not remote, remote


# Absolute URLs in the theme's JavaScript that are fetched only under conditions this site
# never meets; each condition is checked below, so the list cannot silently grow.
CONDITIONAL_JS_LOADS = {
    "https://unpkg.com/mermaid": "only for pages with a mermaid diagram",
    "https://unpkg.com/resize-observer-polyfill": "only in browsers without ResizeObserver (none since 2020)",
    "https://api.github.com/repos/": "only for a repo link marked data-md-component=source",
    "https://api.github.com/users/": "only for a repo link marked data-md-component=source",
}
FETCHING_CALL = re.compile(r"""(?:fetch|importScripts|watchScript|\.src\s*=|open\()\s*\(?\s*[`"'](https?://[^`"']+)""")


def test_scripts_fetch_nothing_from_another_host(built_site):
    for page in pages(built_site):
        text = page.read_text(encoding="utf-8")
        assert 'class="mermaid"' not in text, page
        assert 'data-md-component="source"' not in text, page
    unexpected = []
    for script in built_site.rglob("*.js"):
        text = script.read_text(encoding="utf-8")
        for url in FETCHING_CALL.findall(text) + re.findall(
            r"""[`"'](https?://(?:unpkg|cdn|api\.github|fonts\.g)[^`"']*)""", text
        ):
            if not any(url.startswith(prefix) for prefix in CONDITIONAL_JS_LOADS):
                unexpected.append(f"{script.relative_to(built_site)}: {url}")
    assert not unexpected, unexpected


def test_no_web_fonts_from_another_host(built_site):
    index = (built_site / "index.html").read_text(encoding="utf-8")
    assert "fonts.googleapis" not in index
    assert "fonts.gstatic" not in index


def test_katex_assets_are_served_from_the_site(built_site):
    css = built_site / "assets" / "katex" / "katex.min.css"
    fonts = set(re.findall(r"url\((fonts/[^)]+)\)", css.read_text(encoding="utf-8")))
    assert fonts
    assert all((css.parent / font).is_file() for font in fonts)
    assert '<link rel="stylesheet" href="assets/katex/katex.min.css">' in (built_site / "index.html").read_text(
        encoding="utf-8"
    )


def test_copy_button_copies_only_code_of_pycon_blocks(built_site):
    page = (built_site / SAMPLE_PAGE / "index.html").read_text(encoding="utf-8")
    found = re.search(r'<div class="language-pycon highlight">.*?</code>', page, re.S)
    assert found, "no pycon block on the sample page"
    block = found.group(0)
    assert '<span class="gp">&gt;&gt;&gt; </span>' in block
    assert '<span class="go">' in block
    css = (built_site / "assets" / "stylesheets" / "dlnotes.css").read_text(encoding="utf-8")
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    rule = re.search(r"([^{}]*)\{\s*display:\s*none;\s*\}", css)
    assert rule, "dlnotes.css hides nothing"
    selectors = {s.strip() for s in rule.group(1).split(",")}
    assert {".language-pycon code[data-md-copying] .gp", ".language-pycon code[data-md-copying] .go"} <= selectors
    # Material's bundle must still mark the block while copying, or the rule above is dead.
    bundle = next((built_site / "assets" / "javascripts").glob("bundle.*.min.js")).read_text(encoding="utf-8")
    assert 'setAttribute("data-md-copying"' in bundle
    assert "innerText" in bundle


def test_theme_features(built_site):
    index = (built_site / "index.html").read_text(encoding="utf-8")
    assert 'data-md-color-media="(prefers-color-scheme: light)"' in index
    assert 'data-md-color-media="(prefers-color-scheme: dark)"' in index
    assert '"navigation.instant"' in index
    assert '"content.code.copy"' in index
    assert 'class="headerlink"' in (built_site / SAMPLE_PAGE / "index.html").read_text(encoding="utf-8")
    assert (built_site / "search" / "search_index.json").is_file()


def test_the_search_index_holds_each_formula_once_as_text(built_site):
    # The index must hold each formula once, as readable text: not KaTeX's glyphs, nor TeX.
    index = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    outside_code = [
        (doc["location"], re.sub(r"<(code|pre)>.*?</\1>", "", doc["text"], flags=re.S)) for doc in index["docs"]
    ]
    tex = [f"{where}: {m.group(0)}" for where, text in outside_code for m in re.finditer(r"\\[A-Za-z]+|\$\$", text)]
    assert not tex, tex
    formulas = 0
    for page in pages(built_site):
        html = page.read_text(encoding="utf-8")
        count = html.count('<span class="katex" role="math"')
        assert html.count("<dlnotes-formula data-search-exclude>") == count, page
        assert html.count('<span class="dlnotes-formula-text" hidden>') == count, page
        formulas += count
    assert formulas > 100


def test_two_builds_give_the_same_files(built_site, second_build):
    # One of the two made every formula and figure anew (the first in a fresh clone, else the second): a cached
    # build gives the same files as a fresh one.
    again = second_build.site
    first = sorted(p.relative_to(built_site) for p in built_site.rglob("*") if p.is_file())
    second = sorted(p.relative_to(again) for p in again.rglob("*") if p.is_file())
    assert first == second
    _, mismatch, errors = filecmp.cmpfiles(built_site, again, [str(p) for p in first], shallow=False)
    assert not mismatch, mismatch + errors
    assert not errors, mismatch + errors


def test_the_leftover_detector_would_catch_unrendered_math():
    import markdown

    html = markdown.markdown(
        (ROOT / "tests" / "site_build" / "fixtures" / "pipeline-check.md").read_text(encoding="utf-8")
    )
    found = TEX_LEFTOVERS.findall(CODE_LIKE.sub("", html))
    assert "$$" in found, found
    assert any(item.startswith("$") and len(item) > 2 for item in found), found


def test_the_search_partial_differs_from_materials_only_by_the_dialogs_name():
    # overrides/partials/search.html copies Material's partial to name the search dialog;
    # when Material changes its partial, this says so instead of the override going stale.
    import material

    theirs = (Path(material.__file__).parent / "templates" / "partials" / "search.html").read_text(encoding="utf-8")
    ours = (ROOT / "overrides" / "partials" / "search.html").read_text(encoding="utf-8")
    strip_comments = lambda text: re.sub(r"\{#-.*?-#\}\n?", "", text, flags=re.S)  # noqa: E731
    named = strip_comments(theirs).replace('role="dialog">', 'role="dialog" aria-label="{{ lang.t(\'search\') }}">', 1)
    assert strip_comments(ours) == named


def test_the_site_ships_woff2_fonts_only_and_no_source_maps(built_site):
    shipped = [path.relative_to(built_site).as_posix() for path in built_site.rglob("*") if path.is_file()]
    assert [path for path in shipped if path.endswith(".woff2")]
    assert not [path for path in shipped if re.search(r"\.(woff|ttf|otf|eot|map)$", path)]
    # Every font the CSS names is there: KaTeX's CSS names its woff2 files only.
    for sheet in built_site.rglob("*.css"):
        for url in re.findall(r"url\(\s*['\"]?([^'\")]+\.(?:woff2?|ttf|otf|eot))", sheet.read_text(encoding="utf-8")):
            assert url.endswith(".woff2"), (sheet, url)
            assert (sheet.parent / url).is_file(), (sheet, url)
