"""Shared fixtures: a strict build of the real site, and throwaway copies of the project to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.site_build.helpers import ROOT, mkdocs_build

# The root conftest.py collects the pages through tests/sybil_fences.py, so the copy needs that module too.
COPIED = [
    "docs",
    "overrides",
    "mkdocs.yml",
    "conftest.py",
    "tests/__init__.py",
    "tests/sybil_fences.py",
    "pyproject.toml",
    "README.md",
]
FIXTURES = Path(__file__).with_name("fixtures")


@pytest.fixture(scope="session")
def site_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str]:
    """The real site, built strictly once per session, and what the build printed."""
    site = tmp_path_factory.mktemp("site")
    result = mkdocs_build(ROOT, site)
    assert result.returncode == 0, result.output
    # --strict turns warnings into failure; also refuse any WARNING line that slipped through.
    assert "WARNING" not in result.output, result.output
    return site, result.output


@pytest.fixture(scope="session")
def built_site(site_build: tuple[Path, str]) -> Path:
    return site_build[0]


@pytest.fixture
def project_copy(tmp_path: Path) -> Path:
    """A copy of the docs and their configuration, for tests that break things on purpose."""
    for name in COPIED:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, tmp_path / name)
        else:
            (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, tmp_path / name)
    # The guard tests break a small page of their own, listed in the copy's navigation.
    shutil.copy2(FIXTURES / "pipeline-check.md", tmp_path / "docs" / "pipeline-check.md")
    config = tmp_path / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    assert "\n  - Reference:\n" in text
    config.write_text(
        text.replace("\n  - Reference:\n", "\n  - Pipeline check: pipeline-check.md\n  - Reference:\n"),
        encoding="utf-8",
    )
    return tmp_path
