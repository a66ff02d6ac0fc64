"""CONTRIBUTING.md names real places: every path it mentions exists, every make target it tells you to run is defined."""

import fnmatch
import re
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TEXT = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")


def mentioned_paths() -> list[str]:
    spans = re.findall(r"`([^`\s]+)`", TEXT)
    return [s for s in spans if re.fullmatch(r"[\w.<>*/-]+", s) and ("/" in s or s.endswith((".py", ".md", ".toml")))]


def test_every_path_it_names_exists():
    paths = mentioned_paths()
    assert "dlnotes/_checks.py" in paths  # the extraction finds paths at all
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    folders = {str(Path(name).parent) + "/" for name in tracked} | {
        str(p) + "/" for n in tracked for p in Path(n).parents
    }
    missing = []
    for path in paths:
        pattern = re.sub(r"<[^>]+>", "*", path)  # docs/notes/<name>.md: any page there
        if "/" not in pattern.rstrip("/"):
            pattern = "*/" + pattern  # a bare file name: anywhere in the tree
        candidates = folders if pattern.endswith("/") else tracked
        if not any(
            fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(name, pattern.removeprefix("*/")) for name in candidates
        ):
            missing.append(path)
    assert not missing, f"CONTRIBUTING.md names paths that do not exist: {missing}"


def test_every_make_target_it_names_is_defined():
    targets = set(re.findall(r"^make (\w+)", TEXT, re.M)) | set(re.findall(r"`make (\w+)`", TEXT))
    assert {"format", "lint", "test"} <= targets
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in targets:
        assert re.search(rf"^{target}:", makefile, re.M), f"make {target} is not a target of the Makefile"
