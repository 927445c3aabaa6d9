"""A small report shared by the map tests: two regions' worth of hand-made square units.

Almaty's three units are given in UTM 43N (EPSG:32643) so that the map must reproject them;
Astana's three are in WGS 84 and one has no value. One unit is named like an XSS probe. This
module holds no tests; it is named ``test_maps_*`` only to live beside them.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
from shapely.geometry import box

from geo.i18n import _, p_
from layers.vocabulary import NETWORK_MESSAGES
from maps.classify import classify
from maps.palettes import categorical, sequential
from maps.report import Report
from maps.web_layers import CategoryLayer, ChoroplethLayer
from maps.webmap import WebMap

XSS = "<img src=x onerror=alert(1)>"
LANG = "ru"
NETWORKS = ("heat", "water", "transport", "schools")


def almaty() -> gpd.GeoDataFrame:
    """Three 5 km squares near Almaty, in UTM 43N metres."""
    x0, y0, side = 650_000.0, 4_785_000.0, 5_000.0
    squares = [box(x0 + i * side, y0, x0 + (i + 1) * side, y0 + side) for i in range(3)]
    return gpd.GeoDataFrame(
        {
            "unit_id": ["alm-1", "alm-2", "alm-3"],
            "name": ["Алмалинский", XSS, "Талгар"],
            "region": "almaty",
            "can_take_actual": [12_000.0, 3_500.0, 500.0],
            "bottleneck_actual": ["heat", "water", "transport"],
        },
        geometry=squares,
        crs="EPSG:32643",
    )


def astana() -> gpd.GeoDataFrame:
    """Three squares of 0.05° near Astana, in WGS 84; Сарыарка has no value."""
    squares = [box(71.40 + i * 0.05, 51.10, 71.45 + i * 0.05, 51.15) for i in range(3)]
    return gpd.GeoDataFrame(
        {
            "unit_id": ["ast-1", "ast-2", "ast-3"],
            "name": ["Есиль", "Сарыарка", "Косшы"],
            "region": "astana",
            "can_take_actual": [25_000.0, np.nan, 8_000.0],
            "bottleneck_actual": ["schools", None, "heat"],
        },
        geometry=squares,
        crs="EPSG:4326",
    )


def categories() -> dict[str, tuple[str, str]]:
    """Bottleneck network -> (label in Russian, Okabe–Ito colour)."""
    colors = categorical(len(NETWORKS))
    return {n: (_(NETWORK_MESSAGES[n], lang=LANG), c)
            for n, c in zip(NETWORKS, colors, strict=True)}


def region_map(gdf: gpd.GeoDataFrame, classes, *, category_first: bool) -> WebMap:
    """A map of one region with a readiness choropleth and a bottleneck category layer."""
    tooltip = {"name": "Единица", "can_take_actual": "Может принять, жителей"}
    readiness = ChoroplethLayer(
        gdf, column="can_take_actual", name="Готовность", classes=classes,
        colors=sequential("YlGnBu", classes.k), tooltip=tooltip,
        legend_title="Может принять, жителей",
    )
    bottleneck = CategoryLayer(
        gdf, column="bottleneck_actual", name="Узкое место", categories=categories(),
        tooltip={"name": "Единица", "bottleneck_actual": "Узкое место"},
        legend_title="Узкое место",
    )
    layers = [bottleneck, readiness] if category_first else [readiness, bottleneck]
    title = {"almaty": "Алматинская агломерация", "astana": "Астана"}[gdf["region"].iloc[0]]
    return WebMap(layers=layers, title=title, height_px=420,
                  notice=p_("maps.schematic_notice",
                            "Schematic geometry: town outlines, roads, facilities and utility "
                            "zones are generated; district boundaries are real "
                            "(geokz)", lang=LANG))


def all_units() -> gpd.GeoDataFrame:
    """Both regions in WGS 84."""
    return pd.concat([almaty().to_crs("EPSG:4326"), astana()], ignore_index=True)


def readiness_classes():
    """Three quantile classes over both regions (one legend for both maps)."""
    return classify(all_units()["can_take_actual"], scheme="quantiles", k=3)


def build_report(path: Path) -> Path:
    """Write the shared report to ``path`` and return it."""
    units = all_units()
    classes = readiness_classes()
    rep = Report("Готовность территорий", lang=LANG, subtitle="Тестовый отчёт")
    rep.add_heading("Алматы")
    rep.add_paragraph("Схематичные квадраты; одна единица названа как XSS-проба " + XSS)
    rep.add_map(region_map(almaty(), classes, category_first=False))
    rep.add_heading("Астана")
    rep.add_map(region_map(astana(), classes, category_first=True))
    rep.add_table(
        units.drop(columns="geometry"),
        columns={"name": "Единица", "can_take_actual": "Может принять, жителей",
                 "bottleneck_actual": "Узкое место"},
        number_format={"can_take_actual": "{:,.0f}"},
    )
    rep.add_sources([
        ("Бюро национальной статистики", "https://stat.gov.kz/", "численность населения"),
        ("Схематичная геометрия", None, "создана для теста"),
        ("Опасная ссылка", "javascript:alert(1)", None),
    ])
    return rep.write(path)
