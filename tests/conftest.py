"""Settings every test shares."""

import pytest
from hypothesis import settings

from tests.site_build.background import SharedFolder

# Property tests check what holds, never how fast: a per-example deadline turns a busy
# machine into a failing test. CI draws the same examples on every run.
settings.register_profile("dlnotes", deadline=None, derandomize=True, print_blob=True)
settings.load_profile("dlnotes")


def pytest_configure(config):
    # Under pytest-xdist the workers share one build of the site (tests/site_build/background.py); the
    # controller, which collects nothing, names its folder.
    if config.pluginmanager.hasplugin("xdist") and not hasattr(config, "workerinput"):
        config.pluginmanager.register(SharedFolder(), "dlnotes-shared-build")


# Modules whose tests each open one page and share nothing made for the module: spread test by test over the
# workers, for they are most of the suite's time. Every other module's tests go to one worker together, so
# what its module fixtures make (every figure drawn, the book's text, JupyterLab, a ProperDocs build, the
# served copy the mutation tests break) is made once, as in a serial run.
SPREAD = ("tests/site_build/browser/test_pages.py",)


def scope_of(nodeid: str) -> str:
    """The unit of work a test goes to a worker in: its file (a document's examples share one namespace and run
    in order; a test module's share its module fixtures), or, in a SPREAD module, the test alone."""
    path = nodeid.partition("::")[0]
    return nodeid if path in SPREAD else path


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_make_scheduler(config, log):
    # pytest-xdist's loadgroup cannot regroup items under pytest 9 (it rewrites a node id attribute pytest no
    # longer reads), so `-n` gets xdist's own scheduling by scope, with scope_of for scope.
    if config.getvalue("dist") not in ("load", "loadgroup"):
        return None
    from xdist.scheduler import LoadScopeScheduling

    class DocumentScheduling(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return scope_of(nodeid)

    return DocumentScheduling(config, log)
