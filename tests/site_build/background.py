"""The session's build of the real site, and its book, made by a process of their own while other tests run.

tests/site_build/conftest.py starts this module once the tests are collected, if any of them needs the
build: the build (``mkdocs build --strict``) and then the book (``python -m dlnotes.site_build.pdf``, as
``make pdf`` prints it) run on the machine's other core while the core's tests and the pages' code run
on this one. Each result is a JSON file, written whole once its step is over: what the fixtures wait for.

    python -m tests.site_build.background SITE BOOK RESULTS [--again] [--book]

--again builds the site a second time, into RESULTS/again, for the test that two builds give the same files.
One of the two makes every formula and figure anew, so the comparison also shows that a cached build gives
what a fresh one does: in a fresh clone, whose shared cache is empty, that is the first, and the second reads
the cache it filled; otherwise the second, from an empty folder of its own (RESULTS/fresh-cache).
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import tempfile
from pathlib import Path
from typing import Any

import pytest

from tests.site_build.helpers import ROOT, SHARED_CACHE, mkdocs_build, run

# The key of xdist's workerinput that names the workers' shared folder.
SHARED = "dlnotes_build"


class SharedFolder:
    """Under pytest-xdist, registered on the controller (conftest.py): it names one folder for every worker's
    build (the first worker to create it starts this module there, the others wait for its results) and
    removes it once all workers are done."""

    def __init__(self) -> None:
        self.parent: Path | None = None

    @pytest.hookimpl(optionalhook=True)
    def pytest_configure_node(self, node: Any) -> None:  # xdist's WorkerController
        if self.parent is None:
            self.parent = Path(tempfile.mkdtemp(prefix="dlnotes-build-"))
        node.workerinput[SHARED] = str(self.parent / "shared")

    def pytest_unconfigure(self) -> None:
        if self.parent is not None:
            shutil.rmtree(self.parent, ignore_errors=True)


def write_result(path: Path, returncode: int, output: str, **more: Any) -> None:
    """The step's exit code and output (and what else it says), as a file that appears complete or not at all."""
    partial = path.with_suffix(".partial")
    partial.write_text(json.dumps({"returncode": returncode, "output": output, **more}), encoding="utf-8")
    os.replace(partial, path)


# Written last, whatever happened: a worker that waits for a result no step will give stops waiting.
FINISHED = "finished"


def main(argv: list[str]) -> int:
    results = Path(argv[2])
    try:
        return steps(argv)
    finally:
        (results / FINISHED).touch()


def steps(argv: list[str]) -> int:
    site, book, results = (Path(arg) for arg in argv[:3])
    # Looked at before the first build fills it. If a test of the other worker wrote to it first, the second
    # build is the one from an empty cache, as in a warm tree: slower, not wrong.
    shared_was_empty = not any(path.is_file() for path in SHARED_CACHE.rglob("*"))
    built = mkdocs_build(ROOT, site)
    write_result(results / "build.json", built.returncode, built.output)
    if "--again" in argv:
        cache = SHARED_CACHE if shared_was_empty else results / "fresh-cache"
        again = mkdocs_build(ROOT, results / "again", DLNOTES_CACHE_DIR=str(cache))
        write_result(
            results / "again.json", again.returncode, again.output, cache=str(cache), from_empty=not shared_was_empty
        )
    if "--book" in argv and built.returncode == 0:
        # Epoch 0, as the tests always printed it: the title page's date is the epoch's.
        printed = run(
            [sys.executable, "-m", "dlnotes.site_build.pdf", "--site", str(site), "--output", str(book)],
            cwd=ROOT,
            SOURCE_DATE_EPOCH="0",
        )
        write_result(results / "book.json", printed.returncode, printed.output)
    return built.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
