"""The site-build glue: Python-Markdown extensions for math and figures, and a thin MkDocs plugin.

This layer may import the core and the figures; nothing imports it back.
"""
