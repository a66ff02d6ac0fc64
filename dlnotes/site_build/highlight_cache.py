"""Reuse highlighted code blocks between the rebuilds of one process (``mkdocs serve``).

Pygments highlights every fenced block of every page on every build: with the API page
reused (`dlnotes.site_build.api_cache`), it was the largest part left of a rebuild under
``make serve``, though a prose edit changes no code. pymdownx's ``Highlight.highlight``
turns a block's source and options into HTML with nothing else read, so this process keeps
its results by a key of all it reads: the source, every argument (the block's number on the
page included, which goes into the line anchors) and the highlighter's settings.

Two cases are left to Pygments every time: inline code (the result is an element, which the
caller may change) and a block with a title (an HTML title goes through the page's stash,
which differs from page to page). The newest `MAX_BLOCKS` results are kept.
"""

from __future__ import annotations

import functools
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

MAX_BLOCKS = 4096


@dataclass
class HighlightCache:
    """Highlighted HTML by key, least recently used first."""

    blocks: OrderedDict[str, str] = field(default_factory=OrderedDict)
    hits: int = 0
    misses: int = 0


# One per process: `mkdocs serve` converts each rebuild's pages with new Markdown instances, but keeps this module.
CACHE = HighlightCache()


def _key(highlighter: Any, args: tuple[Any, ...], kwargs: dict[str, Any]) -> str | None:
    """The key of one call, or None when it must not be reused (see the module's docstring)."""
    settings = {name: value for name, value in vars(highlighter).items() if name != "md"}
    if kwargs.get("inline") or kwargs.get("title") or settings.get("auto_title") or len(args) > 3:
        return None  # positional options past the CSS class: not how superfences calls, so not reused
    key = repr((sorted(settings.items()), args, sorted(kwargs.items())))
    return None if " object at 0x" in key else key  # something whose repr is not its value


def memoized(highlight: Callable[..., Any]) -> Callable[..., Any]:
    """``Highlight.highlight``, answering from this process's `CACHE` what it has highlighted already."""

    @functools.wraps(highlight)
    def cached_highlight(self: Any, *args: Any, **kwargs: Any) -> Any:
        key = _key(self, args, kwargs)
        if key is None:
            return highlight(self, *args, **kwargs)
        store = CACHE
        held = store.blocks.get(key)
        if held is not None:
            store.hits += 1
            store.blocks.move_to_end(key)
            return held
        store.misses += 1
        html = highlight(self, *args, **kwargs)
        if isinstance(html, str):
            store.blocks[key] = html
            while len(store.blocks) > MAX_BLOCKS:
                store.blocks.popitem(last=False)
        return html

    cached_highlight.dlnotes_memoized = True  # type: ignore[attr-defined]  # a marker attribute on a function, so a second patch can see the first
    return cached_highlight


def reuse_highlighting() -> bool:
    """Make pymdownx's highlighter reuse this process's results (once; later calls change nothing).

    Returns whether pymdownx is there to be wrapped.
    """
    try:
        from pymdownx.highlight import Highlight
    except ImportError:
        return False
    if not getattr(Highlight.highlight, "dlnotes_memoized", False):
        Highlight.highlight = memoized(Highlight.highlight)
    return True
