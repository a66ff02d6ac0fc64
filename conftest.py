"""Collect every fenced block and display equation of the docs, every fenced block of README and CONTRIBUTING,
and every docstring example, as tests.

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
from tests.sybil_equations import DisplayEquationParser
from tests.sybil_fences import FencedBlockParser

# Path.match matches from the right, so "*.md" under path="docs" is every page at any depth.
fences = FencedBlockParser(snippet_base_paths=["."])
pages = Sybil(parsers=[fences, DisplayEquationParser()], path="docs", patterns=["*.md"], name="pages")
readme = Sybil(parsers=[fences], path=".", filenames=["README.md", "CONTRIBUTING.md"], excludes=["*/*"], name="readme")
docstrings = Sybil(
    parsers=[DocTestParser(optionflags=DOCTEST_FLAGS)], path="dlnotes", patterns=["*.py"], name="docstrings"
)

pytest_collect_file = SybilCollection([pages, readme, docstrings]).pytest()


# The browser tests run last, so every other test reports first. `make test` asks pytest for a
# JUnit XML report (.benchmarks/test-suite.xml), from which `make bench` reads the suite's times.
BROWSER_TESTS = "tests/site_build/browser/"
# A test that asks for one of these needs the session's strict build of the real site (one per run).
BUILD_FIXTURES = {"site_build", "built_site"}
# A test that asks for one of these, or whose own code calls one of the others, builds, installs, prints or
# serves something of its own, beyond that build (the names are those of tests/site_build/helpers.py,
# dlnotes.site_build.pdf, subprocess and the browser tests' fixtures).
SLOW_FIXTURES = {"project_copy", "second_build", "mutant", "jupyterlab"}
SLOW_CALLS = {"mkdocs_build", "run_pytest", "build", "make_book", "run", "Popen", "check"}
MARKERS = {
    "browser": "drives headless Chromium against the built site (deselect with -m 'not browser')",
    "build": "needs the session's strict build of the real site, made once per run (-m 'not build': no build)",
    "slow": "builds, installs or serves something of its own, beyond the shared build (-m 'not slow')",
}


def pytest_configure(config):
    # Registered here, beside the rules that give them, so --strict-markers knows every one.
    registered = {line.split(":")[0].strip() for line in config.getini("markers")}
    for name, meaning in MARKERS.items():
        if name not in registered:
            config.addinivalue_line("markers", f"{name}: {meaning}")


def pytest_collection_modifyitems(items):
    for item in items:
        used = set(getattr(item, "fixturenames", ()))
        if item.nodeid.startswith(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)
        if used & BUILD_FIXTURES:
            item.add_marker(pytest.mark.build)
        code = getattr(getattr(item, "function", None), "__code__", None)
        if used & SLOW_FIXTURES or (code is not None and SLOW_CALLS & set(code.co_names)):
            item.add_marker(pytest.mark.slow)
    items.sort(key=lambda item: item.nodeid.startswith(BROWSER_TESTS))  # stable: keeps each part's order
