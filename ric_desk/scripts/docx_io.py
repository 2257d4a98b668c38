"""Call scripts in Word (.docx), in the layout RICs already keep them (DESIGN.md §6, §7).

The layout, read and written:

- a heading: the script's title (of several headings above the goal, the last). A leading section
  number such as "2) " is the source document's own numbering and is dropped. Without a heading
  style the first paragraph is the title.
- "ЦЕЛЬ - ..." (also "Цель:", "Цель звонка:"): the goal; paragraphs after it, up to the tasks, go on
  with it.
- "Шаги/задачи" (also "Шаги:", "Задачи:") and each paragraph after it: one task per paragraph.
  A typed "1. " or "- " is dropped; Word's own numbering is not part of the text anyway.
- One table. Row 1 names the branches by the client's situation ("Посещает" / "Не посещает") in
  columns 2 and on; its first cell is not read. A single column headed "Речь специалиста" (or
  "Текст") is a script without branches. Every other row is a step: its title in column 1, then one
  text per branch, or one cell merged across all branches for words every branch shares.
- A row titled "Ответ клиента..." ("Ответы клиента", "Возможные ответы клиента") is not a step: it
  holds the expected answers to the step in the row above it. One merged cell is kept as it is;
  one cell per branch is kept as one text in `answers.join_answers`' form, which the export turns
  back into cells.

The export also records the script's name in the document's properties (dc:identifier, which
Word keeps but does not show), so a file exported, edited in Word and imported again becomes the
next version of the same script; without that mark the name is the title.

Lines inside a cell (line breaks or paragraphs) are kept; spaces at line ends and blank lines around
a text are not. Rows whose cells are all empty are skipped. Other paragraphs, and anything after the
table, are not part of the script and are ignored. Whatever else does not fit (not a .docx, no
table, a second table, a header without branch names, a step without a title, a row with more or
fewer cells than the header, cells merged across only some branches or down several rows) rejects
the file with where and why, before anything is written.
"""

from __future__ import annotations

import os
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import docx
from docx.document import Document
from docx.shared import Cm
from docx.table import Table
from docx.table import _Cell as _DocxCell
from docx.text.paragraph import Paragraph

from ric_desk import files
from ric_desk.errors import UserError
from ric_desk.models import CallScriptVersion
from ric_desk.scripts.answers import join_answers, split_answers
from ric_desk.scripts.versions import ScriptDraft, StepDraft, normalize_text, to_draft, validate

GOAL_LABEL = "ЦЕЛЬ"
TASKS_LABEL = "Шаги/задачи"
ANSWERS_LABEL = "Ответ клиента"
STEP_COLUMN = "Этап разговора"
NO_BRANCHES = "Речь специалиста"  # the one text column of a script without branches
NO_BRANCH_HEADERS = {"речь специалиста", "слова специалиста", "текст"}
TITLE_MAX = 300  # CallScript.name and CallScriptVersion.title
NAME_MARK = "ric-desk script: "  # + the name, in the document's dc:identifier
_PROPERTY_MAX = 255  # python-docx's limit on a core property

_SECTION_NUMBER = re.compile(r"^\d{1,3}\s*[.)]\s+")
_GOAL = re.compile(r"^цель(?:\s+(?:звонка|контакта))?\s*(?:[-–—:]|\s)\s*(.*)$", re.I | re.S)
_TASKS = re.compile(r"^(?:шаги\s*/\s*задачи|шаги|задачи)\s*:?$", re.I)
_ANSWERS = re.compile(r"^(?:(?:возможн|ожидаем|типичн)\w*\s+)?ответы?\s+клиент", re.I)
_TYPED_MARK = re.compile(r"^(?:\d{1,3}\s*[.)]|[-–—•])\s+")
_HEADING_STYLES = ("Heading", "Title", "Заголовок", "Название")

_Reject = Callable[[str, str], UserError]  # (where, reason) -> the error to raise

_STEP_WIDTH = Cm(4.5)
_TEXT_CM = 12.5  # shared by the branch columns


def is_answers_title(title: str) -> bool:
    """Whether a table row with this title holds expected answers rather than a step."""
    return bool(_ANSWERS.match(title.strip()))


# ---------------------------------------------------------------------------------------- reading


@dataclass
class _Cell:
    text: str
    span: int  # grid columns it covers
    continues_above: bool  # a vertical merge with the row above


@dataclass
class _Row:
    cells: list[_Cell]
    missing: int  # grid columns without a cell (w:gridBefore / w:gridAfter)

    @property
    def width(self) -> int:
        return self.missing + sum(c.span for c in self.cells)


def read_script(path: Path | str, name: str | None = None) -> ScriptDraft:
    """The script in a Word file as a draft; `name` defaults to the name the export recorded,
    else to the title."""
    path = Path(path)

    def reject(where: str, reason: str) -> UserError:
        return UserError(f"Скрипт из «{path.name}» не загружен: {where}{reason}")

    document = _open(path)
    blocks = list(document.iter_inner_content())
    tables = [i for i, b in enumerate(blocks) if isinstance(b, Table)]
    if not tables:
        raise reject("", "в документе нет таблицы с шагами разговора.")
    if len(tables) > 1:
        raise reject(
            "",
            f"в документе таблиц: {len(tables)}, а у скрипта одна таблица шагов; "
            "сохраните каждый скрипт в отдельный файл.",
        )
    table = blocks[tables[0]]
    assert isinstance(table, Table)
    title, goal, tasks = _read_paragraphs(
        [b for b in blocks[: tables[0]] if isinstance(b, Paragraph)]
    )
    if not name:
        mark = document.core_properties.identifier or ""
        name = mark.removeprefix(NAME_MARK) if mark.startswith(NAME_MARK) else None
    title = title or (name or "").strip()
    if not title:
        raise reject("", "нет заголовка скрипта: вставьте его над целью в стиле «Заголовок».")
    name = (name or title).strip()
    for what, value in (("заголовок", title), ("название", name)):
        if len(value) > TITLE_MAX:
            raise reject("", f"{what} длиннее {TITLE_MAX} знаков.")
    branches, steps = _read_table(table, reject)
    draft = ScriptDraft(
        name=name, title=title, goal=goal, tasks=tasks, branches=branches, steps=steps
    )
    validate(draft)
    return draft


def _open(path: Path) -> Document:
    files.checked_file(path, "документ Word .docx", files.DOCUMENT_LIMIT)
    not_docx = f"Файл «{path.name}» — не документ Word .docx"
    if not zipfile.is_zipfile(path):
        hint = " (старый формат .doc: откройте его в Word и сохраните как .docx)"
        raise UserError(not_docx + (hint if path.suffix.lower() == ".doc" else "") + ".")
    files.checked_package(path, "документом Word .docx", files.UNPACKED_DOCUMENT_LIMIT)
    try:
        return docx.Document(str(path))
    except Exception:  # a damaged package fails in many ways inside python-docx
        raise UserError(not_docx + " или он повреждён.") from None


def _is_heading(paragraph: Paragraph) -> bool:
    style = paragraph.style
    return style is not None and (style.name or "").startswith(_HEADING_STYLES)


def _is_list(paragraph: Paragraph) -> bool:
    """Numbered or bulleted by Word itself (the number is not in the text)."""
    style = paragraph.style
    if style is not None and (style.name or "").startswith("List"):
        return True
    properties = paragraph._p.pPr
    return properties is not None and properties.numPr is not None


def _read_paragraphs(paragraphs: list[Paragraph]) -> tuple[str, str | None, list[str]]:
    """Title, goal and tasks from the paragraphs above the table."""
    heading = first_plain = ""
    goal: list[str] | None = None
    goal_open = in_tasks = False
    tasks: list[str] = []
    for paragraph in paragraphs:
        text = normalize_text(paragraph.text)
        if not text:
            continue
        if _is_heading(paragraph) and not heading:
            heading = text  # the first heading is the title, whatever it says
            continue
        if _TASKS.match(text):
            in_tasks, goal_open = True, False
        elif in_tasks or _is_list(paragraph):
            tasks.append(text if _is_list(paragraph) else _TYPED_MARK.sub("", text, count=1))
            goal_open = False
        elif goal is None and (match := _GOAL.match(text)):
            goal = [match[1]] if match[1] else []
            goal_open = True
        elif _is_heading(paragraph):
            if goal is None:  # a later heading above the goal is the nearer, the script's own
                heading = text
            goal_open = False
        elif goal_open and goal is not None:
            goal.append(text)
        elif not first_plain:
            first_plain = text
    title = heading or first_plain
    title = _SECTION_NUMBER.sub("", title, count=1) or title
    return title, ("\n".join(goal) or None) if goal is not None else None, tasks


def _table_rows(table: Table) -> list[_Row]:
    rows = []
    for tr in table._tbl.tr_lst:
        cells = [
            _Cell(
                text=normalize_text("\n".join(Paragraph(p, table).text for p in tc.p_lst)),
                span=tc.grid_span,
                continues_above=tc.vMerge == "continue",
            )
            for tc in tr.tc_lst
        ]
        rows.append(_Row(cells, tr.grid_before + tr.grid_after))
    return rows


def _read_table(table: Table, reject: _Reject) -> tuple[list[str], list[StepDraft]]:
    rows = _table_rows(table)
    if not rows:
        raise reject("", "таблица шагов пуста.")
    branches, width = _read_header(rows[0], reject)
    steps: list[StepDraft] = []
    for number, row in enumerate(rows[1:], start=2):
        where = f"таблица, строка {number}: "
        if all(not c.text for c in row.cells):
            continue
        if any(c.continues_above for c in row.cells):
            raise reject(
                where,
                "ячейки объединены со строкой выше; у каждого шага своя строка — "
                "разъедините ячейки.",
            )
        if row.missing or row.width != width + 1:
            raise reject(
                where,
                f"ячеек по ширине {row.width}, а столбцов в заголовке {width + 1}; нужны "
                "название шага и по тексту на каждую ветвь или одна ячейка на все ветви.",
            )
        title_cell, *text_cells = row.cells
        if title_cell.span != 1:
            raise reject(
                where, "название шага объединено с текстом; в первом столбце — только название."
            )
        if len(text_cells) not in (1, width):
            raise reject(
                where,
                "ячейки объединены только на часть ветвей; нужен один общий текст на все ветви "
                "или по тексту на каждую.",
            )
        texts = [c.text for c in text_cells]
        title = title_cell.text
        if not title:
            raise reject(where, "нет названия шага в первом столбце.")
        if is_answers_title(title):
            if not steps:
                raise reject(
                    where,
                    f"«{title}» стоит до первого шага, а ответы клиента относятся к шагу "
                    "в строке над ними.",
                )
            previous = steps[-1]
            if previous.expected_answers is not None:
                raise reject(
                    where,
                    f"вторая строка ответов клиента к шагу «{previous.title}»; "
                    "объедините их в одну.",
                )
            if any(texts):
                previous.expected_answers = (
                    texts[0] if len(texts) == 1 else join_answers(branches, texts)
                )
            continue
        steps.append(StepDraft(title, texts))
    if not steps:
        raise reject("", "в таблице нет ни одного шага разговора.")
    return branches, steps


def _read_header(header: _Row, reject: _Reject) -> tuple[list[str], int]:
    """Branch names and the number of text columns."""
    where = "таблица, строка 1: "
    if header.missing or not header.cells or header.cells[0].span != 1:
        raise reject(where, "первая строка таблицы не совпадает с её столбцами.")
    branch_cells = header.cells[1:]
    if not branch_cells:
        raise reject(
            where,
            "в таблице один столбец; нужны столбец шагов и столбцы ветвей по положению клиента "
            f"(«Посещает», «Не посещает») или один столбец «{NO_BRANCHES}».",
        )
    names = [" ".join(line.strip() for line in c.text.split("\n")) for c in branch_cells]
    if not any(names):
        raise reject(
            where,
            "нет названий ветвей: впишите над столбцами положение клиента («Посещает», "
            f"«Не посещает»), а для скрипта без ветвей — «{NO_BRANCHES}».",
        )
    for column, (cell, branch) in enumerate(zip(branch_cells, names, strict=True), start=2):
        if cell.span != 1:
            raise reject(
                f"таблица, строка 1, столбец {column}: ",
                "ячейка объединена на несколько столбцов; у каждой ветви свой столбец.",
            )
        if not branch:
            raise reject(f"таблица, строка 1, столбец {column}: ", "нет названия ветви.")
        if names.index(branch) != column - 2:
            raise reject(f"таблица, строка 1, столбец {column}: ", f"ветвь «{branch}» уже есть.")
    if len(names) == 1 and names[0].casefold() in NO_BRANCH_HEADERS:
        return [], 1
    return names, len(names)


# ---------------------------------------------------------------------------------------- writing


def write_script(script: CallScriptVersion | ScriptDraft, path: Path | str) -> None:
    """Save a version (or a draft) in the layout `read_script` reads back to the same script.

    The file appears whole or not at all: it is written beside the target and then renamed.
    """
    path = Path(path)
    draft = to_draft(script) if isinstance(script, CallScriptVersion) else script
    _check_writable(draft, path)
    _save(_build(draft), path)


def _check_writable(draft: ScriptDraft, path: Path) -> None:
    """What the layout cannot say unambiguously is refused rather than silently changed."""
    validate(draft)

    def refuse(reason: str) -> UserError:
        return UserError(f"Файл «{path.name}» не записан: {reason}")

    if not draft.title.strip():
        raise refuse(f"у скрипта «{draft.name}» нет заголовка.")
    for branch in draft.branches:
        if not branch.strip() or "\n" in branch:
            raise refuse(f"название ветви «{branch}» пустое или в несколько строк.")
        if draft.branches.count(branch) > 1:
            raise refuse(f"ветвь «{branch}» названа дважды.")
    if len(draft.branches) == 1 and draft.branches[0].casefold() in NO_BRANCH_HEADERS:
        raise refuse(f"ветвь «{draft.branches[0]}» читалась бы как скрипт без ветвей.")
    for number, step in enumerate(draft.steps, start=1):
        if is_answers_title(step.title):
            raise refuse(
                f"шаг {number} назван «{step.title}»: так в таблице обозначаются ответы "
                "клиента к предыдущему шагу; переименуйте шаг."
            )


def _build(draft: ScriptDraft) -> Document:
    document = docx.Document()
    if len(NAME_MARK + draft.name) <= _PROPERTY_MAX:
        document.core_properties.identifier = NAME_MARK + draft.name
    document.add_heading(draft.title, level=1)
    if draft.goal:
        goal = document.add_paragraph()
        goal.add_run(f"{GOAL_LABEL} - ").bold = True
        goal.add_run(draft.goal)
    tasks = [t for t in draft.tasks if t.strip()]
    if tasks:
        document.add_paragraph().add_run(TASKS_LABEL).bold = True
        for task in tasks:
            document.add_paragraph(task, style="List Number")

    width = max(len(draft.branches), 1)
    table = document.add_table(rows=1, cols=width + 1)
    table.style = "Table Grid"
    header = table.rows[0].cells
    for cell, text in zip(header, [STEP_COLUMN, *(draft.branches or [NO_BRANCHES])], strict=True):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    _set_widths(header, width)
    for step in draft.steps:
        _add_row(table, step.title, step.texts, width)
        if step.expected_answers:
            answers = split_answers(step.expected_answers, draft.branches)
            if answers is None or not any(answers) or any(a != normalize_text(a) for a in answers):
                answers = [step.expected_answers]
            _add_row(table, ANSWERS_LABEL, answers, width)
    return document


def _set_widths(cells: list[_DocxCell], width: int) -> None:
    cells[0].width = _STEP_WIDTH
    for cell in cells[1:]:
        cell.width = Cm(_TEXT_CM / width)


def _add_row(table: Table, title: str, texts: list[str], width: int) -> None:
    cells = table.add_row().cells  # type: ignore[no-untyped-call]  # python-docx: no hints
    _set_widths(cells, width)
    cells[0].text = title
    if len(texts) == 1 and width > 1:
        cells[1].merge(cells[width]).text = texts[0]
    else:
        for cell, text in zip(cells[1:], texts, strict=True):
            cell.text = text


def _save(document: Document, path: Path) -> None:
    if path.is_dir():
        raise UserError(f"«{path}» — папка; укажите имя файла .docx.")
    if not path.parent.is_dir():
        raise UserError(f"Файл «{path}» не записан: папки «{path.parent}» нет.")
    partial = path.with_name(f".~{path.name}.{os.getpid()}.tmp")
    try:
        document.save(str(partial))
        os.replace(partial, path)
    except OSError as exc:
        partial.unlink(missing_ok=True)
        hint = " (если он открыт в Word, закройте его)" if isinstance(exc, PermissionError) else ""
        raise UserError(f"Файл «{path}» не записан{hint}: {exc.strerror or exc}.") from None
