"""Scenarios: the shipped files, inheritance, the yearly split, norm overrides and the errors.

Line numbers in the expected messages are counted by hand in the YAML written by each test
(the first line of a dedented text is line 1).
"""

from __future__ import annotations

import textwrap
from pathlib import Path

import geopandas as gpd
import pandas as pd
import pytest
import shapely

from geo.i18n import LANGUAGES
from planning.forecast.scenario import (
    SCENARIOS_DIR,
    Scenario,
    ScenarioError,
    list_scenarios,
    load_scenario,
)
from planning.norms import Figure, load_norms

SHIPPED = ("baseline", "almaty_kaskelen_talgar", "almaty_konaev", "almaty_programme")


@pytest.fixture
def small_layers() -> dict[str, pd.DataFrame]:
    """Two unit squares side by side; a constraint covers Beta wholly and touches Alpha.

    Alpha: x 0-1, Beta: x 1-2, both y 0-1; the constraint: x 1-2.5, y 0-1.
    """
    wgs = "EPSG:4326"
    units = gpd.GeoDataFrame(
        {"unit_id": ["u_alpha", "u_beta"], "name_en": ["Alpha", "Beta"], "pop_year": 2025},
        geometry=[shapely.box(0, 0, 1, 1), shapely.box(1, 0, 2, 1)], crs=wgs)
    constraints = gpd.GeoDataFrame({"reason": ["steep slopes"]},
                                   geometry=[shapely.box(1, 0, 2.5, 1)], crs=wgs)
    sites = gpd.GeoDataFrame({"site_id": ["s_free", "s_steep"],
                              "kinds": ["school", "school,kindergarten"]},
                             geometry=[shapely.Point(0.5, 0.5), shapely.Point(1.5, 0.5)],
                             crs=wgs)
    sources = gpd.GeoDataFrame({"source_id": ["chp", "intake"], "network": ["heat", "water"]},
                               geometry=[shapely.Point(0.2, 0.2)] * 2, crs=wgs)
    zones = gpd.GeoDataFrame({"zone_id": ["z_heat"], "network": ["heat"]},
                             geometry=[shapely.box(0, 0, 1, 1)], crs=wgs)
    return {"units": units, "constraints": constraints, "candidate_sites": sites,
            "utility_sources": sources, "utility_zones": zones}


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text).lstrip("\n"), encoding="utf-8")
    return path


def problems_of(path: Path, layers: dict | None = None) -> list[str]:
    with pytest.raises(ScenarioError) as caught:
        scenario = load_scenario(path)
        if layers is not None:
            scenario.check_against(layers)
    assert len(caught.value.problems) >= 1
    return caught.value.problems


# --- the shipped scenarios --------------------------------------------------------------------

def test_list_scenarios_finds_the_shipped_files():
    assert [p.stem for p in list_scenarios()] == sorted(SHIPPED)
    assert list_scenarios(SCENARIOS_DIR / "no such folder") == []


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_scenarios_load_and_fit_the_demo_workspace(name, demo_layers):
    scenario = load_scenario(name)
    scenario.check_against(demo_layers)  # raises on any problem
    assert scenario.name == name
    assert scenario.horizon == 2030 and scenario.migration == "trend"
    assert set(scenario.label) == set(LANGUAGES) == set(scenario.description)
    assert scenario.chain == (("baseline",) if name == "baseline" else ("baseline", name))
    # CHP-3 is in the workspace (commissioned 2026), so no scenario adds it a second time.
    assert "astana_heat" not in set(scenario.sources["zone_id"].dropna())


def test_shipped_resettlement_totals():
    kt = load_scenario("almaty_kaskelen_talgar").resettlement_by_year()
    # 75,000 over 2026-2030 (5 years) = 15,000 a year in each town; 150,000 in all.
    assert kt.groupby("unit_id")["persons"].sum().to_dict() == {
        "195200000-town": 75_000, "196200000-town": 75_000}
    assert set(kt["persons"]) == {15_000}
    konaev = load_scenario("almaty_konaev")
    assert konaev.resettlement_by_year()["persons"].tolist() == [30_000] * 5
    assert sorted(konaev.facilities["kind"]) == ["kindergarten", "polyclinic", "school"]


# --- inheritance --------------------------------------------------------------------------------

def test_inheritance_overrides_scalars_merges_mappings_and_concatenates_lists(tmp_path):
    write(tmp_path, "parent.yaml", """
        name: the_parent
        label: {ru: "Родитель", kk: "Ата-ана", en: "Parent"}
        horizon: 2030
        budget_tenge_per_year: 1000
        resettlement:
          - {unit: a, persons: 10, from: 2026, to: 2028, source: p}
        norms:
          heat.per_resident.almaty: {value: 0.001, source: parent's heat}
          schools.access.minutes: {value: 20, source: parent's minutes}
        """)
    child = write(tmp_path, "child.yaml", """
        based_on: parent
        label: {en: "Child"}
        horizon: 2035
        migration: {scale: 1.5}
        budget_tenge_per_year: null
        resettlement:
          - {unit: b, persons: 5, from: 2027, source: c}
        norms:
          heat:
            per_resident:
              almaty: {value: 0.002, source: child's heat}
        """)
    scenario = load_scenario(child)
    assert scenario.name == "child"  # a name is never inherited
    assert scenario.chain == ("the_parent", "child")
    assert scenario.horizon == 2035 and scenario.migration == 1.5
    assert scenario.budget_tenge_per_year is None  # null over the parent's 1000
    assert scenario.label == {"ru": "Родитель", "kk": "Ата-ана", "en": "Child"}
    table = scenario.resettlement
    assert table["unit_id"].tolist() == ["a", "b"]  # parent first
    assert table["file"].tolist() == ["parent.yaml", "child.yaml"]
    assert table["line"].tolist() == [6, 7]
    assert table["year_to"].tolist() == [2028, 2027]  # "to" defaults to "from"
    # heat: the child's (line 11 of child.yaml), minutes: the parent's (line 9 of parent.yaml).
    assert scenario.norm_overrides == {
        "heat.per_resident.almaty": (0.002, "child's heat", 11),
        "schools.access.minutes": (20.0, "parent's minutes", 9)}
    assert scenario.origins["norms.schools.access.minutes"] == ("parent.yaml", 9)


def test_based_on_a_file_and_a_name_beside_the_file(tmp_path):
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "root.yaml", "horizon: 2040\n")
    write(tmp_path / "sub", "middle.yaml", "based_on: root.yaml\nmigration: none\n")
    leaf = write(tmp_path / "sub", "leaf.yaml", "based_on: middle\n")
    scenario = load_scenario(leaf)
    assert scenario.chain == ("root", "middle", "leaf")
    assert (scenario.horizon, scenario.migration) == (2040, "none")


@pytest.mark.parametrize("target", ["../root.yaml", "/etc/passwd", "sub/root.yaml",
                                    "..\\root.yaml"])
def test_based_on_never_reads_a_file_elsewhere(tmp_path, english, target):
    """Issue 18: a based_on path read any file and echoed its lines as unknown keys. Only a
    name, or a file name beside the scenario, is followed; the file elsewhere is never read,
    so its text cannot appear (its first line is a secret here)."""
    (tmp_path / "sub").mkdir()
    write(tmp_path / "sub", "root.yaml", "secret-line-of-root: 1\n")
    write(tmp_path, "root.yaml", "secret-line-of-root: 1\n")
    (problem,) = problems_of(write(tmp_path / "sub", "leaf.yaml", f"based_on: '{target}'\n"))
    assert problem == (f"leaf.yaml, line 1, based_on: '{target}' is neither a scenario name nor "
                       "a file beside this one. based_on takes a scenario's name (baseline) or "
                       "the name of a .yaml file in the same folder, without a path.")
    assert "secret" not in problem


def test_a_name_is_looked_up_in_the_search_folders_first(tmp_path):
    write(tmp_path, "baseline.yaml", "horizon: 2045\n")
    assert load_scenario("baseline", search=[tmp_path]).horizon == 2045
    assert load_scenario("baseline").horizon == 2030


def test_a_cycle_names_the_chain(tmp_path, english):
    write(tmp_path, "a.yaml", "based_on: b\n")
    write(tmp_path, "b.yaml", "horizon: 2030\nbased_on: a\n")
    (problem,) = problems_of(tmp_path / "a.yaml")
    assert problem.startswith("b.yaml, line 2, based_on: based_on forms a cycle: "
                              "a.yaml -> b.yaml -> a.yaml.")


def test_a_file_based_on_itself_is_a_cycle(tmp_path, english):
    (problem,) = problems_of(write(tmp_path, "self.yaml", "based_on: self\n"))
    assert "self.yaml -> self.yaml" in problem


def test_an_unknown_parent_lists_the_available_ones(tmp_path, english):
    (problem,) = problems_of(write(tmp_path, "x.yaml", "based_on: baseiine\n"))
    assert problem.startswith("x.yaml, line 1, based_on: no scenario 'baseiine'")
    assert "baseline" in problem and "almaty_konaev" in problem


def test_an_unknown_name_is_an_error(english):
    with pytest.raises(ScenarioError, match=r"No scenario 'nowhere'.*Available: .*baseline"):
        load_scenario("nowhere")


# --- resettlement by year -----------------------------------------------------------------------

def by_year(tmp_path: Path, entries: str) -> Scenario:
    return load_scenario(write(tmp_path, "r.yaml", "resettlement:\n" + entries))


def test_resettlement_split_keeps_whole_persons_and_totals(tmp_path):
    scenario = by_year(tmp_path, """\
  - {unit: a, persons: 10, from: 2026, to: 2028, source: s}
  - {unit: b, persons: 150000, from: 2026, to: 2030, source: s}
  - {unit: c, persons: 5, from: 2026, to: 2027, source: s}
  - {unit: c, persons: 4, from: 2027, to: 2028, source: s}
  - {unit: d, persons: 2, from: 2026, to: 2030, source: s}
""")
    table = scenario.resettlement_by_year().set_index(["unit_id", "year"])["persons"]
    # 10 over 3 years: 3 each and 1 left over, to the earliest year: 4, 3, 3.
    assert table["a"].tolist() == [4, 3, 3]
    # 150,000 over 5 years: 30,000 each, nothing left over.
    assert table["b"].tolist() == [30_000] * 5
    # c: 5 over 2026-27 is 3, 2; 4 over 2027-28 is 2, 2; added: 2026 3, 2027 4, 2028 2.
    assert table["c"].to_dict() == {2026: 3, 2027: 4, 2028: 2}
    # 2 over 5 years: 0 each and 2 left over: 1, 1, 0, 0, 0.
    assert table["d"].tolist() == [1, 1, 0, 0, 0]
    assert table.sum() == 10 + 150_000 + 9 + 2


def test_no_resettlement_gives_an_empty_table():
    table = load_scenario("baseline").resettlement_by_year()
    assert table.empty and list(table.columns) == ["unit_id", "year", "persons"]


# --- norm overrides -----------------------------------------------------------------------------

def test_apply_norms_changes_exactly_the_overridden_values(tmp_path):
    path = write(tmp_path, "n.yaml", """
        norms:
          heat.per_resident.almaty: {value: 0.0012, source: "S1"}
          heat.per_resident.astana: {value: 0.0015, source: "S2"}
          schools.access.minutes: {value: 20, source: "S3"}
          transport.target_share: {value: 0.7, source: "S4"}
          growth.natural.almaty: {value: 0.012, source: "S5"}
          costs.schools.shymkent: {value: 11000000, source: "S6"}
        """)
    norms = load_norms()
    changed = load_scenario(path).apply_norms(norms)
    heat = changed.get("heat", "almaty")
    assert (heat.per_resident, heat.per_resident_source) == (0.0012, "S1")
    astana = changed.get("heat", "astana")
    # Astana's old 0.0016 was derived from its load; the override is not.
    assert (astana.per_resident, astana.derived_from_load) == (0.0015, False)
    assert changed.get("heat", "shymkent") == norms.get("heat", "shymkent")
    assert changed.get("heat") == norms.get("heat")
    schools = changed.get("schools", "almaty")
    assert (schools.minutes, schools.access_source, schools.per_resident) == (20, "S3", 0.12)
    gate = changed.get("transport")
    assert (gate.target_share, gate.target_source, gate.minutes) == (0.7, "S4", 60)
    assert changed.figure("growth", "natural", "almaty") == Figure(0.012, "S5")
    assert changed.figure("growth", "natural", "astana") == norms.figure("growth", "natural",
                                                                         "astana")
    # costs.schools had one figure for all regions: Shymkent gets its own, the rest keep it.
    assert changed.figure("costs", "schools", "shymkent").value == 11_000_000
    assert changed.figure("costs", "schools", "almaty") == norms.figure("costs", "schools")
    for network in ("water", "wastewater", "kindergartens", "polyclinics"):
        assert changed.by_network[network] == norms.by_network[network]
    for section in ("housing", "facility_size", "utility_module", "proxies"):
        assert changed.sections[section] == norms.sections[section]
    # The norms given are untouched.
    assert norms.get("heat", "almaty").per_resident == 0.00125
    assert norms.figure("costs", "schools", "shymkent").value == 10_000_000


def test_a_regional_override_wins_over_one_for_every_region(tmp_path):
    path = write(tmp_path, "n.yaml", """
        norms:
          water.per_resident.almaty: {value: 0.25, source: "regional"}
          water.per_resident: {value: 0.2, source: "all"}
        """)
    changed = load_scenario(path).apply_norms(load_norms())
    # "all" applies first (every existing region: default), then Almaty gets its own.
    assert changed.get("water", "almaty").per_resident == 0.25
    assert changed.get("water", "astana").per_resident == 0.2


def test_apply_norms_reports_every_override_the_norms_do_not_have(tmp_path, english):
    path = write(tmp_path, "n.yaml", """
        norms:
          heet.per_resident: {value: 0.001, source: s}
          schools.target_share: {value: 0.5, source: s}
          costs.schoolz: {value: 1, source: s}
        """)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path).apply_norms(load_norms())
    first, second, third = caught.value.problems
    assert first.startswith("n.yaml, line 2, norms.heet.per_resident: the norms ")
    assert "(did you mean heat?)" in first
    assert second.startswith("n.yaml, line 3, norms.schools.target_share: the network "
                             "'schools' (type facility)")
    assert third.startswith("n.yaml, line 4, norms.costs.schoolz: section costs")
    assert "(did you mean schools?)" in third


# --- errors that name the file, the line and the key --------------------------------------------

def test_a_bad_type_names_line_and_key(tmp_path, english):
    path = write(tmp_path, "almaty_x.yaml", """
        horizon: 2030
        resettlement:
          - unit: "195200000-town"
            persons: many
            from: 2026
            source: s
        """)
    assert problems_of(path) == [
        "almaty_x.yaml, line 4, resettlement[1].persons: 'many' is not a whole number; "
        "give persons as a number such as 75000."]


def test_unknown_keys_are_errors_with_the_allowed_keys(tmp_path, english):
    path = write(tmp_path, "typo.yaml", """
        horizn: 2030
        resettlement:
          - {unit: a, persns: 5, from: 2026, source: s}
        """)
    top, item, missing = problems_of(path)
    assert top.startswith("typo.yaml, line 1, horizn: unknown key 'horizn' "
                          "(did you mean horizon?). The allowed keys are: name, based_on,")
    assert item.startswith("typo.yaml, line 3, resettlement[1].persns: unknown key 'persns' "
                           "(did you mean persons?). The allowed keys are: unit, persons,")
    assert missing == ("typo.yaml, line 3, resettlement[1]: 'persons' is missing. Add it, for "
                       "example persons: 75000.")


def test_a_yaml_syntax_error_names_its_line(tmp_path, english):
    path = write(tmp_path, "broken.yaml", """
        horizon: 2030
        resettlement:
          - {unit: a, persons: 5
        migration: trend
        """)
    (problem,) = problems_of(path)
    # The flow mapping opened on line 3 is still open when line 4 begins.
    assert problem.startswith("broken.yaml, line 4: not valid YAML (")


def test_a_norm_without_a_source_is_refused(tmp_path, english):
    path = write(tmp_path, "n.yaml", """
        norms:
          heat.per_resident.almaty: 0.0012
          schools.access.minutes: {value: 20}
          water.per_person: {value: 1, source: s}
        """)
    bare, no_source, bad_key = problems_of(path)
    assert bare.startswith("n.yaml, line 2, norms.heat.per_resident.almaty: the value 0.0012 "
                           "has no source.")
    assert no_source.startswith("n.yaml, line 3, norms.schools.access.minutes: the value 20 "
                                "has no source.")
    assert bad_key.startswith("n.yaml, line 4, norms.water.per_person: a scenario cannot "
                              "override this.")


def test_duplicate_keys_and_misplaced_entries_are_errors(tmp_path, english):
    path = write(tmp_path, "d.yaml", """
        horizon: 2030
        horizon: 2031
        migration: sometimes
        facilities:
          - {kind: school, unit: a, lon: 1, lat: 1, year: 2027}
        sources:
          - {network: heat, add: 10, year: 2027, source: s}
        """)
    duplicate, migration, place, target = problems_of(path)
    assert duplicate == ("d.yaml, line 2, horizon: 'horizon' is given twice (first on line 1). "
                         "Keep one.")
    assert migration.startswith("d.yaml, line 3, migration: 'sometimes' is not a migration")
    assert place.startswith("d.yaml, line 5, facilities[1]: give exactly one place")
    assert place.endswith("given: unit, lon, lat.")
    assert target.startswith("d.yaml, line 7, sources[1]: give either source_id")


def test_several_problems_are_reported_at_once(tmp_path, english):
    path = write(tmp_path, "many.yaml", """
        horizon: soon
        resettlement:
          - {unit: a, persons: -5, from: 2026, to: 2024, source: s}
        """)
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    message = str(caught.value)
    assert message.startswith(f"Scenario {path}: 3 problem(s).")
    assert "line 1, horizon: 'soon' is not a whole number" in message
    assert "line 3, resettlement[1].to: the last year 2024 is before the first year 2026" \
        in message
    assert "line 3, resettlement[1].persons: persons is -5; it must be greater than zero" \
        in message


def test_messages_follow_the_language(tmp_path):
    from geo.i18n import _

    path = write(tmp_path, "ru.yaml", "horizon: soon\n")
    with pytest.raises(ScenarioError) as caught:
        load_scenario(path)
    (problem,) = caught.value.problems
    assert problem == _("{file}, line {line}, {key}: {problem}",
                        file="ru.yaml", line=1, key="horizon",
                         problem=_("{value} is not a whole number; give {name} as a number such "
                                   "as {example}.",
                                   value="'soon'", name="horizon",
                                    example="2027"))


# --- checks against the workspace ---------------------------------------------------------------

def test_unknown_unit_ids_are_reported_with_suggestions(tmp_path, demo_layers, english):
    path = write(tmp_path, "u.yaml", """
        resettlement:
          - {unit: "195200000-twn", persons: 5, from: 2026, source: s}
          - {unit: Kaskelen, persons: 5, from: 2026, source: s}
        """)
    typo, name = problems_of(path, demo_layers)
    assert typo.startswith("u.yaml, line 2, resettlement[1].unit: '195200000-twn' is not an id "
                           "of the layer 'units' (did you mean 195200000-town")
    assert name.startswith("u.yaml, line 3, resettlement[2].unit: 'Kaskelen' is not an id of "
                           "the layer 'units' (did you mean 195200000-town?)")


def test_places_inside_constraints_are_refused(tmp_path, small_layers, english):
    path = write(tmp_path, "c.yaml", """
        resettlement:
          - {unit: u_alpha, persons: 5, from: 2026, source: s}
          - {unit: u_beta, persons: 5, from: 2026, source: s}
        facilities:
          - {kind: school, lon: 0.5, lat: 0.5, year: 2027}
          - {kind: school, lon: 1.5, lat: 0.25, year: 2027}
          - {kind: kindergarten, site: s_steep, year: 2027}
          - {kind: kindergarten, site: s_free, year: 2027}
        """)
    # Alpha only touches the constraint (x = 1): fine. Beta lies wholly inside it. The point
    # (0.5, 0.5) is in Alpha; (1.5, 0.25) and the site s_steep (1.5, 0.5) are inside.
    beta, point, site, kind = problems_of(path, small_layers)
    assert beta.startswith("c.yaml, line 3, resettlement[2].unit: the unit 'u_beta' lies "
                           "wholly inside constraints (steep slopes)")
    assert point.startswith("c.yaml, line 6, facilities[2]: the facility falls at lon 1.5, "
                            "lat 0.25, inside constraints (steep slopes).")
    assert site.startswith("c.yaml, line 7, facilities[3].site: the facility falls at lon "
                           "1.5, lat 0.5")
    assert kind == ("c.yaml, line 8, facilities[4].site: the site 's_free' takes school, not "
                    "kindergarten. Choose another site.")


def test_demo_constraint_refuses_a_facility(tmp_path, demo_layers, english):
    # The demo's schematic slopes band lies between lon 76.75-77.35 and lat 43.02-43.10.
    path = write(tmp_path, "f.yaml", "facilities:\n"
                 "  - {kind: polyclinic, lon: 77.0, lat: 43.06, year: 2027}\n")
    (problem,) = problems_of(path, demo_layers)
    assert problem.startswith("f.yaml, line 2, facilities[1]: the facility falls at lon 77.0")


def test_kinds_sources_zones_and_years_against_the_workspace(tmp_path, small_layers, english):
    path = write(tmp_path, "w.yaml", """
        horizon: 2030
        facilities:
          - {kind: schools, unit: u_alpha, year: 2024}
        sources:
          - {network: heat, source_id: intake, add: 5, year: 2031, source: s}
          - {network: heat, zone: z_heet, add: 5, year: 2027, source: s}
          - {network: water, zone: z_heat, add: 5, year: 2027, source: s}
          - {network: heat, source_id: chp, add: 5, year: 2030, source: s}
        """)
    problems = problems_of(path, small_layers)
    assert problems == [
        "w.yaml, line 3, facilities[1].year: the year 2024 is before the base year 2025: a "
        "scenario describes what changes after it. Give a year from 2025 on.",
        "w.yaml, line 5, sources[1].year: the year 2031 is after the horizon 2030. Move it or "
        "raise horizon.",
        "w.yaml, line 3, facilities[1].kind: 'schools' is not a facility kind (did you mean "
        "school?). Use one of: school, kindergarten, polyclinic.",
        "w.yaml, line 5, sources[1].source_id: 'intake' belongs to the network water, not "
        "heat. Correct network or the id.",
        "w.yaml, line 6, sources[2].zone: 'z_heet' is not an id of the layer 'utility_zones' "
        "(did you mean z_heat?). Give an existing id (not a name).",
        "w.yaml, line 7, sources[3].zone: 'z_heat' belongs to the network heat, not water. "
        "Correct network or the id.",
    ]


def test_a_missing_layer_is_named_once(tmp_path, english):
    path = write(tmp_path, "m.yaml", """
        resettlement:
          - {unit: a, persons: 5, from: 2026, source: s}
          - {unit: b, persons: 5, from: 2026, source: s}
        """)
    (problem,) = problems_of(path, {})
    assert problem.startswith("m.yaml, line 2, resettlement[1].unit: the workspace has no "
                              "layer 'units'")


def test_the_horizon_before_the_base_year(tmp_path, small_layers, english):
    path = write(tmp_path, "h.yaml", "horizon: 2020\n")
    scenario = load_scenario(path)
    with pytest.raises(ScenarioError, match=r"h\.yaml, line 1, horizon: the horizon 2020"):
        scenario.check_against(small_layers)
    scenario.check_against(small_layers, base_year=2019)  # an explicit base year wins


def test_an_empty_file_and_a_file_that_is_not_a_mapping(tmp_path, english):
    (empty,) = problems_of(write(tmp_path, "e.yaml", "\n"))
    assert empty.startswith("e.yaml, line 1: the file is empty.")
    (listed,) = problems_of(write(tmp_path, "l.yaml", "- horizon: 2030\n"))
    assert listed.startswith("l.yaml, line 1: expected key: value pairs")
    (language,) = problems_of(write(tmp_path, "g.yaml", "label: {ru: a, de: b}\n"))
    assert language.startswith("g.yaml, line 1, label.de: unknown key 'de'")
    assert language.endswith("The allowed keys are: ru, kk, en.")
