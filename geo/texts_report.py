"""ru/kk/en texts of the report's readiness, forecast and scenario sections.

Merged into :data:`geo.i18n.TEXTS`.
"""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    "report.networks_heading": {
        "ru": "Резерв каждой сети", "kk": "Әр желінің қоры", "en": "Headroom of each network",
    },
    "report.networks_text": {
        "ru": "Сколько ещё жителей может обслужить каждая сеть в единице (фактическое "
              "население); минус — дефицит.",
        "kk": "Әр желі бірлікте тағы қанша тұрғынға қызмет көрсете алады (нақты халық); "
              "минус — тапшылық.",
        "en": "How many more residents each network can serve in a unit (actual population); "
              "minus is a deficit.",
    },
    # said on screen only: on paper every layer is printed (maps.runtime_print)
    "report.layers_hint": {
        "ru": "Слои переключаются на панели карты справа вверху.",
        "kk": "Қабаттар картаның жоғарғы оң жақтағы панелінде ауыстырылады.",
        "en": "Switch layers in the map's panel at the top right.",
    },
    "report.headroom": {
        "ru": "Резерв: {network}, жителей", "kk": "Қор: {network}, тұрғын",
        "en": "Headroom: {network}, residents",
    },
    "report.forecast": {
        "ru": "Прогноз до {horizon} года: сценарий «{scenario}»",
        "kk": "{horizon} жылға дейінгі болжам: «{scenario}» сценарийі",
        "en": "Forecast to {horizon}: scenario “{scenario}”",
    },
    "report.forecast_heading": {"ru": "Прогноз", "kk": "Болжам", "en": "Forecast"},
    "report.forecast_text": {
        "ru": "Население растёт за счёт естественного прироста, тренда миграции и "
              "переселения по сценарию (не больше, чем позволяет жильё); мощности учитываются "
              "с года ввода. Графики: жители по годам и резерв каждой сети в жителях "
              "(ниже нуля — дефицит), {first}–{horizon}.",
        "kk": "Халық табиғи өсім, көші-қон үрдісі және сценарий бойынша қоныс аудару есебінен "
              "өседі (тұрғын үй мүмкіндігінен аспайды); қуаттар іске қосылған жылынан бастап "
              "есептеледі. Графиктер: жылдар бойынша тұрғындар және әр желінің тұрғынмен "
              "өлшенген қоры (нөлден төмен — тапшылық), {first}–{horizon}.",
        "en": "Population grows by natural increase, the migration trend and the scenario's "
              "resettlement (no faster than homes allow); capacity counts from the year it is "
              "commissioned. Charts: residents by year and each network's headroom in "
              "residents (below zero: a deficit), {first}–{horizon}.",
    },
    "report.forecast_not_stored": {
        "ru": "Сценарий «{scenario}» ещё не сохранён в рабочем пространстве: прогноз рассчитан "
              "для этого отчёта. Сохранить его: qonys scenario run {scenario}.",
        "kk": "«{scenario}» сценарийі жұмыс кеңістігінде әлі сақталмаған: болжам осы есеп "
              "үшін есептелді. Оны сақтау: qonys scenario run {scenario}.",
        "en": "Scenario “{scenario}” is not stored in the workspace yet: its forecast was "
              "computed for this report. To store it: qonys scenario run {scenario}.",
    },
    "report.chart_population": {
        "ru": "{region}: жители по годам", "kk": "{region}: жылдар бойынша тұрғындар",
        "en": "{region}: residents by year",
    },
    "report.chart_headroom": {
        "ru": "{region}: резерв сетей по годам", "kk": "{region}: жылдар бойынша желілер қоры",
        "en": "{region}: network headroom by year",
    },
    "report.chart_residents": {"ru": "жителей", "kk": "тұрғын", "en": "residents"},
    "report.chart_no_room": {
        "ru": "резерва нет", "kk": "қор жоқ", "en": "no room left",
    },
    "report.chart_first_deficit": {
        "ru": "первый год дефицита", "kk": "тапшылықтың алғашқы жылы",
        "en": "first year of deficit",
    },
    "report.first_deficit_table": {
        "ru": "Первый год дефицита по сетям (до {horizon} года; пусто — дефицита нет)",
        "kk": "Желілер бойынша тапшылықтың алғашқы жылы ({horizon} жылға дейін; бос — "
              "тапшылық жоқ)",
        "en": "First year of deficit per network (to {horizon}; blank: no deficit)",
    },
    "report.no_deficit": {
        "ru": "До {horizon} года ни одна сеть региона не уходит в дефицит.",
        "kk": "{horizon} жылға дейін өңірдің бірде-бір желісі тапшылыққа түспейді.",
        "en": "No network of the region runs short before {horizon}.",
    },
    "report.err.compare_alone": {
        "ru": "--compare {compare}: базовый сценарий не удалось рассчитать ({problem}). "
              "Укажите --scenario, который подходит к рабочему пространству.",
        "kk": "--compare {compare}: базалық сценарий есептелмеді ({problem}). Жұмыс "
              "кеңістігіне сай келетін --scenario көрсетіңіз.",
        "en": "--compare {compare}: the baseline could not be forecast ({problem}). Name a "
              "--scenario that fits the workspace.",
    },
    "report.err.not_run": {
        "ru": "Сценарий «{scenario}» не рассчитан в рабочем пространстве {store}. Выполните "
              "`qonys scenario run {scenario} --store {store}`.",
        "kk": "«{scenario}» сценарийі {store} жұмыс кеңістігінде есептелмеген. "
              "`qonys scenario run {scenario} --store {store}` іске қосыңыз.",
        "en": "The scenario '{scenario}' has not been run in the workspace {store}. Run "
              "`qonys scenario run {scenario} --store {store}`.",
    },
    "report.no_forecast": {
        "ru": "Прогноза нет: базовый сценарий не удалось рассчитать на этом рабочем "
              "пространстве ({problem}).",
        "kk": "Болжам жоқ: базалық сценарий осы жұмыс кеңістігінде есептелмеді ({problem}).",
        "en": "No forecast: the baseline scenario could not be run on this workspace "
              "({problem}).",
    },
    "cli.report_pngs": {
        "ru": "статичные карты PNG ({count})", "kk": "PNG статикалық карталары ({count})",
        "en": "static PNG maps ({count})",
    },
}
# fmt: on
