"""ru/kk/en texts of qonys load / validate / export and the common loader problems.

Merged into :data:`geo.i18n.TEXTS`.
"""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    # --- the report -------------------------------------------------------------------------
    "load.report_head": {
        "ru": "{source}: ошибок {errors}, предупреждений {warnings}",
        "kk": "{source}: қателер {errors}, ескертулер {warnings}",
        "en": "{source}: {errors} error(s), {warnings} warning(s)",
    },
    "load.error": {"ru": "ошибка", "kk": "қате", "en": "error"},
    "load.warning": {"ru": "предупреждение", "kk": "ескерту", "en": "warning"},
    # --- files ------------------------------------------------------------------------------
    "load.file_missing": {
        "ru": "Файл {file} не найден. Проверьте путь.",
        "kk": "{file} файлы табылмады. Жолды тексеріңіз.",
        "en": "The file {file} does not exist. Check the path.",
    },
    "load.empty_file": {
        "ru": "Файл {file} пуст.",
        "kk": "{file} файлы бос.",
        "en": "The file {file} is empty.",
    },
    "load.unreadable": {
        "ru": "Не удалось прочитать {file}: {reason}. Проверьте, что файл цел и его формат "
              "соответствует расширению.",
        "kk": "{file} оқылмады: {reason}. Файлдың бүтін екенін және пішімі кеңейтіміне сай "
              "екенін тексеріңіз.",
        "en": "Could not read {file}: {reason}. Check that the file is complete and of the "
              "format its extension says.",
    },
    "load.not_text": {
        "ru": "{file} не читается как текст в кодировке {encoding}. Укажите кодировку: "
              "--encoding cp1251 или --encoding utf-8.",
        "kk": "{file} {encoding} кодтауында мәтін ретінде оқылмайды. Кодтауды көрсетіңіз: "
              "--encoding cp1251 немесе --encoding utf-8.",
        "en": "{file} does not read as text in {encoding}. Give the encoding: "
              "--encoding cp1251 or --encoding utf-8.",
    },
    "load.bad_encoding": {
        "ru": "Неизвестная кодировка «{encoding}». Используйте, например, cp1251, cp866 или "
              "utf-8.",
        "kk": "«{encoding}» кодтауы белгісіз. Мысалы, cp1251, cp866 немесе utf-8 қолданыңыз.",
        "en": "Unknown encoding '{encoding}'. Use, for example, cp1251, cp866 or utf-8.",
    },
    "load.shapefile_incomplete": {
        "ru": "У шейп-файла {file} нет частей: {missing}. Шейп-файл — это несколько файлов с "
              "одним именем (.shp, .shx, .dbf, желательно .prj и .cpg): скопируйте их все или "
              "загрузите ZIP-архив с ними.",
        "kk": "{file} шейп-файлының бөліктері жоқ: {missing}. Шейп-файл — аты бірдей бірнеше "
              "файл (.shp, .shx, .dbf, жақсысы .prj және .cpg): бәрін көшіріңіз немесе "
              "оларды ZIP-мұрағатпен жүктеңіз.",
        "en": "The shapefile {file} lacks {missing}. A shapefile is several files of one name "
              "(.shp, .shx, .dbf, and best .prj and .cpg): copy them all, or load a ZIP "
              "archive holding them.",
    },
    "load.not_a_shapefile": {
        "ru": "{file} не является файлом .shp (нет заголовка шейп-файла). Проверьте файл.",
        "kk": "{file} .shp файлы емес (шейп-файл тақырыбы жоқ). Файлды тексеріңіз.",
        "en": "{file} is not a .shp file (no shapefile header). Check the file.",
    },
    "load.shapefile_truncated": {
        "ru": "Файл {file} обрезан: по заголовку в нём {stated} байт, на диске {actual}. "
              "Скопируйте файл заново из источника.",
        "kk": "{file} файлы қысқартылған: тақырыбы бойынша {stated} байт, дискіде {actual}. "
              "Файлды дереккөзден қайта көшіріңіз.",
        "en": "The file {file} is truncated: its header says {stated} bytes, the disk has "
              "{actual}. Copy the file again from its source.",
    },
    "load.several_layers": {
        "ru": "В {file} несколько слоёв: {layers}. Выберите один: --layer ИМЯ.",
        "kk": "{file} ішінде бірнеше қабат бар: {layers}. Біреуін таңдаңыз: --layer АТЫ.",
        "en": "{file} holds several layers: {layers}. Choose one with --layer NAME.",
    },
    "load.layer_not_in_file": {
        "ru": "В {file} нет слоя «{layer}». Есть: {layers}.",
        "kk": "{file} ішінде «{layer}» қабаты жоқ. Барлары: {layers}.",
        "en": "{file} has no layer '{layer}'. It has: {layers}.",
    },
    "load.osm_kind": {
        "ru": "Из файла OpenStreetMap {file} загружаются только дороги (roads) и социальные "
              "объекты (facilities), а не «{kind}». Укажите --kind roads или --kind facilities.",
        "kk": "OpenStreetMap {file} файлынан тек жолдар (roads) мен әлеуметтік нысандар "
              "(facilities) жүктеледі, «{kind}» емес. --kind roads немесе --kind facilities "
              "көрсетіңіз.",
        "en": "An OpenStreetMap file ({file}) loads as roads or facilities, not '{kind}'. "
              "Use --kind roads or --kind facilities.",
    },
    "load.postgis_no_table": {
        "ru": "Для загрузки из {url} укажите таблицу: --layer схема.таблица.",
        "kk": "{url} ішінен жүктеу үшін кестені көрсетіңіз: --layer схема.кесте.",
        "en": "To load from {url}, name the table: --layer schema.table.",
    },
    "load.postgis_table_missing": {
        "ru": "В базе {url} нет таблицы {layer}. Проверьте схему и имя (--layer схема.таблица).",
        "kk": "{url} базасында {layer} кестесі жоқ. Схема мен атауды тексеріңіз "
              "(--layer схема.кесте).",
        "en": "The database {url} has no table {layer}. Check the schema and the name "
              "(--layer schema.table).",
    },
    # --- columns ----------------------------------------------------------------------------
    "load.map_unknown_column": {
        "ru": "в --map указан столбец «{column}», которого нет в источнике",
        "kk": "--map ішінде дереккөзде жоқ «{column}» бағаны көрсетілген",
        "en": "--map names a column '{column}' that the source does not have",
    },
    "load.map_unknown_column_fix": {
        "ru": "Столбцы источника: {columns}.",
        "kk": "Дереккөз бағандары: {columns}.",
        "en": "The source's columns are: {columns}.",
    },
    "load.column_ambiguous": {
        "ru": "столбец «{column}» может означать: {keys}",
        "kk": "«{column}» бағаны мыналарды білдіруі мүмкін: {keys}",
        "en": "the column '{column}' may mean any of: {keys}",
    },
    "load.column_ambiguous_fix": {
        "ru": "Укажите, что он значит, например --map {column}={key}.",
        "kk": "Оның мағынасын көрсетіңіз, мысалы --map {column}={key}.",
        "en": "Say which, for example --map {column}={key}.",
    },
    "load.unit_id_from_kato": {
        "ru": "unit_id взят из кода КАТО",
        "kk": "unit_id ӘАОЖ кодынан алынды",
        "en": "unit_id taken from the KATO code",
    },
    "load.keep_unknown": {
        "ru": "в --keep указан столбец «{column}», которого нет в слое",
        "kk": "--keep ішінде қабатта жоқ «{column}» бағаны көрсетілген",
        "en": "--keep names a column '{column}' that the layer does not have",
    },
    "load.keep_unknown_fix": {
        "ru": "Используйте столбец слоя (после сопоставления): {columns}.",
        "kk": "Қабаттың бағанын қолданыңыз (сәйкестендіруден кейін): {columns}.",
        "en": "Use a column of the layer (after mapping): {columns}.",
    },
    "load.kept_rows": {
        "ru": "оставлено строк: {kept} из {total} ({rule})",
        "kk": "қалдырылған жолдар: {total} ішінен {kept} ({rule})",
        "en": "kept {kept} of {total} rows ({rule})",
    },
    "load.empty_layer": {
        "ru": "в слое нет ни одного объекта",
        "kk": "қабатта бірде-бір нысан жоқ",
        "en": "the layer has no features",
    },
    "load.empty_layer_fix": {
        "ru": "Проверьте файл, слой (--layer) и условия --keep.",
        "kk": "Файлды, қабатты (--layer) және --keep шарттарын тексеріңіз.",
        "en": "Check the file, the layer (--layer) and the --keep conditions.",
    },
    "load.area_computed": {
        "ru": "area_km2 вычислена по геометрии в равновеликой проекции Казахстана",
        "kk": "area_km2 Қазақстанның тең аумақты проекциясында геометриядан есептелді",
        "en": "area_km2 computed from the geometry in an equal-area projection of Kazakhstan",
    },
    # --- CSV --------------------------------------------------------------------------------
    "load.csv_one_coordinate": {
        "ru": "найден только один столбец координат ({column})",
        "kk": "координаттардың тек бір бағаны табылды ({column})",
        "en": "only one coordinate column was found ({column})",
    },
    "load.csv_one_coordinate_fix": {
        "ru": "Назовите оба: --map СТОЛБЕЦ=lon --map СТОЛБЕЦ=lat.",
        "kk": "Екеуін де атаңыз: --map БАҒАН=lon --map БАҒАН=lat.",
        "en": "Name both: --map COLUMN=lon --map COLUMN=lat.",
    },
    "load.csv_not_a_coordinate": {
        "ru": "координата не число ({value!r})",
        "kk": "координата сан емес ({value!r})",
        "en": "a coordinate is not a number ({value!r})",
    },
    "load.csv_not_a_coordinate_fix": {
        "ru": "Запишите градусы десятичной дробью, например 76.9286.",
        "kk": "Градусты ондық бөлшекпен жазыңыз, мысалы 76.9286.",
        "en": "Write degrees as decimal numbers, e.g. 76.9286.",
    },
    "load.csv_bad_wkt": {
        "ru": "не геометрия WKT ({value!r})",
        "kk": "WKT геометриясы емес ({value!r})",
        "en": "not a WKT geometry ({value!r})",
    },
    "load.csv_bad_wkt_fix": {
        "ru": "Запишите геометрию в WKT, например POINT (76.93 43.24).",
        "kk": "Геометрияны WKT түрінде жазыңыз, мысалы POINT (76.93 43.24).",
        "en": "Write the geometry as WKT, e.g. POINT (76.93 43.24).",
    },
    # --- CRS --------------------------------------------------------------------------------
    "load.crs_unknown": {
        "ru": "система координат «{crs}» неизвестна",
        "kk": "«{crs}» координаттар жүйесі белгісіз",
        "en": "the coordinate reference system '{crs}' is unknown",
    },
    "load.crs_unknown_fix": {
        "ru": "Укажите код EPSG, например --crs EPSG:28413 ({reason}).",
        "kk": "EPSG кодын көрсетіңіз, мысалы --crs EPSG:28413 ({reason}).",
        "en": "Give an EPSG code, e.g. --crs EPSG:28413 ({reason}).",
    },
    "load.crs_override": {
        "ru": "в файле указана система координат {declared}, а --crs задаёт {given}; "
              "используется {given}",
        "kk": "файлда {declared} координаттар жүйесі көрсетілген, ал --crs {given} береді; "
              "{given} қолданылады",
        "en": "the file declares {declared}, --crs says {given}; {given} is used",
    },
    "load.crs_override_fix": {
        "ru": "Если файл прав, уберите --crs.",
        "kk": "Файл дұрыс болса, --crs алып тастаңыз.",
        "en": "If the file is right, drop --crs.",
    },
    "load.crs_given": {
        "ru": "система координат задана пользователем: {crs}",
        "kk": "координаттар жүйесін пайдаланушы берді: {crs}",
        "en": "CRS given by the user: {crs}",
    },
    "load.crs_assumed": {
        "ru": "система координат не указана; координаты — градусы в пределах Казахстана, "
              "принята {crs}",
        "kk": "координаттар жүйесі көрсетілмеген; координаттар Қазақстан шегіндегі градустар, "
              "{crs} қабылданды",
        "en": "no CRS declared; the coordinates are degrees within Kazakhstan, read as {crs}",
    },
    "load.crs_assumed_fix": {
        "ru": "Если это не так, укажите --crs.",
        "kk": "Олай болмаса, --crs көрсетіңіз.",
        "en": "If that is wrong, give --crs.",
    },
    "load.crs_missing_fix": {
        "ru": "Укажите систему координат: --crs EPSG:…, или положите рядом с файлом .prj.",
        "kk": "Координаттар жүйесін көрсетіңіз: --crs EPSG:…, немесе файлдың жанына .prj "
              "қойыңыз.",
        "en": "Give the CRS with --crs EPSG:…, or put a .prj beside the file.",
    },
    "load.outside_kazakhstan": {
        "ru": "после перепроецирования слой лежит вне Казахстана (границы {bounds})",
        "kk": "қайта проекциялаудан кейін қабат Қазақстаннан тыс жатыр (шекаралары {bounds})",
        "en": "after reprojection the layer lies outside Kazakhstan (bounds {bounds})",
    },
    "load.outside_kazakhstan_fix": {
        "ru": "Проверьте систему координат (--crs).",
        "kk": "Координаттар жүйесін тексеріңіз (--crs).",
        "en": "Check the coordinate reference system (--crs).",
    },
    # --- geometry ---------------------------------------------------------------------------
    "load.repaired": {
        "ru": "геометрия исправлена make_valid ({reason})",
        "kk": "геометрия make_valid арқылы түзетілді ({reason})",
        "en": "geometry repaired with make_valid ({reason})",
    },
    "load.repaired_fix": {
        "ru": "Проверьте исправленные объекты; исходный файл не изменён.",
        "kk": "Түзетілген нысандарды тексеріңіз; бастапқы файл өзгертілмеді.",
        "en": "Check the repaired features; the source file is unchanged.",
    },
    # --- validation (layers.validate) -------------------------------------------------------
    "validate.column": {"ru": "столбец {column}", "kk": "{column} бағаны",
                        "en": "column {column}"},
    "validate.rows": {"ru": "строки {rows}", "kk": "жолдар {rows}", "en": "rows {rows}"},
    "validate.rows_more": {"ru": "{rows} и ещё {more}", "kk": "{rows} және тағы {more}",
                           "en": "{rows} and {more} more"},
    "validate.summary": {
        "ru": "{layer}: ошибок {count}:\n{lines}",
        "kk": "{layer}: қателер {count}:\n{lines}",
        "en": "{layer}: {count} error(s):\n{lines}",
    },
    "validate.column_missing": {"ru": "нет столбца", "kk": "баған жоқ",
                                "en": "column missing"},
    "validate.column_missing_fix": {
        "ru": "Добавьте его или сопоставьте с ним столбец: --map СТОЛБЕЦ={column}.",
        "kk": "Оны қосыңыз немесе оған бағанды сәйкестендіріңіз: --map БАҒАН={column}.",
        "en": "Add it, or map a column to it: --map COLUMN={column}.",
    },
    "validate.not_a_number": {"ru": "не число ({value})", "kk": "сан емес ({value})",
                              "en": "not a number ({value})"},
    "validate.not_a_number_fix": {
        "ru": "Запишите число с точкой как десятичным разделителем, без пробелов.",
        "kk": "Санды ондық бөлгіш ретінде нүктемен, бос орынсыз жазыңыз.",
        "en": "Write numbers with a dot as the decimal mark and no spaces.",
    },
    "validate.below": {"ru": "{value} меньше {limit}", "kk": "{value} мәні {limit} кем",
                       "en": "{value} is below {limit}"},
    "validate.below_fix": {
        "ru": "Исправьте значение: в этом столбце оно не может быть меньше.",
        "kk": "Мәнді түзетіңіз: бұл бағанда ол кіші бола алмайды.",
        "en": "Correct the value; this column cannot be smaller.",
    },
    "validate.above": {"ru": "{value} больше {limit}", "kk": "{value} мәні {limit} артық",
                       "en": "{value} is above {limit}"},
    "validate.above_fix": {
        "ru": "Проверьте единицы измерения и разряды этого значения.",
        "kk": "Бұл мәннің өлшем бірлігі мен разрядтарын тексеріңіз.",
        "en": "Check the unit and the digits of this value.",
    },
    "validate.duplicate": {"ru": "повторяющийся идентификатор {value}",
                           "kk": "қайталанатын идентификатор {value}",
                           "en": "duplicate identifier {value}"},
    "validate.duplicate_fix": {
        "ru": "Дайте каждой строке свой идентификатор.",
        "kk": "Әр жолға өз идентификаторын беріңіз.",
        "en": "Give every row its own identifier.",
    },
    "validate.empty_id": {"ru": "пустой идентификатор", "kk": "бос идентификатор",
                          "en": "empty identifier"},
    "validate.empty_id_fix": {
        "ru": "Дайте каждой строке идентификатор.",
        "kk": "Әр жолға идентификатор беріңіз.",
        "en": "Give every row an identifier.",
    },
    "validate.empty_value": {"ru": "пустое значение обязательного столбца",
                             "kk": "міндетті бағанның бос мәні",
                             "en": "empty value in a required column"},
    "validate.empty_value_fix": {
        "ru": "Заполните значение или удалите строку.",
        "kk": "Мәнді толтырыңыз немесе жолды жойыңыз.",
        "en": "Fill in the value or delete the row.",
    },
    "validate.empty_later": {"ru": "значение не указано", "kk": "мән көрсетілмеген",
                             "en": "no value given"},
    "validate.empty_later_fix": {
        "ru": "Добавьте {column} до расчёта: qonys join ТАБЛИЦА --to СЛОЙ --on name.",
        "kk": "Есептеуге дейін {column} қосыңыз: qonys join КЕСТЕ --to ҚАБАТ --on name.",
        "en": "Add {column} before the model runs: qonys join TABLE --to LAYER --on name.",
    },
    "validate.no_geometry": {"ru": "нет геометрии", "kk": "геометрия жоқ",
                             "en": "no geometry"},
    "validate.no_geometry_fix": {
        "ru": "Этому виду слоя нужна геометрия {geometry} (для CSV — столбцы lon/lat или WKT).",
        "kk": "Қабаттың бұл түріне {geometry} геометриясы керек (CSV үшін — lon/lat немесе "
              "WKT бағандары).",
        "en": "This kind needs {geometry} geometries (for a CSV: lon/lat or WKT columns).",
    },
    "validate.empty_geometry": {"ru": "пустая геометрия", "kk": "бос геометрия",
                                "en": "empty or null geometry"},
    "validate.empty_geometry_fix": {
        "ru": "Нарисуйте объект или удалите строку.",
        "kk": "Нысанды сызыңыз немесе жолды жойыңыз.",
        "en": "Draw the feature or delete the row.",
    },
    "validate.wrong_geometry": {"ru": "{found} вместо {expected}",
                                "kk": "{expected} орнына {found}",
                                "en": "{found} where {expected} is expected"},
    "validate.wrong_geometry_fix": {
        "ru": "Загрузите слой как вид, подходящий к его геометрии (--kind).",
        "kk": "Қабатты геометриясына сай түр ретінде жүктеңіз (--kind).",
        "en": "Load the layer under the kind that fits its geometry (--kind).",
    },
    "validate.invalid_geometry": {"ru": "некорректная геометрия", "kk": "жарамсыз геометрия",
                                  "en": "invalid geometry"},
    "validate.invalid_geometry_fix": {
        "ru": "Исправьте её (qonys load исправляет make_valid и сообщает о каждом случае).",
        "kk": "Оны түзетіңіз (qonys load make_valid арқылы түзетіп, әрқайсысын хабарлайды).",
        "en": "Repair it (qonys load repairs with make_valid and reports each).",
    },
    "validate.no_crs": {"ru": "нет системы координат", "kk": "координаттар жүйесі жоқ",
                        "en": "no coordinate reference system"},
    "validate.no_crs_fix": {
        "ru": "Укажите систему координат: --crs, например EPSG:4326.",
        "kk": "Координаттар жүйесін көрсетіңіз: --crs, мысалы EPSG:4326.",
        "en": "Give the CRS with --crs, e.g. EPSG:4326.",
    },
    # --- export and the command line ------------------------------------------------------
    "export.unknown_format": {
        "ru": "Не знаю, как записать {file}. Форматы: {formats} или postgresql://…",
        "kk": "{file} қалай жазылатыны белгісіз. Пішімдер: {formats} немесе postgresql://…",
        "en": "Cannot tell how to write {file}. Formats: {formats} or postgresql://…",
    },
    "export.needs_geometry": {
        "ru": "Слой {layer} — таблица без геометрии; для {file} нужна геометрия. "
              "Выгрузите его в .csv или .gpkg.",
        "kk": "{layer} қабаты — геометриясы жоқ кесте; {file} үшін геометрия керек. "
              "Оны .csv немесе .gpkg пішіміне шығарыңыз.",
        "en": "The layer {layer} is a table without geometry; {file} needs one. "
              "Export it to .csv or .gpkg.",
    },
    "export.same_file": {
        "ru": "{file} — это сам рабочий файл. Выберите другой путь.",
        "kk": "{file} — жұмыс файлының өзі. Басқа жол таңдаңыз.",
        "en": "{file} is the workspace itself. Choose another path.",
    },
    "export.failed": {
        "ru": "Не удалось выгрузить слой {layer} в {file}: {reason}",
        "kk": "{layer} қабатын {file} ішіне шығару мүмкін болмады: {reason}",
        "en": "Could not export the layer {layer} to {file}: {reason}",
    },
    "export.done": {
        "ru": "Слой {layer} выгружен в {file}.",
        "kk": "{layer} қабаты {file} ішіне шығарылды.",
        "en": "Exported the layer {layer} to {file}.",
    },
    "export.renamed": {
        "ru": "Имена столбцов укорочены для шейп-файла: {names}",
        "kk": "Шейп-файл үшін баған атаулары қысқартылды: {names}",
        "en": "Column names cut for the shapefile: {names}",
    },
    "load.done": {
        "ru": "Загружено {rows} объектов в слой {layer} ({kind}) рабочего пространства {store}.",
        "kk": "{store} жұмыс кеңістігінің {layer} ({kind}) қабатына {rows} нысан жүктелді.",
        "en": "Loaded {rows} features into the layer {layer} ({kind}) of {store}.",
    },
    "load.valid": {
        "ru": "{source}: ошибок нет, можно загружать (предупреждений {warnings}).",
        "kk": "{source}: қате жоқ, жүктеуге болады (ескертулер {warnings}).",
        "en": "{source}: no errors, ready to load ({warnings} warning(s)).",
    },
    "load.fill_later_fix": {
        "ru": "Добавьте {column} до расчёта из таблицы (CSV или XLSX) с ключом и столбцом "
              "{column}: qonys join ТАБЛИЦА --to {layer} --on {on} --columns {column}{replace}.",
        "kk": "Есептеуге дейін {column} мәнін кілті және {column} бағаны бар кестеден (CSV "
              "немесе XLSX) қосыңыз: qonys join КЕСТЕ --to {layer} --on {on} --columns "
              "{column}{replace}.",
        "en": "Add {column} before the model runs, from a table (CSV or XLSX) with the key "
              "and a {column} column: qonys join TABLE --to {layer} --on {on} --columns "
              "{column}{replace}.",
    },
    "load.replaces": {
        "ru": "Слой {layer} заменён: было {rows} объектов из {source}, загружено {loaded}.",
        "kk": "{layer} қабаты ауыстырылды: бұрын {source} көзінен {rows} нысан болған, "
              "жүктелген уақыты {loaded}.",
        "en": "Replaced the layer {layer}: it held {rows} features from {source}, loaded "
              "{loaded}.",
    },
    "load.replaces_unknown": {
        "ru": "Слой {layer} заменён: было {rows} объектов (происхождение не записано).",
        "kk": "{layer} қабаты ауыстырылды: бұрын {rows} нысан болған (шығу тегі жазылмаған).",
        "en": "Replaced the layer {layer}: it held {rows} features (no provenance recorded).",
    },
    "load.nothing_written": {
        "ru": "Ничего не записано: рабочее пространство не изменилось.",
        "kk": "Ештеңе жазылмады: жұмыс кеңістігі өзгерген жоқ.",
        "en": "Nothing was written: the workspace is unchanged.",
    },
    "load.bad_pair": {
        "ru": "«{value}» не пара вида ИСТОЧНИК=ЦЕЛЬ для {option}.",
        "kk": "«{value}» {option} үшін КӨЗ=МАҚСАТ түріндегі жұп емес.",
        "en": "'{value}' is not a SOURCE=TARGET pair for {option}.",
    },
    "stage.read": {"ru": "чтение источника", "kk": "дереккөзді оқу", "en": "reading the source"},
    "stage.check": {"ru": "проверка", "kk": "тексеру", "en": "checking"},
    "stage.write": {"ru": "запись в рабочее пространство", "kk": "жұмыс кеңістігіне жазу",
                    "en": "writing the workspace"},
}
# fmt: on
