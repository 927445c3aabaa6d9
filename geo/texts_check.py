"""ru/kk/en texts of what is assessed, estimated and not assessed (``qonys check``,
:mod:`planning.provision.coverage`) and of the population checks of the readiness model.

Merged into :data:`geo.i18n.TEXTS`.
"""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    # --- planning.provision.coverage: states and the one line a command prints ---
    "cover.state_assessed": {"ru": "оценивается", "kk": "бағаланады", "en": "assessed"},
    "cover.state_estimated": {"ru": "оценка приближённая", "kk": "шамамен бағаланады",
                              "en": "estimated"},
    "cover.state_not_assessed": {"ru": "не оценивается", "kk": "бағаланбайды",
                                 "en": "not assessed"},
    "cover.with_command": {"ru": "{text}. Данные даёт: {command}",
                           "kk": "{text}. Деректерді береді: {command}",
                           "en": "{text}. Supplied by: {command}"},
    "cover.notice_not_assessed": {
        "ru": "Не оценивается — {topic}{where}: {text}.",
        "kk": "Бағаланбайды — {topic}{where}: {text}.",
        "en": "Not assessed — {topic}{where}: {text}.",
    },
    "cover.notice_estimated": {
        "ru": "Оценка приближённая — {topic}{where}: {text}.",
        "kk": "Шамамен бағаланады — {topic}{where}: {text}.",
        "en": "Estimated — {topic}{where}: {text}.",
    },
    "cover.topic_pop_actual": {"ru": "фактическое население", "kk": "нақты халық",
                               "en": "actual population"},
    "cover.topic_spread": {"ru": "размещение жителей", "kk": "тұрғындардың орналасуы",
                           "en": "residents' spread"},
    "cover.topic_migration": {"ru": "миграция в прогнозе", "kk": "болжамдағы көші-қон",
                              "en": "migration in the forecast"},
    "cover.topic_housing": {"ru": "жильё в прогнозе", "kk": "болжамдағы тұрғын үй",
                            "en": "housing in the forecast"},
    "cover.topic_sites": {"ru": "площадки для новых объектов", "kk": "жаңа нысандар алаңдары",
                          "en": "sites for new facilities"},

    # --- reasons ---
    "cover.no_layer": {
        "ru": "в рабочем пространстве нет слоя {layer}; сеть исключена из минимума, не ноль",
        "kk": "жұмыс кеңістігінде {layer} қабаты жоқ; желі минимумнан шығарылады, нөл емес",
        "en": "the workspace has no layer {layer}; the network is left out of the minimum, "
              "not counted as zero",
    },
    "cover.no_zone": {
        "ru": "в utility_zones нет ни одной зоны сети {network}; сеть исключена из минимума",
        "kk": "utility_zones ішінде {network} желісінің бірде-бір аймағы жоқ; желі минимумнан "
              "шығарылады",
        "en": "utility_zones has no zone of the network {network}; it is left out of the "
              "minimum",
    },
    "cover.no_zone_here": {
        "ru": "ни одна из {zones} зон сети не касается единиц этого региона",
        "kk": "желінің {zones} аймағының ешқайсысы бұл өңірдің бірліктеріне тимейді",
        "en": "none of the network's {zones} zones touches this region's units",
    },
    "cover.no_source": {
        "ru": "у зон {zones} нет источника этой сети в zone_sources и utility_sources: "
              "мощность неизвестна",
        "kk": "{zones} аймақтарының zone_sources пен utility_sources ішінде осы желінің көзі "
              "жоқ: қуаты белгісіз",
        "en": "the zones {zones} have no source of this network in zone_sources and "
              "utility_sources: their capacity is unknown",
    },
    "cover.zones": {"ru": "зон: {zones}, источников: {sources}",
                    "kk": "аймақтар: {zones}, көздер: {sources}",
                    "en": "{zones} zone(s), {sources} source(s)"},
    "cover.no_facilities": {
        "ru": "в рабочем пространстве нет слоя facilities; сеть исключена из минимума, не ноль",
        "kk": "жұмыс кеңістігінде facilities қабаты жоқ; желі минимумнан шығарылады, нөл емес",
        "en": "the workspace has no layer facilities; the network is left out of the minimum, "
              "not counted as zero",
    },
    "cover.no_kind": {
        "ru": "в слое facilities нет объектов вида {kind} в пределах региона; сеть исключена "
              "из минимума, не ноль",
        "kk": "facilities қабатында өңір шегінде {kind} түріндегі нысан жоқ; желі минимумнан "
              "шығарылады, нөл емес",
        "en": "the layer facilities has no facility of kind {kind} within the region's reach; "
              "the network is left out of the minimum, not counted as zero",
    },
    "cover.no_capacity": {
        "ru": "у {missing} из {count} объектов вида {kind} не указана мощность (capacity): они "
              "считаются по типовому размеру из норм",
        "kk": "{kind} түріндегі {count} нысанның {missing} нысанында қуаты (capacity) "
              "көрсетілмеген: олар нормалардағы үлгілік өлшеммен есептеледі",
        "en": "{missing} of {count} facilities of kind {kind} have no capacity: they count at "
              "the norm's standard size",
    },
    "cover.facilities": {"ru": "объектов вида {kind}: {count}",
                         "kk": "{kind} түріндегі нысандар: {count}",
                         "en": "{count} facilities of kind {kind}"},
    "cover.centre_mean": {
        "ru": "нет населённого пункта с place=city: центром считается средневзвешенная точка "
              "жителей",
        "kk": "place=city елді мекені жоқ: орталық ретінде тұрғындардың орташа өлшенген нүктесі "
              "алынады",
        "en": "no settlement with place=city: the centre is taken as the residents' weighted "
              "mean",
    },
    "cover.centre_only": {
        "ru": "по дорогам до центра города; центров занятости нет (job_centres), считается "
              "только центр",
        "kk": "жолдар бойынша қала орталығына дейін; жұмыс орталықтары (job_centres) жоқ, тек "
              "орталық есептеледі",
        "en": "on the roads to the city centre; no job_centres, so only the centre counts",
    },
    "cover.gate": {"ru": "по дорогам до центра и {jobs} центров занятости",
                   "kk": "жолдар бойынша орталыққа және {jobs} жұмыс орталығына дейін",
                   "en": "on the roads to the centre and {jobs} job centre(s)"},
    "cover.actual": {"ru": "pop_actual загружено", "kk": "pop_actual жүктелген",
                     "en": "pop_actual loaded"},
    "cover.actual_is_registered": {
        "ru": "у {missing} из {units} единиц нет pop_actual: принято равным "
              "зарегистрированному",
        "kk": "{units} бірліктің {missing} бірлігінде pop_actual жоқ: тіркелгенге тең деп "
              "алынды",
        "en": "{missing} of {units} units have no pop_actual: taken as the registered",
    },
    "cover.no_grid": {
        "ru": "нет population_grid: жители распределены без сетки населения (как — сказано "
              "отдельно)",
        "kk": "population_grid жоқ: тұрғындар халық торынсыз бөлінді (қалай екені бөлек "
              "айтылған)",
        "en": "no population_grid: residents are spread without a population grid (how is said "
              "separately)",
    },
    "cover.grid": {"ru": "по population_grid", "kk": "population_grid бойынша",
                   "en": "by the population_grid"},
    "cover.grid_located": {
        "ru": "по population_grid; точки без unit_id отнесены к единицам, в которых лежат",
        "kk": "population_grid бойынша; unit_id жоқ нүктелер өздері жатқан бірліктерге "
              "жатқызылды",
        "en": "by the population_grid; points without unit_id are assigned to the unit they "
              "lie in",
    },
    "cover.flows": {"ru": "потоков: {rows}", "kk": "ағындар: {rows}", "en": "{rows} flows"},
    "cover.no_flows": {
        "ru": "нет потоков (flows) в единицы региона или из них: прогноз без миграции",
        "kk": "өңір бірліктеріне немесе олардан ағындар (flows) жоқ: болжам көші-қонсыз",
        "en": "no flows (layer flows) to or from the region's units: the forecast has no "
              "migration",
    },
    "cover.housing": {"ru": "строк жилья: {rows}", "kk": "тұрғын үй жолдары: {rows}",
                      "en": "{rows} housing rows"},
    "cover.no_housing": {
        "ru": "нет жилья (housing) в единицах региона: прибытие не ограничено жильём",
        "kk": "өңір бірліктерінде тұрғын үй (housing) жоқ: келу тұрғын үймен шектелмейді",
        "en": "no housing (layer housing) in the region's units: arrivals are not limited "
              "by homes",
    },
    "cover.sites": {"ru": "площадок: {rows}", "kk": "алаңдар: {rows}", "en": "{rows} sites"},
    "cover.no_sites": {
        "ru": "нет площадок (candidate_sites) в регионе: qonys propose не размещает "
              "новые объекты",
        "kk": "өңірде алаңдар (candidate_sites) жоқ: qonys propose жаңа нысандарды "
              "орналастырмайды",
        "en": "no candidate sites (layer candidate_sites) in the region: qonys propose "
              "sites no new facilities",
    },

    # --- qonys check ---
    "check.header": {"ru": "Что qonys оценит по данным рабочего пространства {store}:",
                     "kk": "qonys {store} жұмыс кеңістігінің деректері бойынша не бағалайды:",
                     "en": "What qonys will assess with what the workspace {store} holds:"},
    "check.region": {
        "ru": "Регион {region}: единиц {units}, зарегистрированных жителей {residents}",
        "kk": "{region} өңірі: бірліктер {units}, тіркелген тұрғындар {residents}",
        "en": "Region {region}: {units} units, {residents} registered residents",
    },
    "check.no_roads": {
        "ru": "нет слоя roads: без дорог не считаются ни пешая доступность объектов, ни "
              "транспортный порог, и qonys readiness не запустится. Загрузите: {command}",
        "kk": "roads қабаты жоқ: жолдарсыз нысандардың жаяу қолжетімділігі де, көлік шегі де "
              "есептелмейді, qonys readiness іске қосылмайды. Жүктеңіз: {command}",
        "en": "no layer roads: without roads neither the walk to facilities nor the transport "
              "gate can be computed, and qonys readiness will not run. Load them: {command}",
    },
    "check.summary": {
        "ru": "Итого: оценивается {assessed}, приближённо {estimated}, не оценивается "
              "{not_assessed}.",
        "kk": "Барлығы: бағаланады {assessed}, шамамен {estimated}, бағаланбайды "
              "{not_assessed}.",
        "en": "In all: {assessed} assessed, {estimated} estimated, {not_assessed} not "
              "assessed.",
    },

    # --- planning.provision.assess: population ---
    "assess.no_population": {
        "ru": "В слое units нет численности населения: столбец pop_registered {problem}. "
              "Присоедините её из таблицы статистики: qonys join TABLE --to units --on kato "
              "(или --on name) --columns total --map total=pop_registered.",
        "kk": "units қабатында халық саны жоқ: pop_registered бағаны {problem}. Оны "
              "статистика кестесінен қосыңыз: qonys join TABLE --to units --on kato (немесе "
              "--on name) --columns total --map total=pop_registered.",
        "en": "The layer units has no population: the column pop_registered {problem}. Join "
              "it from a statistics table: qonys join TABLE --to units --on kato (or --on "
              "name) --columns total --map total=pop_registered.",
    },
    "assess.pop_column_missing": {"ru": "отсутствует", "kk": "жоқ", "en": "is missing"},
    "assess.pop_column_empty": {
        "ru": "пуст у единиц {units}", "kk": "{units} бірліктерінде бос",
        "en": "is empty for the units {units}",
    },
    "assess.grid_located": {
        "ru": "У {count} точек population_grid нет unit_id (или он не называет ни одной "
              "единицы): они отнесены к единицам, в которых лежат; {outside} точек вне всех "
              "единиц не учтены.",
        "kk": "population_grid ішіндегі {count} нүктеде unit_id жоқ (немесе ол ешбір бірлікті "
              "атамайды): олар өздері жатқан бірліктерге жатқызылды; барлық бірліктен тыс "
              "{outside} нүкте есепке алынбады.",
        "en": "{count} points of population_grid have no unit_id (or one that names no unit): "
              "each is assigned to the unit it lies in; {outside} points outside every unit are "
              "left out.",
    },
    "network.not_assessed": {"ru": "не оценено (нет данных)", "kk": "бағаланбады (дерек жоқ)",
                             "en": "not assessed (no data)"},
    "network.no_facility": {
        "ru": "нет объекта в пешей доступности",
        "kk": "жаяу қолжетімділікте нысан жоқ",
        "en": "no facility within a walk",
    },
}
# fmt: on

TEXTS.update({
    # --- the report (planning.report.readiness) ---
    "cover.report_not_assessed": {
        "ru": "{network}: не оценивается — {text}.",
        "kk": "{network}: бағаланбайды — {text}.",
        "en": "{network}: not assessed — {text}.",
    },
    "cover.report_no_unit": {
        "ru": "{network}: ни одна единица региона не подключена к сети (вне всех зон): карты "
              "нет, в минимум сеть не входит.",
        "kk": "{network}: өңірдің бірде-бір бірлігі желіге қосылмаған (барлық аймақтан тыс): "
              "карта жоқ, желі минимумға кірмейді.",
        "en": "{network}: no unit of the region is on this network (outside every zone): no "
              "map, and it is not in the minimum.",
    },
    "cover.report_no_headroom": {
        "ru": "Запаса сетей по годам нет: ни одна сеть не оценивается (см. выше, какие данные "
              "нужны).",
        "kk": "Желілердің жылдар бойынша қоры жоқ: бірде-бір желі бағаланбайды (қандай деректер "
              "керек екенін жоғарыдан қараңыз).",
        "en": "No network headroom by year: no network is assessed (see above which data each "
              "needs).",
    },
    "cover.report_no_readiness": {
        "ru": "Готовность не рассчитана ни для одной единицы: ни одна сеть не оценивается "
              "(см. ниже, какие данные нужны).",
        "kk": "Дайындық бірде-бір бірлік үшін есептелмеді: бірде-бір желі бағаланбайды "
              "(қандай деректер керек екенін төменнен қараңыз).",
        "en": "Readiness has no figure for any unit: no network is assessed (see below which "
              "data each needs).",
    },
})
