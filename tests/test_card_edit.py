"""Editing a card in the core: values by type, confirmation, segments, persons, conflicts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import select
from sqlalchemy.orm import Session

from ric_desk.clients import editing
from ric_desk.clients.persons import ChannelDraft, PersonDraft, add_contact_person
from ric_desk.errors import ConflictError, UserError
from ric_desk.models import (
    AuditRecord,
    ChannelKind,
    Characteristic,
    ContactPerson,
    IndicatorDef,
    IndicatorValue,
    Interest,
    PrizItem,
    PrizState,
    Scope,
    SegmentType,
)
from ric_desk.priz import refresh as priz_refresh
from ric_desk.store import actor_of
from ric_desk.validation import clean_field
from tests import factories

DAY = date(2020, 3, 5)


def definition(session: Session, name: str) -> IndicatorDef:
    d = session.scalar(
        select(IndicatorDef).where(IndicatorDef.name == name, IndicatorDef.scope == Scope.CLIENT)
    )
    assert d is not None
    return d


@pytest.mark.parametrize(
    "name, raw, stored, shown",
    [
        ("Штат бухгалтеров", " 3 ", "3", "3"),
        ("Дата последнего пополнения", "18.09.2020", "2020-09-18", "18.09.2020"),
        ("Участвуют ли в закупках", "ЗАКАЗЧИК", "заказчик", "заказчик"),
        (
            "Телефоны руководителя",
            "8 (8112) 59-00-51; +7 911 362 16 89",
            "78112590051, 79113621689",
            "7(8112)59-00-51, 7(911)362-16-89",
        ),
        (
            "Руководитель",
            "Штылин  Иван Викторович",
            "Штылин Иван Викторович",
            "Штылин Иван Викторович",
        ),
        ("Конкуренты", "", None, ""),
    ],
)
def test_values_are_parsed_by_type(
    session: Session, name: str, raw: str, stored: str | None, shown: str
) -> None:
    d = definition(session, name)
    assert editing.parse_value(d, raw) == stored
    assert editing.display_value(d, stored) == shown


@pytest.mark.parametrize(
    "name, raw, message",
    [
        ("Штат бухгалтеров", "три", "целое число"),
        ("Штат бухгалтеров", "-1", "целое число"),
        ("Дата последнего пополнения", "31.02.2020", "ДД.ММ.ГГГГ"),
        ("Участвуют ли в закупках", "иногда", "выберите одно из значений"),
        ("Телефоны руководителя", "59-00", "Телефон"),
        ("Руководитель", "Штылин", "фамилию и имя"),
        ("Конкуренты", "Гарант\x00", "управляющие символы"),
        ("Конкуренты", "я" * 4001, "длиннее 4000"),
    ],
)
def test_bad_values_are_refused_with_a_reason(
    session: Session, name: str, raw: str, message: str
) -> None:
    with pytest.raises(UserError, match=message):
        editing.parse_value(definition(session, name), raw)


def test_set_then_confirm_with_audit_and_conflict(session: Session) -> None:
    operator = factories.employee(session, "Алексеева Оксана Александровна")
    actor = actor_of(operator)
    client = factories.client(session)
    d = definition(session, "Телефоны руководителя")
    value = editing.set_indicator(
        session, client.id, d.id, "7(8112)59-00-51", actor, DAY, None
    ).value
    assert (value.value, value.valid_until, value.verified_by_id) == (
        "78112590051",
        date(2020, 6, 3),
        operator.id,
    )
    seen = value.version
    with pytest.raises(ConflictError, match="другой пользователь"):
        editing.set_indicator(session, client.id, d.id, "7(8112)59-00-52", actor, DAY, None)
    later = date(2020, 9, 1)
    confirmed = editing.confirm_indicator(session, client.id, d.id, actor, later, seen).value
    assert (confirmed.value, confirmed.verified_on, confirmed.valid_until) == (
        "78112590051",
        later,
        date(2020, 11, 30),
    )
    with pytest.raises(ConflictError):
        editing.confirm_indicator(session, client.id, d.id, actor, later, seen)  # stale now
    audit = session.scalars(
        select(AuditRecord).where(AuditRecord.client_id == client.id).order_by(AuditRecord.id)
    ).all()
    assert [(a.field, a.new_value) for a in audit] == [
        ("Телефоны руководителя", "78112590051"),
        ("Телефоны руководителя", "подтверждён 01.09.2020"),
    ]


def test_confirming_an_empty_indicator_records_that_it_is_known_empty(session: Session) -> None:
    client = factories.client(session)
    d = definition(session, "Сумма долга")
    actor = actor_of(factories.employee(session))
    value = editing.confirm_indicator(session, client.id, d.id, actor, DAY, None).value
    assert value.is_actual and value.value is None and value.verified_on == DAY


def test_segment_change_with_conflict_and_audit(session: Session) -> None:
    client = factories.client(session)
    loyalty = session.scalar(select(SegmentType).where(SegmentType.name == "Лояльность"))
    assert loyalty is not None
    values = {v.name: v.id for v in loyalty.values}
    actor = actor_of(factories.employee(session))
    editing.change_segment(session, client.id, values["Зеленый"], actor, date(2018, 1, 1), None)
    with pytest.raises(ConflictError):
        editing.change_segment(session, client.id, values["Красный"], actor, date(2018, 2, 1), None)
    editing.change_segment(
        session, client.id, values["Желтый"], actor, date(2018, 4, 16), values["Зеленый"]
    )
    audit = session.scalars(
        select(AuditRecord)
        .where(AuditRecord.entity == "client_segment", AuditRecord.client_id == client.id)
        .order_by(AuditRecord.id)
    ).all()
    assert [(a.old_value, a.new_value) for a in audit] == [(None, "Зеленый"), ("Зеленый", "Желтый")]


def test_add_contact_person(session: Session) -> None:
    client = factories.client(session)
    key_user = session.scalar(select(Characteristic.id).where(Characteristic.code == "key_user"))
    interest = session.scalar(select(Interest.id).limit(1))
    assert key_user and interest
    draft = PersonDraft(
        last_name="Петракова",
        first_name="Светлана",
        middle_name="Викторовна",
        position="Главный бухгалтер",
        channels=[
            ChannelDraft(ChannelKind.WORK_PHONE, "7(8112)56-14-55", favourite=True),
            ChannelDraft(ChannelKind.MOBILE, "8 911 362-16-89", undesirable=True),
            ChannelDraft(ChannelKind.PERSONAL_EMAIL, "Petrakova_1967@Mail.ru"),
        ],
        characteristic_ids=[key_user],
        interest_ids=[interest],
    )
    person_id = add_contact_person(
        session, client.id, draft, actor_of(factories.employee(session))
    ).value
    person = session.get(ContactPerson, person_id)
    assert person is not None
    assert person.full_name == "Петракова Светлана Викторовна"
    assert [(c.kind, c.value, c.favourite, c.undesirable) for c in person.channels] == [
        (ChannelKind.WORK_PHONE, "78112561455", True, False),
        (ChannelKind.MOBILE, "79113621689", False, True),
        (ChannelKind.PERSONAL_EMAIL, "petrakova_1967@mail.ru", False, False),
    ]
    assert [c.code for c in person.characteristics] == ["key_user"]
    assert person.status_group_id is not None
    assert (
        session.scalar(select(AuditRecord.new_value).where(AuditRecord.entity == "contact_person"))
        == person.full_name
    )


@pytest.mark.parametrize(
    "draft, message",
    [
        (PersonDraft("", "Светлана"), "фамилия и имя"),
        (
            PersonDraft(
                "Петракова", "Светлана", channels=[ChannelDraft(ChannelKind.MOBILE, "12-34")]
            ),
            "Контакт 1: Телефон",
        ),
        (
            PersonDraft(
                "Петракова",
                "Светлана",
                channels=[
                    ChannelDraft(ChannelKind.WORK_PHONE, "7(8112)56-14-55"),
                    ChannelDraft(ChannelKind.WORK_EMAIL, "нет"),
                ],
            ),
            "Контакт 2: Адрес",
        ),
        (
            PersonDraft(
                "Петракова",
                "Светлана",
                channels=[
                    ChannelDraft(ChannelKind.MOBILE, "89113621689"),
                    ChannelDraft(ChannelKind.MOBILE, "+79113621689"),
                ],
            ),
            "дважды",
        ),
        (PersonDraft("Я" * 101, "Светлана"), "«Фамилия» длиннее 100 знаков"),
        (PersonDraft("Петракова", "Свет\x00лана"), "«Имя» есть управляющие"),
        (PersonDraft("Петракова", "Светлана", position="x" * 201), "«Должность» длиннее 200"),
        (PersonDraft("Петракова", "Светлана", department="\x1b[31m"), "«Подразделение»"),
        (
            PersonDraft(
                "Петракова",
                "Светлана",
                channels=[ChannelDraft(ChannelKind.MOBILE, "89113621689", region="р" * 300)],
            ),
            "«Регион контакта» длиннее",
        ),
        (
            PersonDraft(
                "Петракова",
                "Светлана",
                channels=[ChannelDraft(ChannelKind.WORK_EMAIL, "a" * 300 + "@pskov.ru")],
            ),
            "длиннее 200",
        ),
        (
            PersonDraft(
                "Петракова",
                "Светлана",
                channels=[ChannelDraft(ChannelKind.WORK_EMAIL, "a\x00b@pskov.ru")],
            ),
            "управляющие",
        ),
    ],
)
def test_bad_person_is_refused_whole(session: Session, draft: PersonDraft, message: str) -> None:
    """The same words on SQLite and PostgreSQL, before the database sees the values."""
    client = factories.client(session)
    with pytest.raises(UserError, match=message):
        add_contact_person(session, client.id, draft, actor_of(factories.employee(session)))
    assert (
        session.scalars(select(ContactPerson).where(ContactPerson.client_id == client.id)).all()
        == []
    )


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(last=st.text(max_size=150), note=st.text(max_size=300))
def test_any_text_in_a_person_is_saved_or_refused_in_words(
    session: Session, last: str, note: str
) -> None:
    client = factories.client(session)
    actor = actor_of(factories.employee(session))
    try:
        with session.begin_nested():
            add_contact_person(session, client.id, PersonDraft(last, "Светлана", note=note), actor)
    except UserError:
        pass


@given(text=st.text(max_size=300), multiline=st.booleans())
def test_a_field_is_clean_or_refused(text: str, multiline: bool) -> None:
    try:
        cleaned = clean_field(text, "Поле", 100, multiline=multiline)
    except UserError:
        return
    assert cleaned is None or (
        0 < len(cleaned) <= 100 and cleaned == cleaned.strip() and "\x00" not in cleaned
    )


# -- the ПРИЗ items follow an edit in the same operation -----------------------------------------
def priz_titles(session: Session, client_id: int, state: PrizState) -> list[str]:
    return list(
        session.scalars(
            select(PrizItem.title)
            .where(PrizItem.client_id == client_id, PrizItem.state == state)
            .order_by(PrizItem.id)
        )
    )


def test_confirming_an_expired_indicator_retires_its_priz_item(session: Session) -> None:
    client = factories.client(session)
    staff = definition(session, "Штат бухгалтеров")
    value = IndicatorValue(
        indicator_def_id=staff.id,
        client_id=client.id,
        value="3",
        is_actual=True,
        valid_until=DAY - timedelta(days=1),
    )
    session.add(value)
    session.flush()
    priz_refresh.refresh(session, DAY)  # the daily run raised the "expired" item
    expired = "Истек срок актуальности показателя: Штат бухгалтеров"
    assert priz_titles(session, client.id, PrizState.OPEN) == [expired]
    actor = actor_of(factories.employee(session))
    done = editing.confirm_indicator(session, client.id, staff.id, actor, DAY, value.version)
    assert done.changes.clients == {client.id} and done.changes.priz == {client.id}
    assert priz_titles(session, client.id, PrizState.OPEN) == []
    assert priz_titles(session, client.id, PrizState.RETIRED) == [expired]


def test_a_segment_change_raises_its_priz_item_and_an_unchanged_one_changes_nothing(
    session: Session,
) -> None:
    client = factories.client(session)
    loyalty = session.scalar(select(SegmentType).where(SegmentType.name == "Лояльность"))
    assert loyalty is not None
    values = {v.name: v.id for v in loyalty.values}
    actor = actor_of(factories.employee(session))
    first = editing.change_segment(
        session, client.id, values["Зеленый"], actor, DAY - timedelta(days=100), None
    )
    assert first.clients == {client.id} and not first.priz  # a first value is no change
    moved = editing.change_segment(
        session, client.id, values["Желтый"], actor, DAY, values["Зеленый"]
    )
    assert moved.priz == {client.id}
    assert priz_titles(session, client.id, PrizState.OPEN) == [
        "Смена сегмента: Лояльность — Желтый"
    ]
    same = editing.change_segment(
        session, client.id, values["Желтый"], actor, DAY, values["Желтый"]
    )
    assert not same


def test_a_new_person_is_named_in_the_changes_and_the_reads_are_plain(session: Session) -> None:
    client = factories.client(session)
    actor = actor_of(factories.employee(session))
    done = add_contact_person(session, client.id, PersonDraft("Петракова", "Светлана"), actor, DAY)
    assert done.changes.clients == {client.id} and done.changes.persons == {done.value}
    from ric_desk.clients.person import load_person

    card = load_person(session, done.value, DAY)
    assert (card.person.id, card.person.client_id, card.person.full_name) == (
        done.value,
        client.id,
        "Петракова Светлана",
    )
    staff = definition(session, "Штат бухгалтеров")
    assert editing.saved_indicator(session, client.id, staff.id).version is None
    editing.set_indicator(session, client.id, staff.id, "4", actor, DAY, None)
    saved = editing.saved_indicator(session, client.id, staff.id)
    assert (saved.value, saved.display, saved.verified_by_id, saved.version) == (
        "4",
        "4",
        actor.employee_id,
        1,
    )
    form = editing.segment_form(session, client.id, "Лояльность")
    assert form.current.value_id is None and form.history == []
    assert [name for _, name in form.values] == ["Зеленый", "Желтый", "Красный"]
