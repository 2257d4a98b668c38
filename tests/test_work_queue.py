"""The session queue: what an operator sees, atomic taking, leases, re-call ownership."""

from __future__ import annotations

import threading
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import Engine, event, insert, select, text
from sqlalchemy.orm import Session

from ric_desk.actor import Actor
from ric_desk.calls import queue as work_queue
from ric_desk.calls import rules as calling
from ric_desk.calls.queue import SessionFilter
from ric_desk.changes import Changes, Done
from ric_desk.db import migrate
from ric_desk.db.engine import open_engine
from ric_desk.errors import LeaseLost
from ric_desk.models import Direction, Employee, Work, WorkState
from ric_desk.store import actor_of
from tests import factories
from tests.conftest import PgServer

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)  # Tuesday 11:00 in Moscow
DAY = SessionFilter(
    start=datetime(2026, 11, 23, 21, 0, tzinfo=UTC), end=datetime(2026, 11, 24, 21, 0, tzinfo=UTC)
)
LEASE = timedelta(minutes=10)
GRACE = timedelta(minutes=60)


def take(engine: Engine, operator: Employee, now: datetime = NOW, **kw: object) -> int | None:
    """A claim in a transaction of its own, as the session screen's F8 runs it."""
    with Session(engine) as s, s.begin():
        return work_queue.claim_next(
            s,
            actor_of(operator),
            DAY,
            now=now,
            lease=LEASE,
            grace=GRACE,
            **kw,  # type: ignore[arg-type]
        ).value


@pytest.fixture
def team(fresh_engine: Engine) -> dict[str, object]:
    with Session(fresh_engine, expire_on_commit=False) as s, s.begin():
        anna = factories.employee(s, "Егорова Мария Анатольевна")
        boris = factories.employee(s, "Кузнецова Юлия Борисовна")
        client = factories.client(s)
        person = factories.person(s, client)
        factories.phone(s, person)
    return {"anna": anna, "boris": boris, "client": client, "person": person}


def add_work(engine: Engine, team: dict[str, object], at: datetime, **kw: object) -> int:
    with Session(engine) as s, s.begin():
        return factories.work(s, team["client"], at, person=team["person"], **kw).id  # type: ignore[arg-type]


def test_next_takes_due_recalls_then_overdue_then_the_rest(
    fresh_engine: Engine, team: dict
) -> None:
    anna = team["anna"]
    later = add_work(fresh_engine, team, NOW + timedelta(hours=3))
    overdue = add_work(fresh_engine, team, NOW - timedelta(days=2))
    due = add_work(fresh_engine, team, NOW - timedelta(minutes=5))
    recall = add_work(fresh_engine, team, NOW - timedelta(minutes=1), state=WorkState.RESCHEDULED)
    future_recall = add_work(
        fresh_engine, team, NOW + timedelta(minutes=30), state=WorkState.RESCHEDULED
    )
    tomorrow = add_work(fresh_engine, team, DAY.end + timedelta(hours=1))
    with Session(fresh_engine) as s:
        listed = work_queue.rows(s, anna.id, DAY, now=NOW, grace=GRACE)
        assert [r.work_id for r in listed] == [recall, overdue, due, later, future_recall]
        assert listed[0].phone == "7(8112)59-00-51" and listed[0].person.startswith("Петракова")
        assert work_queue.counts(s, anna.id, DAY, now=NOW, grace=GRACE).left == 5
    taken = [take(fresh_engine, anna) for _ in range(5)]
    # taking again returns the work already held (a restarted workstation resumes it)
    assert taken[:2] == [recall, recall]
    with Session(fresh_engine) as s, s.begin():
        assert work_queue.release(s, actor_of(anna), recall) == Changes.of(
            works=[recall], clients=[team["client"].id]
        )
        s.execute(Work.__table__.update().where(Work.id == recall).values(state=WorkState.CLOSED))
    assert take(fresh_engine, anna) == overdue
    assert tomorrow not in taken and future_recall not in taken


def test_own_and_pool_works_only(fresh_engine: Engine, team: dict) -> None:
    anna, boris = team["anna"], team["boris"]
    mine = add_work(fresh_engine, team, NOW, executor_id=anna.id)
    pool = add_work(fresh_engine, team, NOW + timedelta(minutes=1))
    theirs = add_work(fresh_engine, team, NOW - timedelta(hours=1), executor_id=boris.id)
    with Session(fresh_engine) as s:
        assert [r.work_id for r in work_queue.rows(s, anna.id, DAY, now=NOW, grace=GRACE)] == [
            mine,
            pool,
        ]
    assert take(fresh_engine, anna) == mine
    assert take(fresh_engine, anna, work_id=theirs) is None  # another's work cannot be taken
    assert take(fresh_engine, boris) == theirs


def test_a_taken_work_is_nobody_elses_until_its_lease_runs_out(
    fresh_engine: Engine, team: dict
) -> None:
    anna, boris = team["anna"], team["boris"]
    work = add_work(fresh_engine, team, NOW)
    assert take(fresh_engine, anna) == work
    assert take(fresh_engine, boris) is None
    with Session(fresh_engine) as s:
        row = work_queue.rows(s, boris.id, DAY, now=NOW, grace=GRACE)[0]
        assert row.taken_by == "Егорова Мария Анатольевна"
    # Anna's workstation renews the lease while she works
    with Session(fresh_engine) as s, s.begin():
        renewed = work_queue.renew(
            s, actor_of(anna), work, now=NOW + timedelta(minutes=8), lease=LEASE
        )
        assert renewed == Changes()  # still hers; nothing another screen shows changed
    assert take(fresh_engine, boris, now=NOW + timedelta(minutes=15)) is None
    # then it crashes: the lease runs out and the work is back in the queue by itself
    assert take(fresh_engine, boris, now=NOW + timedelta(minutes=19)) == work
    with Session(fresh_engine) as s, s.begin(), pytest.raises(LeaseLost, match="больше не"):
        work_queue.renew(s, actor_of(anna), work, now=NOW + timedelta(minutes=20), lease=LEASE)
    with Session(fresh_engine) as s:
        assert work_queue.holders(s, [work]) == {work: boris.id}


def test_a_claim_says_what_it_changed_and_leases_by_the_calling_rules(
    fresh_engine: Engine, team: dict
) -> None:
    anna = team["anna"]
    work = add_work(fresh_engine, team, NOW - timedelta(minutes=5))
    with Session(fresh_engine) as s, s.begin():
        claimed = work_queue.claim_next(s, actor_of(anna), DAY, now=NOW)
    assert claimed == Done(work, Changes.of(works=[work], clients=[team["client"].id]))
    with Session(fresh_engine) as s:
        leased = s.scalar(select(Work.lease_expires_at).where(Work.id == work))
        assert leased == NOW + timedelta(minutes=10)  # the rules' lease by default
        listed = work_queue.listing(s, anna.id, DAY, now=NOW)
        assert [r.work_id for r in listed.rows] == [work]
        assert listed.rows[0].taken_by == "Егорова Мария Анатольевна"
        assert (listed.counts.left, listed.counts.done) == (1, 0)
    with Session(fresh_engine) as s, s.begin():
        nothing = work_queue.claim_next(s, actor_of(team["boris"]), DAY, now=NOW)
    assert nothing == Done(None, Changes())


def test_a_recall_stays_its_operators_until_overdue_by_the_grace(
    fresh_engine: Engine, team: dict
) -> None:
    anna, boris = team["anna"], team["boris"]
    at = NOW + timedelta(minutes=30)
    with Session(fresh_engine) as s, s.begin():
        w = factories.work(
            s,
            team["client"],
            at,
            state=WorkState.RESCHEDULED,
            claimed_by_id=anna.id,
            lease_expires_at=at + GRACE,
        )
        work = w.id
    assert take(fresh_engine, anna) is None  # not before its time
    assert take(fresh_engine, boris, now=at + timedelta(minutes=5)) is None  # Anna's for now
    with Session(fresh_engine) as s:  # Boris sees it in the list, held by Anna
        assert work_queue.rows(s, boris.id, DAY, now=at, grace=GRACE)[0].taken_by
    assert take(fresh_engine, boris, now=at + GRACE + timedelta(minutes=1)) == work


def test_a_recall_of_someone_elses_own_work_goes_to_the_team_when_overdue(
    fresh_engine: Engine, team: dict
) -> None:
    anna, boris = team["anna"], team["boris"]
    at = NOW - timedelta(minutes=30)
    work = add_work(
        fresh_engine,
        team,
        at,
        executor_id=anna.id,
        state=WorkState.RESCHEDULED,
        claimed_by_id=anna.id,
        lease_expires_at=at + GRACE,
    )
    assert take(fresh_engine, boris) is None
    assert take(fresh_engine, boris, now=at + GRACE + timedelta(seconds=1)) == work


def test_the_filter_narrows_the_session(fresh_engine: Engine, team: dict) -> None:
    anna = team["anna"]
    with Session(fresh_engine) as s:
        payments = s.scalar(select(Direction.id).where(Direction.name == "Работа по оплате"))
    service = add_work(fresh_engine, team, NOW, stage_id=3)
    payment = add_work(fresh_engine, team, NOW, stage_id=5, direction_id=payments)
    only_payments = SessionFilter(DAY.start, DAY.end, direction_ids=(payments,))
    only_stage3 = SessionFilter(DAY.start, DAY.end, stage_id=3)
    with Session(fresh_engine) as s:
        assert [
            r.work_id for r in work_queue.rows(s, anna.id, only_payments, now=NOW, grace=GRACE)
        ] == [payment]
        assert [
            r.work_id for r in work_queue.rows(s, anna.id, only_stage3, now=NOW, grace=GRACE)
        ] == [service]


def test_counts_of_the_session(fresh_engine: Engine, team: dict) -> None:
    anna = team["anna"]
    for minutes in (0, 10, 20):
        add_work(fresh_engine, team, NOW + timedelta(minutes=minutes))
    add_work(
        fresh_engine,
        team,
        NOW - timedelta(hours=1),
        state=WorkState.CLOSED,
        closed_at=NOW - timedelta(minutes=30),
    )
    with Session(fresh_engine) as s:
        counts = work_queue.counts(s, anna.id, DAY, now=NOW, grace=GRACE)
    assert (counts.planned, counts.done, counts.left) == (4, 1, 3)


LATE = datetime(2026, 11, 24, 13, 45, tzinfo=UTC)  # Tuesday 16:45 in Moscow, 20:45 in Novosibirsk


def zoned(engine: Engine, at: datetime, **client: object) -> int:
    """A due pool work of a new client (`region_code`, `time_zone` as given)."""
    with Session(engine) as s, s.begin():
        c = factories.client(s, 'ООО "Часовой пояс"', **client)
        return factories.work(s, c, at, person=factories.person(s, c)).id


def listed(engine: Engine, operator: Employee, now: datetime) -> list[work_queue.QueueRow]:
    with Session(engine) as s:
        return work_queue.listing(s, operator.id, DAY, now=now).rows


def test_f8_takes_a_client_who_may_be_called_now_first(fresh_engine: Engine, team: dict) -> None:
    anna, boris = team["anna"], team["boris"]
    # planned earlier, but it is 20:45 in Novosibirsk: F8 leaves it for the Moscow client
    novosibirsk = zoned(fresh_engine, LATE - timedelta(hours=2), region_code="54")
    moscow = zoned(fresh_engine, LATE - timedelta(hours=1), region_code="77")
    # a Moscow region, but the client's own zone is Vladivostok's (00:45 there)
    own_zone = zoned(
        fresh_engine, LATE - timedelta(hours=3), region_code="77", time_zone="Asia/Vladivostok"
    )
    rows = listed(fresh_engine, anna, LATE)
    assert [(r.work_id, r.rank) for r in rows] == [(moscow, 1), (own_zone, 3), (novosibirsk, 3)]
    assert rows[0].wait is None
    late = rows[2].wait
    assert late is not None
    assert late.reason == "у клиента сейчас 20:45, звонить можно с 09:00 до 18:00"
    assert f"{late.local_from:%d.%m %H:%M}" == "25.11 09:00"  # at the client
    assert late.allowed_from == datetime(2026, 11, 25, 2, 0, tzinfo=UTC)  # 05:00 in Moscow
    assert rows[1].wait is not None and f"{rows[1].wait.local_from:%H:%M}" == "09:00"
    assert take(fresh_engine, anna, now=LATE) == moscow
    # nobody else may be called now: F8 takes nothing, the works stay listed
    assert take(fresh_engine, boris, now=LATE) is None
    assert [r.work_id for r in listed(fresh_engine, boris, LATE)] == [moscow, own_zone, novosibirsk]
    # chosen from the list (Enter), a work is taken whoever its client is
    assert take(fresh_engine, boris, now=LATE, work_id=novosibirsk) == novosibirsk
    # next morning: 09:00 in Vladivostok (02:00 in Moscow) and later in Novosibirsk
    morning = datetime(2026, 11, 24, 23, 0, tzinfo=UTC)
    assert take(fresh_engine, anna, now=morning) == own_zone
    assert [(r.work_id, r.rank) for r in listed(fresh_engine, anna, morning)] == [
        (own_zone, 1),
        (novosibirsk, 3),
        (moscow, 3),
    ]


def test_on_a_weekend_or_a_holiday_f8_takes_nothing(fresh_engine: Engine, team: dict) -> None:
    anna = team["anna"]
    saturday = datetime(2026, 11, 28, 8, 0, tzinfo=UTC)  # 11:00 in Moscow
    saturday_day = SessionFilter(saturday - timedelta(hours=11), saturday + timedelta(hours=13))
    work = zoned(fresh_engine, saturday - timedelta(hours=1), region_code="77")

    def f8(now: datetime) -> int | None:
        with Session(fresh_engine) as s, s.begin():
            return work_queue.claim_next(s, actor_of(anna), saturday_day, now=now).value

    def waiting(now: datetime) -> calling.Wait | None:
        with Session(fresh_engine) as s:
            [row] = work_queue.rows(s, anna.id, saturday_day, now=now, grace=GRACE)
        return row.wait

    assert f8(saturday) is None
    weekend = waiting(saturday)
    assert (
        weekend is not None
        and weekend.reason == "у клиента нерабочий день (Выходной день, 28.11.2026)"
    )
    assert weekend.allowed_from == datetime(2026, 11, 30, 6, 0, tzinfo=UTC)  # Monday 09:00
    # the working calendar: Monday a moved day off, this Saturday a working day
    with Session(fresh_engine) as s, s.begin():
        calling.set_day(s, date(2026, 11, 30), False, "Перенос выходного дня")
    monday_off = waiting(saturday)
    assert monday_off is not None
    assert monday_off.allowed_from == datetime(2026, 12, 1, 6, 0, tzinfo=UTC)
    with Session(fresh_engine) as s, s.begin():
        calling.set_day(s, date(2026, 11, 28), True, "Рабочая суббота")
    assert waiting(saturday) is None
    assert f8(saturday) == work
    # a public holiday (День народного единства, a Wednesday)
    holiday = datetime(2026, 11, 4, 8, 0, tzinfo=UTC)
    other = zoned(fresh_engine, holiday - timedelta(hours=1), region_code="54")
    with Session(fresh_engine) as s, s.begin():
        holiday_day = SessionFilter(holiday - timedelta(hours=11), holiday + timedelta(hours=13))
        assert work_queue.claim_next(s, actor_of(anna), holiday_day, now=holiday).value is None
        [row] = work_queue.rows(s, anna.id, holiday_day, now=holiday, grace=GRACE)
    assert row.work_id == other and row.wait is not None
    assert row.wait.reason == "у клиента нерабочий день (День народного единства, 04.11.2026)"


@pytest.mark.parametrize("backend", ["postgresql"])  # a setting of PostgreSQL's only
def test_on_postgresql_the_claim_is_planned_for_the_values_it_runs_with(
    fresh_engine: Engine, team: dict
) -> None:
    """A generic plan knows neither the operator nor how few clients may be called now: the
    claim statement runs with plans made for its values (and its transaction's commit does not
    wait for the disk); what the transaction reads after it is planned as usual."""
    assert fresh_engine.dialect.name == "postgresql"
    anna = team["anna"]
    add_work(fresh_engine, team, NOW)
    seen: list[str] = []

    def claimed(_conn, cursor, statement: str, *_args) -> None:  # as the claim runs
        if "SKIP LOCKED" in statement:
            seen.append(cursor.connection.execute("SHOW plan_cache_mode").fetchone()[0])

    event.listen(fresh_engine, "before_cursor_execute", claimed)
    try:
        with Session(fresh_engine) as s, s.begin():
            assert work_queue.claim_next(s, actor_of(anna), DAY, now=NOW).value is not None
            after = (
                s.scalar(text("SHOW plan_cache_mode")),
                s.scalar(text("SHOW synchronous_commit")),
            )
    finally:
        event.remove(fresh_engine, "before_cursor_execute", claimed)
    assert seen == ["force_custom_plan"]
    assert after == ("auto", "off")
    with Session(fresh_engine) as s:
        assert s.scalar(text("SHOW synchronous_commit")) == "on"


def concurrent_claims(
    url: str, claimers: int, works: int
) -> tuple[Counter[int], list[BaseException]]:
    engine = open_engine(url, pool_size=claimers + 2)
    migrate.upgrade(engine)
    with Session(engine) as s, s.begin():
        operators = [
            actor_of(factories.employee(s, f"Оператор {i} Тестовый")) for i in range(claimers)
        ]
        client = factories.client(s)
        direction = s.scalar(select(Direction.id).limit(1))
        s.execute(
            insert(Work),
            [
                {
                    "number": 1_000_000 + i,
                    "client_id": client.id,
                    "direction_id": direction,
                    "planned_at": NOW - timedelta(seconds=works - i),
                    "state": WorkState.PLANNED,
                    "version": 1,
                }
                for i in range(works)
            ],
        )
    taken: Counter[int] = Counter()
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(claimers)

    def claimer(operator: Actor) -> None:
        mine = []
        try:
            start.wait()
            while True:
                # every claim is a new moment: the lease of an earlier one must not be re-taken
                with Session(engine) as s, s.begin():
                    work = work_queue.claim_next(
                        s, operator, DAY, now=NOW, lease=timedelta(hours=1), grace=GRACE
                    ).value
                if work is None:
                    break
                mine.append(work)
                with Session(engine) as s, s.begin():  # worked and closed, like a real session
                    s.execute(
                        Work.__table__.update()
                        .where(Work.id == work)
                        .values(state=WorkState.CLOSED, claimed_by_id=None)
                    )
        except BaseException as exc:  # a deadlock or any error fails the test
            with lock:
                errors.append(exc)
        with lock:
            taken.update(mine)

    threads = [threading.Thread(target=claimer, args=(op,)) for op in operators]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    engine.dispose()
    return taken, errors


@pytest.mark.slow
def test_sixteen_claimers_on_postgresql_never_take_a_work_twice(pg_server: PgServer) -> None:
    taken, errors = concurrent_claims(pg_server.new_database(), claimers=16, works=2000)
    assert errors == []
    assert len(taken) == 2000 and max(taken.values()) == 1


@pytest.mark.slow
def test_claimers_on_sqlite_queue_on_the_write_lock(tmp_path: Path) -> None:
    taken, errors = concurrent_claims(f"sqlite:///{(tmp_path / 'q.sqlite3').as_posix()}", 4, 200)
    assert errors == []
    assert len(taken) == 200 and max(taken.values()) == 1
