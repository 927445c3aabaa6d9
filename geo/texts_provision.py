"""ru/kk/en texts of the provision step.

Merged into :data:`geo.i18n.TEXTS`.
"""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    # --- exact assignment of residents to facilities (planning.assignment) ---
    "provision.assign.highspy_missing": {
        "ru": "Для точного распределения жителей по учреждениям нужен пакет highspy (HiGHS), "
              "он не установлен. Установите его: pip install highspy",
        "kk": "Тұрғындарды мекемелерге дәл бөлу үшін highspy (HiGHS) пакеті қажет, ол "
              "орнатылмаған. Орнатыңыз: pip install highspy",
        "en": "The exact assignment of residents to facilities needs the package highspy "
              "(HiGHS), which is not installed. Install it with: pip install highspy",
    },
    "provision.assign.solver_failed": {
        "ru": "HiGHS не нашёл оптимального распределения ({phase}): статус «{status}». "
              "Проверьте, что спрос, вместимости и минуты — конечные неотрицательные числа, "
              "и сообщите об ошибке, если это так.",
        "kk": "HiGHS оңтайлы бөлуді таппады ({phase}): күйі «{status}». Сұраныс, сыйымдылық "
              "және минуттар шекті теріс емес сандар екенін тексеріңіз; солай болса, қате "
              "туралы хабарлаңыз.",
        "en": "HiGHS found no optimal assignment ({phase}): status '{status}'. Check that "
              "demand, capacities and minutes are finite non-negative numbers, and report a "
              "bug if they are.",
    },
    "provision.assign.pairs_columns": {
        "ru": "В таблице пар «точка — учреждение» нет столбцов: {columns}. Нужны столбцы "
              "point, facility и minutes.",
        "kk": "«Нүкте — мекеме» жұптары кестесінде бағандар жоқ: {columns}. point, facility "
              "және minutes бағандары қажет.",
        "en": "The table of point-facility pairs lacks the columns: {columns}. It needs the "
              "columns point, facility and minutes.",
    },
    "provision.assign.bad_values": {
        "ru": "«{what}»: {count} значений отрицательные, пустые или бесконечные (например, "
              "у «{label}»: {value}). Исправьте их во входном слое.",
        "kk": "«{what}»: {count} мән теріс, бос немесе шексіз (мысалы, «{label}» үшін: "
              "{value}). Оларды кіріс қабатында түзетіңіз.",
        "en": "'{what}': {count} values are negative, missing or infinite (for example at "
              "'{label}': {value}). Fix them in the input layer.",
    },
    "provision.assign.duplicate_label": {
        "ru": "«{what}»: идентификатор «{label}» встречается несколько раз. Идентификаторы "
              "точек и учреждений должны быть уникальными.",
        "kk": "«{what}»: «{label}» идентификаторы бірнеше рет кездеседі. Нүктелер мен "
              "мекемелердің идентификаторлары бірегей болуы керек.",
        "en": "'{what}': the id '{label}' occurs more than once. Ids of points and "
              "facilities must be unique.",
    },
    "provision.assign.unknown_label": {
        "ru": "Таблица пар ссылается на {count} идентификаторов столбца «{what}», которых "
              "нет во входных данных (например, «{label}»). Постройте пары по тем же "
              "точкам и учреждениям.",
        "kk": "Жұптар кестесі кіріс деректерінде жоқ «{what}» бағанының {count} "
              "идентификаторына сілтейді (мысалы, «{label}»). Жұптарды сол нүктелер мен "
              "мекемелер бойынша құрыңыз.",
        "en": "The pairs name {count} ids in column '{what}' that are not in the inputs (for "
              "example '{label}'). Build the pairs from the same points and facilities.",
    },
    "provision.assign.group_missing": {
        "ru": "«{what}»: для {count} объектов не указана группа или территория (например, "
              "для «{label}»). Укажите её для каждой точки и каждого учреждения.",
        "kk": "«{what}»: {count} нысан үшін топ немесе аумақ көрсетілмеген (мысалы, "
              "«{label}» үшін). Оны әр нүкте мен әр мекеме үшін көрсетіңіз.",
        "en": "'{what}': {count} items have no group or territory (for example '{label}'). "
              "Give one for every point and every facility.",
    },
    "provision.assign.group_length": {
        "ru": "«{what}»: передано {given} значений для {expected} объектов. Дайте по одному "
              "на объект в порядке таблицы распределения или Series с индексом по "
              "идентификаторам.",
        "kk": "«{what}»: {expected} нысан үшін {given} мән берілген. Әр нысанға бір мәннен "
              "бөлу кестесінің ретімен немесе идентификаторлар бойынша индекстелген Series "
              "беріңіз.",
        "en": "'{what}' has {given} values for {expected} items. Give one per item, in the "
              "order of the assignment's table, or a Series indexed by id.",
    },
}
# fmt: on
