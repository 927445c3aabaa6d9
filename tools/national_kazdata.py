"""Net migration and regional indicators from the raw BNS tables of kaz-Data.

github.com/armanbostybayev-maker/kaz-Data keeps tables exported from the BNS statistics portal
(taldau) as tab-separated text: one row per figure, with the area as a Russian *name* in
``КАТО(по каталогу)`` ("НАУРЫЗБАЙСКИЙ РАЙОН", "Г.АЛМАТЫ", "ОБЛАСТЬ ЖЕТІСУ"), the kind of
locality in ``СПТМ (по каталогу)`` (городская / сельская местность / Всего), the year in
``DAT`` ("2024 год") and the figure in ``VAL`` with spaces between thousands ("17 831").

:func:`build_kaz_data` reads a local copy of those files (``--kaz-data DIR`` of
``tools/national_data.py``; the files by their base names) and writes ``net_migration.csv`` and
``region_indicators.csv``. Names are matched to KATO codes as follows.

* The republic ("РЕСПУБЛИКА КАЗАХСТАН") is code :data:`COUNTRY_CODE`.
* A region by its Russian or Kazakh name in ``data/reference/places.csv``.
* A town of regional significance ("СЕМЕЙ Г.А.", "Г.А.АЛАТАУ") by the Russian or Kazakh name of
  a geokz ADM2 town; a district by its adjective ("АУЭЗОВСКИЙ РАЙОН") against geokz's Russian
  name, or by its noun ("РАЙОН АҚСУАТ") against the Kazakh or Russian one, through
  :data:`ALIASES` where the spellings differ.
* The file names no region for a district, so a name that several districts carry (three
  "ЖАМБЫЛСКИЙ РАЙОН") is told apart only by its rows: the rows of one district add up
  (urban + rural = total), so the rows of a name fall into series, and a series whose kind
  (only urban, only rural, both) fits exactly one of the candidates (by their 2023 population
  in ``district_population_2023.csv``) is that district. A series that still fits several
  goes to the one whose region's total, less the districts already matched in it, equals the
  series' total in every year (the region rows of the file are the check). The others stay
  unmatched, listed.
"""

from __future__ import annotations

import re
from pathlib import Path

import pandas as pd

from tools.national_balance import with_balance

REPO = "github.com/armanbostybayev-maker/kaz-Data"
COMMIT = "4d78fe70111243dd1d635fe216ee1122d329d1a4"
#: The raw files read, with the path and commit in kaz-Data each row's ``source`` names.
FILES = {
    "migration": ("data/raw/stat/demography/migration_balance_2026-09-30.csv", COMMIT),
    "income": ("data/raw/stat/income/nominal_income_per_capita_2026-09-30.csv", COMMIT),
    "employed": ("data/raw/stat/labor/employed_2026-09-30.csv", COMMIT),
    "unemployment": ("data/raw/stat/labor/unemployment_rate_2026-09-30.csv", COMMIT),
    "population": ("data/raw/stat/demography/population_yearly_2026-08-11.csv",
                   "778ae3c8268a8bde86f1532585f27e11e22cfe21"),
    "housing": ("data/raw/stat/construction/housing_commissioned_2026-09-30.csv", COMMIT),
}
#: Breakdown columns of the tables; only their all-inclusive rows are read.
BREAKDOWNS = ("КН", "СП", "СГНЛ", "ГСУО01", "ГСГВОЗ", "ГОКЭД(по разделу)02 ", "КФС(по каталогу)",
              "ГСГТПЕ", "ГКОФ")
POPULATION_UNIT = ("persons at the start of the year (BNS yearly series; its 2023 figures differ "
                   "slightly from the bulletin's)")
COUNTRY_CODE = "000000000"
COUNTRY_NAME = "РЕСПУБЛИКА КАЗАХСТАН"
AREAS = {"Всего": "total", "городская местность": "urban", "сельская местность": "rural"}
#: Names in kaz-Data (the stem, without РАЙОН / Г.А.) spelt otherwise in geokz's ADM2_RU.
ALIASES = {
    "БЕИМБЕТА МАЙЛИНА": "Беимбет Майлин", "МАГЖАНА ЖУМАБАЕВА": "Магжан Жумабаев",
    "ШАЛ АКЫНА": "Шал акын", "ТУРАРА РЫСКУЛОВА": "Турар Рыскулов",
    "ГАБИТА МУСРЕПОВА": "Габит Мусрепов", "БАЙДИБЕКА": "Байдибек",
    "АЛЬ-ФАРАБИЙСКИЙ": "Аль-Фарабиский", "КАРАТОБИНСКИЙ": "Каратобеский",
    "АРШАЛЫНСКИЙ": "Аршалинский", "ЖАНГЕЛЬДИНСКИЙ": "Джангельдинский",
    "ШИЕЛИЙСКИЙ": "Чиилийский", "ЖЕТЫСАЙСКИЙ": "Жетисайский",
}
#: Regions whose territory changed in 2022 (Abay, Zhetisu and Ulytau regions were formed).
SPLIT_2022 = {"190000000": "Zhetisu", "630000000": "Abay", "350000000": "Ulytau"}
#: indicator, unit and how a year is made of the file's rows (quarterly files: the mean of a
#: year's four quarters, only for years with all four), by FILES key.
INDICATORS = {
    "income": ("income_per_capita_kzt",
               "KZT per person per month (nominal average per-capita money income)", None),
    "employed": ("employed", "persons (labour force survey; mean of the year's four quarterly "
                 "figures)", 0),
    "unemployment": ("unemployment_rate_pct", "% of the labour force (labour force survey; "
                     "mean of the year's four quarterly rates, not the BNS annual rate)", 2),
    "housing": ("housing_commissioned_m2", "m² of total floor area of the residential buildings "
                "commissioned in the year (all kinds of ownership and building)", None),
}
_KAZAKH = str.maketrans("ӘҒҚҢӨҰҮҺІAEKMHOPCTXBY", "АГКНОУУХИАЕКМНОРСТХВУ")


def source_of(name: str) -> str:
    """The ``source`` text of a row read from the kaz-Data file ``name`` (a :data:`FILES` key)."""
    path, commit = FILES[name]
    return f"BNS via {REPO}, {path}, commit {commit}"


def _key(name: str) -> str:
    """A name reduced for matching: upper case, Kazakh and Latin look-alikes as Russian
    letters, no soft or hard sign, letters only; geokz's doubled "скийский" as "ский"."""
    text = str(name).upper().translate(_KAZAKH)
    text = re.sub(r"[^А-ЯЁ]", "", text).replace("Ь", "").replace("Ъ", "")
    return text.replace("СКИЙСКИЙ", "СКИЙ")


def read_raw(path: Path) -> pd.DataFrame:
    """A kaz-Data table: ``name``, ``area`` (total/urban/rural), ``year``, ``value`` (float),
    ``row`` (1-based line of the file), in file order."""
    frame = pd.read_csv(path, sep="\t", dtype=str, keep_default_na=False)
    for column in BREAKDOWNS:
        if column in frame:
            frame = frame[frame[column].isin(["Всего", "Все группы"])]
    frame = frame.reset_index(drop=False)
    # The area columns are "(по каталогу)" in most tables, "(по отчету)" in construction's.
    frame = frame.rename(columns=lambda c: c.replace("(по отчету)", "(по каталогу)"))
    area = frame.get("СПТМ (по каталогу)", pd.Series("Всего", index=frame.index))
    values = frame["VAL"].str.replace(r"\s", "", regex=True).str.replace(",", ".")
    return pd.DataFrame({
        "name": frame["КАТО(по каталогу)"].str.strip(), "area": area.map(AREAS),
        "year": frame["DAT"].str.extract(r"(\d{4})", expand=False).astype(int),
        "quarter": pd.to_numeric(frame["DAT"].str.extract(r"(\d) квартал", expand=False)),
        "value": pd.to_numeric(values, errors="coerce"), "row": frame["index"] + 2})


def region_codes(places: pd.DataFrame) -> dict[str, str]:
    """Region names as kaz-Data writes them, reduced by :func:`_key`, → region code."""
    oblasts = places[places["kind"] == "oblast"]
    codes = {}
    for column, pattern in (("name_ru", r"^город | область$"), ("name_kk", r" (облысы|қаласы)$")):
        for name, code in zip(oblasts[column], oblasts["code"], strict=True):
            codes[_key(re.sub(pattern, "", name))] = str(code)
    return codes


def _region_of(name: str, regions: dict[str, str]) -> str | None:
    if name.startswith("Г.") and not name.startswith("Г.А."):
        return regions.get(_key(name[2:]))
    if "ОБЛАСТЬ" in name:
        return regions.get(_key(name.replace("ОБЛАСТЬ", "")))
    return None


def district_candidates(name: str, districts: pd.DataFrame) -> list[str]:
    """The geokz ADM2 units a kaz-Data district or town name may be (KATO codes)."""
    republican = districts["region"].isin(["710000000", "750000000", "790000000"])
    town = (districts["kato"].str[2].isin(["1", "2"]) & ~republican
            & ~districts["name_ru"].str.endswith("ский"))
    ru, kk = districts["name_ru"].map(_key), districts["name_kk"].map(_key)
    if name.endswith(" Г.А.") or name.startswith("Г.А."):
        key = _key(name.replace("Г.А.", ""))
        hit = town & ((ru == key) | (kk == key))
    elif name.endswith(" РАЙОН"):
        stem = name.removesuffix(" РАЙОН")
        hit = ~town & (ru == _key(ALIASES.get(stem, stem)))
    elif name.startswith("РАЙОН "):
        stem = re.sub(r"^РАЙОН (ИМ\.)?", "", name)
        key = _key(ALIASES.get(stem, stem))
        hit = ~town & ((kk == key) | (ru == key))
    else:
        return []
    return list(districts.loc[hit, "kato"])


def _pair(total: dict, urban: list, rural: list) -> tuple | None:
    """An urban and a rural item whose figures add up to ``total`` in every year of it."""
    for u in urban:
        for r in rural:
            if all(y in u[1] and y in r[1] and u[1][y] + r[1][y] == v for y, v in total.items()):
                return u, r
    return None


def _series(rows: pd.DataFrame) -> list[tuple[str, list[int]]]:
    """The rows of one name grouped into series of one district: (kind, row indexes), kind
    ``urban``/``rural``/``mixed`` from which parts add up to the total."""
    items = []  # runs of consecutive rows of one area: (area, {year: value}, [indexes])
    for index, row in rows.iterrows():
        if items and items[-1][0] == row["area"] and row["year"] not in items[-1][1]:
            items[-1][1][row["year"]] = row["value"]
            items[-1][2].append(index)
        else:
            items.append((row["area"], {row["year"]: row["value"]}, [index]))
    urban = [i for i in items if i[0] == "urban"]
    rural = [i for i in items if i[0] == "rural"]
    found = []
    for total in (i for i in items if i[0] == "total"):
        pair = _pair(total[1], urban, rural)
        if pair:
            urban.remove(pair[0])
            rural.remove(pair[1])
            found.append(("mixed", total[2] + pair[0][2] + pair[1][2]))
            continue
        for kind, pool in (("urban", urban), ("rural", rural)):
            same = [p for p in pool if p[1] == total[1]]
            if same:
                pool.remove(same[0])
                found.append((kind, total[2] + same[0][2]))
                break
    return found


def _kind_of(kato: str, population: pd.DataFrame) -> str | None:
    """A district's kind of population on 1 Jan 2023 (urban/rural/mixed), None if unknown."""
    row = population[population["kato"] == kato]
    if row.empty:
        return "urban" if kato[:2] in ("71", "75", "79") else None
    urban, rural = row["pop_urban_2023"].item() > 0, row["pop_rural_2023"].item() > 0
    return "mixed" if urban and rural else "urban" if urban else "rural"


def match_codes(raw: pd.DataFrame, districts: pd.DataFrame, places: pd.DataFrame,
                population: pd.DataFrame) -> pd.DataFrame:
    """``raw`` with ``code`` and ``level`` (country/region/district; empty where unmatched)."""
    regions = region_codes(places)
    raw = raw.assign(code="", level="")
    left = []  # series that fit more than one candidate: ([kato], row indexes)
    for name, rows in raw.groupby("name", sort=False):
        if name == COUNTRY_NAME:
            raw.loc[rows.index, ["code", "level"]] = [COUNTRY_CODE, "country"]
            continue
        region = _region_of(name, regions)
        if region:
            raw.loc[rows.index, ["code", "level"]] = [region, "region"]
            continue
        candidates = district_candidates(name, districts)
        if len(candidates) == 1:
            raw.loc[rows.index, ["code", "level"]] = [candidates[0], "district"]
            continue
        kinds = {kato: _kind_of(kato, population) for kato in candidates}
        for kind, indexes in _series(rows):
            fits = [kato for kato, k in kinds.items() if k == kind]
            if len(fits) == 1:
                raw.loc[indexes, ["code", "level"]] = [fits[0], "district"]
            elif fits:
                left.append((fits, indexes))
    return _by_region_residual(raw, left)


def _by_region_residual(raw: pd.DataFrame, left: list) -> pd.DataFrame:
    """Series still ambiguous go to the candidate whose region's total, less the districts
    already matched in it, equals the series' total in every year (and to no other)."""
    for fits, indexes in left:
        totals = raw.loc[indexes].query("area == 'total'").set_index("year")["value"]
        rows = raw[raw["area"] == "total"]
        region = rows[rows["level"] == "region"].set_index(["code", "year"])["value"]
        districts = rows[rows["level"] == "district"]
        matched = districts.groupby([districts["code"].str[:2] + "0000000", "year"])["value"].sum()
        residual = region.sub(matched, fill_value=0)
        hits = [kato for kato in fits
                if all(residual.get((kato[:2] + "0000000", y)) == v for y, v in totals.items())]
        if len(hits) == 1:
            raw.loc[indexes, ["code", "level"]] = [hits[0], "district"]
    return raw


def net_migration(raw: pd.DataFrame) -> pd.DataFrame:
    """The contract's ``net_migration.csv`` from the matched migration rows, in file order."""
    rows = raw[raw["code"] != ""]
    table = pd.DataFrame({"code": rows["code"], "level": rows["level"], "area": rows["area"],
                          "year": rows["year"], "persons": rows["value"].astype(int),
                          "source": source_of("migration")})
    return table.drop_duplicates(subset=["code", "area", "year", "persons"])


def _indicator(rows: pd.DataFrame, indicator: str, unit: str, source: str) -> pd.DataFrame:
    notes = [f"; before 2022 {code} included today's {SPLIT_2022[code]} Region"
             if code in SPLIT_2022 and year < 2022 else ""
             for code, year in zip(rows["code"], rows["year"], strict=True)]
    return pd.DataFrame({"region": rows["code"].to_numpy(), "year": rows["year"].to_numpy(),
                         "indicator": indicator, "value": rows["value"].to_numpy(),
                         "unit": unit, "source": [source + n for n in notes]})


def _annual(rows: pd.DataFrame, decimals: int | None) -> pd.DataFrame:
    """A region's yearly figure: the row itself, or the mean of a year's four quarters."""
    if decimals is None:
        return rows
    full = rows.groupby(["code", "year"]).filter(lambda g: set(g["quarter"]) == {1, 2, 3, 4})
    means = full.groupby(["code", "year"], sort=False, as_index=False)["value"].mean()
    return means.assign(value=means["value"].round(decimals))


def region_indicators(migration: pd.DataFrame, tables: dict[str, pd.DataFrame],
                      bulletin: pd.DataFrame | None) -> pd.DataFrame:
    """The long ``region_indicators.csv`` by region and year: population (total/urban/rural)
    from the BNS yearly series where read, else the bulletin's 2023 figures; net migration
    (total) and the :data:`INDICATORS` of the files read (the region's total area only)."""
    parts = []
    if "population" in tables:
        table = tables["population"]
        rows = table[table["level"] == "region"]
        for area, indicator in (("total", "population"), ("urban", "population_urban"),
                                ("rural", "population_rural")):
            parts.append(_indicator(rows[rows["area"] == area], indicator, POPULATION_UNIT,
                                    source_of("population")))
    if bulletin is not None:
        # The bulletin's 2023 figures only for regions the yearly series does not cover.
        covered = set(pd.concat(parts)["region"]) if parts else set()
        parts.append(bulletin[~bulletin["region"].isin(covered)])
    regional = migration[(migration["level"] == "region") & (migration["area"] == "total")]
    parts.append(_indicator(regional.rename(columns={"persons": "value"}), "net_migration",
                            "persons per year (arrivals minus departures, all flows)",
                            source_of("migration")))
    for name, (indicator, unit, decimals) in INDICATORS.items():
        if name in tables:
            table = tables[name]
            rows = table[(table["level"] == "region") & (table["area"] == "total")]
            parts.append(_indicator(_annual(rows, decimals), indicator, unit, source_of(name)))
    table = pd.concat(parts, ignore_index=True)
    return table.sort_values(["indicator", "region", "year"], kind="stable", ignore_index=True)


def bulletin_regions(units: pd.DataFrame, source: str) -> pd.DataFrame:
    """Region population on 1 Jan 2023 (total/urban/rural) from the bulletin's oblast rows."""
    blocks = units.drop_duplicates("block")
    parts = []
    for indicator, column in (("population", "block_total"), ("population_urban", "block_urban"),
                              ("population_rural", "block_rural")):
        parts.append(pd.DataFrame({
            "region": blocks["region"].to_numpy(), "year": 2023, "indicator": indicator,
            "value": blocks[column].to_numpy(), "unit": "persons on 1 January",
            "source": source}))
    return pd.concat(parts, ignore_index=True)


def build_kaz_data(raw_dir: Path, out: Path, *, districts: pd.DataFrame, places: pd.DataFrame,
                   population: pd.DataFrame,
                   bulletin: pd.DataFrame | None = None) -> dict[str, object]:
    """Write ``net_migration.csv`` and ``region_indicators.csv`` into ``out``; return what was
    matched and what was not."""
    raw_dir = Path(raw_dir)
    tables = {}
    for name, (path, _commit) in FILES.items():
        local = raw_dir / Path(path).name
        if local.is_file():
            tables[name] = match_codes(read_raw(local), districts, places, population)
    if "migration" not in tables:
        msg = f"{raw_dir} has no {Path(FILES['migration'][0]).name} (the kaz-Data raw files)."
        raise FileNotFoundError(msg)
    migration = net_migration(tables["migration"])
    duplicated = migration.duplicated(subset=["code", "area", "year"])
    if duplicated.any():
        msg = f"Conflicting net migration rows: {migration[duplicated].to_dict('records')}"
        raise ValueError(msg)
    migration.to_csv(out / "net_migration.csv", index=False, lineterminator="\n")
    indicators = with_balance(region_indicators(migration, tables, bulletin), raw_dir)
    indicators.to_csv(out / "region_indicators.csv", index=False, lineterminator="\n")
    unmatched = tables["migration"].loc[tables["migration"]["code"] == "", "name"]
    not_regions = {name: list(table.loc[table["code"] == "", "name"].unique())
                   for name, table in tables.items()
                   if name != "migration" and (table["code"] == "").any()}
    return {"net_migration_rows": len(migration),
            "net_migration_unmatched": unmatched.value_counts(sort=False).to_dict(),
            "indicator_rows": len(indicators), "unmatched_by_file": not_regions}
