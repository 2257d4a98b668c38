"""The contact report's screen on a demo database, SQLite and PostgreSQL: F9 builds the tree,
levels collapse, a cell drills down to its contacts and a contact to its client's card,
configurations are saved and chosen, the export's total equals the screen's, the chart shows
the selected level."""

from __future__ import annotations

import threading
from datetime import date, timedelta
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QMessageBox
from sqlalchemy import Engine

from ric_desk.changes import Changes
from ric_desk.reports import service
from ric_desk.reports.names import MEASURES
from ric_desk.store import Store
from ric_desk.ui.clients.card_view import ClientCardView
from ric_desk.ui.main_window import MainWindow
from ric_desk.ui.reports.drill import DrillDialog
from ric_desk.ui.reports.format import duration, measure_text, number, percent
from ric_desk.ui.reports.tree_model import VALUE_ROLE
from ric_desk.ui.reports.view import ReportView
from tests.gui import demo_store, open_window, settle

pytestmark = pytest.mark.gui


@pytest.fixture
def store(fresh_engine: Engine, qapp) -> Store:
    return demo_store(fresh_engine, qapp, clients=40, seed=3, login="barteva_iv")


def built(qtbot, window: MainWindow) -> ReportView:
    """The report screen opened with Ctrl+Shift+R, the last year asked, built with F9."""
    qtbot.keyClick(
        window,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    settle(qtbot, window.db)
    view = window.report_view
    assert isinstance(view, ReportView) and window.tabs.currentWidget() is view
    assert window.navigator.currentRow() == 2  # the navigator follows the tab
    window.tabs.setCurrentWidget(window.client_list)
    assert window.navigator.currentRow() == 0
    window.tabs.setCurrentWidget(view)
    today = date.today()
    start = today - timedelta(days=365)
    view.date_from.setDate(QDate(start.year, start.month, start.day))
    view.date_to.setDate(QDate(today.year, today.month, today.day))
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_F9)
    settle(qtbot, window.db, timeout=30_000)
    assert view.report is not None and view.model.root is not None
    return view


def test_numbers_read_the_russian_way() -> None:
    assert number(1234567) == "1\u00a0234\u00a0567"
    assert number(-53) == "\u221253"
    assert percent(0.4251) == "42,5\u00a0%"
    assert duration(3725) == "1:02:05"
    assert duration(90_000) == "25:00:00"
    assert measure_text("avg_duration", None) == ""
    assert measure_text("deviation", -4) == "\u22124"
    assert measure_text("qc_avg_score", 0.8125) == "81,3\u00a0%"  # a share, as successful_share
    assert measure_text("qc_critical_rate", 0.0) == "0,0\u00a0%"
    assert measure_text("qc_reviews", 12) == "12"


def test_f9_builds_the_tree_a_level_collapses_a_cell_drills_to_a_card(
    store: Store, qtbot, tmp_path: Path
) -> None:
    window = open_window(store, qtbot)
    view = built(qtbot, window)
    model, report = view.model, view.report
    assert report is not None
    root = model.index(0, 0)
    assert root.data().startswith("Итого (")  # the total first, its groups counted
    assert model.rowCount() == 1 and view.tree.isExpanded(root)
    for column, measure in enumerate(report.spec.measures, start=1):
        assert model.index(0, column).data(VALUE_ROLE) == report.total.values[measure]
        align = model.index(0, column).data(Qt.ItemDataRole.TextAlignmentRole)
        assert align & int(Qt.AlignmentFlag.AlignRight)
    operators = model.rowCount(root)
    assert operators == report.total.size > 0
    first = model.index(0, 0, root)
    first_node = model.node(first)
    assert first_node is not None and first_node.group.size > 0
    operator = report.label("operator", first_node.group.key[0])
    assert first.data() == f"{operator} ({first_node.group.size})"  # «Иванова М.А. (12)»
    # everything open by default: the second level is there
    assert view.tree.isExpanded(first) and model.rowCount(first) > 0

    # «Свернуть с разреза: Причина/результат действия», the seed's words: the operators shown,
    # their reasons not
    assert view.collapse.itemText(view.collapse.findData(1)) == "Причина/результат действия"
    assert view.collapse.itemText(view.collapse.findData(0)) == "Специалист"
    view.collapse.setCurrentIndex(view.collapse.findData(1))
    view.collapse.activated.emit(view.collapse.currentIndex())
    assert view.tree.isExpanded(root) and not view.tree.isExpanded(first)
    view.tree.expand(first)  # a node of its own
    assert view.tree.isExpanded(first)
    window.grab().save(str(tmp_path / "report.png"))

    # the header of a measure sorts the children of every group by it; again: reversed
    works = 1 + report.spec.measures.index("works")
    view.tree.header().setSortIndicator(works, Qt.SortOrder.DescendingOrder)
    values = [model.index(r, works, root).data(VALUE_ROLE) for r in range(operators)]
    assert values == sorted(values, reverse=True)
    assert view.sort_by.currentData() == works and view.descending.isChecked()
    qtbot.waitUntil(lambda: [b.value for b in view.chart.bars] == values)  # the chart follows
    view.descending.setChecked(False)  # the same from the keyboard: ascending
    assert view.tree.header().sortIndicatorOrder() == Qt.SortOrder.AscendingOrder
    values = [model.index(r, works, root).data(VALUE_ROLE) for r in range(operators)]
    assert values == sorted(values)

    # Enter on an operator's "works" cell: the contacts behind it
    cell = model.index(0, works, root)
    view.tree.setCurrentIndex(cell)
    node = model.node(cell)
    assert node is not None and view.facts is not None
    behind = service.behind(view.facts, report, tuple(node.group.key), None)
    qtbot.keyClick(view.tree, Qt.Key.Key_Return)
    settle(qtbot, window.db)
    dialog = view.dialog
    assert isinstance(dialog, DrillDialog) and dialog.isVisible()
    assert dialog.model.rowCount() == len(behind) > 0
    assert {r.contact_id for r in dialog.model.rows} == set(behind)
    dialog.grab().save(str(tmp_path / "drill.png"))
    dialog.export_to(tmp_path / "contacts.xlsx")
    settle(qtbot, window.db)
    from openpyxl import load_workbook

    sheet = load_workbook(tmp_path / "contacts.xlsx").active
    assert sheet is not None and sheet.max_row == len(behind) + 1
    # Enter on a contact opens its client's card
    dialog.table.setFocus()
    dialog.table.selectRow(0)
    client_id = dialog.current().client_id  # type: ignore[union-attr]
    qtbot.keyClick(dialog.table, Qt.Key.Key_Return)
    settle(qtbot, window.db)
    card = window.tabs.currentWidget()
    assert isinstance(card, ClientCardView) and card.client_id == client_id
    assert not shiboken6.isValid(dialog) or not dialog.isVisible()


def test_the_chart_shows_the_selected_level(store: Store, qtbot, tmp_path: Path) -> None:
    window = open_window(store, qtbot)
    view = built(qtbot, window)
    report = view.report
    assert report is not None
    view.chart_measure.setCurrentIndex(view.chart_measure.findData("works"))
    view.chart_measure.activated.emit(view.chart_measure.currentIndex())
    operators = report.children(())
    bars = view.chart.bars
    assert [b.value for b in bars] == [g.values["works"] for g in operators]
    assert [b.label for b in bars] == [
        f"{report.label('operator', g.key[0])} ({g.size})" for g in operators
    ]
    assert sum(b.value for b in bars) >= report.total.values["works"]  # distinct per operator
    assert MEASURES["works"] in view.chart.title
    # a group selected: its own children
    root = view.model.index(0, 0)
    first = view.model.index(0, 0, root)
    view.tree.setCurrentIndex(first)
    node = view.model.node(first)
    assert node is not None
    assert len(view.chart.bars) == len(report.children(tuple(node.group.key)))
    view.chart.resize(800, 300)
    image = view.chart.grab().toImage()
    image.save(str(tmp_path / "chart.png"))
    blue = sum(
        1
        for x in range(0, image.width(), 4)
        for y in range(0, image.height(), 4)
        if image.pixelColor(x, y).blue() > 150 and image.pixelColor(x, y).red() < 100
    )
    assert blue > 20  # bars drawn


def test_a_configuration_is_saved_chosen_and_deleted(
    store: Store, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(store, qtbot)
    view = built(qtbot, window)
    assert view.configs.currentData() == "Настройка_причина_результат_закрытие"
    assert not view.delete_button.isEnabled()  # the built-in one stays
    # rows: stage, then operator; columns: successful
    view.tree.setFocus()
    qtbot.keyClick(view.tree, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    assert view.setup.currentIndex() == 1 and view.setup.measures.hasFocus()
    view.setup.set_dimensions(("stage", "operator"), ("successful",))
    view.setup.changed.emit()
    dialog = view.save_config()
    assert dialog.shared.isVisibleTo(dialog)  # a director may share
    dialog.name.setText("Этапы по специалистам")
    dialog.shared.setChecked(True)
    dialog.accept()
    settle(qtbot, window.db)
    assert view.configs.currentData() == "Этапы по специалистам"
    assert "общая" in view.configs.currentText()
    assert view.delete_button.isEnabled()
    # the re-pivot from the facts at hand: columns by success
    settle(qtbot, window.db)
    qtbot.waitUntil(lambda: view.report is not None and view.report.spec.cols == ("successful",))
    assert view.model.columnCount() == 1 + len(view.report.spec.measures) * (
        len(view.report.columns) + 1
    )

    builtin = view.configs.findData("Настройка_причина_результат_закрытие")
    view.configs.setCurrentIndex(builtin)
    view.configs.activated.emit(builtin)
    assert view.setup.rows.names() == ("operator", "reason")
    mine = view.configs.findData("Этапы по специалистам")
    view.configs.setCurrentIndex(mine)
    view.configs.activated.emit(mine)
    assert view.setup.rows.names() == ("stage", "operator")
    assert view.setup.cols.names() == ("successful",)

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Yes)
    view.delete_config()
    settle(qtbot, window.db)
    assert view.configs.findData("Этапы по специалистам") == -1


def test_an_operator_may_not_share(fresh_engine: Engine, qapp, qtbot) -> None:
    store = demo_store(fresh_engine, qapp, clients=10, seed=4, login="egorova_ma")
    window = open_window(store, qtbot)
    view = window.show_reports()
    assert view is not None
    settle(qtbot, window.db)
    dialog = view.save_config()
    assert not dialog.shared.isVisibleTo(dialog)
    dialog.reject()


def test_the_export_s_total_equals_the_screen_s(
    store: Store, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from openpyxl import load_workbook

    window = open_window(store, qtbot)
    view = built(qtbot, window)
    report = view.report
    assert report is not None
    answers = [
        (str(tmp_path / "report.xlsx"), "Книга Excel (*.xlsx)"),
        (str(tmp_path / "report"), "CSV для скриптов (*.csv)"),
    ]
    offered: list[str] = []

    def dialog(*args: object, **_kw: object) -> tuple[str, str]:
        offered.append(str(args[2]))
        return answers.pop(0)

    monkeypatch.setattr("ric_desk.ui.reports.view.QFileDialog.getSaveFileName", dialog)
    # the reasons folded on the screen: folded in the file too
    view.collapse.setCurrentIndex(view.collapse.findData(1))
    view.collapse.activated.emit(view.collapse.currentIndex())
    window.export_current()  # Ctrl+E with the report in front
    settle(qtbot, window.db)
    sheet = load_workbook(tmp_path / "report.xlsx").active
    assert sheet is not None
    totals = [
        row
        for row in sheet.iter_rows(values_only=True)
        if any(isinstance(v, str) and v.startswith("Итого") for v in row)
    ]
    assert totals
    numbers = [v for v in totals[0] if isinstance(v, int | float) and not isinstance(v, bool)]
    expected = [report.total.values[m] for m in report.spec.measures]
    assert numbers[: len(expected)] == expected
    period = f"{report.period.start:%d.%m.%Y}-{report.period.end:%d.%m.%Y}"
    assert offered[0].endswith(f"Отчёт по контактам {period}.xlsx")
    rows = sheet.row_dimensions
    reasons = [r for r, d in rows.items() if d.outlineLevel == 1]
    assert reasons and all(rows[r].hidden for r in reasons)  # folded, as on the screen

    window.export_current()  # the filter chosen decides the kind of file
    settle(qtbot, window.db)
    assert (tmp_path / "report.csv").read_text(encoding="utf-8").count("\n") >= 2


def test_a_change_marks_the_report_stale_and_f9_reads_again(store: Store, qtbot) -> None:
    window = open_window(store, qtbot)
    view = built(qtbot, window)
    facts = view.facts
    assert not view.stale_label.isVisibleTo(view)
    window.db.hub.changed.emit(Changes.of(contacts=[1]), None)
    assert view.stale and view.stale_label.isVisibleTo(view)
    assert view.facts is facts  # not rebuilt by itself
    qtbot.keyClick(view.tree, Qt.Key.Key_F9)
    settle(qtbot, window.db, timeout=30_000)
    assert not view.stale and not view.stale_label.isVisibleTo(view)
    assert view.facts is not facts


def test_cancel_stops_the_reading(store: Store, qtbot) -> None:
    """Cancel asked before the reading began: it stops at its first step, nothing is shown."""
    window = open_window(store, qtbot)
    view = window.show_reports()
    assert view is not None
    settle(qtbot, window.db)
    gate = threading.Event()
    window.db.run_query(None, lambda _s: gate.wait(10), lambda _r: None)  # the worker is busy
    view.build()
    jobs = list(window.db._long_jobs)
    assert len(jobs) == 1
    jobs[0].cancel_requested = True  # what the progress dialog's Cancel does
    gate.set()
    settle(qtbot, window.db, timeout=30_000)
    assert view.facts is None and view.report is None and view.model.root is None
    assert "отменено" in view.status.text()
    view.build()  # and again, not cancelled
    settle(qtbot, window.db, timeout=30_000)
    assert view.report is not None


def test_the_tree_model_keeps_qt_s_rules(store: Store, qtbot, qtmodeltester) -> None:
    """Qt's model tester over the tree, all open, then sorted by a measure."""
    window = open_window(store, qtbot)
    view = built(qtbot, window)
    view.model.fetch_to(None)
    qtmodeltester.check(view.model, force_py=True)
    view.tree.header().setSortIndicator(1, Qt.SortOrder.DescendingOrder)
    qtmodeltester.check(view.model, force_py=True)


def test_a_drill_past_its_limit_says_how_many_are_listed(
    store: Store, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    window = open_window(store, qtbot)
    view = built(qtbot, window)
    monkeypatch.setattr("ric_desk.reports.service.DRILL_LIMIT", 5)
    view.tree.setCurrentIndex(view.model.index(0, 1))  # the total's first measure
    view.drill_current()
    settle(qtbot, window.db)
    dialog = view.dialog
    assert isinstance(dialog, DrillDialog) and dialog.model.rowCount() == 5
    assert "показаны последние 5" in dialog.count.text(), dialog.count.text()
    dialog.reject()


def test_quality_measures_are_read_when_chosen_and_shown_as_shares(
    fresh_engine: Engine, qapp, qtbot, tmp_path: Path
) -> None:
    from ric_desk.checklists import analytics
    from ric_desk.reports.names import QC_MEASURES

    # a demo large enough for published reviews (and a calibration and a draft, not counted)
    store = demo_store(fresh_engine, qapp, clients=100, seed=3, login="barteva_iv")
    window = open_window(store, qtbot)
    view = built(qtbot, window)
    assert view.facts is not None and not view.facts.qc  # not read until asked for
    chosen = ("contacts", "qc_reviews", "qc_avg_score", "qc_pass_rate", "qc_critical_rate")
    view.setup.set_measures(chosen)
    view.setup.changed.emit()
    settle(qtbot, window.db)
    assert view.facts is not None and not view.facts.covers(view.spec())
    qtbot.keyClick(view.tree, Qt.Key.Key_F9)
    settle(qtbot, window.db, timeout=30_000)
    report = view.report
    assert report is not None and report.spec.measures == chosen and view.facts.qc
    total = report.total.values
    start, end = view.period().start, view.period().end
    with store.session(read_only=True) as s:
        expected = analytics.results(s, store.actor, analytics.Filter(start, end)).total
    assert expected.reviews > 0 and total["qc_reviews"] == expected.reviews
    assert expected.average is not None
    assert total["qc_avg_score"] == pytest.approx(float(expected.average) / 100, abs=1e-6)
    for column, measure in enumerate(chosen, start=1):
        text = view.model.index(0, column).data()
        assert text == measure_text(measure, total[measure])
        assert text.endswith("%") == (measure in QC_MEASURES - {"qc_reviews"})
    window.resize(1366, 768)
    view.setup.setCurrentIndex(1)  # the measures
    settle(qtbot, window.db)
    window.grab().save(str(tmp_path / "report-qc.png"))
