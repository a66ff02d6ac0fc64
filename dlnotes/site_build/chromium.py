"""Which Chromium to drive: the one installed on the machine, never one Playwright downloads.

Debian's ``chromium``, the ``google-chrome`` of GitHub's runners, or the program named by
DLNOTES_CHROMIUM. The browser tests and ``make pdf`` both ask here.
"""

from __future__ import annotations

import os
import shutil

CHROMIUMS = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable")
MISSING = "Chromium not installed (apt-get install chromium, or set DLNOTES_CHROMIUM to a Chromium or Chrome)"


def find_chromium() -> tuple[str | None, str]:
    """The browser to drive, or None and the reason there is none."""
    named = os.environ.get("DLNOTES_CHROMIUM")
    if named:
        path = shutil.which(named)
        return (path, "") if path else (None, f"DLNOTES_CHROMIUM={named} is not an executable")
    for name in CHROMIUMS:
        path = shutil.which(name)
        if path:
            return path, ""
    return None, MISSING
