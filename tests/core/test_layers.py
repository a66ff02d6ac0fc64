"""The numerical core stays light: importing it pulls in neither matplotlib nor the site build."""

import subprocess
import sys

import pytest

from tests.core_modules import core_modules

# Private helpers too: _checks is imported by every core module, so it is held to the same rule.
CORE = core_modules(private=True)


def test_the_walk_finds_the_core():
    # An empty or partial walk would make the parametrized test below pass vacuously.
    assert {"activations", "shallow_network", "logistic_regression", "_checks"} <= set(CORE)
    assert not {"figures", "site_build"} & set(CORE)


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_only_numpy(module):
    code = (
        f"import sys, dlnotes.{module}\n"
        "heavy = sorted(m for m in sys.modules if m.split('.')[0] in "
        "{'matplotlib', 'markdown', 'mkdocs', 'sybil', 'pymdownx'} or m.startswith('dlnotes.site_build') "
        "or m.startswith('dlnotes.figures'))\n"
        "print(heavy)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", f"dlnotes.{module} imports {out.strip()}"
