"""The ru/kk/en table is complete, and Kazakh and Russian are not copies of English."""

from __future__ import annotations

import re

from geo.i18n import LANGUAGES, TEXTS, tr

# Texts that are the same in every language: proper names and codes.
SAME_EVERYWHERE = {"region.astana", "region.shymkent", "col.index", "kind.hex"}


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
        names = {lang: set(re.findall(r"{(\w+)", texts[lang])) for lang in LANGUAGES}
        assert names["ru"] == names["kk"] == names["en"], key


def test_tr_formats_in_the_asked_language():
    assert tr("cli.error", lang="kk", message="x") == "Қате: x"
