"""A page's notebook opened where most readers open it: a real JupyterLab, served on 127.0.0.1.

Every cell is run from the menu, as a reader would, and the test looks at what the reader sees:
each figure loaded (JupyterLab refuses SVG attachments, so a broken image here is a real one), and
each code cell ran, with an error only where the cell is tagged ``raises-exception``.
"""

from __future__ import annotations

import base64
import json
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import nbformat
import pytest

PAGE = "sigmoid"  # two figures and a few dozen cells: enough to see both, quick to run

# What the notebook shows once run: every image, every code cell's prompt and whether it shows an error.
SEEN = """() => ({
  images: [...document.querySelectorAll('.jp-MarkdownCell img')].map((image) => ({
    src: image.getAttribute('src').slice(0, 40), loaded: image.complete && image.naturalWidth > 0,
  })),
  cells: [...document.querySelectorAll('.jp-CodeCell')].map((cell) => ({
    prompt: cell.querySelector('.jp-InputPrompt')?.textContent.trim() ?? '',
    error: Boolean(cell.querySelector('.jp-RenderedText[data-mime-type="application/vnd.jupyter.stderr"] .ansi-red-fg, .jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]')),
  })),
})"""


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def jupyterlab(built_site: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """JupyterLab serving a folder that holds the page's notebook, without a token, on 127.0.0.1."""
    work = tmp_path_factory.mktemp("lab")
    shutil.copy2(built_site / "notes" / f"{PAGE}.ipynb", work / f"{PAGE}.ipynb")
    # The same figure as an SVG attachment, as the notebooks had it: JupyterLab shows a broken image.
    svg = (built_site / "assets" / "figures" / "sigmoid-and-derivative-light.svg").read_bytes()
    cell = nbformat.v4.new_markdown_cell(
        "![the sigmoid](attachment:figure.svg)",
        attachments={"figure.svg": {"image/svg+xml": base64.b64encode(svg).decode("ascii")}},
    )
    nbformat.write(nbformat.v4.new_notebook(cells=[cell]), work / "svg.ipynb")
    # Every cell rendered, not only those on screen, so that each image can be looked at.
    settings = work / "settings" / "@jupyterlab" / "notebook-extension"
    settings.mkdir(parents=True)
    (settings / "tracker.jupyterlab-settings").write_text(json.dumps({"windowingMode": "none"}))
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "jupyterlab",
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={port}",
            "--IdentityProvider.token=",
            "--ServerApp.password=",
            "--ServerApp.disable_check_xsrf=True",
            f"--ServerApp.root_dir={work}",
            "--allow-root",  # CI runs as root
            "--LabApp.news_url=",  # nothing fetched from other hosts
            "--LabApp.extension_manager=readonly",
        ],
        cwd=work,
        env={
            **{k: v for k, v in __import__("os").environ.items() if not k.startswith("JUPYTER")},
            "JUPYTERLAB_SETTINGS_DIR": str(work / "settings"),
            "JUPYTER_RUNTIME_DIR": str(work / "runtime"),
            "JUPYTER_CONFIG_DIR": str(work / "config"),
            "JUPYTER_DATA_DIR": str(work / "data"),
        },
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}/"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                urllib.request.urlopen(base + "api/status", timeout=2).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(f"JupyterLab did not start (exit code {server.poll()})") from None
                time.sleep(0.3)
        yield base
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_a_notebook_runs_in_jupyterlab_and_shows_every_figure(browser, built_site, jupyterlab):
    notebook = nbformat.read(built_site / "notes" / f"{PAGE}.ipynb", as_version=4)
    figures = sum(len(cell.get("attachments", {})) for cell in notebook.cells)
    code_cells = [cell for cell in notebook.cells if cell.cell_type == "code"]
    expected_errors = [("raises-exception" in cell.metadata.get("tags", [])) for cell in code_cells]
    assert figures >= 2
    assert any(expected_errors), "the notebook shows an expected error, and this test must tell it apart"

    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(jupyterlab + f"lab/tree/{PAGE}.ipynb?reset", wait_until="load")
        page.wait_for_selector(".jp-Notebook .jp-Cell", timeout=60_000)
        # The kernel has started when the status bar says so; Run All before that queues nothing.
        page.get_by_text("Python 3 (ipykernel) | Idle").wait_for(timeout=60_000)
        page.get_by_role("menuitem", name="Run", exact=True).click()
        page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
        # Each prompt turns from [ ] through [*] into [n]; the run is over when the last one has its number.
        page.wait_for_function(
            """(count) => { const prompts = [...document.querySelectorAll('.jp-CodeCell .jp-InputPrompt')];
              return prompts.length === count && prompts.every((p) => /^\\[\\d+\\]:$/.test(p.textContent.trim())); }""",
            arg=len(code_cells),
            timeout=120_000,
        )
        seen = page.evaluate(SEEN)
    finally:
        context.close()

    assert len(seen["images"]) == figures
    assert all(image["loaded"] for image in seen["images"]), seen["images"]
    ran = [cell["prompt"] for cell in seen["cells"]]
    assert len(ran) == len(code_cells)
    assert [int(prompt.strip("[]:")) for prompt in ran] == list(range(1, len(ran) + 1))
    unexpected = [
        n
        for n, (cell, allowed) in enumerate(zip(seen["cells"], expected_errors, strict=True))
        if cell["error"] and not allowed
    ]
    assert not unexpected, f"code cells that failed: {unexpected}"


def test_the_check_sees_the_broken_image_of_an_svg_attachment(browser, jupyterlab):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    try:
        page.goto(jupyterlab + "lab/tree/svg.ipynb?reset", wait_until="load")
        page.wait_for_selector(".jp-MarkdownCell img", state="attached", timeout=60_000)
        page.wait_for_timeout(1000)
        seen = page.evaluate(SEEN)
    finally:
        context.close()
    assert [image["loaded"] for image in seen["images"]] == [False]
