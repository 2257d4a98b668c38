"""Showing errors to people: our explained ones as they are, anything else as a short apology.

The one place errors are shown: screens and the database worker pass the exception here and
tell its kinds apart by type (`ric_desk.errors`), never by its text.
"""

from __future__ import annotations

import sys
from types import TracebackType

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from ric_desk.errors import Cancelled, UserError
from ric_desk.logs import log_unexpected
from ric_desk.ui.i18n import app_title

_unowned: set[QMessageBox] = set()


def apology() -> str:
    return QCoreApplication.translate(
        "messages",
        "Something went wrong inside the program. Details are in {log}; please send it to "
        "the developers. Your data was not changed by the failed action.",
    )


def ask(parent: QWidget, title: str, question: str) -> bool:
    """A yes/no question; No is the default (Enter does not drop anything by accident)."""
    answer = QMessageBox.question(
        parent,
        title,
        question,
        QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
        QMessageBox.StandardButton.No,
    )
    return answer == QMessageBox.StandardButton.Yes


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    if isinstance(exc, Cancelled):
        return  # the person asked for it: nothing to apologise for
    text = exc.message if isinstance(exc, UserError) else apology().format(log=log_unexpected(exc))
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        app_title(),
        text,
        parent=parent,
    )
    box.setObjectName("errorMessage")
    if parent is None:  # no window owns it: kept here until read, else it would vanish at once
        _unowned.add(box)

        def forget(_result: int) -> None:
            _unowned.discard(box)
            box.deleteLater()

        box.finished.connect(forget)
    box.open()


def _excepthook(
    kind: type[BaseException], exc: BaseException, traceback: TracebackType | None
) -> None:
    """An exception no screen caught: logged with its traceback, shown, the window stays up."""
    if issubclass(kind, KeyboardInterrupt):
        sys.__excepthook__(kind, exc, traceback)
        return
    if exc.__traceback__ is None:
        exc = exc.with_traceback(traceback)
    if QApplication.instance() is None:
        log_unexpected(exc)
        return
    show_error(QApplication.activeWindow(), exc)


def install_excepthook() -> None:
    sys.excepthook = _excepthook
