"""Source column names mapped to the catalogue's: the alias table, ``--map`` and cut names.

A GIS specialist's file names its columns in Russian, Kazakh or English, often cut to 10 bytes
by the shapefile format. :func:`map_columns` renames them to the schema's keys with, in order:

1. the user's ``--map SRC=DEST`` pairs (always win);
2. the schema's own key (``pop_registered``), compared after :func:`normalise_column`;
3. :data:`ALIASES` (``население`` → ``pop_registered``), for every kind, and
   :data:`KIND_ALIASES`, for one kind (``osm_id`` is a settlement's id in ``settlements``);
4. the same names cut to a shapefile's 10 bytes, in UTF-8 (``насел``) or a one-byte code page
   (``численност``); a cut name that fits two keys is reported, not guessed;
5. administrative-level names of boundary files (``ADM2_RU``, ``ADM1_KK`` ...): the deepest
   level gives ``name_ru/kk/en``, the one above ``parent_name_ru/kk/en``.

A source column that matches nothing keeps its name. The alias table is the documented
contract: the README lists it (``qonys load --help`` points there).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field

from geo.i18n import _
from layers.catalogue import kind as catalogue_kind
from layers.validate import Problem

#: Schema key → other names it is known by (compared after :func:`normalise_column`).
ALIASES: dict[str, tuple[str, ...]] = {
    "unit_id": ("id_unit", "unit_code", "код_единицы", "бірлік_коды"),
    "kato": ("като", "код_като", "kato_code", "kato_id", "кato", "әаож", "әаож_коды", "te_code"),
    "name_ru": ("название", "наименование", "название_ru", "наименование_ru", "name_rus",
                "nameru", "атауы_ru", "имя"),
    "name_kk": ("атауы", "атау", "name_kz", "name_kaz", "namekz", "namekk", "название_kz",
                "наименование_каз", "наименование_kz"),
    "name_en": ("name_eng", "nameen", "english_name", "name_latin"),
    "parent_id": ("parent", "родитель", "код_родителя", "ата_бірлік"),
    "region": ("регион", "өңір", "агломерация", "агломерациясы"),
    "pop_registered": ("население", "численность", "численность_населения", "халық_саны",
                       "халық", "тұрғындар_саны", "pop", "pop_reg", "population_registered",
                       "зарег_население", "тіркелген_халық"),
    "pop_actual": ("фактическое_население", "факт_население", "нақты_халық",
                   "actual_population", "pop_act"),
    "pop_year": ("год_населения", "халық_жылы", "population_year"),
    "area_km2": ("площадь", "площадь_км2", "площадь_кв_км", "аумағы", "аумағы_км2", "area",
                 "area_sqkm", "shape_area_km2"),
    "settlement_id": ("id_settlement", "код_нп"),
    "place": ("тип_нп", "тип_поселения", "елді_мекен_түрі"),
    "population": ("население", "численность", "халық_саны", "халық", "pop"),
    "capacity": ("мощность", "вместимость", "проектная_мощность", "кол_мест",
                 "количество_мест", "мест", "сыйымдылығы", "қуаты", "орын_саны"),
    "enrolled": ("контингент", "учащиеся", "обучающиеся", "фактически", "оқушылар",
                 "контингенті"),
    "load": ("нагрузка", "подключенная_нагрузка", "жүктеме"),
    "network": ("сеть", "вид_сети", "желі"),
    "unit": ("единица", "ед_изм", "единица_измерения", "өлшем_бірлігі"),
    "commissioned": ("год_ввода", "ввод", "пайдалануға_берілген_жылы"),
    "speed_kmh": ("скорость", "скорость_км_ч", "жылдамдық", "maxspeed", "max_speed", "speed"),
    "highway": ("fclass", "класс_дороги", "жол_класы", "road_class"),
    "oneway": ("одностороннее", "одностороннее_движение", "бір_жақты"),
    "persons": ("чел", "человек", "адам", "population", "pop_count"),
    "origin_id": ("origin", "откуда", "қайдан", "from_id"),
    "dest_id": ("dest", "destination", "куда", "қайда", "to_id"),
    "year": ("год", "жыл"),
    "persons_actual": ("фактически_чел",),
    "flow_kind": ("вид_потока", "тип_миграции", "ағын_түрі"),
    "dwellings": ("квартир", "квартиры", "кол_квартир", "пәтерлер", "пәтер_саны"),
    "reason": ("причина", "основание", "себебі"),
    "kind": ("тип", "вид", "түрі", "type"),
    "name": ("наименование_объекта", "атауы_нысан"),
    "source": ("источник", "дереккөз"),
}

#: Aliases that hold for one kind only (an OSM id is the id of whatever the file lists).
KIND_ALIASES: dict[str, dict[str, tuple[str, ...]]] = {
    "settlements": {"settlement_id": ("osm_id", "id")},
    "facilities": {"facility_id": ("osm_id", "id", "код_объекта")},
    "utility_sources": {"source_id": ("id", "код_источника")},
    "utility_zones": {"zone_id": ("id", "код_зоны")},
    "candidate_sites": {"site_id": ("id",)},
    "job_centres": {"job_centre_id": ("id",)},
    "population_grid": {"point_id": ("id",)},
    "units": {"unit_id": ("id",)},
}

#: The longest field name a shapefile's ``.dbf`` holds, in bytes.
SHAPEFILE_NAME_BYTES = 10
_ADMIN_LEVEL = re.compile(r"^adm(\d)_(ru|kk|kz|en)$")


def normalise_column(name: str) -> str:
    """A column name as compared with the alias table.

    Lower case, ``ё`` as ``е``, and spaces, dots, colons, hyphens and slashes as ``_``.

    Examples
    --------
    >>> normalise_column("Население ")
    'население'
    >>> normalise_column("name:kk")
    'name_kk'
    >>> normalise_column("Кол-во мест")
    'кол_во_мест'
    """
    text = name.strip().casefold().replace("ё", "е")
    text = re.sub(r"[\s.:\-/\\]+", "_", text)
    return text.strip("_")


def cut_names(name: str) -> set[str]:
    """The forms of ``name`` a shapefile may have left: cut to 10 bytes in UTF-8 or one byte
    per letter.

    Examples
    --------
    >>> sorted(cut_names("население"))
    ['насел', 'население']
    >>> sorted(cut_names("pop_registered"))
    ['pop_regist']
    """
    return {name[:SHAPEFILE_NAME_BYTES], cut_utf8(name, SHAPEFILE_NAME_BYTES)}


def cut_utf8(text: str, size: int) -> str:
    """``text`` cut to at most ``size`` bytes of UTF-8, never inside a letter.

    Examples
    --------
    >>> cut_utf8("население", 10)
    'насел'
    """
    return text.encode("utf-8")[:size].decode("utf-8", errors="ignore")


@dataclass
class ColumnMapping:
    """How the source's columns were renamed.

    Attributes
    ----------
    renamed
        Source column → schema key, for every column that was renamed.
    how
        Source column → how it matched (``"--map"``, ``"alias"``, ``"cut name"`` ...).
    problems
        Unknown ``--map`` columns, and cut names that fit two keys.
    """

    renamed: dict[str, str] = field(default_factory=dict)
    how: dict[str, str] = field(default_factory=dict)
    problems: list[Problem] = field(default_factory=list)

    def describe(self) -> str:
        """One line for provenance: ``"население→pop_registered (alias), ..."``."""
        return ", ".join(f"{src}→{dst} ({self.how[src]})" for src, dst in self.renamed.items()
                         if src != dst)


def _known_names(kind_name: str) -> dict[str, set[str]]:
    """Normalised name → schema keys it may stand for, for one kind."""
    spec = catalogue_kind(kind_name)
    keys = [c.name for c in (*spec.required, *spec.optional)]
    known: dict[str, set[str]] = {}
    for key in keys:
        names = {key, *ALIASES.get(key, ()), *KIND_ALIASES.get(kind_name, {}).get(key, ())}
        for name in names:
            known.setdefault(normalise_column(name), set()).add(key)
    return known


def map_columns(
    columns: list[str],
    *,
    kind: str,
    user_map: Mapping[str, str] | None = None,
    layer: str,
) -> ColumnMapping:
    """Decide the schema key of every source column.

    Parameters
    ----------
    columns
        The source's column names (not the geometry).
    kind
        The layer kind of the catalogue.
    user_map
        ``--map`` pairs, source name → schema key (or any new name).
    layer
        The file or layer name, for problems.

    Returns
    -------
    ColumnMapping

    Examples
    --------
    >>> m = map_columns(["KATO", "ADM2_RU", "ADM1_RU", "Насел"], kind="units", layer="x.shp")
    >>> m.renamed
    {'KATO': 'kato', 'Насел': 'pop_registered', 'ADM2_RU': 'name_ru', 'ADM1_RU': 'parent_name_ru'}
    """
    mapping = ColumnMapping()
    taken: set[str] = set()
    user_map = dict(user_map or {})
    by_normal = {normalise_column(c): c for c in columns}
    for source, target in user_map.items():
        found = source if source in columns else by_normal.get(normalise_column(source))
        if found is None:
            mapping.problems.append(Problem(
                layer, source, (), _("--map names a column '{column}' that the source does not "
                                     "have", column=source),
                _("The source's columns are: {columns}.", columns=", ".join(columns))))
            continue
        _rename(mapping, found, target, "--map", taken)

    known = _known_names(kind)
    cut: dict[str, set[str]] = {}
    for name, keys in known.items():
        for form in cut_names(name) - {name}:
            cut.setdefault(form, set()).update(keys)
    for column in columns:
        if column in mapping.renamed or column in mapping.how:
            continue
        normal = normalise_column(column)
        keys = known.get(normal)
        how = "alias" if keys and normal not in {k for k in keys} else "name"
        if not keys and normal in cut:
            keys, how = cut[normal], "cut name"
        if not keys:
            continue
        free = sorted(keys - taken)
        if len(free) == 1 and (column == free[0] or free[0] not in columns):
            _rename(mapping, column, free[0], how, taken)
        elif len(free) > 1:
            mapping.problems.append(Problem(
                layer, column, (), _("the column '{column}' may mean any of: {keys}",
                                     column=column, keys=", ".join(free)),
                _("Say which, for example --map {column}={key}.",
                  column=column, key=free[0]), severity="error"))
    _admin_levels(columns, mapping, taken)
    return mapping


def _rename(mapping: ColumnMapping, source: str, target: str, how: str, taken: set[str]) -> None:
    mapping.renamed[source] = target
    mapping.how[source] = how
    taken.add(target)


def _admin_levels(columns: list[str], mapping: ColumnMapping, taken: set[str]) -> None:
    """``ADM2_RU`` of a boundary file is the unit's name, ``ADM1_RU`` its parent's."""
    levels: dict[str, dict[int, str]] = {}
    for column in columns:
        match = _ADMIN_LEVEL.match(normalise_column(column))
        if match and column not in mapping.how:
            language = "kk" if match.group(2) == "kz" else match.group(2)
            levels.setdefault(language, {})[int(match.group(1))] = column
    for language, by_level in levels.items():
        ordered = sorted(by_level, reverse=True)
        for role, level in zip(("name", "parent_name"), ordered, strict=False):
            target = f"{role}_{language}"
            if target not in taken:
                _rename(mapping, by_level[level], target, f"admin level {level}", taken)


def aliases_markdown() -> str:
    """The alias tables as the Markdown table the README shows."""
    lines = ["| schema column | also recognised as |", "|---|---|"]
    for key, names in ALIASES.items():
        lines.append(f"| `{key}` | {', '.join(names)} |")
    for kind_name, table in KIND_ALIASES.items():
        for key, names in table.items():
            lines.append(f"| `{key}` (in `{kind_name}`) | {', '.join(names)} |")
    return "\n".join(lines)
