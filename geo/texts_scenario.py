"""ru/kk/en texts of the scenario step. Merged into :data:`geo.i18n.TEXTS`."""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    "scenario.problems": {
        "ru": "Сценарий {path}: проблем — {count}. Исправьте их все:",
        "kk": "{path} сценарийі: {count} мәселе бар. Олардың барлығын түзетіңіз:",
        "en": "Scenario {path}: {count} problem(s). Fix them all:",
    },
    "scenario.at": {
        "ru": "{file}, строка {line}, {key}: {problem}",
        "kk": "{file}, {line}-жол, {key}: {problem}",
        "en": "{file}, line {line}, {key}: {problem}",
    },
    "scenario.at_line": {
        "ru": "{file}, строка {line}: {problem}",
        "kk": "{file}, {line}-жол: {problem}",
        "en": "{file}, line {line}: {problem}",
    },
    "scenario.hint": {
        "ru": " (возможно, имелось в виду: {candidates})",
        "kk": " (мүмкін, мынаны меңзедіңіз: {candidates})",
        "en": " (did you mean {candidates}?)",
    },
    "scenario.unreadable": {
        "ru": "Не удаётся прочитать файл сценария {path}: {reason}. Проверьте путь и права "
              "доступа.",
        "kk": "{path} сценарий файлын оқу мүмкін емес: {reason}. Жолды және қол жеткізу "
              "құқықтарын тексеріңіз.",
        "en": "Cannot read the scenario file {path}: {reason}. Check the path and the "
              "permissions.",
    },
    "scenario.yaml_syntax": {
        "ru": "это не корректный YAML ({problem}). Исправьте синтаксис в этом месте (отступы, "
              "двоеточия, кавычки, скобки).",
        "kk": "бұл дұрыс YAML емес ({problem}). Осы жердегі синтаксисті түзетіңіз (шегіністер, "
              "қос нүктелер, тырнақшалар, жақшалар).",
        "en": "not valid YAML ({problem}). Fix the syntax there (indentation, colons, quotes, "
              "brackets).",
    },
    "scenario.empty": {
        "ru": "файл пуст. Укажите хотя бы based_on: baseline или horizon: 2030.",
        "kk": "файл бос. Кем дегенде based_on: baseline немесе horizon: 2030 көрсетіңіз.",
        "en": "the file is empty. Give at least based_on: baseline or horizon: 2030.",
    },
    "scenario.not_mapping": {
        "ru": "ожидались пары «ключ: значение» (например, {{unit: ..., persons: 75000}}).",
        "kk": "«кілт: мән» жұптары күтілген (мысалы, {{unit: ..., persons: 75000}}).",
        "en": "expected key: value pairs (for example {{unit: ..., persons: 75000}}).",
    },
    "scenario.not_list": {
        "ru": "ожидался список записей, каждая с новой строки и начинается с «- ».",
        "kk": "жазбалар тізімі күтілген, әрқайсысы жаңа жолдан «- » белгісімен басталады.",
        "en": "expected a list of entries, each on its own line starting with '- '.",
    },
    "scenario.unknown_key": {
        "ru": "неизвестный ключ «{name}»{hint}. Допустимые ключи: {allowed}.",
        "kk": "«{name}» кілті белгісіз{hint}. Рұқсат етілген кілттер: {allowed}.",
        "en": "unknown key '{name}'{hint}. The allowed keys are: {allowed}.",
    },
    "scenario.duplicate_key": {
        "ru": "ключ «{name}» указан второй раз (первый — в строке {first}). Оставьте один.",
        "kk": "«{name}» кілті екінші рет көрсетілген (біріншісі — {first}-жолда). Біреуін "
              "қалдырыңыз.",
        "en": "'{name}' is given twice (first on line {first}). Keep one.",
    },
    "scenario.missing_key": {
        "ru": "не указан обязательный ключ «{name}». Добавьте его, например {name}: {example}.",
        "kk": "міндетті «{name}» кілті көрсетілмеген. Оны қосыңыз, мысалы {name}: {example}.",
        "en": "'{name}' is missing. Add it, for example {name}: {example}.",
    },
    "scenario.not_whole": {
        "ru": "{value} — не целое число. Укажите {name} числом, например {example}.",
        "kk": "{value} — бүтін сан емес. {name} мәнін санмен көрсетіңіз, мысалы {example}.",
        "en": "{value} is not a whole number; give {name} as a number such as {example}.",
    },
    "scenario.not_number": {
        "ru": "{value} — не число. Укажите {name} числом, например {example}.",
        "kk": "{value} — сан емес. {name} мәнін санмен көрсетіңіз, мысалы {example}.",
        "en": "{value} is not a number; give {name} as a number such as {example}.",
    },
    "scenario.not_positive": {
        "ru": "{name} = {value}, а должно быть больше нуля (например, {example}).",
        "kk": "{name} = {value}, бірақ нөлден үлкен болуы керек (мысалы, {example}).",
        "en": "{name} is {value}; it must be greater than zero (for example {example}).",
    },
    "scenario.bad_year": {
        "ru": "год {value} вне допустимого диапазона 1900–2200. Укажите год полностью, "
              "например 2027.",
        "kk": "{value} жылы 1900–2200 рұқсат етілген аралығынан тыс. Жылды толық көрсетіңіз, "
              "мысалы 2027.",
        "en": "the year {value} is outside 1900-2200. Give the full year, such as 2027.",
    },
    "scenario.not_text": {
        "ru": "{value} — не текст. Укажите {name} текстом в кавычках.",
        "kk": "{value} — мәтін емес. {name} мәнін тырнақшадағы мәтінмен көрсетіңіз.",
        "en": "{value} is not text. Give {name} as text in quotes.",
    },
    "scenario.bad_migration": {
        "ru": "{value} — не вариант миграции. Укажите trend (тренд потоков), none (без "
              "миграции) или {{scale: 1.5}} (тренд, умноженный на 1,5).",
        "kk": "{value} — көші-қон нұсқасы емес. trend (ағындар трендi), none (көші-қонсыз) "
              "немесе {{scale: 1.5}} (1,5-ке көбейтілген тренд) көрсетіңіз.",
        "en": "{value} is not a migration setting. Give trend (the flows' trend), none (no "
              "migration) or {{scale: 1.5}} (the trend times 1.5).",
    },
    "scenario.to_before_from": {
        "ru": "год окончания {to} раньше года начала {start}. Поменяйте их местами.",
        "kk": "аяқталу жылы {to} басталу жылынан {start} ерте. Оларды орындарымен "
              "ауыстырыңыз.",
        "en": "the last year {to} is before the first year {start}. Swap them.",
    },
    "scenario.one_place": {
        "ru": "укажите ровно одно место: unit (единица), site (площадка из candidate_sites) "
              "или lon и lat вместе; указано: {given}.",
        "kk": "дәл бір орынды көрсетіңіз: unit (бірлік), site (candidate_sites алаңы) немесе "
              "lon мен lat бірге; көрсетілгені: {given}.",
        "en": "give exactly one place: unit, site (of candidate_sites) or both lon and lat; "
              "given: {given}.",
    },
    "scenario.bad_lonlat": {
        "ru": "координаты lon {lon}, lat {lat} вне допустимых пределов. Укажите долготу и "
              "широту WGS 84 в градусах (например, lon: 77.07, lat: 43.87).",
        "kk": "lon {lon}, lat {lat} координаттары рұқсат етілген шектен тыс. WGS 84 бойынша "
              "бойлық пен ендікті градуспен көрсетіңіз (мысалы, lon: 77.07, lat: 43.87).",
        "en": "lon {lon}, lat {lat} are out of range. Give WGS 84 longitude and latitude in "
              "degrees (for example lon: 77.07, lat: 43.87).",
    },
    "scenario.one_target": {
        "ru": "укажите либо source_id (расширить существующий источник), либо zone (новый "
              "источник в зоне), но не оба и не ни одного.",
        "kk": "не source_id (бар көзді кеңейту), не zone (аймақтағы жаңа көз) көрсетіңіз, "
              "екеуін бірге емес және бос қалдырмай.",
        "en": "give either source_id (expand an existing source) or zone (a new source in a "
              "zone), exactly one of them.",
    },
    "scenario.norm_bad_key": {
        "ru": "этот норматив сценарий не может изменить. Используйте одну из форм: {forms}; "
              "разделы: {sections}.",
        "kk": "сценарий бұл нормативті өзгерте алмайды. Мына пішіндердің бірін "
              "пайдаланыңыз: {forms}; бөлімдер: {sections}.",
        "en": "a scenario cannot override this. Use one of: {forms}; sections: {sections}.",
    },
    "scenario.norm_no_source": {
        "ru": "значение {value} без источника. Укажите его так: {{value: ..., source: "
              "\"...\"}} — у каждого норматива есть источник, как в data/norms.",
        "kk": "{value} мәнінің дереккөзі жоқ. Оны былай көрсетіңіз: {{value: ..., source: "
              "\"...\"}} — data/norms сияқты әр нормативтің дереккөзі болады.",
        "en": "the value {value} has no source. Give it as {{value: ..., source: \"...\"}}: "
              "every norm names its source, as in data/norms.",
    },
    "scenario.share_range": {
        "ru": "доля {value} больше 1. Укажите долю от 0 до 1 (например, 0.8 — это 80%).",
        "kk": "{value} үлесі 1-ден үлкен. Үлесті 0-ден 1-ге дейін көрсетіңіз (мысалы, 0.8 — "
              "бұл 80%).",
        "en": "the share {value} is above 1. Give a share from 0 to 1 (0.8 is 80%).",
    },
    "scenario.norm_unknown_network": {
        "ru": "в нормативах {path} нет сети «{network}»{hint}. Сети: {networks}.",
        "kk": "{path} нормативтерінде «{network}» желісі жоқ{hint}. Желілер: {networks}.",
        "en": "the norms {path} have no network '{network}'{hint}. Networks: {networks}.",
    },
    "scenario.norm_not_applicable": {
        "ru": "сеть «{network}» (тип {type}) в нормативах {path} не имеет такого значения. "
              "Для utility и facility меняют per_resident, для facility и gate — "
              "access.minutes, для gate — target_share.",
        "kk": "{path} нормативтеріндегі «{network}» желісінде ({type} түрі) мұндай мән жоқ. "
              "utility және facility үшін per_resident, facility және gate үшін "
              "access.minutes, gate үшін target_share өзгертіледі.",
        "en": "the network '{network}' (type {type}) of the norms {path} has no such value. "
              "per_resident is for utility and facility networks, access.minutes for "
              "facility networks and the gate, target_share for the gate.",
    },
    "scenario.norm_unknown_figure": {
        "ru": "в разделе {section} нормативов {path} нет показателя с таким именем{hint}. "
              "Есть: {known}.",
        "kk": "{path} нормативтерінің {section} бөлімінде мұндай көрсеткіш жоқ{hint}. "
              "Барлары: {known}.",
        "en": "section {section} of the norms {path} has no such figure{hint}. It has: "
              "{known}.",
    },
    "scenario.horizon_before_base": {
        "ru": "горизонт {horizon} раньше базового года рабочего пространства {base}. Укажите "
              "год не раньше {base}.",
        "kk": "{horizon} көкжиегі жұмыс кеңістігінің {base} базалық жылынан ерте. {base} "
              "жылынан ерте емес жылды көрсетіңіз.",
        "en": "the horizon {horizon} is before the workspace's base year {base}. Give a year "
              "from {base} on.",
    },
    "scenario.year_before_base": {
        "ru": "год {year} раньше базового года {base}: сценарий описывает изменения после "
              "него. Укажите год не раньше {base}.",
        "kk": "{year} жылы {base} базалық жылынан ерте: сценарий одан кейінгі өзгерістерді "
              "сипаттайды. {base} жылынан ерте емес жылды көрсетіңіз.",
        "en": "the year {year} is before the base year {base}: a scenario describes what "
              "changes after it. Give a year from {base} on.",
    },
    "scenario.year_after_horizon": {
        "ru": "год {year} позже горизонта {horizon}. Перенесите его или увеличьте horizon.",
        "kk": "{year} жылы {horizon} көкжиегінен кейін. Оны ауыстырыңыз немесе horizon "
              "мәнін үлкейтіңіз.",
        "en": "the year {year} is after the horizon {horizon}. Move it or raise horizon.",
    },
    "scenario.no_layer": {
        "ru": "в рабочем пространстве нет слоя «{layer}», нужного для проверки. Загрузите его "
              "командой qonys load.",
        "kk": "жұмыс кеңістігінде тексеру үшін қажет «{layer}» қабаты жоқ. Оны qonys load "
              "командасымен жүктеңіз.",
        "en": "the workspace has no layer '{layer}', which this check needs. Load it with "
              "qonys load.",
    },
    "scenario.unknown_id": {
        "ru": "«{value}» нет среди идентификаторов слоя «{layer}»{hint}. Укажите "
              "существующий идентификатор (не название).",
        "kk": "«{value}» «{layer}» қабатының идентификаторлары арасында жоқ{hint}. Бар "
              "идентификаторды көрсетіңіз (атауын емес).",
        "en": "'{value}' is not an id of the layer '{layer}'{hint}. Give an existing id (not "
              "a name).",
    },
    "scenario.unit_in_constraints": {
        "ru": "единица «{value}» целиком лежит в зоне ограничений ({reason}): новое жильё там "
              "не строится. Выберите другую единицу.",
        "kk": "«{value}» бірлігі толығымен шектеу аймағында жатыр ({reason}): онда жаңа "
              "тұрғын үй салынбайды. Басқа бірлікті таңдаңыз.",
        "en": "the unit '{value}' lies wholly inside constraints ({reason}): no new housing "
              "goes there. Choose another unit.",
    },
    "scenario.bad_kind": {
        "ru": "«{value}» — не вид объекта{hint}. Допустимые: {kinds}.",
        "kk": "«{value}» — нысан түрі емес{hint}. Рұқсат етілгендері: {kinds}.",
        "en": "'{value}' is not a facility kind{hint}. Use one of: {kinds}.",
    },
    "scenario.site_kind": {
        "ru": "площадка «{value}» предназначена для: {kinds}, а не для {kind}. Выберите "
              "другую площадку.",
        "kk": "«{value}» алаңы мыналарға арналған: {kinds}, {kind} үшін емес. Басқа алаңды "
              "таңдаңыз.",
        "en": "the site '{value}' takes {kinds}, not {kind}. Choose another site.",
    },
    "scenario.facility_in_constraints": {
        "ru": "объект попадает в точку lon {lon}, lat {lat} внутри зоны ограничений "
              "({reason}). Перенесите его или укажите площадку (site).",
        "kk": "нысан шектеу аймағының ішіндегі lon {lon}, lat {lat} нүктесіне түседі "
              "({reason}). Оны басқа жерге ауыстырыңыз немесе алаңды (site) көрсетіңіз.",
        "en": "the facility falls at lon {lon}, lat {lat}, inside constraints ({reason}). "
              "Move it or give a site.",
    },
    "scenario.network_mismatch": {
        "ru": "«{value}» относится к сети {actual}, а не {network}. Исправьте network или "
              "идентификатор.",
        "kk": "«{value}» {network} емес, {actual} желісіне жатады. network мәнін немесе "
              "идентификаторды түзетіңіз.",
        "en": "'{value}' belongs to the network {actual}, not {network}. Correct network or "
              "the id.",
    },
    "scenario.parent_not_found": {
        "ru": "сценарий «{name}» для based_on не найден (ни рядом с файлом, ни в "
              "data/scenarios). Доступные: {available}.",
        "kk": "based_on үшін «{name}» сценарийі табылмады (файлдың жанынан да, "
              "data/scenarios ішінен де). Қолжетімділері: {available}.",
        "en": "no scenario '{name}' to be based on (looked beside this file and in "
              "data/scenarios). Available: {available}.",
    },
    "scenario.cycle": {
        "ru": "based_on образует цикл: {chain}. Уберите based_on в одном из этих файлов.",
        "kk": "based_on тұйық тізбек құрайды: {chain}. Осы файлдардың бірінен based_on "
              "алып тастаңыз.",
        "en": "based_on forms a cycle: {chain}. Remove based_on from one of these files.",
    },
    "scenario.not_found": {
        "ru": "Сценарий «{name}» не найден (искали в: {places}). Доступные: {available}. "
              "Укажите имя одного из них или путь к файлу .yaml.",
        "kk": "«{name}» сценарийі табылмады (іздеген орындар: {places}). Қолжетімділері: "
              "{available}. Солардың бірінің атын немесе .yaml файлының жолын көрсетіңіз.",
        "en": "No scenario '{name}' (looked in {places}). Available: {available}. Give one "
              "of these names or the path of a .yaml file.",
    },
}
# fmt: on
