"""The guards work: break a copy of the docs and the check fails, naming the file and line."""

from pathlib import Path

from tests.site_build.helpers import line_of, mkdocs_build, run_pytest

PAGE = "docs/pipeline-check.md"


def append(project: Path, text: str) -> Path:
    page = project / PAGE
    page.write_text(page.read_text(encoding="utf-8") + "\n" + text, encoding="utf-8")
    return page


def test_the_untouched_copy_passes(project_copy):
    result = run_pytest(project_copy, PAGE)
    assert result.returncode == 0, result.output
    assert "passed" in result.output


def test_wrong_expected_output_in_pycon_fails_with_file_and_line(project_copy):
    page = project_copy / PAGE
    page.write_text(
        page.read_text(encoding="utf-8").replace(">>> float(sigmoid(0.0))\n0.5", ">>> float(sigmoid(0.0))\n0.75"),
        encoding="utf-8",
    )
    line = line_of(page, ">>> float(sigmoid(0.0))")
    result = run_pytest(project_copy, PAGE)
    assert result.returncode == 1, result.output
    assert f"pipeline-check.md, line {line}" in result.output, result.output
    assert "Expected:\n    0.75\nGot:\n    0.5" in result.output


def test_fence_with_unknown_info_string_fails_with_file_and_line(project_copy):
    page = append(project_copy, "```console\n$ rm -rf /\n```\n")
    line = line_of(page, "```console")
    result = run_pytest(project_copy, PAGE)
    assert result.returncode == 1, result.output
    assert f"pipeline-check.md, line {line}: ```console fence is neither run" in result.output, result.output


def test_display_only_needs_a_reason(project_copy):
    append(project_copy, "<!-- display-only: -->\n```text\nhello\n```\n")
    result = run_pytest(project_copy, PAGE)
    assert result.returncode == 1, result.output
    assert "display-only needs a reason" in result.output, result.output


def test_fences_with_attributes_still_run(project_copy):
    # The stock sybil parser ignores these three forms; a failing assert in each must fail here.
    for fence in ('```python title="check.py"', '```python hl_lines="1"', "``` { .python }"):
        page = project_copy / PAGE
        original = page.read_text(encoding="utf-8")
        append(project_copy, f"{fence}\nassert 1 == 2, 'attributes did not stop me'\n```\n")
        result = run_pytest(project_copy, PAGE)
        assert result.returncode == 1, (fence, result.output)
        assert "attributes did not stop me" in result.output, (fence, result.output)
        page.write_text(original, encoding="utf-8")


def test_snippet_includes_run_the_included_file(project_copy):
    (project_copy / "docs" / "snippet_fail.py").write_text("assert False, 'the snippet ran'\n", encoding="utf-8")
    append(project_copy, '```python\n--8<-- "docs/snippet_fail.py"\n```\n')
    result = run_pytest(project_copy, PAGE)
    assert result.returncode == 1, result.output
    assert "the snippet ran" in result.output, result.output


def test_missing_snippet_fails(project_copy):
    append(project_copy, '```python\n--8<-- "docs/nowhere.py"\n```\n')
    result = run_pytest(project_copy, PAGE)
    assert result.returncode == 1, result.output
    assert "snippet 'docs/nowhere.py' not found" in result.output, result.output


def test_invalid_formula_fails_the_build_with_file_line_and_formula(project_copy, tmp_path_factory):
    page = append(project_copy, "A broken one: $\\frac{1}{$ here.\n")
    line = line_of(page, "A broken one")
    result = mkdocs_build(project_copy, tmp_path_factory.mktemp("broken"))
    assert result.returncode != 0
    assert f"docs/pipeline-check.md:{line}: invalid inline formula '\\\\frac{{1}}{{'" in result.output, result.output
    assert "KaTeX parse error" in result.output


def test_unclosed_display_math_fails_the_build(project_copy, tmp_path_factory):
    page = append(project_copy, "$$\nx^2\n")
    result = mkdocs_build(project_copy, tmp_path_factory.mktemp("unclosed"))
    assert result.returncode != 0
    assert (
        f"docs/pipeline-check.md:{line_of(page, 'x^2') - 1}: display math opened with $$ is never closed"
        in result.output
    ), result.output


def test_front_matter_keeps_formula_lines_right(project_copy, tmp_path_factory):
    page = project_copy / PAGE
    page.write_text(
        "---\ntitle: Pipeline\n---\n" + page.read_text(encoding="utf-8") + "\nBad: $\\sqrt{$\n", encoding="utf-8"
    )
    result = mkdocs_build(project_copy, tmp_path_factory.mktemp("front"))
    assert f"docs/pipeline-check.md:{line_of(page, 'Bad: ')}:" in result.output, result.output
