"""Place-name normalisation: one loose key per spelling, so transliteration variants meet.

    name_keys("Kupyansk") == name_keys("Kupiansk") == name_keys("Kup'yans'k")
        == name_keys("Купянськ") & name_keys("Купянск")  -> {"kupiansk"}

A key is lower case, without diacritics, apostrophes or punctuation, with hyphens as spaces,
and with the letters that Ukrainian, Russian and scholarly romanisations spell differently
folded together (y/j -> i, doubled letters once, shch -> sch). Cyrillic is romanised twice, Ukrainian-style
(г -> h, и -> y) and Russian-style (г -> g, и -> i), and both keys are kept, because English
reporting uses both ("Kharkiv", "Kharkov"). The same function builds the index and reads the
text, so any folding applies to both sides alike.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from unidecode import unidecode

APOSTROPHES = "'’ʼ`´”“″ʹ‘′ʻ\""
_APOS_RE = re.compile("[" + re.escape(APOSTROPHES) + "]")
_NON_ALNUM = re.compile(r"[^a-z0-9 ]+")
_SPACES = re.compile(r"\s+")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_DOUBLE = re.compile(r"([a-z])\1+")

_COMMON = {
    "а": "a", "б": "b", "в": "v", "д": "d", "е": "e", "ё": "e", "ж": "zh", "з": "z",
    "й": "i", "к": "k", "л": "l", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r", "с": "s",
    "т": "t", "у": "u", "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch",
    "ь": "", "ъ": "", "ю": "iu", "я": "ia", "ы": "y", "э": "e", "ј": "i", "ў": "u",
}
UKRAINIAN = {**_COMMON, "г": "h", "ґ": "g", "и": "y", "і": "i", "ї": "i", "є": "ie"}
RUSSIAN = {**_COMMON, "г": "g", "ґ": "g", "и": "i", "і": "i", "ї": "i", "є": "e"}


def has_cyrillic(text: str) -> bool:
    return bool(_CYRILLIC.search(text))


def romanise(text: str, table: dict[str, str]) -> str:
    """Romanise the Cyrillic letters of `text` with `table` (case folded to lower)."""
    return "".join(table.get(ch, ch) for ch in text.lower())


def _fold(latin: str) -> str:
    s = unidecode(latin).lower()
    s = _APOS_RE.sub("", s)
    s = s.replace("-", " ").replace("&", " and ")
    s = _NON_ALNUM.sub(" ", s)
    s = _SPACES.sub(" ", s).strip()
    if s.startswith("the "):
        s = s[4:]
    s = s.replace("y", "i").replace("j", "i")
    s = _DOUBLE.sub(r"\1", s)
    s = s.replace("zhzh", "zh").replace("shch", "sch")  # щ: "Klishchiivka" / "Klischiivka"
    return s


@lru_cache(maxsize=65536)
def name_keys(name: str) -> tuple[str, ...]:
    """The loose keys of a name (one for Latin script, up to two for Cyrillic); () if none."""
    text = unicodedata.normalize("NFKC", name)
    text = _APOS_RE.sub("", text)
    if has_cyrillic(text):
        keys = {_fold(romanise(text, UKRAINIAN)), _fold(romanise(text, RUSSIAN))}
    else:
        keys = {_fold(text)}
    return tuple(sorted(k for k in keys if k))


ROMANISED = {"UA", "RU", "BY"}  # countries whose names English romanises from Cyrillic, several ways


def fold_exact(text: str) -> str:
    """A name as written, up to case, diacritics and hyphens ("Saint-Denis", "saint denis")."""
    return unidecode(text).lower().replace("-", " ").strip()


def as_written(name: str, text: str, country: str | None = None) -> bool:
    """Is `name` the text's name as written? For a place's own name in a country romanised from
    Cyrillic, every spelling the loose key joins is as good as another: 'Makiivka' (KMU) is
    GeoNames' 'Makiyivka'. Elsewhere loose folding stays loose: 'Iraan' is not 'Iran'."""
    if fold_exact(name) == fold_exact(text):
        return True
    return country in ROMANISED and bool(set(name_keys(name)) & set(name_keys(text)))


def clean_mention(text: str) -> str:
    """A mention's text as a name: without "the", a possessive or trailing punctuation ("the
    Donetsk region's" -> "Donetsk region"; "D.C." keeps its dot)."""
    t = text.strip()
    for pre in ("the ", "The "):
        if t.startswith(pre):
            t = t[len(pre):]
    for suf in ("'s", "’s"):
        if t.endswith(suf):
            t = t[: -len(suf)]
    return t.strip(" ,.;:") if not t.endswith(".") or len(t) > 5 else t


def name_key(name: str) -> str:
    """The first key of a name ("" if the name has no letters or digits)."""
    keys = name_keys(name)
    return keys[0] if keys else ""


def slug(text: str) -> str:
    """The one ASCII slug of ids: "Volodymyr Zelenskyy" -> "volodymyr-zelenskyy", "Київ" ->
    "kiyiv"; "x" when nothing is left."""
    return re.sub(r"[^a-z0-9]+", "-", unidecode(text).lower()).strip("-") or "x"


_UA_INITIAL = {"є": "ye", "ї": "yi", "й": "y", "ю": "yu", "я": "ya"}


def ukrainian_latin(name: str) -> str:
    """A readable Ukrainian-style (KMU 2010) romanisation for display: 'Іскриськівщина' ->
    'Iskryskivshchyna', 'Ясинувата' -> 'Yasynuvata'."""
    words = []
    for word in re.split(r"(\s+|-)", name):
        out = []
        for i, ch in enumerate(word.lower()):
            if i == 0 and ch in _UA_INITIAL:
                out.append(_UA_INITIAL[ch])
            elif ch in "'’ʼ":
                continue
            else:
                out.append(UKRAINIAN.get(ch, ch))
        w = "".join(out)
        words.append(w[:1].upper() + w[1:])
    return "".join(words)


_RU_ADJ_NEUTER = re.compile(r"(?<=[ovn])oy?e$")


def spelling_variants(name: str, russian: str) -> list[str]:
    """Spellings of a Ukrainian settlement that reporting uses and neither its KMU romanisation
    nor its Russian-style spelling (settlements_ua.tsv) gives:

    - a soft sign before "о" read as "y"/"i": 'Верхньошироківське' -> 'Verkhnioshyrokivske'
      (written 'Verkhnyoshyrokivske'; KMU drops the sign: 'Verkhnoshyrokivske');
    - Russian names in "-ово/-ево/-ино" for Ukrainian "-ове/-еве/-ине", beside the adjective
      form "-овое": 'Logvinovoye' -> 'Logvinovo', 'Kurakhovoye' -> 'Kurakhovo'.
    """
    out = []
    if "ьо" in name.lower():
        out.append(ukrainian_latin(name.replace("ьо", "йо").replace("ЬО", "ЙО")))
    words = russian.split(" ")
    if re.search(r"\w{3}(ov|ev|in)oy?e$", words[-1]):  # not "Novoye" -> "Novo"
        out.append(" ".join([*words[:-1], _RU_ADJ_NEUTER.sub("", words[-1]) + "o"]))
    return out


# "Bashtanskyi raion", "Bashtanska hromada", "Pokrovskyi district": Ukrainian (and Russian)
# district and community names are adjectives of their centre town. The adjective ending is
# cut off and the centre's possible endings put back; the gazetteer decides which exist.
ADJECTIVE_ENDINGS = ("tskyi", "tska", "tske", "skyi", "skyy", "skiy", "skij", "sky", "ska", "ske", "skoi",
                     "skaya", "skoye", "skoe", "zkyi", "zka", "zke", "kyi")
_CENTRE_ENDINGS = ("", "ka", "sk", "k", "y", "a", "e", "ia", "kha", "ske", "ske", "ivka", "ne", "ts", "tsk")
_ALTERNATIONS = (("iv", ("ova", "ove", "eve", "iv")), ("il", ("ole", "illia", "ol")), ("in", ("inna", "ino")),
                 ("ov", ("ova", "ove")), ("an", ("any", "ani")), ("z", ("zhzhia", "zhia")))


def adjective_centres(word: str) -> list[str]:
    """Possible names of the town a district/community adjective is named after:
    'Bashtanskyi' -> [..., 'Bashtanka', ...], 'Lozivska' -> [..., 'Lozova', ...],
    'Kupianskyi' -> [..., 'Kupiansk', ...]. [] if `word` has no adjective ending."""
    w = word.strip()
    low = w.lower().replace("’", "'")
    out: list[str] = []
    for ending in ADJECTIVE_ENDINGS:
        if not (low.endswith(ending) and len(low) - len(ending) >= 3):
            continue
        stem = w[: len(w) - len(ending)].rstrip("'’ʼ")
        out += [stem + e for e in _CENTRE_ENDINGS]
        for tail, repl in _ALTERNATIONS:
            if stem.lower().endswith(tail):
                out += [stem[: -len(tail)] + r for r in repl]
    return list(dict.fromkeys(out))
