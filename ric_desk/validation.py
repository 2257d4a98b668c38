"""Validation and normalisation of INN, KPP, phones and e-mails, as entered by people.

Every function either returns the canonical form or raises `ValidationError` with a Russian
message that says what is wrong.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from ric_desk.errors import UserError


class ValidationError(UserError):
    pass


_INN10_WEIGHTS = (2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN11_WEIGHTS = (7, 2, 4, 10, 3, 5, 9, 4, 6, 8)
_INN12_WEIGHTS = (3, 7, 2, 4, 10, 3, 5, 9, 4, 6, 8)


def _check_digit(digits: str, weights: tuple[int, ...]) -> int:
    return sum(int(d) * w for d, w in zip(digits, weights, strict=False)) % 11 % 10


def inn_check_digits(body: str) -> str:
    """The check digits that complete a 9-digit (organisation) or 10-digit (person) INN body."""
    if len(body) == 9:
        return str(_check_digit(body, _INN10_WEIGHTS))
    if len(body) == 10:
        first = str(_check_digit(body, _INN11_WEIGHTS))
        return first + str(_check_digit(body + first, _INN12_WEIGHTS))
    raise ValueError("an INN body has 9 or 10 digits")


def normalize_inn(raw: str) -> str:
    inn = re.sub(r"\s", "", raw or "")
    if not inn.isdigit() or len(inn) not in (10, 12):
        raise ValidationError(f"ИНН «{raw}» должен состоять из 10 (организация) или 12 цифр.")
    check_len = 1 if len(inn) == 10 else 2
    if inn_check_digits(inn[:-check_len]) != inn[-check_len:]:
        raise ValidationError(f"ИНН «{raw}» не проходит проверку контрольного числа.")
    return inn


_KPP = re.compile(r"^\d{4}[\dA-Z]{2}\d{3}$")


def normalize_kpp(raw: str) -> str:
    kpp = re.sub(r"\s", "", raw or "").upper()
    if not _KPP.match(kpp):
        raise ValidationError(
            f"КПП «{raw}» должен состоять из 9 знаков: 4 цифры, 2 цифры или латинские буквы, "
            "3 цифры."
        )
    return kpp


def normalize_phone(raw: str) -> str:
    """Any way people write a Russian number -> its 11 digits starting with 7.

    `7(8112)59-00-51`, `8 911 362-16-89`, `+79113621689` and `9113621689` are all accepted.
    """
    digits = re.sub(r"\D", "", raw or "")
    if re.search(r"[^\d\s()+\-.]", raw or ""):
        raise ValidationError(f"Телефон «{raw}» содержит лишние знаки: допустимы цифры, +, (), - .")
    if len(digits) == 10:
        digits = "7" + digits
    elif len(digits) == 11 and digits[0] == "8":
        digits = "7" + digits[1:]
    if len(digits) != 11 or digits[0] != "7":
        raise ValidationError(
            f"Телефон «{raw}» должен содержать 10 цифр после кода страны (+7 или 8)."
        )
    return digits


@cache
def _area_codes() -> tuple[str, ...]:
    """Known city codes, longest first, from the regions dictionary."""
    from ric_desk.resources import load_defaults

    codes = {r["phone_code"] for r in load_defaults("regions")["region"] if r.get("phone_code")}
    codes |= {"495", "496", "498", "499", "800", "812", "813"}
    return tuple(sorted(codes, key=len, reverse=True))


def format_phone(canonical: str) -> str:
    """11 digits -> `7(8112)59-00-51` or `7(911)362-16-89`, as the seed's screens show them."""
    national = canonical[1:]
    if national[0] == "9":
        code_len = 3
    else:
        code_len = next((len(c) for c in _area_codes() if national.startswith(c)), 3)
    code, local = national[:code_len], national[code_len:]
    head = len(local) - 4
    return f"{canonical[0]}({code}){local[:head]}-{local[head : head + 2]}-{local[head + 2 :]}"


_EMAIL = re.compile(r"^[^@\s]+@[^@\s.]+(\.[^@\s.]+)+$")


EMAIL_LIMIT = 200  # ContactChannel.value; a real address is at most 254 by the standard


def normalize_email(raw: str) -> str:
    email = (raw or "").strip().lower()
    if len(email) > EMAIL_LIMIT:
        raise ValidationError(f"Адрес e-mail длиннее {EMAIL_LIMIT} знаков: проверьте его.")
    if _CONTROL_ONE_LINE.search(email):
        raise ValidationError("В адресе e-mail есть управляющие символы: уберите их.")
    if not _EMAIL.match(email):
        raise ValidationError(f"Адрес «{clip(raw)}» не похож на e-mail (нужно имя@домен.зона).")
    return email


def clip(text: str, limit: int = 60) -> str:
    """A value as a message quotes it: one line, at most `limit` characters."""
    one_line = " ".join(text.split())
    return one_line if len(one_line) <= limit else one_line[: limit - 1] + "…"


# control characters a typed or imported field may not hold; a multi-line field keeps \t and \n
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029]")
_CONTROL_ONE_LINE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def clean_field(
    raw: str | None, label: str, limit: int | None, *, multiline: bool = False
) -> str | None:
    """A text field as it is stored, the same on SQLite and PostgreSQL: Unicode composed (NFC),
    outer spaces trimmed, None when empty; refused in words when it holds control characters
    (a NUL included) or is longer than `limit` (the column's size)."""
    if raw is None:
        return None
    text = unicodedata.normalize("NFC", raw).strip()
    if not text:
        return None
    if (_CONTROL if multiline else _CONTROL_ONE_LINE).search(text):
        raise UserError(f"В поле «{label}» есть управляющие символы: уберите их.")
    if limit is not None and len(text) > limit:
        raise UserError(
            f"Поле «{label}» длиннее {limit} знаков (здесь {len(text)}): сократите его."
        )
    return text


def column_limit(column: object) -> int | None:
    """The length a model's String column holds (None for Text)."""
    length = getattr(getattr(column, "type", None), "length", None)
    return length if isinstance(length, int) else None
