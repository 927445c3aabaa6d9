"""ru/kk/en texts of the population raster reader.

Merged into :data:`geo.i18n.TEXTS`.
"""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    "raster.missing": {
        "ru": "Файл растра {path} не найден. Проверьте путь и имя файла.",
        "kk": "{path} растр файлы табылмады. Жол мен файл атауын тексеріңіз.",
        "en": "The raster file {path} does not exist. Check the path and the file name.",
    },
    "raster.unreadable": {
        "ru": "Файл {path} не читается как растр (GeoTIFF): {reason}. Проверьте, что файл "
              "скачан полностью и является растром, например командой `gdalinfo {path}`.",
        "kk": "{path} файлы растр (GeoTIFF) ретінде оқылмайды: {reason}. Файлдың толық "
              "жүктелгенін және растр екенін тексеріңіз, мысалы `gdalinfo {path}` пәрменімен.",
        "en": "{path} cannot be read as a raster (GeoTIFF): {reason}. Check that the file was "
              "downloaded completely and is a raster, for example with `gdalinfo {path}`.",
    },
    "raster.too_many_cells": {
        "ru": "Растр {path} слишком велик: {width} × {height} = {cells} ячеек, предел {limit}. "
              "Вырежьте нужный район (gdal_translate -projwin ...) или укрупните ячейки "
              "(gdalwarp -tr ...); на большой машине предел поднимает QONYS_RASTER_MAX_CELLS. "
              "Ничего не прочитано.",
        "kk": "{path} растры тым үлкен: {width} × {height} = {cells} ұяшық, шегі {limit}. "
              "Керек ауданды қиып алыңыз (gdal_translate -projwin ...) немесе ұяшықтарды "
              "ірілендіріңіз (gdalwarp -tr ...); үлкен машинада шекті QONYS_RASTER_MAX_CELLS "
              "көтереді. Ештеңе оқылмады.",
        "en": "The raster {path} is too large: {width} × {height} = {cells} cells, the limit is "
              "{limit}. Cut out the area you need (gdal_translate -projwin ...) or coarsen the "
              "cells (gdalwarp -tr ...); QONYS_RASTER_MAX_CELLS raises the limit on a bigger "
              "machine. Nothing was read.",
    },
    "raster.too_many_points": {
        "ru": "В растре {path} больше {limit} заселённых ячеек (превышено на строке {row}): "
              "столько точек не поместится в памяти. Укрупните ячейки (gdalwarp -tr ... -r "
              "sum) или вырежьте район; предел поднимает QONYS_RASTER_MAX_POINTS.",
        "kk": "{path} растрында {limit}-ден көп қоныстанған ұяшық бар ({row} жолда асып кетті): "
              "мұнша нүкте жадқа сыймайды. Ұяшықтарды ірілендіріңіз (gdalwarp -tr ... -r sum) "
              "немесе ауданды қиып алыңыз; шекті QONYS_RASTER_MAX_POINTS көтереді.",
        "en": "The raster {path} has more than {limit} populated cells (passed at row {row}): "
              "that many points will not fit in memory. Coarsen the cells (gdalwarp -tr ... -r "
              "sum) or cut out the area; QONYS_RASTER_MAX_POINTS raises the limit.",
    },
    "raster.bad_limit": {
        "ru": "{name}={value} — не число. Укажите целое число ячеек, например {name}=4000000000.",
        "kk": "{name}={value} — сан емес. Ұяшықтардың бүтін санын беріңіз, мысалы "
              "{name}=4000000000.",
        "en": "{name}={value} is not a number. Give a whole number of cells, for example "
              "{name}=4000000000.",
    },
    "raster.bad_band": {
        "ru": "В растре {path} нет канала {band}: каналов {count}. Укажите канал от 1 до "
              "{count}.",
        "kk": "{path} растрында {band} арнасы жоқ: арналар саны {count}. 1-ден {count}-ге "
              "дейінгі арнаны көрсетіңіз.",
        "en": "The raster {path} has no band {band}: it has {count} band(s). Give a band from 1 "
              "to {count}.",
    },
    "raster.not_georeferenced": {
        "ru": "Растр {path} не привязан к координатам (нет геотрансформации, есть только "
              "номера пикселей). Привяжите его в ГИС или сохраните как GeoTIFF с привязкой.",
        "kk": "{path} растры координаттарға байланбаған (геотрансформация жоқ, тек пиксель "
              "нөмірлері бар). Оны ГАЖ-да байлаңыз немесе байламы бар GeoTIFF ретінде сақтаңыз.",
        "en": "The raster {path} is not georeferenced (no geotransform, only pixel numbers). "
              "Georeference it in a GIS, or save it as a GeoTIFF with its geotransform.",
    },
    "raster.rotated": {
        "ru": "Растр {path} повёрнут или скошен (геотрансформация {transform}); такие растры "
              "не поддерживаются. Перепроецируйте его на сетку, выровненную по осям: "
              "`gdalwarp {path} out.tif`.",
        "kk": "{path} растры бұрылған немесе қисайған (геотрансформация {transform}); мұндай "
              "растрлар қолдау көрсетілмейді. Оны осьтерге тураланған торға қайта "
              "проекциялаңыз: `gdalwarp {path} out.tif`.",
        "en": "The raster {path} is rotated or sheared (geotransform {transform}), which is not "
              "supported. Warp it to a north-up grid: `gdalwarp {path} out.tif`.",
    },
    "raster.no_crs": {
        "ru": "В растре {path} не указана система координат. Укажите её при загрузке "
              "(--crs EPSG:4326 для градусов WGS 84, EPSG:32643 для UTM 43N …) или запишите "
              "в файл: `gdal_edit.py -a_srs EPSG:4326 {path}`.",
        "kk": "{path} растрында координаттар жүйесі көрсетілмеген. Оны жүктеу кезінде "
              "көрсетіңіз (WGS 84 градустары үшін --crs EPSG:4326, UTM 43N үшін EPSG:32643 …) "
              "немесе файлға жазыңыз: `gdal_edit.py -a_srs EPSG:4326 {path}`.",
        "en": "The raster {path} declares no coordinate reference system. Give it when loading "
              "(--crs EPSG:4326 for WGS 84 degrees, EPSG:32643 for UTM 43N …) or write it into "
              "the file: `gdal_edit.py -a_srs EPSG:4326 {path}`.",
    },
    "raster.bad_crs": {
        "ru": "Система координат «{crs}», указанная для растра {path}, не распознана: "
              "{reason}. Укажите код вида EPSG:4326.",
        "kk": "{path} растры үшін көрсетілген «{crs}» координаттар жүйесі танылмады: "
              "{reason}. EPSG:4326 түріндегі кодты көрсетіңіз.",
        "en": "The CRS '{crs}' given for the raster {path} is not recognised: {reason}. Give a "
              "code such as EPSG:4326.",
    },
    "raster.negative_value": {
        "ru": "{count} ячеек с отрицательной численностью (наименьшее значение {minimum}), "
              "например {cells} (r<строка>c<столбец>, счёт с 0); они пропущены",
        "kk": "халық саны теріс {count} ұяшық (ең кіші мәні {minimum}), мысалы {cells} "
              "(r<жол>c<баған>, 0-ден санағанда); олар өткізіліп жіберілді",
        "en": "{count} cell(s) with a negative number of persons (smallest {minimum}), for "
              "example {cells} (r<row>c<column>, counted from 0); they were skipped",
    },
    "raster.negative_fix": {
        "ru": "Если это значение «нет данных», объявите его: `gdal_edit.py -a_nodata {minimum} "
              "{path}`; иначе исправьте ячейки.",
        "kk": "Егер бұл «деректер жоқ» мәні болса, оны жариялаңыз: `gdal_edit.py -a_nodata "
              "{minimum} {path}`; әйтпесе ұяшықтарды түзетіңіз.",
        "en": "If this is a no-data value, declare it: `gdal_edit.py -a_nodata {minimum} "
              "{path}`; otherwise correct the cells.",
    },
    "raster.crs_override_value": {
        "ru": "в файле указана система координат {found}, но задана {given}; используется "
              "{given}",
        "kk": "файлда {found} координаттар жүйесі көрсетілген, бірақ {given} берілді; {given} "
              "қолданылады",
        "en": "the file declares the CRS {found} but {given} was given; {given} is used",
    },
    "raster.crs_override_fix": {
        "ru": "Если система координат файла верна, не указывайте --crs.",
        "kk": "Егер файлдың координаттар жүйесі дұрыс болса, --crs көрсетпеңіз.",
        "en": "If the file's CRS is right, leave out --crs.",
    },
    "raster.note_total": {
        "ru": "канал {band}: {points} ячеек с населением, всего {total} чел. (ячейка {size_x} × "
              "{size_y} в единицах системы координат)",
        "kk": "{band} арна: халқы бар {points} ұяшық, барлығы {total} адам (ұяшық {size_x} × "
              "{size_y} координаттар жүйесінің бірліктерінде)",
        "en": "band {band}: {points} populated cell(s), {total} persons in total (cell {size_x} × "
              "{size_y} in the CRS's units)",
    },
    "raster.note_crs_given": {
        "ru": "в файле нет системы координат; использована заданная {crs}",
        "kk": "файлда координаттар жүйесі жоқ; берілген {crs} қолданылды",
        "en": "the file declares no CRS; the given {crs} was used",
    },
    "raster.note_scale": {
        "ru": "значения пересчитаны по масштабу {scale} и смещению {offset} канала",
        "kk": "мәндер арнаның {scale} масштабы мен {offset} ығысуы бойынша қайта есептелді",
        "en": "values converted with the band's scale {scale} and offset {offset}",
    },
}
# fmt: on
