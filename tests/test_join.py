"""qonys join: reading statistics tables and joining them to layers by KATO code or name.

The real-data tests join the BNS bulletin (table 3, 1 January 2023) to the geoKZ districts of
2024; the expected matches were worked out by reading both files side by side (see the
docstrings). The hand-made cases each check one rule with values written down here.
"""

from __future__ import annotations

from pathlib import Path

import geopandas as gpd
import numpy as np
import pandas as pd
import pytest
from shapely.geometry import Point, box

from geo.errors import InputFileError, LayerSchemaError
from layers.join import join_statistics
from layers.names import name_kind, normalise_kato, normalise_name
from layers.read_stats import read_statistics

BNS = Path("geodata/kz-population-bns")
ADM2 = Path("geodata/kz-admin-geokz/kaz_admbnda_adm2_2024.shp")


# --- names and codes ---------------------------------------------------------------------


@pytest.mark.parametrize(("a", "b"), [
    ("Медеу ауданы", "Медеу"),                  # BNS (kk) against geoKZ ADM2_KK
    ("Медеуский район", "Медеуский"),           # a Russian table against ADM2_RU
    ("Турксибский р-н", "Турксибский"),
    ("Қонаев қ.ә.", "Қонаев"),                  # city administration
    ("г.а. Конаев", "Конаев"),
    ("Алматы қаласы", "Алматы (қала)"),         # ADM1_KK of Almaty city
    ("Әл-Фараби ауданы", "Әл Фараби"),          # ADM2_KK of Shymkent
    ("Солтүстік Қазақстан облысы", "Солтүстiк Қазақстан"),  # ADM1_KK has a Latin "i"
    ("Aршалинский", "Аршалинский"),             # ADM2_RU has a Latin "A"
    ("Семёновка", "семеновка"),
    ("ТАЛҒАР Қ.", "Талғар"),
])
def test_names_that_must_meet(a, b):
    assert normalise_name(a) == normalise_name(b)


@pytest.mark.parametrize(("a", "b"), [
    ("Қарасай", "Карасай"),      # Kazakh letters are not folded onto Russian ones
    ("Ұлан", "Үлан"),
    ("Алатау", "Алтай"),
])
def test_names_that_must_not_meet(a, b):
    assert normalise_name(a) != normalise_name(b)


def test_name_kinds_tell_a_district_from_its_town():
    assert [name_kind(n) for n in ("Талғар ауданы", "Талғар қ.", "Қосшы қ.ә.", "Кеген а.",
                                   "Ақмола облысы", "Талғар")] == [
        "district", "city", "city_administration", "village", "region", None]


def test_kato_codes_as_excel_and_csv_leave_them():
    assert normalise_kato(11000000) == "011000000"       # leading zero lost by Excel
    assert normalise_kato("11000000") == "011000000"
    assert normalise_kato(751110000.0) == "751110000"
    assert normalise_kato("751110000.0") == "751110000"
    assert normalise_kato("751 110 000") == "751110000"
    assert [normalise_kato(v) for v in ("75111000012", "7511", "KZ751110", 7.5e8 + 0.5)] == [
        None, None, None, None]


# --- reading tables ------------------------------------------------------------------------


def test_cp1251_semicolon_csv_with_spaces_and_decimal_commas(tmp_path):
    """A title row above the header; "1 234,5" = 1234.5; "2 000" (no-break space) = 2000."""
    path = tmp_path / "stat.csv"
    text = ("Таблица 1. Население на 1 января\n"
            "Район;Население, тыс.;Плотность\n"
            "Медеуский район;241,3;1 234,5\n"
            "Алмалинский район;262,5;2\u00a0000\n"
            "Наурызбайский район;-;х\n")
    path.write_bytes(text.encode("cp1251"))
    frame, encoding = read_statistics(path)
    assert encoding == "cp1251"
    assert list(frame.columns) == ["Район", "Население, тыс.", "Плотность"]
    assert frame["Район"].tolist() == ["Медеуский район", "Алмалинский район",
                                       "Наурызбайский район"]
    assert frame["Население, тыс."].tolist()[:2] == [241.3, 262.5]
    assert frame["Плотность"].tolist()[:2] == [1234.5, 2000.0]
    assert frame.iloc[2].isna().tolist() == [False, True, True]   # "-" and "х" are missing
    assert frame.index.tolist() == [3, 4, 5]                       # rows of the file


def test_first_data_row_may_be_all_missing(tmp_path):
    """The header is the row above the first row of numbers or missing marks."""
    path = tmp_path / "t.csv"
    path.write_text("name,pop\nА,-\nБ,5\n", encoding="utf-8")
    frame, encoding = read_statistics(path)
    assert (list(frame.columns), encoding) == (["name", "pop"], "utf-8")
    assert frame["name"].tolist() == ["А", "Б"] and frame["pop"].tolist()[1] == 5


def test_utf8_bom_tab_csv(tmp_path):
    path = tmp_path / "stat.csv"
    path.write_bytes(b"\xef\xbb\xbf" + "kato\tunit\tpop\n751110000\tАлмалы\t262521\n"
                     .encode())
    frame, encoding = read_statistics(path)
    assert encoding == "utf-8-sig"
    assert list(frame.columns) == ["kato", "unit", "pop"]
    assert frame.loc[2, "kato"] == "751110000"      # a code column stays text
    assert frame.loc[2, "pop"] == 262521


def test_unreadable_files_name_the_file(tmp_path):
    with pytest.raises(InputFileError, match=r"nope\.csv"):
        read_statistics(tmp_path / "nope.csv")
    old = tmp_path / "old.xls"
    old.write_bytes(b"\xd0\xcf\x11\xe0")
    with pytest.raises(InputFileError, match=r"old\.xls"):
        read_statistics(old)
    utf16 = tmp_path / "u16.csv"
    utf16.write_bytes("a,b\n1,2\n".encode("utf-16"))
    with pytest.raises(InputFileError, match=r"u16\.csv"):
        read_statistics(utf16)
    fake = tmp_path / "fake.xlsx"
    fake.write_text("not a workbook")
    with pytest.raises(InputFileError, match=r"fake\.xlsx"):
        read_statistics(fake)


def test_bns_workbook_header_found_below_titles(shared_dir):
    """source.xlsx: cover, legend and contents sheets, then tables whose header spans rows
    3-5 under a title and a units line. Sheet 03 row 502 is "Медеу ауданы", 241263 people
    (the same figure as row 482 of the DERIVED csv); openpyxl reads that cell on its own."""
    import openpyxl

    path = shared_dir / BNS / "source.xlsx"
    first, _ = read_statistics(path)
    assert first.attrs["sheet"] == "01"                    # the first sheet with a table
    assert first.loc[first["A"] == "Алматы қаласы", "Барлық халық Все население"].tolist() == [
        2161695]
    frame, encoding = read_statistics(path, sheet="03")
    assert encoding == "utf-8"
    assert list(frame.columns)[:2] == ["A", "Барлық халық Все население"]
    assert frame.loc[502, "A"] == "Медеу ауданы"
    assert frame.loc[502, "Барлық халық Все население"] == 241263
    assert pd.isna(frame.loc[502, "ауыл халқы сельское население"])        # "-" in the sheet
    assert frame.index[0] == 6 and frame.iloc[0]["A"] == "Қазақстан Республикасы"
    assert frame["A"].iloc[-1] == "Қаратау ауданы"     # notes and signatures below are cut
    book = openpyxl.load_workbook(path, read_only=True)
    cells = next(book["03"].iter_rows(min_row=502, max_row=502, max_col=2, values_only=True))
    book.close()
    assert cells == ("Медеу ауданы", 241263)
    with pytest.raises(InputFileError, match="04"):
        read_statistics(path, sheet="04")


# --- joining: hand-made cases --------------------------------------------------------------


def _units(names_kk, parents=None, *, kato=None):
    data = {"unit_id": [f"u{i}" for i in range(len(names_kk))], "name_kk": names_kk}
    if parents is not None:
        data["parent_name_kk"] = parents
    if kato is not None:
        data["kato"] = kato
    geometry = [box(i, 0, i + 1, 1) for i in range(len(names_kk))]
    return gpd.GeoDataFrame(data, geometry=geometry, crs="EPSG:4326")


def test_join_by_kato_restores_the_lost_zero(tmp_path):
    """Excel saved 011000000 as 11000000; 751110000.0 is a float export; 7511 is no code."""
    path = tmp_path / "t.csv"
    path.write_text("Код КАТО,pop\n11000000,100\n751110000.0,200\n7511,300\n751210000,400\n",
                    encoding="utf-8")
    table, _ = read_statistics(path)
    layer = _units(["А", "Алмалы", "Түркісіб"], kato=["011000000", "751110000", "751910000"])
    result = join_statistics(layer, table, on="kato", layer_name="units", table_name="t.csv")
    assert result.frame["pop"].tolist()[:2] == [100, 200] and pd.isna(result.frame["pop"][2])
    assert result.matched == 2
    assert result.unmatched_table[["row", "key", "reason"]].values.tolist() == [
        [3, "7511", "invalid"], [4, "751210000", "no_match"]]
    assert result.unmatched_layer["row"].tolist() == [3]
    assert [(p.rows, p.severity) for p in result.problems] == [
        ((3,), "error"), ((4,), "warning"), ((3,), "warning")]


def test_ambiguous_name_is_an_error_unless_a_parent_tells_them_apart():
    """Жамбыл is a district of Almaty oblast and of North Kazakhstan (and an oblast)."""
    layer = _units(["Жамбыл", "Жамбыл", "Іле"], ["Алматы", "Солтүстік Қазақстан", "Алматы"])
    table = pd.DataFrame({"unit": ["Жамбыл ауданы", "Іле ауданы"], "pop": [168019, 266677]})
    result = join_statistics(layer, table, on="name", layer_name="units", table_name="t")
    assert result.matched == 1
    miss = result.unmatched_table.iloc[0]
    assert (miss["key"], miss["reason"]) == ("Жамбыл ауданы", "ambiguous")
    assert miss["layers"] == "1 «Жамбыл» (Алматы), 2 «Жамбыл» (Солтүстік Қазақстан)"
    assert [p.severity for p in result.problems if p.rows == (1,)] == ["error"]
    assert result.has_errors
    assert result.unmatched_layer["reason"].tolist() == ["layer_ambiguous", "layer_ambiguous"]

    table["oblast"] = ["Алматы облысы", "Алматы облысы"]
    result = join_statistics(layer, table, on="name", layer_name="units", table_name="t")
    assert result.frame["pop"].tolist()[0] == 168019 and pd.isna(result.frame["pop"][1])
    assert "oblast" not in result.frame.columns          # used to match, not brought
    assert result.unmatched_table.empty and not result.has_errors


def test_city_parent_is_told_from_the_oblast_of_the_same_name():
    """Алатау is a district of Almaty city and a city of Almaty oblast (geoKZ ADM1_KK
    "Алматы (қала)" and "Алматы"): "Алматы қаласы" must pick the city's."""
    layer = _units(["Алатау", "Алатау"], ["Алматы", "Алматы (қала)"])
    table = pd.DataFrame({"parent": ["Алматы қаласы"], "unit": ["Алатау ауданы"],
                          "pop": [354899]})
    result = join_statistics(layer, table, on="name", layer_name="units", table_name="t")
    assert pd.isna(result.frame["pop"][0]) and result.frame["pop"][1] == 354899


def test_district_or_town_depends_on_the_layer_geometry():
    """"Талғар ауданы" (240022) and "Талғар қ." (64898) both read "талғар"."""
    table = pd.DataFrame({"unit": ["Талғар ауданы", "Талғар қ."], "pop": [240022, 64898]})
    polygons = _units(["Талғар"])
    result = join_statistics(polygons, table, on="name", layer_name="u", table_name="t")
    assert result.frame["pop"].tolist() == [240022]
    assert result.unmatched_table[["key", "reason", "others"]].values.tolist() == [
        ["Талғар қ.", "outranked", "1 «Талғар ауданы»"]]
    points = gpd.GeoDataFrame({"name_kk": ["Талғар"]}, geometry=[Point(77.2, 43.3)])
    result = join_statistics(points, table, on="name", layer_name="p", table_name="t")
    assert result.frame["pop"].tolist() == [64898]
    plain = pd.DataFrame({"name_kk": ["Талғар"]})
    result = join_statistics(plain, table, on="name", layer_name="d", table_name="t")
    assert pd.isna(result.frame["pop"][0]) and result.matched == 0
    assert result.unmatched_layer["reason"].tolist() == ["layer_conflict"]
    assert [(p.rows, p.severity) for p in result.problems] == [((1, 2), "error")]


def test_columns_the_layer_has_are_kept_by_default_named_ones_are_errors():
    layer = _units(["Медеу"]).assign(name_ru=["Медеуский"], pop=[1])
    table = pd.DataFrame({"name_kk": ["Медеу"], "name_ru": ["Медеуский район"], "pop": [5],
                          "area_km2": [426.0]})
    result = join_statistics(layer, table, on="name", key="name_kk", layer_name="units",
                             table_name="t")
    # Default columns: the new one is joined, the two the layer has are kept and said so.
    assert not result.has_errors and result.kept == ["name_ru", "pop"]
    assert result.frame["pop"].tolist() == [1]              # the layer's own values stay
    assert result.frame["name_ru"].tolist() == ["Медеуский"]
    assert result.frame["area_km2"].tolist() == [426.0]
    assert "kept as they were (not joined): name_ru, pop. Add --replace" in result.report(
        lang="en")
    named = join_statistics(layer, table, on="name", key="name_kk", columns=["pop"],
                            layer_name="units", table_name="t")
    assert [(p.column, p.severity) for p in named.problems] == [("pop", "error")]
    assert "--replace" in named.problems[0].fix
    chosen = join_statistics(layer, table, on="name", key="name_kk", columns=["area_km2"],
                             layer_name="units", table_name="t")
    assert not chosen.has_errors and "name_ru" in chosen.frame.columns
    with pytest.raises(LayerSchemaError, match="nope"):
        join_statistics(layer, table, on="name", columns=["nope"], layer_name="u",
                        table_name="t")
    with pytest.raises(LayerSchemaError, match="kato"):
        join_statistics(layer, table, on="kato", layer_name="u", table_name="t")


def test_replace_takes_the_table_value_only_in_matched_rows_that_have_one():
    layer = _units(["Медеу", "Алмалы", "Жетісу"]).assign(POP=[1.0, 2.0, 3.0])
    table = pd.DataFrame({"name_kk": ["Медеу", "Алмалы"], "pop": [10.0, None]})
    result = join_statistics(layer, table, on="name", key="name_kk", layer_name="units",
                             table_name="t", replace=True)
    # Медеу takes 10; Алмалы's table cell is empty so it keeps 2; Жетісу is unmatched: 3.
    # The layer's column is "POP": GeoPackage ignores case, so "pop" is that column.
    assert result.frame["POP"].tolist() == [10.0, 2.0, 3.0] and "pop" not in result.frame
    assert result.replaced == ["POP"] and not result.has_errors


def test_map_renames_before_the_clash_check():
    layer = _units(["Медеу"]).assign(pop_registered=[1])
    table = pd.DataFrame({"name_kk": ["Медеу"], "total": [5], "area": [2.0]})
    result = join_statistics(layer, table, on="name", key="name_kk", layer_name="units",
                             table_name="t", rename={"total": "pop_registered"})
    assert result.kept == ["total"] and result.frame["pop_registered"].tolist() == [1]
    assert result.frame["area"].tolist() == [2.0] and "total" not in result.frame


def test_plain_name_of_an_osm_layer_is_matched_and_the_column_is_said():
    # An OSM facilities layer has "name" only: rows 1 and 3 are in the table, row 2 is not.
    layer = gpd.GeoDataFrame({"facility_id": ["n1", "w2", "n3"],
                              "name": ["Школа-гимназия № 12", "Лицей № 8", "Ясли-сад № 5"],
                              "capacity": [np.nan, np.nan, np.nan]},
                             geometry=[Point(76.9, 43.2)] * 3, crs="EPSG:4326")
    table = pd.DataFrame({"name": ["школа-гимназия №12", "Ясли-сад № 5"],
                          "capacity": [1200, 280]})
    # Its capacity column is all empty: nothing to keep, so it is filled without --replace.
    result = join_statistics(layer, table, on="name", columns=["capacity"], layer_name="f",
                             table_name="t")
    assert result.matched == 2 and result.matched_on == {"name": 2}
    assert result.frame["capacity"].tolist()[::2] == [1200, 280]
    assert pd.isna(result.frame["capacity"][1])
    assert "Matched on the layer's columns: name (2)." in result.report(lang="en")


def test_report_lists_every_unmatched_row_in_russian_and_english():
    layer = _units(["Медеу", "Алмалы", "Жетісу"])
    table = pd.DataFrame({"unit": ["Медеу ауданы", "Абай ауданы", "Станционный к.", None],
                          "pop": [1, 2, 3, 4]})
    result = join_statistics(layer, table, on="name", layer_name="units", table_name="t.csv")
    assert result.unmatched_table["row"].tolist() == [2, 3, 4]
    assert result.unmatched_layer["row"].tolist() == [2, 3]
    ru, en = result.report(lang="ru"), result.report(lang="en")
    for key in ("Абай ауданы", "Станционный к."):
        assert f"«{key}»: в слое нет такой строки" in ru
        assert f"'{key}': no layer row has this key" in en
    for name in ("«Алмалы»", "«Жетісу»"):
        assert name in ru and name in en
    assert "Строки таблицы, не присоединённые к слою (3):" in ru
    assert "строка 4 «»: ключ пуст" in ru
    assert "Layer rows left without data (2):" in en
    assert "row 2 «Алмалы», unit_id u1: no table row matches" in en
    assert "1 of 3 layer rows got data" in en


# --- joining: the real bulletin against the real districts -------------------------------


def test_bns_table3_joins_the_geokz_districts(shared_dir):
    """DERIVED csv (80 rows of table 3) by name against all 224 geoKZ districts.

    Worked out from the two files: a district ("… ауданы") matches its ADM2_KK; a city
    administration ("… қ.ә.") matches the city's polygon, whose KATO (e.g. 191000000 Конаев)
    is the city administration, and wins over the city itself ("Қонаев қаласы", 55198 of its
    70513 people) and over the oblast's total row of the same name ("Түркістан"). Towns and
    villages ("Талғар қ.", "Кеген а.") lose to their district. "Алматы ауданы" under
    "Астана қаласы" is Astana's district, and "Алатау ауданы" under "Алматы қаласы" the
    city's, not Almaty oblast's new city Алатау (191800000). The oblast and city totals, the
    settlements with no district of their name, "Сауран ауданы" (not in geoKZ 2024) and the
    misspelt "Түкістан қаласы" stay unmatched.
    """
    table, _ = read_statistics(shared_dir / BNS / "DERIVED_bns_population_2023-01-01_selected.csv")
    layer = gpd.read_file(shared_dir / ADM2).rename(columns={
        "ADM2_RU": "name_ru", "ADM2_KK": "name_kk", "ADM2_EN": "name_en", "KATO": "kato",
        "ADM2_PCODE": "unit_id", "ADM1_RU": "parent_name_ru", "ADM1_KK": "parent_name_kk",
        "ADM1_EN": "parent_name_en"})
    result = join_statistics(layer, table, on="name", layer_name="adm2",
                             table_name="bns.csv")
    got = result.frame[result.frame["total"].notna()]
    matched = {(p, n) for p, n in zip(got["parent_name_kk"], got["name_kk"], strict=True)}
    expected = {("Ақмола", n) for n in ("Көкшетау", "Қосшы", "Целиноград")}
    expected |= {("Алматы", n) for n in ("Қонаев", "Балқаш", "Еңбекшіқазақ", "Жамбыл",
                                        "Кеген", "Қарасай", "Райымбек", "Талғар", "Ұйғыр",
                                        "Іле")}
    expected |= {("Түркістан", n) for n in (
        "Түркістан", "Арыс", "Кентау", "Бәйдібек", "Жетісай", "Келес", "Қазығұрт",
        "Мақтаарал", "Ордабасы", "Отырар", "Сайрам", "Сарыағаш", "Созақ", "Төле би",
        "Түлкібас")}
    expected |= {("Астана", n) for n in ("Алматы", "Есіл", "Сарыарқа", "Байқоңыр")}
    expected |= {("Алматы (қала)", n) for n in ("Алмалы", "Алатау", "Әуезов", "Бостандық",
                                               "Жетісу", "Медеу", "Наурызбай", "Түркісіб")}
    expected |= {("Шымкент", n) for n in ("Абай", "Әл Фараби", "Еңбекші", "Қаратау")}
    assert matched == expected and result.matched == 44
    total = dict(zip(got["kato"], got["total"], strict=True))
    assert total["751710000"] == 241263     # Медеу, csv row bns_table3_row482
    assert total["751910000"] == 252037     # Түркісіб, row484
    assert total["191000000"] == 70513      # Қонаев қ.ә., row109 (not the city's 55198)
    assert total["196200000"] == 240022     # Талғар ауданы, row123 (not the town's 64898)
    assert total["611000000"] == 220133     # Түркістан қ.ә., row399 (not the oblast)

    reasons = dict(zip(result.unmatched_table["key"], result.unmatched_table["reason"],
                       strict=True))
    outranked = {"Көкшетау қаласы", "Қосшы қ.", "Қонаев қаласы", "Кеген а.", "Талғар қ.",
                 "Түркістан", "Арыс қаласы", "Кентау қаласы", "Жетісай қ.", "Қазығұрт а.",
                 "Сарыағаш қ."}
    other_parent = {"Алматы", "Алматы қаласы", "Абай а.", "Ақсу а."}
    no_match = {"Ақмола", "Станционный к.", "Ақмол а.", "Бақанас а.", "Есік қ.",
                "Ұзынағаш а.", "Қаскелең қ.", "Нарынқол а.", "Шонжа а.", "Өтеген батыр а.",
                "Түкістан қаласы", "Шаян а.", "Мырзакент к.", "Темірлан а.", "Шәуілдір а.",
                "Сауран ауданы", "Шорнақ а.", "Шолаққорған а.", "Леңгір қ.", "Астана қаласы",
                "Шымкент қаласы"}
    assert reasons == ({k: "outranked" for k in outranked}
                       | {k: "other_parent" for k in other_parent}
                       | {k: "no_match" for k in no_match})
    assert len(table) == 80 == 44 + len(reasons)
    assert not result.has_errors

    missed = result.unmatched_layer
    assert len(missed) == 224 - 44
    demo = missed[missed["kato"].str[:2].isin(["11", "19", "61", "71", "75", "79"])]
    akmola = set(layer.loc[layer["kato"].str[:2] == "11", "name_kk"])
    assert set(demo["name_kk"]) == (akmola - {"Көкшетау", "Қосшы", "Целиноград"}) | {
        "Алатау", "Шардара", "Нұра", "Тұран"}
    assert demo.loc[demo["name_kk"] == "Алатау", "kato"].tolist() == ["191800000"]
    assert [len(p.rows) for p in result.problems if p.layer == "adm2"] == [180]  # one warning
    report = result.report(lang="en")
    assert all(f"'{key}'" in report for key in reasons)
    assert report.count("\n  row ") == len(reasons) + len(missed)


def test_a_join_refuses_values_that_load_would_refuse(tmp_path, capsys):
    """``qonys join`` writes what ``load`` checks: an infinite capacity and a negative
    population come in by neither, and the workspace stays byte for byte as it was."""
    from layers.store import open_store
    from planning.cli.app import main

    workspace = tmp_path / "ws.gpkg"
    units = gpd.GeoDataFrame({"unit_id": ["751110000", "751210000"],
                              "kato": ["751110000", "751210000"], "name_ru": ["А", "Б"]},
                             geometry=[box(76.9, 43.2, 77.0, 43.3), box(77.0, 43.2, 77.1, 43.3)],
                             crs="EPSG:4326")
    with open_store(workspace) as store:
        store.write_layers({"units": units})
    before = workspace.read_bytes()
    table = tmp_path / "pop.csv"
    table.write_text("kato,pop_registered\n751110000,1000\n751210000,-5\n", encoding="utf-8")
    assert main(["--lang", "en", "join", str(table), "--to", "units", "--on", "kato",
                 "--store", str(workspace)]) == 2
    err = capsys.readouterr().err
    assert "units, column pop_registered, rows 2" in err and "-5" in err
    assert workspace.read_bytes() == before
    table.write_text("kato,pop_registered\n751110000,inf\n751210000,7\n", encoding="utf-8")
    assert main(["--lang", "en", "join", str(table), "--to", "units", "--on", "kato",
                 "--store", str(workspace)]) == 2
    assert "units, column pop_registered, rows 1" in capsys.readouterr().err
    assert workspace.read_bytes() == before
    table.write_text("kato,pop_registered\n751110000,1000\n751210000,7\n", encoding="utf-8")
    assert main(["--lang", "en", "join", str(table), "--to", "units", "--on", "kato",
                 "--store", str(workspace)]) == 0
    with open_store(workspace) as store:
        assert store.read_layer("units")["pop_registered"].tolist() == [1000, 7]
