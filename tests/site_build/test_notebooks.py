"""The notebooks: one beside each question page, valid, linked, and running top to bottom with the page's outputs.

The notebooks tested are the ones the built site ships. Each runs on a fresh kernel
(ipykernel, with this virtualenv's Python and the project's package installed), and every
cell made from a ``pycon`` session must print what the page says, compared as the doctests
compare. The wheel itself is tested in test_wheel.py.
"""

from __future__ import annotations

import base64
import doctest
import functools
import http.server
import json
import re
import subprocess
import sys
import threading
from pathlib import Path
from typing import Any

import nbformat
import numpy
import pytest
from mkdocs.structure.files import File

from dlnotes.site_build import fence_kinds, notebooks
from dlnotes.site_build.page import iter_fences
from tests.site_build import notebook_check
from tests.site_build.helpers import ROOT, SNIPPETS, line_of, mkdocs_build
from tests.site_build.test_pages import DOCS, QUESTION_PAGES

# Each page's URL as MkDocs gives it (the plugin passes the build's own map).
PAGE_URLS = {
    page.relative_to(DOCS).as_posix(): File(page.relative_to(DOCS).as_posix(), str(DOCS), "site", True).url
    for page in DOCS.rglob("*.md")
}

PAGE_IDS = [page.stem for page in QUESTION_PAGES]


def notebook_of(site: Path, page: Path) -> Path:
    return site / notebooks.notebook_name(page.relative_to(DOCS).as_posix())


def read(path: Path) -> nbformat.NotebookNode:
    return nbformat.read(path, as_version=nbformat.NO_CONVERT)


def notebook_node(markdown: str, **options: Any) -> nbformat.NotebookNode:
    """`notebooks.page_notebook`'s dict as nbformat's node, whose keys read as attributes."""
    return nbformat.from_dict(notebooks.page_notebook(markdown, **options))


# --- Where the notebooks are --------------------------------------------------------------------------


def test_each_question_page_has_its_notebook_and_no_other_page_has_one(built_site):
    missing = [page.name for page in QUESTION_PAGES if not notebook_of(built_site, page).is_file()]
    assert not missing, f"question pages without a notebook: {missing}"
    shipped = sorted(path.relative_to(built_site) for path in built_site.rglob("*.ipynb"))
    assert shipped == sorted(notebook_of(built_site, page).relative_to(built_site) for page in QUESTION_PAGES)


def test_the_build_says_which_pages_have_a_notebook(site_build):
    _, output = site_build
    line = next(line for line in output.splitlines() if "dlnotes notebooks:" in line)
    named = re.findall(r"(notes/[\w-]+\.ipynb)", line)
    assert named == [notebooks.notebook_name(page.relative_to(DOCS).as_posix()) for page in QUESTION_PAGES]
    others = len([page for page in DOCS.rglob("*.md") if SNIPPETS not in page.parents]) - len(QUESTION_PAGES)
    assert f"the {others} other pages get none" in line


@pytest.mark.parametrize("page", QUESTION_PAGES, ids=PAGE_IDS)
def test_each_notebook_is_valid_nbformat_4(built_site, page):
    notebook = read(notebook_of(built_site, page))
    assert notebook.nbformat == 4
    nbformat.validate(notebook)
    assert notebook.metadata.kernelspec.name == "python3"


@pytest.mark.parametrize("page", QUESTION_PAGES, ids=PAGE_IDS)
def test_each_question_page_links_its_notebook_at_the_top(built_site, page):
    html_file = built_site / page.relative_to(DOCS).with_suffix("") / "index.html"
    html = html_file.read_text(encoding="utf-8")
    content = html[html.index('<article class="md-content__inner md-typeset">') :]
    link = re.search(
        r'<a class="md-button dlnotes-notebook" download="([^"]+)" href="([^"]+)">Download notebook</a>', content
    )
    assert link, "no Download notebook link"
    assert content.index(link.group(0)) < content.index("<h1"), "the link is not at the top"
    assert (html_file.parent / link.group(2)).resolve() == notebook_of(built_site, page).resolve()
    assert link.group(1) == notebook_of(built_site, page).name


def test_only_question_pages_link_a_notebook(built_site):
    question_html = {
        (built_site / p.relative_to(DOCS).with_suffix("") / "index.html").resolve() for p in QUESTION_PAGES
    }
    linking = {
        path.resolve() for path in built_site.rglob("*.html") if "dlnotes-notebook" in path.read_text(encoding="utf-8")
    }
    assert linking == question_html


# --- What is in them ----------------------------------------------------------------------------------


def page_sessions(text: str) -> list[tuple[str, str]]:
    """Every (kind, text) a page's sessions say they print, in order: ("out", output) or ("raises", exception)."""
    said = []
    for fence in iter_fences(text):
        if fence_kinds.classify(fence.language, fence.body, fence.display_only) != fence_kinds.SESSION:
            continue
        for example in doctest.DocTestParser().get_examples(fence.body):
            if example.exc_msg is not None:
                said.append(("raises", example.exc_msg.strip()))
            elif example.want:
                said.append(("out", example.want.replace("<BLANKLINE>", "")))
    return said


def notebook_sessions(notebook: nbformat.NotebookNode) -> list[tuple[str, str]]:
    stored = []
    for cell in notebook.cells:
        if cell.cell_type == "code" and cell.metadata["dlnotes"]["kind"] == "session":
            for output in cell.outputs:
                if output.output_type == "error":
                    stored.append(("raises", f"{output.ename}: {output.evalue}" if output.evalue else output.ename))
                else:
                    stored.append(("out", output.text))
    return stored


@pytest.mark.parametrize("page", QUESTION_PAGES, ids=PAGE_IDS)
def test_each_notebook_stores_what_its_page_says_its_sessions_print(built_site, page):
    said = page_sessions(page.read_text(encoding="utf-8"))
    assert said, "a question page has a worked example"
    assert notebook_sessions(read(notebook_of(built_site, page))) == said


@pytest.mark.parametrize("page", QUESTION_PAGES, ids=PAGE_IDS)
def test_each_notebook_has_the_pages_code_in_page_order(built_site, page):
    text = page.read_text(encoding="utf-8")
    runs = (fence_kinds.SESSION, fence_kinds.SCRIPT)
    fences = list(iter_fences(text))
    fence_lines = [f.start for f in fences if fence_kinds.classify(f.language, f.body, f.display_only) in runs]
    # A whole-line include in prose (--8<--) brings its file's blocks, placed at the include's line.
    for include in fence_kinds.SNIPPET.finditer(text):
        line = text.count("\n", 0, include.start()) + 1
        if any(f.start < line < f.end for f in fences):
            continue  # an include inside a fence is part of that fence
        included = fence_kinds.expand_snippets(include.group(0), [ROOT])
        fence_lines += [
            line for f in iter_fences(included) if fence_kinds.classify(f.language, f.body, f.display_only) in runs
        ]
    fence_lines.sort()
    notebook = read(notebook_of(built_site, page))
    cells = [c for c in notebook.cells if c.cell_type == "code"]
    assert cells[0].metadata["dlnotes"]["kind"] == "setup"
    blocks_in_order = list(dict.fromkeys(int(c.metadata["dlnotes"]["block"].rsplit(":", 1)[1]) for c in cells[1:]))
    assert blocks_in_order == fence_lines
    assert not any(re.search(r"^(>>>|\.\.\.) ", c.source, re.M) for c in cells), "prompts left in a code cell"
    figures = re.findall(r"^[ \t]*\[\[figure:[ \t]*([\w-]+)", text, re.M)
    attachments = [(name, c.attachments[name]) for c in notebook.cells for name in c.get("attachments", {})]
    assert [name.removesuffix(".png") for name, _ in attachments] == figures
    # A PNG each, the one format every front end shows (JupyterLab and Notebook 7 refuse SVG attachments).
    for name, mime in attachments:
        assert list(mime) == ["image/png"], name
        assert base64.b64decode(mime["image/png"]).startswith(b"\x89PNG\r\n\x1a\n"), name


def test_the_first_code_cell_installs_the_wheel_the_site_ships(built_site):
    wheels = sorted((built_site / "assets" / "wheels").glob("*.whl"))
    assert [w.name for w in wheels] == [f"dlnotes-{_version()}-py3-none-any.whl"]
    for page in QUESTION_PAGES:
        notebook = read(notebook_of(built_site, page))
        setup = next(c for c in notebook.cells if c.cell_type == "code")
        assert "import dlnotes" in setup.source
        installs = re.findall(r"^\s*%pip install --quiet (\S+)$", setup.source, re.M)
        site_url = notebook.metadata.dlnotes.url.split("notes/")[0]
        assert installs == [f"{site_url}assets/wheels/{wheels[0].name}"], setup.source


def _version() -> str:
    import tomllib

    return tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


# --- Running them -------------------------------------------------------------------------------------


def test_the_kernel_is_this_virtualenvs_python_with_the_project_installed(tmp_path):
    executable, package = notebook_check.interpreter_of(tmp_path)
    assert Path(executable) == Path(sys.executable)
    assert Path(package).resolve() == (ROOT / "dlnotes" / "__init__.py").resolve()


@pytest.mark.parametrize("page", QUESTION_PAGES, ids=PAGE_IDS)
def test_each_notebook_runs_top_to_bottom_printing_what_its_page_says(built_site, page, tmp_path):
    found = notebook_check.check(read(notebook_of(built_site, page)), tmp_path)
    assert not found, "\n\n".join(found)


def first_printed_output(text: str) -> tuple[int, int] | None:
    """(fence line, line of its first output line) of a page's first session example that prints."""
    for fence in iter_fences(text):
        if fence.language != "pycon":
            continue
        fence_line = fence.start
        for example in doctest.DocTestParser().get_examples(fence.body):
            if example.want and example.exc_msg is None:
                return fence_line, fence_line + 1 + example.lineno + example.source.count("\n")
    return None


def test_a_changed_expected_output_fails_the_notebook_naming_the_page_and_the_block(tmp_path):
    page, (fence_line, output_line) = next(
        (p, found) for p in QUESTION_PAGES if (found := first_printed_output(p.read_text(encoding="utf-8")))
    )
    lines = page.read_text(encoding="utf-8").split("\n")
    lines[output_line - 1] += " and then some"
    copy = tmp_path / page.name
    copy.write_text("\n".join(lines), encoding="utf-8")
    name = f"docs/{page.relative_to(DOCS).as_posix()}"

    def notebook_of_page(markdown: str) -> nbformat.NotebookNode:
        notebook = notebook_node(
            markdown,
            page=page.relative_to(DOCS).as_posix(),
            source_name=name,
            site=notebooks.Site("http://127.0.0.1:8000/", PAGE_URLS),
            wheel_url="http://127.0.0.1:8000/w.whl",
            figures=lambda figure: notebooks.FigureImage(b"\x89PNG", "alt", "caption"),
        )
        # The cells after the changed block cannot make it pass: leave them out, for speed.
        last = max(
            i
            for i, cell in enumerate(notebook.cells)
            if cell.metadata.get("dlnotes", {}).get("block") == f"{name}:{fence_line}"
        )
        notebook.cells = notebook.cells[: last + 1]
        return notebook

    assert notebook_check.check(notebook_of_page(page.read_text(encoding="utf-8")), tmp_path) == []
    problems = notebook_check.check(notebook_of_page(copy.read_text(encoding="utf-8")), tmp_path)
    assert len(problems) == 1, problems
    # The cell's first line, the block's fence, and the line the page says.
    assert re.match(rf"{name}:\d+ \(the session block at {name}:{fence_line}\) prints other", problems[0]), problems
    assert "and then some" in problems[0]


# --- Installing the wheel from the site --------------------------------------------------------------------------------------


def _venv_with_site_packages_but_dlnotes(venv: Path, links: Path, with_pip: bool) -> Path:
    """A fresh venv that sees this venv's packages (linked, offline), all but dlnotes; its Python."""
    subprocess.run([sys.executable, "-m", "venv", *([] if with_pip else ["--without-pip"]), str(venv)], check=True)
    links.mkdir()
    ours = Path(numpy.__file__).parent.parent
    for item in ours.iterdir():
        if (
            not item.name.startswith(("dlnotes", "__editable__", "_virtualenv", "pip", "setuptools"))
            and item.suffix != ".pth"
        ):
            (links / item.name).symlink_to(item)
    site_packages = next(venv.glob("lib/python*/site-packages"))
    (site_packages / "packages-of-the-test.pth").write_text(f"{links}\n", encoding="utf-8")
    return venv / "bin" / "python"


def test_the_first_code_cell_installs_dlnotes_from_the_site_where_it_is_missing(built_site, tmp_path, monkeypatch):
    # A kernel whose Python has numpy, matplotlib and ipykernel but not dlnotes, and the site served on this machine.
    python = _venv_with_site_packages_but_dlnotes(tmp_path / "venv", tmp_path / "links", with_pip=True)
    kernels = tmp_path / "jupyter" / "kernels" / "no-dlnotes"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(
        json.dumps(
            {
                "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
                "display_name": "no dlnotes",
                "language": "python",
            }
        ),
        encoding="utf-8",
    )
    monkeypatch.setenv("JUPYTER_PATH", str(tmp_path / "jupyter"))
    handler = functools.partial(http.server.SimpleHTTPRequestHandler, directory=str(built_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        notebook = read(notebook_of(built_site, QUESTION_PAGES[0]))
        setup = next(c for c in notebook.cells if c.cell_type == "code")
        site_url = notebook.metadata.dlnotes.url.split("notes/")[0]
        assert site_url in setup.source
        setup.source = setup.source.replace(site_url, f"http://127.0.0.1:{server.server_address[1]}/")
        probe = nbformat.v4.new_code_cell(
            "import json, sys, dlnotes.activations as a\n"
            "print(json.dumps([sys.executable, dlnotes.__file__, float(a.sigmoid(0.0))]))"
        )
        notebook.cells = [setup, probe]
        ran, error = notebook_check.execute(notebook, tmp_path, kernel="no-dlnotes")
    finally:
        server.shutdown()
        server.server_close()
    assert error is None, error
    # All it printed: a busy kernel may send one print's text and its newline as two stream outputs.
    text, raised = notebook_check.printed(ran.cells[1].outputs)
    assert raised is None, raised
    executable, package, half = json.loads(text)
    assert Path(executable) == python
    assert half == 0.5
    assert Path(package).is_relative_to(tmp_path / "venv"), package  # installed from the site's wheel


# --- The converter, on each piece of page syntax -----------------------------------------------------

SAMPLE = """\
# A sample page { #page-sample }

Lead, with [Notation](../notation.md), [`sigmoid`][dlnotes.activations.sigmoid], [this page][page-sample],
[an anchor](#later), $a^{[2](i)}$ and `x[1](2)`.

<div class="grid" markdown>

$$z = w^T x + b$$

[[source: dlnotes.activations._sigmoid | np.where]]

</div>

```pycon
>>> 1 + 1
2
>>> int("x")
Traceback (most recent call last):
ValueError: invalid literal for int() with base 10: 'x'
>>> for k in range(2):
...     print(k)
0
1
```

<!-- display-only: a shell command -->
```bash
make test
```

[[figure: sample-figure]]

/// correction | The notes are wrong
    attrs: {id: correction-sample}

> the notes' words

```python
y = 2
```
///

## Exercises { #later }

**Exercise 1.** Check y.

??? success "Solution"

    It is 2.

    ```python
    assert y == 2
    ```
"""


def test_the_converter_turns_each_piece_of_page_syntax_into_cells():
    # What the build knows: MkDocs' URL of each page, and the identifiers autorefs registered on them.
    identifiers = {
        "page-sample": "notes/sample/#page-sample",
        "dlnotes.activations.sigmoid": "reference/api/#dlnotes.activations.sigmoid",
    }
    site = notebooks.Site(
        "https://example.org/dl", {"notes/sample.md": "notes/sample/", "notation.md": "notation/"}, identifiers.get
    )
    png = b"\x89PNG\r\n\x1a\n"
    notebook = notebook_node(
        SAMPLE,
        page="notes/sample.md",
        site=site,
        wheel_url="https://example.org/dl/w.whl",
        figures=lambda name: notebooks.FigureImage(png, f"alt of {name}", "A caption with $x$."),
        source_name="docs/notes/sample.md",
    )
    assert notebooks.dumps(notebook) == notebooks.dumps(notebook)  # stable ids: the same bytes every time
    nbformat.validate(notebook)
    # Written without nbformat (a second of every build to import), as nbformat writes it.
    assert notebooks.dumps(notebook) == nbformat.writes(notebook).encode("utf-8") + b"\n"
    cells = notebook.cells
    kinds = [c.cell_type if c.cell_type == "markdown" else c.metadata["dlnotes"]["kind"] for c in cells]
    assert kinds == [
        "markdown",
        "setup",
        "markdown",
        "session",
        "session",
        "markdown",
        "markdown",
        "markdown",
        "script",
        "markdown",
        "markdown",
        "script",
    ]
    title, setup, lead, ones, loop, shown, figure, correction, fix, exercise, solution, check = cells

    assert title.source.startswith("# A sample page\n")
    assert "{ #" not in title.source
    assert "%pip install --quiet https://example.org/dl/w.whl" in setup.source
    assert "[Notation](https://example.org/dl/notation/)" in lead.source
    assert "[`sigmoid`](https://example.org/dl/reference/api/#dlnotes.activations.sigmoid)" in lead.source
    assert "[this page](https://example.org/dl/notes/sample/#page-sample)" in lead.source
    assert "[an anchor](https://example.org/dl/notes/sample/#later)" in lead.source
    assert "$a^{[2](i)}$ and `x[1](2)`" in lead.source  # math and code untouched
    assert "<div" not in lead.source
    assert "</div>" not in lead.source
    assert "$$z = w^T x + b$$" in lead.source
    assert "`dlnotes/activations.py` · `_sigmoid`, lines" in lead.source
    assert "def _sigmoid(" in lead.source

    assert ones.source == '1 + 1\nint("x")'
    assert ones.metadata["tags"] == ["raises-exception"]
    assert [o.output_type for o in ones.outputs] == ["stream", "error"]
    assert ones.outputs[0].text == "2\n"
    assert (ones.outputs[1].ename, ones.outputs[1].evalue) == (
        "ValueError",
        "invalid literal for int() with base 10: 'x'",
    )
    assert ones.metadata["dlnotes"] == {
        "source": "docs/notes/sample.md:15",
        "block": "docs/notes/sample.md:14",
        "kind": "session",
    }
    assert loop.source == "for k in range(2):\n    print(k)"
    assert loop.outputs[0].text == "0\n1\n"
    assert loop.metadata["dlnotes"]["source"] == "docs/notes/sample.md:20"

    assert shown.source == "```bash\nmake test\n```"
    assert "display-only" not in "".join(c.source for c in cells)
    assert figure.source == "![alt of sample-figure](attachment:sample-figure.png)\n\n**Figure.** A caption with $x$."
    assert base64.b64decode(figure.attachments["sample-figure.png"]["image/png"]) == png
    assert correction.source == "**Correction: The notes are wrong**\n\n> the notes' words"
    assert "attrs:" not in correction.source
    assert fix.source == "y = 2"
    assert exercise.source == "## Exercises\n\n**Exercise 1.** Check y."
    assert solution.source == "**Solution**\n\nIt is 2."
    assert check.source == "assert y == 2"
    assert check.metadata["dlnotes"]["source"] == "docs/notes/sample.md:52"


def test_line_numbers_count_the_front_matter_that_was_cut_off():
    notebook = notebook_node(
        "# P\n\n```python\nx = 1\n```\n",
        page="p.md",
        line_offset=3,
        site=notebooks.Site("http://x/", {"p.md": "p/"}),
        wheel_url="http://x/w.whl",
        figures=lambda name: notebooks.FigureImage(b"", "", ""),
    )
    assert notebook.cells[-1].metadata["dlnotes"] == {"source": "p.md:7", "block": "p.md:6", "kind": "script"}


def test_a_bad_source_reference_fails_the_conversion_naming_page_and_line():
    text = "# P\n\nProse.\n\n[[source: dlnotes.activations.no_such_thing]]\n"
    with pytest.raises(notebooks.NotebookError, match=r"^docs/p\.md: line 5: .*no_such_thing"):
        notebooks.page_notebook(
            text,
            page="p.md",
            site=notebooks.Site("http://x/", {"p.md": "p/"}),
            wheel_url="http://x/w.whl",
            figures=lambda name: notebooks.FigureImage(b"", "", ""),
            source_name="docs/p.md",
        )


def test_a_build_error_on_a_question_page_still_names_its_line(project_copy, tmp_path):
    # The Download link adds lines before the page's own: errors must still count from the file's first line.
    page = project_copy / QUESTION_PAGES[0].relative_to(ROOT)
    page.write_text(page.read_text(encoding="utf-8") + "\nA broken one: $\\frac{1}{$ here.\n", encoding="utf-8")
    line = line_of(page, "A broken one")
    result = mkdocs_build(project_copy, tmp_path / "site")
    assert result.returncode != 0
    assert (
        f"docs/{page.relative_to(project_copy / 'docs').as_posix()}:{line}: invalid inline formula" in result.output
    ), result.output


def test_a_shared_snippet_in_prose_is_the_notebook_s_text_not_its_include_line(built_site):
    # sigmoid and tanh include one activation table (--8<-- in prose); the notebook shows the table.
    table = (ROOT / "docs" / "snippets" / "activation-table.md").read_text(encoding="utf-8").splitlines()[0]
    for page in ("sigmoid", "tanh"):
        cells = read(notebook_of(built_site, DOCS / "notes" / f"{page}.md")).cells
        assert not [cell.source for cell in cells if "--8<--" in cell.source], page
        assert any(table in cell.source for cell in cells if cell.cell_type == "markdown"), page
