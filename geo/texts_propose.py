"""ru/kk/en texts of the proposals, the forecast and the scenario commands.

Merged into :data:`geo.i18n.TEXTS`.
"""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    "propose.facility": {
        "ru": "{label}: новый объект на {size} на площадке {site} ({place}). В {year} г. в "
              "регионе «{region}» не хватает {deficit} при норме {per_1000:g} на 1 000 "
              "жителей и доступности {minutes:g} мин пешком (источник нормы: {source}). "
              "Объект примет {served}, то есть откроет место для {residents}. Стоимость около "
              "{cost_bn:,.1f} млрд тенге (иллюстративная удельная стоимость).",
        "kk": "{label}: {site} алаңында ({place}) жаңа нысан, қуаты {size}. {year} ж. «{region}» "
              "өңірінде 1 000 тұрғынға {per_1000:g} нормасы және жаяу {minutes:g} мин "
              "қолжетімділік бойынша {deficit} жетіспейді (норма көзі: {source}). Нысан "
              "{served} қабылдайды, яғни {residents} орын ашады. Құны шамамен "
              "{cost_bn:,.1f} млрд теңге (үлгілік меншікті құн).",
        "en": "{label}: a new facility of {size} on site {site} ({place}). In {year} "
              "{region} lacks {deficit} at the norm of {per_1000:g} per 1,000 residents within "
              "{minutes:g} min on foot (norm's source: {source}). It takes {served}, room for "
              "{residents}. Cost about {cost_bn:,.1f} bn tenge (illustrative unit cost).",
    },
    "propose.utility": {
        "ru": "{label}: расширить зону {zone_id} на {add:,.0f} {unit}. В {year} г. спрос "
              "{demand:,.1f} {unit} превысит мощность {supply:,.1f} {unit} на {deficit:,.1f} "
              "{unit} при норме {per_resident:g} {unit} на жителя (источник: {source}). "
              "Расширение откроет место для {residents}. Стоимость около {cost_bn:,.1f} млрд "
              "тенге (иллюстративная удельная стоимость).",
        "kk": "{label}: {zone_id} аймағын {add:,.0f} {unit} кеңейту. {year} ж. сұраныс "
              "{demand:,.1f} {unit} қуаттан ({supply:,.1f} {unit}) {deficit:,.1f} {unit} асып "
              "түседі, норма бір тұрғынға {per_resident:g} {unit} (көзі: {source}). Кеңейту "
              "{residents} орын ашады. Құны шамамен {cost_bn:,.1f} млрд теңге (үлгілік "
              "меншікті құн).",
        "en": "{label}: expand zone {zone_id} by {add:,.0f} {unit}. In {year} demand of "
              "{demand:,.1f} {unit} exceeds the supply of {supply:,.1f} {unit} by "
              "{deficit:,.1f} {unit} at the norm of {per_resident:g} {unit} per resident "
              "(source: {source}). The expansion makes room for {residents}. Cost about "
              "{cost_bn:,.1f} bn tenge (illustrative unit cost).",
    },
    # An amount in a capacity unit, the noun in the number's form ("1 место", "3 места").
    "amount.places": {
        "ru": {"one": "{count:,.0f} место", "few": "{count:,.0f} места",
               "many": "{count:,.0f} мест", "other": "{count:,.0f} места"},
        "kk": {"one": "{count:,.0f} орын", "other": "{count:,.0f} орын"},
        "en": {"one": "{count:,.0f} place", "other": "{count:,.0f} places"},
    },
    "amount.visits/shift": {
        "ru": {"one": "{count:,.0f} посещение в смену", "few": "{count:,.0f} посещения в смену",
               "many": "{count:,.0f} посещений в смену",
               "other": "{count:,.0f} посещения в смену"},
        "kk": {"one": "ауысымына {count:,.0f} келу", "other": "ауысымына {count:,.0f} келу"},
        "en": {"one": "{count:,.0f} visit per shift", "other": "{count:,.0f} visits per shift"},
    },
    "amount.other": {"ru": "{count:,.0f} {unit}", "kk": "{count:,.0f} {unit}",
                     "en": "{count:,.0f} {unit}"},
    # Residents after "для" (ru, genitive), before "орын ашады" (kk, dative), after "room for".
    "amount.residents_for": {
        "ru": {"one": "{count:,.0f} жителя", "few": "{count:,.0f} жителей",
               "many": "{count:,.0f} жителей", "other": "{count:,.0f} жителя"},
        "kk": {"one": "{count:,.0f} тұрғынға", "other": "{count:,.0f} тұрғынға"},
        "en": {"one": "{count:,.0f} resident", "other": "{count:,.0f} residents"},
    },
    "propose.n_facilities": {
        "ru": {"one": "{count:,d} новый социальный объект",
               "few": "{count:,d} новых социальных объекта",
               "many": "{count:,d} новых социальных объектов",
               "other": "{count:,d} новых социальных объекта"},
        "kk": {"one": "{count:,d} жаңа әлеуметтік нысан",
               "other": "{count:,d} жаңа әлеуметтік нысан"},
        "en": {"one": "{count:,d} new social facility",
               "other": "{count:,d} new social facilities"},
    },
    "propose.n_utilities": {
        "ru": {"one": "{count:,d} расширение сетей", "few": "{count:,d} расширения сетей",
               "many": "{count:,d} расширений сетей", "other": "{count:,d} расширения сетей"},
        "kk": {"one": "{count:,d} желіні кеңейту", "other": "{count:,d} желіні кеңейту"},
        "en": {"one": "{count:,d} network expansion", "other": "{count:,d} network expansions"},
    },
    "propose.summary": {
        "ru": "Предложения сценария «{scenario}» до {horizon} г.: {facilities}, {utilities}; "
              "всего около {cost_bn:,.1f} млрд тенге (иллюстративно). Записано в {store}.",
        "kk": "«{scenario}» сценарийінің {horizon} ж. дейінгі ұсыныстары: {facilities}, "
              "{utilities}; барлығы шамамен {cost_bn:,.1f} млрд теңге (үлгілік). {store} "
              "ішіне жазылды.",
        "en": "Proposals of scenario '{scenario}' to {horizon}: {facilities}, {utilities}; "
              "about {cost_bn:,.1f} bn tenge in all (illustrative). Written to {store}.",
    },
    "propose.no_sites": {
        "ru": "В рабочем пространстве нет площадок-кандидатов (слой candidate_sites): новые "
              "школы, детские сады и поликлиники размещать негде, предлагаются только "
              "расширения сетей. Загрузите площадки (точки со столбцом site_id; полигоны — "
              "с --points): qonys load sites.gpkg --kind candidate_sites{grid}",
        "kk": "Жұмыс кеңістігінде үміткер алаңдар жоқ (candidate_sites қабаты): жаңа "
              "мектептерді, балабақшаларды және емханаларды орналастыратын жер жоқ, тек "
              "желілерді кеңейту ұсынылады. Алаңдарды жүктеңіз (site_id бағаны бар нүктелер; "
              "полигондар — --points арқылы): qonys load sites.gpkg --kind "
              "candidate_sites{grid}",
        "en": "The workspace has no candidate sites (layer candidate_sites): new schools, "
              "kindergartens and polyclinics have nowhere to go, so only network expansions "
              "are proposed. Load sites (points with a site_id column; polygons with "
              "--points): qonys load sites.gpkg --kind candidate_sites{grid}",
    },
    "propose.no_sites_grid": {
        "ru": "; или возьмите ячейки сетки {layer}: qonys export {layer} --to cells.gpkg, "
              "затем qonys load cells.gpkg --kind candidate_sites --map {cell}=site_id "
              "--map parent_unit_id=unit_id --points",
        "kk": "; немесе {layer} торының ұяшықтарын алыңыз: qonys export {layer} --to "
              "cells.gpkg, содан кейін qonys load cells.gpkg --kind candidate_sites --map "
              "{cell}=site_id --map parent_unit_id=unit_id --points",
        "en": "; or take the cells of the grid {layer}: qonys export {layer} --to cells.gpkg, "
              "then qonys load cells.gpkg --kind candidate_sites --map {cell}=site_id "
              "--map parent_unit_id=unit_id --points",
    },
    "propose.unsited": {
        "ru": "Дефицит без площадок-кандидатов в регионе (новые объекты не предложены): "
              "{items}.",
        "kk": "Өңірде үміткер алаңы жоқ тапшылық (жаңа нысандар ұсынылмады): {items}.",
        "en": "Deficits with no candidate site in their region (no new facility proposed): "
              "{items}.",
    },
    "propose.more": {
        "ru": "… и ещё {count}: см. слои {layers}",
        "kk": "… және тағы {count}: {layers} қабаттарын қараңыз",
        "en": "… and {count} more: see layers {layers}",
    },
    "propose.unfunded": {
        "ru": "Предложений вне профинансированных пакетов: {count} (не напечатаны): см. слои "
              "{layers}",
        "kk": "Қаржыландырылған пакеттерден тыс ұсыныстар: {count} (басылмады): {layers} "
              "қабаттарын қараңыз",
        "en": "{count} proposals are in no funded package (not printed): see layers {layers}",
    },
    "propose.no_phasing": {
        "ru": "Сценарий никого не переселяет (или не задан бюджет): очерёдность по жителям на "
              "тенге ниже — без плана прибытия.",
        "kk": "Сценарий ешкімді қоныс аудармайды (немесе бюджет берілмеген): төмендегі кезек "
              "теңгеге шаққандағы тұрғындар бойынша — келу жоспарынсыз.",
        "en": "The scenario resettles nobody (or names no budget): the order below is by "
              "residents per tenge, without an arrival plan.",
    },
    "propose.package": {
        "ru": "  {year}: пакет {package} — откроет место для {residents} за {cost_bn:,.1f} "
              "млрд тенге; в него входят:",
        "kk": "  {year}: {package} пакеті — {cost_bn:,.1f} млрд теңгеге {residents} орын "
              "ашады; құрамы:",
        "en": "  {year}: package {package} makes room for {residents} for {cost_bn:,.1f} bn "
              "tenge; it holds:",
    },
    "propose.phasing_header": {
        "ru": "Очерёдность (сначала инфраструктура, затем переселение):",
        "kk": "Кезек (алдымен инфрақұрылым, содан кейін қоныс аудару):",
        "en": "Order (infrastructure first, then resettlement):",
    },
    "propose.arrivals": {
        "ru": "Прибытие по программе: {arrived:,.0f} из {wanted:,.0f} человек к {horizon} г.; "
              "ждут {waiting:,.0f}.",
        "kk": "Бағдарлама бойынша келу: {horizon} ж. қарай {wanted:,.0f} адамның "
              "{arrived:,.0f}; күтуде {waiting:,.0f}.",
        "en": "Programme arrivals: {arrived:,.0f} of {wanted:,.0f} people by {horizon}; "
              "{waiting:,.0f} waiting.",
    },
    "scenario.summary": {
        "ru": "Сценарий «{scenario}» ({chain}) рассчитан на {first}–{horizon} гг.; результаты "
              "записаны в {store} (таблицы scenario_{scenario}_*).",
        "kk": "«{scenario}» сценарийі ({chain}) {first}–{horizon} жж. есептелді; нәтижелер "
              "{store} ішіне жазылды (scenario_{scenario}_* кестелері).",
        "en": "Scenario '{scenario}' ({chain}) computed for {first}-{horizon}; results written "
              "to {store} (tables scenario_{scenario}_*).",
    },
    "scenario.deficit_header": {
        "ru": "Первый год дефицита по сетям (фактическое население), число единиц:",
        "kk": "Желілер бойынша тапшылықтың алғашқы жылы (нақты халық), бірліктер саны:",
        "en": "First year of deficit by network (actual population), number of units:",
    },
    "scenario.not_run": {
        "ru": "В рабочем пространстве {store} нет результатов сценария «{scenario}». "
              "Сначала выполните: qonys scenario run {scenario}",
        "kk": "{store} жұмыс кеңістігінде «{scenario}» сценарийінің нәтижелері жоқ. Алдымен "
              "орындаңыз: qonys scenario run {scenario}",
        "en": "The workspace {store} holds no results of scenario '{scenario}'. Run it first: "
              "qonys scenario run {scenario}",
    },
    "scenario.compare_summary": {
        "ru": "Разница «{b}» минус «{a}» к {horizon} г. записана в слой {layer} и на карту "
              "{html}.",
        "kk": "«{b}» минус «{a}» айырмасы {horizon} ж. {layer} қабатына және {html} "
              "картасына жазылды.",
        "en": "The difference '{b}' minus '{a}' at {horizon} is written to layer {layer} and "
              "the map {html}.",
    },
    "scenario.compare_title": {
        "ru": "Сравнение сценариев: «{b}» минус «{a}»",
        "kk": "Сценарийлерді салыстыру: «{b}» минус «{a}»",
        "en": "Scenario comparison: '{b}' minus '{a}'",
    },
    "scenario.compare_map": {
        "ru": "Разница готовности ({basis}), жителей",
        "kk": "Дайындық айырмасы ({basis}), тұрғын",
        "en": "Difference in readiness ({basis}), residents",
    },
    "scenario.compare_pop": {
        "ru": "Разница численности ({basis}), жителей",
        "kk": "Халық санының айырмасы ({basis}), тұрғын",
        "en": "Difference in residents ({basis})",
    },
    "scenario.compare_text": {
        "ru": "Синие единицы в сценарии «{b}» могут принять больше жителей, чем в «{a}», "
              "красные — меньше (дефицит растёт). Горизонт: {horizon} г.",
        "kk": "Көк бірліктер «{b}» сценарийінде «{a}» сценарийіне қарағанда көбірек тұрғын "
              "қабылдай алады, қызылдары — азырақ (тапшылық өседі). Көкжиек: {horizon} ж.",
        "en": "Blue units can take more residents under '{b}' than under '{a}', red ones "
              "fewer (the deficit grows). Horizon: {horizon}.",
    },
    "stage.forecast": {"ru": "Прогноз по годам", "kk": "Жылдар бойынша болжам",
                       "en": "Forecast year by year"},
    "stage.siting": {"ru": "Размещение новых объектов", "kk": "Жаңа нысандарды орналастыру",
                     "en": "Siting new facilities"},
    "stage.utilities": {"ru": "Расширение сетей", "kk": "Желілерді кеңейту",
                        "en": "Sizing utility expansions"},
    "stage.phasing": {"ru": "Очерёдность под бюджет", "kk": "Бюджетке сай кезектілік",
                      "en": "Phasing under the budget"},
}
# fmt: on
