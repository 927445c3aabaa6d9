"""ru/kk/en texts of the utilities step.

Merged into :data:`geo.i18n.TEXTS`.
"""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    "utilities.norm_bad_type": {
        "ru": "В файле норм {path} поле {key} имеет значение «{value}»; допустимые типы сетей: "
              "{allowed}. Укажите один из них.",
        "kk": "{path} нормалар файлында {key} өрісінің мәні «{value}»; рұқсат етілген желі "
              "түрлері: {allowed}. Солардың бірін көрсетіңіз.",
        "en": "In the norms file {path}, {key} is '{value}'; the allowed network types are "
              "{allowed}. Set it to one of them.",
    },
    "utilities.no_crs": {
        "ru": "Слой «{layer}» не имеет системы координат, и его нельзя совместить с зонами "
              "сетей. Укажите систему координат при загрузке.",
        "kk": "«{layer}» қабатының координаттар жүйесі жоқ, оны желі аймақтарымен "
              "салыстыру мүмкін емес. Жүктеу кезінде координаттар жүйесін көрсетіңіз.",
        "en": "The layer '{layer}' has no coordinate reference system, so it cannot be matched "
              "to the network zones. Give its CRS when loading it.",
    },
}
# fmt: on
