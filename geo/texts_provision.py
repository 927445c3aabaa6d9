"""ru/kk/en texts of the provision step.

Merged into :data:`geo.i18n.TEXTS`.
"""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    # --- exact assignment of residents to facilities (planning.provision.assignment) ---
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
    # --- unknown capacities and where residents live (planning.provision.access,
    # planning.provision.assess) ---
    "access.capacity_estimated": {
        "ru": "У {count} из {total} учреждений сети «{network}» не указана вместимость: каждое "
              "учтено по типовому размеру норматива, {size:,.0f} {unit} ({figure} в файле норм; "
              "тот же размер, что строит `qonys propose`). Все показатели, построенные на них, "
              "помечены как оценка (столбцы estimated и estimated_share в readiness_networks, "
              "capacity_estimated у учреждений). Добавьте вместимость: "
              "`qonys join ТАБЛИЦА --to facilities --on name`.",
        "kk": "«{network}» желісінің {total} мекемесінің {count}-інде сыйымдылық көрсетілмеген: "
              "әрқайсысы норматив бойынша үлгілік өлшеммен есептелді, {size:,.0f} {unit} "
              "(нормалар файлындағы {figure}; `qonys propose` салатын өлшем). Олардан құрылған "
              "барлық көрсеткіштер бағалау деп белгіленді (readiness_networks ішіндегі "
              "estimated және estimated_share бағандары, мекемелердің capacity_estimated "
              "бағаны). Сыйымдылықты қосыңыз: `qonys join КЕСТЕ --to facilities --on name`.",
        "en": "{count} of {total} facilities of '{network}' have no capacity: each is counted "
              "at the norm's standard size, {size:,.0f} {unit} ({figure} in the norms file, the "
              "size `qonys propose` builds). Every figure built on them is marked estimated "
              "(columns estimated and estimated_share of readiness_networks, "
              "capacity_estimated of the facilities). Add capacities with "
              "`qonys join TABLE --to facilities --on name`.",
    },
    "access.capacity_unknown": {
        "ru": "У {count} из {total} учреждений сети «{network}» не указана вместимость, а в "
              "файле норм нет типового размера (facility_size): они учтены с нулевой "
              "вместимостью. Добавьте вместимость (`qonys join ТАБЛИЦА --to facilities --on "
              "name`) или размер в файл норм.",
        "kk": "«{network}» желісінің {total} мекемесінің {count}-інде сыйымдылық көрсетілмеген, "
              "ал нормалар файлында үлгілік өлшем (facility_size) жоқ: олар нөлдік "
              "сыйымдылықпен есептелді. Сыйымдылықты (`qonys join КЕСТЕ --to facilities --on "
              "name`) немесе нормалар файлына өлшемді қосыңыз.",
        "en": "{count} of {total} facilities of '{network}' have no capacity and the norms "
              "file gives no standard size (facility_size): they count as zero. Add capacities "
              "(`qonys join TABLE --to facilities --on name`) or a size to the norms file.",
    },
    "assess.spread_settlements": {
        "ru": "Сетки населения нет: жители {units} из {total} единиц распределены по их "
              "населённым пунктам (слой settlements, {points} точек) пропорционально населению, "
              "а не собраны в одной точке (столбец pop_spread).",
        "kk": "Халық торы жоқ: {total} бірліктің {units}-інің тұрғындары бір нүктеге "
              "жиналмай, елді мекендеріне (settlements қабаты, {points} нүкте) халқына "
              "пропорционал бөлінді (pop_spread бағаны).",
        "en": "No population grid: the residents of {units} of {total} units are spread over "
              "their settlements (layer settlements, {points} points) in proportion to their "
              "population, not put at one point (column pop_spread).",
    },
    "assess.spread_area": {
        "ru": "Сетки населения и населённых пунктов с населением нет: жители {units} из {total} "
              "единиц распределены по площади единицы вне слоя constraints ({points} центров "
              "ячеек H3), а не собраны в одной точке (столбец pop_spread). Точнее — со слоем "
              "population_grid или settlements.",
        "kk": "Халық торы да, халқы бар елді мекендер де жоқ: {total} бірліктің {units}-інің "
              "тұрғындары бір нүктеге жиналмай, constraints қабатынан тыс аумағы бойынша "
              "бөлінді ({points} H3 ұяшығының орталығы; pop_spread бағаны). population_grid "
              "немесе settlements қабатымен дәлірек болады.",
        "en": "No population grid and no settlement with a population: the residents of "
              "{units} of {total} units are spread over the unit's area outside the "
              "constraints layer ({points} H3 cell centres), not put at one point (column "
              "pop_spread). A population_grid or settlements layer is more exact.",
    },
    "assess.spread_point": {
        "ru": "{units} из {total} единиц меньше ячейки H3: их жители в одной внутренней точке "
              "единицы (столбец pop_spread).",
        "kk": "{total} бірліктің {units}-і H3 ұяшығынан кіші: олардың тұрғындары бірліктің бір "
              "ішкі нүктесінде (pop_spread бағаны).",
        "en": "{units} of {total} units are smaller than an H3 cell: their residents are at "
              "one inner point of the unit (column pop_spread).",
    },
}
# fmt: on
