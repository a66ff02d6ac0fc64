"""The question pages: each holds every part a page promises, and the errata page lists every correction."""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import pytest
from mkdocs.utils import meta
from mkdocs.utils.yaml import yaml_load

from dlnotes.figures import registry
from dlnotes.site_build import errata
from tests.core_modules import core_modules, public_objects
from tests.site_build import page_structure
from tests.site_build.helpers import ROOT, prose

DOCS = ROOT / "docs"
# The numerical core: every public module of the package that is not a subpackage (figures, site_build).
CORE_MODULES = core_modules()


def navigation() -> list:
    with open(ROOT / "mkdocs.yml", encoding="utf-8") as config:
        return yaml_load(config)["nav"]


def question_pages() -> list[Path]:
    notes = next(item["Notes"] for item in navigation() if "Notes" in item)
    return [DOCS / next(iter(entry.values())) for entry in notes]


QUESTION_PAGES = question_pages()


def test_the_navigation_is_home_then_every_question_page_then_the_reference():
    # A page is one file and one nav line: every file of docs/notes/ is in the Notes section once.
    # Their order is the notes' order, which test_errata checks through the lines each page quotes.
    nav = navigation()
    assert list(nav[0].values()) == ["index.md"]
    listed = [p.relative_to(DOCS).as_posix() for p in QUESTION_PAGES]
    on_disk = sorted(p.relative_to(DOCS).as_posix() for p in (DOCS / "notes").glob("*.md"))
    assert sorted(listed) == on_disk
    assert len(set(listed)) == len(listed)
    reference = next(item["Reference"] for item in nav if "Reference" in item)
    files = [next(iter(entry.values())) for entry in reference]
    assert files[:4] == ["notation.md", "errata.md", "reference/api.md", "reference/models.md"]


@pytest.mark.parametrize("page", QUESTION_PAGES, ids=lambda p: p.stem)
def test_each_question_page_has_every_part(page):
    assert page_structure.check_page(page) == []


# Each mutation removes one part from a real page; the check must then name what is missing.
MUTATIONS = {
    "in short": (lambda t: t.replace("## In short", "## Briefly", 1), "'## In short'"),
    "notation link": (lambda t: re.sub(r"\]\((?:\.\./)?notation\.md(#[\w-]+)?\)", "](../index.md)", t), "notation"),
    "equation beside source": (
        lambda t: t.replace('<div class="grid" markdown>', "<div markdown>"),
        "no equation beside its source",
    ),
    "source in the grid": (
        lambda t: re.sub(r"^[ \t]*\[\[source:.*$", "", t, flags=re.M),
        "no equation beside its source",
    ),
    "worked example": (
        lambda t: (
            re.sub(r"```pycon", "```python", t.split("\n## Exercises")[0])
            + "\n## Exercises"
            + t.split("\n## Exercises", 1)[1]
        ),
        "no worked example",
    ),
    "figure": (lambda t: re.sub(r"^[ \t]*\[\[figure:.*$", "", t, flags=re.M), "no figure"),
    "check it yourself": (lambda t: t.replace("## Check it yourself", "## Try it", 1), "'## Check it yourself'"),
    "asserts in the check": (
        lambda t: _replace_in_section(t, "Check it yourself", "assert", "print"),
        "no running code with an assert",
    ),
    "exercises": (lambda t: t.replace("## Exercises", "## More", 1), "'## Exercises'"),
    "solutions": (lambda t: t.replace('??? success "Solution"', '??? note "Hint"'), "'## Exercises' has 0"),
    "code in solutions": (
        lambda t: _replace_in_section(t, "Exercises", "```python", "```text").replace("```pycon", "```text"),
        "a solution holds no code",
    ),
}


def _replace_in_section(text: str, title: str, old: str, new: str) -> str:
    start = text.index(f"\n## {title}")
    following = text.find("\n## ", start + 1)
    end = len(text) if following < 0 else following
    return text[:start] + text[start:end].replace(old, new) + text[end:]


@pytest.mark.parametrize("name", list(MUTATIONS))
def test_the_structure_check_catches_a_page_missing_a_part(name, tmp_path):
    original = (DOCS / "notes" / "logistic-regression.md").read_text(encoding="utf-8")
    assert page_structure.problems(original) == []
    mutate, expected = MUTATIONS[name]
    broken = tmp_path / "page.md"
    broken.write_text(mutate(original), encoding="utf-8")
    found = page_structure.check_page(broken)
    assert any(expected in problem for problem in found), found


def test_a_correction_must_have_an_anchor_a_quote_and_a_proof():
    page = "# P\n\n/// correction | Wrong\n\nNo quote, no code.\n///\n"
    found = page_structure.problems(page)
    assert any("has no 'attrs: {id: correction-...}'" in p for p in found), found
    assert any("does not quote the notes" in p for p in found)
    assert any("no code that proves it" in p for p in found)


def _errata_markdown() -> str:
    pages = [
        errata.Page(page.relative_to(DOCS).as_posix(), page.read_text(encoding="utf-8")) for page in QUESTION_PAGES
    ]
    return errata.render(pages)


def _anchors_linked_from_errata() -> set[tuple[str, str]]:
    linked = re.findall(r"\]\((notes/[\w-]+\.md)#([\w-]+)\)", _errata_markdown())
    return set(linked)


def test_every_correction_is_on_the_errata_page_and_every_errata_link_lands():
    on_pages = {
        (page.relative_to(DOCS).as_posix(), correction.anchor)
        for page in QUESTION_PAGES
        for correction in page_structure.corrections(page.read_text(encoding="utf-8"))
    }
    linked = _anchors_linked_from_errata()
    assert on_pages, "the notes have mistakes: the pages should correct some"
    assert on_pages - linked == set(), "corrections missing from the errata"
    assert linked - on_pages == set(), "the errata link anchors that no correction has"


def test_correction_anchors_are_unique():
    anchors = [
        c.anchor for page in QUESTION_PAGES for c in page_structure.corrections(page.read_text(encoding="utf-8"))
    ]
    assert len(anchors) == len(set(anchors)), anchors


def test_every_correction_and_the_errata_links_are_in_the_built_site(built_site):
    for target, anchor in _anchors_linked_from_errata():
        html = (built_site / target.removesuffix(".md") / "index.html").read_text(encoding="utf-8")
        kind = anchor.split("-", 1)[0]  # correction-... or clarification-...
        assert re.search(rf'<div class="admonition {kind}"[^>]* id="{anchor}"', html), (target, anchor)
    built = (built_site / "errata" / "index.html").read_text(encoding="utf-8")
    links = set(re.findall(r'href="\.\./(notes/[\w-]+)/#([\w-]+)"', built))
    assert links == {(target.removesuffix(".md"), anchor) for target, anchor in _anchors_linked_from_errata()}


def public_functions() -> list[tuple[str, object]]:
    return [(f"dlnotes.{module}.{name}", obj) for module, name, obj in public_objects()]


def page_ids() -> dict[str, Path]:
    ids = {}
    for page in QUESTION_PAGES:
        first = meta.get_data(page.read_text(encoding="utf-8"))[0].splitlines()[0]  # the line after front matter
        match = re.match(r"^# .+\{ *#(?P<id>page-[\w-]+) *\}$", first)
        assert match, f"{page}: the title needs an id, '# Title {{ #page-name }}'"
        ids[match.group("id")] = page
    return ids


@pytest.mark.parametrize(("dotted", "value"), public_functions(), ids=[name for name, _ in public_functions()])
def test_each_api_entry_names_the_page_that_explains_it(dotted, value):
    doc = inspect.getdoc(value) or ""
    links = re.findall(r"Explained on the page \[[^\]]+\]\[(page-[\w-]+)\]", doc)
    assert links, f"{dotted}: its docstring should say 'Explained on the page [Title][page-id].'"
    assert set(links) <= set(page_ids()), links


def bare_names(text: str, names: set[str]) -> list[str]:
    """Code spans in prose that name one of ``names`` without being the text of a link."""
    bare = []
    for match in re.finditer(r"`(?P<code>[^`\n]+)`", prose(text)):
        code = match.group("code")
        called = re.sub(r"\(.*$", "", code)
        if "." in called and not called.startswith("dlnotes."):
            continue  # np.tanh is numpy's, not ours
        name = called.rsplit(".", 1)[-1]
        linked = match.string[match.start() - 1 : match.start()] == "[" and match.string.startswith("][", match.end())
        if name in names and not linked:
            bare.append(code)
    return bare


@pytest.mark.parametrize("page", QUESTION_PAGES, ids=lambda p: p.stem)
def test_functions_named_in_prose_link_to_the_api(page):
    names = {dotted.rsplit(".", 1)[1] for dotted, _ in public_functions()}
    bare = bare_names(page.read_text(encoding="utf-8"), names)
    assert not bare, f"name these with a link to the API, [`name`][dlnotes.module.name]: {bare}"


def test_the_prose_link_check_would_catch_a_bare_name():
    text = (
        "Call `sigmoid(z)` here, [`tanh`][dlnotes.activations.tanh] there, and `np.tanh` is numpy's.\n\n"
        "```python\nsigmoid(0)\n```\n"
    )
    assert bare_names(text, {"sigmoid", "tanh"}) == ["sigmoid(z)"]


@pytest.mark.parametrize("name", sorted(registry.load_all()))
def test_each_figure_has_alt_text_and_a_caption_and_appears_on_a_question_page(name):
    spec = registry.get(name)
    assert len(spec.alt.split()) >= 6
    assert spec.caption.strip()
    assert any(f"[[figure: {name}]]" in page.read_text(encoding="utf-8") for page in QUESTION_PAGES), (
        f"figure {name!r} is on no question page"
    )


def test_the_source_includes_of_the_pages_name_real_code():
    # The build fails on a bad [[source: ...]]; this says which page, without building.
    from dlnotes.site_build.source_md import fence

    for page in QUESTION_PAGES:
        for number, line in enumerate(page.read_text(encoding="utf-8").splitlines(), 1):
            found = re.match(r"^[ \t]*\[\[source:[ \t]*(?P<body>[^\]]+?)[ \t]*\]\][ \t]*$", line)
            if found:
                lines = fence(found.group("body"))
                assert len(lines) > 3, f"{page}:{number}: empty source"


def test_every_core_module_is_on_one_api_page():
    api = "".join((DOCS / "reference" / name).read_text(encoding="utf-8") for name in ("api.md", "models.md"))
    assert len(CORE_MODULES) >= 7
    for module_name in CORE_MODULES:
        assert api.count(f"::: dlnotes.{module_name}\n") == 1, module_name
