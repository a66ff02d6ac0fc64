"""Collect every fenced block of the docs, README and CONTRIBUTING, and every docstring example, as tests.

See tests/sybil_fences.py for the rules a fence follows. Also: the browser tests run
last, and a full run records how long the suite took, with and without them, for make bench.
"""

import json
import os
import time

import pytest

os.environ.setdefault("MPLBACKEND", "Agg")  # figures in examples must never open a window

from sybil import Sybil
from sybil.parsers.rest import DocTestParser
from sybil.sybil import SybilCollection

from dlnotes.site_build.blocks import DOCTEST_FLAGS
from tests.sybil_fences import FencedBlockParser

# Path.match matches from the right, so "*.md" under path="docs" is every page at any depth.
fences = FencedBlockParser(snippet_base_paths=["."])
pages = Sybil(parsers=[fences], path="docs", patterns=["*.md"], name="pages")
readme = Sybil(parsers=[fences], path=".", filenames=["README.md", "CONTRIBUTING.md"], excludes=["*/*"], name="readme")
docstrings = Sybil(
    parsers=[DocTestParser(optionflags=DOCTEST_FLAGS)], path="dlnotes", patterns=["*.py"], name="docstrings"
)

pytest_collect_file = SybilCollection([pages, readme, docstrings]).pytest()


# The browser tests run last: every other test reports first, and the time the browser part
# takes is measured on its own. A full run (`make test`) records both times for `make bench`.
BROWSER_TESTS = "tests/site_build/browser/"
SUITE_TIMES = os.path.join(os.path.dirname(__file__), ".benchmarks", "test-suite.json")
_times: dict[str, float] = {}


def pytest_collection_modifyitems(items):
    for item in items:
        if item.nodeid.startswith(BROWSER_TESTS):
            item.add_marker(pytest.mark.browser)
    items.sort(key=lambda item: item.nodeid.startswith(BROWSER_TESTS))  # stable: keeps each part's order


def pytest_sessionstart(session):
    _times["start"] = time.time()


def pytest_runtest_logstart(nodeid, location):
    if nodeid.startswith(BROWSER_TESTS):
        _times.setdefault("browser", time.time())


def pytest_sessionfinish(session, exitstatus):
    config = session.config
    whole = (
        config.args_source == pytest.Config.ArgsSource.TESTPATHS
        and not config.option.keyword
        and not config.option.markexpr
        and not getattr(config.option, "lf", False)
        and not config.option.collectonly
        and session.testscollected > 100
    )
    if not whole or "start" not in _times:
        return
    end = time.time()
    browser_start = _times.get("browser", end)
    record = {
        "date": time.strftime("%Y-%m-%d %H:%M"),
        "exit_status": int(exitstatus),
        "tests": session.testscollected,
        "failed": session.testsfailed,
        "seconds_without_browser": round(browser_start - _times["start"], 1),
        "seconds_browser": round(end - browser_start, 1),
    }
    os.makedirs(os.path.dirname(SUITE_TIMES), exist_ok=True)
    with open(SUITE_TIMES, "w", encoding="utf-8") as file:
        json.dump(record, file, indent=1)
