"""Rebuilds in one process (as `mkdocs serve` does) reuse the API blocks, search entries and compiled templates.

Each test builds a small probe project two or more times in this process, editing it in
between as a writer would, and checks that what was reused is exactly what a fresh render
gives, and that an edit to what a reused output depends on renders afresh.
"""

from __future__ import annotations

import filecmp
import logging
import shutil
import textwrap
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocstrings_handlers.python import PythonHandler

from dlnotes.site_build import api_cache, highlight_cache, search_cache, template_cache
from tests.site_build.helpers import ROOT

CONFIG = textwrap.dedent("""
    site_name: Probe
    site_url: http://127.0.0.1:8000/
    theme:
      name: material
      custom_dir: overrides
    nav:
      - Home: index.md
      - API: api.md
    plugins:
      - search
      - autorefs
      - dlnotes
      - mkdocstrings:
          handlers:
            python:
              paths: [.]
              options:
                docstring_style: numpy
                show_root_heading: true
                heading_level: 2
    markdown_extensions:
      - attr_list
      - pymdownx.superfences
      - pymdownx.highlight:
          pygments_lang_class: true
      - toc:
          permalink: true
      - dlnotes_math
      - dlnotes_figures
""")
MODULE = textwrap.dedent('''
    """A module of the rebuild test's own."""


    def answer(x: int) -> int:
        """{doc}

        See [where answers come from][where-answers].

        Parameters
        ----------
        {parameter} : int
            Any number.
        """
        return 42
''')
INDEX = textwrap.dedent("""
    # Probe

    The API has [an answer][probe_api.answer].

    ## Where answers come from {#where-answers}

    From the module.

    ```python
    from probe_api import answer
    print(answer(1))
    ```

    ```python title="With a title"
    print("titled")
    ```
""")
TEMPLATE = '{% extends "base.html" %}\n{% block extrahead %}<meta name="probe" content="{value}">{% endblock %}\n'


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "project"
    (folder / "probe_api").mkdir(parents=True)
    (folder / "probe_api" / "__init__.py").write_text(MODULE.format(doc="The first answer.", parameter="x"))
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text(INDEX)
    (folder / "docs" / "api.md").write_text("# API\n\n::: probe_api\n")
    (folder / "overrides").mkdir()
    (folder / "overrides" / "main.html").write_text(TEMPLATE.replace("{value}", "first"))
    (folder / "mkdocs.yml").write_text(CONFIG)
    monkeypatch.setenv("DLNOTES_CACHE_DIR", str(ROOT / ".cache" / "dlnotes"))
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    # Fresh caches, so the counts are this test's; the plugin reads them at each build.
    monkeypatch.setattr(api_cache, "CACHE", api_cache.ApiCache())
    monkeypatch.setattr(search_cache, "CACHE", search_cache.SearchCache())
    monkeypatch.setattr(template_cache, "CACHE", template_cache.MemoryBytecodeCache())
    monkeypatch.setattr(highlight_cache, "CACHE", highlight_cache.HighlightCache())
    return folder


@pytest.fixture
def renders(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The identifiers mkdocstrings' Python handler rendered, in order."""
    rendered: list[str] = []
    original: Callable[..., str] = PythonHandler.render

    def counting(self: PythonHandler, data: Any, *args: Any, **kwargs: Any) -> str:
        rendered.append(data.path)
        return original(self, data, *args, **kwargs)

    monkeypatch.setattr(PythonHandler, "render", counting)
    return rendered


def build_site(project: Path, site: Path) -> Path:
    """One strict build in this process, as each rebuild of `mkdocs serve` is."""
    build(load_config(str(project / "mkdocs.yml"), site_dir=str(site), strict=True))
    return site


def html(site: Path, page: str) -> str:
    return (site / page / "index.html" if page else site / "index.html").read_text(encoding="utf-8")


def different_files(first: Path, second: Path) -> list[str]:
    """The files of two built sites that differ, or that one of them lacks."""
    names = sorted({p.relative_to(first).as_posix() for p in first.rglob("*") if p.is_file()})
    names_second = sorted({p.relative_to(second).as_posix() for p in second.rglob("*") if p.is_file()})
    differing = sorted(set(names) ^ set(names_second))
    return differing + [
        name for name in names if name in names_second and not filecmp.cmp(first / name, second / name, shallow=False)
    ]


def test_a_rebuild_with_no_edit_reuses_everything_and_writes_the_same_files(project, renders, tmp_path):
    first = build_site(project, tmp_path / "first")
    assert renders == ["probe_api"]
    assert (api_cache.CACHE.hits, api_cache.CACHE.misses) == (0, 1)

    second = build_site(project, tmp_path / "second")
    assert renders == ["probe_api"], "mkdocstrings rendered the API block again"
    assert (api_cache.CACHE.hits, api_cache.CACHE.misses) == (1, 1)
    assert search_cache.CACHE.hits == search_cache.CACHE.misses == 2  # two pages, parsed once
    assert template_cache.CACHE.hits > 0
    assert highlight_cache.CACHE.hits == 1  # the untitled block; the titled one is highlighted each time
    # Every file, the API page, its TOC, objects.inv, the CSS and the search index included.
    assert different_files(first, second) == []


def test_a_prose_edit_is_served_without_rendering_the_api_again(project, renders, tmp_path):
    first = build_site(project, tmp_path / "first")
    index = project / "docs" / "index.md"
    index.write_text(index.read_text() + "\nA sentence of new prose.\n")
    api = project / "docs" / "api.md"
    api.write_text(api.read_text().replace("# API\n", "# API\n\nNew prose on the API page.\n"))

    second = build_site(project, tmp_path / "second")
    assert renders == ["probe_api"], "a prose edit rendered the API block again"
    assert "A sentence of new prose." in html(second, "")
    assert "New prose on the API page." in html(second, "api")
    # The reused block is the rendered one: same headings (and TOC entry), same anchors.
    assert html(second, "api").replace("<p>New prose on the API page.</p>\n", "") == html(first, "api")
    assert 'href="#probe_api.answer"' in html(second, "api")  # the TOC lists the function
    # Both pages were edited, so both were parsed again for search.
    assert (search_cache.CACHE.hits, search_cache.CACHE.misses) == (0, 4)
    search = (second / "search" / "search_index.json").read_text(encoding="utf-8")
    assert "A sentence of new prose." in search
    assert "New prose on the API page." in search


def test_a_rebuild_after_a_prose_edit_writes_what_a_fresh_build_writes(project, renders, tmp_path, monkeypatch):
    build_site(project, tmp_path / "first")
    index = project / "docs" / "index.md"
    index.write_text(index.read_text() + "\nA sentence of new prose.\n")
    rebuilt = build_site(project, tmp_path / "rebuilt")
    assert renders == ["probe_api"]

    monkeypatch.setattr(api_cache, "CACHE", api_cache.ApiCache())
    monkeypatch.setattr(search_cache, "CACHE", search_cache.SearchCache())
    monkeypatch.setattr(template_cache, "CACHE", template_cache.MemoryBytecodeCache())
    monkeypatch.setattr(highlight_cache, "CACHE", highlight_cache.HighlightCache())
    fresh = build_site(project, tmp_path / "fresh")
    assert renders == ["probe_api", "probe_api"]
    assert different_files(rebuilt, fresh) == []


def test_cross_links_to_and_from_a_reused_api_block_still_resolve(project, renders, tmp_path):
    build_site(project, tmp_path / "first")
    index = project / "docs" / "index.md"
    index.write_text(index.read_text() + "\nAgain, [the answer][probe_api.answer].\n")

    second = build_site(project, tmp_path / "second")  # strict: an unresolved cross-reference fails it
    assert renders == ["probe_api"]
    assert (search_cache.CACHE.hits, search_cache.CACHE.misses) == (1, 3)  # the API page's entries reused
    assert html(second, "").count('href="api/#probe_api.answer"') == 2
    assert 'href="../#where-answers"' in html(second, "api")  # from the docstring to a heading of a page
    # The inventory that other sites link through still lists the function, at the same place.
    assert b"probe_api.answer py:function 1 api/#$" in zlib.decompress(
        (second / "objects.inv").read_bytes().split(b"\n", 4)[4]
    )


def test_a_docstring_edit_shows_on_the_next_rebuild(project, renders, tmp_path):
    build_site(project, tmp_path / "first")
    module = project / "probe_api" / "__init__.py"
    module.write_text(MODULE.format(doc="The second answer.", parameter="x"))

    second = build_site(project, tmp_path / "second")
    assert renders == ["probe_api", "probe_api"]
    assert "The second answer." in html(second, "api")
    assert "The first answer." not in html(second, "api")


def test_a_new_module_in_the_package_renders_the_api_again(project, renders, tmp_path):
    build_site(project, tmp_path / "first")
    (project / "probe_api" / "extra.py").write_text('"""More."""\n')

    build_site(project, tmp_path / "second")
    assert renders == ["probe_api", "probe_api"]


def test_a_warning_logged_while_rendering_fails_a_strict_rebuild_that_reuses_the_block(project, renders, tmp_path):
    # A documented parameter the signature lacks: griffe warns, and a strict build fails.
    (project / "probe_api" / "__init__.py").write_text(MODULE.format(doc="The first answer.", parameter="y"))
    with pytest.raises(Abort):
        build_site(project, tmp_path / "first")
    assert renders == ["probe_api"]

    with pytest.raises(Abort):
        build_site(project, tmp_path / "second")
    assert renders == ["probe_api"], "the block was not reused"
    assert api_cache.CACHE.hits == 1


def test_an_edited_template_is_compiled_again(project, tmp_path):
    first = build_site(project, tmp_path / "first")
    assert '<meta name="probe" content="first">' in html(first, "")
    (project / "overrides" / "main.html").write_text(TEMPLATE.replace("{value}", "second"))

    second = build_site(project, tmp_path / "second")
    assert '<meta name="probe" content="second">' in html(second, "")
    assert '<meta name="probe" content="first">' not in html(second, "api")


def test_an_edited_code_block_is_highlighted_again(project, tmp_path):
    first = build_site(project, tmp_path / "first")
    assert 'answer</span><span class="p">(</span><span class="mi">1</span>' in html(first, "")
    index = project / "docs" / "index.md"
    index.write_text(index.read_text().replace("print(answer(1))", "print(answer(2))"))

    second = build_site(project, tmp_path / "second")
    assert 'answer</span><span class="p">(</span><span class="mi">2</span>' in html(second, "")
    assert '<span class="mi">1</span>' not in html(second, "")
    assert highlight_cache.CACHE.hits == 0


def test_a_setting_change_renders_the_api_again(project, renders, tmp_path):
    build_site(project, tmp_path / "first")
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("heading_level: 2", "heading_level: 3"))

    second = build_site(project, tmp_path / "second")
    assert renders == ["probe_api", "probe_api"]
    assert '<h3 id="probe_api"' in html(second, "api")  # was h2


def test_source_fingerprint_follows_contents_new_files_and_deleted_files(tmp_path):
    package = tmp_path / "package"
    package.mkdir()
    (package / "__init__.py").write_text("")
    (package / "a.py").write_text("x = 1\n")
    (package / "notes.txt").write_text("not code")
    first = api_cache.source_fingerprint(package)
    assert api_cache.source_fingerprint(package) == first
    (package / "notes.txt").write_text("still not code")
    assert api_cache.source_fingerprint(package) == first
    (package / "a.py").write_text("x = 2\n")
    edited = api_cache.source_fingerprint(package)
    assert edited != first
    (package / "b.py").write_text("")
    added = api_cache.source_fingerprint(package)
    assert added != edited
    (package / "b.py").unlink()
    assert api_cache.source_fingerprint(package) == edited
    shutil.rmtree(package)
    assert api_cache.source_fingerprint(package) not in (first, edited, added)


def test_the_caches_leave_logging_as_they_found_it(project, tmp_path):
    handlers = list(logging.getLogger("mkdocs").handlers)
    build_site(project, tmp_path / "first")
    build_site(project, tmp_path / "second")
    assert logging.getLogger("mkdocs").handlers == handlers
