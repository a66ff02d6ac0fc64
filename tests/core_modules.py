"""The numerical core's modules, found by walking the package rather than listed by hand.

A module added to dlnotes/ is then held to the core's rules (the layer test, the API page)
without anyone remembering to add it to a list.
"""

import importlib
import inspect
import pkgutil
from collections.abc import Callable
from pathlib import Path

# The checkout's package folder, as tests/site_build/test_pages.py finds it (ROOT / "dlnotes").
PACKAGE = Path(__file__).resolve().parents[1] / "dlnotes"


def core_modules(*, private: bool = False) -> list[str]:
    """Names of the top-level modules of dlnotes, the subpackages (figures, site_build) left out.

    Private helpers (``_checks``) are left out unless ``private`` is true: they are part of the
    core's layer but have no page on the API reference.
    """
    return sorted(
        info.name
        for info in pkgutil.iter_modules([str(PACKAGE)])
        if not info.ispkg and (private or not info.name.startswith("_"))
    )


def public_objects() -> list[tuple[str, str, object]]:
    """``(module, name, object)`` for every name a public core module lists in ``__all__``.

    A module without ``__all__`` is an error here, not a module with nothing public: every test
    that walks the public API would otherwise pass over it in silence.
    """
    found = []
    for module_name in core_modules():
        module = importlib.import_module(f"dlnotes.{module_name}")
        assert hasattr(module, "__all__"), f"dlnotes.{module_name} has no __all__"
        found += [(module_name, name, getattr(module, name)) for name in module.__all__]
    return found


def public_functions() -> list[tuple[str, str, Callable[..., object]]]:
    """``(module, name, function)`` for the functions among them (classes such as ``Table`` left out)."""
    return [(module, name, obj) for module, name, obj in public_objects() if inspect.isfunction(obj)]
