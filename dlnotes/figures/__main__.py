"""``python -m dlnotes.figures OUTDIR``: write every registered figure, light and dark, as SVG."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from dlnotes.figures.render import FigureError, FigureRenderer


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m dlnotes.figures", description=__doc__)
    parser.add_argument("outdir", type=Path, help="folder to write <name>-light.svg and <name>-dark.svg into")
    parser.add_argument("--cache-dir", type=Path, default=None, help="where rendered figures are cached")
    args = parser.parse_args(argv)
    renderer = FigureRenderer(cache_dir=args.cache_dir) if args.cache_dir else FigureRenderer()
    try:
        written = renderer.write_all(args.outdir)
    except FigureError as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    print(f"wrote {len(written)} files to {args.outdir}: rendered {renderer.rendered}, from cache {renderer.cached}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
