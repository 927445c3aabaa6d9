"""ru/kk/en texts of coordinate reference systems: missing .prj, guesses, SK-42.

Merged into :data:`geo.i18n.TEXTS`.
"""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    # --- geo.sk42 ---
    "crs.invalid": {
        "ru": "«{value}» — не система координат, известная PROJ: {reason}. Укажите код EPSG "
              "(например, EPSG:28413), WKT или строку PROJ.",
        "kk": "«{value}» — PROJ білетін координаттар жүйесі емес: {reason}. EPSG кодын "
              "(мысалы, EPSG:28413), WKT немесе PROJ жолын көрсетіңіз.",
        "en": "'{value}' is not a coordinate reference system PROJ knows: {reason}. Give an "
              "EPSG code (for example EPSG:28413), WKT or a PROJ string.",
    },
    "crs.no_crs": {
        "ru": "У данных не задана система координат, поэтому их нельзя привести к WGS 84. "
              "Укажите её через --crs (например, --crs EPSG:4326 для градусов, --crs "
              "EPSG:28413 для СК-42 Гаусса–Крюгера, зона 13).",
        "kk": "Деректердің координаттар жүйесі берілмеген, сондықтан оларды WGS 84-ке келтіру "
              "мүмкін емес. Оны --crs арқылы көрсетіңіз (мысалы, градустар үшін --crs "
              "EPSG:4326, СК-42 Гаусс–Крюгер 13-аймағы үшін --crs EPSG:28413).",
        "en": "The data have no coordinate reference system, so they cannot be brought to "
              "WGS 84. Give it with --crs (for example --crs EPSG:4326 for degrees, --crs "
              "EPSG:28413 for SK-42 Gauss-Krüger zone 13).",
    },
    "crs.gk_zone_outside": {
        "ru": "Зона Гаусса–Крюгера {zone} не покрывает Казахстан: его покрывают зоны с {first} "
              "по {last} (осевые меридианы от 45° до 87° в. д.).",
        "kk": "Гаусс–Крюгердің {zone} аймағы Қазақстанды қамтымайды: оны {first}–{last} "
              "аймақтары қамтиды (осьтік меридиандар 45°–87° ш. б.).",
        "en": "Gauss-Krüger zone {zone} does not cover Kazakhstan: the zones that do are "
              "{first} to {last} (central meridians 45°E to 87°E).",
    },
    "crs.transform_failed": {
        "ru": "{count} из {total} точек не удалось пересчитать из {source} в WGS 84 "
              "(первая: x={x}, y={y}). Проверьте, что --crs соответствует координатам файла.",
        "kk": "{total} нүктенің ішінен {count} нүктені {source} жүйесінен WGS 84-ке "
              "қайта есептеу мүмкін болмады (біріншісі: x={x}, y={y}). --crs файлдың "
              "координаттарына сәйкес келетінін тексеріңіз.",
        "en": "{count} of {total} points could not be transformed from {source} to WGS 84 "
              "(the first: x={x}, y={y}). Check that --crs matches the file's coordinates.",
    },
    "crs.legacy_gk": {
        "ru": "Система координат «{name}» — проекция Гаусса–Крюгера (осевой меридиан {lon_0}° "
              "в. д., ложное восточное смещение {x_0} м) на эллипсоиде Красовского без "
              "известного датума («{datum}»). PROJ принимает такое описание за Пекин 1954 или "
              "пересчитывает в WGS 84 без сдвига датума, и данные смещаются на десятки "
              "метров. Если данные в СК-42 (Пулково 1942), загрузите их с --crs {crs} "
              "({crs_name}).",
        "kk": "«{name}» координаттар жүйесі — Красовский эллипсоидіндегі Гаусс–Крюгер "
              "проекциясы (осьтік меридиан {lon_0}° ш. б., жалған шығыс ығысуы {x_0} м), оның "
              "датумы белгісіз («{datum}»). PROJ мұндай сипаттаманы Пекин 1954 деп қабылдайды "
              "немесе WGS 84-ке датумды ығыстырмай есептейді, сонда деректер ондаған метрге "
              "жылжиды. Егер деректер СК-42 (Пулково 1942) жүйесінде болса, оларды --crs "
              "{crs} ({crs_name}) арқылы жүктеңіз.",
        "en": "The coordinate system '{name}' is a Gauss-Krüger projection (central meridian "
              "{lon_0}°E, false easting {x_0} m) on the Krassowsky ellipsoid without a known "
              "datum ('{datum}'). PROJ reads such a definition as Beijing 1954 or converts it "
              "to WGS 84 with no datum shift, which moves the data by tens of metres. If the "
              "data are SK-42 (Pulkovo 1942), load them with --crs {crs} ({crs_name}).",
    },
    "crs.legacy_tm_local": {
        "ru": "Система координат «{name}» — поперечная проекция Меркатора на эллипсоиде "
              "Красовского без известного датума («{datum}»): осевой меридиан {lon_0}° в. д., "
              "ложное восточное смещение {x_0} м, ложное северное смещение {y_0} м, масштабный "
              "коэффициент {k}. Это не зона Гаусса–Крюгера СК-42, а, вероятно, местная система "
              "координат (МСК), и PROJ не может правильно пересчитать её в WGS 84. Запросите у "
              "владельца данных её описание со сдвигом датума (строку PROJ с +towgs84=…) и "
              "укажите его через --crs.",
        "kk": "«{name}» координаттар жүйесі — Красовский эллипсоидіндегі көлденең Меркатор "
              "проекциясы, датумы белгісіз («{datum}»): осьтік меридиан {lon_0}° ш. б., "
              "жалған шығыс ығысуы {x_0} м, жалған солтүстік ығысуы {y_0} м, масштаб "
              "коэффициенті {k}. Бұл СК-42 Гаусс–Крюгер аймағы емес, шамасы жергілікті "
              "координаттар жүйесі (МСК), және PROJ оны WGS 84-ке дұрыс есептей алмайды. "
              "Деректер иесінен оның датум ығысуы бар сипаттамасын (+towgs84=… бар PROJ "
              "жолын) сұрап, оны --crs арқылы көрсетіңіз.",
        "en": "The coordinate system '{name}' is a transverse Mercator projection on the "
              "Krassowsky ellipsoid without a known datum ('{datum}'): central meridian "
              "{lon_0}°E, false easting {x_0} m, false northing {y_0} m, scale factor {k}. That "
              "is not an SK-42 Gauss-Krüger zone but probably a local system (MSK), and PROJ "
              "cannot bring it to WGS 84 correctly. Ask the data's owner for its definition "
              "with the datum shift (a PROJ string with +towgs84=…) and give it with --crs.",
    },
    "crs.legacy_geographic": {
        "ru": "Система координат «{name}» — географическая (градусы) на эллипсоиде "
              "Красовского без известного датума («{datum}»): PROJ пересчитает её в WGS 84 без "
              "сдвига датума, и данные сместятся на десятки метров. Если данные в СК-42 "
              "(Пулково 1942), загрузите их с --crs {crs}.",
        "kk": "«{name}» координаттар жүйесі — Красовский эллипсоидіндегі географиялық "
              "(градустар) жүйе, датумы белгісіз («{datum}»): PROJ оны WGS 84-ке датумды "
              "ығыстырмай есептейді, сонда деректер ондаған метрге жылжиды. Егер деректер "
              "СК-42 (Пулково 1942) жүйесінде болса, оларды --crs {crs} арқылы жүктеңіз.",
        "en": "The coordinate system '{name}' is geographic (degrees) on the Krassowsky "
              "ellipsoid without a known datum ('{datum}'): PROJ would bring it to WGS 84 with "
              "no datum shift, which moves the data by tens of metres. If the data are SK-42 "
              "(Pulkovo 1942), load them with --crs {crs}.",
    },

    # --- geo.crs_guess ---
    "crs.guess_empty": {
        "ru": "В слое нет координат, по которым можно распознать систему координат. Укажите "
              "её через --crs (например, --crs EPSG:4326).",
        "kk": "Қабатта координаттар жүйесін тануға болатын координаттар жоқ. Оны --crs арқылы "
              "көрсетіңіз (мысалы, --crs EPSG:4326).",
        "en": "The layer has no coordinates to recognise its coordinate system from. Give it "
              "with --crs (for example --crs EPSG:4326).",
    },
    "crs.guess_wgs84": {
        "ru": "Координаты ({bounds}) — градусы в пределах Казахстана: они прочитаны как "
              "долгота и широта WGS 84 (EPSG:4326). Если это градусы СК-42, укажите --crs "
              "EPSG:4284.",
        "kk": "Координаттар ({bounds}) — Қазақстан шегіндегі градустар: олар WGS 84 бойлығы "
              "мен ендігі (EPSG:4326) ретінде оқылды. Егер бұл СК-42 градустары болса, --crs "
              "EPSG:4284 көрсетіңіз.",
        "en": "The coordinates ({bounds}) are degrees inside Kazakhstan: they are read as "
              "WGS 84 longitude and latitude (EPSG:4326). If they are SK-42 degrees, give "
              "--crs EPSG:4284.",
    },
    "crs.guess_wgs84_both": {
        "ru": "Координаты ({bounds}) — градусы, которые попадают в Казахстан при любом порядке "
              "(западный Казахстан): они прочитаны как x — долгота, y — широта, WGS 84 "
              "(EPSG:4326). Если в x записана широта, поменяйте столбцы местами в файле или "
              "через --map.",
        "kk": "Координаттар ({bounds}) — кез келген ретпен Қазақстанға түсетін градустар "
              "(Батыс Қазақстан): олар x — бойлық, y — ендік, WGS 84 (EPSG:4326) ретінде "
              "оқылды. Егер x-те ендік жазылса, бағандардың орнын файлда немесе --map арқылы "
              "ауыстырыңыз.",
        "en": "The coordinates ({bounds}) are degrees that fall inside Kazakhstan read either "
              "way round (western Kazakhstan): they are read with x as longitude and y as "
              "latitude, WGS 84 (EPSG:4326). If x holds the latitude, swap the columns in the "
              "file or with --map.",
    },
    "crs.guess_swapped": {
        "ru": "Координаты ({bounds}) попадают в Казахстан, только если поменять местами "
              "широту и долготу: в x записана широта, в y — долгота. Поменяйте эти столбцы "
              "местами в файле или сопоставьте их наоборот через --map и загрузите снова.",
        "kk": "Координаттар ({bounds}) ендік пен бойлықтың орнын ауыстырғанда ғана "
              "Қазақстанға түседі: x-те ендік, y-те бойлық жазылған. Файлда осы екі бағанның "
              "орнын ауыстырыңыз немесе --map арқылы керісінше сәйкестендіріп, қайта "
              "жүктеңіз.",
        "en": "The coordinates ({bounds}) fit Kazakhstan only with latitude and longitude "
              "swapped: x holds the latitude and y the longitude. Swap the two columns in the "
              "file, or map them the other way round with --map, and load again.",
    },
    "crs.guess_gk_prefix": {
        "ru": "Координаты ({bounds}) похожи на метры СК-42 (Пулково 1942) в проекции "
              "Гаусса–Крюгера, зона {zone}: номер зоны стоит в начале восточной координаты. По "
              "координатам датум не определить: если данные в СК-42, укажите --crs {crs}.",
        "kk": "Координаттар ({bounds}) СК-42 (Пулково 1942) Гаусс–Крюгер проекциясының "
              "{zone}-аймағындағы метрлерге ұқсайды: аймақ нөмірі шығыс координатасының "
              "басында тұр. Координаттар бойынша датумды анықтау мүмкін емес: егер деректер "
              "СК-42 жүйесінде болса, --crs {crs} көрсетіңіз.",
        "en": "The coordinates ({bounds}) look like metres of SK-42 (Pulkovo 1942) "
              "Gauss-Krüger zone {zone}, with the zone number in front of the easting. "
              "Coordinates cannot show the datum: if the data are SK-42, give --crs {crs}.",
    },
    "crs.guess_projected": {
        "ru": "Координаты ({bounds}) — метры в зоне поперечной проекции Меркатора без номера "
              "зоны: UTM ({utm}) или СК-42 Гаусса–Крюгера без номера зоны ({gk}). Только по "
              "координатам не понять, какая именно: укажите --crs, например EPSG:32643 или "
              "EPSG:2503 для Алматы, EPSG:32642 или EPSG:2502 для Астаны и Шымкента.",
        "kk": "Координаттар ({bounds}) — аймақ нөмірі жоқ көлденең Меркатор аймағының "
              "метрлері: UTM ({utm}) немесе аймақ нөмірі жоқ СК-42 Гаусс–Крюгер ({gk}). Тек "
              "координаттар бойынша қайсысы екенін анықтау мүмкін емес: --crs көрсетіңіз, "
              "мысалы, Алматы үшін EPSG:32643 немесе EPSG:2503, Астана мен Шымкент үшін "
              "EPSG:32642 немесе EPSG:2502.",
        "en": "The coordinates ({bounds}) are metres of a transverse Mercator zone without a "
              "zone number: UTM ({utm}) or SK-42 Gauss-Krüger without the zone prefix ({gk}). "
              "Coordinates alone cannot tell which: give --crs, for example EPSG:32643 or "
              "EPSG:2503 for Almaty, EPSG:32642 or EPSG:2502 for Astana and Shymkent.",
    },
    "crs.guess_unknown": {
        "ru": "Координаты ({bounds}) не подходят ни к одной системе координат, которую qonys "
              "распознаёт для Казахстана (градусы WGS 84, СК-42 Гаусса–Крюгера, UTM). Укажите "
              "систему координат через --crs (например, --crs EPSG:4326).",
        "kk": "Координаттар ({bounds}) qonys Қазақстан үшін танитын координаттар жүйелерінің "
              "ешқайсысына сәйкес келмейді (WGS 84 градустары, СК-42 Гаусс–Крюгер, UTM). "
              "Координаттар жүйесін --crs арқылы көрсетіңіз (мысалы, --crs EPSG:4326).",
        "en": "The coordinates ({bounds}) fit none of the coordinate systems qonys recognises "
              "for Kazakhstan (WGS 84 degrees, SK-42 Gauss-Krüger, UTM). Give the coordinate "
              "system with --crs (for example --crs EPSG:4326).",
    },
}
# fmt: on
