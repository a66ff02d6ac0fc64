"""Fixtures the core's tests share."""

import warnings

import numpy as np
import pytest


@pytest.fixture
def strict():
    """Every warning an error, every floating-point event an error: what the core promises to survive."""
    with warnings.catch_warnings(), np.errstate(all="raise"):
        warnings.simplefilter("error")
        yield
