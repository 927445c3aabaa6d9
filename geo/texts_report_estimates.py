"""ru/kk/en texts of the report's estimated figures and of what qonys assumed and left out.

Merged into :data:`geo.i18n.TEXTS`.
"""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    # --- figures built on estimated capacities (planning.report.estimates) ---
    "estimate.footnote": {
        "ru": "≈ — оценка: узкое место единицы — сеть, у части учреждений которой не указана "
              "вместимость, и они учтены по типовому размеру норматива: {details}.",
        "kk": "≈ — бағалау: бірліктің тар орны — мекемелерінің бір бөлігінде сыйымдылық "
              "көрсетілмеген желі, олар норматив бойынша үлгілік өлшеммен есептелді: "
              "{details}.",
        "en": "≈ is an estimate: the unit's bottleneck is a network some of whose facilities "
              "have no capacity and count at the norm's standard size: {details}.",
    },
    "estimate.network": {
        "ru": "{network}: {count} из {total} учреждений без вместимости, учтены по "
              "{size} {unit}",
        "kk": "{network}: {total} мекеменің {count}-і сыйымдылықсыз, әрқайсысы {size} "
              "{unit} деп есептелді",
        "en": "{network} ({count} of {total} facilities without capacity, counted at "
              "{size} {unit})",
    },
    "estimate.network_plain": {
        "ru": "{network}: вместимость части учреждений неизвестна",
        "kk": "{network}: мекемелердің бір бөлігінің сыйымдылығы белгісіз",
        "en": "{network} (capacity of some facilities unknown)",
    },
    "estimate.tooltip": {"ru": "оценка", "kk": "бағалау", "en": "estimated"},
    "estimate.tooltip_none": {"ru": "нет", "kk": "жоқ", "en": "none"},
    "estimate.map_notice": {
        "ru": "Показатели — оценка: {networks}; вместимость учреждений неизвестна",
        "kk": "Көрсеткіштер — бағалау: {networks}; мекемелердің сыйымдылығы белгісіз",
        "en": "Figures for {networks} are estimated: capacities unknown",
    },
    "estimate.forecast": {
        "ru": "Оценка — прогноз учитывает те же учреждения: {details}; линии и годы первого "
              "дефицита этих сетей построены на них.",
        "kk": "Бағалау — болжам сол мекемелерді есептейді: {details}; бұл желілердің "
              "сызықтары мен алғашқы тапшылық жылдары соларға негізделген.",
        "en": "Estimated — the forecast counts the same facilities: {details}; the lines and "
              "first deficits of these networks rest on them.",
    },
    # --- what qonys assumed and left out (planning.report.estimates.add_notices_section) ---
    "notices.heading": {
        "ru": "Что qonys допустил и что оставил без оценки",
        "kk": "qonys нені болжады және нені бағаламады",
        "en": "What qonys assumed and left out",
    },
    "notices.text": {
        "ru": "Так сказала команда `qonys readiness`, когда считала эти результаты:",
        "kk": "Бұл нәтижелерді есептегенде `qonys readiness` командасы былай деді:",
        "en": "What `qonys readiness` said when it computed these results:",
    },
    "notices.none": {
        "ru": "Команда `qonys readiness` ничего не допускала: все данные были на месте.",
        "kk": "`qonys readiness` командасы ештеңе болжаған жоқ: барлық деректер болды.",
        "en": "`qonys readiness` assumed nothing: every input was there.",
    },
    "notices.absent": {
        "ru": "В рабочей области нет записанных замечаний (таблица readiness_notices): "
              "повторите `qonys readiness`, она их запишет.",
        "kk": "Жұмыс аймағында жазылған ескертулер жоқ (readiness_notices кестесі): "
              "`qonys readiness` командасын қайта іске қосыңыз, ол оларды жазады.",
        "en": "The workspace holds no recorded notices (table readiness_notices): run "
              "`qonys readiness` again and it records them.",
    },
    "notices.scenario": {
        "ru": "Прогноз сценария «{scenario}»:",
        "kk": "«{scenario}» сценарийінің болжамы:",
        "en": "The forecast of scenario “{scenario}”:",
    },
}
# fmt: on
