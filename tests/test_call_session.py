"""Working a taken work: the screen's data, recording attempts, re-scheduling, closing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ric_desk.actor import Actor
from ric_desk.calls import recording, screen
from ric_desk.calls import rules as calling
from ric_desk.calls import session as call_session
from ric_desk.calls.queue import SessionFilter
from ric_desk.calls.recording import Attempt, PrizEdit, RescheduleRefused
from ric_desk.changes import Changes
from ric_desk.errors import ConflictError, LeaseLost, NotFound, UserError
from ric_desk.models import (
    Assignment,
    AssignmentInstrument,
    ClosingReason,
    Contact,
    ContactInstrument,
    Instrument,
    PrizItem,
    PrizKind,
    PrizState,
    Work,
    WorkState,
)
from ric_desk.priz.refresh import refresh_client
from ric_desk.store import Store, actor_of
from tests import factories

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)  # Tuesday 11:00 in Moscow (the client's region)


@pytest.fixture
def taken(session: Session) -> dict[str, object]:
    operator = factories.employee(session)
    client = factories.client(session)
    person = factories.person(session, client)
    phone = factories.phone(session, person)
    work = factories.work(
        session,
        client,
        NOW - timedelta(minutes=5),
        person=person,
        goal="1) Какие новшества весны\n2) Что именно демонстрировали\n- Итоги",
        claimed_by_id=operator.id,
        lease_expires_at=NOW + timedelta(minutes=10),
    )
    return {
        "operator": operator,
        "actor": actor_of(operator),
        "client": client,
        "person": person,
        "phone": phone,
        "work": work,
    }


def attempt(t: dict, **kw: object) -> Attempt:
    values: dict = {
        "work_id": t["work"].id,
        "started_at": NOW - timedelta(minutes=4),
        "person_id": t["person"].id,
        "channel_id": t["phone"].id,
    }
    values.update(kw)
    return Attempt(**values)


def reason(session: Session, name: str) -> ClosingReason:
    found = session.scalar(select(ClosingReason).where(ClosingReason.name == name))
    assert found is not None
    return found


def test_the_screen_shows_goal_questions_phones_plan_and_priz(
    session: Session, taken: dict
) -> None:
    work = taken["work"]
    other = factories.person(session, taken["client"], last="Савельева")
    factories.phone(session, other, "79113765000")
    demo, letter = session.scalars(select(Instrument).order_by(Instrument.id).limit(2)).all()
    assignment = Assignment(work_id=work.id, text="Презентовать услугу Видеосеминары")
    assignment.instruments = [AssignmentInstrument(instrument_id=letter.id, planned_count=2)]
    session.add(assignment)
    session.add_all(
        [
            PrizItem(client_id=taken["client"].id, kind=PrizKind.COMPETITOR, title="Кодекс"),
            PrizItem(client_id=taken["client"].id, kind=PrizKind.DYNAMIC, title="Смена сегмента"),
            PrizItem(
                client_id=taken["client"].id,
                kind=PrizKind.TASK,
                title="Старое",
                state=PrizState.DONE,
            ),
        ]
    )
    session.flush()
    view = call_session.load(session, work.id)
    assert view.goal_questions == [
        "Какие новшества весны",
        "Что именно демонстрировали",
        "Итоги",
        "Презентовать услугу Видеосеминары",
    ]
    assert [p.number for p in view.phones] == ["7(8112)59-00-51", "7(911)376-50-00"]
    assert view.phones[0].person.startswith("Петракова")  # the work's person first
    assert (view.instruments[0].instrument_id, view.instruments[0].planned) == (letter.id, 2)
    assert [(p.kind, p.title) for p in view.priz] == [
        (PrizKind.DYNAMIC, "Смена сегмента"),
        (PrizKind.COMPETITOR, "Кодекс"),
    ]  # done items of other works are not shown
    assert view.zone_name == "Europe/Moscow" and view.stage.startswith("Этап 4.")
    del demo


def test_record_keeps_every_attempt_and_updates_the_same_one(session: Session, taken: dict) -> None:
    op: Actor = taken["actor"]
    instrument = session.scalars(select(Instrument.id)).first()
    recorded = recording.record(
        session,
        op,
        attempt(taken, result="Не ответили", instruments={instrument: 1}),
        now=NOW,
    )
    first = recorded.value
    assert recorded.changes == Changes.of(
        clients=[taken["client"].id], works=[taken["work"].id], contacts=[first]
    )
    again = recording.record(
        session,
        op,
        attempt(
            taken,
            successful=True,
            result="Понравились",
            goal_answers=[("Итоги", "Будут полезны"), ("Что", "  ")],
            instruments={instrument: 3},
            script_path={"script": "Этап 4", "version": 1, "steps": [{"step": 1, "branch": None}]},
        ),
        now=NOW + timedelta(minutes=2),
        contact_id=first,
    ).value
    assert again == first
    contact = session.get(Contact, first)
    assert contact is not None
    assert (contact.successful, contact.result, contact.duration_sec) == (True, "Понравились", 360)
    assert contact.goal_answers == [{"question": "Итоги", "answer": "Будут полезны"}]
    assert contact.script_path == {
        "script": "Этап 4",
        "version": 1,
        "steps": [{"step": 1, "branch": None}],
    }
    used = session.scalars(select(ContactInstrument).where(ContactInstrument.contact_id == first))
    assert [(u.instrument_id, u.used_count) for u in used] == [(instrument, 3)]
    second = recording.record(session, op, attempt(taken, result="Ещё звонок"), now=NOW).value
    assert second != first
    assert session.get(Work, taken["work"].id).state == WorkState.PLANNED  # type: ignore[union-attr]


def test_priz_items_are_marked_in_place_with_their_versions(session: Session, taken: dict) -> None:
    item = PrizItem(client_id=taken["client"].id, kind=PrizKind.TASK, title="Подписать на рассылку")
    session.add(item)
    session.flush()
    edit = PrizEdit(item.id, item.version, True, True, False, "  подписали ", "T")
    recorded = recording.record(session, taken["actor"], attempt(taken, priz=[edit]), now=NOW)
    assert recorded.changes.priz == {taken["client"].id}  # the client's items changed
    session.refresh(item)
    assert (item.state, item.done, item.worked_on, item.comment, item.result) == (
        PrizState.DONE,
        True,
        True,
        "подписали",
        "T",
    )
    assert item.work_id == taken["work"].id and item.closed_at is not None
    stale = PrizEdit(item.id, item.version - 1, True, False, False, "", "")
    with pytest.raises(ConflictError):
        recording.record(session, taken["actor"], attempt(taken, priz=[stale]), now=NOW)


def test_close_needs_a_reason_and_a_comment_where_the_reason_asks(
    session: Session, taken: dict
) -> None:
    op = taken["actor"]
    no_answer = reason(session, "Нерезультативный звонок")
    assert no_answer.needs_comment
    with pytest.raises(UserError, match="нужен комментарий"):
        recording.close(session, op, attempt(taken), no_answer.id, "   ", now=NOW)
    assert session.scalar(select(Contact.id)) is None  # nothing written
    stage4 = reason(session, "Этап 4_Вывод новшеств")
    contact = recording.close(
        session, op, attempt(taken, successful=False, result="Понравились"), stage4.id, "", now=NOW
    ).value
    work = session.get(Work, taken["work"].id)
    assert work is not None
    assert (work.state, work.closing_reason_id, work.closed_at, work.claimed_by_id) == (
        WorkState.CLOSED,
        stage4.id,
        NOW,
        None,
    )
    assert session.get(Contact, contact).successful  # a productive reason: a successful contact
    with pytest.raises(UserError, match="уже закрыта"):
        recording.close(session, op, attempt(taken), stage4.id, "", now=NOW)


def test_an_unproductive_close_records_an_unsuccessful_contact(
    session: Session, taken: dict
) -> None:
    silent = reason(session, "Не берут трубку.")
    contact = recording.close(
        session, taken["actor"], attempt(taken, successful=True), silent.id, "", now=NOW
    ).value
    assert not session.get(Contact, contact).successful  # type: ignore[union-attr]


def test_what_the_operator_said_of_the_contact_is_kept_over_the_reason(
    session: Session, taken: dict
) -> None:
    """The closing dialog's "Контакт состоялся" follows the reason unless the operator changed
    it: a contact said to have taken place, closed with an unproductive reason, stays so."""
    silent = reason(session, "Не берут трубку.")
    contact = recording.close(
        session, taken["actor"], attempt(taken), silent.id, "", now=NOW, successful=True
    ).value
    assert session.get(Contact, contact).successful  # type: ignore[union-attr]


def test_only_the_holder_of_the_lease_writes(session: Session, taken: dict) -> None:
    other = actor_of(factories.employee(session, "Кузнецова Юлия Борисовна"))
    stage4 = reason(session, "Этап 4_Вывод новшеств")
    with pytest.raises(LeaseLost, match="больше не закреплена за вами"):
        recording.close(session, other, attempt(taken), stage4.id, "", now=NOW)
    with pytest.raises(LeaseLost, match="больше не закреплена за вами"):
        recording.record(session, other, attempt(taken), now=NOW)
    with pytest.raises(NotFound):
        recording.record(session, taken["actor"], attempt(taken, work_id=-1), now=NOW)
    with pytest.raises(NotFound):
        call_session.load(session, -1)


def test_reschedule_within_hours_keeps_the_work_its_operators(
    session: Session, taken: dict
) -> None:
    rules = calling.load_rules(session)
    op = taken["actor"]
    at = NOW + timedelta(minutes=30)
    recording.reschedule(
        session, op, attempt(taken, result="Просили перезвонить"), at, rules=rules, now=NOW
    )
    work = session.get(Work, taken["work"].id)
    assert work is not None
    assert (work.state, work.planned_at, work.claimed_by_id) == (
        WorkState.RESCHEDULED,
        at,
        op.employee_id,
    )
    assert work.lease_expires_at == at + rules.recall_grace
    assert session.scalar(select(Contact.result)) == "Просили перезвонить"


@pytest.mark.parametrize(
    ("at", "expected_next"),
    [
        # 18:30 in Moscow: the next allowed time is 09:00 on Wednesday
        (datetime(2026, 11, 24, 15, 30, tzinfo=UTC), datetime(2026, 11, 25, 6, 0, tzinfo=UTC)),
        # День народного единства: Thursday 09:00
        (datetime(2026, 11, 4, 9, 0, tzinfo=UTC), datetime(2026, 11, 5, 6, 0, tzinfo=UTC)),
    ],
)
def test_reschedule_outside_hours_is_refused_with_the_next_allowed_time(
    session: Session, taken: dict, at: datetime, expected_next: datetime
) -> None:
    rules = calling.load_rules(session)
    now = min(NOW, at - timedelta(hours=1))
    with pytest.raises(RescheduleRefused) as refused:
        recording.reschedule(session, taken["actor"], attempt(taken), at, rules=rules, now=now)
    assert refused.value.next_allowed == expected_next
    assert "Ближайшее разрешённое время" in refused.value.message
    assert session.scalar(select(Contact.id)) is None
    work = session.get(Work, taken["work"].id)
    assert work is not None and work.state == WorkState.PLANNED


def test_reschedule_into_the_past_is_refused(session: Session, taken: dict) -> None:
    rules = calling.load_rules(session)
    with pytest.raises(RescheduleRefused, match="уже прошло"):
        recording.reschedule(
            session,
            taken["actor"],
            attempt(taken),
            NOW - timedelta(minutes=1),
            rules=rules,
            now=NOW,
        )


def test_reason_groups_put_the_works_stage_first(session: Session) -> None:
    groups = call_session.reason_groups(session, stage_id=None)
    assert [g.title for g in groups] == [
        "Этапы работы с клиентом",
        "Дополнительные работы",
        "Нерезультативные",
    ]
    assert sum(len(g.reasons) for g in groups) == 16
    needs = {r.name for g in groups for r in g.reasons if r.needs_comment}
    unproductive = {r.name for g in groups for r in g.reasons if r.unproductive}
    assert "Не берут трубку." in unproductive and "Этап 4_Вывод новшеств" not in unproductive
    assert "Смена обстоятельств" in needs and "Этап 4_Вывод новшеств" not in needs


def test_taking_a_work_shows_the_items_the_rules_raised_and_writes_nothing(
    session: Session, taken: dict
) -> None:
    today = NOW.date()
    taken["client"].service_ends_on = today + timedelta(days=10)
    session.flush()
    assert call_session.load(session, taken["work"].id).priz == []  # a read runs no rules
    refresh_client(session, taken["client"].id, today)  # the change's (or the day's) refresh
    view = call_session.load(session, taken["work"].id)
    assert [p.kind for p in view.priz] == [PrizKind.DYNAMIC]
    assert view.priz[0].title.startswith("Окончание срока обслуживания")


def test_the_stage_reason_is_preselected(session: Session) -> None:
    chosen = call_session.stage_reason(session, 4)
    assert chosen is not None
    assert (
        session.get(ClosingReason, chosen).name
        == "Этап 4 «Вовлечение пользователей в использование системы»"
    )  # type: ignore[union-attr]
    assert call_session.stage_reason(session, None) is None


def test_f8_is_one_job_with_everything_the_call_screen_shows(fresh_engine: Engine) -> None:
    with Session(fresh_engine, expire_on_commit=False) as s, s.begin():
        operator = actor_of(factories.employee(s))
        other = actor_of(factories.employee(s, "Кузнецова Юлия Борисовна"))
        client = factories.client(s)
        person = factories.person(s, client)
        phone = factories.phone(s, person)
        work = factories.work(s, client, NOW - timedelta(minutes=5), person=person)
    day = SessionFilter(start=NOW - timedelta(hours=11), end=NOW + timedelta(hours=13))
    store = Store(fresh_engine, fresh_engine.url)
    with store.session() as s:  # as the UI's database worker runs it
        done = screen.take(s, operator, day, now=NOW)
        preselected = call_session.stage_reason(s, work.stage_id)
    shown = done.value
    assert shown.work is not None and shown.work.work_id == work.id
    assert done.changes == Changes.of(works=[work.id], clients=[client.id])
    assert shown.verdict is not None and shown.verdict.allowed
    assert shown.verdict_channel == phone.id == shown.work.phones[0].channel_id
    assert shown.card is not None and shown.card.client.id == client.id
    assert [r.work_id for r in shown.queue.rows] == [work.id] and shown.queue.counts.left == 1
    assert shown.queue.rows[0].taken_by  # listed after the claim: taken
    assert shown.reasons[0].title == "Этапы работы с клиентом"
    assert shown.preselected_reason == preselected
    assert shown.rules.lease == timedelta(minutes=10)
    with store.session() as s:
        nothing = screen.take(s, other, day, now=NOW)
    assert nothing.value.work is None and nothing.value.card is None
    assert not nothing.changes


def test_ctrl_s_records_and_reads_the_work_back(session: Session, taken: dict) -> None:
    done = screen.record_call(
        session, taken["actor"], attempt(taken, result="Понравились"), now=NOW
    )
    assert [a.result for a in done.value.work.attempts] == ["Понравились"]
    assert done.changes.contacts == {done.value.contact_id}
    assert done.changes.clients == {taken["client"].id}


def test_the_session_opens_with_the_rules_and_its_choices(session: Session) -> None:
    opened = call_session.setup(session)
    assert opened.rules == calling.load_rules(session)
    assert "Работа по оплате" in [name for _, name in opened.directions]
    assert [i for i, _ in opened.stages][:2] == [1, 2]
