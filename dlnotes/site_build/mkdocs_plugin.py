"""The MkDocs-only glue, kept thin: everything real lives in Python-Markdown extensions and plain Python.

It does what a Markdown extension cannot:

- serves KaTeX's CSS and fonts from the built site (generated files, nothing written
  into docs/), so math renders offline and without any other host: the woff2 fonts only,
  and no source maps;
- renders the figures the pages refer to (through the cache) and serves them as
  generated files, failing the build on an unknown or broken figure with page and line;
- owns the instances of the math, source and figure extensions that MkDocs converts pages
  with (as mkdocs-autorefs owns its own), and sets on them the page they convert, for links
  and errors; the extensions themselves work without MkDocs;
- fills the errata page (the line ``[[errata]]``) with the correction blocks of the
  ``notebook_section`` pages, in the navigation's order (`dlnotes/site_build/errata.py`);
- serves a wheel of dlnotes (`dlnotes/site_build/wheel.py`) and, beside each page of the
  ``notebook_section`` of the navigation (the question pages), its notebook
  (`dlnotes/site_build/notebooks.py`), with a "Download notebook" link on the page; the
  notebooks are written once every page is converted, so their links take each page's URL
  from MkDocs' files and each heading's or API object's from mkdocs-autorefs;
- lets the rebuilds of one ``mkdocs serve`` reuse mkdocstrings' rendered API blocks while
  the package and the settings are unchanged (`dlnotes/site_build/api_cache.py`), and
  the search entries of unchanged pages (`dlnotes/site_build/search_cache.py`), the
  theme's compiled templates (`dlnotes/site_build/template_cache.py`) and highlighted
  code blocks (`dlnotes/site_build/highlight_cache.py`);
- keeps both caches under the project root (the folder of ``mkdocs.yml``), whatever the
  current folder;
- under ``mkdocs serve``, watches the dlnotes package too, and once its code has changed
  since the process started, draws figures in a fresh process (`dlnotes/figures/fresh_process.py`)
  instead of with the stale code this process holds.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any, TypeVar

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page
from mkdocs.utils import meta

from dlnotes._project import cache_root, checkout
from dlnotes.figures import fresh_process
from dlnotes.figures.render import FigureError
from dlnotes.site_build import api_cache, errata, highlight_cache, katex, notebooks, search_cache, template_cache
from dlnotes.site_build.figures_md import FIGURES_DIR, FigureExtension, references, svg_sizes
from dlnotes.site_build.katex import KatexSetupError, katex_dist, woff2_only
from dlnotes.site_build.katex_fonts import font_files
from dlnotes.site_build.math_md import CHECKS_LINK, MathExtension
from dlnotes.site_build.page_extension import PageExtension
from dlnotes.site_build.source_md import SourceExtension
from dlnotes.site_build.wheel import WHEELS_DIR, WheelError, build_wheel

KATEX_DEST = "assets/katex"
E = TypeVar("E", bound=PageExtension)
log = logging.getLogger("mkdocs.plugins.dlnotes")


def own_extension(config: MkDocsConfig, name: str, extension: type[E]) -> E:
    """An instance of ``extension`` that converts the site's pages, made with the settings mkdocs.yml gives ``name``.

    It takes the place of ``name`` in ``markdown_extensions`` (keeping the order there), or
    joins the list when mkdocs.yml does not name it.
    """
    instance = extension(**config.mdx_configs.pop(name, {}))
    names = config.markdown_extensions
    if name in names:
        names[names.index(name)] = instance  # type: ignore[call-overload]  # MkDocs types the list as names; Markdown takes instances too
    else:
        names.append(instance)  # type: ignore[arg-type]  # as above
    return instance


class DlnotesConfig(Config):
    # Extra modules whose import registers more figures (a site's own, or a test's).
    figure_modules = config_options.ListOfItems(config_options.Type(str), default=[])
    # Where rendered figures are cached, relative to the folder of mkdocs.yml; default .cache/dlnotes/figures there.
    cache_dir = config_options.Optional(config_options.Type(str))
    # The section of the navigation whose pages each get a notebook: the question pages.
    notebook_section = config_options.Type(str, default="Notes")


class DlnotesPlugin(BasePlugin[DlnotesConfig]):
    def __init__(self) -> None:
        self.figure_stats: dict[str, int] = {"rendered": 0, "cached": 0}
        self.figure_cache = cache_root() / "figures"
        self.caches = cache_root()
        self.drawn: fresh_process.Drawn | None = None
        self.notebooks: dict[str, str] = {}  # src_uri of a page -> src_uri of its notebook
        self.wheel_url = ""  # the wheel the notebooks install, relative to site_url
        self._katex_css = ""  # KaTeX's stylesheet as the site ships it, read in on_files
        self.math = MathExtension()
        self.source = SourceExtension()
        self.figures = FigureExtension()

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Both caches live under the folder of mkdocs.yml, wherever mkdocs is run from.
        project = Path(config.config_file_path).parent if config.config_file_path else None
        caches = self.caches = cache_root(project)
        self.figure_cache = (
            (project or Path.cwd()) / self.config.cache_dir if self.config.cache_dir else caches / "figures"
        )
        self.math = own_extension(config, "dlnotes_math", MathExtension)
        # KaTeX from the node_modules nearest the folder of mkdocs.yml, its cache beside the figures'.
        self.math.setConfigs({"node_root": str(katex.find_root(project)), "cache_dir": str(caches / "katex")})
        self.source = own_extension(config, "dlnotes_source", SourceExtension)
        self.figures = own_extension(config, "dlnotes_figures", FigureExtension)
        self._reuse_between_rebuilds(config)
        return config

    def _reuse_between_rebuilds(self, config: MkDocsConfig) -> None:
        """Rebuilds in this process reuse mkdocstrings' API blocks and highlighted code that nothing changed."""
        highlight_cache.reuse_highlighting()
        settings = api_cache.settings_key(
            config.config_file_path,
            dict(config.plugins["mkdocstrings"].config) if "mkdocstrings" in config.plugins else None,
            config.markdown_extensions,
            config.mdx_configs,
            config.theme.name,
            config.theme.custom_dir,
        )
        extension = api_cache.ApiCacheExtension(api_cache.CACHE, settings)
        config.markdown_extensions.append(extension)  # type: ignore[arg-type]  # as in own_extension

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        # After every plugin's on_config, so the search plugin has made this build's index.
        for plugin in config.plugins.values():
            if hasattr(plugin, "search_index"):
                search_cache.reuse_entries(plugin.search_index)

    def on_env(self, env: Any, *, config: MkDocsConfig, files: Files) -> Any:
        # Rebuilds in this process reuse the theme's compiled templates (dlnotes/site_build/template_cache.py).
        template_cache.reuse_compiled(env)
        # overrides/main.html asks for the KaTeX fonts a page's formulas use with its stylesheets.
        env.filters["katex_fonts"] = lambda html: [f"{KATEX_DEST}/{file}" for file in font_files(self._katex_css, html)]
        # Every page is converted by now, so autorefs knows every heading and API object the notebooks link.
        self._write_notebooks(files, config)
        return env

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # MkDocs watches docs/ and mkdocs.yml; docstrings and figures live in the package.
        for path in fresh_process.watched(self.config.figure_modules):
            server.watch(str(path))
        return server

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        try:
            dist = katex_dist(Path(self.math.getConfig("node_root")))
        except KatexSetupError as error:
            raise PluginError(str(error)) from None
        self._katex_css = woff2_only((dist / "katex.min.css").read_text(encoding="utf-8"))
        files.append(File.generated(config, f"{KATEX_DEST}/katex.min.css", content=self._katex_css))
        for font in sorted((dist / "fonts").glob("*.woff2")):
            files.append(File.generated(config, f"{KATEX_DEST}/fonts/{font.name}", abs_src_path=str(font)))
        # Material ships source maps of its CSS and JavaScript; a reader's browser never asks for them.
        for source_map in [file for file in files if file.src_uri.endswith(".map")]:
            files.remove(source_map)
        for filename, data in self._figures(files, config).items():
            files.append(File.generated(config, f"{FIGURES_DIR}/{filename}", content=data))
        self._notebooks(files, config)
        return files

    def _figures(self, files: Files, config: MkDocsConfig) -> dict[str, bytes]:
        docs = Path(config.docs_dir).name
        wanted: dict[str, str] = {}
        for file in files.documentation_pages():
            for name, line in references(file.content_string):
                wanted.setdefault(name, f"{docs}/{file.src_uri}:{line}")
        try:
            drawn = fresh_process.draw(sorted(wanted), self.figure_cache, self.config.figure_modules)
        except FigureError as error:
            where = wanted.get(error.figure or "")
            raise PluginError(f"{where}: {error}" if where else str(error)) from None
        self.drawn = drawn
        self.figure_stats = {"rendered": drawn.rendered, "cached": drawn.cached}
        log.info(
            "dlnotes figures: rendered %d, from cache %d%s",
            drawn.rendered,
            drawn.cached,
            " (in a fresh process: dlnotes changed since this one started)" if drawn.fresh else "",
        )
        # The figure extension takes alt texts and captions from the code that drew, not this process's registry.
        self.figures.setConfig("figures", drawn.figures)
        self.figures.setConfig("sizes", svg_sizes(drawn.images))
        # The site shows the SVGs; the PNGs go into the notebooks only.
        return {file: data for file, data in drawn.images.items() if file.endswith(".svg")}

    def _notebooks(self, files: Files, config: MkDocsConfig) -> None:
        """Serve the dlnotes wheel, and name a notebook for each page of the notebook section.

        The notebooks themselves are written in on_env, once every page is converted: their links take
        each page's URL from MkDocs' files and each identifier's from autorefs, which knows them only then.
        """
        self.notebooks = {}
        self.wheel_url = ""
        pages = notebooks.section_pages(config.nav, self.config.notebook_section)
        if not pages:
            log.info("dlnotes notebooks: none (no '%s' section in nav)", self.config.notebook_section)
            return
        if not config.site_url:
            raise PluginError("dlnotes notebooks install dlnotes from the site: set site_url")
        root = checkout()
        if root is None:
            raise PluginError("dlnotes notebooks need the dlnotes source checkout, to build the wheel they install")
        try:
            wheel = build_wheel(root, self.caches / "wheels")
        except WheelError as error:
            raise PluginError(str(error)) from None
        files.append(File.generated(config, f"{WHEELS_DIR}/{wheel.name}", abs_src_path=str(wheel)))
        self.wheel_url = f"{WHEELS_DIR}/{wheel.name}"
        for src_uri in pages:
            file = files.get_file_from_path(src_uri)
            if file is not None and file.is_documentation_page():  # MkDocs itself reports a nav entry of no page
                self.notebooks[src_uri] = notebooks.notebook_name(src_uri)
                # Listed now, so the page's link to it resolves; its content comes in on_env.
                files.append(File.generated(config, self.notebooks[src_uri], content=b""))

    def _write_notebooks(self, files: Files, config: MkDocsConfig) -> None:
        """Write the notebook of each page named in _notebooks, with links from the build's own maps."""
        if not self.notebooks:
            return
        autorefs = config.plugins.get("autorefs")

        def identify(identifier: str) -> str | None:
            try:
                found = autorefs.get_item_url(identifier) if autorefs is not None else None
            except KeyError:
                return None
            return found[0] if isinstance(found, tuple) else found

        pages = {file.src_uri: file.url for file in files.documentation_pages()}
        site = notebooks.Site(str(config.site_url), pages, identify)
        drawn = self.drawn

        def figure(name: str) -> notebooks.FigureImage:
            if drawn is None or f"{name}-light.png" not in drawn.images:
                raise KeyError(f"figure {name!r} was not drawn")
            return notebooks.FigureImage(drawn.images[f"{name}-light.png"], *drawn.figures[name])

        docs = Path(config.docs_dir).name
        snippets = config.mdx_configs.get("pymdownx.snippets", {}).get("base_path", ["."])
        for src_uri, name in self.notebooks.items():
            file = files.get_file_from_path(src_uri)
            assert file is not None  # _notebooks named only pages it found
            markdown, _ = meta.get_data(file.content_string)
            front_matter = max(file.content_string.count("\n") - markdown.count("\n"), 0)
            try:
                notebook = notebooks.page_notebook(
                    markdown,
                    page=src_uri,
                    site=site,
                    figures=figure,
                    wheel_url=site.url + self.wheel_url,
                    source_name=f"{docs}/{src_uri}",
                    snippet_base_paths=snippets,
                    line_offset=front_matter,
                )
            except notebooks.NotebookError as error:
                raise PluginError(str(error)) from None
            listed = files.get_file_from_path(name)
            assert listed is not None  # _notebooks listed it
            listed.content_bytes = notebooks.dumps(notebook)
        others = len(files.documentation_pages()) - len(self.notebooks)
        log.info(
            "dlnotes notebooks: %s; the %d other pages get none; wheel %s",
            ", ".join(self.notebooks.values()),
            others,
            self.wheel_url,
        )

    def _errata(self, markdown: str, config: MkDocsConfig, files: Files) -> str:
        docs = Path(config.docs_dir).name
        pages = []
        for src_uri in notebooks.section_pages(config.nav, self.config.notebook_section):
            file = files.get_file_from_path(src_uri)
            if file is not None and file.is_documentation_page():
                text = meta.get_data(file.content_string)[0]
                offset = max(file.content_string.count("\n") - text.count("\n"), 0)
                pages.append(errata.Page(src_uri, text, f"{docs}/{src_uri}", offset))
        try:
            return errata.expand(markdown, pages)
        except errata.ErrataError as error:
            raise PluginError(str(error)) from None

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        offset = max(page.file.content_string.count("\n") - markdown.count("\n"), 0)  # stripped front matter
        if errata.MARKER in markdown:
            markdown = self._errata(markdown, config, files)
        if page.file.src_uri in self.notebooks:
            markdown = notebooks.with_download_link(markdown, page.file.src_uri)
            offset -= notebooks.LINK_LINES  # so errors still name the line of the file
        source = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        for extension in (self.math, self.source, self.figures):
            extension.setConfigs({"source": source, "line_offset": offset})
        self.figures.setConfig("page_path", page.file.src_uri)
        # The marks of checked formulas link to how they are checked, on a site that has that page.
        linked = files.get_file_from_path(CHECKS_LINK.partition("#")[0]) is not None
        self.math.setConfigs(
            {"page_path": page.file.src_uri, "page_markdown": markdown, "checks_link": CHECKS_LINK if linked else ""}
        )
        return markdown
