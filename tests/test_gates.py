"""Every exception to the gates' rules (an ignored rule, a `noqa`, a `type: ignore`) carries its reason.

That ruff and mypy find errors is their own projects' concern; `make lint` runs them.
"""

import re
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = ROOT / "pyproject.toml"


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
