"""Lighthouse on a simulated phone: every page of the site, beside the same Markdown built with MathJax 3.

``python -m benchmarks.lighthouse [--runs 3] [--pages notes/sigmoid/ ...] [--ours-only]``; ``make bench`` runs it.

Lighthouse's mobile preset (a slow 4G network and a 4x slower CPU, both simulated) scores each
page's performance, median of the runs, with the site served gzip-compressed from 127.0.0.1 as
GitHub Pages serves it. In the same run the same Markdown is built with plain Material and
MathJax 3 typesetting in the browser, the recipe most math sites use, and scored the same way.
Lighthouse and MathJax come from ``benchmarks/lighthouse/package.json``, installed here by
``npm ci`` on first use: ``make serve`` and ``make test`` never install them.
"""

from __future__ import annotations

import argparse
import functools
import gzip
import http.server
import io
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from mkdocs.utils import yaml_load

from benchmarks.site import COMPRESSIBLE, ROOT, Row, environment, plain_config
from dlnotes.site_build.chromium import find_chromium

TOOLS = ROOT / "benchmarks" / "lighthouse"
LIGHTHOUSE = TOOLS / "node_modules" / "lighthouse" / "cli" / "index.js"
MATHJAX = TOOLS / "node_modules" / "mathjax" / "es5" / "tex-mml-chtml.js"
GOALS = {"score": 90, "tbt": 200.0, "cls": 0.05}
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --no-first-run --disable-background-networking --disable-sync"


@dataclass(frozen=True)
class Score:
    """The median of a page's Lighthouse runs."""

    score: int
    tbt: float  # total blocking time, ms
    cls: float  # cumulative layout shift
    lcp: float  # largest contentful paint, ms
    elements: int  # DOM elements
    transferred: int  # bytes over the network, compressed

    def meets_goals(self) -> bool:
        return self.score >= GOALS["score"] and self.tbt <= GOALS["tbt"] and self.cls <= GOALS["cls"]


def install_tools() -> None:
    """Lighthouse and MathJax, from the lock beside them, the first time only."""
    if not (LIGHTHOUSE.is_file() and MATHJAX.is_file()):
        subprocess.run(["npm", "ci", "--no-audit", "--no-fund", "--loglevel=error"], cwd=TOOLS, check=True)


class _GzipHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files as GitHub Pages does: text gzip-compressed when the browser accepts it."""

    def log_message(self, format: str, *args: object) -> None:
        pass

    def send_head(self):  # http.server calls it; it returns a file-like object or None
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            path = path / "index.html"
        if (
            path.suffix not in COMPRESSIBLE
            or "gzip" not in self.headers.get("Accept-Encoding", "")
            or not path.is_file()
        ):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), mtime=0)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextmanager
def gzip_server(site: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_GzipHandler, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()


def lighthouse(url: str, chromium: str, work: Path) -> dict:
    report = work / "report.json"
    subprocess.run(
        [
            "node",
            str(LIGHTHOUSE),
            url,
            "--only-categories=performance",
            "--output=json",
            f"--output-path={report}",
            "--quiet",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env=environment(CHROME_PATH=chromium),
        check=True,
        capture_output=True,
    )
    return json.loads(report.read_text(encoding="utf-8"))


def score(url: str, chromium: str, runs: int, work: Path) -> Score:
    reports = [lighthouse(url, chromium, work) for _ in range(runs)]
    audits = [report["audits"] for report in reports]

    def median(values: list[float]) -> float:
        return statistics.median(values)

    return Score(
        score=round(100 * median([report["categories"]["performance"]["score"] for report in reports])),
        tbt=median([a["total-blocking-time"]["numericValue"] for a in audits]),
        cls=median([a["cumulative-layout-shift"]["numericValue"] for a in audits]),
        lcp=median([a["largest-contentful-paint"]["numericValue"] for a in audits]),
        elements=round(median([a["dom-size"]["numericValue"] for a in audits])),
        transferred=round(median([a["total-byte-weight"]["numericValue"] for a in audits])),
    )


def mathjax_config(work: Path) -> Path:
    """The site's Markdown with plain Material, math left to MathJax 3 in the browser (arithmatex, generic).

    The API pages are kept, rendered by mkdocstrings as the site renders them, their docstrings' math
    left to MathJax too.
    """
    config_file = plain_config(work)
    config = json.loads(config_file.read_text(encoding="utf-8"))
    ours = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    shutil.copytree(ROOT / "docs" / "reference", work / "docs" / "reference")
    config["nav"] = ours["nav"]
    mkdocstrings = next(
        plugin["mkdocstrings"] for plugin in ours["plugins"] if isinstance(plugin, dict) and "mkdocstrings" in plugin
    )
    mkdocstrings["handlers"]["python"]["paths"] = [str(ROOT)]  # the package, not the copy's folder
    config["plugins"] = ["search", "autorefs", {"mkdocstrings": mkdocstrings}]
    config["markdown_extensions"] = [
        extension
        for extension in config["markdown_extensions"]
        if not str(next(iter(extension)) if isinstance(extension, dict) else extension).startswith("dlnotes")
    ] + [{"pymdownx.arithmatex": {"generic": True}}]
    javascripts = work / "docs" / "javascripts"
    javascripts.mkdir(parents=True, exist_ok=True)
    (javascripts / "mathjax-config.js").write_text(
        "window.MathJax = {tex: {inlineMath: [['\\\\(', '\\\\)']], displayMath: [['\\\\[', '\\\\]']],"
        " processEscapes: true, processEnvironments: true},"
        " options: {ignoreHtmlClass: '.*|', processHtmlClass: 'arithmatex'}};\n",
        encoding="utf-8",
    )
    shutil.copy2(MATHJAX, javascripts / "tex-mml-chtml.js")
    config["extra_javascript"] = ["javascripts/mathjax-config.js", "javascripts/tex-mml-chtml.js"]
    config_file.write_text(json.dumps(config), encoding="utf-8")
    return config_file


def build(config: Path, site: Path) -> None:
    subprocess.run(
        [
            str(ROOT / ".venv" / "bin" / "mkdocs"),
            "build",
            "--quiet",
            "--config-file",
            str(config),
            "--site-dir",
            str(site),
        ],
        env=environment(),
        check=True,
        capture_output=True,
    )


def pages_of(site: Path) -> list[str]:
    from tests.site_build.browser.server import page_paths

    return page_paths(site)


def compare(runs: int, only: list[str] | None, ours_only: bool) -> tuple[dict[str, Score], dict[str, Score]]:
    chromium, reason = find_chromium()
    if chromium is None:
        raise RuntimeError(f"Lighthouse needs Chromium: {reason}")
    install_tools()
    ours: dict[str, Score] = {}
    theirs: dict[str, Score] = {}
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        build(ROOT / "mkdocs.yml", work / "ours")
        if not ours_only:
            build(mathjax_config(work / "mathjax"), work / "theirs")
        for name, site, scores in (("ours", work / "ours", ours), ("theirs", work / "theirs", theirs)):
            if not site.is_dir():
                continue
            with gzip_server(site) as base:
                for path in only or pages_of(site):
                    if (site / path / "index.html").is_file() and path != "404.html":
                        scores[path] = score(base + path, chromium, runs, work)
                        print(f"{name:6} {path or 'home':32} {scores[path]}", file=sys.stderr)
    return ours, theirs


def rows(ours: dict[str, Score], theirs: dict[str, Score]) -> list[Row]:
    """One row per page of ours; when the MathJax build was scored (not --ours-only), a page meets the goals
    only if its blocking time is also below that build's for the same page."""
    result = []
    for path, mine in ours.items():
        other = theirs.get(path)
        versus = (
            f"; Material + MathJax 3: {other.score} (TBT {other.tbt:.0f} ms, {other.transferred / 1024:.0f} KiB), "
            f"blocking time {other.tbt / max(mine.tbt, 1):.1f}x ours"
            if other
            else "; no Material + MathJax 3 build of this page"
            if theirs
            else ""
        )
        below = not theirs or (other is not None and mine.tbt < other.tbt)
        result.append(
            Row(
                f"Lighthouse mobile, {path or 'home'}",
                f"{mine.score} (TBT {mine.tbt:.0f} ms, CLS {mine.cls:.3f}, LCP {mine.lcp / 1000:.1f} s, "
                f"{mine.elements} elements, {mine.transferred / 1024:.0f} KiB){versus}",
                mine.meets_goals() and below,
                f">= {GOALS['score']}, TBT <= {GOALS['tbt']:.0f} ms and below the MathJax build's, CLS <= {GOALS['cls']}",
            )
        )
    return result


def main(argv: list[str] | None = None) -> list[Row]:
    parser = argparse.ArgumentParser(prog="python -m benchmarks.lighthouse", description=__doc__)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--pages", nargs="*", help="addresses such as notes/sigmoid/ ('' is home); default: all")
    parser.add_argument("--ours-only", action="store_true", help="skip the MathJax build")
    options = parser.parse_args(argv)
    return rows(*compare(options.runs, options.pages, options.ours_only))


if __name__ == "__main__":
    for row in main(sys.argv[1:]):
        print(f"{'PASS' if row.ok else 'MISS'}  {row.what}: {row.measured} (goal {row.goal})")
