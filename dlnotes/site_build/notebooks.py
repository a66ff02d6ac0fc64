r"""Turn a page of the site into a Jupyter notebook (nbformat v4) that runs top to bottom.

Plain Python: nothing here needs MkDocs. `page_notebook` reads the Markdown a page
is written in (the syntax of CONTRIBUTING's "Adding a page") and makes:

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
import posixpath
import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import nbformat
from nbformat import NotebookNode, v4

from dlnotes.site_build import fence_kinds, source_md
from dlnotes.site_build.figures_md import REFERENCE as FIGURE_REFERENCE
from dlnotes.site_build.math_md import DISPLAY_MATH, INLINE_MATH
from dlnotes.site_build.page import DISPLAY_ONLY, EQUATION_NOTE, iter_fences

ADMONITION = re.compile(r'^(?P<marker>\?\?\?\+?|!!!)[ \t]+(?P<kind>[\w-]+)(?:[ \t]+"(?P<title>[^"]*)")?[ \t]*$')
BLOCK_OPEN = re.compile(r"^(?P<slashes>/{3,})[ \t]*(?P<kind>[\w-]+)[ \t]*(?:\|[ \t]*(?P<title>.*?))?[ \t]*$")
MARKDOWN_DIV = re.compile(r"^[ \t]*<div\b[^>]*\bmarkdown\b[^>]*>[ \t]*$")
DIV_CLOSE = re.compile(r"^[ \t]*</div>[ \t]*$")
HEADING = re.compile(r"^(?P<hashes>#{1,6})[ \t]+(?P<text>.*?)[ \t]*$")
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


# --- Reading the page -------------------------------------------------------------------------------


@dataclass
class _Prose:
    text: str


@dataclass
class _Heading:
    level: int
    text: str


@dataclass
class _Fence:
    kind: str  # fence_kinds.SESSION, SCRIPT, SHOWN or UNMARKED
    language: str
    body: str
    line: int  # of the opening fence, 1-based, in the page


@dataclass
class _Source:
    body: str
    line: int


@dataclass
class _Figure:
    name: str
    line: int


@dataclass
class _Block:
    heading: str  # "Correction: The variable is z, not x", "Solution"
    items: list[Any]


def _dedent(line: str) -> str:
    return line[4:] if line.startswith("    ") else line[1:] if line.startswith("\t") else line.lstrip(" ")


def _at_line(items: list[Any], line: int) -> list[Any]:
    """The items, each block in them placed at page line ``line`` (an include's items stand where it does)."""
    for item in items:
        if isinstance(item, _Block):
            _at_line(item.items, line)
        elif hasattr(item, "line"):
            item.line = line
    return items


def _read(lines: Sequence[str], first_line: int, base_paths: Sequence[Path]) -> list[Any]:
    """The items of a page, or of a block's body whose first line is line ``first_line`` of the page."""
    items: list[Any] = []
    prose: list[str] = []
    divs = 0

    def end_prose() -> None:
        if any(line.strip() for line in prose):
            # A wrapper left out leaves its blank lines behind: one blank line is a paragraph break.
            items.append(_Prose(re.sub(r"\n(?:[ \t]*\n)+", "\n\n", "\n".join(prose))))
        prose.clear()

    fences = {fence.start - 1: fence for fence in iter_fences("\n".join(lines))}
    index = 0
    while index < len(lines):
        line, number = lines[index], first_line + index
        if index in fences:
            fence = fences[index]
            body = fence.body
            kind = fence_kinds.classify(fence.language, body, fence.display_only)
            if kind in (fence_kinds.SESSION, fence_kinds.SCRIPT):
                try:
                    body = fence_kinds.expand_snippets(body, base_paths)
                except fence_kinds.FenceError as error:
                    raise NotebookError(f"line {number}: {error}") from None
            end_prose()
            items.append(_Fence(kind, fence.language, body, number))
            index = fence.end
            continue
        admonition = ADMONITION.match(line)
        block = BLOCK_OPEN.match(line)
        if admonition or (block and block.group("kind")):
            end_prose()
            if admonition:
                end = index + 1
                while end < len(lines) and (not lines[end].strip() or lines[end][:1] in " \t"):
                    end += 1
                while end > index + 1 and not lines[end - 1].strip():
                    end -= 1
                block_lines, body_first, after = [_dedent(text) for text in lines[index + 1 : end]], index + 1, end
                kind, title = admonition.group("kind"), admonition.group("title")
            else:
                assert block is not None
                start = index + 1
                while start < len(lines) and lines[start].startswith(("    ", "\t")) and lines[start].strip():
                    start += 1  # the block's options (attrs: {id: ...}), YAML indented under its header
                closer = re.compile(rf"^{block.group('slashes')}[ \t]*$")
                end = start
                while end < len(lines) and not closer.match(lines[end]):
                    end = fences[end].end if end in fences else end + 1  # a fence's lines are code, not a closer
                block_lines, body_first, after = list(lines[start:end]), start, end + 1
                kind, title = block.group("kind"), block.group("title")
            label = kind.replace("-", " ").capitalize()
            if title is None:
                heading = label
            elif title and admonition:
                heading = title  # ??? success "Solution": the title says it all
            else:
                heading = f"{label}: {title}" if title else label
            items.append(_Block(heading, _read(block_lines, first_line + body_first, base_paths)))
            index = after
            continue
        source = source_md.REFERENCE.match(line)
        figure = FIGURE_REFERENCE.match(line)
        heading = HEADING.match(line)
        included = fence_kinds.SNIPPET.match(line)
        if included:
            # A whole-line include in prose (the activation table shared by two pages) is read as the
            # page's own Markdown, as pymdownx.snippets puts it there; its blocks take the include's line.
            end_prose()
            try:
                text = fence_kinds.expand_snippets(line, base_paths)
            except fence_kinds.FenceError as error:
                raise NotebookError(f"line {number}: {error}") from None
            items.extend(_at_line(_read(text.splitlines(), number, base_paths), number))
        elif source:
            end_prose()
            items.append(_Source(source.group("body"), number))
        elif figure:
            end_prose()
            items.append(_Figure(figure.group("name"), number))
        elif MARKDOWN_DIV.match(line):
            divs += 1  # a layout wrapper (the grids): the notebook keeps what is inside, in order
        elif divs and DIV_CLOSE.match(line):
            divs -= 1
        elif DISPLAY_ONLY.search(line) or EQUATION_NOTE.match(line):
            pass  # a marker for the tests, not the reader
        elif heading:
            end_prose()
            items.append(_Heading(len(heading.group("hashes")), HEADING_ATTRS.sub("", heading.group("text"))))
        else:
            prose.append(line)
        index += 1
    end_prose()
    return items


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


def _fence_for(code: str, language: str = "") -> str:
    ticks = fence_kinds.fence_ticks(code)
    return f"{ticks}{language}\n{code}\n{ticks}"


def _error_output(example: doctest.Example) -> NotebookNode:
    exception = (example.exc_msg or "").strip()
    name, colon, value = exception.partition(":")
    return v4.new_output(
        "error",
        ename=name.strip() if colon else exception,
        evalue=value.strip() if colon else "",
        traceback=example.want.rstrip("\n").split("\n"),
    )


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
        self.cells: list[NotebookNode] = []
        self.markdown: list[str] = []
        self.definitions: set[str] = set()
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
            self.cells.append(v4.new_markdown_cell("\n\n".join(self.markdown)))
        self.markdown = []

    # Code
    def add_code(
        self,
        source: str,
        kind: str,
        line: int,
        outputs: list[NotebookNode] | None = None,
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
        self.cells.append(v4.new_code_cell(source.rstrip("\n"), metadata=metadata, outputs=outputs or []))

    def setup(self) -> None:
        self.flush()
        self.setup_done = True
        self.cells.append(
            v4.new_code_cell(
                SETUP.format(wheel_url=self.wheel_url),
                metadata={"dlnotes": {"source": f"{self.source_name}:1", "kind": "setup"}},
            )
        )

    def session(self, fence: _Fence) -> None:
        try:
            examples = doctest.DocTestParser().get_examples(fence.body, f"{self.source_name}:{fence.line}")
        except ValueError as error:
            raise NotebookError(f"line {fence.line}: {error}") from None
        group: list[doctest.Example] = []
        for example in examples:
            group.append(example)
            if example.exc_msg is not None or example is examples[-1]:
                outputs = []
                for item in group:
                    if item.exc_msg is not None:
                        outputs.append(_error_output(item))
                    elif item.want:
                        outputs.append(
                            v4.new_output("stream", name="stdout", text=item.want.replace("<BLANKLINE>", ""))
                        )
                self.add_code(
                    "".join(item.source for item in group),
                    "session",
                    fence.line + 1 + group[0].lineno,
                    outputs,
                    ["raises-exception"] if example.exc_msg is not None else (),
                    fence.line,
                )
                group = []

    # Items
    def write(self, items: list[Any]) -> None:
        for item in items:
            if isinstance(item, _Prose):
                self.add_markdown(self.prose(item.text))
            elif isinstance(item, _Heading):
                self.flush()
                title = self.prose(item.text)
                self.add_markdown("#" * item.level + " " + title)
                if item.level == 1 and not self.setup_done and not self.cells:
                    self.add_markdown(INTRO.format(title=title, url=self.site.url + self.site.page_url(self.page)))
                    self.setup()
            elif isinstance(item, _Fence):
                if item.kind == fence_kinds.SESSION:
                    self.session(item)
                elif item.kind == fence_kinds.SCRIPT:
                    self.add_code(item.body, "script", item.line + 1, block=item.line)
                else:
                    self.add_markdown(_fence_for(item.body, item.language))
            elif isinstance(item, _Source):
                self.add_markdown(self.source(item))
            elif isinstance(item, _Figure):
                self.figure(item)
            elif isinstance(item, _Block):
                self.flush()
                if item.heading:
                    self.add_markdown(f"**{self.prose(item.heading)}**")
                self.write(item.items)
                self.flush()

    def source(self, item: _Source) -> str:
        name = item.body.split("|")[0].strip()
        try:
            excerpt = source_md.excerpt(name)
        except (source_md.SourceIncludeError, OSError, ImportError) as error:
            raise NotebookError(f"line {item.line}: {error}") from None
        short = name.rsplit(".", 1)[-1]
        title = f"`{excerpt.path}` · `{short}`, lines {excerpt.first_line}–{excerpt.last_line}:"
        return title + "\n\n" + _fence_for("\n".join(excerpt.lines), "python")

    def figure(self, item: _Figure) -> None:
        try:
            image = self.figures(item.name)
        except KeyError as error:
            raise NotebookError(f"line {item.line}: {error}") from None
        self.flush()
        filename = f"{item.name}.png"
        alt = " ".join(image.alt.replace("[", "(").replace("]", ")").split())
        text = f"![{alt}](attachment:{filename})\n\n**Figure.** {self.prose(image.caption)}"
        attachments = {filename: {"image/png": base64.b64encode(image.png).decode("ascii")}}
        self.cells.append(v4.new_markdown_cell(text, attachments=attachments))


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
) -> NotebookNode:
    """The notebook of one page.

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
        items = _read(markdown.splitlines(), 1 + line_offset, [Path(p).resolve() for p in snippet_base_paths])
        writer = _Writer(page, source_name, site, wheel_url, figures)
        writer.definitions = {m.group("id").lower() for m in REFERENCE_DEFINITION.finditer(markdown)}
        writer.write(items)
        writer.flush()
    except NotebookError as error:
        raise NotebookError(f"{source_name}: {error}") from None
    if not writer.setup_done:
        writer.setup()
    notebook = v4.new_notebook(
        cells=writer.cells,
        metadata={
            "kernelspec": {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"},
            "language_info": {"name": "python"},
            "dlnotes": {"page": source_name, "url": site.url + site.page_url(page)},
        },
    )
    for number, cell in enumerate(notebook.cells):
        cell["id"] = f"cell-{number}"  # stable ids: two builds give the same bytes
    return notebook


def dumps(notebook: NotebookNode) -> bytes:
    """The notebook as the bytes of an ``.ipynb`` file, validated against the nbformat schema."""
    nbformat.validate(notebook)
    return nbformat.writes(notebook, version=4).encode("utf-8") + b"\n"


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
