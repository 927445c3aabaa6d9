"""Colour lists for maps, safe for readers with colour-vision deficiencies.

Sequential and diverging schemes are Cynthia Brewer's ColorBrewer schemes
(https://colorbrewer2.org, Brewer, Harrower and The Pennsylvania State University), restricted
to those that ColorBrewer marks colour-blind safe at every number of classes: sequential
``YlGnBu`` and ``OrRd``, diverging ``RdBu`` and ``PuOr``. The hex values below are the published
scheme definitions, written in as facts.

ColorBrewer has no qualitative scheme that is colour-blind safe beyond four classes, so
:func:`categorical` gives the Okabe–Ito palette instead (Okabe and Ito, *Color Universal
Design*, 2008, https://jfly.uni-koeln.de/color/), designed to stay distinguishable under the
common forms of colour blindness.

Examples
--------
>>> sequential("YlGnBu", 3)
['#EDF8B1', '#7FCDBB', '#2C7FB8']
>>> diverging("RdBu", 3)
['#EF8A62', '#F7F7F7', '#67A9CF']
>>> categorical(2)
['#E69F00', '#56B4E9']
"""

from __future__ import annotations

# Each scheme: number of classes -> the colours, low to high, as space-separated hex digits.
_SEQUENTIAL: dict[str, dict[int, str]] = {
    "YlGnBu": {
        3: "EDF8B1 7FCDBB 2C7FB8",
        4: "FFFFCC A1DAB4 41B6C4 225EA8",
        5: "FFFFCC A1DAB4 41B6C4 2C7FB8 253494",
        6: "FFFFCC C7E9B4 7FCDBB 41B6C4 2C7FB8 253494",
        7: "FFFFCC C7E9B4 7FCDBB 41B6C4 1D91C0 225EA8 0C2C84",
        8: "FFFFD9 EDF8B1 C7E9B4 7FCDBB 41B6C4 1D91C0 225EA8 0C2C84",
        9: "FFFFD9 EDF8B1 C7E9B4 7FCDBB 41B6C4 1D91C0 225EA8 253494 081D58",
    },
    "OrRd": {
        3: "FEE8C8 FDBB84 E34A33",
        4: "FEF0D9 FDCC8A FC8D59 D7301F",
        5: "FEF0D9 FDCC8A FC8D59 E34A33 B30000",
        6: "FEF0D9 FDD49E FDBB84 FC8D59 E34A33 B30000",
        7: "FEF0D9 FDD49E FDBB84 FC8D59 EF6548 D7301F 990000",
        8: "FFF7EC FEE8C8 FDD49E FDBB84 FC8D59 EF6548 D7301F 990000",
        9: "FFF7EC FEE8C8 FDD49E FDBB84 FC8D59 EF6548 D7301F B30000 7F0000",
    },
}

_DIVERGING: dict[str, dict[int, str]] = {
    "RdBu": {
        3: "EF8A62 F7F7F7 67A9CF",
        4: "CA0020 F4A582 92C5DE 0571B0",
        5: "CA0020 F4A582 F7F7F7 92C5DE 0571B0",
        6: "B2182B EF8A62 FDDBC7 D1E5F0 67A9CF 2166AC",
        7: "B2182B EF8A62 FDDBC7 F7F7F7 D1E5F0 67A9CF 2166AC",
        8: "B2182B D6604D F4A582 FDDBC7 D1E5F0 92C5DE 4393C3 2166AC",
        9: "B2182B D6604D F4A582 FDDBC7 F7F7F7 D1E5F0 92C5DE 4393C3 2166AC",
        10: "67001F B2182B D6604D F4A582 FDDBC7 D1E5F0 92C5DE 4393C3 2166AC 053061",
        11: "67001F B2182B D6604D F4A582 FDDBC7 F7F7F7 D1E5F0 92C5DE 4393C3 2166AC 053061",
    },
    "PuOr": {
        3: "F1A340 F7F7F7 998EC3",
        4: "E66101 FDB863 B2ABD2 5E3C99",
        5: "E66101 FDB863 F7F7F7 B2ABD2 5E3C99",
        6: "B35806 F1A340 FEE0B6 D8DAEB 998EC3 542788",
        7: "B35806 F1A340 FEE0B6 F7F7F7 D8DAEB 998EC3 542788",
        8: "B35806 E08214 FDB863 FEE0B6 D8DAEB B2ABD2 8073AC 542788",
        9: "B35806 E08214 FDB863 FEE0B6 F7F7F7 D8DAEB B2ABD2 8073AC 542788",
        10: "7F3B08 B35806 E08214 FDB863 FEE0B6 D8DAEB B2ABD2 8073AC 542788 2D004B",
        11: "7F3B08 B35806 E08214 FDB863 FEE0B6 F7F7F7 D8DAEB B2ABD2 8073AC 542788 2D004B",
    },
}

# Okabe–Ito, black last: on a blank map background the coloured entries read best.
OKABE_ITO: tuple[str, ...] = (
    "#E69F00",  # orange
    "#56B4E9",  # sky blue
    "#009E73",  # bluish green
    "#F0E442",  # yellow
    "#0072B2",  # blue
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#000000",  # black
)

NO_DATA_COLOR = "#D9D9D9"
"""Fill of features without a value: a light grey outside every scheme above."""

OTHER_COLOR = "#969696"
"""Fill of features whose category is not in a category layer's list."""


def sequential(scheme: str = "YlGnBu", k: int = 5) -> list[str]:
    """The ``k`` colours of a colour-blind-safe ColorBrewer sequential scheme, light to dark.

    Parameters
    ----------
    scheme
        ``"YlGnBu"`` or ``"OrRd"``.
    k
        Number of classes, 1 to 9 (ColorBrewer defines 3 to 9; 1 and 2 are taken from 3).

    Returns
    -------
    list[str]
        ``k`` colours as ``#RRGGBB``.

    Raises
    ------
    ValueError
        If the scheme is unknown or ``k`` is out of range.
    """
    return _pick(_SEQUENTIAL, "sequential", scheme, k)


def diverging(scheme: str = "RdBu", k: int = 5) -> list[str]:
    """The ``k`` colours of a colour-blind-safe ColorBrewer diverging scheme, low to high.

    ``RdBu`` runs from red (low, e.g. a deficit) to blue (high); ``PuOr`` from orange to purple.
    With an odd ``k`` the middle class is a neutral light grey.

    Parameters
    ----------
    scheme
        ``"RdBu"`` or ``"PuOr"``.
    k
        Number of classes, 1 to 11 (ColorBrewer defines 3 to 11; 1 and 2 are taken from 3).

    Returns
    -------
    list[str]
        ``k`` colours as ``#RRGGBB``.

    Raises
    ------
    ValueError
        If the scheme is unknown or ``k`` is out of range.
    """
    return _pick(_DIVERGING, "diverging", scheme, k)


def categorical(k: int) -> list[str]:
    """The first ``k`` colours of the Okabe–Ito palette, for unordered categories.

    Parameters
    ----------
    k
        Number of categories, 1 to 8.

    Returns
    -------
    list[str]
        ``k`` colours as ``#RRGGBB``.

    Raises
    ------
    ValueError
        If ``k`` is not between 1 and 8: more categories than that cannot be told apart by
        colour alone; group them first.
    """
    if not 1 <= k <= len(OKABE_ITO):
        msg = f"categorical() gives 1 to {len(OKABE_ITO)} colours, not {k}: group categories."
        raise ValueError(msg)
    return list(OKABE_ITO[:k])


def _pick(table: dict[str, dict[int, str]], kind: str, scheme: str, k: int) -> list[str]:
    """Look up ``k`` colours of ``scheme`` in ``table``; 1 and 2 classes come from 3."""
    if scheme not in table:
        msg = f"Unknown {kind} scheme {scheme!r}: use one of {', '.join(table)}."
        raise ValueError(msg)
    sizes = table[scheme]
    if not 1 <= k <= max(sizes):
        msg = f"The {kind} scheme {scheme} has 1 to {max(sizes)} classes, not {k}."
        raise ValueError(msg)
    colors = ["#" + code for code in sizes[max(k, 3)].split()]
    if k == 1:
        return [colors[1]]
    if k == 2:
        return [colors[0], colors[2]]
    return colors
