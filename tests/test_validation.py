from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from ric_desk.validation import (
    ValidationError,
    format_phone,
    inn_check_digits,
    normalize_email,
    normalize_inn,
    normalize_kpp,
    normalize_phone,
)


@pytest.mark.parametrize(
    "inn",
    ["6037005253", "7707083893", "500100732259", "7736207543", " 6037 005253 "],
)
def test_valid_inns(inn: str) -> None:
    assert normalize_inn(inn) == inn.replace(" ", "")


@pytest.mark.parametrize(
    "inn, reason",
    [
        ("6037005254", "контрольного"),
        ("500100732258", "контрольного"),
        ("603700525", "10"),
        ("60370052531", "10"),
        ("60370O5253", "10"),
        ("", "10"),
    ],
)
def test_invalid_inns(inn: str, reason: str) -> None:
    with pytest.raises(ValidationError, match=reason):
        normalize_inn(inn)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9))
def test_any_organisation_body_completes_to_a_valid_inn(body: str) -> None:
    inn = body + inn_check_digits(body)
    assert normalize_inn(inn) == inn


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_any_person_body_completes_to_a_valid_inn(body: str) -> None:
    inn = body + inn_check_digits(body)
    assert len(inn) == 12
    assert normalize_inn(inn) == inn


@given(st.text(alphabet="0123456789", min_size=10, max_size=10), st.integers(1, 9))
def test_a_changed_last_digit_of_a_person_inn_is_caught(body: str, delta: int) -> None:
    inn = body + inn_check_digits(body)
    broken = inn[:-1] + str((int(inn[-1]) + delta) % 10)
    with pytest.raises(ValidationError):
        normalize_inn(broken)


def test_kpp() -> None:
    assert normalize_kpp("603701001") == "603701001"
    assert normalize_kpp("7707ab001") == "7707AB001"
    for bad in ("60370100", "6037010011", "60ф701001", "6037-1001"):
        with pytest.raises(ValidationError, match="КПП"):
            normalize_kpp(bad)


def test_the_seeds_phone_forms_become_one() -> None:
    assert normalize_phone("7(8112)59-00-51") == "78112590051"
    mobile = {
        normalize_phone(p)
        for p in ("8 911 362-16-89", "+79113621689", "7(911)362-16-89", "9113621689")
    }
    assert mobile == {"79113621689"}


def test_phone_display_matches_the_seed() -> None:
    assert format_phone("78112590051") == "7(8112)59-00-51"
    assert format_phone("79113621689") == "7(911)362-16-89"
    assert format_phone("74959876543") == "7(495)987-65-43"


@pytest.mark.parametrize(
    "bad", ["12345", "+1 202 555 0100", "8 911 362-16-89-00", "звоните", "7911abc1689"]
)
def test_bad_phones(bad: str) -> None:
    with pytest.raises(ValidationError, match="Телефон"):
        normalize_phone(bad)


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_formatted_phone_reads_back(national: str) -> None:
    canonical = "7" + national
    assert normalize_phone(format_phone(canonical)) == canonical


def test_email() -> None:
    assert normalize_email(" Petrakova_1967@Mail.RU ") == "petrakova_1967@mail.ru"
    assert normalize_email("info@школа.рф") == "info@школа.рф"
    for bad in ("petrakova", "a@b", "a b@c.ru", "@mail.ru", "a@@mail.ru"):
        with pytest.raises(ValidationError, match="e-mail"):
            normalize_email(bad)
