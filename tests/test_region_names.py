"""Regions as people write them: full names, abbreviations, word order, codes, typos."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ric_desk.clients.region_names import ALIASES, RegionIndex
from ric_desk.resources import load_defaults

REGIONS = [(r["code"], r["name"]) for r in load_defaults("regions")["region"]]
INDEX = RegionIndex(REGIONS)
NAMES = dict(REGIONS)


@pytest.mark.parametrize(("code", "name"), REGIONS)
def test_every_name_and_code_of_the_dictionary_is_found(code: str, name: str) -> None:
    assert INDEX.find(name) == code
    assert INDEX.find(name.upper()) == code
    assert INDEX.find(code) == code
    assert INDEX.find(str(int(code))) == code  # Excel drops the leading zero: 7 for 07
    assert INDEX.find(f"{code} {name}") == code


@pytest.mark.parametrize(
    ("written", "code"),
    [
        ("г. Москва", "77"),
        ("г.Москва", "77"),
        ("Москва г", "77"),
        ("город Москва", "77"),
        ("МОСКВА", "77"),
        ("Санкт-Петербург г.", "78"),
        ("Санкт Петербург", "78"),
        ("СПб", "78"),
        ("г. Севастополь", "92"),
        ("Псковская обл.", "60"),
        ("Псковская обл", "60"),
        ("псковская  область", "60"),
        ("  ПСКОВСКАЯ\tОБЛАСТЬ  ", "60"),
        ("обл. Псковская", "60"),
        ("Псковская", "60"),
        ("60 - Псковская обл.", "60"),
        ("Орловская обл", "57"),
        ("Респ. Карелия", "10"),
        ("Республика Карелия", "10"),
        ("Карелия Республика", "10"),
        ("Карелия Респ", "10"),
        ("респ Карелия", "10"),
        ("Карелия", "10"),
        ("Удмуртская Респ", "18"),
        ("Республика Удмуртская", "18"),
        ("Удмуртия", "18"),
        ("Кабардино-Балкарская Респ", "07"),
        ("Чувашская Республика - Чувашия", "21"),
        ("Чувашия", "21"),
        ("Марий Эл Респ", "12"),
        ("Саха /Якутия/ Респ", "14"),
        ("Республика Саха (Якутия)", "14"),
        ("Якутия", "14"),
        ("Северная Осетия - Алания Респ", "15"),
        ("Алания", "15"),
        ("Татарстан", "16"),
        ("Алтай Респ", "04"),
        ("Алтайский кр.", "22"),
        ("Алтайский край", "22"),
        ("Пермский кр", "59"),
        ("Кемеровская обл", "42"),
        ("Кемеровская область - Кузбасс", "42"),
        ("Кузбасс", "42"),
        ("Ханты-Мансийский АО - Югра", "86"),
        ("Ханты-Мансийский Автономный округ - Югра АО", "86"),
        ("Ханты-Мансийский авт. окр.", "86"),
        ("ХМАО", "86"),
        ("Югра", "86"),
        ("Ямало-Ненецкий АО", "89"),
        ("ЯНАО", "89"),
        ("Ненецкий АО", "83"),
        ("Еврейская АО", "79"),
        ("Еврейская автономная обл.", "79"),
        ("Еврейская обл", "79"),
        ("Чукотский АО", "87"),
        ("Респ Крым", "91"),
        ("Крым", "91"),
        ("Ставропольский край", "26"),
        ("Белгородская обл.", "31"),
        ("Бёлгородская обл.", "31"),  # ё and е are one letter here
        ("77", "77"),
        ("7", "07"),
        ("07", "07"),
        (" 60 ", "60"),
    ],
)
def test_office_spellings(written: str, code: str) -> None:
    assert INDEX.find(written) == code


@pytest.mark.parametrize(
    "written",
    [
        "",
        "   ",
        "Марс",
        "обл.",
        "г.",
        "Республика",
        "99",  # no such code in the dictionary
        "777",
        "180000",  # a postcode
        "77 Псковская область",  # the code and the name disagree
        "60 77",
        "Москва обл",  # the city is no oblast
        "Карелия обл",  # a republic
        "Алтай край",  # Алтайский край or Республика Алтай: not said
        "Псковска обл",
        "х" * 10_000,
    ],
)
def test_what_names_no_region_is_not_guessed(written: str) -> None:
    assert INDEX.find(written) is None


@pytest.mark.parametrize(
    ("written", "suggestion"),
    [
        ("Псковска обл", "Псковская область"),
        ("Псковской обл", "Псковская область"),
        ("Ленинградская облась", "Ленинградская область"),
        ("Масква", "Москва"),
        ("г. Масква", "Москва"),
        ("Москва обл", "Московская область"),
        ("Карелия обл", "Республика Карелия"),
        ("Кемеровская обл - Кузбас", "Кемеровская область — Кузбасс"),
        ("Респ. Кaрелия", "Республика Карелия"),  # a Latin "a" inside
        ("Петербург", "Санкт-Петербург"),
        ("Ставрополь", "Ставропольский край"),
    ],
)
def test_the_closest_name_is_suggested(written: str, suggestion: str) -> None:
    assert INDEX.find(written) is None
    assert INDEX.suggest(written) == suggestion
    assert INDEX.not_found(written) == (f"регион «{written}» не найден. Возможно, «{suggestion}»?")


@pytest.mark.parametrize("written", ["Марс", "Орёл", "", "х" * 10_000])
def test_nothing_close_is_said_plainly(written: str) -> None:
    assert INDEX.suggest(written) is None
    message = INDEX.not_found(written)
    assert "не найден в справочнике регионов" in message and "Возможно" not in message
    assert len(message) < 250  # a long value is quoted clipped


def test_aliases_of_regions_missing_from_the_dictionary_are_left_out() -> None:
    index = RegionIndex([("60", "Псковская область")])
    assert index.find("ХМАО") is None
    assert index.find("Псковская обл.") == "60"
    assert set(ALIASES) <= set(NAMES)  # every alias belongs to a region of the defaults


# -- many spellings at once ------------------------------------------------------------------------
_ABBREVIATIONS = {
    "область": ["область", "обл.", "обл", "Обл.", "ОБЛ"],
    "Республика": ["Республика", "Респ.", "респ", "РЕСП."],
    "край": ["край", "кр.", "Край"],
    "автономный округ": ["автономный округ", "АО", "авт. окр.", "Автономный округ"],
    "автономная область": ["автономная область", "АО", "автономная обл."],
}


@st.composite
def spellings(draw: st.DrawFn) -> tuple[str, str]:
    """A region of the dictionary and one way an office might write it."""
    code, name = draw(st.sampled_from(REGIONS))
    text = draw(st.sampled_from([name, *ALIASES.get(code, ())]))
    for full, short in _ABBREVIATIONS.items():
        if full in text:
            text = text.replace(full, draw(st.sampled_from(short)), 1)
    words = text.split(" ")
    if len(words) > 1 and draw(st.booleans()):
        words = words[1:] + words[:1]  # "Республика Карелия" -> "Карелия Республика"
    if name in ("Москва", "Санкт-Петербург", "Севастополь") and draw(st.booleans()):
        words = ["г.", *words] if draw(st.booleans()) else [*words, "г"]
    gaps = draw(st.lists(st.sampled_from([" ", "  ", "\t", " \u00a0"]), min_size=len(words)))
    text = "".join(w + g for w, g in zip(words, gaps, strict=False)).strip()
    case = draw(st.sampled_from([str, str.lower, str.upper, str.title]))
    text = case(text)
    if draw(st.booleans()):
        text = text.replace("е", "ё")
    if draw(st.booleans()):
        text = f"{draw(st.sampled_from([' ', '', '  ']))}{text}{draw(st.sampled_from(['', ' ']))}"
    return code, text


@given(spellings())
def test_any_office_spelling_finds_its_region(spelled: tuple[str, str]) -> None:
    code, text = spelled
    assert INDEX.find(text) == code, text


@given(st.text(max_size=300))
def test_any_text_is_a_region_or_a_message(text: str) -> None:
    found = INDEX.find(text)
    assert found is None or found in NAMES
    if found is None:
        message = INDEX.not_found(text)
        assert message.startswith("регион «") and len(message) < 250
        assert not re.search(r"[\n\r\t]", message)
