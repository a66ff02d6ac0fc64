"""The numerical core stays light: importing it pulls in neither matplotlib nor the site build."""

import subprocess
import sys

import pytest

CORE = ["activations", "logistic_regression", "shallow_network", "shapes", "broadcasting", "gradient_check", "datasets"]


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
