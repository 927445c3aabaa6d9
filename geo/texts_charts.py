"""ru/kk/en texts of the charts step. Merged into :data:`geo.i18n.TEXTS`."""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    "charts.year": {"ru": "год", "kk": "жыл", "en": "year"},
    "charts.empty": {
        "ru": "Нет данных для графика «{title}».",
        "kk": "«{title}» графигі үшін деректер жоқ.",
        "en": "There is no data for the chart “{title}”.",
    },
    "charts.no_column": {
        "ru": "В данных графика «{title}» нет столбца «{column}»; есть столбцы: {columns}.",
        "kk": "«{title}» графигінің деректерінде «{column}» бағаны жоқ; бар бағандар: "
              "{columns}.",
        "en": "The data of the chart “{title}” has no column “{column}”; its columns are: "
              "{columns}.",
    },
    "charts.not_numbers": {
        "ru": "Столбец «{column}» графика «{title}» должен содержать числа, а содержит "
              "{value}.",
        "kk": "«{title}» графигінің «{column}» бағанында сандар болуы керек, ал онда {value} "
              "бар.",
        "en": "Column “{column}” of the chart “{title}” must hold numbers, not {value}.",
    },
    "charts.not_years": {
        "ru": "Столбец «{column}» графика «{title}» должен содержать целые годы, а содержит "
              "{value}.",
        "kk": "«{title}» графигінің «{column}» бағанында бүтін жылдар болуы керек, ал онда "
              "{value} бар.",
        "en": "Column “{column}” of the chart “{title}” must hold whole years, not {value}.",
    },
    "charts.duplicate": {
        "ru": "В графике «{title}» у ряда «{series}» несколько значений за {year} год.",
        "kk": "«{title}» графигінде «{series}» қатарының {year} жылға бірнеше мәні бар.",
        "en": "In the chart “{title}” the series “{series}” has more than one value for "
              "{year}.",
    },
    "charts.too_many": {
        "ru": "График «{title}» различимо показывает не более {most} рядов, а их {count}: "
              "объедините ряды.",
        "kk": "«{title}» графигі ажыратуға болатындай {most} қатардан артық көрсете алмайды, "
              "ал қатарлар саны {count}: оларды біріктіріңіз.",
        "en": "The chart “{title}” can show at most {most} series distinguishably, not "
              "{count}: group them.",
    },
    "charts.no_series": {
        "ru": "В графике «{title}» нет ряда «{series}», который нужно отметить; есть ряды: "
              "{known}.",
        "kk": "«{title}» графигінде белгіленетін «{series}» қатары жоқ; бар қатарлар: "
              "{known}.",
        "en": "The chart “{title}” has no series “{series}” to mark; its series are: "
              "{known}.",
    },
    "charts.bar_duplicate": {
        "ru": "В графике «{title}» у «{category}» несколько значений для «{group}».",
        "kk": "«{title}» графигінде «{category}» үшін «{group}» бойынша бірнеше мән бар.",
        "en": "In the chart “{title}” “{category}” has more than one value for “{group}”.",
    },
}
# fmt: on
