r"""Turn every fenced block of a Markdown page into a sybil example, or fail loudly.

Test-collection code: the root ``conftest.py`` is its only user, and sybil is a test
dependency only, so it lives with the tests rather than in the package. The rules it
applies are ``dlnotes/site_build/fence_kinds.py``'s, which the notebook converter shares.

sybil's stock Markdown parsers match a fence's info string exactly, so
```` ```pycon ````, ```` ```python title="x.py" ```` and ```` ```python hl_lines="2" ````
would be silently ignored, a ``--8<--`` snippet include would run as a literal line,
and a ``python`` fence is a doctest only by accident of its first characters. This
parser reads the first word of the info string as the language and then:

- ``pycon``: the block is a doctest session (prompts and expected output);
- ``python`` / ``py``: a doctest if it starts with ``>>>``, else a script run as is;
- anything else (``bash``, ``text``, ``yaml``...): it must be marked display-only with a
  reason, in an HTML comment on the line just before the fence::

      <!-- display-only: shell commands for the reader's terminal -->

  An unmarked one becomes an example that fails, naming the file, the line and the
  marker to add. So no block is ever skipped without a reason written beside it.

``--8<-- "path"`` lines inside a fence (pymdownx.snippets) are replaced by the file they
name, as the build does, before the block runs; ``"path:start:end"`` takes lines
start to end. A missing file fails the example.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from sybil import Document, Example, Region
from sybil.evaluators.doctest import DocTestEvaluator
from sybil.evaluators.python import PythonEvaluator
from sybil.parsers.abstract.doctest import DocTestStringParser
from sybil.region import Lexeme

from dlnotes.site_build.fence_kinds import DOCTEST_FLAGS, SCRIPT, SESSION, FenceError, classify, expand_snippets
from dlnotes.site_build.page import Fence, iter_fences


def _fail(message: str) -> Callable[[Example], None]:
    def evaluate(example: Example) -> None:
        raise FenceError(f"{example.path}, line {example.line}: {message}")

    return evaluate


class FencedBlockParser:
    """A sybil parser for every fenced block of a Markdown document.

    Parameters
    ----------
    snippet_base_paths : sequence of path-like
        Where ``--8<--`` targets are looked up, like pymdownx.snippets' ``base_path``.
    """

    def __init__(self, snippet_base_paths: Sequence[str | Path] = (".",)) -> None:
        self.base_paths = [Path(p).resolve() for p in snippet_base_paths]
        self.doctests = DocTestStringParser(DocTestEvaluator(DOCTEST_FLAGS))
        self.python = PythonEvaluator()

    @staticmethod
    def regions(document: Document) -> Iterable[tuple[Fence, Region]]:
        """Each fence of the document (as `dlnotes.site_build.page.iter_fences` reads it) and its region."""
        starts = [0]
        for line in document.text.splitlines(keepends=True):
            starts.append(starts[-1] + len(line))
        for fence in iter_fences(document.text):
            start, end = starts[fence.start - 1], starts[min(fence.end, len(starts) - 1)]
            body = fence.body + "\n" if fence.body else ""
            offset = starts[min(fence.start, len(starts) - 1)] - start
            yield fence, Region(start, end, lexemes={"source": Lexeme(body, offset=offset, line_offset=0)})

    def __call__(self, document: Document) -> Iterable[Region]:
        for fence, region in self.regions(document):
            language = fence.language
            source: Lexeme = region.lexemes["source"]
            reason = fence.display_only
            if reason is not None:
                if not reason:
                    region.parsed, region.evaluator = source, _fail("display-only needs a reason after the colon")
                    yield region
                continue  # shown to the reader, deliberately not run
            try:
                text = expand_snippets(str(source), self.base_paths)
            except FenceError as error:
                region.parsed, region.evaluator = source, _fail(str(error))
                yield region
                continue
            if text != str(source):
                source = Lexeme(text, offset=source.offset, line_offset=source.line_offset)
            kind = classify(language, text, reason)
            if kind == SESSION:
                found = list(self.doctests(source, document.path))
                if not found:
                    region.parsed, region.evaluator = source, _fail(f"```{language} block has no >>> example to run")
                    yield region
                for doctest_region in found:
                    doctest_region.adjust(region, source)
                    yield doctest_region
            elif kind == SCRIPT:
                region.parsed, region.evaluator = source, self.python
                yield region
            else:
                shown = language or "(no language)"
                region.parsed = source
                region.evaluator = _fail(
                    f"```{shown} fence is neither run (pycon/python) nor marked display-only; "
                    "put <!-- display-only: <why> --> on the line above it"
                )
                yield region
