"""The words qonys chooses at run time by a key (a network, a kind, a stage ...).

Each table maps a key found in the data or the code to its marked message; :func:`geo.i18n._`
translates it. Kept apart, importing only :mod:`geo.i18n`, so that every module of the package
may use them without an import circle.
"""

from geo.i18n import N_

#: The messages of basis short by key, chosen at run time, marked for the catalogue.
BASIS_SHORT_MESSAGES = {
    "actual": N_("actual"),
    "registered": N_("registered"),
}

#: The messages of join level by key, chosen at run time, marked for the catalogue.
JOIN_LEVEL_MESSAGES = {
    "settlements": N_("a populated place (city, village, settlement)"),
    "units": N_("an administrative unit (district, city administration, region)"),
}

#: The messages of join reason by key, chosen at run time, marked for the catalogue.
JOIN_REASON_MESSAGES = {
    "ambiguous": N_("fits several layer rows: {layers}"),
    "clash": N_("the column '{column}' already exists in the layer {layer}"),
    "conflict": N_("the same layer row {layers} also fits table rows {others}"),
    "empty": N_("the key is empty"),
    "invalid": N_("'{key}' is not a 9-digit KATO code"),
    "layer_ambiguous": N_("table rows {others} fit it and other layer rows alike"),
    "layer_conflict": N_("several table rows fit it: {others}"),
    "layer_no_match": N_("no table row matches"),
    "no_match": N_("no layer row has this key"),
    "other_parent": N_("the layer has this name only under another parent (oblast): {layers}"),
    "outranked": N_("the layer row {layers} went to table row {others}, which names {level}"),
}

#: The messages of network by key, chosen at run time, marked for the catalogue.
NETWORK_MESSAGES = {
    "heat": N_("heat"),
    "kindergartens": N_("kindergartens"),
    "no_facility": N_("no facility within a walk"),
    "none": N_("no constraint"),
    "not_assessed": N_("not assessed (no data)"),
    "off_network": N_("access unknown: the roads do not cover it"),
    "polyclinics": N_("polyclinics"),
    "schools": N_("schools"),
    "transport": N_("transport"),
    "wastewater": N_("wastewater"),
    "water": N_("water"),
}
