"""The report's first screen (issue 14, "Answer first"), its contents and grouped explanations.

Small hand-made tables check the package sentences' plural forms in ru/kk/en, that the table of
contents points at headings, and that each shared fact of an explanation group is said once.
On the planned demo (slow) the summary's numbers for Kaskelen and Talgar are worked out here
with pandas from the stored tables, compared with the rendered page, and Chromium measures
where the summary ends at 1,400 px.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

import pandas as pd
import pytest
from conftest import need, planned_copy
from test_report_proposals import build, facilities, utilities

from geo.i18n import _
from maps.report import Report
from planning.norms import load_norms
from planning.report.summary import contents, scenario_title

SCENARIO = "almaty_kaskelen_talgar"
TARGETS = {"195200000-town": "Каскелен", "196200000-town": "Талгар"}


def _proposals(schools: int, kindergartens: int, polyclinics: int) -> dict:
    kinds = ([("schools", "school")] * schools + [("kindergartens", "kindergarten")]
             * kindergartens + [("polyclinics", "polyclinic")] * polyclinics)
    frame = pd.DataFrame({"proposal_id": [f"F{i}" for i in range(len(kinds))],
                          "network": [n for n, __ in kinds], "kind": [k for __, k in kinds]})
    pipes = pd.DataFrame({"proposal_id": ["U1", "U2"], "network": ["water", "water"],
                          "unit": ["m3/day", "m3/day"], "add": [25_000.0, 5_000.0]})
    return {"facilities": frame, "utilities": pipes}


@pytest.mark.parametrize(("counts", "lang", "expected"), [
    ((4, 5, 1), "ru", "Талгар: 4 школы, 5 детских садов, 1 поликлиника; "
                      "водоснабжение +30\u00a0000 м³/сут"),
    ((1, 2, 21), "ru", "Талгар: 1 школа, 2 детских сада, 21 поликлиника; "
                       "водоснабжение +30\u00a0000 м³/сут"),
    ((11, 21, 0), "ru", "Талгар: 11 школ, 21 детский сад; водоснабжение +30\u00a0000 м³/сут"),
    ((4, 1, 2), "kk", "Талгар: 4 мектеп, 1 балабақша, 2 емхана; "
                      "сумен жабдықтау +30\u00a0000 м³/тәул."),
    ((1, 5, 1), "en", "Talgar: 1 school, 5 kindergartens, 1 polyclinic; water +30,000 m³/day"),
])
def test_packages_are_named_by_place_and_content(counts, lang, expected) -> None:
    proposals = _proposals(*counts)
    ids = [*proposals["facilities"]["proposal_id"], "U1", "U2"]
    place = "Talgar" if lang == "en" else "Талгар"
    assert contents(ids, proposals, place=place, norms=load_norms(), lang=lang) == expected


def test_scenario_title_is_its_label_not_its_file_name() -> None:
    label = {"ru": "Каскелен и Талгар", "kk": "Қаскелең мен Талғар", "en": "Kaskelen and Talgar"}
    assert scenario_title(label, SCENARIO, "kk") == "Қаскелең мен Талғар"
    assert scenario_title({}, SCENARIO, "ru") == SCENARIO


def test_contents_links_resolve_to_the_headings_after_it() -> None:
    report = Report("t", lang="ru")
    report.add_heading("Кратко", anchor="answer")
    report.add_contents("Содержание")
    for text in ("Один", "Два <b>"):
        report.add_heading(text)
        report.add_heading(f"{text}: подраздел", level=3)
    report.add_sources([("Источник", None, None)])
    page = report.to_html()
    nav = re.search(r'<nav class="toc".*?</nav>', page, re.DOTALL).group(0)
    links = re.findall(r'<a href="#([^"]+)">(.*?)</a>', nav)
    headings = dict(re.findall(r'<h2 id="([^"]+)">(.*?)</h2>', page))
    # level 2 only, those after the contents, in page order; each id is its heading's
    assert [html.unescape(t) for __, t in links] == ["Один", "Два <b>", "Источники"]
    assert all(headings[a] == t for a, t in links)
    assert len(set(re.findall(r' id="([^"]+)"', page))) == len(re.findall(r' id="', page))


def test_explanations_say_each_shared_fact_once_per_group() -> None:
    page, __ = build(load_norms(), lang="ru")
    section = page.split(html.escape(_("Why each proposal", lang="ru")), 1)[1]
    groups = re.split(r"<h4 [^>]*>", section)[1:]
    # P-s1 (2026: F003 polyclinic, U001 gas) first, then P-a1 (F001 school, F002 kindergarten)
    titles = [html.unescape(g.split("</h4>", 1)[0]) for g in groups]
    assert titles == ["Пакет 2026 г.: Есильский", "Пакет 2027 г.: Алмалинский"]
    norms = load_norms()
    for group, ids in zip(groups, (["F003", "U001"], ["F001", "F002"]), strict=True):
        rows = re.findall(r"<tr[^>]*>\s*<td[^>]*>(F\d+|U\d+)</td>", group)
        assert rows == ids  # one line per proposal
        assert group.count(html.escape(_("Costs follow the norms file's "
                                         "illustrative unit costs.", lang="ru"))) == 1
    school = norms.get("schools", "almaty").per_resident_source
    # the school's norm and source once, in its own group only, not on its line
    assert groups[1].count(html.escape(school)) == 1 and html.escape(school) not in groups[0]
    # F001: deficit 5,000 places at 1,200 / 10,000 = 120 per 1,000
    assert "не хватает 5\u00a0000 мест при норме 120 на 1 000 жителей" in groups[1]


def test_the_line_says_what_differs() -> None:
    page, __ = build(load_norms(), lang="en",
                    facilities=facilities().assign(served=[300.0, 900.0, 500.0]),
                    utilities=utilities())
    # F001: a school of 1,200 places on site-a1 in Almaly that takes 900 (as stored)
    assert "school of 1,200 places on site site-a1 (Almaly); takes 900" in page
    assert "zone z-gas: +2,000 m3/h for a deficit of 1,500.0 m3/h" in page


# -- the planned demo -------------------------------------------------------------------------


@pytest.fixture(scope="module")
def planned(tmp_path_factory: pytest.TempPathFactory, planned_demo: Path) -> dict:
    from layers.store import open_store
    from planning.cli.app import main

    out = tmp_path_factory.mktemp("summary")
    store = planned_copy(planned_demo, out)
    for lang in ("ru", "en"):
        assert main(["--lang", lang, "report", "--scenario", SCENARIO, "--compare", "baseline",
                     "--store", str(store), "--out", str(out / f"r-{lang}.html")]) == 0
    names = ["readiness_units", *(f"scenario_{SCENARIO}_{p}" for p in
                                  ("networks", "population")),
             *(f"proposals_{SCENARIO}_{p}" for p in ("arrivals", "phasing", "facilities",
                                                     "utilities"))]
    with open_store(str(store)) as workspace:
        tables = {name: pd.DataFrame(workspace.read_layer(name)) for name in names}
    return {"out": out, "tables": tables}


def _ru(value: float) -> str:
    return f"{value:,.0f}".replace(",", "\u00a0")


def _summary_rows(page: str) -> dict[str, list[str]]:
    answer = page.split('<section class="answer">', 1)[1].split("</section>", 1)[0]
    body = answer.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = [[html.unescape(re.sub(r"<[^>]+>", "", c)) for c in
             re.findall(r"<td[^>]*>(.*?)</td>", r)] for r in re.findall(r"<tr>(.*?)</tr>", body)]
    return {r[0]: r for r in rows}


def _expected(tables: dict) -> dict[str, dict]:
    """Per target unit, worked out from the stored tables without the report's code."""
    units = tables["readiness_units"].set_index("unit_id")
    nets = tables[f"scenario_{SCENARIO}_networks"]
    people = tables[f"scenario_{SCENARIO}_population"]
    arrivals = tables[f"proposals_{SCENARIO}_arrivals"]
    phasing = tables[f"proposals_{SCENARIO}_phasing"]
    horizon = nets["year"].max()
    last = nets[(nets["year"] == horizon) & (nets["basis"] == "actual")
                & (nets["networked"] == True)]  # noqa: E712 - the stored column may hold None
    out = {}
    for unit_id in TARGETS:
        room = last[last["unit_id"] == unit_id].set_index("network")["headroom"] \
            + people.loc[people["unit_id"] == unit_id, "resettled"].sum()
        end = arrivals[(arrivals["unit_id"] == unit_id) & (arrivals["year"] == horizon)]
        package = phasing[phasing["constraint_id"] == f"ready:{unit_id}"].iloc[0]
        out[unit_id] = {"now": units.at[unit_id, "readiness_actual"], "before": room.min(),
                        # the package lifts the smallest headroom by its stored residents
                        "after": room.min() + package["residents"],
                        "arrived": end["cumulative"].sum(), "wanted": end["wanted"].sum()}
    return out


@pytest.mark.slow
def test_summary_numbers_of_kaskelen_and_talgar(planned: dict) -> None:
    page = (planned["out"] / "r-ru.html").read_text(encoding="utf-8")
    rows = _summary_rows(page)
    expected = _expected(planned["tables"])
    for unit_id, name in TARGETS.items():
        want, row = expected[unit_id], rows[name]
        assert want["now"] < 0 and row[1] == f"не готов: не хватает на {_ru(-want['now'])}"
        assert row[3] == f"не готов: не хватает на {_ru(-want['before'])}"
        assert row[4] == f"примет {_ru(want['after'])}"
        assert row[5] == f"{_ru(want['arrived'])} из {_ru(want['wanted'])}"
        # with nothing else holding them, the package's room is who arrives
        assert round(want["after"]) == round(want["arrived"])
    total = sum(e["arrived"] for e in expected.values())
    wanted = sum(e["wanted"] for e in expected.values())
    assert (f"к 2030 г. прибудут {_ru(total)} из {_ru(wanted)} жителей программы, ждут "
            f"{_ru(wanted - total)}") in html.unescape(page)
    # the scenario is named by its YAML label, never by its file name, in the page's text
    text = html.unescape(re.sub(r"<[^>]+>", " ", page.split("<body>", 1)[1]))
    assert "Каскелен и Талгар: +150 тыс. жителей к 2030 году" in text
    assert f"«{SCENARIO}»" not in text


@pytest.mark.slow
def test_package_sentences_count_the_stored_proposals(planned: dict) -> None:
    tables = planned["tables"]
    facilities = tables[f"proposals_{SCENARIO}_facilities"]
    utilities = tables[f"proposals_{SCENARIO}_utilities"]
    phasing = tables[f"proposals_{SCENARIO}_phasing"].sort_values("order")
    page = html.unescape((planned["out"] / "r-en.html").read_text(encoding="utf-8"))
    for package in phasing.itertuples():
        ids = package.label.split(",")
        kinds = facilities[facilities["proposal_id"].isin(ids)]["kind"].value_counts()
        pipes = utilities[utilities["proposal_id"].isin(ids)].groupby("network")["add"].sum()
        place = "Kaskelen" if package.constraint_id.endswith("195200000-town") else "Talgar"
        words = ", ".join(f"{kinds[k]} {k}s" if kinds[k] > 1 else f"{kinds[k]} {k}"
                          for k in ("school", "kindergarten", "polyclinic") if k in kinds)
        water = ", ".join(f"{n} +{pipes[n]:,.0f} m³/day" for n in ("water", "wastewater"))
        assert (f"{package.funded_year}: {place}: {words}; {water}; "
                f"{package.cost / 1e9:,.1f} bn tenge, room for {package.unlocked:,.0f} of the "
                "programme's residents.") in page
    rest = len(facilities) + len(utilities) - sum(len(p.split(",")) for p in phasing["label"])
    assert f"{rest} more proposals" in page


@pytest.mark.slow
def test_summary_ends_on_the_first_screen(planned: dict, chromium_path: Path) -> None:
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        need("BROWSER", "browser tests need playwright: pip install playwright")
    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=str(chromium_path), args=["--no-sandbox"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        for lang in ("ru", "en"):
            page.goto((planned["out"] / f"r-{lang}.html").as_uri())
            bottom = page.eval_on_selector(
                "[data-qonys-answer]", "e => e.getBoundingClientRect().bottom + scrollY")
            first_map = page.eval_on_selector(
                "[data-qonys-map]", "e => e.getBoundingClientRect().top + scrollY")
            assert bottom <= 1200 and bottom < first_map
            broken = page.evaluate("""() => [...document.querySelectorAll('nav.toc a')]
                .filter(a => !document.getElementById(a.hash.slice(1))
                             ?.matches('h2')).length""")
            assert broken == 0
        browser.close()


def test_without_a_scenario_the_summary_says_per_region_what_is_ready() -> None:
    from planning.report.summary import add_answer

    units = pd.DataFrame({"unit_id": ["u1", "u2", "u3", "u4"],
                          "region": ["astana"] * 3 + ["shymkent"],
                          "can_take_actual": [0.0, 500.0, 1_200.0, 0.0],
                          "bottleneck_actual": ["schools", "schools", "water", None]})
    report = Report("t", lang="en")
    add_answer(report, units=units, norms=load_norms(), lang="en")
    page = report.to_html()
    last = re.search(r"<ul data-qonys-answer>(.*?)</ul>", page).group(1)
    # Astana: u2 and u3 can take someone, 500 + 1,200; schools hold two of its three units
    assert re.findall(r"<li>(.*?)</li>", last) == [
        "Astana: 2 of 3 units ready now, room for 1,700 residents; the usual bottleneck is "
        "schools (in 2 units).",
        "Shymkent: 0 of 1 unit ready now, room for 0 residents; no bottleneck."]
    assert page.index("data-qonys-answer") < page.index('<nav class="toc"')
