r"""What a fenced block of a page is: a session to run, a script to run, or code only shown.

One rule for everyone who reads the pages: the sybil parser that runs every block as a
test (`tests/sybil_fences.py`) and the notebook converter that turns every block
into a cell (`dlnotes.site_build.notebooks`) both classify a fence with
`classify`, so a notebook runs exactly the code the tests run. Nothing here needs
sybil or MkDocs.

- ``pycon``: a session (``>>>`` prompts and expected output);
- ``python`` / ``py`` / ``python3``: a session if it starts with ``>>>``, else a script;
- a fence with ``<!-- display-only: reason -->`` on the line above it: shown, never run
  (`dlnotes.site_build.page.iter_fences` reads fences and that line);
- anything else: unmarked, which the tests reject.

``--8<-- "path"`` lines inside a fence (pymdownx.snippets) stand for the file they name,
as in the build; `expand_snippets` replaces them.
"""

from __future__ import annotations

import doctest
import re
from collections.abc import Sequence
from pathlib import Path

SNIPPET = re.compile(r'^(?P<indent>[ \t]*)-{1,}8<-{1,}[ \t]+"(?P<target>[^"]+)"[ \t]*$', re.MULTILINE)
DOCTEST_LANGUAGES = {"pycon"}
PYTHON_LANGUAGES = {"python", "py", "python3"}
DOCTEST_FLAGS = doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE

SESSION = "session"
SCRIPT = "script"
SHOWN = "shown"
UNMARKED = "unmarked"


class FenceError(AssertionError):
    """A fence that is neither run nor marked display-only, or that cannot be run as written."""


def fence_ticks(code: str) -> str:
    """Backticks enough to fence ``code``: three, or one more than the longest run of them inside it."""
    longest = max((len(run) for run in re.findall(r"`{3,}", code)), default=2)
    return "`" * max(3, longest + 1)


def classify(language: str, text: str, display_only: str | None) -> str:
    """:data:`SESSION`, :data:`SCRIPT`, :data:`SHOWN` or :data:`UNMARKED`, for a fence's language and text.

    ``display_only`` is the reason of its display-only marker, or None when it has none.
    """
    if display_only is not None:
        return SHOWN
    if language in DOCTEST_LANGUAGES or (language in PYTHON_LANGUAGES and text.lstrip().startswith(">>>")):
        return SESSION
    if language in PYTHON_LANGUAGES:
        return SCRIPT
    return UNMARKED


def expand_snippets(source: str, base_paths: Sequence[Path]) -> str:
    """Replace ``--8<-- "file"`` lines with the file's text, as pymdownx.snippets does."""

    def include(match: re.Match[str]) -> str:
        target = match.group("target")
        name, _, span = target.partition(":")
        for base in base_paths:
            path = base / name
            if path.is_file():
                lines = path.read_text(encoding="utf-8").splitlines()
                if span:
                    start, _, end = span.partition(":")
                    try:
                        lines = lines[int(start) - 1 : int(end) if end else None]
                    except ValueError:
                        raise FenceError(
                            f"snippet {target!r}: only 'path:start:end' line spans are supported"
                        ) from None
                return "\n".join(match.group("indent") + line for line in lines)
        raise FenceError(f"snippet {target!r} not found under {[str(b) for b in base_paths]}")

    return SNIPPET.sub(include, source)
