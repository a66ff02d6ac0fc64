"""`make test` runs pytest on every core (pytest-xdist): what must stay together goes to one worker."""

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

from tests.conftest import SPREAD, scope_of

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ["docs/notes/sigmoid.md", "dlnotes/activations.py"]  # a page, a module's docstrings
MODULE = "tests/core/test_layers.py"


def test_a_file_goes_to_one_worker_and_a_spread_modules_tests_alone():
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--collect-only", "-q", *DOCUMENTS, MODULE, *SPREAD],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert collected.returncode == 0, collected.stdout + collected.stderr
    ids = [line for line in collected.stdout.splitlines() if "::" in line]
    scopes = Counter(scope_of(nodeid) for nodeid in ids)
    # A document's examples, or a module's tests, form one unit; a spread module's tests one each.
    assert all(scopes[file] > 5 for file in [*DOCUMENTS, MODULE]), scopes
    spread = [nodeid for nodeid in ids if nodeid.startswith(SPREAD)]
    assert len(spread) > 20
    assert all(scopes[nodeid] == 1 for nodeid in spread), scopes
    assert set(scopes) == {*DOCUMENTS, MODULE, *spread}


def test_a_spread_module_makes_nothing_per_module():
    # Spread over the workers, a module fixture would be made once on each.
    for module in SPREAD:
        assert not re.search(r"scope=.module.", (ROOT / module).read_text(encoding="utf-8")), module
