"""ru/kk/en texts of the report's tables: fold, sort and CSV controls, and the sentences said
instead of a table (or its rows) with nothing to say. Merged into :data:`geo.i18n.TEXTS`."""

# fmt: off
TEXTS: dict[str, dict[str, object]] = {
    # --- maps.tables: the controls under each table ---
    "tables.show_all": {
        "ru": {"one": "Показать все {count:,d} строки", "few": "Показать все {count:,d} строки",
               "many": "Показать все {count:,d} строк", "other": "Показать все {count:,d} строки"},
        "kk": {"one": "Барлық {count:,d} жолды көрсету",
               "other": "Барлық {count:,d} жолды көрсету"},
        "en": {"one": "Show all {count:,d} row", "other": "Show all {count:,d} rows"},
    },
    "tables.show_first": {
        "ru": {"one": "Свернуть до {count:,d} строки", "few": "Свернуть до {count:,d} строк",
               "many": "Свернуть до {count:,d} строк", "other": "Свернуть до {count:,d} строки"},
        "kk": {"one": "Алғашқы {count:,d} жолды ғана қалдыру",
               "other": "Алғашқы {count:,d} жолды ғана қалдыру"},
        "en": {"one": "Show only the first {count:,d} row",
               "other": "Show only the first {count:,d} rows"},
    },
    "tables.same_in_all": {"ru": "Во всех строках таблицы выше: {pairs}.",
                           "kk": "Жоғарыдағы кестенің барлық жолында: {pairs}.",
                           "en": "In every row of the table above: {pairs}."},
    "tables.csv": {"ru": "Скачать CSV", "kk": "CSV жүктеп алу", "en": "Download CSV"},
    "tables.sort": {"ru": "Нажмите, чтобы отсортировать; ещё раз — в обратном порядке",
                    "kk": "Сұрыптау үшін басыңыз; қайта басса — кері ретпен",
                    "en": "Click to sort; click again to reverse"},
    "tables.file": {"ru": "таблица {number}", "kk": "кесте {number}", "en": "table {number}"},
    "tables.print_more": {
        "ru": {"one": "… и ещё {count:,d} строка: вся таблица — в HTML-версии отчёта "
                      "(там её можно скачать в CSV).",
               "few": "… и ещё {count:,d} строки: вся таблица — в HTML-версии отчёта "
                      "(там её можно скачать в CSV).",
               "many": "… и ещё {count:,d} строк: вся таблица — в HTML-версии отчёта "
                       "(там её можно скачать в CSV).",
               "other": "… и ещё {count:,d} строки: вся таблица — в HTML-версии отчёта "
                        "(там её можно скачать в CSV)."},
        "kk": {"one": "… және тағы {count:,d} жол: толық кесте есептің HTML нұсқасында "
                      "(оны сол жерден CSV ретінде жүктеп алуға болады).",
               "other": "… және тағы {count:,d} жол: толық кесте есептің HTML нұсқасында "
                        "(оны сол жерден CSV ретінде жүктеп алуға болады)."},
        "en": {"one": "… and {count:,d} more row: the whole table is in the report's HTML "
                      "version (which can download it as CSV).",
               "other": "… and {count:,d} more rows: the whole table is in the report's HTML "
                        "version (which can download it as CSV)."},
    },

    # --- planning.report.forecast: networks that run short in no unit ---
    "tables.no_deficit_in": {
        "ru": {"one": "Ни в одной единице до {horizon} года не возникает дефицита по сети: "
                      "{networks}; в таблице её нет.",
               "few": "Ни в одной единице до {horizon} года не возникает дефицита по сетям: "
                      "{networks}; в таблице их нет.",
               "many": "Ни в одной единице до {horizon} года не возникает дефицита по сетям: "
                       "{networks}; в таблице их нет.",
               "other": "Ни в одной единице до {horizon} года не возникает дефицита по сетям: "
                        "{networks}; в таблице их нет."},
        "kk": {"one": "{horizon} жылға дейін ешбір бірлікте тапшылық болмайды: {networks}; "
                      "ол кестеде жоқ.",
               "other": "{horizon} жылға дейін ешбір бірлікте тапшылық болмайды: {networks}; "
                        "олар кестеде жоқ."},
        "en": {"one": "No unit runs short of {networks} by {horizon}; it is left out of the "
                      "table.",
               "other": "No unit runs short of {networks} by {horizon}; they are left out of "
                        "the table."},
    },

    # --- planning.report.flows: the registered–actual gap table ---
    "tables.gap_rest": {
        "ru": {"one": "Ещё в {count:,d} единице из {total:,d} разрыва нет: фактическое "
                      "население равно зарегистрированному.",
               "few": "Ещё в {count:,d} единицах из {total:,d} разрыва нет: фактическое "
                      "население равно зарегистрированному.",
               "many": "Ещё в {count:,d} единицах из {total:,d} разрыва нет: фактическое "
                       "население равно зарегистрированному.",
               "other": "Ещё в {count:,d} единицах из {total:,d} разрыва нет: фактическое "
                        "население равно зарегистрированному."},
        "kk": {"one": "Тағы {count:,d} бірлікте ({total:,d} бірліктің) айырма жоқ: нақты "
                      "халық тіркелген халыққа тең.",
               "other": "Тағы {count:,d} бірлікте ({total:,d} бірліктің) айырма жоқ: нақты "
                        "халық тіркелген халыққа тең."},
        "en": {"one": "The other {count:,d} of the {total:,d} units has no gap: its actual "
                      "population equals the registered one.",
               "other": "The other {count:,d} of the {total:,d} units have no gap: their "
                        "actual population equals the registered one."},
    },
    "tables.gap_none": {
        "ru": {"one": "Ни в одной из {count:,d} единицы разрыва нет: фактическое население "
                      "равно зарегистрированному.",
               "few": "Ни в одной из {count:,d} единиц разрыва нет: фактическое население "
                      "равно зарегистрированному.",
               "many": "Ни в одной из {count:,d} единиц разрыва нет: фактическое население "
                       "равно зарегистрированному.",
               "other": "Ни в одной из {count:,d} единицы разрыва нет: фактическое население "
                        "равно зарегистрированному."},
        "kk": {"one": "{count:,d} бірліктің ешқайсысында айырма жоқ: нақты халық тіркелген "
                      "халыққа тең.",
               "other": "{count:,d} бірліктің ешқайсысында айырма жоқ: нақты халық "
                        "тіркелген халыққа тең."},
        "en": {"one": "The {count:,d} unit has no gap: its actual population equals the "
                      "registered one.",
               "other": "None of the {count:,d} units has a gap: the actual population "
                        "equals the registered one."},
    },
}
# fmt: on
