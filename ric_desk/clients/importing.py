"""Importing clients from an .xlsx or .csv file with a header row.

Columns: Наименование and ИНН are required; КПП, Регион, Адрес, Телефон, E-mail, Ответственный are
optional; any other column is reported, not guessed. Every row is validated (INN checksum, KPP,
phones, e-mails, region, responsible, duplicates in the file and against the database) before
anything is written; one bad row rejects the whole file with its row, column and reason.
"""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import func, insert, select
from sqlalchemy.orm import Session

from ric_desk.actor import Actor
from ric_desk.changes import Changes, Done
from ric_desk.errors import Cancelled, UserError
from ric_desk.models import (
    AuditRecord,
    ChannelKind,
    Client,
    ContactChannel,
    Employee,
    Region,
    Scope,
    StatusGroup,
)
from ric_desk.store import Store
from ric_desk.validation import normalize_email, normalize_inn, normalize_kpp, normalize_phone

COLUMNS = {
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
    "name": "Наименование",
    "inn": "ИНН",
    "kpp": "КПП",
    "region": "Регион",
    "address": "Адрес",
    "phone": "Телефон",
    "email": "E-mail",
    "responsible": "Ответственный",
}
SHOWN_ERRORS = 20
BATCH = 500  # clients written per INSERT

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
        shown = "\n".join(f"  {e}" for e in errors[:SHOWN_ERRORS])
        more = f"\n  … и ещё {len(errors) - SHOWN_ERRORS}" if len(errors) > SHOWN_ERRORS else ""
        super().__init__(
            f"Файл «{source.name}» не загружен, ничего не записано. Ошибок: {len(errors)}.\n"
            f"{shown}{more}"
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


def _cells(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # a number typed into Excel: 6037005253.0
    return str(value).strip()


def read_table(path: Path) -> tuple[list[str], Iterator[list[str]]]:
    """The header and the rows of the first sheet of an .xlsx, or of a .csv (; or , separated)."""
    suffix = path.suffix.lower()
    if not path.exists():
        raise UserError(f"Файл «{path}» не найден.")
    if suffix == ".xlsx":
        from openpyxl import load_workbook

        try:
            workbook = load_workbook(path, read_only=True, data_only=True)
        except Exception:
            raise UserError(
                f"Файл «{path.name}» не удалось открыть как книгу Excel (.xlsx)."
            ) from None
        sheet = workbook.worksheets[0]
        rows = sheet.iter_rows(values_only=True)
        header = [_cells(v) for v in next(rows, ())]
        return header, ([_cells(v) for v in row] for row in rows)
    if suffix == ".csv":
        raw = path.read_bytes()
        for encoding in ("utf-8-sig", "cp1251"):
            try:
                text = raw.decode(encoding)
                break
            except UnicodeDecodeError:
                continue
        else:  # pragma: no cover - cp1251 decodes any byte string
            raise UserError(f"Не удалось прочитать кодировку файла «{path.name}».")
        first_line = text.split("\n", 1)[0]
        delimiter = ";" if first_line.count(";") >= first_line.count(",") else ","
        reader = csv.reader(text.splitlines(), delimiter=delimiter)
        header = [h.strip() for h in next(reader, [])]
        return header, ([c.strip() for c in row] for row in reader)
    raise UserError(f"Формат «{suffix or path.name}» не поддерживается: нужен .xlsx или .csv.")


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
                RowError(1, f"{title} ({letter})", f"неизвестный столбец; допустимы: {allowed}")
            )
        elif key in index:
            errors.append(RowError(1, f"{title} ({letter})", "столбец повторяется"))
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
    regions = {}
    for code, name in session.execute(select(Region.code, Region.name)):
        regions[code] = code
        regions[name.lower()] = code
    employees = {}
    for employee_id, full_name, login in session.execute(
        select(Employee.id, Employee.full_name, Employee.login)
    ):
        employees[full_name.lower()] = employee_id
        employees[login.lower()] = employee_id
    existing = {(inn, kpp or "") for inn, kpp in session.execute(select(Client.inn, Client.kpp))}
    drafts: list[ClientDraft] = []
    errors: list[RowError] = []
    seen: dict[tuple[str, str], int] = {}
    materialized = list(rows)
    total = len(materialized)
    for number, cells in enumerate(materialized, start=2):
        if not any(cells):
            continue

        def cell(key: str, cells: list[str] = cells) -> str:
            position = index.get(key)
            return cells[position] if position is not None and position < len(cells) else ""

        def fail(key: str, reason: str, number: int = number) -> None:
            errors.append(RowError(number, TITLES[key], reason))

        name = cell("name")
        if not name:
            fail("name", "пустое наименование")
        inn = ""
        try:
            inn = normalize_inn(cell("inn"))
        except UserError as exc:
            fail("inn", exc.message)
        kpp = None
        if cell("kpp"):
            try:
                kpp = normalize_kpp(cell("kpp"))
            except UserError as exc:
                fail("kpp", exc.message)
        region_code = None
        if cell("region"):
            region_code = regions.get(cell("region").lower())
            if region_code is None:
                fail("region", f"регион «{cell('region')}» не найден в справочнике регионов")
        phones = []
        for part in _split(cell("phone")):
            try:
                phones.append(normalize_phone(part))
            except UserError as exc:
                fail("phone", exc.message)
        emails = []
        for part in _split(cell("email")):
            try:
                emails.append(normalize_email(part))
            except UserError as exc:
                fail("email", exc.message)
        responsible_id = None
        if cell("responsible"):
            responsible_id = employees.get(cell("responsible").lower())
            if responsible_id is None:
                fail("responsible", f"сотрудник «{cell('responsible')}» не найден")
        if inn:
            key = (inn, kpp or "")
            if key in seen:
                fail("inn", f"клиент с этим ИНН/КПП уже есть в строке {seen[key]} файла")
            elif key in existing:
                fail("inn", "клиент с этим ИНН/КПП уже есть в базе")
            else:
                seen[key] = number
        drafts.append(
            ClientDraft(
                number,
                name,
                inn,
                kpp,
                region_code,
                cell("address") or None,
                phones,
                emails,
                responsible_id,
            )
        )
        if progress is not None and number % 500 == 0:
            progress(number, total * 2)
    if not drafts and not errors:
        errors.append(RowError(2, TITLES["name"], "в файле нет ни одной строки с данными"))
    if errors:
        raise ImportRejected(source, errors)
    return drafts


def _split(value: str) -> list[str]:
    return [p.strip() for p in value.replace(";", ",").split(",") if p.strip()]


def import_clients(
    session: Session, source: Path, actor: Actor | None, progress: Progress | None = None
) -> Done[int]:
    """Validate the whole file, then write all its clients in the caller's transaction.

    Each new client's change history says who loaded it from which file (`actor` None: the
    command line, acting as nobody). The value is how many clients were loaded."""
    drafts = validate(session, source, progress)
    group_id = session.scalar(
        select(StatusGroup.id)
        .where(StatusGroup.scope == Scope.CLIENT)
        .order_by(StatusGroup.id)
        .limit(1)
    )
    next_number = (session.scalar(select(func.max(Client.reg_number))) or 0) + 1
    total = len(drafts)
    new_ids: list[int] = []
    for start in range(0, total, BATCH):
        batch = drafts[start : start + BATCH]
        clients = [
            Client(
                reg_number=next_number + start + k,
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
        session.flush()  # one batched INSERT for the batch; the channels need the new ids
        new_ids.extend(c.id for c in clients)
        session.execute(
            insert(AuditRecord),
            [
                {
                    "employee_id": actor.employee_id if actor else None,
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
        for client, d in zip(clients, batch, strict=True):
            session.add_all(
                ContactChannel(
                    client_id=client.id,
                    kind=ChannelKind.WORK_PHONE,
                    value=digits,
                    digits=digits,
                    digits_reversed=digits[::-1],
                )
                for digits in d.phones
            )
            session.add_all(
                ContactChannel(client_id=client.id, kind=ChannelKind.WORK_EMAIL, value=email)
                for email in d.emails
            )
        if progress is not None:
            progress(total + start + len(batch), total * 2)
    session.flush()
    if progress is not None:
        progress(total * 2, total * 2)
    return Done(total, Changes.of(clients=new_ids))


def import_file(
    store: Store,
    source: Path,
    actor: Actor | None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> Done[int]:
    """`import_clients` in a transaction of its own: the screen's long job. Cancel (checked at
    every step of progress) rolls the whole file back."""

    def step(done: int, total: int) -> None:
        if progress is not None:
            progress(done, total)
        if cancelled is not None and cancelled():
            raise Cancelled

    with store.session() as session:
        return import_clients(session, source, actor, step)
