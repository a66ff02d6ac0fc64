"""The MkDocs plugin owns its extension instances and tells them, page by page, what they convert."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.site_build.helpers import Run, line_of, mkdocs_build

GOOD = "# First\n\nA formula, $a^2 + b^2$.\n\n[[figure: broadcasting-shapes]]\n"
FRONT_MATTER = "---\ntitle: Second\n---\n"


def build(tmp_path: Path, second: str, extensions: str = "[dlnotes_math, dlnotes_figures]") -> tuple[Run, Path]:
    """Build a site of two pages, the first one fine and the second one ``second``."""
    project = tmp_path / "project"
    (project / "docs" / "part").mkdir(parents=True)
    (project / "docs" / "index.md").write_text(GOOD, encoding="utf-8")
    (project / "docs" / "part" / "second.md").write_text(second, encoding="utf-8")
    (project / "mkdocs.yml").write_text(
        f"site_name: Two pages\nplugins: [dlnotes]\nmarkdown_extensions: {extensions}\n"
        "nav: [index.md, part/second.md]\n",
        encoding="utf-8",
    )
    return mkdocs_build(project, tmp_path / "site"), project / "docs" / "part" / "second.md"


@pytest.mark.parametrize(
    ("broken", "message"),
    [
        ("Bad: $\\frac{1}{$ here.", "invalid inline formula"),
        ("[[figure: no-such-figure]]", "no-such-figure"),
    ],
    ids=["formula", "figure"],
)
def test_an_error_names_the_page_being_converted_and_its_line(tmp_path, broken, message):
    # The first page converts fine; the error must name the second, counting its front matter.
    result, page = build(tmp_path, f"{FRONT_MATTER}# Second\n\nSome prose.\n\n{broken}\n")
    assert result.returncode != 0
    line = line_of(page, broken)
    assert f"docs/part/second.md:{line}: " in result.output, result.output
    assert message in result.output, result.output
    assert "docs/index.md" not in result.output, result.output


def test_each_page_gets_figure_links_relative_to_itself(tmp_path):
    result, _ = build(tmp_path, "# Second\n\n[[figure: broadcasting-shapes]]\n")
    assert result.returncode == 0, result.output
    first = (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
    second = (tmp_path / "site" / "part" / "second" / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/figures/broadcasting-shapes-light.svg#only-light"' in first
    assert 'src="../../assets/figures/broadcasting-shapes-light.svg#only-light"' in second


def test_the_plugin_adds_its_extensions_when_mkdocs_yml_does_not_name_them(tmp_path):
    result, _ = build(tmp_path, "# Second\n\n$$x^2$$\n", extensions="[]")
    assert result.returncode == 0, result.output
    second = (tmp_path / "site" / "part" / "second" / "index.html").read_text(encoding="utf-8")
    assert 'class="katex-display"' in second
    assert 'class="dlnotes-figure"' in (tmp_path / "site" / "index.html").read_text(encoding="utf-8")
