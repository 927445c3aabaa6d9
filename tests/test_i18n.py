"""The gettext catalogues are complete and current, and Kazakh and Russian are not copies of
English."""

from __future__ import annotations

import gettext
import re
import shutil
import string
import subprocess

import pytest
from babel import Locale
from babel.messages.mofile import read_mo
from catalogues import TRANSLATED, catalogue, fields, forms, said
from conftest import need

from geo import i18n
from geo.i18n import LOCALE_DIR, Message, _, n_

# Messages that are the same in every language: proper names, codes and bare templates.
SAME_EVERYWHERE = {"Astana", "Shymkent", "Index (0–100)", "{count:,.0f} {unit}",
                   "{name}: {capacity:,.0f} {unit}", "MAPE, %"}


def test_the_code_marks_the_messages():
    assert len(said()) > 800
    assert (None, "Error: {message}") in said()
    # a message whose English two keys said differently has a context (the old key)
    contexts = {context for context, _msgid in said() if context}
    assert len(contexts) == 6 and all("." in context for context in contexts)


@pytest.mark.parametrize("lang", TRANSLATED)
def test_every_message_has_a_translation(lang):
    """Every message the code says is in the catalogue, every plural form translated."""
    cat = catalogue(lang)
    missing = []
    for (context, msgid), (ids, where) in said().items():
        message = cat.get(msgid, context=context)
        if message is None or not all(forms(message)) or (len(ids) > 1 and (
                not isinstance(message.id, tuple) or message.id[1] != ids[1])):
            missing.append((where, context, msgid[:60]))
    assert missing == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_catalogues_hold_only_messages_the_code_says(lang):
    """A message the code no longer says is taken out (``pybabel update`` marks it obsolete)."""
    stale = [(m.context, m.id) for m in catalogue(lang) if m.id
             and (m.context, m.id[0] if isinstance(m.id, tuple) else m.id) not in said()]
    assert stale == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_placeholders_agree_between_english_and_the_translation(lang):
    """The placeholders of every translation, all plural forms together, are the English's."""
    differ = []
    for message in catalogue(lang):
        if not message.id:
            continue
        ids = message.id if isinstance(message.id, tuple) else (message.id,)
        english = set().union(*(fields(i) for i in ids))
        translated = set().union(*(fields(f) for f in forms(message)))
        if english != translated:
            differ.append((ids[0][:60], sorted(english ^ translated)))
    assert differ == []


@pytest.mark.parametrize("lang", TRANSLATED)
def test_translations_are_not_copies_of_english(lang):
    copies = [m.id for m in catalogue(lang) if m.id and (m.id if isinstance(m.id, str)
              else m.id[0]) not in SAME_EVERYWHERE and forms(m)[0] in (
              m.id if isinstance(m.id, tuple) else (m.id,))]
    assert copies == []


def test_plural_forms_are_russian_and_kazakh():
    """ru: one / few / many as the CLDR rules (Babel's) pick them, for every whole number."""
    assert catalogue("ru").num_plurals == 3 and catalogue("kk").num_plurals == 2
    headers = {lang: gettext.translation("qonys", LOCALE_DIR, [lang]) for lang in TRANSLATED}
    ru_rule, kk_rule = (gettext.c2py(catalogue(lang).plural_expr) for lang in TRANSLATED)
    categories = {"one": 0, "few": 1, "many": 2}
    for n in range(0, 1234):
        assert ru_rule(n) == categories[Locale.parse("ru").plural_form(n)], n
        assert kk_rule(n) == (0 if Locale.parse("kk").plural_form(n) == "one" else 1), n
    assert headers["ru"].info()["plural-forms"].startswith("nplurals=3;")


def test_mo_files_are_current():
    """The committed .mo says what its .po says (run ``pybabel compile`` after editing a .po)."""
    for lang in TRANSLATED:
        with (LOCALE_DIR / lang / "LC_MESSAGES" / "qonys.mo").open("rb") as fh:
            mo = {(m.context, tuple(m.id) if isinstance(m.id, list | tuple) else m.id): m.string
                  for m in read_mo(fh) if m.id}
        po = {(m.context, m.id): (tuple(m.string) if isinstance(m.id, tuple) else m.string)
              for m in catalogue(lang) if m.id}
        mo = {k: tuple(v) if isinstance(v, list | tuple) else v for k, v in mo.items()}
        assert mo == po, lang


def test_msgfmt_checks_every_catalogue():
    """GNU gettext's own check of the headers, plural forms and brace formats."""
    msgfmt = shutil.which("msgfmt")
    if msgfmt is None:
        need("MSGFMT", "msgfmt --check needs GNU gettext: apt-get install gettext")
    for lang in TRANSLATED:
        po = LOCALE_DIR / lang / "LC_MESSAGES" / "qonys.po"
        done = subprocess.run([msgfmt, "--check", "-o", "/dev/null", str(po)],
                              capture_output=True, text=True, check=False)
        assert done.returncode == 0, done.stderr


def test_messages_are_said_in_the_asked_language():
    assert _("Error: {message}", lang="kk", message="x") == "Қате: x"
    assert _("Error: {message}", lang="ru", message="x") == "Ошибка: x"
    assert _("Error: {message}", lang="en", message="x") == "Error: x"
    with pytest.raises(ValueError, match="use one of ru, kk, en"):
        _("Error: {message}", lang="de", message="x")


def test_the_current_language_is_used_without_lang(monkeypatch):
    monkeypatch.setattr(i18n, "_current", "kk")
    assert i18n.current_language() == "kk"
    assert _("Interrupted.") == "Үзілді."
    i18n.set_language("en")
    assert _("Interrupted.") == "Interrupted."


def test_numbers_in_texts_are_written_the_languages_way():
    """A formatted number in a text: "47 830" in ru and kk, "47,830" in en."""
    text = ("Phasing plan {first}–{last}: {arrived:,.0f} of {wanted:,.0f} residents arrive, "
            "{spent:,.0f} tenge spent.")
    values = {"first": 2026, "last": 2030, "arrived": 47_830, "wanted": 150_000.0,
              "spent": 12.04e9}
    assert _(text, lang="ru", **values) == ("План очерёдности 2026–2030: прибывает 47\u00a0830 "
                                            "из 150\u00a0000 жителей, потрачено "
                                            "12\u00a0040\u00a0000\u00a0000 тенге.")
    assert "47\u00a0830 келеді" in _(text, lang="kk", **values)
    assert _(text, lang="en", **values) == ("Phasing plan 2026–2030: 47,830 of 150,000 residents "
                                            "arrive, 12,040,000,000 tenge spent.")


def test_plural_forms_follow_the_number():
    """Russian has one / few / many: 1, 21, 321 объект; 3, 22 объекта; 5, 11 объектов."""
    one, many = "{count:,d} new social facility", "{count:,d} new social facilities"
    ru = {n: n_(one, many, lang="ru", count=n) for n in (1, 3, 5, 11, 21, 22, 321)}
    assert ru == {1: "1 новый социальный объект", 3: "3 новых социальных объекта",
                  5: "5 новых социальных объектов", 11: "11 новых социальных объектов",
                  21: "21 новый социальный объект", 22: "22 новых социальных объекта",
                  321: "321 новый социальный объект"}
    assert n_(one, many, lang="en", count=1) == "1 new social facility"
    assert n_(one, many, lang="en", count=321) == "321 new social facilities"
    assert n_(one, many, lang="kk", count=5) == "5 жаңа әлеуметтік нысан"
    with pytest.raises(TypeError, match="whole count"):
        n_(one, many, lang="ru", count=2.5)


def _sample(spec: str) -> object:
    """A number that has thousands and a fraction, of the type the spec takes."""
    kind = spec[-1:] if spec else ""
    return 1234567 if kind in ("d", "n") else 1234567.891


def test_russian_and_kazakh_texts_never_write_a_comma_thousands_separator():
    """Every ru/kk template filled with big numbers: "1 234 568", never "1,234,568"."""
    checked = 0
    # the samples' English grouping is 1,234,567; a literal 1,000 in a text is caught too
    comma_thousands = re.compile(r"(?<![\d,])[1-9]\d{0,2}(?:,\d{3})+(?!\d)")
    for lang in TRANSLATED:
        for message in catalogue(lang):
            if not message.id:
                continue
            ids = message.id if isinstance(message.id, tuple) else (message.id, None)
            for form in forms(message):
                specs = [(name, spec) for _, name, spec, _ in string.Formatter().parse(form)
                         if name is not None]
                if not any(spec for _, spec in specs):
                    assert not comma_thousands.search(form), (ids[0], lang)
                    continue
                values = {re.split(r"[.\[]", name)[0]: _sample(spec) if spec else "x"
                          for name, spec in specs}
                if ids[1] is not None or "count" not in values:
                    values["count"] = 1234567  # a plural form's count is a whole number
                text = _(Message(ids[0], ids[1], message.context), lang=lang, **values)
                assert "234,567" not in text and "1,000" not in text, (ids[0], lang, text)
                checked += 1
    assert checked > 100
