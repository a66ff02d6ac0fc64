"""Every module of figures; importing this registers them all."""

from dlnotes.figures import activation_plots, data_plots, diagram_plots, logistic_plots, training_plots  # noqa: F401
