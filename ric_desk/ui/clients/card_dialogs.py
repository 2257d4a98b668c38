"""Dialogs that change a client card: an indicator value, a segment, a new contact person.

Each saves through the database worker and validates in the core; a refused save keeps
everything typed. A conflict (someone saved the same thing meanwhile, `ConflictError`) shows what
is in the database now and lets the person save again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTableWidget,
    QVBoxLayout,
    QWidget,
)

from ric_desk.clients import editing
from ric_desk.clients.card import IndicatorRow
from ric_desk.clients.editing import SavedIndicator, SavedSegment, SegmentForm, ValueType
from ric_desk.clients.persons import (
    CHANNEL_TITLES,
    ChannelDraft,
    ChannelKind,
    PersonChoices,
    PersonDraft,
    add_contact_person,
)
from ric_desk.errors import ConflictError, UserError
from ric_desk.functional_map import validity
from ric_desk.ui.messages import show_error
from ric_desk.ui.operations import Database, Op
from ric_desk.ui.views import fit_to_screen, ok_cancel


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class _Dialog(QDialog):
    """OK/Cancel, a red error line and a hidden "reload" button for conflicts; saves on the
    worker and closes only when the save succeeded."""

    def __init__(self, db: Database, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.db = db
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #a00000")
        self.error.setWordWrap(True)
        self.reload_button = QPushButton(self.tr("Show what is saved now"))
        self.reload_button.setObjectName("reload")
        self.reload_button.hide()
        self.reload_button.clicked.connect(self.reload)
        self.buttons = ok_cancel(self)  # Enter in any field saves
        self.saving = False

    def footer(self, layout: QVBoxLayout) -> None:
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(self.reload_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout.addLayout(row)

    def save(self, op: Op) -> None:
        """Run the save; the dialog closes when it is written, stays with a reason when not."""
        if self.saving:
            return  # Enter pressed again while the first save is on its way
        self.saving = True
        self.buttons.setEnabled(False)
        self.db.run_op(self, op, self._saved, on_error=self._refused)

    def _saved(self, value: Any) -> None:
        self.saving = False
        self.buttons.setEnabled(True)
        self.saved(value)
        super().accept()

    def saved(self, value: Any) -> None:
        """What the save returned (a subclass keeps what it needs)."""

    def _refused(self, exc: BaseException) -> None:
        self.saving = False
        self.buttons.setEnabled(True)
        if isinstance(exc, UserError):
            self.refuse(exc)
        else:
            show_error(self, exc)

    def refuse(self, exc: UserError) -> None:
        self.error.setText(exc.message)
        self.reload_button.setVisible(isinstance(exc, ConflictError))

    def reload(self) -> None:
        self.reload_button.hide()


class IndicatorDialog(_Dialog):
    """A new value of one of the client's indicators, typed by the indicator's kind."""

    def __init__(
        self, db: Database, client_id: int, row: IndicatorRow, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, parent)
        self.setObjectName("indicatorDialog")
        self.client_id = client_id
        self.row = row
        self.version = row.version
        self.setWindowTitle(row.name)
        self.choice: QComboBox | None = None
        self.line: QLineEdit | None = None
        if row.value_type == ValueType.CHOICE:
            self.choice = QComboBox()
            self.choice.setObjectName("valueChoice")
            self.choice.addItem("", "")
            for option in row.choices:
                self.choice.addItem(option, option)
            self.choice.setCurrentIndex(max(self.choice.findText(row.display), 0))
            editor: QWidget = self.choice
        else:
            self.line = QLineEdit(row.display)
            self.line.setObjectName("valueEdit")
            hints = {
                ValueType.DATE: self.tr("dd.mm.yyyy"),
                ValueType.PHONE: self.tr("7(8112)59-00-51, 8 911 362-16-89"),
                ValueType.PERSON: self.tr("Surname First name Patronymic"),
                ValueType.INTEGER: self.tr("a whole number"),
            }
            self.line.setPlaceholderText(hints.get(row.value_type, ""))
            self.line.returnPressed.connect(self.accept)
            editor = self.line
        self.saved_now = QLabel()
        self.saved_now.setObjectName("savedNow")
        self.saved_now.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Value:"), editor)
        note = self.tr("Saving confirms the value as actual today on your name.")
        if row.validity_days:
            until = validity.valid_until(date.today(), row.validity_days)
            note += " " + self.tr("It will be valid until {date}.").format(date=f"{until:%d.%m.%Y}")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(note))
        layout.addWidget(self.saved_now)
        self.footer(layout)
        self.resize(520, self.sizeHint().height())

    def text(self) -> str:
        if self.choice is not None:
            return str(self.choice.currentData() or "")
        assert self.line is not None
        return self.line.text()

    def accept(self) -> None:
        client_id, definition_id = self.client_id, self.row.definition_id
        raw, actor, today, version = self.text(), self.db.actor, date.today(), self.version
        self.save(
            lambda s: editing.set_indicator(s, client_id, definition_id, raw, actor, today, version)
        )

    def reload(self) -> None:
        """Show the value saved meanwhile and take its version; what was typed stays."""
        client_id, definition_id = self.client_id, self.row.definition_id
        self.db.run_query(
            self, lambda s: editing.saved_indicator(s, client_id, definition_id), self._show_saved
        )

    def _show_saved(self, saved: SavedIndicator) -> None:
        self.version = saved.version
        self.saved_now.setText(self.tr("Saved now: {value}").format(value=saved.display or "—"))
        self.error.setText(self.tr("Press OK to save your value over it, or Cancel to keep it."))
        super().reload()


class SegmentDialog(_Dialog):
    """The client's value in one segment type, from a day on; the earlier periods stay."""

    def __init__(
        self, db: Database, client_id: int, form: SegmentForm, parent: QWidget | None = None
    ) -> None:
        super().__init__(db, parent)
        self.setObjectName("segmentDialog")
        self.client_id = client_id
        self.segment_type_id = form.segment_type_id
        self.expected = form.current.value_id
        self.setWindowTitle(form.segment_type)
        self.value = QComboBox()
        self.value.setObjectName("segmentValue")
        for value_id, name in form.values:
            self.value.addItem(name, value_id)
        if self.expected is not None:
            self.value.setCurrentIndex(self.value.findData(self.expected))
        self.entered = QDateEdit(QDate.currentDate())
        self.entered.setObjectName("enteredOn")
        self.entered.setDisplayFormat("dd.MM.yyyy")
        self.entered.setCalendarPopup(True)
        layout_form = QFormLayout()
        layout_form.addRow(self.tr("Segment:"), self.value)
        layout_form.addRow(self.tr("Entry date:"), self.entered)
        self.history = QLabel(
            "\n".join(
                f"{p.value}: {p.entered_on:%d.%m.%Y} – "
                + (f"{p.left_on:%d.%m.%Y}" if p.left_on else self.tr("now"))
                for p in form.history
            )
            or self.tr("No history yet.")
        )
        self.history.setObjectName("segmentHistory")
        layout = QVBoxLayout(self)
        layout.addLayout(layout_form)
        layout.addWidget(QLabel(self.tr("History:")))
        layout.addWidget(self.history)
        self.footer(layout)
        self.resize(480, self.sizeHint().height())

    def accept(self) -> None:
        client_id, expected = self.client_id, self.expected
        value_id, entered = int(self.value.currentData()), _to_date(self.entered.date())
        actor = self.db.actor
        self.save(
            lambda s: editing.change_segment(s, client_id, value_id, actor, entered, expected)
        )

    def reload(self) -> None:
        client_id, type_id = self.client_id, self.segment_type_id
        self.db.run_query(
            self, lambda s: editing.saved_segment(s, client_id, type_id), self._show_saved
        )

    def _show_saved(self, saved: SavedSegment) -> None:
        self.expected = saved.value_id
        self.error.setText(self.tr("Saved now: {value}").format(value=saved.name or "—"))
        super().reload()


class PersonDialog(_Dialog):
    """A new contact person with typed phones and e-mails, characteristics and interests."""

    KINDS = tuple(ChannelKind)

    def __init__(
        self,
        db: Database,
        client_id: int,
        choices: PersonChoices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, parent)
        self.setObjectName("personDialog")
        self.client_id = client_id
        self.person_id: int | None = None
        self.setWindowTitle(self.tr("New contact person"))
        self.last_name = QLineEdit()
        self.last_name.setObjectName("lastName")
        self.first_name = QLineEdit()
        self.first_name.setObjectName("firstName")
        self.middle_name = QLineEdit()
        self.middle_name.setObjectName("middleName")
        self.position = QLineEdit()
        self.position.setObjectName("position")
        self.department = QLineEdit()
        self.note = QLineEdit()
        form = QFormLayout()
        form.addRow(self.tr("Surname:"), self.last_name)
        form.addRow(self.tr("First name:"), self.first_name)
        form.addRow(self.tr("Patronymic:"), self.middle_name)
        form.addRow(self.tr("Position:"), self.position)
        form.addRow(self.tr("Department:"), self.department)
        form.addRow(self.tr("Note:"), self.note)

        self.channels = QTableWidget(0, 5)
        self.channels.setObjectName("channels")
        self.channels.setHorizontalHeaderLabels(
            [
                self.tr("Type"),
                self.tr("Contact"),
                self.tr("Region"),
                self.tr("Favourite"),
                self.tr("Undesirable"),
            ]
        )
        self.channels.horizontalHeader().setStretchLastSection(True)
        self.channels.setColumnWidth(0, 170)
        self.channels.setColumnWidth(1, 200)
        self.channels.verticalHeader().setVisible(False)
        add = QPushButton(self.tr("Add a phone or e-mail"))
        add.setObjectName("addChannel")
        add.clicked.connect(lambda: self.add_channel(ChannelKind.WORK_PHONE, ""))
        remove = QPushButton(self.tr("Remove"))
        remove.clicked.connect(lambda: self.channels.removeRow(self.channels.currentRow()))

        self.characteristics = self._checklist(choices.characteristics, "characteristics")
        self.interests = self._checklist(choices.interests, "interests")

        buttons = QHBoxLayout()
        buttons.addWidget(add)
        buttons.addWidget(remove)
        buttons.addStretch(1)
        lists = QHBoxLayout()
        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Characteristics:")))
        left.addWidget(self.characteristics)
        right = QVBoxLayout()
        right.addWidget(QLabel(self.tr("Interests:")))
        right.addWidget(self.interests)
        lists.addLayout(left, 1)
        lists.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("Contact details:")))
        layout.addWidget(self.channels)
        layout.addLayout(buttons)
        layout.addLayout(lists)
        self.footer(layout)
        self.add_channel(ChannelKind.WORK_PHONE, "")
        fit_to_screen(self, 820, 720)

    def _checklist(self, items: Sequence[tuple[int, str]], name: str) -> QListWidget:
        widget = QListWidget()
        widget.setObjectName(name)
        widget.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        for item_id, text in items:
            item = QListWidgetItem(text)
            item.setData(Qt.ItemDataRole.UserRole, item_id)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            widget.addItem(item)
        return widget

    def add_channel(
        self, kind: ChannelKind, value: str, favourite: bool = False, undesirable: bool = False
    ) -> int:
        row = self.channels.rowCount()
        self.channels.insertRow(row)
        combo = QComboBox()
        for k in self.KINDS:
            combo.addItem(CHANNEL_TITLES[k], k.value)
        combo.setCurrentIndex(self.KINDS.index(kind))
        self.channels.setCellWidget(row, 0, combo)
        self.channels.setCellWidget(row, 1, QLineEdit(value))
        self.channels.setCellWidget(row, 2, QLineEdit())
        for column, checked in ((3, favourite), (4, undesirable)):
            box = QCheckBox()
            box.setChecked(checked)
            self.channels.setCellWidget(row, column, box)
        self.channels.setCurrentCell(row, 1)
        return row

    def draft(self) -> PersonDraft:
        channels = []
        for row in range(self.channels.rowCount()):
            kind, value, region, favourite, undesirable = (
                self.channels.cellWidget(row, c) for c in range(5)
            )
            assert isinstance(kind, QComboBox) and isinstance(value, QLineEdit)
            assert isinstance(region, QLineEdit) and isinstance(favourite, QCheckBox)
            assert isinstance(undesirable, QCheckBox)
            if not value.text().strip():
                continue
            channels.append(
                ChannelDraft(
                    ChannelKind(kind.currentData()),
                    value.text(),
                    region.text(),
                    favourite.isChecked(),
                    undesirable.isChecked(),
                )
            )
        return PersonDraft(
            last_name=self.last_name.text(),
            first_name=self.first_name.text(),
            middle_name=self.middle_name.text(),
            position=self.position.text(),
            department=self.department.text(),
            note=self.note.text(),
            channels=channels,
            characteristic_ids=self._checked(self.characteristics),
            interest_ids=self._checked(self.interests),
        )

    @staticmethod
    def _checked(widget: QListWidget) -> list[int]:
        return [
            int(widget.item(i).data(Qt.ItemDataRole.UserRole))
            for i in range(widget.count())
            if widget.item(i).checkState() == Qt.CheckState.Checked
        ]

    def accept(self) -> None:
        client_id, draft, actor, today = self.client_id, self.draft(), self.db.actor, date.today()
        self.save(lambda s: add_contact_person(s, client_id, draft, actor, today))

    def saved(self, value: Any) -> None:
        self.person_id = int(value)


__all__ = ["IndicatorDialog", "PersonDialog", "SegmentDialog"]
