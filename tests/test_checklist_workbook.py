"""Check-lists to and from Excel: the supervisors' sample, the round trip, hostile workbooks and
the two commands."""

from __future__ import annotations

import unicodedata
import zipfile
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.styles import Font
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ric_desk.checklists import templates
from ric_desk.checklists.defaults import default_drafts
from ric_desk.checklists.templates import CriterionDraft, SectionDraft, TemplateDraft
from ric_desk.checklists.workbook import read_checklists, write_checklist
from ric_desk.cli import main
from ric_desk.errors import UserError
from ric_desk.models import ChecklistSection, ChecklistVersion
from ric_desk.models.checklists import Scale

# a copy of ../shared/samples/checklist-sept-2020.xlsx: the supervisors' workbook, as it is
SAMPLE = Path(__file__).resolve().parent / "data" / "checklist-sept-2020.xlsx"
SAMPLE_TITLE = "Чек-лист знакомство с новым Клиентом/пользователем/расширение контакта"
EMPTY_SHEETS = ["Вовлечение в сервис", "Вовлечение в систему", "Вывод новостей", "ОС", "Оплата"]
EMPTY_SHEETS += ["ФК"]


@pytest.fixture
def sample() -> Path:
    return SAMPLE


def test_the_sample_is_read_as_it_is(sample: Path) -> None:
    contents = read_checklists(sample)
    assert contents.empty_sheets == EMPTY_SHEETS
    [draft] = contents.drafts
    assert (draft.name, draft.sheet_name, draft.stage_id) == (SAMPLE_TITLE, "Знакомство", None)
    assert [s.title for s in draft.sections] == [
        "Установление контакта",
        "Информирование о своем функционале",
        "Выявление потребностей/диагностика",
    ]
    assert [len(s.criteria) for s in draft.sections] == [5, 2, 1]
    texts = [c.text for s in draft.sections for c in s.criteria]
    assert texts[0] == "приветствие, представление себя и компании"
    assert texts[5] == "озвучил перечень вопросов, которые будет решать с Клиентом/для Клиента"
    assert texts[7].startswith('Вход : "Чтобы наше взаимодействие')  # a row without «-»
    every = [c for s in draft.sections for c in s.criteria]
    assert all(c == CriterionDraft(c.text) for c in every)  # the defaults: yes/no, 1 point
    assert [s.weight for s in draft.sections] == [1, 1, 1] and draft.pass_mark == 80
    # the default «Знакомство» is the sample itself
    assert draft.content() == default_drafts()[0].content()


texts = (
    st.text(
        st.characters(codec="utf-8", categories=["L", "N", "P", "Zs", "S"]), min_size=1, max_size=40
    )
    .map(lambda t: " ".join(unicodedata.normalize("NFC", t).split()))
    .filter(bool)
)
criterion_drafts = st.builds(
    CriterionDraft,
    text=texts,
    hint=st.one_of(st.none(), texts),
    scale=st.sampled_from(Scale),
    points=st.integers(1, 100),
    critical=st.booleans(),
    may_be_na=st.booleans(),
    comment_on_miss=st.booleans(),
)
section_drafts = st.builds(
    SectionDraft,
    title=texts.filter(lambda t: not t.startswith("-")),
    weight=st.integers(1, 100),
    criteria=st.lists(criterion_drafts, min_size=1, max_size=4),
)
drafts = st.builds(
    TemplateDraft,
    name=texts,
    sheet_name=st.text(st.characters(categories=["L", "N"]), min_size=1, max_size=31).filter(
        lambda t: unicodedata.normalize("NFC", t) == t
    ),
    sections=st.lists(section_drafts, min_size=1, max_size=4),
    pass_mark=st.integers(0, 100),
    stage_id=st.one_of(st.none(), st.integers(1, 7)),
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(draft=drafts)
def test_export_then_import_gives_the_same_check_list(draft: TemplateDraft, tmp_path: Path) -> None:
    target = tmp_path / "round.xlsx"
    write_checklist(draft, target)
    contents = read_checklists(target)
    assert contents.drafts == [draft] and contents.empty_sheets == []


def test_text_that_looks_like_a_formula_stays_text(tmp_path: Path) -> None:
    draft = TemplateDraft(
        name='=HYPERLINK("http://x")',
        sheet_name="Формулы",
        sections=[
            SectionDraft(
                "+7 (911) звонок",
                criteria=[
                    CriterionDraft("=1+1", hint="@SUM(A1)"),
                    CriterionDraft("#N/A", hint="первая строка\nвторая строка"),
                    CriterionDraft("многострочный\nкритерий"),
                    CriterionDraft("- уже с чертой"),
                ],
            )
        ],
    )
    write_checklist(draft, tmp_path / "f.xlsx")
    sheet = openpyxl.load_workbook(tmp_path / "f.xlsx").active
    assert sheet is not None
    cells = [c for row in sheet.iter_rows() for c in row if isinstance(c.value, str)]
    assert len(cells) > 10 and all(c.data_type == "s" for c in cells)
    assert read_checklists(tmp_path / "f.xlsx").drafts == [draft]


def test_every_default_check_list_round_trips(tmp_path: Path) -> None:
    for number, draft in enumerate(default_drafts()):
        write_checklist(draft, tmp_path / f"{number}.xlsx")
        assert read_checklists(tmp_path / f"{number}.xlsx").drafts == [draft]


# ------------------------------------------------------------------------------ malformed


def good_book() -> openpyxl.Workbook:
    """A small workbook in the supervisors' layout (as the sample)."""
    book = openpyxl.Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Знакомство"
    bold = Font(bold=True)
    rows: list[tuple[str, bool]] = [
        ("Чек-лист знакомство", True),
        ("Установление контакта", True),
        ("- приветствие", False),
        ("- обращается по имени", False),
        ("Договоренность", True),
        ("- дата следующего звонка", False),
    ]
    for number, (text, is_bold) in enumerate(rows, start=1):
        sheet.cell(number, 1, text).font = Font(bold=is_bold)
    sheet["B2"] = "Оценка"
    sheet["A1"].font = bold
    return book


def _save(book: openpyxl.Workbook, path: Path) -> Path:
    book.save(path)
    return path


def _patched(path: Path, old: bytes, new: bytes) -> Path:
    with zipfile.ZipFile(path) as archive:
        parts = {n: archive.read(n) for n in archive.namelist()}
    members = [n for n, data in parts.items() if old in data]
    assert members, old
    for member in members:
        parts[member] = parts[member].replace(old, new)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return path


def _bad_files(folder: Path) -> dict[str, tuple[Path, str]]:
    cases: dict[str, tuple[Path, str]] = {}

    def book_case(name: str, words: str, change: Callable[[openpyxl.Workbook], None]) -> None:
        book = good_book()
        change(book)
        cases[name] = (_save(book, folder / f"{name}.xlsx"), words)

    def sheet(book: openpyxl.Workbook) -> openpyxl.worksheet.worksheet.Worksheet:
        active = book.active
        assert active is not None
        return active  # type: ignore[return-value]

    text = folder / "text.xlsx"
    text.write_text("Раздел;Критерий\n", encoding="utf-8")
    cases["not xlsx"] = (text, "«text.xlsx» не является книгой Excel .xlsx или повреждён")
    old = folder / "old.xlsx"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600)
    cases["old xls"] = (old, "книга Excel старого формата (.xls)")
    empty = folder / "empty.xlsx"
    empty.write_bytes(b"")
    cases["empty file"] = (empty, "Файл «empty.xlsx» пуст")
    bomb = folder / "bomb.xlsx"
    with zipfile.ZipFile(bomb, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/worksheets/sheet1.xml", b"<a>" + b" " * (8 * 1024 * 1024) + b"</a>")
    cases["zip bomb"] = (bomb, "распаковывается в 8 МБ, а можно не больше 5 МБ")

    def all_empty(book: openpyxl.Workbook) -> None:
        book.remove(sheet(book))
        book.create_sheet("ОС")
        book.create_sheet("ФК")

    book_case("all sheets empty", "нет ни одного чек-листа: все листы пусты", all_empty)
    book_case(
        "no score column",
        "Лист «Знакомство»: не найдена колонка «Оценка»",
        lambda b: sheet(b).__setitem__("B2", None),
    )
    book_case(
        "text in the score column",
        "Лист «Знакомство», строка 3: в колонке «Оценка» (ячейка B3) «хорошо»",
        lambda b: sheet(b).__setitem__("B3", "хорошо"),
    )

    def points(value: object) -> Callable[[openpyxl.Workbook], None]:
        def change(book: openpyxl.Workbook) -> None:
            sheet(book)["C2"] = "Баллы"
            sheet(book)["C4"] = value

        return change

    book_case(
        "negative points",
        "строка 4: в колонке «Баллы» (ячейка C4) -3, а нужно от 1 до 100",
        points(-3),
    )
    book_case(
        "huge points",
        "строка 4: в колонке «Баллы» (ячейка C4) слишком большое число",
        points(10**20),
    )
    book_case("points as words", "(ячейка C4) «пять», а нужно целое число", points("пять"))
    book_case(
        "a 10k-char criterion",
        "строка 3: поле «критерий» длиннее 2000 знаков (здесь 10000)",
        lambda b: sheet(b).__setitem__("A3", "- " + "я" * 10_000),
    )
    book_case(
        "a C1 control character",
        "строка 4: в поле «критерий» есть управляющие символы",
        lambda b: sheet(b).__setitem__("A4", "- обращается\x90 по имени"),
    )
    book_case(
        "a tab in a section's title",
        "строка 5: в поле «раздел» есть управляющие символы",
        lambda b: sheet(b).__setitem__("A5", "Договор\tенность"),
    )
    book_case(
        "an escaped control character",
        "строка 3: в ячейке A3 управляющие символы (Excel пишет их как _x0001_)",
        lambda b: sheet(b).__setitem__("A3", "- привет_x0000_ствие"),
    )
    book = good_book()
    book.active["A3"] = "- NULHERE"  # type: ignore[index]
    nul = _save(book, folder / "nul.xlsx")
    cases["a NUL in the XML"] = (
        _patched(nul, b"NULHERE", b"&#0;"),
        "«nul.xlsx» не является книгой Excel .xlsx или повреждён",
    )
    book = good_book()
    book.active.title = "Main"  # type: ignore[union-attr]
    book.create_sheet("Mainx")
    twins = _save(book, folder / "twins.xlsx")
    cases["duplicate sheet names"] = (
        _patched(twins, b'name="Mainx"', b'name="MAIN"'),
        "два листа называются «MAIN»",
    )

    def same_title(book: openpyxl.Workbook) -> None:
        copy = book.copy_worksheet(sheet(book))
        copy.title = "ОС"

    book_case(
        "duplicate check-list titles",
        "Лист «ОС»: чек-лист «Чек-лист знакомство» уже есть на листе «Знакомство»",
        same_title,
    )

    def lonely_section(book: openpyxl.Workbook) -> None:
        sheet(book)["A7"] = "Итоги"
        sheet(book)["A7"].font = Font(bold=True)

    book_case(
        "a section without criteria",
        "Лист «Знакомство», строка 7: в разделе «Итоги» нет ни одного критерия",
        lonely_section,
    )

    def criterion_first(book: openpyxl.Workbook) -> None:
        ws = sheet(book)
        ws.insert_rows(2)
        ws["A2"] = "- до всех разделов"

    book_case(
        "a criterion before any section",
        "строка 2: критерий «до всех разделов» стоит до первого раздела",
        criterion_first,
    )
    book_case(
        "a formula",
        "строка 6: в ячейке A6 формула",
        lambda b: sheet(b).__setitem__("A6", '=CONCAT("- ", "звонок")'),
    )
    book_case(
        "merged rows",
        "строка 3: объединённые ячейки A3:A4",
        lambda b: sheet(b).merge_cells("A3:A4"),
    )
    book_case(
        "an unknown column",
        "строка 2: неизвестная колонка «Итого» (ячейка C2)",
        lambda b: sheet(b).__setitem__("C2", "Итого"),
    )
    book_case(
        "a cell without a header",
        "строка 3: в ячейке D3 «заметка», а у её колонки нет заголовка",
        lambda b: sheet(b).__setitem__("D3", "заметка"),
    )

    def scale(book: openpyxl.Workbook) -> None:
        sheet(book)["C2"] = "Шкала"
        sheet(book)["C3"] = "0-10"

    book_case("a scale unknown", "строка 3: в колонке «Шкала» (ячейка C3) «0-10»", scale)

    def flag(book: openpyxl.Workbook) -> None:
        sheet(book)["C2"] = "Критичный"
        sheet(book)["C3"] = "очень"

    book_case("a flag neither yes nor empty", "«очень», а нужно «да» или пусто", flag)

    def weight_on_criterion(book: openpyxl.Workbook) -> None:
        sheet(book)["C2"] = "Вес раздела"
        sheet(book)["C3"] = 2

    book_case(
        "a weight on a criterion",
        "строка 3: критерий «приветствие»: «Вес раздела» пишут в строке раздела",
        weight_on_criterion,
    )
    book_case(
        "an unknown cell by the title",
        "строка 1: в ячейке C1 «Автор»",
        lambda b: sheet(b).__setitem__("C1", "Автор"),
    )

    def many_sheets(book: openpyxl.Workbook) -> None:
        for number in range(499):
            book.create_sheet(f"Лист{number}")

    book_case("500 sheets", "В книге «500 sheets.xlsx» 500 листов", many_sheets)
    return cases


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    return _bad_files(tmp_path_factory.mktemp("bad-checklists"))


def test_the_malformed_cases_are_many(bad_files: dict[str, tuple[Path, str]]) -> None:
    assert len(bad_files) >= 25


def test_a_malformed_workbook_is_rejected_with_where_and_why(
    bad_files: dict[str, tuple[Path, str]],
) -> None:
    for case, (path, words) in bad_files.items():
        with pytest.raises(UserError) as caught:
            read_checklists(path)
        assert words in caught.value.message, (case, caught.value.message)


def test_the_good_base_workbook_is_accepted(tmp_path: Path) -> None:
    [draft] = read_checklists(_save(good_book(), tmp_path / "good.xlsx")).drafts
    assert [len(s.criteria) for s in draft.sections] == [2, 1]
    assert draft.name == "Чек-лист знакомство"


# ------------------------------------------------------------------------------ command line


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def versions_count(engine: Engine) -> int:
    with Session(engine) as s:
        return s.scalar(select(func.count()).select_from(ChecklistVersion)) or 0


def test_cli_import_export_round_trip(
    capsys: pytest.CaptureFixture[str], fresh_engine: Engine, sample: Path, tmp_path: Path
) -> None:
    url = fresh_engine.url.render_as_string(hide_password=False)
    code, out, err = run(capsys, "--db", url, "import", "checklist", str(sample))
    assert (code, err) == (0, "")
    assert out.splitlines() == [
        f"Чек-лист «{SAMPLE_TITLE}» (лист «Знакомство»): без изменений, версия 1.",
        "Пустые листы пропущены: " + ", ".join(f"«{n}»" for n in EMPTY_SHEETS) + ".",
    ]
    assert versions_count(fresh_engine) == 7

    exported = tmp_path / "os.xlsx"
    code, out, err = run(capsys, "--db", url, "export", "checklist", "ОС", str(exported))
    assert (code, err) == (0, "") and "версия 1" in out and "(лист «ОС»)" in out
    code, out, _ = run(capsys, "--db", url, "import", "checklist", str(exported))
    assert code == 0 and "без изменений, версия 1" in out and versions_count(fresh_engine) == 7

    book = openpyxl.load_workbook(exported)
    sheet = book["ОС"]
    assert sheet["A1"].value == "Чек-лист получение обратной связи (ОС)"
    assert sheet["B2"].value == "Оценка" and sheet["A3"].font.b
    sheet["C4"] = 5  # the first criterion's points
    book.save(exported)
    code, out, _ = run(capsys, "--db", url, "import", "checklist", str(exported))
    assert code == 0
    assert out.strip() == (
        "Чек-лист «Чек-лист получение обратной связи (ОС)» (лист «ОС»): загружена версия 2, "
        "этап 6: разделов 3, критериев 8."
    )
    with Session(fresh_engine) as s:
        latest = templates.latest(s, "ОС")
        assert latest is not None and latest.number == 2
        assert latest.sections[0].criteria[0].points == 5
        first = s.scalar(
            select(ChecklistVersion).where(
                ChecklistVersion.template_id == latest.template_id, ChecklistVersion.number == 1
            )
        )
        assert first is not None and first.sections[0].criteria[0].points == 1

    by_title = tmp_path / "by-title.xlsx"
    code, _, _ = run(capsys, "--db", url, "export", "checklist", SAMPLE_TITLE, str(by_title))
    assert code == 0 and read_checklists(by_title).drafts[0].sheet_name == "Знакомство"


def test_cli_refusals_are_one_line_exit_1_and_write_nothing(
    capsys: pytest.CaptureFixture[str],
    fresh_engine: Engine,
    tmp_path: Path,
    bad_files: dict[str, tuple[Path, str]],
) -> None:
    url = fresh_engine.url.render_as_string(hide_password=False)
    before = versions_count(fresh_engine)
    for case, (path, words) in bad_files.items():
        code, out, err = run(capsys, "--db", url, "import", "checklist", str(path))
        assert code == 1 and out == "", case
        assert err.startswith("ric-desk: ") and words in err, (case, err)
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, case
    with Session(fresh_engine) as s:
        sections = s.scalar(select(func.count()).select_from(ChecklistSection))

    # a good sheet next to one the database refuses: neither is written
    book = good_book()
    book.active.title = "Новый"  # type: ignore[union-attr]
    clash = book.copy_worksheet(book["Новый"])
    clash.title = "Знакомство"
    clash["A1"] = "Другой чек-лист на чужом листе"
    mixed = _save(book, tmp_path / "mixed.xlsx")
    code, _, err = run(capsys, "--db", url, "import", "checklist", str(mixed))
    assert code == 1 and "Лист «Знакомство» в базе — у чек-листа" in err
    staged = good_book()
    staged.active["C1"] = "Этап"  # type: ignore[index]
    staged.active["D1"] = 9  # type: ignore[index]
    code, _, err = run(
        capsys, "--db", url, "import", "checklist", str(_save(staged, tmp_path / "s.xlsx"))
    )
    assert code == 1 and "этапа 9 нет" in err
    assert versions_count(fresh_engine) == before
    with Session(fresh_engine) as s:
        assert s.scalar(select(func.count()).select_from(ChecklistSection)) == sections

    target = tmp_path / "x.xlsx"
    code, _, err = run(capsys, "--db", url, "export", "checklist", "Нет такого", str(target))
    assert code == 1 and "Чека-листа" not in err
    assert "Чек-листа «Нет такого» нет в базе: назовите его заголовок или лист:" in err
    assert "«Знакомство»" in err and not target.exists()
    code, _, err = run(capsys, "--db", url, "export", "checklist", "ОС", str(tmp_path / "x.docx"))
    assert code == 1 and "должен называться *.xlsx" in err
    code, _, err = run(capsys, "--db", url, "import", "checklist", str(tmp_path / "nothing.xlsx"))
    assert code == 1 and "Файл «" in err and "не найден" in err
