"""CI: the workflow passes zizmor, pins every action to a commit, and CI runs what the README says."""

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.y*ml"))


def test_workflows_pass_zizmor_even_pedantic():
    zizmor = shutil.which("zizmor", path=str(Path(sys.executable).parent))
    assert zizmor, "zizmor is not installed in the virtualenv"
    result = subprocess.run(
        [zizmor, "--offline", "--persona=pedantic", "--format=plain", *map(str, WORKFLOWS)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout, result.stdout


def test_every_action_is_pinned_to_a_full_commit_sha():
    uses = [
        line.split("uses:", 1)[1].strip() for w in WORKFLOWS for line in w.read_text().splitlines() if "uses:" in line
    ]
    assert uses
    for use in uses:
        assert re.fullmatch(r"[\w.-]+/[\w./-]+@[0-9a-f]{40} # v\d+(\.\d+)*", use), use


def test_workflow_tests_and_deploys_with_least_privilege():
    text = (ROOT / ".github" / "workflows" / "ci.yml").read_text()
    assert re.search(r"^permissions: \{\}$", text, re.M)
    assert "concurrency:" in text
    assert "run: make test" in text
    assert "run: make pdf" in text  # the build step: the site and its PDF
    assert "actions/deploy-pages@" in text
    assert "actions/upload-pages-artifact@" in text


def test_ci_runs_make_test():
    assert re.search(r"^make test$", (ROOT / ".ci" / "run").read_text(), re.M)


def test_setup_is_idempotent():
    # After `make test` has set up, make must see nothing left to install.
    stamps = [".venv/.dlnotes-installed", "node_modules/.dlnotes-installed"]
    result = subprocess.run(["make", "--question", *stamps], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, "make would reinstall: " + result.stdout + result.stderr


def fake_path(tmp_path: Path, *tools: str) -> str:
    """A PATH holding only the named tools (plus sh and make), to play a machine that lacks the rest."""
    (tmp_path / "bin").mkdir()
    for tool in ("sh", "make", *tools):
        found = shutil.which(tool)
        assert found, f"{tool} is not on this machine's PATH, so the test cannot play a machine that has it"
        (tmp_path / "bin" / tool).symlink_to(found)
    return str(tmp_path / "bin")


def test_missing_node_stops_setup_with_one_line(tmp_path):
    python = os.path.realpath(sys.executable)  # the interpreter itself, not a shim that needs other tools
    result = subprocess.run(
        ["make", "-s", "prerequisites", f"PYTHON={python}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={"PATH": fake_path(tmp_path)},
    )
    assert result.returncode != 0
    assert result.stdout.strip().splitlines() == ["dlnotes needs Node.js >= 18 with npm: install Node.js"]


def test_old_python_stops_setup_with_one_line(tmp_path):
    old = tmp_path / "python3.9"
    old.write_text("#!/bin/sh\n[ \"$1\" = -V ] && echo 'Python 3.9.18' && exit 0\nexit 1\n")
    old.chmod(0o755)
    result = subprocess.run(["make", "-s", "prerequisites", f"PYTHON={old}"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode != 0
    lines = result.stdout.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("dlnotes needs Python >= 3.11")
    assert "Python 3.9.18" in lines[0]
