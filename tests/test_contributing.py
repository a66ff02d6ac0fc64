"""README.md and CONTRIBUTING.md name real places: every path they mention exists, every make target they name is defined."""

import fnmatch
import re
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# A path each file surely names, so that an extraction that finds nothing fails.
DOCUMENTS = {"CONTRIBUTING.md": "dlnotes/_checks.py", "README.md": "tests/core/test_refusal_policy.py"}
# What the build and the tests write: named on purpose, never tracked.
WRITTEN = (".cache/", "site/", "<site_url>")


def mentioned_paths(text: str) -> list[str]:
    spans = re.findall(r"`([^`\s]+)`", text)
    return [s for s in spans if re.fullmatch(r"[\w.<>*/-]+", s) and ("/" in s or s.endswith((".py", ".md", ".toml")))]


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_every_path_it_names_exists(document):
    paths = mentioned_paths((ROOT / document).read_text(encoding="utf-8"))
    assert DOCUMENTS[document] in paths  # the extraction finds paths at all
    tracked = subprocess.run(["git", "ls-files"], cwd=ROOT, capture_output=True, text=True, check=True).stdout.split()
    folders = {str(Path(name).parent) + "/" for name in tracked} | {
        str(p) + "/" for n in tracked for p in Path(n).parents
    }
    missing = []
    for path in paths:
        if path.startswith(WRITTEN):
            continue
        pattern = re.sub(r"<[^>]+>", "*", path)  # docs/notes/<name>.md: any page there
        if "/" not in pattern.rstrip("/"):
            pattern = "*/" + pattern  # a bare file name: anywhere in the tree
        candidates = folders if pattern.endswith("/") else tracked
        if not any(
            fnmatch.fnmatch(name, pattern) or fnmatch.fnmatch(name, pattern.removeprefix("*/")) for name in candidates
        ):
            missing.append(path)
    assert not missing, f"{document} names paths that do not exist: {missing}"


@pytest.mark.parametrize("document", sorted(DOCUMENTS))
def test_every_make_target_it_names_is_defined(document):
    text = (ROOT / document).read_text(encoding="utf-8")
    targets = set(re.findall(r"^make (\w+)", text, re.M)) | set(re.findall(r"`make (\w+)`", text))
    assert {"lint", "test"} <= targets
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in targets:
        assert re.search(rf"^{target}:", makefile, re.M), (
            f"make {target} named in {document} is not a target of the Makefile"
        )
