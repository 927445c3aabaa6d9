"""The report marks every figure built on estimated capacities, and says what qonys assumed.

The street of test_readiness_by_hand (units A, B, C; schools F1 = 300 places at pA, F2 at
(2000, 500)) without its utility zones, and with F2's capacity missing. Heat, water and
wastewater are then not assessed and left out of the minimum; kindergartens and polyclinics
have one huge facility each and never bind, so each unit's readiness is its schools' headroom
unless its transport gate is closed. F2 counts at facility_size.schools = 1,200 places
(worked out in test_traps):

    registered: A 736.11 (F1 only: nothing estimated), B 5,430.56 (89.7 % of its supply from
    F2), C 2,333.33 (all from F2) but C's gate is closed (63 min > 60): bottleneck transport.
    actual (C 1,500): R2 = 1,200 / (0.68 * 240 + 0.68 * 180) = 4.201681;
    B: 0.22 * 1.736111 * 240 + 0.68 * 4.201681 * 240 = 91.667 + 685.714 = 777.381
       -> (777.381 - 240) / 0.12 = 4,478.17; A 736.11; C transport again.

So the schools' figures of B and C are estimated (estimated_networks), and of the readiness
figures only B's, in both bases, rest on them (its bottleneck is schools): the units table
marks exactly B's two readiness values with "≈", the tooltips of B and C carry the line
"estimated: schools (1 of 2 facilities without capacity, counted at 1,200 places)", A's says
"none", and the readiness and headroom maps say on their face that the schools' figures are
estimated; the PNGs draw the same notice and carry it as their ``Warning`` text chunk.
"""

from __future__ import annotations

import html
import re

import numpy as np
import pytest
from test_readiness_by_hand import hand_layers

from geo.i18n import _, p_
from layers.store import open_store
from maps.static import map_figure
from maps.static_files import png_names
from planning.cli.pipeline import run_readiness, run_report
from planning.forecast.scenario import load_scenario
from planning.report.contents import build_report
from planning.report.estimates import NOTE_COLUMN
from planning.report.inputs import read_inputs
from planning.workspace import RESULT_NOTICES

# Reports in three languages and PNGs from one workspace.
pytestmark = pytest.mark.slow

LINE = {"en": "schools (1 of 2 facilities without capacity, counted at 1,200 places)",
        "ru": "школы: 1 из 2 учреждений без вместимости, учтены по 1\u00a0200 мест",
        "kk": "мектептер: 2 мекеменің 1-і сыйымдылықсыз, әрқайсысы 1\u00a0200 орын деп "
              "есептелді"}
NOTICE = {"en": "Figures for schools are estimated: capacities unknown"}


@pytest.fixture(scope="module")
def workspace(tmp_path_factory):
    folder = tmp_path_factory.mktemp("estimates")
    layers, norms = hand_layers()
    for name in ("utility_zones", "utility_sources", "zone_sources"):
        del layers[name]
    facilities = layers["facilities"].copy()
    facilities.loc[facilities.facility_id == "F2", "capacity"] = np.nan
    layers["facilities"] = facilities
    ws = folder / "ws.gpkg"
    with open_store(ws) as store:
        store.write_layers(layers)
        run_readiness(store, norms=norms, year=2025)
    pages = {}
    with open_store(ws) as store:
        for lang in ("en", "ru", "kk"):
            png = folder / f"png-{lang}" if lang == "en" else None
            run_report(store, folder / f"report-{lang}.html", lang=lang, norms=norms,
                       png_dir=png)
            pages[lang] = (folder / f"report-{lang}.html").read_text(encoding="utf-8")
        notices = store.read_layer(RESULT_NOTICES)
        inputs = read_inputs(store, norms=norms)
    return {"folder": folder, "pages": pages, "norms": norms, "notices": notices,
            "inputs": inputs}


def _rows(page: str, caption: str) -> list[list[str]]:
    """The cells (text) of the table under ``caption``."""
    table = page.split(f"<caption>{html.escape(caption)}</caption>", 1)[1].split("</table>")[0]
    return [[html.unescape(re.sub(r"<[^>]+>", "", cell)) for cell in
             re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in re.findall(r"<tr>(.*?)</tr>", table.split("<tbody>")[1])]


def _number(text: str) -> float:
    return float(re.sub(r"[^\d.\-−]", "", text).replace("−", "-"))


def test_the_units_table_marks_exactly_b_s_readiness(workspace):
    rows = _rows(workspace["pages"]["en"], p_("report.units_table", "Units", lang="en"))
    # columns: name, kind, registered, actual, readiness (act.), bottleneck (act.),
    # readiness (reg.), bottleneck (reg.), transport share, index
    by_name = {row[0]: row for row in rows}
    assert sorted(by_name) == ["A", "B", "C"]
    marked = {(name, k) for name, row in by_name.items() for k, cell in enumerate(row)
              if cell.startswith("≈")}
    assert marked == {("B", 4), ("B", 6)}
    assert _number(by_name["B"][4].lstrip("≈")) == pytest.approx(4478.17, abs=1)
    assert _number(by_name["B"][6].lstrip("≈")) == pytest.approx(5430.56, abs=1)
    assert _number(by_name["A"][4]) == pytest.approx(736.11, abs=1)
    # the footnote says what "≈" means, with the count and the size
    page = html.unescape(workspace["pages"]["en"])
    assert "≈ is an estimate" in page and LINE["en"] in page


@pytest.mark.parametrize("lang", ["ru", "kk"])
def test_the_footnote_is_in_the_report_s_language(workspace, lang):
    page = html.unescape(workspace["pages"][lang])
    assert _("≈ is an estimate: the unit's bottleneck is a network some of whose facilities have "
             "no capacity and count at the norm's standard size: {details}.",
             lang=lang, details=LINE[lang]) in page
    assert "facilities without capacity" not in page


def test_tooltips_carry_the_estimate_line_and_the_maps_their_notice(workspace):
    norms, inputs = workspace["norms"], workspace["inputs"]
    __, maps = build_report(inputs, norms=norms, sources=[], lang="en")
    readiness, networks = maps[0], maps[1]
    for webmap in (readiness, networks):
        assert NOTICE["en"] in webmap.notice
    # readiness layers: every layer's tooltip has the line, by unit
    for layer in readiness.layers:
        notes = dict(zip(layer.gdf["unit_id"], layer.gdf[NOTE_COLUMN], strict=True))
        assert notes == {"A": "none", "B": LINE["en"], "C": LINE["en"]}
        assert layer.tooltip[NOTE_COLUMN] == "estimated"
    # headroom layers: only the schools' layer carries it
    schools = [layer for layer in networks.layers if NOTE_COLUMN in layer.tooltip]
    assert [layer.column for layer in schools] == ["headroom_schools_actual"]
    __, texts = next(t for t in schools[0].tooltip_texts("en") if t[0] == "estimated")
    assert dict(zip(schools[0].gdf["unit_id"], texts, strict=True)) == {
        "A": "none", "B": LINE["en"], "C": LINE["en"]}
    # the map's face in the page: the notice box and the tooltip data
    page = html.unescape(workspace["pages"]["en"])
    assert page.count(f'role="note">{NOTICE["en"]}</div>') == 2
    assert LINE["en"] in page


def test_png_draws_the_notice_and_carries_it_as_text(workspace):
    from PIL import Image

    norms, inputs = workspace["norms"], workspace["inputs"]
    __, maps = build_report(inputs, norms=norms, sources=[], lang="en")
    figure = map_figure(maps[0], lang="en")
    drawn = [t.get_text() for t in figure.axes[0].texts if t.get_gid() == "qm-notice"]
    assert len(drawn) == 1 and " ".join(drawn[0].split()) == NOTICE["en"]
    # the first map's PNGs, named by region and layer (maps.static_files.png_names)
    pngs = [workspace["folder"] / "png-en" / name for name in png_names(maps)[0]]
    assert pngs and all(path.is_file() for path in pngs)
    for path in pngs:
        with Image.open(path) as image:
            assert image.text["Warning"] == NOTICE["en"]


def test_a_map_without_estimated_figures_has_no_such_notice(workspace):
    norms, inputs = workspace["norms"], workspace["inputs"]
    exact = inputs.units.assign(estimated_networks="", readiness_estimated_actual=False,
                                readiness_estimated_registered=False)
    from dataclasses import replace

    __, maps = build_report(replace(inputs, units=exact), norms=norms, sources=[], lang="en")
    assert all(webmap.notice is None for webmap in maps[:2])
    assert all(NOTE_COLUMN not in layer.tooltip for webmap in maps[:2]
               for layer in webmap.layers)


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_the_notices_section_lists_the_stored_notices(workspace, lang):
    stored = workspace["notices"]
    # what readiness said here: schools' capacity estimated, three utilities not assessed
    assert "access.capacity_estimated" in set(stored["key"])
    page = workspace["pages"][lang]
    # the heading itself, not its line in the contents
    section = page.split(html.escape(_("What qonys assumed and left "
                                       "out", lang=lang)) + "</h2>", 1)[1]
    section = section.split("<h2", 1)[0]
    items = [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", section)]
    assert items[:len(stored)] == stored[lang].tolist()
    # the baseline forecast shown has no flows: its missing migration follows
    assert len(items) == len(stored) + 2
    assert _("migration in the forecast", lang=lang) in items[len(stored)]
    # after the summary, before the first region's maps
    assert page.index(_("At a glance", lang=lang)) < page.index(
        html.escape(_("What qonys assumed and left out", lang=lang))) < page.index("data-qonys-map")


def test_an_older_workspace_says_which_command_records_the_notices(workspace):
    from dataclasses import replace

    from maps.report import Report
    from planning.report.estimates import add_notices_section

    report = Report("t", lang="en")
    add_notices_section(report, None, lang="en")
    assert "run `qonys readiness` again" in html.unescape(report.to_html())
    # the whole report of a workspace without the table: the section says the same
    report, __ = build_report(replace(workspace["inputs"], notices=None),
                             norms=workspace["norms"], sources=[], lang="en")
    page = html.unescape(report.to_html())
    assert _("The workspace holds no recorded notices (table readiness_notices): run `qonys "
             "readiness` again and it records them.",
             lang="en") in page and "<li>1 of 2 facilities" not in page


def test_the_res8_cells_carry_the_same_marks(workspace, tmp_path):
    """The cells of ``qonys grid --res 8`` are scored as units are: the cell map's tooltips
    carry the line for exactly the cells whose schools' supply rests on F2 (``estimated_networks``
    of the stored cells), the others (beyond a 15-minute walk of F2) say "none", and the map's
    face says so when one of its readiness figures is estimated."""
    import shutil

    from planning.cli.pipeline import run_grid
    from planning.provision.grid import layer_name

    ws = tmp_path / "ws.gpkg"
    shutil.copy(workspace["folder"] / "ws.gpkg", ws)
    norms = workspace["norms"]
    with open_store(ws) as store:
        run_grid(store, region="test", res=8, norms=norms, year=2025)
        cells = store.read_layer(layer_name("test", 8))
        inputs = read_inputs(store, norms=norms)
    assert "test" in inputs.cells
    __, maps = build_report(inputs, norms=norms, sources=[], lang="en")
    cell_map = maps[2]
    estimated = cells["estimated_networks"].str.contains("schools")
    # F2's places reach the cells of B and C, not those of A's west end (F1 only)
    assert estimated.any() and not estimated.all()
    for layer in cell_map.layers:
        notes = dict(zip(layer.gdf["unit_id"], layer.gdf[NOTE_COLUMN], strict=True))
        assert notes == {cell: LINE["en"] if flag else "none"
                         for cell, flag in zip(cells["unit_id"], estimated, strict=True)}
    marked = cells[["readiness_estimated_actual", "readiness_estimated_registered"]].any(axis=1)
    assert (cell_map.notice == NOTICE["en"]) == bool(marked.any())


@pytest.mark.parametrize("lang", ["en", "ru", "kk"])
def test_the_forecast_says_its_schools_rest_on_the_same_estimate(workspace, lang):
    # the baseline forecast counts F2 at 1,200 places too: said under the region's charts
    page = html.unescape(workspace["pages"][lang])
    # the scenario is named by its YAML label; the heading itself, not its line in the contents
    title = load_scenario("baseline").label[lang]
    forecast = page.split(_("Forecast to {horizon}: scenario “{scenario}”", lang=lang, horizon=2030,
                             scenario=title) + "</h2>", 1)[1]
    assert _("Estimated — the forecast counts the same facilities: {details}; the lines and first "
             "deficits of these networks rest on them.",
             lang=lang, details=LINE[lang]) in forecast
