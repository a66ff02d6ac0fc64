"""The token spans dlnotes_code leaves out of highlighted code draw nothing of their own: by Material's stylesheets
and the site's, each such class is unstyled or takes the code's own colour, in both palettes."""

from __future__ import annotations

import re
from pathlib import Path

import material
import pytest

from dlnotes.site_build.code_md import INERT, unwrap_inert
from tests.site_build.helpers import ROOT

MATERIAL_CSS = sorted((Path(material.__file__).parent / "templates" / "assets" / "stylesheets").glob("*.min.css"))
OURS = ROOT / "docs" / "assets" / "stylesheets" / "dlnotes.css"
CODE_COLOUR = "var(--md-code-fg-color)"


def blocks(css: str) -> list[tuple[list[str], str]]:
    """Each rule's selectors and declarations, comments and @-rule wrappers left out."""
    css = re.sub(r"/\*.*?\*/", "", css, flags=re.S)
    return [
        ([selector.strip() for selector in selectors.split(",")], body.strip())
        for selectors, body in re.findall(r"([^{}@;]+)\{([^{}]*)\}", css)
    ]


def definitions(css: str, variable: str) -> list[str]:
    return [value.strip() for value in re.findall(rf"{re.escape(variable)}\s*:\s*([^;}}]+)", css)]


@pytest.mark.parametrize("token", INERT)
def test_a_dropped_span_is_unstyled_or_takes_the_code_colour(token):
    material_css = "\n".join(path.read_text(encoding="utf-8") for path in MATERIAL_CSS)
    ours = OURS.read_text(encoding="utf-8")
    assert len(MATERIAL_CSS) >= 2, "Material's main and palette stylesheets"
    rules = [
        body
        for css in (material_css, ours)
        for selectors, body in blocks(css)
        if any(re.search(rf"\.{re.escape(token)}$", selector) for selector in selectors)
    ]
    for body in rules:
        colour = re.fullmatch(r"color:\s*(var\(--[\w-]+\))", body.rstrip(";"))
        assert colour, f".{token} is styled beyond its colour: {body}"
        variable = colour.group(1)[4:-1]
        # The site's own setting wins over Material's (its stylesheet comes later, as specific).
        values = definitions(ours, variable) or definitions(material_css, variable)
        assert values, f"{variable} is never set"
        assert set(values) == {CODE_COLOUR}, f".{token} takes {variable} = {values}, not the code's colour"


def test_the_text_of_a_dropped_span_stays_and_other_tokens_keep_theirs():
    code = '<span class="n">np</span><span class="o">.</span><span class="n">exp</span><span class="p">(</span><span class="o">-</span><span class="n">z</span><span class="p">)</span> <span class="c1"># e</span>'
    assert unwrap_inert(code) == 'np.exp(-z) <span class="c1"># e</span>'
