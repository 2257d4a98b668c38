"""The demo data generator, also used by `bench/` at reference scale (DESIGN.md §8).

Per client it makes on average 3 contact persons, 30 indicator values, 10 works and 15 contacts,
so 100,000 clients give the reference data set. Rows are written in bulk (`db.bulk`); one random
generator seeded with `seed` is drawn in a fixed order, so the same seed and the same `as_of`
day give the same database.
"""

from __future__ import annotations

import random
import sqlite3
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import Connection, Engine, func, select, text
from sqlalchemy.orm import Session

from ric_desk.db import migrate
from ric_desk.db.backup import reset_sequences
from ric_desk.db.bulk import BulkWriter
from ric_desk.demo import names
from ric_desk.errors import UserError
from ric_desk.models import (
    Base,
    Characteristic,
    Client,
    ClosingReason,
    Direction,
    Employee,
    IndicatorDef,
    Instrument,
    Interest,
    PrizRule,
    PrizRuleKind,
    Region,
    Role,
    Scope,
    SegmentType,
    Stage,
    StatusGroup,
    ValueType,
)
from ric_desk.priz.items import COMPETITORS_INDICATOR, competitor_names
from ric_desk.priz.rules import TITLE_LENGTH
from ric_desk.validation import format_phone, inn_check_digits

Progress = Callable[[str, float], None]  # (what is being made, share done 0..1)

CHUNK = 20_000
BULK_TABLES = (
    "client",
    "contact_person",
    "contact_channel",
    "indicator_value",
    "client_segment",
    "work",
    "contact",
    "assignment",
    "invoice",
    "payment",
    "payment_promise",
    "priz_item",
)


class Cancelled(Exception):
    pass


@dataclass
class DemoSummary:
    clients: int
    seed: int
    as_of: date
    rows: dict[str, int] = field(default_factory=dict)
    seconds: float = 0.0


class _Stage(NamedTuple):
    id: int
    name: str
    goal: str | None


class _Rule(NamedTuple):
    id: int
    title: str
    days: int  # the rule's N


class _Reason(NamedTuple):
    id: int
    stage_id: int | None
    needs_comment: bool


@dataclass
class _Dictionaries:
    phone_codes: dict[str, str | None]  # region code -> its city code
    segment_types: list[tuple[int, list[int]]]
    client_defs: list[IndicatorDef]
    contact_defs: list[IndicatorDef]
    client_group_id: int
    contact_group_id: int
    characteristics: list[int]
    key_user_characteristic: int
    interests: list[int]
    interest_names: list[str]
    reasons_productive: list[_Reason]
    reasons_unproductive: list[_Reason]
    instruments: list[int]
    directions: dict[str, int]
    stages: list[_Stage]
    rules: dict[PrizRuleKind, _Rule]  # the active rules


def _load_dictionaries(session: Session) -> _Dictionaries:
    segment_types = [
        (t.id, [v.id for v in t.values])
        for t in session.scalars(select(SegmentType).order_by(SegmentType.position, SegmentType.id))
    ]
    defs = list(
        session.scalars(select(IndicatorDef).order_by(IndicatorDef.scope, IndicatorDef.position))
    )
    groups = {g.scope: g.id for g in session.scalars(select(StatusGroup))}
    reasons = list(
        session.scalars(select(ClosingReason).order_by(ClosingReason.position, ClosingReason.id))
    )
    key_user = session.scalar(select(Characteristic.id).where(Characteristic.code == "key_user"))
    if not segment_types or not defs or not reasons or key_user is None:
        raise UserError("В базе нет справочников: выполните «ric-desk db upgrade» на пустой базе.")
    return _Dictionaries(
        phone_codes={r.code: r.phone_code for r in session.scalars(select(Region))},
        segment_types=segment_types,
        client_defs=[d for d in defs if d.scope == Scope.CLIENT],
        contact_defs=[d for d in defs if d.scope == Scope.CONTACT],
        client_group_id=groups[Scope.CLIENT],
        contact_group_id=groups[Scope.CONTACT],
        characteristics=list(
            session.scalars(select(Characteristic.id).order_by(Characteristic.id))
        ),
        key_user_characteristic=key_user,
        interests=list(session.scalars(select(Interest.id).order_by(Interest.id))),
        interest_names=list(session.scalars(select(Interest.name).order_by(Interest.id))),
        reasons_productive=[
            _Reason(r.id, r.stage_id, r.needs_comment) for r in reasons if not r.unproductive
        ],
        reasons_unproductive=[
            _Reason(r.id, r.stage_id, r.needs_comment) for r in reasons if r.unproductive
        ],
        instruments=list(session.scalars(select(Instrument.id).order_by(Instrument.id))),
        directions={d.name: d.id for d in session.scalars(select(Direction))},
        stages=[
            _Stage(t.id, t.name, t.goal) for t in session.scalars(select(Stage).order_by(Stage.id))
        ],
        rules={
            r.kind: _Rule(r.id, r.title, max(r.threshold_days or 0, 0))
            for r in session.scalars(select(PrizRule).where(PrizRule.active.is_(True)))
        },
    )


def _add_employees(session: Session) -> dict[Role, list[int]]:
    by_role: dict[Role, list[int]] = {role: [] for role in Role}
    for full_name, login, role in names.EMPLOYEES:
        existing = session.scalar(select(Employee).where(Employee.login == login))
        employee = existing or Employee(full_name=full_name, login=login, role=Role(role))
        session.add(employee)
        session.flush()
        by_role[employee.role].append(employee.id)
    return by_role


def generate(
    engine: Engine,
    clients: int = 2000,
    seed: int = 1,
    as_of: date | None = None,
    progress: Progress | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> DemoSummary:
    """Fill an upgraded database that has no clients yet; all or nothing."""
    if clients < 1:
        raise UserError("Число клиентов должно быть не меньше 1.")
    migrate.require_current(engine)
    as_of = as_of or date.today()
    started = datetime.now()
    summary = DemoSummary(clients=clients, seed=seed, as_of=as_of)
    sqlite = engine.dialect.name == "sqlite"
    if sqlite:
        engine.dispose()  # leaving WAL needs the only connection: close the idle pooled ones
    with engine.connect() as connection:
        raw = connection.connection.driver_connection  # no transaction begun yet
        assert raw is not None
        in_memory_journal = False
        if sqlite:
            # one big load: a rollback journal in memory instead of writing every page twice
            # through the WAL; the database is empty, so a crash loses only the demo itself.
            # Another program having the file open keeps WAL: slower, not wrong.
            try:
                in_memory_journal = (
                    raw.execute("PRAGMA journal_mode=MEMORY").fetchone()[0] == "memory"
                )
            except sqlite3.OperationalError:
                in_memory_journal = False
        try:
            _generate(
                connection, engine.dialect.name, summary, clients, seed, as_of, progress, cancelled
            )
        finally:
            if in_memory_journal:
                raw.execute("PRAGMA journal_mode=WAL")
    if engine.dialect.name == "postgresql":
        with engine.connect() as conn:
            conn.execution_options(isolation_level="AUTOCOMMIT").exec_driver_sql("VACUUM ANALYZE")
    else:
        with engine.begin() as conn:
            conn.exec_driver_sql("ANALYZE")
    summary.seconds = (datetime.now() - started).total_seconds()
    return summary


def _generate(
    connection: Connection,
    dialect: str,
    summary: DemoSummary,
    clients: int,
    seed: int,
    as_of: date,
    progress: Progress | None,
    cancelled: Callable[[], bool] | None,
) -> None:
    with Session(bind=connection) as session, session.begin():
        if session.scalar(select(func.count(Client.id))):
            raise UserError(
                "В базе уже есть клиенты: демонстрационные данные заполняют только пустую базу."
            )
        if dialect == "sqlite":
            session.execute(text("PRAGMA cache_size=-262144"))
        dicts = _load_dictionaries(session)
        staff = _add_employees(session)
        conn = session.connection()
        writer = BulkWriter(conn)
        # secondary indexes are built once after the load: much faster than row by row
        indexes = [ix for name in BULK_TABLES for ix in Base.metadata.tables[name].indexes]
        for index in indexes:
            index.drop(conn)
        _Generator(writer, dicts, staff, clients, seed, as_of, progress, cancelled).run()
        if progress is not None:
            progress("Индексы", 1.0)
        for index in indexes:
            index.create(conn)
        if dialect == "postgresql":
            reset_sequences(session.connection())
        summary.rows = dict(writer.counts)


class _Generator:
    def __init__(
        self,
        writer: BulkWriter,
        dicts: _Dictionaries,
        staff: dict[Role, list[int]],
        clients: int,
        seed: int,
        as_of: date,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.w = writer
        self.d = dicts
        self.operators = staff[Role.OPERATOR]
        self.supervisors = staff[Role.SUPERVISOR] or self.operators
        self.n = clients
        self.rng = random.Random(seed)
        self.as_of = as_of
        self.progress = progress
        self.cancelled = cancelled
        # day offsets relative to as_of -> ISO strings, precomputed once
        self._day0 = 4000  # from about eleven years back to six years ahead
        self.days = [(as_of + timedelta(days=k - self._day0)).isoformat() for k in range(6200)]
        self.now = (
            datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
        )
        # working minutes 09:00-17:59 Moscow time as UTC clock strings
        self.times = [f"{h:02d}:{m:02d}:00.000000" for h in range(6, 15) for m in range(60)]

    # -- helpers -------------------------------------------------------------------------------
    def day(self, offset: int) -> str:
        index = offset + self._day0
        if not 0 <= index < len(self.days):
            raise ValueError(f"day offset {offset} is outside the generator's calendar")
        return self.days[index]

    def step(self, what: str, done: float) -> None:
        if self.cancelled is not None and self.cancelled():
            raise Cancelled
        if self.progress is not None:
            self.progress(what, done)

    def flush(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        self.w.write(table, columns, rows)
        rows.clear()

    def person_name(self) -> tuple[str, str, str, bool]:
        r = self.rng.random
        female = r() < 0.7
        surname = names.SURNAMES[int(r() * len(names.SURNAMES))][female]
        first = names.FEMALE_NAMES if female else names.MALE_NAMES
        first_name = first[int(r() * len(first))]
        patronymic = names.PATRONYMICS[int(r() * len(names.PATRONYMICS))][female]
        return surname, first_name, patronymic, female

    def phone(self, region_code: str, mobile: bool) -> str:
        r = self.rng.random
        city = self.d.phone_codes.get(region_code)
        code = "9" + str(11 + int(r() * 89)) if mobile or not city else city
        rest = 10 - len(code)
        return "7" + code + str(int(r() * 10**rest)).zfill(rest)

    # -- the tables ------------------------------------------------------------------------------
    def run(self) -> None:
        phases = [
            ("Клиенты", self.make_clients),
            ("Контактные лица", self.make_people),
            ("Показатели", self.make_indicators),
            ("Сегменты", self.make_segments),
            ("Работы и контакты", self.make_works),
            ("Счета и оплаты", self.make_payments),
            ("ПРИЗ", self.make_priz),
        ]
        for what, make in phases:
            self.step(what, 0.0)
            make()

    def make_clients(self) -> None:
        rng, r = self.rng, self.rng.random
        cols = (
            "id",
            "reg_number",
            "name",
            "name_search",
            "inn",
            "kpp",
            "legal_address",
            "actual_address",
            "region_code",
            "status_group_id",
            "responsible_id",
            "vip",
            "do_not_call",
            "service_ends_on",
            "created_at",
            "updated_at",
        )
        weights = [w for _, _, w in names.CITIES]
        cities = rng.choices(names.CITIES, weights=weights, k=self.n)
        self.client_region: list[str] = [""]
        self.client_name: list[str] = [""]
        self.client_inn: list[str] = [""]
        self.client_responsible: list[int] = [0]
        rows: list[tuple[Any, ...]] = []
        self.service_ends: list[tuple[int, str]] = []  # (client, end day) within the rule's N
        service_rule = self.d.rules.get(PrizRuleKind.SERVICE_ENDS)
        reg = 42_000_000
        for cid in range(1, self.n + 1):
            region, city, _ = cities[cid - 1]
            reg += 1 + int(r() * 40)
            kind = r()
            inspection = 1 + (cid // 100_000) % 90 + int(r() * 5)
            if kind < 0.25:
                full, _short = names.PUBLIC_FORMS[int(r() * len(names.PUBLIC_FORMS))]
                subject = names.PUBLIC_SUBJECTS[int(r() * len(names.PUBLIC_SUBJECTS))]
                name = f'{full} "{subject.format(n=1 + int(r() * 40))}"'
                body = f"{region}{inspection:02d}{cid % 100_000:05d}"
            elif kind < 0.35:
                surname, first, patronymic, _ = self.person_name()
                name = f"ИП {surname} {first} {patronymic}"
                body = f"{region}{inspection:02d}{cid % 1_000_000:06d}"
            else:
                form = names.COMMERCIAL_FORMS[int(r() * len(names.COMMERCIAL_FORMS))]
                if r() < 0.5:
                    brand = names.BRANDS[int(r() * len(names.BRANDS))]
                else:
                    a = names.COMMERCIAL_WORDS_A[int(r() * len(names.COMMERCIAL_WORDS_A))]
                    b = names.COMMERCIAL_WORDS_B[int(r() * len(names.COMMERCIAL_WORDS_B))]
                    brand = f"{a} {b}"
                name = f'{form} "{brand}"'
                body = f"{region}{inspection:02d}{cid % 100_000:05d}"
            inn = body + inn_check_digits(body)
            kpp = None if len(inn) == 12 else f"{inn[:4]}01001"
            street = names.STREETS[int(r() * len(names.STREETS))]
            address = f"{city}, {street}, д. {1 + int(r() * 120)}"
            responsible = self.operators[int(r() * len(self.operators))]
            ends_in = int(r() * 400) - 30
            ends = self.day(ends_in)
            if service_rule and 0 <= ends_in <= service_rule.days:
                self.service_ends.append((cid, ends))
            self.client_region.append(region)
            self.client_name.append(name)
            self.client_inn.append(inn)
            self.client_responsible.append(responsible)
            rows.append(
                (
                    cid,
                    reg,
                    name,
                    name.lower(),
                    inn,
                    kpp,
                    address,
                    address,
                    region,
                    self.d.client_group_id,
                    responsible,
                    int(r() < 0.05),
                    int(r() < 0.01),
                    ends,
                    self.now,
                    self.now,
                )
            )
            if len(rows) >= CHUNK:
                self.flush("client", cols, rows)
                self.step("Клиенты", cid / self.n)
        self.flush("client", cols, rows)

    def make_people(self) -> None:
        r = self.rng.random
        person_cols = (
            "id",
            "client_id",
            "last_name",
            "first_name",
            "middle_name",
            "position",
            "department",
            "started_on",
            "profile",
            "note",
            "status_group_id",
            "active",
            "created_at",
            "updated_at",
        )
        channel_cols = (
            "id",
            "client_id",
            "contact_person_id",
            "kind",
            "value",
            "digits",
            "digits_reversed",
            "region",
            "favourite",
            "undesirable",
        )
        people: list[tuple[Any, ...]] = []
        channels: list[tuple[Any, ...]] = []
        chars: list[tuple[int, int]] = []
        interests: list[tuple[int, int]] = []
        self.first_person: list[int] = [0]  # per client: first person id and count
        self.person_count: list[int] = [0]
        self.person_phone: list[int] = [0]  # per person: a channel id to call
        self.person_names: list[str] = [""]
        pid = 0
        chid = 0
        n_chars = len(self.d.characteristics)
        n_interests = len(self.d.interests)
        for cid in range(1, self.n + 1):
            region = self.client_region[cid]
            count = 1 + int(r() * 5)
            self.first_person.append(pid + 1)
            self.person_count.append(count)
            chid += 1
            digits = self.phone(region, mobile=False)
            channels.append(
                (chid, cid, None, "work_phone", digits, digits, digits[::-1], None, 0, 0)
            )
            for k in range(count):
                pid += 1
                surname, first, patronymic, _ = self.person_name()
                position, department, profile = names.POSITIONS[int(r() * len(names.POSITIONS))]
                started = self.day(-int(r() * 3000))
                people.append(
                    (
                        pid,
                        cid,
                        surname,
                        first,
                        patronymic,
                        position,
                        department,
                        started,
                        profile,
                        None,
                        self.d.contact_group_id,
                        1,
                        self.now,
                        self.now,
                    )
                )
                self.person_names.append(f"{surname} {first} {patronymic}")
                chid += 1
                digits = self.phone(region, mobile=False)
                channels.append(
                    (
                        chid,
                        cid,
                        pid,
                        "work_phone",
                        digits,
                        digits,
                        digits[::-1],
                        None,
                        int(r() < 0.5),
                        int(r() < 0.03),
                    )
                )
                self.person_phone.append(chid)
                if r() < 0.5:
                    chid += 1
                    digits = self.phone(region, mobile=True)
                    channels.append(
                        (
                            chid,
                            cid,
                            pid,
                            "mobile",
                            digits,
                            digits,
                            digits[::-1],
                            None,
                            0,
                            int(r() < 0.1),
                        )
                    )
                if r() < 0.4:
                    chid += 1
                    email = f"user{pid}@example-{cid}.ru"
                    channels.append((chid, cid, pid, "work_email", email, None, None, None, 0, 0))
                if k == 0:
                    chars.append((pid, self.d.key_user_characteristic))
                elif r() < 0.6:
                    chars.append((pid, self.d.characteristics[int(r() * n_chars)]))
                if r() < 0.7:
                    interests.append((pid, self.d.interests[int(r() * n_interests)]))
            if len(people) >= CHUNK:
                self.flush("contact_person", person_cols, people)
                self.flush("contact_channel", channel_cols, channels)
                self.step("Контактные лица", cid / self.n)
        self.flush("contact_person", person_cols, people)
        self.flush("contact_channel", channel_cols, channels)
        chars = sorted(set(chars))
        self.w.write("contact_characteristic", ("contact_person_id", "characteristic_id"), chars)
        self.w.write("contact_interest", ("contact_person_id", "interest_id"), interests)

    def _value_makers(self, defs: list[IndicatorDef]) -> list[Callable[[int, int], str]]:
        """One maker per indicator: (client id, person id or 0) -> a plausible value."""
        r = self.rng.random

        def person(_cid: int, _pid: int) -> str:
            surname, first, patronymic, _f = self.person_name()
            return f"{surname} {first} {patronymic}"

        def phone(cid: int, _pid: int) -> str:
            return format_phone(self.phone(self.client_region[cid], mobile=r() < 0.3))

        def pick(options: list[str]) -> Callable[[int, int], str]:
            return lambda _cid, _pid: options[int(r() * len(options))]

        def name_part(index: int) -> Callable[[int, int], str]:
            return lambda _cid, pid: self.person_names[pid].split(" ")[index]

        special: dict[str, Callable[[int, int], str]] = {
            "Наименование": lambda cid, _pid: self.client_name[cid],
            "ИНН": lambda cid, _pid: self.client_inn[cid],
            "Тип деятельности": pick(names.ACTIVITIES),
            "Конкуренты": pick(names.COMPETITORS),
            "Фамилия": name_part(0),
            "Имя": name_part(1),
            "Отчество": name_part(2),
            "Рубрики КЛ": pick(self.d.interest_names),
            "E-mail контактного лица": lambda cid, pid: f"user{pid}@example-{cid}.ru",
            "Дата рождения": lambda _cid, _pid: (
                self.as_of - timedelta(days=int(r() * 40 * 365) + 22 * 365)
            ).isoformat(),
        }
        makers: list[Callable[[int, int], str]] = []
        for d in defs:
            if d.name in special:
                makers.append(special[d.name])
            elif d.value_type == ValueType.PERSON:
                makers.append(person)
            elif d.value_type == ValueType.PHONE:
                makers.append(phone)
            elif d.value_type == ValueType.INTEGER:
                makers.append(lambda _cid, _pid: str(int(r() * 8)))
            elif d.value_type == ValueType.DATE:
                makers.append(lambda _cid, _pid: self.day(-int(r() * 400)))
            elif d.value_type == ValueType.CHOICE and d.choices:
                makers.append(pick(d.choices))
            else:
                makers.append(pick(["Да", "Нет", "Уточнить у руководителя", "По согласованию"]))
        return makers

    def make_indicators(self) -> None:
        r = self.rng.random
        cols = (
            "id",
            "indicator_def_id",
            "client_id",
            "contact_person_id",
            "value",
            "is_actual",
            "verified_on",
            "valid_until",
            "verified_by_id",
            "created_at",
            "updated_at",
        )
        client_defs = [(d.id, d.validity_days) for d in self.d.client_defs]
        contact_defs = [(d.id, d.validity_days) for d in self.d.contact_defs]
        client_makers = self._value_makers(self.d.client_defs)
        contact_makers = self._value_makers(self.d.contact_defs)
        operators = self.operators
        n_ops = len(operators)
        rows: list[tuple[Any, ...]] = []
        vid = 0
        now = self.now
        days, d0 = self.days, self._day0

        def day(offset: int) -> str:  # verified -540..0 plus validity: within the calendar
            return days[offset + d0]

        def value_row(
            def_id: int,
            validity: int | None,
            value: str,
            owner: tuple[int | None, int | None],
            kept: bool,
        ) -> tuple[Any, ...]:
            if r() < 0.75:
                # a well-kept client's confirmations still hold; the others' are of any age
                span = min(validity, 540) if kept and validity else 540
                verified = -int(r() * span)
                until = None if validity is None else day(verified + validity)
                return (
                    vid,
                    def_id,
                    owner[0],
                    owner[1],
                    value,
                    1,
                    day(verified),
                    until,
                    operators[int(r() * n_ops)],
                    now,
                    now,
                )
            return (vid, def_id, owner[0], owner[1], value, 0, None, None, None, now, now)

        # for the ПРИЗ items: expired client indicators and the competitors named on the card
        self.expired: list[tuple[int, int]] = []  # (client, indicator)
        self.competitors: list[tuple[int, str]] = []  # (client, the "Конкуренты" value)
        expired_rule = self.d.rules.get(PrizRuleKind.INDICATOR_EXPIRED)
        expired_before = self.day(-expired_rule.days) if expired_rule else ""
        active = {d.id for d in self.d.client_defs if d.active}
        competitors_def = next(
            (d.id for d in self.d.client_defs if d.name == COMPETITORS_INDICATOR and d.active),
            None,
        )
        for cid in range(1, self.n + 1):
            kept = r() < 0.35
            for (def_id, validity), make in zip(client_defs, client_makers, strict=True):
                if r() < 0.72:
                    vid += 1
                    row = value_row(def_id, validity, make(cid, 0), (cid, None), kept)
                    rows.append(row)
                    expired = row[5] and row[7] is not None and row[7] < expired_before
                    if expired and def_id in active:
                        self.expired.append((cid, def_id))
                    if def_id == competitors_def:
                        self.competitors.append((cid, row[4]))
            first = self.first_person[cid]
            for pid in range(first, first + self.person_count[cid]):
                for (def_id, validity), make in zip(contact_defs, contact_makers, strict=True):
                    if r() < 0.57:
                        vid += 1
                        rows.append(value_row(def_id, validity, make(cid, pid), (None, pid), kept))
            if len(rows) >= CHUNK:
                self.flush("indicator_value", cols, rows)
                self.step("Показатели", cid / self.n)
        self.flush("indicator_value", cols, rows)

    def make_segments(self) -> None:
        r = self.rng.random
        cols = (
            "id",
            "client_id",
            "segment_type_id",
            "segment_value_id",
            "entered_on",
            "left_on",
            "set_by_id",
        )
        rows: list[tuple[Any, ...]] = []
        sid = 0
        types = self.d.segment_types
        for cid in range(1, self.n + 1):
            for type_id, values in types:
                if r() >= 0.4:
                    continue
                entered = -int(r() * 2500)
                if r() < 0.25 and entered < -30:
                    earlier = entered - 1 - int(r() * 700)
                    sid += 1
                    rows.append(
                        (
                            sid,
                            cid,
                            type_id,
                            values[int(r() * len(values))],
                            self.day(earlier),
                            self.day(entered),
                            None,
                        )
                    )
                sid += 1
                rows.append(
                    (
                        sid,
                        cid,
                        type_id,
                        values[int(r() * len(values))],
                        self.day(entered),
                        None,
                        self.client_responsible[cid],
                    )
                )
            if len(rows) >= CHUNK:
                self.flush("client_segment", cols, rows)
                self.step("Сегменты", cid / self.n)
        self.flush("client_segment", cols, rows)

    def make_works(self) -> None:
        r = self.rng.random
        work_cols = (
            "id",
            "number",
            "client_id",
            "direction_id",
            "stage_id",
            "campaign_id",
            "contact_person_id",
            "executor_id",
            "author_id",
            "planned_at",
            "state",
            "goal",
            "closing_reason_id",
            "closing_comment",
            "closed_at",
            "created_at",
            "updated_at",
        )
        contact_cols = (
            "id",
            "work_id",
            "client_id",
            "operator_id",
            "contact_person_id",
            "channel_id",
            "planned_at",
            "actual_at",
            "method",
            "incoming",
            "duration_sec",
            "successful",
            "result",
        )
        works: list[tuple[Any, ...]] = []
        contacts: list[tuple[Any, ...]] = []
        used: list[tuple[int, int, int]] = []
        assignments: list[tuple[Any, ...]] = []
        planned_instruments: list[tuple[int, int, int]] = []
        productive = self.d.reasons_productive
        extra = [c for c in productive if c.stage_id is None]
        by_stage: dict[int, list[_Reason]] = {}
        for reason in productive:
            if reason.stage_id is not None:
                by_stage.setdefault(reason.stage_id, []).append(reason)
        unproductive = self.d.reasons_unproductive
        instruments = self.d.instruments
        n_instr = len(instruments)
        service = self.d.directions.get("Обслуживание", next(iter(self.d.directions.values())))
        payment_direction = self.d.directions.get("Работа по оплате", service)
        stages = self.d.stages
        n_minutes = len(self.times)
        wid = 0
        coid = 0
        aid = 0
        now = self.now
        self.payment_contact: dict[int, int] = {}
        days, d0, times = self.days, self._day0, self.times

        def moment(offset: int, minute: int) -> str:  # offsets here stay within the calendar
            return f"{days[offset + d0]} {times[minute]}"

        for cid in range(1, self.n + 1):
            first = self.first_person[cid]
            count = self.person_count[cid]
            responsible = self.client_responsible[cid]
            for _ in range(5 + int(r() * 11)):
                wid += 1
                pid = first + int(r() * count)
                offset = -1 - int(r() * 365) if r() < 0.95 else int(r() * 14)
                minute = int(r() * n_minutes)
                planned = moment(offset, minute)
                stage = stages[int(r() * len(stages))]
                executor = responsible if r() < 0.85 else None
                operator = executor or self.operators[int(r() * len(self.operators))]
                direction = payment_direction if r() < 0.1 else service
                if offset >= 0:
                    works.append(
                        (
                            wid,
                            9_000_000 + wid,
                            cid,
                            direction,
                            stage.id,
                            None,
                            pid,
                            executor,
                            responsible,
                            planned,
                            "planned",
                            stage.goal,
                            None,
                            None,
                            None,
                            now,
                            now,
                        )
                    )
                    if r() < 0.3:
                        aid += 1
                        assignments.append(
                            (aid, wid, self.supervisors[0], stage.goal or stage.name, now, now)
                        )
                        planned_instruments.append(
                            (aid, instruments[int(r() * n_instr)], 1 + int(r() * 2))
                        )
                    continue
                success = r() < 0.72
                attempts = 1 + (r() < 0.6)
                for attempt in range(attempts):
                    coid += 1
                    last = attempt == attempts - 1
                    ok = success and last
                    at_minute = min(minute + 30 * attempt, n_minutes - 1)
                    at = moment(offset, at_minute)
                    contacts.append(
                        (
                            coid,
                            wid,
                            cid,
                            operator,
                            pid,
                            self.person_phone[pid],
                            at,
                            at,
                            "phone",
                            int(r() < 0.08),
                            60 + int(r() * 900) if ok else int(r() * 40),
                            int(ok),
                            names.CONTACT_RESULTS[int(r() * len(names.CONTACT_RESULTS))]
                            if ok
                            else names.UNSUCCESSFUL_RESULTS[
                                int(r() * len(names.UNSUCCESSFUL_RESULTS))
                            ],
                        )
                    )
                    if ok:
                        for _k in range(int(r() * 2.6)):
                            used.append((coid, instruments[int(r() * n_instr)], 1 + int(r() * 2)))
                if direction == payment_direction and success:
                    self.payment_contact[cid] = coid
                # a productive close names the work's stage, or an extra kind of work
                reasons = by_stage.get(stage.id, extra) if success else unproductive
                if success and r() < 0.3:
                    reasons = extra
                chosen = reasons[int(r() * len(reasons))]
                comment = "Перезвонить позже" if chosen.needs_comment else None
                closed = moment(offset, min(minute + 30 * attempts, n_minutes - 1))
                works.append(
                    (
                        wid,
                        9_000_000 + wid,
                        cid,
                        direction,
                        stage.id,
                        None,
                        pid,
                        executor,
                        responsible,
                        planned,
                        "closed",
                        None,
                        chosen.id,
                        comment,
                        closed,
                        now,
                        now,
                    )
                )
                if r() < 0.25:
                    aid += 1
                    assignments.append(
                        (aid, wid, self.supervisors[0], stage.goal or stage.name, now, now)
                    )
                    planned_instruments.append(
                        (aid, instruments[int(r() * n_instr)], 1 + int(r() * 2))
                    )
            if len(works) >= CHUNK:
                self.flush("work", work_cols, works)
                self.flush("contact", contact_cols, contacts)
                self.step("Работы и контакты", cid / self.n)
        self.flush("work", work_cols, works)
        self.flush("contact", contact_cols, contacts)
        used = sorted({(c, i): (c, i, n) for c, i, n in used}.values())
        self.w.write("contact_instrument", ("contact_id", "instrument_id", "used_count"), used)
        self.w.write(
            "assignment",
            ("id", "work_id", "author_id", "text", "created_at", "updated_at"),
            assignments,
        )
        self.w.write(
            "assignment_instrument",
            ("assignment_id", "instrument_id", "planned_count"),
            planned_instruments,
        )

    def make_payments(self) -> None:
        r = self.rng.random
        inv_cols = (
            "id",
            "client_id",
            "number",
            "issued_on",
            "due_on",
            "sent_on",
            "amount",
            "created_at",
            "updated_at",
        )
        pay_cols = (
            "id",
            "client_id",
            "invoice_id",
            "paid_on",
            "amount",
            "created_at",
            "updated_at",
        )
        promise_cols = (
            "id",
            "client_id",
            "invoice_id",
            "contact_id",
            "made_on",
            "promised_on",
            "amount",
            "state",
            "created_at",
            "updated_at",
        )
        invoices: list[tuple[Any, ...]] = []
        payments: list[tuple[Any, ...]] = []
        promises: list[tuple[Any, ...]] = []
        self.overdue: list[tuple[int, str, int]] = []  # (client, invoice number, days late)
        self.broken_promise: list[tuple[int, int, int]] = []  # (client, promise, promised day)
        iid = pid = prid = 0
        now = self.now
        for cid in range(1, self.n + 1):
            monthly = 2000 + int(r() * 60) * 500
            for quarter in range(4):
                iid += 1
                issued = -330 + quarter * 90 + int(r() * 30)
                due = issued + 14
                amount = f"{monthly * 3}.00"
                number = f"СЧ-{iid:07d}"
                invoices.append(
                    (
                        iid,
                        cid,
                        number,
                        self.day(issued),
                        self.day(due),
                        self.day(issued + 1),
                        amount,
                        now,
                        now,
                    )
                )
                late = int(r() * 60) if r() < 0.3 else 0
                paid = due + late - int(r() * 10)
                if paid < 0:
                    pid += 1
                    payments.append((pid, cid, iid, self.day(paid), amount, now, now))
                elif due < 0:
                    self.overdue.append((cid, number, -due))
                    if r() < 0.5:
                        prid += 1
                        promised = due + 7 + int(r() * 30)
                        state = "broken" if promised < 0 else "open"
                        if state == "broken":
                            self.broken_promise.append((cid, prid, promised))
                        promises.append(
                            (
                                prid,
                                cid,
                                iid,
                                self.payment_contact.get(cid),
                                self.day(due + 3),
                                self.day(promised),
                                amount,
                                state,
                                now,
                                now,
                            )
                        )
            if len(invoices) >= CHUNK:
                self.flush("invoice", inv_cols, invoices)
                self.flush("payment", pay_cols, payments)
                self.flush("payment_promise", promise_cols, promises)
                self.step("Счета и оплаты", cid / self.n)
        self.flush("invoice", inv_cols, invoices)
        self.flush("payment", pay_cols, payments)
        self.flush("payment_promise", promise_cols, promises)

    def make_priz(self) -> None:
        """The items the rules of `ric_desk.priz` raise from this data, with the same source keys
        and titles (a refresh right after the demo changes nothing: tests/test_priz.py), the
        competitors named on the card, and tasks."""
        r = self.rng.random
        cols = (
            "id",
            "client_id",
            "kind",
            "title",
            "state",
            "worked_on",
            "done",
            "unplanned",
            "comment",
            "result",
            "rule_id",
            "source_key",
            "author_id",
            "created_at",
            "updated_at",
        )
        now = self.now
        rules = self.d.rules
        names_by_id = {d.id: d.name for d in self.d.client_defs}

        def ru(iso_day: str) -> str:  # as the rules' titles show a day: dd.mm.yyyy
            return f"{iso_day[8:10]}.{iso_day[5:7]}.{iso_day[:4]}"

        raised: dict[int, list[tuple[int, str, str]]] = {}  # client -> (rule, key, title)

        def add(kind: PrizRuleKind, cid: int, key: str, detail: str) -> None:
            rule = rules.get(kind)
            if rule is not None:
                title = f"{rule.title}: {detail}"[:TITLE_LENGTH]
                raised.setdefault(cid, []).append((rule.id, key, title))

        delay = rules.get(PrizRuleKind.PAYMENT_DELAY)
        for cid, number, late in self.overdue:
            if delay is not None and late > delay.days:
                add(PrizRuleKind.PAYMENT_DELAY, cid, number, f"счет {number}")
        for cid, def_id in self.expired:
            add(PrizRuleKind.INDICATOR_EXPIRED, cid, str(def_id), names_by_id[def_id])
        for cid, promise_id, promised in self.broken_promise:
            detail = f"оплата обещана на {ru(self.day(promised))}"
            add(PrizRuleKind.PROMISE_BROKEN, cid, str(promise_id), detail)
        for cid, ends in self.service_ends:
            add(PrizRuleKind.SERVICE_ENDS, cid, ends, ru(ends))
        named = {cid: competitor_names(value) for cid, value in self.competitors}

        def open_item(
            iid: int, cid: int, kind: str, title: str, rule_id: int | None, key: str
        ) -> tuple[Any, ...]:
            return (
                iid,
                cid,
                kind,
                title,
                "open",
                0,
                0,
                0,
                None,
                None,
                rule_id,
                key,
                None,
                now,
                now,
            )

        rows: list[tuple[Any, ...]] = []
        iid = 0
        for cid in range(1, self.n + 1):
            for rule_id, key, title in sorted(raised.get(cid, ())):
                iid += 1
                rows.append(open_item(iid, cid, "dynamic", title, rule_id, key))
            for _ in range(int(r() * 2.5)):
                iid += 1
                done = r() < 0.3
                rows.append(
                    (
                        iid,
                        cid,
                        "task",
                        names.TASK_TITLES[int(r() * len(names.TASK_TITLES))],
                        "done" if done else "open",
                        int(done),
                        int(done),
                        0,
                        None,
                        "Выполнено" if done else None,
                        None,
                        None,
                        self.supervisors[0],
                        now,
                        now,
                    )
                )
            for key, name in named.get(cid, {}).items():
                iid += 1
                rows.append(open_item(iid, cid, "competitor", name, None, key))
            if len(rows) >= CHUNK:
                self.flush("priz_item", cols, rows)
                self.step("ПРИЗ", cid / self.n)
        self.flush("priz_item", cols, rows)
