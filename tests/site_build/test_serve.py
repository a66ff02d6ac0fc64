"""`make serve`: the port comes from PORT, and a port in use or no port at all is reported in one line."""

from __future__ import annotations

import socket
import subprocess
import sys

import pytest

from tests.site_build.helpers import ROOT

WAIT_SECONDS = 300  # a bound on a command that must not hang; it times nothing


def test_a_port_in_use_is_reported_in_one_line():
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        done = subprocess.run(["make", "-s", "serve", f"PORT={port}"], cwd=ROOT, capture_output=True, text=True,
                              timeout=WAIT_SECONDS)
    assert done.returncode != 0 and done.stdout == ""
    ours, *rest = done.stderr.strip().splitlines()
    assert ours == f"port {port} on 127.0.0.1 is in use: stop what is serving there, or run make serve PORT={port + 1}"
    assert all(line.startswith("make: ***") for line in rest), done.stderr  # make's own note that the target failed


@pytest.mark.parametrize("port", ["http", "0", "70000"])
def test_a_port_that_is_no_port_is_reported_in_one_line(port):
    done = subprocess.run([sys.executable, "-m", "dlnotes.site_build.serve", "--port", port], cwd=ROOT,
                          capture_output=True, text=True, timeout=WAIT_SECONDS)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [f"PORT must be a number from 1 to 65535, got {port!r}"]


def test_make_serve_takes_the_port_from_port():
    default = subprocess.run(["make", "-n", "serve"], cwd=ROOT, capture_output=True, text=True).stdout
    other = subprocess.run(["make", "-n", "serve", "PORT=8001"], cwd=ROOT, capture_output=True, text=True).stdout
    assert "-m dlnotes.site_build.serve --port 8000" in default
    assert "-m dlnotes.site_build.serve --port 8001" in other
