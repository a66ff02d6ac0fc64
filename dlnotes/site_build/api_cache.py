"""Reuse the API page's rendered objects between the rebuilds of one process (``mkdocs serve``).

Each ``::: identifier`` block costs mkdocstrings a collection (griffe), a Jinja render whose
templates are compiled afresh on every build, and ruff formatting every signature: a third
of a rebuild under ``make serve``, paid again for a prose edit that changes none of it.

So this process keeps, per block, what mkdocstrings rendered, and reuses it while all of
what that output depends on is unchanged:

- the block itself (identifier, YAML options, heading level) and the URL of its page;
- the site's settings (`settings_key`: mkdocs.yml, the mkdocstrings plugin's options, the
  Markdown extensions and the theme);
- every Python source file of the documented package (a hash of their contents), so an
  edited docstring or signature renders afresh on the next rebuild.

Rendering does more than return HTML, and a reused block does the rest again: its headings
go back into the page (the table of contents reads them), its anchors are registered with
autorefs (cross-links to API items resolve) and in mkdocstrings' inventory (objects.inv),
its handler is marked as used (mkdocstrings writes its CSS), and warnings logged while it
rendered are logged again (a strict build still fails on them).

The cache lives in this process only: ``mkdocs build`` runs one build per process and so
always renders; ``mkdocs serve`` rebuilds in one process and reuses. Nothing is written to
disk, so a version change of mkdocstrings or its templates needs no key.

It wraps two steps of mkdocstrings' block processor (``_process_block``, which collects and
renders, and ``_process_headings``, which registers the anchors). If a future mkdocstrings
has no such steps, nothing is wrapped and every block renders as before.
"""

from __future__ import annotations

import copy
import hashlib
import json
import logging
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor
from mkdocs.utils import yaml_load

# What the wrapped processor must have; mkdocstrings 1.0 has them all.
_STEPS = ("_process_block", "_process_headings", "_handlers", "_autorefs")
_SOURCE_SUFFIXES = (".py", ".pyi")


@dataclass(frozen=True)
class Rendered:
    """What rendering one ``:::`` block produced, and what it must match to be reused."""

    settings: str  # `settings_key` when rendered
    sources: Path  # the documented package's folder, or its one module file
    fingerprint: str  # `source_fingerprint(sources)` when rendered
    handler: str  # the mkdocstrings handler's name
    html: str
    headings: tuple[Element, ...]  # the copies that mkdocstrings adds for the table of contents
    anchors: tuple[tuple[str, str | None, str | None, bool], ...]  # autorefs: identifier, anchor, title, primary
    inventory: tuple[dict[str, Any], ...]  # keyword arguments of each inventory registration
    warnings: tuple[logging.LogRecord, ...]


@dataclass
class ApiCache:
    """Rendered blocks by (identifier, YAML, heading level, page URL): the newest only, so it stays small."""

    entries: dict[tuple[str, str, int, str], Rendered] = field(default_factory=dict)
    hits: int = 0
    misses: int = 0


# One per process: `mkdocs serve` makes new plugin instances for each rebuild, but keeps this module.
CACHE = ApiCache()


def settings_key(config_file: str | None, *settings: object) -> str:
    """A hash of the site's settings that could change a rendered block.

    Parameters
    ----------
    config_file : str or None
        The path of mkdocs.yml (its bytes are hashed), or None when there is no file.
    *settings : object
        Settings as the build holds them (the mkdocstrings plugin's options, the Markdown
        extensions and their options, the theme), hashed through their JSON form; an object
        JSON lacks (an extension instance) counts by its class's name.
    """
    digest = hashlib.sha256()
    if config_file is not None and Path(config_file).is_file():
        digest.update(Path(config_file).read_bytes())
    digest.update(json.dumps(settings, sort_keys=True, default=lambda value: type(value).__qualname__).encode())
    return digest.hexdigest()


def source_fingerprint(sources: Path) -> str:
    """A hash of the names and contents of the Python files of a package folder, or of one module file.

    A file that is gone hashes differently from any content, so deleting a module is a change too.
    """
    digest = hashlib.sha256()
    if sources.is_dir():
        files = sorted(
            path
            for path in sources.rglob("*")
            if path.suffix in _SOURCE_SUFFIXES and "__pycache__" not in path.parts and path.is_file()
        )
    else:
        files = [sources]
    for path in files:
        digest.update(path.relative_to(sources).as_posix().encode() if sources.is_dir() else b"")
        digest.update(b"\0")
        digest.update(hashlib.sha256(path.read_bytes()).digest() if path.is_file() else b"missing")
    return digest.hexdigest()


def package_sources(data: object) -> Path | None:
    """Where the top-level package of a collected griffe object lives: its folder, or its one module file.

    None for what has no single place on disk (a namespace package, or data from another handler).
    """
    package = getattr(data, "package", None)
    filepath = getattr(package, "filepath", None)
    if not isinstance(filepath, Path):
        return None
    return filepath.parent if filepath.name == "__init__.py" else filepath


class _Recording(logging.Handler):
    """Collects, while rendering, what must be done again when the output is reused."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.anchors: list[tuple[str, str | None, str | None, bool]] = []
        self.inventory: list[dict[str, Any]] = []
        self.warnings: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.warnings.append(record)


@contextmanager
def _wrapped(owner: object, name: str, wrapper: Callable[..., Any]) -> Iterator[None]:
    """Replace the method ``name`` of the instance ``owner`` with ``wrapper(original, ...)`` for a while."""
    original = getattr(owner, name)
    shadowed = name in vars(owner)
    setattr(owner, name, lambda *args, **kwargs: wrapper(original, *args, **kwargs))
    try:
        yield
    finally:
        if shadowed:
            setattr(owner, name, original)
        else:
            delattr(owner, name)


@contextmanager
def _recording(recording: _Recording, autorefs: Any, inventory: Any) -> Iterator[None]:
    def anchor(original: Callable[..., None], page: Any, identifier: str, anchor: str | None = None, **kw: Any) -> None:
        if page is autorefs.current_page:
            recording.anchors.append((identifier, anchor, kw.get("title"), kw.get("primary", True)))
        original(page, identifier, anchor, **kw)

    def register(original: Callable[..., None], **kw: Any) -> None:
        recording.inventory.append(dict(kw))
        original(**kw)

    logger = logging.getLogger("mkdocs")
    logger.addHandler(recording)
    try:
        with _wrapped(autorefs, "register_anchor", anchor), _wrapped(inventory, "register", register):
            yield
    finally:
        logger.removeHandler(recording)


class _CachedBlocks:
    """Wraps the two steps of one mkdocstrings block processor (one per Markdown instance)."""

    def __init__(self, processor: Any, cache: ApiCache, settings: str) -> None:
        self.cache, self.settings = cache, settings
        self.handlers, self.autorefs = processor._handlers, processor._autorefs
        self.render, self.register = processor._process_block, processor._process_headings
        processor._process_block, processor._process_headings = self.process_block, self.process_headings
        self.reused: Rendered | None = None
        self.pending: tuple[tuple[str, str, int, str], str, str, Path | None, _Recording] | None = None

    def process_block(self, identifier: str, yaml_block: str, heading_level: int = 0) -> tuple[str, Any, Any]:
        self.reused = self.pending = None
        page = self.autorefs.current_page
        slot = (identifier, yaml_block, heading_level, str(getattr(page, "url", "")))
        entry = self.cache.entries.get(slot)
        if (
            entry is not None
            and entry.settings == self.settings
            and source_fingerprint(entry.sources) == entry.fingerprint
        ):
            self.cache.hits += 1
            self.reused = entry
            for record in entry.warnings:
                logging.getLogger(record.name).handle(record)
            return entry.html, self.handlers.get_handler(entry.handler), None
        self.cache.misses += 1
        recording = _Recording()
        with _recording(recording, self.autorefs, self.handlers.inventory):
            html, handler, data = self.render(identifier, yaml_block, heading_level)
        name = self.handlers.get_handler_name(yaml_load(yaml_block) or {})
        self.pending = (slot, html, name, package_sources(data), recording)
        return html, handler, data

    def process_headings(self, handler: Any, element: Element) -> None:
        if self.reused is not None:
            entry, self.reused = self.reused, None
            element.extend(copy.deepcopy(heading) for heading in entry.headings)
            page = self.autorefs.current_page
            if page is not None:
                for identifier, anchor, title, primary in entry.anchors:
                    self.autorefs.register_anchor(page, identifier, anchor, title=title, primary=primary)
            for registration in entry.inventory:
                self.handlers.inventory.register(**registration)
            return
        if self.pending is None:
            self.register(handler, element)
            return
        (slot, html, name, sources, recording), self.pending = self.pending, None
        with _recording(recording, self.autorefs, self.handlers.inventory):
            self.register(handler, element)
        if sources is None:
            return
        self.cache.entries[slot] = Rendered(
            settings=self.settings,
            sources=sources,
            fingerprint=source_fingerprint(sources),
            handler=name,
            html=html,
            headings=tuple(copy.deepcopy(heading) for heading in element),
            anchors=tuple(recording.anchors),
            inventory=tuple(recording.inventory),
            warnings=tuple(recording.warnings),
        )


class _Install(Preprocessor):
    """Before a page's blocks are parsed (all extensions registered by then), wrap mkdocstrings' processor."""

    def __init__(self, md: Markdown, cache: ApiCache, settings: str) -> None:
        super().__init__(md)
        self.cache, self.settings = cache, settings
        self.wrapped: set[int] = set()

    def run(self, lines: list[str]) -> list[str]:
        assert self.md is not None  # set by the constructor
        blocks = self.md.parser.blockprocessors
        processor = blocks["mkdocstrings"] if "mkdocstrings" in blocks else None  # noqa: SIM401 (a Registry has no get)
        if processor is not None and id(processor) not in self.wrapped and all(hasattr(processor, a) for a in _STEPS):
            _CachedBlocks(processor, self.cache, self.settings)
            self.wrapped.add(id(processor))
        return lines


class ApiCacheExtension(Extension):
    """Reuse mkdocstrings' rendered ``:::`` blocks through ``cache`` while ``settings`` (`settings_key`) holds."""

    def __init__(self, cache: ApiCache, settings: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.cache, self.settings = cache, settings

    def extendMarkdown(self, md: Markdown) -> None:
        md.preprocessors.register(_Install(md, self.cache, self.settings), "dlnotes_api_cache", 0)
