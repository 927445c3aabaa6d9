"""ru/kk/en texts for damaged inputs (issue 13): non-finite and fractional numbers, values
outside a column's list, broken ``.dbf`` headers and field names, and scenario files that are
not plain YAML.

Merged into :data:`geo.i18n.TEXTS`.
"""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    # --- values (layers.validate) -------------------------------------------------------------
    "damage.not_finite": {
        "ru": "не конечное число ({value})",
        "kk": "шектеулі сан емес ({value})",
        "en": "not a finite number ({value})",
    },
    "damage.not_finite_fix": {
        "ru": "Запишите действительное значение; неизвестное оставьте пустым, а не inf.",
        "kk": "Нақты мәнді жазыңыз; белгісізін inf емес, бос қалдырыңыз.",
        "en": "Write the real value; leave an unknown one empty, not inf.",
    },
    "damage.nul": {
        "ru": "текст содержит символ NUL (после {value}), и рабочее пространство обрезало бы его "
              "там",
        "kk": "мәтінде NUL таңбасы бар ({value} кейін), жұмыс кеңістігі оны сол жерде қиып "
              "тастар еді",
        "en": "the text holds a NUL character (after {value}), where the workspace would cut it",
    },
    "damage.nul_fix": {
        "ru": "Удалите символ из файла (он обычно остаётся от неполной выгрузки).",
        "kk": "Таңбаны файлдан өшіріңіз (ол әдетте толық емес экспорттан қалады).",
        "en": "Remove the character from the file (it is usually left by an incomplete export).",
    },
    "damage.not_whole": {
        "ru": "не целое число ({value})",
        "kk": "бүтін сан емес ({value})",
        "en": "not a whole number ({value})",
    },
    "damage.not_whole_fix": {
        "ru": "В этом столбце только целые числа (год пишется как 2024, без дробной части).",
        "kk": "Бұл бағанда тек бүтін сандар (жыл 2024 түрінде, бөлшексіз жазылады).",
        "en": "This column holds whole numbers only (a year is written 2024, without a "
              "fraction).",
    },
    "damage.not_a_choice": {
        "ru": "неизвестное значение {value}",
        "kk": "белгісіз мән {value}",
        "en": "unknown value {value}",
    },
    "damage.not_a_choice_fix": {
        "ru": "Столбец {column} принимает только: {choices} (или пусто).",
        "kk": "{column} бағаны тек мыналарды қабылдайды: {choices} (немесе бос).",
        "en": "The column {column} takes only: {choices} (or empty).",
    },
    # --- .dbf files (layers.read_vector) ------------------------------------------------------
    "damage.dbf_header": {
        "ru": "Заголовок файла {file} повреждён: размер заголовка {header} байт, длина записи "
              "{record} байт (байты 8–11; заголовок dBASE не короче 33 байт, запись не короче "
              "1 байта и вмещает свои поля). Скопируйте файл заново из источника или "
              "пересохраните слой в QGIS.",
        "kk": "{file} файлының тақырыбы бүлінген: тақырып өлшемі {header} байт, жазба ұзындығы "
              "{record} байт (8–11 байттар; dBASE тақырыбы 33 байттан қысқа емес, жазба 1 "
              "байттан қысқа емес және өз өрістерін сыйғызады). Файлды дереккөзден қайта "
              "көшіріңіз немесе қабатты QGIS-те қайта сақтаңыз.",
        "en": "The header of {file} is damaged: it gives a header size of {header} bytes and a "
              "record length of {record} bytes (bytes 8–11; a dBASE header has at least 33 "
              "bytes, and a record at least 1 byte and room for its fields). Copy the file "
              "again from its source, or save the layer again in QGIS.",
    },
    "damage.dbf_truncated": {
        "ru": "Файл {file} обрезан: по заголовку в нём {records} записей по {record} байт "
              "({stated} байт), на диске {actual}. Скопируйте файл заново из источника.",
        "kk": "{file} файлы қысқартылған: тақырыбы бойынша онда {record} байттан {records} жазба "
              "бар ({stated} байт), дискіде {actual}. Файлды дереккөзден қайта көшіріңіз.",
        "en": "The file {file} is truncated: its header says {records} records of {record} "
              "bytes ({stated} bytes), the disk has {actual}. Copy the file again from its "
              "source.",
    },
    "damage.dbf_count": {
        "ru": "В {dbf} {records} записей, а в {shx} {shapes} фигур: у каждой фигуры одна запись. "
              "Файлы шейпфайла, видимо, из разных версий или обрезаны: скопируйте их все заново "
              "из источника.",
        "kk": "{dbf} ішінде {records} жазба, ал {shx} ішінде {shapes} фигура: әр фигураның бір "
              "жазбасы болады. Шейпфайл файлдары әртүрлі нұсқадан немесе қысқартылған сияқты: "
              "олардың барлығын дереккөзден қайта көшіріңіз.",
        "en": "{dbf} holds {records} records and {shx} {shapes} shapes: each shape has one "
              "record. The shapefile's files seem to come from different versions, or to be "
              "cut: copy them all again from the source.",
    },
    "damage.shx_short": {
        "ru": "{shx} указывает фигуры {shp} только до байта {end}, а файл длиной {length} байт: "
              "за последней указанной фигурой есть ещё записи, и GDAL прочитал бы не все. "
              "Индекс .shx (а с ним, видимо, и .dbf) обрезан: скопируйте шейпфайл из источника "
              "заново или пересоздайте индекс (ogr2ogr, QGIS).",
        "kk": "{shx} {shp} фигураларын тек {end} байтқа дейін көрсетеді, ал файл ұзындығы "
              "{length} байт: соңғы көрсетілген фигурадан кейін тағы жазбалар бар, GDAL "
              "бәрін оқымас еді. .shx индексі (және, сірә, .dbf) қысқартылған: шейпфайлды "
              "дереккөзден қайта көшіріңіз немесе индексті қайта жасаңыз (ogr2ogr, QGIS).",
        "en": "{shx} indexes the shapes of {shp} only up to byte {end}, but the file is {length} "
              "bytes long: more records follow the last one indexed, and GDAL would read only "
              "some. The .shx (and probably the .dbf with it) is cut: copy the shapefile again "
              "from its source, or rebuild the index (ogr2ogr, QGIS).",
    },
    "damage.partly_read": {
        "ru": "«{value}» в файле записано не как число (GDAL прочитал бы только его начало)",
        "kk": "«{value}» файлда сан ретінде жазылмаған (GDAL оның тек басын оқыр еді)",
        "en": "'{value}' is not written as a number (GDAL would read only its start)",
    },
    "damage.partly_read_fix": {
        "ru": "Исправьте значения поля в файле (точка как десятичный разделитель, без других "
              "знаков) или скопируйте файл заново из источника.",
        "kk": "Файлдағы өріс мәндерін түзетіңіз (ондық бөлгіш ретінде нүкте, басқа таңбаларсыз) "
              "немесе файлды дереккөзден қайта көшіріңіз.",
        "en": "Correct the field's values in the file (a dot as the decimal mark, no other "
              "signs), or copy the file again from its source.",
    },
    "damage.wrong_cpg": {
        "ru": "файл .cpg называет кодировку «{cpg}», но текст в UTF-8: прочитан как UTF-8",
        "kk": ".cpg файлы «{cpg}» кодтауын атайды, бірақ мәтін UTF-8: UTF-8 ретінде оқылды",
        "en": "the .cpg names the code page '{cpg}', but the text is UTF-8: read as UTF-8",
    },
    "damage.wrong_cpg_fix": {
        "ru": "Проверьте названия; если они верны, исправьте .cpg на UTF-8. Иначе укажите "
              "--encoding.",
        "kk": "Атауларды тексеріңіз; дұрыс болса, .cpg файлын UTF-8 деп түзетіңіз. Әйтпесе "
              "--encoding көрсетіңіз.",
        "en": "Check the names; if they are right, correct the .cpg to UTF-8. Otherwise give "
              "--encoding.",
    },
    "damage.zip_member_too_large": {
        "ru": "{file} распаковывается в {size} байт (в архиве {packed}), больше предела "
              "формата шейпфайла ({limit} байт). Проверьте архив; большой слой загружайте в "
              "GeoPackage.",
        "kk": "{file} {size} байтқа ашылады (мұрағатта {packed}), бұл шейпфайл пішімінің "
              "шегінен ({limit} байт) көп. Мұрағатты тексеріңіз; үлкен қабатты GeoPackage "
              "арқылы жүктеңіз.",
        "en": "{file} unpacks to {size} bytes ({packed} in the archive), over the shapefile "
              "format's limit of {limit} bytes. Check the archive; load a large layer as a "
              "GeoPackage.",
    },
    "damage.zip_encrypted": {
        "ru": "Архив {file} защищён паролем. Распакуйте его сами и загрузите файл .shp.",
        "kk": "{file} мұрағаты құпиясөзбен қорғалған. Оны өзіңіз ашып, .shp файлын жүктеңіз.",
        "en": "The archive {file} is password-protected. Unpack it yourself and load the .shp "
              "file.",
    },
    "damage.field_geometry": {
        "ru": "Поле geometry в {file} (поле {fields}) называется как столбец геометрии и было "
              "бы потеряно. Переименуйте поле (QGIS: Свойства слоя → Поля) и загрузите снова.",
        "kk": "{file} ішіндегі geometry өрісі ({fields} өріс) геометрия бағанымен аттас және "
              "жоғалар еді. Өрістің атын өзгертіңіз (QGIS: Қабат қасиеттері → Өрістер) және "
              "қайта жүктеңіз.",
        "en": "The field geometry of {file} (field {fields}) has the name of the geometry "
              "column and would be lost. Rename the field (QGIS: Layer Properties → Fields) "
              "and load again.",
    },
    "damage.field_names": {
        "ru": "Поля файла {file} с одинаковыми именами или без имени: {names}. Каждому полю "
              "нужно своё имя (регистр букв не различается): переименуйте поля (QGIS: Свойства "
              "слоя → Поля, или LibreOffice) и загрузите снова.",
        "kk": "{file} файлының аттас немесе атаусыз өрістері: {names}. Әр өріске өз атауы керек "
              "(әріп регистрі ескерілмейді): өрістердің атын өзгертіңіз (QGIS: Қабат қасиеттері "
              "→ Өрістер, немесе LibreOffice) және қайта жүктеңіз.",
        "en": "Fields of {file} share a name or have none: {names}. Every field needs its own "
              "name (letter case does not count): rename the fields (QGIS: Layer Properties → "
              "Fields, or LibreOffice) and load again.",
    },
    "damage.field_same": {
        "ru": "{name} (поля {fields})",
        "kk": "{name} ({fields} өрістер)",
        "en": "{name} (fields {fields})",
    },
    "damage.field_empty": {
        "ru": "без имени (поля {fields})",
        "kk": "атаусыз ({fields} өрістер)",
        "en": "no name (fields {fields})",
    },
    # --- scenario files (planning.forecast.scenario_safe)
    # ---------------------------------------------
    "scenario_safe.too_large": {
        "ru": "файл занимает {size} байт, а файл сценария не больше {limit} байт. Проверьте, "
              "что это файл сценария, и уберите из него данные: слои загружаются qonys load.",
        "kk": "файл {size} байт алады, ал сценарий файлы {limit} байттан аспайды. Бұл сценарий "
              "файлы екенін тексеріп, одан деректерді алып тастаңыз: қабаттар qonys load арқылы "
              "жүктеледі.",
        "en": "the file has {size} bytes; a scenario file has at most {limit}. Check that this "
              "is a scenario file, and take data out of it: layers are loaded with qonys load.",
    },
    "scenario_safe.cp1251": {
        "ru": "текст не в UTF-8 (байт {byte}); похоже, файл сохранён в cp1251 (Windows-1251). "
              "Сохраните его в UTF-8 (Блокнот: «Сохранить как» → кодировка UTF-8).",
        "kk": "мәтін UTF-8 емес ({byte} байты); файл cp1251 (Windows-1251) кодтауында "
              "сақталған сияқты. Оны UTF-8 кодтауында сақтаңыз (Блокнот: «Басқаша сақтау» → "
              "UTF-8 кодтауы).",
        "en": "the text is not UTF-8 (byte {byte}); the file seems saved in cp1251 "
              "(Windows-1251). Save it as UTF-8 (Notepad: Save As → Encoding UTF-8).",
    },
    "scenario_safe.not_utf8": {
        "ru": "текст не в UTF-8 (байт {byte}). Сохраните файл в UTF-8.",
        "kk": "мәтін UTF-8 емес ({byte} байты). Файлды UTF-8 кодтауында сақтаңыз.",
        "en": "the text is not UTF-8 (byte {byte}). Save the file as UTF-8.",
    },
    "scenario_safe.tag": {
        "ru": "тег {tag} не допускается: в файле сценария только числа, текст, списки и "
              "словари. Уберите тег.",
        "kk": "{tag} тегіне рұқсат жоқ: сценарий файлында тек сандар, мәтін, тізімдер және "
              "сөздіктер болады. Тегті алып тастаңыз.",
        "en": "the tag {tag} is not allowed: a scenario file holds numbers, text, lists and "
              "mappings only. Remove the tag.",
    },
    "scenario_safe.too_many": {
        "ru": "к этому месту в файле больше {limit} значений (ссылка *имя считается за то, на "
              "что ссылается), а это предел файла сценария. Запишите меньше значений или "
              "ссылки, не вложенные друг в друга.",
        "kk": "осы жерге дейін файлда {limit} мәннен көп (*атау сілтемесі өзі сілтейтін нәрсе "
              "ретінде саналады), бұл сценарий файлының шегі. Азырақ мән жазыңыз немесе бір-"
              "біріне кірістірілмеген сілтемелер қолданыңыз.",
        "en": "by here the file holds more than {limit} values (an alias *name counts as what "
              "it refers to), the limit of a scenario file. Write fewer values, or aliases not "
              "nested in each other.",
    },
    "scenario_safe.more_problems": {
        "ru": "  … и ещё {count} (исправьте сначала эти)",
        "kk": "  … және тағы {count} (алдымен осыларды түзетіңіз)",
        "en": "  … and {count} more (fix these first)",
    },
    "scenario_safe.recursive_alias": {
        "ru": "ссылка *{anchor} стоит внутри того, на что ссылается (&{anchor}), и не "
              "раскрывается конечно. Уберите её.",
        "kk": "*{anchor} сілтемесі өзі сілтейтін нәрсенің (&{anchor}) ішінде тұр және шекті "
              "ашылмайды. Оны алып тастаңыз.",
        "en": "the alias *{anchor} stands inside what it refers to (&{anchor}), so it has no "
              "finite expansion. Remove it.",
    },
    "scenario_safe.too_deep": {
        "ru": "вложенность глубже {limit} уровней. Сценарию хватает нескольких уровней: "
              "проверьте скобки и отступы.",
        "kk": "кірістіру {limit} деңгейден терең. Сценарийге бірнеше деңгей жеткілікті: "
              "жақшалар мен шегіністерді тексеріңіз.",
        "en": "nested deeper than {limit} levels. A scenario needs a few: check the brackets "
              "and the indentation.",
    },
    "scenario_safe.parent_not_beside": {
        "ru": "«{name}» — не имя сценария и не файл рядом с этим. based_on принимает имя "
              "сценария (baseline) или имя файла .yaml в той же папке, без пути.",
        "kk": "«{name}» — сценарий атауы да, осы файлдың жанындағы файл да емес. based_on "
              "сценарий атауын (baseline) немесе сол қалтадағы .yaml файлының атын, жолсыз, "
              "қабылдайды.",
        "en": "'{name}' is neither a scenario name nor a file beside this one. based_on takes a "
              "scenario's name (baseline) or the name of a .yaml file in the same folder, "
              "without a path.",
    },
    "scenario_safe.tag_kind": {
        "ru": "тег {tag} не подходит к списку или словарю, который здесь стоит. Уберите тег.",
        "kk": "{tag} тегі мұндағы тізімге немесе сөздікке сәйкес келмейді. Тегті алып "
              "тастаңыз.",
        "en": "the tag {tag} does not fit the list or mapping that stands here. Remove the "
              "tag.",
    },
    "scenario_safe.bad_value": {
        "ru": "«{value}» не читается как {tag}. Уберите тег или возьмите значение в кавычки, "
              "чтобы оно осталось текстом.",
        "kk": "«{value}» {tag} ретінде оқылмайды. Тегті алып тастаңыз немесе мән мәтін болып "
              "қалуы үшін оны тырнақшаға алыңыз.",
        "en": "'{value}' cannot be read as {tag}. Remove the tag, or put the value in quotes "
              "to keep it as text.",
    },
    "scenario_safe.merge": {
        "ru": "ключ слияния << в сценарии не поддерживается. Выпишите ключи полностью или "
              "используйте based_on.",
        "kk": "<< біріктіру кілтіне сценарийде қолдау жоқ. Кілттерді толық жазыңыз немесе "
              "based_on қолданыңыз.",
        "en": "the merge key << is not supported in a scenario. Write the keys out, or use "
              "based_on.",
    },
    "scenario_safe.key_not_text": {
        "ru": "ключ здесь — список или словарь, а ключи сценария — имена. Исправьте ключ.",
        "kk": "мұндағы кілт — тізім немесе сөздік, ал сценарий кілттері — атаулар. Кілтті "
              "түзетіңіз.",
        "en": "a key here is a list or a mapping; the keys of a scenario are names. Correct "
              "the key.",
    },
}
# fmt: on
