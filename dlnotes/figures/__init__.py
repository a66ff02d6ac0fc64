"""Figures drawn at build time from dlnotes code (matplotlib); the core never imports this.

`dlnotes.figures.registry` names each figure with its alt text and caption,
`dlnotes.figures.render` turns them into deterministic SVGs through a cache, and
``python -m dlnotes.figures OUTDIR`` writes them all without any site engine.
"""
