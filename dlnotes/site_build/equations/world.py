r"""The values an equation is checked on: random inputs, and what the package computes from them.

A `World` is one random draw: the data, the parameters of logistic regression and of the notes' two-layer
network, and everything computed from them. Each value is defined once, by the package's own code where
the package computes it (the activations, the gradients of the backward passes), and by its meaning where
it does not: a gradient of the course's kind ($dZ$, $dz$, $da$) is measured by centred differences of the
loss or the cost, so an equation for it is checked against calculus, not against a second copy of the
code. Values are computed when first asked for, and a world with some values *pinned* recomputes what
depends on them: that is how a derivative is measured.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from functools import partial
from typing import Any

import numpy as np

from dlnotes import logistic_regression, shallow_network
from dlnotes.activations import _sigmoid, _tanh
from dlnotes.gradient_check import numerical_gradient

STEP = 1e-6  # centred differences: error about STEP**2 from the curve, 1e-16 / STEP from rounding
DRAWS = 8
SIZES = {"n_x": 3, "n1": 4, "n2": 1}
# m of each draw: at least 3, as the pages' pictures x^(1), x^(2), ..., x^(m) take for granted
SAMPLES = (5, 3, 6, 4, 5, 7, 3, 6)


def _loss(a: Any, y: Any) -> Any:
    """The cross-entropy of a prediction ``a`` for a label ``y``, entry by entry."""
    return -(y * np.log(a) + (1 - y) * np.log(1 - a))


def derivative(world: World, of: Callable[[World], Any], by: str) -> np.ndarray:
    """d(of)/d(by), by centred differences; entry by entry when both have one shape, else the gradient."""
    point = np.asarray(world.value(by), dtype=float)
    value = np.asarray(of(world))
    if value.size == 1:
        return np.asarray(
            numerical_gradient(lambda v: float(np.sum(of(world.pinned({by: v})))), point, STEP), dtype=float
        )
    if value.shape != point.shape:
        raise ValueError(f"d/d{by}: {value.shape} against {point.shape}: neither one number nor entry by entry")
    plus = np.asarray(of(world.pinned({by: point + STEP})))
    minus = np.asarray(of(world.pinned({by: point - STEP})))
    return (plus - minus) / (2 * STEP)


def _definitions() -> dict[str, Callable[[World], Any]]:
    def v(world: World, name: str) -> Any:
        return world.value(name)

    d: dict[str, Callable[[World], Any]] = {}
    # -- logistic regression, for all samples, then for one (the first)
    d["Z"] = lambda w: v(w, "w").T @ v(w, "X") + v(w, "b")
    d["A"] = lambda w: _sigmoid(v(w, "Z"))
    d["losses"] = lambda w: _loss(v(w, "A"), v(w, "Y"))
    d["cost"] = lambda w: float(np.mean(v(w, "losses")))
    d["dZ"] = lambda w: v(w, "m") * derivative(w, lambda u: u.value("cost"), "Z")
    d["Y_hat"] = lambda w: logistic_regression.predict(v(w, "w"), v(w, "b"), v(w, "X"))
    grads = lambda w: logistic_regression.propagate(v(w, "w"), v(w, "b"), v(w, "X"), v(w, "Y"))[0]  # noqa: E731
    d["dw"] = lambda w: grads(w)["dw"]
    d["db"] = lambda w: grads(w)["db"]
    d["x"] = lambda w: v(w, "X")[:, [0]]
    d["y"] = lambda w: v(w, "Y")[:, [0]]
    d["z"] = lambda w: v(w, "w").T @ v(w, "x") + v(w, "b")
    d["a"] = lambda w: _sigmoid(v(w, "z"))
    d["loss"] = lambda w: _loss(v(w, "a"), v(w, "y"))
    d["dz"] = lambda w: derivative(w, lambda u: u.value("loss"), "z")
    d["da"] = lambda w: derivative(w, lambda u: u.value("loss"), "a")
    d["loss_of"] = lambda w: _loss
    d["cost_of"] = lambda w: lambda wt, bias: float(np.mean(_loss(_sigmoid(wt.T @ v(w, "X") + bias), v(w, "Y"))))
    # -- the two-layer network: tanh, then a sigmoid output
    d["A0"] = lambda w: v(w, "X")
    d["Z1"] = lambda w: v(w, "W1") @ v(w, "X") + v(w, "b1")
    d["A1"] = lambda w: _tanh(v(w, "Z1"))
    d["Z2"] = lambda w: v(w, "W2") @ v(w, "A1") + v(w, "b2")
    d["A2"] = lambda w: _sigmoid(v(w, "Z2"))
    d["g1"], d["g2"] = (lambda w: _tanh), (lambda w: _sigmoid)
    d["net_losses"] = lambda w: _loss(v(w, "A2"), v(w, "Y"))
    d["net_cost"] = lambda w: float(np.mean(v(w, "net_losses")))

    def net_gradient(w: World, name: str) -> Any:  # the course's dZ: m dJ/dZ
        return v(w, "m") * derivative(w, lambda u: u.value("net_cost"), name)

    for name in ("Z2", "Z1", "A1"):
        d["d" + name] = partial(net_gradient, name=name)
    d["params"] = lambda w: {name: v(w, name) for name in ("W1", "b1", "W2", "b2")}
    d["cache"] = lambda w: {name: v(w, name) for name in ("Z1", "A1", "Z2", "A2")}
    net = lambda w: shallow_network.backward_propagation(v(w, "params"), v(w, "cache"), v(w, "X"), v(w, "Y"))  # noqa: E731
    for name in ("dW1", "db1", "dW2", "db2"):
        d[name] = partial(lambda w, name: net(w)[name], name=name)
    d["dtheta"] = lambda w: np.concatenate([v(w, "d" + p).ravel() for p in ("W1", "b1", "W2", "b2")])
    d["dtheta_approx"] = lambda w: np.concatenate(
        [derivative(w, lambda u: u.value("net_cost"), p).ravel() for p in ("W1", "b1", "W2", "b2")]
    )
    # -- one step of gradient descent, by the package
    step = lambda w: logistic_regression.optimize(  # noqa: E731
        v(w, "w"), v(w, "b"), v(w, "X"), v(w, "Y"), num_iterations=1, learning_rate=v(w, "learning_rate")
    )[0]
    d["next_w"], d["next_b"] = (lambda w: step(w)["w"]), (lambda w: step(w)["b"])
    net_step = lambda w: shallow_network.update_parameters(  # noqa: E731
        v(w, "params"), {k: v(w, k) for k in ("dW1", "db1", "dW2", "db2")}, v(w, "learning_rate")
    )
    for name in ("W1", "b1", "W2", "b2"):
        d["next_" + name] = partial(lambda w, name: net_step(w)[name], name=name)
    return d


# On a page about the network, the unbracketed loss, cost and output are the network's.
NETWORK = {"A": "A2", "Z": "Z2", "dZ": "dZ2", "losses": "net_losses", "cost": "net_cost"}


class World:
    """One random draw of every value the equations use; ``pins`` fix some of them."""

    DEFINITIONS = _definitions()

    def __init__(
        self,
        draw: int,
        aliases: Mapping[str, str] | None = None,
        pins: Mapping[str, Any] | None = None,
        samples: int | None = None,
    ) -> None:
        self.draw = draw
        self.aliases = dict(aliases or {})
        self.pins = dict(pins or {})
        self.memo: dict[str, Any] = {}
        if not pins:
            self.pins.update(self._inputs(draw, samples))

    @staticmethod
    def _inputs(draw: int, samples: int | None) -> dict[str, Any]:
        """The draw's data and parameters; ``samples`` fixes m (1 for a derivation about one sample)."""
        rng = np.random.default_rng(draw)
        m, n_x, n1, n2 = samples or SAMPLES[draw % len(SAMPLES)], SIZES["n_x"], SIZES["n1"], SIZES["n2"]
        scale = 2.0 if draw % 2 else 0.5  # large inputs reach the sigmoid's flat tails, small ones its middle
        return {
            "m": m, "n_x": n_x, "n_h": n1, "n_y": n2, "layer_dims": [n_x, n1, n2],
            "X": rng.normal(0.0, scale, (n_x, m)),
            "Y": rng.integers(0, 2, (1, m)).astype(float),
            "w": rng.normal(0.0, 1.0, (n_x, 1)), "b": float(rng.normal()),
            "W1": rng.normal(0.0, 1.0, (n1, n_x)), "b1": rng.normal(0.0, 1.0, (n1, 1)),
            "W2": rng.normal(0.0, 1.0, (n2, n1)), "b2": rng.normal(0.0, 1.0, (n2, 1)),
            "learning_rate": 0.1, "num_iterations": 1, "print_cost": False,
            "images": rng.integers(0, 256, (m, 4, 4, 3)).astype(np.uint8),
        }  # fmt: skip

    def pinned(self, values: Mapping[str, Any]) -> World:
        """This world with ``values`` fixed; everything computed from them is computed again."""
        world = World(self.draw, self.aliases, {**self.pins, **values})
        return world

    def name(self, name: str) -> str:
        """The world's name for a page's name: on a page about the network, ``cost`` is ``net_cost``."""
        return self.aliases.get(name, name)

    def has(self, name: str) -> bool:
        return name in self.pins or name in self.DEFINITIONS

    def value(self, name: str) -> Any:
        if name in self.pins:
            return self.pins[name]
        if name not in self.memo:
            if name not in self.DEFINITIONS:
                raise KeyError(name)
            self.memo[name] = self.DEFINITIONS[name](self)
        return self.memo[name]
