"""What every question page must hold, checked on its Markdown (test-only code).

A question page, in order:

- a link to the notation page, near the top;
- ``## In short``, the first section: the answer in a few sentences;
- the explanation, with at least one equation beside its code: a
  ``<div class="grid" markdown>`` block holding a ``$$...$$`` formula and a
  ``[[source: dlnotes....]]`` line (the package's real source, included at build time);
- a worked example: a ``pycon`` session outside the exercises;
- a figure: ``[[figure: name]]``;
- ``## Check it yourself``: a section whose code proves the main claim, with ``assert``;
- ``## Exercises``: two or more ``??? success "Solution"`` blocks, each holding code that runs.

Corrections of the notes are ``/// correction | title`` blocks with ``attrs: {id: correction-...}``,
each quoting the notes (a ``>`` line) and proving the point with code. A claim of the notes that is
not wrong, only loose, gets a ``/// clarification | title`` block (``attrs: {id: clarification-...}``)
built the same way. ``data-notes-order: <line>`` in the attrs places the entry in the notes' order.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from dlnotes.site_build import page

H2 = re.compile(r"^## +(?P<title>.+?)[ \t]*(?:\{[^}]*\})?[ \t]*$", re.MULTILINE)
GRID = re.compile(r'^<div class="grid" markdown>[ \t]*\n(?P<body>.*?)^</div>[ \t]*$', re.MULTILINE | re.DOTALL)
SOURCE = re.compile(r"^[ \t]*\[\[source:[ \t]*dlnotes\.[\w.]+", re.MULTILINE)
FIGURE = re.compile(r"^[ \t]*\[\[figure:[ \t]*[a-z0-9-]+[ \t]*\]\][ \t]*$", re.MULTILINE)
SOLUTION = re.compile(r'^\?\?\? success "Solution"[ \t]*\n(?P<body>(?:^(?:[ \t]{4}.*)?\n)+)', re.MULTILINE)
NOTATION_LINK = re.compile(r"\]\((?:\.\./)?notation\.md(?:#[\w-]+)?\)")
RUNS = {"pycon", "python", "py"}


@dataclass(frozen=True)
class Correction:
    anchor: str
    title: str
    kind: str = "correction"


def sections(text: str) -> dict[str, str]:
    """Each ``## title`` of a page and the text under it, up to the next ``##``."""
    # A "## " inside code is not a heading; blanking keeps every offset, so cuts land in the original text.
    blanked = page.blank_fences(text)
    heads = list(H2.finditer(blanked))
    return {
        m.group("title").strip(): text[m.end() : (heads[i + 1].start() if i + 1 < len(heads) else len(text))]
        for i, m in enumerate(heads)
    }


def running_fences(text: str) -> list[str]:
    """The bodies of the fences in ``text`` that the tests run."""
    return [fence.body for fence in page.iter_fences(text) if fence.language in RUNS]


def _blocks(text: str) -> list[page.Correction]:
    return [item for item in page.read_page(text) if isinstance(item, page.Correction)]


def corrections(text: str) -> list[Correction]:
    """The correction and clarification blocks of a page, in order."""
    return [Correction(block.id or "", block.title, block.kind) for block in _blocks(text)]


def problems(text: str) -> list[str]:
    """Everything a question page lacks; empty when it is complete."""
    found: list[str] = []
    parts = sections(text)
    titles = list(parts)
    if not NOTATION_LINK.search(text.split("\n## ", 1)[0]):
        found.append("no link to the notation page (notation.md) before the first section")
    if not titles or titles[0] != "In short":
        found.append("the first section is not '## In short'")
    elif not parts["In short"].strip():
        found.append("'## In short' is empty")
    grids = [m.group("body") for m in GRID.finditer(text)]
    if not any("$$" in body and SOURCE.search(body) for body in grids):
        found.append('no equation beside its source: a <div class="grid" markdown> holding $$...$$ and [[source: ...]]')
    outside_exercises = text.split("\n## Exercises", 1)[0]
    if not any(fence.language == "pycon" for fence in page.iter_fences(outside_exercises)):
        found.append("no worked example (a pycon session) outside the exercises")
    if not FIGURE.search(text):
        found.append("no figure ([[figure: name]])")
    check = parts.get("Check it yourself")
    if check is None:
        found.append("no '## Check it yourself' section")
    elif not any("assert" in body for body in running_fences(check)):
        found.append("'## Check it yourself' has no running code with an assert")
    exercises = parts.get("Exercises")
    if exercises is None:
        found.append("no '## Exercises' section")
    else:
        solutions = [m.group("body") for m in SOLUTION.finditer(exercises)]
        if len(solutions) < 2:
            found.append(f"'## Exercises' has {len(solutions)} '??? success \"Solution\"' block(s), expected 2 or more")
        elif not all(running_fences(body) for body in solutions):
            found.append("a solution holds no code that the tests run")
    for correction in corrections(text):
        if not correction.anchor:
            found.append(f"{correction.kind} {correction.title!r} has no 'attrs: {{id: {correction.kind}-...}}'")
    for block in _blocks(text):
        if not block.quote.strip():
            found.append(f"correction {block.title!r} does not quote the notes (a '> ' line)")
        if not running_fences(block.body):
            found.append(f"correction {block.title!r} has no code that proves it")
    return found


def check_page(path: Path) -> list[str]:
    return problems(path.read_text(encoding="utf-8"))
