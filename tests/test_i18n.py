"""The ru/kk/en table is complete, and Kazakh and Russian are not copies of English."""

from __future__ import annotations

import re
import string
from collections.abc import Mapping

from babel import Locale

from geo import i18n
from geo.i18n import LANGUAGES, N_, NN_, _

# Texts that are the same in every language: proper names and codes.
SAME_EVERYWHERE = {N_("Astana"), N_("Shymkent"), N_(
        "Index (0–100)"), N_("H3 cell"), N_(
        "{count:,.0f} {unit}"),
                   N_("{name}: {capacity:,.0f} {unit}")}


def forms(text: str | Mapping[str, str]) -> list[str]:
    """The templates of one language's text: itself, or each of its plural forms."""
    return list(text.values()) if isinstance(text, Mapping) else [text]


def test_every_key_has_every_language():
    missing = [(k, lang) for k, texts in TEXTS.items() for lang in LANGUAGES
               if not texts.get(lang)]
    assert missing == []


def test_translations_are_not_copies_of_english():
    copies = [k for k, t in TEXTS.items() if k not in SAME_EVERYWHERE
              and (t["ru"] == t["en"] or t["kk"] == t["en"])]
    assert copies == []


def test_placeholders_agree_across_languages():
    for key, texts in TEXTS.items():
        names = {lang: {n for form in forms(texts[lang]) for n in re.findall(r"{(\w+)", form)}
                 for lang in LANGUAGES}
        assert names["ru"] == names["kk"] == names["en"], key


def test_tr_formats_in_the_asked_language():
    assert _("Error: {message}", lang="kk", message="x") == "Қате: x"


def test_numbers_in_texts_are_written_the_languages_way(monkeypatch):
    """A formatted number in a text: "47 830" and "12,0" in ru and kk, "47,830" in en."""
    monkeypatch.setitem(i18n.TEXTS, "test.numbers", {
        "ru": "{arrived:,.0f} из {plan:,.0f}; {cost:.1f} млрд; {year}",
        "kk": "{arrived:,.0f} / {plan:,.0f}; {cost:.1f} млрд; {year}",
        "en": "{arrived:,.0f} of {plan:,.0f}; {cost:.1f} bn; {year}"})
    values = {"arrived": 47_830, "plan": 150_000.0, "cost": 12.04, "year": 2030}
    assert i18n.tr("test.numbers", lang="ru", **values) == \
        "47\u00a0830 из 150\u00a0000; 12,0 млрд; 2030"
    assert i18n.tr("test.numbers", lang="kk", **values) == \
        "47\u00a0830 / 150\u00a0000; 12,0 млрд; 2030"
    assert i18n.tr("test.numbers", lang="en", **values) == "47,830 of 150,000; 12.0 bn; 2030"


def test_plural_forms_follow_the_number(monkeypatch):
    """Russian has one / few / many: 1, 21 объект; 3, 22 объекта; 5, 11, 321... by hand."""
    monkeypatch.setitem(i18n.TEXTS, "test.plural", {
        "ru": {"one": "{count} новый объект", "few": "{count} новых объекта",
               "many": "{count} новых объектов", "other": "{count} нового объекта"},
        "kk": {"one": "{count} жаңа нысан", "other": "{count} жаңа нысан"},
        "en": {"one": "{count} new facility", "other": "{count} new facilities"}})
    ru = {n: i18n.tr("test.plural", lang="ru", count=n) for n in (1, 3, 5, 11, 21, 22, 321)}
    assert ru == {1: "1 новый объект", 3: "3 новых объекта", 5: "5 новых объектов",
                  11: "11 новых объектов", 21: "21 новый объект", 22: "22 новых объекта",
                  321: "321 новый объект"}
    assert i18n.tr("test.plural", lang="en", count=1) == "1 new facility"
    assert i18n.tr("test.plural", lang="en", count=321) == "321 new facilities"
    assert i18n.tr("test.plural", lang="kk", count=5) == "5 жаңа нысан"


#: Plural texts whose "one" form names the thing instead of counting it.
FORMS_WITHOUT_COUNT = {NN_(
        "No map of “{names}”: its value is zero or unknown everywhere.",
        "No maps of “{names}”: their values are zero or unknown everywhere."), NN_(
        "Layer “{names}” is not shown: its value is zero or unknown everywhere.",
        "Layers “{names}” are not shown: their values are zero or unknown everywhere.")}


def test_plural_texts_have_the_forms_babels_rules_need():
    """ru: one, few, many, other; kk and en: one, other. Each form uses ``count``."""
    plural = {key: texts for key, texts in TEXTS.items()
              if any(isinstance(texts[lang], Mapping) for lang in LANGUAGES)}
    assert {NN_(
            "{count:,d} new social facility",
            "{count:,d} new social "
            "facilities"), NN_(
            "{count:,.0f} place", "{count:,.0f} places"), NN_(
            "{count:,.0f} resident", "{count:,.0f} residents")} <= set(plural)
    assert sorted(Locale.parse("ru").plural_form.tags) == ["few", "many", "one"]
    assert sorted(Locale.parse("kk").plural_form.tags) == ["one"]
    for key, texts in plural.items():
        for lang in LANGUAGES:
            if lang == "kk" and isinstance(texts[lang], str):
                continue  # Kazakh keeps the noun singular after a number: one form serves all
            assert isinstance(texts[lang], Mapping), (key, lang)
            # Babel lists the categories its rules pick; "other" is always there besides
            needed = set(Locale.parse(lang).plural_form.tags) | {"other"}
            assert set(texts[lang]) == needed, (key, lang)
            # a form may leave the number unsaid ("the map of X is not shown" for one map),
            # but only where the same form in another language does too: never by mistake
            said = ["{count" in form for form in texts[lang].values()]
            assert all(said) or not any(said) or key in FORMS_WITHOUT_COUNT, (key, lang)


def _sample(spec: str) -> object:
    """A number that has thousands and a fraction, of the type the spec takes."""
    kind = spec[-1:] if spec else ""
    return 1234567 if kind in ("d", "n") else 1234567.891


def test_russian_and_kazakh_texts_never_write_a_comma_thousands_separator():
    """Every ru/kk template filled with big numbers: "1 234 568", never "1,234,568"."""
    checked = 0
    # the samples' English grouping is 1,234,567; a literal 1,000 in a text is caught too
    comma_thousands = re.compile(r"(?<![\d,])[1-9]\d{0,2}(?:,\d{3})+(?!\d)")
    for key, texts in TEXTS.items():
        for lang in ("ru", "kk"):
            for form in forms(texts[lang]):
                fields = [(name, spec) for __, name, spec, __ in string.Formatter().parse(form)
                          if name is not None]
                if not any(spec for __, spec in fields):
                    # no number spec: the only commas would be literal ones
                    assert not comma_thousands.search(form), (key, lang)
                    continue
                values = {re.split(r"[.\[]", name)[0]: _sample(spec) if spec else "x"
                          for name, spec in fields}
                values.setdefault("count", 1234567)
                text = _(key, lang=lang, **values)
                assert "234,567" not in text and "1,000" not in text, (key, lang, text)
                checked += 1
    assert checked > 50
