"""Slow work off the GUI thread, with a progress dialog that appears only after half a second."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

Job = Callable[[Callable[[int, int], None], Callable[[], bool]], Any]


class _Worker(QObject):
    progressed = Signal(int, int)
    finished = Signal(object)
    failed = Signal(object)

    def __init__(self, job: Job) -> None:
        super().__init__()
        self.job = job
        self.cancel_requested = False

    def run(self) -> None:
        try:
            result = self.job(
                lambda done, total: self.progressed.emit(done, total), lambda: self.cancel_requested
            )
        except Exception as exc:  # handed to the GUI thread, which shows it
            self.failed.emit(exc)
            return
        self.finished.emit(result)


class Task(QObject):
    """Runs `job(progress, cancelled)` in a thread; never touches a widget from it."""

    def __init__(
        self,
        parent: QWidget | None,
        title: str,
        job: Job,
        on_done: Callable[[Any], None],
        on_error: Callable[[BaseException], None],
    ) -> None:
        super().__init__(parent)
        self._thread = QThread(self)
        self.worker = _Worker(job)
        self.worker.moveToThread(self._thread)
        self.dialog = QProgressDialog(title, self.tr("Cancel"), 0, 0, parent)
        self.dialog.setMinimumDuration(500)
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self._cancel)
        self._thread.started.connect(self.worker.run)
        self.worker.progressed.connect(self._progress)
        # bound methods of an object of the GUI thread: Qt queues these calls to that thread
        self.done = False
        self.on_done = on_done
        self.on_error = on_error
        self.worker.finished.connect(self._finished)
        self.worker.failed.connect(self._failed)

    def start(self) -> None:
        self._thread.start()

    def _cancel(self) -> None:
        self.worker.cancel_requested = True

    def _progress(self, done: int, total: int) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)

    def _finished(self, result: Any) -> None:
        self._end(self.on_done, result)

    def _failed(self, exc: BaseException) -> None:
        self._end(self.on_error, exc)

    def _end(self, callback: Callable[[Any], None], value: Any) -> None:
        self.done = True
        self._thread.quit()
        self._thread.wait()
        self.dialog.reset()
        self.dialog.close()
        callback(value)
        self.deleteLater()
