"""Who is working: on a local file the person picks themselves (remembered per OS user)."""

from __future__ import annotations

import getpass

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from ric_desk.errors import UserError
from ric_desk.store import Store
from ric_desk.ui import settings


def os_user() -> str:
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return "default"


class SignInDialog(QDialog):
    def __init__(self, store: Store, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("signIn")
        self.store = store
        self.setWindowTitle(self.tr("Who is working"))
        self.employees = store.employees()
        warning = QLabel(
            self.tr(
                "This workstation keeps its data in a local file. Choosing your name here is not "
                "a password: anyone with access to this computer can read the file."
            )
        )
        warning.setWordWrap(True)
        form = QFormLayout()
        self.combo = QComboBox()
        self.combo.setObjectName("employee")
        self.full_name = QLineEdit()
        self.full_name.setObjectName("fullName")
        self.login = QLineEdit()
        self.login.setObjectName("login")
        if self.employees:
            remembered = settings.SIGNED_IN.load(os_user())
            for e in self.employees:
                self.combo.addItem(e.full_name, e.login)
            if remembered:
                index = self.combo.findData(remembered)
                if index >= 0:
                    self.combo.setCurrentIndex(index)
            form.addRow(self.tr("Employee:"), self.combo)
        else:
            form.addRow(
                QLabel(self.tr("The database has no employees yet: you will be its administrator."))
            )
            form.addRow(self.tr("Full name:"), self.full_name)
            form.addRow(self.tr("Login:"), self.login)
            self.login.setText(os_user())
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #a00000")
        self.error.setWordWrap(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(warning)
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(buttons)
        self.resize(520, self.sizeHint().height())

    def accept(self) -> None:
        try:
            if self.employees:
                employee = self.store.sign_in(str(self.combo.currentData()))
            else:
                employee = self.store.create_first_employee(
                    self.full_name.text(), self.login.text()
                )
        except UserError as exc:
            self.error.setText(exc.message)
            return
        settings.SIGNED_IN.save(employee.login, os_user())
        super().accept()
