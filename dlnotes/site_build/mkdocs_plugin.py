"""The MkDocs-only glue, kept thin: everything real lives in Python-Markdown extensions and plain Python.

It does what a Markdown extension cannot:

- serves KaTeX's CSS and fonts from the built site (generated files, nothing written
  into docs/), so math renders offline and without any other host: the woff2 fonts only,
  and no source maps;
- renders the figures the pages refer to (through the cache) and serves them as
  generated files, failing the build on an unknown or broken figure with page and line;
- tells the math, source and figure extensions which page they convert, for links and errors.
"""

from __future__ import annotations

import importlib
import logging
from pathlib import Path
from typing import Any

from mkdocs.config import config_options
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from dlnotes.figures import registry
from dlnotes.figures.render import FigureError, FigureRenderer
from dlnotes.site_build.figures_md import FIGURES_DIR, references
from dlnotes.site_build.katex import KatexSetupError, katex_dist, woff2_only

KATEX_DEST = "assets/katex"
log = logging.getLogger("mkdocs.plugins.dlnotes")


class DlnotesConfig(Config):
    # Extra modules whose import registers more figures (a site's own, or a test's).
    figure_modules = config_options.ListOfItems(config_options.Type(str), default=[])
    cache_dir = config_options.Optional(config_options.Type(str))


class DlnotesPlugin(BasePlugin[DlnotesConfig]):
    def __init__(self) -> None:
        self.figure_stats: dict[str, int] = {"rendered": 0, "cached": 0}

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        try:
            dist = katex_dist()
        except KatexSetupError as error:
            raise PluginError(str(error)) from None
        css = (dist / "katex.min.css").read_text(encoding="utf-8")
        files.append(File.generated(config, f"{KATEX_DEST}/katex.min.css", content=woff2_only(css)))
        for font in sorted((dist / "fonts").glob("*.woff2")):
            files.append(File.generated(config, f"{KATEX_DEST}/fonts/{font.name}", abs_src_path=str(font)))
        # Material ships source maps of its CSS and JavaScript; a reader's browser never asks for them.
        for source_map in [file for file in files if file.src_uri.endswith(".map")]:
            files.remove(source_map)
        for filename, data in self._figures(files, config).items():
            files.append(File.generated(config, f"{FIGURES_DIR}/{filename}", content=data))
        return files

    def _figures(self, files: Files, config: MkDocsConfig) -> dict[str, bytes]:
        for module in self.config.figure_modules:
            importlib.import_module(module)
        docs = Path(config.docs_dir).name
        wanted: dict[str, str] = {}
        for file in files.documentation_pages():
            for name, line in references(file.content_string):
                where = f"{docs}/{file.src_uri}:{line}"
                try:
                    registry.get(name)
                except registry.UnknownFigureError as error:
                    raise PluginError(f"{where}: {error}") from None
                wanted.setdefault(name, where)
        renderer = FigureRenderer(**({"cache_dir": Path(self.config.cache_dir)} if self.config.cache_dir else {}))
        rendered: dict[str, bytes] = {}
        for name, where in sorted(wanted.items()):
            try:
                rendered.update(renderer.render([name]))
            except FigureError as error:
                raise PluginError(f"{where}: {error}") from None
        self.figure_stats = {"rendered": renderer.rendered, "cached": renderer.cached}
        log.info("dlnotes figures: rendered %d, from cache %d", renderer.rendered, renderer.cached)
        return rendered

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # MkDocs builds each page's Markdown from mdx_configs, so this reaches the page's own converter.
        offset = max(page.file.content_string.count("\n") - markdown.count("\n"), 0)  # stripped front matter
        source = f"{Path(config.docs_dir).name}/{page.file.src_uri}"
        for extension in ("dlnotes.math", "dlnotes.source"):
            settings: dict[str, Any] = config.mdx_configs.setdefault(extension, {})
            settings.update(source=source, line_offset=offset)
        config.mdx_configs.setdefault("dlnotes.figures", {}).update(source=source, page_path=page.file.src_uri)
        return markdown
