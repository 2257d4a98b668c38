"""The contact report's output: the .xlsx (grouping, formats, title), the .csv, the command line
and the saved configurations (on both databases)."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import openpyxl
import pytest
from sqlalchemy import Engine, select, text
from sqlalchemy.orm import Session

from ric_desk.actor import Actor, Role
from ric_desk.cli import main
from ric_desk.clients import lookups
from ric_desk.demo.generator import generate
from ric_desk.errors import NotAllowed, NotFound, UserError
from ric_desk.export_xlsx import ExportFailed
from ric_desk.models.functional_map import SegmentType
from ric_desk.reports import configs, pivot, service
from ric_desk.reports.errors import ReportError
from ric_desk.reports.export import (
    DURATION_FORMAT,
    RED,
    SHARE_FORMAT,
    check_out,
    write_csv,
    write_xlsx,
)
from ric_desk.reports.names import DIMENSIONS, RULE, SEED_MEASURES
from ric_desk.reports.spec import Period, ReportSpec
from ric_desk.store import Store
from tests import factories

HOSTILE = ['=HYPERLINK("http://x","y")', "+1", "-2", "@SUM(A1)", "#N/A"]

# -- a small hand-made report (the engine's contract) -------------------------------------------


@dataclass(frozen=True)
class FakeGroup:
    level: int
    key: tuple[Any, ...]
    size: int
    values: dict[str, int | float | None]
    cells: dict[tuple[Any, ...], dict[str, int | float | None]] = field(default_factory=dict)


class FakeReport:
    def __init__(
        self,
        spec: ReportSpec,
        groups: list[FakeGroup],
        labels: dict[tuple[str, Any], str],
        columns: list[tuple[Any, ...]] = (),  # type: ignore[assignment]
    ) -> None:
        self.spec = spec
        self.period = Period(date(2026, 3, 1), date(2026, 3, 31))
        self.columns = list(columns)
        self.groups = groups
        self.total = groups[0]
        self.labels = labels

    def walk(self, depth: int | None = None) -> Iterator[FakeGroup]:
        return iter(self.groups)

    def label(self, dim: str, value: Any) -> str:
        return "(не указано)" if value is None else self.labels[dim, value]

    def script_value(self, dim: str, value: Any) -> str:
        return str(value)

    def column_title(self, key: tuple[Any, ...]) -> str:
        return " / ".join(self.label(d, v) for d, v in zip(self.spec.cols, key, strict=True))


MEASURES4 = ("works", "successful_share", "avg_duration", "deviation")
LABELS: dict[tuple[str, Any], str] = {
    ("operator", 1): "Кузнецова Ю.Б.",
    ("operator", 2): HOSTILE[0],
    ("reason", 10): "Не берут трубку.",
    ("reason", 11): "Этап 4_Вывод новшеств",
    ("month", "2026-03"): "Март 2026",
    ("successful", True): "Успешный",
    ("successful", False): "Неуспешный",
}


def values(works: int, share: float | None, avg: float | None, deviation: int) -> dict[str, Any]:
    return {
        "works": works,
        "successful_share": share,
        "avg_duration": avg,
        "deviation": deviation,
    }


def fake_report(collapsed_from: int | None = None) -> FakeReport:
    spec = ReportSpec(
        rows=("operator", "reason"), measures=MEASURES4, collapsed_from=collapsed_from
    )
    groups = [
        FakeGroup(0, (), 3, values(324, 0.25, 3725.5, -53)),
        FakeGroup(1, (1,), 2, values(300, 0.5, 60.0, 4)),
        FakeGroup(2, (1, 10), 0, values(114, 0.125, 30.0, -27)),
        FakeGroup(2, (1, 11), 0, values(186, None, None, 13)),
        FakeGroup(1, (2,), 1, values(24, 0.0, 90.0, -2)),
        FakeGroup(2, (2, 10), 0, values(24, 0.0, 90.0, -2)),
        FakeGroup(1, (None,), 1, values(1, 1.0, 10.0, 0)),
        FakeGroup(2, (None, None), 0, values(1, 1.0, 10.0, 0)),
    ]
    return FakeReport(spec, groups, LABELS)


def fake_report_with_columns() -> FakeReport:
    spec = ReportSpec(
        rows=("operator",), cols=("month", "successful"), measures=("works", "deviation")
    )
    a, b = ("2026-03", True), ("2026-03", False)
    groups = [
        FakeGroup(
            0,
            (),
            1,
            {"works": 5, "deviation": -1},
            {a: {"works": 3, "deviation": 2}, b: {"works": 2, "deviation": -3}},
        ),
        FakeGroup(
            1,
            (1,),
            0,
            {"works": 5, "deviation": -1},
            {a: {"works": 3, "deviation": 2}, b: {"works": 2, "deviation": -3}},
        ),
    ]
    return FakeReport(spec, groups, LABELS, columns=[a, b])


# -- .xlsx ----------------------------------------------------------------------------------------


def data_rows(sheet: Any) -> tuple[int, list[Any]]:
    """The first data row (under the frozen header) and the rows from it."""
    first = int(sheet.freeze_panes[1:])
    return first, list(sheet.iter_rows(min_row=first))


def test_the_xlsx_keeps_the_grouping_formats_and_title(tmp_path: Path) -> None:
    path = tmp_path / "отчёт.xlsx"
    report = fake_report()
    made = datetime(2026, 4, 1, 9, 30)
    assert write_xlsx(report, path, "Моя настройка", made_at=made) == 8  # type: ignore[arg-type]
    assert not list(tmp_path.glob("*.part"))
    sheet = openpyxl.load_workbook(path).active
    titles = [sheet.cell(row=r, column=1).value for r in range(1, 10)]
    assert titles[0] == "Отчёт по контактам с клиентами"
    assert "Настройка: «Моя настройка»" in titles
    assert "Период: 01.03.2026 – 31.03.2026" in titles
    assert "Строки: Специалист → Причина/результат действия" in titles
    assert f"Как считается: {RULE}" in titles
    assert "Сформирован: 01.04.2026 09:30" in titles
    first, rows = data_rows(sheet)
    assert sheet.freeze_panes == f"B{first}"
    header = [c.value for c in sheet[first - 1]]
    assert header == [
        "Специалист → Причина/результат действия",
        "Работ",
        "Доля успешных",
        "Средняя длительность",
        "Отклонение (план − факт)",
    ]
    assert [r[0].value for r in rows] == [
        "Итого (3)",
        "Кузнецова Ю.Б. (2)",
        "Не берут трубку.",
        "Этап 4_Вывод новшеств",
        HOSTILE[0] + " (1)",
        "Не берут трубку.",
        "(не указано) (1)",
        "(не указано)",
    ]
    levels = [sheet.row_dimensions[first + i].outlineLevel for i in range(len(rows))]
    assert levels == [0, 0, 1, 1, 0, 1, 0, 1]
    assert not any(sheet.row_dimensions[first + i].hidden for i in range(len(rows)))
    assert sheet.sheet_properties.outlinePr.summaryBelow is False
    total = rows[0]
    assert total[0].font.b and rows[1][0].font.b and not rows[2][0].font.b
    assert [c.value for c in total[1:]] == [324, 0.25, timedelta(seconds=3725.5), -53]  # a time
    assert [c.number_format for c in total[1:]] == ["#,##0", SHARE_FORMAT, DURATION_FORMAT, "#,##0"]
    assert total[4].font.color.rgb == RED and total[4].font.b
    assert rows[2][4].value == -27 and rows[2][4].font.color.rgb == RED
    assert rows[1][4].value == 4 and (
        rows[1][4].font.color is None or rows[1][4].font.color.rgb != RED
    )
    assert rows[3][2].value is None and rows[3][3].value is None  # no share, no average: empty
    assert rows[1][0].alignment.indent == 2 and rows[2][0].alignment.indent == 4
    hostile = rows[4][0]
    assert hostile.data_type == "s" and hostile.quotePrefix  # text, never a formula


def test_the_xlsx_opens_collapsed_from_the_configured_level(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    write_xlsx(fake_report(collapsed_from=1), path, None)  # type: ignore[arg-type]
    sheet = openpyxl.load_workbook(path).active
    first, rows = data_rows(sheet)
    hidden = [bool(sheet.row_dimensions[first + i].hidden) for i in range(len(rows))]
    assert hidden == [False, False, True, True, False, True, False, True]
    assert sheet.row_dimensions[first + 1].collapsed
    assert "Настройка: без названия" in [sheet.cell(row=r, column=1).value for r in range(1, 5)]


def test_the_xlsx_with_columns_has_a_two_row_header(tmp_path: Path) -> None:
    path = tmp_path / "r.xlsx"
    write_xlsx(fake_report_with_columns(), path, "c")  # type: ignore[arg-type]
    sheet = openpyxl.load_workbook(path).active
    first, rows = data_rows(sheet)
    keys = [c.value for c in sheet[first - 2]]
    measures = [c.value for c in sheet[first - 1]]
    assert (
        keys[1] == "Итого"
        and keys[3] == "Март 2026 / Успешный"
        and keys[5] == "Март 2026 / Неуспешный"
    )
    assert measures[1:] == ["Работ", "Отклонение (план − факт)"] * 3
    assert [c.value for c in rows[0][1:]] == [5, -1, 3, 2, 2, -3]
    merged = {str(m) for m in sheet.merged_cells.ranges}
    assert f"B{first - 2}:C{first - 2}" in merged and f"A{first - 2}:A{first - 1}" in merged
    assert "Колонки: Месяц → Успешность" in [sheet.cell(row=r, column=1).value for r in range(1, 8)]


def test_an_unwritable_or_wrong_file_is_refused_in_words(tmp_path: Path) -> None:
    report = fake_report()
    with pytest.raises(ExportFailed, match="папка"):
        write_xlsx(report, tmp_path, None)  # type: ignore[arg-type]
    with pytest.raises(ExportFailed, match=r"\*\.xlsx или \*\.csv"):
        check_out(tmp_path / "r.pdf")
    with pytest.raises(ExportFailed, match=r"Папки .* нет"):
        write_csv(report, tmp_path / "нет" / "r.csv")  # type: ignore[arg-type]


def test_a_place_without_access_is_refused_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    opened = Path.open

    def denied(self: Path, *args: Any, **kwargs: Any) -> Any:
        if self.name.endswith(".part"):
            raise PermissionError(13, "Permission denied")
        return opened(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", denied)
    with pytest.raises(ExportFailed, match=r"r\.xlsx не записан: нет доступа"):
        write_xlsx(fake_report(), tmp_path / "r.xlsx", None)  # type: ignore[arg-type]
    with pytest.raises(ExportFailed, match=r"r\.csv не записан: нет доступа"):
        write_csv(fake_report(), tmp_path / "r.csv")  # type: ignore[arg-type]
    assert not list(tmp_path.iterdir())


def test_a_failed_write_leaves_neither_the_file_nor_its_part(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"old")

    def broken(self: Any, target: Any) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(openpyxl.Workbook, "save", broken)
    with pytest.raises(ExportFailed, match="на диске нет места"):
        write_xlsx(fake_report(), path, None)  # type: ignore[arg-type]
    assert path.read_bytes() == b"old" and not list(tmp_path.glob("*.part"))


def test_a_report_larger_than_a_sheet_is_refused_in_words(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from ric_desk.reports import export

    monkeypatch.setattr(export, "EXCEL_ROWS", 15)  # the header ends on row 11 or so
    with pytest.raises(ExportFailed, match="больше строк, чем помещается на листе Excel"):
        write_xlsx(fake_report(), tmp_path / "r.xlsx", None)  # type: ignore[arg-type]
    monkeypatch.setattr(export, "EXCEL_COLUMNS", 6)
    with pytest.raises(ExportFailed, match="7 колонок"):
        write_xlsx(fake_report_with_columns(), tmp_path / "r.xlsx", None)  # type: ignore[arg-type]
    assert not list(tmp_path.iterdir())


# -- .csv -------------------------------------------------------------------------------------


def test_the_csv_has_the_flat_cells() -> None:
    out = io.StringIO()
    assert write_csv(fake_report(), out) == 8  # type: ignore[arg-type]
    lines = list(csv.reader(io.StringIO(out.getvalue())))
    assert lines[0] == ["level", "operator", "reason", *MEASURES4]
    assert lines[1] == ["0", "", "", "324", "0.25", "3725.5", "-53"]
    assert lines[2] == ["1", "1", "", "300", "0.5", "60", "4"]
    assert lines[3] == ["2", "1", "10", "114", "0.125", "30", "-27"]
    assert lines[4] == ["2", "1", "11", "186", "", "", "13"]
    assert lines[8] == ["2", "", "", "1", "1", "10", "0"]


def test_the_csv_with_columns_names_each_key(tmp_path: Path) -> None:
    path = tmp_path / "r.csv"
    write_csv(fake_report_with_columns(), path)  # type: ignore[arg-type]
    lines = list(csv.reader(path.open(encoding="utf-8")))
    assert lines[0] == [
        "level",
        "operator",
        "works",
        "deviation",
        "works@2026-03/True",
        "deviation@2026-03/True",
        "works@2026-03/False",
        "deviation@2026-03/False",
    ]
    assert lines[1] == ["0", "", "5", "-1", "3", "2", "2", "-3"]


# -- saved configurations (both databases) ----------------------------------------------------


def actor_of(session: Session, role: Role = Role.OPERATOR) -> Actor:
    e = factories.employee(session, role=role)
    return Actor(e.id, e.login, role, e.full_name)


SPEC = ReportSpec(rows=("operator", "month"), cols=("successful",), measures=("works", "contacts"))


def names(session: Session, actor: Actor | None) -> list[str]:
    return [c.name for c in configs.list_configs(session, actor)]


def test_configs_are_own_shared_or_builtin(session: Session) -> None:
    ann, bob = actor_of(session), actor_of(session)
    boss = actor_of(session, Role.DIRECTOR)
    done = configs.save_config(session, ann, "  Моя  ", SPEC, False)
    assert done.value == configs.SavedConfig("Моя", SPEC, False, ann.login)
    configs.save_config(session, ann, "Б-настройка", SPEC.with_(rows=("reason",)), False)
    configs.save_config(session, bob, "Боба", SPEC, False)
    configs.save_config(session, boss, "Для всех", SPEC, True)
    configs.save_config(session, boss, "Моя", SPEC, True)  # the same name as Ann's: both stay
    listed = configs.list_configs(session, ann)
    assert listed[0] == configs.BUILTIN and listed[0].builtin
    assert [(c.name, c.owner) for c in listed[1:]] == [
        ("Б-настройка", ann.login),
        ("Моя", ann.login),
        ("Для всех", boss.login),
        ("Моя", boss.login),
    ]
    assert "Боба" not in names(session, ann)  # others' own configurations are invisible
    assert names(session, None) == [configs.BUILTIN.name, "Для всех", "Моя"]
    # find: own before shared, the spec back as saved
    assert configs.find_config(session, ann, "Моя").owner == ann.login
    assert configs.find_config(session, bob, "Моя").owner == boss.login
    assert configs.find_config(session, ann, "Б-настройка").spec.rows == ("reason",)
    assert configs.find_config(session, ann, " " + configs.BUILTIN.name) is configs.BUILTIN
    with pytest.raises(ReportError, match="Настройки «Боба» нет; есть: «Настройка_причина"):
        configs.find_config(session, ann, "Боба")
    # overwrite own
    configs.save_config(session, ann, "Моя", SPEC.with_(measures=("clients",)), False)
    assert configs.find_config(session, ann, "Моя").spec.measures == ("clients",)
    assert names(session, ann).count("Моя") == 2


def test_the_builtin_config_is_the_seeds(session: Session) -> None:
    builtin = configs.BUILTIN
    assert builtin.name == "Настройка_причина_результат_закрытие"
    assert builtin.spec.rows == ("operator", "reason") and builtin.spec.cols == ()
    assert builtin.spec.measures == SEED_MEASURES and builtin.spec.collapsed_from is None
    boss = actor_of(session, Role.ADMIN)
    with pytest.raises(NotAllowed, match="нельзя перезаписать"):
        configs.save_config(session, boss, builtin.name.upper(), SPEC, True)
    with pytest.raises(NotAllowed, match="нельзя удалить"):
        configs.delete_config(session, boss, builtin.name)
    assert names(session, boss) == [builtin.name]


def test_only_a_director_or_admin_shares_or_removes_shared(session: Session) -> None:
    ann = actor_of(session)
    chief = actor_of(session, Role.SUPERVISOR)
    boss, admin = actor_of(session, Role.DIRECTOR), actor_of(session, Role.ADMIN)
    for who in (ann, chief):
        with pytest.raises(NotAllowed, match="директор или администратор"):
            configs.save_config(session, who, "Общая", SPEC, True)
    configs.save_config(session, boss, "Общая", SPEC, True)
    configs.save_config(session, admin, "Админа", SPEC, True)
    for who in (ann, chief):
        with pytest.raises(NotAllowed, match="удалить её может только директор"):
            configs.delete_config(session, who, "Общая")
    configs.delete_config(session, admin, "Общая")  # another's shared one: an admin may
    configs.delete_config(session, boss, "Админа")
    assert names(session, ann) == [configs.BUILTIN.name]
    with pytest.raises(NotFound, match="Настройки «Общая» нет"):
        configs.delete_config(session, boss, "Общая")
    with pytest.raises(NotAllowed, match="вошедший"):
        configs.save_config(session, None, "x", SPEC, False)
    # anyone deletes their own
    configs.save_config(session, ann, "Своя", SPEC, False)
    configs.delete_config(session, ann, "Своя")
    assert names(session, ann) == [configs.BUILTIN.name]


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Укажите название настройки"),
        ("   ", "Укажите название настройки"),
        ("a\x00b", "управляющие символы"),
        ("строка\nвторая", "управляющие символы"),
        ("x" * 10_000, "длиннее 200 знаков"),
    ],
)
def test_hostile_names_are_refused_in_words(session: Session, name: str, message: str) -> None:
    ann = actor_of(session)
    with pytest.raises(UserError, match=message):
        configs.save_config(session, ann, name, SPEC, False)
    # looking such a name up or deleting it never reaches the database (PostgreSQL refuses NUL)
    with pytest.raises(ReportError, match="нет; есть") as found:
        configs.find_config(session, ann, name)
    assert "\x00" not in found.value.line and len(found.value.line) < 400
    with pytest.raises(NotFound):
        configs.delete_config(session, ann, name)


def test_unusual_but_valid_names_are_kept_as_typed(session: Session) -> None:
    ann = actor_of(session)
    for name in ("\u202eправо-налево\u200f", "=SUM(A1)", "Кавычки «» \"'", "e\u0301", "x" * 200):
        configs.save_config(session, ann, name, SPEC, False)
    stored = names(session, ann)[1:]
    assert "\u202eправо-налево\u200f" in stored and "x" * 200 in stored
    assert "\u00e9" in stored  # composed (NFC), as every stored text
    assert configs.find_config(session, ann, "e\u0301").name == "\u00e9"


@pytest.mark.parametrize(
    "raw",
    [
        '{"rows": ["colour"]}',
        '{"rows": 5}',
        '"text"',
        "null",
        "[1, 2]",
        '{"rows": ["operator"], "measures": []}',
        '{"rows": ["operator"], "filters": {"operator_ids": ["x"]}}',
        '{"rows": ["operator"], "collapsed_from": -1}',
    ],
)
def test_a_broken_spec_in_the_table_is_words(session: Session, raw: str) -> None:
    ann = actor_of(session)
    configs.save_config(session, ann, "Сломанная", SPEC, False)
    configs.save_config(session, ann, "Целая", SPEC, False)
    session.execute(
        text("UPDATE report_config SET spec = :raw WHERE name = 'Сломанная'"), {"raw": raw}
    )
    assert names(session, ann) == [configs.BUILTIN.name, "Целая"]  # the rest still listed
    with pytest.raises(ReportError, match="Настройка «Сломанная» повреждена"):
        configs.find_config(session, ann, "Сломанная")
    configs.save_config(session, ann, "Сломанная", SPEC, False)  # saved anew over it
    assert configs.find_config(session, ann, "Сломанная").spec == SPEC
    configs.delete_config(session, ann, "Сломанная")


# PostgreSQL's json column holds only JSON: SQLite's text can be anything
@pytest.mark.parametrize("backend", ["sqlite"], indirect=True)
def test_a_spec_that_is_not_json_is_words_on_sqlite(session: Session) -> None:
    ann = actor_of(session)
    configs.save_config(session, ann, "Сломанная", SPEC, False)
    session.execute(text("UPDATE report_config SET spec = '{not json'"))
    assert names(session, ann) == [configs.BUILTIN.name]
    with pytest.raises(ReportError, match="повреждена в базе данных"):
        configs.find_config(session, ann, "Сломанная")
    configs.save_config(session, ann, "Сломанная", SPEC, False)
    assert configs.find_config(session, ann, "Сломанная").spec == SPEC


# -- the command line ---------------------------------------------------------------------------

PERIOD = ["--from", "01.09.2026", "--to", "23.11.2026"]
AS_OF = date(2026, 11, 23)


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def url_of(engine: Engine) -> str:
    return engine.url.render_as_string(hide_password=False)


def test_dims_and_measures_list_the_names_scripts_use(
    capsys: pytest.CaptureFixture[str], fresh_engine: Engine
) -> None:
    with Session(fresh_engine) as s:
        segments = sorted(s.scalars(select(SegmentType.name)))
    assert segments  # the default dictionaries have segment types
    code, out, err = run(capsys, "--db", url_of(fresh_engine), "report", "dims")
    assert code == 0, err
    lines = [line.split("\t") for line in out.splitlines()]
    assert [n for n, _t in lines] == [*DIMENSIONS, *(f"segment:{s}" for s in segments)]
    assert ["operator", "Специалист"] in lines
    assert [n for n, _t in lines][:18] == [
        "operator",
        "reason",
        "reason_group",
        "stage",
        "direction",
        "campaign",
        "client",
        "responsible",
        "region",
        "status_group",
        "method",
        "successful",
        "incoming",
        "day",
        "week",
        "month",
        "quarter",
        "year",
    ]
    code, out, err = run(capsys, "--db", url_of(fresh_engine), "report", "measures")
    assert code == 0, err
    assert [line.split("\t")[0] for line in out.splitlines()] == [
        "works",
        "assignments",
        "planned_instruments",
        "used_instruments",
        "used_instruments_in_works",
        "deviation",
        "clients",
        "contacts",
        "successful",
        "successful_share",
        "duration",
        "avg_duration",
        "priz_worked",
        "qc_reviews",
        "qc_avg_score",
        "qc_pass_rate",
        "qc_critical_rate",
    ]
    assert "qc_avg_score\tСредний балл КК" in out.splitlines()


def test_every_refusal_is_one_line_and_exit_1(
    capsys: pytest.CaptureFixture[str], fresh_engine: Engine, tmp_path: Path
) -> None:
    base = ["--db", url_of(fresh_engine), "report", "contacts"]
    out_dir = tmp_path / "out"
    out_dir.mkdir()
    cases = [
        (["--rows", "colour", *PERIOD, "--out", "-"], "Неизвестный разрез: colour"),
        (["--rows", "operator", "--cols", "mood", *PERIOD, "--out", "-"], "Неизвестный разрез"),
        (["--rows", "segment:Нет такого", *PERIOD, "--out", "-"], "segment:Нет такого"),
        (["--rows", "operator", "--cols", "operator", *PERIOD, "--out", "-"], "дважды"),
        (["--rows", "operator", "--measures", "money", *PERIOD, "--out", "-"], "показатель: money"),
        (
            ["--rows", "operator", "--from", "01.10.2026", "--to", "01.09.2026", "--out", "-"],
            "Конец периода 01.09.2026 раньше",
        ),
        (["--rows", "operator", "--from", "31.02.2026", "--to", "01.03.2026"], "31.02.2026"),
        ([*PERIOD, "--out", "-"], "Укажите разрезы строк (--rows"),
        (["--rows", "operator", *PERIOD, "--out", str(out_dir / "нет" / "r.xlsx")], "Папки"),
        (["--rows", "operator", *PERIOD, "--out", str(out_dir / "r.pdf")], "*.xlsx или *.csv"),
        (["--rows", "operator", *PERIOD, "--out", str(out_dir)], "это папка"),
        (
            ["--rows", "operator", *PERIOD, "--operator", "nobody", "--out", "-"],
            "Сотрудник с логином «nobody» не найден",
        ),
        (["--config", "Нет такой", *PERIOD, "--out", "-"], "Настройки «Нет такой» нет; есть:"),
        (["--rows", "operator", *PERIOD, "--author", "nobody", "--out", "-"], "«nobody» не найден"),
    ]
    for args, message in cases:
        code, out, err = run(capsys, *base, *args)
        assert code == 1, (args, err)
        assert message in err and len(err.strip().splitlines()) == 1 and out == "", (args, err)
    assert list(out_dir.iterdir()) == []  # nothing left behind


@pytest.fixture
def demo_url(fresh_engine: Engine) -> str:
    generate(fresh_engine, clients=30, seed=7, as_of=AS_OF)
    return url_of(fresh_engine)


DIRECTOR = ["--author", "barteva_iv"]


def csv_lines(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text)))


def test_the_command_writes_the_same_report_to_stdout_csv_and_xlsx(
    capsys: pytest.CaptureFixture[str], demo_url: str, fresh_engine: Engine, tmp_path: Path
) -> None:
    measures = "works,clients,deviation,successful_share,avg_duration"
    ask = ["--db", demo_url, "report", "contacts", "--rows", "operator,reason"]
    ask += ["--measures", measures, *PERIOD, *DIRECTOR]
    code, out, err = run(capsys, *ask, "--out", "-")
    assert code == 0, err
    lines = csv_lines(out)
    assert lines[0] == ["level", "operator", "reason", *measures.split(",")]
    levels = [row[0] for row in lines[1:]]
    assert levels[0] == "0" and levels.count("0") == 1 and {"1", "2"} <= set(levels)
    assert all(row[1] == row[2] == "" for row in lines[1:] if row[0] == "0")
    assert all(row[1] and row[2] == "" for row in lines[1:] if row[0] == "1")
    total = lines[1]
    # the engine itself gives the same total
    with Session(fresh_engine) as s:
        actor = lookups.actor(s, "barteva_iv")
        assert actor is not None
        spec = ReportSpec(rows=("operator", "reason"), measures=tuple(measures.split(",")))
        period = Period(date(2026, 9, 1), date(2026, 11, 23))
    report = pivot.build(
        service.load(Store(fresh_engine, fresh_engine.url), actor, period, spec), spec
    )
    assert int(total[3]) == report.total.values["works"] > 0
    assert int(total[4]) == report.total.values["clients"]
    assert int(total[5]) == report.total.values["deviation"]

    csv_file = tmp_path / "out" / "отчёт.csv"
    csv_file.parent.mkdir()
    code, out, err = run(capsys, *ask, "--out", str(csv_file))
    assert (code, out, err) == (0, "", "")
    assert csv_file.read_text(encoding="utf-8") == "\n".join(",".join(r) for r in lines) + "\n"

    xlsx_file = tmp_path / "out" / "отчёт.xlsx"
    code, out, err = run(capsys, *ask, "--out", str(xlsx_file))
    assert (code, out, err) == (0, "", "")
    sheet = openpyxl.load_workbook(xlsx_file).active
    first, rows = data_rows(sheet)
    assert len(rows) == len(lines) - 1
    assert [c.value for c in rows[0][1:3]] == [int(total[3]), int(total[4])]
    assert [sheet.row_dimensions[first + i].outlineLevel for i in range(len(rows))] == [
        max(0, int(level) - 1) for level in levels
    ]
    assert "Настройка: без названия" in [sheet.cell(row=r, column=1).value for r in range(1, 8)]
    assert sorted(p.name for p in csv_file.parent.iterdir()) == ["отчёт.csv", "отчёт.xlsx"]


def test_columns_give_a_column_per_key_and_measure(
    capsys: pytest.CaptureFixture[str], demo_url: str
) -> None:
    code, out, err = run(
        capsys,
        *("--db", demo_url, "report", "contacts", "--rows", "operator", "--cols", "successful"),
        *("--measures", "contacts,works", *PERIOD, *DIRECTOR, "--out", "-"),
    )
    assert code == 0, err
    lines = csv_lines(out)
    header = lines[0]
    assert header[:4] == ["level", "operator", "contacts", "works"]
    keyed = header[4:]
    assert keyed and len(keyed) % 2 == 0
    assert all(h.split("@")[0] == m for h, m in zip(keyed, ["contacts", "works"] * 9, strict=False))
    contacts = [i for i, h in enumerate(header) if h.startswith("contacts@")]
    for row in lines[1:]:  # contacts add up over the column keys
        assert int(row[2]) == sum(int(row[i] or 0) for i in contacts)


def test_a_saved_config_is_used_and_explicit_options_replace_its_own(
    capsys: pytest.CaptureFixture[str], demo_url: str, fresh_engine: Engine
) -> None:
    with Session(fresh_engine) as s, s.begin():
        boss = lookups.actor(s, "barteva_iv")
        spec = ReportSpec(rows=("method",), measures=("contacts", "works"))
        configs.save_config(s, boss, "По способам", spec, True)
    base = ["--db", demo_url, "report", "contacts", *PERIOD, "--out", "-"]
    code, by_config, err = run(capsys, *base, *DIRECTOR, "--config", "По способам")
    assert code == 0, err
    code, explicit, err = run(
        capsys, *base, *DIRECTOR, "--rows", "method", "--measures", "contacts,works"
    )
    assert code == 0, err
    assert by_config == explicit and csv_lines(by_config)[0] == [
        "level",
        "method",
        "contacts",
        "works",
    ]
    code, out, err = run(capsys, *base, *DIRECTOR, "--config", "По способам", "--rows", "stage")
    assert code == 0, err
    assert csv_lines(out)[0] == ["level", "stage", "contacts", "works"]
    # the built-in one, for anyone; a shared one, for an operator too
    code, out, err = run(capsys, *base, "--config", configs.BUILTIN.name, "--author", "egorova_ma")
    assert code == 0, err
    assert csv_lines(out)[0] == ["level", "operator", "reason", *SEED_MEASURES]
    code, out, err = run(capsys, *base, "--config", "По способам", "--author", "egorova_ma")
    assert code == 0, err


def test_operators_narrow_the_report_to_their_contacts(
    capsys: pytest.CaptureFixture[str], demo_url: str, fresh_engine: Engine
) -> None:
    base = ["--db", demo_url, "report", "contacts", "--measures", "contacts", *PERIOD, *DIRECTOR]
    code, out, err = run(capsys, *base, "--rows", "operator", "--out", "-")
    assert code == 0, err
    by_operator = {row[1]: int(row[2]) for row in csv_lines(out)[1:] if row[0] == "1"}
    with Session(fresh_engine) as s:
        ids = {login: lookups.employee_id(s, login) for login in ("egorova_ma", "kuznetsova_yb")}
    code, out, err = run(
        capsys, *base, "--rows", "stage", "--operator", "egorova_ma,kuznetsova_yb", "--out", "-"
    )
    assert code == 0, err
    assert int(csv_lines(out)[1][2]) == sum(by_operator.get(str(i), 0) for i in ids.values()) > 0
