"""ru/kk/en texts of the static step. Merged into :data:`geo.i18n.TEXTS`."""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    "static.km": {"ru": "{value} км", "kk": "{value} км", "en": "{value} km"},
    "static.m": {"ru": "{value} м", "kk": "{value} м", "en": "{value} m"},
    # The letter of the north arrow: Север, Солтүстік, North.
    "static.north": {"ru": "С", "kk": "Т", "en": "N"},
    "static.sources": {
        "ru": "Источники: {sources}",
        "kk": "Дереккөздер: {sources}",
        "en": "Sources: {sources}",
    },
    "static.empty": {
        "ru": "На карте «{title}» нечего рисовать: ни в слоях, ни в контурах нет геометрий.",
        "kk": "«{title}» картасында салатын ештеңе жоқ: қабаттарда да, контурларда да "
              "геометрия жоқ.",
        "en": "The map “{title}” has nothing to draw: neither its layers nor its outlines have "
              "any geometry.",
    },
}
# fmt: on
