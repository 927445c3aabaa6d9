"""ru/kk/en texts of qonys join: matching statistics tables to layers.

Merged into :data:`geo.i18n.TEXTS`.
"""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    # --- reading the table (layers.join.read_statistics) ---
    "join.file_missing": {
        "ru": "Файл {path} не найден. Проверьте путь к таблице статистики.",
        "kk": "{path} файлы табылмады. Статистика кестесіне жолды тексеріңіз.",
        "en": "The file {path} does not exist. Check the path to the statistics table.",
    },
    "join.file_unreadable": {
        "ru": "Не удалось прочитать {path}: {error}. Сохраните таблицу заново как CSV или XLSX.",
        "kk": "{path} оқылмады: {error}. Кестені CSV немесе XLSX ретінде қайта сақтаңыз.",
        "en": "Cannot read {path}: {error}. Save the table again as CSV or XLSX.",
    },
    "join.file_format": {
        "ru": "{path}: формат «{suffix}» не поддерживается. Сохраните таблицу как CSV "
              "(UTF-8 или Windows-1251) или XLSX.",
        "kk": "{path}: «{suffix}» пішімі қолданылмайды. Кестені CSV (UTF-8 немесе "
              "Windows-1251) немесе XLSX ретінде сақтаңыз.",
        "en": "{path}: the format '{suffix}' is not supported. Save the table as CSV "
              "(UTF-8 or Windows-1251) or XLSX.",
    },
    "join.file_binary": {
        "ru": "{path} — не текстовый CSV (двоичные данные, UTF-16 или книга Excel с "
              "расширением .csv). Сохраните как «CSV UTF-8» или как XLSX.",
        "kk": "{path} — мәтіндік CSV емес (екілік деректер, UTF-16 немесе .csv кеңейтімді "
              "Excel кітабы). «CSV UTF-8» немесе XLSX ретінде сақтаңыз.",
        "en": "{path} is not a text CSV (binary data, UTF-16, or an Excel workbook named "
              ".csv). Save it as 'CSV UTF-8' or as XLSX.",
    },
    "join.no_table": {
        "ru": "{path}: не найдена таблица со строкой заголовка над данными. Оставьте над "
              "данными строку с названиями столбцов.",
        "kk": "{path}: деректердің үстінде тақырып жолы бар кесте табылмады. Деректердің "
              "үстіне баған атаулары бар жол қалдырыңыз.",
        "en": "{path}: no table with a header row above its data was found. Keep a row of "
              "column names above the data.",
    },
    "join.sheet_missing": {
        "ru": "В книге {path} нет листа «{sheet}». Листы: {sheets}.",
        "kk": "{path} кітабында «{sheet}» парағы жоқ. Парақтар: {sheets}.",
        "en": "The workbook {path} has no sheet '{sheet}'. Its sheets: {sheets}.",
    },

    # --- what the join was asked (layers.join.join_statistics) ---
    "join.bad_on": {
        "ru": "Неизвестный способ соединения «{on}»: укажите --on kato или --on name.",
        "kk": "«{on}» біріктіру тәсілі белгісіз: --on kato немесе --on name көрсетіңіз.",
        "en": "Unknown way to join '{on}': use --on kato or --on name.",
    },
    "join.bad_prefer": {
        "ru": "Неизвестное предпочтение «{prefer}»: auto, units, settlements или none.",
        "kk": "«{prefer}» басымдығы белгісіз: auto, units, settlements немесе none.",
        "en": "Unknown preference '{prefer}': auto, units, settlements or none.",
    },
    "join.layer_column_missing": {
        "ru": "В слое {layer} нет столбца {columns}, нужного для соединения по {on}. "
              "Загрузите слой с ним или сопоставьте столбец через --map.",
        "kk": "{layer} қабатында {on} бойынша біріктіруге керек {columns} бағаны жоқ. "
              "Қабатты сол бағанмен жүктеңіз немесе оны --map арқылы сәйкестендіріңіз.",
        "en": "The layer {layer} has no column {columns}, which joining by {on} needs. Load "
              "the layer with it, or map a column to it with --map.",
    },
    "join.key_missing": {
        "ru": "В таблице {table} нет столбца «{key}». Столбцы: {available}.",
        "kk": "{table} кестесінде «{key}» бағаны жоқ. Бағандар: {available}.",
        "en": "The table {table} has no column '{key}'. Its columns: {available}.",
    },
    "join.no_kato_column": {
        "ru": "В таблице {table} не найден столбец с кодом КАТО (искались: {candidates}). "
              "Укажите его через --key. Столбцы: {available}.",
        "kk": "{table} кестесінде ҚАТО коды бар баған табылмады (ізделгені: {candidates}). "
              "Оны --key арқылы көрсетіңіз. Бағандар: {available}.",
        "en": "The table {table} has no KATO code column (looked for: {candidates}). Name it "
              "with --key. Its columns: {available}.",
    },
    "join.no_name_column": {
        "ru": "Ни в одном текстовом столбце таблицы {table} нет названий из слоя {layer}. "
              "Укажите столбец названий через --key или соединяйте по коду КАТО.",
        "kk": "{table} кестесінің бірде-бір мәтіндік бағанында {layer} қабатының атаулары "
              "жоқ. Атаулар бағанын --key арқылы көрсетіңіз немесе ҚАТО коды бойынша "
              "біріктіріңіз.",
        "en": "No text column of the table {table} holds names of the layer {layer}. Name "
              "the column of names with --key, or join by KATO code.",
    },
    "join.columns_missing": {
        "ru": "В таблице {table} нет столбцов {columns}, выбранных в --columns. "
              "Столбцы: {available}.",
        "kk": "{table} кестесінде --columns арқылы таңдалған {columns} бағандары жоқ. "
              "Бағандар: {available}.",
        "en": "The table {table} has no columns {columns} chosen with --columns. Its "
              "columns: {available}.",
    },

    # --- why a row did not match: report lines and problem values ---
    "join.reason.empty": {
        "ru": "ключ пуст", "kk": "кілт бос", "en": "the key is empty",
    },
    "join.reason.invalid": {
        "ru": "«{key}» — не код КАТО из 9 цифр",
        "kk": "«{key}» — 9 цифрдан тұратын ҚАТО коды емес",
        "en": "'{key}' is not a 9-digit KATO code",
    },
    "join.reason.no_match": {
        "ru": "в слое нет такой строки",
        "kk": "қабатта мұндай жол жоқ",
        "en": "no layer row has this key",
    },
    "join.reason.other_parent": {
        "ru": "такое название в слое есть только в другой области (вышестоящей единице): "
              "{layers}",
        "kk": "қабатта бұл атау тек басқа облыста (жоғарғы бірлікте) бар: {layers}",
        "en": "the layer has this name only under another parent (oblast): {layers}",
    },
    "join.reason.ambiguous": {
        "ru": "подходит к нескольким строкам слоя: {layers}",
        "kk": "қабаттың бірнеше жолына сәйкес келеді: {layers}",
        "en": "fits several layer rows: {layers}",
    },
    "join.reason.outranked": {
        "ru": "строка слоя {layers} отдана строке таблицы {others}, которая называет {level}",
        "kk": "қабаттың {layers} жолы кестенің {others} жолына берілді, ол {level} атайды",
        "en": "the layer row {layers} went to table row {others}, which names {level}",
    },
    "join.reason.conflict": {
        "ru": "к той же строке слоя {layers} подходят и строки таблицы {others}",
        "kk": "қабаттың сол {layers} жолына кестенің {others} жолдары да сәйкес келеді",
        "en": "the same layer row {layers} also fits table rows {others}",
    },
    "join.reason.layer_no_match": {
        "ru": "в таблице нет подходящей строки",
        "kk": "кестеде сәйкес жол жоқ",
        "en": "no table row matches",
    },
    "join.reason.layer_conflict": {
        "ru": "подходят сразу несколько строк таблицы: {others}",
        "kk": "кестенің бірден бірнеше жолы сәйкес келеді: {others}",
        "en": "several table rows fit it: {others}",
    },
    "join.reason.layer_ambiguous": {
        "ru": "строки таблицы {others} подходят и к ней, и к другим строкам слоя",
        "kk": "кестенің {others} жолдары оған да, қабаттың басқа жолдарына да сәйкес келеді",
        "en": "table rows {others} fit it and other layer rows alike",
    },
    "join.reason.clash": {
        "ru": "столбец «{column}» уже есть в слое {layer}",
        "kk": "«{column}» бағаны {layer} қабатында бұрыннан бар",
        "en": "the column '{column}' already exists in the layer {layer}",
    },
    "join.level.units": {
        "ru": "административную единицу (район, г.а., область)",
        "kk": "әкімшілік бірлікті (аудан, қ.ә., облыс)",
        "en": "an administrative unit (district, city administration, region)",
    },
    "join.level.settlements": {
        "ru": "населённый пункт (город, село, посёлок)",
        "kk": "елді мекенді (қала, ауыл, кент)",
        "en": "a populated place (city, village, settlement)",
    },

    # --- how to fix it ---
    "join.fix.empty": {
        "ru": "Заполните ключ или удалите строку.",
        "kk": "Кілтті толтырыңыз немесе жолды жойыңыз.",
        "en": "Fill in the key or delete the row.",
    },
    "join.fix.invalid": {
        "ru": "Запишите код КАТО 9 цифрами; храните столбец как текст, чтобы Excel не терял "
              "ведущий ноль.",
        "kk": "ҚАТО кодын 9 цифрмен жазыңыз; Excel алдыңғы нөлді жоғалтпауы үшін бағанды "
              "мәтін ретінде сақтаңыз.",
        "en": "Write the KATO code as 9 digits; keep the column as text so that Excel keeps "
              "a leading zero.",
    },
    "join.fix.no_match": {
        "ru": "Проверьте написание или добавьте единицу в слой; строка не присоединена.",
        "kk": "Жазылуын тексеріңіз немесе бірлікті қабатқа қосыңыз; жол қосылмады.",
        "en": "Check the spelling or add the unit to the layer; the row was not joined.",
    },
    "join.fix.other_parent": {
        "ru": "Проверьте столбец области (вышестоящей единицы) в таблице; строка не "
              "присоединена.",
        "kk": "Кестедегі облыс (жоғарғы бірлік) бағанын тексеріңіз; жол қосылмады.",
        "en": "Check the table's parent (oblast) column; the row was not joined.",
    },
    "join.fix.ambiguous_name": {
        "ru": "Добавьте в таблицу столбец области (parent) или соединяйте по коду КАТО "
              "(--on kato).",
        "kk": "Кестеге облыс бағанын (parent) қосыңыз немесе ҚАТО коды бойынша біріктіріңіз "
              "(--on kato).",
        "en": "Add an oblast (parent) column to the table, or join by KATO code "
              "(--on kato).",
    },
    "join.fix.ambiguous_kato": {
        "ru": "Код КАТО повторяется в слое: исправьте слой, у каждой единицы свой код.",
        "kk": "ҚАТО коды қабатта қайталанады: қабатты түзетіңіз, әр бірліктің өз коды болсын.",
        "en": "The KATO code repeats in the layer: correct the layer so that every unit has "
              "its own code.",
    },
    "join.fix.outranked": {
        "ru": "Если нужна именно эта строка, удалите другую из таблицы или соединяйте по КАТО.",
        "kk": "Дәл осы жол керек болса, екіншісін кестеден жойыңыз немесе ҚАТО бойынша "
              "біріктіріңіз.",
        "en": "If this is the row you need, delete the other one from the table or join by "
              "KATO.",
    },
    "join.fix.conflict": {
        "ru": "Оставьте в таблице одну из этих строк или соединяйте по коду КАТО; строка слоя "
              "осталась без данных.",
        "kk": "Кестеде осы жолдардың біреуін қалдырыңыз немесе ҚАТО коды бойынша "
              "біріктіріңіз; қабат жолы деректерсіз қалды.",
        "en": "Keep one of these rows in the table, or join by KATO code; the layer row was "
              "left without data.",
    },
    "join.fix.layer_no_match": {
        "ru": "Добавьте строку в таблицу или проверьте написание; значения у этой строки слоя "
              "пусты.",
        "kk": "Кестеге жол қосыңыз немесе жазылуын тексеріңіз; қабаттың бұл жолының мәндері "
              "бос.",
        "en": "Add a row to the table or check the spelling; this layer row's values are "
              "empty.",
    },
    "join.fix.clash": {
        "ru": "Переименуйте столбец (--map СТОЛБЕЦ=НОВОЕ_ИМЯ), не выбирайте его в --columns "
              "или замените значения слоя значениями таблицы: --replace.",
        "kk": "Бағанның атын өзгертіңіз (--map БАҒАН=ЖАҢА_АТАУ), оны --columns ішінде "
              "таңдамаңыз немесе қабат мәндерін кесте мәндерімен ауыстырыңыз: --replace.",
        "en": "Rename the column (--map COLUMN=NEW_NAME), leave it out of --columns, or let "
              "the table's values replace the layer's: --replace.",
    },

    # --- the report (JoinResult.report) ---
    "join.report.title": {
        "ru": "Присоединение {table} к слою {layer} по {on}: данные получили {matched} из "
              "{layer_rows} строк слоя; в таблице {table_rows} строк.",
        "kk": "{table} кестесін {layer} қабатына {on} бойынша біріктіру: қабаттың "
              "{layer_rows} жолының {matched} жолы деректер алды; кестеде {table_rows} жол.",
        "en": "Joining {table} to the layer {layer} by {on}: {matched} of {layer_rows} layer "
              "rows got data; the table has {table_rows} rows.",
    },
    "join.report.matched_on": {
        "ru": "Сопоставлено по столбцам слоя: {columns}.",
        "kk": "Қабаттың мына бағандары бойынша сәйкестендірілді: {columns}.",
        "en": "Matched on the layer's columns: {columns}.",
    },
    "join.report.kept": {
        "ru": "Эти столбцы уже есть в слое {layer} и оставлены как были (не присоединены): "
              "{columns}. Чтобы заменить их значениями таблицы, добавьте --replace.",
        "kk": "Бұл бағандар {layer} қабатында бұрыннан бар және сол күйінде қалдырылды "
              "(қосылмады): {columns}. Оларды кесте мәндерімен ауыстыру үшін --replace "
              "қосыңыз.",
        "en": "These columns are in the layer {layer} already and were kept as they were "
              "(not joined): {columns}. Add --replace to take the table's values instead.",
    },
    "join.report.replaced": {
        "ru": "Заменены значениями таблицы (--replace) столбцы слоя {layer}: {columns}, в "
              "{matched} сопоставленных строках, где в таблице есть значение; остальные "
              "строки сохранили свои.",
        "kk": "{layer} қабатының мына бағандары кесте мәндерімен ауыстырылды (--replace): "
              "{columns}, кестеде мәні бар {matched} сәйкестендірілген жолда; қалған жолдар "
              "өз мәндерін сақтады.",
        "en": "Replaced by the table's values (--replace) in the layer {layer}: {columns}, in "
              "the {matched} matched rows where the table has a value; other rows kept "
              "theirs.",
    },
    "join.report.table_header": {
        "ru": "Строки таблицы, не присоединённые к слою ({count}):",
        "kk": "Қабатқа қосылмаған кесте жолдары ({count}):",
        "en": "Table rows not joined to the layer ({count}):",
    },
    "join.report.layer_header": {
        "ru": "Строки слоя, оставшиеся без данных ({count}):",
        "kk": "Деректерсіз қалған қабат жолдары ({count}):",
        "en": "Layer rows left without data ({count}):",
    },
    "join.report.errors_header": {
        "ru": "Прочие ошибки ({count}):",
        "kk": "Басқа қателер ({count}):",
        "en": "Other errors ({count}):",
    },
    "join.report.table_row": {
        "ru": "строка {row}{where} «{key}»: {reason}",
        "kk": "{row}-жол{where} «{key}»: {reason}",
        "en": "row {row}{where} '{key}': {reason}",
    },
    "join.report.file_row": {
        "ru": " (в файле строка {row})",
        "kk": " (файлда {row}-жол)",
        "en": " (row {row} of the file)",
    },
    "join.report.layer_row": {
        "ru": "строка {row} {label}: {reason}",
        "kk": "{row}-жол {label}: {reason}",
        "en": "row {row} {label}: {reason}",
    },
    "join.report.all_joined": {
        "ru": "Все строки таблицы и слоя сопоставлены.",
        "kk": "Кестенің де, қабаттың да барлық жолдары сәйкестендірілді.",
        "en": "Every row of the table and of the layer was matched.",
    },
}
# fmt: on
