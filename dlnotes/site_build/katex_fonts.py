"""Which of KaTeX's font files a page's formulas draw with, read from KaTeX's own stylesheet.

A browser asks for a web font only when it lays out text in it. KaTeX's fonts are twenty
files, and a page with sums, big brackets and a calligraphic loss asks for four or five of
them one after the other, each arrival making the browser lay every formula out again: on
the longest page, two more long tasks of a phone's main thread. The page template asks for
the fonts a page uses with its stylesheets instead (``<link rel="preload">``,
``overrides/main.html``), and for no other: a font asked for and never used is bytes a phone
downloads for nothing.

The fonts are found as the browser would find them, roughly: KaTeX's stylesheet says which
classes set which font (``.katex .mathcal{font-family:KaTeX_Caligraphic}``), and a rule counts
when every class it names is on some element of the page's formulas. Formulas inside a
closed fold are left out, since the browser lays them out only when the fold opens.
The browser tests compare the result, on every page, with the fonts the browser draws with
(``font_problems`` in ``tests/site_build/browser/checks.py``).

>>> css = ('@font-face{font-family:KaTeX_Main;font-style:normal;font-weight:400;src:url(fonts/M.woff2)}'
...        '@font-face{font-family:KaTeX_Caligraphic;font-style:normal;font-weight:400;src:url(fonts/C.woff2)}'
...        '.katex{font:normal 1.21em KaTeX_Main,serif}.katex .mathcal{font-family:KaTeX_Caligraphic}')
>>> font_files(css, '<span class="katex"><span class="mord">1</span></span>')
['fonts/M.woff2']
>>> font_files(css, '<span class="katex"><span class="mathcal">L</span><span class="mathcal">J</span></span>')
['fonts/C.woff2', 'fonts/M.woff2']
>>> font_files(css, '<details><summary>Why</summary><span class="katex mathcal">L</span></details>')
[]
"""

from __future__ import annotations

import re

FONT_FACE = re.compile(r"@font-face\s*\{([^}]*)\}")
RULE = re.compile(r"([^{}@;]+)\{([^{}]*)\}")
FAMILY = re.compile(r"\bKaTeX_\w+")
WOFF2 = re.compile(r"url\(([^)]*\.woff2)\)")
TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)([^>]*)>")
OPEN = re.compile(r"\sopen(?=[\s=/]|$)")
CLASS = re.compile(r'\sclass="([^"]*)"')


def _declarations(block: str) -> dict[str, str]:
    pairs = (part.split(":", 1) for part in block.split(";") if ":" in part)
    return {name.strip(): value.strip() for name, value in pairs}


def _face(style: str | None, weight: str | None) -> tuple[str, str]:
    bold = (weight or "400").strip() in {"700", "bold", "bolder"}
    return ("italic" if style == "italic" else "normal", "700" if bold else "400")


def _faces(css: str) -> dict[tuple[str, str, str], str]:
    """(family, style, weight) of each @font-face, to its woff2 file."""
    faces = {}
    for block in FONT_FACE.findall(css):
        declared = _declarations(block)
        file = WOFF2.search(declared.get("src", ""))
        family = FAMILY.search(declared.get("font-family", ""))
        if file and family:
            faces[(family.group(0), *_face(declared.get("font-style"), declared.get("font-weight")))] = file.group(1)
    return faces


def _rules(css: str) -> list[tuple[list[set[str]], tuple[str, str, str]]]:
    """Each selector that sets a KaTeX font: the class sets of its parts, and the face it sets."""
    rules = []
    for selectors, block in RULE.findall(FONT_FACE.sub("", css)):
        declared = _declarations(block)
        family = FAMILY.search(declared.get("font-family", declared.get("font", "")))
        if family is None and not {"font-weight", "font-style"} & declared.keys():
            continue
        style, weight = _face(declared.get("font-style"), declared.get("font-weight"))
        face = (family.group(0) if family else "KaTeX_Main", style, weight)
        for selector in selectors.split(","):
            parts = [set(re.findall(r"\.([\w-]+)", part)) for part in re.split(r"[\s>+~]+", selector.strip())]
            rules.append(([part for part in parts if part], face))
    return rules


def _classes(html: str) -> list[frozenset[str]]:
    """The class sets of the elements outside closed <details>, in order: a scan of tags, not a parse."""
    found = []
    hidden = 0  # <details> open since, and including, the outermost closed one
    for closing, name, attributes in TAG.findall(html):
        if name.lower() == "details":
            if closing:
                hidden = max(hidden - 1, 0)
            elif hidden or not OPEN.search(attributes):
                hidden += 1
        elif not closing and not hidden:
            classes = CLASS.search(attributes)
            found.append(frozenset(classes.group(1).split() if classes else ()))
    return found


def font_files(css: str, html: str) -> list[str]:
    """The woff2 files, as ``css`` names them, of the KaTeX faces the formulas in ``html`` use, the most used first."""
    if "katex" not in html:
        return []
    found = _classes(html)
    present = set(found)
    if not any("katex" in classes for classes in present):
        return []
    # How many elements each face draws: the most used is asked for first.
    uses: dict[tuple[str, str, str], int] = {}
    for parts, face in _rules(css):
        if all(any(part <= classes for classes in present) for part in parts):
            uses[face] = uses.get(face, 0) + sum(parts[-1] <= classes for classes in found)
    faces = [(face, file) for face, file in _faces(css).items() if face in uses]
    return [file for face, file in sorted(faces, key=lambda pair: -uses[pair[0]])]
