"""The call panel's widgets and how they are laid out; `CallPanel` gives them their behaviour.

On the left the work's title, its sections (goal and ПРИЗ, instruments, earlier attempts, the
client's card), which take the height, and what the operator enters (the result, the re-call
time, the buttons); on the right the call check, the phones and the script. Moving the focus to
them by key, and remembering the splitter and the ПРИЗ table's columns. Sized for a 1366×768
laptop (tests/test_screens.py).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDateTimeEdit,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QScrollArea,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ric_desk.ui import settings
from ric_desk.ui.clients.card_view import ClientCardView
from ric_desk.ui.operations import Database
from ric_desk.ui.session.models import GoalModel, InstrumentModel, PrizModel
from ric_desk.ui.session.script_panel import ScriptPanel
from ric_desk.ui.table_model import RowsModel
from ric_desk.ui.views import ElidedLabel, compact_rows, make_table, name_section_keys

REFUSED_STYLE = "color: #b71c1c; font-weight: bold;"


def key(widget: QWidget, sequence: str, action: Callable[[], object]) -> None:
    """A key that acts while `widget` has the focus."""
    shortcut = QShortcut(QKeySequence(sequence), widget, action)
    shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)


def _editable_table(model: object, name: str) -> QTableView:
    table = QTableView()
    table.setObjectName(name)
    table.setModel(model)  # type: ignore[arg-type]
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
    table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    table.setEditTriggers(
        QAbstractItemView.EditTrigger.DoubleClicked
        | QAbstractItemView.EditTrigger.EditKeyPressed
        | QAbstractItemView.EditTrigger.AnyKeyPressed
    )
    table.setAlternatingRowColors(True)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    compact_rows(table)
    return table


class CallLayout(QWidget):
    """The widgets of the call panel, laid out, with focus keys and a remembered layout; nothing
    here reads or writes the database."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        # on the left what the operator writes: the work, its sections (the goal and ПРИЗ, the
        # client's card...) taking the height, the result and the buttons; on the right whom to
        # call and what to say: the check, the phones, the script
        self.work_panel = QWidget()
        self.work_panel.setObjectName("workPanel")
        work_layout = QVBoxLayout(self.work_panel)
        work_layout.setContentsMargins(0, 0, 0, 0)
        self._build_header(work_layout)
        self._build_sections(work_layout)
        self._build_entry(work_layout)

        self.phone_panel = QWidget()
        self.phone_panel.setObjectName("phonePanel")
        phone_layout = QVBoxLayout(self.phone_panel)
        phone_layout.setContentsMargins(0, 0, 0, 0)
        self._build_phones(phone_layout)
        self.script = ScriptPanel()
        side = QWidget()
        side_layout = QVBoxLayout(side)
        side_layout.setContentsMargins(0, 0, 0, 0)
        side_layout.addWidget(self.phone_panel)
        script_keys = QLabel(self.tr("Script (F7): ↑↓ steps, ←→ situation, Space — taken"))
        script_keys.setWordWrap(True)
        side_layout.addWidget(script_keys)
        side_layout.addWidget(self.script, 1)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("callSplitter")
        self.splitter.addWidget(self.work_panel)
        self.splitter.addWidget(side)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.splitter)

    def _build_header(self, layout: QVBoxLayout) -> None:
        self.work_title = ElidedLabel()  # two lines, whatever the names: the card keeps its room
        self.work_title.setObjectName("workTitle")
        font = self.work_title.font()
        font.setBold(True)
        self.work_title.setFont(font)
        self.lease_warning = QLabel()
        self.lease_warning.setObjectName("leaseWarning")
        self.lease_warning.setStyleSheet(REFUSED_STYLE)
        self.lease_warning.setWordWrap(True)
        self.lease_warning.hide()
        layout.addWidget(self.work_title)
        layout.addWidget(self.lease_warning)

    def _build_phones(self, layout: QVBoxLayout) -> None:
        """The check of the chosen phone above the phones: the verdict is the phone's."""
        self.client_time = QLabel()
        self.client_time.setObjectName("clientTime")
        self.verdict = QLabel()
        self.verdict.setObjectName("callVerdict")
        self.verdict.setWordWrap(True)
        self.verdict.setToolTip(self.tr("Check result:"))
        self.check_button = QPushButton(self.tr("Check again (F6)"))
        self.check_button.setObjectName("checkCall")
        self.check_button.setToolTip(
            self.tr("The call is checked by itself when a work is taken and a phone is chosen")
        )
        verdict_bar = QHBoxLayout()
        verdict_bar.addWidget(self.verdict, 1)
        verdict_bar.addWidget(self.client_time)
        verdict_bar.addWidget(self.check_button)

        self.phones = RowsModel(
            [
                (self.tr("Contact person"), lambda r: r.person),
                (self.tr("Position"), lambda r: r.position),
                (self.tr("Kind"), lambda r: r.kind),
                (self.tr("Number"), lambda r: r.number + (" ★" if r.favourite else "")),
            ],
            highlight=lambda r: self.tr("Undesirable number") if r.undesirable else None,
            parent=self,
        )
        self.phone_table = make_table(self.phones, "phoneTable")
        # the number and its kind whole; the person and the position share the rest, elided
        header = self.phone_table.horizontalHeader()
        header.setStretchLastSection(False)
        for column, mode in enumerate(
            (
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.Stretch,
                QHeaderView.ResizeMode.ResizeToContents,
                QHeaderView.ResizeMode.ResizeToContents,
            )
        ):
            header.setSectionResizeMode(column, mode)
        self.phone_table.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        row = self.phone_table.verticalHeader().defaultSectionSize()
        frame = 2 * self.phone_table.frameWidth()
        self.phone_table.setMinimumHeight(header.sizeHint().height() + 2 * row + frame)
        self.phone_table.setMaximumHeight(header.sizeHint().height() + 4 * row + frame)
        layout.addLayout(verdict_bar)
        layout.addWidget(self.phone_table)

    def _build_sections(self, layout: QVBoxLayout) -> None:
        self.goal = GoalModel(self)
        self.goal_table = _editable_table(self.goal, "goalTable")
        self.goal_table.setColumnWidth(0, 330)
        self.goal_table.setMinimumHeight(50)
        self.priz = PrizModel(self)
        self.priz_table = _editable_table(self.priz, "prizTable")
        for column, width in enumerate((230, 95, 80, 90, 85, 90, 110)):
            self.priz_table.setColumnWidth(column, width)
        self.priz_table.setMinimumHeight(60)
        for table in (self.goal_table, self.priz_table):  # a long question or item: two lines
            table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        goal_tab = QWidget()
        goal_layout = QVBoxLayout(goal_tab)
        goal_layout.setContentsMargins(4, 4, 4, 4)
        goal_layout.setSpacing(3)
        goal_layout.addWidget(QLabel(self.tr("Contact goal (Ctrl+G): answer every question")))
        goal_layout.addWidget(self.goal_table, 1)
        goal_layout.addWidget(
            QLabel(self.tr("ПРИЗ (Ctrl+P): Space — worked on, Shift+Space — done, F2 — comment"))
        )
        goal_layout.addWidget(self.priz_table, 3)

        self.instruments = InstrumentModel(self)
        self.instrument_table = _editable_table(self.instruments, "instrumentTable")
        self.instrument_table.setColumnWidth(0, 380)
        self.attempts = RowsModel(
            [
                (self.tr("Contact time"), lambda r: r.at),
                (self.tr("Operator"), lambda r: r.operator),
                (self.tr("Took place"), lambda r: r.successful),
                (self.tr("Result"), lambda r: r.result),
            ],
            parent=self,
        )
        self.attempt_table = make_table(self.attempts, "attemptTable")
        self.attempt_table.setColumnWidth(0, 130)
        self.attempt_table.setColumnWidth(1, 200)

        self.sections = QTabWidget()
        self.sections.setObjectName("workSections")
        self.sections.addTab(goal_tab, self.tr("Goal and ПРИЗ"))
        self.sections.addTab(self.instrument_table, self.tr("Instruments"))
        self.sections.addTab(self.attempt_table, self.tr("Earlier attempts"))
        # one card for every work, switched to the work's client; it scrolls inside its tab
        # when the screen is too low for it; the work's title above names the client already
        self.card = ClientCardView(self.db)
        self.card.title.hide()
        card_layout = self.card.layout()
        if card_layout is not None:
            card_layout.setContentsMargins(4, 2, 4, 2)
        self.card.sections.setDocumentMode(True)  # no second frame inside the call's tabs
        self.card_holder = QScrollArea()
        self.card_holder.setWidgetResizable(True)
        self.card_holder.setMinimumHeight(60)
        self.card_holder.setWidget(self.card)
        self.sections.addTab(self.card_holder, self.tr("Client card"))
        name_section_keys(self.sections)
        layout.addWidget(self.sections, 1)

    def _build_entry(self, layout: QVBoxLayout) -> None:
        self.result = QPlainTextEdit()
        self.result.setObjectName("callResult")
        self.result.setPlaceholderText(self.tr("Result of the call (Ctrl+R)"))
        self.result.setTabChangesFocus(True)
        self.result.setMaximumHeight(56)
        self.successful = QCheckBox(self.tr("Contact took place (F9)"))
        self.successful.setObjectName("contactTookPlace")
        self.successful.setToolTip(
            self.tr(
                "Unless you set it, closing the work sets it from the reason: checked for a "
                "productive one, unchecked for an unproductive one"
            )
        )
        self.recall_at = QDateTimeEdit()
        self.recall_at.setObjectName("recallAt")
        self.recall_at.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.recall_at.setCalendarPopup(True)
        recall_bar = QHBoxLayout()
        recall_bar.addWidget(self.successful)
        recall_bar.addStretch(1)
        recall_bar.addWidget(QLabel(self.tr("Call again:")))
        recall_bar.addWidget(self.recall_at)
        self.plus_buttons: dict[int, QPushButton] = {}
        for minutes, sequence in ((15, "Ctrl+1"), (30, "Ctrl+2"), (60, "Ctrl+3")):
            button = QPushButton(f"+{minutes}")
            button.setObjectName(f"plus{minutes}")
            # as wide as "+60" needs, not the style's 80 px: the row fits a narrow call panel
            button.setMaximumWidth(button.fontMetrics().horizontalAdvance("+60") + 32)
            button.setToolTip(sequence)
            recall_bar.addWidget(button)
            self.plus_buttons[minutes] = button
        self.record_button = QPushButton(self.tr("Record (Ctrl+S)"))
        self.record_button.setObjectName("recordContact")
        self.close_button = QPushButton(self.tr("Close the work (Ctrl+Enter)"))
        self.close_button.setObjectName("closeWork")
        self.release_button = QPushButton(self.tr("Give back (Ctrl+Shift+Q)"))
        self.release_button.setObjectName("releaseWork")
        action_bar = QHBoxLayout()
        action_bar.addStretch(1)
        action_bar.addWidget(self.record_button)
        action_bar.addWidget(self.close_button)
        action_bar.addWidget(self.release_button)
        layout.addWidget(self.result)
        layout.addLayout(recall_bar)
        layout.addLayout(action_bar)

    # -- keyboard --------------------------------------------------------------------------------
    def focus_goal(self) -> None:
        """Ctrl+G: the first unanswered answer (or the first answer), open for typing."""
        self.sections.setCurrentIndex(0)
        self.goal_table.setFocus()
        rows = self.goal.rowCount()
        if not rows:
            return
        answers = [self.goal.index(row, 1) for row in range(rows)]
        target = next((a for a in answers if not str(a.data() or "").strip()), answers[0])
        self.goal_table.setCurrentIndex(target)
        self.goal_table.edit(target)

    def focus_priz(self) -> None:
        self.sections.setCurrentIndex(0)
        self.priz_table.setFocus()
        if not self.priz_table.currentIndex().isValid() and self.priz.rowCount():
            self.priz_table.setCurrentIndex(self.priz.index(0, PrizModel.TITLE))

    def focus_recall_time(self) -> None:
        self.recall_at.setFocus()
        self.recall_at.setSelectedSection(QDateTimeEdit.Section.HourSection)

    def toggle_priz(self, column: int) -> None:
        index = self.priz_table.currentIndex()
        if index.isValid():
            self.priz.toggle(index.row(), column)

    # -- layout ----------------------------------------------------------------------------------
    def restore_layout(self) -> bool:
        restored = settings.SESSION_LAYOUT.restore_splitter(
            self.splitter, self.splitter.objectName()
        )
        settings.SESSION_LAYOUT.restore_header(
            self.priz_table.horizontalHeader(), self.priz_table.objectName()
        )
        return restored

    def save_layout(self) -> None:
        settings.SESSION_LAYOUT.save_splitter(self.splitter, self.splitter.objectName())
        settings.SESSION_LAYOUT.save_header(
            self.priz_table.horizontalHeader(), self.priz_table.objectName()
        )
        self.card.save_layout()
