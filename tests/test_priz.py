"""ПРИЗ: each rule raises and retires its items at its threshold, done items stay done,
competitors follow the card, tasks are assigned; on both backends."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from decimal import Decimal
from typing import Any

import pytest
from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.orm import Session

from ric_desk.changes import Changes
from ric_desk.cli import main
from ric_desk.clients.card import load_card
from ric_desk.clients.listing import ClientFilter
from ric_desk.db.engine import open_engine
from ric_desk.demo.generator import generate
from ric_desk.errors import UserError
from ric_desk.functional_map import segments, validity
from ric_desk.models import (
    Characteristic,
    Client,
    ClientSegment,
    IndicatorDef,
    IndicatorValue,
    Invoice,
    Payment,
    PaymentPromise,
    PrizItem,
    PrizKind,
    PrizRule,
    PrizRuleKind,
    PrizState,
    PromiseState,
    Role,
    Scope,
    SegmentType,
)
from ric_desk.priz import daily
from ric_desk.priz import refresh as priz_refresh
from ric_desk.priz.items import COMPETITORS_INDICATOR, competitor_names, open_items
from ric_desk.priz.tasks import assign_task, assign_task_matching
from ric_desk.store import actor_of
from tests import factories

TODAY = date(2026, 11, 23)
KINDS = {kind.value: kind for kind in PrizRuleKind}


def refresh(session: Session, today: date = TODAY, **kw: Any) -> dict[str, tuple[int, int]]:
    """(raised, retired) by rule kind ("competitor" for the card's competitors); a second run
    right after must change nothing."""
    result = priz_refresh.refresh(session, today, **kw)
    again = priz_refresh.refresh(session, today, **kw)
    assert (again.raised, again.retired) == (0, 0)
    kinds = {rule_id: kind for rule_id, kind in session.execute(select(PrizRule.id, PrizRule.kind))}
    return {
        (kinds[r.rule_id].value if r.rule_id else "competitor"): (r.raised, r.retired)
        for r in result.rules
        if r.raised or r.retired
    }


def items(session: Session, client: Client, *states: PrizState) -> list[tuple[str, str | None]]:
    """(title, source key) of the client's items in these states (open by default)."""
    wanted = states or (PrizState.OPEN,)
    return [
        (title, key)
        for title, key in session.execute(
            select(PrizItem.title, PrizItem.source_key)
            .where(PrizItem.client_id == client.id, PrizItem.state.in_(wanted))
            .order_by(PrizItem.id)
        )
    ]


def mark_done(session: Session, client: Client, on: date = TODAY) -> None:
    session.execute(
        update(PrizItem)
        .where(PrizItem.client_id == client.id, PrizItem.state == PrizState.OPEN)
        .values(
            state=PrizState.DONE,
            done=True,
            closed_at=datetime.combine(on, time(12), UTC),
        )
    )


def rule(session: Session, kind: PrizRuleKind) -> PrizRule:
    found = session.scalar(select(PrizRule).where(PrizRule.kind == kind))
    assert found is not None
    return found


# -- the rules -----------------------------------------------------------------------------------
def test_payment_delay_over_n_days(session: Session) -> None:
    assert rule(session, PrizRuleKind.PAYMENT_DELAY).threshold_days == 30
    client = factories.client(session)
    due = TODAY - timedelta(days=30)
    invoice = Invoice(
        client_id=client.id, number="СЧ-77", issued_on=due, due_on=due, amount=Decimal("900.00")
    )
    session.add(invoice)
    session.add(Payment(client_id=client.id, invoice_id=None, paid_on=TODAY, amount=900))
    session.flush()
    assert refresh(session) == {}  # 30 days late is not "over 30"
    assert refresh(session, TODAY + timedelta(days=1)) == {"payment_delay": (1, 0)}
    assert items(session, client) == [("Большая задержка платежа: счет СЧ-77", "СЧ-77")]
    session.add(Payment(client_id=client.id, invoice_id=invoice.id, paid_on=TODAY, amount=899))
    session.flush()
    assert refresh(session, TODAY + timedelta(days=2)) == {}  # a kopeck short is still unpaid
    session.add(Payment(client_id=client.id, invoice_id=invoice.id, paid_on=TODAY, amount=1))
    session.flush()
    assert refresh(session, TODAY + timedelta(days=2)) == {"payment_delay": (0, 1)}
    closed = session.execute(
        select(PrizItem.state, PrizItem.closed_at, PrizItem.version).where(
            PrizItem.client_id == client.id
        )
    ).one()
    assert closed.state == PrizState.RETIRED and closed.closed_at and closed.version == 2


def key_user(session: Session, client: Client, added: datetime) -> None:
    person = factories.person(session, client, last="Штылин")
    person.created_at = added
    characteristic = session.scalar(select(Characteristic).where(Characteristic.code == "key_user"))
    assert characteristic is not None
    person.characteristics.append(characteristic)
    session.flush()


def test_key_user_added_within_n_days(session: Session) -> None:
    assert rule(session, PrizRuleKind.KEY_USER_CHANGED).threshold_days == 30
    client = factories.client(session)
    client.created_at = datetime(2025, 1, 10, 9, tzinfo=UTC)
    added = datetime(2026, 11, 1, 15, 30, tzinfo=UTC)
    key_user(session, client, added)
    factories.person(session, client, last="Бондарчук")  # not a key user
    assert refresh(session, date(2026, 10, 31)) == {}  # not added yet
    assert refresh(session, date(2026, 11, 1)) == {"key_user_changed": (1, 0)}
    (title, key), *_ = items(session, client)
    assert title == "Смена ключевого пользователя: Штылин Светлана Викторовна" and key
    assert refresh(session, date(2026, 12, 1)) == {}  # 30 days later: still within N
    assert refresh(session, date(2026, 12, 2)) == {"key_user_changed": (0, 1)}


def test_key_user_of_a_client_entered_with_its_people_is_no_change(session: Session) -> None:
    client = factories.client(session)
    client.created_at = datetime(2026, 11, 20, 8, tzinfo=UTC)
    key_user(session, client, datetime(2026, 11, 20, 8, 5, tzinfo=UTC))
    assert refresh(session) == {}


def client_indicator(session: Session, name: str) -> IndicatorDef:
    found = session.scalar(
        select(IndicatorDef).where(IndicatorDef.name == name, IndicatorDef.scope == Scope.CLIENT)
    )
    assert found is not None
    return found


def test_indicator_expired_the_day_after_valid_until(session: Session) -> None:
    client = factories.client(session)
    staff = client_indicator(session, "Штат бухгалтеров")
    value = IndicatorValue(
        indicator_def_id=staff.id,
        client_id=client.id,
        value="3",
        is_actual=True,
        verified_on=TODAY - timedelta(days=180),
        valid_until=TODAY,
    )
    unconfirmed = IndicatorValue(
        indicator_def_id=client_indicator(session, "Штат юристов").id,
        client_id=client.id,
        value="1",
        is_actual=False,
        valid_until=TODAY - timedelta(days=100),
    )
    session.add_all([value, unconfirmed])
    person = factories.person(session, client)
    person_indicator = session.scalar(
        select(IndicatorDef).where(
            IndicatorDef.scope == Scope.CONTACT, IndicatorDef.validity_days.is_not(None)
        )
    )
    assert person_indicator is not None
    session.add(
        IndicatorValue(
            indicator_def_id=person_indicator.id,
            contact_person_id=person.id,
            value="x",
            is_actual=True,
            valid_until=TODAY - timedelta(days=10),
        )
    )
    session.flush()
    assert refresh(session) == {}  # valid until today: still actual
    assert refresh(session, TODAY + timedelta(days=1)) == {"indicator_expired": (1, 0)}
    assert items(session, client) == [
        ("Истек срок актуальности показателя: Штат бухгалтеров", str(staff.id))
    ]
    validity.confirm(value, staff, None, TODAY + timedelta(days=1))
    session.flush()
    assert refresh(session, TODAY + timedelta(days=1)) == {"indicator_expired": (0, 1)}


def test_a_done_expiry_is_not_raised_again_until_it_expires_again(session: Session) -> None:
    client = factories.client(session)
    staff = client_indicator(session, "Штат бухгалтеров")
    value = IndicatorValue(
        indicator_def_id=staff.id,
        client_id=client.id,
        value="3",
        is_actual=True,
        valid_until=TODAY - timedelta(days=1),
    )
    session.add(value)
    session.flush()
    assert refresh(session) == {"indicator_expired": (1, 0)}
    mark_done(session, client)
    for later in (TODAY, TODAY + timedelta(days=40)):
        assert refresh(session, later) == {}  # still expired, and done: nothing new
    validity.confirm(value, staff, None, TODAY + timedelta(days=41))  # valid until 41 + 180 days on
    session.flush()
    assert refresh(session, TODAY + timedelta(days=100)) == {}
    assert value.valid_until is not None
    expires_again = value.valid_until + timedelta(days=1)
    assert refresh(session, expires_again) == {"indicator_expired": (1, 0)}
    assert len(items(session, client)) == 1 and len(items(session, client, PrizState.DONE)) == 1


def test_segment_changed_within_n_days(session: Session) -> None:
    assert rule(session, PrizRuleKind.SEGMENT_CHANGED).threshold_days == 14
    client, first_only = factories.client(session), factories.client(session)
    loyalty = session.scalar(select(SegmentType).where(SegmentType.name == "Лояльность"))
    assert loyalty is not None
    green, yellow = loyalty.values[0], loyalty.values[1]
    changed_on = TODAY - timedelta(days=14)
    segments.change_segment(session, client.id, green, TODAY - timedelta(days=300))
    segments.change_segment(session, client.id, yellow, changed_on)
    segments.change_segment(session, first_only.id, green, changed_on)  # a first value: no change
    assert refresh(session, changed_on - timedelta(days=1)) == {}  # not in it yet
    assert refresh(session) == {"segment_changed": (1, 0)}
    current = session.scalar(
        select(ClientSegment.id).where(
            ClientSegment.client_id == client.id, ClientSegment.left_on.is_(None)
        )
    )
    assert items(session, client) == [("Смена сегмента: Лояльность — Желтый", str(current))]
    assert items(session, first_only) == []
    assert refresh(session, TODAY + timedelta(days=1)) == {"segment_changed": (0, 1)}


def test_broken_promise(session: Session) -> None:
    client = factories.client(session)
    made = TODAY - timedelta(days=10)

    def promise(promised: date, state: PromiseState = PromiseState.OPEN) -> PaymentPromise:
        p = PaymentPromise(client_id=client.id, made_on=made, promised_on=promised, state=state)
        session.add(p)
        session.flush()
        return p

    marked = promise(TODAY + timedelta(days=5), PromiseState.BROKEN)
    promise(TODAY - timedelta(days=3), PromiseState.KEPT)
    due_today = promise(TODAY)
    assert refresh(session) == {"promise_broken": (1, 0)}
    assert items(session, client) == [
        (
            f"Нарушено обещание оплаты: оплата обещана на {marked.promised_on:%d.%m.%Y}",
            str(marked.id),
        )
    ]
    assert refresh(session, TODAY + timedelta(days=1)) == {"promise_broken": (1, 0)}
    assert (str(due_today.id)) in {key for _, key in items(session, client)}
    session.add(Payment(client_id=client.id, paid_on=made, amount=100))  # paid the day promised
    session.flush()
    assert refresh(session, TODAY + timedelta(days=1)) == {"promise_broken": (0, 1)}
    assert [key for _, key in items(session, client)] == [str(marked.id)]


def test_service_ends_within_n_days(session: Session) -> None:
    assert rule(session, PrizRuleKind.SERVICE_ENDS).threshold_days == 45
    ends = TODAY + timedelta(days=45)
    client = factories.client(session, service_ends_on=ends)
    assert refresh(session, TODAY - timedelta(days=1)) == {}  # 46 days ahead
    assert refresh(session) == {"service_ends": (1, 0)}
    assert items(session, client) == [
        (f"Окончание срока обслуживания: {ends:%d.%m.%Y}", ends.isoformat())
    ]
    assert refresh(session, ends) == {}  # the last day
    assert refresh(session, ends + timedelta(days=1)) == {"service_ends": (0, 1)}
    client.service_ends_on = ends + timedelta(days=365)  # renewed: the next ending is new
    session.flush()
    assert refresh(session, ends + timedelta(days=330)) == {"service_ends": (1, 0)}
    assert items(session, client) == [
        (
            f"Окончание срока обслуживания: {client.service_ends_on:%d.%m.%Y}",
            client.service_ends_on.isoformat(),
        )
    ]


def test_done_items_are_not_raised_again_while_the_condition_holds(session: Session) -> None:
    client = factories.client(session, service_ends_on=TODAY + timedelta(days=10))
    assert refresh(session) == {"service_ends": (1, 0)}
    mark_done(session, client)
    assert refresh(session) == {}
    assert refresh(session, TODAY + timedelta(days=5)) == {}
    assert items(session, client) == []
    assert len(items(session, client, PrizState.DONE)) == 1


def test_a_rule_switched_off_retires_its_items(session: Session) -> None:
    client = factories.client(session, service_ends_on=TODAY + timedelta(days=10))
    assert refresh(session) == {"service_ends": (1, 0)}
    rule(session, PrizRuleKind.SERVICE_ENDS).active = False
    session.flush()
    assert refresh(session) == {"service_ends": (0, 1)}
    assert items(session, client) == []


@pytest.mark.parametrize("many", [False, True], ids=["one", "several"])
def test_client_ids_restrict_the_work(session: Session, many: bool) -> None:
    ends = TODAY + timedelta(days=10)
    a, b, c = (factories.client(session, service_ends_on=ends) for _ in range(3))
    chosen = [a.id, c.id] if many else [a.id]
    assert refresh(session, client_ids=chosen) == {"service_ends": (len(chosen), 0)}
    assert items(session, b) == []
    assert refresh(session, client_ids=[b.id]) == {"service_ends": (1, 0)}
    later = ends + timedelta(days=1)
    assert refresh(session, later, client_ids=chosen) == {"service_ends": (0, len(chosen))}
    assert len(items(session, b)) == 1  # not asked for: left as it was
    assert priz_refresh.refresh(session, TODAY, client_ids=[]).rules[0].raised == 0


# -- competitors ---------------------------------------------------------------------------------
def set_competitors(session: Session, client: Client, text: str | None) -> None:
    competitors = client_indicator(session, COMPETITORS_INDICATOR)
    value = session.scalar(
        select(IndicatorValue).where(
            IndicatorValue.client_id == client.id,
            IndicatorValue.indicator_def_id == competitors.id,
        )
    )
    if value is None:
        value = IndicatorValue(indicator_def_id=competitors.id, client_id=client.id)
        session.add(value)
    value.value = text
    session.flush()


def test_competitor_names() -> None:
    assert competitor_names(" Гарант,Кодекс ;  Электронная   отчетность\nнет\n\n") == {
        "гарант": "Гарант",
        "кодекс": "Кодекс",
        "электронная отчетность": "Электронная отчетность",
    }
    assert competitor_names("Кодекс, КОДЕКС") == {"кодекс": "Кодекс"}
    assert competitor_names("Нет") == competitor_names(None) == {}


def test_competitor_items_follow_the_indicator(session: Session) -> None:
    client = factories.client(session)
    set_competitors(session, client, "Гарант, Кодекс; Контур")
    assert refresh(session) == {"competitor": (3, 0)}
    assert items(session, client) == [
        ("Гарант", "гарант"),
        ("Кодекс", "кодекс"),
        ("Контур", "контур"),
    ]
    kinds = set(session.scalars(select(PrizItem.kind).where(PrizItem.client_id == client.id)).all())
    assert kinds == {PrizKind.COMPETITOR}
    set_competitors(session, client, "кодекс\nГлавбух")
    assert refresh(session) == {"competitor": (1, 2)}
    assert items(session, client) == [("Кодекс", "кодекс"), ("Главбух", "главбух")]
    mark_done(session, client)
    assert refresh(session) == {}  # done: not raised again while still named
    set_competitors(session, client, "Нет")
    assert refresh(session) == {}


def test_competitor_items_by_hand_stay_and_duplicates_heal(session: Session) -> None:
    client = factories.client(session)
    session.add(PrizItem(client_id=client.id, kind=PrizKind.COMPETITOR, title="Консультант"))
    session.flush()
    set_competitors(session, client, "Гарант")
    assert refresh(session) == {"competitor": (1, 0)}
    session.add(
        PrizItem(client_id=client.id, kind=PrizKind.COMPETITOR, title="Гарант", source_key="гарант")
    )
    session.flush()  # as if two workstations opened the card at once
    assert refresh(session) == {"competitor": (0, 1)}
    assert items(session, client) == [("Консультант", None), ("Гарант", "гарант")]


# -- tasks and the call screen -------------------------------------------------------------------
def test_assign_task_to_clients(session: Session) -> None:
    author = factories.employee(session, role=Role.SUPERVISOR)
    a, b = factories.client(session), factories.client(session)
    count = assign_task(
        session,
        "  Пригласить   на семинар ",
        [a.id, b.id, a.id, 987654321],
        actor_of(author),
        " весна ",
    ).value
    assert count == 2
    task = session.scalars(select(PrizItem).where(PrizItem.client_id == a.id)).one()
    assert (task.kind, task.state, task.title, task.comment, task.author_id) == (
        PrizKind.TASK,
        PrizState.OPEN,
        "Пригласить на семинар",
        "весна",
        author.id,
    )
    assert task.rule_id is None and task.created_at is not None and task.version == 1
    assert assign_task(session, "Ещё одно", [], None).value == 0
    with pytest.raises(UserError, match="текст задания"):
        assign_task(session, "   ", [a.id], None)
    with pytest.raises(UserError, match="длиннее"):
        assign_task(session, "я" * 301, [a.id], None)
    with pytest.raises(UserError, match="управляющие символы"):
        assign_task(session, "Позвонить\x00", [a.id], None)
    assert refresh(session) == {}  # tasks are nobody's rule: a refresh leaves them


def test_assign_task_to_a_filtered_list(session: Session) -> None:
    pskov = [factories.client(session, region_code="60") for _ in range(3)]
    others = factories.client(session, name='ООО "Нева"', region_code="78")
    count = assign_task_matching(
        session, "Презентовать сервис", ClientFilter(region_code="60"), None, on=TODAY
    ).value
    assert count == 3
    assert all(items(session, c) == [("Презентовать сервис", None)] for c in pskov)
    assert items(session, others) == []
    count = assign_task_matching(session, "Уточнить штат", ClientFilter(text="нева"), None).value
    assert count == 1 and items(session, others) == [("Уточнить штат", None)]


def test_open_items_order_for_the_call_screen(session: Session) -> None:
    client = factories.client(session, service_ends_on=TODAY)
    assign_task(session, "Задание 1", [client.id], None)
    set_competitors(session, client, "Гарант")
    priz_refresh.refresh(session, TODAY)
    assign_task(session, "Задание 2", [client.id], None)
    done = PrizItem(client_id=client.id, kind=PrizKind.TASK, title="Сделано", state=PrizState.DONE)
    session.add(done)
    session.flush()
    listed = [(i.kind, i.title) for i in open_items(session, client.id)]
    assert listed == [
        (PrizKind.DYNAMIC, f"Окончание срока обслуживания: {TODAY:%d.%m.%Y}"),
        (PrizKind.TASK, "Задание 1"),
        (PrizKind.TASK, "Задание 2"),
        (PrizKind.COMPETITOR, "Гарант"),
    ]


# -- the card, the demo, the command line --------------------------------------------------------
def test_after_a_change_the_rules_run_for_that_client_only(session: Session) -> None:
    client = factories.client(session, service_ends_on=TODAY + timedelta(days=1))
    other = factories.client(session, service_ends_on=TODAY + timedelta(days=1))
    changes = priz_refresh.after_change(session, [client.id], TODAY)
    assert changes == Changes.of(priz=[client.id])
    assert len(items(session, client)) == 1 and items(session, other) == []
    assert not priz_refresh.after_change(session, [client.id], TODAY)  # nothing new


def test_opening_a_card_writes_nothing(session: Session) -> None:
    """Reads do not write: the card shows what the operations and the daily refresh wrote."""
    client = factories.client(session, service_ends_on=TODAY + timedelta(days=1))
    session.flush()
    card = load_card(session, client.id, TODAY)
    assert card.client.id == client.id
    assert items(session, client) == [] and not session.new and not session.dirty


def test_refresh_after_the_demo_changes_nothing(fresh_engine: Engine) -> None:
    generate(fresh_engine, clients=150, seed=11, as_of=TODAY)
    with Session(fresh_engine) as s, s.begin():
        assert refresh(s) == {}
        made = {tuple(row) for row in s.execute(select_raised())}
        assert {rule_id for _, rule_id, _, _ in made} >= {
            rule(s, kind).id
            for kind in (
                PrizRuleKind.PAYMENT_DELAY,
                PrizRuleKind.INDICATOR_EXPIRED,
                PrizRuleKind.SERVICE_ENDS,
            )
        }
        # what the generator wrote is what the rules raise, titles included
        s.execute(delete(PrizItem).where(PrizItem.source_key.is_not(None)))
        priz_refresh.refresh(s, TODAY)
        assert {tuple(row) for row in s.execute(select_raised())} == made


def select_raised() -> Any:
    return select(PrizItem.client_id, PrizItem.rule_id, PrizItem.source_key, PrizItem.title).where(
        PrizItem.state == PrizState.OPEN, PrizItem.source_key.is_not(None)
    )


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_refresh_and_assign(capsys, new_db_url: Callable[[], str]) -> None:
    url = new_db_url()
    code, _, _ = run_cli(capsys, "--db", url, "demo", "--clients", "30", "--as-of", "23.11.2026")
    assert code == 0
    code, out, _ = run_cli(capsys, "--db", url, "priz", "refresh", "--as-of", "23.11.2026")
    assert code == 0 and out.startswith("ПРИЗ на 23.11.2026: новых 0, снято 0")
    assert "  Большая задержка платежа: новых 0, снято 0" in out
    code, out, _ = run_cli(capsys, "--db", url, "priz", "refresh", "--as-of", "23.03.2027")
    assert code == 0 and "  Истек срок актуальности показателя: новых " in out

    engine = open_engine(url)
    with engine.connect() as conn:
        first, second = conn.scalars(select(Client.reg_number).order_by(Client.id).limit(2))
        pskov = conn.scalar(
            select(func.count()).select_from(Client).where(Client.region_code == "60")
        )
    engine.dispose()
    code, out, _ = run_cli(
        capsys,
        "--db", url, "priz", "assign", "Пригласить на семинар",
        "--client", str(first), "--client", str(second), "--author", "morozova_np",
    )  # fmt: skip
    assert (code, out.strip()) == (0, "Задание «Пригласить на семинар» дано клиентам: 2.")
    code, out, _ = run_cli(
        capsys, "--db", url, "priz", "assign", "Позвонить", "--all-matching", "--region", "60"
    )
    assert code == (0 if pskov else 1)

    for args, message in [
        (["--client", "1"], "Нет клиентов с рег. номером: 1."),
        (["--all-matching", "--region", "00"], "ни один клиент"),
        (["--client", str(first), "--region", "60"], "только с --all-matching"),
        (["--all-matching", "--author", "nobody"], "«nobody» не найден"),
        ([], "--client"),
    ]:
        code, _, err = run_cli(capsys, "--db", url, "priz", "assign", "Задание", *args)
        assert code == 1 and message in err and "Traceback" not in err, err
        assert len(err.strip().splitlines()) == 1
    code, _, err = run_cli(capsys, "--db", url, "priz", "refresh", "--as-of", "31.02.2026")
    assert code == 1 and "не распознана" in err


def test_cli_refresh_for_today_is_the_days_refresh(capsys, new_db_url: Callable[[], str]) -> None:
    url = new_db_url()
    assert run_cli(capsys, "--db", url, "demo", "--clients", "5")[0] == 0
    assert run_cli(capsys, "--db", url, "priz", "refresh")[0] == 0
    engine = open_engine(url)
    with Session(engine) as s, s.begin():
        assert daily.refreshed_on(s) == date.today()
        assert not daily.is_due(s, date.today())
    engine.dispose()
