"""ru/kk/en texts of the siting step. Merged into :data:`geo.i18n.TEXTS`."""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    # --- planning.proposals.siting: bad input (collected and reported at once) ---
    "siting.bad_input": {
        "ru": "Задача размещения объектов задана неверно (проблем: {count}):\n{problems}",
        "kk": "Нысандарды орналастыру есебі қате берілген ({count} мәселе):\n{problems}",
        "en": "The facility siting problem is not well defined ({count} problem(s)):\n"
              "{problems}",
    },
    "siting.not_numbers": {
        "ru": "{what}: значения не являются числами. Передайте числовой массив.",
        "kk": "{what}: мәндер сан емес. Сандық массив беріңіз.",
        "en": "{what}: the values are not numbers. Pass a numeric array.",
    },
    "siting.not_1d": {
        "ru": "{what}: ожидается одномерный массив (по одному значению на точку или площадку), "
              "получена форма {shape}.",
        "kk": "{what}: бір өлшемді массив күтіледі (әр нүктеге немесе алаңға бір мән), "
              "{shape} пішіні алынды.",
        "en": "{what}: expected a one-dimensional array (one value per point or site), got "
              "shape {shape}.",
    },
    "siting.bad_amounts": {
        "ru": "{what}: отрицательных или не конечных значений — {count} (первое — {value} в "
              "позиции {position}). Спрос и мощности должны быть конечными и не меньше нуля.",
        "kk": "{what}: {count} мән теріс немесе шектеусіз (біріншісі — {position} "
              "позициясындағы {value}). Сұраныс пен қуаттар шектеулі және нөлден кем емес "
              "болуы керек.",
        "en": "{what}: {count} values are negative or not finite (the first is {value} at "
              "position {position}). Demand and capacities must be finite and at least zero.",
    },
    "siting.bad_existing_shape": {
        "ru": "existing: ожидается одномерный массив длины {m} (по одному признаку на "
              "площадку), получена форма {shape}.",
        "kk": "existing: ұзындығы {m} бір өлшемді массив күтіледі (әр алаңға бір белгі), "
              "{shape} пішіні алынды.",
        "en": "existing: expected a one-dimensional array of length {m} (one flag per site), "
              "got shape {shape}.",
    },
    "siting.bad_existing_values": {
        "ru": "existing: допустимы только True/False (или 1/0): существующий объект или нет.",
        "kk": "existing: тек True/False (немесе 1/0) рұқсат етіледі: бар нысан ма, жоқ па.",
        "en": "existing: only True/False (or 1/0) are allowed: an existing facility or not.",
    },
    "siting.bad_minutes_shape": {
        "ru": "minutes: ожидается матрица {n} × {m} (точки × площадки), получена форма "
              "{shape}.",
        "kk": "minutes: {n} × {m} матрицасы күтіледі (нүктелер × алаңдар), {shape} пішіні "
              "алынды.",
        "en": "minutes: expected a {n} × {m} matrix (points × sites), got shape {shape}.",
    },
    "siting.bad_minutes": {
        "ru": "minutes: пустых (NaN) или отрицательных значений — {count} (первое — {value}). "
              "Недопустимую пару обозначьте np.inf (или не храните её в разреженной матрице).",
        "kk": "minutes: {count} мән бос (NaN) немесе теріс (біріншісі — {value}). Рұқсат "
              "етілмеген жұпты np.inf деп белгілеңіз (немесе сирек матрицада сақтамаңыз).",
        "en": "minutes: {count} values are missing (NaN) or negative (the first is {value}). "
              "Mark a pair that is not allowed with np.inf (or leave it out of a sparse "
              "matrix).",
    },
    "siting.bad_p": {
        "ru": "p = {p}: число новых площадок должно быть целым и не меньше нуля.",
        "kk": "p = {p}: жаңа алаңдар саны бүтін және нөлден кем емес болуы керек.",
        "en": "p = {p}: the number of new sites must be a whole number of at least zero.",
    },
    "siting.bad_choice": {
        "ru": "{what} = «{value}» не поддерживается: выберите одно из {choices}.",
        "kk": "{what} = «{value}» қолдау көрсетілмейді: {choices} ішінен біреуін таңдаңыз.",
        "en": "{what} = '{value}' is not supported: choose one of {choices}.",
    },
    "siting.cover_missing": {
        "ru": "Для цели coverage нужен cover_minutes: время в минутах, в пределах которого "
              "точка считается обслуженной (например, 10).",
        "kk": "coverage мақсаты үшін cover_minutes қажет: нүкте қамтылған деп саналатын "
              "минуттағы уақыт (мысалы, 10).",
        "en": "The coverage objective needs cover_minutes: the minutes within which a point "
              "counts as covered (for example 10).",
    },
    "siting.bad_number": {
        "ru": "{what} = {value}: нужно конечное положительное число "
              "(unserved_minutes может быть и нулём).",
        "kk": "{what} = {value}: шектеулі оң сан қажет (unserved_minutes нөл де бола алады).",
        "en": "{what} = {value}: a finite positive number is needed (unserved_minutes may "
              "also be zero).",
    },

    # --- planning.proposals.siting: solving ---
    "siting.highspy_missing": {
        "ru": "Для размещения объектов нужен пакет highspy (решатель HiGHS). Установите его: "
              "pip install highspy.",
        "kk": "Нысандарды орналастыру үшін highspy пакеті (HiGHS шешушісі) қажет. Оны "
              "орнатыңыз: pip install highspy.",
        "en": "Facility siting needs the highspy package (the HiGHS solver). Install it with: "
              "pip install highspy.",
    },
    "siting.p_too_large": {
        "ru": "Запрошено {p} новых площадок, а кандидатов (не существующих объектов) всего "
              "{candidates}: открываются все кандидаты.",
        "kk": "{p} жаңа алаң сұралды, ал үміткерлер (бар емес нысандар) барлығы "
              "{candidates}: барлық үміткерлер ашылады.",
        "en": "{p} new sites were asked for but there are only {candidates} candidates "
              "(sites that are not existing facilities): all of them are opened.",
    },
    "siting.solver_failed": {
        "ru": "Решатель HiGHS не нашёл решения ({phase}): статус «{status}». Это ошибка "
              "программы или численная проблема; сообщите о ней вместе с входными данными.",
        "kk": "HiGHS шешушісі шешім таппады ({phase}): күйі «{status}». Бұл бағдарлама қатесі "
              "немесе сандық мәселе; ол туралы кіріс деректерімен бірге хабарлаңыз.",
        "en": "The HiGHS solver found no solution ({phase}): status '{status}'. This is a "
              "program or numerical failure; report it with the input data.",
    },
    "siting.time_limit": {
        "ru": "Точное решение не завершилось за отведённое время ({seconds:.0f} с точного "
              "поиска): возвращено лучшее найденное размещение, разрыв до оптимума до "
              "{gap:.2%}. Дайте больше времени (qonys propose --time-limit СЕКУНДЫ, в Python "
              "time_limit=) или используйте эвристику (--method heuristic).",
        "kk": "Дәл шешім бөлінген уақытта аяқталмады (дәл іздеудің {seconds:.0f} с): "
              "табылған ең жақсы орналастыру қайтарылды, оптимумға дейінгі алшақтық "
              "{gap:.2%} дейін. Көбірек уақыт беріңіз (qonys propose --time-limit СЕКУНД, "
              "Python-да time_limit=) немесе эвристиканы қолданыңыз (--method heuristic).",
        "en": "The exact solve did not finish in the time allowed ({seconds:.0f} s of exact "
              "search): the best siting found is returned, within {gap:.2%} of the optimum. "
              "Allow more time (qonys propose --time-limit SECONDS; in Python, time_limit=) "
              "or use the heuristic (--method heuristic).",
    },
}
# fmt: on
