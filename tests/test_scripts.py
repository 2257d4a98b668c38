"""Call scripts: Word import and export, the default scripts, the lookup and the command line."""

from __future__ import annotations

import zipfile
from dataclasses import replace
from pathlib import Path

import docx
import pytest
from alembic import command
from docx.document import Document
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ric_desk.cli import main
from ric_desk.db import migrate
from ric_desk.errors import UserError
from ric_desk.models import CallScript, CallScriptVersion, Stage
from ric_desk.resources import load_defaults
from ric_desk.scripts import library
from ric_desk.scripts.answers import join_answers, split_answers
from ric_desk.scripts.defaults import default_drafts
from ric_desk.scripts.docx_io import (
    ANSWERS_LABEL,
    NO_BRANCHES,
    is_answers_title,
    read_script,
    write_script,
)
from ric_desk.scripts.versions import (
    ScriptDraft,
    StepDraft,
    normalize_text,
    publish,
    to_draft,
)

# a copy of ../shared/samples/script-educational-events.docx: the layout RICs keep scripts in
SAMPLE = Path(__file__).resolve().parent / "data" / "script-educational-events.docx"
BRANCHES = ["Посещает", "Не посещает"]


@pytest.fixture(scope="session")
def sample() -> Path:
    return SAMPLE


def om_draft(name: str = "Образовательные мероприятия") -> ScriptDraft:
    return ScriptDraft(
        name=name,
        title="Образовательные мероприятия",
        goal="записать клиента при наличии потребности, на платное, б\\п ОМ",
        tasks=["Собрать ОС", "Согласовать посещение ОМ"],
        branches=list(BRANCHES),
        steps=[
            StepDraft("Установление контакта", ["М.И., мы договаривались с Вами поговорить."]),
            StepDraft(
                "Диагностика",
                ["Вам удалось посетить наш семинар?", "Вам интересно развитие?\nКуда ходите?"],
                join_answers(BRANCHES, ["1. Всё понравилось.", "1. Некогда.\n2. Дорого."]),
            ),
            StepDraft("Договоренность", ["Забронировать место."], "1. Хорошо."),
        ],
    )


# -------------------------------------------------------------------------- the sample's layout


def test_the_sample_imports(sample: Path) -> None:
    draft = read_script(sample)
    assert draft.name == draft.title == "Образовательные мероприятия"  # "2) " numbering dropped
    assert draft.goal == "записать клиента при наличии потребности, на платное, б\\п ОМ"
    assert len(draft.tasks) == 5
    assert draft.tasks[0] == "Собрать ОС, после посещения мероприятия клиентом"
    assert draft.tasks[-1] == "Согласовать дальнейшее информирование и подбор необходимых ОМ"
    assert draft.branches == BRANCHES
    titles = [s.title for s in draft.steps]
    assert titles[0] == "Установление контакта"
    assert titles[1].startswith("Диагностика (Можно пропустить")
    assert titles[2:] == ["Презентация ОМ", "Договоренность"]
    assert not any(is_answers_title(t) for t in titles)  # the answers row is not a step

    greeting, diagnostics = draft.steps[0], draft.steps[1]
    assert len(greeting.texts) == 1  # merged across both branches
    assert greeting.texts[0].startswith("М.И., мы договаривались с Вами")
    assert len(diagnostics.texts) == 2
    assert diagnostics.texts[1].endswith(
        "наиболее актуальны?\nИнформируем подобным образом о других актуальных семинарах."
    )
    assert diagnostics.expected_answers is not None
    answers = split_answers(diagnostics.expected_answers, draft.branches)
    assert answers == [
        "1. Мне всё понравилось. И в дальнейшем буду посещать.\n"
        "2. Не понравилось, тема не раскрыта.",
        "1. Некогда, много работы.\n2. Дорого.\n3. Интересно, запишите меня.",
    ]
    assert all(s.expected_answers is None for s in draft.steps if s is not diagnostics)


def test_the_sample_round_trips_and_the_export_opens_in_word_layout(
    sample: Path, tmp_path: Path
) -> None:
    draft = read_script(sample, name="ОМ")
    assert draft.name == "ОМ"
    out = tmp_path / "out.docx"
    write_script(draft, out)
    assert read_script(out, name="ОМ") == draft

    document = docx.Document(str(out))
    assert document.paragraphs[0].style is not None
    assert document.paragraphs[0].style.name == "Heading 1"
    assert document.paragraphs[0].text == "Образовательные мероприятия"
    assert document.paragraphs[1].text.startswith("ЦЕЛЬ - записать клиента")
    assert [p.text for p in document.paragraphs if p.style and p.style.name == "List Number"] == (
        draft.tasks
    )
    (table,) = document.tables
    assert [c.text for c in table.rows[0].cells][1:] == BRANCHES
    rows = table._tbl.tr_lst
    assert len(rows[1].tc_lst) == 2 and rows[1].tc_lst[1].grid_span == 2  # the merged row
    assert table.rows[3].cells[0].text == ANSWERS_LABEL
    assert table.rows[3].cells[2].text.startswith("1. Некогда, много работы.\n2. Дорого.")


def test_a_script_without_branches_has_one_text_column(tmp_path: Path) -> None:
    draft = ScriptDraft(
        name="ФК",
        title="Сверка функциональной карты",
        steps=[StepDraft("Вопросы", ["Руководитель прежний?\nТелефон прежний?"], "1. Да.")],
    )
    write_script(draft, tmp_path / "fk.docx")
    (table,) = docx.Document(str(tmp_path / "fk.docx")).tables
    assert [c.text for c in table.rows[0].cells][1:] == [NO_BRANCHES]
    assert read_script(tmp_path / "fk.docx", name="ФК") == draft


def test_typed_numbers_and_a_plain_title_are_read(tmp_path: Path) -> None:
    """A document without Word styles: the first paragraph is the title, "1." is typed."""
    document = docx.Document()
    for text in ["Вывод новшеств", "Цель звонка: показать новшества", "Шаги:", "1. Завести"]:
        document.add_paragraph(text)
    document.add_paragraph("2) Показать на инфоповоде")
    table = document.add_table(rows=2, cols=2)
    for cell, text in zip(table._cells, ["", "Текст", "Вход", "Откройте систему."], strict=True):
        cell.text = text
    document.add_paragraph("Примечание после таблицы не часть скрипта.")
    document.save(str(tmp_path / "plain.docx"))
    draft = read_script(tmp_path / "plain.docx")
    assert (draft.title, draft.goal) == ("Вывод новшеств", "показать новшества")
    assert draft.tasks == ["Завести", "Показать на инфоповоде"]
    assert draft.branches == []
    assert draft.steps == [StepDraft("Вход", ["Откройте систему."])]


# ----------------------------------------------------------------------- round trip, any script

_LETTERS = "абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЁЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЫЬЭЮЯ"
_ALPHABET = _LETTERS + "abcXYZ0123456789 .,;:!?-–—«»()/№\"'"

line = st.text(alphabet=_ALPHABET, min_size=1, max_size=25).map(str.strip).filter(bool)
text = (
    st.lists(st.one_of(line, st.just("")), min_size=1, max_size=4)
    .map(lambda lines: normalize_text("\n".join(lines)))
    .filter(bool)
)
cell_text = st.one_of(text, st.just(""))


@st.composite
def drafts(draw: st.DrawFn) -> ScriptDraft:
    branches = draw(
        st.lists(
            line.filter(lambda b: b.casefold() not in {"речь специалиста", "текст"}),
            max_size=3,
            unique=True,
        )
    )
    width = max(len(branches), 1)
    steps = []
    for _ in range(draw(st.integers(1, 4))):
        title = draw(text.filter(lambda t: not is_answers_title(t)))
        merged = width == 1 or draw(st.booleans())
        texts = (
            [draw(cell_text)]
            if merged
            else draw(st.lists(cell_text, min_size=width, max_size=width))
        )
        answers = draw(st.one_of(st.none(), text))
        if len(branches) >= 2 and draw(st.booleans()):
            per_branch = draw(st.lists(cell_text, min_size=width, max_size=width))
            if any(per_branch):
                answers = join_answers(branches, per_branch)
        steps.append(StepDraft(title, texts, answers))
    return ScriptDraft(
        name=draw(line),
        title=draw(line.filter(lambda t: not t[0].isdigit())),
        goal=draw(st.one_of(st.none(), text)),
        tasks=draw(st.lists(text, max_size=4)),
        branches=branches,
        steps=steps,
    )


@pytest.mark.slow
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(draft=drafts())
def test_export_then_import_gives_the_same_script(draft: ScriptDraft, tmp_path: Path) -> None:
    path = tmp_path / "script.docx"
    write_script(draft, path)
    assert read_script(path) == draft  # the name comes back from the document's properties


@given(
    branches=st.lists(line, min_size=2, max_size=4, unique=True).flatmap(
        lambda b: st.tuples(st.just(b), st.lists(cell_text, min_size=len(b), max_size=len(b)))
    )
)
def test_answers_per_branch_split_back(branches: tuple[list[str], list[str]]) -> None:
    names, texts = branches
    assume(not any(f"\n\n{n}:\n" in t for n in names for t in texts))
    assert split_answers(join_answers(names, texts), names) == texts
    assert split_answers(texts[0], names) is None or texts[0].startswith(f"{names[0]}:\n")


def test_the_default_scripts_round_trip(tmp_path: Path) -> None:
    for draft in default_drafts():
        path = tmp_path / f"{draft.stage_id}.docx"
        write_script(draft, path)
        back = read_script(path)
        back.stage_id = draft.stage_id
        assert back == draft
        assert read_script(path, name="Другое").name == "Другое"


# ---------------------------------------------------------------------------- malformed files


def good_document(rows: list[list[str]] | None = None, heading: str = "Скрипт") -> Document:
    document = docx.Document()
    if heading:
        document.add_heading(heading, level=2)
    document.add_paragraph("ЦЕЛЬ - записать клиента")
    header, *body = rows or [["", *BRANCHES], ["Вход", "Текст 1", "Текст 2"]]
    table = document.add_table(rows=0, cols=len(header))
    for values in [header, *body]:
        cells = table.add_row().cells
        for cell, value in zip(cells, values, strict=False):
            cell.text = value
    return document


def _save(document: Document, path: Path) -> Path:
    document.save(str(path))
    return path


def _bad_files(folder: Path) -> dict[str, tuple[Path, str]]:
    """name -> (file, a fragment of its message)."""
    cases: dict[str, tuple[Path, str]] = {}

    def add(name: str, path: Path, message: str) -> None:
        cases[name] = (path, message)

    plain = folder / "script.txt"
    plain.write_text("ЦЕЛЬ - записать клиента", encoding="utf-8")
    add("not a docx", plain, "не документ Word .docx")
    old = folder / "script.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    add("old .doc", old, "старый формат .doc")
    empty = folder / "empty.docx"
    empty.write_bytes(b"")
    add("empty", empty, "пуст")
    add("missing", folder / "nowhere.docx", "не найден")
    good = _save(good_document(), folder / "good.docx")
    broken = folder / "broken.docx"
    broken.write_bytes(good.read_bytes()[: good.stat().st_size // 2])
    add("corrupt zip", broken, "не документ Word .docx")
    other = folder / "other.docx"
    with zipfile.ZipFile(other, "w") as archive:
        archive.writestr("hello.txt", "привет")
    add("zip, not Word", other, "или он повреждён")

    no_table = docx.Document()
    no_table.add_heading("Скрипт", level=2)
    add("no table", _save(no_table, folder / "no-table.docx"), "нет таблицы")

    two = good_document()
    two.add_table(rows=1, cols=2)
    add("two tables", _save(two, folder / "two.docx"), "таблиц: 2")

    no_header = good_document([["", "", ""], ["Вход", "а", "б"]])
    add(
        "no branch header",
        _save(no_header, folder / "no-header.docx"),
        "таблица, строка 1: нет названий ветвей",
    )
    one_missing = good_document([["", "Посещает", ""], ["Вход", "а", "б"]])
    add(
        "a branch without a name",
        _save(one_missing, folder / "one-missing.docx"),
        "таблица, строка 1, столбец 3: нет названия ветви",
    )
    twice = good_document([["", "Посещает", "Посещает"], ["Вход", "а", "б"]])
    add("a branch twice", _save(twice, folder / "twice.docx"), "ветвь «Посещает» уже есть")
    one_column = good_document([["Шаг"], ["Вход"]])
    add("one column", _save(one_column, folder / "one-column.docx"), "один столбец")

    untitled = good_document([["", *BRANCHES], ["Вход", "а", "б"], ["", "в", "г"]])
    add(
        "a step without a title",
        _save(untitled, folder / "untitled.docx"),
        "таблица, строка 3: нет названия шага",
    )
    short = good_document([["", *BRANCHES], ["Вход", "а", "б"], ["Диагностика", "в", "г"]])
    tr = short.tables[0]._tbl.tr_lst[2]
    tr.remove(tr.tc_lst[-1])
    add(
        "mismatched cell count",
        _save(short, folder / "short.docx"),
        "таблица, строка 3: ячеек по ширине 2, а столбцов в заголовке 3",
    )
    partial = good_document([["", "А", "Б", "В"], ["Вход", "а", "б", "в"]])
    partial.tables[0].cell(1, 1).merge(partial.tables[0].cell(1, 2))
    add("partly merged", _save(partial, folder / "partial.docx"), "только на часть ветвей")
    vertical = good_document([["", *BRANCHES], ["Вход", "а", "б"], ["Диагностика", "в", "г"]])
    vertical.tables[0].cell(1, 1).merge(vertical.tables[0].cell(2, 1))
    add(
        "merged down",
        _save(vertical, folder / "vertical.docx"),
        "таблица, строка 3: ячейки объединены со строкой выше",
    )
    answers_first = good_document([["", *BRANCHES], ["Ответ клиента", "а", "б"]])
    add("answers first", _save(answers_first, folder / "answers-first.docx"), "до первого шага")
    answers_twice = good_document(
        [
            ["", *BRANCHES],
            ["Вход", "а", "б"],
            ["Ответ клиента", "в", "г"],
            ["Ответы клиента", "д", "е"],
        ]
    )
    add(
        "two answer rows",
        _save(answers_twice, folder / "answers-twice.docx"),
        "таблица, строка 4: вторая строка ответов",
    )
    no_steps = good_document([["", *BRANCHES], ["", "", ""]])
    add("no steps", _save(no_steps, folder / "no-steps.docx"), "нет ни одного шага")
    no_title = docx.Document()
    no_title.add_table(rows=2, cols=2)
    no_title.tables[0].cell(0, 1).text = "Посещает"
    no_title.tables[0].cell(1, 0).text = "Вход"
    add("no title", _save(no_title, folder / "no-title.docx"), "нет заголовка скрипта")
    return cases


BAD_CASES = [
    "not a docx",
    "old .doc",
    "empty",
    "missing",
    "corrupt zip",
    "zip, not Word",
    "no table",
    "two tables",
    "no branch header",
    "a branch without a name",
    "a branch twice",
    "one column",
    "a step without a title",
    "mismatched cell count",
    "partly merged",
    "merged down",
    "answers first",
    "two answer rows",
    "no steps",
    "no title",
]


@pytest.fixture(scope="module")
def bad_files(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, str]]:
    return _bad_files(tmp_path_factory.mktemp("bad-scripts"))


def test_every_malformed_case_is_listed(bad_files: dict[str, tuple[Path, str]]) -> None:
    assert sorted(bad_files) == sorted(BAD_CASES)


@pytest.mark.parametrize("case", BAD_CASES)
def test_a_malformed_document_is_rejected_with_where_and_why(
    bad_files: dict[str, tuple[Path, str]], case: str
) -> None:
    path, message = bad_files[case]
    with pytest.raises(UserError) as error:
        read_script(path)
    assert message in error.value.message
    assert "\n" not in error.value.message


def test_the_good_base_document_is_accepted(tmp_path: Path) -> None:
    """The malformed cases above differ from this one only in what they break."""
    draft = read_script(_save(good_document(), tmp_path / "good.docx"))
    assert draft.steps == [StepDraft("Вход", ["Текст 1", "Текст 2"])]


def test_export_refuses_what_the_layout_cannot_say_and_writes_nothing(tmp_path: Path) -> None:
    target = tmp_path / "out.docx"
    target.write_bytes(b"old")
    draft = om_draft()
    draft.steps.append(StepDraft("Ответ клиента", ["Мне всё понравилось."]))
    with pytest.raises(UserError, match="шаг 4 назван «Ответ клиента»"):
        write_script(draft, target)
    twice = om_draft()
    twice.branches = ["Посещает", "Посещает"]
    with pytest.raises(UserError, match="названа дважды"):
        write_script(twice, target)
    with pytest.raises(UserError, match="папки"):
        write_script(om_draft(), tmp_path / "nowhere" / "out.docx")
    assert target.read_bytes() == b"old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.docx"]  # no partial file left


# ----------------------------------------------------------------------------- in the database


def test_default_scripts_for_every_stage(session: Session) -> None:
    for stage in session.scalars(select(Stage).order_by(Stage.id)):
        version = library.for_stage(session, stage.id)
        assert version is not None, stage.name
        assert version.number == 1 and version.script.stage_id == stage.id
        assert version.goal and version.tasks and len(version.steps) >= 4
        assert len(version.branches) in (0, 2)
        assert any(s.expected_answers for s in version.steps)
    assert {s.id for s in session.scalars(select(Stage))} == set(range(1, 8))
    branched = [v for v in (library.for_stage(session, i) for i in range(1, 8)) if v and v.branches]
    assert len(branched) >= 4


def test_lookup_by_stage_and_by_name(session: Session) -> None:
    default = library.for_stage(session, 4)
    assert default is not None
    first = publish(session, replace(om_draft(), stage_id=4))
    second = publish(session, om_draft())  # the next version keeps the script's stage
    assert (first.number, second.number) == (1, 2)
    found = library.for_stage(session, 4)
    assert found is not None and found.id == second.id  # the newest of the stage's scripts
    assert [v.script.name for v in library.stage_scripts(session, 4)] == [
        "Образовательные мероприятия",
        default.script.name,
    ]
    latest = library.by_name(session, "Образовательные мероприятия")
    assert latest is not None and latest.id == second.id
    older = library.by_name(session, "Образовательные мероприятия", number=1)
    assert older is not None and older.id == first.id
    assert library.by_name(session, "Нет такого") is None
    assert library.for_stage(session, 99) is None
    assert to_draft(second) == replace(om_draft(), stage_id=4)
    assert "Образовательные мероприятия" in library.names(session)


def test_a_database_from_0002_gets_the_default_scripts_once(new_db_url) -> None:
    from ric_desk.db.engine import open_engine

    def at_0002_with_stages() -> Engine:
        engine = open_engine(new_db_url())
        cfg = migrate.alembic_config()
        with engine.begin() as conn:
            cfg.attributes["connection"] = conn
            command.upgrade(cfg, "0002")
        with Session(engine) as s, s.begin():
            for stage in load_defaults("work")["stage"]:
                s.add(Stage(**stage))
        return engine

    engine = at_0002_with_stages()
    migrate.upgrade(engine, backup_dir=None)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(CallScript)) == 7
        assert library.for_stage(s, 2) is not None
    engine.dispose()

    engine = at_0002_with_stages()
    with Session(engine) as s, s.begin():
        publish(s, replace(om_draft(), stage_id=4))
    migrate.upgrade(engine)
    with Session(engine) as s:
        assert list(s.scalars(select(CallScript.name))) == ["Образовательные мероприятия"]
    engine.dispose()


# ------------------------------------------------------------------------------ command line


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def versions_count(engine: Engine) -> int:
    with Session(engine) as s:
        return s.scalar(select(func.count()).select_from(CallScriptVersion)) or 0


def test_cli_import_export_round_trip(
    capsys, fresh_engine: Engine, sample: Path, tmp_path: Path
) -> None:
    url = fresh_engine.url.render_as_string(hide_password=False)
    name = "Образовательные мероприятия"
    code, out, err = run(capsys, "--db", url, "import", "script", str(sample), "--stage", "4")
    assert (code, err) == (0, "")
    assert out.strip() == (
        f"Загружен скрипт «{name}», версия 1, этап 4: шагов 4, задач 5, "
        "ветви: «Посещает», «Не посещает»."
    )
    exported = tmp_path / "exported.docx"
    code, out, err = run(capsys, "--db", url, "export", "script", name, str(exported))
    assert code == 0 and "версия 1" in out and exported.exists()
    document = docx.Document(str(exported))
    assert document.paragraphs[0].text == name
    assert [c.text for c in document.tables[0].rows[0].cells][1:] == BRANCHES

    code, out, _ = run(capsys, "--db", url, "import", "script", str(exported))
    assert code == 0 and "версия 2, этап 4" in out
    with Session(fresh_engine) as s:
        first = library.by_name(s, name, number=1)
        second = library.by_name(s, name)
        assert first is not None and second is not None and second.number == 2
        assert to_draft(first) == to_draft(second) == replace(read_script(sample), stage_id=4)

    code, out, _ = run(
        capsys, "--db", url, "import", "script", str(exported), "--name", "ОМ для юристов"
    )
    assert code == 0 and "«ОМ для юристов», версия 1" in out

    default = tmp_path / "stage-2.docx"  # its name is not its title: the file remembers it
    assert run(capsys, "--db", url, "export", "script", "Этап 2. Знакомство", str(default))[0] == 0
    code, out, _ = run(capsys, "--db", url, "import", "script", str(default))
    assert code == 0 and "«Этап 2. Знакомство», версия 2, этап 2" in out


def test_a_name_too_long_for_the_properties_falls_back_to_the_title(tmp_path: Path) -> None:
    draft = replace(om_draft(name="Я" * 250), title="Короткий заголовок")
    write_script(draft, tmp_path / "long.docx")
    assert read_script(tmp_path / "long.docx").name == "Короткий заголовок"


def test_cli_bad_input_is_one_line_exit_1_and_writes_nothing(
    capsys, fresh_engine: Engine, tmp_path: Path, bad_files: dict[str, tuple[Path, str]]
) -> None:
    url = fresh_engine.url.render_as_string(hide_password=False)
    before = versions_count(fresh_engine)
    for case, (path, message) in bad_files.items():
        code, _out, err = run(capsys, "--db", url, "import", "script", str(path))
        assert code == 1, case
        assert message in err and err.startswith("ric-desk: "), case
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err, case
    good = _save(good_document(), tmp_path / "good.docx")
    code, _, err = run(capsys, "--db", url, "import", "script", str(good), "--stage", "9")
    assert code == 1 and "Этапа 9 нет" in err
    assert versions_count(fresh_engine) == before

    code, _, err = run(
        capsys, "--db", url, "export", "script", "Нет такого", str(tmp_path / "x.docx")
    )
    assert code == 1 and "Скрипта «Нет такого» нет в базе" in err and "«Этап 2. Знакомство»" in err
    assert not (tmp_path / "x.docx").exists()
