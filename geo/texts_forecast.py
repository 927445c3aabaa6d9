"""ru/kk/en texts of the forecast step. Merged into :data:`geo.i18n.TEXTS`."""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    "base_year.no_pop_year": {
        "ru": "У единиц нет года численности населения (pop_year): их население принято за "
              "население базового года {year}. Если оно другого года, добавьте столбец "
              "pop_year (`qonys join ТАБЛИЦА --to units --on kato`) или укажите --year.",
        "kk": "Бірліктерде халық санының жылы (pop_year) жоқ: олардың халқы {year} базалық "
              "жылдың халқы ретінде алынды. Ол басқа жылдікі болса, pop_year бағанын қосыңыз "
              "(`qonys join КЕСТЕ --to units --on kato`) немесе --year көрсетіңіз.",
        "en": "The units give no population year (pop_year): their populations are taken as "
              "of the base year {year}. If they are of another year, add a pop_year column "
              "(`qonys join TABLE --to units --on kato`) or give --year.",
    },
    "base_year.rolled": {
        "ru": "Население {units} из {total} единиц учтено на {years} год: оно пересчитано на "
              "базовый год {year} по естественному приросту ({rates} в год, growth.natural в "
              "файле норм), без миграции. Исходный год записан в столбце pop_year_loaded.",
        "kk": "{total} бірліктің {units}-інің халқы {years} жылға есептелген: ол {year} "
              "базалық жылға табиғи өсім бойынша қайта есептелді (жылына {rates}, нормалар "
              "файлындағы growth.natural), көші-қонсыз. Бастапқы жыл pop_year_loaded бағанында.",
        "en": "The populations of {units} of {total} units are of {years}: they are rolled "
              "forward to the base year {year} by natural increase ({rates} a year, "
              "growth.natural in the norms file), without migration. Column pop_year_loaded "
              "keeps the year counted.",
    },
    "base_year.later": {
        "ru": "Население {units} единиц учтено позже базового года {year} ({years}): оно "
              "использовано как есть. Укажите --year, чтобы выбрать базовый год.",
        "kk": "{units} бірліктің халқы {year} базалық жылынан кейін есептелген ({years}): ол "
              "сол күйінде пайдаланылды. Базалық жылды таңдау үшін --year көрсетіңіз.",
        "en": "The populations of {units} units are counted after the base year {year} "
              "({years}): they are used as they are. Give --year to choose the base year.",
    },
    "base_year.some_missing": {
        "ru": "У {units} из {total} единиц нет года численности (pop_year): их население "
              "принято за население базового года {year}.",
        "kk": "{total} бірліктің {units}-інде халық санының жылы (pop_year) жоқ: олардың халқы "
              "{year} базалық жылдың халқы ретінде алынды.",
        "en": "{units} of {total} units give no population year (pop_year): their "
              "populations are taken as of the base year {year}.",
    },
    "forecast.no_flows": {
        "ru": "В рабочем пространстве нет слоя потоков (flows): прогноз учитывает только "
              "естественный прирост и программу переселения, миграции в нём нет. Загрузите "
              "потоки (`qonys load ФАЙЛ --kind flows`); столбец migration_source прогноза "
              "говорит, учтена ли миграция.",
        "kk": "Жұмыс кеңістігінде ағындар қабаты (flows) жоқ: болжам тек табиғи өсімді және "
              "қоныс аудару бағдарламасын ескереді, онда көші-қон жоқ. Ағындарды жүктеңіз "
              "(`qonys load ФАЙЛ --kind flows`); болжамның migration_source бағаны көші-қон "
              "ескерілгенін көрсетеді.",
        "en": "The workspace has no flows layer: the forecast has natural increase and the "
              "resettlement programme only, no migration. Load flows "
              "(`qonys load FILE --kind flows`); the forecast's column migration_source says "
              "whether migration is in it.",
    },
}
# fmt: on
