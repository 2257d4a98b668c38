"""The default dictionaries of seed 002 are in a new database."""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.orm import Session

from ric_desk.functional_map.validity import valid_until
from ric_desk.models import (
    Characteristic,
    ClosingReason,
    Direction,
    IndicatorDef,
    Instrument,
    Interest,
    PrizRule,
    Region,
    Scope,
    SegmentType,
    Stage,
    StatusGroup,
)

SEED_SEGMENT_TYPES = {
    "Категория клиента",
    "Обученность клиента (стандарт)",
    "Штат Сотрудников",
    "Лояльность",
    "Сервис-РИЦ",
    "Вид К+",
    "Новый / постоянный клиент",
    "По отношению к конкуренту",
    "По отношению к участию в закупках",
    "Проблемность клиента",
    "Разрешенный статус",
    "Режим налогообложения",
    "Сумма ИО по Плательщику",
    "Транспорт в организации",
}


def test_segment_types_and_values(session: Session) -> None:
    types = {t.name: [v.name for v in t.values] for t in session.scalars(select(SegmentType))}
    assert set(types) >= SEED_SEGMENT_TYPES
    assert "Желтый" in types["Лояльность"]
    assert "ОСНО (коммерческий)" in types["Режим налогообложения"]
    assert all(values for values in types.values())


def test_indicator_validity_matches_the_seed(session: Session) -> None:
    defs = {(d.scope, d.name): d for d in session.scalars(select(IndicatorDef))}
    # seed 002: verified 05.03.2020 -> valid until 03.06.2020; 10.06.2020 -> 07.12.2020;
    # 23.06.2020 -> 23.06.2021; 14.09.2020 -> 13.12.2020; 27.07.2020 -> 23.01.2021
    cases = [
        ("Телефоны руководителя", Scope.CLIENT, date(2020, 3, 5), date(2020, 6, 3)),
        ("Главный бухгалтер", Scope.CLIENT, date(2020, 3, 17), date(2020, 6, 15)),
        ("Штат бухгалтеров", Scope.CLIENT, date(2020, 6, 10), date(2020, 12, 7)),
        ("Примерная численность сотрудников", Scope.CLIENT, date(2020, 6, 23), date(2021, 6, 23)),
        ("Штат специалистов по охране труда", Scope.CLIENT, date(2020, 9, 14), date(2020, 12, 13)),
        ("Рубрики КЛ", Scope.CONTACT, date(2020, 7, 27), date(2021, 1, 23)),
    ]
    for name, scope, verified, until in cases:
        assert valid_until(verified, defs[scope, name].validity_days) == until, name
    assert defs[Scope.CLIENT, "Наименование"].validity_days is None


def test_status_groups(session: Session) -> None:
    groups = {g.name: g for g in session.scalars(select(StatusGroup))}
    assert groups["Готов к продаже"].scope == Scope.CLIENT
    contact = groups["Сотрудничество К+"]
    assert contact.scope == Scope.CONTACT
    assert [d.name for d in contact.indicators] == [
        "Фамилия",
        "Имя",
        "Отчество",
        "Телефоны контактного лица",
        "Рубрики КЛ",
    ]


def test_stages_reasons_instruments_directions(session: Session) -> None:
    assert [s.id for s in session.scalars(select(Stage).order_by(Stage.id))] == list(range(1, 8))
    reasons = {r.name: r for r in session.scalars(select(ClosingReason))}
    assert reasons["Этап 4_Вывод новшеств"].stage_id == 4
    assert reasons["Нерезультативный звонок"].unproductive
    assert reasons["Нерезультативный звонок"].needs_comment
    assert reasons["Не берут трубку."].unproductive
    assert not reasons["«Работа по оплате»"].unproductive
    instruments = set(session.scalars(select(Instrument.name)))
    assert "Заход в систему КонсультантПлюс" in instruments
    assert "Обслуживание" in set(session.scalars(select(Direction.name)))


def test_people_rules_regions(session: Session) -> None:
    codes = set(session.scalars(select(Characteristic.code)))
    assert {"decision_maker", "opponent", "key_user", "responsible_kplus"} <= codes
    assert any(n.startswith("(Бух) Зарплатные") for n in session.scalars(select(Interest.name)))
    assert (
        session.scalar(
            select(PrizRule.threshold_days).where(PrizRule.title == "Большая задержка платежа")
        )
        == 30
    )
    pskov = session.get(Region, "60")
    assert pskov is not None and pskov.time_zone == "Europe/Moscow" and pskov.phone_code == "8112"
