"""Importing clients from an .xlsx or .csv file with a header row.

Columns: Наименование and ИНН are required; КПП, Регион, Адрес, Телефон, E-mail, Ответственный are
optional; any other column is reported, not guessed. Every row is validated (length and control
characters of every cell, INN checksum, KPP, phones, e-mails, region as offices write it,
responsible, duplicates in the file and against the database) before anything is written; one bad
row rejects the whole file with its row, column and reason.

What is loaded goes where people look for it: the client's fields, the functional map's
indicators "Наименование", "ИНН" and "Адрес фактический" (confirmed on the import day by the
importing user), and the phones and e-mails as the client's own channels (the card's header and
the search by phone show them).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ric_desk.actor import Actor
from ric_desk.changes import Changes, Done
from ric_desk.clients.region_names import RegionIndex
from ric_desk.clients.tables import read_table
from ric_desk.errors import Cancelled, UserError
from ric_desk.functional_map import validity
from ric_desk.models import (
    AuditRecord,
    ChannelKind,
    Client,
    ContactChannel,
    Employee,
    IndicatorDef,
    IndicatorValue,
    Region,
    Scope,
    StatusGroup,
)
from ric_desk.store import Store
from ric_desk.validation import (
    clip,
    normalize_email,
    normalize_inn,
    normalize_kpp,
    normalize_phone,
)

COLUMNS = {
    "рег. номер": "reg_number",
    "рег.номер": "reg_number",
    "рег номер": "reg_number",
    "регистрационный номер": "reg_number",
    "наименование": "name",
    "инн": "inn",
    "кпп": "kpp",
    "регион": "region",
    "адрес": "address",
    "телефон": "phone",
    "e-mail": "email",
    "email": "email",
    "ответственный": "responsible",
}
REQUIRED = ("name", "inn")
TITLES = {
    "reg_number": "Рег. номер",
    "name": "Наименование",
    "inn": "ИНН",
    "kpp": "КПП",
    "region": "Регион",
    "address": "Адрес",
    "phone": "Телефон",
    "email": "E-mail",
    "responsible": "Ответственный",
}
# the longest text a cell may hold: the database's limit where it has one (a client's name is
# at most 500 characters, an e-mail 200), else far more than any real value
LIMITS = {
    "reg_number": 40,
    "name": 500,
    "inn": 40,
    "kpp": 40,
    "region": 200,
    "address": 1000,
    "phone": 1000,
    "email": 1000,
    "responsible": 200,
}
EMAIL_LIMIT = 200  # ContactChannel.value
PHONE_LIMIT = 40  # "+7 (8112) 59-00-51 доб. 123" is shorter
# the functional map's indicators (their names in the dictionary) that the import fills
INDICATORS = {"name": "Наименование", "inn": "ИНН", "address": "Адрес фактический"}
REG_NUMBER_MAX = 10**15  # far beyond any RIC's numbering, well inside the column's 64 bits
SHOWN_ERRORS = 20
BATCH = 500  # clients written per INSERT
INN_CHUNK = 500  # INNs looked up in the database per query
# control characters other than the line breaks, tabs and form feeds a cell may hold (Alt+Enter)
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class RowError:
    row: int  # as the spreadsheet numbers it: the header is row 1
    column: str
    reason: str

    def __str__(self) -> str:
        return f"строка {self.row}, столбец «{self.column}»: {self.reason}"


class ImportRejected(UserError):
    """The file was rejected whole; nothing was written."""

    def __init__(self, source: Path, errors: list[RowError]) -> None:
        self.errors = errors
        self.source = source
        if len(errors) == 1:  # one line, as a command's refusal is
            super().__init__(f"Файл «{source.name}» не загружен, ничего не записано: {errors[0]}")
            return
        shown = "\n".join(f"  {e}" for e in errors[:SHOWN_ERRORS])
        more = f"\n  … и ещё {len(errors) - SHOWN_ERRORS}" if len(errors) > SHOWN_ERRORS else ""
        super().__init__(
            f"Файл «{source.name}» не загружен, ничего не записано. Ошибок: {len(errors)}.\n"
            f"{shown}{more}"
        )

    @property
    def line(self) -> str:
        """One line: the file, then its reasons joined by "; " (the screen lists them)."""
        if len(self.errors) == 1:
            return self.message
        shown = "; ".join(str(e) for e in self.errors[:SHOWN_ERRORS])
        more = (
            f"; … и ещё {len(self.errors) - SHOWN_ERRORS}"
            if len(self.errors) > SHOWN_ERRORS
            else ""
        )
        return (
            f"Файл «{self.source.name}» не загружен, ничего не записано. "
            f"Ошибок: {len(self.errors)}: {shown}{more}"
        )


@dataclass
class ClientDraft:
    row: int
    name: str
    inn: str
    kpp: str | None = None
    region_code: str | None = None
    address: str | None = None
    phones: list[str] = field(default_factory=list)
    emails: list[str] = field(default_factory=list)
    responsible_id: int | None = None
    reg_number: int | None = None  # the file's own; None: the next free one is given


def check_text(value: str, limit: int) -> tuple[str, str | None]:
    """A cell as it is stored (line breaks, tabs and repeated spaces become one space) and what
    is wrong with it, if anything: control characters or more than `limit` characters. Unicode
    composed (NFC) first, as every typed field is (`validation.clean_field`)."""
    value = unicodedata.normalize("NFC", value)
    bad = _CONTROL.search(value)
    if bad is not None:
        return "", f"недопустимый управляющий символ (код {ord(bad.group()):#04x}): уберите его"
    text = " ".join(value.split())
    if len(text) > limit:
        return (
            "",
            f"слишком длинное значение: допустимо не больше {limit} знаков, а здесь {len(text)}",
        )
    return text, None


def _column_index(header: list[str], source: Path) -> dict[str, int]:
    index: dict[str, int] = {}
    errors = []
    for position, title in enumerate(header):
        if not title:
            continue
        key = COLUMNS.get(title.strip().lower())
        letter = _letter(position)
        if key is None:
            allowed = ", ".join(dict.fromkeys(TITLES.values()))
            errors.append(
                RowError(
                    1, f"{clip(title)} ({letter})", f"неизвестный столбец; допустимы: {allowed}"
                )
            )
        elif key in index:
            errors.append(RowError(1, f"{clip(title)} ({letter})", "столбец повторяется"))
        else:
            index[key] = position
    for key in REQUIRED:
        if key not in index:
            errors.append(RowError(1, TITLES[key], "нет обязательного столбца"))
    if errors:
        raise ImportRejected(source, errors)
    return index


def _letter(position: int) -> str:
    letters = ""
    position += 1
    while position:
        position, rest = divmod(position - 1, 26)
        letters = chr(ord("A") + rest) + letters
    return letters


def validate(session: Session, source: Path, progress: Progress | None = None) -> list[ClientDraft]:
    """Read and check the whole file; raises ImportRejected listing every problem found."""
    header, rows = read_table(source)
    index = _column_index(header, source)
    regions = RegionIndex(
        (code, name) for code, name in session.execute(select(Region.code, Region.name))
    )
    found_regions: dict[str, str | None] = {}
    employees = {}
    for employee_id, full_name, login in session.execute(
        select(Employee.id, Employee.full_name, Employee.login)
    ):
        employees[full_name.lower()] = employee_id
        employees[login.lower()] = employee_id
    drafts: list[ClientDraft] = []
    errors: list[RowError] = []
    seen: dict[tuple[str, str], ClientDraft] = {}
    numbered: dict[int, ClientDraft] = {}
    materialized = list(rows)
    total = len(materialized)
    for number, cells in enumerate(materialized, start=2):
        if not any(cells):
            continue

        unreadable: set[str] = set()  # the row's cells too long or with control characters

        def fail(key: str, reason: str, number: int = number) -> None:
            errors.append(RowError(number, TITLES[key], reason))

        def cell(key: str, cells: list[str] = cells, unreadable: set[str] = unreadable) -> str:
            position = index.get(key)
            raw = cells[position] if position is not None and position < len(cells) else ""
            text, problem = check_text(raw, LIMITS[key])
            if problem is not None:
                fail(key, problem)
                unreadable.add(key)
            return text

        reg_number = None
        if raw_number := cell("reg_number"):
            digits = raw_number.replace(" ", "").replace("\u00a0", "")
            if digits.endswith(".0"):  # a number cell of a workbook read as text
                digits = digits[:-2]
            if digits.isascii() and digits.isdigit() and 0 < int(digits) < REG_NUMBER_MAX:
                reg_number = int(digits)
            else:
                fail("reg_number", f"«{clip(raw_number, 30)}» — рег. номер пишется целым числом")
        name = cell("name")
        if not name and "name" not in unreadable:
            fail("name", "пустое наименование")
        inn = ""
        if raw_inn := cell("inn"):
            try:
                inn = normalize_inn(raw_inn)
            except UserError as exc:
                fail("inn", exc.message)
        elif "inn" not in unreadable:
            fail("inn", "пустой ИНН")
        kpp = None
        if raw_kpp := cell("kpp"):
            try:
                kpp = normalize_kpp(raw_kpp)
            except UserError as exc:
                fail("kpp", exc.message)
        region_code = None
        if region := cell("region"):
            if region not in found_regions:
                found_regions[region] = regions.find(region)
            region_code = found_regions[region]
            if region_code is None:
                fail("region", regions.not_found(region))
        phones = []
        for part in _split(cell("phone")):
            if len(part) > PHONE_LIMIT:
                fail("phone", f"«{clip(part, 30)}» — слишком длинно для номера телефона")
                continue
            try:
                phones.append(normalize_phone(part))
            except UserError as exc:
                fail("phone", exc.message)
        emails = []
        for part in _split(cell("email")):
            if len(part) > EMAIL_LIMIT:
                fail("email", f"адрес e-mail длиннее {EMAIL_LIMIT} знаков")
                continue
            try:
                emails.append(normalize_email(part))
            except UserError as exc:
                fail("email", exc.message)
        responsible_id = None
        if responsible := cell("responsible"):
            responsible_id = employees.get(responsible.lower())
            if responsible_id is None:
                fail("responsible", f"сотрудник «{clip(responsible)}» не найден")
        draft = ClientDraft(
            number,
            name,
            inn,
            kpp,
            region_code,
            cell("address") or None,
            list(dict.fromkeys(phones)),
            list(dict.fromkeys(emails)),
            responsible_id,
            reg_number,
        )
        if reg_number is not None:
            same = numbered.setdefault(reg_number, draft)
            if same is not draft:
                fail("reg_number", f"рег. № {reg_number} уже есть в строке {same.row} файла")
        if inn:
            key = (inn, kpp or "")
            first = seen.setdefault(key, draft)
            if first is not draft:
                fail("inn", f"{_inn_kpp(inn, kpp)} уже есть в строке {first.row} файла")
        drafts.append(draft)
        if progress is not None and number % 500 == 0:
            progress(number, total * 2)
    for (inn, kpp), (reg_number, name) in _in_database(session, list(seen)).items():
        draft = seen[inn, kpp]
        errors.append(
            RowError(
                draft.row,
                TITLES["inn"],
                f"{_inn_kpp(inn, kpp)} уже есть в базе: {clip(name, 100)} (рег. № {reg_number})",
            )
        )
    for reg_number, name in _numbers_taken(session, list(numbered)).items():
        errors.append(
            RowError(
                numbered[reg_number].row,
                TITLES["reg_number"],
                f"рег. № {reg_number} уже есть в базе: {clip(name, 100)}",
            )
        )
    if not drafts and not errors:
        errors.append(RowError(2, TITLES["name"], "в файле нет ни одной строки с данными"))
    if errors:
        errors.sort(key=lambda e: e.row)  # stable: a row's problems stay in column order
        raise ImportRejected(source, errors)
    return drafts


def _numbers_taken(session: Session, numbers: list[int]) -> dict[int, str]:
    """Which of the file's registration numbers the database has: number -> client's name."""
    found: dict[int, str] = {}
    for start in range(0, len(numbers), INN_CHUNK):
        chunk = numbers[start : start + INN_CHUNK]
        for reg_number, name in session.execute(
            select(Client.reg_number, Client.name).where(Client.reg_number.in_(chunk))
        ):
            found[reg_number] = name
    return found


def _inn_kpp(inn: str, kpp: str | None) -> str:
    return f"ИНН {inn}, КПП {kpp}" if kpp else f"ИНН {inn}"


def _in_database(
    session: Session, keys: list[tuple[str, str]]
) -> dict[tuple[str, str], tuple[int, str]]:
    """Which of the (INN, KPP or "") pairs a client in the database already has: its registration
    number and name. Asks by the file's INNs (indexed), a chunk at a time."""
    wanted = set(keys)
    inns = sorted({inn for inn, _kpp in wanted})
    found: dict[tuple[str, str], tuple[int, str]] = {}
    for start in range(0, len(inns), INN_CHUNK):
        for inn, kpp, reg_number, name in session.execute(
            select(Client.inn, Client.kpp, Client.reg_number, Client.name)
            .where(Client.inn.in_(inns[start : start + INN_CHUNK]))
            .order_by(Client.reg_number)
        ):
            key = (inn, kpp or "")
            if key in wanted:
                found.setdefault(key, (reg_number, name))
    return found


def _split(value: str) -> list[str]:
    return [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]


def import_clients(
    session: Session,
    source: Path,
    actor: Actor | None,
    progress: Progress | None = None,
    on: date | None = None,
) -> Done[int]:
    """Validate the whole file, then write all its clients in the caller's transaction.

    Each new client's change history says who loaded it from which file (`actor` None: the
    command line, acting as nobody); its name, INN and address become the functional map's
    indicators, confirmed on `on` (today) by `actor`. The value is how many clients were loaded."""
    on = on or date.today()
    drafts = validate(session, source, progress)
    group_id = session.scalar(
        select(StatusGroup.id)
        .where(StatusGroup.scope == Scope.CLIENT)
        .order_by(StatusGroup.id)
        .limit(1)
    )
    indicators = _indicators(session)
    verifier = actor.employee_id if actor else None
    # a row without a number gets the next one after the database's and the file's highest
    highest = max(
        [session.scalar(select(func.max(Client.reg_number))) or 0]
        + [d.reg_number for d in drafts if d.reg_number is not None]
    )
    given = iter(range(highest + 1, highest + 1 + len(drafts)))
    numbers = [d.reg_number if d.reg_number is not None else next(given) for d in drafts]
    total = len(drafts)
    new_ids: list[int] = []
    for start in range(0, total, BATCH):
        batch = drafts[start : start + BATCH]
        clients = [
            Client(
                reg_number=numbers[start + k],
                name=d.name,
                name_search=d.name.lower(),
                inn=d.inn,
                kpp=d.kpp,
                region_code=d.region_code,
                legal_address=d.address,
                actual_address=d.address,
                responsible_id=d.responsible_id,
                status_group_id=group_id,
            )
            for k, d in enumerate(batch)
        ]
        session.add_all(clients)
        session.flush()  # one batched INSERT for the batch; what follows needs the new ids
        new_ids.extend(c.id for c in clients)
        session.execute(
            insert(AuditRecord),
            [
                {
                    "employee_id": verifier,
                    "client_id": c.id,
                    "entity": "client",
                    "entity_id": c.id,
                    "action": "insert",
                    "field": "Клиент",
                    "new_value": f"загружен из файла «{source.name}»",
                }
                for c in clients
            ],
        )
        channels = [
            row
            for client, d in zip(clients, batch, strict=True)
            for row in _channel_rows(client.id, d)
        ]
        if channels:
            session.execute(insert(ContactChannel).execution_options(render_nulls=True), channels)
        values = [
            {
                "indicator_def_id": definition.id,
                "client_id": client.id,
                "value": value,
                "is_actual": True,
                "verified_on": on,
                "valid_until": validity.valid_until(on, definition.validity_days),
                "verified_by_id": verifier,
            }
            for client, d in zip(clients, batch, strict=True)
            for field_name, definition in indicators
            if (value := getattr(d, field_name))
        ]
        if values:
            session.execute(insert(IndicatorValue).execution_options(render_nulls=True), values)
        if progress is not None:
            progress(total + start + len(batch), total * 2)
    if progress is not None:
        progress(total * 2, total * 2)
    return Done(total, Changes.of(clients=new_ids))


def _indicators(session: Session) -> list[tuple[str, IndicatorDef]]:
    """The draft's fields and the active client indicators of the map they fill, by name; an
    indicator the administrator removed or switched off is left out."""
    by_name = {
        d.name: d
        for d in session.scalars(
            select(IndicatorDef).where(
                IndicatorDef.scope == Scope.CLIENT,
                IndicatorDef.name.in_(INDICATORS.values()),
                IndicatorDef.active.is_(True),
            )
        )
    }
    return [(key, by_name[name]) for key, name in INDICATORS.items() if name in by_name]


def _channel_rows(client_id: int, draft: ClientDraft) -> Iterator[dict[str, Any]]:
    """The client's own phones and e-mails (of no contact person), as rows to insert; all with
    the same keys and the NULLs rendered, so that the whole batch goes in one statement (the ORM
    starts a new statement wherever the keys of the next row differ)."""
    for digits in draft.phones:
        yield {
            "client_id": client_id,
            "kind": ChannelKind.WORK_PHONE,
            "value": digits,
            "digits": digits,
            "digits_reversed": digits[::-1],
        }
    for email in draft.emails:
        yield {
            "client_id": client_id,
            "kind": ChannelKind.WORK_EMAIL,
            "value": email,
            "digits": None,
            "digits_reversed": None,
        }


def import_file(
    store: Store,
    source: Path,
    actor: Actor | None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
    on: date | None = None,
) -> Done[int]:
    """`import_clients` in a transaction of its own: the screen's long job. Cancel (checked at
    every step of progress) rolls the whole file back."""

    def step(done: int, total: int) -> None:
        if progress is not None:
            progress(done, total)
        if cancelled is not None and cancelled():
            raise Cancelled

    with store.session() as session:
        return import_clients(session, source, actor, step, on)
