"""ru/kk/en texts of the actual step. Merged into :data:`geo.i18n.TEXTS`."""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    # --- planning.population.actual: validation of the proxies and the units ---
    "actual.invalid": {
        "ru": "Слой «{layer}» (косвенные показатели численности населения) нельзя "
              "использовать: найдено проблем — {count}. Исправьте их все и загрузите слой "
              "снова:\n{lines}",
        "kk": "«{layer}» қабатын (халық санының жанама көрсеткіштері) пайдалану мүмкін емес: "
              "табылған мәселелер саны — {count}. Барлығын түзетіп, қабатты қайта "
              "жүктеңіз:\n{lines}",
        "en": "Layer '{layer}' (population proxies) cannot be used: {count} problems found. "
              "Fix them all and load the layer again:\n{lines}",
    },
    "actual.column_missing": {
        "ru": "в слое «{layer}» нет столбца {column}. Добавьте его или переименуйте "
              "существующий столбец при загрузке.",
        "kk": "«{layer}» қабатында {column} бағаны жоқ. Оны қосыңыз немесе жүктеу кезінде бар "
              "бағанның атын өзгертіңіз.",
        "en": "layer '{layer}' has no column {column}. Add it, or rename an existing column "
              "when loading.",
    },
    "actual.unit_repeated": {
        "ru": "слой единиц, строка {row}, столбец {column}: «{value}» уже встречался выше. "
              "У каждой единицы должен быть один unit_id: объедините или переименуйте строки.",
        "kk": "бірліктер қабаты, {row} жол, {column} бағаны: «{value}» жоғарыда бұрын "
              "кездесті. Әр бірліктің бір unit_id мәні болуы керек: жолдарды біріктіріңіз "
              "немесе атын өзгертіңіз.",
        "en": "units layer, row {row}, column {column}: '{value}' appears above already. "
              "Each unit needs one unit_id: merge or rename the rows.",
    },
    "actual.unknown_proxy": {
        "ru": "строка {row}, столбец {column}: неизвестный показатель «{value}». Укажите один "
              "из известных ({known}) или добавьте его в раздел proxies файла норм.",
        "kk": "{row} жол, {column} бағаны: «{value}» белгісіз көрсеткіш. Белгілілердің бірін "
              "({known}) көрсетіңіз немесе оны нормалар файлының proxies бөліміне қосыңыз.",
        "en": "row {row}, column {column}: unknown proxy '{value}'. Use one of the known ones "
              "({known}) or add it to the proxies section of the norms file.",
    },
    "actual.unknown_unit": {
        "ru": "строка {row}, столбец {column}: единицы «{value}» нет в слое единиц. Исправьте "
              "код (он должен совпадать с unit_id единиц, в том числе по типу: текст или "
              "число) или удалите строку.",
        "kk": "{row} жол, {column} бағаны: «{value}» бірлігі бірліктер қабатында жоқ. Кодты "
              "түзетіңіз (ол бірліктердің unit_id мәнімен, соның ішінде түрі бойынша — мәтін "
              "немесе сан — сәйкес келуі керек) немесе жолды жойыңыз.",
        "en": "row {row}, column {column}: unit '{value}' is not in the units layer. Correct "
              "the id (it must match the units' unit_id, including its type: text or number) "
              "or remove the row.",
    },
    "actual.bad_value": {
        "ru": "строка {row}, столбец {column}: значение «{value}» пусто, отрицательно или не "
              "является числом. Укажите неотрицательное число в единицах показателя или "
              "удалите строку.",
        "kk": "{row} жол, {column} бағаны: «{value}» мәні бос, теріс немесе сан емес. "
              "Көрсеткіштің өз өлшем бірлігіндегі теріс емес санды беріңіз немесе жолды "
              "жойыңыз.",
        "en": "row {row}, column {column}: value '{value}' is missing, negative or not a "
              "number. Give a number of at least zero in the proxy's own unit, or remove the "
              "row.",
    },
    "actual.bad_year": {
        "ru": "строка {row}, столбец {column}: год «{value}» пуст или не является целым "
              "числом. Укажите год, к которому относится значение (например, 2024).",
        "kk": "{row} жол, {column} бағаны: «{value}» жылы бос немесе бүтін сан емес. Мән "
              "қатысты жылды көрсетіңіз (мысалы, 2024).",
        "en": "row {row}, column {column}: year '{value}' is missing or not a whole number. "
              "Give the year the value refers to (for example 2024).",
    },
    "actual.duplicate": {
        "ru": "строка {row}, столбцы {columns}: сочетание ({value}) уже дано в строке "
              "{first}. Оставьте одну строку на единицу, показатель и год.",
        "kk": "{row} жол, {columns} бағандары: ({value}) тіркесімі {first} жолда бұрын "
              "берілген. Бір бірлікке, көрсеткішке және жылға бір жол қалдырыңыз.",
        "en": "row {row}, columns {columns}: ({value}) is given already in row {first}. Keep "
              "one row per unit, proxy and year.",
    },

    # --- planning.population.actual: why a proxy row is not used ---
    "actual.note_circular": {
        "ru": "не используется: норматив сети «{network}» для региона {region} выведен из "
              "этой же нагрузки и численности населения, оценка была бы круговой",
        "kk": "пайдаланылмайды: {region} өңірі үшін «{network}» желісінің нормативі осы "
              "жүктеме мен халық санынан шығарылған, баға тұйық болар еді",
        "en": "not used: the {network} norm of region {region} was derived from this load and "
              "the population, so the estimate would be circular",
    },
    "actual.note_zero": {
        "ru": "не используется: нулевое значение не даёт оценки (единица, вероятно, не "
              "подключена к сети)",
        "kk": "пайдаланылмайды: нөлдік мән баға бермейді (бірлік желіге қосылмаған болуы "
              "мүмкін)",
        "en": "not used: a zero value gives no estimate (the unit is probably not on the "
              "network)",
    },
    "actual.note_superseded": {
        "ru": "не используется: есть более позднее значение ({year} г.)",
        "kk": "пайдаланылмайды: кейінгі мән бар ({year} ж.)",
        "en": "not used: a later value exists ({year})",
    },
}
# fmt: on
