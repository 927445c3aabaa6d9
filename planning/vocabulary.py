"""The words qonys chooses at run time by a key (a network, a kind, a stage ...).

Each table maps a key found in the data or the code to its marked message; :func:`geo.i18n._`
translates it. Kept apart, importing only :mod:`geo.i18n`, so that every module of the package
may use them without an import circle.
"""

from geo.i18n import N_

#: The messages of capacity unit by key, chosen at run time, marked for the catalogue.
CAPACITY_UNIT_MESSAGES = {
    "Gcal/h": N_("Gcal/h"),
    "m3/day": N_("m³/day"),
    "places": N_("places"),
    "visits/shift": N_("visits per shift"),
}

#: The messages of grid by by key, chosen at run time, marked for the catalogue.
GRID_BY_MESSAGES = {
    "area": N_("by area outside the constraints"),
    "grid": N_("by the population grid"),
}

#: The messages of plan kind by key, chosen at run time, marked for the catalogue.
PLAN_KIND_MESSAGES = {
    "kindergarten": N_("kindergarten"),
    "polyclinic": N_("polyclinic"),
    "school": N_("school"),
}

#: The messages of plan unit by key, chosen at run time, marked for the catalogue.
PLAN_UNIT_MESSAGES = {
    "Gcal/h": N_("Gcal/h"),
    "MW": N_("MW"),
    "m3/day": N_("m³/day"),
    "places": N_("places"),
    "visits/shift": N_("visits per shift"),
}
