"""The site builds with ProperDocs too, the same pages byte for byte but one line.

MkDocs 1.6 is unmaintained; ProperDocs (pinned in requirements.lock) continues MkDocs 1.x under
another name, reads the same ``mkdocs.yml`` and loads the same plugins and theme. This builds the
site with it, strictly, and compares every file with the MkDocs build of the session. The one
difference allowed, and so listed here, is the ``generator`` meta tag of each HTML page, which names
the engine that built it; everything else (pages, search index, sitemap, notebooks, figures, the wheel)
must be the same bytes.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.site_build.helpers import BIN, ROOT, run

# The one line that names the engine: Material writes the generator's name and version into each page.
GENERATOR = re.compile(rb'<meta name="generator" content="[^"]*">')


@pytest.fixture(scope="module")
def properdocs_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site = tmp_path_factory.mktemp("properdocs-site")
    result = run([str(BIN / "properdocs"), "build", "--strict", "--clean", "--site-dir", str(site)], cwd=ROOT)
    assert result.returncode == 0, result.output
    assert "WARNING" not in result.output, result.output
    return site


def _files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in site.rglob("*") if path.is_file()}


def differences(mkdocs: dict[str, bytes], properdocs: dict[str, bytes]) -> list[str]:
    """What differs between two builds, once each HTML page's generator tag is set aside."""
    found = [f"only MkDocs built {name}" for name in sorted(mkdocs.keys() - properdocs.keys())]
    found += [f"only ProperDocs built {name}" for name in sorted(properdocs.keys() - mkdocs.keys())]
    for name in sorted(mkdocs.keys() & properdocs.keys()):
        ours, theirs = mkdocs[name], properdocs[name]
        if name.endswith(".html"):
            ours, theirs = GENERATOR.sub(b"", ours), GENERATOR.sub(b"", theirs)
        if ours != theirs:
            found.append(f"{name} differs")
    return found


def test_properdocs_builds_the_same_site_but_the_generator_tag(built_site, properdocs_site):
    mkdocs, properdocs = _files(built_site), _files(properdocs_site)
    assert any(name.endswith(".ipynb") for name in properdocs)  # the plugin ran under ProperDocs
    assert differences(mkdocs, properdocs) == []
    # The tag set aside is the only difference, and it does name each engine.
    page = "notes/sigmoid/index.html"
    tags = [GENERATOR.findall(files[page]) for files in (mkdocs, properdocs)]
    assert tags[0][0].startswith(b'<meta name="generator" content="mkdocs-1.'), tags
    assert b"ProperDocs" in tags[1][0], tags


def test_the_comparison_names_a_page_that_differs_elsewhere_and_a_missing_one():
    page = b'<html><meta name="generator" content="mkdocs-1.6.1"><p>1</p></html>'
    other = b'<html><meta name="generator" content="ProperDocs 1.6.7"><p>2</p></html>'
    assert differences({"a.html": page, "b.js": b"x"}, {"a.html": page.replace(b"mkdocs-1.6.1", b"P")}) == [
        "only MkDocs built b.js"
    ]
    assert differences({"a.html": page}, {"a.html": other}) == ["a.html differs"]
