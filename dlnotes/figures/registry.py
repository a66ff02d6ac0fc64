"""The figure registry: one plain function per figure, with its alt text and caption beside it."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from matplotlib.figure import Figure

NAME = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@dataclass(frozen=True)
class FigureSpec:
    """A registered figure: ``draw(theme)`` returns a matplotlib Figure drawn from dlnotes code."""

    name: str
    draw: Callable[[str], Figure]
    alt: str
    caption: str


REGISTRY: dict[str, FigureSpec] = {}


def figure(name: str, *, alt: str, caption: str) -> Callable[[Callable[[str], Figure]], Callable[[str], Figure]]:
    """Register ``draw(theme) -> Figure`` under a stable, URL-safe name."""
    if not NAME.match(name):
        raise ValueError(f"figure name {name!r} must be lower-case words joined by '-'")
    if len(alt.split()) < 6:
        raise ValueError(f"figure {name!r}: alt text must say what the figure shows, got {alt!r}")

    def register(draw: Callable[[str], Figure]) -> Callable[[str], Figure]:
        if name in REGISTRY:
            raise ValueError(f"figure {name!r} is registered twice")
        REGISTRY[name] = FigureSpec(name, draw, alt, caption)
        return draw

    return register


class UnknownFigureError(KeyError):
    """A page refers to a figure that is not registered."""

    def __str__(self) -> str:
        return str(self.args[0])


def get(name: str) -> FigureSpec:
    """The registered figure called ``name``, or an error listing the known ones."""
    load_all()
    try:
        return REGISTRY[name]
    except KeyError:
        raise UnknownFigureError(unknown_message(name, REGISTRY)) from None


def unknown_message(name: str, registered: Iterable[str]) -> str:
    """What an unknown figure name is told: the name, and the names that would do."""
    return f"unknown figure {name!r}; registered figures: {', '.join(sorted(registered))}"


def load_all() -> dict[str, FigureSpec]:
    """Import every module of figures, so that all of them are registered."""
    from dlnotes.figures import catalogue  # noqa: F401 (imported for its registrations)

    return REGISTRY
