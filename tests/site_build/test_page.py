"""The page model reads fences as superfences does and finds a page's math, includes and corrections."""

from dlnotes.site_build.page import Correction, DisplayMath, Fence, SourceInclude, iter_fences, read_page

LONGER_RUN = """\
```markdown
[[source: dlnotes.activations._sigmoid]]
````
[[figure: sigmoid]]
```

after
"""


def test_a_longer_backtick_run_does_not_close_a_fence() -> None:
    (fence,) = iter_fences(LONGER_RUN)
    assert (fence.start, fence.end, fence.language) == (1, 5, "markdown")
    assert not [item for item in read_page(LONGER_RUN) if isinstance(item, SourceInclude)]


def test_tilde_and_indented_fences() -> None:
    text = "!!! note\n\n    ~~~python\n    x = 1\n    ```\n    ~~~\n"
    (fence,) = iter_fences(text)
    assert (fence.start, fence.end, fence.indent, fence.body) == (3, 6, "    ", "x = 1\n```")


def test_math_annotation_and_correction() -> None:
    text = (
        "/// correction | x for z\nattrs: {id: correction-x}\n\n> the notes\n\n"
        "<!-- equation: refuted -->\n$$a = b$$\n\nfixed\n///\n"
    )
    items = read_page(text)
    (correction,) = [i for i in items if isinstance(i, Correction)]
    (math,) = [i for i in items if isinstance(i, DisplayMath)]
    assert (correction.kind, correction.id, correction.quote) == ("correction", "correction-x", "the notes")
    assert (math.tex, math.annotation) == ("a = b", "refuted")
    assert not [i for i in items if isinstance(i, Fence)]


def _superfences_blocks(text: str) -> list[str]:
    import html
    import re

    import markdown

    extensions = ["pymdownx.superfences", "admonition", "pymdownx.details", "pymdownx.blocks.admonition"]
    rendered = markdown.markdown(text, extensions=[*extensions, "attr_list", "md_in_html"])
    codes = re.findall(r"<pre[^>]*>(?:<span></span>)?<code[^>]*>(.*?)</code></pre>", rendered, re.S)
    return [html.unescape(re.sub(r"<[^>]+>", "", code)).strip("\n") for code in codes]


def test_every_page_fences_as_superfences_renders_them() -> None:
    from pathlib import Path

    for page in sorted(Path("docs").rglob("*.md")):
        text = page.read_text(encoding="utf-8")
        bodies = [fence.body.strip("\n") for fence in iter_fences(text)]
        assert bodies == _superfences_blocks(text), page


def test_hard_cases_fence_as_superfences_renders_them() -> None:
    for text in (LONGER_RUN, "~~~\na\n```\n~~~\n", "!!! note\n\n    ```python\n    x = 1\n    ```\n"):
        assert [fence.body.strip("\n") for fence in iter_fences(text)] == _superfences_blocks(text), text


def test_every_reader_skips_markers_shown_in_a_fence_closed_only_by_its_own_run() -> None:
    from dlnotes.site_build import notebooks
    from dlnotes.site_build.figures_md import references
    from tests.site_build import page_structure

    page = "# P\n\n<!-- display-only: the syntax, shown -->\n" + LONGER_RUN
    assert list(references(page)) == []
    assert page_structure.sections(page + "\n## After\n") == {"After": "\n"}

    def no_figure(name: str) -> notebooks.FigureImage:
        raise KeyError(name)

    notebook = notebooks.page_notebook(
        page,
        page="notes/p.md",
        site=notebooks.Site("https://example.org/", {"notes/p.md": "notes/p/"}),
        wheel_url="w.whl",
        figures=no_figure,
    )
    cells = notebook["cells"]
    markdown = "\n".join(cell["source"] for cell in cells if cell["cell_type"] == "markdown")
    assert "[[figure: sigmoid]]" in markdown  # shown as code, not drawn
    assert [cell["metadata"]["dlnotes"]["kind"] for cell in cells if cell["cell_type"] == "code"] == ["setup"]


def test_headings_admonitions_includes_and_build_markup() -> None:
    from dlnotes.site_build.page import Admonition, Heading, Include, Prose

    text = (
        "# Title { #page-t }\n\n"  # 1-2
        '<div class="grid" markdown>\n'  # 3
        "<!-- equation: skip: why -->\n"  # 4
        "$$x = 1$$\n"  # 5
        "</div>\n\n"  # 6-7
        '??? note "Proof"\n\n'  # 8-9
        "    inside\n\n"  # 10-11
        "        deeper\n\n"  # 12-13
        "after\n"  # 14
        '--8<-- "docs/snippets/table.md"\n'  # 15
        "/// clarification | Loose\n    attrs: {id: clarification-l}\n\n> quoted\n///\n"  # 16-20
    )
    items = read_page(text)
    (heading,) = [i for i in items if isinstance(i, Heading)]
    assert (heading.level, heading.text) == (1, "Title { #page-t }")
    (fold,) = [i for i in items if isinstance(i, Admonition)]
    assert (fold.start, fold.end, fold.marker, fold.kind, fold.title) == (8, 12, "???", "note", "Proof")
    (include,) = [i for i in items if isinstance(i, Include)]
    assert (include.start, include.target) == (15, "docs/snippets/table.md")
    prose_lines = {n for i in items if isinstance(i, Prose) for n in i.lines}
    # The grid's div lines, the equation note, the block's attrs and closing /// are markup, not prose.
    assert not prose_lines & {3, 4, 6, 17, 20}
    assert {10, 12, 14, 19} <= prose_lines
