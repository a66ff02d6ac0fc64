"""Collect every fenced block of the docs and README, and every docstring example, as tests.

See dlnotes/site_build/fences.py for the rules a fence follows.
"""

import os

os.environ.setdefault("MPLBACKEND", "Agg")  # figures in examples must never open a window

from sybil import Sybil  # noqa: E402
from sybil.sybil import SybilCollection  # noqa: E402
from sybil.parsers.rest import DocTestParser  # noqa: E402

from dlnotes.site_build.fences import DOCTEST_FLAGS, FencedBlockParser  # noqa: E402

# Path.match matches from the right, so "*.md" under path="docs" is every page at any depth.
fences = FencedBlockParser(snippet_base_paths=["."])
pages = Sybil(parsers=[fences], path="docs", patterns=["*.md"], name="pages")
readme = Sybil(parsers=[fences], path=".", filenames=["README.md"], excludes=["*/*"], name="readme")
docstrings = Sybil(parsers=[DocTestParser(optionflags=DOCTEST_FLAGS)], path="dlnotes", patterns=["*.py"],
                   name="docstrings")

pytest_collect_file = SybilCollection([pages, readme, docstrings]).pytest()
