"""Planning norms: demand per resident, access thresholds and targets, each with its source.

Norms are data (``data/norms/default.yaml``); this module reads and checks them. A value
without a source is refused: every figure of a report must be explainable.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from geo.errors import NormError
from geo.i18n import tr
from layers.resources import data_dir, read_yaml

#: Networks whose capacity is shared among residents (utilities and social facilities).
CAPACITY_NETWORKS = ("heat", "water", "wastewater", "schools", "kindergartens", "polyclinics")
#: Every network of the readiness model: the capacity networks and the transport gate.
NETWORKS = (*CAPACITY_NETWORKS[:3], "transport", *CAPACITY_NETWORKS[3:])


@dataclass(frozen=True)
class Norm:
    """The norm of one network in one region.

    Attributes
    ----------
    network, type, unit
        ``type`` is ``utility``, ``facility`` or ``gate``; ``unit`` is the network's own unit
        (Gcal/h, m3/day, places, visits/shift).
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
class Norms:
    """Every norm, by network and region, plus walking speed and distance-decay weights."""

    path: Path
    walk_speed_kmh: float
    decay_weights: tuple[float, float, float]
    by_network: dict[str, dict[str, Norm]]

    def get(self, network: str, region: str | None = None) -> Norm:
        """The norm of ``network`` for ``region``, falling back to the default."""
        regional = self.by_network[network]
        return regional.get(region or "default", regional["default"])


def load_norms(path: Path | None = None) -> Norms:
    """Read and check a norms file (default: ``data/norms/default.yaml``).

    Raises
    ------
    NormError
        If a network or value is missing, or a value names no source.
    """
    path = path or data_dir() / "norms" / "default.yaml"
    raw = read_yaml(path)
    walk = _sourced(raw, "walk_speed_kmh", path)
    weights = _sourced(raw, "e2sfca_weights", path)
    networks = raw.get("networks") or {}
    by_network: dict[str, dict[str, Norm]] = {}
    for network in NETWORKS:
        if network not in networks:
            raise NormError(tr("err.norm_missing", path=path, key=f"networks.{network}"))
        by_network[network] = _network_norms(network, networks[network], path)
    return Norms(path=path, walk_speed_kmh=float(walk), decay_weights=tuple(weights),
                 by_network=by_network)


def _sourced(mapping: dict, key: str, path: Path) -> object:
    entry = mapping.get(key)
    if not isinstance(entry, dict) or "value" not in entry:
        raise NormError(tr("err.norm_missing", path=path, key=key))
    if not entry.get("source"):
        raise NormError(tr("err.norm_no_source", path=path, key=key))
    return entry["value"]


def _network_norms(network: str, spec: dict, path: Path) -> dict[str, Norm]:
    kind = spec.get("type")
    access = spec.get("access") or {}
    minutes = mode = access_source = None
    if access:
        if access.get("minutes") is None:
            raise NormError(tr("err.norm_missing", path=path, key=f"networks.{network}.access"))
        if not access.get("source"):
            raise NormError(tr("err.norm_no_source", path=path,
                               key=f"networks.{network}.access"))
        minutes, mode, access_source = float(access["minutes"]), access.get("mode"), \
            access["source"]
    target = target_source = None
    if kind == "gate":
        target = float(_sourced(spec, "target_share", path))
        target_source = spec["target_share"]["source"]
        return {"default": Norm(network, kind, None, None, None, minutes=minutes, mode=mode,
                                access_source=access_source, target_share=target,
                                target_source=target_source)}
    values = spec.get("per_resident") or {}
    if "default" not in values:
        raise NormError(tr("err.norm_missing", path=path,
                           key=f"networks.{network}.per_resident.default"))
    norms = {}
    for region in values:
        value = float(_sourced(values, region, path))
        norms[region] = Norm(network, kind, spec.get("unit"), value, values[region]["source"],
                             derived_from_load=bool(values[region].get("derived_from_load")),
                             minutes=minutes, mode=mode, access_source=access_source)
    return norms
