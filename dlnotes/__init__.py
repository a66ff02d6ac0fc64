"""dlnotes: the numpy of the "Neural Networks and Deep Learning" notes.

The numerical core (:mod:`dlnotes.activations`, :mod:`dlnotes.logistic_regression`,
:mod:`dlnotes.shallow_network`, ...) needs only numpy. Importing this package imports
nothing else, so ``import dlnotes.activations`` stays light; the figures
(:mod:`dlnotes.figures`, matplotlib) and the site-build glue
(:mod:`dlnotes.site_build`) are imported only when asked for.
"""

__version__ = "0.1.0"
