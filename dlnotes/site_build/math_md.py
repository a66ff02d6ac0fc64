r"""A Python-Markdown extension that renders arithmatex-style math with KaTeX at build time.

Syntax, as pymdownx.arithmatex reads it:

- inline ``$...$``: the opening ``$`` is not followed by a space, the closing one is
  not preceded by a space nor followed by a digit (so "$5 and $10" stays text);
  ``\$`` is a literal dollar;
- display ``$$...$$``: a block that starts with ``$$``, possibly spanning lines;
  several ``$$...$$`` on consecutive lines are several formulas.

Every formula of a document is sent to KaTeX in one batch when the document is
finished (see `dlnotes/site_build/katex.py`), and KaTeX's HTML replaces it, so pages need no
JavaScript to show math. A screen reader gets each formula spoken: the ``.katex`` span is
``role="math"`` with the MathSpeak text as its ``aria-label`` (what MathJax 4 does by default),
and KaTeX's hidden MathML is left out. Hidden MathML was a fifth of a long page's elements
and most of the time a phone spent laying it out (issue 20: make bench's Lighthouse rows).
The HTML is wrapped in ``<dlnotes-formula data-search-exclude>``, so a site search does not
index its glyphs, and followed by the formula once as readable text
(`dlnotes/site_build/math_text.py`, ``σ(z) = 1/(1 + e^(−z))``) in a ``hidden`` span that only
the search index reads. Any invalid formula raises
`MathError` naming the source, the line and the formula. Nothing here depends
on MkDocs: any Python-Markdown pipeline can use ``extensions=["dlnotes_math"]``.

Each display formula's block says how the tests check it (`dlnotes/site_build/equations/`):
``data-check="holds"`` with a quiet ✓ linking to how equations are checked, ``"refuted"`` (a quoted
mistake of the notes, shown false) with a ✗, or ``"skipped"`` with its reason in ``data-check-reason``.
The state comes from the ``<!-- equation: ... -->`` note above the formula; a skip without a reason
fails the build. Formulas of other conversions than the page's own (mkdocstrings' docstrings) are
``skipped``: the checker reads the pages only.
"""

from __future__ import annotations

import html
import posixpath
import re
import xml.etree.ElementTree as etree
from pathlib import Path
from typing import Any

from markdown import Markdown
from markdown.blockparser import BlockParser
from markdown.blockprocessors import BlockProcessor
from markdown.inlinepatterns import InlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.util import AtomicString

from dlnotes.site_build.equations.note import read_note
from dlnotes.site_build.equations.symbols import markdown_table
from dlnotes.site_build.katex import Formula, Rendered, render_all
from dlnotes.site_build.katex_lean import lean
from dlnotes.site_build.math_text import readable
from dlnotes.site_build.page import EQUATION_NOTE, DisplayMath, fence_lines, read_page
from dlnotes.site_build.page_extension import PageExtension, SourceLines

INLINE_MATH = r"(?<![\\$])\$(?![\s$])((?:\\.|[^\\$])+?)(?<!\s)\$(?![\d$])"
DISPLAY_MATH = re.compile(r"\$\$(.+?)\$\$", re.DOTALL)
MARKER = re.compile(r"<!--dlnotes-math:(\d+)-->")
# Where a checked formula's mark links: the section that explains the checks (a page under docs, an anchor).
CHECKS_LINK = "notation.md#how-equations-are-checked"
SYMBOLS_MARKER = re.compile(r"^\[\[symbols:[ \t]*(?P<section>\w+)[ \t]*\]\][ \t]*$", re.MULTILINE)


class MathError(ValueError):
    """One or more formulas of a document failed to render."""


class _Formulas(SourceLines):
    """The formulas of one conversion, in the order they were met, and the line each came from."""

    def started(self) -> None:
        self.formulas: list[Formula] = []
        self.found_on: list[int | None] = []
        self._cursor = {True: 0, False: 0}
        self._notes: list[tuple[str, str | None, int]] | None = None

    def check_state(self, tex: str, line: int | None) -> tuple[str, str]:
        """How the tests check the display formula ``tex``: its state and, for a skip, the reason.

        The formula is matched by its TeX to the page model's display math, in order, so the note above
        it is the one the tests read.
        """
        page = self.extension.getConfig("page_markdown")
        if page and "\n".join(self.lines).strip() != page.strip():
            return "skipped", "in an API docstring: the equation checks read the pages only"
        if self._notes is None:
            items = read_page("\n".join(self.lines))
            self._notes = [(i.tex, i.annotation, i.start) for i in items if isinstance(i, DisplayMath)]
        wanted = " ".join(tex.split())
        index = next((k for k, (other, *_) in enumerate(self._notes) if " ".join(other.split()) == wanted), None)
        if index is None:
            raise MathError(f"{self.where(line)}: the page model does not see this display formula: {tex[:60]!r}")
        _, annotation, line = self._notes.pop(index)
        try:
            note = read_note(annotation)
        except ValueError as error:
            raise MathError(f"{self.where(line)}: {error}") from None
        if note.state == "skipped" and not note.reason:
            raise MathError(f"{self.where(line)}: a skipped equation needs its reason: <!-- equation: skip: why -->")
        return note.state, note.reason

    def _locate(self, needle: str, display: bool) -> int | None:
        """Line (1-based) of the next occurrence of needle, searching on past the last formula of this kind.

        Display formulas are met in the block phase and inline ones in the inline phase,
        each in document order, so one cursor per kind finds repeated formulas in turn.
        """
        first = next((line.strip() for line in needle.splitlines() if line.strip()), "")
        if not first:
            return None
        for index in range(self._cursor[display], len(self.lines)):
            if first in self.lines[index]:
                self._cursor[display] = index + 1
                return index + 1
        return next((n for n, text in enumerate(self.lines, 1) if first in text), None)

    def placeholder(self, tex: str, display: bool) -> str:
        """Keep the formula for the batch, and return the stashed marker that its HTML replaces later."""
        self.formulas.append(Formula(tex=tex.strip(), display=display))
        self.found_on.append(self._locate(tex if display else f"${tex}$", display))
        assert self.md is not None  # made with the Markdown it serves
        return self.md.htmlStash.store(f"<!--dlnotes-math:{len(self.formulas) - 1}-->")

    def unclosed_line(self) -> int | None:
        """The line of the next ``$$`` opening after the display formulas met so far."""
        opening = next(
            (n for n in range(self._cursor[True], len(self.lines)) if self.lines[n].lstrip().startswith("$$")),
            None,
        )
        return None if opening is None else opening + 1


class _InlineMath(InlineProcessor):
    def __init__(self, pattern: str, md: Markdown, formulas: _Formulas) -> None:
        super().__init__(pattern, md)
        self.formulas = formulas

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:  # type: ignore[override]  # InlineProcessor changes Pattern's signature; its own stub ignores the same error
        return self.formulas.placeholder(m.group(1), display=False), m.start(0), m.end(0)


class _DisplayMath(BlockProcessor):
    def __init__(self, parser: BlockParser, formulas: _Formulas) -> None:
        super().__init__(parser)
        self.formulas = formulas

    def test(self, parent: etree.Element, block: str) -> bool:
        return block.lstrip().startswith("$$")

    def run(self, parent: etree.Element, blocks: list[str]) -> bool:
        text = blocks.pop(0).strip()
        # A display formula may contain blank lines in the source; join blocks until it closes.
        while text.count("$$") % 2 and blocks:
            text += "\n\n" + blocks.pop(0)
        if text.count("$$") % 2:
            where = self.formulas.where(self.formulas.unclosed_line())
            raise MathError(f"{where}: display math opened with $$ is never closed: {text[:60]!r}")
        position = 0
        for match in DISPLAY_MATH.finditer(text):
            if text[position : match.start()].strip():
                break
            div = etree.SubElement(parent, "div", {"class": "dlnotes-math"})
            div.text = AtomicString(self.formulas.placeholder(match.group(1), display=True))
            self.mark(div, *self.formulas.check_state(match.group(1), self.formulas.found_on[-1]))
            position = match.end()
        rest = text[position:].strip()
        if rest:
            blocks.insert(0, rest)  # prose after the formula is a paragraph of its own
        return True

    def mark(self, div: etree.Element, state: str, reason: str) -> None:
        """The block's check state, and for a checked formula a quiet mark that links to how it is checked."""
        div.set("data-check", state)
        if state == "skipped":
            div.set("data-check-reason", reason)
            return
        extension = self.formulas.extension
        page = extension.getConfig("page_path")
        target = extension.getConfig("checks_link")
        holds = state == "holds"
        attributes = {
            "class": "dlnotes-check",
            "data-search-exclude": "",
            "aria-label": "checked numerically" if holds else "a quoted mistake, shown false numerically",
            "title": "Checked numerically" if holds else "Quoted from the notes: shown false numerically",
        }
        if target:  # a site without the page that explains the checks gets the mark without a link
            path, _, anchor = target.partition("#")
            attributes["href"] = posixpath.relpath(path, posixpath.dirname(page) or ".") + (
                f"#{anchor}" if anchor else ""
            )
        else:
            attributes["role"] = "img"
        mark = etree.SubElement(div, "a" if target else "span", attributes)
        mark.text = "✓" if holds else "✗"


class _SymbolTables(Preprocessor):
    """``[[symbols: shapes]]`` becomes that section's table of the course's symbols (``symbols.toml``).

    The ``<!-- equation: ... -->`` notes go too (a blockquote keeps its ``>``): they are for the tests and
    for `check_state`, which read them first, and their TeX must not reach the page's HTML.
    """

    def __init__(self, md: Markdown, formulas: _Formulas) -> None:
        super().__init__(md)
        self.formulas = formulas

    def run(self, lines: list[str]) -> list[str]:
        code = fence_lines("\n".join(lines))
        out: list[str] = []
        for number, line in enumerate(lines, 1):
            found = SYMBOLS_MARKER.match(line) if number not in code else None
            if not found:
                note = EQUATION_NOTE.match(line) if number not in code else None
                out.append(line[: line.index("<!--")].rstrip() if note else line)
                continue
            try:
                out.extend(markdown_table(found["section"]).splitlines())
            except ValueError as error:
                raise MathError(f"{self.formulas.where(number)}: {error}") from None
        return out


class _RenderMath(Postprocessor):
    def __init__(self, md: Markdown, formulas: _Formulas) -> None:
        super().__init__(md)
        self.formulas = formulas

    def run(self, text: str) -> str:
        formulas = self.formulas.formulas
        if not formulas:
            return text
        root, cache = (self.formulas.extension.getConfig(name) for name in ("node_root", "cache_dir"))
        results = render_all(formulas, Path(root) if root else None, Path(cache) if cache else None)
        errors = [
            self.describe(index, result.error) for index, result in enumerate(results) if result.error is not None
        ]
        if errors:
            raise MathError("\n".join(errors))
        return MARKER.sub(lambda m: searchable(results[int(m.group(1))]), text)

    def describe(self, index: int, error: str) -> str:
        formula = self.formulas.formulas[index]
        kind = "display" if formula.display else "inline"
        where = self.formulas.where(self.formulas.found_on[index])
        return f"{where}: invalid {kind} formula {formula.tex!r}: {error}"


def searchable(rendered: Rendered) -> str:
    """KaTeX's HTML, spoken by a screen reader and kept out of the search index, then the formula once as text
    for the index.

    Material's search skips an element marked ``data-search-exclude`` but matches elements
    by tag name alone, so the wrapper has a tag that KaTeX never writes inside it. The text
    is ``hidden``: a screen reader says the label, and the eye sees the HTML.
    """
    if rendered.html is None or not rendered.speech:
        raise MathError(f"a formula without its HTML or spoken form: {rendered!r}")
    text = html.escape(readable(rendered.html), quote=False)
    return (
        f"<dlnotes-formula data-search-exclude>{spoken(lean(rendered.html), rendered.speech)}</dlnotes-formula>"
        f'<span class="dlnotes-formula-text" hidden>{text}</span>'
    )


KATEX_MATHML = re.compile(r'<span class="katex-mathml"><math\b.*?</math></span>', re.S)


def spoken(katex_html: str, speech: str) -> str:
    """KaTeX's ``htmlAndMathml`` output with its MathML left out and the formula's speech as its label.

    KaTeX already hides its HTML from screen readers (``aria-hidden``); the ``.katex`` span around it
    becomes a ``math`` role named by ``speech``, the pattern ARIA gives for math drawn by other means.

    >>> spoken('<span class="katex"><span class="katex-mathml"><math><mi>x</mi></math></span>'
    ...        '<span class="katex-html" aria-hidden="true">x</span></span>', 'x')
    '<span class="katex" role="math" aria-label="x"><span class="katex-html" aria-hidden="true">x</span></span>'

    Markup that is not KaTeX's, or has no MathML to leave out, is refused rather than labelled:

    >>> spoken('<span class="katex"><span class="katex-html" aria-hidden="true">x</span></span>', 'x')
    Traceback (most recent call last):
    ...
    dlnotes.site_build.math_md.MathError: not KaTeX's htmlAndMathml output: '<span class="katex"><span class="katex-html" aria-hidden="true">x</span></span>'
    """
    without, found = KATEX_MATHML.subn("", katex_html, count=1)
    if not found or '<span class="katex">' not in without or 'aria-hidden="true"' not in without:
        raise MathError(f"not KaTeX's htmlAndMathml output: {katex_html[:80]!r}")
    label = html.escape(speech, quote=True)
    return without.replace('<span class="katex">', f'<span class="katex" role="math" aria-label="{label}">', 1)


# What searchable() keeps out of the index: KaTeX's output, never nested in itself.
EXCLUDED = re.compile(r"<dlnotes-formula data-search-exclude>.*?</dlnotes-formula>", re.S)


def without_formula_markup(page_html: str) -> str:
    """``page_html`` without the KaTeX output that search skips: the same index, a third of the HTML to parse.

    Material's search parses every element of a page, those it then skips included, and KaTeX's
    nested spans make up most of a page's HTML.
    """
    return EXCLUDED.sub("", page_html)


class MathExtension(PageExtension):
    """Renders ``$...$`` and ``$$...$$`` to KaTeX HTML."""

    def __init__(self, **kwargs: Any) -> None:
        self.config = {
            "page_path": ["", "The page's path under the docs folder, for the marks' links."],
            "page_markdown": [
                "",
                "The page's own Markdown, when set: a conversion of other text (a docstring) is not checked.",
            ],
            "node_root": ["", "The folder holding node_modules/katex; default: the nearest above the current folder."],
            "cache_dir": ["", "Where rendered formulas are cached; default: .cache/dlnotes/katex of the project."],
            "checks_link": [
                CHECKS_LINK,
                "Where the marks link: a page under the docs folder and its anchor.",
            ],
        }
        super().__init__(**kwargs)

    def extendMarkdown(self, md: Markdown) -> None:
        md.registerExtension(self)
        if "$" not in md.ESCAPED_CHARS:
            md.ESCAPED_CHARS.append("$")
        formulas = _Formulas(md, self)  # this Markdown's own: the instance may serve another one meanwhile
        md.preprocessors.register(formulas, "dlnotes_math_lines", 200)
        md.preprocessors.register(_SymbolTables(md, formulas), "dlnotes_math_symbols", 190)
        # After code spans (190), before backslash escapes (180), like arithmatex.
        md.inlinePatterns.register(_InlineMath(INLINE_MATH, md, formulas), "dlnotes_math_inline", 185)
        md.parser.blockprocessors.register(_DisplayMath(md.parser, formulas), "dlnotes_math_block", 185)
        # After raw HTML is restored (30), so the markers are in the text.
        md.postprocessors.register(_RenderMath(md, formulas), "dlnotes_math_render", 25)


def makeExtension(**kwargs: Any) -> MathExtension:
    return MathExtension(**kwargs)
