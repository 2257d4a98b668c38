"""Who is working: on a local file the person picks themselves (remembered per OS user)."""

from __future__ import annotations

import getpass

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ric_desk.actor import Actor
from ric_desk.errors import UserError
from ric_desk.store import EmployeeChoice, add_first_employee, employee_choices, find_actor
from ric_desk.ui import settings
from ric_desk.ui.messages import show_error
from ric_desk.ui.operations import Database
from ric_desk.ui.views import fit_width, ok_cancel


def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "default"


class SignInDialog(QDialog):
    """Picks who is working (or creates the first employee); the database work runs on the
    worker, so the dialog fills in once the employees are read."""

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signIn")
        self.db = db
        self.setWindowTitle(self.tr("Who is working"))
        self.employees: list[EmployeeChoice] | None = None
        warning = QLabel(
            self.tr(
                "This workstation keeps its data in a local file. Choosing your name here is not "
                "a password: anyone with access to this computer can read the file."
            )
        )
        warning.setWordWrap(True)
        self.form = QFormLayout()
        self.combo = QComboBox()
        self.combo.setObjectName("employee")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("fullName")
        self.login = QLineEdit()
        self.login.setObjectName("login")
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #a00000")
        self.error.setWordWrap(True)
        self.error.hide()  # no empty line under the fields until there is something to say
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addLayout(self.form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        fit_width(self, 520)
        db.run_query(self, employee_choices, self._show_employees, on_error=self._refused)

    def _show_employees(self, employees: list[EmployeeChoice]) -> None:
        self.employees = employees
        if employees:
            remembered = settings.SIGNED_IN.load(os_user())
            for e in employees:
                self.combo.addItem(e.full_name, e.login)
            if remembered:
                index = self.combo.findData(remembered)
                if index >= 0:
                    self.combo.setCurrentIndex(index)
            self.form.addRow(self.tr("Employee:"), self.combo)
            first: QWidget = self.combo
        else:
            self.form.addRow(
                QLabel(self.tr("The database has no employees yet: you will be its administrator."))
            )
            self.form.addRow(self.tr("Full name:"), self.full_name)
            self.form.addRow(self.tr("Login:"), self.login)
            self.login.setText(os_user())
            first = self.full_name
        # the new rows show themselves on the next turn of the event loop: measure them and give
        # the first its focus then (a hidden field takes none: the typing went to OK's Space)
        QTimer.singleShot(0, self, lambda: self._rows_shown(first))

    def _rows_shown(self, first: QWidget) -> None:
        fit_width(self, 520)
        first.setFocus()

    def accept(self) -> None:
        if self.employees is None:
            return  # still reading who works here
        if self.employees:
            login = str(self.combo.currentData())
            self.db.run_query(
                self, lambda s: find_actor(s, login), self._signed_in, on_error=self._refused
            )
        else:
            full_name, login = self.full_name.text(), self.login.text()
            self.db.run_op(
                self,
                lambda s: add_first_employee(s, full_name, login),
                self._signed_in,
                on_error=self._refused,
            )

    def _signed_in(self, actor: Actor) -> None:
        self.db.store.set_actor(actor)
        settings.SIGNED_IN.save(actor.login, os_user())
        super().accept()

    def _refused(self, exc: BaseException) -> None:
        if isinstance(exc, UserError):
            self.error.setText(exc.message)
            self.error.show()
            QTimer.singleShot(0, self, lambda: fit_width(self, self.width()))
        else:
            show_error(self, exc)
