"""The tests mirror the package's layers: a folder of tests imports nothing from a layer above its own.

tests/core may import the core only; tests/figures the core and the figures; tests/site_build anything.
"""

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
ABOVE = {"core": ("dlnotes.figures", "dlnotes.site_build"), "figures": ("dlnotes.site_build",)}


def imported_modules(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            found.add(node.module)
            found |= {f"{node.module}.{alias.name}" for alias in node.names}
    return found


@pytest.mark.parametrize("layer", sorted(ABOVE))
def test_no_test_imports_a_layer_above_its_own(layer):
    files = sorted((ROOT / "tests" / layer).glob("*.py"))
    assert len(files) > 3
    # A module's text may still name a layer above (test_layers.py checks the core imports none);
    # what counts is what the test itself imports.
    offending = [
        f"{path.relative_to(ROOT)} imports {name}"
        for path in files
        for name in sorted(imported_modules(path))
        if name.startswith(ABOVE[layer])
    ]
    assert not offending, offending


def test_the_import_scan_sees_imports_inside_functions(tmp_path):
    sample = tmp_path / "sample.py"
    sample.write_text("def f():\n    from dlnotes.figures.registry import get\n", encoding="utf-8")
    assert "dlnotes.figures.registry" in imported_modules(sample)
