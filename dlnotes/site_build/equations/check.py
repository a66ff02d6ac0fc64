r"""Check a display equation: evaluate its TeX on random draws and compare each side of every relation.

Each statement of the equation (an ``aligned`` row, or a part after ``\qquad``) is a relation chain; ``=``
holds to a relative tolerance (``rtol``, 1e-6 unless the note above the equation says otherwise), ``<``,
``\le``... hold entry by entry, ``\in`` tests a set, an interval or a shape, ``A : (p, q)`` says the shape
of ``A``, and ``:=`` compares the value after one step of gradient descent. An index that no sum binds
(``l``, ``i``, ``j``) runs over every value it takes. When the equation stands beside included source,
that function runs on the same draw and what it computes (its local variables, named as the notes name
them: ``dZ2`` is $dZ^{[2]}$) replaces the world's values, so the TeX is compared with the code shown.

The note above an equation, ``<!-- equation: ... -->``, holds parts separated by ``;``: ``skip: reason``,
``refuted`` (a quotation of the notes that must fail), ``rtol=1e-4``, and ``where g = \sigma`` or
``where J(w) = \frac{1}{2}\sigma(w)^2`` (a symbol the prose defines for this equation).
"""

from __future__ import annotations

import importlib
import math
import re
import sys
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from dlnotes.site_build.equations.note import Note
from dlnotes.site_build.equations.symbols import (
    INDICES,
    SYMBOLS,
    EquationError,
    function_names,
    gradient_names,
    lookup,
    table,
)
from dlnotes.site_build.equations.tex import Node, TexError, parse, statements
from dlnotes.site_build.equations.world import DRAWS, NETWORK, STEP, World, derivative

ATOL = 1e-8
BUILTINS: dict[str, Callable[..., Any]] = {
    r"\log": np.log, r"\exp": np.exp, r"\cosh": np.cosh, r"\sinh": np.sinh, r"\max": np.maximum,
    "abs": np.abs, "norm": lambda v: float(np.linalg.norm(v)), "indicator": lambda c: np.asarray(c, dtype=float),
}  # fmt: skip


class EvalError(ValueError):
    """The TeX asks for something that cannot be computed: shapes that do not multiply, an unknown symbol."""


# -- values


@dataclass(frozen=True)
class SetValue:
    items: tuple[Any, ...]


@dataclass(frozen=True)
class Space:
    shape: tuple[int, ...]


@dataclass(frozen=True)
class Fill:
    """``1 \\cdots 1``: a row of ones as wide as the matrix it stands in."""

    value: float


class _Names(Mapping[str, Any]):
    """A world's values as a namespace for the table's Python (``W{l}`` becomes ``W2``)."""

    def __init__(self, ctx: Context) -> None:
        self.ctx = ctx

    def __getitem__(self, key: str) -> Any:
        if key == "np":
            return np
        return self.ctx.world_value(key)

    def __iter__(self) -> Iterator[str]:
        return iter(())

    def __len__(self) -> int:
        return 0


@dataclass
class Context:
    world: World
    page: str
    where: dict[str, tuple[tuple[str, ...], Node]]
    locals: dict[str, Any] = field(default_factory=dict)
    after: World | None = None
    read: set[str] = field(default_factory=set)
    called: set[str] = field(default_factory=set)

    def with_locals(self, **values: Any) -> Context:
        return Context(self.world, self.page, self.where, {**self.locals, **values}, self.after, self.read, self.called)

    def with_world(self, world: World) -> Context:
        return Context(world, self.page, self.where, self.locals, self.after, self.read, self.called)

    def world_value(self, name: str) -> Any:
        real = self.world.name(name)
        self.read.add(real)
        try:
            return self.world.value(real)
        except KeyError:
            raise EvalError(f"the world has no value {real!r}") from None


def _python(ctx: Context, template: str, slots: Mapping[str, Any]) -> Any:
    lowest = {"l": 0, "i": 1, "j": 1}  # layer 0 is the input; samples and units count from 1
    called = {"l": "layer", "i": "sample", "j": "unit"}
    for name, value in slots.items():
        if value < lowest.get(name, 0):
            raise EvalError(f"there is no {called.get(name, name)} {value}")
    code = template.format(**slots)
    try:
        return eval(code, {"__builtins__": {}}, _Names(ctx))  # the table's own Python
    except (IndexError, KeyError) as error:
        raise EvalError(f"{code} does not exist on this draw ({error})") from None


def _as_int(value: Any) -> int:
    number = float(np.asarray(value).reshape(-1)[0]) if np.size(value) == 1 else math.nan
    if not number.is_integer():
        raise EvalError(f"an index must be a whole number, got {value!r}")
    return int(number)


def _symbol_value(ctx: Context, node: Node) -> Any:
    name = node.args[0]
    plain = node.layer is None and node.sample is None and node.sub is None
    if plain and name in ctx.locals:
        return ctx.locals[name]
    if plain and name in ctx.where and not ctx.where[name][0]:
        return evaluate(ctx, ctx.where[name][1])
    if name == "e" and plain:
        return math.e
    symbol, slots = lookup(node, ctx.page)
    values = {key: _as_int(evaluate(ctx, expr)) for key, expr in slots.items()}
    if symbol.domain and "index" in symbol.section:
        raise EvalError(f"the index {name} is not bound here")
    return _python(ctx, symbol.value or symbol.code, values)


def _function(ctx: Context, node: Node) -> tuple[Callable[..., Any], str | None, str]:
    """The callable a function node names, its declared derivative's dotted name, and a name for messages."""
    if node.kind == "text":
        return evaluate(ctx, node), None, node.args[0]
    if node.kind == "sym" and node.args[0] in ctx.where and ctx.where[node.args[0]][0] == ():
        return _function(ctx, ctx.where[node.args[0]][1])
    if node.kind == "sym" and node.args[0] in ctx.where:
        params, body = ctx.where[node.args[0]]
        return (
            (lambda *args: evaluate(ctx.with_locals(**dict(zip(params, args, strict=True))), body)),
            None,
            node.args[0],
        )
    name = node.args[0]
    if node.kind in ("sym", "fn") and name in BUILTINS and not any(s.node.args[:1] == (name,) for s in table()):
        return BUILTINS[name], None, name
    symbol, slots = lookup(node, ctx.page)
    if not symbol.call:
        raise EvalError(f"{symbol.tex} is not a function")
    values = {key: _as_int(evaluate(ctx, expr)) for key, expr in slots.items()}
    dotted = symbol.call.format(**values)
    if dotted.startswith("dlnotes."):
        module, _, attribute = dotted.rpartition(".")
        ctx.called.add(dotted)
        return getattr(importlib.import_module(module), attribute), symbol.derivative, symbol.tex
    return _python(ctx, dotted, {}), symbol.derivative, symbol.tex


def _slope(f: Callable[[Any], Any], x: Any, step: float = STEP) -> Any:
    x = np.asarray(x, dtype=float)
    return (np.asarray(f(x + step)) - np.asarray(f(x - step))) / (2 * step)


def _call(ctx: Context, fn: Node, args: list[Any]) -> Any:
    primes = 0
    while fn.kind == "prime":
        primes, fn = primes + 1, fn.args[0]
    if fn.kind == "sym" and fn.primes:
        primes, fn = primes + fn.primes, Node("sym", fn.args, layer=fn.layer, sample=fn.sample, sub=fn.sub)
    f, declared, name = _function(ctx, fn)
    if fn.kind == "text":  # a method of numpy: whole numbers as ints
        args = [int(a) if isinstance(a, float) and a.is_integer() else a for a in args]
    if primes == 0:
        return f(*args)
    if len(args) != 1:
        raise EvalError(f"{name}' of {len(args)} arguments")
    # Two steps of 1e-4 for a second derivative: rounding grows as 1/step**2.
    step = STEP if primes == 1 else 1e-4
    slope: Callable[[Any], Any] = f
    for _ in range(primes):
        slope = (lambda g: lambda x: _slope(g, x, step))(slope)
    measured = slope(args[0])
    if declared and primes == 1:
        module, _, attribute = declared.rpartition(".")
        ctx.called.add(declared)
        value = getattr(importlib.import_module(module), attribute)(np.asarray(args[0], dtype=float))
        if not np.allclose(value, measured, rtol=1e-5, atol=1e-7):
            raise EvalError(f"{declared} disagrees with centred differences of {name}")
        return value
    return measured


def _multiply(left: Any, right: Any) -> Any:
    """Juxtaposition: a matrix product of two arrays, else a scaling; shapes combine by the matmul rule."""
    if isinstance(left, tuple) and isinstance(right, tuple):
        if len(left) != 2 or len(right) != 2 or left[1] != right[0]:
            raise EvalError(f"shapes {left} and {right} do not multiply")
        return (left[0], right[1])
    a, b = np.asarray(left), np.asarray(right)
    if a.ndim == 2 and b.ndim == 2 and a.size > 1 and b.size > 1:
        if a.shape[1] != b.shape[0]:
            raise EvalError(f"a matrix product of shapes {a.shape} and {b.shape}")
        return a @ b
    return _elementwise(left, right, "a product")


def _elementwise(left: Any, right: Any, what: str) -> Any:
    a, b = np.asarray(left), np.asarray(right)
    if a.size > 1 and b.size > 1 and a.shape != b.shape:
        raise EvalError(f"{what} entry by entry of shapes {a.shape} and {b.shape}")
    return left * right


def _add(left: Any, right: Any, sign: str) -> Any:
    if isinstance(left, tuple) or isinstance(right, tuple):
        return np.broadcast_shapes(left, right)  # shapes add by numpy's broadcasting rule
    return left + right if sign == "+" else left - right


def _expand(ctx: Context, before: Node, after: Node) -> list[Node]:
    """The entries an ellipsis stands for between ``before`` and ``after``: the index that differs runs."""
    paths = _differences(before, after)
    firsts = {_at(before, path) for path in paths}
    lasts = {_at(after, path) for path in paths}
    if not paths or len(firsts) != 1 or len(lasts) != 1:
        raise EvalError("an ellipsis between entries that differ in more than one index")
    start, stop = _as_int(evaluate(ctx, firsts.pop())), _as_int(evaluate(ctx, lasts.pop()))
    out = []
    for k in range(start + 1, stop):
        node = before
        for path in paths:
            node = _replace(node, path, Node("num", (float(k),)))
        out.append(node)
    return out


def _children(node: Node) -> list[tuple[Any, Node]]:
    found: list[tuple[Any, Node]] = []
    for index, arg in enumerate(node.args):
        if isinstance(arg, Node):
            found.append((index, arg))
        elif isinstance(arg, tuple):
            found.extend(((index, k), a) for k, a in enumerate(arg) if isinstance(a, Node))
    found.extend((slot, getattr(node, slot)) for slot in ("layer", "sample", "sub") if getattr(node, slot) is not None)
    return found


def _differences(a: Node, b: Node) -> list[tuple[Any, ...]]:
    """The paths to the smallest parts in which ``a`` and ``b`` differ."""
    if a == b:
        return []
    kids_a, kids_b = _children(a), _children(b)
    same_node = a.kind == b.kind and a.kind not in ("num", "name") and (a.kind != "sym" or a.args == b.args)
    if not same_node or [k for k, _ in kids_a] != [k for k, _ in kids_b]:
        return [()]
    return [(key, *path) for (key, x), (_, y) in zip(kids_a, kids_b, strict=True) for path in _differences(x, y)]


def _at(node: Node, path: tuple[Any, ...]) -> Node:
    if not path:
        return node
    key, *rest = path
    child = getattr(node, key) if isinstance(key, str) else (
        node.args[key[0]][key[1]] if isinstance(key, tuple) else node.args[key])  # fmt: skip
    return _at(child, tuple(rest))


def _replace(node: Node, path: tuple[Any, ...], new: Node) -> Node:
    if not path:
        return new
    key, *rest = path
    if isinstance(key, str):
        return _rebuild(node, **{key: _replace(getattr(node, key), tuple(rest), new)})
    args = list(node.args)
    if isinstance(key, tuple):
        inner = list(args[key[0]])
        inner[key[1]] = _replace(inner[key[1]], tuple(rest), new)
        args[key[0]] = tuple(inner)
    else:
        args[key] = _replace(args[key], tuple(rest), new)
    return _rebuild(node, args=tuple(args))


def _rebuild(node: Node, **changes: Any) -> Node:
    fields = {k: getattr(node, k) for k in ("kind", "args", "layer", "sample", "sub", "primes", "transpose", "text")}
    return Node(**{**fields, **changes})


def _entries(ctx: Context, nodes: tuple[Node, ...]) -> list[Node]:
    """``nodes`` with each ellipsis replaced by the entries it stands for."""
    out: list[Node] = []
    for k, node in enumerate(nodes):
        if node.kind == "ellipsis":
            if k == 0 or k == len(nodes) - 1:
                raise EvalError("an ellipsis needs an entry on either side")
            out.extend(_expand(ctx, nodes[k - 1], nodes[k + 1]))
        else:
            out.append(node)
    return out


def _matrix(ctx: Context, rows: tuple[tuple[Node, ...], ...]) -> Any:
    firsts = tuple(row[0] if len(row) == 1 else Node("rowgroup", (row,)) for row in rows)
    blocks: list[list[Any]] = []
    for row in _entries(ctx, firsts):
        cells = row.args[0] if row.kind == "rowgroup" else (row,)
        blocks.append([evaluate(ctx, cell) for cell in _entries(ctx, cells)])
    width = next((sum(np.shape(c)[1] for c in row) for row in blocks if not any(isinstance(c, Fill) for c in row)), 1)
    filled = [
        [np.full((1, width), c.value) if isinstance(c, Fill) else np.atleast_2d(c) for c in row] for row in blocks
    ]
    try:
        return np.block(filled)
    except ValueError as error:
        raise EvalError(f"the matrix's blocks do not fit: {error}") from None


def _sum_over(ctx: Context, index: str, low: Node, high: Node | None, body: Node) -> Any:
    if index == "columns":
        return np.sum(evaluate(ctx, body), axis=1, keepdims=True)
    last = _as_int(evaluate(ctx, high)) if high is not None else None
    if last is None:
        raise EvalError(f"a sum over {index} without an upper limit")
    total: Any = 0.0
    for k in range(_as_int(evaluate(ctx, low)), last + 1):
        total = total + evaluate(ctx.with_locals(**{index: k}), body)
    return total


def _derivative(ctx: Context, top: Node, bottom: Node) -> Any:
    if bottom.kind != "sym":
        raise EvalError("a derivative by something that is not a symbol")
    symbol, _ = lookup(bottom, ctx.page)
    name = ctx.world.name(symbol.value or symbol.code)
    if not re.fullmatch(r"\w+", name):
        raise EvalError(f"a derivative by {symbol.tex}, which is not one of the world's values")
    if top.kind == "call" and len(top.args[1]) == 1 and top.args[1][0] == bottom:
        # d f(z) / dz: the function's own slope (checked against centred differences when declared)
        return _call(ctx, Node("prime", (top.args[0],)), [evaluate(ctx, bottom)])
    return derivative(ctx.world, lambda world: evaluate(ctx.with_world(world), top), name)


def evaluate(ctx: Context, node: Node) -> Any:
    kind, args = node.kind, node.args
    if kind == "num":
        return args[0]
    if kind == "group":
        return evaluate(ctx, args[0])
    if kind == "name":  # a letter written as a subscript: w_n
        return evaluate(ctx, Node("sym", args))
    if kind == "sym":
        value = _symbol_value(ctx, node)
        if node.primes:
            raise EvalError(f"{node.args[0]}' without an argument")
        return value
    if kind == "transpose":
        value = evaluate(ctx, args[0])
        return np.transpose(value) if np.ndim(value) == 2 else value
    if kind == "sum":
        terms = [(sign, term) for sign, term in args]
        nodes = _entries(ctx, tuple(term for _, term in terms)) if any(t.kind == "ellipsis" for _, t in terms) else None
        if nodes is not None:
            if {sign for sign, _ in terms} != {"+"}:
                raise EvalError("an ellipsis in a sum with minus signs")
            terms = [("+", n) for n in nodes]
        total: Any = 0.0
        for sign, term in terms:
            total = _add(total, evaluate(ctx, term), sign) if not isinstance(total, float) or total else (
                evaluate(ctx, term) if sign == "+" else -evaluate(ctx, term))  # fmt: skip
        return total
    if kind == "juxt":
        if any(a.kind == "ellipsis" for a in args):
            ends = {evaluate(ctx, a) for a in args if a.kind != "ellipsis"}
            if len(ends) != 1:
                raise EvalError("an ellipsis between different entries")
            return Fill(float(ends.pop()))
        value = evaluate(ctx, args[0])
        for factor in args[1:]:
            value = _multiply(value, evaluate(ctx, factor))
        return value
    if kind == "mul":
        return _elementwise(evaluate(ctx, args[0]), evaluate(ctx, args[1]), "a product")
    if kind == "frac":
        top, bottom = evaluate(ctx, args[0]), evaluate(ctx, args[1])
        return _elementwise(top, 1.0 / np.asarray(bottom, dtype=float), "a quotient")
    if kind == "pow":
        base = args[0]
        power = evaluate(ctx, args[1])
        if base.kind == "sym" and base.args[0] == "e" and base.layer is None:
            return np.exp(power)
        return np.asarray(evaluate(ctx, base), dtype=float) ** power
    if kind == "call":
        return _call(ctx, args[0], [evaluate(ctx, a) for a in args[1]])
    if kind == "derivative":
        return _derivative(ctx, args[0], args[1])
    if kind == "tuple":
        values = [evaluate(ctx, a) for a in args]
        if all(float(np.asarray(v)).is_integer() for v in values):
            return tuple(int(v) for v in values)
        return tuple(float(v) for v in values)
    if kind == "row":
        return _matrix(ctx, (tuple(args),))
    if kind == "matrix":
        return _matrix(ctx, args)
    if kind == "set":
        return SetValue(tuple(evaluate(ctx, a) for a in _entries(ctx, args)))
    if kind == "space":
        dims = args[0] if args else None
        shape = (
            tuple(_as_int(evaluate(ctx, d)) for d in (dims.args if dims.kind == "times" else (dims,))) if dims else ()
        )
        return Space(shape)
    if kind == "times":
        return (evaluate(ctx, args[0]), evaluate(ctx, args[1]))
    if kind == "sum_over":
        return _sum_over(ctx, *args)
    if kind == "cases":
        values = [evaluate(ctx, value) for value, _ in args]
        conditions = [np.asarray(evaluate(ctx, condition), dtype=bool) for _, condition in args]
        covered = np.logical_or.reduce(conditions)
        if not np.all(covered):
            raise EvalError("no case applies to some entries")
        return np.select(conditions, [np.broadcast_to(v, np.shape(covered)) for v in values])
    if kind == "chain":
        return _relation_value(ctx, node)
    if kind == "text":
        words = args[0].split(".")
        symbol = next((s for s in table() if s.node == Node("text", (words[0],))), None)
        if symbol is None:
            raise EquationError(f"{ctx.page}: the name {words[0]!r} is not in {SYMBOLS.name}")
        value = ctx.world_value(symbol.value or symbol.code)
        for attribute in words[1:]:
            value = getattr(value, attribute)
        return value
    if kind == "ellipsis":
        raise EvalError("an ellipsis with nothing on either side")
    raise EvalError(f"cannot evaluate {kind}")


# -- relations


def _relation_value(ctx: Context, chain: Node) -> Any:
    """An inline relation (a case's condition, an indicator): true or false entry by entry."""
    ops, parts = chain.args
    values = [evaluate(ctx, part) for part in parts]
    result: Any = True
    compare = {"<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal, "=": np.equal}
    for op, left, right in zip(ops, values, values[1:], strict=False):
        result = np.logical_and(result, compare[op](left, right))
    return result


@dataclass
class Outcome:
    holds: bool
    difference: float
    detail: str


def _same(left: Any, right: Any, rtol: float) -> Outcome:
    if isinstance(left, tuple) or isinstance(right, tuple):
        ok = tuple(left) == tuple(right) if isinstance(left, tuple) and isinstance(right, tuple) else False
        return Outcome(ok, 0.0 if ok else math.inf, f"{left} against {right}")
    a, b = np.asarray(left, dtype=float), np.asarray(right, dtype=float)
    if a.size == 1 and b.size == 1:
        a, b = a.reshape(()), b.reshape(())
    if a.shape != b.shape:
        return Outcome(False, math.inf, f"shape {a.shape} against {b.shape}")
    difference = float(np.max(np.abs(a - b), initial=0.0))
    ok = bool(np.allclose(a, b, rtol=rtol, atol=ATOL)) and bool(np.all(np.isfinite(a) == np.isfinite(b)))
    return Outcome(ok, difference, f"largest difference {difference:.3g}")


def _member(value: Any, where: Any) -> Outcome:
    if isinstance(where, SetValue):
        ok = bool(np.all(np.isin(np.asarray(value, dtype=float), np.asarray(where.items, dtype=float))))
        return Outcome(ok, 0.0, f"entries {np.unique(value)} in {where.items}")
    if isinstance(where, Space):
        shape = np.shape(value)
        ok = shape == where.shape and bool(np.all(np.isfinite(value)))
        return Outcome(ok, 0.0, f"shape {shape} in R^{where.shape}")
    if isinstance(where, tuple) and len(where) == 2:
        v = np.asarray(value, dtype=float)
        ok = bool(np.all((v > where[0]) & (v < where[1])))
        return Outcome(ok, 0.0, f"entries from {v.min():.3g} to {v.max():.3g} in the open interval {where}")
    raise EvalError(f"membership in {where!r}")


def _relation(op: str, left: Any, right: Any, rtol: float) -> Outcome:
    if op in ("=", "~", ":="):
        return _same(left, right, rtol)
    if op == "!=":
        same = _same(left, right, rtol)
        return Outcome(not same.holds, same.difference, same.detail)
    if op == "in":
        return _member(left, right)
    if op == ":":
        shape = left if isinstance(left, tuple) else np.shape(left)
        return Outcome(tuple(shape) == tuple(right), 0.0, f"shape {tuple(shape)} against {right}")
    compare = {"<": np.less, "<=": np.less_equal, ">": np.greater, ">=": np.greater_equal}[op]
    a, b = np.asarray(left, dtype=float), np.asarray(right, dtype=float)
    bad = ~compare(a, b)
    return Outcome(not bool(np.any(bad)), 0.0, f"{int(np.sum(bad))} entries fail {op}")


# -- one equation


def _where(definitions: tuple[str, ...], draw: int) -> dict[str, tuple[tuple[str, ...], Node]]:
    """``g = \\sigma`` (an alias), ``J(w) = ...`` (a function of ``w``), ``w \\in (-6, 6)`` (a random number)."""
    out: dict[str, tuple[tuple[str, ...], Node]] = {}
    for text in definitions:
        chain = parse(text, gradient_names(), function_names() | {"g", "J"})
        ops, (left, right) = chain.args
        if ops == ("in",) and right.kind == "tuple":
            low, high = (_number(a) for a in right.args)
            number = np.random.default_rng([draw, len(out)]).uniform(low, high)
            out[left.args[0]] = ((), Node("num", (float(number),)))
            continue
        if ops != ("=",):
            raise ValueError(f"where {text!r}: expected name = definition")
        if left.kind == "call":
            out[left.args[0].args[0]] = (tuple(a.args[0] for a in left.args[1]), right)
        else:
            out[left.args[0]] = ((), right)
    return out


def _number(node: Node) -> float:
    """A number written in TeX: ``6`` or ``-6``."""
    if node.kind == "num":
        return float(node.args[0])
    if node.kind == "sum" and len(node.args) == 1 and node.args[0][1].kind == "num":
        return float(node.args[0][1].args[0]) * (-1 if node.args[0][0] == "-" else 1)
    raise ValueError(f"expected a number, got {node.text or node.kind}")


def _free_indices(node: Node, bound: frozenset[str] = frozenset()) -> set[str]:
    if node.kind == "sum_over":
        index, low, high, body = node.args
        inner = _free_indices(body, bound | {index})
        return inner | _free_indices(low, bound) | (_free_indices(high, bound) if high else set())
    found = {node.args[0]} if node.kind == "sym" and node.args[0] in INDICES and node.args[0] not in bound else set()
    for _, child in _children(node):
        found |= _free_indices(child, bound)
    return found


def _index_values(ctx: Context, index: str) -> list[int]:
    symbol = next(s for s in table() if s.tex == index)
    assert symbol.domain is not None
    domain = evaluate(ctx, parse(symbol.domain, gradient_names(), function_names()).args[1][0])
    return [int(v) for v in domain.items]


def _bindings(ctx: Context, free: set[str]) -> Iterator[dict[str, int]]:
    order = [i for i in INDICES if i in free]

    def walk(k: int, bound: dict[str, int]) -> Iterator[dict[str, int]]:
        if k == len(order):
            yield dict(bound)
            return
        for value in _index_values(ctx.with_locals(**bound), order[k]):
            yield from walk(k + 1, {**bound, order[k]: value})

    yield from walk(0, {})


# The code's own names for generic-layer values: A_prev is A^{[l-1]}, dW is dW^{[l]}.
def _code_name(name: str, layer: int | None) -> str:
    if layer is None:
        return name
    if name.endswith("_prev"):
        return f"{name.removesuffix('_prev')}{layer - 1}"
    return f"{name}{layer}" if name in ("W", "b", "Z", "A", "dZ", "dW", "db", "dA") else name


def run_beside(world: World, dotted: str, layer: int | None) -> dict[str, Any]:
    """Run the function a grid shows on this draw; its locals (and dict entries) at return, by the notes' names."""
    module, _, attribute = dotted.rpartition(".")
    function = getattr(importlib.import_module(module), attribute)
    code = function.__code__
    names = code.co_varnames[: code.co_argcount]
    arguments = {}
    for name in names:
        world_name = {"dims": "layer_dims", "parameters": "params"}.get(name, _code_name(name, layer))
        value = world.value(world_name)
        arguments[name] = value.copy() if isinstance(value, np.ndarray) else value
    captured: dict[str, Any] = {}

    def profile(frame: Any, event: str, result: Any) -> None:
        if event == "return" and frame.f_code is code:
            captured.update(frame.f_locals)
            captured["return"] = result

    previous = sys.getprofile()
    sys.setprofile(profile)
    try:
        function(**arguments)
    finally:
        sys.setprofile(previous)
    out: dict[str, Any] = {}
    for name, value in captured.items():
        if name in names:
            continue
        if isinstance(value, dict):
            out.update({_code_name(k, layer): v for k, v in value.items()})
        else:
            out[_code_name(name, layer)] = value
    return out


def _describe(ctx: Context, bound: Mapping[str, int]) -> str:
    shown = []
    for name in sorted(ctx.read):
        if not ctx.world.has(name):
            continue
        value = ctx.world.value(name)
        if isinstance(value, np.ndarray) and value.size <= 12:
            shown.append(f"{name} = {np.array2string(value, precision=4, separator=', ')}")
        elif isinstance(value, np.ndarray) and value.size:
            shown.append(f"{name} of shape {value.shape}, from {value.min():.4g} to {value.max():.4g}")
        elif isinstance(value, (int, float)):
            shown.append(f"{name} = {value:.6g}")
    where = ", ".join(f"{k} = {v}" for k, v in bound.items())
    return f"draw {ctx.world.draw}" + (f", {where}" if where else "") + "; " + "; ".join(shown)


@dataclass(frozen=True)
class Failure:
    statement: str
    detail: str
    inputs: str
    difference: float


def _evaluate_statement(
    world: World, page: str, node: Node, note: Note, beside: str | None, uses: list[bool]
) -> Iterator[Failure | None]:
    """Each index binding of one statement on one draw: None where it holds, a Failure where it does not.

    ``uses`` gets, for each binding, whether the statement used what the function beside computes.
    """
    ctx = Context(world, page, _where(note.where, world.draw))
    ops, parts = node.args
    first_value = None
    for bound in _bindings(ctx, _free_indices(node) - set(ctx.where)):
        run = ctx.with_locals(**bound)
        if beside:
            layer = bound.get("l")
            locals_ = run_beside(world, beside, layer)
            assign = ":=" in ops
            pins = {k: v for k, v in locals_.items() if world.has(k) or k == "return"}
            if "return" in pins:
                value = pins.pop("return")
                # A function that returns one value, none of its locals named: it computes the left side.
                if not isinstance(value, (tuple, dict)) and not pins and not assign:
                    pins["__first__"] = value
            if assign:
                run.after = world.pinned({f"next_{k}": v for k, v in pins.items()})
            else:
                run = run.with_world(world.pinned({k: v for k, v in pins.items() if k != "__first__"}))
            run.read.clear()
            first_value = pins.get("__first__")
        relations, sides = list(ops), list(parts)
        try:
            values = [
                _assigned(run, part) if k == 0 and ops[:1] == (":=",) else evaluate(run, part)
                for k, part in enumerate(parts)
            ]
        except (EvalError, ValueError, TypeError, ArithmeticError, IndexError) as error:
            # numpy's own refusal (shapes that do not reshape...) is a failure of this formula, not a crash
            yield Failure(node.text, f"{type(error).__name__}: {error}", _describe(run, bound), math.inf)
            continue
        if beside and first_value is not None:
            # What the function returns must equal the left side, and so the whole chain.
            values.insert(0, first_value)
            relations.insert(0, "=")
            sides.insert(0, Node("text", (beside,), text=f"what {beside.rpartition('.')[2]} returns"))
        for op, left, right, l_node, r_node in zip(relations, values, values[1:], sides, sides[1:], strict=False):
            outcome = _relation(op, left, right, note.rtol)
            if not outcome.holds:
                yield Failure(
                    f"{_tex(l_node)} {op} {_tex(r_node)}", outcome.detail, _describe(run, bound), outcome.difference
                )
                break
        else:
            yield None
        if beside:
            uses.append(bool(run.read & set(pins)) or beside in run.called or first_value is not None)


def _assigned(ctx: Context, node: Node) -> Any:
    """The left side of ``:=``: the symbol's value after one step of gradient descent."""
    if node.kind != "sym":
        raise EvalError("only a symbol can be assigned")
    symbol, slots = lookup(node, ctx.page)
    values = {key: _as_int(evaluate(ctx, expr)) for key, expr in slots.items()}
    name = (symbol.value or symbol.code).format(**values)
    world = ctx.after or ctx.world
    if world.has(f"next_{name}"):
        return world.value(f"next_{name}")
    raise EvalError(f"no value of {name} after a step")


def _tex(node: Node) -> str:
    return node.text or node.kind


def check(page: str, tex: str, note: Note, beside: str | None = None, network: bool = False) -> str:
    """Check one display equation; return a one-line summary, or raise `EquationError` saying why not."""
    try:
        nodes = [parse(tex, gradient_names(), function_names(), s) for s in statements(tex)]
    except TexError as error:
        raise EquationError(f"{page}: {error}") from None
    lone = [node.text for node in nodes if not node.args[0]]
    if lone:
        raise EquationError(f"{page}: nothing to check in {lone[0]!r}: no =, <, \\le, \\in or : relates it to anything")
    failures: list[Failure] = []
    checked = 0
    uses: list[bool] = []
    for draw in range(DRAWS):
        world = World(draw, NETWORK if network else None, samples=note.samples)
        for node in nodes:
            # A log of 0 or a 0/0 gives inf or nan, which then fails its comparison with a message.
            with np.errstate(all="ignore"):
                results = list(_evaluate_statement(world, page, node, note, beside, uses))
            for result in results:
                checked += 1
                if result is not None:
                    failures.append(result)
    if beside and not any(uses):
        raise EquationError(f"{page}: it stands beside {beside} but uses nothing that function computes:\n    {tex}")
    if note.state == "refuted":
        if not failures:
            raise EquationError(f"{page}: refuted, but it holds on all {checked} checks:\n    {tex}")
        first = failures[0]
        return f"refuted: {first.statement}: {first.detail} ({first.inputs})"
    if failures:
        worst = max(failures, key=lambda f: f.difference)
        raise EquationError(
            f"{page}: does not hold ({len(failures)} of {checked} checks fail):\n    {tex}\n"
            f"  {worst.statement}: {worst.detail}\n  inputs: {worst.inputs}"
        )
    return f"holds on {checked} checks"


def uses_network(page_text: str) -> bool:
    """Whether a page's front matter says ``equations: network``: its unbracketed A, Z, loss, cost are the network's."""
    if not page_text.startswith("---\n"):
        return False
    front = page_text[4 : page_text.find("\n---", 4)]
    return any(line.strip() == "equations: network" for line in front.splitlines())


def side_values(tex: str, note: Note, network: bool = False) -> list[Any]:
    """Every side of every statement, on every draw and index binding, as numbers (or the error's text).

    Two formulas with the same side values say the same thing: the mutation test uses this to tell a
    change that rewrites a formula into an equal one from a change the check should catch.
    """
    nodes = [parse(tex, gradient_names(), function_names(), s) for s in statements(tex)]
    out: list[Any] = []
    for draw in range(DRAWS):
        world = World(draw, NETWORK if network else None, samples=note.samples)
        for node in nodes:
            ctx = Context(world, "", _where(note.where, draw))
            for bound in _bindings(ctx, _free_indices(node) - set(ctx.where)):
                for k, part in enumerate(node.args[1]):
                    run = ctx.with_locals(**bound)
                    try:
                        with np.errstate(all="ignore"):
                            assign = k == 0 and node.args[0][:1] == (":=",)
                            value = _assigned(run, part) if assign else evaluate(run, part)
                        out.append(value if isinstance(value, tuple) else np.asarray(value, dtype=float))
                    except (EvalError, EquationError, ValueError, TypeError, ArithmeticError, IndexError) as e:
                        out.append(f"error: {e}")
    return out
