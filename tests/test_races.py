"""Real races between workstation processes (spawned, each with its own engine) on both backends.

Two people save the same indicator from the same version: one saves, the other is told in words
that someone saved first (`ConflictError`, whose dialog offers "Показать, что сохранено сейчас"),
never a driver error, and no save is lost. On SQLite, writers queue on the file's write lock
instead of failing with "database is locked".
"""

from __future__ import annotations

import multiprocessing
from typing import Any

import pytest
from sqlalchemy import Engine, func, select, update

from ric_desk.errors import CONFLICT_MESSAGE
from ric_desk.models import (
    AuditRecord,
    Client,
    ClientSegment,
    IndicatorDef,
    IndicatorValue,
    SegmentValue,
)
from ric_desk.models.functional_map import Scope, ValueType
from ric_desk.store import Store
from tests import factories, racers

ROUNDS = 40
JOIN_WAIT = 300.0  # seconds; the processes end long before unless something hangs


def _url(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def _run(target: Any, args_of: Any, count: int) -> list[Any]:
    """Start `count` spawned processes of `target`, each with args_of(me, barrier, results)."""
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(count)
    results = ctx.Queue()
    processes = [
        ctx.Process(target=target, args=args_of(me, barrier, results)) for me in range(count)
    ]
    for p in processes:
        p.start()
    answers = [results.get(timeout=JOIN_WAIT) for _ in processes]
    for p in processes:
        p.join(JOIN_WAIT)
        assert p.exitcode == 0
    return sorted(answers, key=lambda answer: answer[0])


def test_two_processes_saving_one_indicator_meet_a_conflict_in_words(
    fresh_engine: Engine,
) -> None:
    store = Store(fresh_engine, fresh_engine.url)
    with store.session() as s:
        login = factories.employee(s, "Егорова Мария Анатольевна").login
        client_id = factories.client(s, "ООО «Ромашка»").id
        definition_id = s.scalar(
            select(IndicatorDef.id)
            .where(IndicatorDef.scope == Scope.CLIENT, IndicatorDef.value_type == ValueType.INTEGER)
            .order_by(IndicatorDef.id)
            .limit(1)
        )
    assert definition_id is not None
    url = _url(fresh_engine)

    answers = _run(
        racers.race_indicator,
        lambda me, barrier, results: (
            url,
            login,
            client_id,
            definition_id,
            ROUNDS,
            me,
            barrier,
            results,
        ),
        2,
    )

    (_, first), (_, second) = answers
    assert len(first) == len(second) == ROUNDS
    winners: list[str] = []
    for mine, theirs in zip(first, second, strict=True):
        kinds = sorted((mine[0], theirs[0]))
        assert kinds == ["conflict", "saved"], (mine, theirs)  # no driver error, no double save
        loser = mine if mine[0] == "conflict" else theirs
        assert loser[1] == CONFLICT_MESSAGE
        winners.append(mine[1] if mine[0] == "saved" else theirs[1])
    assert sum(kind == "conflict" for kind, _ in first + second) == ROUNDS
    with store.session() as s:
        value = s.scalar(
            select(IndicatorValue).where(
                IndicatorValue.client_id == client_id,
                IndicatorValue.indicator_def_id == definition_id,
            )
        )
        assert value is not None
        assert (value.value, value.version) == (winners[-1], ROUNDS)
        saved = s.scalars(
            select(AuditRecord.new_value)
            .where(AuditRecord.client_id == client_id, AuditRecord.entity == "indicator_value")
            .order_by(AuditRecord.id)
        ).all()
    assert list(saved) == winners  # every save that was said to be saved is there, in order


def test_two_processes_changing_one_segment_meet_a_conflict_in_words(
    fresh_engine: Engine,
) -> None:
    """A segment has no version of its own: the change checks the value seen under a lock on the
    client, so of two people moving one client at once the second is told, never both saved."""
    store = Store(fresh_engine, fresh_engine.url)
    with store.session() as s:
        login = factories.employee(s, "Егорова Мария Анатольевна").login
        client_id = factories.client(s, "ООО «Ромашка»").id
        type_id = s.scalar(
            select(SegmentValue.segment_type_id)
            .group_by(SegmentValue.segment_type_id)
            .having(func.count() >= 3)
            .order_by(SegmentValue.segment_type_id)
            .limit(1)
        )
        value_ids = list(
            s.scalars(select(SegmentValue.id).where(SegmentValue.segment_type_id == type_id))
        )[:3]
    assert type_id is not None and len(value_ids) == 3
    url = _url(fresh_engine)
    answers = _run(
        racers.race_segment,
        lambda me, barrier, results: (
            url,
            login,
            client_id,
            value_ids,
            type_id,
            ROUNDS // 2,
            me,
            barrier,
            results,
        ),
        2,
    )
    (_, first), (_, second) = answers
    for mine, theirs in zip(first, second, strict=True):
        assert sorted((mine[0], theirs[0])) == ["conflict", "saved"], (mine, theirs)
        loser = mine if mine[0] == "conflict" else theirs
        assert loser[1] == CONFLICT_MESSAGE
    with store.session() as s:
        current = s.scalars(
            select(ClientSegment).where(
                ClientSegment.client_id == client_id,
                ClientSegment.segment_type_id == type_id,
                ClientSegment.left_on.is_(None),
            )
        ).all()
    assert len(current) == 1  # one current value, never two


@pytest.mark.parametrize("writers", [2, 3])
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_sqlite_writers_of_several_processes_queue_instead_of_failing(
    fresh_engine: Engine, writers: int
) -> None:
    store = Store(fresh_engine, fresh_engine.url)
    with store.session() as s:
        client_id = factories.client(s, "ООО «Ромашка»").id
        s.execute(update(Client).where(Client.id == client_id).values(name="0"))
    url = _url(fresh_engine)

    answers = _run(
        racers.write_in_a_loop,
        lambda me, barrier, results: (url, client_id, 3.0, me, barrier, results),
        writers,
    )

    assert [(me, failures, first) for me, _, failures, _, first in answers] == [
        (me, 0, "") for me in range(writers)
    ]
    writes = sum(answer[1] for answer in answers)
    assert all(answer[1] > 0 for answer in answers)  # each got its turns
    with store.session(read_only=True) as s:
        assert s.scalar(select(Client.name).where(Client.id == client_id)) == str(writes)
