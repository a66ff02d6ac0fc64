"""Figures in the build: placed with alt text and caption, cached across builds, failing loudly."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from dlnotes.figures import registry
from dlnotes.figures.render import image_files
from tests.site_build.helpers import BIN, line_of, mkdocs_build, run

GALLERY = "docs/figures.md"


def test_each_figure_is_placed_with_both_variants_alt_text_and_caption(built_site):
    page = (built_site / "figures" / "index.html").read_text(encoding="utf-8")
    for name in registry.load_all():
        spec = registry.get(name)
        block = re.search(rf'<figure class="dlnotes-figure" id="figure-{name}">(.*?)</figure>', page, re.S)
        assert block, name
        html = block.group(1)
        for theme in ("light", "dark"):
            src = re.search(rf'src="([^"]*{name}-{theme}\.svg)#only-{theme}"', html)
            assert src, (name, theme)
            target = (built_site / "figures" / src.group(1)).resolve()
            assert target.is_file()
            assert ET.parse(target).getroot().tag.endswith("svg")
        assert html.count(f'alt="{spec.alt}"') == 2
        assert "<figcaption>" in html
        assert "dlnotes-math" not in html
    assert page.count('<span class="katex" role="math" aria-label=') > 0


def test_a_build_after_a_prose_edit_renders_no_figure(second_build, project_copy, tmp_path):
    # The first build is the session's second build of the site: from an empty cache of its own, unless the
    # session's first build started from an empty one (a fresh clone) and filled the cache it reads.
    first, env = second_build, {"DLNOTES_CACHE_DIR": str(second_build.cache)}
    page = project_copy / GALLERY
    page.write_text(
        page.read_text(encoding="utf-8") + "\nA new sentence of prose, with $x^2$ in it.\n", encoding="utf-8"
    )
    second = mkdocs_build(project_copy, tmp_path / "two", **env)
    count = len(registry.load_all()) * len(image_files("any"))  # both SVGs and the notebooks' PNG
    drawn = re.search(r"dlnotes figures: rendered (\d+), from cache (\d+)", first.output)
    assert drawn, first.output
    assert int(drawn[1]) + int(drawn[2]) == count, first.output
    if first.from_empty:
        assert int(drawn[1]) == count, first.output
    assert f"dlnotes figures: rendered 0, from cache {count}" in second.output, second.output
    assert "A new sentence of prose" in (tmp_path / "two" / "figures" / "index.html").read_text(encoding="utf-8")


def test_both_caches_live_beside_mkdocs_yml_whatever_the_current_folder(tmp_path):
    project = tmp_path / "project"
    (project / "docs").mkdir(parents=True)
    (project / "docs" / "index.md").write_text(
        "# Cached\n\nA formula, $a^2 + b^2$.\n\n[[figure: broadcasting-shapes]]\n"
    )
    (project / "mkdocs.yml").write_text(
        "site_name: Cached\nplugins: [dlnotes]\nmarkdown_extensions: [dlnotes_math, dlnotes_figures]\n"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = run(
        [
            str(BIN / "mkdocs"),
            "build",
            "--strict",
            "-f",
            str(project / "mkdocs.yml"),
            "--site-dir",
            str(tmp_path / "site"),
        ],
        cwd=elsewhere,
        DLNOTES_CACHE_DIR="",
    )  # no override: the default place
    assert result.returncode == 0, result.output
    caches = project / ".cache" / "dlnotes"
    assert len(list((caches / "figures").glob("broadcasting-shapes-*.svg"))) == 2
    assert list((caches / "katex").rglob("*.json"))
    assert not (elsewhere / ".cache").exists()


def test_an_unknown_figure_fails_the_build_naming_page_line_and_figure(project_copy, tmp_path):
    page = project_copy / GALLERY
    page.write_text(page.read_text(encoding="utf-8") + "\n[[figure: no-such-figure]]\n", encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert f"{GALLERY}:{line_of(page, 'no-such-figure')}: unknown figure 'no-such-figure'" in result.output, (
        result.output
    )


def test_a_raising_figure_function_fails_the_build_naming_page_and_figure(project_copy, tmp_path):
    (project_copy / "broken_figures.py").write_text(
        "from dlnotes.figures.registry import figure\n"
        "@figure('broken-on-purpose', alt='A figure whose function raises an error on purpose.', caption='None.')\n"
        "def draw(theme):\n    raise RuntimeError('no data for this figure')\n",
        encoding="utf-8",
    )
    config = project_copy / "mkdocs.yml"
    config.write_text(
        config.read_text(encoding="utf-8").replace(
            "  - dlnotes\n", "  - dlnotes:\n      figure_modules: [broken_figures]\n"
        ),
        encoding="utf-8",
    )
    page = project_copy / GALLERY
    page.write_text(page.read_text(encoding="utf-8") + "\n[[figure: broken-on-purpose]]\n", encoding="utf-8")
    result = mkdocs_build(project_copy, tmp_path / "site", PYTHONPATH=str(project_copy))
    assert result.returncode != 0
    line = line_of(page, "broken-on-purpose")
    assert (
        f"{GALLERY}:{line}: figure 'broken-on-purpose' failed to draw (light): RuntimeError: no data for this figure"
    ) in result.output, result.output


def test_figure_syntax_inside_code_is_only_shown(project_copy, tmp_path):
    page = project_copy / GALLERY
    page.write_text(
        page.read_text(encoding="utf-8") + "\n<!-- display-only: syntax example -->\n"
        "```text\n[[figure: not-a-figure]]\n```\n",
        encoding="utf-8",
    )
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode == 0, result.output
    assert "[[figure: not-a-figure]]" in (tmp_path / "site" / "figures" / "index.html").read_text(encoding="utf-8")


def test_the_extension_alone_links_relative_to_the_page_and_names_unknown_figures():
    import markdown
    import pytest

    def convert(text: str, **config: str) -> str:
        return markdown.Markdown(extensions=["dlnotes_figures"], extension_configs={"dlnotes_figures": config}).convert(
            text
        )

    html = convert("Intro.\n\n[[figure: network-shapes]]\n\nAfter.", page_path="notes/deep/page.md")
    assert 'src="../../assets/figures/network-shapes-light.svg#only-light"' in html
    assert 'src="../../assets/figures/network-shapes-dark.svg#only-dark"' in html
    assert "<p>After.</p>" in html
    assert "<p>Intro.</p>" in html
    with pytest.raises(registry.UnknownFigureError, match=r"^docs/p.md:3: unknown figure 'nope'"):
        convert("a\n\n[[figure: nope]]\n", source="docs/p.md")
