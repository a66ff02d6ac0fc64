"""Serve a built site on 127.0.0.1, at the path of the address it was built for.

Material's instant navigation follows only the links listed in ``sitemap.xml``, whose
addresses carry the configured ``site_url`` (``http://127.0.0.1:8000/`` unless
DLNOTES_SITE_URL says otherwise). A deployed site is served at that address; this server
listens on a free port instead, so it serves the site under the same path and writes its
own address into the sitemap, as a server at the configured address would find it. A
missing file gets the site's 404 page with status 404, as on GitHub Pages.
"""

from __future__ import annotations

import functools
import http.server
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit


def site_url_of(site: Path) -> str:
    """The address the site was built for: its sitemap's shortest address, the home page."""
    locations = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    if not locations:
        raise ValueError(f"{site / 'sitemap.xml'} lists no page")
    return min(locations, key=len)


def page_paths(site: Path) -> list[str]:
    """Every page of a built site, as a path relative to the home page ('' is home), from its sitemap."""
    home = site_url_of(site)
    locations = re.findall(r"<loc>([^<]+)</loc>", (site / "sitemap.xml").read_text(encoding="utf-8"))
    return sorted(location[len(home) :] for location in locations)


class _Handler(http.server.SimpleHTTPRequestHandler):
    site_path = "/"
    site_url = ""
    base = ""
    rewrite_sitemap = True

    def log_message(self, format: str, *args: object) -> None:
        pass  # quiet: the tests report what failed

    def translate_path(self, path: str) -> str:
        clean = urlsplit(path).path
        if not clean.startswith(self.site_path):
            return str(Path(self.directory) / "\0outside")  # never a file: a 404
        return super().translate_path("/" + clean[len(self.site_path) :])

    def send_head(self):
        if self.rewrite_sitemap and urlsplit(self.path).path == self.site_path + "sitemap.xml":
            data = (
                (Path(self.directory) / "sitemap.xml").read_bytes().replace(self.site_url.encode(), self.base.encode())
            )
            self.send_response(200)
            self.send_header("Content-Type", "application/xml")
            self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            return _Bytes(data)
        return super().send_head()

    def send_error(self, code: int, message: str | None = None, explain: str | None = None) -> None:
        not_found = Path(self.directory) / "404.html"
        if code != 404 or not not_found.is_file():
            super().send_error(code, message, explain)
            return
        data = not_found.read_bytes()
        self.send_response(404)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(data)


class _Bytes:
    """A file-like body for send_head's caller (copyfile)."""

    def __init__(self, data: bytes) -> None:
        self.data = data

    def read(self, size: int = -1) -> bytes:
        data, self.data = (self.data, b"") if size < 0 else (self.data[:size], self.data[size:])
        return data

    def close(self) -> None:
        pass


class SiteServer:
    """The site in ``root`` served on 127.0.0.1 at a free port, in a background thread."""

    def __init__(self, root: Path, rewrite_sitemap: bool = True) -> None:
        site_url = site_url_of(root)
        site_path = urlsplit(site_url).path or "/"

        # A class of its own per server: the handler's settings are class attributes, and two
        # servers (the site and a mutant) run at once.
        class Handler(_Handler):
            pass

        Handler.site_path, Handler.site_url, Handler.rewrite_sitemap = site_path, site_url, rewrite_sitemap
        handler = Handler
        self.handler = Handler
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(handler, directory=str(root)))
        self.httpd.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.httpd.server_port}{site_path}"
        handler.base = self.base
        self.root = root
        self.thread = threading.Thread(target=self.httpd.serve_forever, name=f"site {root}", daemon=True)
        self.thread.start()

    @property
    def rewrite_sitemap(self) -> bool:
        """Whether the sitemap is served with this server's address (as at the address built for) or as built."""
        return self.handler.rewrite_sitemap

    @rewrite_sitemap.setter
    def rewrite_sitemap(self, value: bool) -> None:
        self.handler.rewrite_sitemap = value

    def url(self, path: str) -> str:
        return self.base + path

    def close(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)
