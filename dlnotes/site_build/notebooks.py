r"""Turn a page of the site into a Jupyter notebook (nbformat v4) that runs top to bottom.

Plain Python: nothing here needs MkDocs. `page_notebook` takes the items of a page from
the page model, `dlnotes.site_build.page.read_page` (it reads no Markdown syntax of its
own), and makes:

- **prose** into Markdown cells, one from each heading to the next, with the math left as
  ``$...$`` and ``$$...$$`` for Jupyter to render. ``<div class="grid" markdown>``
  wrappers and ``{ #id }`` attribute lists go; relative links and autorefs links
  (``[`name`][dlnotes.module.name]``) become absolute links to the site, or plain text
  when nothing on the site answers to them;
- every **fence the tests run** into code cells, in page order, so the page's blocks share
  one namespace as they do under the tests (`dlnotes.site_build.fence_kinds.classify`
  decides, as it does for the tests). A ``pycon`` session loses its prompts: its
  examples' code, continuation lines joined, makes the cell, and what the page says
  each one prints is stored as the cell's output (a ``stdout`` stream; an expected
  exception is an ``error`` output). A session is cut after each example that expects
  an exception, since a cell stops at its first one; that cell is tagged
  ``raises-exception`` so that a whole run goes on past it;
- **display-only fences** into Markdown code;
- ``[[source: dlnotes.name | ...]]`` into a Markdown code block of that function's
  source, titled with its file and lines (`dlnotes.site_build.source_md.excerpt`);
- ``[[figure: name]]`` into a Markdown cell showing the figure's light PNG, stored in the
  cell as an attachment, with its caption;
- ``/// kind | title`` blocks (the corrections) into a bold heading, "**Correction: title**",
  and ``!!!`` / ``???`` admonitions into their bold title, each followed by its content,
  converted the same way; so each exercise's solution comes after it, as a "**Solution**"
  cell and then its code cells.

The first code cell makes ``dlnotes`` importable wherever the notebook is opened: if
``import dlnotes`` fails, it runs ``%pip install`` on the wheel the site ships
(`dlnotes.site_build.wheel`). It also sets IPython to show the value of every
expression statement, not only a cell's last one, since a ``>>>`` session shows them all.

Each code cell's metadata names where it comes from, ``{"dlnotes": {"source":
"docs/notes/x.md:42", "block": "docs/notes/x.md:41", "kind": "session" | "script" |
"setup"}}`` (the line of its first code line, and of its fence), so a test can say which
block of which page a failing cell is.
"""

from __future__ import annotations

import base64
import doctest
import json
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dlnotes.site_build import fence_kinds, source_md
from dlnotes.site_build.math_md import DISPLAY_MATH, INLINE_MATH
from dlnotes.site_build.page import (
    Admonition,
    Correction,
    DisplayMath,
    Fence,
    FigureMarker,
    Heading,
    Include,
    Prose,
    SourceInclude,
    read_page,
)

_ATTR = r"""(?:[#.][\w-]+|[\w-]+=(?:"[^"]*"|'[^']*'|[^\s}'"]+))"""
ATTR_LIST = re.compile(rf"[ \t]*\{{:?[ \t]*{_ATTR}(?:[ \t]+{_ATTR})*[ \t]*\}}")
HEADING_ATTRS = re.compile(rf"{ATTR_LIST.pattern}[ \t]*$")
CODE_SPAN = re.compile(r"(?<!`)(?P<ticks>`+)(?!`).+?(?<!`)(?P=ticks)(?!`)", re.DOTALL)
AUTOREF = re.compile(r"\[(?P<text>(?:[^\[\]\n]|\[[^\[\]\n]*\])+)\]\[(?P<id>[A-Za-z_][\w.:-]*)\]")
INLINE_LINK = re.compile(
    r"(?P<bang>!?)\[(?P<text>(?:[^\[\]]|\[[^\[\]]*\])*)\]\((?P<target>[^()\s]+)(?P<title>[ \t]+\"[^\"]*\")?\)"
    rf"(?:{ATTR_LIST.pattern})?"
)
REFERENCE_DEFINITION = re.compile(r"^[ \t]{0,3}\[(?P<id>[^\]]+)\]:", re.MULTILINE)
SCHEME = re.compile(r"^(?:[a-zA-Z][a-zA-Z0-9+.-]*:|/)")
_MASK = "\x00{}\x00"
_MASKED = re.compile("\x00(\\d+)\x00")

SETUP = '''\
# Makes dlnotes importable: if this Python lacks it, installs it from the site's wheel.
try:
    import dlnotes
except ImportError:
    %pip install --quiet {wheel_url}
    import dlnotes
# Like a >>> session, show the value of every expression statement, not only a cell's last.
get_ipython().ast_node_interactivity = "all"'''
INTRO = (
    "*This notebook is the page [{title}]({url}) of the dlnotes notes: its prose, its code in page order, "
    "and the outputs the page shows. Run it from the top; the first code cell installs dlnotes if this "
    "Python lacks it.*"
)


class NotebookError(ValueError):
    """A page that cannot be made into a notebook: a bad source reference, a missing snippet, an unknown figure."""


@dataclass(frozen=True)
class FigureImage:
    """What a figure cell shows: the light PNG (JupyterLab and Notebook 7 refuse SVG attachments), alt text, caption."""

    png: bytes
    alt: str
    caption: str


def _no_identifiers(identifier: str) -> str | None:
    return None


@dataclass
class Site:
    """Where the site lives, so that links in a notebook point at its pages: taken from the build, not rebuilt.

    ``url`` is the site's address (``site_url``); ``pages`` maps each page's src_uri to the URL MkDocs
    gave it (``notes/sigmoid.md`` -> ``notes/sigmoid/``), and ``identify`` gives the URL autorefs holds
    for an identifier (a heading's id such as ``page-sigmoid``, an API object such as
    ``dlnotes.activations.sigmoid``), or None; both relative to ``url``.
    """

    url: str
    pages: Mapping[str, str] = field(default_factory=dict)
    identify: Callable[[str], str | None] = _no_identifiers

    def __post_init__(self) -> None:
        self.url = self.url if self.url.endswith("/") else self.url + "/"

    def page_url(self, src_uri: str) -> str:
        """The address of a page, relative to the site's, as MkDocs made it."""
        if src_uri not in self.pages:
            raise NotebookError(f"{src_uri} is not a page of the site")
        return self.pages[src_uri]

    def reference(self, identifier: str) -> str | None:
        """The absolute address an autorefs identifier points at, or None if no page holds it."""
        found = self.identify(identifier)
        return None if found is None else self.url + found

    def link(self, target: str, page: str) -> str:
        """The absolute address of a link written on ``page`` (a src_uri): ``../notation.md#x``, ``#x``, ``tanh.md``."""
        if SCHEME.match(target):
            return target
        path, hash_, fragment = target.partition("#")
        resolved = posixpath.normpath(posixpath.join(posixpath.dirname(page), path)) if path else page
        url = self.page_url(resolved) if resolved.endswith(".md") else resolved
        return self.url + url + (hash_ + fragment if hash_ else "")


def _dedent(line: str) -> str:
    """One level of a block's indent off ``line``, as the block's body is read."""
    return line[4:] if line.startswith("    ") else line[1:] if line.startswith("\t") else line.lstrip(" ")


def _heading(block: Correction | Admonition) -> str:
    """A block's bold heading: "Correction: The variable is z, not x"; an admonition's own title, "Solution"."""
    label = block.kind.replace("-", " ").capitalize()
    if isinstance(block, Admonition) and block.title:
        return block.title
    return f"{label}: {block.title}" if block.title else label


# --- Writing the notebook ---------------------------------------------------------------------------


def _mask(text: str, patterns: Iterable[re.Pattern[str] | str], kept: list[str]) -> str:
    for pattern in patterns:

        def keep(match: re.Match[str]) -> str:
            kept.append(match.group(0))
            return _MASK.format(len(kept) - 1)

        text = re.sub(pattern, keep, text)
    return text


def _unmask(text: str, kept: list[str]) -> str:
    while _MASKED.search(text):
        text = _MASKED.sub(lambda m: kept[int(m.group(1))], text)
    return text


# A notebook is written as plain JSON in nbformat 4.5's layout, as nbformat itself writes it:
# importing nbformat costs about a second (its schema validator builds grammars on import),
# paid by every build. The tests validate each notebook the build writes against the schema.
Cell = dict[str, Any]
NBFORMAT = (4, 5)


def _markdown_cell(source: str, attachments: dict[str, dict[str, str]] | None = None) -> Cell:
    cell: Cell = {"cell_type": "markdown", "metadata": {}, "source": source}
    if attachments:
        cell["attachments"] = attachments
    return cell


def _code_cell(source: str, metadata: dict[str, Any], outputs: list[Cell] | None = None) -> Cell:
    return {
        "cell_type": "code",
        "execution_count": None,
        "metadata": metadata,
        "outputs": outputs or [],
        "source": source,
    }


def _fence_for(code: str, language: str = "") -> str:
    ticks = fence_kinds.fence_ticks(code)
    return f"{ticks}{language}\n{code}\n{ticks}"


def _error_output(example: doctest.Example) -> Cell:
    exception = (example.exc_msg or "").strip()
    name, colon, value = exception.partition(":")
    return {
        "output_type": "error",
        "ename": name.strip() if colon else exception,
        "evalue": value.strip() if colon else "",
        "traceback": example.want.rstrip("\n").split("\n"),
    }


class _Writer:
    def __init__(
        self, page: str, source_name: str, site: Site, wheel_url: str, figures: Callable[[str], FigureImage]
    ) -> None:
        self.page, self.source_name, self.site, self.wheel_url, self.figures = (
            page,
            source_name,
            site,
            wheel_url,
            figures,
        )
        self.cells: list[Cell] = []
        self.markdown: list[str] = []
        self.definitions: set[str] = set()
        self.base_paths: list[Path] = []
        self.setup_done = False

    # Markdown
    def prose(self, text: str) -> str:
        """``text`` with links made absolute and attribute lists removed; code and math untouched."""
        kept: list[str] = []
        text = _mask(text, [CODE_SPAN, DISPLAY_MATH, INLINE_MATH], kept)

        def autoref(match: re.Match[str]) -> str:
            identifier = match.group("id")
            if identifier.lower() in self.definitions:
                return match.group(0)  # an ordinary reference link, defined on the page
            url = self.site.reference(identifier)
            return f"[{match.group('text')}]({url})" if url else match.group("text")

        def link(match: re.Match[str]) -> str:
            target = self.site.link(match.group("target"), self.page)
            return f"{match.group('bang')}[{match.group('text')}]({target}{match.group('title') or ''})"

        text = AUTOREF.sub(autoref, text)
        text = INLINE_LINK.sub(link, text)
        return _unmask(text, kept)

    def add_markdown(self, text: str) -> None:
        text = text.strip("\n")
        if text.strip():
            self.markdown.append(text)

    def flush(self) -> None:
        if self.markdown:
            self.cells.append(_markdown_cell("\n\n".join(self.markdown)))
        self.markdown = []

    # Code
    def add_code(
        self,
        source: str,
        kind: str,
        line: int,
        outputs: list[Cell] | None = None,
        tags: Sequence[str] = (),
        block: int | None = None,
    ) -> None:
        self.flush()
        if not self.setup_done:
            self.setup()
        metadata: dict[str, Any] = {
            "dlnotes": {
                "source": f"{self.source_name}:{line}",
                "kind": kind,
                "block": f"{self.source_name}:{block or line}",
            }
        }
        if tags:
            metadata["tags"] = list(tags)
        self.cells.append(_code_cell(source.rstrip("\n"), metadata, outputs))

    def setup(self) -> None:
        self.flush()
        self.setup_done = True
        self.cells.append(
            _code_cell(
                SETUP.format(wheel_url=self.wheel_url),
                {"dlnotes": {"source": f"{self.source_name}:1", "kind": "setup"}},
            )
        )

    def session(self, body: str, line: int) -> None:
        try:
            examples = doctest.DocTestParser().get_examples(body, f"{self.source_name}:{line}")
        except ValueError as error:
            raise NotebookError(f"line {line}: {error}") from None
        group: list[doctest.Example] = []
        for example in examples:
            group.append(example)
            if example.exc_msg is not None or example is examples[-1]:
                outputs = []
                for item in group:
                    if item.exc_msg is not None:
                        outputs.append(_error_output(item))
                    elif item.want:
                        text = item.want.replace("<BLANKLINE>", "")
                        outputs.append({"output_type": "stream", "name": "stdout", "text": text})
                self.add_code(
                    "".join(item.source for item in group),
                    "session",
                    line + 1 + group[0].lineno,
                    outputs,
                    ["raises-exception"] if example.exc_msg is not None else (),
                    line,
                )
                group = []

    # Items
    def write(self, text: str, first_line: int, at_line: int | None = None) -> None:
        """The cells of Markdown ``text``, whose line 1 is the page's line ``first_line``.

        The items come from `dlnotes.site_build.page.read_page`. An included file's items all stand at
        ``at_line``, the line of the include. A block's cells end with the block, and the prose of an
        admonition loses the indent of its body.
        """
        lines = text.splitlines()
        blocks: list[tuple[int, bool]] = []  # (last line, is an admonition) of the blocks open here
        prose: list[str] = []

        def page_line(number: int) -> int:
            return at_line if at_line is not None else first_line + number - 1

        def end_prose() -> None:
            if any(line.strip() for line in prose):
                # A wrapper left out leaves its blank lines behind: one blank line is a paragraph break.
                self.add_markdown(self.prose(re.sub(r"\n(?:[ \t]*\n)+", "\n\n", "\n".join(prose))))
            prose.clear()

        def close_before(number: int) -> None:
            while blocks and blocks[-1][0] < number:
                end_prose()
                blocks.pop()
                self.flush()

        def add_line(number: int) -> None:
            close_before(number)
            line = lines[number - 1]
            for _ in range(sum(admonition for _, admonition in blocks)):
                line = _dedent(line)
            prose.append(line)

        for item in read_page(text):
            close_before(item.start)
            if isinstance(item, Prose):
                for number in item.lines:
                    add_line(number)
                continue
            if isinstance(item, DisplayMath):
                for number in range(item.start, item.end + 1):
                    add_line(number)
                continue
            end_prose()
            line = page_line(item.start)
            if isinstance(item, Heading):
                self.heading(item)
            elif isinstance(item, Fence):
                self.fence(item, line)
            elif isinstance(item, SourceInclude):
                self.add_markdown(self.source(item.target, line))
            elif isinstance(item, FigureMarker):
                self.figure(item.body, line)
            elif isinstance(item, Include):
                try:
                    included = fence_kinds.expand_snippets(lines[item.start - 1], self.base_paths)
                except fence_kinds.FenceError as error:
                    raise NotebookError(f"line {line}: {error}") from None
                self.write(included, line, at_line=line)
            elif isinstance(item, Correction | Admonition):
                self.flush()
                self.add_markdown(f"**{self.prose(_heading(item))}**")
                blocks.append((item.end, isinstance(item, Admonition)))
        close_before(len(lines) + 1)
        end_prose()

    def heading(self, item: Heading) -> None:
        self.flush()
        title = self.prose(HEADING_ATTRS.sub("", item.text))
        self.add_markdown("#" * item.level + " " + title)
        if item.level == 1 and not self.setup_done and not self.cells:
            self.add_markdown(INTRO.format(title=title, url=self.site.url + self.site.page_url(self.page)))
            self.setup()

    def fence(self, fence: Fence, line: int) -> None:
        """A fence the tests run becomes code cells; any other, Markdown code."""
        kind = fence_kinds.classify(fence.language, fence.body, fence.display_only)
        if kind not in (fence_kinds.SESSION, fence_kinds.SCRIPT):
            self.add_markdown(_fence_for(fence.body, fence.language))
            return
        try:
            body = fence_kinds.expand_snippets(fence.body, self.base_paths)
        except fence_kinds.FenceError as error:
            raise NotebookError(f"line {line}: {error}") from None
        if kind == fence_kinds.SESSION:
            self.session(body, line)
        else:
            self.add_code(body, "script", line + 1, block=line)

    def source(self, name: str, line: int) -> str:
        try:
            excerpt = source_md.excerpt(name)
        except (source_md.SourceIncludeError, OSError, ImportError) as error:
            raise NotebookError(f"line {line}: {error}") from None
        short = name.rsplit(".", 1)[-1]
        title = f"`{excerpt.path}` · `{short}`, lines {excerpt.first_line}–{excerpt.last_line}:"
        return title + "\n\n" + _fence_for("\n".join(excerpt.lines), "python")

    def figure(self, name: str, line: int) -> None:
        try:
            image = self.figures(name)
        except KeyError as error:
            raise NotebookError(f"line {line}: {error}") from None
        self.flush()
        filename = f"{name}.png"
        alt = " ".join(image.alt.replace("[", "(").replace("]", ")").split())
        text = f"![{alt}](attachment:{filename})\n\n**Figure.** {self.prose(image.caption)}"
        attachments = {filename: {"image/png": base64.b64encode(image.png).decode("ascii")}}
        self.cells.append(_markdown_cell(text, attachments))


def page_notebook(
    markdown: str,
    *,
    page: str,
    site: Site,
    wheel_url: str,
    figures: Callable[[str], FigureImage],
    source_name: str | None = None,
    snippet_base_paths: Sequence[str | Path] = (".",),
    line_offset: int = 0,
) -> dict[str, Any]:
    """The notebook of one page, as the dict of its JSON (nbformat 4.5).

    Parameters
    ----------
    markdown : str
        The page's Markdown, without front matter.
    page : str
        Its path in the docs folder, such as ``notes/sigmoid.md``: links are resolved from there.
    site : Site
        Where the site lives, for absolute links.
    wheel_url : str
        The address of the dlnotes wheel the first code cell installs when ``import dlnotes`` fails.
    figures : callable
        ``figures(name)`` gives the `FigureImage` of a registered figure (see `registry_figures`).
    source_name : str, optional
        How errors and cell metadata name the page, such as ``docs/notes/sigmoid.md``; default ``page``.
    snippet_base_paths : sequence of path-like
        Where ``--8<--`` includes inside fences are looked up, as pymdownx.snippets' ``base_path``.
    line_offset : int
        Lines of the file before ``markdown`` (its front matter), so that line numbers are the file's.
    """
    source_name = source_name or page
    try:
        writer = _Writer(page, source_name, site, wheel_url, figures)
        writer.base_paths = [Path(p).resolve() for p in snippet_base_paths]
        writer.definitions = {m.group("id").lower() for m in REFERENCE_DEFINITION.finditer(markdown)}
        writer.write(markdown, 1 + line_offset)
        writer.flush()
    except NotebookError as error:
        raise NotebookError(f"{source_name}: {error}") from None
    if not writer.setup_done:
        writer.setup()
    for number, cell in enumerate(writer.cells):
        cell["id"] = f"cell-{number}"  # stable ids: two builds give the same bytes
    return {
        "cells": writer.cells,
        "metadata": {
            "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
            "language_info": {"name": "python"},
            "dlnotes": {"page": source_name, "url": site.url + site.page_url(page)},
        },
        "nbformat": NBFORMAT[0],
        "nbformat_minor": NBFORMAT[1],
    }


def _as_stored(cell: Cell) -> Cell:
    """A copy of the cell as a file stores it: its source, and each stream's text, as a list of lines."""
    stored = {**cell, "source": cell["source"].splitlines(True)}
    if cell["cell_type"] == "code":
        stored["outputs"] = [
            {**out, "text": out["text"].splitlines(True)} if out["output_type"] == "stream" else out
            for out in cell["outputs"]
        ]
    return stored


def dumps(notebook: dict[str, Any]) -> bytes:
    """The notebook as the bytes of an ``.ipynb`` file, byte for byte as ``nbformat.writes`` gives them.

    Keys sorted, one space of indent, multi-line text as a list of lines; ``notebook`` is left as it is.
    """
    stored = {**notebook, "cells": [_as_stored(cell) for cell in notebook["cells"]]}
    text = json.dumps(stored, indent=1, sort_keys=True, separators=(",", ": "), ensure_ascii=False)
    return text.encode("utf-8") + b"\n"


def registry_figures(cache_dir: Path | None = None) -> Callable[[str], FigureImage]:
    """Figures drawn by this process's registry, through the figure cache: for a notebook made without MkDocs."""
    from dlnotes.figures import registry
    from dlnotes.figures.render import FigureRenderer

    renderer = FigureRenderer(cache_dir=cache_dir) if cache_dir is not None else FigureRenderer()

    def figure(name: str) -> FigureImage:
        spec = registry.get(name)
        return FigureImage(renderer.image(name, "light", "png"), spec.alt, spec.caption)

    return figure


def notebook_name(page: str) -> str:
    """Where a page's notebook is served, beside the page's own Markdown: ``notes/sigmoid.md`` -> ``notes/sigmoid.ipynb``."""
    return page.removesuffix(".md") + ".ipynb"


def with_download_link(markdown: str, page: str) -> str:
    """The page's Markdown with a "Download notebook" link in a paragraph of its own, first.

    The link is a normal relative link to the notebook beside the page, so the site engine
    checks and rewrites it like any other; the stylesheet floats it beside the title. It
    adds exactly :data:`LINK_LINES` lines before the page's first, so every line after it
    moves by the same amount, which the caller can subtract from line numbers.
    """
    filename = posixpath.basename(notebook_name(page))
    link = f'[Download notebook]({filename}){{ .md-button .dlnotes-notebook download="{filename}" }}'
    return f"{link}\n\n{markdown}"


#: How many lines `with_download_link` puts before a page's own first line.
LINK_LINES = 2


def section_pages(nav: Any, title: str) -> list[str]:
    """The pages (``src_uri``) listed under the section ``title`` of a MkDocs ``nav``, in order, at any depth."""

    def pages(entries: Any) -> Iterable[str]:
        if isinstance(entries, str):
            if entries.endswith(".md"):
                yield entries
        elif isinstance(entries, list):
            for entry in entries:
                yield from pages(entry)
        elif isinstance(entries, dict):
            for value in entries.values():
                yield from pages(value)

    def find(entries: Any) -> list[str] | None:
        for entry in entries if isinstance(entries, list) else []:
            if isinstance(entry, dict):
                for key, value in entry.items():
                    if key == title and isinstance(value, list):
                        return list(pages(value))
                    found = find(value)
                    if found is not None:
                        return found
        return None

    return find(nav) or []
