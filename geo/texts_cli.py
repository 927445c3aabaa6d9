"""ru/kk/en texts of the command line's help (``qonys --help``, ``qonys COMMAND --help``):
the commands' descriptions, the options' help and argparse's own words.

Merged into :data:`geo.i18n.TEXTS`. argparse formats help with ``%``: a ``%`` here is ``%%``.
"""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    # --- argparse's own words and the top level (planning.cli.app, planning.cli.options) ---
    "cli.help.usage": {"ru": "использование: ", "kk": "қолданылуы: ", "en": "usage: "},
    "cli.help.positionals": {"ru": "позиционные аргументы", "kk": "позициялық аргументтер",
                             "en": "positional arguments"},
    "cli.help.optionals": {"ru": "параметры", "kk": "параметрлер", "en": "options"},
    "cli.help.commands": {"ru": "команды", "kk": "командалар", "en": "commands"},
    "cli.help.help": {"ru": "показать эту справку и выйти",
                      "kk": "осы анықтаманы көрсетіп, шығу",
                      "en": "show this help message and exit"},
    "cli.help.epilog": {
        "ru": "Параметры команды и пример: `qonys COMMAND --help`.",
        "kk": "Команданың параметрлері мен мысалы: `qonys COMMAND --help`.",
        "en": "Run `qonys COMMAND --help` for a command's options and an example.",
    },
    "cli.help.store": {
        "ru": "рабочее пространство: путь к GeoPackage или URL postgresql:// "
              "(по умолчанию: $QONYS_STORE или ./qonys.gpkg)",
        "kk": "жұмыс кеңістігі: GeoPackage жолы немесе postgresql:// URL "
              "(әдепкі: $QONYS_STORE немесе ./qonys.gpkg)",
        "en": "workspace: a GeoPackage path or a postgresql:// URL "
              "(default: $QONYS_STORE or ./qonys.gpkg)",
    },
    "cli.help.lang": {
        "ru": "язык сообщений, справки и отчётов (по умолчанию: $QONYS_LANG или ru)",
        "kk": "хабарламалар, анықтама және есептер тілі (әдепкі: $QONYS_LANG немесе ru)",
        "en": "language of messages, help and reports (default: $QONYS_LANG or ru)",
    },
    "cli.help.verbose": {"ru": "записывать в журнал, что происходит (-vv — подробнее)",
                         "kk": "не болып жатқанын журналға жазу (-vv — толығырақ)",
                         "en": "log what happens (-vv for more)"},
    "cli.unknown_env_lang": {
        "ru": "qonys: QONYS_LANG={value} — не язык qonys ({choices}); используется {fallback}.",
        "kk": "qonys: QONYS_LANG={value} — qonys тілі емес ({choices}); {fallback} қолданылады.",
        "en": "qonys: QONYS_LANG={value} is not a language of qonys ({choices}); "
              "using {fallback}.",
    },

    # --- demo, readiness, grid, report ---
    "cli.help.demo": {
        "ru": "собрать демонстрационное рабочее пространство Алматы, Астаны и Шымкента только "
              "из данных проекта, оценить готовность и написать отчёт",
        "kk": "Алматы, Астана және Шымкенттің демо жұмыс кеңістігін тек жоба деректерінен "
              "құру, дайындықты бағалау және есеп жазу",
        "en": "build the demo workspace of Almaty, Astana and Shymkent from the project's data "
              "alone, assess readiness and write the report",
    },
    "cli.help.demo_out": {"ru": "папка отчёта (по умолчанию: папка хранилища или out/demo)",
                          "kk": "есеп қалтасы (әдепкі: қойма қалтасы немесе out/demo)",
                          "en": "folder of the report (default: the store's folder, or "
                                "out/demo)"},
    "cli.help.seed": {"ru": "зерно (seed) генератора для генерируемых частей",
                      "kk": "жасалатын бөліктерге арналған генератордың бастапқы мәні (seed)",
                      "en": "seed of the generated parts"},
    "cli.help.readiness": {
        "ru": "оценить готовность по единицам и сетям для зарегистрированного и фактического "
              "населения и сохранить её",
        "kk": "тіркелген және нақты халық үшін бірліктер мен желілер бойынша дайындықты "
              "бағалау және сақтау",
        "en": "assess readiness per unit and network for the registered and the actual "
              "population, and store it",
    },
    "cli.help.year": {"ru": "базовый год: источники, введённые позже, не учитываются",
                      "kk": "базалық жыл: кейін іске қосылған көздер есепке алынбайды",
                      "en": "base year: sources commissioned later are left out"},
    "cli.help.grid": {
        "ru": "оценить готовность по ячейкам H3 заселённой части региона и сохранить ячейки "
              "как слой grid_<region>_r<res>",
        "kk": "өңірдің қоныстанған бөлігінің H3 ұяшықтары бойынша дайындықты бағалау және "
              "ұяшықтарды grid_<region>_r<res> қабаты ретінде сақтау",
        "en": "score readiness per H3 cell of a region's populated footprint and store the "
              "cells as layer grid_<region>_r<res>",
    },
    "cli.help.grid_region": {"ru": "значение столбца region единиц",
                             "kk": "бірліктердің region бағанының мәні",
                             "en": "a value of the units' region column"},
    "cli.help.grid_res": {
        "ru": "разрешение H3: 8 (ячейки 0,74 км2) или 9 (0,11 км2; по умолчанию)",
        "kk": "H3 ажыратымдылығы: 8 (0,74 км2 ұяшықтар) немесе 9 (0,11 км2; әдепкі)",
        "en": "H3 resolution: 8 (0.74 km2 cells) or 9 (0.11 km2; default)",
    },
    "cli.help.grid_by": {
        "ru": "распределить жителей по ячейкам по сетке населения или по площади вне слоя "
              "ограничений (по умолчанию: по сетке, где она загружена)",
        "kk": "тұрғындарды ұяшықтарға халық торы бойынша немесе шектеулер қабатынан тыс аудан "
              "бойынша бөлу (әдепкі: тор жүктелген жерде тор бойынша)",
        "en": "spread residents over cells by the population grid, or by area outside the "
              "constraints layer (default: the grid where loaded)",
    },
    "cli.help.report": {
        "ru": "написать отчёт: один HTML-файл, открывается без сети (готовность, сети, "
              "дефицит, потоки, прогноз, сценарии, предложения)",
        "kk": "есеп жазу: желісіз ашылатын бір HTML файл (дайындық, желілер, тапшылық, "
              "ағындар, болжам, сценарийлер, ұсыныстар)",
        "en": "write the report: one HTML file that opens with no network (readiness, "
              "networks, gap, flows, forecast, scenarios, proposals)",
    },
    "cli.help.report_out": {"ru": "HTML-файл для записи (по умолчанию: out/report.html)",
                            "kk": "жазылатын HTML файл (әдепкі: out/report.html)",
                            "en": "HTML file to write (default: out/report.html)"},
    "cli.help.report_scenario": {
        "ru": "сценарий, прогноз и предложения которого показать: имя встроенного сценария "
              "или YAML-файл (по умолчанию: baseline, где рабочее пространство позволяет; прогноз "
              "для отчёта, если ещё не выполнен)",
        "kk": "болжамы мен ұсыныстары көрсетілетін сценарий: кіріктірілген сценарий атауы "
              "немесе YAML файл (әдепкі: жұмыс кеңістігі мүмкіндік берсе baseline; әлі "
              "орындалмаса, есеп үшін болжам жасалады)",
        "en": "scenario whose forecast and proposals to show: a shipped name or a YAML file "
              "(default: baseline where the workspace allows; forecast for the report if not "
              "yet run)",
    },
    "cli.help.report_compare": {"ru": "также показать отличие --scenario от этого сценария",
                                "kk": "--scenario мен осы сценарийдің айырмасын да көрсету",
                                "en": "also show the difference of --scenario from this "
                                      "scenario"},
    "cli.help.png": {"ru": "также записать статичный PNG каждого слоя карты в DIR",
                     "kk": "әр карта қабатының статикалық PNG суретін DIR ішіне де жазу",
                     "en": "also write a static PNG of every map layer into DIR"},
    "cli.help.pdf": {"ru": "также записать отчёт в PDF", "kk": "есепті PDF ретінде де жазу",
                     "en": "also write the report as PDF"},
    "cli.help.pdf_from": {
        "ru": "печатать PDF в Chromium без окна (запускает карты; по умолчанию) или собрать "
              "его из статичных PNG-карт",
        "kk": "PDF-ті терезесіз Chromium арқылы басып шығару (карталарды іске қосады; әдепкі) "
              "немесе статикалық PNG карталардан құрастыру",
        "en": "print the PDF with headless Chromium (runs the maps; default) or assemble it "
              "from the static PNG maps",
    },
    "cli.help.check": {
        "ru": "до запуска модели сказать, что она оценит, что оценит приближённо и что "
              "пропустит с тем, что есть в рабочем пространстве, и какая команда даст остальное",
        "kk": "модель іске қосылмай тұрып, жұмыс кеңістігіндегі деректермен нені бағалайтынын, "
              "нені шамамен бағалайтынын және нені қалдыратынын, қалғанын қай команда "
              "беретінін айту",
        "en": "say, before a model runs, what it will assess, estimate and leave out with what "
              "the workspace holds, and which command supplies the rest",
    },

    # --- the data commands: load, validate, join, export, layers, kinds ---
    "cli.help.load": {
        "ru": "загрузить файл, выгрузку OpenStreetMap, растр или таблицу PostGIS в рабочее "
              "пространство как слой вида; всё или ничего",
        "kk": "файлды, OpenStreetMap үзіндісін, растрды немесе PostGIS кестесін жұмыс "
              "кеңістігіне белгілі түрдегі қабат ретінде жүктеу; бәрі немесе ештеңе",
        "en": "load a file, an OpenStreetMap extract, a raster or a PostGIS table into the "
              "workspace as a layer of a kind; all or nothing",
    },
    "cli.help.load_as": {"ru": "имя слоя в рабочем пространстве (по умолчанию: вид)",
                         "kk": "жұмыс кеңістігіндегі қабат атауы (әдепкі: түрі)",
                         "en": "workspace layer name (default: the kind)"},
    "cli.help.licence": {"ru": "лицензия источника, сохраняется в происхождении",
                         "kk": "дереккөз лицензиясы, шығу тегінде сақталады",
                         "en": "the source's licence, kept in provenance"},
    "cli.help.validate": {"ru": "сообщить о каждой проблеме источника, ничего не записывая",
                          "kk": "ештеңе жазбай, дереккөздің әр ақауын хабарлау",
                          "en": "report every problem of a source, writing nothing"},
    "cli.help.source": {"ru": "путь к файлу или URL postgresql:// с --layer",
                        "kk": "файл жолы немесе postgresql:// URL (--layer бірге)",
                        "en": "file path, or postgresql:// URL with --layer"},
    "cli.help.kind": {"ru": "вид слоя: {kinds}", "kk": "қабат түрі: {kinds}",
                      "en": "layer kind: {kinds}"},
    "cli.help.source_layer": {"ru": "слой источника (GeoPackage, zip) или таблица (PostGIS)",
                              "kk": "дереккөз қабаты (GeoPackage, zip) немесе кесте (PostGIS)",
                              "en": "the source's layer (GeoPackage, zip) or table (PostGIS)"},
    "cli.help.source_region": {"ru": "регион, записываемый в столбец region",
                               "kk": "region бағанына жазылатын өңір",
                               "en": "region written into column region"},
    "cli.help.encoding": {"ru": "кодировка текста .dbf или CSV (по умолчанию: определяется)",
                          "kk": ".dbf немесе CSV мәтінінің кодтауы (әдепкі: анықталады)",
                          "en": "text encoding of a .dbf or CSV (default: detected)"},
    "cli.help.crs": {"ru": "система координат источника, например EPSG:28413",
                     "kk": "дереккөздің координаттар жүйесі, мысалы EPSG:28413",
                     "en": "CRS of the source, e.g. EPSG:28413"},
    "cli.help.source_map": {
        "ru": "сопоставить столбец источника столбцу схемы (можно повторять)",
        "kk": "дереккөз бағанын схема бағанына сәйкестендіру (қайталауға болады)",
        "en": "map a source column to a schema column (repeatable)",
    },
    "cli.help.set": {
        "ru": "дать каждой строке это значение в столбце схемы до проверок, например "
              "kind=school (можно повторять)",
        "kk": "тексеруге дейін әр жолға схема бағанында осы мәнді беру, мысалы kind=school "
              "(қайталауға болады)",
        "en": "give every row this value in a schema column, before the checks, e.g. "
              "kind=school (repeatable)",
    },
    "cli.help.points": {
        "ru": "для вида точек: взять точку внутри каждого полигона или линии (участки-кандидаты "
              "из ячеек сетки или земельных участков)",
        "kk": "нүктелер түрі үшін: әр көпбұрыштың не сызықтың ішінен нүкте алу (тор "
              "ұяшықтарынан не жер телімдерінен үміткер орындар)",
        "en": "for a kind of points: take a point inside each polygon or line (candidate sites "
              "from grid cells or parcels)",
    },
    "cli.help.keep": {
        "ru": "оставить только строки, столбец которых подходит под шаблон, например kato=75* "
              "(можно повторять; шаблоны одного столбца — альтернативы)",
        "kk": "тек бағаны үлгіге сәйкес келетін жолдарды қалдыру, мысалы kato=75* (қайталауға "
              "болады; бір бағанның үлгілері — баламалар)",
        "en": "keep only rows whose column matches a glob, e.g. kato=75* (repeatable; patterns "
              "of one column are alternatives)",
    },
    "cli.help.join": {
        "ru": "присоединить таблицу статистики (CSV или XLSX) к слою рабочего пространства по "
              "коду КАТО или названию и сообщить о каждой несовпавшей строке",
        "kk": "статистика кестесін (CSV немесе XLSX) жұмыс кеңістігінің қабатына ҚАТО коды "
              "немесе атауы бойынша қосу және сәйкес келмеген әр жолды хабарлау",
        "en": "join a statistics table (CSV or XLSX) to a workspace layer by KATO code or "
              "name, and report every row that did not match",
    },
    "cli.help.table": {"ru": "файл CSV или XLSX", "kk": "CSV немесе XLSX файлы",
                       "en": "CSV or XLSX file"},
    "cli.help.layer": {"ru": "слой рабочего пространства", "kk": "жұмыс кеңістігінің қабаты",
                       "en": "workspace layer"},
    "cli.help.join_on": {"ru": "сопоставлять по коду КАТО или по названию",
                         "kk": "ҚАТО коды немесе атауы бойынша сәйкестендіру",
                         "en": "match by KATO code or by name"},
    "cli.help.columns": {"ru": "столбцы таблицы через запятую (по умолчанию: все)",
                         "kk": "үтірмен бөлінген кесте бағандары (әдепкі: барлығы)",
                         "en": "comma-separated table columns to bring (default: all)"},
    "cli.help.key": {"ru": "ключевой столбец таблицы (по умолчанию: находится сам)",
                     "kk": "кестенің кілт бағаны (әдепкі: өзі табылады)",
                     "en": "the table's key column (default: found)"},
    "cli.help.sheet": {"ru": "лист XLSX (по умолчанию: первый)",
                       "kk": "XLSX парағы (әдепкі: біріншісі)",
                       "en": "XLSX sheet (default: the first)"},
    "cli.help.join_map": {"ru": "переименовать столбец таблицы в слое (можно повторять)",
                          "kk": "қабаттағы кесте бағанының атын өзгерту (қайталауға болады)",
                          "en": "rename a table column in the layer (repeatable)"},
    "cli.help.replace": {
        "ru": "заменить значениями таблицы значения столбцов, которые в слое уже есть, в "
              "совпавших строках (по умолчанию такие столбцы сохраняются, о них сообщается)",
        "kk": "сәйкес келген жолдарда қабатта бар бағандардың мәндерін кесте мәндерімен "
              "ауыстыру (әдепкі: ондай бағандар сақталып, хабарланады)",
        "en": "let the table's values replace those of columns the layer has already, in the "
              "matched rows (default: such columns are kept and reported)",
    },
    "cli.help.export": {
        "ru": "записать слой рабочего пространства в GeoPackage, shapefile (UTF-8), GeoJSON, "
              "CSV или таблицу PostGIS",
        "kk": "жұмыс кеңістігінің қабатын GeoPackage, shapefile (UTF-8), GeoJSON, CSV немесе "
              "PostGIS кестесіне жазу",
        "en": "write a workspace layer to GeoPackage, shapefile (UTF-8), GeoJSON, CSV or a "
              "PostGIS table",
    },
    "cli.help.export_to": {"ru": "путь .gpkg/.shp/.geojson/.csv или URL postgresql://",
                           "kk": ".gpkg/.shp/.geojson/.csv жолы немесе postgresql:// URL",
                           "en": "target .gpkg/.shp/.geojson/.csv path or postgresql:// URL"},
    "cli.help.export_as": {"ru": "имя в месте назначения", "kk": "мақсаттағы атауы",
                           "en": "name at the target"},
    "cli.help.layers": {"ru": "перечислить слои рабочего пространства с их происхождением",
                        "kk": "жұмыс кеңістігінің қабаттарын шығу тегімен тізу",
                        "en": "list the layers of the workspace with their provenance"},
    "cli.help.kinds": {"ru": "напечатать каталог слоёв: столбцы, типы и единицы каждого вида",
                       "kk": "қабаттар каталогын шығару: әр түрдің бағандары, типтері және "
                             "өлшем бірліктері",
                       "en": "print the layer catalogue: each kind's columns, types and units"},

    # --- the planning commands: actual, flows, scenario, propose ---
    "cli.help.actual": {
        "ru": "оценить фактическое (обслуживаемое) население каждой единицы по слою "
              "population_proxies; записывает units и population_gap",
        "kk": "әр бірліктің нақты (қызмет алатын) халқын population_proxies қабаты бойынша "
              "бағалау; units және population_gap жазады",
        "en": "estimate the actual (served) population of every unit from the "
              "population_proxies layer; writes units and population_gap",
    },
    "cli.help.actual_year": {"ru": "брать последнее значение каждого показателя до этого года",
                             "kk": "әр көрсеткіштің осы жылға дейінгі соңғы мәнін алу",
                             "en": "use each proxy's latest figure up to this year"},
    "cli.help.flows": {
        "ru": "проверить миграционные потоки и записи регистрации, чистую миграцию по единицам "
              "и годам и гравитационную модель, заполняющую ненаблюдаемые пары",
        "kk": "көші-қон ағындары мен тіркеу жазбаларын, бірліктер мен жылдар бойынша таза "
              "көші-қонды және бақыланбаған жұптарды толтыратын гравитациялық модельді тексеру",
        "en": "check migration flows and registration records, net migration per unit and "
              "year, and a gravity model that fills unobserved pairs",
    },
    "cli.help.scenario": {
        "ru": "выполнить файл сценария (прогноз до его горизонта) или сравнить два расчёта",
        "kk": "сценарий файлын орындау (оның көкжиегіне дейін болжам) немесе екі есептеуді "
              "салыстыру",
        "en": "run a scenario file (forecast to its horizon) or compare two runs",
    },
    "cli.help.scenario_action": {
        "ru": "list: встроенные сценарии; run: выполнить один; compare: сравнить два",
        "kk": "list: кіріктірілген сценарийлер; run: біреуін орындау; compare: екеуін салыстыру",
        "en": "list: the shipped scenarios; run: run one; compare: compare two",
    },
    "cli.help.scenario_names": {
        "ru": "run: YAML-файл или имя встроенного сценария; compare: имена двух уже "
              "выполненных сценариев",
        "kk": "run: YAML файл немесе кіріктірілген сценарий атауы; compare: бұрын орындалған екі "
              "сценарий атауы",
        "en": "run: a YAML file or a shipped scenario's name; compare: two scenario names "
              "already run",
    },
    "cli.help.compare_out": {
        "ru": "compare: HTML-карта для записи (по умолчанию: out/compare_A_B.html)",
        "kk": "compare: жазылатын HTML карта (әдепкі: out/compare_A_B.html)",
        "en": "compare: HTML map to write (default: out/compare_A_B.html)",
    },
    "cli.help.cells_region": {
        "ru": "считать по ячейкам H3 этого региона вместо всех единиц (с --res)",
        "kk": "барлық бірліктің орнына осы өңірдің H3 ұяшықтары бойынша есептеу (--res бірге)",
        "en": "run on this region's H3 cells instead of every unit (with --res)",
    },
    "cli.help.cells_res": {"ru": "разрешение H3 для --region (по умолчанию 9)",
                           "kk": "--region үшін H3 ажыратымдылығы (әдепкі 9)",
                           "en": "H3 resolution of --region (default 9)"},
    "cli.help.propose": {
        "ru": "выполнить сценарий и предложить объекты, расширение инженерных сетей и план "
              "очерёдности в пределах его бюджета",
        "kk": "сценарийді орындау және оның бюджеті шегінде нысандарды, инженерлік желілерді "
              "кеңейтуді және кезеңдеу жоспарын ұсыну",
        "en": "run a scenario and propose facilities, utility expansions and a phasing plan "
              "under its budget",
    },
    "cli.help.propose_scenario": {"ru": "YAML-файл или имя встроенного сценария",
                                  "kk": "YAML файл немесе кіріктірілген сценарий атауы",
                                  "en": "a YAML file or a shipped scenario's name"},
    "cli.help.objective": {
        "ru": "размещение: больше всего спроса в пешей доступности нормы (по умолчанию) или "
              "меньше всего ходьбы",
        "kk": "орналастыру: норманың жаяу қашықтығында ең көп сұраныс (әдепкі) немесе ең аз "
              "жаяу жүру",
        "en": "siting: most demand within the norm's walk (default) or least walking",
    },
    "cli.help.method": {
        "ru": "решатель размещения: точный (HiGHS), где задача достаточно мала, иначе жадный "
              "с обменами (по умолчанию: auto)",
        "kk": "орналастыру шешушісі: есеп жеткілікті шағын болса дәл (HiGHS), әйтпесе "
              "алмастырулары бар ашкөз әдіс (әдепкі: auto)",
        "en": "siting solver: exact (HiGHS) where small enough, else greedy with swaps "
              "(default: auto)",
    },
    "cli.help.budget": {"ru": "годовой бюджет в тенге (по умолчанию: из сценария)",
                        "kk": "теңгемен жылдық бюджет (әдепкі: сценарийдегі)",
                        "en": "annual budget in tenge (default: the scenario's)"},
    "cli.help.time_limit": {
        "ru": "сколько секунд может решаться каждая точная задача размещения, прежде чем "
              "сохранится лучшее найденное решение (по умолчанию: 10)",
        "kk": "әр дәл орналастыру есебіне берілетін секунд, одан кейін табылған ең жақсы шешім "
              "сақталады (әдепкі: 10)",
        "en": "seconds each exact siting problem may take before its best solution so far is "
              "kept (default: 10)",
    },
}
# fmt: on
