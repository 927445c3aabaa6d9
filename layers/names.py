"""Place names and KATO codes in the form that two tables can be matched on.

Statistical bulletins, shapefiles and OpenStreetMap write the same place in many ways:
``Медеу ауданы``, ``Медеуский район``, ``Medeu district``; ``Қонаев қ.ә.`` (the city
administration), ``г. Конаев``; ``Алматы (қала)``. :func:`normalise_name` reduces each to the
bare name (``медеу``, ``медеуский``, ``қонаев``, ``алматы``), and :func:`name_kind` keeps what
the dropped word said (a district, a city, a village ...), so that a join can tell
``Талғар ауданы`` (the district) from ``Талғар қ.`` (its centre town) after both became
``талғар``.

What is unified, and why it is safe:

- Unicode NFC, case (``casefold``), ``ё`` → ``е`` (Russian writes both for one letter).
- Look-alike letters of the other script inside a word: a Latin ``i`` typed for the Kazakh
  ``і`` (``Солтүстiк``), a Latin ``A`` in ``Aршалинский``; a word is written in the script of
  most of its letters. Variant letters of other Cyrillic alphabets (Bashkir ``ҡ``, ``ҥ``, IPA
  ``ə``) become the Kazakh ones. Kazakh letters are *not* folded onto Russian ones
  (``қ`` ≠ ``к``, ``ұ`` ≠ ``у``): different letters make different names.
- Punctuation becomes a space (``Әл-Фараби`` = ``Әл Фараби``).
- Words of the administrative or settlement type at either end of the name (never the only
  word): ауданы / район / р-н / district; қаласы / қ. / г. / город / city; қ.ә. / г.а. (city
  administration); облысы / обл. / область / region; ауылы / а. / село / с. / кенті / к. /
  поселок / п. / village.
"""

from __future__ import annotations

import math
import re
import unicodedata

#: The kind a type word states, by word (after :func:`_fold` and punctuation removal).
#: ``қә``, ``га`` and ``рн`` stand for the abbreviations ``қ.ә.``, ``г.а.`` and ``р-н``.
KIND_WORDS: dict[str, str] = {
    **dict.fromkeys(("ауданы", "аудан", "ауд", "район", "рн", "district"), "district"),
    **dict.fromkeys(("қә", "га", "әкімдігі", "администрация", "акимат", "administration"),
                    "city_administration"),
    **dict.fromkeys(("облысы", "облыс", "обл", "область", "region", "oblast", "oblysy"),
                    "region"),
    **dict.fromkeys(("қаласы", "қала", "қ", "г", "город", "city", "town"), "city"),
    **dict.fromkeys(("ауылы", "ауыл", "а", "село", "с", "кенті", "кент", "к", "поселок", "пос",
                     "п", "village", "settlement"), "village"),
}

#: Kinds that name an administrative unit rather than a populated place.
UNIT_KINDS = frozenset({"district", "city_administration", "region"})
#: Kinds that name a populated place.
SETTLEMENT_KINDS = frozenset({"city", "village"})

# Multi-part abbreviations and phrases, replaced by one word of KIND_WORDS before punctuation
# goes (otherwise "г.а." would become two words "г" and "а" of different kinds).
_PHRASES = (
    (re.compile(r"(?<!\w)қ\s*\.\s*ә\b\.?"), " қә "),
    (re.compile(r"(?<!\w)г\s*\.\s*а\b\.?"), " га "),
    (re.compile(r"(?<!\w)р\s*-\s*н\b\.?"), " рн "),
    (re.compile(r"\b(?:қалалық әкімдігі|қалалық әкімдік|городская администрация|"
                r"городской акимат|city administration|city akimat)\b"), " қә "),
)
_WORD = re.compile(r"[^\W_]+")
# Latin letters that look like Cyrillic ones (lower case, after casefold), and back.
_LATIN_TO_CYRILLIC = str.maketrans("acehikopxyəɵ", "асеһікорхуәө")
_CYRILLIC_TO_LATIN = str.maketrans("асеһікорху", "acehikopxy")
# Letters of other Cyrillic alphabets that stand in for Kazakh ones.
_VARIANTS = str.maketrans({"ё": "е", "ҡ": "қ", "ҥ": "ң", "ӊ": "ң", "ӈ": "ң", "ӻ": "ғ",
                           "ӷ": "ғ", "ҩ": "ө", "ӛ": "ә"})


def normalise_name(text: object) -> str:
    """The bare place name to match on: lower case, one script per word, no type words.

    Parameters
    ----------
    text
        A place name as a table writes it; ``None`` or NaN give ``""``.

    Returns
    -------
    str
        Words separated by single spaces; ``""`` when nothing is left.

    Examples
    --------
    >>> normalise_name("Медеу ауданы"), normalise_name("Медеуский район")
    ('медеу', 'медеуский')
    >>> normalise_name("Қонаев қ.ә."), normalise_name("г. Конаев"), normalise_name("Есік қ.")
    ('қонаев', 'конаев', 'есік')
    >>> normalise_name("Алматы (қала)"), normalise_name("Astana (city)")
    ('алматы', 'astana')
    >>> normalise_name("Әл-Фараби ауданы") == normalise_name("Әл Фараби")
    True
    >>> normalise_name("Солтүстiк Қазақстан облысы")  # a Latin "i" in the shapefile
    'солтүстік қазақстан'
    >>> normalise_name("Aршалинский"), normalise_name("Турксибский р-н")  # Latin "A"
    ('аршалинский', 'турксибский')
    >>> normalise_name("Кеген а."), normalise_name("Станционный к."), normalise_name("Семёновка")
    ('кеген', 'станционный', 'семеновка')
    >>> normalise_name("Қала")  # a type word alone is the name
    'қала'
    """
    return split_name(text)[0]


def name_kind(text: object) -> str | None:
    """The kind of place a name's type word states, or ``None`` if it has none.

    One of ``"district"``, ``"city_administration"``, ``"region"`` (administrative units,
    :data:`UNIT_KINDS`) or ``"city"``, ``"village"`` (populated places,
    :data:`SETTLEMENT_KINDS`).

    Examples
    --------
    >>> name_kind("Талғар ауданы"), name_kind("Талғар қ."), name_kind("Талғар")
    ('district', 'city', None)
    >>> name_kind("Қонаев қ.ә."), name_kind("Ақмол а."), name_kind("Алматы облысы")
    ('city_administration', 'village', 'region')
    """
    return split_name(text)[1]


def split_name(text: object) -> tuple[str, str | None]:
    """:func:`normalise_name` and :func:`name_kind` at once.

    Examples
    --------
    >>> split_name("Алматы қаласы")
    ('алматы', 'city')
    """
    if text is None or (isinstance(text, float) and math.isnan(text)):
        return "", None
    folded = _fold(str(text))
    for pattern, replacement in _PHRASES:
        folded = pattern.sub(replacement, folded)
    words = _WORD.findall(folded)
    kind = None
    # Type words stand before the name (Russian "г. Алматы") or after it (Kazakh "Есік қ.").
    while len(words) > 1 and (words[-1] in KIND_WORDS or words[0] in KIND_WORDS):
        word = words.pop() if words[-1] in KIND_WORDS else words.pop(0)
        kind = kind or KIND_WORDS[word]
    return " ".join(words), kind


def normalise_kato(value: object) -> str | None:
    """A KATO code as its 9 digits, or ``None`` if ``value`` is not one.

    Excel turns ``011000000`` into the number 11000000 and CSV exports write
    ``751110000.0``: both are accepted. An 8-digit code gets its leading zero back. Anything
    else (letters, other lengths, fractions, Excel's rounded ``7,5111E+08``) is not a code.

    Examples
    --------
    >>> normalise_kato(751110000), normalise_kato(751110000.0), normalise_kato(" 751110000.0 ")
    ('751110000', '751110000', '751110000')
    >>> normalise_kato(11000000), normalise_kato("11000000")
    ('011000000', '011000000')
    >>> [normalise_kato(v) for v in ("7511100", 7.5, "7.5111E+08", "КАТО", None)]
    [None, None, None, None, None]
    """
    if value is None or isinstance(value, bool):
        return None
    if isinstance(value, float):
        if not math.isfinite(value) or not value.is_integer():
            return None
        value = int(value)
    text = re.sub(r"\s", "", str(value))
    text = re.sub(r"\.0+$", "", text)
    if not text.isascii() or not text.isdigit():
        return None
    if len(text) == 8:
        text = "0" + text
    return text if len(text) == 9 else None


def _fold(text: str) -> str:
    """NFC, casefold, variant letters, and each word in the script of most of its letters."""
    text = unicodedata.normalize("NFC", text).casefold().translate(_VARIANTS)
    return _WORD.sub(_one_script, text)


def _one_script(match: re.Match[str]) -> str:
    word = match.group(0)
    cyrillic = sum("\u0400" <= ch <= "\u04ff" for ch in word)
    latin = sum(ch.isascii() and ch.isalpha() for ch in word)
    if cyrillic and latin:
        table = _LATIN_TO_CYRILLIC if cyrillic >= latin else _CYRILLIC_TO_LATIN
        return word.translate(table)
    if cyrillic and ("ə" in word or "ɵ" in word):
        return word.translate(_LATIN_TO_CYRILLIC)
    return word
