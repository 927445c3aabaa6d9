"""The shipped scenarios run end to end on the demo workspace, through the command line.

Known answers, from the scenario files and the demo's data:

- Kaskelen and Talgar each want 75,000 people over 2026-2030 (15,000 a year); their homes
  (0.4 % of the registered a year plus the planned 5,000 dwellings x 3.0 persons) hold more
  than 15,000 a year, so all 75,000 arrive and nobody waits.
- Konaev wants 150,000 over 2026-2030 (30,000 a year) but its homes hold
  3 x (5,000 + round(0.004 x registered)) a year: the rest waits.
- The compare layer's difference in Kaskelen is its 75,000 arrivals plus their children
  (natural increase of 0.91 % a year on the arrivals), so between 75,000 and 75,000 x 1.03.
- almaty_programme plans the same 75,000 a town under the programme's 2026 package with rent at
  30 MRP (2,529.9 MRP a family of 2.07, 5.29 M tenge a person). Both towns are short of social
  facilities in 2025 (readiness share 0), so the take-up is logit 0.54 + (0.5 ln(2529.9 /
  1884.9) - 1) / 0.46, 15.53 %: 11,647 of 75,000 a town arrive, homes allowing.
- Astana's heat zone gains CHP-3's 440 Gcal/h in 2026 (the workspace lists it commissioned
  in 2026): its supply rises by exactly 440 from 2025 to 2026.
"""

from __future__ import annotations

import pytest
from conftest import demo_copy

from layers.store import open_store
from planning.cli.app import main

KASKELEN, TALGAR, KONAEV = "195200000-town", "196200000-town", "191000000-town"


@pytest.fixture(scope="module")
def workspace(tmp_path_factory, demo_workspace):
    """A copy of the session's demo (conftest) with the three shipped scenarios run."""
    path = demo_copy(demo_workspace, tmp_path_factory.mktemp("scenarios"))
    for name in ("baseline", "almaty_kaskelen_talgar", "almaty_konaev", "almaty_programme"):
        assert main(["--lang", "en", "scenario", "run", name, "--store", str(path)]) == 0
    return path


def _read(path, name):
    with open_store(str(path)) as store:
        return store.read_layer(name)


def test_programme_arrivals_are_limited_by_homes(workspace):
    people = _read(workspace, "scenario_almaty_kaskelen_talgar_population")
    for town in (KASKELEN, TALGAR):
        own = people[people["unit_id"] == town]
        assert own["resettled"].sum() == 75_000
        assert own["waiting"].max() == 0
    housing = _read(workspace, "housing")
    homes = housing[(housing["unit_id"] == KONAEV) & (housing["year"] > 2025)]
    room = (homes["dwellings"] * 3.0).sum()
    konaev = _read(workspace, "scenario_almaty_konaev_population")
    konaev = konaev[konaev["unit_id"] == KONAEV]
    assert konaev["resettled"].sum() == pytest.approx(room)
    assert konaev.loc[konaev["year"] == 2030, "waiting"].iloc[0] == pytest.approx(150_000 - room)


def test_astana_heat_gains_chp3_in_2026(workspace):
    zones = _read(workspace, "scenario_baseline_zones")
    heat = zones[(zones["zone_id"] == "astana_heat") & (zones["basis"] == "actual")]
    supply = heat.set_index("year")["supply"]
    assert supply[2026] - supply[2025] == pytest.approx(440.0)


def test_every_unit_has_a_first_deficit_row_per_network(workspace):
    deficits = _read(workspace, "scenario_baseline_deficits")
    units = _read(workspace, "units")
    actual = deficits[deficits["basis"] == "actual"]
    assert set(actual["unit_id"]) == set(units["unit_id"])
    assert actual["first_deficit_year"].dropna().between(2025, 2030).all()


def test_compare_writes_a_layer_and_a_map(workspace, tmp_path):
    out = tmp_path / "compare.html"
    assert main(["--lang", "en", "scenario", "compare", "baseline", "almaty_kaskelen_talgar",
                 "--out", str(out), "--store", str(workspace)]) == 0
    diff = _read(workspace, "compare_baseline_almaty_kaskelen_talgar").set_index("unit_id")
    gained = diff.loc[KASKELEN, "pop_actual_diff"]
    assert 75_000 <= gained <= 75_000 * 1.03
    assert diff.loc[KONAEV, "pop_actual_diff"] == 0
    html = out.read_text(encoding="utf-8")
    assert "Kaskelen" in html and "schematic" in html.lower()


def test_a_scenario_error_names_the_line(workspace, tmp_path, capsys):
    bad = tmp_path / "bad.yaml"
    bad.write_text("based_on: baseline\nresettlement:\n  - {unit: nowhere, persons: 10, "
                   "from: 2026, source: test}\n", encoding="utf-8")
    assert main(["--lang", "en", "scenario", "run", str(bad), "--store", str(workspace)]) == 2
    err = capsys.readouterr().err
    assert "line 3" in err and "nowhere" in err


def test_actual_population_from_the_demo_proxies(demo_workspace, tmp_path):
    """Almaty's water: 700,000 m3/day / 0.30 m3 a resident = 2,333,333 residents over its
    districts (one proxy each: the estimate is the proxy's, whole persons); Astana's heat proxy
    is refused as circular, so Astana keeps its 1.9M; the gap is its own layer."""
    path = demo_copy(demo_workspace, tmp_path)
    before = _read(path, "units")
    assert main(["--lang", "en", "actual", "--store", str(path)]) == 0
    units = _read(path, "units")
    city = units[(units["region"] == "almaty") & (units["kind"] == "city_district")]
    assert city["pop_actual"].sum() == pytest.approx(700_000 / 0.30, abs=len(city))
    assert (city["pop_actual_method"] == "proxies").all()
    astana = units[(units["region"] == "astana") & (units["kind"] == "city_district")]
    assert astana["pop_actual"].sum() == pytest.approx(1_900_000, abs=5)
    assert (astana["pop_actual_method"] == "loaded").all()
    kept = before.set_index("unit_id")["pop_actual"]
    assert (units.set_index("unit_id")["pop_actual_before"] == kept).all()
    gap = _read(path, "population_gap").set_index("unit_id")
    assert (gap["pop_gap"] == gap["pop_actual"] - gap["pop_registered"]).all()


def test_propose_sites_sizes_and_phases_infrastructure_first(workspace, capsys):
    assert main(["--lang", "kk", "propose", "--scenario", "almaty_kaskelen_talgar",
                 "--store", str(workspace)]) == 0
    printed = capsys.readouterr().out
    facilities = _read(workspace, "proposals_almaty_kaskelen_talgar_facilities")
    utilities = _read(workspace, "proposals_almaty_kaskelen_talgar_utilities")
    phasing = _read(workspace, "proposals_almaty_kaskelen_talgar_phasing")
    arrivals = _read(workspace, "proposals_almaty_kaskelen_talgar_arrivals")
    # every proposal explains itself in three languages, naming its norm's source
    for frame in (facilities, utilities):
        assert len(frame) > 0
        for lang in ("ru", "kk", "en"):
            assert frame[f"explanation_{lang}"].str.len().min() > 50
    assert facilities["explanation_en"].str.contains("BlocksNet|SNiP").all()
    # sites come from the candidate layer, never from inside the constraints band
    sites = _read(workspace, "candidate_sites").set_index("site_id")
    assert set(facilities["site_id"]) <= set(sites.index)
    # infrastructure first: a unit's people arrive no earlier than its package is funded
    funded = phasing.dropna(subset=["funded_year"]).set_index("investment_id")["funded_year"]
    assert len(funded) > 0
    for unit_id, own in arrivals[arrivals["arrived"] > 0.5].groupby("unit_id"):
        assert own["year"].min() >= funded[f"P-{unit_id}"]
    assert (arrivals["cumulative"] <= arrivals["wanted"] + 1e-6).all()
    assert "P-" in printed


def test_the_programme_takes_up_by_its_package_and_readiness(workspace):
    import math

    from scipy.special import expit, logit

    table = _read(workspace, "scenario_almaty_programme_programme")
    people = _read(workspace, "scenario_almaty_programme_population")
    package, anchor = 70 * 2.07 + 30 * 12 + 1625 + 400, 70 * 2.07 + 15 * 12 + 1160 + 400
    for town in (KASKELEN, TALGAR):
        own = table[table["unit_id"] == town]
        assert own["planned"].sum() == 75_000
        assert set(own["readiness_share"]) == {0.0}
        rate = expit(logit(0.54) + (0.5 * math.log(package / anchor) - 1.0) / 0.46)
        assert own["take_up"].iloc[0] == pytest.approx(rate)
        assert own["arrivals"].sum() == round(75_000 * rate) == 11_647
        assert own["tenge_per_person"].iloc[0] == pytest.approx(package * 4325 / 2.07)
        assert people.loc[people["unit_id"] == town, "resettled"].sum() == 11_647
