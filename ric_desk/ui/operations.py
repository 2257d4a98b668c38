"""The UI's one database worker and its change hub (Anki's `CollectionOp`/`QueryOp` are the model).

Screens never open a session: they hand a job to `Database.run_query` (a read returning plain
data) or `Database.run_op` (a write returning `Changes`, or `Done(value, changes)`). Jobs run one
at a time, in order, on one background thread, each in its own short transaction; the result
comes back on the GUI thread to the success callback. After an operation the hub's `changed`
signal tells every open screen what changed, and each refreshes what concerns it.

Errors come back by type: `UserError` and its kinds are shown as they are, anything else is
logged with its traceback and shown as a short apology (`messages.show_error`). A busy cursor,
or a progress dialog for work with a title, appears only when the job takes longer than a moment.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor
from typing import Any, TypeVar

import shiboken6
from PySide6.QtCore import QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QProgressDialog, QWidget

from ric_desk.actor import Actor
from ric_desk.changes import Changes, Done
from ric_desk.store import DbSession, Store
from ric_desk.ui.messages import show_error

T = TypeVar("T")
Query = Callable[[DbSession], T]
Op = Callable[[DbSession], Any]  # returns Changes or Done[T]
Progress = Callable[[int, int], None]
IsCancelled = Callable[[], bool]
LongJob = Callable[[Store, Progress, IsCancelled], T]

BUSY_AFTER_MS = 500


class _Relay(QObject):
    """Lives on the GUI thread; a call emitted from the worker runs there (a queued signal)."""

    deliver = Signal(object)

    def __init__(self) -> None:
        super().__init__()
        self.deliver.connect(self._run, Qt.ConnectionType.QueuedConnection)

    def _run(self, call: Callable[[], None]) -> None:
        call()


class Hub(QObject):
    """Tells every open screen what an operation changed: `changed(Changes, origin)`."""

    changed = Signal(object, object)


class _Job:
    """One submitted piece of work: its callbacks and its busy indication."""

    def __init__(
        self,
        db: Database,
        parent: QWidget | None,
        on_done: Callable[[Any], None] | None,
        on_error: Callable[[BaseException], None] | None,
        title: str | None,
        *,
        cancellable: bool = False,
    ) -> None:
        self.db = db
        self.cancellable = cancellable
        self.parent = parent
        self.on_done = on_done
        self.on_error = on_error
        self.title = title
        self.cancel_requested = False
        self.dialog: QProgressDialog | None = None
        self.busy = False
        self.timer = QTimer()
        self.timer.setSingleShot(True)
        self.timer.timeout.connect(self._show_busy)
        self.timer.start(BUSY_AFTER_MS)

    def alive(self) -> bool:
        return self.parent is None or shiboken6.isValid(self.parent)

    def _show_busy(self) -> None:
        if self.title is None:
            QApplication.setOverrideCursor(Qt.CursorShape.BusyCursor)
            self.busy = True
            return
        parent = self.parent if self.alive() else None
        dialog = QProgressDialog(self.title, QApplication.translate("operations", "Cancel"), 0, 0)
        dialog.setParent(parent, dialog.windowFlags())
        dialog.setObjectName("progressDialog")
        dialog.setWindowModality(Qt.WindowModality.WindowModal)
        if not self.cancellable:  # a Cancel that stops nothing would only hide the dialog
            dialog.setCancelButton(None)
        dialog.setAutoClose(False)
        dialog.setAutoReset(False)
        dialog.canceled.connect(self._cancel)
        dialog.show()
        self.dialog = dialog

    def _cancel(self) -> None:
        self.cancel_requested = True

    def progress(self, done: int, total: int) -> None:
        """Called on the GUI thread with the job's progress."""
        if self.dialog is not None:
            self.dialog.setMaximum(total)
            self.dialog.setValue(done)

    def end(self) -> None:
        self.timer.stop()
        if self.busy:
            QApplication.restoreOverrideCursor()
            self.busy = False
        if self.dialog is not None:
            self.dialog.reset()
            self.dialog.close()
            self.dialog.deleteLater()
            self.dialog = None


class Database(QObject):
    """The screens' only way to the database: one worker thread, one change hub."""

    def __init__(self, store: Store, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.store = store
        self.hub = Hub(self)
        self._relay = _Relay()
        self._executor = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ric-db")
        self._pending = 0
        self._lock = threading.Lock()
        self._closed = False
        self._long_jobs: set[_Job] = set()  # running or waiting: Cancel them when the window goes
        self._shared: dict[Hashable, list[_Job]] = {}  # a shared read's key -> who waits for it
        self.longest_job_ms = 0.0  # for the benchmarks: the slowest job so far, worker time

    @property
    def actor(self) -> Actor:
        actor = self.store.actor
        if actor is None:
            raise RuntimeError("nobody is signed in")
        return actor

    # -- submitting ------------------------------------------------------------------------------
    def run_query(
        self,
        parent: QWidget | None,
        query: Query[T],
        on_done: Callable[[T], None],
        *,
        on_error: Callable[[BaseException], None] | None = None,
        title: str | None = None,
        share: Hashable | None = None,
    ) -> None:
        """Run a read off the GUI thread; `on_done(result)` runs on the GUI thread.

        Reads asked with the same `share` key while one is on its way get its answer instead of
        reading again (two cards of one client refreshed by one change). That answer is never
        older than the asking: jobs run one at a time in order, so a read still on its way began
        after every operation whose announcement could have caused the asking."""
        job = _Job(self, parent, on_done, on_error, title)
        if share is not None:
            followers = self._shared.get(share)
            if followers is not None:
                with self._lock:
                    self._pending += 1
                followers.append(job)
                return
            self._shared[share] = []
        self._submit(
            job, lambda: self._in_session(query, read_only=True), announce=False, share=share
        )

    def run_op(
        self,
        parent: QWidget | None,
        op: Op,
        on_done: Callable[[Any], None] | None = None,
        *,
        on_error: Callable[[BaseException], None] | None = None,
        title: str | None = None,
    ) -> None:
        """Run a write; the hub announces its `Changes`, then `on_done(value)` runs.

        The value is the `Done`'s value, or the `Changes` themselves for an operation that
        returns only them.
        """
        job = _Job(self, parent, on_done, on_error, title)
        self._submit(job, lambda: self._in_session(op), announce=True)

    def run_long(
        self,
        parent: QWidget | None,
        title: str,
        work: LongJob[T],
        on_done: Callable[[T], None],
        *,
        on_error: Callable[[BaseException], None] | None = None,
        changes: Callable[[T], Changes] | None = None,
    ) -> None:
        """Long work with its own transactions (imports, exports, demo data): progress and Cancel.

        `work(store, progress, cancelled)`; `changes(result)` says what it changed, if anything.
        """
        job = _Job(self, parent, on_done, on_error, title, cancellable=True)
        self._long_jobs.add(job)

        def progress(done: int, total: int) -> None:
            self._relay.deliver.emit(lambda: job.progress(done, total))

        def run() -> Any:
            result = work(self.store, progress, lambda: job.cancel_requested)
            return result if changes is None else Done(result, changes(result))

        self._submit(job, run, announce=changes is not None)

    def idle(self) -> bool:
        """No job waiting or running (tests and benchmarks wait for this)."""
        with self._lock:
            return self._pending == 0

    def shutdown(self) -> None:
        """Let the submitted writes finish; nothing new is accepted: a job given later (a screen
        answering the last results while its window closes) is dropped; a long job (an import,
        an export) is cancelled, which rolls back what it had begun."""
        self._closed = True
        for job in self._long_jobs:
            job.cancel_requested = True
        self._executor.shutdown(wait=True)

    # -- running ---------------------------------------------------------------------------------
    def _in_session(self, job: Callable[[DbSession], T], *, read_only: bool = False) -> T:
        with self.store.session(read_only=read_only) as session:
            return job(session)

    def _submit(
        self,
        job: _Job,
        run: Callable[[], Any],
        *,
        announce: bool,
        share: Hashable | None = None,
    ) -> None:
        if self._closed:
            job.end()
            self._shared.pop(share, None)
            return
        with self._lock:
            self._pending += 1

        def work() -> None:
            started = time.perf_counter()
            try:
                result = run()
            except BaseException as exc:  # every failure goes back to the GUI thread, typed
                failure: BaseException = exc
                self._relay.deliver.emit(lambda: self._finish_all(job, share, failure, True, False))
            else:
                self._relay.deliver.emit(
                    lambda: self._finish_all(job, share, result, False, announce)
                )
            finally:
                self.longest_job_ms = max(
                    self.longest_job_ms, (time.perf_counter() - started) * 1000
                )

        self._executor.submit(work)

    def _finish_all(
        self, job: _Job, share: Hashable | None, outcome: Any, failed: bool, announce: bool
    ) -> None:
        """The job's answer to it and to every read that shared it."""
        followers = self._shared.pop(share, []) if share is not None else []
        self._finish(job, outcome, failed=failed, announce=announce)
        for follower in followers:
            self._finish(follower, outcome, failed=failed)

    def _finish(
        self, job: _Job, outcome: Any, *, failed: bool = False, announce: bool = False
    ) -> None:
        self._long_jobs.discard(job)
        try:
            job.end()
            if failed:
                self._failed(job, outcome)
                return
            value = outcome
            if isinstance(outcome, Done):
                value = outcome.value
                changes: Changes | None = outcome.changes
            else:
                changes = outcome if isinstance(outcome, Changes) else None
            if announce and changes:
                self.hub.changed.emit(changes, job.parent)
            if job.on_done is not None and job.alive():
                job.on_done(value)
        finally:
            with self._lock:
                self._pending -= 1

    def _failed(self, job: _Job, exc: BaseException) -> None:
        if job.on_error is not None and job.alive():
            job.on_error(exc)
        else:
            show_error(job.parent if job.alive() else None, exc)
