"""Shared fixtures: one strict build of the real site per session, and throwaway copies of the project to break."""

from __future__ import annotations

import contextlib
import json
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import NamedTuple

import pytest

from tests.site_build.background import FINISHED, SHARED
from tests.site_build.helpers import ROOT

# The root conftest.py collects the pages through tests/sybil_fences.py and tests/sybil_equations.py, so the
# copy needs those modules too.
COPIED = [
    "docs",
    "overrides",
    "mkdocs.yml",
    "conftest.py",
    "tests/__init__.py",
    "tests/sybil_fences.py",
    "tests/sybil_equations.py",
    "pyproject.toml",
    "README.md",
]
FIXTURES = Path(__file__).with_name("fixtures")


# A test that asks for one of these needs the build; one that asks for the book needs it printed too.
BUILD_FIXTURES = {"site_build", "built_site"}
BOOK_FIXTURES = {"book"}
AGAIN_FIXTURES = {"second_build"}


class Background:
    """The build of the real site and its book, made by tests/site_build/background.py in a process of its own.

    Under pytest-xdist (`make test` runs a worker per CPU) the workers share one: the first to claim the folder the
    controller named starts the process, the others wait for the same result files.
    """

    def __init__(self, book: bool, again: bool, folder: Path | None = None) -> None:
        self.process: subprocess.Popen | None = None
        owned = True
        if folder is None:
            folder = Path(tempfile.mkdtemp(prefix="dlnotes-build-"))
        else:
            try:
                folder.mkdir()
            except FileExistsError:  # another worker claimed it first and builds
                owned = False
        self.folder = folder
        self.site = self.folder / "site"
        self.book = self.folder / "dlnotes.pdf"
        self.again = self.folder / "again"
        self.wants_book = book
        if owned:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "tests.site_build.background", str(self.site), str(self.book), str(self.folder)]
                + (["--again"] if again else [])
                + (["--book"] if book else []),
                cwd=ROOT,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )

    def _stopped(self) -> str | None:
        """Why no more results will come, or None while the process may still give them."""
        if self.process is not None and self.process.poll() is not None:
            return f"exit code {self.process.returncode}"
        if (self.folder / FINISHED).is_file():  # whichever worker started it
            return "it finished"
        return None

    def result(self, name: str) -> dict:
        """The step's {"returncode", "output"}, once it is over."""
        path = self.folder / f"{name}.json"
        deadline = time.monotonic() + 900
        while not path.is_file():
            stopped = self._stopped()
            if stopped and not path.is_file():
                raise AssertionError(f"the background build stopped ({stopped}) before {name}")
            if time.monotonic() > deadline:
                raise AssertionError(f"the background build gave no {name} in 900 s")
            time.sleep(0.2)
        return json.loads(path.read_text(encoding="utf-8"))

    def close(self, remove: bool) -> None:
        """Stop the process if it is this worker's; remove the folder unless other workers may still read it."""
        if self.process is not None:
            if self.process.poll() is None:
                self.process.kill()
            self.process.wait()
        if remove:
            shutil.rmtree(self.folder, ignore_errors=True)


_background: list[Background] = []


def _shared_folder(config: pytest.Config) -> Path | None:
    """The folder the xdist controller named for the workers' one background build (background.SharedFolder);
    None outside xdist."""
    workerinput = getattr(config, "workerinput", None)
    return Path(workerinput[SHARED]) if workerinput and SHARED in workerinput else None


def pytest_collection_finish(session: pytest.Session) -> None:
    # Started as soon as the tests are known, only if one of them needs the build: it runs while the
    # tests that come first (the core, the pages' code) run on the other core.
    used = set().union(*(getattr(item, "fixturenames", ()) for item in session.items))
    if used & BUILD_FIXTURES and not _background:
        _background.append(
            Background(
                book=bool(used & BOOK_FIXTURES),
                again=bool(used & AGAIN_FIXTURES),
                folder=_shared_folder(session.config),
            )
        )


def pytest_sessionfinish(session: pytest.Session) -> None:
    shared = _shared_folder(session.config) is not None
    while _background:
        background = _background.pop()
        if shared and background.process is not None:
            # Other workers may still wait for the book: let the process finish its steps first.
            with contextlib.suppress(subprocess.TimeoutExpired):
                background.process.wait(timeout=900)
        background.close(remove=not shared)  # the controller removes a shared folder once all workers are done


@pytest.fixture(scope="session")
def background() -> Background:
    if not _background:  # collected some other way (such as pytest --fixtures): start it now
        _background.append(Background(book=True, again=True))
    return _background[0]


@pytest.fixture(scope="session")
def site_build(background: Background) -> tuple[Path, str]:
    """The real site, built strictly once per session (in the background), and what the build printed."""
    result = background.result("build")
    assert result["returncode"] == 0, result["output"]
    # --strict turns warnings into failure; also refuse any WARNING line that slipped through.
    assert "WARNING" not in result["output"], result["output"]
    return background.site, result["output"]


@pytest.fixture(scope="session")
def built_site(site_build: tuple[Path, str]) -> Path:
    return site_build[0]


class SecondBuild(NamedTuple):
    site: Path
    output: str
    cache: Path  # the cache it read and filled
    from_empty: bool  # whether that cache was an empty folder of its own (else the session's first build filled it)


@pytest.fixture(scope="session")
def second_build(background: Background) -> SecondBuild:
    """The real site built again (in the background): from an empty cache, unless the first build was (background.py)."""
    result = background.result("again")
    assert result["returncode"] == 0, result["output"]
    return SecondBuild(background.again, result["output"], Path(result["cache"]), result["from_empty"])


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the docs and their configuration, for tests that break things on purpose."""
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, tmp_path / name)
    # The guard tests break a small page of their own, listed in the copy's navigation.
    shutil.copy2(FIXTURES / "pipeline-check.md", tmp_path / "docs" / "pipeline-check.md")
    config = tmp_path / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  - Reference:\n" in text
    config.write_text(
        text.replace("\n  - Reference:\n", "\n  - Pipeline check: pipeline-check.md\n  - Reference:\n"),
        encoding="utf-8",
    )
    return tmp_path
