"""ru/kk/en texts of the maps' panel, size keys and maps left out for want of variation.

Merged into :data:`geo.i18n.TEXTS`.
"""

# fmt: off
TEXTS: dict[str, dict[str, object]] = {
    # The button that folds a map's panel (layer switcher and legends) away and back.
    "maps.panel_toggle": {"ru": "Условные обозначения", "kk": "Шартты белгілер",
                          "en": "Legend"},
    "maps.panel_toggle_layers": {"ru": "Слои и условные обозначения",
                                 "kk": "Қабаттар мен шартты белгілер",
                                 "en": "Layers and legend"},
    # Between the names of several layers inside the quotes of maps.flat and maps.dropped.
    "maps.names_sep": {"ru": "», «", "kk": "», «", "en": "”, “"},
    # A map whose every layer is zero or unknown everywhere: a sentence instead of the map.
    "maps.flat": {
        "ru": {"one": "Карта «{names}» не показана: её значение везде равно нулю или "
                      "неизвестно.",
               "few": "Карты «{names}» не показаны: их значения везде равны нулю или "
                      "неизвестны.",
               "many": "Карты «{names}» не показаны: их значения везде равны нулю или "
                       "неизвестны.",
               "other": "Карты «{names}» не показаны: их значения везде равны нулю или "
                        "неизвестны."},
        "kk": {"one": "«{names}» картасы көрсетілмеді: оның мәні барлық жерде нөлге тең "
                      "немесе белгісіз.",
               "other": "«{names}» карталары көрсетілмеді: олардың мәндері барлық жерде "
                        "нөлге тең немесе белгісіз."},
        "en": {"one": "No map of “{names}”: its value is zero or unknown everywhere.",
               "other": "No maps of “{names}”: their values are zero or unknown "
                        "everywhere."},
    },
    # The same for some layers of a map that still shows others: one line under the map.
    "maps.dropped": {
        "ru": {"one": "Слой «{names}» не показан: его значение везде равно нулю или "
                      "неизвестно.",
               "few": "Слои «{names}» не показаны: их значения везде равны нулю или "
                      "неизвестны.",
               "many": "Слои «{names}» не показаны: их значения везде равны нулю или "
                       "неизвестны.",
               "other": "Слои «{names}» не показаны: их значения везде равны нулю или "
                        "неизвестны."},
        "kk": {"one": "«{names}» қабаты көрсетілмеді: оның мәні барлық жерде нөлге тең "
                      "немесе белгісіз.",
               "other": "«{names}» қабаттары көрсетілмеді: олардың мәндері барлық жерде "
                        "нөлге тең немесе белгісіз."},
        "en": {"one": "Layer “{names}” is not shown: its value is zero or unknown "
                      "everywhere.",
               "other": "Layers “{names}” are not shown: their values are zero or unknown "
                        "everywhere."},
    },
    # The size key of a point layer: what a circle of each size stands for.
    "maps.size_key": {"ru": "Размер круга — мощность", "kk": "Шеңбер өлшемі — қуаты",
                      "en": "Circle size: capacity"},
    # "школы, мест: 1 663": the unit in the heading's form, right after any number.
    "maps.size_row": {"ru": "{group}, {unit}: {value:,.0f}", "kk": "{group}, {unit}: {value:,.0f}",
                      "en": "{group}: {value:,.0f} {unit}"},
}
# fmt: on
