"""The browser: Playwright driving the Chromium installed on the machine, one per test session.

Never a browser that Playwright downloads: the Chromium of the system (Debian's
``chromium``, GitHub's runners' ``google-chrome``) or the one named by DLNOTES_CHROMIUM.
Without one, these tests skip and say why; with DLNOTES_REQUIRE_BROWSER=1 (CI) they fail.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser

from dlnotes.site_build.chromium import find_chromium
from tests.site_build.browser.checks import OFFLINE, Browsing, Scheme
from tests.site_build.browser.server import SiteServer
from tests.site_build.conftest import Background
from tests.site_build.helpers import ROOT


@pytest.fixture(scope="session")
def chromium() -> str:
    path, reason = find_chromium()
    if path is None:
        if os.environ.get("DLNOTES_REQUIRE_BROWSER"):
            pytest.fail(f"DLNOTES_REQUIRE_BROWSER is set, so the browser tests may not skip: {reason}")
        pytest.skip(reason)
    if not (ROOT / "node_modules" / "axe-core" / "axe.min.js").is_file():
        pytest.fail("axe-core is not installed: run `npm ci` (make does)")
    return path


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict, chromium: str) -> dict:
    """pytest-playwright's launch options (--headed, --slowmo), with the installed browser, offline."""
    args = [*browser_type_launch_args.get("args", []), *OFFLINE]
    return {**browser_type_launch_args, "executable_path": chromium, "args": args}


@pytest.fixture(scope="session")
def book(chromium: str, background: Background) -> Path:
    """The notes as one PDF, printed by `python -m dlnotes.site_build.pdf` (what make pdf runs) in the
    background, after the build, while the tests before the browser's ran."""
    result = background.result("book")
    assert result["returncode"] == 0, result["output"]
    return background.book


def _link_or_copy(source: str, destination: str) -> None:
    try:
        os.link(source, destination)
    except OSError:  # another file system (pytest --basetemp elsewhere): a copy
        shutil.copy2(source, destination)


@pytest.fixture(scope="session")
def published(built_site: Path, book: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site as the Pages workflow publishes it: the build with the book beside its pages.

    A folder of its own (hard links to the build's files, the book copied in), so the build stays as MkDocs
    made it for the tests that compare it with another build, whichever worker runs them.
    """
    folder = tmp_path_factory.mktemp("published") / "site"
    shutil.copytree(built_site, folder, copy_function=_link_or_copy)
    shutil.copy2(book, folder / "dlnotes.pdf")
    return folder


@pytest.fixture(scope="session")
def site(published: Path) -> Iterator[SiteServer]:
    """The published site (the build and its PDF), served on 127.0.0.1."""
    server = SiteServer(published)
    yield server
    server.close()


@pytest.fixture(scope="session")
def browsing(browser: Browser, site: SiteServer) -> Iterator[Callable[..., Browsing]]:
    """A browser context on the served site for a window width and palette preference, made once and reused."""
    made: dict[tuple, Browsing] = {}

    def get(width: int = 1280, scheme: Scheme = "light", clipboard: bool = False) -> Browsing:
        key = (width, scheme, clipboard)
        if key not in made:
            made[key] = Browsing(browser, site.base, width=width, scheme=scheme, clipboard=clipboard)
        return made[key]

    yield get
    for session in made.values():
        session.close()
