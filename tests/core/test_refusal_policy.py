"""The refusal policy of the README's "Conventions", held over every public function of the core.

Every public function is found at run time: each module of the ``dlnotes`` package that is
neither a subpackage nor private, each name in its ``__all__`` that is a function. So a
function added later is checked too.

Its valid arguments come from ``GENERATORS``, a table keyed by parameter name (or by
``"module.function:parameter"`` where a name means something else in one function). A
parameter the table does not know fails the test, with a message saying to add a
generator: no public function goes unchecked.

Hypothesis draws valid arguments, checks that the call succeeds, and then replaces ONE
argument at a time by each bad value of its kind (None, strings, bytes, complex numbers,
bools, dicts and objects, ragged nested lists, NaN, +-inf, 10**400, wrong ranks and
shapes, empty arrays, transposed inputs, ...). Every call runs with warnings as errors
and under ``np.errstate(all="raise")``, and must

- return a finite result, or raise ``TypeError`` or ``ValueError`` whose message names
  the replaced argument (for some bad values the policy fixes which of the two: a string
  where a number is meant is always a ``TypeError``, NaN in an array a ``ValueError``);
- raise nothing else, warn nothing;
- leave every argument as it was.

Each exception a function raises must be documented in its numpydoc ``Raises`` section.
"""

from __future__ import annotations

import contextlib
import copy
import dataclasses
import inspect
import io
import re
import warnings
from collections.abc import Callable
from typing import Any

import numpy as np
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import array_shapes, arrays

from tests.core_modules import public_functions


# ---- valid arguments, by parameter name ----------------------------------------------------
@dataclasses.dataclass(frozen=True)
class Sizes:
    """The sizes one call shares: X is (n_x, m), W1 is (n_h, n_x), and so on."""

    n_x: int
    m: int
    n_h: int


@dataclasses.dataclass(frozen=True)
class Param:
    """How to draw a valid value (``valid(sizes)`` is a strategy), and which ``kind`` of bad values to try."""

    kind: str
    valid: Callable[[Sizes], st.SearchStrategy[Any]]


def reals(low: float = -5.0, high: float = 5.0) -> st.SearchStrategy[float]:
    # Subnormals included: they probe that underflow is never an error.
    return st.floats(low, high, allow_nan=False, allow_infinity=False)


def matrix(rows: int, cols: int, low: float = -5.0, high: float = 5.0) -> st.SearchStrategy[np.ndarray]:
    return arrays(np.float64, (rows, cols), elements=reals(low, high))


def labels(m: int) -> st.SearchStrategy[np.ndarray]:
    return arrays(np.int64, (1, m), elements=st.integers(0, 1))


def probabilities(m: int) -> st.SearchStrategy[np.ndarray]:
    # Exactly 0 and 1 too: a saturated sigmoid outputs them.
    return arrays(np.float64, (1, m), elements=st.one_of(st.sampled_from([0.0, 1.0]), reals(0.0, 1.0)))


def network(s: Sizes, prefix: str = "") -> st.SearchStrategy[dict[str, np.ndarray]]:
    shapes = {"W1": (s.n_h, s.n_x), "b1": (s.n_h, 1), "W2": (1, s.n_h), "b2": (1, 1)}
    return st.fixed_dictionaries({prefix + key: matrix(*shape, -2.0, 2.0) for key, shape in shapes.items()})


def broadcastable_shapes(_: Sizes) -> st.SearchStrategy[tuple[Any, ...]]:
    """1 to 3 shapes that broadcast together, each as a tuple, a list, a 1-d array or (1-d) an int."""

    @st.composite
    def draw(draw_: Any) -> tuple[Any, ...]:
        full = draw_(st.lists(st.integers(0, 4), max_size=3))
        shapes = []
        for _ in range(draw_(st.integers(1, 3))):
            length = draw_(st.integers(0, len(full)))
            shape = [size if draw_(st.booleans()) else 1 for size in full[len(full) - length :]]
            form = draw_(st.sampled_from(["tuple", "list", "array", "int"]))
            if form == "int" and len(shape) == 1:
                shapes.append(shape[0])
            elif form == "array":
                shapes.append(np.array(shape, dtype=np.int64))
            else:
                shapes.append(tuple(shape) if form == "tuple" else shape)
        return tuple(shapes)

    return draw()


def sine_sum(v: Any) -> float:
    return float(np.sum(np.sin(v)))


def sine_sum_of_dict(p: dict[str, Any]) -> float:
    return float(sum(np.sum(np.sin(np.asarray(value, dtype=np.float64))) for value in p.values()))


def images(_: Sizes) -> st.SearchStrategy[np.ndarray]:
    shape = st.one_of(
        array_shapes(min_dims=3, max_dims=3, max_side=3), array_shapes(min_dims=4, max_dims=4, max_side=3)
    )
    return arrays(np.uint8, shape)


X = Param("array", lambda s: matrix(s.n_x, s.m))
# Labels are arrays that may also be booleans (the course's Y = X[0:1] > 0).
Y = Param("labels", lambda s: labels(s.m))
GENERATORS: dict[str, Param] = {
    # arrays
    "z": Param(
        "array",
        lambda s: st.one_of(
            reals(-1e3, 1e3),
            arrays(np.float64, array_shapes(min_dims=0, max_dims=3, min_side=0, max_side=3), elements=reals(-1e3, 1e3)),
        ),
    ),
    "X": X,
    "X_train": X,
    "X_test": X,
    "A_prev": X,
    "Y": Y,
    "Y_train": Y,
    "Y_test": Y,
    "w": Param("array", lambda s: matrix(s.n_x, 1)),
    "W": Param("array", lambda s: matrix(s.n_h, s.n_x)),
    "layers.linear_forward:b": Param("array", lambda s: matrix(s.n_h, 1)),
    "dZ": Param("array", lambda s: matrix(s.n_h, s.m)),
    "A2": Param("array", lambda s: probabilities(s.m)),
    "x": Param(
        "array", lambda s: arrays(np.float64, array_shapes(min_dims=0, max_dims=2, max_side=3), elements=reals())
    ),
    "grad": Param("array", lambda s: matrix(s.n_x, s.m)),
    "grad_approx": Param("array", lambda s: matrix(s.n_x, s.m)),
    "images": Param("array", images),
    # dicts of arrays
    "parameters": Param("dict", network),
    "grads": Param("dict", lambda s: network(s, prefix="d")),
    "cache": Param(
        "dict", lambda s: st.fixed_dictionaries({"A1": matrix(s.n_h, s.m, -1.0, 1.0), "A2": probabilities(s.m)})
    ),
    # numbers
    "b": Param("scalar", lambda s: reals()),
    "learning_rate": Param("positive", lambda s: reals(1e-3, 2.0)),
    "epsilon": Param("positive", lambda s: reals(1e-7, 1e-3)),
    "scale": Param("positive", lambda s: reals(1e-3, 1.0)),
    "petals": Param("positive", lambda s: reals(0.5, 5.0)),
    "noise": Param("non_negative", lambda s: reals(0.0, 0.5)),
    # whole numbers
    "n_x": Param("size", lambda s: st.just(s.n_x)),
    "n_h": Param("size", lambda s: st.just(s.n_h)),
    "n_y": Param("size", lambda s: st.integers(1, 2)),
    "dim": Param("size", lambda s: st.integers(1, 4)),
    "m": Param("size", lambda s: st.integers(1, 5).map(lambda k: 2 * k)),  # flower needs it even
    "size": Param("size", lambda s: st.integers(1, 8)),
    "every": Param("size", lambda s: st.integers(1, 3)),
    "num_iterations": Param("count", lambda s: st.integers(0, 3)),
    "seed": Param("seed", lambda s: st.integers(0, 2**32)),
    "layer_dims": Param("sizes", lambda s: st.lists(st.integers(1, 4), min_size=2, max_size=4)),
    "shapes": Param("shape", broadcastable_shapes),
    # the rest
    "f": Param("callable", lambda s: st.just(sine_sum)),
    "cost": Param("callable", lambda s: st.just(sine_sum_of_dict)),
    "print_cost": Param("flag", lambda s: st.booleans()),
    "loss": Param("choice", lambda s: st.sampled_from(["cross-entropy", "squared-error"])),
}


def generator_for(module: str, function: Any, name: str) -> Param | None:
    return GENERATORS.get(f"{module}.{function.__name__}:{name}", GENERATORS.get(name))


# ---- bad values, by kind ---------------------------------------------------------------------
TYPE, VALUE, EITHER, MAYBE = "TypeError", "ValueError", "TypeError or ValueError", "finite result or refusal"
NUMBERS = {"array", "labels", "scalar", "positive", "non_negative"}
WHOLE = {"size", "count", "seed"}


def universal_bad_values(kind: str) -> list[tuple[str, Any, str]]:
    """What no parameter accepts (with the exception class the policy fixes), tried everywhere."""
    number = VALUE if kind in NUMBERS else TYPE  # NaN in an array is a wrong value; as a count, a wrong type
    return [
        ("None", None, TYPE),
        ("a string", "1.5", VALUE if kind == "choice" else TYPE),
        ("another string", "abc", VALUE if kind == "choice" else TYPE),
        ("bytes", b"1", TYPE),
        ("a complex number", 1 + 2j, TYPE),
        ("True", True, MAYBE if kind == "flag" else VALUE if kind == "labels" else TYPE),
        ("an object", object(), TYPE),
        ("a dict", {"a": 1.0}, EITHER if kind == "dict" else TYPE),
        ("a ragged list", [[1.0, 2.0], [3.0]], VALUE if kind in ("array", "labels", "scalar") else TYPE),
        ("a list of strings", ["a", "b"], TYPE),
        ("NaN", float("nan"), number),
        ("inf", float("inf"), number),
        ("-inf", float("-inf"), number),
        ("10**400", 10**400, MAYBE if kind in ("seed", "shape") else VALUE if kind in NUMBERS | WHOLE else TYPE),
        ("-10**400", -(10**400), VALUE if kind in NUMBERS | WHOLE | {"shape"} else TYPE),
    ]


def with_one(array: np.ndarray, value: float) -> np.ndarray:
    bad = np.array(array, dtype=np.float64)
    bad.reshape(-1)[0] = value
    return bad


def with_huge_int(array: np.ndarray) -> Any:
    """The array as nested lists, its first number replaced by 10**400 (a bare 10**400 for a 0-d array)."""
    nested = array.tolist()
    if not isinstance(nested, list):
        return 10**400
    row = nested
    while isinstance(row[0], list):
        row = row[0]
    row[0] = 10**400
    return nested


def _returns(value: Any) -> Callable[..., Any]:
    return lambda *_: value


def derived_bad_values(kind: str, valid: Any) -> list[tuple[str, Any, str]]:
    """Bad values made from the valid one: wrong shapes, NaN inside, the wrong dtype, ..."""
    bad: list[tuple[str, Any, str]] = []
    if kind in ("array", "labels"):
        array = np.asarray(valid)
        bad += [
            ("a bare number", 0.5, MAYBE),
            ("an empty 1-d array", np.zeros(0), MAYBE),
            ("one more axis", array[np.newaxis], MAYBE),
            ("a 0-d array", np.float64(0.5), MAYBE),
        ]
        if array.ndim >= 1:
            bad += [("rank 1", array.reshape(-1), MAYBE), ("no columns", array[..., :0], MAYBE)]
        if array.ndim == 2:
            bad += [("transposed", array.T, MAYBE)]
        if array.size:
            bad += [
                ("a NaN inside", with_one(array, np.nan), VALUE),
                ("an inf inside", with_one(array, np.inf), VALUE),
                ("1e308 inside", with_one(array, 1e308), MAYBE),
                ("10**400 inside", with_huge_int(array), VALUE),
                ("booleans", array.astype(bool), MAYBE if kind == "labels" else TYPE),
                ("complex numbers", array.astype(complex), TYPE),
                ("strings", array.astype(str), TYPE),
                ("None inside", np.array([None] * array.size, dtype=object).reshape(array.shape), TYPE),
            ]
    elif kind in ("scalar", "positive", "non_negative"):
        bad += [
            ("0", 0.0, VALUE if kind == "positive" else MAYBE),
            ("-1", -1.0, MAYBE if kind == "scalar" else VALUE),
            ("an array of two", np.ones(2), VALUE if kind == "scalar" else TYPE),
            ("1e308", 1e308, MAYBE),
            ("a 0-d array", np.array(valid), MAYBE),
        ]
    elif kind in WHOLE:
        bad += [
            ("2.5", 2.5, TYPE),
            ("3.0", 3.0, TYPE),
            ("a numpy integer", np.int64(2), MAYBE),
            ("0", 0, VALUE if kind == "size" else MAYBE),
            ("-1", -1, VALUE),
        ]
    elif kind == "sizes":
        bad += [
            ("one size", [3], VALUE),
            ("a 0", [3, 0], VALUE),
            ("a float", [2, 2.5], TYPE),
            ("a string", "34", TYPE),
            ("a bool", (2, True), TYPE),
            ("nothing", [], VALUE),
            ("10**400", [2, 10**400], VALUE),
        ]
    elif kind == "dict":
        first = next(iter(valid))
        bad += [
            ("a key missing", {k: v for k, v in valid.items() if k != first}, MAYBE),
            ("a list", list(valid.values()), TYPE),
            ("NaN in an entry", {**valid, first: with_one(valid[first], np.nan)}, VALUE),
            ("None as an entry", {**valid, first: None}, TYPE),
            ("a string as an entry", {**valid, first: "abc"}, TYPE),
            ("a ragged entry", {**valid, first: [[1.0, 2.0], [3.0]]}, VALUE),
            ("a transposed entry", {**valid, first: np.asarray(valid[first]).T}, MAYBE),
            ("a rank-1 entry", {**valid, first: np.asarray(valid[first]).reshape(-1)}, MAYBE),
            ("an empty entry", {**valid, first: np.zeros((0, 0))}, MAYBE),
        ]
    elif kind == "callable":
        bad += [
            ("returns an array", _returns(np.ones(2)), TYPE),
            ("returns a (1, 1) array", _returns(np.ones((1, 1))), TYPE),
            ("returns NaN", _returns(float("nan")), VALUE),
            ("returns inf", _returns(float("inf")), VALUE),
            ("returns a string", _returns("1.0"), TYPE),
            ("returns None", _returns(None), TYPE),
            ("returns True", _returns(True), TYPE),
            ("returns complex", _returns(1j), TYPE),
        ]
    elif kind == "flag":
        bad += [("1", 1, TYPE), ("0", 0, TYPE), ("'no'", "no", TYPE), ("a numpy bool", np.True_, MAYBE)]
    elif kind == "choice":
        bad += [("an unknown name", "hinge", VALUE), ("another case", "Cross-Entropy", VALUE)]
    elif kind == "shape":
        bad += [
            ("a negative size", (-1,), VALUE),
            ("a negative whole number", -3, VALUE),
            ("a float size", (2.5,), TYPE),
            ("a nested tuple", ((1,),), TYPE),
            ("a 2-d array", np.zeros((2, 2), dtype=np.int64), TYPE),
            ("a clash", (7, 5), MAYBE),
            ("a bool size", (True,), TYPE),
        ]
    else:
        raise AssertionError(f"no bad values for the kind {kind!r}")
    return bad


# ---- the checks ------------------------------------------------------------------------------
def is_finite(result: Any) -> bool:
    """No NaN or infinity anywhere in ``result``: arrays, numbers, dicts, sequences, dataclasses."""
    if isinstance(result, np.ndarray):
        return result.dtype.kind not in "fc" or bool(np.isfinite(result).all())
    if isinstance(result, (float, complex, np.floating, np.complexfloating)):
        return bool(np.isfinite(result))
    if isinstance(result, dict):
        return all(is_finite(value) for value in result.values())
    if isinstance(result, (list, tuple)):
        return all(is_finite(value) for value in result)
    if dataclasses.is_dataclass(result):
        return all(is_finite(getattr(result, field.name)) for field in dataclasses.fields(result))
    return True


def same(a: Any, b: Any) -> bool:
    """Exactly equal, NaN included, recursively; arrays compare their dtype, shape and bytes."""
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        if a.dtype != b.dtype or a.shape != b.shape:
            return False
        if a.dtype.kind == "O":
            return all(same(x, y) for x, y in zip(a.flat, b.flat, strict=True))
        return a.tobytes() == b.tobytes()
    if isinstance(a, dict):
        return a.keys() == b.keys() and all(same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(same(x, y) for x, y in zip(a, b, strict=True))
    if isinstance(a, float):
        return a == b or (a != a and b != b)
    if isinstance(a, (int, str, bytes, bool, complex, type(None), np.generic)):
        return bool(a == b) or (a != a and b != b)
    return True  # functions and bare objects hold no data a call could change


def names(message: str, parameter: inspect.Parameter) -> bool:
    """Does the message name the parameter? ``*shapes`` may be named one at a time, as ``shape 0``."""
    words = [parameter.name]
    if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
        words.append(parameter.name.removesuffix("s"))
    return any(re.search(rf"(?<![\w.]){re.escape(word)}(?!\w)", message) for word in words)


def call(function: Any, signature: inspect.Signature, arguments: dict[str, Any]) -> Any:
    """The call, strictly: every warning is an error, every floating-point event raises, output is dropped."""
    args: list[Any] = []
    kwargs: dict[str, Any] = {}
    for name, parameter in signature.parameters.items():
        if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
            args.extend(arguments[name])
        elif parameter.kind is inspect.Parameter.KEYWORD_ONLY:
            kwargs[name] = arguments[name]
        else:
            args.append(arguments[name])
    with warnings.catch_warnings(), np.errstate(all="raise"), contextlib.redirect_stdout(io.StringIO()):
        warnings.simplefilter("error")
        return function(*args, **kwargs)


def documented_raises(function: Any) -> set[str]:
    doc = inspect.getdoc(function) or ""
    section = re.search(r"^Raises\n-+\n(.*?)(?:\n\n[A-Z]\w+\n-+\n|\Z)", doc, re.S | re.M)
    if not section:
        return set()
    # An entry names one exception or several, "TypeError, ValueError", at the start of its line.
    entries = re.findall(r"^(\w+Error(?:, \w+Error)*)\b", section.group(1), re.M)
    return {name for entry in entries for name in entry.split(", ")}


@pytest.mark.parametrize(
    ("module", "function"),
    [pytest.param(module, function, id=f"{module}.{name}") for module, name, function in public_functions()],
)
def test_refusal_policy(module: str, function: Any) -> None:
    signature = inspect.signature(function)
    table = {
        name: param for name in signature.parameters if (param := generator_for(module, function, name)) is not None
    }
    unknown = [name for name in signature.parameters if name not in table]
    assert not unknown, (
        f"dlnotes.{module}.{function.__name__}: no generator for parameter(s) {unknown}. Add one to GENERATORS in "
        f"tests/core/test_refusal_policy.py (a strategy for valid values and the kind of bad values to try), so that "
        f"the refusal policy covers this function"
    )
    raised: set[str] = set()

    # No shrinking: each example makes dozens of calls, and the message already names the function, the
    # argument and the bad value; derandomize makes a failure reproducible.
    @settings(
        max_examples=25,
        deadline=None,
        derandomize=True,
        database=None,
        report_multiple_bugs=False,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=[HealthCheck.too_slow],
    )
    @given(data=st.data())
    def holds(data: st.DataObject) -> None:
        sizes = Sizes(
            n_x=data.draw(st.integers(1, 3)), m=data.draw(st.integers(1, 4)), n_h=data.draw(st.integers(1, 3))
        )
        valid = {name: data.draw(param.valid(sizes), label=name) for name, param in table.items()}
        before = copy.deepcopy(valid)
        result = call(function, signature, valid)
        assert is_finite(result), f"valid arguments gave a result that is not finite: {result!r}"
        assert all(same(valid[k], before[k]) for k in valid), "a valid argument was mutated"

        for name, param in table.items():
            parameter = signature.parameters[name]
            for label, bad, expected in universal_bad_values(param.kind) + derived_bad_values(param.kind, valid[name]):
                arguments = dict(valid)
                if parameter.kind is inspect.Parameter.VAR_POSITIONAL:
                    arguments[name] = (bad, *valid[name][1:])
                else:
                    arguments[name] = bad
                before = copy.deepcopy(arguments)
                where = f"{function.__name__} with {name} = {label}"
                try:
                    result = call(function, signature, arguments)
                except (TypeError, ValueError) as error:
                    raised.add(type(error).__name__)
                    message = str(error)
                    assert names(message, parameter), f"{where}: the message does not name {name}: {message!r}"
                    if expected == TYPE:
                        assert isinstance(error, TypeError), f"{where}: wrong type, expected TypeError: {error!r}"
                    elif expected == VALUE:
                        assert isinstance(error, ValueError), f"{where}: wrong value, expected ValueError: {error!r}"
                else:
                    assert expected == MAYBE, f"{where}: accepted, but the policy refuses it with a {expected}"
                    assert is_finite(result), f"{where}: the result is not finite: {result!r}"
                assert all(same(arguments[k], before[k]) for k in arguments), f"{where}: an argument was mutated"

    holds()
    undocumented = raised - documented_raises(function)
    assert not undocumented, (
        f"dlnotes.{module}.{function.__name__} raises {sorted(undocumented)} but its docstring's "
        f"Raises section does not list them"
    )


def test_a_parameter_without_a_generator_fails_with_advice():
    def added_later(X: Any, tolerance: float) -> float:
        """Raises
        ------
        ValueError
        """
        return 0.0

    with pytest.raises(
        AssertionError, match=r"no generator for parameter\(s\) \['tolerance'\]\. Add one to GENERATORS"
    ):
        test_refusal_policy("somewhere", added_later)
