"""СЕССИЯ ОБЗВОНКИ: the operator's queue and the call screen, all of it usable from the keyboard.

F8 takes the next work (or Enter on a row of the queue), F6 checks whether the call is allowed,
F7 goes to the script, Ctrl+G to the goal, Ctrl+P to the ПРИЗ items (Space: worked on,
Shift+Space: done), Ctrl+R to the result, Ctrl+S records the contact, Ctrl+1/2/3 re-schedule
+15/+30/+60 minutes (Ctrl+T: an exact time, then Enter), Ctrl+Enter closes the work with a reason,
Ctrl+Shift+Q gives the work back untouched, F5 refreshes the queue.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QDateTime, QSortFilterProxyModel, Qt, QTime, QTimer, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QDialog,
    QFileDialog,
    QHBoxLayout,
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
from sqlalchemy import select

from ric_desk.calls import queue as work_queue
from ric_desk.calls import recording
from ric_desk.calls import rules as calling
from ric_desk.calls import session as call_session
from ric_desk.calls.export import export_queue
from ric_desk.calls.recording import Attempt, RescheduleRefused
from ric_desk.calls.session import WorkView
from ric_desk.errors import LeaseLost, NoConnection, UserError
from ric_desk.models import Campaign, Direction, Stage, utcnow
from ric_desk.store import Store
from ric_desk.ui import settings
from ric_desk.ui.clients.card_view import ClientCardView
from ric_desk.ui.messages import show_error
from ric_desk.ui.operations import Database
from ric_desk.ui.session.close_dialog import CloseWorkDialog
from ric_desk.ui.session.models import GoalModel, InstrumentModel, PrizModel
from ric_desk.ui.session.script_panel import ScriptPanel
from ric_desk.ui.table_model import RowsModel
from ric_desk.ui.views import make_table

ALLOWED_STYLE = "color: #1b5e20; font-weight: bold;"
REFUSED_STYLE = "color: #b71c1c; font-weight: bold;"


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
    return table


class SessionView(QWidget):
    """The call session; `client_changed` tells open cards that a work of that client changed."""

    client_changed = Signal(int)

    def __init__(
        self, store: Store, clock: Callable[[], datetime] = utcnow, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionView")
        self.store = store
        self.db = Database(store, self)  # the embedded card's worker
        self.clock = clock
        assert store.employee is not None
        self.operator_id = store.employee.id
        assert store.actor is not None
        self.actor = store.actor
        with store.session() as s:
            self.rules = calling.load_rules(s)
            directions = list(
                s.execute(select(Direction.id, Direction.name).order_by(Direction.id))
            )
            campaigns = list(
                s.execute(
                    select(Campaign.id, Campaign.name)
                    .where(Campaign.active.is_(True))
                    .order_by(Campaign.name)
                )
            )
            stages = list(s.execute(select(Stage.id, Stage.name).order_by(Stage.id)))
        self.view: WorkView | None = None
        self.contact_id: int | None = None
        self.started_at: datetime | None = None
        self.card: ClientCardView | None = None
        self.dialog: QDialog | None = None

        # -- the session's period and filter ----------------------------------------------------
        local_today = self.clock().astimezone().date()
        today = QDate(local_today.year, local_today.month, local_today.day)
        self.date_from = QDateEdit(today)
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.dateChanged.connect(lambda _d: self.refresh())
        self.direction = QComboBox()
        self.direction.setObjectName("sessionDirection")
        self.direction.addItem(self.tr("All directions"), None)
        for direction_id, name in directions:
            self.direction.addItem(name, direction_id)
        self.campaign = QComboBox()
        self.campaign.setObjectName("sessionCampaign")
        self.campaign.addItem(self.tr("Any campaign"), None)
        for campaign_id, name in campaigns:
            self.campaign.addItem(name, campaign_id)
        self.stage = QComboBox()
        self.stage.setObjectName("sessionStage")
        self.stage.addItem(self.tr("All kinds of work"), None)
        for stage_id, name in stages:
            self.stage.addItem(f"{stage_id}. {name}", stage_id)
        for combo in (self.direction, self.campaign, self.stage):
            combo.setMinimumContentsLength(12)
            combo.setSizeAdjustPolicy(
                QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon
            )
            combo.currentIndexChanged.connect(lambda _i: self.refresh())
        self.counts = QLabel()
        self.counts.setObjectName("sessionCounts")
        self.next_button = QPushButton(self.tr("Next work (F8)"))
        self.next_button.setObjectName("nextWork")
        self.next_button.clicked.connect(self.take_next)
        top = QHBoxLayout()
        operator = store.employee.full_name
        top.addWidget(QLabel(self.tr("Operator: {name}").format(name=operator)))
        top.addSpacing(12)
        top.addWidget(QLabel(self.tr("Period:")))
        top.addWidget(self.date_from)
        top.addWidget(QLabel("—"))
        top.addWidget(self.date_to)
        top.addStretch(1)
        top.addWidget(self.counts)
        top.addWidget(self.next_button)
        narrowing = QHBoxLayout()
        narrowing.addWidget(QLabel(self.tr("Works:")))
        narrowing.addWidget(self.direction, 1)
        narrowing.addWidget(self.campaign, 1)
        narrowing.addWidget(self.stage, 2)

        # -- the queue ---------------------------------------------------------------------------
        self.queue = RowsModel(
            [
                (self.tr("Planned"), lambda r: r.planned_at),
                (self.tr("Client"), lambda r: r.client),
                (self.tr("Contact person"), lambda r: r.person),
                (self.tr("Phone"), lambda r: r.phone),
                (self.tr("Stage"), lambda r: r.stage),
                (self.tr("Executor"), lambda r: r.executor or self.tr("team")),
                (self.tr("Taken by"), lambda r: r.taken_by),
            ],
            highlight=lambda r: self.tr("A re-call that is due") if r.rank == 0 else None,
            parent=self,
        )
        self.queue_table = make_table(self.queue, "queueTable")
        for column, width in enumerate((120, 260, 200, 120, 200, 150)):
            self.queue_table.setColumnWidth(column, width)
        self.queue_table.setMinimumHeight(100)
        self._key(self.queue_table, "Return", self.take_selected)
        self.queue_table.doubleClicked.connect(lambda _i: self.take_selected())

        # -- the work ----------------------------------------------------------------------------
        self.work_title = QLabel(self.tr("No work taken: press F8 for the next one."))
        self.work_title.setObjectName("workTitle")
        self.work_title.setWordWrap(True)
        font = self.work_title.font()
        font.setBold(True)
        self.work_title.setFont(font)
        self.client_time = QLabel()
        self.client_time.setObjectName("clientTime")
        self.verdict = QLabel()
        self.verdict.setObjectName("callVerdict")
        self.verdict.setWordWrap(True)
        self.lease_warning = QLabel()
        self.lease_warning.setObjectName("leaseWarning")
        self.lease_warning.setStyleSheet(REFUSED_STYLE)
        self.lease_warning.setWordWrap(True)
        self.lease_warning.hide()
        self.check_button = QPushButton(self.tr("Check (F6)"))
        self.check_button.setObjectName("checkCall")
        self.check_button.clicked.connect(self.check)

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
        self.phone_table.setMinimumHeight(60)
        self.phone_table.setMaximumHeight(100)
        for column, width in enumerate((250, 200, 130)):
            self.phone_table.setColumnWidth(column, width)
        self.phone_table.selectionModel().currentRowChanged.connect(lambda *_: self.check())

        self.goal = GoalModel(self)
        self.goal_table = _editable_table(self.goal, "goalTable")
        self.goal_table.setColumnWidth(0, 330)
        self.goal_table.setMinimumHeight(50)
        self.priz = PrizModel(self)
        self.priz_table = _editable_table(self.priz, "prizTable")
        for column, width in enumerate((230, 95, 80, 90, 85, 90, 110)):
            self.priz_table.setColumnWidth(column, width)
        self.priz_table.setMinimumHeight(60)
        self._key(self.priz_table, "Space", lambda: self._toggle_priz(PrizModel.WORKED_ON))
        self._key(self.priz_table, "Shift+Space", lambda: self._toggle_priz(PrizModel.DONE))
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
        # the card scrolls inside the tab, so its height does not squeeze the rest of the screen
        self.card_holder = QScrollArea()
        self.card_holder.setWidgetResizable(True)
        self.card_holder.setMinimumHeight(60)
        self.sections.addTab(self.card_holder, self.tr("Client card"))

        self.result = QPlainTextEdit()
        self.result.setObjectName("callResult")
        self.result.setPlaceholderText(self.tr("Result of the call (Ctrl+R)"))
        self.result.setTabChangesFocus(True)
        self.result.setMaximumHeight(56)
        self.successful = QCheckBox(self.tr("Contact took place"))
        self.successful.setObjectName("contactTookPlace")
        self.recall_at = QDateTimeEdit()
        self.recall_at.setObjectName("recallAt")
        self.recall_at.setDisplayFormat("dd.MM.yyyy HH:mm")
        self.recall_at.setCalendarPopup(True)
        self._key(self.recall_at, "Return", self.reschedule_exact)
        self._key(self.recall_at, "Enter", self.reschedule_exact)
        recall_bar = QHBoxLayout()
        recall_bar.addWidget(self.successful)
        recall_bar.addStretch(1)
        recall_bar.addWidget(QLabel(self.tr("Call again:")))
        recall_bar.addWidget(self.recall_at)
        self.plus_buttons = []
        for minutes, key in ((15, "Ctrl+1"), (30, "Ctrl+2"), (60, "Ctrl+3")):
            button = QPushButton(f"+{minutes}")
            button.setObjectName(f"plus{minutes}")
            button.setToolTip(key)
            button.clicked.connect(lambda _c=False, m=minutes: self.reschedule_in(m))
            recall_bar.addWidget(button)
            self.plus_buttons.append(button)
        self.record_button = QPushButton(self.tr("Record (Ctrl+S)"))
        self.record_button.setObjectName("recordContact")
        self.record_button.clicked.connect(self.record)
        self.close_button = QPushButton(self.tr("Close the work (Ctrl+Enter)"))
        self.close_button.setObjectName("closeWork")
        self.close_button.clicked.connect(self.close_work)
        self.release_button = QPushButton(self.tr("Give back (Ctrl+Shift+Q)"))
        self.release_button.setObjectName("releaseWork")
        self.release_button.clicked.connect(self.release)
        action_bar = QHBoxLayout()
        action_bar.addStretch(1)
        action_bar.addWidget(self.record_button)
        action_bar.addWidget(self.close_button)
        action_bar.addWidget(self.release_button)

        verdict_bar = QHBoxLayout()
        verdict_bar.addWidget(QLabel(self.tr("Check result:")))
        verdict_bar.addWidget(self.verdict, 1)
        verdict_bar.addWidget(self.client_time)
        verdict_bar.addWidget(self.check_button)

        self.work_panel = QWidget()
        self.work_panel.setObjectName("workPanel")
        work_layout = QVBoxLayout(self.work_panel)
        work_layout.setContentsMargins(0, 0, 0, 0)
        work_layout.addWidget(self.work_title)
        work_layout.addLayout(verdict_bar)
        work_layout.addWidget(self.lease_warning)
        work_layout.addWidget(self.phone_table)
        work_layout.addWidget(self.sections, 1)
        work_layout.addWidget(self.result)
        work_layout.addLayout(recall_bar)
        work_layout.addLayout(action_bar)

        self.script = ScriptPanel()
        script_box = QWidget()
        script_layout = QVBoxLayout(script_box)
        script_layout.setContentsMargins(0, 0, 0, 0)
        script_layout.addWidget(
            QLabel(self.tr("Script (F7): ↑↓ steps, ←→ situation, Space — taken"))
        )
        script_layout.addWidget(self.script, 1)

        self.call_splitter = QSplitter(Qt.Orientation.Horizontal)
        self.call_splitter.setObjectName("callSplitter")
        self.call_splitter.addWidget(self.work_panel)
        self.call_splitter.addWidget(script_box)
        self.call_splitter.setStretchFactor(0, 3)
        self.call_splitter.setStretchFactor(1, 2)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("sessionSplitter")
        self.splitter.addWidget(self.queue_table)
        self.splitter.addWidget(self.call_splitter)
        self.splitter.setStretchFactor(1, 3)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addLayout(narrowing)
        layout.addWidget(self.splitter, 1)

        self._actions()
        self.lease_timer = QTimer(self)
        self.lease_timer.setInterval(max(20_000, int(self.rules.lease.total_seconds() * 1000 / 3)))
        self.lease_timer.timeout.connect(self.renew_lease)
        # re-calls come due and colleagues take works: the queue refreshes itself every minute
        self.queue_timer = QTimer(self)
        self.queue_timer.setInterval(60_000)
        self.queue_timer.timeout.connect(self.refresh)
        self.queue_timer.start()
        self._restore_layout()
        self._show_work(None)
        self.refresh()

    # -- keyboard --------------------------------------------------------------------------------
    @staticmethod
    def _key(widget: QWidget, key: str, action: Callable[[], object]) -> None:
        shortcut = QShortcut(QKeySequence(key), widget, action)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)

    def _actions(self) -> None:
        bindings: list[tuple[str, str, Callable[[], object]]] = [
            ("F8", self.tr("Next work"), self.take_next),
            ("F6", self.tr("Check the call"), self.check),
            ("F7", self.tr("Go to the script"), lambda: self.script.table.setFocus()),
            ("Ctrl+G", self.tr("Go to the goal"), self.focus_goal),
            ("Ctrl+P", self.tr("Go to ПРИЗ"), self.focus_priz),
            ("Ctrl+R", self.tr("Go to the result"), lambda: self.result.setFocus()),
            ("Ctrl+S", self.tr("Record the contact"), self.record),
            ("Ctrl+1", self.tr("Call again in 15 minutes"), lambda: self.reschedule_in(15)),
            ("Ctrl+2", self.tr("Call again in 30 minutes"), lambda: self.reschedule_in(30)),
            ("Ctrl+3", self.tr("Call again in 60 minutes"), lambda: self.reschedule_in(60)),
            ("Ctrl+T", self.tr("Call again at a time"), self.focus_recall_time),
            ("Ctrl+Return", self.tr("Close the work"), self.close_work),
            ("Ctrl+Enter", self.tr("Close the work"), self.close_work),
            ("Ctrl+Shift+Q", self.tr("Give the work back"), self.release),
            ("F5", self.tr("Refresh the queue"), self.refresh),
        ]
        for key, text, slot in bindings:
            action = QAction(text, self)
            action.setShortcut(QKeySequence(key))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    def focus_goal(self) -> None:
        self.sections.setCurrentIndex(0)
        self.goal_table.setFocus()
        if not self.goal_table.currentIndex().isValid() and self.goal.rowCount():
            self.goal_table.setCurrentIndex(self.goal.index(0, 1))

    def focus_priz(self) -> None:
        self.sections.setCurrentIndex(0)
        self.priz_table.setFocus()
        if not self.priz_table.currentIndex().isValid() and self.priz.rowCount():
            self.priz_table.setCurrentIndex(self.priz.index(0, PrizModel.TITLE))

    def focus_recall_time(self) -> None:
        self.recall_at.setFocus()
        self.recall_at.setSelectedSection(QDateTimeEdit.Section.HourSection)

    def _toggle_priz(self, column: int) -> None:
        index = self.priz_table.currentIndex()
        if index.isValid():
            self.priz.toggle(index.row(), column)

    # -- the queue -------------------------------------------------------------------------------
    def session_filter(self) -> work_queue.SessionFilter:
        def start_of(day: date) -> datetime:
            return datetime.combine(day, time(0)).astimezone().astimezone(UTC)

        first = self.date_from.date().toPython()
        last = self.date_to.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        return work_queue.SessionFilter(
            start=start_of(first),
            end=start_of(max(first, last) + timedelta(days=1)),
            direction_ids=(d,) if (d := self.direction.currentData()) is not None else (),
            campaign_id=self.campaign.currentData(),
            stage_id=self.stage.currentData(),
        )

    def refresh(self) -> None:
        flt = self.session_filter()
        now = self.clock()
        try:
            with self.store.session() as s:
                rows = work_queue.rows(
                    s, self.operator_id, flt, now=now, grace=self.rules.recall_grace
                )
                counts = work_queue.counts(
                    s, self.operator_id, flt, now=now, grace=self.rules.recall_grace
                )
        except Exception as exc:
            show_error(self, exc)
            return
        self.queue.set_rows(rows)
        self.counts.setText(
            self.tr("Planned: {planned}   Done: {done}   Left: {left}").format(
                planned=counts.planned, done=counts.done, left=counts.left
            )
        )

    def take_next(self) -> None:
        self._take(None)

    def take_selected(self) -> None:
        index = self.queue_table.currentIndex()
        if not index.isValid():
            return
        proxy = self.queue_table.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        row = self.queue.object_at(proxy.mapToSource(index).row())
        if row is not None:
            self._take(row.work_id)

    def _take(self, work_id: int | None) -> None:
        if self.view is not None and (work_id is None or work_id != self.view.work_id):
            show_error(
                self,
                UserError(
                    self.tr(
                        "Finish the work you have first: record and close it, re-schedule it "
                        "or give it back (Ctrl+Shift+Q)."
                    )
                ),
            )
            return
        try:
            with self.store.session() as s:
                taken = work_queue.claim_next(
                    s,
                    self.actor,
                    self.session_filter(),
                    now=self.clock(),
                    lease=self.rules.lease,
                    grace=self.rules.recall_grace,
                    work_id=work_id,
                ).value
            if taken is None:
                self.refresh()
                message = (
                    self.tr("This work cannot be taken: another operator holds it.")
                    if work_id is not None
                    else self.tr("The queue is empty: no work left to take in this session.")
                )
                self.work_title.setText(message)
                return
            with self.store.session() as s:
                view = call_session.load(s, taken)
                script = call_session.script_for_stage(s, view.stage_id)
        except Exception as exc:
            show_error(self, exc)
            return
        self._show_work(view)
        self.script.show_script(script)
        self.refresh()
        self.check()
        self.lease_timer.start()

    # -- the work on screen ----------------------------------------------------------------------
    def _show_work(self, view: WorkView | None) -> None:
        self.view = view
        self.contact_id = None
        self.started_at = self.clock() if view else None
        self.work_panel.setEnabled(view is not None)
        self.lease_warning.hide()
        self.result.clear()
        self.successful.setChecked(False)
        if self.card is not None:
            self.card.save_layout()
            self.card_holder.takeWidget()
            self.card.deleteLater()
            self.card = None
        if view is None:
            self.work_title.setText(self.tr("No work taken: press F8 for the next one."))
            self.verdict.clear()
            self.client_time.clear()
            self.phones.set_rows([])
            self.goal.set_questions([])
            self.priz.set_rows([])
            self.instruments.set_rows([])
            self.attempts.set_rows([])
            self.script.show_script(None)
            self.lease_timer.stop()
            self._set_recall(self.clock() + timedelta(minutes=15))
            return
        planned = view.planned_at.astimezone().strftime("%d.%m.%Y %H:%M")
        self.work_title.setText(
            self.tr("Work No. {number} for {planned} · {direction} · {stage}\n{client}").format(
                number=view.number,
                planned=planned,
                direction=view.direction,
                stage=view.stage or self.tr("no stage"),
                client=view.client,
            )
        )
        self.phones.set_rows(view.phones)
        if view.phones:
            self.phone_table.selectRow(0)
        self.goal.set_questions(view.goal_questions)
        self.priz.set_rows(view.priz)
        self.instruments.set_rows(view.instruments)
        self.attempts.set_rows(view.attempts)
        self.card = ClientCardView(self.db, view.client_id)
        self.card.setMinimumHeight(520)
        self.card_holder.setWidget(self.card)
        self._set_recall(self.clock() + timedelta(minutes=15))

    def _set_recall(self, at: datetime) -> None:
        local = at.astimezone()
        self.recall_at.setDateTime(
            QDateTime(
                QDate(local.year, local.month, local.day),
                QTime(local.hour, local.minute),
            )
        )

    def current_phone(self) -> call_session.Phone | None:
        index = self.phone_table.currentIndex()
        if not index.isValid():
            return None
        proxy = self.phone_table.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        row = self.phones.object_at(proxy.mapToSource(index).row())
        return row if isinstance(row, call_session.Phone) else None

    def check(self) -> calling.Verdict | None:
        if self.view is None:
            return None
        phone = self.current_phone()
        now = self.clock()
        try:
            with self.store.session() as s:
                verdict = calling.check(
                    s,
                    self.rules,
                    client_id=self.view.client_id,
                    channel_id=phone.channel_id if phone else None,
                    now=now,
                    work_id=self.view.work_id,
                )
        except Exception as exc:
            show_error(self, exc)
            return None
        if verdict.allowed:
            self.verdict.setText(self.tr("Call allowed"))
            self.verdict.setStyleSheet(ALLOWED_STYLE)
        else:
            self.verdict.setText(
                self.tr("Do not call: {reasons}").format(reasons="; ".join(verdict.reasons))
            )
            self.verdict.setStyleSheet(REFUSED_STYLE)
        self.client_time.setText(
            self.tr("Client's time: {time}").format(time=verdict.local_time.strftime("%H:%M"))
        )
        return verdict

    def attempt(self) -> Attempt:
        assert self.view is not None and self.started_at is not None
        phone = self.current_phone()
        return Attempt(
            work_id=self.view.work_id,
            started_at=self.started_at,
            person_id=phone.person_id if phone and phone.person_id else self.view.person_id,
            channel_id=phone.channel_id if phone else None,
            successful=self.successful.isChecked(),
            result=self.result.toPlainText(),
            goal_answers=self.goal.answers(),
            instruments=self.instruments.counts(),
            script_path=self.script.recorded_path(),
            priz=self.priz.edits(),
        )

    def record(self) -> None:
        """Зафиксировать: write this attempt; the work stays taken."""
        if self.view is None:
            return
        try:
            with self.store.session() as s:
                self.contact_id = recording.record(
                    s,
                    self.actor,
                    self.attempt(),
                    now=self.clock(),
                    contact_id=self.contact_id,
                ).value
            with self.store.session() as s:
                fresh = call_session.load(s, self.view.work_id)
        except Exception as exc:
            self._failed(exc)
            return
        self.view = fresh
        self.priz.set_rows(fresh.priz)  # the new versions of the items just written
        self.attempts.set_rows(fresh.attempts)
        self._status(self.tr("The contact is recorded."))
        self.client_changed.emit(fresh.client_id)

    def reschedule_in(self, minutes: int) -> None:
        if self.view is None:
            return
        at = (self.clock() + timedelta(minutes=minutes)).replace(second=0, microsecond=0)
        self._set_recall(at)
        self._reschedule(at)

    def reschedule_exact(self) -> None:
        if self.view is None:
            return
        chosen = self.recall_at.dateTime().toPython()
        assert isinstance(chosen, datetime)
        self._reschedule(chosen.astimezone().astimezone(UTC))

    def _reschedule(self, at: datetime) -> None:
        assert self.view is not None
        view = self.view
        try:
            with self.store.session() as s:
                recording.reschedule(
                    s,
                    self.actor,
                    self.attempt(),
                    at,
                    rules=self.rules,
                    now=self.clock(),
                    contact_id=self.contact_id,
                )
        except RescheduleRefused as refused:
            if refused.next_allowed is not None:
                self._set_recall(refused.next_allowed)
                refused = RescheduleRefused(
                    refused.message
                    + "\n"
                    + self.tr(
                        "It is now in the «Call again» field: press Ctrl+T and Enter to take it."
                    ),
                    refused.next_allowed,
                )
            show_error(self, refused)
            return
        except Exception as exc:
            self._failed(exc)
            return
        self._done(
            view,
            self.tr("Work No. {number}: call again at {at}.").format(
                number=view.number, at=at.astimezone().strftime("%d.%m.%Y %H:%M")
            ),
        )

    def close_work(self) -> None:
        if self.view is None:
            return
        view = self.view
        with self.store.session() as s:
            groups = call_session.reason_groups(s, view.stage_id)
            preselect = call_session.stage_reason(s, view.stage_id)

        def submit(reason_id: int, comment: str) -> None:
            with self.store.session() as s:
                recording.close(
                    s,
                    self.actor,
                    self.attempt(),
                    reason_id,
                    comment,
                    now=self.clock(),
                    contact_id=self.contact_id,
                )

        dialog = CloseWorkDialog(
            self.tr("work No. {number}").format(number=view.number), groups, preselect, submit, self
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self._done(
                view, self.tr("Work No. {number} is closed.").format(number=view.number)
            )
        )
        self.dialog = dialog
        dialog.open()

    def release(self) -> None:
        if self.view is None:
            return
        view = self.view
        try:
            with self.store.session() as s:
                work_queue.release(s, self.actor, view.work_id)
        except Exception as exc:
            self._failed(exc)
            return
        self._done(
            view, self.tr("Work No. {number} is back in the queue.").format(number=view.number)
        )

    def export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self,
            self.tr("Export the queue"),
            str(settings.EXPORT_FOLDER.folder() / "queue.xlsx"),
            self.tr("Excel workbook (*.xlsx)"),
        )
        if path:
            self.export_to(Path(path))

    def export_to(self, target: Path) -> int:
        """The queue as listed now, in the table's order, to an .xlsx file."""
        if target.suffix.lower() != ".xlsx":
            target = target.with_suffix(".xlsx")
        settings.EXPORT_FOLDER.remember(target)
        proxy = self.queue_table.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        rows = [
            self.queue.object_at(proxy.mapToSource(proxy.index(r, 0)).row())
            for r in range(proxy.rowCount())
        ]
        try:
            written = export_queue(rows, target)
        except Exception as exc:
            show_error(self, exc)
            return -1
        self._status(
            self.tr("Exported {count} works to {file}").format(count=written, file=target.name)
        )
        return written

    def renew_lease(self) -> None:
        if self.view is None:
            return
        try:
            with self.store.session() as s:
                work_queue.renew(
                    s, self.actor, self.view.work_id, now=self.clock(), lease=self.rules.lease
                )
        except NoConnection:  # the connection may be back at the next tick; the input stays
            return
        except LeaseLost:
            self.lease_warning.setText(
                self.tr(
                    "This work is no longer yours: its lease ran out and another operator took it. "
                    "Your input stays on the screen; copy what you need."
                )
            )
            self.lease_warning.show()

    def _done(self, view: WorkView, message: str) -> None:
        self._show_work(None)
        self._status(message)
        self.refresh()
        self.client_changed.emit(view.client_id)
        self.activateWindow()  # back from the closing dialog, ready for F8
        self.queue_table.setFocus()

    def _failed(self, exc: BaseException) -> None:
        if isinstance(exc, LeaseLost):
            self.lease_warning.setText(exc.message)
            self.lease_warning.show()
        show_error(self, exc)

    def _status(self, message: str) -> None:
        if self.view is None:
            self.work_title.setText(message)
        window = self.window()
        status = getattr(window, "statusBar", None)
        if callable(status):
            status().showMessage(message, 10_000)

    # -- layout ----------------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        restored = [
            settings.SESSION_LAYOUT.restore_splitter(splitter, splitter.objectName())
            for splitter in (self.splitter, self.call_splitter)
        ]
        if not restored[0]:
            self.splitter.setSizes([130, 630])
            self.call_splitter.setSizes([700, 420])
        for table in (self.queue_table, self.priz_table):
            settings.SESSION_LAYOUT.restore_header(table.horizontalHeader(), table.objectName())

    def save_layout(self) -> None:
        for splitter in (self.splitter, self.call_splitter):
            settings.SESSION_LAYOUT.save_splitter(splitter, splitter.objectName())
        for table in (self.queue_table, self.priz_table):
            settings.SESSION_LAYOUT.save_header(table.horizontalHeader(), table.objectName())
        if self.card is not None:
            self.card.save_layout()
