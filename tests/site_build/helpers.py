"""Helpers for the site-build tests: run mkdocs and pytest as a reader would, in any folder."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

from dlnotes.site_build.page import blank_fences

ROOT = Path(__file__).resolve().parents[2]
# Pieces of pages included with --8<-- (mkdocs.yml's exclude_docs): Markdown under docs/ that is no page.
SNIPPETS = ROOT / "docs" / "snippets"
BIN = Path(sys.executable).parent
# The cache the checkout's builds and their copies share (formulas, figures), unless a test asks for its own.
SHARED_CACHE = ROOT / ".cache" / "dlnotes"


@dataclass
class Run:
    returncode: int
    output: str


def run(args: list[str], cwd: Path, **env: str) -> Run:
    # Copies of the project share the checkout's cache unless a test asks for a fresh one.
    environment = {
        **os.environ,
        "NO_MKDOCS_2_WARNING": "1",
        "SOURCE_DATE_EPOCH": "1700000000",
        "DLNOTES_CACHE_DIR": str(SHARED_CACHE),
        **env,
    }
    done = subprocess.run(args, cwd=cwd, env=environment, capture_output=True, text=True, timeout=600)
    return Run(done.returncode, done.stdout + done.stderr)


def mkdocs_build(project: Path, site: Path, **env: str) -> Run:
    return run([str(BIN / "mkdocs"), "build", "--strict", "--clean", "--site-dir", str(site)], cwd=project, **env)


def run_pytest(project: Path, *args: str) -> Run:
    return run([sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "-q", *args], cwd=project)


def line_of(path: Path, needle: str) -> int:
    """1-based line number of the first line containing needle."""
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in text:
            return number
    raise AssertionError(f"{needle!r} not in {path}")


def prose(markdown_text: str, *, code_spans: bool = True) -> str:
    """A page's Markdown without its fenced code and HTML comments, and without code spans unless ``code_spans``."""
    text = blank_fences(markdown_text)
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    return text if code_spans else re.sub(r"`[^`\n]*`", "", text)
