"""ru/kk/en texts for hostile inputs (issue 18): a GeoJSON ``crs`` PROJ does not know,
coordinates outside the range of degrees, an OSM node without a valid location, an XLSX with a
DOCTYPE, and a blank layer name.

Merged into :data:`geo.i18n.TEXTS`.
"""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    "hostile.geojson_crs": {
        "ru": "{file}: член crs называет систему координат {crs}, которую GDAL не распознал "
              "(прочитал бы как {read_as} без предупреждения). Укажите систему координат "
              "через --crs EPSG:… или исправьте/удалите член crs.",
        "kk": "{file}: crs мүшесі GDAL танымаған {crs} координаттар жүйесін атайды (ескертусіз "
              "{read_as} ретінде оқылар еді). Координаттар жүйесін --crs EPSG:… арқылы "
              "көрсетіңіз немесе crs мүшесін түзетіңіз/өшіріңіз.",
        "en": "{file}: its crs member names the CRS {crs}, which GDAL did not recognise (it "
              "would be read as {read_as} without a word). Give the CRS with --crs EPSG:…, or "
              "correct or remove the crs member.",
    },
    "hostile.degrees_out_of_range": {
        "ru": "координаты вне диапазона градусов (долгота ±180, широта ±90), например {value}",
        "kk": "координаттар градус ауқымынан тыс (бойлық ±180, ендік ±90), мысалы {value}",
        "en": "coordinates outside the range of degrees (longitude ±180, latitude ±90), "
              "e.g. {value}",
    },
    "hostile.degrees_out_of_range_fix": {
        "ru": "Исправьте эти координаты; если это не градусы, укажите систему координат "
              "(--crs EPSG:…).",
        "kk": "Бұл координаттарды түзетіңіз; егер олар градус болмаса, координаттар жүйесін "
              "көрсетіңіз (--crs EPSG:…).",
        "en": "Correct these coordinates; if they are not degrees, give the CRS "
              "(--crs EPSG:…).",
    },
    "hostile.osm_location": {
        "ru": "{path}: {count} узл. без допустимых координат (lat в пределах ±90, lon ±180): "
              "{nodes}. Исправьте или удалите эти узлы, или скачайте выгрузку заново.",
        "kk": "{path}: жарамды координаттары жоқ {count} түйін (lat ±90, lon ±180 шегінде): "
              "{nodes}. Бұл түйіндерді түзетіңіз немесе өшіріңіз, не үзіндіні қайта жүктеңіз.",
        "en": "{path}: {count} node(s) without a valid location (lat within ±90, lon ±180): "
              "{nodes}. Correct or remove these nodes, or download the extract again.",
    },
    "hostile.xlsx_doctype": {
        "ru": "{file}: часть {part} объявляет DOCTYPE; таблицы его не содержат, а XML-сущности "
              "из него могут читать файлы или расходовать память. Файл не прочитан: "
              "сохраните таблицу заново в программе электронных таблиц или как CSV.",
        "kk": "{file}: {part} бөлігі DOCTYPE жариялайды; кестелерде ол болмайды, ал ондағы "
              "XML нысандары файлдарды оқуы не жадты жұмсауы мүмкін. Файл оқылмады: кестені "
              "электрондық кесте бағдарламасында немесе CSV ретінде қайта сақтаңыз.",
        "en": "{file}: its part {part} declares a DOCTYPE; spreadsheets hold none, and XML "
              "entities in one can read files or exhaust memory. The file was not read: save "
              "the table again from a spreadsheet program, or as CSV.",
    },
    "hostile.name_blank": {
        "ru": "пустое имя слоя ({name!r}) заменило бы слой «{kind}». Укажите имя, например "
              "--as {kind}_2, или опустите --as.",
        "kk": "бос қабат атауы ({name!r}) «{kind}» қабатын ауыстырар еді. Атау беріңіз, "
              "мысалы --as {kind}_2, немесе --as қалдырыңыз.",
        "en": "an empty layer name ({name!r}) would replace the layer '{kind}'. Give a name, "
              "e.g. --as {kind}_2, or leave --as out.",
    },
}
# fmt: on
