"""Finding a region of the dictionary by the way people write it.

Offices write "г. Москва", "Москва г", "Псковская обл.", "Респ. Карелия", "Карелия Респ",
"Ханты-Мансийский АО - Югра", "ХМАО", "Чувашия" or just the code "60" (Excel drops the leading
zero of "07"). A name is reduced to its words (case, ё/е, punctuation and spaces do not count),
the kind words ("область", "обл", "край", "республика", "респ", "г", "автономный округ", "АО")
are taken apart from the rest, and the rest is compared as a set, so "Республика Карелия" and
"Карелия Республика" are the same. A kind that contradicts the dictionary ("Карелия обл") does
not match; then, and for a misspelling, `RegionIndex.suggest` offers the closest name (difflib).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher, get_close_matches

from ric_desk.validation import clip

MAX_LENGTH = 200  # longer text is not a region name; it is not compared at all
SIMILAR = 0.75  # difflib's ratio from which a name is offered: "Масква" -> "Москва", not "Марс"
# "Москва обл" -> "Московская область" (0.875 + bonus) rather than "Москва" (1.0, not an oblast);
# "Карелия обл" -> "Республика Карелия" (1.0) rather than "Омская область" (0.76 + bonus)
KIND_BONUS = 0.15

CITY = "город"
OBLAST = "область"
KRAI = "край"
REPUBLIC = "республика"
AUTONOMOUS = "ао"  # autonomous okrug or the Jewish autonomous oblast

# word -> the kind it names
_KIND_WORDS = {
    "г": CITY,
    "гор": CITY,
    "город": CITY,
    "обл": OBLAST,
    "область": OBLAST,
    "кр": KRAI,
    "край": KRAI,
    "респ": REPUBLIC,
    "республика": REPUBLIC,
    "ао": AUTONOMOUS,
    "округ": AUTONOMOUS,
    "окр": AUTONOMOUS,
}
# "автономный округ", "авт. окр.", "автономная область": the adjective joins the next kind word
_AUTONOMOUS_ADJECTIVES = {"автономный", "автономная", "авт"}
_AUTONOMOUS_NOUNS = {"округ", "окр", "область", "обл", "ао"}

# the kinds written that still fit a region of the dictionary's kind (None: a federal city)
_FITS = {
    None: {CITY},
    CITY: {CITY},
    OBLAST: {OBLAST},
    KRAI: {KRAI},
    REPUBLIC: {REPUBLIC},
    AUTONOMOUS: {AUTONOMOUS, OBLAST},  # "Еврейская обл." is the autonomous oblast
}

# short and everyday names that share no words with the official ones, by region code
ALIASES: dict[str, tuple[str, ...]] = {
    "02": ("Башкирия",),
    "07": ("Кабардино-Балкария",),
    "09": ("Карачаево-Черкесия",),
    "17": ("Тува",),
    "18": ("Удмуртия",),
    "20": ("Чечня",),
    "21": ("Чувашия", "Чувашская Республика - Чувашия"),
    "78": ("СПб", "Питер", "С.-Петербург"),
    "79": ("ЕАО",),
    "83": ("НАО",),
    "86": ("ХМАО", "ХМАО - Югра"),
    "87": ("Чукотка",),
    "89": ("ЯНАО",),
}

_WORD = re.compile(r"[^\W\d_]+|\d+")
# where an official name holds a second name: "Кемеровская область — Кузбасс", "Саха (Якутия)"
_PARTS = re.compile(r"\s+[-‐‑‒–—―]+\s+|[()]")


@dataclass(frozen=True)
class _Key:
    core: str  # the words that are not kind words, sorted, space-separated
    kinds: frozenset[str]
    numbers: tuple[str, ...]
    spelled: str  # the words in their order, kind words written out: for the suggestion


def _key(text: str) -> _Key:
    words = _WORD.findall(text.casefold().replace("ё", "е"))
    core: list[str] = []
    kinds: set[str] = set()
    numbers: list[str] = []
    spelled: list[str] = []
    i = 0
    while i < len(words):
        word = words[i]
        if word.isdigit():
            numbers.append(word)
        elif word in _AUTONOMOUS_ADJECTIVES and i + 1 < len(words):
            if words[i + 1] in _AUTONOMOUS_NOUNS:
                kinds.add(AUTONOMOUS)
                spelled.append("автономный округ")
                i += 1
            else:
                core.append(word)
                spelled.append(word)
        elif word in _KIND_WORDS:
            kinds.add(_KIND_WORDS[word])
            spelled.append(_KIND_WORDS[word])
        else:
            core.append(word)
            spelled.append(word)
        i += 1
    return _Key(" ".join(sorted(core)), frozenset(kinds), tuple(numbers), " ".join(spelled))


def _kind_of(key: _Key) -> str | None:
    return next(iter(key.kinds)) if len(key.kinds) == 1 else None


def _fits(written: frozenset[str], kind: str | None) -> bool:
    return written <= _FITS[kind]


class RegionIndex:
    """The regions of the dictionary, found by any usual spelling of their names or codes."""

    def __init__(self, regions: Iterable[tuple[str, str]]) -> None:
        self.names: dict[str, str] = {}  # code -> the dictionary's name
        self._exact: dict[str, str] = {}  # the dictionary's name, spelled out -> code
        self._by_core: dict[str, list[tuple[str, str | None]]] = {}  # core -> (code, kind)
        # a spelled-out name or core -> (code, kind): what the suggestion compares with
        self._spellings: dict[str, tuple[str, str | None]] = {}
        for code, name in regions:
            self.names[code] = name
            key = _key(name)
            self._exact.setdefault(key.spelled, code)
            parts = [p for p in _PARTS.split(name) if p and p.strip()]
            for variant in dict.fromkeys([name, *parts, *ALIASES.get(code, ())]):
                self._add(code, variant, _kind_of(key))

    def _add(self, code: str, variant: str, name_kind: str | None) -> None:
        """One more way to write the region: a part of its name or an alias, whose kind is its
        own or else the whole name's ("Кузбасс" is an oblast, "Алания" a republic)."""
        key = _key(variant)
        if not key.core:
            return
        kind = _kind_of(key) or name_kind
        entries = self._by_core.setdefault(key.core, [])
        if (code, kind) not in entries:
            entries.append((code, kind))
        self._spellings.setdefault(key.spelled, (code, kind))
        self._spellings.setdefault(key.core, (code, kind))

    def find(self, text: str) -> str | None:
        """The code of the region `text` names, or None when it names none (or several)."""
        if not text or len(text) > MAX_LENGTH:
            return None
        key = _key(text)
        codes = {n.zfill(2) for n in key.numbers}
        if len(codes) > 1 or any(len(n) > 2 for n in key.numbers):
            return None
        by_number = next(iter(codes)) if codes else None
        if by_number is not None and by_number not in self.names:
            return None
        if not key.core:
            return by_number if not key.kinds else None
        if key.spelled in self._exact:  # the dictionary's own name, however typed
            code = self._exact[key.spelled]
            return code if by_number in (None, code) else None
        found = {code for code, kind in self._by_core.get(key.core, ()) if _fits(key.kinds, kind)}
        if len(found) != 1:
            return None
        code = found.pop()
        return code if by_number in (None, code) else None

    def suggest(self, text: str) -> str | None:
        """The dictionary's name closest to a spelling `find` did not recognise, if any is close;
        a name of the kind written ("обл.") gets a head start over one of another kind."""
        if not text or len(text) > MAX_LENGTH:
            return None
        key = _key(text)
        ranked: list[tuple[float, str]] = []
        for query in {key.spelled, key.core} - {""}:
            for match in get_close_matches(query, self._spellings, n=3, cutoff=SIMILAR):
                code, kind = self._spellings[match]
                ratio = SequenceMatcher(None, query, match).ratio()
                ranked.append((ratio + (KIND_BONUS if _fits(key.kinds, kind) else 0), code))
        return self.names[max(ranked)[1]] if ranked else None

    def not_found(self, text: str) -> str:
        """What to tell the person about a region `find` did not recognise (Russian)."""
        shown = clip(text)
        suggestion = self.suggest(text)
        if suggestion is not None:
            return f"регион «{shown}» не найден. Возможно, «{suggestion}»?"
        return (
            f"регион «{shown}» не найден в справочнике регионов: укажите название "
            "(например, «Псковская область», «г. Москва») или код региона (60)"
        )
