"""The test dependencies (sybil, pytest, hypothesis, playwright, nbclient) stay out of the package: it imports without them."""

from __future__ import annotations

import json
import subprocess
import sys

from tests.site_build.helpers import ROOT

TEST_ONLY = ("sybil", "pytest", "_pytest", "hypothesis", "playwright", "nbclient")
# Blocks each test dependency the way a missing distribution would (its import raises ImportError),
# then imports every module of the package and reports the ones that failed.
IMPORT_ALL_WITHOUT_SYBIL = """
import importlib, json, pkgutil, sys
for name in BLOCKED:
    sys.modules[name] = None
import dlnotes
names = ["dlnotes"] + [info.name for info in pkgutil.walk_packages(dlnotes.__path__, "dlnotes.")]
failed = {}
for name in names:
    try:
        importlib.import_module(name)
    except ImportError as error:
        failed[name] = str(error)
print(json.dumps({"imported": names, "failed": failed}))
""".replace("BLOCKED", repr(TEST_ONLY))


def _import_all_without_sybil(extra: str = "") -> dict:
    code = IMPORT_ALL_WITHOUT_SYBIL + extra
    done = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.splitlines()[-1])


def test_every_dlnotes_module_imports_without_the_test_dependencies():
    report = _import_all_without_sybil()
    assert "dlnotes.site_build.blocks" in report["imported"]  # the walk reached the site-build glue
    assert "dlnotes.site_build.mkdocs_plugin" in report["imported"]
    assert report["failed"] == {}


def test_the_block_would_catch_a_module_that_imports_sybil():
    # The fence parser imports sybil; under the same block it must fail, or the test above proves nothing.
    extra = """
try:
    import tests.sybil_fences
except ImportError as error:
    print(json.dumps({"imported": [], "failed": {"tests.sybil_fences": str(error)}}))
"""
    report = _import_all_without_sybil(extra)
    assert "sybil" in report["failed"]["tests.sybil_fences"]
