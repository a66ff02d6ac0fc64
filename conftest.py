"""Collect every fenced block of the docs, README and CONTRIBUTING, and every docstring example, as tests.

See tests/sybil_fences.py for the rules a fence follows. Also: the browser tests are marked
`browser` and run last.
"""

import os

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")  # figures in examples must never open a window

from sybil import Sybil
from sybil.parsers.rest import DocTestParser
from sybil.sybil import SybilCollection

from dlnotes.site_build.fence_kinds import DOCTEST_FLAGS
from tests.sybil_fences import FencedBlockParser

# Path.match matches from the right, so "*.md" under path="docs" is every page at any depth.
fences = FencedBlockParser(snippet_base_paths=["."])
pages = Sybil(parsers=[fences], path="docs", patterns=["*.md"], name="pages")
readme = Sybil(parsers=[fences], path=".", filenames=["README.md", "CONTRIBUTING.md"], excludes=["*/*"], name="readme")
docstrings = Sybil(
    parsers=[DocTestParser(optionflags=DOCTEST_FLAGS)], path="dlnotes", patterns=["*.py"], name="docstrings"
)

pytest_collect_file = SybilCollection([pages, readme, docstrings]).pytest()


# The browser tests run last, so every other test reports first. `make test` asks pytest for a
# JUnit XML report (.benchmarks/test-suite.xml), from which `make bench` reads the suite's times.
BROWSER_TESTS = "tests/site_build/browser/"


def pytest_collection_modifyitems(items):
    for item in items:
        if item.nodeid.startswith(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: item.nodeid.startswith(BROWSER_TESTS))  # stable: keeps each part's order
