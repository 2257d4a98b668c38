"""The model on a real database: relations, constraints, optimistic locking."""

from __future__ import annotations

from datetime import UTC, date, datetime
from decimal import Decimal
from fractions import Fraction

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session
from sqlalchemy.orm.exc import StaleDataError

from ric_desk.checklists.scoring import percent_text, score
from ric_desk.errors import UserError
from ric_desk.models import (
    Assignment,
    AssignmentInstrument,
    AuditRecord,
    ChannelKind,
    Characteristic,
    ChecklistCriterion,
    ChecklistReview,
    ChecklistSection,
    ChecklistTemplate,
    ChecklistVersion,
    Client,
    ClientSegment,
    ClosingReason,
    Contact,
    ContactChannel,
    ContactInstrument,
    Direction,
    IndicatorDef,
    IndicatorValue,
    Instrument,
    Interest,
    Invoice,
    Payment,
    PaymentPromise,
    PrizItem,
    PrizKind,
    PrizRule,
    ReviewScore,
    Role,
    SegmentType,
    Work,
    WorkState,
)
from ric_desk.scripts import versions
from tests import factories


def test_a_whole_client_round_trips(session: Session) -> None:
    operator = factories.employee(session)
    client = factories.client(session, 'ГАУ ПО "Дирекция спортивных сооружений"')
    person = factories.person(session, client)
    person.channels = [
        ContactChannel(
            client_id=client.id,
            kind=ChannelKind.WORK_PHONE,
            value="78112561455",
            digits="78112561455",
            digits_reversed="55416521187",
            favourite=True,
        ),
        ContactChannel(
            client_id=client.id,
            kind=ChannelKind.PERSONAL_EMAIL,
            value="petrakova_1967@mail.ru",
            undesirable=True,
        ),
    ]
    person.characteristics = list(
        session.scalars(
            select(Characteristic).where(Characteristic.code.in_(["key_user", "decision_maker"]))
        )
    )
    person.interests = list(session.scalars(select(Interest).limit(2)))
    direction = session.scalar(select(Direction).where(Direction.name == "Обслуживание"))
    reason = session.scalar(
        select(ClosingReason).where(ClosingReason.name == "Этап 4_Вывод новшеств")
    )
    instrument = session.scalar(
        select(Instrument).where(Instrument.name == "Заход в систему КонсультантПлюс")
    )
    assert direction and reason and instrument
    at = datetime(2020, 9, 17, 7, 0, tzinfo=UTC)
    work = Work(
        number=9289239,
        client_id=client.id,
        direction_id=direction.id,
        stage_id=4,
        executor_id=operator.id,
        author_id=operator.id,
        planned_at=at,
    )
    session.add(work)
    session.flush()
    work.assignments.append(
        Assignment(
            text="Показать новшества",
            author_id=operator.id,
            instruments=[AssignmentInstrument(instrument_id=instrument.id, planned_count=2)],
        )
    )
    contact = Contact(
        work_id=work.id,
        client_id=client.id,
        operator_id=operator.id,
        contact_person_id=person.id,
        planned_at=at,
        actual_at=at,
        duration_sec=20 * 60,
        successful=True,
        result="Понравились. Письма госорганов читает.",
        instruments=[ContactInstrument(instrument_id=instrument.id, used_count=1)],
    )
    session.add(contact)
    work.state, work.closing_reason_id, work.closed_at = WorkState.CLOSED, reason.id, at
    session.add(
        PrizItem(
            client_id=client.id, kind=PrizKind.TASK, title="Оценка услуги ГЛ", author_id=operator.id
        )
    )
    invoice = Invoice(
        client_id=client.id,
        number="СЧ-1",
        issued_on=date(2020, 9, 1),
        due_on=date(2020, 9, 15),
        amount=Decimal("12345.67"),
    )
    session.add(invoice)
    session.flush()
    session.add(
        Payment(
            client_id=client.id,
            invoice_id=invoice.id,
            paid_on=date(2020, 9, 20),
            amount=Decimal("12345.67"),
        )
    )
    session.add(
        PaymentPromise(
            client_id=client.id,
            invoice_id=invoice.id,
            made_on=date(2020, 9, 16),
            promised_on=date(2020, 9, 25),
        )
    )
    session.add(
        AuditRecord(
            employee_id=operator.id,
            client_id=client.id,
            entity="client",
            entity_id=client.id,
            action="update",
            field="name",
            old_value="x",
            new_value=client.name,
        )
    )
    session.commit()
    session.expire_all()

    loaded = session.get(Work, work.id)
    assert loaded is not None
    assert loaded.planned_at == at and loaded.planned_at.tzinfo is not None
    assert loaded.contacts[0].instruments[0].used_count == 1
    assert loaded.assignments[0].instruments[0].planned_count == 2
    assert session.scalar(select(Invoice.amount)) == Decimal("12345.67")
    p = session.get(type(person), person.id)
    assert p is not None and {c.code for c in p.characteristics} == {"key_user", "decision_maker"}
    assert [c.kind for c in sorted(p.channels, key=lambda c: c.id)] == [
        ChannelKind.WORK_PHONE,
        ChannelKind.PERSONAL_EMAIL,
    ]


def test_stale_save_is_refused(engine: Engine) -> None:
    with Session(engine) as s:
        client = factories.client(s, 'ООО "Вектор"')
        s.commit()
        client_id = client.id
    try:
        # two cards of one client: each loaded, then edited while no transaction is open
        first = Session(engine, expire_on_commit=False)
        second = Session(engine, expire_on_commit=False)
        a = first.get(Client, client_id)
        b = second.get(Client, client_id)
        first.commit()
        second.commit()
        assert a is not None and b is not None
        a.kpp = "603701001"
        first.commit()
        b.kpp = "603702001"
        with pytest.raises(StaleDataError):
            second.commit()
        second.rollback()
        fresh = second.get(Client, client_id)
        assert fresh is not None and fresh.kpp == "603701001" and fresh.version == 2
    finally:
        first.close()
        second.close()
        with Session(engine) as s:
            s.delete(s.get(Client, client_id))
            s.commit()


def test_one_current_segment_per_type(session: Session) -> None:
    client = factories.client(session)
    loyalty = session.scalar(select(SegmentType).where(SegmentType.name == "Лояльность"))
    assert loyalty is not None
    for value in loyalty.values[:2]:
        session.add(
            ClientSegment(
                client_id=client.id,
                segment_type_id=loyalty.id,
                segment_value_id=value.id,
                entered_on=date(2020, 1, 1),
            )
        )
    with pytest.raises(IntegrityError):
        session.flush()


def test_indicator_value_has_exactly_one_owner(session: Session) -> None:
    client = factories.client(session)
    person = factories.person(session, client)
    d = session.scalar(select(IndicatorDef).limit(1))
    assert d is not None
    session.add(
        IndicatorValue(indicator_def_id=d.id, client_id=client.id, contact_person_id=person.id)
    )
    with pytest.raises(IntegrityError):
        session.flush()


def test_one_open_item_per_rule_and_source(session: Session) -> None:
    client = factories.client(session)
    rule = session.scalar(select(PrizRule).limit(1))
    assert rule is not None
    for _ in range(2):
        session.add(
            PrizItem(
                client_id=client.id,
                kind=PrizKind.DYNAMIC,
                title=rule.title,
                rule_id=rule.id,
                source_key="СЧ-1",
            )
        )
    with pytest.raises(IntegrityError):
        session.flush()


def test_script_versions_are_numbered_and_kept(session: Session) -> None:
    draft = versions.ScriptDraft(
        name="Образовательные мероприятия",
        title="ОБРАЗОВАТЕЛЬНЫЕ МЕРОПРИЯТИЯ",
        goal="записать клиента на ОМ",
        branches=["Посещает", "Не посещает"],
        steps=[
            versions.StepDraft("Установление контакта", ["М.И., мы договаривались..."]),
            versions.StepDraft(
                "Диагностика", ["Вам удалось посетить семинар?", "Вам интересно развитие?"]
            ),
        ],
    )
    first = versions.publish(session, draft)
    draft.steps.append(versions.StepDraft("Ответ клиента", ["Мне всё понравилось."]))
    second = versions.publish(session, draft)
    assert (first.number, second.number) == (1, 2)
    assert len(first.steps) == 2 and len(second.steps) == 3
    latest = versions.latest(session, "Образовательные мероприятия")
    assert latest is not None and latest.id == second.id
    draft.steps.append(versions.StepDraft("Лишнее", ["a", "b", "c"]))
    with pytest.raises(UserError, match="ветвей 2"):
        versions.publish(session, draft)


def test_review_points_at_its_version_and_scores(session: Session) -> None:
    supervisor = factories.employee(session, "Морозова Наталья Петровна", Role.SUPERVISOR)
    client = factories.client(session)
    direction = session.scalar(select(Direction).limit(1))
    assert direction is not None
    at = datetime(2020, 9, 17, 7, 0, tzinfo=UTC)
    work = Work(number=1, client_id=client.id, direction_id=direction.id, planned_at=at)
    session.add(work)
    session.flush()
    contact = Contact(work_id=work.id, client_id=client.id, planned_at=at)
    template = ChecklistTemplate(name="Знакомство", stage_id=2)
    version = ChecklistVersion(
        number=1, title="Чек-лист знакомство с новым Клиентом", template=template
    )
    section = ChecklistSection(position=1, title="Установление контакта")
    section.criteria = [
        ChecklistCriterion(position=i, text=t, points=1)
        for i, t in enumerate(["- приветствие", "- обращается по имени"], start=1)
    ]
    version.sections = [section]
    session.add_all([contact, template, version])
    session.flush()
    review = ChecklistReview(
        version_id=version.id,
        contact_id=contact.id,
        supervisor_id=supervisor.id,
        scores=[
            ReviewScore(criterion_id=section.criteria[0].id, score=1),
            ReviewScore(criterion_id=section.criteria[1].id, score=0),
        ],
    )
    session.add(review)
    session.flush()
    result = score(review, version)
    assert result.total == Fraction(50) and result.passed is False
    assert percent_text(result.total) == "50,0 %"
    review.scores[1].score = 5
    with pytest.raises(UserError, match="нужна 1 \\(да\\) или 0 \\(нет\\)"):
        score(review, version)
