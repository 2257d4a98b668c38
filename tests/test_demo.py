"""Demo data: realistic, valid, deterministic, never into a filled database."""

from __future__ import annotations

import hashlib
import re
from collections import defaultdict
from collections.abc import Iterator
from datetime import date

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from ric_desk.clients.editing import parse_value
from ric_desk.db import migrate
from ric_desk.db.engine import open_engine
from ric_desk.demo.generator import PARTS, Cancelled, fill_store, generate
from ric_desk.errors import UserError
from ric_desk.models import (
    Base,
    Client,
    ContactChannel,
    ContactPerson,
    IndicatorDef,
    IndicatorValue,
    Interest,
    Payment,
    PrizItem,
    Work,
    WorkState,
)
from ric_desk.models.contacts import contact_interest
from ric_desk.store import Store
from ric_desk.validation import normalize_inn, normalize_kpp, normalize_phone

AS_OF = date(2026, 11, 23)
FINGERPRINT_TABLES = ("client", "contact_person", "indicator_value", "work", "contact", "invoice")


def fingerprint(engine: Engine) -> dict[str, str]:
    """A digest of the content of the main tables, independent of the backend."""
    digests = {}
    with engine.connect() as conn:
        for name in FINGERPRINT_TABLES:
            table = Base.metadata.tables[name]
            cols = [
                c
                for c in table.columns
                if c.name not in ("created_at", "updated_at", "change_stamp")  # per database
            ]
            h = hashlib.sha256()
            for row in conn.execute(select(*cols).order_by(table.c.id)):
                h.update(repr(tuple(str(v) for v in row)).encode())
            digests[name] = h.hexdigest()
    return digests


def test_same_seed_same_data_on_both_backends(fresh_engine: Engine, tmp_path) -> None:
    summary = generate(fresh_engine, clients=120, seed=7, as_of=AS_OF)
    reference = open_engine(f"sqlite:///{(tmp_path / 'reference.sqlite3').as_posix()}")
    migrate.upgrade(reference)
    generate(reference, clients=120, seed=7, as_of=AS_OF)
    assert fingerprint(fresh_engine) == fingerprint(reference)
    assert summary.rows["client"] == 120


def test_another_seed_other_data(tmp_path) -> None:
    engines = []
    for seed in (1, 2):
        e = open_engine(f"sqlite:///{(tmp_path / f's{seed}.sqlite3').as_posix()}")
        migrate.upgrade(e)
        generate(e, clients=30, seed=seed, as_of=AS_OF)
        engines.append(e)
    assert fingerprint(engines[0])["client"] != fingerprint(engines[1])["client"]


def test_demo_data_is_valid_and_realistic(fresh_engine: Engine) -> None:
    summary = generate(fresh_engine, clients=200, seed=3, as_of=AS_OF)
    rows = summary.rows
    # the reference proportions of DESIGN.md §8 per client
    assert 2.5 <= rows["contact_person"] / 200 <= 3.5
    assert 25 <= rows["indicator_value"] / 200 <= 35
    assert 8.5 <= rows["work"] / 200 <= 11.5
    assert 13 <= rows["contact"] / 200 <= 17
    with Session(fresh_engine) as s:
        for inn, kpp, name in s.execute(select(Client.inn, Client.kpp, Client.name)):
            assert normalize_inn(inn) == inn
            if kpp is not None:
                assert normalize_kpp(kpp) == kpp
            assert any("а" <= ch <= "я" for ch in name.lower())
        for digits in s.scalars(
            select(ContactChannel.digits).where(ContactChannel.digits.is_not(None))
        ):
            assert normalize_phone(digits) == digits
        expired = s.scalar(
            select(func.count())
            .select_from(IndicatorValue)
            .where(IndicatorValue.is_actual.is_(True), IndicatorValue.valid_until < AS_OF)
        )
        actual = s.scalar(
            select(func.count())
            .select_from(IndicatorValue)
            .where(IndicatorValue.is_actual.is_(True), IndicatorValue.valid_until >= AS_OF)
        )
        assert expired and actual
        operators = s.scalar(select(func.count(func.distinct(Work.executor_id))))
        assert operators and operators >= 5
        closed = s.scalar(
            select(func.count())
            .select_from(Work)
            .where(Work.state == WorkState.CLOSED, Work.closing_reason_id.is_not(None))
        )
        open_ = s.scalar(
            select(func.count()).select_from(Work).where(Work.state == WorkState.PLANNED)
        )
        assert closed and open_
        first, last = s.execute(select(func.min(Work.planned_at), func.max(Work.planned_at))).one()
        assert (last - first).days >= 300
        assert s.scalar(select(func.count()).select_from(PrizItem))
        assert s.scalar(select(func.count()).select_from(Payment))
    if fresh_engine.dialect.name == "sqlite":
        with fresh_engine.connect() as conn:
            assert conn.execute(text("PRAGMA foreign_key_check")).all() == []
            # the load ran with an in-memory journal; the file is back in WAL mode
            assert conn.execute(text("PRAGMA journal_mode")).scalar() == "wal"


def test_refuses_a_database_with_clients(fresh_engine: Engine) -> None:
    generate(fresh_engine, clients=5, seed=1, as_of=AS_OF)
    with pytest.raises(UserError, match="уже есть клиенты"):
        generate(fresh_engine, clients=5, seed=1, as_of=AS_OF)


def test_cancel_leaves_nothing(fresh_engine: Engine) -> None:
    calls = []

    def cancelled() -> bool:
        calls.append(1)
        return len(calls) > 1

    with pytest.raises(Cancelled):
        generate(fresh_engine, clients=400, seed=1, as_of=AS_OF, cancelled=cancelled)
    with Session(fresh_engine) as s:
        assert s.scalar(select(func.count()).select_from(Client)) == 0
        assert s.scalar(select(func.count()).select_from(IndicatorValue)) == 0


def test_dates_are_plausible(fresh_engine: Engine) -> None:
    generate(fresh_engine, clients=80, seed=9, as_of=AS_OF)
    with Session(fresh_engine) as s:
        started = s.scalars(select(ContactPerson.started_on)).all()
        assert started and max(started) <= AS_OF
        verified = s.scalars(
            select(IndicatorValue.verified_on).where(IndicatorValue.verified_on.is_not(None))
        ).all()
        assert max(verified) <= AS_OF
        births = s.scalars(
            select(IndicatorValue.value)
            .join(IndicatorDef)
            .where(IndicatorDef.name == "Дата рождения")
        ).all()
        assert births and all(date.fromisoformat(b).year <= AS_OF.year - 20 for b in births)


# -- the demo hangs together: values fit their indicators, the card names the client's people ----
HEADS = ("Директор", "Индивидуальный предприниматель")


def full_name(person: ContactPerson) -> str:
    return f"{person.last_name} {person.first_name} {person.middle_name}"


def values_by_indicator(s: Session) -> dict[str, list[tuple[int, int, str]]]:
    """Indicator name -> (client id or 0, person id or 0, stored value) of every value."""
    found: dict[str, list[tuple[int, int, str]]] = defaultdict(list)
    rows = s.execute(
        select(
            IndicatorDef.name,
            IndicatorValue.client_id,
            IndicatorValue.contact_person_id,
            IndicatorValue.value,
        ).join(IndicatorDef)
    )
    for name, client_id, person_id, value in rows:
        found[name].append((client_id or 0, person_id or 0, value))
    return found


@pytest.fixture
def demo(fresh_engine: Engine) -> Iterator[Session]:
    generate(fresh_engine, clients=150, seed=4, as_of=AS_OF)
    with Session(fresh_engine) as s:
        yield s


def test_values_fit_their_indicators(demo: Session) -> None:
    """Every value is what the card itself would store for it (numbers, dates, phones, names,
    choices), no free text is a stand-in answer, addresses are addresses, sums are sums."""
    definitions = {d.name: d for d in demo.scalars(select(IndicatorDef))}
    values = values_by_indicator(demo)
    assert set(values) == set(definitions)  # every indicator of the defaults is filled somewhere
    for name, rows in values.items():
        for _client, _person, value in rows:
            assert parse_value(definitions[name], value) == value, (name, value)
            assert value not in ("Уточнить у руководителя", "По согласованию", "Да"), name
    addresses = {c: a for c, a in demo.execute(select(Client.id, Client.actual_address))}
    assert all(value == addresses[c] for c, _p, value in values["Адрес фактический"])
    debts = {c: value for c, _p, value in values["Сумма долга"]}
    assert all(re.fullmatch(r"\d{1,3}( \d{3})* руб\.", value) for value in debts.values())
    assert any(value != "0 руб." for value in debts.values())
    for client, _p, depth in values["Глубина долга"]:
        if client in debts:  # overdue days only where something is owed
            assert (depth == "0") == (debts[client] == "0 руб."), (debts[client], depth)


def test_the_card_names_the_clients_own_people(demo: Session) -> None:
    """ "Руководитель" is the client's person marked as its head, "Главный бухгалтер" the one
    marked so; their phones, and every person's own indicators, are that person's."""
    persons = {p.id: p for p in demo.scalars(select(ContactPerson))}
    phones: dict[int, set[str]] = defaultdict(set)
    emails: dict[int, set[str]] = defaultdict(set)
    for person_id, digits, value in demo.execute(
        select(ContactChannel.contact_person_id, ContactChannel.digits, ContactChannel.value)
    ):
        (phones if digits else emails)[person_id].add(digits or value)
    interests: dict[int, set[str]] = defaultdict(set)
    for person_id, name in demo.execute(
        select(contact_interest.c.contact_person_id, Interest.name).join(Interest)
    ):
        interests[person_id].add(name)
    heads: dict[int, list[ContactPerson]] = defaultdict(list)
    accountants: dict[int, list[ContactPerson]] = defaultdict(list)
    for p in persons.values():
        if p.position in HEADS:
            heads[p.client_id].append(p)
        elif p.position == "Главный бухгалтер":
            accountants[p.client_id].append(p)
    clients = {c: name for c, name in demo.execute(select(Client.id, Client.name))}
    assert all(len(heads[c]) == 1 for c in clients)  # every client has one head
    assert all(len(accountants[c]) <= 1 for c in clients)
    for client, name in clients.items():  # an ИП is headed by the entrepreneur
        head = heads[client][0]
        assert name.startswith("ИП ") == (head.position == "Индивидуальный предприниматель")
        if name.startswith("ИП "):
            assert name == f"ИП {full_name(head)}"

    values = values_by_indicator(demo)
    for indicator, phones_of, holders in (
        ("Руководитель", "Телефоны руководителя", heads),
        ("Главный бухгалтер", "Телефоны гл. бухгалтера", accountants),
    ):
        assert values[indicator] and values[phones_of]
        for client, _p, value in values[indicator]:
            assert [full_name(p) for p in holders[client]] == [value], (indicator, value)
        for client, _p, value in values[phones_of]:
            assert holders[client], (phones_of, value)
            assert set(value.split(", ")) <= phones[holders[client][0].id], (phones_of, value)

    own = {
        "Фамилия": lambda p, v: v == p.last_name,
        "Имя": lambda p, v: v == p.first_name,
        "Отчество": lambda p, v: v == p.middle_name,
        "Телефоны контактного лица": lambda p, v: set(v.split(", ")) <= phones[p.id],
        "E-mail контактного лица": lambda p, v: v in emails[p.id],
        "Рубрики КЛ": lambda p, v: v in interests[p.id],
    }
    for indicator, fits in own.items():
        assert values[indicator]
        for _c, person_id, value in values[indicator]:
            assert fits(persons[person_id], value), (indicator, value)


def test_progress_only_moves_forward(fresh_engine: Engine) -> None:
    """One bar for the whole fill: from the first part to the indexes, never back to 0%."""
    seen: list[tuple[str, float]] = []
    generate(fresh_engine, clients=300, seed=2, as_of=AS_OF, progress=lambda *p: seen.append(p))
    shares = [share for _what, share in seen]
    assert shares == sorted(shares) and shares[0] == 0.0 and shares[-1] == 1.0
    assert len(set(shares)) > 50  # it moves within each part too, not only between them
    parts = [what for k, (what, _share) in enumerate(seen) if k == 0 or seen[k - 1][0] != what]
    assert parts == [what for what, _share in PARTS] + ["Индексы"]


def test_the_workstations_fill_counts_percent_forward(fresh_engine: Engine) -> None:
    store = Store(fresh_engine, fresh_engine.url)
    seen: list[tuple[int, int]] = []
    fill_store(store, 120, lambda done, total: seen.append((done, total)), lambda: False)
    percents = [done for done, _total in seen]
    assert percents == sorted(percents) and percents[-1] == 100
    assert {total for _done, total in seen} == {100} and len(set(percents)) > 20
