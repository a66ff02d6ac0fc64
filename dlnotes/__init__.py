"""dlnotes: the numpy of the "Neural Networks and Deep Learning" notes.

The numerical core (`dlnotes.activations`, `dlnotes.logistic_regression`,
`dlnotes.shallow_network`, ...) needs only numpy. Importing this package imports
nothing else, so ``import dlnotes.activations`` stays light; the figures
(`dlnotes.figures`, matplotlib) and the site-build glue
(`dlnotes.site_build`) are imported only when asked for.
"""

__version__ = "0.1.0"
