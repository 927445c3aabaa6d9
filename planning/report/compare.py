"""The report's comparison of two scenarios: maps side by side, headroom bars, a difference map.

Per region where the scenarios differ: the readiness of both at the horizon on two linked maps
(:mod:`maps.sync`: same extent, same classes and legend, panning one pans the other; one above
the other on a phone), the difference B minus A on a diverging map, and for each unit the
scenario resettles people to, a bar chart of every network's headroom under both scenarios, in
residents, so that the trade reads at a glance. A region where nothing differs gets a sentence.
A table lists the units that changed.
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import cache
from pathlib import Path

import geopandas as gpd
import pandas as pd

from geo.i18n import N_, _
from geo.regions import region_label, region_order
from maps.chart_bars import bars_chart
from maps.chart_svg import chart_html
from maps.classify import classify
from maps.context import MapContext
from maps.palettes import categorical, diverging
from maps.report import Report
from maps.sync import add_map_pair
from maps.web_layers import CategoryLayer, ChoroplethLayer
from maps.webmap import WebMap
from planning.norms import Norms
from planning.report.common import named, schematic_notice, symmetric_classes
from planning.report.context import with_context
from planning.report.findings import compare_finding
from planning.report.readiness import NO_CONSTRAINT_COLOR, READINESS_BREAKS

#: The basis compared: the people who actually live there.
BASIS = "actual"
#: A change smaller than one resident is rounding, not a difference.
CHANGED = 0.5


def add_compare_section(report: Report, *, diff: gpd.GeoDataFrame, a: str, b: str, lang: str,
                        schematic: bool, heading: bool = True,
                        networks: Mapping[str, pd.DataFrame] | None = None,
                        populations: Mapping[str, pd.DataFrame] | None = None,
                        norms: Norms | None = None,
                        titles: Mapping[str, str] | None = None,
                        context: MapContext | None = None) -> list[WebMap]:
    """Scenario ``b`` beside ``a`` at the horizon: linked maps, bars, a difference map, a table.

    Parameters
    ----------
    report
        The page to add to.
    diff
        :func:`planning.forecast.scenario_run.compare` of ``a`` and ``b`` (B minus A).
    a, b
        The scenarios' names.
    lang
        ``ru``, ``kk`` or ``en``.
    schematic
        Whether the geometry is the demo's schematic one.
    heading
        Whether to start with a heading (the comparison page has its own title).
    networks
        Scenario name -> its run's ``_networks`` table: with both, the headroom bars of the
        units ``b`` (or ``a``) resettles people to.
    populations
        Scenario name -> its run's ``_population`` table, which says those units (``wanted``).
    norms
        For the networks' names and the bottleneck layer; default: qonys's own norms.
    titles
        Scenario name -> its readable title; default: the label of its YAML file.
    context
        The maps' context (labels, outlines, roads): :func:`planning.report.context.build_context`.

    Returns
    -------
    list of WebMap
        The maps added, in page order.
    """
    if norms is None:  # the networks' names in the report's language: qonys's own norms
        from planning.norms import load_norms

        norms = load_norms()
    horizon = int(diff["horizon"].iloc[0]) if "horizon" in diff and len(diff) else ""
    titles = {name: (titles or {}).get(name) or scenario_title(name, lang) for name in (a, b)}
    if heading:
        report.add_heading(_("Scenario comparison: '{b}' minus '{a}'",
                             lang=lang, a=titles[a], b=titles[b]))
        report.add_paragraph(compare_finding(diff, lang=lang, b=titles[b], horizon=horizon))
    report.add_paragraph(_("Blue units can take more residents under '{b}' than under '{a}', red "
                           "ones fewer (the deficit grows). Horizon: {horizon}.",
                           lang=lang, a=titles[a], b=titles[b],
                            horizon=horizon))
    units = named(diff, lang)
    basis = _("actual population", lang=lang)
    targets = target_units(populations or {})
    have_bars = networks is not None and a in networks and b in networks
    if have_bars and not targets:
        report.add_paragraph(_("Scenario “{b}” resettles nobody: there are no charts of target "
                               "units.", lang=lang, b=titles[b]))
    maps: list[WebMap] = []
    regions = region_order(units["region"])
    for region in regions:
        own = units[units["region"] == region]
        label = region_label(region, lang, units=diff)
        if not _changed(own).any():
            report.add_paragraph(_("{region}: the scenarios do not differ — no unit's residents "
                                   "or readiness at {horizon} change.", lang=lang, region=label,
                                    horizon=horizon))
            continue
        if len(regions) > 1:
            report.add_heading(label, level=3)
        report.add_paragraph(_("The first map is scenario “{a}”, the second “{b}”: readiness at "
                               "{horizon} in the same classes. The maps pan and zoom together, "
                               "and a layer chosen on one is chosen on both.",
                               lang=lang, a=titles[a], b=titles[b],
                                horizon=horizon))
        first, second = side_by_side(own, titles=(titles[a], titles[b]), horizon=horizon,
                                     norms=norms, lang=lang, schematic=schematic)
        add_map_pair(report, with_context(first, context), with_context(second, context))
        maps += [first, second]
        maps.append(_difference_map(own, basis=basis, lang=lang, schematic=schematic))
        report.add_map(with_context(maps[-1], context))
        mine = [unit for unit in targets if unit in set(own["unit_id"])]
        if have_bars and mine:
            report.add_paragraph(_("The headroom of each network in the units scenario “{b}” "
                                   "resettles people to, at {horizon}: how many more residents "
                                   "the network can serve (below zero: a deficit), under “{a}” "
                                   "and under “{b}”.",
                                   lang=lang, a=titles[a], b=titles[b],
                                    horizon=horizon))
            for unit in mine:
                name = own.loc[own["unit_id"] == unit, "name"].iloc[0]
                report.add_html(_headroom_bars(networks, unit=unit, name=name, a=a, b=b,
                                               titles=titles, norms=norms, lang=lang))
    _changed_table(report, units, diff=diff, a=titles[a], b=titles[b], basis=basis, lang=lang)
    return maps


@cache
def scenario_title(name: str, lang: str) -> str:
    """The scenario's ``label`` in ``lang`` from its YAML, else its name."""
    from planning.forecast.scenario import SCENARIOS_DIR, ScenarioError, load_scenario

    try:
        scenario = load_scenario(name, search=(Path.cwd(), SCENARIOS_DIR))
    except (ScenarioError, OSError, ValueError):
        return name
    return scenario.label.get(lang) or scenario.label.get("en") or name


def target_units(populations: Mapping[str, pd.DataFrame]) -> list[str]:
    """Units any of the runs resettles people to (``wanted`` above zero), in first-seen order.

    Examples
    --------
    >>> pop = pd.DataFrame({"unit_id": ["k", "k", "t", "x"], "wanted": [0.0, 5.0, 3.0, 0.0]})
    >>> target_units({"b": pop})
    ['k', 't']
    """
    found: list[str] = []
    for table in populations.values():
        if "wanted" not in table:
            continue
        wanted = table.groupby("unit_id", sort=False)["wanted"].sum()
        found += [str(u) for u in wanted.index[wanted > 0] if str(u) not in found]
    return found


def compare_headroom(networks: Mapping[str, pd.DataFrame], *, unit: str,
                     scenarios: tuple[str, str]) -> pd.DataFrame:
    """Headroom (residents, actual basis) of each network of ``unit`` at each run's horizon.

    Returns one row per (network, scenario) with ``headroom`` (NaN where the unit has no such
    network or it was not assessed), networks in the order of the first run.
    """
    rows = []
    for scenario in scenarios:
        table = networks[scenario]
        own = table[(table["unit_id"] == unit) & (table["basis"] == BASIS)]
        at = own[own["year"] == own["year"].max()]
        rows.append(pd.DataFrame({"network": at["network"].to_numpy(), "scenario": scenario,
                                  "headroom": at["headroom"].to_numpy(float)}))
    return pd.concat(rows, ignore_index=True)


def side_by_side(units: gpd.GeoDataFrame, *, titles: tuple[str, str], horizon: int | str,
                 norms: Norms | None, lang: str, schematic: bool) -> tuple[WebMap, WebMap]:
    """Two maps of the same units: readiness (and bottleneck) at the horizon under A and B.

    The classes are those of the report's readiness maps over both scenarios' values, so one
    colour is one range on both maps and their legends are the same.
    """
    both = pd.concat([units["readiness_actual_a"], units["readiness_actual_b"]])
    classes = classify(both, scheme="user", breaks=READINESS_BREAKS)
    colors = diverging("RdBu", len(READINESS_BREAKS) + 1)[:classes.k]
    short = _("actual", lang=lang)
    has_bottleneck = {"bottleneck_actual_a", "bottleneck_actual_b"} <= set(units.columns)
    categories = (_bottleneck_categories(units, norms, lang)
                  if norms is not None and has_bottleneck else None)
    maps = []
    for side, title in zip(("a", "b"), titles, strict=True):
        readiness, bottleneck = f"readiness_actual_{side}", f"bottleneck_actual_{side}"
        tooltip = {"name": _("Unit", lang=lang),
                   readiness: _("Can take ({basis})", lang=lang, basis=short),
                   f"pop_actual_{side}": _("Actual population", lang=lang)}
        if categories is not None and bottleneck in units:
            # the tooltip names the bottleneck in words, as the legend does
            units = units.assign(**{f"{bottleneck}_label": units[bottleneck].map(
                lambda key: categories.get(key, (key, None))[0])})
            tooltip[f"{bottleneck}_label"] = _("Bottleneck ({basis})", lang=lang, basis=short)
        layers = [ChoroplethLayer(
            units, column=readiness, classes=classes, colors=colors, tooltip=tooltip,
            name=_("Readiness at {horizon} ({basis}), residents",
                   lang=lang, horizon=horizon, basis=short),
            tooltip_format={readiness: "{:,.0f}", f"pop_actual_{side}": "{:,.0f}"},
            legend_title=_("Residents (minus: deficit)", lang=lang))]
        if categories is not None and bottleneck in units:
            layers.append(CategoryLayer(
                units, column=bottleneck, categories=categories, tooltip=tooltip,
                name=_("Bottleneck at {horizon} ({basis})",
                       lang=lang, horizon=horizon, basis=short)))
        maps.append(WebMap(layers=layers, title=title, notice=schematic_notice(schematic, lang),
                           height_px=440))
    return maps[0], maps[1]


def _bottleneck_categories(units: pd.DataFrame, norms: Norms,
                           lang: str) -> dict[str, tuple[str, str]]:
    """One colour per network on both maps (the readiness maps' order), grey for none."""
    found = set(units["bottleneck_actual_a"].dropna()) | set(units["bottleneck_actual_b"].dropna())
    keys = list(dict.fromkeys([*norms.by_network, *sorted(found - {"none"})]))[:8]
    categories = {key: (norms.label(key, lang=lang), color)
                  for key, color in zip(keys, categorical(len(keys)), strict=True)}
    categories["none"] = (_("no constraint", lang=lang), NO_CONSTRAINT_COLOR)
    return categories


def _headroom_bars(networks: Mapping[str, pd.DataFrame], *, unit: str, name: str, a: str,
                   b: str, titles: Mapping[str, str], norms: Norms | None, lang: str) -> str:
    """A unit's grouped bars (a network each, A beside B) with a caption of the trade."""
    frame = compare_headroom(networks, unit=unit, scenarios=(a, b))
    wide = frame.pivot(index="network", columns="scenario", values="headroom")
    order = [n for n in (norms.by_network if norms is not None else ()) if n in wide.index]
    order += [n for n in dict.fromkeys(frame["network"]) if n not in order]
    wide = wide.reindex(order)
    label = (lambda n: norms.label(n, lang=lang)) if norms is not None else str
    missing = [label(n) for n in wide.index if wide.loc[n].isna().all()]
    shown = wide.dropna(how="all")
    horizon = _horizon(networks[b], unit)
    title = _("{unit}: network headroom at {horizon} by scenario",
              lang=lang, unit=name, horizon=horizon)
    if shown.empty:
        no_figure = _("No figure (no network, or not assessed): {networks}.",
                      lang=lang, networks=", ".join(missing))
        return f"<p>{no_figure}</p>"
    svg = bars_chart(frame[frame["network"].isin(shown.index)], category="network",
                     group="scenario", value="headroom", title=title,
                     y_label=_("residents", lang=lang), lang=lang,
                     category_labels={n: label(n) for n in shown.index},
                     group_labels={s: titles[s] for s in (a, b)},
                     room_label=_("headroom", lang=lang),
                     deficit_label=_("deficit", lang=lang))
    worst = shown[b].idxmin() if shown[b].notna().any() else shown.index[0]
    caption = _("{unit}: networks short at {horizon} — {short_a} of {total} under “{a}” and "
                "{short_b} of {total} under “{b}”.",
                lang=lang, unit=name, horizon=horizon,
                 short_a=int((shown[a] < 0).sum()), short_b=int((shown[b] < 0).sum()),
                 total=len(shown), a=titles[a], b=titles[b])
    least = float(shown.loc[worst, b])
    if least == least:  # a figure under B, not NaN
        key = N_(
                "The largest shortfall under “{b}”: {network}, a deficit of {value:,.0f} "
                "residents.") if least < 0 else N_(
                "The least headroom under “{b}”: {network}, {value:,.0f} residents.")
        caption += " " + _(key, lang=lang, b=titles[b], network=label(worst),
                            value=abs(least) if least < 0 else least)
    if missing:
        caption += " " + _("No figure (no network, or not assessed): {networks}.",
                           lang=lang, networks=", ".join(missing))
    return chart_html(svg, alt=title, caption=caption)


def _horizon(networks: pd.DataFrame, unit: str) -> int | str:
    years = networks.loc[networks["unit_id"] == unit, "year"]
    return int(years.max()) if len(years) else ""


def _changed(units: pd.DataFrame) -> pd.Series:
    """Units whose residents or readiness differ by at least a resident."""
    return ((units["pop_actual_diff"].abs() > CHANGED)
            | (units["readiness_actual_diff"].abs() > CHANGED))


def _changed_table(report: Report, units: pd.DataFrame, *, diff: pd.DataFrame, a: str, b: str,
                   basis: str, lang: str) -> None:
    """The units that changed, the largest change of readiness first."""
    table = pd.DataFrame({"name": units["name"], "region": units["region"].map(
        lambda r: region_label(r, lang, units=diff)),
        "pop_actual_diff": units["pop_actual_diff"],
        "readiness_actual_a": units["readiness_actual_a"],
        "readiness_actual_b": units["readiness_actual_b"],
        "readiness_actual_diff": units["readiness_actual_diff"]})
    changed = table[_changed(units).to_numpy()]
    changed = changed.reindex(changed["readiness_actual_diff"].abs().sort_values(
        ascending=False).index)
    ready = _("Can take ({basis})", lang=lang, basis=_("actual", lang=lang))
    report.add_table(changed, columns={
        "name": _("Unit", lang=lang), "region": _("Region", lang=lang),
        "pop_actual_diff": _("Difference in residents ({basis})", lang=lang, basis=basis),
        "readiness_actual_a": f"{ready}: {a}", "readiness_actual_b": f"{ready}: {b}",
        "readiness_actual_diff": _("Difference in readiness ({basis}), "
                                   "residents", lang=lang, basis=basis)},
        number_format=dict.fromkeys(["pop_actual_diff", "readiness_actual_a",
                                     "readiness_actual_b", "readiness_actual_diff"],
                                    "{:,.0f}"))


def _difference_map(units: gpd.GeoDataFrame, *, basis: str, lang: str,
                    schematic: bool) -> WebMap:
    """B minus A: readiness and residents on diverging classes centred on zero."""
    layers = []
    for column, key in (("readiness_actual_diff", N_(
            "Difference in readiness ({basis}), residents")),
                        ("pop_actual_diff", N_("Difference in residents ({basis})"))):
        classes, label_format = symmetric_classes(units[column])
        colors = diverging("RdBu", classes.k)
        if column == "pop_actual_diff":
            colors = colors[::-1]  # more residents is more load: red
        name = _(key, lang=lang, basis=basis)
        layers.append(ChoroplethLayer(
            units, column=column, name=name, classes=classes, colors=colors,
            tooltip={"name": _("Unit", lang=lang), column: name},
            legend_title=_("Residents (minus: deficit)", lang=lang), label_format=label_format))
    return WebMap(layers=layers, notice=schematic_notice(schematic, lang), height_px=520)
