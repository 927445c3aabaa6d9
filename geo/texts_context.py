"""ru/kk/en texts of the maps' context: the scale bar's units, the city views and the names of
the cities where a workspace gives none in the language. Merged into :data:`geo.i18n.TEXTS`."""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    "context.m": {"ru": "м", "kk": "м", "en": "m"},
    "context.km": {"ru": "км", "kk": "км", "en": "km"},
    "context.views": {"ru": "Вид карты", "kk": "Карта көрінісі", "en": "Map view"},
    "context.view_all": {"ru": "Вся карта", "kk": "Бүкіл карта", "en": "Whole map"},
    # A city view's button: the city's districts at a zoom where they can be read.
    "context.view_city": {"ru": "{city}: районы", "kk": "{city}: аудандар",
                          "en": "{city}: districts"},
    "context.city.almaty": {"ru": "Алматы", "kk": "Алматы", "en": "Almaty"},
    "context.city.astana": {"ru": "Астана", "kk": "Астана", "en": "Astana"},
    "context.city.shymkent": {"ru": "Шымкент", "kk": "Шымкент", "en": "Shymkent"},
}
# fmt: on
