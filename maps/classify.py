"""Classes for choropleths: a thin wrapper around mapclassify with labels in ru/kk/en.

A :class:`Classes` holds upper bounds in mapclassify's convention: class 0 is
``[minimum, bins[0]]`` and class *i* is ``(bins[i-1], bins[i]]``. Values that are missing or not
finite belong to no class (index ``-1``) and are drawn as "no data".

Examples
--------
>>> import pandas as pd
>>> c = classify(pd.Series([1.0, 2, 3, 4, 5, 6, 7, 8, 9, 10]), scheme="equal_interval", k=3)
>>> c.bins
[4.0, 7.0, 10.0]
>>> c.labels("en")
['1 to 4', '4 to 7', '7 to 10']
>>> c.yb.tolist()
[0, 0, 0, 0, 1, 1, 1, 2, 2, 2]
"""

from __future__ import annotations

import itertools
import logging
import warnings
from dataclasses import dataclass, replace

import numpy as np
import pandas as pd

from geo.i18n import _, current_language
from maps.text import format_number

log = logging.getLogger(__name__)

SCHEMES: tuple[str, ...] = ("quantiles", "natural_breaks", "equal_interval", "user")

JENKS_SAMPLE = 600
"""Above this many values, natural breaks are computed on this many evenly spaced quantiles.

mapclassify's Fisher–Jenks is quadratic in the number of values (without numba about 1.4 s
for 1000 values and 7 classes, 0.9 s for 600); the quantiles of the data are a deterministic
sample that keeps its shape, unlike mapclassify's random ``FisherJenksSampled``.
"""


@dataclass(frozen=True)
class Classes:
    """The result of :func:`classify`.

    Attributes
    ----------
    bins
        Upper bound of each class, ascending.
    minimum
        Smallest classified value: the lower bound of class 0.
    scheme
        The scheme that made the bins.
    yb
        Class index of each input value, aligned to the input's index; ``-1`` for missing.
    """

    bins: list[float]
    minimum: float
    scheme: str
    yb: pd.Series

    @property
    def k(self) -> int:
        """Number of classes."""
        return len(self.bins)

    def assign(self, values: pd.Series) -> pd.Series:
        """Class index of each of ``values`` under these bins (``-1`` for missing).

        Values above the last bound fall in the last class and values below the minimum in the
        first, so the same classes can colour another series (e.g. two scenarios alike).
        """
        numbers = _as_float(values)
        index = np.searchsorted(np.asarray(self.bins), numbers, side="left")
        index = np.minimum(index, self.k - 1)
        index[~np.isfinite(numbers)] = -1
        return pd.Series(index.astype("int64"), index=values.index, name=values.name)

    def labels(self, lang: str | None = None, fmt: str = "{:,.0f}") -> list[str]:
        """Range label of each class, e.g. ``от 1 000 до 2 500``.

        Parameters
        ----------
        lang
            ``ru``, ``kk`` or ``en``; ``None`` for the current language.
        fmt
            Number format in ``str.format`` syntax, written the English way; separators are
            localised (see :func:`maps.text.format_number`).

        Returns
        -------
        list[str]
            One label per class.
        """
        lang = lang or current_language()
        lows = [self.minimum, *self.bins[:-1]]
        labels = [_range_label(lo, hi, fmt, lang) for lo, hi in zip(lows, self.bins, strict=True)]
        if self.minimum > self.bins[0]:  # user breaks below every value: an open first class
            labels[0] = _("{hi} or less", lang=lang, hi=format_number(self.bins[0], fmt, lang))
        return labels


def classify(
    values: pd.Series,
    *,
    scheme: str = "quantiles",
    k: int = 5,
    breaks: list[float] | None = None,
) -> Classes:
    """Split numeric ``values`` into classes for a choropleth.

    Parameters
    ----------
    values
        Numbers; missing and infinite values are left out and get class ``-1``.
    scheme
        ``quantiles`` (equal counts), ``natural_breaks`` (Fisher–Jenks), ``equal_interval`` or
        ``user`` (``breaks`` given; the maximum is added as a last bound when above them).
    k
        Number of classes; fewer when the data have fewer distinct values.
    breaks
        Upper bounds for ``scheme="user"``, ascending.

    Returns
    -------
    Classes
        Bins, minimum and the class of each value.

    Raises
    ------
    ValueError
        For an unknown scheme, ``k < 1``, missing or unsorted breaks, or no finite value.
    """
    data = _finite(values)
    bins = _bins(data, scheme=scheme, k=k, breaks=breaks)
    unassigned = Classes(bins, float(data.min()), scheme, pd.Series(dtype="int64"))
    return replace(unassigned, yb=unassigned.assign(values))


def _finite(values: pd.Series) -> np.ndarray:
    """The finite values of ``values`` as floats; refuses a series with none."""
    numbers = _as_float(values)
    data = numbers[np.isfinite(numbers)]
    if data.size == 0:
        msg = f"Nothing to classify: the column {values.name!r} has no finite value."
        raise ValueError(msg)
    return data


def _as_float(values: pd.Series) -> np.ndarray:
    """``values`` as a float array with NaN for missing (nullable dtypes included)."""
    if not (pd.api.types.is_numeric_dtype(values) and not pd.api.types.is_bool_dtype(values)):
        msg = f"Only numbers can be classified; the column {values.name!r} is {values.dtype}."
        raise TypeError(msg)
    return values.to_numpy(dtype="float64", na_value=np.nan)


def _bins(data: np.ndarray, *, scheme: str, k: int, breaks: list[float] | None) -> list[float]:
    """Upper bounds for ``data`` under ``scheme``."""
    if scheme not in SCHEMES:
        msg = f"Unknown classification scheme {scheme!r}: use one of {', '.join(SCHEMES)}."
        raise ValueError(msg)
    if scheme == "user":
        return _user_bins(data, breaks)
    if k < 1:
        msg = f"The number of classes must be at least 1, not {k}."
        raise ValueError(msg)
    distinct = np.unique(data)
    if distinct.size <= 1 or k == 1:
        return [float(data.max())]
    k = min(k, int(distinct.size))
    import mapclassify  # imported late: its import warns about numba

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", UserWarning)
        if scheme == "quantiles":
            result = mapclassify.Quantiles(data, k=k)
        elif scheme == "equal_interval":
            result = mapclassify.EqualInterval(data, k=k)
        else:
            result = mapclassify.FisherJenks(_jenks_sample(data), k=k)
    bins = [float(b) for b in result.bins]
    bins[-1] = float(data.max())  # a sample's maximum is the data's, but say so exactly
    if len(bins) < k:
        log.debug("%s: %d classes asked, %d formed (ties)", scheme, k, len(bins))
    return bins


def _jenks_sample(data: np.ndarray) -> np.ndarray:
    """``data``, or evenly spaced quantiles of it (min and max included) when it is large."""
    if data.size <= JENKS_SAMPLE:
        return data
    return np.quantile(data, np.linspace(0.0, 1.0, JENKS_SAMPLE))


def _user_bins(data: np.ndarray, breaks: list[float] | None) -> list[float]:
    """The user's ``breaks``, plus the data's maximum when it lies above them."""
    if not breaks:
        msg = 'scheme="user" needs breaks=[...], the upper bound of each class.'
        raise ValueError(msg)
    bins = [float(b) for b in breaks]
    if any(b >= c for b, c in itertools.pairwise(bins)):
        msg = f"Breaks must rise strictly: {bins}."
        raise ValueError(msg)
    top = float(data.max())
    return [*bins, top] if top > bins[-1] else bins


def _range_label(lo: float, hi: float, fmt: str, lang: str) -> str:
    """``от lo до hi`` in ``lang``, or the single value when both ends read the same."""
    low, high = format_number(lo, fmt, lang), format_number(hi, fmt, lang)
    if low == high:
        return high
    return _("{lo} to {hi}", lang=lang, lo=low, hi=high)
