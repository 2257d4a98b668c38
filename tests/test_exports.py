"""Excel exports: hostile text stays text, a control character is no failure, the sheet reads well
(widths, bold frozen header, autofilter, dates as dates, identifiers as text), on both backends."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet
from sqlalchemy import Engine

import ric_desk.clients.export as client_export
from ric_desk.calls import queue as work_queue
from ric_desk.calls.export import QUEUE_HEADERS, export_queue
from ric_desk.cli import main
from ric_desk.clients.export import CLIENT_HEADERS, export_clients
from ric_desk.clients.listing import ClientFilter
from ric_desk.errors import UserError
from ric_desk.export_xlsx import MAX_WIDTH
from ric_desk.store import Store
from tests import factories

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "\tX", "\rY", "#N/A"]
CONTROL = "ООО\x07Звонок\x1b"  # as an import never lets in, put straight into the database
CONTROL_SHOWN = "ООО\ufffdЗвонок\ufffd"


def sheet_of(path: Path) -> Worksheet:
    sheet = load_workbook(path).active
    assert isinstance(sheet, Worksheet)
    return sheet


def assert_readable(sheet: Worksheet, headers: list[str]) -> None:
    """The header is bold and stays in view, a filter covers the data, the columns are sized."""
    assert [c.value for c in sheet[1]] == headers
    assert all(c.font.b for c in sheet[1])
    assert sheet.freeze_panes == "A2"
    last = sheet.cell(1, len(headers)).column_letter
    assert sheet.auto_filter.ref == f"A1:{last}{sheet.max_row}"
    for i in range(1, len(headers) + 1):
        letter = sheet.cell(1, i).column_letter
        width = sheet.column_dimensions[letter].width
        assert len(headers[i - 1]) < width <= MAX_WIDTH, (letter, width)


def test_client_list_keeps_hostile_names_as_text(fresh_engine: Engine, tmp_path: Path) -> None:
    store = Store(fresh_engine, fresh_engine.url)
    long_name = ("Общество с ограниченной ответственностью " * 4).strip()
    with store.session() as s:
        for name in [*HOSTILE, CONTROL, long_name]:
            factories.client(s, name, kpp="006001001")
    target = tmp_path / "clients.xlsx"
    assert export_clients(store, ClientFilter(), target) == len(HOSTILE) + 2
    assert not (tmp_path / "clients.xlsx.part").exists()
    sheet = sheet_of(target)
    assert_readable(sheet, CLIENT_HEADERS)
    rows = list(sheet.iter_rows(min_row=2))
    names = {r[1].value: r[1] for r in rows}
    assert set(names) == {*HOSTILE, CONTROL_SHOWN, long_name}
    for name in HOSTILE:
        cell = names[name]
        assert cell.data_type == "s", name  # never a formula ("f") nor an error ("e")
        if name[0] in "=+-@\t\r":
            assert cell.quotePrefix, name  # and editing it in Excel keeps it text
    assert names[CONTROL_SHOWN].data_type == "s"
    for r in rows:
        assert r[0].data_type == "n" and isinstance(r[0].value, int)  # reg. number: a number
        assert r[2].data_type == "s" and len(r[2].value) == 10  # INN: text (leading zeros kept)
        assert r[3].data_type == "s" and r[3].value == "006001001"  # KPP: text, zeros kept
    assert sheet.column_dimensions["B"].width == MAX_WIDTH  # the long name: capped


def test_a_filtered_client_export_and_the_command_line_write_the_same(
    fresh_engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    store = Store(fresh_engine, fresh_engine.url)
    with store.session() as s:
        for name in ["Альфа", "Бета", CONTROL]:
            factories.client(s, name)
        factories.client(s, "Гамма", region_code="78")
    on_screen = tmp_path / "screen.xlsx"
    export_clients(store, ClientFilter(region_code="60"), on_screen)
    command_line = tmp_path / "cli.xlsx"
    url = fresh_engine.url.render_as_string(hide_password=False)
    code = main(["--db", url, "export", "clients", str(command_line), "--region", "60"])
    out, err = capsys.readouterr()
    assert (code, err) == (0, "")
    assert "Выгружено клиентов: 3" in out
    screen_rows = list(sheet_of(on_screen).iter_rows(values_only=True))
    assert list(sheet_of(command_line).iter_rows(values_only=True)) == screen_rows
    assert [r[1] for r in screen_rows[1:]] == ["Альфа", "Бета", CONTROL_SHOWN]


def test_the_command_line_refuses_a_bad_file_in_one_line(
    fresh_engine: Engine, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    url = fresh_engine.url.render_as_string(hide_password=False)
    tmp_path = tmp_path / "out"  # apart from an SQLite database's files
    tmp_path.mkdir()
    (tmp_path / "folder.xlsx").mkdir()
    not_a_folder = tmp_path / "file.txt"
    not_a_folder.write_text("x")
    for target, words in [
        (tmp_path, "это папка"),
        (tmp_path / "folder.xlsx", "это папка"),
        (tmp_path / "clients.csv", "должен называться *.xlsx"),
        (tmp_path / "missing" / "clients.xlsx", "нет"),
        (not_a_folder / "clients.xlsx", "нет"),
    ]:
        code = main(["--db", url, "export", "clients", str(target)])
        out, err = capsys.readouterr()
        assert code == 1 and out == "", target
        assert err.count("\n") == 1 and words in err and "Traceback" not in err, err
    code = main(["--db", url, "export", "clients", str(tmp_path / "x.xlsx"), "--responsible", "x"])
    assert code == 1 and "«x» не найден" in capsys.readouterr().err
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file.txt", "folder.xlsx"]


def test_an_unwritable_place_is_refused_in_words(fresh_engine: Engine, tmp_path: Path) -> None:
    store = Store(fresh_engine, fresh_engine.url)
    with store.session() as s:
        factories.client(s, "Альфа")
    blocked = tmp_path / "clients.xlsx.part"
    blocked.mkdir()  # the partial file cannot be made (as for a folder without write rights)
    with pytest.raises(UserError, match="не записан"):
        export_clients(store, ClientFilter(), tmp_path / "clients.xlsx")
    assert not (tmp_path / "clients.xlsx").exists()


def test_a_cancelled_export_leaves_nothing(
    fresh_engine: Engine, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = Store(fresh_engine, fresh_engine.url)
    with store.session() as s:
        for n in range(3):
            factories.client(s, f"Клиент {n}")
    monkeypatch.setattr(client_export, "PAGE", 2)  # Cancel is seen between pages
    (tmp_path / "out").mkdir()
    target = tmp_path / "out" / "clients.xlsx"
    assert export_clients(store, ClientFilter(), target, cancelled=lambda: True) == -1
    assert list((tmp_path / "out").iterdir()) == []
    assert export_clients(store, ClientFilter(), target, cancelled=lambda: False) == 3
    assert len(list(sheet_of(target).iter_rows())) == 4


def test_the_queue_export_has_dates_as_dates_and_text_as_text(
    fresh_engine: Engine, tmp_path: Path
) -> None:
    store = Store(fresh_engine, fresh_engine.url)
    now = datetime.now(UTC).replace(microsecond=0)
    with store.session() as s:
        operator = factories.employee(s)
        for i, name in enumerate([*HOSTILE, CONTROL]):
            c = factories.client(s, name)
            p = factories.person(s, c, last="=cmd|' /C calc'!A0" if i == 0 else "Петракова")
            factories.phone(s, p, digits="+78112590051" if i == 0 else "078112590051")
            factories.work(s, c, now - timedelta(minutes=i), person=p)
        flt = work_queue.SessionFilter(start=now - timedelta(days=1), end=now + timedelta(days=1))
        rows = work_queue.rows(s, operator.id, flt, now=now, grace=timedelta(hours=1))
        operator_id = operator.id
    assert len(rows) == len(HOSTILE) + 1 and operator_id
    target = tmp_path / "queue.xlsx"
    assert export_queue(rows, target) == len(rows)
    sheet = sheet_of(target)
    assert_readable(sheet, QUEUE_HEADERS)
    by_number = {r.number: r for r in rows}
    clients = set()
    for r in sheet.iter_rows(min_row=2):
        planned, number, client, person, phone = r[0], r[1], r[2], r[3], r[4]
        assert planned.data_type == "d" and planned.number_format == "dd.mm.yyyy hh:mm"
        row = by_number[number.value]
        assert planned.value == row.planned_at.astimezone().replace(tzinfo=None)
        assert number.data_type == "n"
        assert client.data_type == person.data_type == phone.data_type == "s"
        assert phone.value == row.phone  # a phone is text, even "+7…" or with a leading zero
        assert person.value == row.person
        assert client.value == row.client.replace("\x07", "\ufffd").replace("\x1b", "\ufffd")
        clients.add(client.value.split(" - ", 1)[1])  # "REG_NUMBER - NAME"
    assert clients == {*HOSTILE, CONTROL_SHOWN}


def test_a_refused_queue_file_is_words(tmp_path: Path) -> None:
    with pytest.raises(UserError, match="нет"):
        export_queue([], tmp_path / "missing" / "queue.xlsx")
    assert export_queue([], tmp_path / "empty.xlsx") == 0
    sheet = sheet_of(tmp_path / "empty.xlsx")
    assert sheet.auto_filter.ref == "A1:J1" and sheet.freeze_panes == "A2"
