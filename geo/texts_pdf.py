"""ru/kk/en texts of the pdf step. Merged into :data:`geo.i18n.TEXTS`."""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    "pdf.no_chromium": {
        "ru": "Браузер Chromium не найден ({tried}). Установите его: `apt-get install chromium` "
              "(Debian/Ubuntu) или укажите путь к нему в переменной QONYS_CHROMIUM. Без "
              "браузера PDF можно собрать из статичных карт: `--pdf-from png`.",
        "kk": "Chromium браузері табылмады ({tried}). Оны орнатыңыз: `apt-get install "
              "chromium` (Debian/Ubuntu) немесе оның жолын QONYS_CHROMIUM айнымалысында "
              "көрсетіңіз. Браузерсіз PDF-ті статикалық карталардан жинауға болады: "
              "`--pdf-from png`.",
        "en": "Chromium was not found ({tried}). Install it with `apt-get install chromium` "
              "(Debian/Ubuntu) or set QONYS_CHROMIUM to its path. Without a browser, "
              "`--pdf-from png` builds the PDF from the static maps instead.",
    },
    "pdf.tried_path": {"ru": "путь {path}", "kk": "{path} жолы", "en": "path {path}"},
    "pdf.tried_env": {"ru": "переменная QONYS_CHROMIUM={path}",
                      "kk": "QONYS_CHROMIUM={path} айнымалысы",
                      "en": "QONYS_CHROMIUM={path} variable"},
    "pdf.tried_names": {"ru": "в PATH нет ни одной из программ {names}",
                        "kk": "PATH ішінде {names} бағдарламаларының ешқайсысы жоқ",
                        "en": "none of {names} is on PATH"},
    "pdf.html_missing": {
        "ru": "HTML-отчёт {path} не найден: сначала сохраните отчёт, затем печатайте его в PDF.",
        "kk": "{path} HTML есебі табылмады: алдымен есепті сақтап, содан кейін оны PDF-ке "
              "басып шығарыңыз.",
        "en": "No HTML report at {path}: write the report first, then print it to PDF.",
    },
    "pdf.chromium_failed": {
        "ru": "Chromium не смог напечатать {html} в PDF (код выхода {code}). Последние строки "
              "его вывода:\n{stderr}",
        "kk": "Chromium {html} файлын PDF-ке басып шығара алмады (шығу коды {code}). Оның "
              "шығысының соңғы жолдары:\n{stderr}",
        "en": "Chromium could not print {html} to PDF (exit code {code}). The last lines of "
              "its output:\n{stderr}",
    },
    "pdf.chromium_no_pdf": {
        "ru": "Chromium завершился, но не записал PDF для {html}. Последние строки его "
              "вывода:\n{stderr}",
        "kk": "Chromium жұмысын аяқтады, бірақ {html} үшін PDF жазбады. Оның шығысының соңғы "
              "жолдары:\n{stderr}",
        "en": "Chromium exited without writing a PDF for {html}. The last lines of its "
              "output:\n{stderr}",
    },
    "pdf.chromium_timeout": {
        "ru": "Chromium не напечатал {html} за {seconds} с и был остановлен. Увеличьте время "
              "ожидания или соберите PDF из статичных карт: `--pdf-from png`. Последние строки "
              "его вывода:\n{stderr}",
        "kk": "Chromium {html} файлын {seconds} с ішінде басып шығармады және тоқтатылды. Күту "
              "уақытын ұлғайтыңыз немесе PDF-ті статикалық карталардан жинаңыз: "
              "`--pdf-from png`. Оның шығысының соңғы жолдары:\n{stderr}",
        "en": "Chromium did not print {html} within {seconds} s and was stopped. Allow more "
              "time, or build the PDF from the static maps with `--pdf-from png`. The last "
              "lines of its output:\n{stderr}",
    },
    "pdf.no_stderr": {"ru": "(вывода нет)", "kk": "(шығыс жоқ)", "en": "(no output)"},
    "pdf.no_images": {
        "ru": "Нет изображений карт для PDF: передайте хотя бы один PNG-файл (сначала "
              "сохраните карты как статичные изображения).",
        "kk": "PDF үшін карта суреттері жоқ: кемінде бір PNG файлын беріңіз (алдымен "
              "карталарды статикалық сурет ретінде сақтаңыз).",
        "en": "No map images for the PDF: pass at least one PNG file (save the maps as static "
              "images first).",
    },
    "pdf.image_unreadable": {
        "ru": "Не удалось прочитать изображение карты {path}: {error}",
        "kk": "{path} карта суретін оқу мүмкін болмады: {error}",
        "en": "Cannot read the map image {path}: {error}",
    },
    "pdf.captions_mismatch": {
        "ru": "Подписей ({captions}) должно быть столько же, сколько изображений ({images}).",
        "kk": "Қолтаңбалар саны ({captions}) суреттер санына ({images}) тең болуы керек.",
        "en": "Give as many captions ({captions}) as images ({images}).",
    },
    "pdf.date": {"ru": "Дата: {date}", "kk": "Күні: {date}", "en": "Date: {date}"},
    "pdf.maps": {"ru": "Карты", "kk": "Карталар", "en": "Maps"},
    "pdf.more_maps": {"ru": "… и ещё {count}", "kk": "… және тағы {count}",
                      "en": "… and {count} more"},
    "pdf.page": {"ru": "Страница {page} из {pages}", "kk": "{page}-бет, барлығы {pages}",
                 "en": "Page {page} of {pages}"},
}
# fmt: on
