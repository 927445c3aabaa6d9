"""ru/kk/en texts of the phasing step. Merged into :data:`geo.i18n.TEXTS`."""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    # --- the plan's summary (planning.proposals.phasing.Phasing.summary) ---
    "phasing.summary.title": {
        "ru": "План очерёдности {first}–{last}: прибывает {arrived:,.0f} из {wanted:,.0f} "
              "жителей, потрачено {spent:,.0f} тенге.",
        "kk": "{first}–{last} кезектілік жоспары: {wanted:,.0f} тұрғынның {arrived:,.0f} "
              "келеді, {spent:,.0f} теңге жұмсалады.",
        "en": "Phasing plan {first}–{last}: {arrived:,.0f} of {wanted:,.0f} residents arrive, "
              "{spent:,.0f} tenge spent.",
    },
    "phasing.summary.year": {
        "ru": "{year}: {funded}; прибывает {arrived:,.0f}, ждут {waiting:,.0f}.",
        "kk": "{year}: {funded}; {arrived:,.0f} келеді, {waiting:,.0f} күтеді.",
        "en": "{year}: {funded}; {arrived:,.0f} arrive, {waiting:,.0f} wait.",
    },
    "phasing.summary.funded": {"ru": "финансируется: {items}", "kk": "қаржыландырылады: {items}",
                               "en": "funded: {items}"},
    "phasing.summary.item": {
        "ru": "{id} (+{residents:,.0f} жителей, {cost:,.0f} тенге)",
        "kk": "{id} (+{residents:,.0f} тұрғын, {cost:,.0f} теңге)",
        "en": "{id} (+{residents:,.0f} residents, {cost:,.0f} tenge)",
    },
    "phasing.summary.nothing": {"ru": "ничего не финансируется",
                                "kk": "ештеңе қаржыландырылмайды",
                                "en": "nothing funded"},

    # --- solver ---
    "phasing.highspy_missing": {
        "ru": "Для плана очерёдности нужен пакет highspy (HiGHS), он не установлен. "
              "Установите его: pip install highspy",
        "kk": "Кезектілік жоспары үшін highspy (HiGHS) пакеті қажет, ол орнатылмаған. "
              "Орнатыңыз: pip install highspy",
        "en": "The phasing plan needs the package highspy (HiGHS), which is not installed. "
              "Install it with: pip install highspy",
    },
    "phasing.solver_failed": {
        "ru": "HiGHS не нашёл оптимума плана очерёдности ({phase}): статус «{status}». "
              "Сообщите об ошибке, приложив входные таблицы.",
        "kk": "HiGHS кезектілік жоспарының оңтайлы шешімін таппады ({phase}): күйі "
              "«{status}». Кіріс кестелерін қоса тіркеп, қате туралы хабарлаңыз.",
        "en": "HiGHS found no optimum of the phasing plan ({phase}): status '{status}'. "
              "Report a bug with the input tables attached.",
    },

    # --- input validation (planning.proposals.phasing) ---
    "phasing.err.summary": {
        "ru": "План очерёдности не рассчитан: во входных данных ошибок {count}:\n{lines}",
        "kk": "Кезектілік жоспары есептелмеді: кіріс деректерінде {count} қате:\n{lines}",
        "en": "The phasing plan was not computed: {count} problem(s) in its input:\n{lines}",
    },
    "phasing.err.table_missing": {"ru": "таблица не передана", "kk": "кесте берілмеген",
                                  "en": "table not given"},
    "phasing.err.table_missing_fix": {
        "ru": "Передайте таблицу (можно пустую) со столбцами {columns}.",
        "kk": "{columns} бағандары бар кестені беріңіз (бос болуы мүмкін).",
        "en": "Pass a table (it may be empty) with the columns {columns}.",
    },
    "phasing.err.column_missing": {"ru": "нет столбца", "kk": "баған жоқ",
                                   "en": "column missing"},
    "phasing.err.column_missing_fix": {
        "ru": "Добавьте столбец {column} или переименуйте в него существующий.",
        "kk": "{column} бағанын қосыңыз немесе бар бағанның атын соған өзгертіңіз.",
        "en": "Add the column {column}, or rename an existing column to it.",
    },
    "phasing.err.years_bad": {
        "ru": "годы плана {value} пусты, повторяются или не целые",
        "kk": "жоспар жылдары {value} бос, қайталанады немесе бүтін емес",
        "en": "the plan's years {value} are empty, repeated or not integers",
    },
    "phasing.err.years_bad_fix": {
        "ru": "Укажите различные целые годы, например 2026, 2027, 2028, 2029, 2030.",
        "kk": "Әртүрлі бүтін жылдарды көрсетіңіз, мысалы 2026, 2027, 2028, 2029, 2030.",
        "en": "Give distinct integer years, e.g. 2026, 2027, 2028, 2029, 2030.",
    },
    "phasing.err.empty_id": {"ru": "пустой идентификатор", "kk": "бос идентификатор",
                             "en": "empty identifier"},
    "phasing.err.empty_id_fix": {
        "ru": "Заполните {column} в каждой строке или удалите строку.",
        "kk": "Әр жолда {column} толтырыңыз немесе жолды жойыңыз.",
        "en": "Fill in {column} on every row, or delete the row.",
    },
    "phasing.err.not_number": {"ru": "не конечное число: {value}", "kk": "шекті сан емес: {value}",
                               "en": "not a finite number: {value}"},
    "phasing.err.not_number_fix": {
        "ru": "Запишите в {column} число с точкой как десятичным разделителем.",
        "kk": "{column} бағанына ондық бөлгіші нүкте болатын сан жазыңыз.",
        "en": "Write a number in {column}, with a dot as the decimal mark.",
    },
    "phasing.err.negative": {"ru": "отрицательное значение {value}", "kk": "теріс мән {value}",
                             "en": "negative value {value}"},
    "phasing.err.negative_fix": {
        "ru": "Значение {column} не может быть меньше 0: исправьте его.",
        "kk": "{column} мәні 0-ден кем бола алмайды: оны түзетіңіз.",
        "en": "{column} cannot be below 0: correct it.",
    },
    "phasing.err.not_integer": {"ru": "не целое число лет: {value}",
                                "kk": "жыл саны бүтін емес: {value}",
                                "en": "not a whole number of years: {value}"},
    "phasing.err.not_integer_fix": {
        "ru": "Укажите в {column} целое число лет от финансирования до ввода (0, 1, 2 …).",
        "kk": "{column} бағанында қаржыландырудан іске қосуға дейінгі бүтін жыл санын "
              "көрсетіңіз (0, 1, 2 …).",
        "en": "Give {column} as whole years from funding to commissioning (0, 1, 2 …).",
    },
    "phasing.err.year_outside": {"ru": "год {value} вне плана", "kk": "{value} жылы жоспардан тыс",
                                 "en": "year {value} is outside the plan"},
    "phasing.err.year_outside_fix": {
        "ru": "Укажите год плана ({first}–{last}) или расширьте список years.",
        "kk": "Жоспар жылын ({first}–{last}) көрсетіңіз немесе years тізімін кеңейтіңіз.",
        "en": "Use a year of the plan ({first}–{last}), or widen the list years.",
    },
    "phasing.err.unknown_constraint": {
        "ru": "ограничение {value} отсутствует в таблице constraints",
        "kk": "{value} шектеуі constraints кестесінде жоқ",
        "en": "the constraint {value} is not in the table constraints",
    },
    "phasing.err.unknown_constraint_fix": {
        "ru": "Исправьте {column} или добавьте строки этого ограничения (с резервом по годам) "
              "в constraints.",
        "kk": "{column} түзетіңіз немесе бұл шектеудің жолдарын (жылдар бойынша қорымен) "
              "constraints кестесіне қосыңыз.",
        "en": "Correct {column}, or add this constraint's rows (its headroom per year) to "
              "constraints.",
    },
    "phasing.err.duplicate": {"ru": "строка повторяется: {value}", "kk": "жол қайталанады: {value}",
                              "en": "repeated row: {value}"},
    "phasing.err.duplicate_fix": {
        "ru": "Оставьте одну строку на каждое сочетание ({key}).",
        "kk": "Әр ({key}) тіркесіне бір жол қалдырыңыз.",
        "en": "Keep one row per ({key}).",
    },
    "phasing.err.no_first_year": {
        "ru": "у ограничения {value} нет резерва на первый год плана",
        "kk": "{value} шектеуінде жоспардың бірінші жылына қор жоқ",
        "en": "the constraint {value} has no headroom for the plan's first year",
    },
    "phasing.err.no_first_year_fix": {
        "ru": "Добавьте строку за {year}; пропущенные более поздние годы повторяют последний "
              "указанный резерв.",
        "kk": "{year} жылға жол қосыңыз; кейінгі жетіспейтін жылдар соңғы көрсетілген қорды "
              "қайталайды.",
        "en": "Add a row for {year}; later years left out repeat the last headroom given.",
    },
    "phasing.err.networks_mixed": {
        "ru": "ограничение {value} отнесено к разным сетям",
        "kk": "{value} шектеуі әртүрлі желілерге жатқызылған",
        "en": "the constraint {value} is given several networks",
    },
    "phasing.err.networks_mixed_fix": {
        "ru": "Одно ограничение — одна сеть: исправьте {column} или дайте зонам разных сетей "
              "разные идентификаторы.",
        "kk": "Бір шектеу — бір желі: {column} түзетіңіз немесе әртүрлі желілердің "
              "аймақтарына әртүрлі идентификатор беріңіз.",
        "en": "One constraint, one network: correct {column}, or give the zones of different "
              "networks different ids.",
    },
    "phasing.err.gate_bad": {"ru": "не логическое значение: {value}",
                             "kk": "логикалық мән емес: {value}",
                             "en": "not true or false: {value}"},
    "phasing.err.gate_bad_fix": {
        "ru": "Запишите в {column} True/False (или 1/0): выполнено ли транспортное условие.",
        "kk": "{column} бағанына True/False (немесе 1/0) жазыңыз: көлік шарты орындала ма.",
        "en": "Write True/False (or 1/0) in {column}: whether the transport gate is open.",
    },
    "phasing.err.budget_bad": {
        "ru": "бюджет {value} — не конечное неотрицательное число",
        "kk": "{value} бюджеті шекті теріс емес сан емес",
        "en": "the budget {value} is not a finite non-negative number",
    },
    "phasing.err.budget_bad_fix": {
        "ru": "Укажите бюджет в тенге: одно число на каждый год или словарь год → тенге.",
        "kk": "Бюджетті теңгемен көрсетіңіз: әр жылға бір сан немесе жыл → теңге сөздігі.",
        "en": "Give the budget in tenge: one number per year, or a mapping year -> tenge.",
    },
}
# fmt: on
