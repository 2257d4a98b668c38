"""A supervisor gives a ПРИЗ task to every client the list shows (its search and filters)."""

from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ric_desk.clients.listing import ClientFilter
from ric_desk.errors import UserError
from ric_desk.priz.tasks import assign_task_matching
from ric_desk.ui.messages import show_error
from ric_desk.ui.operations import Database
from ric_desk.ui.views import ok_cancel


class AssignTaskDialog(QDialog):
    def __init__(
        self, db: Database, flt: ClientFilter, listed: str, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("assignTaskDialog")
        self.setWindowTitle(self.tr("ПРИЗ task for the listed clients"))
        self.db = db
        self.filter = flt
        self.assigned = 0
        self.saving = False
        about = QLabel(
            self.tr(
                "The task goes to every client of the list as it is filtered now ({listed}). "
                "Operators see it in the ПРИЗ table of the call."
            ).format(listed=listed)
        )
        about.setWordWrap(True)
        self.title = QLineEdit()
        self.title.setObjectName("taskTitle")
        self.title.setPlaceholderText(self.tr("e.g. Презентовать услугу Видеосеминары"))
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("taskComment")
        self.comment.setTabChangesFocus(True)
        self.comment.setMaximumHeight(80)
        form = QFormLayout()
        form.addRow(self.tr("Task:"), self.title)
        form.addRow(self.tr("Comment:"), self.comment)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(buttons)
        self.resize(560, 260)

    def accept(self) -> None:
        if not self.title.text().strip():
            show_error(self, UserError(self.tr("Write the task.")))
            return
        if self.saving:
            return
        self.saving = True
        title, flt, actor = self.title.text(), self.filter, self.db.actor
        comment, today = self.comment.toPlainText(), date.today()
        self.db.run_op(
            self,
            lambda s: assign_task_matching(s, title, flt, actor, comment, on=today),
            self._assigned,
            on_error=self._refused,
        )

    def _assigned(self, count: int) -> None:
        self.saving = False
        self.assigned = count
        if count == 0:
            show_error(self, UserError(self.tr("The list has no clients: nothing was assigned.")))
            return
        super().accept()

    def _refused(self, exc: BaseException) -> None:
        self.saving = False
        show_error(self, exc)
