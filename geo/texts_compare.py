"""ru/kk/en texts of the report's comparison of two scenarios; merged into geo.i18n.TEXTS."""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    "compare.pair_text": {
        "ru": "Первая карта — сценарий «{a}», вторая — «{b}»: готовность к {horizon} году в "
              "одних и тех же классах. Карты сдвигаются и приближаются вместе, слой выбирается "
              "сразу на обеих.",
        "kk": "Бірінші карта — «{a}» сценарийі, екіншісі — «{b}»: {horizon} жылға қарай "
              "дайындық бірдей кластармен. Карталар бірге жылжиды және үлкейеді, қабат екеуінде "
              "қатар таңдалады.",
        "en": "The first map is scenario “{a}”, the second “{b}”: readiness at {horizon} in "
              "the same classes. The maps pan and zoom together, and a layer chosen on one is "
              "chosen on both.",
    },
    "compare.unchanged": {
        "ru": "{region}: сценарии не различаются — ни в одной единице численность и готовность "
              "к {horizon} году не меняются.",
        "kk": "{region}: сценарийлер ерекшеленбейді — {horizon} жылға қарай бірде-бір бірлікте "
              "халық саны мен дайындық өзгермейді.",
        "en": "{region}: the scenarios do not differ — no unit's residents or readiness at "
              "{horizon} change.",
    },
    "compare.readiness_layer": {
        "ru": "Готовность к {horizon} году ({basis}), жителей",
        "kk": "{horizon} жылға қарай дайындық ({basis}), тұрғын",
        "en": "Readiness at {horizon} ({basis}), residents",
    },
    "compare.bottleneck_layer": {
        "ru": "Узкое место к {horizon} году ({basis})",
        "kk": "{horizon} жылға қарай тар орын ({basis})",
        "en": "Bottleneck at {horizon} ({basis})",
    },
    "compare.bars_text": {
        "ru": "Резерв каждой сети в единицах, куда сценарий «{b}» переселяет жителей, к {horizon} "
              "году: сколько ещё людей сеть может обслужить (ниже нуля — дефицит), в сценарии "
              "«{a}» и в «{b}».",
        "kk": "«{b}» сценарийі тұрғындарды қоныстандыратын бірліктердегі әр желінің {horizon} "
              "жылға қарай қоры: желі тағы қанша адамға қызмет көрсете алады (нөлден төмен — "
              "тапшылық), «{a}» және «{b}» сценарийлерінде.",
        "en": "The headroom of each network in the units scenario “{b}” resettles people to, "
              "at {horizon}: how many more residents the network can serve (below zero: a "
              "deficit), under “{a}” and under “{b}”.",
    },
    "compare.bars_title": {
        "ru": "{unit}: резерв сетей в {horizon} году по сценариям",
        "kk": "{unit}: {horizon} жылғы желілер қоры, сценарийлер бойынша",
        "en": "{unit}: network headroom at {horizon} by scenario",
    },
    "compare.bars_caption": {
        "ru": "{unit}: сетей с дефицитом в {horizon} году — {short_a} из {total} в «{a}» и "
              "{short_b} из {total} в «{b}».",
        "kk": "{unit}: {horizon} жылы тапшылығы бар желілер — «{a}» сценарийінде {total} "
              "желінің {short_a}, «{b}» сценарийінде {short_b}.",
        "en": "{unit}: networks short at {horizon} — {short_a} of {total} under “{a}” and "
              "{short_b} of {total} under “{b}”.",
    },
    "compare.bars_worst_deficit": {
        "ru": "Больше всего не хватает в «{b}»: {network}, дефицит {value:,.0f} жителей.",
        "kk": "«{b}» сценарийінде ең көп жетіспейтіні: {network}, тапшылық {value:,.0f} "
              "тұрғын.",
        "en": "The largest shortfall under “{b}”: {network}, a deficit of {value:,.0f} "
              "residents.",
    },
    "compare.bars_worst_room": {
        "ru": "Наименьший резерв в «{b}»: {network}, {value:,.0f} жителей.",
        "kk": "«{b}» сценарийіндегі ең аз қор: {network}, {value:,.0f} тұрғын.",
        "en": "The least headroom under “{b}”: {network}, {value:,.0f} residents.",
    },
    "compare.no_figure": {
        "ru": "Без оценки (сети нет или она не оценена): {networks}.",
        "kk": "Бағаланбаған (желі жоқ немесе бағаланбаған): {networks}.",
        "en": "No figure (no network, or not assessed): {networks}.",
    },
    "compare.no_targets": {
        "ru": "Сценарий «{b}» никого не переселяет: графиков по целевым единицам нет.",
        "kk": "«{b}» сценарийі ешкімді қоныстандырмайды: нысаналы бірліктер бойынша графиктер "
              "жоқ.",
        "en": "Scenario “{b}” resettles nobody: there are no charts of target units.",
    },
    "compare.room": {"ru": "резерв", "kk": "қор", "en": "headroom"},
    "compare.deficit": {"ru": "дефицит", "kk": "тапшылық", "en": "deficit"},
}
# fmt: on
