"""Importing clients: all checked first; one bad row rejects the file; nothing half-written;
what was loaded shows where people look for it (the card's map and header)."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ric_desk.cli import main
from ric_desk.clients.card import ChannelRow, ClientCard, IndicatorRow, load_card
from ric_desk.clients.importing import ImportRejected, import_clients, validate
from ric_desk.clients.search import search_clients
from ric_desk.errors import UserError
from ric_desk.models import (
    AuditRecord,
    ChannelKind,
    Client,
    ContactChannel,
    Employee,
    IndicatorDef,
    IndicatorValue,
    Role,
)
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
    # the command line acts as nobody: the values are confirmed today, by no one
    card = load_card(with_employee, client_id(with_employee, inn(3)))
    named = indicator(card, "Наименование")
    assert (named.value, named.verified_on, named.verified_by) == (
        'ООО "Вектор"',
        date.today(),
        None,
    )


def client_id(session: Session, client_inn: str) -> int:
    found = session.scalar(select(Client.id).where(Client.inn == client_inn))
    assert found is not None
    return found


def indicator(card: ClientCard, name: str) -> IndicatorRow:
    return next(row for row in card.indicators if row.name == name)


def test_the_card_shows_what_was_imported(with_employee: Session, tmp_path: Path) -> None:
    """Name, INN and address in the functional map, confirmed today by the importing user;
    KPP and region in the header; the phones and e-mails as the client's own channels."""
    s = with_employee
    egorova = s.scalar(select(Employee).where(Employee.login == "egorova"))
    assert egorova is not None
    import_clients(s, write_xlsx(tmp_path / "c.xlsx", HEADER, good_rows()), actor_of(egorova))
    today = date.today()

    card = load_card(s, client_id(s, inn(1)), today)
    expected = {
        "Наименование": 'ГАУ ПО "Дирекция спортивных сооружений"',
        "ИНН": inn(1),
        "Адрес фактический": "180559, Псковский р-н, д. Борисовичи",
    }
    for name, value in expected.items():
        row = indicator(card, name)
        assert (row.value, row.display, row.is_actual, row.expired) == (value, value, True, False)
        assert (row.verified_on, row.verified_by, row.valid_until) == (
            today,
            "Егорова М.А.",
            None,
        )
        assert row.version == 1
    assert (card.client.kpp, card.region, card.responsible) == (
        "603701001",
        "Псковская область",
        "Егорова Мария Анатольевна",
    )
    assert card.channels == [
        ChannelRow(ChannelKind.WORK_PHONE, "Телефон рабочий", "7(8112)59-00-51", False, False),
        ChannelRow(ChannelKind.WORK_PHONE, "Телефон рабочий", "7(911)362-16-89", False, False),
        ChannelRow(ChannelKind.WORK_EMAIL, "E-Mail рабочий", "sport@pskov.ru", False, False),
    ]
    assert card.persons == []  # the client's own numbers are no contact person's
    assert [h.name for h in search_clients(s, "59-00-51")] == [card.client.name]

    furniture = load_card(s, client_id(s, inn(2)), today)  # no address, no e-mail in the file
    assert indicator(furniture, "Адрес фактический").value is None
    assert indicator(furniture, "ИНН").value == inn(2)
    assert [c.value for c in furniture.channels] == ["7(8112)56-14-55"]
    written = s.scalar(
        select(func.count())
        .select_from(IndicatorValue)
        .where(IndicatorValue.client_id.in_([client_id(s, inn(n)) for n in (1, 2)]))
    )
    assert written == 3 + 2


def test_an_indicator_switched_off_is_not_filled(with_employee: Session, tmp_path: Path) -> None:
    s = with_employee
    address = s.scalar(select(IndicatorDef).where(IndicatorDef.name == "Адрес фактический"))
    assert address is not None
    address.active = False
    s.flush()
    import_clients(s, write_xlsx(tmp_path / "c.xlsx", HEADER, good_rows()), None)
    filled = s.scalars(
        select(IndicatorDef.name)
        .join(IndicatorValue, IndicatorValue.indicator_def_id == IndicatorDef.id)
        .where(IndicatorValue.client_id == client_id(s, inn(1)))
    )
    assert sorted(filled) == ["ИНН", "Наименование"]


def test_regions_as_offices_write_them(session: Session, tmp_path: Path) -> None:
    written = {
        "г. Москва": "77",
        "Москва г": "77",
        "Псковская обл.": "60",
        "Респ. Карелия": "10",
        "Карелия Респ": "10",
        "Ханты-Мансийский АО - Югра": "86",
        "санкт-петербург  г.": "78",
        "Алтайский кр.": "22",
        "7": "07",
        "60": "60",
    }
    rows = [[f"ООО {n}", inn(200 + n), region] for n, region in enumerate(written)]
    source = write_xlsx(tmp_path / "r.xlsx", ["Наименование", "ИНН", "Регион"], rows)
    assert import_clients(session, source, None).value == len(written)
    stored = {
        client_inn: code
        for client_inn, code in session.execute(
            select(Client.inn, Client.region_code).where(Client.inn.in_([r[1] for r in rows]))
        )
    }
    assert [stored[r[1]] for r in rows] == list(written.values())


def test_an_unknown_region_suggests_the_closest_name(session: Session, tmp_path: Path) -> None:
    rows = [["ООО А", inn(300), "Псковская обл."], ["ООО Б", inn(301), "Псковска обл"]]
    source = write_xlsx(tmp_path / "r.xlsx", ["Наименование", "ИНН", "Регион"], rows)
    with pytest.raises(ImportRejected) as caught:
        import_clients(session, source, None)
    assert caught.value.message.endswith(
        "строка 3, столбец «Регион»: регион «Псковска обл» не найден. "
        "Возможно, «Псковская область»?"
    )
    assert count_clients(session) == 0


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


def test_the_files_own_registration_numbers_are_kept(session: Session, tmp_path: Path) -> None:
    """An office's list carries its clients' registration numbers; a row without one gets the
    next after the highest of the database and the file."""
    header = ["Рег. номер", "Наименование", "ИНН"]
    rows = [
        [42000123, "ООО Первый", inn(31)],
        [None, "ООО Второй", inn(32)],
        ["42 000 777", "ООО Третий", inn(33)],
    ]
    import_clients(session, write_xlsx(tmp_path / "n.xlsx", header, rows), None)
    numbers = {n: i for i, n in session.execute(select(Client.inn, Client.reg_number))}
    assert numbers == {42000123: inn(31), 42000778: inn(32), 42000777: inn(33)}
    rows = [["рег № 5", "ООО Четвёртый", inn(34)], [42000777, "ООО Пятый", inn(35)]]
    rows += [[7, "ООО Шестой", inn(36)], [7, "ООО Седьмой", inn(37)], [-3, "ООО Восьмой", inn(38)]]
    rows += [[10**16, "ООО Девятый", inn(39)], ["1.5", "ООО Десятый", inn(40)]]
    with pytest.raises(ImportRejected) as caught:
        import_clients(session, write_xlsx(tmp_path / "bad.xlsx", header, rows), None)
    assert [str(e) for e in caught.value.errors] == [
        "строка 2, столбец «Рег. номер»: «рег № 5» — рег. номер пишется целым числом",
        "строка 3, столбец «Рег. номер»: рег. № 42000777 уже есть в базе: ООО Третий",
        "строка 5, столбец «Рег. номер»: рег. № 7 уже есть в строке 4 файла",
        "строка 6, столбец «Рег. номер»: «-3» — рег. номер пишется целым числом",
        f"строка 7, столбец «Рег. номер»: «{10**16}» — рег. номер пишется целым числом",
        "строка 8, столбец «Рег. номер»: «1.5» — рег. номер пишется целым числом",
    ]
    assert count_clients(session) == 3


def test_a_duplicate_names_the_client_already_in_the_database(
    session: Session, tmp_path: Path
) -> None:
    header = ["Наименование", "ИНН", "КПП"]
    first = [["ООО «Ромашка»", inn(7), None], ["ПАО «Лютик»", inn(8), "600101001"]]
    import_clients(session, write_xlsx(tmp_path / "a.xlsx", header, first), None)
    numbers = {i: n for i, n in session.execute(select(Client.inn, Client.reg_number))}
    again = [
        ["ООО Ромашка (повтор)", inn(7), None],
        ["ПАО Лютик, филиал", inn(8), "600102001"],  # another KPP: a branch, welcome
        ["ПАО Лютик (повтор)", inn(8), "600101001"],
    ]
    with pytest.raises(ImportRejected) as caught:
        import_clients(session, write_xlsx(tmp_path / "b.xlsx", header, again), None)
    assert [str(e) for e in caught.value.errors] == [
        f"строка 2, столбец «ИНН»: ИНН {inn(7)} уже есть в базе: ООО «Ромашка» "
        f"(рег. № {numbers[inn(7)]})",
        f"строка 4, столбец «ИНН»: ИНН {inn(8)}, КПП 600101001 уже есть в базе: ПАО «Лютик» "
        f"(рег. № {numbers[inn(8)]})",
    ]
    assert count_clients(session) == 2


# -- hostile values: Russian words, nothing written ------------------------------------------------
CSV_HEADER = ["Наименование", "ИНН", "Регион", "Адрес", "Телефон", "E-mail", "Ответственный"]
HOSTILE = [
    ("name", "Я" * 501, "слишком длинное значение: допустимо не больше 500 знаков, а здесь 501"),
    ("name", "ООО\x00Ромашка", "недопустимый управляющий символ (код 0x00)"),
    ("name", "ООО \x07Звонок", "недопустимый управляющий символ (код 0x07)"),
    ("name", "", "пустое наименование"),
    ("name", " \t ", "пустое наименование"),
    ("inn", "", "пустой ИНН"),
    ("inn", "7" * 10_000, "слишком длинное значение: допустимо не больше 40 знаков"),
    ("region", "Псковская область" * 600, "слишком длинное значение: допустимо не больше 200"),
    ("region", "\x1b[31mМосква", "недопустимый управляющий символ (код 0x1b)"),
    ("address", "д. 1" * 3000, "слишком длинное значение: допустимо не больше 1000 знаков"),
    ("phone", "8" * 5000, "слишком длинное значение"),
    ("phone", "7" * 100, "слишком длинно для номера телефона"),
    ("email", "a" * 250 + "@example.ru", "адрес e-mail длиннее 200 знаков"),
    ("responsible", "Иванов" * 2000, "слишком длинное значение: допустимо не больше 200"),
]


def write_csv(path: Path, header: list[str], rows: list[list[str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, delimiter=";").writerows([header, *rows])
    return path


def written_rows(session: Session) -> tuple[int, ...]:
    return tuple(
        session.scalar(select(func.count()).select_from(model)) or 0
        for model in (Client, ContactChannel, IndicatorValue, AuditRecord)
    )


@pytest.mark.parametrize(("column", "value", "reason"), HOSTILE)
def test_a_hostile_value_gets_russian_words_and_nothing_is_written(
    with_employee: Session, tmp_path: Path, column: str, value: str, reason: str
) -> None:
    s = with_employee
    good = ["ООО Хороший", inn(400), "г. Москва", "ул. Ленина, 1", "8 495 123-45-67", "", ""]
    bad = ["ООО Плохой", inn(401), "60", "", "", "", "egorova"]
    position = {"name": 0, "inn": 1, "region": 2, "address": 3, "phone": 4, "email": 5}
    bad[position.get(column, 6)] = value
    source = write_csv(tmp_path / "hostile.csv", CSV_HEADER, [good, bad])
    before = written_rows(s)
    with pytest.raises(ImportRejected) as caught:
        import_clients(s, source, None)
    message = caught.value.message
    assert [e.row for e in caught.value.errors] == [3]
    assert reason in message, message
    assert len(message) < 400 and "\x00" not in message and "Traceback" not in message
    assert written_rows(s) == before


def test_the_longest_values_allowed_are_stored_whole(session: Session, tmp_path: Path) -> None:
    name = "ООО " + "Я" * 496  # 500 characters: the column's limit on both databases
    address = "Псков,\nул. Ленина,\tд. 1"  # line breaks in a cell (Alt+Enter) become spaces
    source = write_csv(
        tmp_path / "long.csv", ["Наименование", "ИНН", "Адрес"], [[name, inn(500), address]]
    )
    assert import_clients(session, source, None).value == 1
    card = load_card(session, client_id(session, inn(500)))
    assert card.client.name == name and len(card.client.name) == 500
    assert indicator(card, "Адрес фактический").value == "Псков, ул. Ленина, д. 1"


def test_an_unknown_column_with_a_huge_title_is_quoted_short(
    session: Session, tmp_path: Path
) -> None:
    source = write_csv(
        tmp_path / "h.csv", ["Наименование", "ИНН", "Ж" * 10_000], [["ООО", inn(4), ""]]
    )
    with pytest.raises(ImportRejected, match="неизвестный столбец") as caught:
        validate(session, source)
    assert len(caught.value.message) < 400


def test_a_cell_over_the_csv_limit_is_a_damaged_file(session: Session, tmp_path: Path) -> None:
    source = write_csv(tmp_path / "huge.csv", ["Наименование", "ИНН"], [["Я" * 200_000, inn(4)]])
    with pytest.raises(UserError, match="повреждён или слишком велик: строку 2"):
        validate(session, source)


@settings(
    max_examples=30, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(name=st.text(max_size=600), region=st.text(max_size=300))
def test_any_name_and_region_is_imported_or_refused_in_words(
    session: Session, tmp_path_factory, name: str, region: str
) -> None:
    source = write_csv(
        tmp_path_factory.mktemp("any") / "x.csv",
        ["Наименование", "ИНН", "Регион"],
        [[name, inn(600), region]],
    )
    savepoint = session.begin_nested()
    try:
        before = written_rows(session)
        try:
            import_clients(session, source, None)
        except ImportRejected as exc:
            assert written_rows(session) == before
            assert "Traceback" not in exc.message
        else:
            stored = session.scalar(select(Client.name).where(Client.inn == inn(600)))
            assert stored == " ".join(name.split())
    finally:
        savepoint.rollback()


def test_not_a_workbook(session: Session, tmp_path: Path) -> None:
    bogus = tmp_path / "x.xlsx"
    bogus.write_text("не книга", encoding="utf-8")
    with pytest.raises(UserError, match="не является книгой Excel"):
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
