"""The math extension and the KaTeX worker: syntax, errors, one process, batching, caching."""

from __future__ import annotations

import re
import subprocess

import markdown
import pytest

from dlnotes.site_build import katex as katex_module
from dlnotes.site_build.katex import Formula, KatexRenderer
from dlnotes.site_build.math_md import MathError


@pytest.fixture
def renderer(tmp_path, monkeypatch):
    """A fresh renderer with its own disk cache, used by the extension for this test."""
    fresh = KatexRenderer(cache_dir=tmp_path / "cache")
    monkeypatch.setattr(katex_module, "_shared", fresh)
    yield fresh
    fresh.close()


def convert(text: str, **config) -> str:
    md = markdown.Markdown(
        extensions=["dlnotes_math", "pymdownx.superfences"], extension_configs={"dlnotes_math": config}
    )
    return md.convert(text)


def test_inline_and_display_math_become_katex(renderer):
    html = convert("Inline $a^2$ here.\n\n$$\\frac{1}{m}$$\n")
    assert html.count('<span class="katex" role="math" aria-label="') == 2
    assert html.count('class="katex-display"') == 1
    assert "$" not in html.replace("\\$", "")


def test_a_screen_reader_hears_each_formula_as_it_is_written(renderer):
    """The label is MathSpeak: a layer's index in brackets is said as brackets, never as a power."""
    html = convert("$dZ^{[2]} = A^{[2]} - Y$ and $\\sigma(z) = \\frac{1}{1 + e^{-z}}$\n")
    labels = re.findall(r'role="math" aria-label="([^"]*)"', html)
    assert labels == [
        "d upper Z Superscript left bracket 2 right bracket Baseline equals upper A Superscript left bracket 2 right"
        " bracket Baseline minus upper Y",
        "sigma left parenthesis z right parenthesis equals StartFraction 1 Over 1 plus e Superscript negative z"
        " Baseline EndFraction",
    ]
    # KaTeX's drawing stays hidden from the screen reader, and its hidden MathML is left out.
    assert html.count('class="katex-html" aria-hidden="true"') == 2
    assert "<math" not in html


@pytest.mark.parametrize(
    "text", ["It costs $5 and $10.", "`$x$` in code", "A \\$ sign, not math: \\$x\\$", "$ spaced $ is not math"]
)
def test_text_that_is_not_math_is_left_alone(renderer, text):
    html = convert(text)
    assert "katex" not in html


def test_several_display_formulas_on_consecutive_lines(renderer):
    html = convert("$$a$$\n$$b$$\n\ntext after\n")
    assert html.count('class="katex-display"') == 2
    assert "<p>text after</p>" in html


def test_math_inside_fenced_code_is_not_rendered(renderer):
    html = convert("```python\nx = '$a$'\n```\n")
    assert "katex" not in html


def test_errors_name_source_line_and_formula_and_list_every_bad_one(renderer):
    with pytest.raises(MathError) as caught:
        convert("ok $a$\n\nbad $\\frac{1}{$\n\n$$\\nope{x}$$\n", source="docs/p.md", line_offset=2)
    message = str(caught.value)
    assert "docs/p.md:5: invalid inline formula '\\\\frac{1}{'" in message
    assert "docs/p.md:7: invalid display formula '\\\\nope{x}'" in message
    assert "Undefined control sequence" in message


def test_repeated_formula_errors_point_at_each_occurrence(renderer):
    with pytest.raises(MathError) as caught:
        convert("$$\\bad$$\n\nprose\n\n$$\\bad$$\n", source="p.md")
    assert "p.md:1:" in str(caught.value)
    assert "p.md:5:" in str(caught.value)


def test_one_process_one_batch_per_page_and_a_cache(renderer, monkeypatch):
    started = []
    real_popen = subprocess.Popen

    def counting_popen(*args, **kwargs):
        started.append(args)
        return real_popen(*args, **kwargs)

    monkeypatch.setattr(subprocess, "Popen", counting_popen)
    sent = []
    real_send = renderer._send

    def counting_send(batch):
        sent.append(len(batch))
        return real_send(batch)

    monkeypatch.setattr(renderer, "_send", counting_send)

    convert("$a$ $b$ $c$\n\n$$d$$\n")
    convert("$e$ and $f$\n")
    assert len(started) == 1  # one Node process for every formula of every page
    assert sent == [4, 2]  # one batch per page
    convert("$a$ $b$ $c$\n\n$$d$$\n")  # a rebuild: everything from memory
    assert sent == [4, 2]
    assert renderer.rendered_count == 6


def test_the_disk_cache_survives_a_new_process(tmp_path):
    first = KatexRenderer(cache_dir=tmp_path)
    html = first.render([Formula("x_1", False)])[0].html
    first.close()
    second = KatexRenderer(cache_dir=tmp_path)
    assert second.render([Formula("x_1", False)])[0].html == html
    assert second.rendered_count == 0
    second.close()


def test_errors_are_not_cached(tmp_path):
    renderer = KatexRenderer(cache_dir=tmp_path)
    assert renderer.render([Formula("\\frac{", True)])[0].error
    renderer.close()
    assert not list(tmp_path.rglob("*.json"))


def test_missing_node_is_reported_in_one_sentence(tmp_path, monkeypatch):
    monkeypatch.setattr(katex_module.shutil, "which", lambda name: None)
    with pytest.raises(katex_module.KatexSetupError, match=r"Node\.js is not on PATH: install Node >= 18"):
        KatexRenderer(cache_dir=tmp_path).render([Formula("y", False)])


def test_missing_katex_says_to_run_npm_ci(tmp_path):
    with pytest.raises(katex_module.KatexSetupError, match="run `npm ci`"):
        KatexRenderer(cache_dir=tmp_path, root=tmp_path).render([Formula("y", False)])


def test_a_fully_cached_render_starts_no_node(tmp_path, monkeypatch):
    warm = KatexRenderer(cache_dir=tmp_path)
    warm.render([Formula("e^{i\\pi}", False)])
    warm.close()
    monkeypatch.setattr(subprocess, "Popen", lambda *a, **k: (_ for _ in ()).throw(AssertionError("Node started")))
    cold = KatexRenderer(cache_dir=tmp_path)
    assert cold.render([Formula("e^{i\\pi}", False)])[0].html


def _search_text(html: str) -> str:
    """What Material's search plugin indexes from a page's HTML."""
    from material.plugins.search.plugin import Parser

    parser = Parser()
    parser.feed(html)
    parser.close()
    return " ".join("".join(section.text) for section in parser.data)


def test_the_search_index_reads_each_formula_once_as_text(renderer):
    html = convert("The sigmoid $\\sigma(z) = \\frac{1}{1 + e^{-z}}$ squashes.\n\n$$\\hat{y} = \\sigma(w^T x + b)$$\n")
    indexed = _search_text(html)
    assert "σ(z) = 1/(1 + e^(−z))" in indexed
    assert "ŷ = σ(w^T x + b)" in indexed
    assert "\\" not in indexed  # no TeX
    assert indexed.count("σ") == 2  # once per formula: not KaTeX's glyphs as well
    # The eye gets KaTeX's HTML and the screen reader its label; the text is hidden.
    assert html.count('<span class="katex" role="math"') == 2
    assert html.count('<span class="dlnotes-formula-text" hidden>') == 2


def test_without_the_wrapper_the_index_would_repeat_the_formula(renderer):
    # Proves the test above can fail: KaTeX's bare output adds its glyphs to the text.
    html = convert("The sigmoid $\\sigma(z)$ squashes.\n")
    bare = html.replace("<dlnotes-formula data-search-exclude>", "").replace("</dlnotes-formula>", "")
    assert _search_text(bare).count("σ") == 2


def test_each_display_formula_says_how_it_is_checked(renderer):
    html = convert(
        "$$a = a$$\n\n<!-- equation: refuted -->\n$$a = b$$\n\n<!-- equation: skip: a set, not a computation -->\n"
        "$$S = \\{1\\}$$\n",
        page_path="notes/p.md",
    )
    blocks = re.findall(r'<div class="dlnotes-math"([^>]*)>', html)
    assert blocks == [
        ' data-check="holds"',
        ' data-check="refuted"',
        ' data-check="skipped" data-check-reason="a set, not a computation"',
    ]
    assert (
        '<a aria-label="checked numerically" class="dlnotes-check" data-search-exclude="" href="../notation.md#how-equations-are-checked"'
        in html
    )
    assert html.count('class="dlnotes-check"') == 2  # a skipped formula has no mark


def test_a_skipped_formula_without_a_reason_fails_the_conversion(renderer):
    with pytest.raises(MathError, match=r"p.md:2: a skipped equation needs its reason"):
        convert("<!-- equation: skip -->\n$$a$$\n", source="p.md")
    with pytest.raises(MathError, match=r"unknown part 'refute'"):
        convert("<!-- equation: refute -->\n$$a$$\n", source="p.md")


def test_formulas_of_other_text_than_the_page_are_marked_not_checked(renderer):
    html = convert("$$a = b$$\n", page_markdown="# The page itself\n")
    assert (
        'data-check="skipped" data-check-reason="in an API docstring: the equation checks read the pages only"' in html
    )


def test_a_symbols_line_becomes_the_table_of_that_section(renderer):
    html = convert("[[symbols: gradients]]\n", page_path="notation.md")
    assert "<table>" not in html  # the tables extension is not loaded here: the Markdown rows stay text
    assert "| Symbol | In code | Shape | Entries in | Meaning |" in html
    assert "<code>dZ1, dZ2</code>" in html
    with pytest.raises(MathError, match=r"\[\[symbols: shape\]\]: the sections are sizes, indices, shapes"):
        convert("[[symbols: shape]]\n")
