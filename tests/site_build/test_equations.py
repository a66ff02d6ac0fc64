"""The equation checker: it reads the pages' TeX, catches small changes to it, and explains its failures.

The checks of the pages themselves run with each page (tests/sybil_equations.py); these tests check the
checker. The mutation test is the proof that a passing check means something: it changes each checked
formula a little, as a typo would, and the check must then fail.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from dlnotes.site_build.equations.check import check, side_values, uses_network
from dlnotes.site_build.equations.note import Note, read_note
from dlnotes.site_build.equations.symbols import EquationError, table
from dlnotes.site_build.equations.tex import Node, TexError, parse
from dlnotes.site_build.page import DisplayMath, read_page

PAGES = sorted(Path("docs/notes").glob("*.md"))


def equations() -> Iterator[tuple[str, DisplayMath, Note, bool]]:
    for path in PAGES:
        text = path.read_text(encoding="utf-8")
        for item in read_page(text):
            if isinstance(item, DisplayMath):
                yield f"{path}:{item.start}", item, read_note(item.annotation), uses_network(text)


# -- failures teach


def test_a_formula_that_does_not_hold_fails_with_the_page_the_tex_the_difference_and_the_inputs() -> None:
    with pytest.raises(EquationError) as failed:
        check("docs/notes/x.md:12", r"dw = \frac{1}{m} X\,dZ", Note("holds"))  # the transpose lost
    message = str(failed.value)
    assert message.startswith("docs/notes/x.md:12: does not hold")
    assert r"dw = \frac{1}{m} X\,dZ" in message
    assert "a matrix product of shapes (3, 5) and (1, 5)" in message
    assert "inputs: draw 0; X of shape (3, 5), from " in message

    with pytest.raises(EquationError, match=r"largest difference [0-9.e-]+\n  inputs: draw \d; A = "):
        check("p.md:3", "dZ = A - Y + 0.01", Note("holds"))


def test_an_unreadable_formula_names_the_tex_and_the_token_where_reading_stopped() -> None:
    expected = re.escape("p.md:4: cannot read 'Z = W^{[1]} + )': expected a symbol, stopped at token ')' at offset 14")
    with pytest.raises(EquationError, match=expected):
        check("p.md:4", r"Z = W^{[1]} + )", Note("holds"))
    with pytest.raises(TexError, match=r"\\begin\{cases\} is never closed"):
        parse(r"f = \begin{cases} 1 & z > 0")


def test_a_symbol_missing_from_the_table_is_an_error_naming_it_and_the_page() -> None:
    with pytest.raises(EquationError, match=r"p.md:9: the symbol 'q' is not in symbols.toml"):
        check("p.md:9", "q = X", Note("holds"))


def test_a_refuted_quote_that_holds_fails_and_one_that_fails_reports_its_counterexample() -> None:
    with pytest.raises(EquationError, match="refuted, but it holds on all"):
        check("p.md:2", "dZ = A - Y", Note("refuted"))
    assert check("p.md:2", "dZ = A + Y", Note("refuted")).startswith("refuted: dZ = A + Y: largest difference")


def test_a_formula_beside_code_must_use_what_that_code_computes() -> None:
    with pytest.raises(
        EquationError, match=re.escape("stands beside dlnotes.shallow_network._backward but uses nothing")
    ):
        check("p.md:5", "n_x = n_x", Note("holds"), beside="dlnotes.shallow_network._backward")
    # dZ2 from the code shown (backward pass) against the TeX: a sign error in the code would fail here
    check("p.md:6", "dZ^{[2]} = A^{[2]} - Y", Note("holds"), beside="dlnotes.shallow_network._backward")


def test_a_note_with_an_unknown_part_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown part 'refute'"):
        read_note("refute")
    assert read_note("skip: a set, not a computation") == Note("skipped", "a set, not a computation")


def test_every_shape_and_domain_of_the_symbol_table_holds_on_every_draw() -> None:
    """The notation page's Shape and Entries columns are checked like an equation: ``X : (n_x, m)``."""
    claims = 0
    for symbol in table():
        if symbol.section == "indices":
            continue
        written = symbol.tex.replace("{l}", "{1}").replace("[l]", "[1]").replace("(i)", "(2)").replace("_j", "_1")
        shape = symbol.shape.replace("[l]", "[1]").replace("[l-1]", "[0]") if symbol.shape else None
        if shape and "h, w" not in shape:
            check(f"symbols.toml: {symbol.tex}", f"{written} : {shape}", Note("holds"))
            claims += 1
        if symbol.domain and not symbol.call:
            check(f"symbols.toml: {symbol.tex}", rf"{written} \in {symbol.domain}", Note("holds"))
            claims += 1
    assert claims >= 40


# -- what the pages' equations are


def test_nine_in_ten_question_page_equations_are_checked_or_refuted_and_every_skip_has_a_reason() -> None:
    states = [note.state for _, _, note, _ in equations()]
    assert len(states) >= 60, "the seven pages' display equations"
    checked = sum(state in ("holds", "refuted") for state in states)
    assert checked / len(states) >= 0.9, f"{checked} of {len(states)} checked"
    assert all(note.reason for _, _, note, _ in equations() if note.state == "skipped")


def test_every_equation_beside_included_source_holds() -> None:
    beside = [(where, note.state) for where, item, note, _ in equations() if item.beside]
    assert len(beside) >= 15
    assert [where for where, state in beside if state != "holds"] == []


# -- mutations: a small change to a checked formula must make its check fail


def mutants(tex: str) -> Iterator[tuple[str, str]]:
    """Each one-place change a typo could make: (what changed, the changed TeX)."""
    changes = [
        (r"\\t?frac\{1\}\{m\}\s*", lambda m: "", "drop 1/m"),
        (r"(?<![\\{])\+", lambda m: "-", "+ to -"),
        (r"(?<![\\{a-z])-(?![&\\])", lambda m: "+", "- to +"),
        (r"\^T\b|(?<=\])T(?=\})", lambda m: "", "drop a transpose"),
        (r"\\sigma\b", lambda m: r"\tanh", "sigma to tanh"),
        (r"\\tanh\b", lambda m: r"\sigma", "tanh to sigma"),
        (r"\^\{?2\}?", lambda m: "^3", "square to cube"),
        (r"(?<![\w.\\])(\d+)(?![\w.])", lambda m: str(int(m[1]) + 1), "a number plus one"),
    ]
    for pattern, replace, what in changes:
        for found in re.finditer(pattern, tex):
            # Not inside \begin{...}/\end{...} names or spacing like \\[6pt]
            if re.search(r"\\(?:begin|end)\{[a-z]*$", tex[: found.start()]):
                continue
            yield f"{what} at {found.start()}", tex[: found.start()] + replace(found) + tex[found.end() :]


def _same(a: list[Any], b: list[Any]) -> bool:
    if len(a) != len(b):
        return False
    for x, y in zip(a, b, strict=True):
        if isinstance(x, str) or isinstance(y, str) or isinstance(x, tuple) or isinstance(y, tuple):
            if x != y:
                return False
        elif np.shape(x) != np.shape(y) or not np.allclose(x, y, rtol=1e-9, atol=1e-12, equal_nan=True):
            return False
    return True


def test_a_small_change_to_a_checked_formula_fails_its_check() -> None:
    caught, equal, survivors, total = 0, 0, [], 0
    for where, item, note, network in equations():
        if note.state != "holds":
            continue
        original = side_values(item.tex, note, network)
        beside = item.beside.target if item.beside else None
        for what, tex in mutants(item.tex):
            total += 1
            try:
                check(where, tex, note, beside, network)
            except EquationError:
                caught += 1
                continue
            try:
                same = _same(side_values(tex, note, network), original)
            except TexError:
                same = False
            if same:
                equal += 1  # a rewrite of the same value: nothing for the check to catch
            else:
                survivors.append(f"{where}: {what}: {tex}")
    counted = total - equal
    fraction = caught / counted
    print(f"\nmutation test: {caught} of {counted} changes caught ({fraction:.1%}); {equal} rewrote an equal formula")
    assert total > 200
    assert fraction >= 0.95, "\n".join(survivors)


def test_the_readme_and_the_home_page_state_the_counts_the_checks_find() -> None:
    states = [note.state for _, _, note, _ in equations()]
    total, holds, refuted = len(states), states.count("holds"), states.count("refuted")
    skipped = states.count("skipped")
    readme = " ".join(Path("README.md").read_text(encoding="utf-8").split())
    home = " ".join(Path("docs/index.md").read_text(encoding="utf-8").split())
    assert f"Each of the {total} is read from its TeX" in readme
    assert f"{holds} hold (those beside" in readme
    assert f"and {refuted}, quoted from the notes, are shown false; none is skipped" in readme
    assert skipped == 0
    assert f"all {total} are computed with numpy from their TeX, {holds} hold, and the {refuted} quoted" in home


# -- the conventions the parser reads (where a general TeX parser goes wrong)


def read(tex: str) -> Node:
    chain = parse(tex, {"dZ", "dz", "dW"}, {r"\sigma", "g"})
    node: Node = chain.args[1][0] if not chain.args[0] else chain
    return node


def test_dz_transposed_is_the_gradient_symbol_transposed_not_d_times_z() -> None:
    node = read("dZ^T")
    assert node.kind == "transpose"
    assert node.args[0].kind == "sym"
    assert node.args[0].args == ("dZ",)


def test_a_layer_superscript_with_t_is_a_layer_and_a_transpose_not_a_power() -> None:
    node = read("W^{[2]T}")
    assert node.kind == "transpose"
    assert node.args[0].layer == parse("2").args[1][0]


def test_a_sample_and_a_layer_together_and_a_prime_on_a_layer_function() -> None:
    node = read("dz^{[2](i)}")
    assert node.layer is not None
    assert node.sample is not None
    assert (node.args, node.layer.args, node.sample.args) == (("dz",), (2.0,), ("i",))
    slope = read(r"g^{[1]\prime}(Z)")
    assert slope.kind == "call"
    assert slope.args[0].primes == 1


def test_the_matrix_product_binds_tighter_than_the_entrywise_one() -> None:
    node = read(r"W^{[2]T} dZ * g'(Z)")
    assert node.kind == "mul"
    assert node.args[0].kind == "juxt"  # (W^T dZ) * g'(Z), as the notes mean


def test_a_fraction_of_differentials_is_a_derivative_and_a_power_of_a_function_applies_first() -> None:
    assert read(r"\frac{dg(z)}{dz}").kind == "derivative"
    assert read(r"\frac{1}{dz}").kind == "frac"
    power = read(r"\cosh^2(z)")
    assert power.kind == "pow"
    assert power.args[0].kind == "call"


def test_a_function_takes_the_one_factor_after_it_when_no_parenthesis_follows() -> None:
    node = read(r"y \log a + b")
    assert node.kind == "sum"
    first = node.args[0][1]
    assert first.kind == "juxt"
    assert first.args[1].kind == "call"


def test_the_notation_page_says_how_many_draws_and_what_tolerance_the_checker_uses() -> None:
    from dlnotes.site_build.equations.note import RTOL
    from dlnotes.site_build.equations.world import DRAWS

    words = {8: "eight", 10: "ten", 5: "five"}
    text = " ".join(Path("docs/notation.md").read_text(encoding="utf-8").split())
    assert f"on {words[DRAWS]} random draws" in text
    assert f"relative $10^{{{int(np.log10(RTOL))}}}$" in text


def test_a_function_named_with_mathrm_reads_as_with_operatorname() -> None:
    # A contributor's first spelling of relu: both render upright, so both name the table's function.
    assert check("p.md:1", r"\mathrm{relu}(z) = \max(0, z)", Note("holds")).startswith("holds")
    with pytest.raises(EquationError, match="does not hold"):
        check("p.md:1", r"\mathrm{relu}(z) = z", Note("holds"))
