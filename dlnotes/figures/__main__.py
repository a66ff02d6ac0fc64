"""``python -m dlnotes.figures OUTDIR``: write registered figures, light and dark, as SVG (and a light PNG for notebooks).

By default every registered figure; ``--figure NAME`` (repeatable) picks some, ``--module``
imports a module that registers more first, and ``--report FILE`` writes what happened as
JSON (the figures' alt text and captions, the counts, the error if any) for a caller such
as `dlnotes.figures.fresh_process`.
"""

from __future__ import annotations

import argparse
import importlib
import json
import sys
from pathlib import Path
from typing import Any

from dlnotes._project import PACKAGE_DIR
from dlnotes.figures import registry
from dlnotes.figures.render import FigureError, FigureRenderer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m dlnotes.figures", description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("outdir", type=Path, help="folder to write <name>-light.svg and <name>-dark.svg into")
    parser.add_argument("--cache-dir", type=Path, default=None, help="where rendered figures are cached")
    parser.add_argument(
        "--figure",
        action="append",
        dest="figures",
        metavar="NAME",
        help="write this figure only (repeat for more); default: every registered figure",
    )
    parser.add_argument(
        "--module",
        action="append",
        dest="modules",
        default=[],
        metavar="MODULE",
        help="import this module first, for the figures it registers",
    )
    parser.add_argument("--report", type=Path, default=None, help="write a JSON report of the run to this file")
    args = parser.parse_args(argv)

    # The key is taken before any figure code is imported: this process is about to import the code it names.
    renderer = FigureRenderer(cache_dir=args.cache_dir) if args.cache_dir else FigureRenderer()
    report: dict[str, Any] = {
        "package": str(PACKAGE_DIR),
        "digest": renderer.package,
        "figures": {},
        "rendered": 0,
        "cached": 0,
        "error": None,
    }
    try:
        for module in args.modules:
            importlib.import_module(module)
        registered = registry.load_all()
        report["figures"] = {
            name: {"alt": spec.alt, "caption": spec.caption} for name, spec in sorted(registered.items())
        }
        names = sorted(registered) if args.figures is None else args.figures
        for name in names:
            try:
                registry.get(name)  # every name is checked before anything is drawn
            except registry.UnknownFigureError as error:
                raise FigureError(str(error), name) from None
        written = renderer.write(args.outdir, names)
    except FigureError as error:
        report["error"] = {"figure": error.figure, "message": str(error)}
    except Exception as error:  # noqa: BLE001 (reported, not swallowed: the caller reads the report)
        # figure code that does not even import: report it like a figure that fails
        report["error"] = {"figure": None, "message": f"importing the figures failed: {type(error).__name__}: {error}"}
    report.update(rendered=renderer.rendered, cached=renderer.cached)
    if args.report is not None:
        args.report.write_text(json.dumps(report, indent=1), encoding="utf-8")
    if report["error"] is not None:
        print(f"error: {report['error']['message']}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} files to {args.outdir}: rendered {renderer.rendered}, from cache {renderer.cached}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
