"""The commands a warning tells a user to run must work (issue 13): ``load --set``, the join
that the "no capacity" warning proposes, loading over a layer, ``join --replace``.

Each case writes a small CSV whose answer is plain from its rows.
"""

from __future__ import annotations

import geopandas as gpd

from planning.cli.app import main

# Three schools by lon/lat; the second has no capacity. Written by hand: the answers below
# are read off these rows.
SCHOOLS = ("facility_id,name,lon,lat,capacity\n"
           "s1,Школа №1,76.90,43.25,900\n"
           "s2,Школа №2,76.95,43.24,\n"
           "s3,Гимназия 3,76.92,43.22,1100\n")


def _run(*argv: str) -> int:
    return main([*argv, "--lang", "en"])


def test_set_gives_every_row_its_value_before_the_checks(tmp_path, capsys):
    source = tmp_path / "schools.csv"
    source.write_text(SCHOOLS, encoding="utf-8")
    store = tmp_path / "ws.gpkg"
    # Without a kind the layer is refused (kind is required for facilities) ...
    assert _run("load", str(source), "--kind", "facilities", "--store", str(store)) == 2
    assert "kind" in capsys.readouterr().err and not store.exists()
    # ... with --set kind=school every row is a school, and the check passes.
    assert _run("load", str(source), "--kind", "facilities", "--set", "kind=school",
                "--store", str(store)) == 0
    layer = gpd.read_file(store, layer="facilities")
    assert layer["kind"].tolist() == ["school"] * 3
    # A column the file has is overwritten, and the provenance says so.
    assert _run("load", str(source), "--kind", "facilities", "--set", "kind=school",
                "--set", "name=Мектеп", "--store", str(store)) == 0
    assert gpd.read_file(store, layer="facilities")["name"].tolist() == ["Мектеп"] * 3
    capsys.readouterr()
    assert _run("layers", "--store", str(store)) == 0
    assert "--set name=Мектеп (replacing the source's values)" in capsys.readouterr().out
    # Not a pair: the message names the option.
    assert _run("load", str(source), "--kind", "facilities", "--set", "kind",
                "--store", str(store)) == 2
    assert "--set" in capsys.readouterr().err


def test_warning_names_the_layer_and_its_join_command_works(tmp_path, capsys):
    source = tmp_path / "schools.csv"
    source.write_text(SCHOOLS, encoding="utf-8")
    store = tmp_path / "ws.gpkg"
    assert _run("load", str(source), "--kind", "facilities", "--set", "kind=school",
                "--as", "schools", "--store", str(store)) == 0
    err = capsys.readouterr().err
    # Rows 1 and 3 have a capacity: the join must be let to write into the column.
    command = "qonys join TABLE --to schools --on name --columns capacity --replace"
    assert "column capacity, rows 2: no value given" in err and command in err
    # Run the proposed command: the table names school 2 (and school 1 with a new figure).
    table = tmp_path / "capacity.csv"
    table.write_text("name,capacity\nШкола №2,640\nШкола №1,950\n", encoding="utf-8")
    argv = command.replace("qonys ", "").replace("TABLE", str(table)).split()
    assert _run(*argv[:-1], "--store", str(store)) == 2  # without --replace: refused, said
    assert "--replace" in capsys.readouterr().out
    assert _run(*argv, "--store", str(store)) == 0
    out = capsys.readouterr().out
    assert "Matched on the layer's columns: name (2)." in out
    # Rows 1 and 2 take the table's 950 and 640; row 3 was not in the table and keeps 1100.
    assert gpd.read_file(store, layer="schools")["capacity"].tolist() == [950, 640, 1100]


def test_default_join_adds_new_columns_and_keeps_the_layers_own(tmp_path, capsys):
    source = tmp_path / "schools.csv"
    source.write_text(SCHOOLS, encoding="utf-8")
    store = tmp_path / "ws.gpkg"
    assert _run("load", str(source), "--kind", "facilities", "--set", "kind=school",
                "--store", str(store)) == 0
    table = tmp_path / "extra.csv"
    table.write_text("name,capacity,enrolled\nШкола №1,5,870\n", encoding="utf-8")
    assert _run("join", str(table), "--to", "facilities", "--on", "name",
                "--store", str(store)) == 0
    out = capsys.readouterr().out
    assert "kept as they were (not joined): capacity" in out
    layer = gpd.read_file(store, layer="facilities")
    assert layer["capacity"].tolist()[::2] == [900, 1100]  # the layer's own, not 5
    assert layer["enrolled"].tolist()[0] == 870


def test_loading_over_a_layer_says_what_it_replaces(tmp_path, capsys):
    source = tmp_path / "schools.csv"
    source.write_text(SCHOOLS, encoding="utf-8")
    store = tmp_path / "ws.gpkg"
    assert _run("load", str(source), "--kind", "facilities", "--set", "kind=school",
                "--store", str(store)) == 0
    assert "Replaced" not in capsys.readouterr().out
    from layers.store import open_store

    with open_store(store) as opened:
        loaded_at = opened.provenance().set_index("layer").loc["facilities", "loaded_at"]
    fewer = tmp_path / "two.csv"
    fewer.write_text("\n".join(SCHOOLS.splitlines()[:3]) + "\n", encoding="utf-8")
    assert _run("load", str(fewer), "--kind", "facilities", "--set", "kind=kindergarten",
                "--store", str(store)) == 0
    out = capsys.readouterr().out
    assert (f"Replaced the layer facilities: it held 3 features from schools.csv, loaded "
            f"{loaded_at}.") in out
    assert "Loaded 2 features" in out
