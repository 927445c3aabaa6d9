"""ru/kk/en texts of QGIS layer styles: legend labels and style descriptions.

Merged into :data:`geo.i18n.TEXTS`.
"""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    "styles.describe.graduated": {
        "ru": "Стиль qonys: {k} классов по полю {column} ({method})",
        "kk": "qonys стилі: {column} өрісі бойынша {k} класс ({method})",
        "en": "qonys style: {k} classes of {column} ({method})",
    },
    "styles.describe.categorized": {
        "ru": "Стиль qonys: категории поля {column} ({n})",
        "kk": "qonys стилі: {column} өрісінің санаттары ({n})",
        "en": "qonys style: categories of {column} ({n})",
    },
    "styles.describe.single": {"ru": "Стиль qonys: один знак для всех объектов",
                               "kk": "qonys стилі: барлық нысанға бір белгі",
                               "en": "qonys style: one symbol for every feature"},
    "styles.method.quantiles": {"ru": "квантили", "kk": "квантильдер", "en": "quantiles"},
    "styles.method.readiness": {
        "ru": "квантили отдельно для дефицита и для резерва, граница классов в нуле",
        "kk": "тапшылық пен қор үшін бөлек квантильдер, кластар шекарасы нөлде",
        "en": "quantiles of deficits and of room separately, a class break at zero",
    },
    "styles.other": {"ru": "прочие значения", "kk": "басқа мәндер", "en": "other values"},
    "styles.value.school": {"ru": "школа", "kk": "мектеп", "en": "school"},
    "styles.value.kindergarten": {"ru": "детский сад", "kk": "балабақша",
                                  "en": "kindergarten"},
    "styles.value.polyclinic": {"ru": "поликлиника", "kk": "емхана", "en": "polyclinic"},
    "styles.value.hospital": {"ru": "больница", "kk": "аурухана", "en": "hospital"},
    "styles.value.electricity": {"ru": "электроснабжение", "kk": "электрмен жабдықтау",
                                 "en": "electricity"},
    "styles.value.gas": {"ru": "газоснабжение", "kk": "газбен жабдықтау", "en": "gas"},
    "styles.value.city": {"ru": "город", "kk": "қала", "en": "city"},
    "styles.value.town": {"ru": "малый город", "kk": "шағын қала", "en": "town"},
    "styles.value.village": {"ru": "село", "kk": "ауыл", "en": "village"},
    "styles.value.hamlet": {"ru": "малое село", "kk": "шағын ауыл", "en": "hamlet"},
}
# fmt: on
