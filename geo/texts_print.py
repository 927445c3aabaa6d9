"""ru/kk/en texts of the print part: QGIS field aliases, the report's classes in QGIS styles,
and the QGIS project stored in the GeoPackage (its groups).

Merged into :data:`geo.i18n.TEXTS`.
"""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    "print.method.report": {
        "ru": "границы классов отчёта", "kk": "есептің класс шекаралары",
        "en": "the report's class breaks",
    },
    "print.alias.unit_id": {"ru": "Код единицы", "kk": "Бірлік коды", "en": "Unit code"},
    "print.alias.name": {"ru": "Название ({lang})", "kk": "Атауы ({lang})",
                         "en": "Name ({lang})"},
    "print.alias.pop_gap": {"ru": "Разрыв: факт. минус зарег., человек",
                            "kk": "Айырма: нақты минус тіркелген, адам",
                            "en": "Gap: actual minus registered, persons"},
    "print.alias.pop_gap_share": {"ru": "Разрыв, доля зарег. населения",
                                  "kk": "Айырма, тіркелген халықтың үлесі",
                                  "en": "Gap, share of the registered population"},
    "print.alias.area_km2": {"ru": "Площадь, км²", "kk": "Ауданы, км²", "en": "Area, km²"},
    "print.alias.capacity": {"ru": "Мощность", "kk": "Қуаты", "en": "Capacity"},
    "print.alias.network": {"ru": "Сеть", "kk": "Желі", "en": "Network"},
    "print.alias.place": {"ru": "Тип поселения", "kk": "Елді мекен түрі",
                          "en": "Kind of place"},
    "print.group.region": {"ru": "Регион: {region}", "kk": "Өңір: {region}",
                           "en": "Region: {region}"},
    "print.group.readiness": {"ru": "Готовность", "kk": "Дайындық", "en": "Readiness"},
    "print.group.networks": {"ru": "Резерв по сетям", "kk": "Желілер бойынша қор",
                             "en": "Headroom by network"},
    "print.group.base": {"ru": "Исходные данные", "kk": "Бастапқы деректер",
                         "en": "Input data"},
    "print.group.scenarios": {"ru": "Сценарии и предложения", "kk": "Сценарийлер мен ұсыныстар",
                              "en": "Scenarios and proposals"},
    "print.group.population": {"ru": "Население", "kk": "Халық", "en": "Population"},
    "print.project.title": {"ru": "Карты отчёта qonys", "kk": "qonys есебінің карталары",
                            "en": "Maps of the qonys report"},
}
# fmt: on
