"""ru/kk/en texts of the grid step: the H3 grid and the disaggregation of population to cells.

Merged into :data:`geo.i18n.TEXTS`.
"""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    # --- geo.hexgrid ---
    "grid.bad_res": {
        "ru": "Разрешение H3 {res} не поддерживается: укажите целое число от {lo} до {hi} "
              "(8 — ячейки около 0,74 км², 9 — около 0,105 км²).",
        "kk": "H3 {res} ажыратымдылығы қолдау көрсетілмейді: {lo}-ден {hi}-ге дейінгі бүтін "
              "санды көрсетіңіз (8 — шамамен 0,74 км² ұяшықтар, 9 — шамамен 0,105 км²).",
        "en": "H3 resolution {res} is not supported: give a whole number from {lo} to {hi} "
              "(8 gives cells of about 0.74 km², 9 about 0.105 km²).",
    },
    "grid.no_crs": {
        "ru": "У слоя «{layer}» не задана система координат (CRS), поэтому его нельзя "
              "наложить на сетку H3. Задайте её при загрузке (например, --crs EPSG:4326).",
        "kk": "«{layer}» қабатының координаттар жүйесі (CRS) берілмеген, сондықтан оны H3 "
              "торына салу мүмкін емес. Оны жүктеу кезінде көрсетіңіз (мысалы, --crs "
              "EPSG:4326).",
        "en": "Layer '{layer}' has no coordinate reference system (CRS), so it cannot be laid "
              "on the H3 grid. Set one when loading it (for example --crs EPSG:4326).",
    },
    "grid.not_polygons": {
        "ru": "В слое «{layer}» объект {row} имеет геометрию {geom_type}, а сетку H3 можно "
              "построить только по полигонам. Исправьте или удалите этот объект.",
        "kk": "«{layer}» қабатындағы {row} нысанының геометриясы {geom_type}, ал H3 торын тек "
              "көпбұрыштар бойынша құруға болады. Бұл нысанды түзетіңіз немесе жойыңыз.",
        "en": "In layer '{layer}', feature {row} has a {geom_type} geometry, but the H3 grid "
              "is built from polygons only. Fix or remove that feature.",
    },
    "grid.bad_cell": {
        "ru": "«{cell}» — не идентификатор ячейки H3. Проверьте столбец h3 (ожидается, "
              "например, 8920e60849bffff).",
        "kk": "«{cell}» — H3 ұяшығының идентификаторы емес. h3 бағанын тексеріңіз (мысалы, "
              "8920e60849bffff күтіледі).",
        "en": "'{cell}' is not an H3 cell id. Check the h3 column (an id looks like "
              "8920e60849bffff).",
    },

    # --- geo.interpolate ---
    "grid.bad_weight": {
        "ru": "Вес {value} в позиции {position} отрицателен или не является числом: веса "
              "распределения населения должны быть конечными и не меньше нуля.",
        "kk": "{position} позициясындағы {value} салмағы теріс немесе сан емес: халықты бөлу "
              "салмақтары шектеулі және нөлден кем емес болуы керек.",
        "en": "Weight {value} at position {position} is negative or not a number: the weights "
              "that spread population must be finite and at least zero.",
    },
    "grid.bad_total": {
        "ru": "Итог «{group}» равен {value}: численность должна быть конечным числом не "
              "меньше нуля. Исправьте значение населения этой единицы.",
        "kk": "«{group}» қорытындысы {value}: халық саны шектеулі және нөлден кем емес сан "
              "болуы керек. Осы бірліктің халық санын түзетіңіз.",
        "en": "The total of '{group}' is {value}: a population must be a finite number of at "
              "least zero. Correct that unit's population.",
    },
    "grid.duplicate_total": {
        "ru": "Итог «{group}» указан более одного раза; у каждой единицы должен быть один "
              "итог. Объедините или переименуйте повторяющиеся единицы.",
        "kk": "«{group}» қорытындысы бірнеше рет берілген; әр бірліктің бір қорытындысы болуы "
              "керек. Қайталанатын бірліктерді біріктіріңіз немесе атын өзгертіңіз.",
        "en": "The total of '{group}' is given more than once; each unit needs one total. "
              "Merge or rename the repeated units.",
    },
    "grid.group_without_total": {
        "ru": "{count} частей относятся к «{group}», для которого нет итога. Добавьте "
              "численность этой единицы или уберите её ячейки.",
        "kk": "{count} бөлік қорытындысы жоқ «{group}» тобына жатады. Осы бірліктің халық "
              "санын қосыңыз немесе оның ұяшықтарын алып тастаңыз.",
        "en": "{count} pieces belong to '{group}', which has no total. Add that unit's "
              "population or remove its cells.",
    },
    "grid.total_without_pieces": {
        "ru": "У {count} единиц есть население, но нет ни одной ячейки, куда его поместить "
              "(например: {groups}). Проверьте, что их полигоны не пусты и входят в сетку.",
        "kk": "{count} бірліктің халқы бар, бірақ оны орналастыратын бір де бір ұяшық жоқ "
              "(мысалы: {groups}). Олардың көпбұрыштары бос емес және торға кіретінін "
              "тексеріңіз.",
        "en": "{count} units have residents but no cell to put them in (for example: "
              "{groups}). Check that their polygons are not empty and are part of the grid.",
    },
    "grid.points_columns": {
        "ru": "В слое «{layer}» нет столбцов {columns}: точкам населения нужны unit_id "
              "(единица) и число жителей. Добавьте их или переименуйте столбцы.",
        "kk": "«{layer}» қабатында {columns} бағандары жоқ: халық нүктелеріне unit_id "
              "(бірлік) және тұрғындар саны қажет. Оларды қосыңыз немесе бағандардың атын "
              "өзгертіңіз.",
        "en": "Layer '{layer}' lacks the columns {columns}: population points need unit_id "
              "(their unit) and a number of residents. Add them or rename the columns.",
    },
    "grid.points_no_unit": {
        "ru": "Ни одна точка слоя «{layer}» не относится к известной единице (например, "
              "unit_id = {examples}). Проверьте, что unit_id точек совпадает с unit_id "
              "единиц, в том числе по типу (текст или число).",
        "kk": "«{layer}» қабатының бір де бір нүктесі белгілі бірлікке жатпайды (мысалы, "
              "unit_id = {examples}). Нүктелердің unit_id мәні бірліктердің unit_id мәнімен, "
              "соның ішінде түрі бойынша (мәтін немесе сан), сәйкес келетінін тексеріңіз.",
        "en": "No point of layer '{layer}' belongs to a known unit (for example unit_id = "
              "{examples}). Check that the points' unit_id matches the units' unit_id, "
              "including its type (text or number).",
    },
    "grid.bad_persons": {
        "ru": "У точки {row} слоя «{layer}» {column} = {value}: число жителей должно быть "
              "конечным и не меньше нуля. Исправьте значение или удалите строку.",
        "kk": "«{layer}» қабатының {row} нүктесінде {column} = {value}: тұрғындар саны "
              "шектеулі және нөлден кем емес болуы керек. Мәнді түзетіңіз немесе жолды жойыңыз.",
        "en": "Point {row} of layer '{layer}' has {column} = {value}: a number of residents "
              "must be finite and at least zero. Correct the value or remove the row.",
    },
    "grid.point_no_geometry": {
        "ru": "Точка {row} слоя «{layer}» без координат (пустая или не точечная геометрия). "
              "Задайте её координаты или удалите строку.",
        "kk": "«{layer}» қабатының {row} нүктесінде координаттар жоқ (бос немесе нүктелік "
              "емес геометрия). Оның координаттарын беріңіз немесе жолды жойыңыз.",
        "en": "Point {row} of layer '{layer}' has no coordinates (an empty or non-point "
              "geometry). Give it coordinates or remove the row.",
    },
}
# fmt: on
