"""The numerical core stays light: importing it pulls in numpy and the standard library, nothing else."""

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


# Top-level modules in sys.modules at start-up that are neither the standard library nor imports:
# the interpreter's own (__main__), and the hooks an editable install and setuptools put in place.
STARTUP = "({'__main__', '_distutils_hack'} | {m for m in sys.modules if m.startswith('__editable__')})"


@pytest.mark.parametrize("module", CORE)
def test_core_module_imports_only_numpy_and_the_standard_library(module):
    code = (
        f"import sys, dlnotes.{module}\n"
        "tops = {m.split('.')[0] for m in sys.modules}\n"
        f"others = tops - set(sys.stdlib_module_names) - {{'numpy', 'dlnotes'}} - {STARTUP}\n"
        "layers = {m for m in sys.modules if m.startswith(('dlnotes.figures', 'dlnotes.site_build'))}\n"
        "print(sorted(others | layers))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]", f"dlnotes.{module} imports {out.strip()}"


def test_the_import_check_sees_a_third_party_import(tmp_path):
    # The same check on a module that imports matplotlib must name it, or the test above proves nothing.
    code = (
        "import sys, matplotlib\n"
        "tops = {m.split('.')[0] for m in sys.modules}\n"
        f"others = tops - set(sys.stdlib_module_names) - {{'numpy', 'dlnotes'}} - {STARTUP}\n"
        "print(sorted(others))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert "matplotlib" in out
