"""``make serve``: ``mkdocs serve --strict`` on 127.0.0.1, after checking in one line that the port is free.

``python -m dlnotes.site_build.serve [--port 8000]``. MkDocs itself meets a port in use
with a long traceback; this says which port and what to do instead, then exits with 1.
"""

from __future__ import annotations

import argparse
import os
import socket
import sys

HOST = "127.0.0.1"


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
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict", "--dev-addr", f"{HOST}:{args.port}"]
    sys.stdout.flush()
    os.execv(sys.executable, command)  # mkdocs takes over this process, and Ctrl-C, from here


if __name__ == "__main__":
    sys.exit(main())
