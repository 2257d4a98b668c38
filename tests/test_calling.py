"""The permission check before dialling: calling hours in the client's zone, the calendar, marks."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ric_desk.calls import rules as calling
from ric_desk.cli import main
from ric_desk.models import CalendarDay, Contact
from tests import factories

RULES = calling.rules_from({}, {date(2026, 1, 9): (False, "Перенос выходного дня с 3 января")})


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


@pytest.mark.parametrize(
    ("moment", "zone", "allowed"),
    [
        (utc(2026, 11, 24, 7, 0), "Europe/Moscow", True),  # Tuesday 10:00 in Moscow
        (utc(2026, 11, 24, 7, 0), "Asia/Kamchatka", False),  # 19:00 in Petropavlovsk
        (utc(2026, 11, 24, 6, 30), "Europe/Kaliningrad", False),  # 08:30 in Kaliningrad
        (utc(2026, 11, 24, 7, 0), "Europe/Kaliningrad", True),  # 09:00 sharp: allowed
        (utc(2026, 11, 24, 15, 0), "Europe/Moscow", False),  # 18:00 sharp: the day is over
        (utc(2026, 11, 24, 14, 59), "Europe/Moscow", True),
        # 23:00 UTC on Nov 4 (holiday): 09:00 on Nov 5 in Vladivostok, 02:00 in Moscow
        (utc(2026, 11, 4, 23, 0), "Asia/Vladivostok", True),
        (utc(2026, 11, 4, 23, 0), "Europe/Moscow", False),
        (utc(2026, 11, 4, 8, 0), "Asia/Novosibirsk", False),  # День народного единства
        (utc(2026, 11, 28, 8, 0), "Europe/Moscow", False),  # Saturday
        (utc(2026, 1, 9, 8, 0), "Europe/Moscow", False),  # moved day off (a Friday)
        (utc(2026, 1, 12, 8, 0), "Europe/Moscow", True),
        (utc(2026, 11, 24, 7, 0), None, True),  # no zone: Moscow
    ],
)
def test_hours_and_calendar_in_the_clients_zone(moment: datetime, zone: str, allowed: bool) -> None:
    verdict = calling.judge(RULES, now=moment, zone_name=zone)
    assert verdict.allowed is allowed
    assert (verdict.text == "Звонок разрешён") is allowed


def test_reasons_name_the_local_time_and_the_holiday() -> None:
    late = calling.judge(RULES, now=utc(2026, 11, 24, 7, 0), zone_name="Asia/Kamchatka")
    assert "у клиента сейчас 19:00, звонить можно с 09:00 до 18:00" in late.text
    assert late.next_allowed == utc(2026, 11, 24, 21, 0)  # 09:00 next morning there
    holiday = calling.judge(RULES, now=utc(2026, 11, 4, 8, 0), zone_name="Europe/Moscow")
    assert "День народного единства" in holiday.text
    assert holiday.next_allowed == utc(2026, 11, 5, 6, 0)
    moved = calling.judge(RULES, now=utc(2026, 1, 9, 8, 0), zone_name="Europe/Moscow")
    assert "Перенос выходного дня с 3 января, 09.01.2026" in moved.text
    assert moved.next_allowed == utc(2026, 1, 12, 6, 0)  # then a weekend: Monday 09:00


def test_every_mark_is_a_reason() -> None:
    verdict = calling.judge(
        RULES,
        now=utc(2026, 11, 24, 7, 0),
        zone_name="Europe/Moscow",
        do_not_call=True,
        undesirable=True,
        contacted_today="10:15, Егорова Мария Анатольевна",
    )
    assert verdict.reasons == (
        "клиент просил не звонить",
        "номер отмечен как нежелательный",
        "сегодня с клиентом уже был контакт (10:15, Егорова Мария Анатольевна)",
    )


@settings(max_examples=200, deadline=None)
@given(
    moment=st.datetimes(min_value=datetime(2025, 12, 1), max_value=datetime(2027, 2, 1)),
    zone=st.sampled_from(
        ["Europe/Kaliningrad", "Europe/Moscow", "Asia/Novosibirsk", "Asia/Kamchatka"]
    ),
)
def test_next_allowed_is_the_first_allowed_moment(moment: datetime, zone: str) -> None:
    local = moment.replace(tzinfo=UTC).astimezone(calling.zone(zone))
    found = RULES.next_allowed(local)
    assert found >= local and RULES.allowed_at(found)
    if RULES.allowed_at(local):
        assert found == local
    else:  # nothing allowed in between, checked every 30 minutes
        probe = local
        while probe + timedelta(minutes=30) < found:
            probe += timedelta(minutes=30)
            assert not RULES.allowed_at(probe)


def test_rules_come_from_the_database(session: Session) -> None:
    rules = calling.load_rules(session)
    assert rules.day_off(date(2026, 12, 31)) == "Перенос выходного дня с 4 января"  # default data
    assert rules.day_off(date(2026, 11, 28)) == "Выходной день"
    session.add(CalendarDay(day=date(2026, 11, 28), working=True, title="Рабочая суббота"))
    calling.save_settings(session, hours_from="08:00", recall_grace_minutes=30)
    session.flush()
    rules = calling.load_rules(session)
    assert rules.day_off(date(2026, 11, 28)) is None
    assert rules.allowed_at(utc(2026, 11, 28, 5, 0).astimezone(calling.zone("Europe/Moscow")))
    assert rules.recall_grace == timedelta(minutes=30)
    calling.save_settings(session, hours_to="17:00")
    session.flush()
    rules = calling.load_rules(session)
    assert (rules.hours_from.hour, rules.hours_to.hour) == (8, 17)
    with pytest.raises(ValueError, match="unknown"):
        calling.save_settings(session, hours="9-18")


def test_check_reads_the_client_the_channel_and_todays_contacts(session: Session) -> None:
    rules = calling.load_rules(session)
    client = factories.client(session, region_code="25")  # Vladivostok, UTC+10
    person = factories.person(session, client)
    good = factories.phone(session, person)
    bad = factories.phone(session, person, "79113621689", undesirable=True)
    operator = factories.employee(session)
    now = utc(2026, 11, 25, 1, 0)  # 11:00 on Wednesday in Vladivostok

    def verdict(channel_id: int, work_id: int | None = None) -> calling.Verdict:
        return calling.check(
            session, rules, client_id=client.id, channel_id=channel_id, now=now, work_id=work_id
        )

    assert verdict(good.id).allowed
    assert verdict(bad.id).reasons == ("номер отмечен как нежелательный",)

    work = factories.work(session, client, now - timedelta(hours=3), executor=operator)
    # an unanswered attempt does not block; a contact made yesterday there does not either
    session.add_all(
        [
            Contact(
                work_id=work.id,
                client_id=client.id,
                operator_id=operator.id,
                planned_at=now,
                actual_at=utc(2026, 11, 24, 14, 30),  # 00:30 on the 25th in Vladivostok
                successful=False,
            ),
            Contact(
                work_id=work.id,
                client_id=client.id,
                operator_id=operator.id,
                planned_at=now,
                actual_at=utc(2026, 11, 24, 13, 30),  # 23:30 on the 24th there
                successful=True,
            ),
        ]
    )
    session.flush()
    assert verdict(good.id).allowed
    session.add(
        Contact(
            work_id=work.id,
            client_id=client.id,
            operator_id=operator.id,
            planned_at=now,
            actual_at=utc(2026, 11, 24, 14, 15),  # 00:15 on the 25th there: today
            successful=True,
        )
    )
    session.flush()
    assert verdict(good.id).reasons == (
        "сегодня с клиентом уже был контакт (00:15, Егорова Мария Анатольевна)",
    )
    # the same work's own earlier contact does not block going on with it
    assert verdict(good.id, work_id=work.id).allowed

    client.do_not_call = True
    session.flush()
    assert verdict(good.id, work_id=work.id).reasons == ("клиент просил не звонить",)


def test_an_administrator_changes_the_rules_from_the_command_line(
    capsys: pytest.CaptureFixture[str], fresh_engine: Engine
) -> None:
    url = fresh_engine.url.render_as_string(hide_password=False)

    def run(*args: str) -> tuple[int, str, str]:
        code = main(["--db", url, "calling", *args])
        out, err = capsys.readouterr()
        return code, out, err

    code, out, _ = run("show")
    assert code == 0 and "09:00-18:00" in out and "31.12.2026: нерабочий" in out
    code, out, _ = run("set", "hours_from=08:30", "recall_grace_minutes=30", "weekend=7")
    assert code == 0 and "08:30-18:00" in out and "выходные дни недели: 7" in out
    code, out, _ = run("day", "28.11.2026", "working", "--title", "Рабочая суббота")
    assert code == 0 and "28.11.2026: рабочий (Рабочая суббота)" in out
    with Session(fresh_engine) as s:
        rules = calling.load_rules(s)
    assert rules.recall_grace == timedelta(minutes=30) and rules.weekend == frozenset({7})
    assert rules.day_off(date(2026, 11, 28)) is None
    for bad, message in [
        (["set", "hours_to=07:00"], "раньше конца"),
        (["set", "hours=9"], "Нет настройки «hours»"),
        (["set", "lease_minutes=0"], "число минут"),
        (["set", "weekend=8"], "дни недели"),
        (["set", "hours_from"], "КЛЮЧ=ЗНАЧЕНИЕ"),
    ]:
        code, _, err = run(*bad)
        assert code == 1 and message in err, (bad, err)
    with Session(fresh_engine) as s:  # nothing of a refused change was kept
        assert calling.load_rules(s).hours_to.hour == 18


def test_calling_by_zone_says_who_may_be_called_now_and_from_when() -> None:
    now = utc(2026, 11, 24, 13, 45)  # Tuesday 16:45 in Moscow, 20:45 in Novosibirsk
    by_zone = calling.calling_by_zone(
        RULES, now, ["Europe/Moscow", "Asia/Novosibirsk", "Asia/Kamchatka", "Nowhere/Atlantis"]
    )
    # a name that is no zone counts as Moscow, as in the check before dialling
    assert by_zone.allowed == frozenset({"Europe/Moscow", "Nowhere/Atlantis"})
    assert by_zone.wait("Europe/Moscow") is None and by_zone.wait(None) is None  # no zone: Moscow
    late = by_zone.wait("Asia/Novosibirsk")
    assert late is not None
    assert late.reason == "у клиента сейчас 20:45, звонить можно с 09:00 до 18:00"
    assert late.allowed_from == utc(2026, 11, 25, 2, 0)  # 09:00 next morning there
    assert (late.local_from.day, late.local_from.hour) == (25, 9)
    # a zone not read with the others (in use since) is judged when asked about
    vladivostok = by_zone.wait("Asia/Vladivostok")
    assert vladivostok is not None and vladivostok.allowed_from == utc(2026, 11, 24, 23, 0)
    # Friday afternoon in Moscow is already Saturday in Kamchatka: Monday 09:00 there
    friday = calling.calling_by_zone(RULES, utc(2026, 11, 27, 13, 0), ["Asia/Kamchatka"])
    weekend = friday.wait("Asia/Kamchatka")
    assert weekend is not None
    assert weekend.reason == "у клиента нерабочий день (Выходной день, 28.11.2026)"
    assert weekend.allowed_from == utc(2026, 11, 29, 21, 0)
    # a holiday, and the calendar's moved day off
    holiday = calling.calling_by_zone(RULES, utc(2026, 11, 4, 8, 0), []).wait("Europe/Moscow")
    assert holiday is not None and "День народного единства" in holiday.reason
    moved = calling.calling_by_zone(RULES, utc(2026, 1, 9, 8, 0), []).wait(None)
    assert moved is not None and moved.allowed_from == utc(2026, 1, 12, 6, 0)


def test_the_zones_in_use_are_the_regions_and_the_clients_own(session: Session) -> None:
    regions = set(calling.zones_in_use(session))
    assert {"Europe/Moscow", "Asia/Novosibirsk", "Asia/Anadyr"} <= regions
    assert "Asia/Kathmandu" not in regions
    for own in ("Asia/Kathmandu", "Asia/Kathmandu", "America/Halifax", None):
        factories.client(session, time_zone=own)
    session.flush()
    assert set(calling.zones_in_use(session)) == regions | {"Asia/Kathmandu", "America/Halifax"}
    assert len(calling.zones_in_use(session)) == len(regions) + 2
    rules = calling.load_rules(session)
    now = utc(2026, 11, 24, 13, 45)  # 19:30 in Kathmandu, 09:45 in Halifax
    by_zone = calling.calling_now(session, rules, now)
    assert "America/Halifax" in by_zone.allowed and "Asia/Kathmandu" in by_zone.waits
