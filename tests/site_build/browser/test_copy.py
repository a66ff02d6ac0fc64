"""The copy button of every pycon block, clicked like a reader: the clipboard holds the code alone, and it runs."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from dlnotes.site_build.page import iter_fences
from tests.site_build.browser.checks import (
    PASTE,
    copy_block,
    drain,
    page_id,
    source_pages,
)

PAGES = source_pages()


@pytest.mark.parametrize("path", list(PAGES), ids=page_id)
def test_copying_every_session_gives_code_that_runs(browsing, path, tmp_path):
    visit = browsing(clipboard=True).open(path)
    blocks = visit.page.locator(".language-pycon").count()
    if not blocks:
        # Nothing to copy here; then the page's Markdown must have no pycon block either.
        assert not [f for f in iter_fences(PAGES[path].read_text(encoding="utf-8")) if f.language == "pycon"]
        assert not drain(visit)
        return
    # Each session's code and the exceptions it shows, in page order.
    sessions: list[tuple[str, list[str]]] = []
    problems: list[str] = []
    # The page's python scripts before a session run in the same namespace as its sessions, in page order,
    # so they go into the paste too (as their text: they hold no prompts). The package source a
    # page shows beside an equation (.dlnotes-source) is not the page's code, nor is a signature
    # of the API reference (inside mkdocstrings' .doc).
    kinds = visit.page.locator("div.language-pycon, div.language-python:not(.dlnotes-source)").evaluate_all(
        "(blocks) => blocks.filter((b) => b.classList.contains('language-pycon') || !b.closest('.doc'))"
        ".map((b) => b.classList.contains('language-pycon') ? null : b.querySelector('code').textContent)"
    )
    # Only the code up to the last session runs: a script after it (a page's closing checks) has no copy
    # tested here, and sybil runs it with the rest of the page's code.
    last_session = max(number for number, script in enumerate(kinds) if script is None)
    index = 0
    for script in kinds[: last_session + 1]:
        if script is not None:
            sessions.append((script, []))
            continue
        copied = copy_block(visit.page, index)
        sessions.append((copied.text, copied.errors))
        problems += copied.problems
        index += 1
    assert index == blocks
    problems += drain(visit)
    assert not problems, "\n".join(problems)
    # The page's sessions, pasted in order into a fresh Python with the package installed: every
    # statement runs, and the only exceptions are those the sessions show.
    done = subprocess.run(
        [sys.executable, "-c", PASTE],
        input=json.dumps(sessions),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=600,
        env={**os.environ, "MPLBACKEND": "Agg"},
    )
    assert done.returncode == 0, f"the copied code of {page_id(path)} fails:\n{done.stderr}"
