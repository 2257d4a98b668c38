"""СЕССИЯ ОБЗВОНКИ: the operator's queue and the call screen, all of it usable from the keyboard.

F8 takes the next work (or Enter on a row of the queue), checks the call by itself and puts the
cursor on the script (Space takes a step); F6 checks again, F7 goes to the script, Ctrl+G to the
goal's first unanswered answer (typing), Ctrl+P to the ПРИЗ items (Space: worked on, Shift+Space:
done), Ctrl+R to the result, F9 says whether the contact took place, Ctrl+S records the contact,
Ctrl+1/2/3 re-schedule +15/+30/+60 minutes (Ctrl+T: an exact time, then Enter), Ctrl+Enter
closes the work with a reason, Ctrl+Shift+Q gives the work back untouched, F5 refreshes the queue.

The screen is the queue panel above the call panel; this view wires them: F8 is one job on the
database worker (`calls.screen.take`) whose answer fills both at once.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QSplitter, QVBoxLayout, QWidget

from ric_desk.calls import rules as calling
from ric_desk.calls import screen
from ric_desk.calls import session as call_session
from ric_desk.calls.queue import SessionFilter
from ric_desk.calls.screen import Taken
from ric_desk.calls.session import SessionSetup
from ric_desk.errors import UserError
from ric_desk.store import DbSession
from ric_desk.ui import settings
from ric_desk.ui.messages import show_error
from ric_desk.ui.operations import Database
from ric_desk.ui.session.call_panel import CallPanel
from ric_desk.ui.session.queue_panel import QueuePanel
from ric_desk.ui.views import ask_xlsx, xlsx_target


def utcnow() -> datetime:
    return datetime.now(UTC)


class SessionView(QWidget):
    """The call session: `queue` (the period, the narrowing, the works) above `call`."""

    def __init__(
        self,
        db: Database,
        clock: Callable[[], datetime] = utcnow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("sessionView")
        self.db = db
        self.clock = clock
        self.rules: calling.CallingRules | None = None
        self.taking = False  # F8 is with the worker: pressed again meanwhile, it waits
        # F8 (None) or Enter on a row pressed while the work was being re-scheduled, closed or
        # given back: taken once that is written
        self.take_after_ending: list[int | None] = []

        self.queue = QueuePanel(db, clock)
        self.queue.take.connect(self._take)
        self.call = CallPanel(db, clock)
        self.call.ended.connect(self._ended)
        self.call.stayed.connect(self.take_after_ending.clear)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.setObjectName("sessionSplitter")
        self.splitter.addWidget(self.queue)
        self.splitter.addWidget(self.call)
        # a taller window goes mostly to the call; neither pane can be dragged away
        self.splitter.setStretchFactor(0, 1)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter, 1)

        self._actions()
        self._restore_layout()
        db.run_query(self, call_session.setup, self._opened)
        self.queue.refresh()

    def _opened(self, setup: SessionSetup) -> None:
        self.rules = setup.rules
        self.call.set_rules(setup.rules)
        self.queue.set_choices(setup)

    @property
    def operator_id(self) -> int:
        return self.db.actor.employee_id

    def session_filter(self) -> SessionFilter:
        return self.queue.session_filter()

    # -- keyboard --------------------------------------------------------------------------------
    def _actions(self) -> None:
        call = self.call
        bindings: list[tuple[str, str, Callable[[], object]]] = [
            ("F8", self.tr("Next work"), self.take_next),
            ("F6", self.tr("Check the call again"), call.check),
            ("F7", self.tr("Go to the script"), lambda: call.script.table.setFocus()),
            ("Ctrl+G", self.tr("Go to the goal"), call.focus_goal),
            ("Ctrl+P", self.tr("Go to ПРИЗ"), call.focus_priz),
            ("Ctrl+R", self.tr("Go to the result"), lambda: call.result.setFocus()),
            ("F9", self.tr("Contact took place"), call.toggle_took_place),
            ("Ctrl+S", self.tr("Record the contact"), call.record),
            ("Ctrl+1", self.tr("Call again in 15 minutes"), lambda: call.reschedule_in(15)),
            ("Ctrl+2", self.tr("Call again in 30 minutes"), lambda: call.reschedule_in(30)),
            ("Ctrl+3", self.tr("Call again in 60 minutes"), lambda: call.reschedule_in(60)),
            ("Ctrl+T", self.tr("Call again at a time"), call.focus_recall_time),
            ("Ctrl+Return", self.tr("Close the work"), call.close_work),
            ("Ctrl+Enter", self.tr("Close the work"), call.close_work),
            ("Ctrl+Shift+Q", self.tr("Give the work back"), call.release),
            ("F5", self.tr("Refresh the queue"), self.queue.refresh),
        ]
        for sequence, text, slot in bindings:
            action = QAction(text, self)
            action.setShortcut(QKeySequence(sequence))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    # -- taking a work ---------------------------------------------------------------------------
    def take_next(self) -> None:
        self._take(None)

    def take_selected(self) -> None:
        self.queue.take_selected()

    def _take(self, work_id: int | None) -> None:
        """F8 (`work_id` None) or Enter on a row: one job claims the work and reads all the
        screen shows; its answer fills the queue and the call at once."""
        current = self.call.work
        if current is not None and self.call.ending_asked():
            # Ctrl+1/2/3, Ctrl+Shift+Q or the closing is being written: the work is leaving
            self.take_after_ending[:] = [work_id]
            return
        if current is not None:
            if work_id != current.work_id:
                show_error(
                    self,
                    UserError(
                        self.tr(
                            "Finish the work you have first: record and close it, re-schedule "
                            "it or give it back (Ctrl+Shift+Q)."
                        )
                    ),
                )
            return  # the work chosen is on the screen already
        if self.taking:
            return
        self.taking = True
        actor, flt, now = self.db.actor, self.queue.session_filter(), self.clock()

        def op(session: DbSession) -> object:
            return screen.take(session, actor, flt, now=now, work_id=work_id)

        # the queue is the origin: the hub's news of the claim is no news to it
        self.queue.expect_listing(flt)
        self.db.run_op(
            self.queue,
            op,
            lambda taken: self._taken(taken, work_id),
            on_error=self._take_failed,
        )

    def _taken(self, taken: Taken, work_id: int | None) -> None:
        self.taking = False
        self.rules = taken.rules
        self.queue.show_listing(taken.queue)
        if taken.work is None:
            self.call.show_status(  # in the title and, whole, in the status bar
                self.tr("This work cannot be taken: another operator holds it.")
                if work_id is not None
                else self.queue.nothing_taken()
            )
            return
        self.call.show_taken(taken)

    def _take_failed(self, exc: BaseException) -> None:
        self.taking = False
        self.queue.listing_failed()
        show_error(self, exc)

    def _ended(self, _message: str) -> None:
        self.activateWindow()  # back from the closing dialog, ready for F8
        self.queue.table.setFocus()
        if self.take_after_ending:
            work_id = self.take_after_ending.pop()
            self._take(work_id)

    def busy(self) -> bool:
        """F8 or a write on the work is with the worker: closing now would leave a work claimed
        (or being written) with no screen to show it."""
        return self.taking or self.call.writing

    # -- export ----------------------------------------------------------------------------------
    def export(self) -> None:
        target = ask_xlsx(self, self.tr("Export the queue"), "queue.xlsx")
        if target is not None:
            self.export_to(target)

    def export_to(self, target: Path) -> int:
        """The queue as listed now, in the table's order, to an .xlsx file."""
        target = xlsx_target(target)
        try:
            written = self.queue.export_to(target)
        except UserError as exc:  # a folder that is not there, a file open in Excel
            show_error(self, exc)
            return -1
        self.call.show_status(
            self.tr("Exported {count} works to {file}").format(count=written, file=target.name)
        )
        return written

    # -- layout ----------------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        restored = settings.SESSION_LAYOUT.restore_splitter(
            self.splitter, self.splitter.objectName()
        )
        call_restored = self.call.restore_layout()
        if not (restored and call_restored):
            # the queue: its filters and six rows; the call: the rest (a 768-pixel screen)
            self.splitter.setSizes([230, 560])
            self.call.splitter.setSizes([650, 470])  # the card / the phones and script
        table = self.queue.table
        settings.SESSION_LAYOUT.restore_header(table.horizontalHeader(), table.objectName())

    def save_layout(self) -> None:
        settings.SESSION_LAYOUT.save_splitter(self.splitter, self.splitter.objectName())
        table = self.queue.table
        settings.SESSION_LAYOUT.save_header(table.horizontalHeader(), table.objectName())
        self.call.save_layout()
