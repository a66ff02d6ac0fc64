"""Where the project's caches live: under the project root, never under the current folder.

The project root is the folder holding ``mkdocs.yml`` when the site is built (the MkDocs
plugin passes it in), and otherwise the checkout this package runs from. An installed,
non-editable package has no checkout; then the current folder is all there is.
``$DLNOTES_CACHE_DIR`` overrides all of this.
"""

from __future__ import annotations

import os
from pathlib import Path

#: The dlnotes package folder this code was imported from.
PACKAGE_DIR = Path(__file__).resolve().parent


def checkout() -> Path | None:
    """The source checkout holding this package (the folder of its pyproject.toml), if there is one."""
    root = PACKAGE_DIR.parent
    return root if (root / "pyproject.toml").is_file() else None


def cache_root(project: Path | None = None) -> Path:
    """``$DLNOTES_CACHE_DIR``, else ``<project>/.cache/dlnotes`` (project: the given folder, else the checkout)."""
    override = os.environ.get("DLNOTES_CACHE_DIR")
    if override:
        return Path(override)
    return (project or checkout() or Path.cwd()).resolve() / ".cache" / "dlnotes"
