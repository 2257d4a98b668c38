"""The check-lists' page (issue 12) on SQLite and PostgreSQL, through the real database worker:
the default templates listed and filtered, a version shown as a tree, the Excel round trip from
the screen (import publishes the next version, seen in the version picker; a malformed workbook
is refused with its sheet and row and writes nothing; export reads back equal), and who sees
what."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ric_desk.actor import Role
from ric_desk.checklists import templates
from ric_desk.checklists.defaults import default_drafts
from ric_desk.checklists.workbook import read_checklists
from ric_desk.models import ChecklistVersion
from ric_desk.store import Store
from ric_desk.ui import i18n
from ric_desk.ui.operations import Database
from ric_desk.ui.quality import templates_page
from ric_desk.ui.quality.templates_page import TemplatesPage
from ric_desk.ui.quality.view import QualityView
from ric_desk.ui.table_model import OBJECT_ROLE
from tests import factories
from tests.gui import settle
from tests.test_checklist_workbook import SAMPLE, good_book

pytestmark = pytest.mark.gui


@pytest.fixture
def logins(fresh_engine: Engine, qapp) -> dict[Role, str]:
    i18n.install_russian(qapp)
    with Session(fresh_engine) as s, s.begin():
        people = {
            role: factories.employee(s, name, role).login
            for role, name in [
                (Role.SUPERVISOR, "Морозова Наталья Петровна"),
                (Role.DIRECTOR, "Бартева Ирина Валентиновна"),
                (Role.OPERATOR, "Егорова Мария Анатольевна"),
            ]
        }
    return people


def opened(engine: Engine, login: str, qtbot) -> TemplatesPage:
    store = Store(engine, engine.url)
    store.sign_in(login)
    db = Database(store)
    page = TemplatesPage(db)
    qtbot.addWidget(page)
    page.resize(1366, 768)
    page.show()
    settle(qtbot, db)
    return page


def listed(page: TemplatesPage) -> list[str]:
    proxy = page.table.model()
    return [proxy.index(r, 0).data(OBJECT_ROLE).name for r in range(proxy.rowCount())]


def choose(page: TemplatesPage, qtbot, name: str) -> None:
    proxy = page.table.model()
    row = listed(page).index(name)
    page.table.setCurrentIndex(proxy.index(row, 0))
    settle(qtbot, page.db)
    assert page.view is not None and page.view.name == name


def tree_texts(page: TemplatesPage) -> list[list[str]]:
    tree = page.tree
    return [
        [tree.topLevelItem(i).text(0)]
        + [tree.topLevelItem(i).child(j).text(0) for j in range(tree.topLevelItem(i).childCount())]
        for i in range(tree.topLevelItemCount())
    ]


def versions(engine: Engine) -> int:
    with Session(engine) as s:
        return s.scalar(select(func.count()).select_from(ChecklistVersion)) or 0


def pick_file(monkeypatch: pytest.MonkeyPatch, path: Path) -> None:
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", staticmethod(lambda *_a, **_k: (str(path), ""))
    )


def test_the_defaults_are_listed_filtered_and_shown_as_a_tree(
    fresh_engine: Engine, logins: dict[Role, str], qtbot, tmp_path: Path
) -> None:
    page = opened(fresh_engine, logins[Role.SUPERVISOR], qtbot)
    drafts = default_drafts()
    assert sorted(listed(page)) == sorted(d.name for d in drafts)
    row = page.table.model().index(0, 0).data(OBJECT_ROLE)
    draft = next(d for d in drafts if d.name == row.name)
    assert row.version == 1 and row.pass_mark == draft.pass_mark
    assert row.criteria == sum(len(s.criteria) for s in draft.sections)
    # the first row is chosen and its version shown whole
    assert page.view is not None and page.view.name == row.name
    texts = tree_texts(page)
    assert [t[0] for t in texts] == [s.title for s in draft.sections]
    assert [t[1:] for t in texts] == [
        [c.text + (" *" if c.hint else "") for c in s.criteria] for s in draft.sections
    ]
    assert page.versions.count() == 1 and page.import_button.isVisible()
    # a criterion with a hint has it in its tooltip
    hinted = [(s, c) for s in draft.sections for c in s.criteria if c.hint]
    if hinted:
        i = draft.sections.index(hinted[0][0])
        j = hinted[0][0].criteria.index(hinted[0][1])
        assert hinted[0][1].hint in page.tree.topLevelItem(i).child(j).toolTip(0)
    # the filter narrows the list as typed; sorting by a column works
    page.filter.setText(drafts[0].sheet_name)
    assert drafts[0].name in listed(page) and len(listed(page)) < len(drafts)
    page.filter.clear()
    page.table.sortByColumn(0, Qt.SortOrder.DescendingOrder)
    assert listed(page) == sorted(listed(page), reverse=True)
    page.grab().save(str(tmp_path / "templates.png"))


def test_import_publishes_the_next_version_seen_in_the_picker_and_export_reads_back(
    fresh_engine: Engine,
    logins: dict[Role, str],
    qtbot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = opened(fresh_engine, logins[Role.SUPERVISOR], qtbot)
    before = versions(fresh_engine)
    # the supervisors' own sample is the default «Знакомство» itself: nothing new
    pick_file(monkeypatch, SAMPLE)
    page.import_workbook()
    settle(qtbot, page.db)
    assert versions(fresh_engine) == before
    assert "без изменений, версия 1" in page.status.text()
    assert "Пустые листы пропущены" in page.status.text()
    [sample] = read_checklists(SAMPLE).drafts
    choose(page, qtbot, sample.name)
    # export the version shown, change it in "Excel", import it back
    exported = tmp_path / "знакомство.xlsx"
    monkeypatch.setattr(
        QFileDialog, "getSaveFileName", staticmethod(lambda *_a, **_k: (str(exported), ""))
    )
    page.export_version()
    settle(qtbot, page.db)
    assert exported.exists() and "сохранена в" in page.status.text()
    with Session(fresh_engine) as s:
        latest = templates.latest(s, sample.name)
        assert latest is not None
        expected = templates.to_draft(latest)
    [back] = read_checklists(exported).drafts
    assert back == expected  # what the screen exported is the template, read back whole
    book = openpyxl.load_workbook(exported)
    sheet = book.active
    assert sheet is not None and sheet.title == expected.sheet_name
    assert sheet["A1"].value == expected.name
    first = expected.sections[0].criteria[0].text
    column_a = [c.value for c in sheet["A"]]
    assert "- " + first in column_a
    row = column_a.index("- " + first) + 1
    sheet.cell(row, 1).value = "- " + first + " (по имени и отчеству)"
    sheet["H1"] = 90
    changed = tmp_path / "знакомство-2.xlsx"
    book.save(changed)
    pick_file(monkeypatch, changed)
    page.import_workbook()
    settle(qtbot, page.db)
    assert versions(fresh_engine) == before + 1
    assert "опубликован как версия 2" in page.status.text()
    # the hub's change refreshed the page: the list and the picker show version 2
    assert page.view is not None and page.view.number == 2 and page.view.pass_mark == 90
    assert page.current() is not None and page.current().version == 2
    assert [page.versions.itemData(i) for i in range(page.versions.count())] == [2, 1]
    assert tree_texts(page)[0][1] == first + " (по имени и отчеству)"
    # the older version through the picker
    page.versions.setCurrentIndex(1)
    page.versions.activated.emit(1)
    settle(qtbot, page.db)
    assert page.view.number == 1 and page.view.pass_mark == expected.pass_mark
    assert tree_texts(page)[0][1] == first
    assert "старая версия" in page.about.text()


def test_a_malformed_workbook_is_refused_with_sheet_and_row_and_writes_nothing(
    fresh_engine: Engine,
    logins: dict[Role, str],
    qtbot,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    page = opened(fresh_engine, logins[Role.SUPERVISOR], qtbot)
    before = versions(fresh_engine)
    # two sheets: the first one good and new, the second one's criterion with bad points
    book = good_book()
    second = book.copy_worksheet(book.active)  # type: ignore[arg-type]
    second.title = "ОС"
    second["A1"] = "Чек-лист ОС"
    second["C2"] = "Баллы"
    second["C3"] = "много"
    bad = tmp_path / "плохой.xlsx"
    book.save(bad)
    pick_file(monkeypatch, bad)
    page.import_workbook()
    settle(qtbot, page.db)
    boxes = [b for b in page.findChildren(QMessageBox) if b.objectName() == "errorMessage"]
    assert boxes, "the refusal is shown"
    words = boxes[-1].text()
    assert "Лист «ОС», строка 3" in words and "«Баллы»" in words and "много" in words
    assert "ничего не записано" in page.status.text()
    assert versions(fresh_engine) == before
    assert "Чек-лист знакомство" not in listed(page)


def test_a_director_reads_and_exports_an_operator_has_no_page(
    fresh_engine: Engine, logins: dict[Role, str], qtbot, tmp_path: Path
) -> None:
    page = opened(fresh_engine, logins[Role.DIRECTOR], qtbot)
    assert listed(page) and not page.import_button.isVisible()
    assert page.export_button.isEnabled()
    target = tmp_path / "экспорт"
    page.export_to(target)
    settle(qtbot, page.db)
    assert target.with_suffix(".xlsx").exists()
    operator = Store(fresh_engine, fresh_engine.url)
    actor = operator.sign_in(logins[Role.OPERATOR])
    holder = QWidget()
    qtbot.addWidget(holder)
    assert templates_page.page(Database(operator), actor, holder) is None


def test_the_quality_tab_holds_the_page(
    fresh_engine: Engine, logins: dict[Role, str], qtbot
) -> None:
    store = Store(fresh_engine, fresh_engine.url)
    store.sign_in(logins[Role.SUPERVISOR])
    db = Database(store)
    view = QualityView(db)
    qtbot.addWidget(view)
    settle(qtbot, db)
    page = view.page("templatesPage")
    assert isinstance(page, TemplatesPage)
    assert view.pages.tabText(view.pages.indexOf(page)) == "Чек-листы"
