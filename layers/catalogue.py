"""The layer catalogue: every layer kind of DESIGN.md's data model and its schema.

Column keys are ASCII snake_case with the unit in the name where there is one; human labels
live in :data:`LABELS`, not in column names. A kind lists its required and optional columns,
their types, and its geometry type (``None`` for a plain table).
"""

from __future__ import annotations

from dataclasses import dataclass, field

#: Column types understood by :mod:`layers.validate`.
COLUMN_TYPES = ("str", "int", "float", "bool")


@dataclass(frozen=True)
class Column:
    """One column of a layer kind.

    Parameters
    ----------
    name
        ASCII snake_case key, with the unit in the name where there is one.
    dtype
        One of :data:`COLUMN_TYPES`.
    minimum, maximum
        Allowed range for numbers (inclusive), ``None`` for no bound.
    unique
        Whether values must be unique (identifiers).
    unit
        The unit of the values (``"persons"``, ``"km/h"``), or where it is given when it varies
        by row (``"see column unit"``); empty for codes and names.
    fill_later
        For a required column: rows may arrive without a value (OpenStreetMap has no school
        capacities); the load reports them as warnings, and the values must be joined
        (``qonys join``) before the model uses the layer.
    choices
        For a text column: the values it may hold (compared stripped and in any letter case);
        empty for any value.

    Numbers must be finite wherever they are given: ``inf`` is a typing or export error, never a
    capacity (see :mod:`layers.validate`).
    """

    name: str
    dtype: str
    minimum: float | None = None
    maximum: float | None = None
    unique: bool = False
    unit: str = ""
    fill_later: bool = False
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class LayerKind:
    """A layer kind: its geometry and its required and optional columns."""

    name: str
    geometry: str | None
    required: tuple[Column, ...]
    optional: tuple[Column, ...] = field(default_factory=tuple)

    def column(self, name: str) -> Column | None:
        """The column called ``name`` if the kind knows it."""
        for col in (*self.required, *self.optional):
            if col.name == name:
                return col
        return None


_NAMES = (Column("name_ru", "str"), Column("name_kk", "str"), Column("name_en", "str"))
_SOURCE = Column("source", "str")
# A district of more than 10 million residents is a typing error, not a district.
_POP = {"minimum": 0, "maximum": 10_000_000, "unit": "persons"}
_YEAR = {"minimum": 1900, "maximum": 2100, "unit": "year"}
#: The values of ``flow_kind``, the ones :mod:`planning.population.flows` assesses (it imports
#: them), so that an unknown kind stops the load, not only ``qonys flows``.
FLOW_KINDS = ("internal", "external")
#: The slowest road speed a layer may give, km/h: below a walk's pace, 0 included, a speed is a
#: missing value written as a number (a road at 0 km/h would cut the network without a word).
MIN_ROAD_SPEED_KMH = 1

KINDS: dict[str, LayerKind] = {
    "units": LayerKind(
        "units",
        "Polygon",
        required=(Column("unit_id", "str", unique=True),),
        optional=(
            *_NAMES,
            Column("kind", "str"),
            Column("parent_id", "str"),
            Column("region", "str"),
            Column("kato", "str"),
            Column("pop_registered", "float", **_POP),
            Column("pop_actual", "float", **_POP),
            Column("pop_year", "int", **_YEAR),
            Column("area_km2", "float", minimum=0, unit="km²"),
            _SOURCE,
        ),
    ),
    "settlements": LayerKind(
        "settlements",
        "Point",
        required=(Column("settlement_id", "str", unique=True),),
        optional=(*_NAMES, Column("place", "str"), Column("population", "float", **_POP),
                  Column("kato", "str"), Column("region", "str"), _SOURCE),
    ),
    "population_grid": LayerKind(
        "population_grid",
        "Point",
        required=(Column("point_id", "str", unique=True), Column("persons", "float", **_POP)),
        optional=(Column("unit_id", "str"), Column("persons_actual", "float", **_POP), _SOURCE),
    ),
    "flows": LayerKind(
        "flows",
        None,
        required=(Column("origin_id", "str"), Column("dest_id", "str"),
                  Column("year", "int", **_YEAR),
                  Column("persons", "float", minimum=0, unit="persons")),
        optional=(Column("flow_kind", "str", choices=FLOW_KINDS), _SOURCE),
    ),
    "registrations": LayerKind(
        "registrations",
        None,
        required=(Column("date", "str"), Column("origin_id", "str"), Column("dest_id", "str")),
        optional=(Column("record_id", "str"), Column("flow_kind", "str", choices=FLOW_KINDS),
                  _SOURCE),
    ),
    "population_proxies": LayerKind(
        "population_proxies",
        None,
        required=(Column("unit_id", "str"), Column("proxy", "str"),
                  Column("value", "float", minimum=0, unit="the proxy's own (m3/day, Gcal/h, "
                                                          "persons, subscribers)"),
                  Column("year", "int", **_YEAR)),
        optional=(_SOURCE,),
    ),
    "utility_sources": LayerKind(
        "utility_sources",
        "Point",
        required=(Column("source_id", "str", unique=True), Column("network", "str"),
                  Column("capacity", "float", minimum=0, unit="see column unit"),
                  Column("unit", "str")),
        optional=(Column("name", "str"), Column("kind", "str"),
                  Column("load", "float", minimum=0, unit="see column unit"),
                  Column("commissioned", "int", **_YEAR), _SOURCE),
    ),
    "utility_zones": LayerKind(
        "utility_zones",
        "Polygon",
        required=(Column("zone_id", "str", unique=True), Column("network", "str")),
        optional=(Column("name", "str"),
                  Column("load", "float", minimum=0, unit="unit of the zone's sources"),
                  Column("load_source", "str"), _SOURCE),
    ),
    "zone_sources": LayerKind(
        "zone_sources",
        None,
        required=(Column("zone_id", "str"), Column("source_id", "str")),
    ),
    "roads": LayerKind(
        "roads",
        "LineString",
        required=(),
        optional=(Column("speed_kmh", "float", minimum=MIN_ROAD_SPEED_KMH, maximum=200,
                         unit="km/h"),
                  Column("highway", "str"),
                  Column("oneway", "bool"), _SOURCE),
    ),
    "facilities": LayerKind(
        "facilities",
        "Point",
        required=(Column("facility_id", "str", unique=True), Column("kind", "str"),
                  Column("capacity", "float", minimum=0, fill_later=True,
                         unit="places (school, kindergarten), visits per shift, beds")),
        optional=(Column("enrolled", "float", minimum=0, unit="persons"), Column("name", "str"),
                  Column("unit_id", "str"), _SOURCE),
    ),
    "candidate_sites": LayerKind(
        "candidate_sites",
        "Point",
        required=(Column("site_id", "str", unique=True),),
        optional=(Column("unit_id", "str"), Column("kinds", "str"), _SOURCE),
    ),
    "job_centres": LayerKind(
        "job_centres",
        "Point",
        required=(Column("job_centre_id", "str", unique=True),),
        optional=(*_NAMES, Column("jobs", "float", minimum=0, unit="jobs"),
                  Column("region", "str"), Column("kato", "str"), _SOURCE),
    ),
    "constraints": LayerKind(
        "constraints",
        "Polygon",
        required=(Column("reason", "str"),),
        optional=(_SOURCE,),
    ),
    "housing": LayerKind(
        "housing",
        None,
        required=(Column("unit_id", "str"), Column("year", "int", **_YEAR),
                  Column("dwellings", "float", minimum=0, unit="dwellings")),
        optional=(Column("status", "str"), _SOURCE),
    ),
    "net_migration": LayerKind(
        "net_migration",
        None,
        required=(Column("code", "str"),
                  Column("level", "str", choices=("country", "region", "district")),
                  Column("year", "int", **_YEAR),
                  # Net migration is negative where more leave than arrive.
                  Column("persons", "float", minimum=-10_000_000, maximum=10_000_000,
                         unit="persons")),
        optional=(Column("area", "str", choices=("total", "urban", "rural")), _SOURCE),
    ),
    "region_indicators": LayerKind(
        "region_indicators",
        None,
        required=(Column("region", "str"), Column("year", "int", **_YEAR),
                  Column("indicator", "str"), Column("value", "float", unit="see column unit")),
        optional=(Column("unit", "str"), _SOURCE),
    ),
    # The scoring layer of the rural development potential (Order No 50 of the Minister of
    # National Economy, 10 June 2025): one row per settlement or unit, one column per criterion
    # that the norms file's centres.rural_criteria lists (its economic block here).
    "rural_potential": LayerKind(
        "rural_potential",
        None,
        required=(),
        optional=(Column("settlement_id", "str"), Column("unit_id", "str"),
                  Column("arable_land_ha", "float", minimum=0, unit="ha"),
                  Column("pasture_ha", "float", minimum=0, unit="ha"),
                  Column("hayfield_ha", "float", minimum=0, unit="ha"),
                  Column("agri_smes", "float", minimum=0, unit="businesses"),
                  Column("nonagri_businesses", "float", minimum=0, unit="businesses"),
                  Column("base_enterprise", "float", minimum=0, maximum=1, unit="1 or 0"),
                  Column("employees", "float", minimum=0, unit="persons"),
                  Column("market_distance_km", "float", minimum=0, unit="km"),
                  Column("processing", "float", minimum=0, unit="as the order measures it"),
                  Column("household_output", "float", minimum=0,
                         unit="as the order measures it"),
                  _SOURCE),
    ),
    # Written by qonys centres: every district and town ranked as a centre of attraction.
    "centres": LayerKind(
        "centres",
        "Point",
        required=(Column("candidate_id", "str", unique=True),),
        optional=(Column("candidate_kind", "str", choices=("district", "town")), *_NAMES,
                  Column("region", "str"), Column("unit_id", "str"),
                  Column("score", "float", minimum=0, maximum=1),
                  Column("rank", "float", minimum=1),
                  Column("job_access", "float", minimum=0, unit="jobs"),
                  Column("spare_capacity_residents", "float", unit="persons"),
                  Column("rural_potential", "float", minimum=0, maximum=1),
                  Column("outflow_persons", "float", unit="persons"),
                  Column("spare_capacity_basis", "str",
                         choices=("readiness", "norm_estimate")),
                  Column("explanation_ru", "str"), Column("explanation_kk", "str"),
                  Column("explanation_en", "str")),
    ),
}

#: Human labels of the kinds, in ru/kk/en.
LABELS: dict[str, dict[str, str]] = {
    "units": {"ru": "территориальные единицы", "kk": "аумақтық бірліктер", "en": "units"},
    "settlements": {"ru": "населённые пункты", "kk": "елді мекендер", "en": "settlements"},
    "population_grid": {"ru": "размещение населения", "kk": "халықтың орналасуы",
                        "en": "population points"},
    "flows": {"ru": "миграционные потоки", "kk": "көші-қон ағындары", "en": "migration flows"},
    "registrations": {"ru": "записи о регистрации по месту жительства",
                      "kk": "тұрғылықты жері бойынша тіркеу жазбалары",
                      "en": "residence registration records"},
    "population_proxies": {"ru": "косвенные показатели численности населения",
                           "kk": "халық санының жанама көрсеткіштері",
                           "en": "population proxies"},
    "utility_sources": {"ru": "источники ресурсов", "kk": "ресурс көздері",
                        "en": "utility sources"},
    "utility_zones": {"ru": "зоны обслуживания сетей", "kk": "желілердің қызмет аймақтары",
                      "en": "utility zones"},
    "zone_sources": {"ru": "источники зон", "kk": "аймақ көздері", "en": "zone sources"},
    "roads": {"ru": "дороги", "kk": "жолдар", "en": "roads"},
    "facilities": {"ru": "социальные объекты", "kk": "әлеуметтік нысандар",
                   "en": "social facilities"},
    "candidate_sites": {"ru": "площадки-кандидаты", "kk": "үміткер алаңдар",
                        "en": "candidate sites"},
    "job_centres": {"ru": "центры занятости", "kk": "жұмыс орталықтары",
                    "en": "job centres"},
    "constraints": {"ru": "ограничения застройки", "kk": "құрылыс шектеулері",
                    "en": "constraints"},
    "housing": {"ru": "жильё", "kk": "тұрғын үй", "en": "housing"},
    "net_migration": {"ru": "сальдо миграции", "kk": "көші-қон сальдосы",
                      "en": "net migration"},
    "region_indicators": {"ru": "показатели регионов", "kk": "өңірлердің көрсеткіштері",
                          "en": "region indicators"},
    "rural_potential": {"ru": "потенциал сельских населённых пунктов",
                        "kk": "ауылдық елді мекендердің әлеуеті",
                        "en": "rural development potential"},
    "centres": {"ru": "альтернативные центры притяжения", "kk": "баламалы тартылыс орталықтары",
                "en": "alternative centres of attraction"},
}


def catalogue_table() -> list[dict[str, str]]:
    """Every column of every kind as one table: kind, geometry, column, required, type, unit and
    allowed range (or values). The README's catalogue table is this table (a test keeps them equal).

    Examples
    --------
    >>> table = catalogue_table()
    >>> table[0]["kind"], table[0]["column"], table[0]["required"]
    ('units', 'unit_id', 'yes')
    """
    rows = []
    for spec in KINDS.values():
        for required, columns in (("yes", spec.required), ("no", spec.optional)):
            for col in columns:
                low = "" if col.minimum is None else f"{col.minimum:g}"
                high = "" if col.maximum is None else f"{col.maximum:g}"
                rows.append({
                    "kind": spec.name,
                    "geometry": spec.geometry or "none (table)",
                    "column": col.name,
                    "required": "may be joined later" if col.fill_later else required,
                    "type": col.dtype + (", unique" if col.unique else ""),
                    "unit": col.unit,
                    "range": (f"{low}–{high}" if low or high else ", ".join(col.choices)),
                })
    return rows


def catalogue_markdown() -> str:
    """:func:`catalogue_table` as the Markdown table the README shows."""
    head = ("| kind | geometry | column | required | type | unit | range |\n"
            "|---|---|---|---|---|---|---|")
    rows = [f"| {r['kind']} | {r['geometry']} | `{r['column']}` | {r['required']} | {r['type']} "
            f"| {r['unit']} | {r['range']} |" for r in catalogue_table()]
    return "\n".join([head, *rows])


def kind(name: str) -> LayerKind:
    """The :class:`LayerKind` called ``name``.

    Raises
    ------
    ValueError
        Naming the known kinds, if ``name`` is not one of them.
    """
    try:
        return KINDS[name]
    except KeyError:
        msg = f"Unknown layer kind {name!r}: use one of {', '.join(KINDS)}."
        raise ValueError(msg) from None
