"""ru/kk/en texts of the flows step: registration records, OD tables, net migration and the
gravity model. Merged into :data:`geo.i18n.TEXTS`."""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    # --- planning.population.flows: unrecoverable problems (value, then fix) ---
    "flows.err.summary": {
        "ru": "{layer}: ошибок {count}, потоки не построены. Исправьте их и загрузите слой "
              "снова:\n{lines}",
        "kk": "{layer}: {count} қате, ағындар құрылмады. Оларды түзетіп, қабатты қайта "
              "жүктеңіз:\n{lines}",
        "en": "{layer}: {count} problem(s), no flows were built. Fix them and load the layer "
              "again:\n{lines}",
    },
    "flows.err.more": {"ru": "… и ещё {more}", "kk": "… және тағы {more}",
                       "en": "… and {more} more"},
    "flows.err.missing_column": {"ru": "нет столбца", "kk": "баған жоқ",
                                 "en": "column missing"},
    "flows.fix.missing_column": {
        "ru": "Добавьте столбец «{column}» или переименуйте в него столбец файла.",
        "kk": "«{column}» бағанын қосыңыз немесе файлдың бағанын осылай атаңыз.",
        "en": "Add the column '{column}', or rename the file's column to it.",
    },
    "flows.err.bad_date": {"ru": "дата «{value}» не распознана",
                           "kk": "«{value}» күні танылмады",
                           "en": "the date '{value}' cannot be read"},
    "flows.fix.bad_date": {
        "ru": "Запишите дату как ГГГГ-ММ-ДД (2024-03-15) или ДД.ММ.ГГГГ (15.03.2024).",
        "kk": "Күнді ЖЖЖЖ-АА-КК (2024-03-15) немесе КК.АА.ЖЖЖЖ (15.03.2024) түрінде жазыңыз.",
        "en": "Write the date as YYYY-MM-DD (2024-03-15) or DD.MM.YYYY (15.03.2024).",
    },
    "flows.err.empty_code": {"ru": "код места пуст", "kk": "орын коды бос",
                             "en": "the place code is empty"},
    "flows.fix.empty_code": {
        "ru": "Укажите код единицы, области (КАТО) или страны (ISO 3166-1 alpha-3) либо "
              "удалите строку.",
        "kk": "Бірліктің, облыстың (ӘАОЖ) немесе елдің (ISO 3166-1 alpha-3) кодын жазыңыз "
              "не жолды жойыңыз.",
        "en": "Give the code of a unit, an oblast (KATO) or a country (ISO 3166-1 alpha-3), "
              "or remove the row.",
    },
    "flows.err.bad_kind": {"ru": "вид потока «{value}» неизвестен",
                           "kk": "«{value}» ағын түрі белгісіз",
                           "en": "the flow kind '{value}' is unknown"},
    "flows.fix.bad_kind": {
        "ru": "Укажите internal (внутренняя миграция) или external (внешняя) либо оставьте "
              "пустым: вид определится по местам.",
        "kk": "internal (ішкі көші-қон) немесе external (сыртқы) деп жазыңыз не бос "
              "қалдырыңыз: түрі орындар бойынша анықталады.",
        "en": "Use internal or external, or leave it empty so that it is derived from the "
              "places.",
    },
    "flows.err.bad_year": {"ru": "год «{value}» не целое число от 1900 до 2100",
                           "kk": "«{value}» жылы 1900-ден 2100-ге дейінгі бүтін сан емес",
                           "en": "the year '{value}' is not a whole number from 1900 to 2100"},
    "flows.fix.bad_year": {"ru": "Запишите год четырьмя цифрами, например 2024.",
                           "kk": "Жылды төрт цифрмен жазыңыз, мысалы 2024.",
                           "en": "Write the year with four digits, for example 2024."},
    "flows.err.bad_persons": {"ru": "число переселившихся «{value}» не число",
                              "kk": "қоныс аударғандар саны «{value}» сан емес",
                              "en": "the number of persons '{value}' is not a number"},
    "flows.fix.bad_persons": {
        "ru": "Запишите число людей цифрами (разделитель дробной части — точка).",
        "kk": "Адам санын цифрмен жазыңыз (бөлшек бөлігінің бөлгіші — нүкте).",
        "en": "Write the number of persons in digits (a point before any decimals).",
    },
    "flows.err.negative": {"ru": "отрицательное число людей {value}",
                           "kk": "адам саны теріс: {value}",
                           "en": "a negative number of persons, {value}"},
    "flows.fix.negative": {
        "ru": "Поток считает переехавших людей и не может быть меньше нуля: проверьте знак "
              "или поменяйте местами origin_id и dest_id.",
        "kk": "Ағын көшкен адамдарды санайды және нөлден кем бола алмайды: таңбаны тексеріңіз "
              "немесе origin_id мен dest_id орындарын ауыстырыңыз.",
        "en": "A flow counts people who moved and cannot be below zero: check the sign, or "
              "swap origin_id and dest_id.",
    },
    "flows.err.no_coordinates": {
        "ru": "У единиц нет ни столбцов lon/lat, ни геометрии с системой координат (CRS): "
              "расстояния до них не вычислить. Загрузите единицы с геометрией и CRS.",
        "kk": "Бірліктерде lon/lat бағандары да, координаттар жүйесі (CRS) бар геометрия да "
              "жоқ: оларға дейінгі қашықтықты есептеу мүмкін емес. Бірліктерді геометриясымен "
              "және CRS-імен жүктеңіз.",
        "en": "The units have neither lon/lat columns nor a geometry with a coordinate "
              "reference system (CRS), so no distance to them can be computed. Load the units "
              "with their geometry and CRS.",
    },
    "flows.err.bad_trend_years": {
        "ru": "Число лет для тренда должно быть целым и не меньше 1, получено {value}.",
        "kk": "Тренд үшін жылдар саны бүтін және 1-ден кем емес болуы керек, берілгені {value}.",
        "en": "The number of years for the trend must be a whole number of at least 1, "
              "got {value}.",
    },

    # --- planning.population.flows: FlowCheck.summary() ---
    "flows.summary.head": {
        "ru": "{layer}: прочитано строк {records}, использовано {used}; потоков {flows}, "
              "людей {persons}, годы {years}.",
        "kk": "{layer}: {records} жол оқылды, {used} пайдаланылды; {flows} ағын, {persons} "
              "адам, жылдар {years}.",
        "en": "{layer}: {records} rows read, {used} used; {flows} flows of {persons} persons, "
              "years {years}.",
    },
    "flows.summary.duplicates": {
        "ru": "Повторов {count}: каждый учтён один раз, оставлена первая строка (строки "
              "{rows}).",
        "kk": "{count} қайталану: әрқайсысы бір рет есептелді, бірінші жол қалдырылды "
              "({rows} жолдар).",
        "en": "{count} duplicate row(s) counted once, the first of each kept (rows {rows}).",
    },
    "flows.summary.unknown": {
        "ru": "Неизвестный код «{code}» в столбце {column}: строк {count} не учтено (например, "
              "строки {rows}). Исправьте код или добавьте место в единицы либо в "
              "data/reference/places.csv.",
        "kk": "{column} бағанында белгісіз «{code}» коды: {count} жол есепке алынбады "
              "(мысалы, {rows} жолдар). Кодты түзетіңіз немесе орынды бірліктерге не "
              "data/reference/places.csv файлына қосыңыз.",
        "en": "Unknown code '{code}' in column {column}: {count} row(s) left out (for example "
              "rows {rows}). Correct the code, or add the place to the units or to "
              "data/reference/places.csv.",
    },
    "flows.summary.conflicts": {
        "ru": "В строках ({count}, например {rows}) вид потока противоречит местам; оставлен "
              "указанный. Проверьте их: у внешнего потока один конец — страна.",
        "kk": "{count} жолда (мысалы, {rows}) ағын түрі орындарға қайшы; көрсетілгені "
              "қалдырылды. Оларды тексеріңіз: сыртқы ағынның бір ұшы — ел.",
        "en": "{count} row(s) (for example {rows}) give a flow kind that contradicts their "
              "places; the given kind was kept. Check them: an external flow has a country at "
              "one end.",
    },
    "flows.summary.clean": {
        "ru": "Повторов, неизвестных кодов и противоречий нет.",
        "kk": "Қайталанулар, белгісіз кодтар мен қайшылықтар жоқ.",
        "en": "No duplicates, unknown codes or contradictions.",
    },

    # --- planning.population.gravity ---
    "gravity.role.origin": {"ru": "места выбытия", "kk": "шыққан орындар",
                            "en": "origins"},
    "gravity.role.destination": {"ru": "места прибытия", "kk": "келген орындар",
                                 "en": "destinations"},
    "gravity.err.too_few": {
        "ru": "Слишком мало пар для гравитационной модели: пар {pairs} между местами выбытия "
              "({origins}) и прибытия ({destinations}). Нужно не меньше 2 мест выбытия, 2 мест "
              "прибытия и {need} пар (на одну больше, чем коэффициентов, {params}). Добавьте "
              "потоки или годы.",
        "kk": "Гравитациялық модель үшін жұптар тым аз: {origins} шыққан және {destinations} "
              "келген орын арасында {pairs} жұп. Кемінде 2 шыққан орын, 2 келген орын және "
              "{need} жұп керек (коэффициенттерден, {params}, бір артық). Ағындар немесе "
              "жылдар қосыңыз.",
        "en": "Too few pairs for the gravity model: {pairs} pair(s) among {origins} origin(s) "
              "and {destinations} destination(s). It needs at least 2 origins, 2 destinations "
              "and {need} pairs (one more than its {params} coefficients). Add flows or years.",
    },
    "gravity.err.disconnected": {
        "ru": "Пары распадаются на {groups} групп без общих мест (например: {examples}); "
              "эффекты мест разных групп несравнимы. Оцените группы отдельно или добавьте "
              "связывающие их потоки.",
        "kk": "Жұптар ортақ орны жоқ {groups} топқа бөлінеді (мысалы: {examples}); әр топ "
              "орындарының әсерлерін салыстыруға болмайды. Топтарды бөлек бағалаңыз немесе "
              "оларды байланыстыратын ағындар қосыңыз.",
        "en": "The pairs fall into {groups} groups that share no place (for example: "
              "{examples}); the effects of places in different groups cannot be compared. Fit "
              "the groups separately, or add flows that link them.",
    },
    "gravity.err.unknown": {
        "ru": "Нет координат для {codes}: сначала проверьте потоки (check_flows) или добавьте "
              "места в единицы либо в data/reference/places.csv.",
        "kk": "{codes} үшін координаттар жоқ: алдымен ағындарды тексеріңіз (check_flows) "
              "немесе орындарды бірліктерге не data/reference/places.csv файлына қосыңыз.",
        "en": "No coordinates for {codes}: check the flows first (check_flows), or add the "
              "places to the units or to data/reference/places.csv.",
    },
    "gravity.err.not_fitted": {
        "ru": "{codes} нет среди {role} оценённой модели: для них нет эффекта, и их потоки "
              "нельзя предсказать. Выберите из мест, по которым модель оценена.",
        "kk": "{codes} бағаланған модельдің {role} арасында жоқ: олар үшін әсер жоқ, сондықтан "
              "ағындарын болжау мүмкін емес. Модель бағаланған орындардан таңдаңыз.",
        "en": "{codes} are not among the fitted model's {role}: it has no effect for them, so "
              "it cannot predict their flows. Choose among the fitted places.",
    },
    "gravity.report.head": {
        "ru": "Гравитационная модель (пуассоновская GLM с эффектами мест выбытия и прибытия): "
              "пар {pairs}, мест выбытия {origins}, мест прибытия {destinations}, годы {years}.",
        "kk": "Гравитациялық модель (шыққан және келген орындар әсерлері бар Пуассон GLM): "
              "{pairs} жұп, {origins} шыққан орын, {destinations} келген орын, жылдар {years}.",
        "en": "Gravity model (Poisson GLM with origin and destination effects): {pairs} pairs, "
              "{origins} origins, {destinations} destinations, years {years}.",
    },
    "gravity.report.elasticity": {
        "ru": "Эластичность по расстоянию {beta:.3f} (стандартная ошибка {se:.3f}; 95% "
              "интервал от {low:.3f} до {high:.3f}): при удвоении расстояния поток меняется "
              "примерно на {change:+.0f}%.",
        "kk": "Қашықтық бойынша икемділік {beta:.3f} (стандартты қате {se:.3f}; 95% аралық "
              "{low:.3f} мен {high:.3f} арасы): қашықтық екі есе артқанда ағын шамамен "
              "{change:+.0f}% өзгереді.",
        "en": "Distance elasticity {beta:.3f} (standard error {se:.3f}; 95% interval {low:.3f} "
              "to {high:.3f}): a flow changes by about {change:+.0f}% when the distance "
              "doubles.",
    },
    "gravity.report.deviance": {
        "ru": "Девиация {deviance:.1f} против {null:.1f} у модели-константы: псевдо-R² = "
              "{r2:.3f}.",
        "kk": "Девиация {deviance:.1f}, тұрақты модельде {null:.1f}: псевдо-R² = {r2:.3f}.",
        "en": "Deviance {deviance:.1f} against {null:.1f} for a constant model: pseudo-R² = "
              "{r2:.3f}.",
    },
    "gravity.report.not_converged": {
        "ru": "Оценка не сошлась: не опирайтесь на эти числа.",
        "kk": "Бағалау жинақталмады: бұл сандарға сүйенбеңіз.",
        "en": "The fit did not converge: do not rely on these figures.",
    },
}
# fmt: on
