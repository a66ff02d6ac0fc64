"""The budgets a reader and a writer of the site feel, measured as medians of repeated runs.

- ``make build`` from an empty cache (cold) and from a full one (warm), each also as a ratio
  to a plain Material build of the same Markdown, with no math rendering, figures or API
  pages (a throwaway configuration written here), timed in the same rounds;
- ``make serve``: seconds from saving a prose edit to the served page holding it, and how
  many figures that rebuild rendered; then that a docstring edit is served too, and when;
- per page, loaded in Chromium: bytes transferred gzip-compressed, the HTML and its figures,
  and everything the page loads (CSS, JavaScript, fonts, search index);
- the site ships woff2 fonts only and no source maps;
- checking every display equation of the pages, as the tests do (at most 20 s);
- the test suite's time, browser tests apart, as the last full ``make test`` recorded it.
"""

from __future__ import annotations

import gzip
import json
import os
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from xml.etree import ElementTree

from mkdocs.utils import yaml_load

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
SUITE_TIMES = ROOT / ".benchmarks" / "test-suite.xml"  # pytest's JUnit report, written by make test
# What a server compresses: text. woff2 and PNG are compressed already.
COMPRESSIBLE = {".html", ".css", ".js", ".json", ".xml", ".svg", ".txt"}


@dataclass
class Row:
    what: str
    measured: str
    ok: bool | None  # None: reported, with no goal
    goal: str = ""


def environment(**extra: str) -> dict[str, str]:
    return {**os.environ, "NO_MKDOCS_2_WARNING": "1", **extra}


def timed(args: list[str], cwd: Path, **env: str) -> float:
    start = time.perf_counter()
    done = subprocess.run(args, cwd=cwd, env=environment(**env), capture_output=True, text=True)
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stdout}{done.stderr}")
    return seconds


def plain_config(work: Path) -> Path:
    """The site's Markdown under plain Material: no math rendering, figures, source includes or API pages."""
    config = yaml_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    shutil.copytree(ROOT / "docs", work / "docs")
    shutil.rmtree(work / "docs" / "reference")

    def keep(entry: object) -> bool:
        return not (isinstance(entry, dict) and any(str(value).startswith("reference/") for value in entry.values()))

    def prune(nav: list) -> list:
        pruned = []
        for entry in nav:
            kept = entry
            if isinstance(entry, dict):
                kept = {key: prune(value) if isinstance(value, list) else value for key, value in entry.items()}
            if keep(kept):
                pruned.append(kept)
        return pruned

    config["nav"] = prune(config["nav"])
    config["plugins"] = ["search"]
    config["markdown_extensions"] = [
        extension
        for extension in config["markdown_extensions"]
        # The project's extensions are registered as dlnotes_math, dlnotes_figures, ...: none of them here.
        if not str(next(iter(extension)) if isinstance(extension, dict) else extension).startswith("dlnotes")
    ]
    config["extra_css"] = [css for css in config.get("extra_css", []) if "katex" not in css]
    config["theme"].pop("custom_dir", None)
    config["strict"] = False  # pages still link the API page and use [[figure: ...]] as text
    config.pop("validation", None)
    path = work / "mkdocs.yml"
    path.write_text(json.dumps(config), encoding="utf-8")  # JSON is YAML
    return path


def build_times(rounds: int) -> list[Row]:
    make = shutil.which("make") or "make"
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        config = plain_config(work / "plain")
        warm_cache = work / "warm-cache"
        cold, warm, plain = [], [], []
        for round_number in range(rounds):
            # Cold: an empty cache, so every formula goes to KaTeX and every figure is drawn.
            cache = warm_cache if round_number == 0 else work / f"cold-cache-{round_number}"
            cold.append(timed([make, "-s", "build"], ROOT, DLNOTES_CACHE_DIR=str(cache)))
            warm.append(timed([make, "-s", "build"], ROOT, DLNOTES_CACHE_DIR=str(warm_cache)))
            plain.append(
                timed(
                    [
                        str(BIN / "mkdocs"),
                        "build",
                        "--clean",
                        "-q",
                        "-f",
                        str(config),
                        "--site-dir",
                        str(work / "plain-site"),
                    ],
                    ROOT,
                )
            )
    medians = {name: statistics.median(times) for name, times in (("cold", cold), ("warm", warm), ("plain", plain))}
    return [
        Row(
            "make build, cold (empty .cache)",
            f"{medians['cold']:.1f} s, {medians['cold'] / medians['plain']:.1f}x "
            f"a plain Material build of the same Markdown ({medians['plain']:.1f} s)",
            None,
        ),
        Row(
            "make build, warm",
            f"{medians['warm']:.1f} s, {medians['warm'] / medians['plain']:.1f}x the plain build",
            None,
        ),
    ]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


DOCSTRING_MODULE = Path("dlnotes") / "activations.py"  # its module docstring opens the API page's first block


def serve_latency(edits: int) -> list[Row]:
    """Seconds from saving an edit to `make serve` serving it, on a copy of the project.

    The server is what ``make serve`` runs (`dlnotes.site_build.serve`), on a copy holding
    the package too (imported from there, as PYTHONPATH puts it first), so that the last
    edit, to a docstring, changes only the copy. Prose edits come first: after a change to
    the package the server draws figures in a fresh process, which a prose edit never needs.
    """
    with tempfile.TemporaryDirectory() as temporary:
        work = Path(temporary)
        for name in ("docs", "overrides", "dlnotes"):
            shutil.copytree(ROOT / name, work / name, ignore=shutil.ignore_patterns("__pycache__"))
        for name in ("mkdocs.yml", "pyproject.toml", "README.md", "LICENSE"):  # the wheel the notebooks install
            shutil.copy2(ROOT / name, work / name)
        (work / "node_modules").symlink_to(ROOT / "node_modules")  # KaTeX, found beside mkdocs.yml
        # A copy of the project's cache: warm, and what the docstring edit draws is thrown away with it.
        cache = work / "cache"
        if (ROOT / ".cache" / "dlnotes").is_dir():
            shutil.copytree(ROOT / ".cache" / "dlnotes", cache)
        port = free_port()
        log: list[str] = []
        server = subprocess.Popen(
            [sys.executable, "-m", "dlnotes.site_build.serve", "--port", str(port)],
            cwd=work,
            env=environment(PYTHONPATH=str(work), DLNOTES_CACHE_DIR=str(cache)),
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        output = server.stdout
        assert output is not None  # stdout=PIPE
        reader = threading.Thread(target=lambda: log.extend(iter(output.readline, "")), daemon=True)
        reader.start()
        try:
            url = f"http://127.0.0.1:{port}/"
            wait_for(lambda: "Serving on" in "".join(log), 300, "make serve did not start:\n" + "".join(log))
            wait_for(lambda: fetch(url) is not None, 60, "make serve serves nothing")
            page = work / "docs" / "index.md"
            original = page.read_text(encoding="utf-8")
            seconds, figures = [], []
            for number in range(edits):
                token = f"Benchmark edit {number} {time.time_ns()}"
                logged = len(log)
                page.write_text(original + f"\n{token}\n", encoding="utf-8")
                start = time.perf_counter()
                wait_for(lambda token=token: token in (fetch(url) or ""), 120, f"edit {number} never served")
                seconds.append(time.perf_counter() - start)
                time.sleep(1.0)  # let the rebuild log its figures line
                rendered = [line for line in log[logged:] if "dlnotes figures: rendered" in line]
                figures.append(int(rendered[-1].split("rendered ")[1].split(",")[0]) if rendered else -1)
            module = work / DOCSTRING_MODULE
            token = f"Benchmark docstring edit {time.time_ns()}."
            text = module.read_text(encoding="utf-8")
            opening = 'r"""' if text.startswith('r"""') else '"""'
            if not text.startswith(opening):
                raise RuntimeError(f"{DOCSTRING_MODULE} does not open with its docstring")
            module.write_text(f"{opening}{token} {text[len(opening) :]}", encoding="utf-8")
            logged = len(log)
            start = time.perf_counter()
            api = f"{url}reference/api/"
            wait_for(lambda: token in (fetch(api) or ""), 300, "the docstring edit was never served")
            docstring_seconds = time.perf_counter() - start
            drawn = [line for line in log[logged:] if "dlnotes figures: rendered" in line]
            docstring_figures = drawn[-1].split("dlnotes figures: ", 1)[1].strip() if drawn else "no figures line"
        finally:
            server.terminate()
            try:
                server.wait(timeout=20)
            except subprocess.TimeoutExpired:
                server.kill()
    median = statistics.median(seconds)
    return [
        Row(
            "make serve: a saved prose edit served",
            f"{median:.1f} s (median of {edits}; each: {', '.join(f'{s:.1f}' for s in seconds)}), "
            f"figures rendered by each rebuild: {figures}",
            median <= 2 and all(count == 0 for count in figures),
            "<= 2 s, 0 figures",
        ),
        Row(
            "make serve: a saved docstring edit served",
            f"{docstring_seconds:.1f} s (the API page rendered again; figures: {docstring_figures})",
            True,  # wait_for raised if it was never served
            "served",
        ),
    ]


def wait_for(condition, seconds: float, message: str) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.05)
    raise RuntimeError(message)


def fetch(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8", "replace")
    except OSError:
        return None


def gzipped(body: bytes, suffix: str) -> int:
    """Bytes on the wire from a server that gzips text (level 6, as nginx and GitHub Pages do)."""
    return len(gzip.compress(body, 6)) if suffix in COMPRESSIBLE else len(body)


def served_file(site: Path, base: str, url: str) -> Path | None:
    """The file of the built site that answered a request for url."""
    if not url.startswith(base):
        return None
    path = site / url[len(base) :].split("#")[0].split("?")[0]
    path = path / "index.html" if path.is_dir() else path
    return path if path.is_file() else None


def page_weights() -> list[Row]:
    """Each page loaded in Chromium at 1280 px, light palette, scrolled through: what it transfers."""
    from playwright.sync_api import sync_playwright

    from dlnotes.site_build.chromium import find_chromium
    from tests.site_build.browser.checks import settle
    from tests.site_build.browser.server import SiteServer, page_paths

    chromium, reason = find_chromium()
    if chromium is None:
        return [Row("page weight", f"not measured: {reason}", None)]
    with tempfile.TemporaryDirectory() as temporary:
        site = Path(temporary) / "site"
        timed([str(BIN / "mkdocs"), "build", "--strict", "-q", "--site-dir", str(site)], ROOT)
        server = SiteServer(site)
        weights = {}
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=chromium)
                context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="light")
                for path in page_paths(site):
                    responses: list = []

                    def record(response, responses=responses) -> None:
                        responses.append((response.url, response.request.resource_type, response.ok))

                    context.on("response", record)  # the context's: it hears the search worker too
                    page = context.new_page()
                    page.goto(server.url(path), wait_until="load")
                    settle(page)
                    page.wait_for_load_state("networkidle")
                    page.close()
                    context.remove_listener("response", record)
                    main, figures, everything = 0, 0, 0
                    for url, kind, ok in responses:
                        file = served_file(site, server.base, url)
                        size = gzipped(file.read_bytes(), file.suffix) if ok and file is not None else 0
                        everything += size
                        if kind == "document":
                            main += size
                        elif kind == "image" and "/figures/" in url:
                            figures += size
                    weights[path or "home"] = (main + figures, everything)
                browser.close()
        finally:
            server.close()
    heaviest = max(weights, key=lambda name: weights[name][0])
    heaviest_all = max(weights, key=lambda name: weights[name][1])
    rows = [
        Row(
            "heaviest page, HTML + figures, gzip",
            f"{weights[heaviest][0] / 1024:.0f} KB ({heaviest})",
            weights[heaviest][0] <= 300 * 1024,
            "<= 300 KB",
        ),
        Row(
            "heaviest page, everything it loads, gzip",
            f"{weights[heaviest_all][1] / 1024:.0f} KB ({heaviest_all})",
            weights[heaviest_all][1] <= 1024 * 1024,
            "<= 1 MB",
        ),
    ]
    rows += [
        Row(f"  {name}", f"HTML + figures {main / 1024:.0f} KB, everything {total / 1024:.0f} KB", None)
        for name, (main, total) in sorted(weights.items())
    ]
    return rows


def shipped_files() -> list[Row]:
    site = ROOT / "site"  # left by the build rounds above
    files = [path.relative_to(site).as_posix() for path in site.rglob("*") if path.is_file()]
    fonts = sorted(
        {path.rsplit(".", 1)[-1] for path in files if path.endswith((".woff2", ".woff", ".ttf", ".otf", ".eot"))}
    )
    maps = [path for path in files if path.endswith(".map")]
    return [
        Row("font formats shipped", ", ".join(fonts), fonts == ["woff2"], "woff2 only"),
        Row("source maps shipped", str(len(maps)), not maps, "none"),
    ]


def suite_times() -> list[Row]:
    if not SUITE_TIMES.is_file():
        return [Row("test suite", "not recorded yet: run make test", None)]
    suite = ElementTree.parse(SUITE_TIMES).getroot().find("testsuite")
    assert suite is not None, f"{SUITE_TIMES} holds no testsuite"
    browser = sum(
        float(case.get("time", 0))
        for case in suite.iter("testcase")
        if case.get("classname", "").startswith("tests.site_build.browser.")
    )
    # Under pytest-xdist the tests' own times add up over the workers: more than the wall time.
    summed = sum(float(case.get("time", 0)) for case in suite.iter("testcase"))
    whole = float(suite.get("time", 0))
    failed = int(suite.get("failures", 0)) + int(suite.get("errors", 0))
    return [
        Row(
            "test suite (last make test)",
            f"{whole:.0f} s wall; the tests' own times add up to {summed:.0f} s over the workers, "
            f"{browser:.0f} s of it in the browser tests "
            f"({suite.get('tests')} tests, {failed} failed, {suite.get('timestamp', '')[:16]})",
            None,
        )
    ]


def equation_checks(rounds: int = 3) -> list[Row]:
    """What checking every display equation of the pages adds to ``make test`` (as the sybil examples do)."""
    from dlnotes.site_build.equations.check import check, uses_network
    from dlnotes.site_build.equations.note import read_note
    from dlnotes.site_build.page import DisplayMath, read_page

    def run_all() -> int:
        count = 0
        for path in sorted((ROOT / "docs").rglob("*.md")):
            text = path.read_text(encoding="utf-8")
            for item in read_page(text):
                note = read_note(item.annotation) if isinstance(item, DisplayMath) else None
                if isinstance(item, DisplayMath) and note is not None and note.state != "skipped":
                    check(f"{path}:{item.start}", item.tex, note, item.beside.target if item.beside else None,
                          uses_network(text))  # fmt: skip
                    count += 1
        return count

    times, count = [], 0
    for _ in range(rounds):
        start = time.perf_counter()
        count = run_all()
        times.append(time.perf_counter() - start)
    seconds = statistics.median(times)
    return [Row(f"checking the pages' {count} display equations", f"{seconds:.2f} s", seconds <= 20, "<= 20 s")]


def main(rounds: int = 3, edits: int = 5) -> list[Row]:
    return (
        build_times(rounds)
        + shipped_files()
        + serve_latency(edits)
        + page_weights()
        + equation_checks(rounds)
        + suite_times()
    )
