"""The numerical core's modules, found by walking the package rather than listed by hand.

A module added to dlnotes/ is then held to the core's rules (the layer test, the API page)
without anyone remembering to add it to a list.
"""

import pkgutil
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
