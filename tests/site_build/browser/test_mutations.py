"""Each browser check catches what it is there for: break a copy of the built site, serve it, and the check says so.

The copy is the session's real build, served once for every test here; each test makes one change to it
(a page's HTML, the site's CSS or its search index), then runs the same check the page tests run, and
the change is undone after it.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import markdown
import pytest

from tests.site_build.browser.checks import (
    Browsing,
    Scheme,
    axe_problems,
    contrast_problems,
    copy_block,
    copy_button_problems,
    drain,
    figure_problems,
    follow_link,
    font_problems,
    formula_forms,
    grid_code_problems,
    grid_formula_problems,
    ids_at,
    keyboard_problems,
    link_problems,
    math_problems,
    overflow_problems,
    search,
    snippet_problems,
    tex_problems,
)
from tests.site_build.browser.server import SiteServer

CSS = "assets/stylesheets/dlnotes.css"


class Mutant:
    """The served copy of the built site, for one test to break; what the test changed is undone after it.

    One copy and one server for every mutation test: each test breaks it, and close() puts back every
    file that changed (or removes one that is new) from the build, so the next test starts from the real site.
    """

    def __init__(self, built: Path, served: MutantSite, browser) -> None:
        self.built = built
        self.root = served.root
        self.served = served
        self.browser = browser
        self.sessions: list[Browsing] = []

    def page_file(self, path: str) -> Path:
        return self.root / path / "index.html"

    def insert(self, path: str, html: str) -> None:
        """Put html into a page's article, right after its title."""
        page = self.page_file(path)
        text = page.read_text(encoding="utf-8")
        assert "</h1>" in text, page
        page.write_text(text.replace("</h1>", "</h1>\n" + html, 1), encoding="utf-8")

    def edit(self, relative: str, old: str | re.Pattern[str], new: str | Callable[[re.Match[str]], str]) -> None:
        """Replace old by new in a file of the site (a pattern may take a function); the mutation must change it."""
        file = self.root / relative
        text = file.read_text(encoding="utf-8")
        if isinstance(old, re.Pattern):
            changed = old.sub(new, text)
        elif isinstance(new, str):
            changed = text.replace(old, new)
        else:
            raise TypeError(f"a function replaces matches of a pattern, not of the string {old!r}")
        assert changed != text, f"the mutation changed nothing in {relative}: {old!r}"
        file.write_text(changed, encoding="utf-8")

    def browse(
        self, width: int = 1280, scheme: Scheme = "light", clipboard: bool = False, rewrite_sitemap: bool = True
    ) -> Browsing:
        self.served.server.rewrite_sitemap = rewrite_sitemap
        session = Browsing(self.browser, self.served.server.base, width=width, scheme=scheme, clipboard=clipboard)
        self.sessions.append(session)
        return session

    def close(self) -> None:
        for session in self.sessions:
            session.close()
        self.served.server.rewrite_sitemap = True
        self.served.restore()


class MutantSite:
    """A copy of the built site, served once for the module, and the state of each of its files."""

    def __init__(self, built: Path, root: Path) -> None:
        shutil.copytree(built, root)
        self.built = built
        self.root = root
        self.files = self.state()
        self.server = SiteServer(root)

    def state(self) -> dict[Path, tuple[int, int]]:
        return {path: (path.stat().st_size, path.stat().st_mtime_ns) for path in self.root.rglob("*") if path.is_file()}

    def restore(self) -> None:
        """Every file as it was built: a changed one copied back, a new one removed."""
        for path, stat in self.state().items():
            if path not in self.files:
                path.unlink()
            elif stat != self.files[path]:
                shutil.copy2(self.built / path.relative_to(self.root), path)
                self.files[path] = (path.stat().st_size, path.stat().st_mtime_ns)
        missing = [path for path in self.files if not path.is_file()]
        for path in missing:
            shutil.copy2(self.built / path.relative_to(self.root), path)
            self.files[path] = (path.stat().st_size, path.stat().st_mtime_ns)

    def close(self) -> None:
        self.server.close()


@pytest.fixture(scope="module")
def mutant_site(built_site, tmp_path_factory) -> Iterator[MutantSite]:
    served = MutantSite(built_site, tmp_path_factory.mktemp("mutant") / "site")
    yield served
    served.close()


@pytest.fixture
def mutant(built_site, mutant_site, browser) -> Iterator[Mutant]:
    copy = Mutant(built_site, mutant_site, browser)
    yield copy
    copy.close()


def test_each_mutation_is_undone_before_the_next(built_site, mutant_site, browser):
    # The tests share one copy: a change left behind would break the next test's starting point.
    copy = Mutant(built_site, mutant_site, browser)
    copy.insert("", "<p>left behind</p>")
    copy.edit(CSS, ".md-search__input:focus-visible {", ".md-search__input:focus-visible { outline: none;")
    (copy.root / "extra.html").write_text("new", encoding="utf-8")
    copy.close()
    assert (copy.root / "index.html").read_bytes() == (built_site / "index.html").read_bytes()
    assert (copy.root / CSS).read_bytes() == (built_site / CSS).read_bytes()
    assert not (copy.root / "extra.html").exists()


def first_page_with(site: Path, needle: str) -> str:
    """The path of the first page whose HTML contains needle."""
    for page in sorted(site.rglob("index.html")):
        if needle in page.read_text(encoding="utf-8"):
            return "" if page.parent == site else page.parent.relative_to(site).as_posix() + "/"
    raise AssertionError(f"no page holds {needle!r}")


def formula(tex: str) -> str:
    """A formula rendered by the site's own math extension."""
    return markdown.markdown(tex, extensions=["dlnotes_math"])


def test_unrendered_tex_in_a_paragraph_is_caught(mutant):
    mutant.insert("", r"<p>The mean is \frac{a}{b}, and $x^2$ was left as it was typed.</p>")
    problems = tex_problems(mutant.browse().open("").page)
    assert any("\\\\frac" in problem for problem in problems), problems
    assert any("$x^2$" in problem for problem in problems), problems


def test_formulas_without_katex_css_a_label_or_with_an_error_are_caught(mutant, built_site):
    path = first_page_with(built_site, 'class="katex-display"')
    (mutant.root / "assets" / "katex" / "katex.min.css").write_text("", encoding="utf-8")
    mutant.insert(path, '<p><span class="katex-error" title="ParseError">\\frac{1}{</span></p>')
    page = mutant.page_file(path).relative_to(mutant.root).as_posix()
    mutant.edit(page, ' role="math" aria-label="', ' data-was="')
    hidden = '<span class="katex-html" aria-hidden="true">'
    mutant.edit(page, hidden, hidden + '<a href="#">x</a>')
    problems = math_problems(mutant.browse().open(path).page)
    assert any("formula without its spoken label" in problem for problem in problems), problems
    assert any("a focusable element among KaTeX's hidden glyphs" in problem for problem in problems), problems
    assert any("not in KaTeX's fonts" in problem for problem in problems), problems
    assert any(problem.startswith("KaTeX error") for problem in problems), problems


def test_an_image_from_another_host_is_caught(mutant):
    # The other host is this very server by another name, which would answer: only OFFLINE stops the request.
    image = mutant.served.server.base.replace("127.0.0.1", "localhost") + "assets/images/favicon.png"
    mutant.insert("", f'<p><img src="{image}" alt="a pixel"></p>')
    visit = mutant.browse().open("")
    assert f"request to another host: {image}" in drain(visit)
    assert any("did not load" in problem for problem in figure_problems(visit.page, "light"))


WIDE_INLINE = (
    r"A wide one: $\left(x_1 + x_2 + x_3 + x_4 + x_5 + x_6 + x_7 + x_8 + x_9 + x_{10} + x_{11} + x_{12}\right)$ here."
)
WIDE_DISPLAY = (
    r"$$\left(x_1 + x_2 + x_3 + x_4 + x_5 + x_6 + x_7 + x_8 + x_9 + x_{10} + x_{11} + x_{12} + x_{13}\right)$$"
)
INLINE_RULE = re.compile(r"\.md-typeset :is\(p, dd, figcaption\):has\(dlnotes-formula\) \{[^}]*\}")
DISPLAY_RULE = re.compile(r"\.dlnotes-math \{\s*overflow-x: auto;[^}]*\}")


@pytest.mark.parametrize(
    ("tex", "rule"), [(WIDE_INLINE, INLINE_RULE), (WIDE_DISPLAY, DISPLAY_RULE)], ids=["inline", "display"]
)
def test_a_wide_unbreakable_formula_on_a_phone_is_caught_unless_it_scrolls_in_its_box(mutant, tex, rule):
    mutant.insert("", formula(tex))
    # With the site's CSS the formula scrolls in its own box, and the page stays put.
    assert not overflow_problems(mutant.browse(width=375).open("").page, wide=False)
    # Without the rule that gives it that box, it widens the page.
    mutant.edit(CSS, rule, "")
    problems = overflow_problems(mutant.browse(width=375, scheme="dark").open("").page, wide=False)
    # The formula is named by its spoken label.
    assert any("the page scrolls sideways" in problem and "x 1 plus x 2" in problem for problem in problems), problems
    assert any("sticks out of the content area" in problem for problem in problems), problems


def test_a_pycon_output_line_left_visible_by_the_copy_css_is_caught(mutant, built_site):
    path = first_page_with(built_site, '<span class="go">')
    visit = mutant.browse(clipboard=True).open(path)
    blocks = visit.page.locator(".language-pycon").count()
    assert blocks
    assert not any(copy_block(visit.page, index).problems for index in range(blocks))
    mutant.edit(CSS, ".language-pycon code[data-md-copying] .go,", "")
    visit = mutant.browse(clipboard=True).open(path)
    problems = [problem for index in range(blocks) for problem in copy_block(visit.page, index).problems]
    assert any("lines that are not code" in problem for problem in problems), problems


def test_a_figure_in_the_wrong_palette_or_without_alt_text_is_caught(mutant, built_site):
    path = first_page_with(built_site, "#only-dark")
    mutant.edit(
        f"{path}index.html",
        re.compile(r"#only-(light|dark)"),
        lambda m: "#only-" + {"light": "dark", "dark": "light"}[m.group(1)],
    )
    mutant.edit(f"{path}index.html", re.compile(r'<img alt="[^"]*"'), '<img alt=""')
    problems = figure_problems(mutant.browse().open(path).page, "light")
    assert any("the dark variant shown in the light palette" in problem for problem in problems), problems
    assert any("drawn for the light palette, shown in the dark one" in problem for problem in problems), problems
    assert any("without alt text" in problem for problem in problems), problems


def test_a_script_error_is_caught(mutant):
    mutant.insert("", "<script>console.error('mutant says no'); undefinedFunction();</script>")
    logged = drain(mutant.browse().open(""))
    assert any("console error: mutant says no" in line for line in logged), logged
    assert any(line.startswith("page error:") and "undefinedFunction" in line for line in logged), logged


def test_a_broken_link_or_anchor_is_caught(mutant):
    mutant.insert(
        "",
        '<p><a href="#no-such-anchor">here</a> and <a href="no-such-page/">there</a>'
        ' and <a href="notation/#no-such-heading">notation</a></p>',
    )
    session = mutant.browse()
    visit = session.open("")

    problems = link_problems(visit.page, session.base, ids_at)
    assert any("missing anchor" in p and p.endswith("#no-such-anchor") for p in problems), problems
    assert any("missing page" in p and "no-such-page/" in p for p in problems), problems
    assert any("missing anchor" in p and p.endswith("notation/#no-such-heading") for p in problems), problems


def test_low_contrast_text_is_caught_by_axe(mutant):
    mutant.insert("", '<p style="color: #c8c8c8">Pale grey on white.</p>')
    problems = axe_problems(mutant.browse().open("").page)
    assert any(problem.startswith("serious color-contrast") for problem in problems), problems


def test_low_contrast_text_in_the_dark_palette_is_caught_by_the_contrast_rule_alone(mutant):
    # What the dark pass of the page tests runs: dark grey reads on white, not on the dark palette's background.
    mutant.insert("", '<p style="color: #3a3a3a">Dark grey on slate.</p>')
    assert not contrast_problems(mutant.browse(scheme="light").open("").page)
    problems = contrast_problems(mutant.browse(scheme="dark").open("").page)
    assert any(problem.startswith("serious color-contrast") for problem in problems), problems


def test_a_formula_too_pale_in_the_dark_palette_is_caught_by_the_contrast_check(mutant, built_site):
    # axe runs with KaTeX's glyphs set aside; the formulas' own check reads their colour on the background.
    path = first_page_with(built_site, 'class="katex-display"')
    mutant.edit(CSS, re.compile(r"\Z"), lambda _: '\n[data-md-color-scheme="slate"] .katex { color: #3a3a3a; }\n')
    assert not contrast_problems(mutant.browse(scheme="light").open(path).page)
    problems = contrast_problems(mutant.browse(scheme="dark").open(path).page)
    assert any(problem.startswith("serious formula-contrast") for problem in problems), problems


def test_a_font_asked_for_and_never_used_or_used_and_not_asked_for_is_caught(mutant):
    # The first font the page asks for becomes one no formula draws with (KaTeX's bold Fraktur).
    page = mutant.page_file("notes/sigmoid/").relative_to(mutant.root).as_posix()
    first = re.compile(r'(<link rel="preload" href="[^"]*/)(KaTeX_[\w-]+\.woff2)(" as="font")')
    asked = first.search((mutant.root / page).read_text(encoding="utf-8"))
    assert asked, "the sigmoid page asks early for no KaTeX font"
    mutant.edit(page, asked.group(0), asked.group(1) + "KaTeX_Fraktur-Bold.woff2" + asked.group(3))
    visit = mutant.browse().open("notes/sigmoid/", settled=False)
    problems = font_problems(visit.page)
    assert f"fonts drawn with but not asked for early: [{asked.group(2)!r}]" in problems, problems
    assert "fonts asked for early and never drawn with: ['KaTeX_Fraktur-Bold.woff2']" in problems, problems


def test_a_control_without_a_focus_ring_is_caught(mutant):
    mutant.edit(CSS, ".md-search__input:focus-visible {", ".md-search__input:focus-visible { outline: none !important;")
    problems = keyboard_problems(mutant.browse().open("").page)
    assert "the search shows no focus ring" in problems, problems


JS = "assets/javascripts/dlnotes.js"


def test_phone_header_buttons_without_a_ring_or_a_tab_stop_are_caught(mutant):
    # With the site's CSS and script the magnifier and the menu button pass at 375 px (the page tests
    # say so). The rule that draws their ring holds both selectors; the mutation voids it.
    mutant.edit(
        CSS,
        '.md-header__button[for="__drawer"]:focus-visible {',
        '.md-header__button[for="__drawer"]:focus-visible { outline: none !important;',
    )
    problems = keyboard_problems(mutant.browse(width=375).open("").page)
    assert "the search shows no focus ring" in problems, problems
    assert "the navigation menu shows no focus ring" in problems, problems
    # Without the script that makes it a tab stop, Material's label is never reached.
    mutant.edit(JS, "label.tabIndex = 0;", "")
    problems = keyboard_problems(mutant.browse(width=375, scheme="dark").open("").page)
    assert "Tab never reaches the search" in problems, problems


def test_a_search_result_showing_a_formula_twice_or_its_tex_is_caught(mutant, built_site):
    # The index as it would be without the wrapper: KaTeX's glyphs beside the formula's text; and a TeX source.
    forms = formula_forms(built_site)
    sigma = next(form for form in forms if form.text == "σ(z)")
    index_file = mutant.root / "search" / "search_index.json"
    index = json.loads(index_file.read_text(encoding="utf-8"))
    for doc in index["docs"]:
        if "sigmoid" in doc["text"]:
            doc["text"] = f"The sigmoid {sigma.html} {sigma.text} squashes, \\sigma(z). " + doc["text"]
    index_file.write_text(json.dumps(index), encoding="utf-8")
    results = search(mutant.browse().open("").page, "sigmoid")
    problems = [problem for result in results for problem in snippet_problems(result["text"], forms)]
    assert any("TeX in a search result" in problem for problem in problems), problems
    assert any("repeated in a search result" in problem for problem in problems), problems


def test_navigation_that_reloads_the_page_is_caught(mutant):
    # Material navigates instantly only to the addresses in the sitemap: served at an address
    # other than the one it was built for (the sitemap left as built), every link reloads.
    session = mutant.browse(rewrite_sitemap=False)
    page = session.open("").page
    page.wait_for_load_state("networkidle")
    page.evaluate("window.dlnotesNoReload = true")
    follow_link(page, session.base + "notation/")
    assert page.evaluate("window.dlnotesNoReload === undefined")


def test_a_phone_menu_without_a_tab_stop_or_a_closed_drawer_taking_tab_stops_is_caught(mutant):
    # With the site's script the menu button is a tab stop and the closed drawer is skipped (the page tests say so).
    mutant.edit(JS, "drawer.inert = narrow.matches && !toggle.checked;", "")
    problems = keyboard_problems(mutant.browse(width=375).open("").page)
    assert any(problem.startswith("Tab stops") and "off screen" in problem for problem in problems), problems
    mutant.edit(JS, "label.tabIndex = 0;", "")
    problems = keyboard_problems(mutant.browse(width=375).open("").page)
    assert "Tab never reaches the navigation menu" in problems, problems


def test_a_drawer_that_keeps_focus_out_is_caught(mutant):
    mutant.edit(JS, "setTimeout(focusDrawer, 0);", "")
    problems = keyboard_problems(mutant.browse(width=375).open("").page)
    assert "Enter on the navigation menu does not put focus in the open drawer" in problems, problems


def test_a_drawer_that_ignores_escape_is_caught(mutant):
    mutant.edit(JS, 'if (event.key === "Escape" && toggle && toggle.checked && narrow.matches) closeDrawer();', "")
    problems = keyboard_problems(mutant.browse(width=375).open("").page)
    assert "Escape does not close the drawer and give focus back to the navigation menu" in problems, problems


def test_a_title_squeezed_until_a_word_splits_is_caught(mutant):
    # On a phone the notebook button sits above the title; floated beside it, "regression" splits.
    mutant.edit(CSS, "    float: none;\n    margin: 0 0 1em;\n", "")
    page = mutant.browse(width=375).open("notes/logistic-regression/").page
    problems = overflow_problems(page, wide=False)
    assert any('splits the word "regression"' in problem for problem in problems), problems


def test_grid_code_that_scrolls_or_hides_under_its_copy_button_is_caught(mutant):
    # Without the wide-screen rule the source beside an equation keeps its long lines and its right edge.
    mutant.edit(CSS, "    white-space: pre-wrap;\n    overflow-wrap: anywhere;\n    padding-right: 3em;\n", "")
    problems = grid_code_problems(mutant.browse(width=1280).open("notes/sigmoid/").page)
    assert any("scrolls sideways" in problem for problem in problems), problems


def test_a_formula_under_its_check_mark_or_scrolling_in_its_column_is_caught(mutant):
    # Without the formula column's minimum width, a formula wider than a third of the article draws into the room
    # kept for its mark (tanh), or scrolls (the weight matrix's).
    mutant.edit(CSS, "minmax(min-content, 1fr) minmax(0, 2fr)", "minmax(0, 1fr) minmax(0, 2fr)")
    problems = grid_formula_problems(mutant.browse(width=1280).open("notes/tanh/").page)
    assert any(problem.startswith("the check mark covers") for problem in problems), problems
    problems = grid_formula_problems(mutant.browse(width=1280).open("notes/weight-matrix/").page)
    assert any(problem.endswith("scrolls sideways in its column") for problem in problems), problems


def test_grid_code_under_its_copy_button_is_caught(mutant):
    mutant.edit(CSS, "    padding-right: 3em;\n", "")
    problems = grid_code_problems(mutant.browse(width=1280).open("notes/sigmoid/").page)
    assert any("the copy button covers" in problem for problem in problems), problems


def test_a_lost_search_boost_is_caught(mutant):
    # The notation page mentions every symbol once; without its lower boost it outranks the page that answers.
    index_file = mutant.root / "search" / "search_index.json"
    index = json.loads(index_file.read_text(encoding="utf-8"))
    boosted = [entry for entry in index["docs"] if entry["location"].startswith("notation/") and "boost" in entry]
    assert boosted
    for entry in boosted:
        del entry["boost"]
    index_file.write_text(json.dumps(index), encoding="utf-8")
    home = mutant.browse().open("")
    results = search(home.page, "cost function")
    assert urlsplit(results[0]["href"]).path.endswith("/notation/"), results[:2]


def test_a_code_block_without_a_copy_button_is_caught(mutant):
    # Material gives no button to a block inside .no-copy; scrolled to, it still has none.
    mutant.insert("notes/sigmoid/", '<div class="no-copy"><pre><code>x = 1</code></pre></div>')
    problems = copy_button_problems(mutant.browse().open("notes/sigmoid/").page)
    assert problems == ['a code block has no copy button once scrolled to: "x = 1"'], problems
