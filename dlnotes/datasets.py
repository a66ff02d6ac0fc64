r"""Small data sets made in code: deterministic from a seed, nothing downloaded.

- [flower][dlnotes.datasets.flower]: the planar "flower", two interleaved classes of points in 2-D that
  no straight line separates;
- [housing_table][dlnotes.datasets.housing_table]: structured data, a table with named columns and one row per
  sample;
- [image_example][dlnotes.datasets.image_example], [image_regions][dlnotes.datasets.image_regions] and [flatten_images][dlnotes.datasets.flatten_images]: unstructured
  data, a 64 x 64 RGB picture, where its scene lies, and its unrolling into the
  $(12288, 1)$ column the course feeds a network.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from dlnotes import _checks
from dlnotes._checks import FloatArray

__all__ = ["Table", "flatten_images", "flower", "housing_table", "image_example", "image_regions"]


def flower(
    m: int = 400, petals: int = 4, noise: float = 0.2, seed: int = 1
) -> tuple[FloatArray, npt.NDArray[np.int64]]:
    r"""Two classes of points arranged as the petals of a flower.

    Class $j \in \{0, 1\}$ has $m/2$ points at angles $t$ spread over its own half-turn
    (plus noise), at radius $r = a \sin(4t)$ (plus noise), placed at
    $(r \sin t,\ r \cos t)$. The classes alternate from petal to petal, so a linear
    classifier cannot do much better than chance.

    Explained on the page [Derivatives of a two-layer network][page-two-layer-network].

    Parameters
    ----------
    m : int
        Number of points, even.
    petals : int
        $a$, the petal length.
    noise : float
        Standard deviation of the noise on $t$ and $r$.
    seed : int
        Seed for ``numpy.random.default_rng``.

    Returns
    -------
    X : numpy.ndarray
        Points, shape $(2, m)$, one per column.
    Y : numpy.ndarray
        Integer labels 0/1, shape $(1, m)$: the first $m/2$ are 0.

    Raises
    ------
    TypeError
        If `m` or `seed` is not a whole number, or `petals` or `noise` not a number.
    ValueError
        If `m` is not even and positive, `petals` not a finite number > 0, `noise` not a
        finite number >= 0, `seed` negative, or `petals` and `noise` so large that the
        points overflow float64, or if the arrays would not fit in memory.

    Examples
    --------
    >>> from dlnotes.datasets import flower
    >>> X, Y = flower()
    >>> X.shape, Y.shape, int(Y.sum())
    ((2, 400), (1, 400), 200)
    """
    m = _checks.positive_int("m", m)
    if m % 2:
        raise ValueError(f"m must be even (two classes of m/2 points), got {m}")
    a = _checks.positive_float("petals", petals)
    noise = _checks.non_negative_float("noise", noise)
    half = m // 2
    rng = np.random.default_rng(_checks.seed("seed", seed))
    with _checks.memory(m=m), _checks.float64_arithmetic("petals", "noise"):
        label = np.repeat([0, 1], half)
        # Each class sweeps its own stretch of angle, 3.12 radians wide.
        base = np.concatenate([np.linspace(0.0, 3.12, half), np.linspace(3.12, 6.24, half)])
        t = base + rng.standard_normal(m) * noise
        r = a * np.sin(4.0 * t) + rng.standard_normal(m) * noise
        X = np.stack([r * np.sin(t), r * np.cos(t)])
    return X, label.reshape(1, m)


@dataclass(frozen=True)
class Table:
    """Structured data: named ``columns`` and a ``values`` array with one row per sample.

    Explained on the page [Structured and unstructured data][page-structured-data].
    """

    columns: tuple[str, ...]
    values: FloatArray

    def __post_init__(self) -> None:
        # Frozen means frozen: the table keeps a read-only copy, so neither table.values[0, 0] = ...
        # nor a write into the array the caller passed can change it.
        values = np.array(self.values, dtype=np.float64)
        values.flags.writeable = False
        object.__setattr__(self, "values", values)

    def as_X(self) -> FloatArray:
        r"""Every column of the table in the notes' layout: columns as rows, samples as columns.

        To leave out the column to predict, use [as_XY][dlnotes.datasets.Table.as_XY].

        Examples
        --------
        >>> from dlnotes.datasets import housing_table
        >>> table = housing_table(m=5)
        >>> table.values.shape, table.as_X().shape
        ((5, 4), (4, 5))
        """
        return self.values.T.copy()

    def as_XY(self, target: str) -> tuple[FloatArray, FloatArray]:
        r"""The features $X$, $(n_x, m)$, and the target $Y$, $(1, m)$, one sample per column.

        $$X = \text{values}[:, \text{features}]^T, \qquad Y = \text{values}[:, \text{target}]^T$$

        The features are every column but ``target``, in the table's order; so
        $n_x$ is the number of columns minus one.

        Explained on the page [Structured and unstructured data][page-structured-data].

        Parameters
        ----------
        target : str
            The name of the column to predict.

        Returns
        -------
        X : numpy.ndarray
            The other columns as rows, shape $(n_x, m)$; a copy.
        Y : numpy.ndarray
            The target column as a row, shape $(1, m)$; a copy.

        Raises
        ------
        TypeError
            If ``target`` is not a string.
        ValueError
            If ``target`` is not one of ``columns``.

        Examples
        --------
        >>> from dlnotes.datasets import housing_table
        >>> X, Y = housing_table(m=5).as_XY("price_k")
        >>> X.shape, Y.shape
        ((3, 5), (1, 5))
        """
        column = _checks.choice("target", target, self.columns, what="one of the columns")
        return _split(self.values, self.columns.index(column))


def _split(values: FloatArray, target: int) -> tuple[FloatArray, FloatArray]:
    X = np.delete(values, target, axis=1).T  # (n_x, m): a new array
    Y = values[:, [target]].T.copy()  # (1, m)
    return X, Y


def housing_table(m: int = 6, seed: int = 0) -> Table:
    r"""A small table of houses: size, bedrooms, age and price, one row per house.

    The price follows size and bedrooms with noise,
    $\text{price} = 0.2\,\text{size} + 15\,\text{bedrooms} - 0.5\,\text{age} + 50 + \varepsilon$
    (thousands), so the columns mean something together, as in a database.

    Explained on the page [Structured and unstructured data][page-structured-data].

    Parameters
    ----------
    m : int
        Number of houses (rows).
    seed : int
        Seed for ``numpy.random.default_rng``.

    Returns
    -------
    Table
        Columns ``size_sqft``, ``bedrooms``, ``age_years``, ``price_k``; its ``values``
        are read-only.

    Raises
    ------
    TypeError
        If `m` or `seed` is not a whole number.
    ValueError
        If `m` < 1 or `seed` < 0, or if the arrays would not fit in memory.

    Examples
    --------
    >>> from dlnotes.datasets import housing_table
    >>> table = housing_table()
    >>> table.columns
    ('size_sqft', 'bedrooms', 'age_years', 'price_k')
    >>> table.values.shape
    (6, 4)
    """
    m = _checks.positive_int("m", m)
    seed = _checks.seed("seed", seed)
    rng = np.random.default_rng(seed)
    with _checks.memory(m=m):
        bedrooms = rng.integers(1, 6, size=m).astype(np.float64)
        size = np.round(bedrooms * 400 + rng.normal(300, 150, size=m), -1)
        age = rng.integers(0, 60, size=m).astype(np.float64)
        price = np.round(0.2 * size + 15 * bedrooms - 0.5 * age + 50 + rng.normal(0, 10, size=m))
    return Table(("size_sqft", "bedrooms", "age_years", "price_k"), np.stack([size, bedrooms, age, price], axis=1))


def image_example(size: int = 64, seed: int = 0) -> npt.NDArray[np.uint8]:
    r"""A synthetic RGB picture: a sun over hills under a sky, with pixel noise.

    Each pixel is a colour $c \in [0, 1]^3$ from the scene plus noise, stored as bytes:

    $$x_{r, q} = \operatorname{round}\left(255 \cdot \operatorname{clip}_{[0, 1]}(c_{r, q} + \varepsilon)\right),
      \qquad \varepsilon \sim \mathcal{N}(0, 0.03^2)$$

    Explained on the page [Structured and unstructured data][page-structured-data].

    Parameters
    ----------
    size : int
        Height and width in pixels.
    seed : int
        Seed of the noise.

    Returns
    -------
    numpy.ndarray
        ``uint8`` array of shape (size, size, 3): rows, columns, red-green-blue.

    Raises
    ------
    TypeError
        If `size` or `seed` is a float, a bool, a string or anything else but a whole number.
    ValueError
        If the picture would have no pixels (`size` < 1), or `seed` is negative, or if the arrays would not
        fit in memory.

    Examples
    --------
    >>> from dlnotes.datasets import image_example
    >>> image = image_example()
    >>> image.shape, image.dtype.name
    ((64, 64, 3), 'uint8')
    """
    size = _checks.positive_int("size", size)
    seed = _checks.seed("seed", seed)
    rng = np.random.default_rng(seed)
    with _checks.memory(size=size):
        rows = np.mgrid[0:size, 0:size][0] / size
        regions = _regions(size)
        sky = np.stack([0.35 + 0.3 * rows, 0.6 + 0.2 * rows, np.full_like(rows, 0.95)], axis=-1)
        image = np.where(regions["hill"][..., None], [0.25, 0.55, 0.2], sky)
        image = np.where(regions["sun"][..., None], [1.0, 0.85, 0.2], image)
        image = image + rng.normal(0.0, 0.03, size=image.shape)
        return np.clip(np.round(image * 255), 0, 255).astype(np.uint8)


def image_regions(size: int = 64) -> dict[str, npt.NDArray[np.bool_]]:
    r"""Where [image_example][dlnotes.datasets.image_example] draws the sky, the hill and the sun: one mask per part.

    With $r$ and $q$ the row and the column divided by ``size``:

    $$\text{sun}: (r - 0.28)^2 + (q - 0.7)^2 < 0.012, \qquad
      \text{hill}: r > 0.62 + 0.08 \sin(6q) \text{ and not sun}$$

    and the sky is the rest. Every pixel belongs to exactly one part.

    Explained on the page [Structured and unstructured data][page-structured-data].

    Parameters
    ----------
    size : int
        Height and width in pixels, as given to [image_example][dlnotes.datasets.image_example].

    Returns
    -------
    dict
        ``{"sky": mask, "hill": mask, "sun": mask}``, boolean arrays of shape (size, size).

    Raises
    ------
    TypeError
        If `size` is not a whole number.
    ValueError
        If `size` is not positive, or if the arrays would not fit in memory.

    Examples
    --------
    >>> from dlnotes.datasets import image_regions
    >>> regions = image_regions(size=8)
    >>> sorted(regions), int(sum(mask.sum() for mask in regions.values()))
    (['hill', 'sky', 'sun'], 64)
    """
    side = _checks.positive_int("size", size)
    with _checks.memory(size=side):
        return _regions(side)


def _regions(size: int) -> dict[str, npt.NDArray[np.bool_]]:
    rows, cols = np.mgrid[0:size, 0:size] / size
    sun = (rows - 0.28) ** 2 + (cols - 0.7) ** 2 < 0.012
    hill = (rows > 0.62 + 0.08 * np.sin(6.0 * cols)) & ~sun
    return {"sky": ~hill & ~sun, "hill": hill, "sun": sun}


def flatten_images(images: npt.ArrayLike) -> FloatArray:
    r"""Unroll images into columns and scale them to $[0, 1]$, as the course does.

    An image of shape $(h, w, c)$ becomes a column of $h \cdot w \cdot c$ numbers, in numpy's
    row-major order (the channels of a pixel side by side, pixel after pixel); a batch of
    shape $(m, h, w, c)$ becomes $X$ of shape $(h w c, m)$, one image per column, divided
    by 255:

    $$X = \tfrac{1}{255}\,\text{images.reshape}(m, -1)^T$$

    Explained on the page [Structured and unstructured data][page-structured-data].

    The pixels must not be scaled already: a float array whose values all lie in
    $[0, 1]$, and are not all 0, is refused, since dividing it by 255 again would
    silently darken it 255 times. Integer arrays (``uint8``) always pass; an all-black
    float image (all 0) passes too, since scaling does not change it.

    Parameters
    ----------
    images : array_like
        One image $(h, w, c)$ or a batch $(m, h, w, c)$, values 0 to 255.

    Returns
    -------
    numpy.ndarray
        Shape $(h w c, 1)$ for one image, $(h w c, m)$ for a batch.

    Raises
    ------
    TypeError
        If `images` is not real numbers (None, strings, complex numbers, bools).
    ValueError
        If `images` is not of shape $(h, w, c)$ or $(m, h, w, c)$, is an empty batch or
        has an empty side, holds NaN, infinity or values outside 0 to 255, or looks
        already scaled to $[0, 1]$.

    Examples
    --------
    >>> from dlnotes.datasets import flatten_images, image_example
    >>> column = flatten_images(image_example())
    >>> column.shape, bool(0.0 <= column.min() and column.max() <= 1.0)
    ((12288, 1), True)
    """
    array = _checks.pixels("images", images)  # (m, h, w, c), 0 to 255, not yet scaled
    with _checks.float64_arithmetic("images"):
        return _flatten(array)


def _flatten(images: FloatArray) -> FloatArray:
    m = images.shape[0]
    X = images.reshape(m, -1).T / 255
    return X  # (h w c, m): column i is image i
