"""Settings every test shares."""

from hypothesis import settings

# Property tests check what holds, never how fast: a per-example deadline turns a busy
# machine into a failing test. CI draws the same examples on every run.
settings.register_profile("dlnotes", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("dlnotes")
