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

FENCE = re.compile(
    r"^(?P<indent>[ \t]*)(?P<ticks>`{3,})(?P<info>[^\n`]*)\n(?P<body>.*?)^(?P=indent)(?P=ticks)[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
H2 = re.compile(r"^## +(?P<title>.+?)[ \t]*(?:\{[^}]*\})?[ \t]*$", re.MULTILINE)
GRID = re.compile(r'^<div class="grid" markdown>[ \t]*\n(?P<body>.*?)^</div>[ \t]*$', re.MULTILINE | re.DOTALL)
SOURCE = re.compile(r"^[ \t]*\[\[source:[ \t]*dlnotes\.[\w.]+", re.MULTILINE)
FIGURE = re.compile(r"^[ \t]*\[\[figure:[ \t]*[a-z0-9-]+[ \t]*\]\][ \t]*$", re.MULTILINE)
SOLUTION = re.compile(r'^\?\?\? success "Solution"[ \t]*\n(?P<body>(?:^(?:[ \t]{4}.*)?\n)+)', re.MULTILINE)
CORRECTION = re.compile(
    r"^/// (?P<kind>correction|clarification) \| (?P<title>[^\n]+)\n(?P<options>(?:    [^\n]*\n)*)(?P<body>.*?)^///[ \t]*$",
    re.MULTILINE | re.DOTALL,
)
CORRECTION_ID = re.compile(r"attrs:\s*\{\s*id:\s*(?P<id>(?:correction|clarification)-[a-z0-9-]+)\s*[,}]")
NOTES_ORDER = re.compile(r"data-notes-order:\s*[\"']?(?P<order>\d+)")
NOTATION_LINK = re.compile(r"\]\((?:\.\./)?notation\.md(?:#[\w-]+)?\)")
RUNS = {"pycon", "python", "py"}


@dataclass(frozen=True)
class Correction:
    anchor: str
    title: str
    kind: str = "correction"


def _language(info: str) -> str:
    words = info.strip().lstrip("{").split()
    return words[0].lstrip(".").rstrip("}").lower() if words else ""


def sections(text: str) -> dict[str, str]:
    """Each ``## title`` of a page and the text under it, up to the next ``##``."""
    # A "## " inside code is not a heading; blanking keeps every offset, so cuts land in the original text.
    blanked = FENCE.sub(lambda m: re.sub(r"[^\n]", " ", m.group(0)), text)
    heads = list(H2.finditer(blanked))
    return {
        m.group("title").strip(): text[m.end() : (heads[i + 1].start() if i + 1 < len(heads) else len(text))]
        for i, m in enumerate(heads)
    }


def running_fences(text: str) -> list[str]:
    """The bodies of the fences in ``text`` that the tests run."""
    return [m.group("body") for m in FENCE.finditer(text) if _language(m.group("info")) in RUNS]


def corrections(text: str) -> list[Correction]:
    """The correction blocks of a page, in order."""
    found = []
    for match in CORRECTION.finditer(text):
        anchor = CORRECTION_ID.search(match.group("options"))
        ident = anchor.group("id") if anchor else ""
        found.append(Correction(ident, match.group("title").strip(), match.group("kind")))
    return found


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
    if not any(_language(m.group("info")) == "pycon" for m in FENCE.finditer(outside_exercises)):
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
    for match in CORRECTION.finditer(text):
        body = match.group("body")
        if not re.search(r"^> ", body, re.MULTILINE):
            found.append(f"correction {match.group('title').strip()!r} does not quote the notes (a '> ' line)")
        if not running_fences(body):
            found.append(f"correction {match.group('title').strip()!r} has no code that proves it")
    return found


def check_page(path: Path) -> list[str]:
    return problems(path.read_text(encoding="utf-8"))
