"""ru/kk/en texts of the report's summary, contents, package names and grouped explanations.

Merged into :data:`geo.i18n.TEXTS`. A text given as a dict of CLDR plural forms (``one``,
``few``, ``many``, ``other``) is chosen by the value ``count``: Russian "1 школа, 3 школы,
5 школ"; Kazakh keeps the noun singular after a numeral ("5 мектеп").
"""

# fmt: off
TEXTS: dict[str, dict] = {
    # --- the summary at the top (planning.report.summary) ---
    "summary.heading": {"ru": "Кратко", "kk": "Қысқаша", "en": "At a glance"},
    "summary.contents": {"ru": "Содержание", "kk": "Мазмұны", "en": "Contents"},
    "summary.region": {
        "ru": {"one": "{region}: сейчас готовы {ready:,.0f} из {count:,.0f} единицы, они могут "
                      "принять {can_take:,.0f} жителей; {bottleneck}.",
               "few": "{region}: сейчас готовы {ready:,.0f} из {count:,.0f} единиц, они могут "
                      "принять {can_take:,.0f} жителей; {bottleneck}.",
               "many": "{region}: сейчас готовы {ready:,.0f} из {count:,.0f} единиц, они могут "
                       "принять {can_take:,.0f} жителей; {bottleneck}.",
               "other": "{region}: сейчас готовы {ready:,.0f} из {count:,.0f} единицы, они "
                        "могут принять {can_take:,.0f} жителей; {bottleneck}."},
        "kk": {"one": "{region}: қазір {count:,.0f} бірліктің {ready:,.0f} бірлігі дайын, олар "
                      "{can_take:,.0f} тұрғынды қабылдай алады; {bottleneck}.",
               "other": "{region}: қазір {count:,.0f} бірліктің {ready:,.0f} бірлігі дайын, "
                        "олар {can_take:,.0f} тұрғынды қабылдай алады; {bottleneck}."},
        "en": {"one": "{region}: {ready:,.0f} of {count:,.0f} unit ready now, room for "
                      "{can_take:,.0f} residents; {bottleneck}.",
               "other": "{region}: {ready:,.0f} of {count:,.0f} units ready now, room for "
                        "{can_take:,.0f} residents; {bottleneck}."},
    },
    "summary.bottleneck": {
        "ru": "чаще всего не хватает сети «{network}» (в {units:,.0f} ед.)",
        "kk": "көбінесе «{network}» желісі жетіспейді ({units:,.0f} бірлікте)",
        "en": "the usual bottleneck is {network} (in {units:,.0f} units)",
    },
    "summary.no_bottleneck": {
        "ru": "узких мест нет", "kk": "тар орын жоқ", "en": "no bottleneck",
    },
    "summary.scenario": {
        "ru": "Сценарий «{title}»: к {year} г. прибудут {arrived:,.0f} из {wanted:,.0f} "
              "жителей программы, ждут {waiting:,.0f}.",
        "kk": "«{title}» сценарийі: {year} ж. қарай бағдарламаның {wanted:,.0f} тұрғынының "
              "{arrived:,.0f} келеді, {waiting:,.0f} күтеді.",
        "en": "Scenario “{title}”: by {year}, {arrived:,.0f} of the programme's "
              "{wanted:,.0f} residents arrive; {waiting:,.0f} wait.",
    },
    "summary.scenario_unphased": {
        "ru": "Сценарий «{title}»: плана очерёдности нет, поэтому прибытие по программе не "
              "рассчитано; его рассчитывает команда {command}.",
        "kk": "«{title}» сценарийі: кезектілік жоспары жоқ, сондықтан бағдарлама бойынша "
              "келу есептелмеді; оны {command} пәрмені есептейді.",
        "en": "Scenario “{title}”: there is no phasing plan, so the programme's arrivals are "
              "not computed; {command} computes them.",
    },
    "summary.col.unit": {"ru": "Куда переселяют", "kk": "Қоныс аударатын жер",
                         "en": "Target unit"},
    "summary.col.now": {"ru": "Сейчас ({year})", "kk": "Қазір ({year})", "en": "Now ({year})"},
    "summary.col.bottleneck": {"ru": "Узкое место", "kk": "Тар орын", "en": "Bottleneck"},
    "summary.col.horizon": {"ru": "{year} г. без новых объектов",
                            "kk": "{year} ж. жаңа нысансыз", "en": "{year}, nothing new built"},
    "summary.col.planned": {"ru": "{year} г. с пакетом", "kk": "{year} ж. пакетпен",
                            "en": "{year}, with its package"},
    "summary.col.arrive": {"ru": "Прибудут к {year} г.", "kk": "{year} ж. қарай келеді",
                           "en": "Arrive by {year}"},
    "summary.col.why": {"ru": "Почему остальные ждут", "kk": "Қалғандары неге күтеді",
                        "en": "Why the rest wait"},
    "summary.room": {"ru": "примет {n:,.0f}", "kk": "{n:,.0f} қабылдайды",
                     "en": "takes {n:,.0f}"},
    "summary.short": {"ru": "не готов: не хватает на {n:,.0f}",
                      "kk": "дайын емес: {n:,.0f} адамға жетпейді",
                      "en": "not ready: short by {n:,.0f}"},
    "summary.of": {"ru": "{arrived:,.0f} из {wanted:,.0f}",
                   "kk": "{wanted:,.0f} ішінен {arrived:,.0f}",
                   "en": "{arrived:,.0f} of {wanted:,.0f}"},
    "summary.why.none": {"ru": "никто не ждёт", "kk": "ешкім күтпейді", "en": "nobody waits"},
    "summary.why.package": {
        "ru": "после пакета {year} г. сеть «{network}» примет не больше {room:,.0f} новых "
              "жителей, других предложений здесь нет",
        "kk": "{year} ж. пакеттен кейін «{network}» желісі {room:,.0f} жаңа тұрғыннан "
              "артық қабылдамайды, мұнда басқа ұсыныс жоқ",
        "en": "after its {year} package, {network} take no more than {room:,.0f} new "
              "residents, and nothing else is proposed here",
    },
    "summary.why.unfunded": {
        "ru": "сеть «{network}» примет не больше {room:,.0f} новых жителей, а пакет для "
              "этой единицы не профинансирован",
        "kk": "«{network}» желісі {room:,.0f} жаңа тұрғыннан артық қабылдамайды, ал бұл "
              "бірліктің пакеті қаржыландырылмаған",
        "en": "{network} take no more than {room:,.0f} new residents, and no package for "
              "this unit is funded",
    },
    "summary.why.housing": {
        "ru": "не хватает нового жилья (слой housing)",
        "kk": "жаңа тұрғын үй жетіспейді (housing қабаты)",
        "en": "new housing runs out (the housing layer)",
    },
    "summary.why.gate": {
        "ru": "общественный транспорт не охватывает нужную долю жителей",
        "kk": "қоғамдық көлік тұрғындардың қажетті үлесін қамтымайды",
        "en": "public transport does not reach the required share of residents",
    },
    "summary.packages": {
        "ru": "Профинансированные пакеты:", "kk": "Қаржыландырылған пакеттер:",
        "en": "Funded packages:",
    },
    "summary.package": {
        "ru": "{year} г. — {contents} — {cost_bn:,.1f} млрд тенге, место для "
              "{unlocked:,.0f} жителей программы.",
        "kk": "{year} ж. — {contents} — {cost_bn:,.1f} млрд теңге, бағдарламаның "
              "{unlocked:,.0f} тұрғынына орын.",
        "en": "{year}: {contents}; {cost_bn:,.1f} bn tenge, room for {unlocked:,.0f} of the "
              "programme's residents.",
    },
    "summary.rest": {
        "ru": {"one": "Ещё {count:,.0f} предложение ({cost_bn:,.1f} млрд тенге) закрывает "
                      "дефициты {year} г. вне единиц программы и в пакеты не входит "
                      "(раздел предложений).",
               "few": "Ещё {count:,.0f} предложения ({cost_bn:,.1f} млрд тенге) закрывают "
                      "дефициты {year} г. вне единиц программы и в пакеты не входят "
                      "(раздел предложений).",
               "many": "Ещё {count:,.0f} предложений ({cost_bn:,.1f} млрд тенге) закрывают "
                       "дефициты {year} г. вне единиц программы и в пакеты не входят "
                       "(раздел предложений).",
               "other": "Ещё {count:,.0f} предложения ({cost_bn:,.1f} млрд тенге) закрывают "
                        "дефициты {year} г. вне единиц программы и в пакеты не входят "
                        "(раздел предложений)."},
        "kk": "Тағы {count:,.0f} ұсыныс ({cost_bn:,.1f} млрд теңге) бағдарлама бірліктерінен "
              "тыс {year} ж. тапшылықтарды жабады және пакеттерге кірмейді "
              "(ұсыныстар бөлімі).",
        "en": {"one": "{count:,.0f} more proposal ({cost_bn:,.1f} bn tenge) meets {year} "
                      "deficits outside the programme's units and belongs to no package "
                      "(see the proposals).",
               "other": "{count:,.0f} more proposals ({cost_bn:,.1f} bn tenge) meet {year} "
                        "deficits outside the programme's units and belong to no package "
                        "(see the proposals)."},
    },
    # --- packages named by place and content ---
    "package.count.school": {
        "ru": {"one": "{count:,.0f} школа", "few": "{count:,.0f} школы",
               "many": "{count:,.0f} школ", "other": "{count:,.0f} школы"},
        "kk": "{count:,.0f} мектеп",
        "en": {"one": "{count:,.0f} school", "other": "{count:,.0f} schools"},
    },
    "package.count.kindergarten": {
        "ru": {"one": "{count:,.0f} детский сад", "few": "{count:,.0f} детских сада",
               "many": "{count:,.0f} детских садов", "other": "{count:,.0f} детского сада"},
        "kk": "{count:,.0f} балабақша",
        "en": {"one": "{count:,.0f} kindergarten", "other": "{count:,.0f} kindergartens"},
    },
    "package.count.polyclinic": {
        "ru": {"one": "{count:,.0f} поликлиника", "few": "{count:,.0f} поликлиники",
               "many": "{count:,.0f} поликлиник", "other": "{count:,.0f} поликлиники"},
        "kk": "{count:,.0f} емхана",
        "en": {"one": "{count:,.0f} polyclinic", "other": "{count:,.0f} polyclinics"},
    },
    # --- the proposals outside funded packages (planning.report.proposals) ---
    "plan.rest.intro": {
        "ru": "Предложения вне профинансированных пакетов ({count:,.0f}) закрывают дефициты "
              "{year} г. у жителей, которые есть и без программы переселения. В целевых "
              "единицах программы они мест не открывают, поэтому план очерёдности их не "
              "финансирует; это отдельное решение. По регионам:",
        "kk": "Қаржыландырылған пакеттерден тыс ұсыныстар ({count:,.0f}) қоныс аудару "
              "бағдарламасыз да бар тұрғындардың {year} ж. тапшылықтарын жабады. Бағдарламаның "
              "мақсатты бірліктерінде олар орын ашпайды, сондықтан кезектілік жоспары оларды "
              "қаржыландырмайды; бұл бөлек шешім. Өңірлер бойынша:",
        "en": "The proposals outside the funded packages ({count:,.0f}) meet the {year} "
              "deficits of residents who are there without the resettlement programme. They "
              "make no room in the programme's target units, so the phasing plan does not "
              "fund them; they are a decision of their own. By region:",
    },
    "plan.rest.region": {
        "ru": "{contents} — {cost_bn:,.1f} млрд тенге; каждая сеть откроет место для "
              "{low:,.0f}–{high:,.0f} жителей.",
        "kk": "{contents} — {cost_bn:,.1f} млрд теңге; әр желі {low:,.0f}–{high:,.0f} "
              "тұрғынға орын ашады.",
        "en": "{contents}; {cost_bn:,.1f} bn tenge; each network makes room for "
              "{low:,.0f}–{high:,.0f} residents.",
    },
    # --- explanations grouped by package ---
    "plan.group.package": {"ru": "Пакет {year} г.: {place}", "kk": "{year} ж. пакеті: {place}",
                           "en": "Package of {year}: {place}"},
    "plan.group.rest": {"ru": "{region}: вне пакетов", "kk": "{region}: пакеттерден тыс",
                        "en": "{region}: outside the packages"},
    "plan.fact.facility": {
        "ru": "{network}: в {year} г. в регионе «{region}» не хватает {deficit:,.0f} {unit} "
              "при норме {per_1000:g} на 1 000 жителей и доступности {minutes:g} мин пешком "
              "(источник нормы: {source}).",
        "kk": "{network}: {year} ж. «{region}» өңірінде 1 000 тұрғынға {per_1000:g} нормасы "
              "және жаяу {minutes:g} мин қолжетімділік бойынша {deficit:,.0f} {unit} "
              "жетіспейді (норма көзі: {source}).",
        "en": "{network}: in {year} the {region} region lacks {deficit:,.0f} {unit} at the "
              "norm of {per_1000:g} per 1,000 residents within {minutes:g} min on foot "
              "(norm's source: {source}).",
    },
    "plan.fact.utility": {
        "ru": "{network}: норма {per_resident:g} {unit} на жителя (источник: {source}).",
        "kk": "{network}: норма бір тұрғынға {per_resident:g} {unit} (көзі: {source}).",
        "en": "{network}: the norm is {per_resident:g} {unit} per resident (source: "
              "{source}).",
    },
    "plan.fact.cost": {
        "ru": "Стоимости — по иллюстративным удельным стоимостям файла норм.",
        "kk": "Құндар — нормалар файлының үлгілік меншікті құндары бойынша.",
        "en": "Costs follow the norms file's illustrative unit costs.",
    },
    "plan.line.facility": {
        "ru": "{kind} на {size:,.0f} {unit}, площадка {site} ({place}); примет {served:,.0f}",
        "kk": "{size:,.0f} {unit} {kind}, {site} алаңы ({place}); {served:,.0f} қабылдайды",
        "en": "{kind} of {size:,.0f} {unit} on site {site} ({place}); takes {served:,.0f}",
    },
    "plan.line.utility": {
        "ru": "зона {zone}: +{add:,.0f} {unit} при дефиците {deficit:,.1f} {unit}",
        "kk": "{zone} аймағы: +{add:,.0f} {unit}, тапшылық {deficit:,.1f} {unit}",
        "en": "zone {zone}: +{add:,.0f} {unit} for a deficit of {deficit:,.1f} {unit}",
    },
    "plan.col.what": {"ru": "Что и где", "kk": "Не және қайда", "en": "What and where"},
    # --- each section's opening finding ---
    "finding.region": {
        "ru": "Сейчас готовы {ready:,.0f} из {units:,.0f} ед. — могут принять {can_take:,.0f} "
              "жителей; {bottleneck}.",
        "kk": "Қазір {units:,.0f} бірліктің {ready:,.0f} бірлігі дайын — {can_take:,.0f} "
              "тұрғынды қабылдай алады; {bottleneck}.",
        "en": "{ready:,.0f} of {units:,.0f} units are ready now, with room for "
              "{can_take:,.0f} residents; {bottleneck}.",
    },
    "finding.forecast": {
        "ru": "К {horizon} г. хотя бы одной сети не хватает в {short:,.0f} из {units:,.0f} ед.; "
              "чаще всего — сети «{network}» (в {count:,.0f} ед.).",
        "kk": "{horizon} ж. қарай {units:,.0f} бірліктің {short:,.0f} бірлігінде кемінде бір "
              "желі жетіспейді; көбінесе — «{network}» ({count:,.0f} бірлікте).",
        "en": "By {horizon}, {short:,.0f} of {units:,.0f} units fall short on at least one "
              "network; most often {network} (in {count:,.0f} units).",
    },
    "finding.forecast_none": {
        "ru": "До {horizon} г. ни в одной из {units:,.0f} ед. сетям не станет тесно.",
        "kk": "{horizon} ж. дейін {units:,.0f} бірліктің ешқайсысында желі жетіспейді.",
        "en": "Up to {horizon}, none of the {units:,.0f} units falls short on any network.",
    },
    "finding.gap": {
        "ru": "Фактическое население отличается от зарегистрированного в {differ:,.0f} из "
              "{units:,.0f} ед., всего на {persons:+,.0f} человек.",
        "kk": "Нақты халық тіркелгеннен {units:,.0f} бірліктің {differ:,.0f} бірлігінде "
              "ерекшеленеді, барлығы {persons:+,.0f} адам.",
        "en": "The actual population differs from the registered in {differ:,.0f} of "
              "{units:,.0f} units, by {persons:+,.0f} people in all.",
    },
    "finding.compare": {
        "ru": "К {horizon} г. в сценарии «{b}» население отличается на {persons:+,.0f} чел.; "
              "резерв уменьшается в {less:,.0f} из {units:,.0f} ед.",
        "kk": "{horizon} ж. қарай «{b}» сценарийінде халық {persons:+,.0f} адамға өзгереді; "
              "қор {units:,.0f} бірліктің {less:,.0f} бірлігінде азаяды.",
        "en": "By {horizon}, scenario “{b}” changes the population by {persons:+,.0f}; room "
              "shrinks in {less:,.0f} of {units:,.0f} units.",
    },
}
# fmt: on
