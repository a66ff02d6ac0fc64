"""Every public function states its equation, has type hints and a runnable Examples section."""

import importlib
import inspect

import pytest

from tests.core_modules import core_modules, public_functions


@pytest.mark.parametrize(
    "function", [pytest.param(function, id=f"{module}.{name}") for module, name, function in public_functions()]
)
def test_public_function_conventions(function):
    doc = inspect.getdoc(function) or ""
    signature = inspect.signature(function)
    assert signature.return_annotation is not inspect.Signature.empty, "missing return annotation"
    for parameter in signature.parameters.values():
        assert parameter.annotation is not inspect.Parameter.empty, f"parameter {parameter.name} has no type hint"
    assert "$" in doc, "the docstring states no equation in $...$"
    assert "Examples\n--------\n>>>" in doc, "no Examples section with a doctest"
    assert "Parameters\n----------" in doc or not signature.parameters, "no Parameters section"
    assert "Returns\n-------" in doc, "no Returns section"
    # Every function that takes arguments refuses bad ones (README, "Conventions"), and says how.
    assert "Raises\n------" in doc or not signature.parameters, "no Raises section"


def test_every_module_lists_its_public_names():
    for name in core_modules():
        module = importlib.import_module(f"dlnotes.{name}")
        defined = {
            n
            for n, o in vars(module).items()
            if (inspect.isfunction(o) or inspect.isclass(o))
            and o.__module__ == module.__name__
            and not n.startswith("_")
        }
        assert defined == set(module.__all__), f"dlnotes.{name}: __all__ {sorted(module.__all__)} vs {sorted(defined)}"
