"""Showing errors to people: our explained ones as they are, anything else as a short apology."""

from __future__ import annotations

import logging

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ric_desk.config import data_dir
from ric_desk.errors import UserError

log = logging.getLogger("ric_desk.ui")


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    if isinstance(exc, UserError):
        text = exc.message
    else:
        log.error("unexpected error", exc_info=exc)
        text = QCoreApplication.translate(
            "messages",
            "Something went wrong inside the program. Details are in {log}; please send it to "
            "the developers. Your data was not changed by the failed action.",
        ).format(log=data_dir() / "ric_desk-error.log")
    box = QMessageBox(
        QMessageBox.Icon.Warning,
        QCoreApplication.translate("messages", "ric_desk"),
        text,
        parent=parent,
    )
    box.setObjectName("errorMessage")
    box.open()
