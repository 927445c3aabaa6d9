"""Planning norms: the networks, their demand per resident, access thresholds and targets.

Norms are data (``data/norms/default.yaml``); this module reads and checks them. The networks
themselves are data too: every entry under ``networks`` is one, of a ``type`` this module
knows (``utility``, ``facility`` or ``gate``). A norms file may add a network (``gas``,
``electricity``) by giving it ``type: utility``, a ``unit`` and a sourced ``per_resident``;
it is then computed like heat and water. ``transport`` (the gate) is always required. A value
without a source is refused: every figure of a report must be explainable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from geo.errors import NormError
from geo.i18n import N_, NN_, _, current_language, n_
from layers.resources import data_dir, read_yaml
from layers.vocabulary import NETWORK_MESSAGES
from planning.vocabulary import CAPACITY_UNIT_MESSAGES

#: The messages of amount by key, chosen at run time, marked for the catalogue.
AMOUNT_MESSAGES = {
    "other": N_("{count:,.0f} {unit}"),
    "places": NN_("{count:,.0f} place", "{count:,.0f} places"),
    "residents_for": NN_("{count:,.0f} resident", "{count:,.0f} residents"),
    "visits/shift": NN_("{count:,.0f} visit per shift", "{count:,.0f} visits per shift"),
}

#: The kinds of network the readiness model computes. ``utility``: a zone's capacity split
#: among its units by demand; ``facility``: capacity reachable within a travel time;
#: ``gate``: a share of residents within a travel time, against a target.
NETWORK_TYPES = ("utility", "facility", "gate")
#: The capacity networks of the shipped ``data/norms/default.yaml`` (utility, then facility).
#: A norms file may have others: use :attr:`Norms.capacity_networks` of the norms in use.
CAPACITY_NETWORKS = ("heat", "water", "wastewater", "schools", "kindergartens", "polyclinics")
#: Every network of the shipped norms file: its capacity networks and the transport gate.
NETWORKS = (*CAPACITY_NETWORKS[:3], "transport", *CAPACITY_NETWORKS[3:])
#: Networks every norms file must define.
REQUIRED_NETWORKS = {"transport": "gate"}


@dataclass(frozen=True)
class Norm:
    """The norm of one network in one region.

    Attributes
    ----------
    network, type, unit
        ``type`` is one of :data:`NETWORK_TYPES`; ``unit`` is the network's own unit
        (Gcal/h, m3/day, MW, places, visits/shift).
    per_resident, per_resident_source
        Demand per resident in ``unit`` (``None`` for the gate).
    derived_from_load
        The per-resident value was derived from a measured load, so load / norm is not an
        independent estimate of the population served.
    minutes, mode, access_source
        Travel-time threshold, ``walk`` or ``drive``.
    target_share, target_source
        For the gate: the share of residents that must be within ``minutes``.
    """

    network: str
    type: str
    unit: str | None
    per_resident: float | None
    per_resident_source: str | None
    derived_from_load: bool = False
    minutes: float | None = None
    mode: str | None = None
    access_source: str | None = None
    target_share: float | None = None
    target_source: str | None = None


@dataclass(frozen=True)
class Figure:
    """One sourced planning figure of a norms file (growth, costs, sizes …)."""

    value: float
    source: str


#: Sections of a norms file beyond the networks, read by :meth:`Norms.figure`.
FIGURE_SECTIONS = ("growth", "housing", "proxies", "facility_size", "utility_module", "costs",
                   "roads", "centres", "resettlement_programme")


@dataclass(frozen=True)
class Norms:
    """Every norm, by network (in the file's order) and region, plus walking speed and weights.

    Attributes
    ----------
    names
        Display names a norms file gives its networks, ``{network: {lang: name}}``.
    """

    path: Path
    walk_speed_kmh: float
    decay_weights: tuple[float, float, float]
    by_network: dict[str, dict[str, Norm]]
    names: dict[str, dict[str, str]] | None = None
    sections: dict[str, dict] | None = None

    def figure(self, section: str, key: str, region: str | None = None) -> Figure:
        """A sourced figure of one of :data:`FIGURE_SECTIONS`, for ``region`` or the default.

        An entry is either ``{value, source}`` or ``{default: {value, source}, <region>: ...}``.

        Raises
        ------
        NormError
            If the section or key is missing: the message names the file and the key.

        Examples
        --------
        >>> load_norms().figure("growth", "natural", "almaty").value
        0.0091
        """
        entry = ((self.sections or {}).get(section) or {}).get(key)
        where = f"{section}.{key}"
        if isinstance(entry, dict) and "value" not in entry:
            chosen = region if region in entry else "default"
            entry, where = entry.get(chosen), f"{where}.{chosen}"
        if not isinstance(entry, dict) or "value" not in entry:
            raise NormError(_("The norms file {path} has no value for {key}. Add it with its "
                              "source.", path=self.path, key=where))
        return Figure(float(entry["value"]), str(entry.get("source") or ""))

    def get(self, network: str, region: str | None = None) -> Norm:
        """The norm of ``network`` for ``region``, falling back to the default."""
        regional = self.by_network[network]
        return regional.get(region or "default", regional["default"])

    def of_type(self, kind: str) -> tuple[str, ...]:
        """The networks of one ``type``, in the file's order."""
        return tuple(n for n, regional in self.by_network.items()
                     if regional["default"].type == kind)

    @property
    def utility_networks(self) -> tuple[str, ...]:
        """Networks served by zones of connected sources (heat, water, wastewater, ...)."""
        return self.of_type("utility")

    @property
    def facility_networks(self) -> tuple[str, ...]:
        """Networks of facilities reached within a travel time (schools, ...)."""
        return self.of_type("facility")

    @property
    def capacity_networks(self) -> tuple[str, ...]:
        """The networks whose headroom enters the minimum: utilities, then facilities.

        Examples
        --------
        >>> load_norms().capacity_networks == CAPACITY_NETWORKS
        True
        """
        return self.utility_networks + self.facility_networks

    def label(self, network: str, lang: str | None = None) -> str:
        """The display name of ``network``: the file's ``name``, else qonys's own, else the key.

        Examples
        --------
        >>> load_norms().label("heat", lang="en")
        'heat'
        """
        given = (self.names or {}).get(network) or {}
        if given:
            return given.get(lang or current_language(), next(iter(given.values())))
        key = NETWORK_MESSAGES.get(network)
        return _(key, lang=lang) if key is not None else network

    def unit_label(self, network: str, lang: str | None = None) -> str:
        """The unit of ``network``'s figures as the language writes it ("мест", "Гкал/ч").

        A unit qonys has no word for is shown as the norms file writes it.

        Examples
        --------
        >>> load_norms().unit_label("schools", lang="ru")
        'мест'
        >>> load_norms().unit_label("water", lang="en")
        'm³/day'
        """
        unit = self.get(network).unit
        key = CAPACITY_UNIT_MESSAGES.get(unit)
        return _(key, lang=lang) if key is not None else str(unit)


def amount_text(value: float, unit: str | None, *, lang: str | None = None) -> str:
    """``value`` in a capacity ``unit`` of a norms file, the noun in the number's form.

    The number is rounded to a whole one, whose plural category chooses the noun.

    Examples
    --------
    >>> amount_text(1200, "places", lang="ru"), amount_text(54574.4, "places", lang="ru")
    ('1\xa0200 мест', '54\xa0574 места')
    >>> amount_text(1, "visits/shift", lang="en")
    '1 visit per shift'
    """
    count = round(float(value))
    key = AMOUNT_MESSAGES.get(unit)
    if key is not None:
        return _(key, lang=lang, count=count)
    unit_key = CAPACITY_UNIT_MESSAGES.get(unit)
    label = _(unit_key, lang=lang) if unit_key is not None else str(unit)
    return _("{count:,.0f} {unit}", lang=lang, count=count, unit=label)


def residents_text(value: float, *, lang: str | None = None) -> str:
    """A number of residents as the explanations write it ("для 10 000 жителей").

    Examples
    --------
    >>> residents_text(21, lang="ru"), residents_text(4590.2, lang="en")
    ('21 жителя', '4,590 residents')
    """
    return n_("{count:,.0f} resident", "{count:,.0f} residents",
              lang=lang, count=round(float(value)))


def load_norms(path: Path | None = None) -> Norms:
    """Read and check a norms file (default: ``data/norms/default.yaml``).

    Raises
    ------
    NormError
        If a network or value is missing, a value names no source, or a network's ``type``
        is not one of :data:`NETWORK_TYPES`.

    Examples
    --------
    >>> norms = load_norms()
    >>> norms.utility_networks, norms.get("heat", "astana").per_resident
    (('heat', 'water', 'wastewater'), 0.0016)
    """
    path = path or data_dir() / "norms" / "default.yaml"
    raw = read_yaml(path)
    walk = _sourced(raw, "walk_speed_kmh", path)
    weights = _sourced(raw, "e2sfca_weights", path)
    networks = raw.get("networks") or {}
    for network, kind in REQUIRED_NETWORKS.items():
        if network not in networks:
            raise NormError(_("The norms file {path} has no value for {key}. Add it with its "
                              "source.",
                              path=path, key=f"networks.{network}"))
        _check_type(network, networks[network], path, allowed=(kind,))
    by_network: dict[str, dict[str, Norm]] = {}
    names: dict[str, dict[str, str]] = {}
    for network, spec in networks.items():
        _check_type(network, spec, path, allowed=NETWORK_TYPES)
        by_network[str(network)] = _network_norms(str(network), spec, path)
        if isinstance(spec.get("name"), dict):
            names[str(network)] = {str(k): str(v) for k, v in spec["name"].items()}
    sections = {name: raw[name] for name in FIGURE_SECTIONS if isinstance(raw.get(name), dict)}
    _check_figure_sources(sections, path)
    return Norms(path=path, walk_speed_kmh=float(walk), decay_weights=tuple(weights),
                 by_network=by_network, names=names, sections=sections)


def _check_figure_sources(sections: dict[str, dict], path: Path) -> None:
    """Every figure names its source, as the networks' values do."""
    for section, entries in sections.items():
        for key, entry in entries.items():
            leaves = [(f"{section}.{key}", entry)] if "source" in entry or "value" in entry \
                or "per_resident" in entry or "per_resident_network" in entry else \
                [(f"{section}.{key}.{region}", e) for region, e in entry.items()]
            for where, leaf in leaves:
                if not isinstance(leaf, dict) or not leaf.get("source"):
                    raise NormError(_("The norm {key} in {path} names no source. Add a source "
                                      "field.", path=path, key=where))


def _check_type(network: str, spec: object, path: Path, *, allowed: tuple[str, ...]) -> None:
    kind = spec.get("type") if isinstance(spec, dict) else None
    if kind not in allowed:
        raise NormError(_("In the norms file {path}, {key} is '{value}'; the allowed network "
                          "types are {allowed}. Set it to one of them.",
                          path=path, key=f"networks.{network}.type",
                           value=kind, allowed=", ".join(allowed)))


def _sourced(mapping: dict, key: str, path: Path) -> object:
    entry = mapping.get(key)
    if not isinstance(entry, dict) or "value" not in entry:
        raise NormError(_("The norms file {path} has no value for {key}. "
                          "Add it with its source.", path=path, key=key))
    if not entry.get("source"):
        raise NormError(_("The norm {key} in {path} names no source. Add a "
                          "source field.", path=path, key=key))
    return entry["value"]


def _network_norms(network: str, spec: dict, path: Path) -> dict[str, Norm]:
    kind = spec["type"]
    access = spec.get("access") or {}
    minutes = mode = access_source = None
    if access:
        if access.get("minutes") is None:
            raise NormError(_("The norms file {path} has no value for {key}. Add it with its "
                              "source.",
                              path=path, key=f"networks.{network}.access"))
        if not access.get("source"):
            raise NormError(_("The norm {key} in {path} names no source. Add a source "
                              "field.", path=path,
                               key=f"networks.{network}.access"))
        minutes, mode, access_source = float(access["minutes"]), access.get("mode"), \
            access["source"]
    if kind == "gate":
        target = float(_sourced(spec, "target_share", path))
        return {"default": Norm(network, kind, None, None, None, minutes=minutes, mode=mode,
                                access_source=access_source, target_share=target,
                                target_source=spec["target_share"]["source"])}
    if not spec.get("unit"):
        # Demand, supply and load are all in the network's own unit: without it no figure reads.
        raise NormError(_("The norms file {path} has no value for {key}. Add it with its source.",
                          path=path, key=f"networks.{network}.unit"))
    values = spec.get("per_resident") or {}
    if "default" not in values:
        raise NormError(_("The norms file {path} has no value for {key}. Add it with "
                          "its source.", path=path,
                           key=f"networks.{network}.per_resident.default"))
    norms = {}
    for region in values:
        value = float(_sourced(values, region, path))
        norms[region] = Norm(network, kind, spec["unit"], value, values[region]["source"],
                             derived_from_load=bool(values[region].get("derived_from_load")),
                             minutes=minutes, mode=mode, access_source=access_source)
    return norms
