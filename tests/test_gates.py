"""The gates `make test` runs before pytest: ruff (lint and format) and mypy, configured in pyproject.toml.

Each gate is proven to fail on a finding, using the project's own configuration on a throwaway file;
and every exception to the rules (an ignored rule, a `noqa`, a `type: ignore`) carries its reason.
"""

import re
import shutil
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
PYPROJECT = ROOT / "pyproject.toml"


def tool(name: str) -> str:
    found = shutil.which(name, path=str(BIN))
    assert found, f"{name} is not installed in the virtualenv"
    return found


def make_recipe(target: str) -> list[str]:
    """The commands of a Makefile target, as written."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    match = re.search(rf"^{target}:([^\n]*)\n((?:\t[^\n]*\n)+)", text, re.M)
    assert match, f"the Makefile has no {target} target"
    return [match.group(1).strip(), *(line.strip() for line in match.group(2).splitlines())]


def test_make_test_runs_the_gates_before_the_suite():
    prerequisites, *commands = make_recipe("test")
    assert "lint" in prerequisites.split()
    assert commands == ["$(BIN)/python -m pytest"]
    _, *gates = make_recipe("lint")
    assert gates == ["$(BIN)/ruff check .", "$(BIN)/ruff format --check .", "$(BIN)/mypy"]
    _, *formatting = make_recipe("format")
    assert formatting == ["$(BIN)/ruff check --fix .", "$(BIN)/ruff format ."]


@pytest.fixture
def scratch(tmp_path: Path) -> Path:
    """A folder holding the project's pyproject.toml, so each tool reads the project's rules."""
    shutil.copy(PYPROJECT, tmp_path / "pyproject.toml")
    return tmp_path


def run(command: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=300)


def test_ruff_check_fails_on_a_finding_of_the_chosen_rules(scratch: Path):
    # zip() without strict= (B905) and a wrong type refused with ValueError (TRY004): both chosen on purpose.
    (scratch / "bad.py").write_text(
        "def pairs(a: list[int], b: list[int], x: object) -> list[tuple[int, int]]:\n"
        "    if not isinstance(x, int):\n"
        "        raise ValueError('x must be an int')\n"
        "    return list(zip(a, b))\n",
        encoding="utf-8",
    )
    result = run([tool("ruff"), "check", "--no-cache", "--output-format=concise", "bad.py"], scratch)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "B905" in result.stdout
    assert "TRY004" in result.stdout


def test_ruff_check_lets_the_course_notation_through(scratch: Path):
    (scratch / "notation.py").write_text(
        "import numpy as np\n\n\ndef forward(X: np.ndarray, W1: np.ndarray) -> np.ndarray:\n"
        "    Z1 = W1 @ X\n    return Z1\n",
        encoding="utf-8",
    )
    result = run([tool("ruff"), "check", "--no-cache", "notation.py"], scratch)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_check_fails_on_unformatted_code(scratch: Path):
    (scratch / "ugly.py").write_text("x = [ 1,2 ,3 ]\n", encoding="utf-8")
    result = run([tool("ruff"), "format", "--no-cache", "--check", "ugly.py"], scratch)
    assert result.returncode == 1, result.stdout + result.stderr
    assert "1 file would be reformatted" in result.stdout


def test_mypy_fails_on_a_type_error(scratch: Path):
    (scratch / "typed.py").write_text(
        "def half(x: float) -> float:\n    return x / 2\n\n\nhalf('one')\n", encoding="utf-8"
    )
    # The project's [tool.mypy] names its own files; here only the throwaway one is checked, with the project's rules.
    result = run([tool("mypy"), "--config-file", "pyproject.toml", "--no-incremental", "typed.py"], scratch)
    assert result.returncode == 1, result.stdout + result.stderr
    assert 'Argument 1 to "half" has incompatible type "str"; expected "float"' in result.stdout


def ignore_entries(lines: list[str]) -> list[tuple[int, bool]]:
    """Ruff's `ignore = [...]` entries and its per-file-ignores: (0-based line, whether it may share a comment).

    Files that are let off one rule for one reason (the command-line tools printing) are listed under one comment;
    each globally ignored rule has a comment of its own.
    """
    entries: list[tuple[int, bool]] = []
    section, in_ignore = "", False
    for number, line in enumerate(lines):
        stripped = line.strip()
        if stripped.startswith("["):
            section, in_ignore = stripped, False
        elif section == "[tool.ruff.lint]" and stripped.startswith("ignore = ["):
            in_ignore = True
        elif in_ignore and stripped == "]":
            in_ignore = False
        elif stripped.startswith('"') and in_ignore:
            entries.append((number, False))
        elif stripped.startswith('"') and section == "[tool.ruff.lint.per-file-ignores]":
            entries.append((number, True))
    return entries


def test_every_ignored_rule_has_its_reason_above_it():
    lines = PYPROJECT.read_text(encoding="utf-8").splitlines()
    ruff = tomllib.loads("\n".join(lines))["tool"]["ruff"]["lint"]
    assert {"N803", "N806"} <= set(ruff["ignore"])  # the course's notation (X, W1, dZ2) stays allowed
    entries = ignore_entries(lines)
    # Every ignore is on one of the lines found, so none escapes the check below.
    on_lines = {code for number, _ in entries for code in re.findall(r'"([A-Z]+\d*)"', lines[number])}
    assert on_lines == set(ruff["ignore"]) | {c for codes in ruff["per-file-ignores"].values() for c in codes}
    for number, may_share in entries:
        above = number - 1
        while may_share and lines[above].strip().startswith('"'):
            above -= 1
        assert lines[above].strip().startswith("#"), (
            f"pyproject.toml:{number + 1}: an ignore without its reason above it"
        )


# A noqa names its rule and says why, as in "noqa: BLE001 (reported, not swallowed)".
NOQA = re.compile(r"#\s*noqa\b(?P<rest>.*)$", re.I)
IGNORE = re.compile(r"#\s*type:\s*ignore(?P<rest>.*)$")


def python_files() -> list[Path]:
    listed = subprocess.run(["git", "ls-files", "*.py"], cwd=ROOT, capture_output=True, text=True, check=True)
    return [ROOT / name for name in listed.stdout.split()]


def test_every_noqa_and_type_ignore_names_its_code_and_reason():
    files = python_files()
    assert len(files) > 50
    bare = []
    for path in files:
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            noqa, ignore = NOQA.search(line), IGNORE.search(line)
            if noqa and not re.match(r":\s*[A-Z]+\d+(,\s*[A-Z]+\d+)*\s*\S", noqa.group("rest")):
                bare.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
            if ignore and not re.match(r"\[[\w-]+(,\s*[\w-]+)*\]\s*#\s*\S", ignore.group("rest")):
                bare.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not bare, "a noqa or type: ignore without its code and reason:\n" + "\n".join(bare)
