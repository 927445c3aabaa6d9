"""ru/kk/en texts of the report's flows section. Merged into :data:`geo.i18n.TEXTS`."""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    # --- registered and actual population (planning.report.flows.add_gap_section) ---
    "report.gap.heading": {
        "ru": "Зарегистрированное и фактическое население",
        "kk": "Тіркелген және нақты халық",
        "en": "Registered and actual population",
    },
    "report.gap.text": {
        "ru": "Разрыв — это фактическое население единицы минус зарегистрированное: жители, "
              "которые живут здесь и пользуются школами, поликлиниками и сетями единицы, но "
              "зарегистрированы в другом месте (разрыв больше нуля, красный цвет: нагрузка "
              "выше, чем по регистрам), или наоборот, зарегистрированы здесь, а живут в "
              "другом месте (меньше нуля, синий цвет).",
        "kk": "Айырма — бірліктің нақты халқынан тіркелген халқын алғандағы айырма: осында "
              "тұратын және бірліктің мектептерін, емханаларын және желілерін пайдаланатын, "
              "бірақ басқа жерде тіркелген тұрғындар (айырма нөлден үлкен, қызыл түс: жүктеме "
              "тізілімдердегіден жоғары), немесе керісінше, осында тіркелген, бірақ басқа "
              "жерде тұратындар (нөлден кіші, көк түс).",
        "en": "The gap is a unit's actual population minus its registered one: residents who "
              "live in the unit and use its schools, clinics and networks but are registered "
              "elsewhere (a gap above zero, red: more load than the registers say), or the "
              "reverse, residents registered here who live elsewhere (below zero, blue).",
    },
    "report.gap.none": {
        "ru": "В рабочем пространстве нет слоя population_gap: сначала оцените фактическое "
              "население командой `qonys actual`.",
        "kk": "Жұмыс кеңістігінде population_gap қабаты жоқ: алдымен нақты халықты "
              "`qonys actual` пәрменімен бағалаңыз.",
        "en": "The workspace has no population_gap layer: estimate the actual population "
              "with `qonys actual` first.",
    },
    "report.gap.map_title": {
        "ru": "{region}: разрыв между фактическим и зарегистрированным населением",
        "kk": "{region}: нақты және тіркелген халық арасындағы айырма",
        "en": "{region}: gap between actual and registered population",
    },
    "report.gap.layer_persons": {"ru": "Разрыв, человек", "kk": "Айырма, адам",
                                 "en": "Gap, persons"},
    "report.gap.layer_share": {
        "ru": "Разрыв, % зарегистрированного населения",
        "kk": "Айырма, тіркелген халықтың %-ы",
        "en": "Gap, % of the registered population",
    },
    "report.gap.legend_persons": {
        "ru": "Фактическое минус зарегистрированное, человек",
        "kk": "Нақты минус тіркелген, адам",
        "en": "Actual minus registered, persons",
    },
    "report.gap.legend_share": {
        "ru": "Фактическое минус зарегистрированное, % зарегистрированного",
        "kk": "Нақты минус тіркелген, тіркелгеннің %-ы",
        "en": "Actual minus registered, % of registered",
    },
    "report.gap.col_name": {"ru": "Единица", "kk": "Бірлік", "en": "Unit"},
    "report.gap.col_region": {"ru": "Регион", "kk": "Өңір", "en": "Region"},
    "report.gap.col_registered": {"ru": "Зарегистрировано", "kk": "Тіркелген",
                                  "en": "Registered"},
    "report.gap.col_actual": {"ru": "Фактически", "kk": "Нақты", "en": "Actual"},
    "report.gap.col_gap": {"ru": "Разрыв", "kk": "Айырма", "en": "Gap"},
    "report.gap.col_share": {"ru": "Разрыв, %", "kk": "Айырма, %", "en": "Gap, %"},
    "report.gap.table_caption": {
        "ru": "Единицы по величине разрыва (сначала наибольшие, с любым знаком)",
        "kk": "Бірліктер айырма шамасы бойынша (алдымен ең үлкендері, таңбасына қарамастан)",
        "en": "Units by the size of the gap (largest first, whatever its sign)",
    },

    # --- migration flows (planning.report.flows.add_flows_section) ---
    "report.flows.heading": {"ru": "Миграционные потоки", "kk": "Көші-қон ағындары",
                             "en": "Migration flows"},
    "report.flows.none": {
        "ru": "В рабочем пространстве нет миграционных потоков. Загрузите таблицу "
              "«откуда–куда» командой `qonys load ФАЙЛ.csv --kind flows` (или записи о "
              "регистрации с `--kind registrations`) и выполните `qonys flows`.",
        "kk": "Жұмыс кеңістігінде көші-қон ағындары жоқ. «Қайдан–қайда» кестесін "
              "`qonys load ФАЙЛ.csv --kind flows` пәрменімен (немесе тіркеу жазбаларын "
              "`--kind registrations` арқылы) жүктеп, `qonys flows` орындаңыз.",
        "en": "The workspace has no migration flows. Load an origin–destination table with "
              "`qonys load FILE.csv --kind flows` (or registration records with "
              "`--kind registrations`) and run `qonys flows`.",
    },
    "report.flows.none_year": {
        "ru": "За {year} год потоков нет; данные о потоках есть за {years}.",
        "kk": "{year} жылы ағындар жоқ; ағындар туралы деректер {years} бойынша бар.",
        "en": "There are no flows in {year}; the flows cover {years}.",
    },
    "report.flows.total": {
        "ru": "В {year} году в единицы рабочего пространства, из них и между ними переехали "
              "{persons} чел. (пар «откуда–куда»: {flows}).",
        "kk": "{year} жылы жұмыс кеңістігінің бірліктеріне, олардан және олардың арасында "
              "{persons} адам көшті («қайдан–қайда» жұптары: {flows}).",
        "en": "In {year}, {persons} persons moved into, out of or between the workspace's "
              "units (origin–destination pairs: {flows}).",
    },
    "report.flows.shown": {
        "ru": "Карта показывает не более {top} крупнейших потоков в каждом направлении; чем "
              "больше людей, тем толще линия, а линии изгибаются вправо от направления "
              "движения, чтобы встречные потоки шли рядом.",
        "kk": "Картада әр бағыт бойынша ең ірі {top} ағыннан артық көрсетілмейді; адам көп "
              "болған сайын сызық жуандай түседі, ал қарсы ағындар қатар жатуы үшін сызықтар "
              "қозғалыс бағытының оң жағына қарай иіледі.",
        "en": "The map shows at most the {top} largest flows in each direction; a line is "
              "thicker for more persons and bends to the right of its direction, so that "
              "opposite flows lie side by side.",
    },
    "report.flows.unknown": {
        "ru": "Потоки {year} года, в которых указано место, неизвестное qonys ({codes}), не "
              "учтены (пар: {flows}; {persons} чел.): исправьте код или добавьте место в "
              "data/reference/places.csv.",
        "kk": "{year} жылғы qonys білмейтін орын ({codes}) көрсетілген ағындар есепке "
              "алынбады (жұптар: {flows}; {persons} адам): кодты түзетіңіз немесе орынды "
              "data/reference/places.csv файлына қосыңыз.",
        "en": "Flows of {year} that name a place qonys does not know ({codes}) are left out "
              "(pairs: {flows}; {persons} persons): correct the code or add the place to "
              "data/reference/places.csv.",
    },
    "report.flows.map_title": {"ru": "Крупнейшие потоки, {year} год",
                               "kk": "Ең ірі ағындар, {year} жыл",
                               "en": "Largest flows, {year}"},
    "report.flows.arrivals": {
        "ru": "Прибытие: в единицы рабочего пространства",
        "kk": "Келу: жұмыс кеңістігінің бірліктеріне",
        "en": "Arrivals: into the workspace's units",
    },
    "report.flows.departures": {
        "ru": "Выбытие: из единиц рабочего пространства",
        "kk": "Кету: жұмыс кеңістігінің бірліктерінен",
        "en": "Departures: out of the workspace's units",
    },
    "report.flows.legend": {"ru": "Человек за год", "kk": "Жылына адам",
                            "en": "Persons per year"},
    "report.flows.col_origin": {"ru": "Откуда", "kk": "Қайдан", "en": "From"},
    "report.flows.col_dest": {"ru": "Куда", "kk": "Қайда", "en": "To"},
    "report.flows.col_persons": {"ru": "Человек", "kk": "Адам", "en": "Persons"},
    "report.flows.top_caption": {
        "ru": "Крупнейшие потоки {year} года (до {top})",
        "kk": "{year} жылғы ең ірі ағындар ({top} дейін)",
        "en": "The largest flows of {year} (up to {top})",
    },
    "report.flows.net_heading": {"ru": "Сальдо миграции, {year} год",
                                 "kk": "Көші-қон сальдосы, {year} жыл",
                                 "en": "Net migration, {year}"},
    "report.flows.net_text": {
        "ru": "Сальдо — прибывшие минус выбывшие за год по каждой единице, внутренние и "
              "внешние потоки вместе; красный цвет: прибыло больше, чем выбыло (нагрузка "
              "растёт), синий: наоборот.",
        "kk": "Сальдо — әр бірлік бойынша жыл ішінде келгендерден кеткендерді алғандағы "
              "айырма, ішкі және сыртқы ағындар бірге; қызыл түс: келгендер кеткендерден көп "
              "(жүктеме өседі), көк: керісінше.",
        "en": "Net migration is each unit's arrivals minus departures in the year, internal "
              "and external flows together; red: more arrivals than departures (the load "
              "grows), blue: the reverse.",
    },
    "report.flows.net_none": {
        "ru": "Сальдо миграции по единицам не рассчитано: выполните `qonys flows`.",
        "kk": "Бірліктер бойынша көші-қон сальдосы есептелмеген: `qonys flows` орындаңыз.",
        "en": "Net migration per unit has not been computed: run `qonys flows`.",
    },
    "report.flows.net_missing": {
        "ru": "В таблице net_migration нет данных за {year} год: выполните `qonys flows` "
              "повторно после загрузки потоков.",
        "kk": "net_migration кестесінде {year} жылғы деректер жоқ: ағындарды жүктегеннен "
              "кейін `qonys flows` пәрменін қайта орындаңыз.",
        "en": "The net_migration table has no figures for {year}: run `qonys flows` again "
              "after loading the flows.",
    },
    "report.flows.net_map_title": {"ru": "{region}: сальдо миграции, {year} год",
                                   "kk": "{region}: көші-қон сальдосы, {year} жыл",
                                   "en": "{region}: net migration, {year}"},
    "report.flows.net_layer": {"ru": "Сальдо миграции, человек",
                               "kk": "Көші-қон сальдосы, адам",
                               "en": "Net migration, persons"},
    "report.flows.col_unit": {"ru": "Единица", "kk": "Бірлік", "en": "Unit"},
    "report.flows.col_inflow": {"ru": "Прибыло", "kk": "Келгендер", "en": "Arrivals"},
    "report.flows.col_outflow": {"ru": "Выбыло", "kk": "Кеткендер", "en": "Departures"},
    "report.flows.col_net": {"ru": "Сальдо", "kk": "Сальдо", "en": "Net"},
}
# fmt: on
