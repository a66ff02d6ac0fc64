"""The source extension: a page shows the package's real code, and a stale reference fails loudly."""

from __future__ import annotations

import inspect

import markdown
import pytest

from dlnotes import activations
from dlnotes.site_build.source_md import SourceIncludeError, excerpt
from tests.site_build.helpers import line_of, mkdocs_build

EXTENSIONS = ["dlnotes_source", "pymdownx.superfences", "pymdownx.highlight", "attr_list"]


def convert(text: str, **config: object) -> str:
    return markdown.Markdown(extensions=EXTENSIONS, extension_configs={"dlnotes_source": config}).convert(text)


def test_the_function_is_included_with_its_file_lines_and_highlights():
    lines, first = inspect.getsourcelines(activations.tanh_derivative)
    last = first + len(lines) - 1
    returned = lines[-1].strip()  # the line that computes the derivative
    assert returned.startswith("return ")
    assert sum(returned in line for line in lines) == 1
    html = convert(f"Before.\n\n[[source: dlnotes.activations.tanh_derivative | {returned}]]\n\nAfter.\n")
    assert f'<span class="filename">dlnotes/activations.py · tanh_derivative, lines {first}–{last}</span>' in html
    assert 'dlnotes-source highlight"' in html
    highlighted = html.split('<span class="hll">')[1:]
    assert len(highlighted) == 1
    assert '<span class="k">return</span>' in highlighted[0].split("\n")[0]
    assert "<p>Before.</p>" in html
    assert "<p>After.</p>" in html


def test_the_excerpt_is_the_code_on_disk():
    source = excerpt("dlnotes.activations._sigmoid")
    assert "\n".join(source.lines) == inspect.getsource(activations._sigmoid).rstrip()
    assert source.path == "dlnotes/activations.py"
    assert source.last_line > source.first_line


@pytest.mark.parametrize(
    ("reference", "message"),
    [
        ("dlnotes.activations.no_such_function", "dlnotes.activations has no 'no_such_function'"),
        ("dlnotes.no_such_module.f", "dlnotes has no 'no_such_module.f'"),
        ("numpy.tanh", "is not in the dlnotes package"),
        ("dlnotes.activations.__all__", "is a list, not a function or class"),
        ("dlnotes.activations.tanh | np.exp(", "highlight 'np.exp(' matches no line of dlnotes.activations.tanh"),
    ],
)
def test_a_bad_reference_names_the_page_and_line(reference, message):
    with pytest.raises(SourceIncludeError) as caught:
        convert(f"Title\n\n[[source: {reference}]]\n", source="docs/p.md", line_offset=2)
    assert str(caught.value).startswith("docs/p.md:5: "), caught.value
    assert message in str(caught.value), caught.value


def test_a_highlight_may_hold_brackets():
    lines, _ = inspect.getsourcelines(activations._elementwise)
    text = next(line.strip() for line in lines if "[()]" in line)
    html = convert(f"[[source: dlnotes.activations._elementwise | {text}]]\n")
    assert html.count('<span class="hll">') == 1


def test_a_malformed_reference_fails_instead_of_showing_as_text():
    with pytest.raises(SourceIncludeError, match=r"^p.md:1: malformed reference"):
        convert("[[source: dlnotes.activations.tanh\n", source="p.md")


def test_the_syntax_inside_a_fence_is_only_shown():
    html = convert("```text\n[[source: dlnotes.nowhere]]\n```\n")
    assert "[[source: dlnotes.nowhere]]" in html


def test_a_renamed_function_fails_the_build_naming_page_and_line(project_copy, tmp_path):
    page = project_copy / "docs" / "pipeline-check.md"
    page.write_text(
        page.read_text(encoding="utf-8") + "\n[[source: dlnotes.activations.sigmoid_old]]\n", encoding="utf-8"
    )
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    line = line_of(page, "sigmoid_old")
    assert (
        f"docs/pipeline-check.md:{line}: 'dlnotes.activations.sigmoid_old': dlnotes.activations has no 'sigmoid_old'"
    ) in result.output, result.output


@pytest.mark.parametrize(("code", "ticks"), [("x = 1", 3), ("'''```'''", 4), ("s = '````'\nt = '```'", 5)])
def test_a_fence_is_longer_than_any_run_of_backticks_in_its_code(code, ticks):
    from dlnotes.site_build.fence_kinds import fence_ticks

    assert fence_ticks(code) == "`" * ticks
