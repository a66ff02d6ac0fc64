"""Figures: valid, small, deterministic SVGs; cached by dependency; accessible; their claims hold."""

from __future__ import annotations

import importlib
import json
import re
import shutil
import subprocess
import sys
import textwrap
import threading
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable
from pathlib import Path
from typing import Any

import matplotlib
import numpy as np
import pytest

from dlnotes._project import PACKAGE_DIR
from dlnotes.activations import sigmoid_derivative
from dlnotes.figures import registry, style
from dlnotes.figures import render as render_module
from dlnotes.figures.fresh_process import render_in_fresh_process
from dlnotes.figures.render import (
    MAX_BYTES,
    FigureError,
    FigureRenderer,
    cache_key,
    image_files,
    package_digest,
    package_files,
    render_svg,
)

ROOT = Path(__file__).resolve().parents[2]
REGISTERED = sorted(registry.load_all())
BACKGROUNDS = {"light": "#ffffff", "dark": "#1e2129"}  # Material's default and slate page backgrounds


@pytest.fixture(scope="module")
def drawn(tmp_path_factory) -> tuple[str, dict[str, bytes]]:
    """Every figure in both themes, written once for this module by the command line (``python -m dlnotes.figures``)
    through the checkout's cache, which the site's builds share: what it printed, and each file it wrote.

    A file may come from the cache, drawn by an earlier process with the same code (its key hashes the package);
    test_two_renders_are_byte_identical draws each dark variant again in this process and compares. Drawing
    through an empty cache is test_second_render_comes_from_the_cache's."""
    folder = tmp_path_factory.mktemp("figures")
    result = subprocess.run(
        [sys.executable, "-m", "dlnotes.figures", str(folder / "out")],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout, {path.name: path.read_bytes() for path in (folder / "out").iterdir()}


@pytest.fixture(scope="module")
def svgs(drawn) -> dict[str, bytes]:
    return drawn[1]


def test_at_least_eight_figures_are_registered():
    assert len(REGISTERED) >= 8


@pytest.mark.parametrize("name", REGISTERED)
@pytest.mark.parametrize("theme", style.THEMES)
def test_valid_svg_under_the_size_bound(svgs, name, theme):
    data = svgs[f"{name}-{theme}.svg"]
    root = ET.fromstring(data)
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert len(data) <= MAX_BYTES, f"{name}-{theme}.svg is {len(data)} bytes"
    text = data.decode()
    assert "<dc:date>" not in text  # no date metadata
    assert "<text" not in text  # text is drawn as paths, so no reader font is needed


@pytest.mark.parametrize("name", REGISTERED)
def test_two_renders_are_byte_identical(svgs, name):
    # Drawn again in this process: the same bytes as the command line's, in a process of its own.
    assert render_svg(registry.get(name), "dark") == svgs[f"{name}-dark.svg"]


@pytest.mark.parametrize("name", REGISTERED)
def test_light_and_dark_variants_differ(svgs, name):
    light, dark = svgs[f"{name}-light.svg"], svgs[f"{name}-dark.svg"]
    assert light != dark
    assert style.PALETTES["light"]["text"] in light.decode()
    assert style.PALETTES["dark"]["text"] in dark.decode()


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("theme", style.THEMES)
def test_palette_contrast_on_its_page_background(theme):
    p = style.PALETTES[theme]
    assert contrast(p["text"], BACKGROUNDS[theme]) >= 7  # body text: WCAG AAA
    for key in ("muted", "c0", "c1", "c2", "c3", "shade"):
        assert contrast(p[key], BACKGROUNDS[theme]) >= 3, key  # graphics: WCAG non-text contrast


@pytest.mark.parametrize("name", REGISTERED)
def test_curves_are_told_apart_by_more_than_colour(name):
    with matplotlib.rc_context(style.rc_params("light")):
        fig = registry.get(name).draw("light")
    for ax in fig.axes:
        curves = [line for line in ax.get_lines() if np.size(line.get_xdata()) > 2]  # markers are not curves
        looks = [(line.get_linestyle(), line.get_marker()) for line in curves]
        assert len(set(looks)) == len(looks), f"{name}: curves differ only by colour in {ax.get_title()!r}"
        labelled = [line for line in curves if not str(line.get_label()).startswith("_")]
        if len(curves) > 1:
            assert len(labelled) == len(curves), f"{name}: several curves but not all labelled"


@pytest.mark.parametrize("name", REGISTERED)
def test_alt_text_and_caption_say_something(name):
    spec = registry.get(name)
    assert not re.match(r"(?i)^(figure|image|plot|chart)\b", spec.alt)
    assert len(spec.alt.split()) >= 15
    assert len(spec.caption.split()) >= 10


# ---- the claims made in alt text and captions ------------------------------------------
def test_sigmoid_saturation_threshold_stated_in_the_alt_text():
    z = np.linspace(0, 10, 100_001)
    threshold = z[np.argmax(sigmoid_derivative(z) < 0.01)]
    assert round(threshold, 1) == 4.6
    assert "4.6" in registry.get("sigmoid-and-derivative").alt


def test_squared_error_slice_is_not_convex_and_cross_entropy_is():
    from dlnotes.figures.logistic_plots import SLICE_W, cost_slices

    squared, cross_entropy = cost_slices()
    step = SLICE_W[1] - SLICE_W[0]
    assert (np.diff(squared, 2) / step**2).min() < -1e-3  # bends down somewhere: not convex
    assert (np.diff(cross_entropy, 2) / step**2).min() > -1e-9  # never bends down: convex


def test_training_numbers_in_the_alt_texts():
    from dlnotes.figures.training_plots import training_runs

    runs = training_runs()
    logistic_costs = runs.logistic["costs"]
    assert round(logistic_costs[0], 2) == round(runs.network_costs[0], 2) == 0.69
    assert round(logistic_costs[-1], 2) == 0.65
    assert "to about 0.65" in registry.get("training-cost").alt
    assert round(runs.network_costs[-1], 2) == 0.15
    assert "to about 0.15" in registry.get("training-cost").alt
    logistic_accuracy = np.mean(runs.logistic["Y_prediction_train"] == runs.Y)
    assert 0.45 <= logistic_accuracy <= 0.55
    assert "about half" in registry.get("decision-boundaries").alt
    from dlnotes.shallow_training import predict

    network_accuracy = np.mean(predict(runs.network, runs.X) == runs.Y)
    assert 0.93 <= network_accuracy <= 0.97
    assert "about 95 percent" in registry.get("decision-boundaries").alt


def test_the_training_figures_train_each_model_once_for_both_figures_and_both_themes(monkeypatch):
    from dlnotes import logistic_regression, shallow_training
    from dlnotes.figures import training_plots

    calls: Counter[str] = Counter()

    def counted(name: str, train: Callable[..., Any]) -> Callable[..., Any]:
        def count_and_train(*args: Any, **kwargs: Any) -> Any:
            calls[name] += 1
            return train(*args, **kwargs)

        return count_and_train

    monkeypatch.setattr(logistic_regression, "model", counted("logistic", logistic_regression.model))
    monkeypatch.setattr(shallow_training, "_fit", counted("network", shallow_training._fit))
    training_plots.training_runs.cache_clear()  # count from scratch, whatever ran before in this process
    for name in ("training-cost", "decision-boundaries"):
        for theme in style.THEMES:
            with matplotlib.rc_context(style.rc_params(theme)):
                registry.get(name).draw(theme)
    assert calls == {"logistic": 1, "network": 1}


# ---- the cache --------------------------------------------------------------------------
def test_second_render_comes_from_the_cache(tmp_path):
    first = FigureRenderer(cache_dir=tmp_path)
    first.render(["network-shapes"])
    second = FigureRenderer(cache_dir=tmp_path)
    second.render(["network-shapes"])
    files = len(image_files("network-shapes"))
    assert (first.rendered, first.cached, second.rendered, second.cached) == (files, 0, 0, files)


def test_two_processes_drawing_into_one_cache_draw_each_file_once(tmp_path, monkeypatch):
    # Two renderers in two threads stand for two processes: each opens the lock file itself, and flock
    # locks an open file, so they exclude each other as processes do.
    drawing = threading.Event()
    calls = []

    def slow_render(spec, theme, fmt):
        calls.append((spec.name, theme, fmt))
        drawing.set()
        time.sleep(0.3)  # the other renderer looks for the file while this one still draws it
        return b"<svg/>"

    monkeypatch.setattr(render_module, "render_image", slow_render)
    first, second = FigureRenderer(cache_dir=tmp_path), FigureRenderer(cache_dir=tmp_path)
    drawer = threading.Thread(target=first.svg, args=("network-shapes", "light"))
    drawer.start()
    assert drawing.wait(10)
    assert second.svg("network-shapes", "light") == b"<svg/>"
    drawer.join()
    assert calls == [("network-shapes", "light", "svg")]
    assert (first.rendered, first.cached, second.rendered, second.cached) == (1, 0, 0, 1)


def copy_package(destination: Path) -> Path:
    """A throwaway copy of the dlnotes package (source files only), to edit freely."""
    shutil.copytree(PACKAGE_DIR, destination / "dlnotes", ignore=shutil.ignore_patterns("__pycache__"))
    return destination / "dlnotes"


def test_the_key_hashes_every_file_of_the_package_but_site_build():
    hashed = {path.relative_to(PACKAGE_DIR).as_posix() for path in package_files()}
    sources = {path.relative_to(PACKAGE_DIR).as_posix() for path in PACKAGE_DIR.rglob("*.py")}
    assert hashed == {name for name in sources if not name.startswith("site_build/")}
    assert {"layers.py", "figures/style.py", "figures/render.py", "figures/training_plots.py"} <= hashed


def test_the_package_digest_follows_code_and_ignores_glue_bytecode_and_editor_files(tmp_path):
    package = copy_package(tmp_path)
    before = package_digest(package)

    def changes(edit: Callable[[], object]) -> bool:
        edit()
        after = package_digest(package)
        return after != before

    def add_bytecode() -> None:
        (package / "__pycache__").mkdir()
        (package / "__pycache__" / "x.pyc").write_bytes(b"0")

    assert not changes(lambda: (package / "site_build" / "katex.py").write_text("# the glue\n", encoding="utf-8"))
    assert not changes(add_bytecode)
    assert not changes(lambda: (package / ".layers.py.swp").write_bytes(b"vim"))
    assert changes(lambda: (package / "layers.py").write_text((package / "layers.py").read_text() + "\n# edit\n"))


def run_figures_cli(package_parent: Path, *args: str) -> dict:
    """``python -m dlnotes.figures`` importing dlnotes from a copy; returns its JSON report."""
    report = package_parent / "report.json"
    done = subprocess.run(
        [sys.executable, "-m", "dlnotes.figures", *args, "--report", str(report)],
        cwd=package_parent,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(report.read_text(encoding="utf-8"))
    assert Path(result["package"]) == (package_parent / "dlnotes").resolve()  # the copy, not the checkout
    return result


def test_editing_a_core_module_a_figure_uses_only_indirectly_re_renders_it(tmp_path):
    # training-cost trains shallow_training.nn_model, which initializes through layers.initialize_parameters_deep:
    # the figure module never names dlnotes.layers, yet its default scale changes the curve.
    package = copy_package(tmp_path)
    args = ["--figure", "training-cost", "--cache-dir", str(tmp_path / "cache")]
    first = run_figures_cli(tmp_path, str(tmp_path / "one"), *args)
    assert (first["rendered"], first["cached"]) == (len(image_files("training-cost")), 0)

    shapes = package / "layers.py"
    default_scale = re.compile(r"(def initialize_parameters_deep\(.*?scale: float = )0\.01\b", re.S)
    assert len(default_scale.findall(shapes.read_text(encoding="utf-8"))) == 1, "update this test's edit"
    shapes.write_text(default_scale.sub(r"\g<1>0.5", shapes.read_text(encoding="utf-8")), encoding="utf-8")
    second = run_figures_cli(tmp_path, str(tmp_path / "two"), *args)
    assert (second["rendered"], second["cached"]) == (len(image_files("training-cost")), 0)
    old, new = (
        (tmp_path / "one" / "training-cost-light.svg").read_bytes(),
        (tmp_path / "two" / "training-cost-light.svg").read_bytes(),
    )
    assert old != new  # the edit does change the drawing, so a cached copy would have been stale

    third = run_figures_cli(tmp_path, str(tmp_path / "three"), *args)
    assert (third["rendered"], third["cached"]) == (0, len(image_files("training-cost")))
    assert (tmp_path / "three" / "training-cost-light.svg").read_bytes() == new


PROBE = textwrap.dedent("""
    from matplotlib.figure import Figure
    from dlnotes.figures.registry import figure

    @figure("fresh-probe", alt="A probe figure with one straight line, for the fresh-process tests.",
            caption="A caption for tests only.")
    def draw(theme):
        fig = Figure()
        fig.add_subplot().set_title("{title}")
        return fig
""")


def test_a_fresh_process_draws_the_code_on_disk_not_the_code_in_memory(tmp_path):
    package = copy_package(tmp_path / "checkout")
    probe = package / "figures" / "probe_plots.py"
    probe.write_text(PROBE.format(title="first"), encoding="utf-8")
    cache = tmp_path / "cache"
    first = render_in_fresh_process(["fresh-probe"], cache, ["dlnotes.figures.probe_plots"], package_dir=package)
    assert "fresh-probe" not in registry.REGISTRY  # this process never imported the probe: the new one did
    assert sorted(first.images) == ["fresh-probe-dark.svg", "fresh-probe-light.png", "fresh-probe-light.svg"]
    assert first.rendered == 3
    assert first.figures["fresh-probe"][0].startswith("A probe figure")
    assert "training-cost" in first.figures
    assert first.package == package_digest(package)

    probe.write_text(PROBE.format(title="second, longer"), encoding="utf-8")
    second = render_in_fresh_process(["fresh-probe"], cache, ["dlnotes.figures.probe_plots"], package_dir=package)
    assert (second.rendered, second.cached) == (3, 0)
    assert second.images != first.images
    # Each drawing is filed under the key of the code that drew it: asking again finds both in the cache.
    probe.write_text(PROBE.format(title="first"), encoding="utf-8")
    again = render_in_fresh_process(["fresh-probe"], cache, ["dlnotes.figures.probe_plots"], package_dir=package)
    assert (again.rendered, again.cached, again.images) == (0, 3, first.images)


def test_a_fresh_process_names_the_figure_that_fails(tmp_path):
    package = copy_package(tmp_path / "checkout")
    (package / "figures" / "probe_plots.py").write_text(PROBE.replace("fig = Figure()", "1 / 0"), encoding="utf-8")
    with pytest.raises(
        FigureError, match=r"figure 'fresh-probe' failed to draw \(light\): ZeroDivisionError"
    ) as caught:
        render_in_fresh_process(
            ["fresh-probe"], tmp_path / "cache", ["dlnotes.figures.probe_plots"], package_dir=package
        )
    assert caught.value.figure == "fresh-probe"
    with pytest.raises(FigureError, match="unknown figure 'nope'; registered figures: ") as caught:
        render_in_fresh_process(["nope"], tmp_path / "cache", package_dir=package)
    assert caught.value.figure == "nope"


def test_a_drawing_is_not_filed_under_a_key_of_other_code(tmp_path):
    renderer = FigureRenderer(cache_dir=tmp_path, package="the digest of some other code")
    renderer.render(["network-shapes"])
    assert renderer.rendered == len(image_files("network-shapes"))
    drawings = lambda: [path for path in tmp_path.iterdir() if path.name != ".lock"]  # noqa: E731  # the lock is no drawing
    assert not drawings()
    FigureRenderer(cache_dir=tmp_path).render(["network-shapes"])
    assert len(drawings()) == len(image_files("network-shapes"))


def test_editing_one_figure_re_renders_that_figure_only(tmp_path, monkeypatch):
    package = tmp_path / "extra_figures"
    package.mkdir()
    (package / "__init__.py").write_text("")
    template = textwrap.dedent("""
        from matplotlib.figure import Figure
        from dlnotes.figures.registry import figure

        @figure("{name}", alt="A test figure with one straight line from zero to one.", caption="A caption for tests only.")
        def draw(theme):
            fig = Figure()
            fig.add_subplot().plot([0, 1], [0, {top}])
            return fig
    """)
    for module, name in (("one", "test-one"), ("two", "test-two")):
        (package / f"{module}.py").write_text(template.format(name=name, top=1))
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.setattr(registry, "REGISTRY", dict(registry.REGISTRY))
    importlib.import_module("extra_figures.one")
    importlib.import_module("extra_figures.two")
    cache = tmp_path / "cache"
    FigureRenderer(cache_dir=cache).render(["test-one", "test-two"])

    (package / "one.py").write_text(template.format(name="test-one", top=2))
    del registry.REGISTRY["test-one"]
    importlib.reload(sys.modules["extra_figures.one"])
    again = FigureRenderer(cache_dir=cache)
    again.render(["test-one", "test-two"])
    files = len(image_files("any"))
    assert (again.rendered, again.cached) == (files, files)  # the files of the edited figure, none of the other


def test_a_raising_figure_is_reported_by_name(monkeypatch):
    monkeypatch.setattr(registry, "REGISTRY", dict(registry.REGISTRY))

    @registry.figure(
        "test-broken", alt="A figure that cannot be drawn because it divides by zero.", caption="Never shown."
    )
    def broken(theme):
        return 1 / 0

    with pytest.raises(FigureError, match=r"figure 'test-broken' failed to draw \(light\): ZeroDivisionError"):
        render_svg(registry.get("test-broken"), "light")


def test_registry_refuses_poor_names_and_alt_text(monkeypatch):
    monkeypatch.setattr(registry, "REGISTRY", dict(registry.REGISTRY))
    with pytest.raises(ValueError, match="lower-case words"):
        registry.figure("Bad Name", alt="six words of alt text here", caption="c")
    with pytest.raises(ValueError, match="alt text must say what the figure shows"):
        registry.figure("fine-name", alt="figure 1", caption="c")
    with pytest.raises(registry.UnknownFigureError, match="unknown figure 'nope'; registered figures: "):
        registry.get("nope")


def test_cache_key_changes_with_the_theme():
    spec = registry.get("network-shapes")
    assert cache_key(spec, "light") != cache_key(spec, "dark")


# ---- without any site engine ------------------------------------------------------------
def test_command_line_writes_every_figure(drawn):
    printed, files = drawn
    written = sorted(files)
    assert written == sorted(file for n in REGISTERED for file, _, _ in image_files(n))
    assert {f"{n}-{t}.svg" for n in REGISTERED for t in style.THEMES} < set(written)
    counts = re.search(r"rendered (\d+), from cache (\d+)", printed)
    assert counts is not None, printed
    assert int(counts.group(1)) + int(counts.group(2)) == len(written)


def test_figures_layer_imports_no_site_build_and_no_pyplot():
    code = (
        "import sys\nfrom dlnotes.figures.render import FigureRenderer\nfrom dlnotes.figures import registry\n"
        "registry.load_all()\nprint(sorted(m for m in sys.modules if m.startswith(('dlnotes.site_build', 'mkdocs', "
        "'markdown', 'matplotlib.pyplot'))))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert out.strip() == "[]"
