"""Legends and the layer switcher as plain HTML and CSS (no scripts, no images).

Every text is escaped here; colours are checked to be ``#RGB`` or ``#RRGGBB`` before they reach
a ``style`` attribute. The swatches keep their colour in print (``print-color-adjust``).

Examples
--------
>>> print(legend_html("Heat", [("#FFFFCC", "<b>low</b>")], index=0))
<div class="qm-legend" data-layer="0"><div class="qm-legend-title">Heat</div><ul><li><span class="qm-swatch" style="background:#FFFFCC"></span><span class="qm-label">&lt;b&gt;low&lt;/b&gt;</span></li></ul></div>
"""  # noqa: E501

from __future__ import annotations

import re

from maps.text import escape

_COLOR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")


def check_color(color: str) -> str:
    """``color`` if it is ``#RGB`` or ``#RRGGBB``, else ``ValueError`` (nothing else is styled)."""
    if not isinstance(color, str) or not _COLOR.fullmatch(color):
        msg = f"Colours are written #RRGGBB, not {color!r}."
        raise ValueError(msg)
    return color


def legend_html(
    title: str, rows: list[tuple[str, str]], *, index: int, hidden: bool = False,
    shape: str = "fill", sizes: list[float] | None = None,
    size_key: tuple[str, list[tuple[float, str]]] | None = None,
) -> str:
    """One layer's legend: a title and a swatch with a label per class.

    Parameters
    ----------
    title
        Legend title (plain text).
    rows
        ``(colour, label)`` per class, top to bottom (plain text labels).
    index
        The layer's position in its map (``data-layer``), so the script shows the active one.
    hidden
        Start hidden (every legend but the first layer's).
    shape
        ``fill`` (a box), ``line`` (a bar as thick as the row's size, for flows) or ``point``
        (a circle of the row's size as radius).
    sizes
        Pixels per row for ``line`` and ``point`` swatches; default 3 and 6.
    size_key
        ``(title, [(radius_px, label), ...])``: what the circles' sizes stand for, drawn
        under the colours (:func:`size_key_html`); ``None`` for none.

    Returns
    -------
    str
        An HTML fragment.
    """
    if shape not in ("fill", "line", "point"):
        msg = f"A legend swatch is fill, line or point, not {shape!r}."
        raise ValueError(msg)
    extra = "" if shape == "fill" else f" qm-{shape}"
    sizes = list(sizes) if sizes is not None else [3.0 if shape == "line" else 6.0] * len(rows)
    items = "".join(
        f'<li><span class="qm-swatch{extra}" style="{_swatch_style(color, shape, size)}">'
        f'</span><span class="qm-label">{escape(label)}</span></li>'
        for (color, label), size in zip(rows, sizes, strict=True)
    )
    hide = " hidden" if hidden else ""
    key = size_key_html(*size_key) if size_key else ""
    return (
        f'<div class="qm-legend" data-layer="{int(index)}"{hide}>'
        f'<div class="qm-legend-title">{escape(title)}</div><ul>{items}</ul>{key}</div>'
    )


def size_key_html(title: str, rows: list[tuple[float, str]]) -> str:
    """Circles of the sizes a point layer draws, each with the number it stands for.

    The circles are white with a dark ring, so that they read as sizes, not as a category.

    Examples
    --------
    >>> size_key_html("Size", [(14.0, "1,200 places")])  # doctest: +ELLIPSIS
    '<div class="qm-size-key">...width:28.0px;height:28.0px...1,200 places</span></li></ul></div>'
    """
    if not rows:
        return ""
    box = 2 * max(float(r) for r, _ in rows)
    items = "".join(
        f'<li><span class="qm-size-box" style="width:{box:.1f}px">'
        f'<span class="qm-size" style="width:{2 * float(r):.1f}px;height:{2 * float(r):.1f}px">'
        f'</span></span><span class="qm-label">{escape(label)}</span></li>'
        for r, label in rows
    )
    return (f'<div class="qm-size-key"><div class="qm-legend-title">{escape(title)}</div>'
            f"<ul>{items}</ul></div>")


def panel_html(*, element_id: str, switcher: str, legends: str, label: str, toggle: str,
               max_height_px: int) -> str:
    """The box of a map's layer switcher and legends, behind a button that folds it away.

    Parameters
    ----------
    element_id
        The map's element id; the box's body is ``<element_id>-panel``.
    switcher, legends
        HTML from :func:`switcher_html` and :func:`legend_html` (already escaped).
    label
        Accessible name of the box (plain text).
    toggle
        The button's text in the page's language (plain text), e.g. "Слои и условные
        обозначения". The page's script folds the box on narrow maps and the button opens it;
        being a ``<button>``, it takes the keyboard's focus, Enter and Space.
    max_height_px
        Height the box may take before it scrolls.
    """
    body = f"{element_id}-panel"
    return (
        f'<div class="qm-panel" role="group" aria-label="{escape(label)}" '
        f'style="max-height:{int(max_height_px)}px">'
        f'<button type="button" class="qm-toggle" aria-expanded="true" '
        f'aria-controls="{escape(body)}">{escape(toggle)}</button>'
        f'<div class="qm-panel-body" id="{escape(body)}">{switcher}{legends}</div></div>'
    )


def switcher_html(names: list[str], *, group: str, title: str) -> str:
    """Radio buttons that choose which of a map's layers is drawn (empty for one layer).

    Parameters
    ----------
    names
        Layer names (plain text), in the map's order; the first is checked.
    group
        The radio group's ``name``, unique on the page.
    title
        Heading of the switcher, e.g. "Слои".

    Returns
    -------
    str
        A ``<fieldset>`` fragment, or ``""`` when there is nothing to switch.
    """
    if len(names) < 2:
        return ""
    buttons = "".join(
        f'<label><input type="radio" class="qm-switch" name="{escape(group)}" value="{i}"'
        f'{" checked" if i == 0 else ""}> {escape(name)}</label>'
        for i, name in enumerate(names)
    )
    return f'<fieldset class="qm-layers"><legend>{escape(title)}</legend>{buttons}</fieldset>'


def _swatch_style(color: str, shape: str, size: float) -> str:
    """The inline style of one swatch: a box, a bar ``size`` px thick or a circle of radius."""
    color = check_color(color)
    if shape == "line":
        return f"background:{color};height:{max(1.0, float(size)):.1f}px"
    if shape == "point":
        d = 2 * max(1.0, float(size))
        return f"background:{color};width:{d:.1f}px;height:{d:.1f}px;border-radius:50%"
    return f"background:{color}"
