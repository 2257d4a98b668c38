"""Demo data: realistic, valid, deterministic, never into a filled database."""

from __future__ import annotations

import hashlib
from datetime import date

import pytest
from sqlalchemy import Engine, func, select, text
from sqlalchemy.orm import Session

from ric_desk.db import migrate
from ric_desk.db.engine import open_engine
from ric_desk.demo.generator import Cancelled, generate
from ric_desk.errors import UserError
from ric_desk.models import (
    Base,
    Client,
    ContactChannel,
    IndicatorValue,
    Payment,
    PrizItem,
    Work,
    WorkState,
)
from ric_desk.validation import normalize_inn, normalize_kpp, normalize_phone

AS_OF = date(2026, 11, 23)
FINGERPRINT_TABLES = ("client", "contact_person", "indicator_value", "work", "contact", "invoice")


def fingerprint(engine: Engine) -> dict[str, str]:
    """A digest of the content of the main tables, independent of the backend."""
    digests = {}
    with engine.connect() as conn:
        for name in FINGERPRINT_TABLES:
            table = Base.metadata.tables[name]
            cols = [c for c in table.columns if c.name not in ("created_at", "updated_at")]
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
    from ric_desk.models import ContactPerson, IndicatorDef

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
