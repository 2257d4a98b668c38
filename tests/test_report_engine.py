"""The report's engine: every cell of every level against a direct count, and facts from both
databases against SQL counts."""

from __future__ import annotations

import csv
import io
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ric_desk.cli import main
from ric_desk.demo.generator import generate
from ric_desk.models.works import Assignment, AssignmentInstrument, Contact, ContactInstrument
from ric_desk.reports.facts import COLUMNS, ReportError, load_facts
from ric_desk.reports.pivot import DIMENSIONS, MEASURES, build

DAY0 = date(2026, 3, 2)
ids = st.one_of(st.none(), st.integers(1, 3))


@st.composite
def frames(draw: st.DrawFn) -> pd.DataFrame:
    """Contacts of a few works; a work's reason, stage, client and assignments are its own."""
    rows: list[dict[str, Any]] = []
    contact_id = 0
    for work_id in range(1, draw(st.integers(0, 6)) + 1):
        work = {
            "work_id": work_id,
            "reason_id": draw(ids),
            "reason_group": draw(ids),
            "stage_id": draw(ids),
            "direction_id": draw(st.integers(1, 2)),
            "campaign_id": draw(ids),
            "client_id": draw(st.integers(1, 4)),
            "work_assignments": draw(st.integers(0, 3)),
            "work_planned": draw(st.integers(0, 5)),
        }
        work["responsible_id"] = work["client_id"] % 2 or None
        work["region_code"] = work["client_id"] % 3
        work["status_group_id"] = work["client_id"] % 2
        for _ in range(draw(st.integers(1, 4))):
            contact_id += 1
            rows.append(
                {
                    **work,
                    "contact_id": contact_id,
                    "operator_id": draw(ids),
                    "method": draw(st.integers(0, 3)),
                    "successful": draw(st.booleans()),
                    "incoming": draw(st.booleans()),
                    "day": pd.Timestamp(DAY0 + timedelta(days=draw(st.integers(0, 2)))),
                    "duration_sec": draw(st.one_of(st.none(), st.integers(0, 600))),
                    "used": draw(st.integers(0, 4)),
                }
            )
    frame = pd.DataFrame(rows, columns=list(COLUMNS))
    for name in ("operator_id", "reason_id", "reason_group", "stage_id", "campaign_id"):
        frame[name] = frame[name].astype("Int64")
    frame["responsible_id"] = frame["responsible_id"].astype("Int64")
    frame["duration_sec"] = frame["duration_sec"].astype("Int64")
    frame["day"] = frame["day"].astype("datetime64[s]")
    return frame


def plain(value: Any) -> Any:
    if value is None or value is pd.NA or (isinstance(value, float) and value != value):
        return None
    if isinstance(value, pd.Timestamp):
        return value.date()
    return value.item() if hasattr(value, "item") else value


def direct(records: list[dict[str, Any]]) -> dict[str, Any]:
    """The measures of a group computed plainly from its rows."""
    works = {r["work_id"]: r for r in records}
    timed = [r["duration_sec"] for r in records if r["duration_sec"] is not None]
    successful = sum(1 for r in records if r["successful"])
    planned = sum(w["work_planned"] for w in works.values())
    used = sum(r["used"] for r in records)
    return {
        "works": len(works),
        "clients": len({r["client_id"] for r in records}),
        "contacts": len(records),
        "successful": successful,
        "successful_share": successful / len(records) if records else None,
        "duration": sum(timed),
        "avg_duration": sum(timed) / len(timed) if timed else None,
        "assignments": sum(w["work_assignments"] for w in works.values()),
        "planned_instruments": planned,
        "used_instruments_in_works": used,
        "deviation": planned - used,
    }


@settings(max_examples=60, deadline=None)
@given(
    frames(),
    st.lists(st.sampled_from(sorted(DIMENSIONS)), min_size=0, max_size=3, unique=True),
)
def test_every_cell_of_every_level_equals_a_direct_count(
    frame: pd.DataFrame, rows: list[str]
) -> None:
    groups = build(frame, rows, list(MEASURES))
    records = [{k: plain(v) for k, v in r.items()} for r in frame.to_dict("records")]
    columns = [DIMENSIONS[r] for r in rows]
    expected_keys = {
        tuple(r[c] for c in columns[:level]) for r in records for level in range(len(rows) + 1)
    } | {()}
    assert {g.key for g in groups} == expected_keys
    assert groups[0].level == 0 and groups[0].key == ()
    for i, group in enumerate(groups):
        assert group.level == len(group.key)
        members = [r for r in records if tuple(r[c] for c in columns[: group.level]) == group.key]
        assert group.values == pytest.approx(direct(members))
        children = {
            tuple(r[c] for c in columns[: group.level + 1])
            for r in members
            if group.level < len(rows)
        }
        assert group.size == len(children)
        # each group comes right before its children, its subtree in one block
        subtree = groups[
            i + 1 : i + 1 + sum(1 for g in groups if g.key[: group.level] == group.key) - 1
        ]
        assert all(g.key[: group.level] == group.key and g.level > group.level for g in subtree)


def test_bad_names_are_refused_in_words() -> None:
    frame = pd.DataFrame(columns=list(COLUMNS))
    with pytest.raises(ReportError, match="Неизвестный разрез: colour"):
        build(frame, ["colour"], ["works"])
    with pytest.raises(ReportError, match="Неизвестный показатель: money"):
        build(frame, ["operator"], ["money"])


def test_a_reversed_period_is_refused(session: Session) -> None:
    with pytest.raises(ReportError, match=r"Конец периода 01\.03\.2026 раньше его начала"):
        load_facts(session, date(2026, 3, 2), date(2026, 3, 1))


def test_facts_of_a_period_agree_with_sql_counts(fresh_engine: Engine) -> None:
    as_of = date(2026, 11, 23)
    generate(fresh_engine, clients=40, seed=5, as_of=as_of)
    start, end = date(2026, 8, 1), date(2026, 10, 31)
    lo = datetime.combine(start, time(), tzinfo=UTC)
    hi = datetime.combine(end + timedelta(days=1), time(), tzinfo=UTC)
    with Session(fresh_engine) as session:
        facts = load_facts(session, start, end)
        in_period = (Contact.actual_at >= lo) & (Contact.actual_at < hi)
        contacts = session.scalar(select(func.count()).where(in_period))
        works = session.scalar(select(func.count(Contact.work_id.distinct())).where(in_period))
        clients = session.scalar(select(func.count(Contact.client_id.distinct())).where(in_period))
        used = session.scalar(
            select(func.coalesce(func.sum(ContactInstrument.used_count), 0))
            .join(Contact, Contact.id == ContactInstrument.contact_id)
            .where(in_period)
        )
        period_works = select(Contact.work_id).where(in_period)
        assignments = session.scalar(
            select(func.count(Assignment.id)).where(Assignment.work_id.in_(period_works))
        )
        planned = session.scalar(
            select(func.coalesce(func.sum(AssignmentInstrument.planned_count), 0))
            .join(Assignment, Assignment.id == AssignmentInstrument.assignment_id)
            .where(Assignment.work_id.in_(period_works))
        )
    assert contacts and works and clients  # the demo has contacts in the period
    total = build(facts, ["operator", "reason"], list(MEASURES))
    assert total[0].values["contacts"] == contacts == len(facts)
    assert total[0].values["works"] == works
    assert total[0].values["clients"] == clients
    assert total[0].values["used_instruments_in_works"] == used
    assert total[0].values["assignments"] == assignments
    assert total[0].values["planned_instruments"] == planned
    assert total[0].values["deviation"] == planned - used
    # distinct clients of the operators add up to at least the total's, never below
    operators = [g for g in total if g.level == 1]
    assert sum(g.values["clients"] or 0 for g in operators) >= clients
    assert total[0].size == len(operators)


def test_the_command_writes_the_groups_as_csv(capsys, fresh_engine: Engine) -> None:
    generate(fresh_engine, clients=30, seed=7, as_of=date(2026, 11, 23))
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
    with Session(fresh_engine) as session:
        facts = load_facts(session, date(2026, 9, 1), date(2026, 11, 23))
    groups = build(facts, ["operator", "method"], ["works", "clients", "deviation"])
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
