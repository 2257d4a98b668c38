"""Validity, expiry and fill % of indicators; segment changes with history."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from ric_desk.errors import UserError
from ric_desk.functional_map import segments, validity
from ric_desk.models import IndicatorDef, IndicatorValue, Scope, SegmentType, StatusGroup
from tests import factories


def definition(session: Session, name: str, scope: Scope = Scope.CLIENT) -> IndicatorDef:
    d = session.scalar(
        select(IndicatorDef).where(IndicatorDef.name == name, IndicatorDef.scope == scope)
    )
    assert d is not None
    return d


def test_valid_until_is_verified_plus_validity() -> None:
    assert validity.valid_until(date(2020, 3, 5), 90) == date(2020, 6, 3)
    assert validity.valid_until(date(2020, 3, 5), None) is None
    assert validity.valid_until(None, 90) is None


def test_confirm_stamps_day_user_and_recomputes(session: Session) -> None:
    operator = factories.employee(session, "Алексеева Оксана Александровна")
    client = factories.client(session)
    phones = definition(session, "Телефоны руководителя")
    value = IndicatorValue(indicator_def_id=phones.id, client_id=client.id, value="78112590051")
    session.add(value)
    validity.confirm(value, phones, operator, date(2020, 3, 5))
    session.flush()
    assert (value.is_actual, value.verified_on, value.valid_until, value.verified_by_id) == (
        True,
        date(2020, 3, 5),
        date(2020, 6, 3),
        operator.id,
    )
    assert not validity.is_expired(
        value, date(2020, 6, 3)
    )  # the valid-until day itself still holds
    assert validity.is_expired(value, date(2020, 6, 4))
    validity.confirm(value, phones, operator, date(2020, 9, 1))
    assert value.valid_until == date(2020, 11, 30)
    assert not validity.is_expired(value, date(2020, 9, 2))


def test_unconfirmed_value_is_not_expired_but_not_actual() -> None:
    value = IndicatorValue(indicator_def_id=1, value="x", is_actual=False)
    assert not validity.is_expired(value, date(2030, 1, 1))
    assert not validity.is_actual_on(value, date(2020, 1, 1))


def test_contact_fill_percent_as_in_the_seed(session: Session) -> None:
    """Seed 002: of "Сотрудничество К+"'s five indicators two are actual -> 40,00 %."""
    client = factories.client(session, 'ООО ТП "Мебель"')
    person = factories.person(session, client)
    group = session.scalar(select(StatusGroup).where(StatusGroup.name == "Сотрудничество К+"))
    assert group is not None
    day = date(2020, 9, 17)
    for name, value, actual in [
        ("Фамилия", "Петракова", False),
        ("Имя", "Светлана", False),
        ("Отчество", "Викторовна", False),
        ("Телефоны контактного лица", "7(8112)56-14-55", True),
        ("Рубрики КЛ", "(Бух) Зарплатные вопросы", True),
    ]:
        d = definition(session, name, Scope.CONTACT)
        v = IndicatorValue(indicator_def_id=d.id, contact_person_id=person.id, value=value)
        session.add(v)
        if actual:
            validity.confirm(v, d, None, date(2020, 7, 27))
    session.flush()
    assert validity.contact_fill_percent(session, person.id, group, day) == Decimal("40.00")
    # "Рубрики КЛ" holds 180 days: after 23.01.2021 only the phones remain actual
    assert validity.contact_fill_percent(session, person.id, group, date(2021, 1, 24)) == Decimal(
        "20.00"
    )


def test_fill_percent_counts_each_indicator_once() -> None:
    values = [
        IndicatorValue(indicator_def_id=1, is_actual=True, valid_until=None),
        IndicatorValue(indicator_def_id=2, is_actual=True, valid_until=date(2020, 1, 1)),
        IndicatorValue(indicator_def_id=9, is_actual=True),
    ]
    assert validity.fill_percent([1, 2, 3], values, date(2020, 1, 1)) == Decimal("66.67")
    assert validity.fill_percent([1, 2, 3], values, date(2020, 1, 2)) == Decimal("33.33")
    assert validity.fill_percent([], values, date(2020, 1, 2)) == Decimal("0.00")


def test_client_fill_percent(session: Session) -> None:
    client = factories.client(session)
    group = session.scalar(select(StatusGroup).where(StatusGroup.name == "Готов к продаже"))
    assert group is not None
    total = len(group.indicators)
    d = group.indicators[0]
    v = IndicatorValue(indicator_def_id=d.id, client_id=client.id, value="Штылин Иван Викторович")
    session.add(v)
    validity.confirm(v, d, None, date(2020, 3, 5))
    session.flush()
    expected = (Decimal(100) / total).quantize(Decimal("0.01"))
    assert validity.client_fill_percent(session, client.id, group, date(2020, 3, 6)) == expected


def test_segment_change_keeps_history(session: Session) -> None:
    operator = factories.employee(session)
    client = factories.client(session)
    loyalty = session.scalar(select(SegmentType).where(SegmentType.name == "Лояльность"))
    assert loyalty is not None
    values = {v.name: v for v in loyalty.values}
    segments.change_segment(session, client.id, values["Зеленый"], date(2017, 1, 10), operator)
    segments.change_segment(session, client.id, values["Желтый"], date(2018, 4, 16), operator)
    same = segments.change_segment(session, client.id, values["Желтый"], date(2019, 1, 1), operator)
    assert same.entered_on == date(2018, 4, 16)
    history = segments.segment_history(session, client.id, loyalty)
    assert history == [
        segments.SegmentPeriod("Зеленый", date(2017, 1, 10), date(2018, 4, 16)),
        segments.SegmentPeriod("Желтый", date(2018, 4, 16), None),
    ]
    current = segments.current_segment(session, client.id, loyalty.id)
    assert current is not None and current.segment_value.name == "Желтый"
    with pytest.raises(UserError, match="раньше даты входа"):
        segments.change_segment(session, client.id, values["Красный"], date(2018, 1, 1), operator)
