r"""KaTeX's HTML with fewer elements and the same pixels.

KaTeX spends many of a formula's elements on empty boxes that only hold a size:

- a **strut** first in each ``katex-base``, whose height and depth make the line's;
- a **pstrut** first in each row of a ``vlist`` (scripts, fractions, accents), which sets
  where the row's baseline falls.

On the logistic-regression page they are 1,100 of its 11,500 elements, and each costs the
browser style and layout and, in the tests, axe's and the keyboard walk's time. `lean`
draws each as a ``::before`` box of its parent instead, sized by a custom property (the
rules are in ``dlnotes.css``): a pseudo-element is a box, but no element. Each rewrite
takes only the exact markup KaTeX writes and leaves anything else as it is. A browser test
draws formulas both ways and finds the same pixels.

KaTeX's ``mspace`` boxes (the spaces around ``+`` and ``=``) are left: moved onto the
next atom as a margin they shift glyphs by a fraction of a pixel.
"""

from __future__ import annotations

import re

STRUT = re.compile(
    r'<span class="katex-base"><span class="katex-strut" style="height:(?P<h>[-\d.]+em);'
    r'(?:vertical-align:(?P<v>[-\d.]+em);)?"></span>'
)
PSTRUT = re.compile(
    r'<span(?: class="(?P<cls>[-\w ]+)")? style="(?P<row>top:[^"<>]*;)">'
    r'<span class="pstrut" style="height:(?P<h>[-\d.]+em);"></span>'
)


def _strut(match: re.Match[str]) -> str:
    style = f"--dlnotes-strut:{match['h']}" + (f";--dlnotes-strut-align:{match['v']}" if match["v"] else "")
    return f'<span class="katex-base dlnotes-strut" style="{style}">'


def _pstrut(match: re.Match[str]) -> str:
    classes = f"{match['cls']} dlnotes-pstrut" if match["cls"] else "dlnotes-pstrut"
    return f'<span class="{classes}" style="{match["row"]}--dlnotes-pstrut:{match["h"]}">'


def lean(katex_html: str) -> str:
    """``katex_html`` with its struts and pstruts drawn by CSS instead of by empty elements.

    >>> lean('<span class="katex-base"><span class="katex-strut" style="height:0.8em;vertical-align:-0.1em;"></span>'
    ...      '<span class="mord">x</span></span>')
    '<span class="katex-base dlnotes-strut" style="--dlnotes-strut:0.8em;--dlnotes-strut-align:-0.1em"><span class="mord">x</span></span>'

    A row of a vlist keeps its own class and style and gains its pstrut's height:

    >>> lean('<span style="top:-3.063em;margin-right:0.05em;"><span class="pstrut" style="height:2.7em;"></span>'
    ...      '<span class="mord">2</span></span>')
    '<span class="dlnotes-pstrut" style="top:-3.063em;margin-right:0.05em;--dlnotes-pstrut:2.7em"><span class="mord">2</span></span>'
    >>> lean('<span class="svg-align" style="top:-3em;"><span class="pstrut" style="height:3em;"></span></span>')
    '<span class="svg-align dlnotes-pstrut" style="top:-3em;--dlnotes-pstrut:3em"></span>'

    Markup KaTeX writes otherwise is left as it is:

    >>> lean('<span class="katex-strut" style="height:1em;"></span>')
    '<span class="katex-strut" style="height:1em;"></span>'
    """
    return PSTRUT.sub(_pstrut, STRUT.sub(_strut, katex_html))
