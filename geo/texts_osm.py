"""ru/kk/en texts of the OpenStreetMap reader.

Merged into :data:`geo.i18n.TEXTS`.
"""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    "osm.err.kind": {
        "ru": "Из файла OpenStreetMap нельзя прочитать слой типа «{kind}». Выберите один из: "
              "{kinds}.",
        "kk": "OpenStreetMap файлынан «{kind}» түріндегі қабатты оқу мүмкін емес. Мыналардың "
              "бірін таңдаңыз: {kinds}.",
        "en": "A layer of kind '{kind}' cannot be read from an OpenStreetMap file. Choose one "
              "of: {kinds}.",
    },
    "osm.err.not_found": {
        "ru": "Файл OpenStreetMap {path} не найден. Проверьте путь и имя файла.",
        "kk": "{path} OpenStreetMap файлы табылмады. Жолы мен файл атауын тексеріңіз.",
        "en": "The OpenStreetMap file {path} does not exist. Check the path and the file name.",
    },
    "osm.err.format": {
        "ru": "{path} не похож на файл OpenStreetMap: ожидается расширение .osm, .osm.bz2, "
              ".osm.gz или .pbf (.osm.pbf). Переименуйте файл или сохраните его в одном из "
              "этих форматов.",
        "kk": "{path} OpenStreetMap файлына ұқсамайды: .osm, .osm.bz2, .osm.gz немесе .pbf "
              "(.osm.pbf) кеңейтімі күтіледі. Файлдың атын өзгертіңіз немесе оны осы "
              "пішімдердің бірінде сақтаңыз.",
        "en": "{path} does not look like an OpenStreetMap file: the extension must be .osm, "
              ".osm.bz2, .osm.gz or .pbf (.osm.pbf). Rename the file or save it in one of "
              "these formats.",
    },
    "osm.err.read": {
        "ru": "Не удалось прочитать файл OpenStreetMap {path}: {reason}. Вероятно, файл "
              "повреждён или скачан не полностью: скачайте его заново.",
        "kk": "{path} OpenStreetMap файлын оқу мүмкін болмады: {reason}. Файл бүлінген "
              "немесе толық жүктелмеген болуы мүмкін: оны қайта жүктеп алыңыз.",
        "en": "Could not read the OpenStreetMap file {path}: {reason}. The file is probably "
              "damaged or incompletely downloaded: download it again.",
    },
    "osm.problem.missing_nodes": {
        "ru": "пропущено объектов, ссылающихся на точки, которых нет в файле (обрезаны "
              "границей выгрузки): {count} ({ids})",
        "kk": "файлда жоқ нүктелерге сілтейтін (үзінді шекарасымен кесілген) нысандар "
              "өткізілді: {count} ({ids})",
        "en": "features referencing nodes that are not in the file (cut at the extract's "
              "edge) were dropped: {count} ({ids})",
    },
    "osm.fix.missing_nodes": {
        "ru": "Возьмите выгрузку побольше или вырежьте её целыми линиями (osmium extract "
              "--strategy complete_ways).",
        "kk": "Үлкенірек үзінді алыңыз немесе оны сызықтарды бүтін қалдырып қиыңыз (osmium "
              "extract --strategy complete_ways).",
        "en": "Use a larger extract, or cut it keeping whole ways (osmium extract --strategy "
              "complete_ways).",
    },
    "osm.note.roads_read": {
        "ru": "OpenStreetMap: прочитано линий с тегом highway: {read}, оставлено дорог: {kept}",
        "kk": "OpenStreetMap: highway тегі бар {read} сызық оқылды, {kept} жол қалдырылды",
        "en": "OpenStreetMap: {read} ways with a highway tag read, {kept} kept as roads",
    },
    "osm.note.dropped_class": {
        "ru": "пропущено {count}: класс highway не для движения ({classes})",
        "kk": "{count} өткізілді: highway класы қозғалысқа арналмаған ({classes})",
        "en": "{count} dropped: highway class not for travel ({classes})",
    },
    "osm.note.dropped_area": {
        "ru": "пропущено {count}: area=yes (площади, а не линии)",
        "kk": "{count} өткізілді: area=yes (сызық емес, алаң)",
        "en": "{count} dropped: area=yes (squares, not lines)",
    },
    "osm.problem.clipped": {
        "ru": "линий, обрезанных границей выгрузки, сохранены по самому длинному участку из "
              "точек, что есть в файле: {count} ({ids})",
        "kk": "үзінді шекарасымен кесілген сызықтар файлда бар нүктелердің ең ұзын бөлігі "
              "бойынша сақталды: {count} ({ids})",
        "en": "ways cut by the extract's edge kept as their longest run of nodes present in "
              "the file: {count} ({ids})",
    },
    "osm.note.dropped_missing": {
        "ru": "пропущено {count}: точки отсутствуют в файле",
        "kk": "{count} өткізілді: нүктелері файлда жоқ",
        "en": "{count} dropped: nodes missing from the file",
    },
    "osm.note.dropped_degenerate": {
        "ru": "пропущено {count}: меньше двух различных точек или нулевая площадь",
        "kk": "{count} өткізілді: екіден аз әртүрлі нүкте немесе аудан нөлге тең",
        "en": "{count} dropped: fewer than two distinct points, or no area",
    },
    "osm.note.maxspeed_unparsed": {
        "ru": "значений maxspeed без числа: {count} (например, {examples}); столбец "
              "speed_kmh оставлен пустым",
        "kk": "саны жоқ maxspeed мәндері: {count} (мысалы, {examples}); speed_kmh бос "
              "қалдырылды",
        "en": "{count} maxspeed values name no number (for example {examples}); speed_kmh "
              "left empty",
    },
    "osm.note.facilities_read": {
        "ru": "OpenStreetMap: прочитано объектов школ, детских садов и медицинских "
              "учреждений: {read}, оставлено: {kept}",
        "kk": "OpenStreetMap: мектеп, балабақша және медициналық мекеме нысандары "
              "оқылды: {read}, қалдырылды: {kept}",
        "en": "OpenStreetMap: {read} school, kindergarten and health facility objects read, "
              "{kept} kept",
    },
    "osm.note.open_ways": {
        "ru": "пропущено {count}: незамкнутые линии (не контур здания или участка)",
        "kk": "{count} өткізілді: тұйықталмаған сызықтар (ғимарат не учаске контуры емес)",
        "en": "{count} dropped: open ways (not the outline of a building or plot)",
    },
    "osm.note.relations": {
        "ru": "не прочитано {count}: отношения, не являющиеся мультиполигонами (type=site и "
              "т. п.); нанесите объект точкой, контуром или мультиполигоном",
        "kk": "{count} оқылмады: мультиполигон емес қатынастар (type=site және т.б.); "
              "нысанды нүкте, контур немесе мультиполигон ретінде белгілеңіз",
        "en": "{count} not read: relations that are not multipolygons (type=site and the "
              "like); map the facility as a node, an outline or a multipolygon",
    },
    "osm.note.multipolygons_lost": {
        "ru": "пропущено {count}: мультиполигоны, которые не удалось собрать (в выгрузке нет "
              "части линий или контур не замкнут)",
        "kk": "{count} өткізілді: құрастыру мүмкін болмаған мультиполигондар (үзіндіде "
              "сызықтардың бір бөлігі жоқ немесе контур тұйықталмаған)",
        "en": "{count} dropped: multipolygons that could not be assembled (member ways "
              "missing from the extract, or an open outline)",
    },
    "osm.note.unsorted": {
        "ru": "не прочитано {count}: мультиполигоны — файл не упорядочен по типу и "
              "идентификатору объектов; упорядочьте его (osmium sort) и загрузите снова",
        "kk": "{count} оқылмады: мультиполигондар — файл нысан түрі мен идентификаторы "
              "бойынша реттелмеген; оны реттеңіз (osmium sort) және қайта жүктеңіз",
        "en": "{count} not read: multipolygons, because the file is not sorted by object "
              "type and id; sort it (osmium sort) and load it again",
    },
    "osm.note.merged": {
        "ru": "объединено {count} повторно нанесённых объектов (точка у контура того же вида "
              "в пределах {metres:.0f} м: {nodes}; контур внутри контура того же вида: "
              "{nested}; то же имя и вид в пределах {metres:.0f} м: {named})",
        "kk": "қайта белгіленген {count} нысан біріктірілді (сол түрдегі контурдан "
              "{metres:.0f} м ішіндегі нүкте: {nodes}; сол түрдегі контур ішіндегі контур: "
              "{nested}; {metres:.0f} м ішіндегі аты мен түрі бірдей: {named})",
        "en": "{count} features mapped twice were merged (a node within {metres:.0f} m of an "
              "outline of its kind: {nodes}; an outline inside a larger one of its kind: "
              "{nested}; the same name and kind within {metres:.0f} m: {named})",
    },
    "osm.note.not_school": {
        "ru": "не считаются школами {count}: музыкальные, художественные, спортивные, "
              "автошколы и т. п. (например, {examples})",
        "kk": "{count} мектеп ретінде саналмайды: музыка, өнер, спорт мектептері, "
              "автомектептер және т.б. (мысалы, {examples})",
        "en": "{count} not counted as schools: music, art, sport, driving schools and the "
              "like (for example {examples})",
    },
    "osm.note.kind_by_name": {
        "ru": "вид определён или уточнён по названию: {count} ({kinds})",
        "kk": "түрі атауы бойынша анықталды немесе нақтыланды: {count} ({kinds})",
        "en": "{count} kinds taken or refined from the name ({kinds})",
    },
    "osm.note.beds": {
        "ru": "больниц без тега capacity, вместимость взята из тега beds (койки): {count}",
        "kk": "capacity тегі жоқ ауруханалар, сыйымдылық beds (төсек) тегінен алынды: "
              "{count}",
        "en": "{count} hospitals without a capacity tag: capacity taken from beds",
    },
    "osm.note.capacity_unparsed": {
        "ru": "значений capacity без числа: {count} (например, {examples}); вместимость "
              "не заполнена",
        "kk": "саны жоқ capacity мәндері: {count} (мысалы, {examples}); сыйымдылық бос "
              "қалдырылды",
        "en": "{count} capacity values name no number (for example {examples}); capacity "
              "left empty",
    },
}
# fmt: on
