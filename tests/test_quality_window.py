"""The quality tab inside the main window (issue 12): Ctrl+Shift+Q opens it with the pages of
the signed-in role, the navigator follows it, Ctrl+E exports the page in front and Ctrl+W closes
the tab; on the demo database."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QShortcut
from PySide6.QtWidgets import QFileDialog, QWidget
from sqlalchemy import Engine

from tests.gui import demo_store, open_window, settle

pytestmark = pytest.mark.gui

SUPERVISOR_PAGES = ["samplePage", "reviewsPage", "disputesPage", "calibrationPage"]


def pages_of(window) -> list[str]:
    pages = window.quality_view.pages
    return [pages.widget(i).objectName() for i in range(pages.count())]


def test_a_supervisor_s_quality_tab_exports_the_page_in_front(
    fresh_engine: Engine, qapp, qtbot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    store = demo_store(fresh_engine, qapp, clients=40, seed=5, login="morozova_np")
    window = open_window(store, qtbot)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    qtbot.keyClick(
        window.client_list,
        Qt.Key.Key_Q,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    settle(qtbot, window.db)
    assert window.quality_view is not None
    assert window.tabs.currentWidget() is window.quality_view
    assert window.navigator.currentRow() == 3
    window.activateWindow()  # offscreen, the closed progress dialog leaves no window active
    qtbot.waitUntil(window.isActiveWindow)
    names = pages_of(window)
    assert names[: len(SUPERVISOR_PAGES)] == SUPERVISOR_PAGES and "templatesPage" in names

    # Ctrl+E: the sample page's calls, then the check-list shown on the templates page
    sample = window.quality_view.page("samplePage")
    window.quality_view.pages.setCurrentWidget(sample)
    sample.table.setFocus()
    target = tmp_path / "выборка.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    qtbot.keyClick(sample.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window.db)
    qtbot.waitUntil(target.exists, timeout=10_000)
    sheet = openpyxl.load_workbook(target).active
    assert sheet is not None and sheet.max_row > 1  # the demo's sample is last month's
    assert sample.listed()

    templates = window.quality_view.page("templatesPage")
    window.quality_view.pages.setCurrentWidget(templates)
    templates.table.setFocus()
    settle(qtbot, window.db)
    qtbot.waitUntil(lambda: templates.export_button.isEnabled(), timeout=10_000)
    checklist = tmp_path / "чек-лист.xlsx"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(checklist), ""))
    qtbot.keyClick(templates.table, Qt.Key.Key_E, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window.db)
    qtbot.waitUntil(checklist.exists, timeout=10_000)
    assert openpyxl.load_workbook(checklist).sheetnames

    # Ctrl+W closes the tab; the navigator goes back
    qtbot.keyClick(templates.table, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    settle(qtbot, window.db)
    assert window.quality_view is None
    assert window.navigator.currentRow() != 3


def test_an_operator_sees_only_their_reviews_and_figures(fresh_engine: Engine, qapp, qtbot) -> None:
    store = demo_store(fresh_engine, qapp, clients=10, seed=4, login="egorova_ma")
    window = open_window(store, qtbot)
    window.show_quality()
    settle(qtbot, window.db)
    assert pages_of(window) == ["reviewsPage", "analyticsPage"]


def inside(quality: QWidget, owner: object) -> bool:
    return isinstance(owner, QWidget) and (owner is quality or quality.isAncestorOf(owner))


def test_no_quality_key_is_one_the_main_window_already_has(
    fresh_engine: Engine, qapp, qtbot
) -> None:
    """A page's shortcut equal to a window-wide one is ambiguous to Qt: neither runs."""
    store = demo_store(fresh_engine, qapp, clients=10, seed=4, login="morozova_np")
    window = open_window(store, qtbot)
    quality = window.show_quality()
    settle(qtbot, window.db)
    window_keys = {
        key.toString()
        for action in window.findChildren(QAction)
        if action.shortcutContext() == Qt.ShortcutContext.WindowShortcut
        and not inside(quality, action.parent())
        for key in action.shortcuts()
    }
    page_keys = {
        key.toString() for action in quality.findChildren(QAction) for key in action.shortcuts()
    } | {shortcut.key().toString() for shortcut in quality.findChildren(QShortcut)}
    assert "Ctrl+E" in window_keys and "F5" in page_keys
    assert not (window_keys & page_keys)


def test_the_quality_tab_fits_a_1280_pixel_screen(fresh_engine: Engine, qapp, qtbot) -> None:
    """A page too wide for the screen widens the whole window past it (seen on a real display:
    the analytics page's period and filters on one row asked for 1377 pixels)."""
    store = demo_store(fresh_engine, qapp, clients=10, seed=4, login="morozova_np")
    window = open_window(store, qtbot)
    quality = window.show_quality()
    settle(qtbot, window.db)
    assert quality is not None
    wide = {
        page.objectName(): page.minimumSizeHint().width()
        for page in (quality.pages.widget(i) for i in range(quality.pages.count()))
    }
    assert len(wide) >= 5
    assert window.minimumSizeHint().width() <= 1280, wide
    assert window.minimumSizeHint().height() <= 720
