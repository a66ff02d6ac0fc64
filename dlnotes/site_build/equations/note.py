r"""What the note above a display equation says: ``<!-- equation: ... -->``, parts separated by ``;``.

- ``skip: reason``: not a computation (a set, a shape statement, a definition); the reason is shown;
- ``refuted``: a quotation of the notes that is wrong; the check asserts that it fails;
- ``rtol=1e-4``: the relative tolerance of ``=`` and ``\approx`` (1e-6 without it);
- ``where g = \sigma``, ``where J(w) = \frac{1}{2}\sigma(w)^2``, ``where w \in (-6, 6)``: a symbol the
  prose defines for this equation (an alias, a function, a random number in an interval);
- ``one sample``: a derivation about one sample, checked with $m = 1$.

Without a note an equation must hold. Light on purpose: the build reads notes to mark each equation, and
needs none of the checker's numpy.
"""

from __future__ import annotations

from dataclasses import dataclass

RTOL = 1e-6
STATES = ("holds", "refuted", "skipped")


@dataclass(frozen=True)
class Note:
    """What the ``<!-- equation: ... -->`` line above an equation says."""

    state: str  # "holds", "refuted" or "skipped"
    reason: str = ""
    rtol: float = RTOL
    where: tuple[str, ...] = ()
    samples: int | None = None  # "one sample": the derivation is about one sample, m = 1


def read_note(annotation: str | None) -> Note:
    if annotation is None:
        return Note("holds")
    state, reason, rtol, where, samples = "holds", "", RTOL, [], None
    for part in (p.strip() for p in annotation.split(";") if p.strip()):
        if part.startswith("skip"):
            state, reason = "skipped", part.partition(":")[2].strip()
        elif part == "refuted":
            state = "refuted"
        elif part.startswith("rtol="):
            rtol = float(part.removeprefix("rtol="))
        elif part.startswith("where "):
            where.append(part.removeprefix("where ").strip())
        elif part == "one sample":
            samples = 1
        else:
            raise ValueError(f"unknown part {part!r} in <!-- equation: {annotation} -->")
    return Note(state, reason, rtol, tuple(where), samples)
