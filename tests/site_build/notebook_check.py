"""Run a notebook of the site on a fresh kernel and compare what its cells print with what the page says.

Test-only code. A cell made from a ``pycon`` session stores, as its outputs, what the page
says the session prints (`dlnotes.site_build.notebooks`). After a run, what the cell
printed (its stdout and the values it displayed) must match that as the doctests compare:
`doctest.OutputChecker` with ELLIPSIS and NORMALIZE_WHITESPACE. An expected exception
must be raised, its type and message matching likewise. Each problem names the page, the
line of the cell's first code line and the line of its block's fence.
"""

from __future__ import annotations

import copy
import doctest
import os
from pathlib import Path

from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
from nbformat import NotebookNode

from dlnotes.site_build.fence_kinds import DOCTEST_FLAGS

KERNEL = "python3"  # ipykernel's own spec: jupyter_client runs it with this interpreter, sys.executable


def where(cell: NotebookNode) -> str:
    origin = cell.metadata.get("dlnotes", {})
    return f"{origin.get('source', '?')} (the {origin.get('kind', '?')} block at {origin.get('block', '?')})"


def execute(
    notebook: NotebookNode, workdir: Path, timeout: int = 900, kernel: str = KERNEL
) -> tuple[NotebookNode, str | None]:
    """A run of a copy of ``notebook`` on a fresh kernel in ``workdir``, and the unexpected error that stopped it, if one did."""
    ran = copy.deepcopy(notebook)
    environment = {**os.environ, "IPYTHONDIR": str(workdir / ".ipython"), "MPLBACKEND": "Agg", "PYTHONPATH": ""}
    client = NotebookClient(
        ran, timeout=timeout, startup_timeout=120, kernel_name=kernel, resources={"metadata": {"path": str(workdir)}}
    )
    try:
        client.execute(env=environment)
    except CellExecutionError as error:
        failed = next(
            (
                cell
                for cell in ran.cells
                if cell.cell_type == "code"
                and any(output.output_type == "error" for output in cell.get("outputs", []))
                and "raises-exception" not in cell.metadata.get("tags", [])
            ),
            None,
        )
        return ran, f"{where(failed) if failed is not None else 'a cell'} raised:\n{error}"
    return ran, None


def printed(outputs: list[NotebookNode]) -> tuple[str, tuple[str, str] | None]:
    """What outputs show as a session would print it (stdout, then each displayed value's repr), and the error raised."""
    text, error = "", None
    for output in outputs:
        if output.output_type == "stream" and output.name == "stdout":
            text += output.text
        elif output.output_type == "execute_result":
            text += output.data.get("text/plain", "") + "\n"
        elif output.output_type == "error":
            error = (output.ename, output.evalue)
    return text, error


def _exception_line(error: tuple[str, str]) -> str:
    name, value = error
    name = name.rsplit(".", 1)[-1]  # IPython reports the bare class name; a page may qualify it
    return f"{name}: {value}\n" if value else f"{name}\n"


def problems(expected: NotebookNode, ran: NotebookNode) -> list[str]:
    """Where the cells of ``ran`` made from sessions printed other than what ``expected`` (the unrun notebook) stores."""
    checker, found = doctest.OutputChecker(), []
    for before, after in zip(expected.cells, ran.cells, strict=True):
        if before.cell_type != "code" or before.metadata.get("dlnotes", {}).get("kind") != "session":
            continue
        want, want_error = printed(before.outputs)
        got, got_error = printed(after.outputs)
        if not checker.check_output(want, got, DOCTEST_FLAGS):
            example = doctest.Example(before.source, want)
            found.append(
                f"{where(before)} prints other than the page says:\n"
                + checker.output_difference(example, got, DOCTEST_FLAGS)
            )
        if want_error is not None:
            if got_error is None:
                found.append(f"{where(before)} should raise {_exception_line(want_error).strip()!r} but raised nothing")
            elif not checker.check_output(_exception_line(want_error), _exception_line(got_error), DOCTEST_FLAGS):
                found.append(
                    f"{where(before)} raised {_exception_line(got_error).strip()!r}, "
                    f"the page says {_exception_line(want_error).strip()!r}"
                )
    return found


def check(notebook: NotebookNode, workdir: Path) -> list[str]:
    """Everything wrong with a run of ``notebook``: an unexpected error, or a session that printed otherwise."""
    ran, error = execute(notebook, workdir)
    return ([error] if error else []) + problems(notebook, ran)


def interpreter_of(workdir: Path) -> tuple[str, str]:
    """The Python the notebooks' kernel runs, and where it imports dlnotes from."""
    from nbformat import v4

    probe = v4.new_notebook(
        cells=[v4.new_code_cell("import sys, dlnotes\nprint(sys.executable)\nprint(dlnotes.__file__)")]
    )
    ran, error = execute(probe, workdir)
    assert error is None, error
    text, _ = printed(ran.cells[0].outputs)  # the two lines may come as one stream output or several
    executable, package = text.split()
    return executable, package
