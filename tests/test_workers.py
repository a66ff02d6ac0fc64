"""`make test` runs pytest on every core (pytest-xdist): what must stay together goes to one worker."""

import subprocess
import sys
from collections import Counter
from pathlib import Path

from tests.conftest import scope_of

ROOT = Path(__file__).resolve().parents[1]
DOCUMENTS = ["docs/notes/sigmoid.md", "dlnotes/activations.py"]  # a page, a module's docstrings
TESTS = "tests/core/test_layers.py"


def test_a_documents_examples_go_to_one_worker_and_every_other_test_alone():
    collected = subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:cacheprovider", "--collect-only", "-q", *DOCUMENTS, TESTS],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert collected.returncode == 0, collected.stdout + collected.stderr
    ids = [line for line in collected.stdout.splitlines() if "::" in line]
    scopes = Counter(scope_of(nodeid) for nodeid in ids)
    # Each document's examples (the page's and the module's docstrings') form one unit, every test its own.
    assert all(scopes[document] > 5 for document in DOCUMENTS), scopes
    tests = [nodeid for nodeid in ids if nodeid.startswith(TESTS)]
    assert tests
    assert all(scopes[nodeid] == 1 for nodeid in tests), scopes
    assert set(scopes) == {*DOCUMENTS, *tests}
