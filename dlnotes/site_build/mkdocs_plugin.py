"""The MkDocs-only glue, kept thin: everything real lives in Python-Markdown extensions.

It does three things a Markdown extension cannot:

- serves KaTeX's CSS and fonts from the built site (generated files, nothing written
  into docs/), so math renders offline and without any other host;
- tells the math extension which page it converts, so an invalid formula names its file
  and line;
- (with the figures extension) serves the SVG figures that pages refer to.
"""

from __future__ import annotations

from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from dlnotes.site_build.katex import katex_dist

KATEX_DEST = "assets/katex"


class DlnotesPlugin(BasePlugin):  # type: ignore[type-arg]
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        dist = katex_dist()
        sources = [dist / "katex.min.css", *sorted((dist / "fonts").iterdir())]
        for source in sources:
            dest = f"{KATEX_DEST}/{source.relative_to(dist).as_posix()}"
            files.append(File.generated(config, dest, abs_src_path=str(source)))
        return files

    def on_page_markdown(self, markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
        # MkDocs builds each page's Markdown instance from mdx_configs, so this reaches the page's own converter.
        raw = page.file.content_string
        offset = max(raw.count("\n") - markdown.count("\n"), 0)  # front matter MkDocs stripped
        settings: dict[str, Any] = config.mdx_configs.setdefault("dlnotes.math", {})
        settings.update(source=f"{config.docs_dir.rstrip('/').rsplit('/', 1)[-1]}/{page.file.src_uri}",
                        line_offset=offset)
        return markdown
