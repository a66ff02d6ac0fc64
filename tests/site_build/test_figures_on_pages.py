"""Every registered figure is placed on a page: a figure no page shows is dead code that still costs build time."""

from pathlib import Path

from dlnotes.figures import registry
from dlnotes.site_build.figures_md import references

ROOT = Path(__file__).resolve().parents[2]


def test_every_registered_figure_is_used_by_a_page():
    registered = set(registry.load_all())
    assert registered
    used = {name for page in (ROOT / "docs").rglob("*.md") for name, _ in references(page.read_text(encoding="utf-8"))}
    unused = sorted(registered - used)
    assert not unused, f"registered but on no page: {unused}"
