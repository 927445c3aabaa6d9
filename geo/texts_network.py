"""ru/kk/en texts of road graphs and travel times.

Merged into :data:`geo.i18n.TEXTS`.
"""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    "graph.report": {
        "ru": "Дорожный граф: {nodes} узлов и {edges} направленных рёбер в наибольшей сильно "
              "связной компоненте (из {components}); отброшено {dropped_nodes} узлов и "
              "{dropped_km} км дорог, не связанных с ней в обе стороны.",
        "kk": "Жол графы: ең үлкен күшті байланысқан құрамдасында {nodes} түйін және {edges} "
              "бағытталған қабырға ({components} құрамдастың ішінен); онымен екі бағытта "
              "байланыспаған {dropped_nodes} түйін және {dropped_km} км жол алынып тасталды.",
        "en": "Road graph: {nodes} nodes and {edges} directed edges in the largest strongly "
              "connected component (of {components}); {dropped_nodes} nodes and {dropped_km} km "
              "of road not connected to it both ways were dropped.",
    },
    "graph.far_snap": {
        "ru": "{count} из {total} точек (жители и учреждения) дальше {limit:.0f} м от ближайшей "
              "дороги (наибольшее расстояние {worst:.0f} м, но не больше {off:.0f} м): это "
              "расстояние добавлено к пути пешком. Проверьте, что слой дорог их покрывает.",
        "kk": "{total} нүктенің {count}-і (тұрғындар мен мекемелер) ең жақын жолдан "
              "{limit:.0f} м-ден алыс (ең үлкен қашықтық {worst:.0f} м, бірақ {off:.0f} м-ден "
              "аспайды): бұл қашықтық жаяу жолға қосылды. Жол қабаты оларды қамтитынын "
              "тексеріңіз.",
        "en": "{count} of {total} points (residents and facilities) are more than {limit:.0f} m "
              "from the nearest road (worst {worst:.0f} m, within {off:.0f} m): that distance "
              "is added as a walk. Check that the roads layer covers them.",
    },
    "access.off_network_units": {
        "ru": "Дороги не покрывают {units} единиц: ни один их житель ({persons:,.0f} чел.) не "
              "живёт ближе {limit:.0f} м к дороге (наибольшее расстояние {worst:.1f} км). Их "
              "доступность (учреждения пешком, транспортный порог) неизвестна, а не закрыта: "
              "узкое место — «доступ неизвестен», готовность не оценена. Загрузите дороги, "
              "которые их покрывают (`qonys load ФАЙЛ --kind roads`).",
        "kk": "Жолдар {units} бірлікті қамтымайды: олардың бірде-бір тұрғыны ({persons:,.0f} "
              "адам) жолға {limit:.0f} м-ден жақын тұрмайды (ең үлкен қашықтық {worst:.1f} км). "
              "Олардың қолжетімділігі (жаяу мекемелер, көлік шегі) жабық емес, белгісіз: тар "
              "орны — «қолжетімділік белгісіз», дайындығы бағаланбады. Оларды қамтитын "
              "жолдарды жүктеңіз (`qonys load ФАЙЛ --kind roads`).",
        "en": "The roads do not cover {units} units: none of their residents ({persons:,.0f}) "
              "lives within {limit:.0f} m of a road (worst {worst:.1f} km). Their access "
              "(facilities on foot, the transport gate) is unknown, not closed: their "
              "bottleneck is 'access unknown' and their readiness is not assessed. Load roads "
              "that cover them (`qonys load FILE --kind roads`).",
    },
    "access.off_network_part": {
        "ru": "В {units} единицах часть жителей ({persons:,.0f} чел.) живёт дальше {limit:.0f} м "
              "от любой дороги (наибольшее расстояние {worst:.1f} км): дороги их не покрывают, "
              "их доступность неизвестна, и показатели единицы рассчитаны по жителям, которых "
              "дороги покрывают (столбец road_coverage — их доля). Загрузите дороги, которые "
              "покрывают остальных (`qonys load ФАЙЛ --kind roads`).",
        "kk": "{units} бірлікте тұрғындардың бір бөлігі ({persons:,.0f} адам) кез келген жолдан "
              "{limit:.0f} м-ден алыс тұрады (ең үлкен қашықтық {worst:.1f} км): жолдар оларды "
              "қамтымайды, олардың қолжетімділігі белгісіз, ал бірліктің көрсеткіштері жолдар "
              "қамтитын тұрғындар бойынша есептелді (road_coverage бағаны — олардың үлесі). "
              "Қалғандарын қамтитын жолдарды жүктеңіз (`qonys load ФАЙЛ --kind roads`).",
        "en": "In {units} units some residents ({persons:,.0f}) live more than {limit:.0f} m "
              "from any road (worst {worst:.1f} km): the roads do not cover them, their access "
              "is unknown, and the unit's figures are those of the residents the roads cover "
              "(column road_coverage is their share). Load roads that cover the rest "
              "(`qonys load FILE --kind roads`).",
    },
    "access.off_network_gate": {
        "ru": "Транспортный порог {units} из {total} единиц неизвестен: ни один их житель не "
              "живёт в пределах досягаемости автодорог. Это не закрытый порог: узкое место — "
              "«доступ неизвестен».",
        "kk": "{total} бірліктің {units}-інің көлік шегі белгісіз: олардың бірде-бір тұрғыны "
              "автожолдар жететін жерде тұрмайды. Бұл жабық шек емес: тар орны — "
              "«қолжетімділік белгісіз».",
        "en": "The transport gate of {units} of {total} units is unknown: none of their "
              "residents lives within reach of a drivable road. It is not a closed gate: their "
              "bottleneck is 'access unknown'.",
    },
    "access.off_network_sites": {
        "ru": "{count} из {total} учреждений дальше {limit:.0f} м от любой дороги (наибольшее "
              "расстояние {worst:.1f} км): дороги их не покрывают, и в расчёте они никого не "
              "обслуживают. Загрузите дороги, которые их покрывают, или проверьте их координаты.",
        "kk": "{total} мекеменің {count}-і кез келген жолдан {limit:.0f} м-ден алыс (ең үлкен "
              "қашықтық {worst:.1f} км): жолдар оларды қамтымайды, есепте олар ешкімге қызмет "
              "көрсетпейді. Оларды қамтитын жолдарды жүктеңіз немесе координаттарын тексеріңіз.",
        "en": "{count} of {total} facilities are more than {limit:.0f} m from any road (worst "
              "{worst:.1f} km): the roads do not cover them, so in the model they serve nobody. "
              "Load roads that cover them, or check their coordinates.",
    },
    "network.off_network": {"ru": "доступ неизвестен: дороги не покрывают",
                            "kk": "қолжетімділік белгісіз: жолдар қамтымайды",
                            "en": "access unknown: the roads do not cover it"},
    "graph.bad_mode": {
        "ru": "Неизвестный режим передвижения {mode!r}: используйте 'walk' или 'drive'.",
        "kk": "Белгісіз қозғалыс режимі {mode!r}: 'walk' немесе 'drive' қолданыңыз.",
        "en": "Unknown travel mode {mode!r}: use 'walk' or 'drive'.",
    },
    "graph.empty": {
        "ru": "В слое дорог ({count} объектов) нет ни одной линии, пригодной для режима "
              "{mode!r}. Загрузите линейный слой дорог (`qonys load ... --kind roads`).",
        "kk": "Жол қабатында ({count} нысан) {mode!r} режиміне жарамды бірде-бір сызық жоқ. "
              "Жолдардың сызықтық қабатын жүктеңіз (`qonys load ... --kind roads`).",
        "en": "The roads layer ({count} features) has no line usable for {mode!r}. Load a line "
              "layer of roads (`qonys load ... --kind roads`).",
    },
    "graph.osm_no_data": {
        "ru": "В файле {path} нет данных OpenStreetMap (ни узлов, ни линий). Проверьте, что это "
              "выгрузка OSM в XML, а не другой XML-файл, и что выгрузка не пуста.",
        "kk": "{path} файлында OpenStreetMap деректері жоқ (түйіндер де, сызықтар да жоқ). Бұл "
              "басқа XML файлы емес, OSM XML үзіндісі екенін және үзіндінің бос емес екенін "
              "тексеріңіз.",
        "en": "The file {path} holds no OpenStreetMap data (no nodes and no ways). Check that "
              "it is an OSM XML extract, not another XML file, and that the extract is not "
              "empty.",
    },
    "graph.osm_osmnx_failed": {
        "ru": "osmnx не смог построить граф из {path}: {reason}. Обычно это значит, что линия "
              "ссылается на узлы, которых нет в файле (выгрузка обрезана без целых линий). "
              "Вырежьте её целыми линиями (osmium extract --strategy complete_ways) или "
              "возьмите .pbf: его qonys читает через osmium и оставляет часть обрезанной линии "
              "внутри файла.",
        "kk": "osmnx {path} файлынан граф құра алмады: {reason}. Әдетте бұл сызықтың файлда "
              "жоқ түйіндерге сілтейтінін білдіреді (үзінді сызықтары бүтін қалдырылмай "
              "қиылған). Оны сызықтарды бүтін қалдырып қиыңыз (osmium extract --strategy "
              "complete_ways) немесе .pbf алыңыз: qonys оны osmium арқылы оқиды және қиылған "
              "сызықтың файл ішіндегі бөлігін сақтайды.",
        "en": "osmnx could not build a graph from {path}: {reason}. This usually means a way "
              "refers to nodes missing from the file (an extract cut without whole ways). Cut "
              "it keeping whole ways (osmium extract --strategy complete_ways), or use a .pbf: "
              "qonys reads it through osmium and keeps the part of a cut way inside the file.",
    },
    "graph.osm_no_roads": {
        "ru": "В файле {path} нет дорог для режима {mode!r}: из {count} линий с тегом highway "
              "ни одна не подходит (классы: {classes}). Проверьте, что выгрузка покрывает "
              "территорию с дорогами, или выберите другой режим.",
        "kk": "{path} файлында {mode!r} режиміне арналған жол жоқ: highway тегі бар {count} "
              "сызықтың ешқайсысы жарамайды (кластар: {classes}). Үзіндінің жолдары бар "
              "аумақты қамтитынын тексеріңіз немесе басқа режимді таңдаңыз.",
        "en": "The file {path} has no road for {mode!r}: none of its {count} lines with a "
              "highway tag qualifies (classes: {classes}). Check that the extract covers an "
              "area with roads, or choose the other mode.",
    },
    "graph.osm_crs": {
        "ru": "Центр дорог файла {path} (долгота {lon}, широта {lat}) лежит вне зон UTM "
              "Казахстана 41N–44N. Укажите метрическую систему координат явно (crs=, например "
              "EPSG-код зоны UTM этой территории).",
        "kk": "{path} файлы жолдарының орталығы (бойлық {lon}, ендік {lat}) Қазақстанның UTM "
              "41N–44N аймақтарынан тыс жатыр. Метрлік координаттар жүйесін нақты көрсетіңіз "
              "(crs=, мысалы осы аумақтың UTM аймағының EPSG коды).",
        "en": "The centre of the roads of {path} (longitude {lon}, latitude {lat}) lies outside "
              "Kazakhstan's UTM zones 41N-44N. Give a metric CRS explicitly (crs=, for example "
              "the EPSG code of the area's UTM zone).",
    },
    "cli.cross_boundary": {
        "ru": "Обслуживаются учреждениями другой территории (фактическое население): "
              "территория, сеть, доля обслуженного спроса, главный носитель (его доля):",
        "kk": "Басқа аумақтың мекемелері қызмет көрсетеді (нақты халық): аумақ, желі, "
              "қанағаттандырылған сұраныс үлесі, негізгі тасымалдаушы (оның үлесі):",
        "en": "Served by another territory's facilities (actual population): territory, "
              "network, share of served demand, main carrier (its share):",
    },
    "cli.cross_boundary_none": {
        "ru": "Никто не обслуживается учреждениями другой территории в пределах нормативного "
              "времени в пути.",
        "kk": "Нормативтік жол уақыты ішінде ешкім басқа аумақтың мекемелерімен қамтылмайды.",
        "en": "Nobody is served by another territory's facilities within the norm's travel "
              "time.",
    },
    "stage.cells": {"ru": "Заполнение района ячейками H3", "kk": "Ауданды H3 ұяшықтарымен толтыру",
                    "en": "Filling the region with H3 cells"},
    "stage.population": {"ru": "Распределение населения по ячейкам",
                         "kk": "Халықты ұяшықтарға бөлу",
                         "en": "Spreading residents over cells"},
    "stage.score": {"ru": "Расчёт готовности ячеек", "kk": "Ұяшықтардың дайындығын есептеу",
                    "en": "Scoring readiness per cell"},
    "grid.bad_grid_res": {
        "ru": "Разрешение сетки {res} не поддерживается: укажите --res {allowed}.",
        "kk": "{res} тор ажыратымдылығына қолдау жоқ: --res {allowed} көрсетіңіз.",
        "en": "Grid resolution {res} is not supported: use --res {allowed}.",
    },
    "grid.bad_spread": {
        "ru": "Неизвестный способ распределения населения {spread!r}: используйте {allowed}.",
        "kk": "Халықты бөлудің белгісіз тәсілі {spread!r}: {allowed} қолданыңыз.",
        "en": "Unknown way of spreading residents {spread!r}: use {allowed}.",
    },
    "grid.no_population_grid": {
        "ru": "Для --by grid нужен слой population_grid, а в рабочем пространстве его нет "
              "(район {region}). Загрузите его (`qonys load ФАЙЛ --kind population_grid`) или "
              "укажите --by area.",
        "kk": "--by grid үшін population_grid қабаты керек, ал жұмыс кеңістігінде ол жоқ "
              "({region} ауданы). Оны жүктеңіз (`qonys load ФАЙЛ --kind population_grid`) "
              "немесе --by area көрсетіңіз.",
        "en": "--by grid needs a population_grid layer and the workspace has none (region "
              "{region}). Load one (`qonys load FILE --kind population_grid`) or use --by area.",
    },
    "grid.unknown_region": {
        "ru": "В слое units нет района {region!r}. Районы рабочего пространства: {regions}.",
        "kk": "units қабатында {region!r} ауданы жоқ. Жұмыс кеңістігінің аудандары: {regions}.",
        "en": "The units layer has no region {region!r}. The workspace's regions: {regions}.",
    },
    "grid.units_by_area": {
        "ru": "{count} единиц без точек населения: их жители распределены по площади.",
        "kk": "Халық нүктелері жоқ {count} бірлік: олардың тұрғындары аумақ бойынша бөлінді.",
        "en": "{count} units have no population points: their residents are spread by area.",
    },
    "grid.summary": {
        "ru": "Слой {layer}: {scored} ячеек с жителями или объектами из {footprint} ячеек "
              "района {region} (разрешение {res}); население распределено {spread}.",
        "kk": "{layer} қабаты: {region} ауданының {footprint} ұяшығының ішінен тұрғындары "
              "немесе нысандары бар {scored} ұяшық ({res} ажыратымдылық); халық {spread} "
              "бөлінді.",
        "en": "Layer {layer}: {scored} cells with residents or facilities of the {footprint} "
              "cells of region {region} (resolution {res}); residents spread {spread}.",
    },
    "grid.by_grid": {"ru": "по сетке населения", "kk": "халық торы бойынша",
                     "en": "by the population grid"},
    "grid.by_area": {"ru": "по площади вне ограничений", "kk": "шектеулерден тыс аумақ бойынша",
                     "en": "by area outside the constraints"},
}
# fmt: on
