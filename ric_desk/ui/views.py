"""Small helpers shared by the screens."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import Any

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QSize,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import (
    QGuiApplication,
    QHelpEvent,
    QKeySequence,
    QPainter,
    QPaintEvent,
    QShortcut,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QTabWidget,
    QToolTip,
    QWidget,
)

from ric_desk.ui import settings
from ric_desk.ui.table_model import SORT_ROLE, RowsModel


def make_table(model: Any, name: str) -> QTableView:
    """A read-only, sortable, row-selecting table over `model`."""
    proxy = QSortFilterProxyModel(model)
    proxy.setSourceModel(model)
    proxy.setSortRole(SORT_ROLE)
    table = QTableView()
    table.setObjectName(name)
    table.setModel(proxy)
    table.setSortingEnabled(True)
    table.sortByColumn(-1, Qt.SortOrder.AscendingOrder)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setTextElideMode(Qt.TextElideMode.ElideRight)  # not cut mid-word
    compact_rows(table)
    table.setItemDelegate(ElidedTips(table))
    return table


class ElidedTips(QStyledItemDelegate):
    """A cell too narrow for its text (elided with "…") shows the whole text as its tooltip."""

    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        tip = event is not None and event.type() == QEvent.Type.ToolTip and index.isValid()
        if tip and index.data(Qt.ItemDataRole.ToolTipRole) is None:
            text = str(index.data() or "")
            room = option.rect.width() - 8  # the cell's text margins
            if text and option.fontMetrics.horizontalAdvance(text) > room:
                QToolTip.showText(event.globalPos(), text, view)
                return True
        return super().helpEvent(event, view, option, index)


def compact_rows(table: QTableView) -> None:
    """Rows one line of text high (the style's default is ~30 px): on a 768-pixel-high screen a
    table shows half as many rows again."""
    rows = table.verticalHeader()
    rows.setMinimumSectionSize(table.fontMetrics().height() + 4)
    rows.setDefaultSectionSize(table.fontMetrics().height() + 6)


class ElidedLabel(QLabel):
    """Lines of text that end in "…" where their room ends, the whole text in its tooltip: a
    long name does not widen (or heighten) the screen it is on."""

    def setText(self, text: str) -> None:
        super().setText(text)
        self.setToolTip(text)

    def minimumSizeHint(self) -> QSize:
        hint = super().minimumSizeHint()
        return QSize(
            min(hint.width(), self.fontMetrics().horizontalAdvance("M" * 8)), hint.height()
        )

    def paintEvent(self, event: QPaintEvent) -> None:
        room = self.contentsRect()
        metrics = self.fontMetrics()
        text = "\n".join(  # each line of its own
            metrics.elidedText(line, Qt.TextElideMode.ElideRight, room.width())
            for line in self.text().split("\n")
        )
        painter = QPainter(self)
        painter.drawText(room, int(self.alignment()), text)


def fit_to_screen(window: QWidget, width: int, height: int) -> None:
    """`width`×`height`, or less where the screen's free area is smaller: a dialog's buttons must
    not fall under the task bar of a 1366×768 laptop (the title bar and borders take ~40 px)."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is not None:
        free = screen.availableGeometry()
        width, height = min(width, free.width() - 16), min(height, free.height() - 40)
    window.resize(width, height)


def ok_cancel(dialog: QDialog) -> QDialogButtonBox:
    """OK and Cancel for `dialog`, OK its default button: Enter in any field but a multi-line one
    (a list, a combo, a date, a line, a check box) presses OK. Made inside the dialog, so that the
    default is the dialog's own and not the first other button it holds ("Add a phone")."""
    buttons = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
    )
    ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
    ok.setAutoDefault(True)
    ok.setDefault(True)
    buttons.accepted.connect(dialog.accept)
    buttons.rejected.connect(dialog.reject)
    return buttons


def section_keys(owner: QWidget, sections: Callable[[], QTabWidget | None]) -> None:
    """Ctrl+PgDown / Ctrl+PgUp: the next / previous section, Alt+1..9: section N, anywhere in
    `owner`'s window; of the tabs `sections` names when the key is pressed (which tabs depends on
    where the focus is). The focus goes into the section shown, ready for the arrows."""

    def go(step: int, number: int | None = None) -> None:
        tabs = sections()
        if tabs is None or tabs.count() == 0:
            return
        if number is None:
            index = (tabs.currentIndex() + step) % tabs.count()
        elif number < tabs.count():
            index = number
        else:
            return
        tabs.setCurrentIndex(index)
        focus_into(tabs.currentWidget())

    keys: list[tuple[str, Callable[[], None]]] = [
        ("Ctrl+PgDown", lambda: go(1)),
        ("Ctrl+PgUp", lambda: go(-1)),
    ]
    for number in range(9):
        keys.append((f"Alt+{number + 1}", partial(go, 0, number)))
    for sequence, action in keys:
        shortcut = QShortcut(QKeySequence(sequence), owner, action)
        shortcut.setContext(Qt.ShortcutContext.WindowShortcut)


def name_section_keys(tabs: QTabWidget) -> None:
    """Each section's key in its tab's tooltip."""
    hint = QCoreApplication.translate(
        "SectionKeys", "Alt+{number}; Ctrl+PgUp / Ctrl+PgDn: the section before / after"
    )
    for index in range(min(tabs.count(), 9)):
        tabs.setTabToolTip(index, hint.format(number=index + 1))


def focus_into(page: QWidget | None) -> None:
    """The keyboard focus to `page`'s first table (or its first field): a section just shown
    must not leave the focus on a widget it hid."""
    if page is None:
        return
    candidates = [page, *page.findChildren(QWidget)]
    usable = [
        w
        for w in candidates
        if w.isVisibleTo(page) and w.isEnabled() and w.focusPolicy() & Qt.FocusPolicy.TabFocus
    ]
    tables = [w for w in usable if isinstance(w, QAbstractItemView)]
    target = (tables or usable or [page])[0]
    target.setFocus(Qt.FocusReason.ShortcutFocusReason)


def indicator_model(parent: QObject) -> RowsModel:
    """Показатель / Значение / Актуален / Дата актуализации / Актуален до / Пользователь, with
    expired rows marked: the same table for a client and for a contact person."""

    translate = QCoreApplication.translate
    return RowsModel(
        [
            (translate("IndicatorTable", "Indicator"), lambda r: r.name),
            (translate("IndicatorTable", "Value"), lambda r: r.display),
            (translate("IndicatorTable", "Actual"), lambda r: r.is_actual),
            (translate("IndicatorTable", "Verified on"), lambda r: r.verified_on),
            (translate("IndicatorTable", "Valid until"), lambda r: r.valid_until),
            (translate("IndicatorTable", "User"), lambda r: r.verified_by),
        ],
        highlight=lambda r: (
            translate(
                "IndicatorTable", "The confirmation has expired: confirm or correct the value"
            )
            if r.expired
            else None
        ),
        parent=parent,
    )


def fit_width(window: QWidget, width: int) -> None:
    """`width` wide and as tall as its layout needs at that width: wrapped labels get the lines
    they need there, not the few they would need wider (which squeezed the fields below)."""
    layout = window.layout()
    if layout is not None:
        layout.invalidate()  # rows added since it last looked
        layout.activate()
    height = window.sizeHint().height()
    if layout is not None and layout.hasHeightForWidth():
        height = max(height, layout.heightForWidth(width))
    window.setMinimumHeight(height)
    window.resize(width, height)


def ask_xlsx(parent: QWidget, title: str, name: str) -> Path | None:
    """Where to export: the save dialog for an Excel workbook, opened in the folder of the last
    export with `name` proposed; None when cancelled."""
    path, _chosen = QFileDialog.getSaveFileName(
        parent,
        title,
        str(settings.EXPORT_FOLDER.folder() / name),
        QCoreApplication.translate("Export", "Excel workbook (*.xlsx)"),
    )
    return Path(path) if path else None


def xlsx_target(target: Path) -> Path:
    """The export's file with the .xlsx ending, its folder remembered for the next export."""
    if target.suffix.lower() != ".xlsx":
        target = target.with_suffix(".xlsx")
    settings.EXPORT_FOLDER.remember(target)
    return target
