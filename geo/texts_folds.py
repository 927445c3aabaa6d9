"""Texts of the report's folds (:mod:`maps.folds`): what a closed part holds."""

# fmt: off
TEXTS: dict[str, dict] = {
    "fold.explanations": {
        "ru": {"one": "Показать пояснение к {count} предложению",
               "few": "Показать пояснения ко всем {count} предложениям",
               "many": "Показать пояснения ко всем {count} предложениям",
               "other": "Показать пояснения ко всем {count} предложениям"},
        "kk": {"one": "{count} ұсыныстың түсіндірмесін көрсету",
               "other": "Барлық {count} ұсыныстың түсіндірмесін көрсету"},
        "en": {"one": "Show the explanation of {count} proposal",
               "other": "Show the explanations of all {count} proposals"},
    },
    "fold.layers": {
        "ru": {"one": "Показать {count} слой данных: источник, лицензия, когда загружен",
               "few": "Показать {count} слоя данных: источники, лицензии, когда загружены",
               "many": "Показать {count} слоёв данных: источники, лицензии, когда загружены",
               "other": "Показать {count} слоя данных: источники, лицензии, когда загружены"},
        "kk": {"one": "{count} деректер қабатын көрсету: көзі, лицензиясы, жүктелген уақыты",
               "other": "{count} деректер қабатын көрсету: көздері, лицензиялары, жүктелген "
                        "уақыты"},
        "en": {"one": "Show {count} data layer: source, licence, when loaded",
               "other": "Show {count} data layers: sources, licences, when loaded"},
    },
    "fold.sources": {
        "ru": {"one": "Показать {count} источник с адресом",
               "few": "Показать {count} источника с адресами",
               "many": "Показать {count} источников с адресами",
               "other": "Показать {count} источника с адресами"},
        "kk": {"one": "{count} дереккөзді мекенжайымен көрсету",
               "other": "{count} дереккөзді мекенжайларымен көрсету"},
        "en": {"one": "Show {count} source with its address",
               "other": "Show {count} sources with their addresses"},
    },
}
