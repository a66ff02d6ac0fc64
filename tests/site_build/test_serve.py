"""`make serve`: a live server that watches dlnotes, draws with the code on disk, and says when its port is taken.

The serve session runs on a throwaway copy of the project whose dlnotes package holds two
probe modules of the test's own: a figure and a documented function. The test edits them
while the server runs, as a reader editing the package would.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import textwrap
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from pathlib import Path

import pytest

from dlnotes.figures.render import image_files
from tests.site_build.helpers import BIN, ROOT, mkdocs_build, run

# Generous bounds on waiting for a server on a busy machine; they bound the test, they time nothing.
WAIT_SECONDS = 300

PROBE_FIGURE = textwrap.dedent('''
    """A figure of the serve test's own."""
    from matplotlib.figure import Figure
    from dlnotes.figures.registry import figure

    @figure("serve-probe", alt="A probe figure whose title the serve test edits while the server runs.",
            caption="A caption for the serve test only.")
    def draw(theme):
        fig = Figure(figsize=(2, 1))
        fig.add_subplot().set_title("{title}")
        return fig
''')
PROBE_MODULE = textwrap.dedent('''
    """A module of the serve test's own."""


    def answer() -> int:
        """{doc}"""
        return 42
''')
CONFIG = textwrap.dedent("""
    site_name: Probe
    plugins:
      - dlnotes:
          figure_modules: [dlnotes.figures.serve_probe_plots]
      - mkdocstrings:
          handlers:
            python:
              paths: [.]
    markdown_extensions:
      - dlnotes_math
      - dlnotes_figures
""")


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def make_project(folder: Path) -> Path:
    shutil.copytree(ROOT / "dlnotes", folder / "dlnotes", ignore=shutil.ignore_patterns("__pycache__"))
    (folder / "dlnotes" / "figures" / "serve_probe_plots.py").write_text(PROBE_FIGURE.format(title="first"))
    (folder / "dlnotes" / "serve_probe.py").write_text(PROBE_MODULE.format(doc="The first answer."))
    (folder / "docs").mkdir()
    (folder / "docs" / "index.md").write_text("# Probe\n\n[[figure: serve-probe]]\n")
    (folder / "docs" / "api.md").write_text("# API\n\n::: dlnotes.serve_probe\n")
    (folder / "mkdocs.yml").write_text(CONFIG)
    (folder / "node_modules").symlink_to(ROOT / "node_modules")  # KaTeX, found beside mkdocs.yml
    return folder


def fetch(url: str) -> bytes | None:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.read()
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def wait_for(what: str, check: Callable[[], bool], server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + WAIT_SECONDS
    while not check():
        if server.poll() is not None or time.monotonic() > deadline:
            pytest.fail(f"the server never {what}; its log:\n{log.read_text(errors='replace')}")
        time.sleep(0.5)


def test_an_edit_to_dlnotes_during_serve_is_served_and_a_later_build_ships_it(tmp_path):
    project = make_project(tmp_path / "project")
    env = {"PYTHONPATH": str(project), "DLNOTES_CACHE_DIR": str(tmp_path / "cache")}
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    log = tmp_path / "serve.log"
    with log.open("w") as output:
        server = subprocess.Popen(
            [sys.executable, "-m", "dlnotes.site_build.serve", "--port", str(port)],
            cwd=project,
            env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **env},
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    try:
        svg = f"{url}/assets/figures/serve-probe-light.svg"
        wait_for("served the first figure", lambda: fetch(svg) is not None, server, log)
        first = fetch(svg)

        (project / "dlnotes" / "figures" / "serve_probe_plots.py").write_text(PROBE_FIGURE.format(title="second"))
        (project / "dlnotes" / "serve_probe.py").write_text(PROBE_MODULE.format(doc="The second answer."))
        # What the edited code draws, rendered apart in a new process with an empty cache.
        drawn = run(
            [
                str(BIN / "python"),
                "-m",
                "dlnotes.figures",
                str(tmp_path / "expected"),
                "--figure",
                "serve-probe",
                "--module",
                "dlnotes.figures.serve_probe_plots",
                "--cache-dir",
                str(tmp_path / "empty-cache"),
            ],
            cwd=project,
        )
        assert drawn.returncode == 0, drawn.output
        expected = (tmp_path / "expected" / "serve-probe-light.svg").read_bytes()
        assert expected != first

        wait_for("served the edited figure", lambda: fetch(svg) == expected, server, log)
        wait_for(
            "served the edited docstring", lambda: b"The second answer." in (fetch(f"{url}/api/") or b""), server, log
        )

        # Prose edited after the code: the figures the fresh process drew are reused, nothing is drawn.
        page = project / "docs" / "index.md"
        page.write_text(page.read_text() + "\nA sentence of new prose.\n")
        wait_for(
            "served the edited prose", lambda: b"A sentence of new prose." in (fetch(f"{url}/") or b""), server, log
        )
        counts = [line for line in log.read_text(errors="replace").splitlines() if "dlnotes figures:" in line]
        files = len(image_files("the-edited-figure"))  # its two SVGs and the notebooks' PNG
        assert any(f"rendered {files}, from cache 0 (in a fresh process" in line for line in counts), counts
        assert f"rendered 0, from cache {files} (in a fresh process" in counts[-1], counts
    finally:
        server.send_signal(signal.SIGINT)  # as Ctrl-C: MkDocs removes its temporary site
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()

    # A later build, in a new process and through the same cache, ships what the edited code draws.
    built = mkdocs_build(project, tmp_path / "site", **env)
    assert built.returncode == 0, built.output
    assert f"dlnotes figures: rendered 0, from cache {len(image_files('any'))}" in built.output, (
        built.output
    )  # filed under the right key
    assert (tmp_path / "site" / "assets" / "figures" / "serve-probe-light.svg").read_bytes() == expected
    assert "The second answer." in (tmp_path / "site" / "api" / "index.html").read_text(encoding="utf-8")


def test_a_port_in_use_is_reported_in_one_line():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(
            ["make", "-s", "serve", f"PORT={port}"], cwd=ROOT, capture_output=True, text=True, timeout=WAIT_SECONDS
        )
    assert done.returncode != 0
    assert done.stdout == ""
    ours, *rest = done.stderr.strip().splitlines()
    assert ours == f"port {port} on 127.0.0.1 is in use: stop what is serving there, or run make serve PORT={port + 1}"
    # Only make's own note that the target failed may follow ("make[1]: ***" when make test runs this).
    assert all(re.match(r"make(\[\d+\])?: \*\*\* ", line) for line in rest), done.stderr


@pytest.mark.parametrize("port", ["http", "0", "70000"])
def test_a_port_that_is_no_port_is_reported_in_one_line(port):
    done = subprocess.run(
        [sys.executable, "-m", "dlnotes.site_build.serve", "--port", port],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=WAIT_SECONDS,
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [f"PORT must be a number from 1 to 65535, got {port!r}"]


def test_make_serve_takes_the_port_from_port():
    default = subprocess.run(["make", "-n", "serve"], cwd=ROOT, capture_output=True, text=True).stdout
    other = subprocess.run(["make", "-n", "serve", "PORT=8001"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "-m dlnotes.site_build.serve --port 8000" in default
    assert "-m dlnotes.site_build.serve --port 8001" in other


def test_make_serve_looks_for_changed_files_more_often_than_mkdocs_does(tmp_path):
    import inspect

    from mkdocs.livereload import LiveReloadServer

    from dlnotes.site_build.serve import POLL_SECONDS, QuickerReloadServer

    mkdocs_default = inspect.signature(LiveReloadServer).parameters["polling_interval"].default
    server = QuickerReloadServer(builder=lambda: None, host="127.0.0.1", port=free_port(), root=str(tmp_path))
    try:
        assert server.observer.timeout == POLL_SECONDS < mkdocs_default
    finally:
        server.server_close()
