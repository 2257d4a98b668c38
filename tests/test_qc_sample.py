"""The listening sample: the share per operator, stratified, reproducible, never a reviewed call
again, no short calls; the supervisor's queue and its progress; taking a call with a lease."""

from __future__ import annotations

import itertools
import multiprocessing
from collections import Counter
from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import Engine, delete, select
from sqlalchemy.orm import Session

from ric_desk.actor import Actor
from ric_desk.checklists import claims, sample
from ric_desk.checklists.sample import Candidate
from ric_desk.errors import LeaseLost, NotAllowed, UserError
from ric_desk.models import (
    ClosingReason,
    Contact,
    Employee,
    PickKind,
    QcPick,
    Role,
    Work,
    WorkState,
)
from ric_desk.store import Store, actor_of
from tests import factories, racers

START = datetime(2026, 11, 1, tzinfo=UTC)
END = datetime(2026, 12, 1, tzinfo=UTC)
NOW = datetime(2026, 12, 2, 9, 0, tzinfo=UTC)
_minutes = itertools.count()


def staff(session: Session) -> dict[str, Actor]:
    people = {
        "anna": ("Егорова Мария Анатольевна", Role.OPERATOR),
        "boris": ("Кузнецова Юлия Борисовна", Role.OPERATOR),
        "sup1": ("Морозова Наталья Петровна", Role.SUPERVISOR),
        "sup2": ("Волков Дмитрий Сергеевич", Role.SUPERVISOR),
        "boss": ("Бартева Ирина Валентиновна", Role.DIRECTOR),
        "admin": ("Администратор Системы", Role.ADMIN),
    }
    return {k: actor_of(factories.employee(session, n, r)) for k, (n, r) in people.items()}


def reasons(session: Session) -> list[int]:
    return list(
        session.scalars(
            select(ClosingReason.id)
            .where(ClosingReason.unproductive.is_(False))
            .order_by(ClosingReason.id)
            .limit(3)
        )
    )


def call(
    session: Session,
    operator: Actor,
    *,
    stage: int = 7,
    reason: int | None = None,
    seconds: int = 120,
    successful: bool = True,
    at: datetime | None = None,
    script_path: dict[str, Any] | None = None,
) -> int:
    """A closed work with one recorded contact of `operator`; the contact's id."""
    client = factories.client(session)
    when = at or START + timedelta(hours=10, minutes=next(_minutes) % 40000)
    work = factories.work(
        session,
        client,
        when,
        stage_id=stage,
        state=WorkState.CLOSED,
        closing_reason_id=reason,
        closed_at=when,
        executor_id=operator.employee_id,
    )
    contact = Contact(
        work_id=work.id,
        client_id=client.id,
        operator_id=operator.employee_id,
        planned_at=when,
        actual_at=when,
        duration_sec=seconds,
        successful=successful,
        result="Договорились о демонстрации",
        script_path=script_path,
    )
    session.add(contact)
    session.flush()
    return contact.id


def calls(session: Session, operator: Actor, count: int, **kw: Any) -> list[int]:
    found = reasons(session)
    return [
        call(session, operator, stage=1 + i % 3, reason=found[i // 3 % len(found)], **kw)
        for i in range(count)
    ]


def picked(session: Session) -> set[int]:
    return set(session.scalars(select(QcPick.contact_id)))


def test_each_operator_gets_the_share_within_one_call_stratified(session: Session) -> None:
    team = staff(session)
    anna = calls(session, team["anna"], 53)
    boris = calls(session, team["boris"], 17)
    short = calls(session, team["anna"], 10, seconds=29)
    failed = calls(session, team["anna"], 10, successful=False)
    outside = calls(session, team["anna"], 5, at=END + timedelta(hours=1))
    draw = sample.draw_sample(session, team["sup1"], START, END, now=NOW).value
    chosen = picked(session)
    assert draw.added == len(chosen) == draw.total
    for mine, count in ((anna, 53), (boris, 17)):
        assert abs(len(chosen & set(mine)) - 0.2 * count) <= 1
    assert not chosen & (set(short) | set(failed) | set(outside))
    # stratified: each (stage, reason) of Anna's has its share (9 strata of about 6 calls)
    strata = Counter(
        (stage, reason)
        for stage, reason in session.execute(
            select(Work.stage_id, Work.closing_reason_id)
            .join(Contact, Contact.work_id == Work.id)
            .where(Contact.id.in_(chosen & set(anna)))
        )
    )
    assert len(strata) >= 8 and max(strata.values()) <= 2
    # the queue: reviewed / quota per operator
    queue = sample.queue(session, team["boss"], START, END, now=NOW)
    progress = {p.operator: (p.reviewed, p.quota, p.sampled, p.eligible) for p in queue.progress}
    assert progress == {
        "Егорова Мария Анатольевна": (0, 11, 11, 53),
        "Кузнецова Юлия Борисовна": (0, 3, 3, 17),
    }
    assert len(queue.rows) == 14 and {r.status for r in queue.rows} == {"ждёт"}


def test_the_same_period_and_seed_draw_the_same_calls(session: Session) -> None:
    team = staff(session)
    calls(session, team["anna"], 40)
    sample.draw_sample(session, team["sup1"], START, END, now=NOW)
    first = picked(session)
    session.execute(delete(QcPick))
    sample.draw_sample(session, team["sup2"], START, END, now=NOW + timedelta(days=3))
    assert picked(session) == first
    # drawing again adds nothing
    assert sample.draw_sample(session, team["sup1"], START, END, now=NOW).value.added == 0
    # another seed draws others (the same number)
    session.execute(delete(QcPick))
    sample.save_settings(session, team["admin"], seed=2)
    sample.draw_sample(session, team["sup1"], START, END, now=NOW)
    assert picked(session) != first and len(picked(session)) == len(first)


def test_the_draw_is_a_hash_of_call_period_and_seed() -> None:
    candidates = [Candidate(i, 1 + i % 2, i % 3, None) for i in range(1, 201)]
    key = sample.sample_key(START, END, 1)
    once = sample.choose(candidates, 20, key)
    assert once == sample.choose(list(reversed(candidates)), 20, key)
    assert len(once) == 40
    assert once != sample.choose(candidates, 20, sample.sample_key(START, END, 2))
    assert sample.quota(20, 17) == 3 and sample.quota(20, 18) == 4 and sample.quota(20, 2) == 0
    assert sample.quota(20, 3) == 1  # 0.6 rounds up; 0.5 would too


def test_a_reviewed_or_targeted_call_is_never_drawn(session: Session) -> None:
    team = staff(session)
    mine = calls(session, team["anna"], 20)
    # an earlier sample (another period that covers these calls) drew four, one was reviewed
    sample.draw_sample(session, team["sup1"], START - timedelta(days=1), END, now=NOW)
    earlier = picked(session)
    assert len(earlier) == 4
    targeted = next(c for c in mine if c not in earlier)
    claims.pick_targeted(session, team["sup2"], targeted, now=NOW)
    draw = sample.draw_sample(session, team["sup1"], START, END, now=NOW).value
    new = picked(session) - earlier - {targeted}
    assert draw.added == len(new)
    assert not new & earlier and targeted not in new
    # the targeted call does not count: 19 calls, 20 % of them rounded
    assert len(new) == 4
    queue = sample.queue(session, team["sup1"], START, END, now=NOW)
    [anna] = queue.progress
    assert (anna.eligible, anna.quota, anna.sampled) == (19, 4, 4)
    assert {r.kind for r in queue.rows} == {PickKind.SAMPLE, PickKind.TARGETED}


def test_calls_under_the_minimum_length_are_left_out(session: Session) -> None:
    team = staff(session)
    long_ = calls(session, team["anna"], 10, seconds=200)
    medium = calls(session, team["anna"], 10, seconds=60)
    sample.save_settings(session, team["sup1"], min_seconds=120, share_percent=50)
    sample.draw_sample(session, team["sup1"], START, END, now=NOW)
    assert len(picked(session)) == 5 and picked(session) <= set(long_)
    assert not picked(session) & set(medium)


def test_settings_are_checked_in_words(session: Session) -> None:
    team = staff(session)
    with pytest.raises(UserError, match="от 1 до 100"):
        sample.save_settings(session, team["sup1"], share_percent=0)
    with pytest.raises(UserError, match="нет"):
        sample.save_settings(session, team["sup1"], colour=3)
    with pytest.raises(NotAllowed, match="руководители групп"):
        sample.save_settings(session, team["anna"], share_percent=30)
    assert sample.load_settings(session) == sample.QualitySettings(20, 30, 30, 1)


def test_a_taken_call_is_nobody_elses_until_its_lease_runs_out(session: Session) -> None:
    team = staff(session)
    calls(session, team["anna"], 10)
    sample.draw_sample(session, team["sup1"], START, END, now=NOW)
    first, second = sorted(picked(session))
    assert claims.claim(session, team["sup1"], first, now=NOW).value == first
    with pytest.raises(UserError, match="оценивает Морозова Наталья Петровна"):
        claims.claim(session, team["sup2"], first, now=NOW + timedelta(minutes=5))
    # the next one skips it, and a call one holds already
    taken = claims.claim_next(session, team["sup2"], START, END, now=NOW).value
    assert taken == second
    assert claims.claim_next(session, team["sup2"], START, END, now=NOW).value is None
    assert claims.claim_next(session, team["admin"], START, END, now=NOW).value is None
    rows = {r.contact_id: r for r in sample.queue(session, team["sup1"], START, END, now=NOW).rows}
    assert rows[first].taken_by == "Морозова Наталья Петровна"
    # the lease runs out: another may take it, the first holder has lost it
    later = NOW + timedelta(minutes=31)
    assert claims.claim(session, team["sup2"], first, now=later).value == first
    with pytest.raises(LeaseLost):
        claims.renew(session, team["sup1"], first, now=later)
    claims.renew(session, team["sup2"], first, now=later)
    # released explicitly: free again
    claims.release(session, team["sup2"], first)
    assert claims.claim(session, team["sup1"], first, now=later).value == first
    with pytest.raises(UserError, match="нет в выборке"):
        claims.claim(session, team["sup1"], 10**9, now=NOW)


def test_only_supervisors_draw_and_take_calls(session: Session) -> None:
    team = staff(session)
    [one] = calls(session, team["anna"], 1)
    for who in ("anna", "boss"):
        with pytest.raises(NotAllowed, match="руководители групп"):
            sample.draw_sample(session, team[who], START, END, now=NOW)
        with pytest.raises(NotAllowed):
            claims.pick_targeted(session, team[who], one, now=NOW)
    with pytest.raises(NotAllowed, match="видят только"):
        sample.queue(session, team["anna"], START, END, now=NOW)
    assert sample.queue(session, team["boss"], START, END, now=NOW).rows == []
    with pytest.raises(UserError, match="позже"):
        sample.draw_sample(session, team["sup1"], END, START, now=NOW)


ROUNDS = 12


def concurrent_next(url: str, supervisors: int, calls_: int) -> tuple[Counter[int], list[str]]:
    """`supervisors` threads take the next call until none is left."""
    import threading

    from ric_desk.db import migrate
    from ric_desk.db.engine import open_engine

    engine = open_engine(url, pool_size=supervisors + 2)
    migrate.upgrade(engine)
    store = Store(engine, engine.url)
    with store.session() as s:
        team = staff(s)
        actors = [team["sup1"], team["sup2"], team["admin"]]
        actors += [
            actor_of(factories.employee(s, f"Руководитель {i} Тестовый", Role.SUPERVISOR))
            for i in range(supervisors - len(actors))
        ]
        for c in calls(s, team["anna"], calls_):
            s.add(
                QcPick(
                    contact_id=c,
                    kind=PickKind.SAMPLE,
                    period_start=START,
                    period_end=END,
                    seed=1,
                    operator_id=team["anna"].employee_id,
                )
            )
    taken: Counter[int] = Counter()
    errors: list[str] = []
    lock = threading.Lock()
    start = threading.Barrier(supervisors)

    def supervisor(actor: Actor) -> None:
        mine = []
        try:
            start.wait()
            while True:
                with store.session() as s:
                    got = claims.claim_next(s, actor, START, END, now=NOW).value
                if got is None:
                    break
                mine.append(got)
        except Exception as exc:  # a deadlock or any error fails the test
            with lock:
                errors.append(f"{type(exc).__name__}: {exc}")
        with lock:
            taken.update(mine)

    threads = [threading.Thread(target=supervisor, args=(a,)) for a in actors[:supervisors]]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    engine.dispose()
    return taken, errors


def test_supervisors_taking_the_next_call_at_once_never_take_one_twice(
    new_db_url: Any,
) -> None:
    taken, errors = concurrent_next(new_db_url(), supervisors=4, calls_=60)
    assert errors == []
    assert len(taken) == 60 and max(taken.values()) == 1


def test_two_supervisors_racing_for_one_call_one_takes_it(fresh_engine: Engine) -> None:
    store = Store(fresh_engine, fresh_engine.url)
    with store.session() as s:
        team = staff(s)
        logins = [s.get(Employee, team[k].employee_id).login for k in ("sup1", "sup2")]  # type: ignore[union-attr]
        contacts = calls(s, team["anna"], ROUNDS)
        for c in contacts:
            s.add(QcPick(contact_id=c, kind=PickKind.SAMPLE, operator_id=team["anna"].employee_id))
    url = fresh_engine.url.render_as_string(hide_password=False)
    ctx = multiprocessing.get_context("spawn")
    barrier = ctx.Barrier(2)
    results = ctx.Queue()
    processes = [
        ctx.Process(
            target=racers.race_qc_claim,
            args=(url, logins[me], contacts, NOW, me, barrier, results),
        )
        for me in range(2)
    ]
    for p in processes:
        p.start()
    answers = sorted(results.get(timeout=300) for _ in processes)
    for p in processes:
        p.join(300)
        assert p.exitcode == 0
    for round_ in range(ROUNDS):
        outcomes = sorted(answers[me][1][round_][0] for me in range(2))
        assert outcomes == ["refused", "taken"], answers
        refusal = next(a[1][round_][1] for a in answers if a[1][round_][0] == "refused")
        assert "Этот звонок сейчас оценивает" in refusal
    with Session(fresh_engine) as s:
        holders = Counter(s.scalars(select(QcPick.claimed_by_id)))
        assert sum(holders.values()) == ROUNDS and None not in holders


QC_TABLES = (
    "qc_pick",
    "checklist_review",
    "review_score",
    "qc_calibration",
    "qc_dispute",
    "qc_review_event",
)


def qc_digest(engine: Engine) -> dict[str, tuple[int, str]]:
    """Row count and a digest of each quality-control table, independent of the backend."""
    import hashlib

    from ric_desk.models import Base

    out = {}
    with engine.connect() as conn:
        for name in QC_TABLES:
            table = Base.metadata.tables[name]
            h = hashlib.sha256()
            count = 0
            for row in conn.execute(select(table).order_by(*table.primary_key.columns)):
                h.update(repr(tuple(str(v) for v in row)).encode())
                count += 1
            out[name] = (count, h.hexdigest())
    return out


def test_the_demo_month_is_sampled_and_reviewed_deterministically(
    fresh_engine: Engine, tmp_path: Any
) -> None:
    from ric_desk.checklists import calibration, review_reads
    from ric_desk.db import migrate
    from ric_desk.db.engine import open_engine
    from ric_desk.demo.generator import generate
    from ric_desk.demo.quality import qc_period
    from ric_desk.models import ChecklistReview, QcDispute, ReviewKind, ReviewState
    from tests.test_demo import AS_OF

    generate(fresh_engine, clients=150, seed=4, as_of=AS_OF)
    reference = open_engine(f"sqlite:///{(tmp_path / 'reference.sqlite3').as_posix()}")
    migrate.upgrade(reference)
    generate(reference, clients=150, seed=4, as_of=AS_OF)
    digest = qc_digest(fresh_engine)
    assert digest == qc_digest(reference)
    assert script_paths(fresh_engine) == script_paths(reference)  # same seed, same paths
    reference.dispose()
    assert all(count for count, _ in digest.values())
    start, end = qc_period(AS_OF)
    store = Store(fresh_engine, fresh_engine.url)
    boss = store.sign_in("barteva_iv")
    supervisor = store.sign_in("morozova_np")
    with store.session() as s:
        # the demo drew the sample as the core draws it: drawing it again adds nothing
        assert sample.draw_sample(s, supervisor, start, end, now=NOW).value.added == 0
        queue = sample.queue(s, boss, start, end, now=NOW)
        assert len(queue.progress) >= 5
        for p in queue.progress:
            assert p.sampled == p.quota and abs(p.sampled - 0.2 * p.eligible) <= 1
            assert p.reviewed <= p.sampled
        assert sum(p.reviewed for p in queue.progress) >= sum(p.sampled for p in queue.progress) / 4
        listed = review_reads.reviews(s, boss, start=start, end=end)
        assert any(r.critical_miss and r.total == 0 for r in listed)
        assert all(r.state == ReviewState.PUBLISHED for r in listed)
        assert s.scalar(
            select(ChecklistReview.id).where(ChecklistReview.state == ReviewState.DRAFT).limit(1)
        )
        [pair] = calibration.agreement(s, boss).pairs
        assert pair.compared and pair.agreed < pair.compared
        [dispute] = s.scalars(select(QcDispute))
        detail = review_reads.review_detail(s, boss, dispute.review_id)
        assert [e.action for e in detail.history][-3:] == [
            "disputed",
            "dispute_resolved",
            "acknowledged",
        ]
        assert detail.disputes[0].outcome == "changed"
        check_demo_script_paths(s, supervisor, start, end)
        # the history's published total is the core's score of the review as it was published
        for r in listed[:40]:
            if r.kind == ReviewKind.CALIBRATION or r.id == dispute.review_id:
                continue
            history = review_reads.review_detail(s, boss, r.id).history
            published = next(e for e in history if e.action == "published")
            assert published.detail is not None
            assert published.detail["total"] == r.total_text


def script_paths(engine: Engine) -> list[tuple[int, str]]:
    with engine.connect() as conn:
        rows = conn.execute(
            select(Contact.id, Contact.script_path)
            .where(Contact.script_path.is_not(None))
            .order_by(Contact.id)
        )
        return [(cid, repr(path)) for cid, path in rows]


def check_demo_script_paths(s: Session, supervisor: Actor, start: datetime, end: datetime) -> None:
    """The demo's month has script paths as the call session records them; a call whose path
    skipped a step its check-list checks opens pre-filled «по скрипту», and the demo's reviews of
    it kept that miss."""
    from ric_desk.checklists import reviews
    from ric_desk.checklists.prefill import prefill_of, script_path
    from ric_desk.checklists.review_views import BY_SCRIPT
    from ric_desk.models import ChecklistReview, ChecklistVersion
    from ric_desk.scripts import library

    paths = list(
        s.execute(
            select(Contact.id, Contact.actual_at, Contact.successful, Work.stage_id,
                   Contact.script_path)
            .join(Work, Work.id == Contact.work_id)
            .where(Contact.script_path.is_not(None))
        )
    )  # fmt: skip
    assert paths
    skipping = 0
    for _cid, at, successful, stage_id, path in paths:
        # only the listening month's successful calls, on the stage's script as the call
        # screen offers it, in the shape the call session writes
        assert successful and start <= at < end
        version = library.for_stage(s, stage_id)
        assert version is not None
        assert list(path) == ["script", "version", "version_id", "steps"]
        assert (path["script"], path["version"], path["version_id"]) == (
            version.script.name,
            version.number,
            version.id,
        )
        titles = {step.position: step.title for step in version.steps}
        taken = [step["step"] for step in path["steps"]]
        assert taken == sorted(taken) and taken[0] == 1
        for step in path["steps"]:
            assert list(step) == ["step", "title", "branch"]
            assert step["title"] == titles[step["step"]]
            assert step["branch"] is None or step["branch"] in version.branches
        skipping += len(taken) < len(titles)
    assert 0 < skipping < len(paths) / 2  # most calls take every step, some skip one or two
    picked = [
        cid
        for cid, path in s.execute(
            select(QcPick.contact_id, Contact.script_path).join(
                Contact, Contact.id == QcPick.contact_id
            )
        )
        if path is not None
    ]
    assert picked  # the sample has calls with a script path
    prefilled = 0
    for contact_id in picked:
        screen = reviews.open_review(s, supervisor, contact_id, now=NOW)
        assert screen.path is not None and screen.path.steps
        skipped = {step.title for step in screen.path.skipped}
        marks = [c.prefill for section in screen.sections for c in section.criteria if c.prefill]
        if not marks:
            continue
        prefilled += 1
        for mark in marks:  # a skipped step's criteria: missed, «по скрипту», naming the step
            assert mark.grade == 0 and mark.label == BY_SCRIPT
            assert mark.comment.startswith(f"{BY_SCRIPT}: шаг")
            assert any(f"«{title}»" in mark.comment for title in skipped)
        # the demo's reviews of the call left the script's misses as they were
        contact = s.get(Contact, contact_id)
        assert contact is not None
        for review in s.scalars(
            select(ChecklistReview).where(ChecklistReview.contact_id == contact_id)
        ):
            version_ = s.get(ChecklistVersion, review.version_id)
            assert version_ is not None
            expected = prefill_of(version_, script_path(s, contact.script_path))
            given = {m.criterion_id: m for m in review.scores}
            assert expected
            for criterion_id, fill in expected.items():
                mark_ = given[criterion_id]
                assert (mark_.score, mark_.comment, mark_.by_script) == (0, fill.comment, True)
    assert prefilled
