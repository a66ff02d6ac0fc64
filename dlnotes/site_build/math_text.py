r"""A formula as one line of readable text, read from the MathML that KaTeX writes.

KaTeX's output holds each formula three times: the HTML the eye sees, MathML for screen
readers, and the TeX source inside the MathML. A search index that reads all three shows
``σ(z)\sigma(z)σ(z)``. The math extension hides KaTeX's output from the index and gives
it this text instead, once::

    σ(z) = 1/(1 + e^(−z))

Fractions become ``a/b``, powers ``x^2``, subscripts ``n_x``, accents combine with their
letter (``ŷ``), and a group of more than one symbol is put in parentheses.
"""

from __future__ import annotations

import re
import unicodedata
import xml.etree.ElementTree as etree

MATHML = re.compile(r"<math\b.*?</math>", re.S)

RELATIONS = {
    "=",
    "≠",
    "<",
    ">",
    "≤",
    "≥",
    "≈",
    "∈",
    "∉",
    "∼",
    "≡",
    "∝",
    "→",
    "←",
    "↦",
    "⇒",
    "⟹",
    "⟺",
    ":=",
    "⊂",
    "⊆",
    ":",
}
BINARY = {"+", "−", "-", "±", "∓", "×", "·", "⋅", "∗", "∘", "⊙", "∣", "∖"}
INVISIBLE = {"\u2061", "\u2062", "\u2063", "\u2064"}  # function application, invisible times and separators
OPENING = {"(", "[", "{", "⟨", "|", "∥", "‖", "⌊", "⌈"}
BRACES = {"⏟", "︸", "⏞", "︷"}  # \underbrace, \overbrace: the text keeps what they group
PRIMES = {"′", "″", "‴", "′′"}
# \hat, \tilde, \bar, \dot, \ddot, \vec, \check, \breve over one letter: the letter and a combining mark.
ACCENTS = {
    "^": "\u0302",
    "ˆ": "\u0302",
    "~": "\u0303",
    "˜": "\u0303",
    "ˉ": "\u0304",
    "‾": "\u0305",
    "¯": "\u0304",
    "˙": "\u0307",
    "¨": "\u0308",
    "→": "\u20d7",
    "⃗": "\u20d7",
    "ˇ": "\u030c",
    "˘": "\u0306",
}


def readable(katex_html: str) -> str:
    r"""The formula of a KaTeX rendering (``htmlAndMathml`` output) as plain text.

    >>> readable('<math xmlns="http://www.w3.org/1998/Math/MathML"><semantics><mrow><mi>σ</mi>'
    ...          '<mo stretchy="false">(</mo><mi>z</mi><mo stretchy="false">)</mo><mo>=</mo><mfrac><mn>1</mn>'
    ...          '<mrow><mn>1</mn><mo>+</mo><msup><mi>e</mi><mrow><mo>−</mo><mi>z</mi></mrow></msup></mrow>'
    ...          '</mfrac></mrow><annotation encoding="application/x-tex">\\sigma(z)</annotation>'
    ...          '</semantics></math>')
    'σ(z) = 1/(1 + e^(−z))'

    Text with no MathML in it is refused:

    >>> readable("<span>x</span>")
    Traceback (most recent call last):
    ...
    ValueError: no MathML in '<span>x</span>'
    """
    found = MATHML.search(katex_html)
    if found is None:
        raise ValueError(f"no MathML in {katex_html[:60]!r}")
    # NFC: y and a combining hat become the one letter ŷ that a reader would type.
    return unicodedata.normalize("NFC", _tidy(_text(etree.fromstring(found.group(0)))))


def _name(element: etree.Element) -> str:
    return element.tag.rsplit("}", 1)[-1]


def _text(element: etree.Element) -> str:
    name = _name(element)
    children = list(element)
    if name == "annotation" or name == "annotation-xml" or name == "mphantom":
        return ""
    if name == "semantics":
        return _text(children[0]) if children else ""
    if name in ("mi", "mn", "mtext", "ms"):
        return (element.text or "").replace("\u00a0", " ")
    if name == "mo":
        return _operator(element.text or "")
    if name == "mspace":
        return " "
    if name == "mfrac" and len(children) == 2:
        return f"{_group(_text(children[0]))}/{_group(_text(children[1]))}"
    if name == "msqrt":
        return "√" + _group(_row(children))
    if name == "mroot" and len(children) == 2:
        return f"{_group(_text(children[1]))}√{_group(_text(children[0]))}"
    if name in ("msup", "mover") and len(children) == 2:
        base, over = _text(children[0]), _text(children[1]).strip()
        if name == "mover" and element.get("accent") == "true" and over in ACCENTS and len(base) == 1:
            return base + ACCENTS[over]
        if over in PRIMES:
            return base + over
        return f"{base}^{_group(over)}"
    if name == "munder" and len(children) == 2 and _text(children[1]).strip() in BRACES:
        return _text(children[0])
    if name in ("msub", "munder") and len(children) == 2:
        return f"{_text(children[0])}_{_group(_text(children[1]))}"
    if name in ("msubsup", "munderover") and len(children) == 3:
        return f"{_text(children[0])}_{_group(_text(children[1]))}^{_group(_text(children[2]))}"
    if name == "mtable":
        return "; ".join(_text(row) for row in children)
    if name in ("mtr", "mlabeledtr"):
        cells = children[1:] if name == "mlabeledtr" else children
        return "  ".join(_text(cell) for cell in cells)
    return _row(children)


def _operator(text: str) -> str:
    text = text.strip()
    if text in INVISIBLE:
        return ""
    if text in RELATIONS or text in BINARY:
        return f" {text} "
    if text == ",":
        return ", "
    return text


def _row(children: list[etree.Element]) -> str:
    text = ""
    previous: etree.Element | None = None
    for child in children:
        part = _text(child)
        symbol = part.strip()
        if not symbol and _name(child) == "mo":
            if (child.text or "").strip() == "\u2061" and previous is not None:
                previous = child  # function application: log x, but log(x)
            continue
        if not symbol:
            text += " "  # a space the formula asked for: \, or \quad
            continue
        if _name(child) == "mo" and symbol in BINARY and _opens_operand(previous):
            part = symbol  # a sign with no operand before it is unary: -z, not - z
        if previous is not None and _spaced(previous, child, text, part):
            text += " "
        text += part
        previous = child
    return text


BIG_OPERATORS = {"∑", "∏", "∫", "∮", "⋃", "⋂"}
SCRIPTS = {"mfrac", "msup", "msub", "msubsup", "munder", "mover", "munderover", "msqrt", "mroot"}


def _opens_operand(previous: etree.Element | None) -> bool:
    """True when what comes next starts an operand: at the start, after an operator or an opening bracket."""
    if previous is None:
        return True
    if _name(previous) != "mo":
        return False
    symbol = (previous.text or "").strip()
    return symbol in OPENING or symbol in BINARY or symbol in RELATIONS or symbol == ","


def _spaced(previous: etree.Element, child: etree.Element, before: str, part: str) -> bool:
    """Whether two neighbours read as one word unless a space parts them: y log x, w^T x, 1/m X."""
    if (previous.text or "").strip() == "\u2061":
        return not part.startswith("(")
    if before[-1:].isspace():
        return False
    if _kind(previous) in SCRIPTS:
        return part[:1].isalnum() or part[:1] in BIG_OPERATORS
    if not part[:1].isalnum():
        return False
    name_like = _name(child) == "mi" and len(part.strip()) > 1
    return (name_like and (before[-1:].isalnum() or before[-1:] in ")]")) or (
        _name(previous) == "mi" and len((previous.text or "").strip()) > 1
    )


def _kind(element: etree.Element) -> str:
    """The name of an element, looking through rows and styles that wrap just one thing (\\tfrac is a style)."""
    while _name(element) in ("mrow", "mstyle") and len(element) == 1:
        element = element[0]
    return _name(element)


def _balanced(text: str, opening: str, closing: str) -> bool:
    """True when the brackets at both ends of text are a pair (so (a)(b) is not)."""
    depth = 0
    for index, char in enumerate(text):
        depth += (char == opening) - (char == closing)
        if depth == 0 and index < len(text) - 1:
            return False
    return depth == 0


def _group(text: str) -> str:
    """Text as one unit after ^, _ or /: parenthesized unless it is one word or already bracketed."""
    text = _tidy(text)
    if re.fullmatch(r"[\w.]+[′″]*|.", text):
        return text
    for opening, closing in (("(", ")"), ("[", "]")):
        if text.startswith(opening) and text.endswith(closing) and _balanced(text, opening, closing):
            return text
    return f"({text})"


def _tidy(text: str) -> str:
    text = re.sub(r"\s+", " ", text)
    text = re.sub(r"([(\[{]) ", r"\1", text)
    text = re.sub(r" ([)\]},])", r"\1", text)
    text = text.replace(" : = ", " := ")  # KaTeX writes := as two operators
    return text.strip()
