"""The project's own files keep their promises: the declared markers, the make targets, make clean."""

import re
import shutil
import subprocess
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))


def test_every_declared_marker_is_used():
    declared = [line.split(":")[0].strip() for line in PYPROJECT["tool"]["pytest"]["ini_options"].get("markers", [])]
    sources = [ROOT / "conftest.py", *(ROOT / "tests").rglob("*.py")]
    tests = "\n".join(path.read_text(encoding="utf-8") for path in sources)
    assert declared, "pyproject.toml declares no markers"
    assert [marker for marker in declared if f"mark.{marker}" not in tests] == []


def test_every_phony_target_has_a_rule():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    declaration = re.search(r"^\.PHONY:(.*)$", makefile, re.M)
    assert declaration, "the Makefile declares no .PHONY targets"
    phony = declaration.group(1).split()
    rules = set(re.findall(r"^([\w-]+):", makefile, re.M))
    assert [target for target in phony if target not in rules] == []


def test_make_clean_removes_what_setup_builds_and_tests_write(tmp_path):
    shutil.copy(ROOT / "Makefile", tmp_path / "Makefile")
    written = [
        ".venv/bin",
        "node_modules/katex",
        "site/assets",
        ".cache/dlnotes/figures",
        ".pytest_cache/v",
        ".hypothesis/examples",
        "tests/.hypothesis/examples",
        "docs/notes/.hypothesis/examples",
        "dlnotes/__pycache__",
        "dlnotes/figures/__pycache__",
        "tests/site_build/__pycache__",
    ]
    kept = ["dlnotes/layers.py", "docs/notes/sigmoid.md", "tests/site_build/test_site.py", ".git/HEAD"]
    for folder in written:
        (tmp_path / folder).mkdir(parents=True)
        (tmp_path / folder / "file").write_text("written by set-up or a test")
    for file in kept:
        (tmp_path / file).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / file).write_text("source")
    done = subprocess.run(["make", "-s", "clean"], cwd=tmp_path, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert [folder for folder in written if (tmp_path / folder).exists()] == []
    assert [file for file in kept if not (tmp_path / file).is_file()] == []
