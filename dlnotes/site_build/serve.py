"""``make serve``: ``mkdocs serve --strict`` on 127.0.0.1, after checking in one line that the port is free.

``python -m dlnotes.site_build.serve [--port 8000]``. MkDocs itself meets a port in use
with a long traceback; this says which port and what to do instead, then exits with 1.

MkDocs looks for changed files every half second, so a saved edit waited a quarter of a
second on average before its rebuild began; this server looks every `POLL_SECONDS`. (A
look is a listing of docs/, mkdocs.yml and the package: a few milliseconds.) The rebuild
itself reuses what an edit did not change: see `dlnotes.site_build.api_cache`,
`dlnotes.site_build.search_cache` and `dlnotes.site_build.template_cache`.
"""

from __future__ import annotations

import argparse
import socket
import sys
from typing import Any

from mkdocs.livereload import LiveReloadServer

HOST = "127.0.0.1"
POLL_SECONDS = 0.1


class QuickerReloadServer(LiveReloadServer):
    """MkDocs' live-reload server, looking for changed files every `POLL_SECONDS` instead of every 0.5 s."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("polling_interval", POLL_SECONDS)
        super().__init__(*args, **kwargs)


def port_in_use(host: str, port: int) -> bool:
    """Whether a server could not listen on ``host:port`` (binding as MkDocs' server does, with SO_REUSEADDR)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return True
    return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dlnotes.site_build.serve", description=__doc__)
    parser.add_argument("--port", default="8000", help="the port to serve on (default 8000)")
    args = parser.parse_args(argv)
    if not args.port.isdigit() or not 1 <= int(args.port) <= 65535:
        print(f"PORT must be a number from 1 to 65535, got {args.port!r}", file=sys.stderr)
        return 1
    if port_in_use(HOST, int(args.port)):
        print(
            f"port {args.port} on {HOST} is in use: stop what is serving there, or run make serve "
            f"PORT={int(args.port) + 1 if int(args.port) < 65535 else 8000}",
            file=sys.stderr,
        )
        return 1
    from mkdocs.__main__ import cli
    from mkdocs.commands import serve

    serve.LiveReloadServer = QuickerReloadServer  # type: ignore[misc]  # the class serve() makes its server from
    # MkDocs' own command line from here: its options, logging, and Ctrl-C.
    cli.main(["serve", "--strict", "--dev-addr", f"{HOST}:{args.port}"], prog_name="mkdocs")  # exits


if __name__ == "__main__":
    sys.exit(main())
