"""The one ru/kk/en table for every user-facing string of qonys.

A key maps to its text in Russian (``ru``, the default), Kazakh (``kk``) and English (``en``).
Texts are :meth:`str.format` templates. The command line sets the language once with
:func:`set_language` (``--lang``); library code asks :func:`tr` for a text.

Keys are grouped by the package that uses them. Every key has all three languages: a test
checks it.

Numbers are written in the language's own way: a field with a format spec (``{n:,.0f}``,
``{cost:.1f}``) is formatted the English way, then, for ``ru`` and ``kk``, its thousands separator
becomes a non-breaking space and its decimal point a comma ("47 830", "12,0 млрд"). A text whose
form depends on a number is a mapping of CLDR plural categories (``one``, ``few``, ``many``,
``other``; Babel's rules) to templates, chosen by the value named ``count``.

Examples
--------
>>> tr("network.heat", lang="en")
'heat'
>>> tr("network.heat", lang="kk")
'жылу'
"""

from __future__ import annotations

import numbers
import os
import string
from collections.abc import Mapping
from functools import cache

LANGUAGES: tuple[str, ...] = ("ru", "kk", "en")
DEFAULT_LANGUAGE = "ru"

# An unknown $QONYS_LANG must not break every later tr(); the command line says so.
_current = os.environ.get("QONYS_LANG", DEFAULT_LANGUAGE)
_current = _current if _current in LANGUAGES else DEFAULT_LANGUAGE

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    # --- networks and population bases (planning, maps) ---
    "network.heat": {"ru": "теплоснабжение", "kk": "жылу", "en": "heat"},
    "network.water": {"ru": "водоснабжение", "kk": "сумен жабдықтау", "en": "water"},
    "network.wastewater": {"ru": "водоотведение", "kk": "су бұру", "en": "wastewater"},
    "network.transport": {"ru": "транспорт", "kk": "көлік", "en": "transport"},
    "network.schools": {"ru": "школы", "kk": "мектептер", "en": "schools"},
    "network.kindergartens": {"ru": "детские сады", "kk": "балабақшалар", "en": "kindergartens"},
    "network.polyclinics": {"ru": "поликлиники", "kk": "емханалар", "en": "polyclinics"},
    # capacity units of data/norms/default.yaml, as a reader of the language writes them
    "capacity_unit.Gcal/h": {"ru": "Гкал/ч", "kk": "Гкал/сағ", "en": "Gcal/h"},
    "capacity_unit.m3/day": {"ru": "м³/сут", "kk": "м³/тәул.", "en": "m³/day"},
    "capacity_unit.places": {"ru": "мест", "kk": "орын", "en": "places"},
    "capacity_unit.visits/shift": {"ru": "посещений в смену", "kk": "ауысымына келу",
                                   "en": "visits per shift"},
    "network.none": {"ru": "нет ограничений", "kk": "шектеу жоқ", "en": "no constraint"},
    "basis.registered": {"ru": "зарегистрированное население", "kk": "тіркелген халық",
                         "en": "registered population"},
    "basis.actual": {"ru": "фактическое население", "kk": "нақты халық",
                     "en": "actual population"},
    "region.almaty": {"ru": "Алматинская агломерация", "kk": "Алматы агломерациясы",
                      "en": "Almaty agglomeration"},
    "region.astana": {"ru": "Астана", "kk": "Астана", "en": "Astana"},
    "region.shymkent": {"ru": "Шымкент", "kk": "Шымкент", "en": "Shymkent"},

    # --- command line (planning.cli.app) ---
    "cli.description": {
        "ru": "qonys: готовность территорий принять новых жителей (сначала инфраструктура, "
              "потом переселение).",
        "kk": "qonys: аумақтардың жаңа тұрғындарды қабылдауға дайындығы (алдымен "
              "инфрақұрылым, содан кейін қоныс аудару).",
        "en": "qonys: how ready each territory is to take more residents (infrastructure "
              "first, then resettlement).",
    },
    "cli.error": {"ru": "Ошибка: {message}", "kk": "Қате: {message}", "en": "Error: {message}"},
    "cli.interrupted": {"ru": "Прервано.", "kk": "Үзілді.", "en": "Interrupted."},
    "cli.outputs": {"ru": "Результаты:", "kk": "Нәтижелер:", "en": "Outputs:"},
    "cli.workspace": {"ru": "рабочее пространство (GeoPackage/PostGIS)",
                      "kk": "жұмыс кеңістігі (GeoPackage/PostGIS)",
                      "en": "workspace (GeoPackage/PostGIS)"},
    "cli.report": {"ru": "отчёт (один HTML-файл, открывается без сети)",
                   "kk": "есеп (бір HTML файл, желісіз ашылады)",
                   "en": "report (one HTML file, opens with no network)"},
    "cli.layers_header": {"ru": "Слои рабочего пространства {store}",
                          "kk": "{store} жұмыс кеңістігінің қабаттары",
                          "en": "Layers of the workspace {store}"},

    # --- progress stages ---
    "stage.facts": {"ru": "Чтение опубликованных данных", "kk": "Жарияланған деректерді оқу",
                    "en": "Reading published facts"},
    "stage.geometry": {"ru": "Геометрия единиц: реальные районы, схематичные города",
                       "kk": "Бірліктер геометриясы: нақты аудандар, сұлба қалалар",
                       "en": "Unit geometry: real districts, schematic towns"},
    "stage.networks": {"ru": "Генерация сетей и объектов", "kk": "Желілер мен нысандарды құру",
                       "en": "Generating networks and facilities"},
    "stage.store": {"ru": "Запись в рабочее пространство", "kk": "Жұмыс кеңістігіне жазу",
                    "en": "Writing the workspace"},
    "stage.readiness": {"ru": "Расчёт готовности", "kk": "Дайындықты есептеу",
                        "en": "Computing readiness"},
    "stage.report": {"ru": "Сборка отчёта", "kk": "Есепті құрастыру", "en": "Building the report"},
    "stage.grid": {"ru": "Готовность по ячейкам H3", "kk": "H3 ұяшықтары бойынша дайындық",
                   "en": "Readiness per H3 cell"},

    # --- errors raised by planning ---
    "err.norm_missing": {
        "ru": "В файле норм {path} нет значения {key}. Добавьте его вместе с источником (source).",
        "kk": "{path} нормалар файлында {key} мәні жоқ. Оны дереккөзімен (source) бірге қосыңыз.",
        "en": "The norms file {path} has no value for {key}. Add it with its source.",
    },
    "err.norm_no_source": {
        "ru": "Норма {key} в файле {path} не указывает источник. Добавьте поле source.",
        "kk": "{path} файлындағы {key} нормасының дереккөзі көрсетілмеген. source өрісін қосыңыз.",
        "en": "The norm {key} in {path} names no source. Add a source field.",
    },
    "err.layer_missing": {
        "ru": "В рабочем пространстве {store} нет слоя «{layer}». Загрузите его или выполните "
              "`qonys demo`.",
        "kk": "{store} жұмыс кеңістігінде «{layer}» қабаты жоқ. Оны жүктеңіз немесе "
              "`qonys demo` іске қосыңыз.",
        "en": "The workspace {store} has no layer '{layer}'. Load it, or run `qonys demo`.",
    },
    "err.store_missing": {
        "ru": "Рабочее пространство {store} не найдено. Укажите существующий файл --store или "
              "создайте его командой `qonys demo --store {store}`.",
        "kk": "{store} жұмыс кеңістігі табылмады. Бар --store файлын көрсетіңіз немесе оны "
              "`qonys demo --store {store}` пәрменімен жасаңыз.",
        "en": "No workspace at {store}. Name an existing --store, or create one with "
              "`qonys demo --store {store}`.",
    },

    # --- report content (planning.report.contents) ---
    "report.title": {"ru": "Готовность территорий принять новых жителей",
                     "kk": "Аумақтардың жаңа тұрғындарды қабылдауға дайындығы",
                     "en": "How ready each territory is to take more residents"},
    "report.subtitle": {
        "ru": "Базовый год {year}. Сначала инфраструктура, потом переселение.",
        "kk": "Базалық жыл {year}. Алдымен инфрақұрылым, содан кейін қоныс аудару.",
        "en": "Base year {year}. Infrastructure first, then resettlement.",
    },
    "report.demo_notice": {
        "ru": "Схематичная геометрия: контуры городов, дороги, объекты и зоны сетей "
              "сгенерированы; границы районов реальные (geokz)",
        "kk": "Сұлбалық геометрия: қала контурлары, жолдар, нысандар мен желі аймақтары "
              "жасалған; аудан шекаралары нақты (geokz)",
        "en": "Schematic geometry: town outlines, roads, facilities and utility zones are "
              "generated; district boundaries are real (geokz)",
    },
    "report.demo_paragraph": {
        "ru": "Численность населения и мощности сетей взяты из опубликованных источников "
              "(см. «Источники»), границы районов — из geokz (упрощены). Контуры центральных "
              "городов, объекты, дороги и недостающие мощности сгенерированы по указанным "
              "правилам и помечены как сгенерированные.",
        "kk": "Халық саны мен желілердің қуаттары жарияланған дереккөздерден алынды "
              "(«Дереккөздер» бөлімін қараңыз), аудан шекаралары geokz-тен алынды (жеңілдетілген). "
              "Орталық қалалардың контурлары, нысандар, жолдар және жетіспейтін қуаттар "
              "көрсетілген ережелер бойынша жасалып, солай белгіленді.",
        "en": "Populations and network capacities come from published sources (see "
              "Sources); district boundaries are geokz's, simplified. Centre towns' outlines, "
              "facilities, roads and missing capacities are generated by stated rules and "
              "marked as generated.",
    },
    "report.summary": {"ru": "Сводка по регионам", "kk": "Өңірлер бойынша жиынтық",
                       "en": "Summary by region"},
    "report.readiness_map": {
        "ru": "Готовность: сколько жителей может принять единица ({basis})",
        "kk": "Дайындық: бірлік қанша тұрғын қабылдай алады ({basis})",
        "en": "Readiness: residents the unit can take ({basis})",
    },
    "report.bottleneck_map": {"ru": "Узкое место ({basis})", "kk": "Тар орын ({basis})",
                              "en": "Bottleneck ({basis})"},
    "report.legend_residents": {"ru": "Жителей (минус — дефицит)",
                                "kk": "Тұрғындар (минус — тапшылық)",
                                "en": "Residents (minus: deficit)"},
    "report.units_table": {"ru": "Единицы", "kk": "Бірліктер", "en": "Units"},
    "report.cells_heading": {
        "ru": "Готовность по ячейкам H3 (разрешение {res})",
        "kk": "H3 ұяшықтары бойынша дайындық ({res} ажыратымдылық)",
        "en": "Readiness per H3 cell (resolution {res})",
    },
    "report.cells_text": {
        "ru": "{cells} ячеек с жителями или социальными объектами. Население единиц "
              "распределено по ячейкам {spread}; каждая ячейка оценена той же моделью, что и "
              "единицы: её доля зоны сетей, школы и поликлиники в пешей доступности от её "
              "центра, транспортный порог по автодорогам.",
        "kk": "Тұрғындары немесе әлеуметтік нысандары бар {cells} ұяшық. Бірліктердің халқы "
              "ұяшықтарға {spread} бөлінді; әр ұяшық бірліктер сияқты модельмен бағаланды: "
              "желі аймағындағы үлесі, оның ортасынан жаяу жетуге болатын мектептер мен "
              "емханалар, автожолдар бойынша көлік шегі.",
        "en": "{cells} cells with residents or social facilities. The units' residents are "
              "spread over cells {spread}; each cell is scored by the same model as the units: "
              "its share of the network zones, schools and clinics within walking reach of its "
              "centre, and the transport gate by road.",
    },
    "report.cell_map": {
        "ru": "Готовность ячеек ({basis})", "kk": "Ұяшықтардың дайындығы ({basis})",
        "en": "Readiness per cell ({basis})",
    },
    "report.method": {"ru": "Метод", "kk": "Әдіс", "en": "Method"},
    "report.method_text": {
        "ru": "Для каждой единицы и сети: спрос = население × норматив; предложение — доля "
              "мощности зоны сети пропорционально спросу (при измеренной нагрузке спрос "
              "масштабируется к ней), для школ, детских садов и поликлиник — мощность в "
              "пределах нормативного времени пешком, разделённая между конкурирующим спросом "
              "(E2SFCA). Резерв = (предложение − спрос) ÷ норматив, в жителях. Единица может "
              "принять минимум резерва по сетям, к которым подключена, если открыт "
              "транспортный порог ({share:.0%} жителей в пределах {minutes:.0f} мин от центра). "
              "Единицы вне сети (автономное отопление, скважины, септики) не учитываются в "
              "минимуме этой сети. Резервы единиц одной зоны не складываются.",
        "kk": "Әр бірлік пен желі үшін: сұраныс = халық × норматив; ұсыныс — желі аймағы "
              "қуатының сұранысқа пропорционал үлесі (жүктеме өлшенсе, сұраныс соған "
              "келтіріледі), мектептер, балабақшалар мен емханалар үшін — нормативтік жаяу "
              "жүру уақыты ішіндегі қуат, бәсекелес сұраныс арасында бөлінеді (E2SFCA). "
              "Қор = (ұсыныс − сұраныс) ÷ норматив, тұрғынмен. Көлік шегі ашық болса "
              "(тұрғындардың {share:.0%} орталықтан {minutes:.0f} минут ішінде), бірлік "
              "қосылған желілер бойынша ең аз қорды қабылдай алады. Желіге қосылмаған "
              "бірліктер (дербес жылыту, ұңғымалар, септиктер) сол желінің минимумына "
              "кірмейді. Бір аймақ бірліктерінің қорлары қосылмайды.",
        "en": "For every unit and network: demand = population × norm; supply is the unit's "
              "share of its zone's capacity in proportion to demand (scaled to the measured "
              "load where there is one), and for schools, kindergartens and polyclinics the "
              "capacity within the norm's walking time, shared among competing demand "
              "(E2SFCA). Headroom = (supply − demand) ÷ norm, in residents. A unit can take "
              "the minimum headroom over the networks it is on, if its transport gate is "
              "open ({share:.0%} of residents within {minutes:.0f} min of the centre). Units "
              "off a network (own boilers, wells, septic tanks) are left out of that "
              "network's minimum. Headroom shared within a zone does not add up across units.",
    },
    "col.name": {"ru": "Единица", "kk": "Бірлік", "en": "Unit"},
    "col.region": {"ru": "Регион", "kk": "Өңір", "en": "Region"},
    "col.kind": {"ru": "Тип", "kk": "Түрі", "en": "Kind"},
    "col.units": {"ru": "Единиц", "kk": "Бірліктер саны", "en": "Units"},
    "col.units_ready": {"ru": "Готовы принять", "kk": "Қабылдауға дайын",
                        "en": "Ready to take more"},
    "col.main_bottleneck": {"ru": "Частое узкое место", "kk": "Жиі тар орын",
                            "en": "Most frequent bottleneck"},
    "col.pop_registered": {"ru": "Зарег. население", "kk": "Тіркелген халық",
                           "en": "Registered population"},
    "col.pop_actual": {"ru": "Факт. население", "kk": "Нақты халық", "en": "Actual population"},
    "col.readiness": {"ru": "Может принять ({basis})", "kk": "Қабылдай алады ({basis})",
                      "en": "Can take ({basis})"},
    "col.bottleneck": {"ru": "Узкое место ({basis})", "kk": "Тар орын ({basis})",
                       "en": "Bottleneck ({basis})"},
    "col.transport_share": {"ru": "Доля в пределах порога", "kk": "Шек ішіндегі үлес",
                            "en": "Share within the gate"},
    "col.index": {"ru": "Индекс (0–100)", "kk": "Индекс (0–100)", "en": "Index (0–100)"},
    "col.headroom": {"ru": "Резерв: {network}", "kk": "Қор: {network}",
                     "en": "Headroom: {network}"},
    "basis.short_registered": {"ru": "зарег.", "kk": "тірк.", "en": "registered"},
    "basis.short_actual": {"ru": "факт.", "kk": "нақты", "en": "actual"},
    "kind.city_district": {"ru": "район города", "kk": "қала ауданы", "en": "city district"},
    "kind.suburban_district": {"ru": "пригородный район", "kk": "қала маңы ауданы",
                               "en": "suburban district"},
    "kind.satellite_city": {"ru": "город-спутник", "kk": "серік қала", "en": "satellite city"},
    "kind.town": {"ru": "районный центр", "kk": "аудан орталығы", "en": "centre town"},
    "kind.hex": {"ru": "ячейка H3", "kk": "H3 ұяшығы", "en": "H3 cell"},

    # --- store (layers.store) ---
    "store.unknown_location": {
        "ru": "Непонятно, что за рабочее пространство «{store}»: укажите файл GeoPackage с "
              "расширением .gpkg или адрес PostgreSQL (postgresql://user@host:5432/database).",
        "kk": "«{store}» жұмыс кеңістігінің түрі түсініксіз: .gpkg кеңейтімді GeoPackage "
              "файлын немесе PostgreSQL мекенжайын (postgresql://user@host:5432/database) "
              "көрсетіңіз.",
        "en": "Cannot tell what kind of workspace '{store}' is: name a GeoPackage file ending "
              "in .gpkg or a PostgreSQL URL (postgresql://user@host:5432/database).",
    },
    "store.bad_name": {
        "ru": "«{name}» — недопустимое имя слоя: нужны строчные латинские буквы, цифры и "
              "подчёркивание, первой — буква, не длиннее 63 символов ({rule}).",
        "kk": "«{name}» — қабаттың жарамсыз атауы: кіші латын әріптері, цифрлар және астын "
              "сызу керек, бірінші таңба — әріп, ұзындығы 63 таңбадан аспайды ({rule}).",
        "en": "'{name}' is not a valid layer name: use lower-case Latin letters, digits and "
              "underscores, starting with a letter, at most 63 characters ({rule}).",
    },
    "store.reserved_name": {
        "ru": "Имя «{name}» зарезервировано для служебных таблиц рабочего пространства "
              "({reserved}). Выберите другое имя слоя.",
        "kk": "«{name}» атауы жұмыс кеңістігінің қызметтік кестелеріне арналған ({reserved}). "
              "Қабатқа басқа атау таңдаңыз.",
        "en": "The name '{name}' is reserved for the workspace's own tables ({reserved}). "
              "Choose another layer name.",
    },
    "store.not_a_frame": {
        "ru": "Слой «{layer}» должен быть GeoDataFrame или DataFrame, а не {type}.",
        "kk": "«{layer}» қабаты {type} емес, GeoDataFrame немесе DataFrame болуы керек.",
        "en": "Layer '{layer}' must be a GeoDataFrame or a DataFrame, not {type}.",
    },
    "store.extra_geometry": {
        "ru": "В слое «{layer}» несколько столбцов геометрии или ни один не активен ({columns}); "
              "слой хранит ровно один. Удалите лишние или преобразуйте их в текст WKT.",
        "kk": "«{layer}» қабатында бірнеше геометрия бағаны бар немесе бірде-біреуі белсенді "
              "емес ({columns}); қабат тек біреуін сақтайды. Артығын жойыңыз немесе WKT "
              "мәтініне айналдырыңыз.",
        "en": "Layer '{layer}' has several geometry columns or none active ({columns}); a layer "
              "holds exactly one. Drop the others or convert them to WKT text.",
    },
    "store.no_epsg": {
        "ru": "У слоя «{layer}» нет системы координат с кодом EPSG (найдено: {crs}). Задайте "
              "её или перепроецируйте слой (например, в EPSG:4326) перед записью.",
        "kk": "«{layer}» қабатында EPSG коды бар координаттар жүйесі жоқ (табылғаны: {crs}). "
              "Жазбас бұрын оны орнатыңыз немесе қабатты қайта проекциялаңыз (мысалы, "
              "EPSG:4326).",
        "en": "Layer '{layer}' has no coordinate reference system with an EPSG code (found: "
              "{crs}). Set it, or reproject the layer (for example to EPSG:4326), before "
              "writing it.",
    },
    "store.column_name_type": {
        "ru": "В слое «{layer}» есть столбец с нетекстовым или пустым именем: {column}. "
              "Назовите каждый столбец строкой.",
        "kk": "«{layer}» қабатында атауы мәтін емес немесе бос баған бар: {column}. Әр бағанды "
              "жолмен атаңыз.",
        "en": "Layer '{layer}' has a column whose name is not text or is empty: {column}. Name "
              "every column with a string.",
    },
    "store.fid_column": {
        "ru": "В слое «{layer}» есть столбец «{column}»: это имя занято идентификатором объекта "
              "в GeoPackage и PostGIS. Переименуйте столбец.",
        "kk": "«{layer}» қабатында «{column}» бағаны бар: бұл атау GeoPackage пен PostGIS-те "
              "нысан идентификаторына берілген. Бағанның атын өзгертіңіз.",
        "en": "Layer '{layer}' has a column '{column}': that name is the feature id of "
              "GeoPackage and PostGIS. Rename the column.",
    },
    "store.duplicate_column": {
        "ru": "В слое «{layer}» имя столбца «{column}» встречается дважды (без учёта "
              "регистра). Переименуйте один из столбцов.",
        "kk": "«{layer}» қабатында «{column}» баған атауы екі рет кездеседі (әріп өлшемі "
              "ескерілмейді). Бағандардың бірінің атын өзгертіңіз.",
        "en": "Layer '{layer}' has the column name '{column}' twice (case ignored). Rename one "
              "of the columns.",
    },
    "store.object_column": {
        "ru": "Столбец «{column}» слоя «{layer}» содержит значения, которые не являются "
              "числом, текстом или датой (например, {example}). Сначала преобразуйте их.",
        "kk": "«{layer}» қабатының «{column}» бағанында сан, мәтін немесе күн емес мәндер бар "
              "(мысалы, {example}). Алдымен оларды түрлендіріңіз.",
        "en": "Column '{column}' of layer '{layer}' holds values that are not numbers, text "
              "or dates (for example {example}). Convert them first.",
    },
    "store.provenance_extra": {
        "ru": "Происхождение указано для слоя «{layer}», которого нет среди записываемых "
              "слоёв ({layers}).",
        "kk": "Шығу тегі жазылатын қабаттар ({layers}) арасында жоқ «{layer}» қабаты үшін "
              "берілген.",
        "en": "Provenance was given for layer '{layer}', which is not among the layers being "
              "written ({layers}).",
    },
    "store.provenance_layer": {
        "ru": "Происхождение под ключом «{key}» должно быть объектом Provenance для слоя "
              "«{key}», а описывает «{layer}».",
        "kk": "«{key}» кілті бойынша шығу тегі «{key}» қабатына арналған Provenance нысаны "
              "болуы керек, ал ол «{layer}» сипаттайды.",
        "en": "The provenance under '{key}' must be a Provenance of layer '{key}'; it "
              "describes '{layer}'.",
    },
    "store.open_failed": {
        "ru": "Не удалось открыть рабочее пространство {store}: {reason}. Это файл GeoPackage "
              "(.gpkg)?",
        "kk": "{store} жұмыс кеңістігін ашу мүмкін болмады: {reason}. Бұл GeoPackage (.gpkg) "
              "файлы ма?",
        "en": "Could not open the workspace {store}: {reason}. Is it a GeoPackage (.gpkg) "
              "file?",
    },
    "store.read_failed": {
        "ru": "Не удалось прочитать «{layer}» из рабочего пространства {store}: {reason}.",
        "kk": "«{layer}» дегенді {store} жұмыс кеңістігінен оқу мүмкін болмады: {reason}.",
        "en": "Could not read '{layer}' from the workspace {store}: {reason}.",
    },
    "store.write_failed": {
        "ru": "Не удалось записать слой «{layer}» в рабочее пространство {store}: {reason}. "
              "Ничего не записано, рабочее пространство осталось прежним.",
        "kk": "«{layer}» қабатын {store} жұмыс кеңістігіне жазу мүмкін болмады: {reason}. "
              "Ештеңе жазылмады, жұмыс кеңістігі бұрынғы күйінде қалды.",
        "en": "Could not write layer '{layer}' to the workspace {store}: {reason}. Nothing "
              "was written; the workspace is as it was.",
    },
    "store.commit_failed": {
        "ru": "Не удалось завершить запись в рабочее пространство {store}: {reason}. Ничего "
              "не записано, рабочее пространство осталось прежним.",
        "kk": "{store} жұмыс кеңістігіне жазуды аяқтау мүмкін болмады: {reason}. Ештеңе "
              "жазылмады, жұмыс кеңістігі бұрынғы күйінде қалды.",
        "en": "Could not finish writing to the workspace {store}: {reason}. Nothing was "
              "written; the workspace is as it was.",
    },
    "store.in_use": {
        "ru": "Рабочее пространство {store} открыто на запись в другой программе (рядом лежит "
              "{file}, например, от QGIS). Закройте его там и повторите; ничего не записано.",
        "kk": "{store} жұмыс кеңістігі басқа бағдарламада жазу үшін ашық (қасында {file} "
              "тұр, мысалы, QGIS-тен). Оны сол жерде жауып, қайталаңыз; ештеңе жазылмады.",
        "en": "The workspace {store} is open for writing in another program ({file} lies "
              "beside it, for example from QGIS). Close it there and try again; nothing was "
              "written.",
    },
    "output.is_directory": {
        "ru": "{file} — папка, а не файл. Укажите имя файла, например {example}.",
        "kk": "{file} — файл емес, қалта. Файл атын беріңіз, мысалы {example}.",
        "en": "{file} is a folder, not a file. Give a file name, for example {example}.",
    },
    "output.write_failed": {
        "ru": "Не удалось записать {file}: {reason}. Прежний файл (если он был) не тронут; "
              "освободите место, проверьте права на папку или укажите другой путь.",
        "kk": "{file} жазу мүмкін болмады: {reason}. Бұрынғы файл (болса) өзгермеді; орын "
              "босатыңыз, қалтаға құқықты тексеріңіз немесе басқа жол беріңіз.",
        "en": "Could not write {file}: {reason}. The earlier file, if any, is untouched; free "
              "some space, check the folder's permissions or give another path.",
    },
    "store.locked": {
        "ru": "Рабочее пространство {store} занято: другая команда qonys пишет в него уже "
              "{seconds} с. Дождитесь её окончания и повторите (QONYS_LOCK_TIMEOUT задаёт, "
              "сколько ждать); ничего не записано.",
        "kk": "{store} жұмыс кеңістігі бос емес: басқа qonys командасы оған {seconds} с бойы "
              "жазып жатыр. Оның аяқталуын күтіп, қайталаңыз (QONYS_LOCK_TIMEOUT қанша күту "
              "керегін береді); ештеңе жазылмады.",
        "en": "The workspace {store} is busy: another qonys command has been writing to it for "
              "{seconds} s. Wait for it to finish and try again (QONYS_LOCK_TIMEOUT sets how "
              "long to wait); nothing was written.",
    },
    "store.waiting": {
        "ru": "Другая команда qonys пишет в {store}: жду её окончания, затем запишу свои слои "
              "поверх её результата.",
        "kk": "Басқа qonys командасы {store} ішіне жазып жатыр: оның аяқталуын күтемін, содан "
              "кейін өз қабаттарымды оның нәтижесінің үстіне жазамын.",
        "en": "Another qonys command is writing to {store}: waiting for it to finish, then "
              "writing these layers on top of its result.",
    },
    "store.lock_timeout_invalid": {
        "ru": "QONYS_LOCK_TIMEOUT={value} — не число секунд. Укажите, например, "
              "QONYS_LOCK_TIMEOUT=600.",
        "kk": "QONYS_LOCK_TIMEOUT={value} — секунд саны емес. Мысалы, QONYS_LOCK_TIMEOUT=600 "
              "деп беріңіз.",
        "en": "QONYS_LOCK_TIMEOUT={value} is not a number of seconds. Give, for example, "
              "QONYS_LOCK_TIMEOUT=600.",
    },
    "store.connect_failed": {
        "ru": "Не удалось подключиться к рабочему пространству PostgreSQL {store}: {reason}. "
              "Проверьте хост, порт, базу данных, пользователя и пароль и что сервер запущен.",
        "kk": "PostgreSQL {store} жұмыс кеңістігіне қосылу мүмкін болмады: {reason}. Хостты, "
              "портты, дерекқорды, пайдаланушы мен құпиясөзді және сервердің жұмыс істеп "
              "тұрғанын тексеріңіз.",
        "en": "Could not connect to the PostgreSQL workspace {store}: {reason}. Check the "
              "host, port, database, user and password, and that the server is running.",
    },
    "store.no_postgis": {
        "ru": "В базе данных {store} нет расширения PostGIS. Попросите администратора "
              "выполнить: CREATE EXTENSION postgis;",
        "kk": "{store} дерекқорында PostGIS кеңейтімі жоқ. Әкімшіден мынаны орындауды "
              "сұраңыз: CREATE EXTENSION postgis;",
        "en": "The database {store} has no PostGIS extension. Ask its administrator to run: "
              "CREATE EXTENSION postgis;",
    },
    "store.bad_schema": {
        "ru": "«{schema}» — недопустимое имя схемы в {store}: нужно {rule}.",
        "kk": "«{schema}» — {store} ішіндегі схеманың жарамсыз атауы: {rule} болуы керек.",
        "en": "'{schema}' is not a valid schema name in {store}: it must match {rule}.",
    },
    "store.closed": {
        "ru": "Рабочее пространство {store} закрыто; откройте его снова (open_store).",
        "kk": "{store} жұмыс кеңістігі жабық; оны қайта ашыңыз (open_store).",
        "en": "The workspace {store} is closed; open it again (open_store).",
    },

    # --- maps and report (maps) ---
    "maps.no_data": {"ru": "нет данных", "kk": "деректер жоқ", "en": "no data"},
    "maps.other": {"ru": "прочее", "kk": "басқа", "en": "other"},
    "maps.range": {"ru": "от {lo} до {hi}", "kk": "{lo} – {hi} аралығы", "en": "{lo} to {hi}"},
    "maps.up_to": {"ru": "{hi} и менее", "kk": "{hi} және одан кем", "en": "{hi} or less"},
    "maps.layers": {"ru": "Слои", "kk": "Қабаттар", "en": "Layers"},
    "maps.legend": {"ru": "Условные обозначения", "kk": "Шартты белгілер", "en": "Legend"},
    "maps.sources": {"ru": "Источники", "kk": "Дереккөздер", "en": "Sources"},
    "maps.table_empty": {"ru": "Нет строк.", "kk": "Жолдар жоқ.", "en": "No rows."},
    "maps.generated": {"ru": "Отчёт сформирован qonys {date}.",
                       "kk": "Есепті qonys {date} құрастырды.",
                       "en": "Report made by qonys on {date}."},
    "maps.schematic_notice": {
        "ru": "Схематичная геометрия: контуры городов, дороги, объекты и зоны сетей "
              "сгенерированы; границы районов реальные (geokz)",
        "kk": "Сұлба геометрия: қала контурлары, жолдар, нысандар мен желі аймақтары "
              "жасалған; аудан шекаралары нақты (geokz)",
        "en": "Schematic geometry: town outlines, roads, facilities and utility zones are "
              "generated; district boundaries are real (geokz)",
    },
    "maps.err.leaflet_missing": {
        "ru": "Для HTML-карт нужен пакет django-js-lib-leaflet (Leaflet 1.9.4), он не "
              "установлен. Установите его: pip install django-js-lib-leaflet==1.9.4.1",
        "kk": "HTML карталары үшін django-js-lib-leaflet (Leaflet 1.9.4) пакеті қажет, ол "
              "орнатылмаған. Орнатыңыз: pip install django-js-lib-leaflet==1.9.4.1",
        "en": "HTML maps need the package django-js-lib-leaflet (Leaflet 1.9.4), which is not "
              "installed. Install it with: pip install django-js-lib-leaflet==1.9.4.1",
    },
    "maps.err.no_crs": {
        "ru": "У слоя «{layer}» не задана система координат (CRS): карту нельзя построить. "
              "Задайте её при загрузке.",
        "kk": "«{layer}» қабатының координаттар жүйесі (CRS) берілмеген: картаны салу мүмкін "
              "емес. Оны жүктеу кезінде көрсетіңіз.",
        "en": "The layer '{layer}' has no coordinate reference system (CRS), so it cannot be "
              "mapped. Set one when loading it.",
    },
}
# fmt: on

# Texts of the loaders, one table per task, merged here so that every text stays in one table
# that the completeness test checks. Each module holds a plain dict of the same shape.
from geo import texts_actual as _actual  # noqa: E402
from geo import texts_charts as _charts  # noqa: E402
from geo import texts_check as _check  # noqa: E402
from geo import texts_cli as _cli  # noqa: E402
from geo import texts_compare as _compare  # noqa: E402
from geo import texts_context as _context  # noqa: E402
from geo import texts_crs as _crs  # noqa: E402
from geo import texts_damage as _damage  # noqa: E402
from geo import texts_flows as _flows  # noqa: E402
from geo import texts_folds as _folds  # noqa: E402
from geo import texts_forecast as _forecast  # noqa: E402
from geo import texts_grid as _grid  # noqa: E402
from geo import texts_hostile as _hostile  # noqa: E402
from geo import texts_join as _join  # noqa: E402
from geo import texts_load as _load  # noqa: E402
from geo import texts_mapfix as _mapfix  # noqa: E402
from geo import texts_network as _network  # noqa: E402
from geo import texts_osm as _osm  # noqa: E402
from geo import texts_pdf as _pdf  # noqa: E402
from geo import texts_phasing as _phasing  # noqa: E402
from geo import texts_print as _print  # noqa: E402
from geo import texts_propose as _propose  # noqa: E402
from geo import texts_provision as _provision  # noqa: E402
from geo import texts_raster as _raster  # noqa: E402
from geo import texts_report as _report  # noqa: E402
from geo import texts_report_estimates as _report_estimates  # noqa: E402
from geo import texts_report_flows as _report_flows  # noqa: E402
from geo import texts_report_plan as _report_plan  # noqa: E402
from geo import texts_scenario as _scenario  # noqa: E402
from geo import texts_siting as _siting  # noqa: E402
from geo import texts_sources as _sources  # noqa: E402
from geo import texts_static as _static  # noqa: E402
from geo import texts_styles as _styles  # noqa: E402
from geo import texts_summary as _summary  # noqa: E402
from geo import texts_tables as _tables  # noqa: E402
from geo import texts_utilities as _utilities  # noqa: E402

for _module in (_actual, _charts, _check, _cli, _compare, _context, _crs, _damage, _flows, _folds,
                _forecast, _grid, _hostile, _join, _load, _mapfix, _network, _osm, _pdf,
                _phasing, _print, _propose, _provision, _raster, _report, _report_estimates,
                _report_flows, _report_plan, _scenario, _siting, _sources, _static, _styles,
                _summary, _tables, _utilities):
    _clash = TEXTS.keys() & _module.TEXTS.keys()
    if _clash:  # a programming error: two tables define the same key
        raise RuntimeError(f"{_module.__name__} redefines {sorted(_clash)}")
    TEXTS.update(_module.TEXTS)


def set_language(lang: str) -> None:
    """Set the language of every later :func:`tr` call without an explicit ``lang``.

    Parameters
    ----------
    lang
        One of :data:`LANGUAGES`.
    """
    global _current
    _current = check_language(lang)


def current_language() -> str:
    """The language :func:`tr` uses by default."""
    return _current


def check_language(lang: str) -> str:
    """Return ``lang`` if qonys speaks it, else raise ``ValueError`` naming the choices."""
    if lang not in LANGUAGES:
        msg = f"Unknown language {lang!r}: use one of {', '.join(LANGUAGES)}."
        raise ValueError(msg)
    return lang


def tr(key: str, /, lang: str | None = None, **values: object) -> str:
    """The text of ``key`` in ``lang`` (default: the current language), formatted with values.

    Parameters
    ----------
    key
        A key of :data:`TEXTS`.
    lang
        ``ru``, ``kk`` or ``en``; ``None`` for the current language.
    **values
        Values for the template's ``{placeholders}``.

    Returns
    -------
    str
        The formatted text.

    Raises
    ------
    KeyError
        If the key is not in the table: a programming error, never a user's.
    """
    lang = check_language(lang or _current)
    template = TEXTS[key][lang]
    if isinstance(template, Mapping):
        template = template[plural_form(values["count"], lang=lang)]
    return _formatter(lang).vformat(template, (), values) if values else template


def plural_form(count: object, *, lang: str) -> str:
    """The CLDR plural category of ``count`` in ``lang`` (Babel's rules).

    Examples
    --------
    >>> [plural_form(n, lang="ru") for n in (1, 3, 5, 21)]
    ['one', 'few', 'many', 'one']
    """
    return _locale(lang).plural_form(abs(count))  # type: ignore[arg-type]


@cache
def _locale(lang: str):  # -> babel.Locale
    from babel import Locale

    return Locale.parse(lang)


class _LocalNumbers(string.Formatter):
    """``str.format`` that writes formatted numbers in the language's convention."""

    def __init__(self, separators: dict[int, str] | None) -> None:
        super().__init__()
        self.separators = separators

    def format_field(self, value: object, format_spec: str) -> str:
        text = format(value, format_spec)
        if (self.separators and format_spec and isinstance(value, numbers.Real)
                and not isinstance(value, bool)):
            return text.translate(self.separators)
        return text


# Russian and Kazakh write 1 234,5: a non-breaking space between thousands, a decimal comma.
_COMMA_DECIMAL = str.maketrans({",": "\u00a0", ".": ","})
_FORMATTERS = {lang: _LocalNumbers(_COMMA_DECIMAL if lang in ("ru", "kk") else None)
               for lang in LANGUAGES}


def _formatter(lang: str) -> _LocalNumbers:
    return _FORMATTERS[lang]
