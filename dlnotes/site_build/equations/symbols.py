r"""The course's symbols, read from ``symbols.toml``: by the checker, and by the notation page's tables.

A line ``[[symbols: shapes]]`` of a page becomes the table of that section (see `markdown_table`); the
checker finds each symbol of an equation here (`lookup`), so a symbol missing from the file is an error
that names it and the page.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from dlnotes.site_build.equations.tex import Node, parse

SYMBOLS = Path(__file__).with_name("symbols.toml")
INDICES = ("l", "i", "j")  # a free index runs over its values in this order: j's range depends on l
SECTIONS = ("sizes", "indices", "shapes", "functions", "gradients")


class EquationError(AssertionError):
    """An equation that does not hold (or a refuted one that does), or one that cannot be checked."""


@dataclass(frozen=True)
class Symbol:
    tex: str
    code: str
    meaning: str
    section: str
    value: str | None = None
    call: str | None = None
    derivative: str | None = None
    shape: str | None = None
    domain: str | None = None
    node: Node = field(default=Node("none"), compare=False)


def _indices(node: Node | None) -> tuple[str, Any] | None:
    """How a symbol's index slot is written: absent, a fixed name, or an index variable."""
    if node is None:
        return None
    if node.kind in ("name", "text"):
        return ("fixed", node.args[0])
    if node.kind == "sym" and node.args[0] in INDICES:
        return ("index", node.args[0])
    return ("expr", None)


@cache
def table(path: Path = SYMBOLS) -> tuple[Symbol, ...]:
    """The symbols of ``symbols.toml``, each with its TeX parsed."""
    with path.open("rb") as handle:
        rows = tomllib.load(handle)["symbol"]
    gradients = {row["tex"].split("^")[0].split("_")[0] for row in rows if row["tex"].startswith("d")}
    symbols = []
    for row in rows:
        node = parse(row["tex"], gradients, set())
        node = node.args[1][0] if node.kind == "chain" else node
        symbols.append(Symbol(**row, node=node))
    return tuple(symbols)


def gradient_names() -> set[str]:
    return {s.node.args[0] for s in table() if s.node.kind == "sym" and s.node.args[0].startswith("d")}


def function_names() -> set[str]:
    return {s.node.args[0] for s in table() if s.call and s.node.kind == "sym"}


def lookup(node: Node, page: str) -> tuple[Symbol, dict[str, Node]]:
    """The table's symbol for ``node``, and the index expressions its slots take (``l`` for ``[2]``...)."""
    name = node.args[0] if node.kind in ("sym", "fn") else None
    for symbol in table():
        entry = symbol.node
        if entry.kind not in ("sym", "fn") or entry.args[0] != name:
            continue
        slots: dict[str, Node] = {}
        fits = True
        for part in ("layer", "sample", "sub"):
            want, got = getattr(entry, part), getattr(node, part)
            shape = _indices(want)
            if (want is None) != (got is None):
                fits = False
            elif shape and shape[0] == "fixed":
                fits = fits and _indices(got) == shape
            elif shape and shape[0] == "index":
                slots[shape[1]] = got
        if fits:
            return symbol, slots
    written = str(name) + "".join(
        f"{mark}{{…}}" for mark, part in (("_", node.sub), ("^[", node.layer), ("^(", node.sample)) if part
    )
    raise EquationError(f"{page}: the symbol {written!r} is not in {SYMBOLS.name}: add it there (and so to Notation)")


def markdown_table(section: str) -> str:
    """The notation page's table of one section of the file: symbol, name in code, shape, entries, meaning."""
    if section not in SECTIONS:
        raise ValueError(f"[[symbols: {section}]]: the sections are {', '.join(SECTIONS)}")
    rows = [s for s in table() if s.section == section]
    columns = [("Symbol", lambda s: f"${s.tex}$"), ("In code", lambda s: f"`{s.code}`")]
    if any(s.shape for s in rows):
        columns.append(("Shape", lambda s: f"${s.shape}$" if s.shape else ""))
    if any(s.domain for s in rows):
        columns.append(
            ("Entries in" if section != "indices" else "Runs over", lambda s: f"${s.domain}$" if s.domain else "")
        )
    columns.append(("Meaning", lambda s: s.meaning))
    lines = ["| " + " | ".join(name for name, _ in columns) + " |", "|" + " --- |" * len(columns)]
    lines += ["| " + " | ".join(cell(s) for _, cell in columns) + " |" for s in rows]
    return "\n".join(lines)
