"""The MkDocs-only glue, kept thin: everything real lives in Python-Markdown extensions and plain Python.

It does what a Markdown extension cannot:

- serves KaTeX's CSS and fonts from the built site (generated files, nothing written
  into docs/), so math renders offline and without any other host;
- renders the figures the pages refer to (through the cache) and serves them as
  generated files, failing the build on an unknown or broken figure with page and line;
- tells the math, source and figure extensions which page they convert, for links and errors;
- keeps both caches under the project root (the folder of ``mkdocs.yml``), whatever the
  current folder;
- under ``mkdocs serve``, watches the dlnotes package too, and once its code has changed
  since the process started, draws figures in a fresh process (:mod:`dlnotes.figures.fresh`)
  instead of with the stale code this process holds.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from dlnotes._project import cache_root
from dlnotes.figures import fresh
from dlnotes.figures.render import FigureError
from dlnotes.site_build import katex
from dlnotes.site_build.figures_md import FIGURES_DIR, references
from dlnotes.site_build.katex import KatexSetupError, katex_dist

KATEX_DEST = "assets/katex"
log = logging.getLogger("mkdocs.plugins.dlnotes")


class DlnotesConfig(Config):
    # Extra modules whose import registers more figures (a site's own, or a test's).
    figure_modules = config_options.ListOfItems(config_options.Type(str), default=[])
    # Where rendered figures are cached, relative to the folder of mkdocs.yml; default .cache/dlnotes/figures there.
    cache_dir = config_options.Optional(config_options.Type(str))


class DlnotesPlugin(BasePlugin[DlnotesConfig]):
    def __init__(self) -> None:
        self.figure_stats: dict[str, int] = {"rendered": 0, "cached": 0}
        self.figure_cache = cache_root() / "figures"

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        # Both caches live under the folder of mkdocs.yml, wherever mkdocs is run from.
        project = Path(config.config_file_path).parent if config.config_file_path else None
        caches = cache_root(project)
        self.figure_cache = (project or Path.cwd()) / self.config.cache_dir if self.config.cache_dir \
            else caches / "figures"
        katex.shared_renderer().cache_dir = caches / "katex"
        return config

    def on_serve(self, server: LiveReloadServer, *, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
        # MkDocs watches docs/ and mkdocs.yml; docstrings and figures live in the package.
        for path in fresh.watched(self.config.figure_modules):
            server.watch(str(path))
        return server

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        try:
            dist = katex_dist()
        except KatexSetupError as error:
            raise PluginError(str(error)) from None
        for source in [dist / "katex.min.css", *sorted((dist / "fonts").iterdir())]:
            files.append(File.generated(config, f"{KATEX_DEST}/{source.relative_to(dist).as_posix()}",
                                        abs_src_path=str(source)))
        for filename, data in self._figures(files, config).items():
            files.append(File.generated(config, f"{FIGURES_DIR}/{filename}", content=data))
        return files

    def _figures(self, files: Files, config: MkDocsConfig) -> dict[str, bytes]:
        docs = Path(config.docs_dir).name
        wanted: dict[str, str] = {}
        for file in files.documentation_pages():
            for name, line in references(file.content_string):
                wanted.setdefault(name, f"{docs}/{file.src_uri}:{line}")
        try:
            drawn = fresh.draw(sorted(wanted), self.figure_cache, self.config.figure_modules)
        except FigureError as error:
            where = wanted.get(error.figure or "")
            raise PluginError(f"{where}: {error}" if where else str(error)) from None
        self.figure_stats = {"rendered": drawn.rendered, "cached": drawn.cached}
        log.info("dlnotes figures: rendered %d, from cache %d%s", drawn.rendered, drawn.cached,
                 " (in a fresh process: dlnotes changed since this one started)" if drawn.fresh else "")
        # The figure extension takes alt texts and captions from the code that drew, not this process's registry.
        config.mdx_configs.setdefault("dlnotes.figures", {})["figures"] = drawn.figures
        return drawn.svgs

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # MkDocs builds each page's Markdown from mdx_configs, so this reaches the page's own converter.
        offset = max(page.file.content_string.count("\n") - markdown.count("\n"), 0)  # stripped front matter
        source = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        for extension in ("dlnotes.math", "dlnotes.source"):
            settings: dict[str, Any] = config.mdx_configs.setdefault(extension, {})
            settings.update(source=source, line_offset=offset)
        config.mdx_configs.setdefault("dlnotes.figures", {}).update(source=source, page_path=page.file.src_uri)
        return markdown
