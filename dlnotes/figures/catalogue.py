"""Every module of figures; importing this registers them all."""

from dlnotes.figures import (  # noqa: F401 (imported for their registrations)
    activation_plots,
    data_plots,
    diagram_plots,
    graph_plots,
    logistic_plots,
    shape_plots,
    training_plots,
)
