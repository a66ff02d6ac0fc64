"""The wheel readers install (the site ships it to the notebooks) holds what they run and nothing of the build.

It is installed into a fresh virtualenv with pip, offline: the only other wheel pip can see is numpy's
(hash-pinned by requirements.lock, downloaded once into a cache), so the install resolves only if numpy
is all the wheel asks for. A question page's code then runs there, as its fences run under sybil.
"""

from __future__ import annotations

import doctest
import json
import os
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from dlnotes.site_build import fence_kinds
from dlnotes.site_build.page import iter_fences
from dlnotes.site_build.wheel import BUILD_ONLY, build_wheel, shipped_files, wheel_key
from tests.site_build.helpers import ROOT

PAGE = ROOT / "docs" / "notes" / "sigmoid.md"
CACHE = ROOT / ".cache" / "dlnotes"


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    return build_wheel(ROOT, tmp_path_factory.mktemp("wheels"))


def _metadata(wheel: Path) -> tuple[set[str], str]:
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        metadata = archive.read(next(n for n in names if n.endswith(".dist-info/METADATA"))).decode()
    return names, metadata


def test_the_wheel_holds_the_core_and_the_figures_byte_for_byte_and_nothing_of_the_build(wheel):
    names, _ = _metadata(wheel)
    with zipfile.ZipFile(wheel) as archive:
        for path in shipped_files(ROOT):
            if path.suffix == ".py":
                name = path.relative_to(ROOT).as_posix()
                assert archive.read(name) == path.read_bytes(), name
    modules = {n for n in names if n.endswith(".py")}
    assert {"dlnotes/activations.py", "dlnotes/_checks.py", "dlnotes/figures/registry.py"} <= modules
    left_in_the_wheel = [n for n in modules for left in BUILD_ONLY if n.startswith(f"dlnotes/{left}")]
    assert not left_in_the_wheel
    assert not [n for n in names if n.endswith("entry_points.txt")], "the wheel registers entry points"


def test_the_wheel_needs_numpy_and_offers_matplotlib_as_the_figures_extra(wheel):
    _, metadata = _metadata(wheel)
    requires = re.findall(r"^Requires-Dist: (.+)$", metadata, re.M)
    assert [r for r in requires if "extra ==" not in r] == ["numpy<3,>=2.0"]
    assert [r for r in requires if "extra ==" in r] == ['matplotlib<4,>=3.9; extra == "figures"']
    assert re.findall(r"^Provides-Extra: (.+)$", metadata, re.M) == ["figures"]


def _numpy_wheelhouse() -> Path:
    """A folder holding numpy's wheel at the version requirements.lock pins, checked against its hashes."""
    lock = (ROOT / "requirements.lock").read_text(encoding="utf-8")
    pin = re.search(r"^(numpy==\S+)((?: \\\n\s+--hash=sha256:\w+)+)", lock, re.M)
    assert pin, "requirements.lock pins no numpy"
    version = pin.group(1).split("==")[1]
    house = CACHE / "wheelhouse"
    if not list(house.glob(f"numpy-{version}-*.whl")):
        requirement = CACHE / "wheelhouse-numpy.txt"
        requirement.parent.mkdir(parents=True, exist_ok=True)
        requirement.write_text(pin.group(0) + "\n", encoding="utf-8")
        done = subprocess.run(
            [
                *(sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:"),
                *("--require-hashes", "-r", str(requirement), "-d", str(house)),
            ],
            capture_output=True,
            text=True,
        )
        assert done.returncode == 0, done.stdout + done.stderr
    return house


def _page_code(page: Path) -> list[dict[str, object]]:
    """The page's fences that sybil runs, in order, as it reads them: kind, text and line."""
    code = []
    for fence in iter_fences(page.read_text(encoding="utf-8")):
        if fence.display_only is not None:
            continue
        text = fence_kinds.expand_snippets(fence.body + "\n", [ROOT])
        kind = fence_kinds.classify(fence.language, text, None)
        code.append({"kind": kind, "text": text, "line": fence.start})
    return code


# Runs in the fresh virtualenv: the standard library's doctest and exec, one namespace for the whole page.
RUN_PAGE = """
import doctest, json, sys
code, flags, session = json.load(sys.stdin), int(sys.argv[1]), sys.argv[2]
namespace = {"__name__": "__page__"}
failed = 0
for block in code:
    if block["kind"] == session:
        test = doctest.DocTestParser().get_doctest(block["text"], namespace, "page", "page", block["line"])
        runner = doctest.DocTestRunner(optionflags=flags)
        runner.run(test, clear_globs=False)
        namespace.update(test.globs)  # a DocTest runs in a copy of the globals it is given
        failed += runner.failures
    else:
        exec(compile(block["text"], f"page line {block['line']}", "exec"), namespace)
import dlnotes
print(json.dumps({"failed": failed, "ran": len(code), "dlnotes": dlnotes.__file__}))
"""


def test_the_wheel_installs_offline_into_a_fresh_virtualenv_and_runs_a_page(wheel, tmp_path):
    house = _numpy_wheelhouse()
    venv = tmp_path / "fresh"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    python = venv / "bin" / "python"
    # No configuration file: pip sees the wheel and the numpy wheelhouse, no index and no other folder.
    offline = {"PATH": "/usr/bin:/bin", "PIP_CONFIG_FILE": os.devnull, "PIP_DISABLE_PIP_VERSION_CHECK": "1"}
    install = subprocess.run(
        [str(python), "-m", "pip", "install", "--quiet", "--no-index", "--find-links", str(house), str(wheel)],
        capture_output=True,
        text=True,
        env=offline,
    )
    assert install.returncode == 0, install.stdout + install.stderr

    probe = (
        "import importlib.metadata as m, importlib.util as u, json\n"
        "groups = {e.group for d in m.distributions() for e in d.entry_points}\n"
        "print(json.dumps({'site_build': u.find_spec('dlnotes.site_build') is not None,\n"
        "    'installed': sorted(d.metadata['Name'].lower() for d in m.distributions()),\n"
        "    'plugins': sorted(groups & {'mkdocs.plugins', 'markdown.extensions'})}))"
    )
    found = subprocess.run([str(python), "-I", "-c", probe], cwd=tmp_path, capture_output=True, text=True, env=offline)
    assert found.returncode == 0, found.stderr
    report = json.loads(found.stdout)
    assert report["site_build"] is False
    assert report["plugins"] == []
    assert {"dlnotes", "numpy"} <= set(report["installed"])
    assert not {"matplotlib", "mkdocs", "markdown"} & set(report["installed"])

    code = _page_code(PAGE)
    assert {block["kind"] for block in code} == {fence_kinds.SESSION, fence_kinds.SCRIPT}
    ran = subprocess.run(
        [str(python), "-I", "-c", RUN_PAGE, str(fence_kinds.DOCTEST_FLAGS), fence_kinds.SESSION],
        input=json.dumps(code),
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env=offline,
    )
    assert ran.returncode == 0, ran.stderr
    result = json.loads(ran.stdout.splitlines()[-1])
    assert result["failed"] == 0, ran.stdout
    assert result["ran"] == len(code)
    assert Path(result["dlnotes"]).is_relative_to(venv)


def test_the_page_runner_reports_a_session_that_prints_something_else(tmp_path):
    # The runner above must count a wrong output, or a page that ran would prove nothing.
    code = [{"kind": fence_kinds.SESSION, "text": ">>> 1 + 1\n3\n", "line": 1}]
    ran = subprocess.run(
        [sys.executable, "-I", "-c", RUN_PAGE, str(doctest.ELLIPSIS), fence_kinds.SESSION],
        input=json.dumps(code),
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert json.loads(ran.stdout.splitlines()[-1])["failed"] == 1


def _package_copy(root: Path) -> Path:
    root.mkdir()
    for name in ("pyproject.toml", "README.md", "LICENSE"):
        (root / name).write_bytes((ROOT / name).read_bytes())
    for path in (ROOT / "dlnotes").rglob("*"):
        if path.is_file() and "__pycache__" not in path.parts:
            target = root / path.relative_to(ROOT)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(path.read_bytes())
    return root


def test_the_wheel_is_rebuilt_for_a_code_edit_and_not_for_prose_or_the_site_build(tmp_path):
    project = _package_copy(tmp_path / "project")
    key = wheel_key(project)
    (project / "docs").mkdir()
    (project / "docs" / "page.md").write_text("# Prose\n", encoding="utf-8")
    (project / "dlnotes" / "__pycache__").mkdir()
    (project / "dlnotes" / "__pycache__" / "x.cpython-311.pyc").write_bytes(b"bytecode")
    plugin = project / "dlnotes" / "site_build" / "mkdocs_plugin.py"
    plugin.write_text(plugin.read_text(encoding="utf-8") + "\n# an edit of the build\n", encoding="utf-8")
    assert wheel_key(project) == key

    cache = tmp_path / "cache"
    first = build_wheel(project, cache)
    built_at = first.stat().st_mtime_ns
    assert build_wheel(project, cache) == first
    assert first.stat().st_mtime_ns == built_at
    assert not (project / "build").exists()
    assert not list(project.glob("*.egg-info"))

    module = project / "dlnotes" / "activations.py"
    module.write_text(module.read_text(encoding="utf-8") + "\n# an edit\n", encoding="utf-8")
    assert wheel_key(project) != key
    second = build_wheel(project, cache)
    assert second != first
    with zipfile.ZipFile(second) as archive:
        assert archive.read("dlnotes/activations.py").endswith(b"# an edit\n")
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
