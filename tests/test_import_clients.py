"""Importing clients: all checked first; one bad row rejects the file; nothing half-written."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ric_desk.cli import main
from ric_desk.clients.importing import ImportRejected, import_clients, validate
from ric_desk.clients.search import search_clients
from ric_desk.models import AuditRecord, Client, ContactChannel, Employee, Role
from ric_desk.store import actor_of
from ric_desk.validation import inn_check_digits

HEADER = ["Наименование", "ИНН", "КПП", "Регион", "Адрес", "Телефон", "E-mail", "Ответственный"]


def inn(n: int) -> str:
    body = f"60{n:07d}"
    return body + inn_check_digits(body)


def write_xlsx(path: Path, header: list[str], rows: list[list[object]]) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def good_rows() -> list[list[object]]:
    return [
        [
            'ГАУ ПО "Дирекция спортивных сооружений"',
            inn(1),
            "603701001",
            "Псковская область",
            "180559, Псковский р-н, д. Борисовичи",
            "7(8112)59-00-51; 8 911 362-16-89",
            "sport@pskov.ru",
            "Егорова Мария Анатольевна",
        ],
        ['ООО ТП "Мебель"', int(inn(2)), None, "60", None, "+7 8112 56-14-55", None, None],
        [
            "ИП Петракова Светлана Викторовна",
            "500100732259",
            None,
            None,
            None,
            None,
            "TPMEBEL@inbox.ru",
            "egorova",
        ],
    ]


@pytest.fixture
def with_employee(session: Session) -> Session:
    session.add(
        Employee(full_name="Егорова Мария Анатольевна", login="egorova", role=Role.OPERATOR)
    )
    session.flush()
    return session


def count_clients(session: Session) -> int:
    return session.scalar(select(func.count()).select_from(Client)) or 0


def test_good_file_imports_whole(with_employee: Session, tmp_path: Path) -> None:
    s = with_employee
    source = write_xlsx(tmp_path / "clients.xlsx", HEADER, good_rows())
    progress: list[tuple[int, int]] = []
    egorova = s.scalar(select(Employee).where(Employee.login == "egorova"))
    assert egorova is not None
    done = import_clients(
        s, source, actor_of(egorova), lambda done, total: progress.append((done, total))
    )
    assert done.value == 3
    assert progress[-1][0] == progress[-1][1]
    sport = s.scalar(select(Client).where(Client.inn == inn(1)))
    assert sport is not None
    assert (sport.kpp, sport.region_code, sport.legal_address) == (
        "603701001",
        "60",
        "180559, Псковский р-н, д. Борисовичи",
    )
    phones = sorted(
        s.scalars(select(ContactChannel.value).where(ContactChannel.client_id == sport.id))
    )
    assert phones == ["78112590051", "79113621689", "sport@pskov.ru"]
    assert s.scalar(select(Client.region_code).where(Client.inn == inn(2))) == "60"  # a number cell
    ip = s.scalar(select(Client).where(Client.inn == "500100732259"))
    assert ip is not None and ip.responsible_id == sport.responsible_id is not None
    assert [h.name for h in search_clients(s, "спортивных")] == [sport.name]
    assert len({c.reg_number for c in s.scalars(select(Client))}) == count_clients(s)
    # the operation names the new clients, and each one's history says who loaded it from where
    assert done.changes.clients == {
        sport.id,
        ip.id,
        s.scalar(select(Client.id).where(Client.inn == inn(2))),
    }
    loaded = s.scalars(select(AuditRecord).where(AuditRecord.client_id == sport.id)).one()
    assert (loaded.employee_id, loaded.action, loaded.new_value) == (
        egorova.id,
        "insert",
        "загружен из файла «clients.xlsx»",
    )


def test_csv_semicolon_in_windows_encoding(with_employee: Session, tmp_path: Path) -> None:
    source = tmp_path / "clients.csv"
    with source.open("w", encoding="cp1251", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(["Наименование", "ИНН", "Телефон"])
        writer.writerow(['ООО "Вектор"', inn(3), "8 (8112) 72-30-00"])
    assert import_clients(with_employee, source, None).value == 1
    assert with_employee.scalar(select(Client.name).where(Client.inn == inn(3))) == 'ООО "Вектор"'


def test_one_bad_row_rejects_the_file_and_names_row_column_reason(
    with_employee: Session, tmp_path: Path
) -> None:
    s = with_employee
    before = count_clients(s)
    rows = good_rows()
    rows.append(['ООО "Плохой"', "6037005254", "60370100", "Марс", None, "12-34", "нет", "Иванов"])
    source = write_xlsx(tmp_path / "bad.xlsx", HEADER, rows)
    with pytest.raises(ImportRejected) as caught:
        import_clients(s, source, None)
    errors = {(e.row, e.column) for e in caught.value.errors}
    assert errors == {
        (5, "ИНН"),
        (5, "КПП"),
        (5, "Регион"),
        (5, "Телефон"),
        (5, "E-mail"),
        (5, "Ответственный"),
    }
    assert "строка 5, столбец «ИНН»: ИНН «6037005254» не проходит проверку" in caught.value.message
    assert count_clients(s) == before


@pytest.mark.parametrize(
    "header, rows, expected",
    [
        (["Наименование", "ИНН", "Сайт"], [["ООО", inn(4), "x"]], "неизвестный столбец"),
        (["Наименование", "КПП"], [["ООО", "603701001"]], "нет обязательного столбца"),
        (["Наименование", "ИНН", "ИНН"], [["ООО", inn(4), inn(4)]], "повторяется"),
        (["Наименование", "ИНН"], [["ООО А", inn(5)], ["ООО Б", inn(5)]], "уже есть в строке 2"),
        (["Наименование", "ИНН"], [["", inn(6)]], "пустое наименование"),
        (["Наименование", "ИНН"], [], "нет ни одной строки"),
    ],
)
def test_rejections(
    session: Session, tmp_path: Path, header: list[str], rows: list[list[object]], expected: str
) -> None:
    source = write_xlsx(tmp_path / "x.xlsx", header, rows)
    with pytest.raises(ImportRejected, match=expected):
        validate(session, source)


def test_unknown_column_is_named_with_its_letter(session: Session, tmp_path: Path) -> None:
    source = write_xlsx(
        tmp_path / "x.xlsx", ["Наименование", "ИНН", "Сайт"], [["ООО", inn(4), "x"]]
    )
    with pytest.raises(ImportRejected, match=r"Сайт \(C\)"):
        validate(session, source)


def test_duplicate_of_a_client_in_the_database(session: Session, tmp_path: Path) -> None:
    source = write_xlsx(tmp_path / "a.xlsx", ["Наименование", "ИНН"], [["ООО А", inn(7)]])
    import_clients(session, source, None)
    with pytest.raises(ImportRejected, match="уже есть в базе"):
        import_clients(session, source, None)


def test_not_a_workbook(session: Session, tmp_path: Path) -> None:
    bogus = tmp_path / "x.xlsx"
    bogus.write_text("не книга", encoding="utf-8")
    from ric_desk.errors import UserError

    with pytest.raises(UserError, match="не удалось открыть"):
        validate(session, bogus)
    text = tmp_path / "x.txt"
    text.write_text("Наименование;ИНН", encoding="utf-8")
    with pytest.raises(UserError, match=r"нужен \.xlsx или \.csv"):
        validate(session, text)


@pytest.mark.slow
def test_ten_thousand_rows(session: Session, tmp_path: Path) -> None:
    rows = [
        [f'ООО "Клиент {n}"', inn(100_000 + n), None, None, None, f"7811259{n:04d}"]
        for n in range(10_000)
    ]
    source = write_xlsx(tmp_path / "big.xlsx", HEADER[:6], rows)
    calls: list[int] = []
    assert (
        import_clients(session, source, None, lambda done, total: calls.append(done)).value
        == 10_000
    )
    assert len(calls) > 10 and calls == sorted(calls)
    assert count_clients(session) >= 10_000


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.sets(st.integers(1, 9_999_999), min_size=1, max_size=12), st.data())
def test_any_single_bad_inn_rejects_everything(
    session: Session, tmp_path_factory, numbers: set[int], data
) -> None:
    rows = [[f"ООО {n}", inn(n)] for n in sorted(numbers)]
    bad = data.draw(st.integers(0, len(rows) - 1))
    good_inn = rows[bad][1]
    rows[bad][1] = good_inn[:-1] + str((int(good_inn[-1]) + 1) % 10)
    source = write_xlsx(tmp_path_factory.mktemp("h") / "x.xlsx", ["Наименование", "ИНН"], rows)
    with pytest.raises(ImportRejected) as caught:
        validate(session, source)
    assert [(e.row, e.column) for e in caught.value.errors] == [(bad + 2, "ИНН")]


def test_command_line(fresh_engine: Engine, tmp_path: Path, capsys) -> None:
    url = fresh_engine.url.render_as_string(hide_password=False)
    good = write_xlsx(
        tmp_path / "good.xlsx", ["Наименование", "ИНН"], [["ООО А", inn(8)], ["ООО Б", inn(9)]]
    )
    assert main(["--db", url, "import", "clients", str(good)]) == 0
    assert "Загружено клиентов: 2" in capsys.readouterr().out
    bad = write_xlsx(
        tmp_path / "bad.xlsx", ["Наименование", "ИНН"], [["ООО В", inn(10)], ["ООО Г", "123"]]
    )
    assert main(["--db", url, "import", "clients", str(bad)]) == 1
    err = capsys.readouterr().err
    assert (
        "строка 3, столбец «ИНН»" in err and "ничего не записано" in err and "Traceback" not in err
    )
    with Session(fresh_engine) as s:
        assert count_clients(s) == 2


def test_cancel_rolls_the_whole_file_back(fresh_engine: Engine, tmp_path: Path) -> None:
    from ric_desk.clients.importing import import_file
    from ric_desk.errors import Cancelled
    from ric_desk.store import Store

    source = write_xlsx(tmp_path / "clients.xlsx", HEADER, good_rows())
    store = Store(fresh_engine, fresh_engine.url)
    with store.session() as s:
        s.add(Employee(full_name="Егорова Мария Анатольевна", login="egorova", role=Role.OPERATOR))
    steps: list[tuple[int, int]] = []

    def cancel_halfway() -> bool:
        return len(steps) > 1  # after the file was checked and writing began

    with pytest.raises(Cancelled):
        import_file(store, source, None, lambda d, t: steps.append((d, t)), cancel_halfway)
    with store.session() as s:
        assert s.scalar(select(func.count()).select_from(Client)) == 0
    assert import_file(store, source, None).value == len(good_rows())
