"""In a real browser: what the copy button copies from a pycon block, and that the right figure variant shows.

Needs Chromium (Debian's ``chromium`` package). Without it these tests are skipped with a
reason, so ``make test`` still works on a machine with only Python, Node and make; CI
installs Chromium and sets DLNOTES_REQUIRE_BROWSER=1, which turns a skip into a failure.
"""

from __future__ import annotations

import html
import json
import os
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

CHROMIUM = shutil.which("chromium") or shutil.which("google-chrome")  # Debian; GitHub's runners
if CHROMIUM is None and os.environ.get("DLNOTES_REQUIRE_BROWSER"):
    raise RuntimeError("DLNOTES_REQUIRE_BROWSER is set but Chromium is not installed")
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="Chromium not installed (apt-get install chromium)")

# Does what Material's copy handler does (set data-md-copying, read innerText, remove it),
# and what a reader's eye sees (which figure image is displayed), then prints the results
# into the page for --dump-dom to read.
PROBE = """
<script>
window.addEventListener("load", () => {
  const code = document.querySelector(".language-pycon code");
  let copied = "";
  if (code) {
    code.setAttribute("data-md-copying", "");
    copied = code.innerText;
    code.removeAttribute("data-md-copying");
  }
  const shown = [...document.querySelectorAll(".dlnotes-figure img")]
    .filter((img) => getComputedStyle(img).display !== "none").map((img) => img.getAttribute("src"));
  const out = document.createElement("pre");
  out.id = "dlnotes-probe";
  out.textContent = JSON.stringify({copied: copied, shown: shown, visible: code ? code.innerText : ""});
  document.body.appendChild(out);
});
</script>
"""


def probe(page: Path, dark: bool = False) -> dict:
    # Beside the page, so its relative links work; removed after, as the built site is shared.
    probed = page.with_name("probe.html")
    probed.write_text(page.read_text(encoding="utf-8").replace("</body>", PROBE + "</body>"), encoding="utf-8")
    try:
        dom = _dump_dom(probed, dark)
    finally:
        probed.unlink()
    found = re.search(r'<pre id="dlnotes-probe">(.*?)</pre>', dom, re.S)
    assert found, dom[-2000:]
    return json.loads(html.unescape(found.group(1)))


def _dump_dom(probed: Path, dark: bool) -> str:
    with tempfile.TemporaryDirectory() as profile:
        args = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-sync",
                "--disable-background-networking", "--disable-component-update", f"--user-data-dir={profile}",
                "--virtual-time-budget=5000", "--dump-dom", probed.as_uri()]
        if dark:
            args.insert(1, "--force-dark-mode")
        return subprocess.run(args, capture_output=True, text=True, timeout=120).stdout


SAMPLE = "notes/sigmoid"  # a question page whose first pycon block is the copy sample


def first_pycon_code(markdown_text: str) -> list[str]:
    """The code lines of the first pycon block of a page, without prompts: what a copy must give."""
    block = re.search(r"^[ \t]*```pycon[^\n]*\n(.*?)^[ \t]*```", markdown_text, re.S | re.M).group(1)
    return [line.strip()[4:] for line in block.splitlines() if line.strip().startswith((">>> ", "... "))]


def test_copy_button_copies_only_the_code_of_a_pycon_block(built_site):
    from tests.site_build.helpers import ROOT

    result = probe(built_site / SAMPLE / "index.html")
    lines = [line for line in result["copied"].splitlines() if line.strip()]
    expected = [line for line in first_pycon_code((ROOT / "docs" / f"{SAMPLE}.md").read_text(encoding="utf-8"))
                if line.strip()]
    assert expected and [line.strip() for line in lines] == [line.strip() for line in expected], result["copied"]
    assert ">>> " in result["visible"]  # the reader still sees the session


def test_copied_code_runs_in_python(built_site):
    import sys

    copied = probe(built_site / SAMPLE / "index.html")["copied"]
    done = subprocess.run([sys.executable, "-c", copied], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


@pytest.mark.parametrize("dark", [False, True])
def test_the_figure_variant_matches_the_palette(built_site, dark):
    shown = probe(built_site / "figures" / "index.html", dark=dark)["shown"]
    theme = "dark" if dark else "light"
    assert shown and all(src.endswith(f"-{theme}.svg#only-{theme}") for src in shown), shown
