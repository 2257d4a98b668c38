"""Planning works: one from the card, one for each client of a filtered list; once per stage."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ric_desk.calls import planning
from ric_desk.calls.planning import BulkPlan, Executors, WorkPlan
from ric_desk.cli import main
from ric_desk.clients.listing import ClientFilter
from ric_desk.db.engine import open_engine
from ric_desk.errors import Cancelled, NotAllowed, NotFound, UserError
from ric_desk.models import Client, Direction, Employee, Role, Work, WorkState
from ric_desk.store import actor_of
from tests import factories

NOW = datetime(2026, 11, 24, 8, 0, tzinfo=UTC)  # Tuesday 11:00 in Moscow
MOSCOW = ZoneInfo("Europe/Moscow")


def direction(s: Session) -> int:
    found = s.scalar(select(Direction.id).order_by(Direction.id).limit(1))
    assert found is not None
    return found


def works(s: Session) -> int:
    return s.scalar(select(func.count()).select_from(Work)) or 0


def one(s: Session, client_id: int, at: datetime, **kw: object) -> WorkPlan:
    values: dict[str, object] = {
        "client_id": client_id,
        "stage_id": 4,
        "direction_id": direction(s),
        "planned_at": at,
    }
    values.update(kw)
    return WorkPlan(**values)  # type: ignore[arg-type]


def test_a_work_planned_from_the_card_is_in_the_database_with_what_was_chosen(
    session: Session,
) -> None:
    boss = factories.employee(session, "Иванова Анна Петровна", Role.SUPERVISOR)
    anna = factories.employee(session)
    client = factories.client(session)
    person = factories.person(session, client)
    at = NOW + timedelta(hours=2)
    plan = one(session, client.id, at, contact_person_id=person.id, executor_id=anna.id)
    done = planning.plan_work(session, actor_of(boss), plan, now=NOW)
    work = session.get(Work, done.value)
    assert work is not None
    assert (work.client_id, work.stage_id, work.executor_id, work.author_id) == (
        client.id,
        4,
        anna.id,
        boss.id,
    )
    assert work.contact_person_id == person.id
    assert work.planned_at == at and work.state is WorkState.PLANNED
    assert work.goal  # the stage's goal when none was written
    assert done.changes.works == {work.id} and done.changes.clients == {client.id}


def test_a_second_open_work_of_the_stage_is_refused_naming_the_first_unless_asked(
    session: Session,
) -> None:
    anna = actor_of(factories.employee(session))
    client = factories.client(session)
    first = planning.plan_work(session, anna, one(session, client.id, NOW), now=NOW).value
    number = session.scalar(select(Work.number).where(Work.id == first))
    with pytest.raises(UserError, match=f"№{number} на 24.11.2026 11:00"):
        planning.plan_work(session, anna, one(session, client.id, NOW + timedelta(days=1)), now=NOW)
    other_stage = one(session, client.id, NOW, stage_id=5)
    planning.plan_work(session, anna, other_stage, now=NOW)
    again = one(session, client.id, NOW + timedelta(days=1), again=True)
    planning.plan_work(session, anna, again, now=NOW)
    assert works(session) == 3
    numbers = session.scalars(select(Work.number).order_by(Work.id)).all()
    assert len(set(numbers)) == 3


def test_a_moment_the_client_may_not_be_called_is_refused_with_the_next_one(
    session: Session,
) -> None:
    anna = actor_of(factories.employee(session))
    novosibirsk = factories.client(session, region_code="54")
    late = datetime(2026, 11, 24, 13, 45, tzinfo=UTC)  # 20:45 in Novosibirsk
    with pytest.raises(UserError, match=r"20:45.*25\.11\.2026 09:00"):
        planning.plan_work(session, anna, one(session, novosibirsk.id, late), now=NOW)
    saturday = datetime(2026, 11, 28, 9, 0, tzinfo=UTC)
    with pytest.raises(UserError, match="звонить нельзя"):
        planning.plan_work(session, anna, one(session, novosibirsk.id, saturday), now=NOW)
    with pytest.raises(UserError, match="уже прошло"):
        planning.plan_work(
            session, anna, one(session, novosibirsk.id, NOW - timedelta(hours=1)), now=NOW
        )
    assert works(session) == 0


@pytest.mark.parametrize(
    ("change", "words"),
    [
        ({"goal": "ц" * 5000}, "длиннее"),
        ({"goal": "звонок\x00\x1b[31m"}, "управляющие"),
        ({"stage_id": 99}, "Этапа 99 нет"),
        ({"direction_id": 10_000}, "направления"),
        ({"campaign_id": 10_000}, "кампании"),
        ({"executor_id": 10_000}, "Исполнитель не найден"),
    ],
)
def test_broken_choices_get_words_and_nothing_is_written(
    session: Session, change: dict[str, object], words: str
) -> None:
    anna = actor_of(factories.employee(session))
    client = factories.client(session)
    with pytest.raises(UserError, match=words):
        planning.plan_work(session, anna, one(session, client.id, NOW, **change), now=NOW)
    assert works(session) == 0


def test_a_person_of_another_client_and_a_deleted_client_are_refused(session: Session) -> None:
    anna = actor_of(factories.employee(session))
    client, other = factories.client(session), factories.client(session)
    stranger = factories.person(session, other)
    with pytest.raises(UserError, match="не у этого клиента"):
        plan = one(session, client.id, NOW, contact_person_id=stranger.id)
        planning.plan_work(session, anna, plan, now=NOW)
    with pytest.raises(NotFound):
        planning.plan_work(session, anna, one(session, 10**9, NOW), now=NOW)


def test_choices_offer_the_clients_persons_and_the_next_moment_it_may_be_called(
    session: Session,
) -> None:
    factories.employee(session)
    client = factories.client(session, region_code="54")
    factories.person(session, client, "Щукина")
    choices = planning.plan_choices(session, client.id, datetime(2026, 11, 24, 13, 45, tzinfo=UTC))
    assert [name for _, name in choices.persons] == ["Щукина Светлана Викторовна"]
    assert len(choices.stages) == 7 and choices.directions and choices.executors
    assert choices.suggested == datetime(2026, 11, 25, 2, 0, tzinfo=UTC)  # 09:00 there


# -- the list ------------------------------------------------------------------------------------


def bulk(s: Session, **kw: object) -> BulkPlan:
    values: dict[str, object] = {
        "stage_id": 3,
        "direction_id": direction(s),
        "first_day": date(2026, 11, 27),  # a Friday: the second day is Monday
        "days": 2,
    }
    values.update(kw)
    return BulkPlan(**values)  # type: ignore[arg-type]


def test_a_list_is_spread_over_working_days_within_calling_hours_in_turn(
    session: Session,
) -> None:
    boss = actor_of(factories.employee(session, "Иванова Анна Петровна", Role.SUPERVISOR))
    a, b = factories.employee(session), factories.employee(session, "Кузнецова Юлия Борисовна")
    ids = [factories.client(session, region_code="54").id for _ in range(10)]
    factories.client(session, region_code="77")  # not under the filter
    plan = bulk(session, executors=Executors.ROUND_ROBIN, executor_ids=(a.id, b.id))
    flt = ClientFilter(region_code="54")
    done = planning.plan_matching(session, boss, flt, plan, now=NOW)
    report = done.value
    assert (report.matched, report.planned, report.already) == (10, 10, 0)
    assert report.days == (date(2026, 11, 27), date(2026, 11, 30))
    planned = session.execute(
        select(Work.client_id, Work.planned_at, Work.executor_id, Work.stage_id).where(
            Work.client_id.in_(ids)
        )
    ).all()
    assert {p[0] for p in planned} == set(ids)
    local = [p[1].astimezone(ZoneInfo("Asia/Novosibirsk")) for p in planned]
    assert Counter(t.date() for t in local) == {date(2026, 11, 27): 5, date(2026, 11, 30): 5}
    assert all(9 <= t.hour < 18 for t in local)
    assert len({t for t in local}) == 10  # spread, not heaped on one minute
    assert Counter(p[2] for p in planned) == {a.id: 5, b.id: 5}
    assert done.changes.clients == set(ids) and len(done.changes.works) == 10
    again = planning.plan_matching(session, boss, flt, plan, now=NOW).value
    assert (again.planned, again.already) == (0, 10)
    forced = planning.plan_matching(session, boss, flt, bulk(session, again=True), now=NOW)
    assert forced.value.planned == 10
    assert works(session) == 20


def test_works_go_to_the_responsible_or_the_pool(session: Session) -> None:
    boss = actor_of(factories.employee(session, "Иванова Анна Петровна", Role.SUPERVISOR))
    anna = factories.employee(session)
    mine = factories.client(session, responsible_id=anna.id)
    nobodys = factories.client(session)
    plan = bulk(session, executors=Executors.RESPONSIBLE, days=1)
    report = planning.plan_matching(session, boss, ClientFilter(), plan, now=NOW).value
    assert (report.planned, report.pooled) == (2, 1)
    executors = {c: e for c, e in session.execute(select(Work.client_id, Work.executor_id))}
    assert executors == {mine.id: anna.id, nobodys.id: None}


def test_today_after_hours_moves_to_the_next_moment_allowed(session: Session) -> None:
    boss = actor_of(factories.employee(session, "Иванова Анна Петровна", Role.SUPERVISOR))
    factories.client(session, region_code="54")
    evening = datetime(2026, 11, 24, 12, 0, tzinfo=UTC)  # 19:00 in Novosibirsk
    plan = bulk(session, first_day=date(2026, 11, 24), days=1)
    planning.plan_matching(session, boss, ClientFilter(), plan, now=evening)
    at = session.scalar(select(Work.planned_at))
    assert at is not None
    assert at.astimezone(ZoneInfo("Asia/Novosibirsk")) == datetime(
        2026, 11, 25, 9, 0, tzinfo=ZoneInfo("Asia/Novosibirsk")
    )


def test_a_list_plan_is_a_supervisors_and_its_values_are_checked(session: Session) -> None:
    operator = actor_of(factories.employee(session))
    boss = actor_of(factories.employee(session, "Иванова Анна Петровна", Role.SUPERVISOR))
    factories.client(session)
    with pytest.raises(NotAllowed):
        planning.plan_matching(session, operator, ClientFilter(), bulk(session), now=NOW)
    for change, words in [
        ({"days": 0}, "1-60"),
        ({"days": 61}, "1-60"),
        ({"first_day": date(2026, 11, 1)}, "уже прошёл"),
        ({"executors": Executors.ROUND_ROBIN}, "хотя бы одного"),
        ({"executors": Executors.ROUND_ROBIN, "executor_ids": (10**6,)}, "не найден"),
        ({"goal": "x" * 3000}, "длиннее"),
    ]:
        with pytest.raises(UserError, match=words):
            planning.plan_matching(session, boss, ClientFilter(), bulk(session, **change), now=NOW)
    assert works(session) == 0


def test_cancel_stops_the_plan(session: Session) -> None:
    boss = actor_of(factories.employee(session, "Иванова Анна Петровна", Role.SUPERVISOR))
    for _ in range(3):
        factories.client(session)
    with pytest.raises(Cancelled):
        planning.plan_matching(
            session, boss, ClientFilter(), bulk(session), now=NOW, cancelled=lambda: True
        )


def test_an_empty_list_plans_nothing(session: Session) -> None:
    boss = actor_of(factories.employee(session, "Иванова Анна Петровна", Role.SUPERVISOR))
    report = planning.plan_matching(session, boss, ClientFilter(), bulk(session), now=NOW)
    assert (report.value.matched, report.value.planned) == (0, 0)
    assert not report.changes
    assert session.scalar(select(func.count()).select_from(Employee)) == 1


# -- the command line ----------------------------------------------------------------------------


def run_cli(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_works_plan_from_the_command_line(capsys, new_db_url: Callable[[], str]) -> None:
    url = new_db_url()
    assert run_cli(capsys, "--db", url, "demo", "--clients", "12")[0] == 0
    first_day = date.today() + timedelta(days=10)
    engine = open_engine(url)
    with Session(engine) as s:
        regs = list(s.scalars(select(Client.reg_number).order_by(Client.id).limit(3)))
        having = s.scalar(
            select(func.count(func.distinct(Work.client_id))).where(
                Work.stage_id == 7, Work.state != WorkState.CLOSED
            )
        )
        last = s.scalar(select(func.max(Work.id)))
    assert having is not None and last is not None
    plan = ["--db", url, "works", "plan", "--stage", "7", "--from", f"{first_day:%d.%m.%Y}"]
    code, out, err = run_cli(
        capsys, *plan, "--days", "2", "--all-matching", "--executor", "morozova_np",
        "--executor", "kuznetsova_yb", "--author", "morozova_np",
    )  # fmt: skip
    assert code == 0, err
    assert out.startswith(f"Запланировано работ: {12 - having} на ")
    assert (f"У {having} клиентов уже есть" in out) == bool(having)
    code, out, _ = run_cli(capsys, *plan, "--client", str(regs[0]), "--client", str(regs[1]))
    assert code == 0 and "Запланировано работ: 0" in out and "У 2 клиентов уже есть" in out
    code, out, _ = run_cli(capsys, *plan, "--client", str(regs[0]), "--again")
    assert code == 0 and out.startswith("Запланировано работ: 1 на ")
    with Session(engine) as s:
        planned = s.execute(
            select(Work.executor_id, Work.planned_at).where(Work.stage_id == 7, Work.id > last)
        ).all()
    engine.dispose()
    assert len(planned) == 12 - having + 1
    assert all(p.date() >= first_day - timedelta(days=1) for _, p in planned)
    assert len({e for e, _ in planned} - {None}) == 2  # in turn; the last one to the pool

    for args, message in [
        (["--client", "1"], "Нет клиентов с рег. номером: 1."),
        (["--all-matching", "--region", "00"], "ни один клиент"),
        (["--client", str(regs[0]), "--region", "60"], "только с --all-matching"),
        (["--all-matching", "--author", "nobody"], "«nobody» не найден"),
        (["--all-matching", "--executor", "nobody"], "«nobody» не найден"),
        (["--all-matching", "--direction", "Танцы"], "Направления «Танцы» нет. Есть: «"),
        (["--all-matching", "--campaign", "x" * 5000], "Кампании «"),
        (["--all-matching", "--author", "egorova_ma"], "супервизоры и администраторы"),
        (["--all-matching", "--days", "100"], "1-60"),
        (["--all-matching", "--goal", "цель\x07"], "управляющие"),
        ([], "--client"),
    ]:
        code, _, err = run_cli(capsys, *plan, *args)
        assert code == 1 and message in err and "Traceback" not in err, err
        assert len(err.strip().splitlines()) == 1
    code, _, err = run_cli(capsys, "--db", url, "works", "plan", "--stage", "9", "--all-matching")
    assert code == 1 and "Этапа 9 нет" in err
    code, _, err = run_cli(
        capsys, "--db", url, "works", "plan", "--stage", "2", "--all-matching",
        "--from", "01.01.2020",
    )  # fmt: skip
    assert code == 1 and "уже прошёл" in err
