"""Reuse a page's search entries between the rebuilds of one process (``mkdocs serve``).

The search plugin parses every page's HTML on every build to cut it into the sections it
indexes: a fifth of a rebuild under ``make serve``, though a prose edit changes one page.
A page's entries are a function of what the plugin reads from it (its HTML, URL, title,
front matter and table of contents), so this process keeps each page's entries under a hash
of those, and reuses them while the hash is unchanged. Reused entries are copies of what the
parse gave, so the search index is the same file either way.

It wraps the ``add_entry_from_context(page)`` method of the plugin's index, the one step
Material's search plugin (and MkDocs' own) takes per page, and only when that index keeps
its entries in a list named ``entries``, as Material's does; otherwise nothing is wrapped.
For that one call, the page's HTML is without the KaTeX output that search skips anyway
(`dlnotes.site_build.math_md.without_formula_markup`): the formulas are most of a page's HTML,
and parsing them was a third of a rebuild. The page gets its whole HTML back for the template.
"""

from __future__ import annotations

import copy
import hashlib
import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from dlnotes.site_build.math_md import without_formula_markup


@dataclass
class SearchCache:
    """Each page's entries by its URL, with the hash they were made from: the newest only, so it stays small."""

    pages: dict[str, tuple[str, tuple[dict[str, Any], ...]]] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0


# One per process: `mkdocs serve` makes new plugin instances for each rebuild, but keeps this module.
CACHE = SearchCache()


def _toc(items: Iterable[Any]) -> list[Any]:
    return [[item.id, item.url, item.title, _toc(item.children)] for item in items]


def page_key(page: Any) -> str:
    """A hash of everything a search index reads from a page: HTML, URL, title, front matter, table of contents."""
    read = [page.content, page.url, page.title, page.meta, _toc(page.toc)]
    return hashlib.sha256(json.dumps(read, sort_keys=True, default=str).encode()).hexdigest()


def reuse_entries(index: Any, cache: SearchCache | None = None) -> bool:
    """Make ``index`` (a search plugin's) reuse the entries in ``cache`` of pages that did not change.

    Returns whether the index could be wrapped (False leaves it as it was). ``cache``: this process's by default.
    """
    store = CACHE if cache is None else cache
    add = getattr(index, "add_entry_from_context", None)
    if not callable(add) or not isinstance(getattr(index, "entries", None), list):
        return False

    def add_entry_from_context(page: Any) -> None:
        whole = page.content
        page.content = without_formula_markup(whole or "")
        try:
            add_or_reuse(page)
        finally:
            page.content = whole

    def add_or_reuse(page: Any) -> None:
        key = page_key(page)
        held = store.pages.get(page.url)
        if held is not None and held[0] == key:
            store.hits += 1
            index.entries.extend(copy.deepcopy(held[1]))
            return
        store.misses += 1
        before = len(index.entries)
        add(page)
        store.pages[page.url] = (key, tuple(copy.deepcopy(index.entries[before:])))

    index.add_entry_from_context = add_entry_from_context
    return True
