"""The core's docstrings are Markdown for mkdocstrings: a reST role would show raw on the API page."""

from __future__ import annotations

import importlib
import inspect
import re
from collections.abc import Iterator
from types import ModuleType

import pytest

import dlnotes
from tests.core_modules import core_modules as module_names

# :func:`x`, :py:meth:`x`, :class:`~a.B`: reST's roles. mkdocstrings renders Markdown, where a
# link is [x][dlnotes.module.x] and code is `x`.
REST_ROLE = re.compile(r":(?:py:)?(?:func|class|meth|mod|data|attr|obj|exc|const|ref|term):`")


def core_modules() -> list[ModuleType]:
    """The package and its plain modules, private ones included; the subpackages are other layers."""
    return [dlnotes] + [importlib.import_module(f"dlnotes.{name}") for name in module_names(private=True)]


def docstrings(module: ModuleType) -> Iterator[tuple[str, str]]:
    """(qualified name, docstring) of the module and of everything it defines, methods included."""
    yield module.__name__, module.__doc__ or ""
    pending: list[object] = list(vars(module).values())
    while pending:
        obj = pending.pop()
        if not (inspect.isfunction(obj) or inspect.isclass(obj)) or obj.__module__ != module.__name__:
            continue
        yield f"{module.__name__}.{obj.__qualname__}", inspect.getdoc(obj) or ""
        if inspect.isclass(obj):
            pending.extend(vars(obj).values())


def test_the_walk_finds_the_core_and_not_the_other_layers():
    names = {module.__name__ for module in core_modules()}
    assert {"dlnotes", "dlnotes.activations", "dlnotes._checks", "dlnotes.datasets"} <= names
    assert not {name for name in names if name.startswith(("dlnotes.figures", "dlnotes.site_build"))}


def test_the_walk_reaches_methods():
    from dlnotes import datasets

    assert "dlnotes.datasets.Table.as_XY" in dict(docstrings(datasets))


@pytest.mark.parametrize("text", [":func:`sigmoid`", "see :py:meth:`Table.as_XY`", ":mod:`dlnotes.layers`"])
def test_the_pattern_catches_a_rest_role(text):
    assert REST_ROLE.search(text)


@pytest.mark.parametrize("text", ["[sigmoid][dlnotes.activations.sigmoid]", "``TypeError``", "ratio: `m`"])
def test_the_pattern_spares_markdown(text):
    assert not REST_ROLE.search(text)


@pytest.mark.parametrize("module", core_modules(), ids=lambda module: module.__name__)
def test_no_rest_roles_in_core_docstrings(module):
    offenders = [f"{name}: {match}" for name, doc in docstrings(module) for match in REST_ROLE.findall(doc)]
    assert not offenders, "write [name][dlnotes.module.name] or `name` instead of:\n" + "\n".join(offenders)
