"""The session's queue: the period and the narrowing, the works listed with their counts.

The works whose client may be called now come first, in the order F8 takes them; those whose
client may not (its local time, a weekend, a holiday) follow, greyed, saying from when they may.
The queue reads through the database worker and refreshes itself when the change hub says that
works changed (a contact recorded, a work closed or given back, here or in another screen) or
clients changed in bulk; a one-minute timer catches what other workstations did (a colleague
took a work, a re-call came due).
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path

from PySide6.QtCore import QDate, QSortFilterProxyModel, Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDateEdit,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ric_desk.calls import queue as work_queue
from ric_desk.calls.export import export_queue
from ric_desk.calls.queue import QueueListing, QueueRow, SessionFilter
from ric_desk.calls.session import SessionSetup
from ric_desk.changes import Changes
from ric_desk.store import DbSession
from ric_desk.ui import settings
from ric_desk.ui.messages import show_error
from ric_desk.ui.operations import Database
from ric_desk.ui.session.models import QueueModel, local_moment
from ric_desk.ui.views import make_table

REFRESH_EVERY_MS = 60_000


def _nothing(_session: DbSession) -> None:
    """An empty job: its answer comes back once the worker has done what it was given before."""


class QueuePanel(QWidget):
    """The queue of the session; `take(work_id)` asks for a listed work (None: the next one)."""

    take = Signal(object)

    def __init__(
        self, db: Database, clock: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("queuePanel")
        self.db = db
        self.clock = clock
        self._reading = False  # a listing is being read
        self._again = False  # the filter or the data changed meanwhile: read once more
        self._asked = 0  # listings asked of the worker; a read overtaken by a newer one is skipped
        self._coming = False  # F8 is with the worker and brings the queue with it
        self._coming_for: SessionFilter | None = None  # the filter F8's listing is read with
        self._asked_meanwhile = False  # a refresh was asked for while F8's listing was coming
        self._waiting = False  # news from the hub waits its turn on the worker

        local_today = self.clock().astimezone().date()
        today = QDate(local_today.year, local_today.month, local_today.day)
        self.date_from = QDateEdit(today)
        self.date_to = QDateEdit(today)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.dateChanged.connect(lambda _d: self.refresh())
        self.direction = self._combo("sessionDirection", self.tr("All directions"))
        self.campaign = self._combo("sessionCampaign", self.tr("Any campaign"))
        self.stage = self._combo("sessionStage", self.tr("All kinds of work"))
        self.counts = QLabel()
        self.counts.setObjectName("sessionCounts")
        self.next_button = QPushButton(self.tr("Next work (F8)"))
        self.next_button.setObjectName("nextWork")
        self.next_button.clicked.connect(lambda: self.take.emit(None))

        self.model = QueueModel(
            [
                (self.tr("Planned"), lambda r: r.planned_at),
                (self.tr("Client"), lambda r: r.client),
                (self.tr("Contact person"), lambda r: r.person),
                (self.tr("Phone"), lambda r: r.phone),
                (self.tr("Stage"), lambda r: r.stage),
                (self.tr("Executor"), lambda r: r.executor or self.tr("team")),
                (self.tr("Taken by"), lambda r: r.taken_by),
            ],
            today=lambda: self.clock().astimezone().date(),
            parent=self,
        )
        self.table = make_table(self.model, "queueTable")
        for column, width in enumerate((120, 150, 240, 190, 120, 190, 130)):
            self.table.setColumnWidth(column, width)
        self.table.setMinimumHeight(100)
        self.table.doubleClicked.connect(lambda _i: self.take_selected())
        enter = QShortcut(QKeySequence("Return"), self.table, self.take_selected)
        enter.setContext(Qt.ShortcutContext.WidgetShortcut)

        top = QHBoxLayout()
        operator = db.actor.full_name
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
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addLayout(narrowing)
        layout.addWidget(self.table, 1)

        # re-calls come due and colleagues take works: every minute, for other workstations
        self.timer = QTimer(self)
        self.timer.setInterval(REFRESH_EVERY_MS)
        self.timer.timeout.connect(self.refresh)
        self.timer.start()
        db.hub.changed.connect(self._on_changed)

    def _combo(self, name: str, everything: str) -> QComboBox:
        combo = QComboBox()
        combo.setObjectName(name)
        combo.addItem(everything, None)
        combo.setMinimumContentsLength(12)
        combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        combo.currentIndexChanged.connect(lambda _i: self.refresh())
        return combo

    def set_choices(self, setup: SessionSetup) -> None:
        """The directions, campaigns and stages to narrow the session by (after "all")."""
        for combo, choices in (
            (self.direction, setup.directions),
            (self.campaign, setup.campaigns),
            (self.stage, [(i, f"{i}. {name}") for i, name in setup.stages]),
        ):
            for value, name in choices:
                combo.addItem(name, value)

    # -- the filter ------------------------------------------------------------------------------
    def session_filter(self) -> SessionFilter:
        def start_of(day: date) -> datetime:
            return datetime.combine(day, time(0)).astimezone().astimezone(UTC)

        first = self.date_from.date().toPython()
        last = self.date_to.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        return SessionFilter(
            start=start_of(first),
            end=start_of(max(first, last) + timedelta(days=1)),
            direction_ids=(d,) if (d := self.direction.currentData()) is not None else (),
            campaign_id=self.campaign.currentData(),
            stage_id=self.stage.currentData(),
        )

    # -- reading ---------------------------------------------------------------------------------
    def refresh(self) -> None:
        """Read the queue again through the worker; requests meanwhile make one more read."""
        if self._coming:
            # F8's answer brings it, as it is after everything given to the worker before; read
            # again then if the filter is no longer the one it was read with
            self._asked_meanwhile = True
            return
        if self._reading:
            self._again = True
            return
        self._reading, self._again = True, False
        self._asked += 1
        asked = self._asked
        flt, now, operator_id = self.session_filter(), self.clock(), self.db.actor.employee_id

        def query(session: DbSession) -> QueueListing | None:
            if self._asked != asked:
                return None  # F8 was given to the worker since: its listing is the newer one
            return work_queue.listing(session, operator_id, flt, now=now)

        self.db.run_query(self, query, self._arrived, on_error=self._failed)

    def _arrived(self, listing: QueueListing | None) -> None:
        self._reading = False
        if self._again:
            self.refresh()  # what arrived is already out of date
            return
        if listing is not None:
            self.show_listing(listing)

    def expect_listing(self, flt: SessionFilter) -> None:
        """F8 was given to the worker with `flt`: the reads asked for before it are skipped, and
        none is asked for until its answer (`show_listing`, or `listing_failed`) arrives."""
        self._asked += 1
        self._coming, self._coming_for, self._asked_meanwhile = True, flt, False

    def listing_failed(self) -> None:
        self._coming, self._coming_for, self._asked_meanwhile = False, None, False
        self.refresh()

    def _failed(self, exc: BaseException) -> None:
        self._reading = False
        show_error(self, exc)

    def show_listing(self, listing: QueueListing) -> None:
        """The rows and counts; a listing that did not change leaves the table alone (no reset,
        no repaint), and one that did keeps the cursor on the same work where it is still listed."""
        read_with, asked = self._coming_for, self._asked_meanwhile
        self._coming, self._coming_for, self._asked_meanwhile = False, None, False
        if asked and read_with is not None and read_with != self.session_filter():
            self.refresh()  # the period or the narrowing changed while F8 was with the worker
        if listing.rows != self.model.rows:
            current = self._current_work()
            self.model.set_rows(listing.rows)
            if current is not None:
                self._select_work(current)
        counts = listing.counts
        self.counts.setText(
            self.tr("Planned: {planned}   Done: {done}   Left: {left}").format(
                planned=counts.planned, done=counts.done, left=counts.left
            )
        )

    def _on_changed(self, changes: Changes, origin: object) -> None:
        """Works changed, clients in bulk, or a listed client or contact person (the queue shows
        the person and the phone); a work taken here (F8 runs with this panel as its origin, and
        its answer brought the queue with it) is no news. An announcement is one refresh, so the
        call's own writes (works and their client) read the queue once."""
        if origin is self:
            return
        listed = {row.client_id for row in self.model.rows}
        if changes.works or changes.all_clients or changes.persons or changes.clients & listed:
            self._refresh_after_the_others()

    def _refresh_after_the_others(self) -> None:
        """Refresh once the worker has done what the same change gave it before: the cards the
        operator is looking at (the call's card, the card tabs) read first, the queue after them.
        The worker runs jobs in order, so an empty job goes first and the refresh is asked for
        when it comes back; news arriving meanwhile makes no second refresh."""
        if self._waiting:
            return
        self._waiting = True
        self.db.run_query(self, _nothing, self._turn_came)

    def _turn_came(self, _nothing: None) -> None:
        self._waiting = False
        self.refresh()

    # -- the rows --------------------------------------------------------------------------------
    def _proxy(self) -> QSortFilterProxyModel:
        proxy = self.table.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        return proxy

    def _current_work(self) -> int | None:
        index = self.table.currentIndex()
        if not index.isValid():
            return None
        row = self.model.object_at(self._proxy().mapToSource(index).row())
        return row.work_id if isinstance(row, QueueRow) else None

    def _select_work(self, work_id: int) -> None:
        proxy = self._proxy()
        for r in range(proxy.rowCount()):
            row = self.model.object_at(proxy.mapToSource(proxy.index(r, 0)).row())
            if isinstance(row, QueueRow) and row.work_id == work_id:
                self.table.selectRow(r)
                return

    def nothing_taken(self) -> str:
        """Why F8 took nothing, by the queue it brought: nobody listed may be called now (and
        from when the first may), or nothing is left to take."""
        rows = self.model.rows
        free = [r for r in rows if r.rank <= 2 and not r.taken_by]
        waiting = [r.wait.allowed_from for r in rows if r.rank == 3 and r.wait is not None]
        if waiting and not free:
            return self.tr(  # what matters first: the title shows two lines
                "No client in the queue may be called now: the first from {time}.\n"
                "(their calling hours, a weekend or a holiday)"
            ).format(time=local_moment(min(waiting), self.clock().astimezone().date()))
        return self.tr("The queue is empty: no work left to take in this session.")

    def take_selected(self) -> None:
        index = self.table.currentIndex()
        if not index.isValid():
            return
        row = self.model.object_at(self._proxy().mapToSource(index).row())
        if row is not None:
            self.take.emit(row.work_id)

    def listed(self) -> list[QueueRow]:
        """The rows in the table's order (its sorting included)."""
        proxy = self._proxy()
        rows = [
            self.model.object_at(proxy.mapToSource(proxy.index(r, 0)).row())
            for r in range(proxy.rowCount())
        ]
        return [r for r in rows if isinstance(r, QueueRow)]

    def export_to(self, target: Path) -> int:
        """The queue as listed now, in the table's order, to an .xlsx file (`target` ends in
        .xlsx)."""
        settings.EXPORT_FOLDER.remember(target)
        return export_queue(self.listed(), target)
