"""The call: the work taken, its phones and the call check, the goal, ПРИЗ, instruments, earlier
attempts and the client's card, the result typed, and the script beside it.

Everything is written and read through the database worker: recording, re-scheduling, closing
and giving back are operations whose changes the hub announces to every open screen; a change
made elsewhere to this work's client (a ПРИЗ task given, a person added) brings the work's
lists up to date here without touching what the operator typed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import shiboken6
from PySide6.QtCore import QDate, QDateTime, QSortFilterProxyModel, Qt, QTime, QTimer, Signal
from PySide6.QtWidgets import QWidget

from ric_desk.calls import queue as work_queue
from ric_desk.calls import recording, screen
from ric_desk.calls import rules as calling
from ric_desk.calls import session as call_session
from ric_desk.calls.recording import Attempt, RescheduleRefused
from ric_desk.calls.screen import Recorded, Taken
from ric_desk.calls.session import Phone, PrizRow, ReasonGroup, WorkView
from ric_desk.changes import Changes
from ric_desk.errors import ConflictError, LeaseLost, NoConnection
from ric_desk.store import DbSession
from ric_desk.ui.messages import show_error
from ric_desk.ui.operations import Database
from ric_desk.ui.session.call_layout import REFUSED_STYLE, CallLayout, key
from ric_desk.ui.session.close_dialog import CloseWorkDialog
from ric_desk.ui.session.models import PrizModel

ALLOWED_STYLE = "color: #1b5e20; font-weight: bold;"

Build = Callable[[], Callable[[DbSession], object]]


@dataclass
class _Waiting:
    """An action asked for while a write was with the worker: `run` when its turn comes,
    `dropped` when it never comes (the write before it failed, the work left the screen)."""

    run: Callable[[], None]
    ending: bool
    dropped: Callable[[], None] | None


class CallPanel(CallLayout):
    """The work on the call screen; `ended(message)` says the work left the screen (recorded
    and closed, re-scheduled or given back)."""

    ended = Signal(str)
    stayed = Signal()  # a write failed: the work stays on the screen, what waited is dropped

    def __init__(
        self, db: Database, clock: Callable[[], datetime], parent: QWidget | None = None
    ) -> None:
        super().__init__(db, parent)
        self.setObjectName("callPanel")
        self.clock = clock
        self.rules: calling.CallingRules | None = None
        self.work: WorkView | None = None
        self.contact_id: int | None = None
        self.started_at: datetime | None = None
        self.reasons: list[ReasonGroup] = []
        self.preselected_reason: int | None = None
        self.verdict_channel: int | None = None  # the phone the verdict shown was given for
        self.dialog: CloseWorkDialog | None = None
        self.writing = False  # an operation on the work is with the worker
        self.ending = False  # ... and it takes the work off the screen
        self.waiting: list[_Waiting] = []  # asked for meanwhile: each runs after the one before
        self.filling = False  # the lists are being filled: a phone selected is not a choice
        # "Contact took place" was set by the operator (F9, a click): the closing reason no
        # longer decides it
        self.took_place_said = False

        self.check_button.clicked.connect(self.check)
        self.successful.clicked.connect(self._took_place_said)
        self.phone_table.selectionModel().currentRowChanged.connect(self._phone_chosen)
        key(self.priz_table, "Space", lambda: self.toggle_priz(PrizModel.WORKED_ON))
        key(self.priz_table, "Shift+Space", lambda: self.toggle_priz(PrizModel.DONE))
        key(self.recall_at, "Return", self.reschedule_exact)
        key(self.recall_at, "Enter", self.reschedule_exact)
        for minutes, button in self.plus_buttons.items():
            button.clicked.connect(lambda _c=False, m=minutes: self.reschedule_in(m))
        self.record_button.clicked.connect(self.record)
        self.close_button.clicked.connect(self.close_work)
        self.release_button.clicked.connect(self.release)
        self.lease_timer = QTimer(self)
        self.lease_timer.timeout.connect(self.renew_lease)
        db.hub.changed.connect(self._on_changed)
        self._clear()

    # -- the work on screen ----------------------------------------------------------------------
    def set_rules(self, rules: calling.CallingRules) -> None:
        self.rules = rules
        self.lease_timer.setInterval(max(20_000, int(rules.lease.total_seconds() * 1000 / 3)))

    def show_taken(self, taken: Taken) -> None:
        """Fill the screen from F8's one answer: no second read, no second check."""
        work = taken.work
        assert work is not None
        self.set_rules(taken.rules)
        self.filling = True
        self.work = work
        self.contact_id = None
        self.started_at = self.clock()
        self.reasons, self.preselected_reason = taken.reasons, taken.preselected_reason
        self.work_panel.setEnabled(True)
        self.phone_panel.setEnabled(True)
        self.lease_warning.hide()
        self.result.clear()
        self.successful.setChecked(False)
        self.took_place_said = False
        planned = work.planned_at.astimezone().strftime("%d.%m.%Y %H:%M")
        self.work_title.setText(
            self.tr("Work No. {number} for {planned} · {direction} · {stage}\n{client}").format(
                number=work.number,
                planned=planned,
                direction=work.direction,
                stage=work.stage or self.tr("no stage"),
                client=work.client,
            )
        )
        self.phones.set_rows(work.phones)
        if work.phones:
            self.phone_table.selectRow(0)
        self.filling = False
        self._show_verdict(taken.verdict, taken.verdict_channel)
        self.goal.set_questions(work.goal_questions)
        self.priz.set_rows(work.priz)
        self.instruments.set_rows(work.instruments)
        self.attempts.set_rows(work.attempts)
        self.script.show_script(taken.script)
        self.card.show_client(work.client_id, loaded=taken.card)
        self.card.show()
        self._set_recall(self.clock() + timedelta(minutes=15))
        self.lease_timer.start()
        # the verdict came for the work's first phone: checked again only if the table's
        # sorting put another one first
        self._phone_chosen()
        # the call begins with the script (Space takes a step), or with the result if none
        if self.script.table.rowCount():
            self.script.table.setFocus()
        else:
            self.result.setFocus()

    def _clear(self) -> None:
        self._drop_waiting()
        dialog = self.dialog
        if dialog is not None and shiboken6.isValid(dialog):  # its work left the screen
            dialog.reject()
        self.dialog = None
        self.work = None
        self.contact_id = None
        self.started_at = None
        self.reasons, self.preselected_reason = [], None
        self.work_panel.setEnabled(False)
        self.phone_panel.setEnabled(False)
        self.lease_warning.hide()
        self.lease_timer.stop()
        self.result.clear()
        self.successful.setChecked(False)
        self.took_place_said = False
        self.work_title.setText(self.tr("No work taken: press F8 for the next one."))
        self._show_verdict(None, None)
        self.phones.set_rows([])
        self.goal.set_questions([])
        self.priz.set_rows([])
        self.instruments.set_rows([])
        self.attempts.set_rows([])
        self.script.show_script(None)
        self.card.show_client(None)
        self.card.hide()
        self._set_recall(self.clock() + timedelta(minutes=15))

    def _set_recall(self, at: datetime) -> None:
        local = at.astimezone()
        self.recall_at.setDateTime(
            QDateTime(QDate(local.year, local.month, local.day), QTime(local.hour, local.minute))
        )

    def _on_changed(self, changes: Changes, origin: object) -> None:
        """A change made elsewhere to this work's client or to the work itself: read the work
        again. The session's own operations brought the work back with them."""
        work = self.work
        if work is None or origin is self:
            return
        client = work.client_id
        if (
            changes.touches_client(client)
            or client in changes.priz
            or work.work_id in changes.works
        ):
            work_id = work.work_id
            self.db.run_query(
                self,
                lambda s: call_session.load(s, work_id),
                lambda fresh: self._refreshed(work_id, fresh),
            )

    def _refreshed(self, work_id: int, fresh: WorkView) -> None:
        """The lists as they are now; the answers, counts, result and marks typed stay."""
        if self.work is None or self.work.work_id != work_id:
            return
        self.work = fresh
        phone = self.current_phone()
        self.filling = True
        self.phones.set_rows(fresh.phones)
        channels = [p.channel_id for p in fresh.phones]
        if phone is not None and phone.channel_id in channels:
            self._select_phone(phone.channel_id)
        elif fresh.phones:
            self.phone_table.selectRow(0)
        self.filling = False
        self.priz.merge(fresh.priz)
        self.attempts.set_rows(fresh.attempts)
        self._phone_chosen()

    def toggle_took_place(self) -> None:
        """F9: the contact took place (or not), as the operator says; the closing reason no
        longer decides it."""
        if self.work is None:
            return
        self.successful.toggle()
        self.took_place_said = True

    def _took_place_said(self) -> None:
        self.took_place_said = True

    # -- the phone and the check -----------------------------------------------------------------
    def current_phone(self) -> Phone | None:
        index = self.phone_table.currentIndex()
        if not index.isValid():
            return None
        proxy = self.phone_table.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        row = self.phones.object_at(proxy.mapToSource(index).row())
        return row if isinstance(row, Phone) else None

    def _select_phone(self, channel_id: int) -> None:
        proxy = self.phone_table.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        for row in range(proxy.rowCount()):
            phone = self.phones.object_at(proxy.mapToSource(proxy.index(row, 0)).row())
            if isinstance(phone, Phone) and phone.channel_id == channel_id:
                self.phone_table.selectRow(row)
                return

    def _phone_chosen(self) -> None:
        if self.filling:
            return
        phone = self.current_phone()
        channel = phone.channel_id if phone else None
        if self.work is not None and channel != self.verdict_channel:
            self.check()

    def check(self) -> None:
        """F6: may this client be called now on the chosen phone?"""
        work, rules = self.work, self.rules
        if work is None or rules is None:
            return
        phone = self.current_phone()
        channel = phone.channel_id if phone else None
        now = self.clock()

        self.db.run_query(
            self,
            lambda session: screen.check_call(session, rules, work, channel, now),
            lambda verdict: self._show_verdict(verdict, channel),
        )

    def _show_verdict(self, verdict: calling.Verdict | None, channel: int | None) -> None:
        self.verdict_channel = channel
        if verdict is None:
            self.verdict.clear()
            self.client_time.clear()
            return
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

    # -- writing ---------------------------------------------------------------------------------
    def attempt(self) -> Attempt:
        assert self.work is not None and self.started_at is not None
        phone = self.current_phone()
        return Attempt(
            work_id=self.work.work_id,
            started_at=self.started_at,
            person_id=phone.person_id if phone and phone.person_id else self.work.person_id,
            channel_id=phone.channel_id if phone else None,
            successful=self.successful.isChecked(),
            result=self.result.toPlainText(),
            goal_answers=self.goal.answers(),
            instruments=self.instruments.counts(),
            script_path=self.script.recorded_path(),
            priz=self.priz.edits(),
        )

    def ending_asked(self) -> bool:
        """An operation that takes the work off the screen is with the worker or waits for it."""
        return self.ending or any(w.ending for w in self.waiting)

    def _write(
        self,
        build: Build,
        on_done: Callable[[object], None],
        *,
        ending: bool = False,
        on_failed: Callable[[BaseException], None] | None = None,
        dropped: Callable[[], None] | None = None,
    ) -> None:
        """One operation on the work at a time. One asked for while another is with the worker
        waits for its answer and is made (`build`) then, from what that answer brought: the
        contact just written is updated, not written a second time. A failure drops what
        waited. An `ending` one (the work leaves the screen) lets go of the card first."""
        if self.writing:

            def later() -> None:
                self._write(build, on_done, ending=ending, on_failed=on_failed, dropped=dropped)

            self.waiting.append(_Waiting(later, ending, dropped))
            return
        if self.work is None:  # the work left the screen before this one's turn
            if dropped is not None:
                dropped()
            return
        op = build()
        self.writing, self.ending = True, ending
        keep = self._let_go_of_the_card() if ending else None

        def done(value: object) -> None:
            self.writing = self.ending = False
            on_done(value)
            if self.waiting:
                self.waiting.pop(0).run()

        def give_up(exc: BaseException) -> None:
            self.writing = self.ending = False
            self._drop_waiting(failed=True)
            self.stayed.emit()
            (on_failed or self._failed)(exc)

        def failed(exc: BaseException) -> None:
            if keep is not None:
                keep()
            if isinstance(exc, ConflictError) and self.work is not None:
                self._reread_priz(exc, give_up)
            else:
                give_up(exc)

        self.db.run_op(self, op, done, on_error=failed)

    def _drop_waiting(self, *, failed: bool = False) -> None:
        waiting, self.waiting = self.waiting, []
        for action in waiting:
            if action.dropped is not None:
                action.dropped()
        if waiting and failed:
            self.show_status(
                self.tr("What was asked for while the work was being written was not done.")
            )

    def _reread_priz(self, exc: ConflictError, then: Callable[[BaseException], None]) -> None:
        """Someone changed a ПРИЗ item meanwhile: read the items again and put the operator's
        marks and comments on top of their current versions, so that the next write saves over
        the change they were told about, instead of failing the same way for ever."""
        assert self.work is not None
        client_id, work_id, marked = self.work.client_id, self.work.work_id, self.priz.marked()

        def query(session: DbSession) -> list[PrizRow]:
            return call_session.priz_reread(session, client_id, work_id, marked)

        def arrived(rows: list[PrizRow]) -> None:
            if self.work is None or self.work.work_id != work_id:
                then(exc)
                return
            self.priz.rebase(rows)
            note = self.tr(
                "The ПРИЗ items were read again as they are now; your marks and comments are "
                "kept on them. Check them and write again: it saves over the current version."
            )
            then(ConflictError(exc.message + "\n" + note))

        self.db.run_query(self, query, arrived, on_error=lambda _e: then(exc))

    def _let_go_of_the_card(self) -> Callable[[], None]:
        """The work is about to leave the screen: the embedded card stops following its client
        (the hub's news of the closing would have it read the card for nothing). The call
        returned takes the card back if the work stays after all."""
        client_id, card = self.card.client_id, self.card.card

        def keep() -> None:
            self.card.show_client(client_id, loaded=card)

        self.card.show_client(None)
        return keep

    def record(self) -> None:
        """Зафиксировать (Ctrl+S): write this attempt; the work stays taken."""
        if self.work is None:
            return
        actor = self.db.actor

        def build() -> Callable[[DbSession], object]:
            attempt, now, contact_id = self.attempt(), self.clock(), self.contact_id
            return lambda session: screen.record_call(
                session, actor, attempt, now=now, contact_id=contact_id
            )

        self._write(build, self._recorded)

    def _recorded(self, value: object) -> None:
        assert isinstance(value, Recorded)
        if self.work is None or self.work.work_id != value.work.work_id:
            return
        self.contact_id = value.contact_id
        self.work = value.work
        self.priz.set_rows(value.work.priz)  # the new versions of the items just written
        self.attempts.set_rows(value.work.attempts)
        self.show_status(self.tr("The contact is recorded."))

    def reschedule_in(self, minutes: int) -> None:
        if self.work is None:
            return
        at = (self.clock() + timedelta(minutes=minutes)).replace(second=0, microsecond=0)
        self._set_recall(at)
        self._reschedule(at)

    def reschedule_exact(self) -> None:
        if self.work is None:
            return
        chosen = self.recall_at.dateTime().toPython()
        assert isinstance(chosen, datetime)
        self._reschedule(chosen.astimezone().astimezone(UTC))

    def _reschedule(self, at: datetime) -> None:
        assert self.work is not None and self.rules is not None
        work, rules, actor = self.work, self.rules, self.db.actor

        def build() -> Callable[[DbSession], object]:
            attempt, now, contact_id = self.attempt(), self.clock(), self.contact_id
            return lambda session: recording.reschedule(
                session, actor, attempt, at, rules=rules, now=now, contact_id=contact_id
            )

        message = self.tr("Work No. {number}: call again at {at}.").format(
            number=work.number, at=at.astimezone().strftime("%d.%m.%Y %H:%M")
        )
        self._write(build, lambda _contact: self._end(message), ending=True)

    def close_work(self) -> None:
        """Ctrl+Enter: the reasons grouped by stage (read with the work), the stage's chosen.
        The dialog's choice is a write like the others: made after the one with the worker."""
        if self.work is None:
            return
        work, actor = self.work, self.db.actor

        def submit(reason_id: int, comment: str, took_place: bool) -> None:
            def build() -> Callable[[DbSession], object]:
                attempt, now, contact_id = self.attempt(), self.clock(), self.contact_id
                return lambda session: recording.close(
                    session,
                    actor,
                    attempt,
                    reason_id,
                    comment,
                    now=now,
                    contact_id=contact_id,
                    successful=took_place,
                )

            def failed(exc: BaseException) -> None:
                self._say_if_lease_lost(exc)
                dialog.failed(exc)

            self._write(
                build,
                lambda _contact: dialog.succeeded(),
                ending=True,
                on_failed=failed,
                dropped=dialog.not_submitted,
            )

        dialog = CloseWorkDialog(
            self.tr("work No. {number}").format(number=work.number),
            self.reasons,
            self.preselected_reason,
            submit,
            self,
            said=self.successful.isChecked() if self.took_place_said else None,
        )
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        message = self.tr("Work No. {number} is closed.").format(number=work.number)
        dialog.finished.connect(lambda _result: self._dialog_closed(dialog))
        dialog.accepted.connect(lambda: self._end(message))
        self.dialog = dialog
        dialog.open()

    def _dialog_closed(self, dialog: CloseWorkDialog) -> None:
        if self.dialog is dialog:
            self.dialog = None

    def release(self) -> None:
        """Ctrl+Shift+Q: give the work back to the queue untouched."""
        if self.work is None:
            return
        work_id, actor = self.work.work_id, self.db.actor
        message = self.tr("Work No. {number} is back in the queue.").format(number=self.work.number)
        self._write(
            lambda: lambda s: work_queue.release(s, actor, work_id),
            lambda _c: self._end(message),
            ending=True,
        )

    def renew_lease(self) -> None:
        """The lease timer: the work stays ours while it is on the screen."""
        if self.work is None or self.rules is None:
            return
        work_id, actor, now, lease = (
            self.work.work_id,
            self.db.actor,
            self.clock(),
            self.rules.lease,
        )
        self.db.run_op(
            self,
            lambda s: work_queue.renew(s, actor, work_id, now=now, lease=lease),
            on_error=lambda exc: self._renewal_failed(work_id, exc),
        )

    def _renewal_failed(self, work_id: int, exc: BaseException) -> None:
        if isinstance(exc, NoConnection):
            return  # the connection may be back at the next tick; the input stays
        if self.work is None or self.work.work_id != work_id:
            return  # the work left the screen meanwhile
        if isinstance(exc, LeaseLost):
            self.lease_warning.setText(
                self.tr(
                    "This work is no longer yours: its lease ran out and another operator took it. "
                    "Your input stays on the screen; copy what you need."
                )
            )
            self.lease_warning.show()
            return
        show_error(self, exc)

    def _refused(self, refused: RescheduleRefused) -> None:
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

    def _failed(self, exc: BaseException) -> None:
        """Refused: the work and everything typed stay on the screen."""
        if isinstance(exc, RescheduleRefused):
            self._refused(exc)
            return
        self._say_if_lease_lost(exc)
        show_error(self, exc)

    def _say_if_lease_lost(self, exc: BaseException) -> None:
        """A lost lease stays said above the phones while the work is on the screen."""
        if isinstance(exc, LeaseLost):
            self.lease_warning.setText(exc.message)
            self.lease_warning.show()

    def _end(self, message: str) -> None:
        self._clear()
        self.show_status(message)
        self.ended.emit(message)

    def show_status(self, message: str) -> None:
        if self.work is None:
            self.work_title.setText(message)
        window = self.window()
        status = getattr(window, "statusBar", None)
        if callable(status):
            status().showMessage(" ".join(message.split()), 10_000)
