r"""Read a display equation's TeX, exactly as the page has it, into a small tree.

A recursive-descent parser over the TeX the pages use, with the course's conventions built in:

- juxtaposed factors multiply, and bind tighter than ``*``, ``\odot`` and ``\cdot`` (so in
  ``W^{[2]T} dZ^{[2]} * g'(Z)`` the matrix product comes first);
- ``^{[l]}`` is a layer, ``^{(i)}`` a sample, ``^T`` a transpose, ``'`` or ``\prime`` a derivative;
  any other superscript is a power;
- ``d`` written before a symbol of the table (``dz``, ``dW^{[1]}``) is that gradient symbol, and
  ``\frac{dU}{dV}`` is a derivative;
- a function name (``\sigma``, ``\log``, ``g^{[1]}``) takes the parenthesised arguments after it, or
  else the one factor after it (``\log a``);
- ``\dots``, ``\cdots`` and ``\vdots`` stand for the entries between their neighbours.

An equation it cannot read raises `TexError` with the TeX and the token it stopped at.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NoReturn

# Spacing and sizing that change how a formula looks, never what it means.
NOISE = {
    r"\left", r"\right", r"\bigl", r"\bigr", r"\Bigl", r"\Bigr", r"\big", r"\Big", r"\textstyle",
    r"\displaystyle", r"\,", r"\;", r"\!", r"\ ", r"\limits",
}  # fmt: skip
# Tokens that end a run of juxtaposed factors: operators, closers, separators.
ENDS_FACTOR = {
    "+", "-", "*", ")", "]", "}", ",", "&", r"\\", r"\odot", r"\cdot", r"\times", r"\}", r"\rVert",
    r"\qquad", r"\quad", r"\end", ".",
}  # fmt: skip
FRAC = {r"\frac", r"\tfrac", r"\dfrac"}
ELLIPSIS = {r"\dots", r"\cdots", r"\vdots", r"\ldots"}
FUNCTIONS = {r"\log", r"\exp", r"\tanh", r"\cosh", r"\sinh", r"\max", r"\sigma"}
RELATIONS = {"=": "=", r"\le": "<=", r"\leq": "<=", r"\ge": ">=", r"\geq": ">=", "<": "<", ">": ">",
             r"\approx": "~", ":=": ":=", r"\in": "in", ":": ":", r"\ne": "!=", r"\neq": "!="}  # fmt: skip
TOKEN = re.compile(
    r"(?P<space>\s+)|(?P<cmd>\\[A-Za-z]+|\\[,;!{}| \\])|(?P<num>\d+(?:\.\d+)?)|(?P<assign>:=)"
    r"|(?P<char>[A-Za-z])|(?P<sym>[-+*/=<>()\[\]{}^_,|:'&.])"
)


class TexError(ValueError):
    """A formula the parser cannot read: the message names the TeX and the token where it stopped."""


@dataclass(frozen=True)
class Tok:
    text: str
    at: int  # offset in the TeX


@dataclass(frozen=True)
class Node:
    """One node of the tree: ``kind`` says what it is, ``args`` its children or values."""

    kind: str
    args: tuple = ()
    # For symbols: the layer, sample and subscript expressions, primes and a transpose.
    layer: Node | None = None
    sample: Node | None = None
    sub: Node | None = None
    primes: int = 0
    transpose: bool = False
    text: str = field(default="", compare=False)  # the TeX it was read from, for messages


def tokens(tex: str) -> list[Tok]:
    out: list[Tok] = []
    position = 0
    while position < len(tex):
        found = TOKEN.match(tex, position)
        if not found:
            raise TexError(f"cannot read {tex!r}: unexpected character {tex[position]!r} at offset {position}")
        position = found.end()
        if found.lastgroup == "space" or found.group() in NOISE:
            continue
        text = found.group()
        out.append(Tok({r"\tfrac": r"\frac", r"\dfrac": r"\frac", r"\ldots": r"\dots"}.get(text, text), found.start()))
    return out


class Parser:
    """Parses one relation chain; ``gradients`` are the table's ``d``-symbols, ``functions`` its function names."""

    def __init__(self, tex: str, gradients: set[str], functions: set[str]) -> None:
        self.tex = tex
        self.toks = tokens(tex)
        self.pos = 0
        self.original = tex
        self.in_abs = 0
        self.gradients = gradients
        self.functions = functions | FUNCTIONS

    # -- helpers
    def peek(self, ahead: int = 0) -> str | None:
        index = self.pos + ahead
        return self.toks[index].text if index < len(self.toks) else None

    def take(self, expected: str | None = None) -> str:
        text = self.peek()
        if text is None or (expected is not None and text != expected):
            self.fail(f"expected {expected!r}" if expected else "unexpected end")
        self.pos += 1
        assert text is not None  # fail() raised otherwise
        return text

    def fail(self, why: str) -> NoReturn:
        where = self.toks[self.pos] if self.pos < len(self.toks) else None
        token = f"token {where.text!r} at offset {where.at}" if where else "the end"
        raise TexError(f"cannot read {self.tex!r}: {why}, stopped at {token}")

    def group(self) -> list[Tok]:
        """The tokens of a ``{...}`` group, or of the single token that stands for one."""
        if self.peek() != "{":
            return [self._one()]
        self.take("{")
        start, depth = self.pos, 1
        while depth:
            text = self.take()
            depth += {"{": 1, "}": -1}.get(text, 0)
        return self.toks[start : self.pos - 1]

    def _one(self) -> Tok:
        tok = self.toks[self.pos]
        self.pos += 1
        return tok

    def sub_parser(self, toks: list[Tok]) -> Parser:
        inner = Parser.__new__(Parser)
        inner.tex, inner.toks, inner.pos, inner.in_abs, inner.original = self.tex, toks, 0, 0, self.original
        inner.gradients, inner.functions = self.gradients, self.functions
        return inner

    def parse_group(self, toks: list[Tok], rule: Callable[[Parser], Node] | None = None) -> Node:
        inner = self.sub_parser(toks)
        node = (rule or Parser.expression)(inner)
        if inner.peek() is not None:
            inner.fail("unexpected token")
        return node

    # -- grammar
    def chain(self) -> Node:
        """``expr (relation expr)*``: a relation chain, or a lone expression."""
        parts: list[Node] = [self.part()]
        ops: list[str] = []
        while self.peek() in RELATIONS:
            ops.append(RELATIONS[self.take()])
            parts.append(self.part())
        if self.peek() is not None:
            self.fail("unexpected token")
        return Node("chain", (tuple(ops), tuple(parts)), text=self.source(0, len(self.toks)))

    def part(self) -> Node:
        """One side of a relation, remembering its TeX for messages."""
        start = self.pos
        node = self.expression()
        return Node(node.kind, node.args, node.layer, node.sample, node.sub, node.primes, node.transpose,
                    self.source(start, self.pos))  # fmt: skip

    def source(self, start: int, stop: int) -> str:
        """The TeX of tokens ``start`` to ``stop``, as the page has it."""
        if start >= stop or not self.original:
            return ""
        last = self.toks[stop - 1]
        return self.original[self.toks[start].at : last.at + len(last.text)].strip()

    def expression(self) -> Node:
        """Sums and differences of products; a leading minus negates the first term."""
        terms: list[tuple[str, Node]] = []
        sign = "+"
        if self.peek() in ("-", "+"):
            sign = self.take()
        terms.append((sign, self.product()))
        while self.peek() in ("+", "-"):
            sign = self.take()
            terms.append((sign, self.product()))
        if len(terms) == 1 and terms[0][0] == "+":
            return terms[0][1]
        return Node("sum", tuple(terms))

    def product(self) -> Node:
        """Element-wise products (``*``, ``\\odot``, ``\\cdot``) of juxtapositions."""
        node = self.juxtaposition()
        while self.peek() in ("*", r"\odot", r"\cdot", r"\times"):
            op = self.take()
            node = Node("times" if op == r"\times" else "mul", (node, self.juxtaposition()))
        return node

    def juxtaposition(self) -> Node:
        factors = [self.postfix()]
        while self.starts_factor():
            factors.append(self.postfix())
        return factors[0] if len(factors) == 1 else Node("juxt", tuple(factors))

    def starts_factor(self) -> bool:
        """Whether the next token can begin another factor of a juxtaposition."""
        text = self.peek()
        if text == "|":
            return not self.in_abs  # inside |...| a bar closes; outside, it opens an absolute value
        return text is not None and text not in RELATIONS and text not in ENDS_FACTOR

    def postfix(self) -> Node:
        node = self.atom()
        while self.peek() in ("^", "'"):
            if self.take() == "'":
                node = Node("prime", (node,))
                continue
            inner = self.group()
            if [t.text for t in inner] == ["T"]:
                node = Node("transpose", (node,))
            else:
                node = Node("pow", (node, self.parse_group(inner)))
        return node

    def atom(self) -> Node:
        text = self.peek()
        if text is None:
            self.fail("expected a factor")
        assert text is not None
        if re.fullmatch(r"\d+(?:\.\d+)?", text):
            self.take()
            return Node("num", (float(text),))
        if text in ELLIPSIS:
            self.take()
            return Node("ellipsis", (text,))
        if text == "(" or text == "[":
            return self.bracketed()
        if text == r"\{":
            self.take()
            items = self.items(r"\}")
            return Node("set", tuple(items))
        if text == "|":
            self.take()
            self.in_abs += 1
            inner = self.expression()
            self.in_abs -= 1
            self.take("|")
            return Node("call", (Node("fn", ("abs",)), (inner,)))
        if text == r"\lVert":
            self.take()
            inner = self.expression()
            self.take(r"\rVert")
            return Node("call", (Node("fn", ("norm",)), (inner,)))
        if text in FRAC:
            self.take()
            top, bottom = self.group(), self.group()
            if len(top) >= 2 and len(bottom) >= 2 and top[0].text == "d" and bottom[0].text == "d":
                return Node("derivative", (self.parse_group(top[1:]), self.parse_group(bottom[1:])))
            return Node("frac", (self.parse_group(top), self.parse_group(bottom)))
        if text == r"\sum":
            return self.summation()
        if text == r"\mathbb":
            self.take()
            name = "".join(t.text for t in self.group())
            if name == "1":  # the indicator: 1 where the condition in brackets holds, else 0
                self.take("[")
                condition = self.chain_inline()
                self.take("]")
                return Node("call", (Node("fn", ("indicator",)), (condition,)))
            if name == "R" and self.peek() == "^":
                self.take()
                return Node("space", (self.parse_group(self.group()),))
            return Node("space", ())
        if text == r"\text":
            self.take()
            words = "".join(t.text for t in self.group())
            if self.peek() == "(":  # \text{images.reshape}(m, -1): a method of a named value
                return self.apply(Node("text", (words,)))
            return Node("text", (words,))
        if text in (r"\operatorname", r"\mathrm"):  # \mathrm{relu}(z) names a function as \operatorname does
            self.take()
            return self.function("".join(t.text for t in self.group()))
        if text == r"\begin":
            return self.environment()
        if text == r"\varnothing":
            self.take()
            return Node("set", ())
        return self.symbol()

    def bracketed(self) -> Node:
        """``( ... )`` or ``[ ... ]``: a group, a tuple (commas) or a row of entries (``\\quad``)."""
        opener = self.take()
        closer = ")" if opener == "(" else "]"
        items = self.items(closer)
        if len(items) == 1 and items[0].kind != "row":
            return Node("group", (items[0],))
        return items[0] if items[0].kind == "row" else Node("tuple", tuple(items))

    def items(self, closer: str) -> list[Node]:
        items = [self.expression()]
        separators = set()
        while self.peek() in (",", r"\quad"):
            separators.add(self.take())
            items.append(self.expression())
        self.take(closer)
        if r"\quad" in separators:
            return [Node("row", tuple(items))]
        return items

    def summation(self) -> Node:
        self.take(r"\sum")
        index, low, high = None, None, None
        if self.peek() == "_":
            self.take()
            below = self.group()
            if len(below) >= 3 and below[1].text == "=":
                index, low = below[0].text, self.parse_group(below[2:])
            elif len(below) == 1:
                index = below[0].text  # the notes' \sum_i^m: from 1, as they mean
            else:
                index = "".join(t.text for t in below).replace(r"\text", "").strip("{}")
        if self.peek() == "^":
            self.take()
            high = self.parse_group(self.group())
        body = self.juxtaposition()
        return Node("sum_over", (index, low or Node("num", (1.0,)), high, body))

    def environment(self) -> Node:
        self.take(r"\begin")
        name = "".join(t.text for t in self.group())
        rows: list[list[list[Tok]]] = [[[]]]
        depth = 0
        while True:
            text = self.peek()
            if text is None:
                self.fail(f"\\begin{{{name}}} is never closed")
            if text == r"\end" and depth == 0:
                self.take()
                self.group()
                break
            self.take()
            depth += {r"\begin": 1, r"\end": -1}.get(str(text), 0)
            if depth == 0 and text == "&":
                rows[-1].append([])
            elif depth == 0 and text == r"\\":
                if self.peek() == "[":  # \\[6pt]: spacing
                    while self.take() != "]":
                        pass
                rows.append([[]])
            else:
                rows[-1][-1].append(self.toks[self.pos - 1])
        if name in ("bmatrix", "pmatrix"):
            return Node("matrix", tuple(self.matrix_row(row) for row in rows if any(row)))
        if name == "cases":
            return Node("cases", tuple((self.parse_group(value), self.parse_group(cond, Parser.condition))
                                       for value, cond in rows if value))  # fmt: skip
        self.fail(f"unknown environment {name!r}")
        raise AssertionError

    def matrix_row(self, cells: list[list[Tok]]) -> tuple[Node, ...]:
        """A row's entries; a row drawn ``- v -`` (the course's picture of a row vector) is the entry ``v``."""
        texts = [[t.text for t in cell] for cell in cells]
        if texts and texts[-1] == ["-"] and texts[0][:1] == ["-"]:
            cells = [cells[0][1:], *cells[1:-1]] if texts[0] != ["-"] else cells[1:-1]
        return tuple(self.parse_group(cell) for cell in cells if cell)

    def condition(self) -> Node:
        """A case's condition: ``z \\ge 0``, optionally after ``\\text{if }``."""
        if self.peek() == r"\text":
            words = self.atom()
            if self.peek() is None:
                return words
        return self.chain_inline()

    def chain_inline(self) -> Node:
        parts = [self.expression()]
        ops = []
        while self.peek() in RELATIONS:
            ops.append(RELATIONS[self.take()])
            parts.append(self.expression())
        return Node("chain", (tuple(ops), tuple(parts)))

    def function(self, name: str) -> Node:
        node = Node("fn", (name,))
        return self.apply(node)

    def apply(self, fn: Node) -> Node:
        """A function symbol: primes and a power, then its arguments."""
        power = None
        while self.peek() in ("'", "^"):
            if self.take() == "'":
                fn = Node("prime", (fn,))
            else:
                inner = self.group()
                if inner and inner[-1].text == r"\prime":
                    fn = Node("prime", (fn,))
                    inner = inner[:-1]
                if inner:
                    power = self.parse_group(inner)
        if self.peek() == "(":
            self.take("(")
            args = [self.expression()]
            while self.peek() == ",":
                self.take()
                args.append(self.expression())
            self.take(")")
        elif self.starts_factor():
            args = [self.postfix()]
        else:
            return fn if power is None else Node("pow", (fn, power))
        node = Node("call", (fn, tuple(args)))
        return node if power is None else Node("pow", (node, power))

    def symbol(self) -> Node:
        """A letter or command, with the ``d`` of a gradient, subscripts, layer, sample, transpose, primes."""
        name = self.take()
        if name in (r"\hat", r"\mathcal"):
            name = f"{name}{{{''.join(t.text for t in self.group())}}}"
        nxt = self.peek()
        if name == "d" and nxt is not None:
            joined = "d" + nxt
            if nxt in (r"\hat", r"\mathcal"):
                joined = "d" + nxt + "{" + (self.peek(2) or "") + "}"
            if joined in self.gradients:
                self.take()
                if nxt in (r"\hat", r"\mathcal"):
                    self.group()
                name = joined
        if not re.fullmatch(r"d?(?:[A-Za-z]|\\[A-Za-z]+(?:\{[A-Za-z]\})?)", name):
            self.pos -= 1
            self.fail("expected a symbol")
        sub = layer = sample = None
        transpose, primes = False, 0
        while True:
            if self.peek() == "_":
                self.take()
                inner = self.group()
                sub = Node("text", ("".join(t.text for t in inner[2:-1]),)) if inner[0].text == r"\text" else (
                    Node("name", (inner[0].text,)) if len(inner) == 1 and inner[0].text.isalpha() and
                    inner[0].text not in "ijkl" else self.parse_group(inner))  # fmt: skip
                continue
            if self.peek() == "'":
                self.take()
                primes += 1
                continue
            if self.peek() != "^":
                break
            # A superscript: [layer], (sample), T and primes in that order; anything else is a power.
            start = self.pos
            self.take()
            inner = self.group()
            texts = [t.text for t in inner]
            k = 0
            got = False
            if texts[k : k + 1] == ["["]:
                close = texts.index("]", k)
                layer, k, got = self.parse_group(inner[k + 1 : close]), close + 1, True
            if texts[k : k + 1] == ["("] and ")" in texts[k:]:
                close = texts.index(")", k)
                sample, k, got = self.parse_group(inner[k + 1 : close]), close + 1, True
            while k < len(texts) and texts[k] in ("T", r"\prime", "'"):
                transpose = transpose or texts[k] == "T"
                primes += texts[k] != "T"
                k, got = k + 1, True
            if k < len(texts) or not got:
                self.pos = start  # a power: postfix() reads it
                break
        node = Node("sym", (name,), layer=layer, sample=sample, sub=sub, primes=primes)
        if name in self.functions and (self.peek() in ("(", "^") or self.starts_factor()):
            node = self.apply(node)
        return Node("transpose", (node,)) if transpose else node


def statements(tex: str) -> list[list[Tok]]:
    r"""The statements of a display equation: its ``aligned`` rows, and the parts ``\qquad`` separates.

    A row that starts with a relation continues the chain above it, and one that starts with an operator
    continues the expression above it (a formula broken over two lines).
    """
    toks = tokens(tex)
    joined = "".join(t.text for t in toks)
    for name in ("aligned", "gathered"):
        opening, closing = rf"\begin{{{name}}}", rf"\end{{{name}}}"
        if joined.startswith(opening) and joined.endswith(closing):
            size = len(name) + 3
            toks = toks[size:-size]
    rows: list[list[Tok]] = [[]]
    depth = 0
    for tok in toks:
        depth += {r"\begin": 1, r"\end": -1}.get(tok.text, 0)
        if depth == 0 and tok.text in (r"\\", r"\qquad"):
            if tok.text == r"\qquad" and rows[-1] and rows[-1][-1].text == ",":
                rows[-1].pop()
            rows.append([])
            rows[-1].append(Tok(tok.text, tok.at))
        elif depth or tok.text != "&":
            rows[-1].append(tok)
    out: list[list[Tok]] = []
    for row in rows:
        separator = row[0].text if row and row[0].text in (r"\\", r"\qquad") else None
        body = [t for t in row[1 if separator else 0 :] if t.text != r"\quad" or t is not row[1 if separator else 0]]
        if not body:
            continue
        first = body[0].text
        if out and separator == r"\\" and (first in RELATIONS or first in ("+", "-", "*")):
            out[-1].extend(body)
        else:
            out.append(body)
    return out


def parse(
    tex: str,
    gradients: set[str] | frozenset[str] = frozenset(),
    functions: set[str] | frozenset[str] = frozenset(),
    toks: list[Tok] | None = None,
) -> Node:
    """One relation chain (or lone expression) of ``tex``; or of its tokens ``toks``, one of its `statements`."""
    parser = Parser(tex, set(gradients), set(functions))
    if toks is not None:
        parser.toks = toks
        parser.tex = parser.source(0, len(toks))
    return parser.chain()
