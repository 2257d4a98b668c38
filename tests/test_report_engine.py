"""The report's engine: every cell of every level against a direct count, the seed's shape with
known answers, facts from both databases against SQL counts, the fact cache against a cold read,
who sees what, and the command's CSV."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any

import numpy as np
import openpyxl
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.orm import Session

from ric_desk.actor import Actor, Role
from ric_desk.cli import main
from ric_desk.demo.generator import generate
from ric_desk.models import Client, ClosingReason, Employee, SegmentType, SegmentValue
from ric_desk.models.functional_map import ClientSegment
from ric_desk.models.works import (
    Assignment,
    AssignmentInstrument,
    Contact,
    ContactInstrument,
    Instrument,
    Work,
)
from ric_desk.reports import service
from ric_desk.reports.cache import FactCache
from ric_desk.reports.errors import ReportError
from ric_desk.reports.facts import (
    CLIENT_COLUMNS,
    CONTACT_COLUMNS,
    WORK_COLUMNS,
    Tables,
    day_number,
    frame,
)
from ric_desk.reports.loaded import Facts, dimension_values
from ric_desk.reports.names import DIMENSIONS, MEASURES, QC_MEASURES
from ric_desk.reports.pivot import Group, build
from ric_desk.reports.spec import Period, ReportSpec
from ric_desk.store import Store
from tests import factories

DAY0 = date(2026, 3, 30)  # a Monday at a month's and a quarter's end: weeks, months differ
PERIOD = Period(DAY0, DAY0 + timedelta(days=9))
ids = st.one_of(st.none(), st.integers(1, 3))
PLAIN = [d for d in DIMENSIONS if d not in ("client",)] + ["client"]


@st.composite
def tables(draw: st.DrawFn) -> Tables:
    """Contacts of a few works of a few clients; a work's attributes are its own."""
    works: dict[str, list[Any]] = {name: [] for name in WORK_COLUMNS}
    contacts: dict[str, list[Any]] = {name: [] for name in CONTACT_COLUMNS}
    contact_id = 0
    for work_id in range(1, draw(st.integers(0, 6)) + 1):
        client_id = draw(st.integers(1, 4))
        for name, value in (
            ("work_id", work_id),
            ("reason_id", draw(ids)),
            ("stage_id", draw(ids)),
            ("direction_id", draw(st.integers(1, 2))),
            ("campaign_id", draw(ids)),
            ("assignments", draw(st.integers(0, 3))),
            ("planned", draw(st.integers(0, 5))),
            ("priz", draw(st.integers(0, 2))),
        ):
            works[name].append(value)
        for _ in range(draw(st.integers(1, 4))):
            contact_id += 1
            used = draw(st.integers(0, 4))
            for name, value in (
                ("contact_id", contact_id),
                ("work_id", work_id),
                ("client_id", client_id),
                ("operator_id", draw(ids)),
                ("method", draw(st.integers(0, 3))),
                ("successful", int(draw(st.booleans()))),
                ("incoming", int(draw(st.booleans()))),
                ("day", day_number(DAY0) + draw(st.integers(0, 9))),
                ("duration_sec", draw(st.one_of(st.none(), st.integers(0, 600)))),
                ("used", used),
                ("used_assigned", draw(st.integers(0, used))),
            ):
                contacts[name].append(value)
    clients: dict[str, list[Any]] = {
        "client_id": [1, 2, 3, 4],
        "responsible_id": [1, None, 1, 2],
        "region_code": ["60", "10", "", "60"],
        "status_group_id": [1, 2, 1, None],
    }
    return Tables(
        frame(CONTACT_COLUMNS, contacts), frame(WORK_COLUMNS, works), frame(CLIENT_COLUMNS, clients)
    )


def facts_of(t: Tables) -> Facts:
    dicts = service.Dictionaries(
        texts={"reason": {1: "Б", 2: "А", 3: "В"}, "reason_group": {0: "Г1", 1: "Г2"}},
        reason_group={1: 0, 2: 1, 3: 0},
        regions={"60": "Псковская область", "10": "Республика Карелия"},
    )
    return service.make_facts(t, dicts, PERIOD)


# a contact's reviews as the quality columns hold them: none, or one that is not scored, or a
# scored one (its total in thousandths of a percent, passed, with a critical miss: total 0)
reviews_of = st.lists(
    st.one_of(
        st.none(),
        st.tuples(st.integers(0, 100_000), st.booleans()).map(lambda t: (t[0], t[1], False)),
        st.just((0, False, True)),
    ),
    max_size=2,
)


def with_quality(facts: Facts, reviews: list[list[tuple[int, bool, bool] | None]]) -> None:
    """Give each contact of `facts` its drawn reviews as the quality columns."""
    n = len(facts)
    mine = [reviews[i % len(reviews)] if reviews else [] for i in range(n)]
    scored = [[r for r in rs if r is not None] for rs in mine]
    facts.qc.update(
        {
            "qc_reviewed": np.array([len(rs) for rs in mine], dtype="int8"),
            "qc_scored": np.array([len(rs) for rs in scored], dtype="int8"),
            "qc_score_milli": np.array([sum(r[0] for r in rs) for rs in scored], dtype="int32"),
            "qc_passed": np.array([sum(r[1] for r in rs) for rs in scored], dtype="int8"),
            "qc_critical": np.array([sum(r[2] for r in rs) for rs in scored], dtype="int8"),
        }
    )


def direct(records: list[dict[str, Any]]) -> dict[str, Any]:
    """The measures of a group computed plainly from its rows."""
    works = {r["work_id"]: r for r in records}
    scored = sum(r["qc_scored"] for r in records)

    def per_scored(column: str, scale: int = 1) -> float | None:
        return sum(r[column] for r in records) / scale / scored if scored else None

    timed = [r["duration_sec"] for r in records if r["duration_sec"] != -1]
    successful = sum(r["successful"] for r in records)
    planned = sum(w["planned"] for w in works.values())
    used_assigned = sum(r["used_assigned"] for r in records)
    return {
        "works": len(works),
        "clients": len({r["client_id"] for r in records}),
        "contacts": len(records),
        "successful": successful,
        "successful_share": successful / len(records) if records else None,
        "duration": sum(timed),
        "avg_duration": sum(timed) / len(timed) if timed else None,
        "assignments": sum(w["assignments"] for w in works.values()),
        "planned_instruments": planned,
        "used_instruments": used_assigned,
        "used_instruments_in_works": sum(r["used"] for r in records),
        "deviation": planned - used_assigned,
        "priz_worked": sum(w["priz"] for w in works.values()),
        "qc_reviews": sum(r["qc_reviewed"] for r in records),
        "qc_avg_score": per_scored("qc_score_milli", 100_000),
        "qc_pass_rate": per_scored("qc_passed"),
        "qc_critical_rate": per_scored("qc_critical"),
    }


def records_of(facts: Facts, dims: list[str]) -> list[dict[str, Any]]:
    rows: list[dict[str, Any]] = facts.frame.records()
    for d in dims:
        for r, v in zip(rows, dimension_values(facts.frame, d), strict=True):
            r[d] = None if v == -1 else int(v)
    return rows


@settings(max_examples=60, deadline=None)
@given(
    tables(),
    st.lists(st.sampled_from(PLAIN), min_size=0, max_size=3, unique=True),
    st.lists(st.sampled_from(["month", "successful", "week", "region"]), max_size=1),
    st.lists(reviews_of, max_size=7),
)
def test_every_cell_of_every_level_equals_a_direct_count(
    t: Tables,
    rows: list[str],
    cols: list[str],
    reviews: list[list[tuple[int, bool, bool] | None]],
) -> None:
    cols = [c for c in cols if c not in rows]
    facts = facts_of(t)
    with_quality(facts, reviews)
    spec = ReportSpec(rows=tuple(rows), cols=tuple(cols), measures=tuple(MEASURES))
    report = build(facts, spec)
    groups = list(report.walk())
    records = records_of(facts, rows + cols)
    expected_keys = {
        tuple(r[d] for d in rows[:level]) for r in records for level in range(len(rows) + 1)
    } | {()}
    assert {g.key for g in groups} == expected_keys
    assert len(groups) == len(expected_keys)
    assert groups[0].level == 0 and groups[0].key == ()
    for i, group in enumerate(groups):
        assert group.level == len(group.key)
        members = [r for r in records if tuple(r[d] for d in rows[: group.level]) == group.key]
        assert group.values == pytest.approx(direct(members))
        children = {tuple(r[d] for d in rows[: group.level + 1]) for r in members}
        assert group.size == (len(children) if group.level < len(rows) else 0)
        for col_key, cell in group.cells.items():
            inside = [r for r in members if tuple(r[c] for c in cols) == col_key]
            assert inside and cell == pytest.approx(direct(inside))
        assert len(group.cells) == len({tuple(r[c] for c in cols) for r in members}) * bool(cols)
        # each group comes right before its children, its subtree in one block
        size = sum(1 for g in groups if g.key[: group.level] == group.key)
        subtree = groups[i + 1 : i + size]
        assert all(g.key[: group.level] == group.key and g.level > group.level for g in subtree)


def test_the_seed_shape_distinct_clients_of_a_total_are_not_the_sum() -> None:
    """Seed 002's table: one operator, reasons; a client met under two reasons is one client of
    the operator's total, and a work's assignments count once however many contacts it had."""
    contacts: dict[str, list[Any]] = {
        "contact_id": [1, 2, 3, 4, 5],
        "work_id": [10, 10, 11, 12, 13],
        "client_id": [1, 1, 1, 2, 2],
        "operator_id": [7, 7, 7, 7, 7],
        "method": [0] * 5,
        "successful": [1, 0, 1, 1, 0],
        "incoming": [0] * 5,
        "day": [day_number(DAY0)] * 5,
        "duration_sec": [60, None, 120, 30, 30],
        "used": [2, 0, 1, 0, 3],
        "used_assigned": [1, 0, 1, 0, 0],
    }
    works: dict[str, list[Any]] = {
        "work_id": [10, 11, 12, 13],
        "reason_id": [1, 2, 1, 2],
        "stage_id": [4] * 4,
        "direction_id": [1] * 4,
        "campaign_id": [None] * 4,
        "assignments": [1, 0, 2, 1],
        "planned": [3, 0, 2, 1],
        "priz": [1, 0, 0, 0],
    }
    clients: dict[str, list[Any]] = {
        "client_id": [1, 2],
        "responsible_id": [7, 7],
        "region_code": ["60", "60"],
    }
    clients["status_group_id"] = [None, None]
    facts = facts_of(
        Tables(
            frame(CONTACT_COLUMNS, contacts),
            frame(WORK_COLUMNS, works),
            frame(CLIENT_COLUMNS, clients),
        )
    )
    everything = tuple(m for m in MEASURES if m not in QC_MEASURES)  # those need a load
    report = build(facts, ReportSpec(rows=("operator", "reason"), measures=everything))
    total, operator = report.total, report.children(())[0]
    reasons = {report.label("reason", g.key[1]): g for g in report.children(operator.key)}
    assert [report.label("reason", g.key[1]) for g in report.children(operator.key)] == ["А", "Б"]
    assert {r: g.values["clients"] for r, g in reasons.items()} == {"А": 2, "Б": 2}
    assert total.values["clients"] == operator.values["clients"] == 2  # not 4
    assert {r: g.values["works"] for r, g in reasons.items()} == {"А": 2, "Б": 2}
    assert operator.values["works"] == 4
    assert operator.values["assignments"] == 4  # work 10's one assignment counted once
    assert reasons["Б"].values["assignments"] == 3
    assert operator.values["planned_instruments"] == 6
    assert operator.values["used_instruments"] == 2
    assert operator.values["used_instruments_in_works"] == 6
    assert operator.values["deviation"] == 4
    assert reasons["А"].values["deviation"] == 1 - 1
    assert operator.values["successful_share"] == pytest.approx(3 / 5)
    assert operator.values["avg_duration"] == pytest.approx(240 / 4)
    assert operator.values["priz_worked"] == 1
    assert operator.size == 2 and total.size == 1


def test_bad_names_are_refused_in_words() -> None:
    with pytest.raises(ReportError, match="Неизвестный разрез: colour"):
        ReportSpec(rows=("colour",)).check()
    with pytest.raises(ReportError, match="Неизвестный показатель: money"):
        ReportSpec(rows=("operator",), measures=("money",)).check()
    with pytest.raises(ReportError, match="Разрез указан дважды"):
        ReportSpec(rows=("operator",), cols=("operator",)).check()
    with pytest.raises(ReportError, match="Не выбран ни один показатель"):
        ReportSpec(rows=("operator",), measures=()).check()
    with pytest.raises(ReportError, match="повреждена"):
        ReportSpec.from_json({"rows": "operator"})
    with pytest.raises(ReportError, match=r"Конец периода 01\.03\.2026 раньше его начала"):
        Period(date(2026, 3, 2), date(2026, 3, 1))


# --- on the databases --------------------------------------------------------------------------

AS_OF = date(2026, 11, 23)
DIRECTOR = Actor(0, "", Role.DIRECTOR)


def sql_totals(session: Session, period: Period) -> dict[str, int]:
    lo = datetime.combine(period.start, time(), tzinfo=UTC)
    hi = datetime.combine(period.end + timedelta(days=1), time(), tzinfo=UTC)
    in_period = (Contact.actual_at >= lo) & (Contact.actual_at < hi)
    period_works = select(Contact.work_id).where(in_period)
    return {
        "contacts": session.scalar(select(func.count()).where(in_period)) or 0,
        "works": session.scalar(select(func.count(Contact.work_id.distinct())).where(in_period))
        or 0,
        "clients": session.scalar(select(func.count(Contact.client_id.distinct())).where(in_period))
        or 0,
        "used_instruments_in_works": session.scalar(
            select(func.coalesce(func.sum(ContactInstrument.used_count), 0))
            .join(Contact, Contact.id == ContactInstrument.contact_id)
            .where(in_period)
        )
        or 0,
        "assignments": session.scalar(
            select(func.count(Assignment.id)).where(Assignment.work_id.in_(period_works))
        )
        or 0,
        "planned_instruments": session.scalar(
            select(func.coalesce(func.sum(AssignmentInstrument.planned_count), 0))
            .join(Assignment, Assignment.id == AssignmentInstrument.assignment_id)
            .where(Assignment.work_id.in_(period_works))
        )
        or 0,
    }


def test_facts_of_a_period_agree_with_sql_counts(fresh_engine: Engine) -> None:
    generate(fresh_engine, clients=40, seed=5, as_of=AS_OF)
    period = Period(date(2026, 8, 1), date(2026, 10, 31))
    store = Store(fresh_engine, fresh_engine.url)
    spec = ReportSpec(rows=("operator", "reason"), measures=tuple(MEASURES))
    report = build(service.load(store, DIRECTOR, period, spec), spec)
    with Session(fresh_engine) as session:
        expected = sql_totals(session, period)
    assert expected["contacts"] and expected["works"] and expected["assignments"]
    for measure, value in expected.items():
        assert report.total.values[measure] == value, measure
    operators = report.children(())
    assert sum(g.values["clients"] or 0 for g in operators) >= expected["clients"]
    assert report.total.size == len(operators)


def test_a_segment_dimension_takes_the_value_on_the_contact_day(session: Session) -> None:
    operator = factories.employee(session)
    c = factories.client(session)
    kind = session.scalars(select(SegmentType).order_by(SegmentType.id)).first()
    assert kind is not None
    first, second = session.scalars(
        select(SegmentValue).where(SegmentValue.segment_type_id == kind.id).limit(2)
    ).all()
    session.add_all(
        [
            ClientSegment(
                client_id=c.id,
                segment_type_id=kind.id,
                segment_value_id=first.id,
                entered_on=date(2026, 1, 1),
                left_on=date(2026, 3, 10),
            ),
            ClientSegment(
                client_id=c.id,
                segment_type_id=kind.id,
                segment_value_id=second.id,
                entered_on=date(2026, 3, 10),
            ),
        ]
    )
    w = factories.work(session, c, datetime(2026, 3, 1, tzinfo=UTC))
    for day in (date(2026, 2, 1), date(2026, 3, 9), date(2026, 3, 10), date(2026, 4, 1)):
        session.add(
            Contact(
                work_id=w.id,
                client_id=c.id,
                operator_id=operator.id,
                planned_at=datetime.combine(day, time(10), tzinfo=UTC),
                actual_at=datetime.combine(day, time(10), tzinfo=UTC),
            )
        )
    session.flush()
    dimension = f"segment:{kind.name}"
    spec = ReportSpec(rows=(dimension,), measures=("contacts",))
    period = Period(date(2026, 1, 1), date(2026, 12, 31))
    facts = service.make_facts(_tables(session, period), service.dictionaries(session), period)
    facts.segments.update(service._segments(session, facts, {kind.name}))
    report = build(facts, spec)
    counts = {report.label(dimension, g.key[0]): g.values["contacts"] for g in report.children(())}
    assert counts == {first.name: 2, second.name: 2}
    assert not facts.covers(ReportSpec(rows=("segment:Другой",)))
    with pytest.raises(ReportError, match="Нет такого типа сегмента: Нет такого"):
        service._segments(session, facts, {"Нет такого"})


def _tables(session: Session, period: Period) -> Tables:
    from ric_desk.reports.facts import read_period

    return read_period(session.connection(), period)


def frames_equal(a: Facts, b: Facts) -> None:
    """The same facts; the dense codes of works and clients depend on the rows' order."""
    columns = [c for c in b.frame.columns if not c.startswith("_")]
    left = pd.DataFrame({c: a.frame[c] for c in columns})
    right = pd.DataFrame({c: b.frame[c] for c in columns})
    left = left.sort_values("contact_id").reset_index(drop=True)
    right = right.sort_values("contact_id").reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right, check_dtype=False)


def test_a_warm_cache_equals_a_cold_read_after_every_kind_of_change(
    fresh_engine: Engine, tmp_path: Path
) -> None:
    generate(fresh_engine, clients=30, seed=3, as_of=AS_OF)
    store = Store(fresh_engine, fresh_engine.url)
    period = Period(date(2026, 9, 1), AS_OF)
    spec = ReportSpec(rows=("operator", "reason"), measures=tuple(MEASURES))
    cache = FactCache(tmp_path, "db", "reader")
    first = service.load(store, DIRECTOR, period, spec, cache=cache)
    assert cache.stats.cold

    def check(expect_dirty: bool = True) -> None:
        warm = service.load(store, DIRECTOR, period, spec, cache=cache)
        assert not cache.stats.cold
        assert (cache.stats.dirty_works + cache.stats.dirty_clients > 0) == expect_dirty
        cold = service.load(store, DIRECTOR, period, spec)
        frames_equal(warm, cold)
        # and the same from disk, in a new process's cache
        again = FactCache(tmp_path, "db", "reader")
        frames_equal(service.load(store, DIRECTOR, period, spec, cache=again), cold)
        assert again.stats.read_disk and not again.stats.cold
        a, b = build(warm, spec), build(cold, spec)
        assert list(a.walk()) == list(b.walk())

    check(expect_dirty=False)
    assert len(first.frame)
    with store.session() as s:  # new contacts
        w = s.scalars(select(Work).order_by(Work.id)).first()
        assert w is not None
        for hour in (9, 10):
            s.add(
                Contact(
                    work_id=w.id,
                    client_id=w.client_id,
                    planned_at=datetime.combine(AS_OF, time(hour), tzinfo=UTC),
                    actual_at=datetime.combine(AS_OF, time(hour), tzinfo=UTC),
                    successful=True,
                )
            )
    check()
    with store.session() as s:  # a closed work re-closed with another reason
        w = s.scalars(
            select(Work)
            .join(Contact, Contact.work_id == Work.id)
            .where(
                Work.closing_reason_id.is_not(None),
                Contact.actual_at >= datetime(2026, 9, 2, tzinfo=UTC),
            )
            .limit(1)
        ).first()
        assert w is not None
        other = s.scalar(
            select(ClosingReason.id).where(ClosingReason.id != w.closing_reason_id).limit(1)
        )
        w.closing_reason_id = other
    check()
    with store.session() as s:  # an old contact edited: moved out of the period
        c = s.scalars(
            select(Contact).where(Contact.actual_at >= datetime(2026, 9, 5, tzinfo=UTC)).limit(1)
        ).first()
        assert c is not None
        c.actual_at = datetime(2026, 1, 5, 12, tzinfo=UTC)
    check()
    with store.session() as s:  # a contact deleted, an instrument used, an assignment added
        c = s.scalars(
            select(Contact).where(Contact.actual_at >= datetime(2026, 10, 1, tzinfo=UTC)).limit(1)
        ).first()
        assert c is not None
        s.execute(delete(Contact).where(Contact.id == c.id))
        c2 = s.scalars(
            select(Contact).where(Contact.actual_at >= datetime(2026, 10, 1, tzinfo=UTC)).limit(1)
        ).first()
        assert c2 is not None
        instrument = s.scalars(select(Instrument).order_by(Instrument.id)).first()
        assert instrument is not None
        s.execute(delete(ContactInstrument).where(ContactInstrument.contact_id == c2.id))
        s.add(ContactInstrument(contact_id=c2.id, instrument_id=instrument.id, used_count=5))
        a = Assignment(work_id=c2.work_id, text="Показать новое")
        s.add(a)
        s.flush()
        s.add(
            AssignmentInstrument(assignment_id=a.id, instrument_id=instrument.id, planned_count=2)
        )
    check()
    with store.session() as s:  # a client given to another responsible, another region
        moved = s.scalars(select(Client).order_by(Client.id)).first()
        assert moved is not None
        moved.region_code = "10"
    check()
    with store.session() as s:  # a whole client deleted with its works
        victim = s.scalar(
            select(Contact.client_id)
            .where(Contact.actual_at >= datetime(2026, 10, 1, tzinfo=UTC))
            .limit(1)
        )
        s.execute(delete(Client).where(Client.id == victim))
    check()
    # a wider period reads only the missing days, and still equals a cold read
    wider = Period(date(2026, 6, 1), AS_OF)
    warm = service.load(store, DIRECTOR, wider, spec, cache=cache)
    frames_equal(warm, service.load(store, DIRECTOR, wider, spec))


def test_a_cache_of_another_database_or_scope_is_not_used(
    fresh_engine: Engine, tmp_path: Path
) -> None:
    generate(fresh_engine, clients=10, seed=2, as_of=AS_OF)
    store = Store(fresh_engine, fresh_engine.url)
    period = Period(date(2026, 10, 1), AS_OF)
    spec = ReportSpec(rows=("operator",))
    cache = FactCache(tmp_path, "db", "reader")
    service.load(store, DIRECTOR, period, spec, cache=cache)
    with store.session(read_only=True) as s:
        operator = s.scalars(select(Employee).where(Employee.role == Role.OPERATOR)).first()
        assert operator is not None
        me = Actor(operator.id, operator.login, Role.OPERATOR)
    mine = service.load(store, me, period, spec, cache=cache)
    assert cache.stats.cold  # another scope: built again
    assert set(mine.frame["operator_id"].tolist()) <= {operator.id}
    # a broken cache file is rebuilt, not a traceback
    for path in cache.dir.glob("*.npz"):
        path.write_bytes(b"not a zip")
    broken = FactCache(tmp_path, "db", "reader")
    service.load(store, me, period, spec, cache=broken)
    assert broken.stats.cold


def test_who_sees_what(fresh_engine: Engine) -> None:
    generate(fresh_engine, clients=20, seed=4, as_of=AS_OF)
    store = Store(fresh_engine, fresh_engine.url)
    period = Period(date(2026, 9, 1), AS_OF)
    spec = ReportSpec(rows=("operator",), measures=("contacts",))
    with store.session() as s:
        operators = s.scalars(
            select(Employee).where(Employee.role == Role.OPERATOR).order_by(Employee.id)
        ).all()
        chief = factories.employee(s, "Руководитель Группы Один", Role.SUPERVISOR)
        s.execute(
            update(Employee)
            .where(Employee.id.in_([o.id for o in operators[:2]]))
            .values(supervisor_id=chief.id)
        )
        team = {o.id for o in operators[:2]}
        one = Actor(operators[0].id, operators[0].login, Role.OPERATOR)
        boss = Actor(chief.id, chief.login, Role.SUPERVISOR)
    everyone = build(service.load(store, DIRECTOR, period, spec), spec)
    own = build(service.load(store, one, period, spec), spec)
    group = build(service.load(store, boss, period, spec), spec)
    assert {g.key[0] for g in own.children(())} == {one.employee_id}
    assert {g.key[0] for g in group.children(())} == team
    assert len(everyone.children(())) > len(team)
    by_operator = {g.key[0]: g.values["contacts"] for g in everyone.children(())}
    assert group.total.values["contacts"] == sum(int(by_operator[o] or 0) for o in team)


def test_the_command_writes_the_groups_as_csv(capsys: Any, fresh_engine: Engine) -> None:
    generate(fresh_engine, clients=30, seed=7, as_of=AS_OF)
    url = fresh_engine.url.render_as_string(hide_password=False)
    period = ["--from", "01.09.2026", "--to", "23.11.2026"]
    code = main(
        [
            *("--db", url, "report", "contacts", "--rows", "operator,method"),
            *("--measures", "works,clients,deviation", *period, "--out", "-"),
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = list(csv.reader(io.StringIO(out)))
    spec = ReportSpec(rows=("operator", "method"), measures=("works", "clients", "deviation"))
    store = Store(fresh_engine, fresh_engine.url)
    report = build(service.load(store, DIRECTOR, Period(date(2026, 9, 1), AS_OF), spec), spec)
    groups: list[Group] = list(report.walk())
    assert lines[0] == ["level", "operator", "method", "works", "clients", "deviation"]
    assert len(lines) == len(groups) + 1
    total = groups[0].values
    assert lines[1] == [
        "0",
        "",
        "",
        str(total["works"]),
        str(total["clients"]),
        str(total["deviation"]),
    ]
    methods = {row[2] for row in lines[1:] if row[0] == "2"}
    assert methods and methods <= {"phone", "email", "visit", "messenger"}
    for args, message in [
        (["--rows", "colour"], "Неизвестный разрез: colour"),
        (["--measures", "money"], "Неизвестный показатель: money"),
        (["--from", "01.10.2026", "--to", "01.09.2026"], "Конец периода 01.09.2026 раньше"),
    ]:
        base = ["--db", url, "report", "contacts", *period, "--out", "-"]
        assert main(base + args) == 1
        out, err = capsys.readouterr()
        assert message in err and len(err.strip().splitlines()) == 1 and out == ""


def test_every_field_of_a_contact_reads_back_exactly(session: Session) -> None:
    """The reader packs a contact's fields into few integers: none lost, empty ones kept
    empty, on both databases."""
    from ric_desk.models.works import Campaign, CampaignKind, ContactMethod
    from ric_desk.reports.facts import read_period

    c = factories.client(session)
    reason = session.scalars(select(ClosingReason).order_by(ClosingReason.id.desc())).first()
    assert reason is not None
    campaign = Campaign(name="Продление 2026", kind=CampaignKind.RENEWAL)
    session.add(campaign)
    session.flush()
    full = factories.work(
        session,
        c,
        datetime(2026, 3, 1, tzinfo=UTC),
        stage_id=7,
        closing_reason_id=reason.id,
        campaign_id=campaign.id,
    )
    empty = factories.work(session, c, datetime(2026, 3, 1, tzinfo=UTC), stage_id=None)
    operator = factories.employee(session)
    moment = datetime(2026, 3, 4, 23, 59, tzinfo=UTC)
    session.add_all(
        [
            Contact(
                work_id=full.id,
                client_id=c.id,
                operator_id=operator.id,
                planned_at=moment,
                actual_at=moment,
                method=ContactMethod.VISIT,
                incoming=True,
                successful=True,
                duration_sec=86_399,
            ),
            Contact(work_id=empty.id, client_id=c.id, planned_at=moment, actual_at=moment),
        ]
    )
    session.flush()
    tables = read_period(session.connection(), Period(date(2026, 3, 4), date(2026, 3, 4)))
    rows = tables.contacts.sorted_by("work_id").records()
    works = {int(w["work_id"]): w for w in tables.works.records()}
    assert [(r["operator_id"], r["method"], r["successful"], r["incoming"]) for r in rows] == [
        (operator.id, 2, 1, 1),
        (-1, 0, 0, 0),
    ]
    assert [(r["day"], r["duration_sec"]) for r in rows] == [
        (day_number(date(2026, 3, 4)), 86_399),
        (day_number(date(2026, 3, 4)), -1),
    ]
    assert works[full.id]["reason_id"] == reason.id and works[full.id]["stage_id"] == 7
    assert works[full.id]["campaign_id"] == campaign.id
    assert works[empty.id]["reason_id"] == works[empty.id]["campaign_id"] == -1
    assert works[empty.id]["stage_id"] == -1 and works[empty.id]["direction_id"] >= 1


# -- the quality control's measures (issue 12) -------------------------------------------------

QC_PERIOD = Period(date(2026, 11, 1), date(2026, 12, 31))
QC_SPEC = ReportSpec(rows=("operator",), measures=tuple(sorted(QC_MEASURES)))


def qc_world(session: Session) -> Any:
    """The quality analytics' hand-made reviews (a critical miss, one not scored, a calibration
    and a targeted one that do not count), and a draft of 75 % that must not count either."""
    from ric_desk.checklists import claims, reviews
    from ric_desk.checklists.review_views import Given
    from ric_desk.models import ChecklistReview, QcPick
    from tests.test_qc_analytics import world
    from tests.test_qc_reviews import criteria, full_marks
    from tests.test_qc_sample import NOW

    w = world(session)
    sup1, anna = w.team["sup1"], w.team["anna"]
    free = session.scalars(
        select(QcPick.contact_id)
        .join(Contact, Contact.id == QcPick.contact_id)
        .where(
            Contact.operator_id == anna.employee_id,
            QcPick.contact_id.not_in(select(ChecklistReview.contact_id)),
        )
        .order_by(QcPick.contact_id)
    ).first()
    assert free is not None
    claims.claim(session, sup1, free, now=NOW)
    marks = {**full_marks(w.v), criteria(w.v)[0]: Given(0)}
    reviews.save_review(session, sup1, free, version_id=w.v.id, marks=marks, draft=True, now=NOW)
    session.flush()
    return w


def test_quality_measures_by_operator_equal_the_quality_analytics(session: Session) -> None:
    from ric_desk.checklists import analytics

    w = qc_world(session)
    sup1 = w.team["sup1"]
    facts = service.make_facts(
        _tables(session, QC_PERIOD), service.dictionaries(session), QC_PERIOD
    )
    assert not facts.covers(QC_SPEC)
    with pytest.raises(ReportError, match="контроля качества не загружены"):
        build(facts, QC_SPEC)
    facts.qc.update(service._quality(session, sup1, facts))
    assert facts.covers(QC_SPEC)
    report = build(facts, QC_SPEC)
    got = {g.key[0]: g.values for g in report.children(())}
    expected = analytics.results(session, sup1, analytics.Filter(QC_PERIOD.start, QC_PERIOD.end))
    assert [s.reviews for s in expected.by_operator] == [4, 1]
    for stats in expected.by_operator:
        values = got[stats.key]
        assert values["qc_reviews"] == stats.reviews
        for measure, exact in (
            ("qc_avg_score", stats.average),
            ("qc_pass_rate", stats.pass_rate),
            ("qc_critical_rate", stats.critical_rate),
        ):
            scale = 100 if measure == "qc_avg_score" else 1  # a percent shown as a share
            assert exact is not None
            assert values[measure] == pytest.approx(float(exact) / scale, abs=1e-6), measure
    anna = got[w.team["anna"].employee_id]
    assert anna["qc_avg_score"] == pytest.approx(175 / 3 / 100, abs=1e-6)
    assert (anna["qc_pass_rate"], anna["qc_critical_rate"]) == pytest.approx((1 / 3, 1 / 3))
    # the total from the sums (5 reviews, 4 scored: (100 + 75 + 0 + 100) / 4), not the mean of
    # the operators' averages
    total = report.total.values
    assert total["qc_reviews"] == expected.total.reviews == 5
    assert total["qc_avg_score"] == pytest.approx(0.6875) and expected.total.average == 68.75
    assert total["qc_pass_rate"] == pytest.approx(0.5)
    assert total["qc_critical_rate"] == pytest.approx(0.25)
    # an operator sees their own reviews only; a contact without a review has no rates
    anna_actor = w.team["anna"]
    own = service._quality(session, anna_actor, facts)
    assert int(own["qc_reviewed"].sum()) == 4
    reviewed = facts.qc["qc_reviewed"] > 0
    assert int(reviewed.sum()) == 5 and int(facts.qc["qc_scored"].sum()) == 4
    assert set(facts.contacts["contact_id"][reviewed].tolist()) == {
        c.contact_id for c in expected.reviews
    }


def test_the_command_prints_quality_measures(
    capsys: Any, fresh_engine: Engine, tmp_path: Path
) -> None:
    with Session(fresh_engine) as s:
        w = qc_world(s)
        anna, boris = w.team["anna"].employee_id, w.team["boris"].employee_id
        s.commit()
    url = fresh_engine.url.render_as_string(hide_password=False)
    code = main(
        [
            *("--db", url, "report", "contacts", "--rows", "operator"),
            *("--measures", "qc_reviews,qc_avg_score", "--from", "01.11.2026"),
            *("--to", "31.12.2026", "--out", "-"),
        ]
    )
    out, err = capsys.readouterr()
    assert code == 0, err
    lines = list(csv.reader(io.StringIO(out)))
    assert lines[0] == ["level", "operator", "qc_reviews", "qc_avg_score"]
    assert lines[1] == ["0", "", "5", "0.6875"]
    by_operator = {row[1]: row[2:] for row in lines[2:]}
    assert by_operator[str(anna)] == ["4", "0.5833"]
    assert by_operator[str(boris)] == ["1", "1"]
    # the .xlsx: a count as a count, the average score as a percentage
    path = tmp_path / "кк.xlsx"
    code = main(
        [
            *("--db", url, "report", "contacts", "--rows", "operator"),
            *("--measures", "qc_reviews,qc_avg_score", "--from", "01.11.2026"),
            *("--to", "31.12.2026", "--out", str(path)),
        ]
    )
    assert code == 0, capsys.readouterr().err
    sheet = openpyxl.load_workbook(path).active
    total = next(r for r in sheet.iter_rows() if str(r[0].value).startswith("Итого"))
    assert [c.value for c in total[1:3]] == [5, 0.6875]
    assert [c.number_format for c in total[1:3]] == ["#,##0", "0.0%"]
    header = [c.value for c in sheet[total[0].row - 1]][1:3]
    assert header == ["Оценок КК", "Средний балл КК"]
    # through the loading of the screen as well: only when asked for
    store = Store(fresh_engine, fresh_engine.url)
    plain = service.load(store, DIRECTOR, QC_PERIOD, ReportSpec(rows=("operator",)))
    assert not plain.qc and not plain.covers(QC_SPEC)
    loaded = service.load(store, DIRECTOR, QC_PERIOD, QC_SPEC)
    assert loaded.covers(QC_SPEC) and build(loaded, QC_SPEC).total.values["qc_reviews"] == 5
