"""Render TeX to KaTeX HTML, with its spoken form, through one long-lived Node process.

The worker (``katex_worker.js``) is started on first use and serves every formula of
the process: a whole ``mkdocs build``, or every rebuild of ``mkdocs serve``. Each page's
formulas go over as one batch. Results are cached by (KaTeX version, display mode,
TeX) in memory and on disk (under the project root: see `dlnotes/_project.py`), so a
rebuild after a prose edit sends nothing to Node.
KaTeX itself comes from the ``katex`` npm package that ``npm ci`` pins; the spoken form
(MathSpeak, what a screen reader says) from the ``speech-rule-engine`` package, the engine
MathJax uses, reading the MathML that KaTeX writes.
"""

from __future__ import annotations

import atexit
import hashlib
import json
import os
import re
import shutil
import subprocess
import threading
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path

from dlnotes._files import write_cache_file
from dlnotes._project import cache_root

WORKER = Path(__file__).with_name("katex_worker.js")
# Bump when the worker's KaTeX options change, so cached HTML made with the old ones is ignored.
OPTIONS_VERSION = "2"


class KatexSetupError(RuntimeError):
    """Node or the katex package is missing, or the worker died."""


@dataclass(frozen=True)
class Formula:
    """One formula to render: its TeX source and whether it is display math."""

    tex: str
    display: bool


@dataclass(frozen=True)
class Rendered:
    """The outcome for one formula: ``html`` (KaTeX's HTML and MathML) and ``speech`` (the formula
    spoken) on success, else ``error`` (KaTeX's message)."""

    html: str | None = None
    speech: str | None = None
    error: str | None = None


def find_root(start: Path | None = None) -> Path:
    """The folder holding ``node_modules/katex``: the nearest at or above ``start`` (the current folder), else
    the checkout this package runs from."""
    start = (start or Path.cwd()).resolve()
    for folder in (start, *start.parents):
        if (folder / "node_modules" / "katex" / "package.json").is_file():
            return folder
    return Path(__file__).resolve().parents[2]


def katex_dist(root: Path) -> Path:
    """The installed ``katex/dist`` folder (CSS and fonts) under ``root``, or a KatexSetupError saying how to get it."""
    dist = root / "node_modules" / "katex" / "dist"
    if not (dist / "katex.min.css").is_file():
        raise KatexSetupError(f"KaTeX is not installed (no {dist / 'katex.min.css'}): run `npm ci` in the project root")
    return dist


def woff2_only(css: str) -> str:
    """KaTeX's CSS with each font reduced to its woff2 file, the one format every browser the site supports reads.

    KaTeX lists woff2, then woff and ttf as fallbacks for browsers older than 2016; a site
    that ships only the woff2 files must not name the others.

    >>> woff2_only('src:url(fonts/A.woff2) format("woff2"),url(fonts/A.woff) format("woff"),'
    ...            'url(fonts/A.ttf) format("truetype")}')
    'src:url(fonts/A.woff2) format("woff2")}'
    """
    return re.sub(r',\s*url\([^)]*\.(?:woff|ttf)\)\s*format\("(?:woff|truetype)"\)', "", css)


def default_cache_dir() -> Path:
    """``$DLNOTES_CACHE_DIR/katex``, else ``.cache/dlnotes/katex`` in the checkout; a site build passes its own."""
    return cache_root() / "katex"


class KatexRenderer:
    """Batches formulas to one Node worker, caching every result."""

    def __init__(self, cache_dir: Path | None = None, root: Path | None = None) -> None:
        self.cache_dir = cache_dir if cache_dir is not None else default_cache_dir()
        self.root = root if root is not None else find_root()
        self._memory: dict[str, Rendered] = {}
        self._process: subprocess.Popen[str] | None = None
        self._version: str | None = None
        self._lock = threading.Lock()
        #: How many formulas were sent to Node (a test reads it to prove the cache works).
        self.rendered_count = 0

    # -- the worker -------------------------------------------------------------------
    def _start(self) -> subprocess.Popen[str]:
        if self._process is not None and self._process.poll() is None:
            return self._process
        node = shutil.which("node")
        if node is None:
            raise KatexSetupError("Node.js is not on PATH: install Node >= 18 to render the site's math")
        dist = katex_dist(self.root)
        env = {**os.environ, "DLNOTES_KATEX_ROOT": str(dist.parents[2])}
        self._process = subprocess.Popen(
            [node, str(WORKER)],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
            env=env,
        )
        hello = self._process.stdout.readline() if self._process.stdout else ""
        if not hello:
            raise KatexSetupError(f"the KaTeX worker did not start: {self._stderr()}")
        if json.loads(hello)["katex"] != self.version:
            raise KatexSetupError(f"Node loaded KaTeX {json.loads(hello)['katex']}, package.json says {self.version}")
        return self._process

    def _stderr(self) -> str:
        if self._process is None or self._process.stderr is None:
            return ""
        self._process.kill()
        return self._process.stderr.read().strip()

    @property
    def version(self) -> str:
        """The installed KaTeX version, read from its package.json so a fully cached build never starts Node."""
        if self._version is None:
            package = katex_dist(self.root).parent / "package.json"
            self._version = json.loads(package.read_text(encoding="utf-8"))["version"]
        return self._version

    def use(self, root: Path | None, cache_dir: Path | None) -> None:
        """Render with the KaTeX under ``root`` and cache in ``cache_dir`` from now on (None keeps the current)."""
        if root is not None and root != self.root:
            self.close()  # the next render starts a worker from the new root
            self.root, self._version = root, None
        if cache_dir is not None:
            self.cache_dir = cache_dir

    def close(self) -> None:
        """Stop the worker; the next render starts a new one."""
        if self._process is not None:
            if self._process.stdin:
                self._process.stdin.close()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
            for stream in (self._process.stdout, self._process.stderr):
                if stream:
                    stream.close()
            self._process = None

    # -- the cache --------------------------------------------------------------------
    def _key(self, formula: Formula) -> str:
        text = "\0".join((OPTIONS_VERSION, self.version, "display" if formula.display else "inline", formula.tex))
        return hashlib.sha256(text.encode()).hexdigest()

    def _read_disk(self, key: str) -> Rendered | None:
        path = self.cache_dir / key[:2] / f"{key}.json"
        try:
            cached = json.loads(path.read_text(encoding="utf-8"))
            return Rendered(html=cached["html"], speech=cached["speech"])
        except (OSError, ValueError, KeyError, TypeError):
            return None  # missing or unreadable: render again

    def _write_disk(self, key: str, result: Rendered) -> None:
        # A read-only disk must not break the build: the cache only saves time.
        text = json.dumps({"html": result.html, "speech": result.speech}, ensure_ascii=False)
        write_cache_file(self.cache_dir / key[:2] / f"{key}.json", text.encode("utf-8"))

    # -- rendering --------------------------------------------------------------------
    def render(self, formulas: Sequence[Formula]) -> list[Rendered]:
        """Render formulas in order; errors come back as values, never raised."""
        keys = [self._key(f) for f in formulas]
        todo: dict[str, Formula] = {}
        for key, formula in zip(keys, formulas, strict=True):
            if key in self._memory or key in todo:
                continue
            cached = self._read_disk(key)
            if cached is not None:
                self._memory[key] = cached
            else:
                todo[key] = formula
        if todo:
            for key, result in zip(todo, self._send(list(todo.values())), strict=True):
                self._memory[key] = result
                if result.html is not None:
                    self._write_disk(key, result)
        return [self._memory[key] for key in keys]

    def _send(self, batch: list[Formula]) -> list[Rendered]:
        with self._lock:
            process = self._start()
            assert process.stdin is not None
            assert process.stdout is not None
            try:
                process.stdin.write(json.dumps([{"tex": f.tex, "display": f.display} for f in batch]) + "\n")
                process.stdin.flush()
                answer = process.stdout.readline()
            except (BrokenPipeError, OSError) as error:
                raise KatexSetupError(f"the KaTeX worker died: {error}: {self._stderr()}") from None
            if not answer:
                raise KatexSetupError(f"the KaTeX worker died: {self._stderr()}")
            self.rendered_count += len(batch)
            return [
                Rendered(html=item.get("html"), speech=item.get("speech"), error=item.get("error"))
                for item in json.loads(answer)
            ]


_shared: KatexRenderer | None = None


def shared_renderer() -> KatexRenderer:
    """The process-wide renderer, so every page of every rebuild uses one worker and one cache."""
    global _shared
    if _shared is None:
        _shared = KatexRenderer()
        atexit.register(_shared.close)
    return _shared


def render_all(formulas: Iterable[Formula], root: Path | None = None, cache_dir: Path | None = None) -> list[Rendered]:
    """Render with the shared renderer, using the KaTeX under ``root`` and caching in ``cache_dir`` when given."""
    renderer = shared_renderer()
    renderer.use(root, cache_dir)
    return renderer.render(list(formulas))
