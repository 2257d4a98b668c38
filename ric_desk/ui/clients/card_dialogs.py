"""Dialogs that change a client card: an indicator value, a segment, a new contact person.

Each validates in the core; a refused save keeps everything typed. A conflict (someone saved the
same thing meanwhile) shows what is in the database now and lets the person save again.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
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
from sqlalchemy import select

from ric_desk.clients import editing
from ric_desk.clients.editing import ConflictError
from ric_desk.clients.persons import ChannelDraft, PersonDraft, add_contact_person
from ric_desk.errors import UserError
from ric_desk.functional_map import segments, validity
from ric_desk.models import (
    CHANNEL_TITLES,
    ChannelKind,
    Characteristic,
    IndicatorDef,
    IndicatorValue,
    Interest,
    SegmentType,
    SegmentValue,
    ValueType,
)
from ric_desk.store import Store


def _to_date(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class _Dialog(QDialog):
    """OK/Cancel, a red error line and a hidden "reload" button for conflicts."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.error = QLabel()
        self.error.setObjectName("error")
        self.error.setStyleSheet("color: #a00000")
        self.error.setWordWrap(True)
        self.reload_button = QPushButton(self.tr("Show what is saved now"))
        self.reload_button.setObjectName("reload")
        self.reload_button.hide()
        self.reload_button.clicked.connect(self.reload)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setDefault(True)  # Enter in any field saves
        ok.setAutoDefault(True)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

    def footer(self, layout: QVBoxLayout) -> None:
        layout.addWidget(self.error)
        row = QHBoxLayout()
        row.addWidget(self.reload_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout.addLayout(row)

    def refuse(self, exc: UserError) -> None:
        self.error.setText(exc.message)
        self.reload_button.setVisible(isinstance(exc, ConflictError))

    def reload(self) -> None:
        self.reload_button.hide()


class IndicatorDialog(_Dialog):
    def __init__(
        self,
        store: Store,
        client_id: int,
        definition_id: int,
        version: int | None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("indicatorDialog")
        self.store = store
        self.client_id = client_id
        self.version = version
        with store.session() as s:
            self.definition = s.get(IndicatorDef, definition_id)
            value = self._stored(s)
        assert self.definition is not None
        self.setWindowTitle(self.definition.name)
        self.choice: QComboBox | None = None
        self.line: QLineEdit | None = None
        shown = editing.display_value(self.definition, value.value if value else None)
        if self.definition.value_type == ValueType.CHOICE:
            self.choice = QComboBox()
            self.choice.setObjectName("valueChoice")
            self.choice.addItem("", "")
            for option in self.definition.choices or []:
                self.choice.addItem(option, option)
            self.choice.setCurrentIndex(max(self.choice.findText(shown), 0))
            editor: QWidget = self.choice
        else:
            self.line = QLineEdit(shown)
            self.line.setObjectName("valueEdit")
            hints = {
                ValueType.DATE: self.tr("dd.mm.yyyy"),
                ValueType.PHONE: self.tr("7(8112)59-00-51, 8 911 362-16-89"),
                ValueType.PERSON: self.tr("Surname First name Patronymic"),
                ValueType.INTEGER: self.tr("a whole number"),
            }
            self.line.setPlaceholderText(hints.get(self.definition.value_type, ""))
            self.line.returnPressed.connect(self.accept)
            editor = self.line
        self.saved_now = QLabel()
        self.saved_now.setObjectName("savedNow")
        self.saved_now.setWordWrap(True)
        form = QFormLayout()
        form.addRow(self.tr("Value:"), editor)
        note = self.tr("Saving confirms the value as actual today on your name.")
        if self.definition.validity_days:
            until = validity.valid_until(date.today(), self.definition.validity_days)
            note += " " + self.tr("It will be valid until {date}.").format(date=f"{until:%d.%m.%Y}")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(note))
        layout.addWidget(self.saved_now)
        self.footer(layout)
        self.resize(520, self.sizeHint().height())

    def _stored(self, session: object) -> IndicatorValue | None:
        from sqlalchemy.orm import Session

        assert isinstance(session, Session)
        return session.scalar(
            select(IndicatorValue).where(
                IndicatorValue.client_id == self.client_id,
                IndicatorValue.indicator_def_id == self.definition_id(),
            )
        )

    def definition_id(self) -> int:
        assert self.definition is not None
        return self.definition.id

    def text(self) -> str:
        if self.choice is not None:
            return str(self.choice.currentData() or "")
        assert self.line is not None
        return self.line.text()

    def accept(self) -> None:
        try:
            with self.store.session() as s:
                editing.set_indicator(
                    s,
                    self.client_id,
                    self.definition_id(),
                    self.text(),
                    self.store.employee,
                    date.today(),
                    self.version,
                )
        except UserError as exc:
            self.refuse(exc)
            return
        super().accept()

    def reload(self) -> None:
        """Show the value saved meanwhile and take its version; what was typed stays."""
        assert self.definition is not None
        with self.store.session() as s:
            value = self._stored(s)
        self.version = value.version if value else None
        shown = editing.display_value(self.definition, value.value if value else None)
        self.saved_now.setText(self.tr("Saved now: {value}").format(value=shown or "—"))
        self.error.setText(self.tr("Press OK to save your value over it, or Cancel to keep it."))
        super().reload()


class SegmentDialog(_Dialog):
    def __init__(
        self,
        store: Store,
        client_id: int,
        segment_type_name: str,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("segmentDialog")
        self.store = store
        self.client_id = client_id
        with store.session() as s:
            segment_type = s.scalar(
                select(SegmentType).where(SegmentType.name == segment_type_name)
            )
            if segment_type is None:
                raise UserError("Такого типа сегмента больше нет в справочнике.")
            self.segment_type_id = segment_type.id
            values = [(v.id, v.name) for v in segment_type.values if v.active]
            current = segments.current_segment(s, client_id, segment_type.id)
            self.expected = current.segment_value_id if current else None
            history = segments.segment_history(s, client_id, segment_type)
        self.setWindowTitle(segment_type_name)
        self.value = QComboBox()
        self.value.setObjectName("segmentValue")
        for value_id, name in values:
            self.value.addItem(name, value_id)
        if self.expected is not None:
            self.value.setCurrentIndex(self.value.findData(self.expected))
        self.entered = QDateEdit(QDate.currentDate())
        self.entered.setObjectName("enteredOn")
        self.entered.setDisplayFormat("dd.MM.yyyy")
        self.entered.setCalendarPopup(True)
        form = QFormLayout()
        form.addRow(self.tr("Segment:"), self.value)
        form.addRow(self.tr("Entry date:"), self.entered)
        self.history = QLabel(
            "\n".join(
                f"{p.value}: {p.entered_on:%d.%m.%Y} – "
                + (f"{p.left_on:%d.%m.%Y}" if p.left_on else self.tr("now"))
                for p in history
            )
            or self.tr("No history yet.")
        )
        self.history.setObjectName("segmentHistory")
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(QLabel(self.tr("History:")))
        layout.addWidget(self.history)
        self.footer(layout)
        self.resize(480, self.sizeHint().height())

    def accept(self) -> None:
        try:
            with self.store.session() as s:
                editing.change_segment(
                    s,
                    self.client_id,
                    int(self.value.currentData()),
                    self.store.employee,
                    _to_date(self.entered.date()),
                    self.expected,
                )
        except UserError as exc:
            self.refuse(exc)
            return
        super().accept()

    def reload(self) -> None:
        with self.store.session() as s:
            current = segments.current_segment(s, self.client_id, self.segment_type_id)
            self.expected = current.segment_value_id if current else None
            name = current.segment_value.name if current else "—"
        self.error.setText(self.tr("Saved now: {value}").format(value=name))
        super().reload()


class PersonDialog(_Dialog):
    """A new contact person with typed phones and e-mails, characteristics and interests."""

    KINDS = tuple(ChannelKind)

    def __init__(self, store: Store, client_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personDialog")
        self.store = store
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

        with store.session() as s:
            characteristics = s.execute(
                select(Characteristic.id, Characteristic.name).order_by(Characteristic.id)
            ).all()
            interests = s.execute(select(Interest.id, Interest.name).order_by(Interest.name)).all()
        self.characteristics = self._checklist(
            [(i, n) for i, n in characteristics], "characteristics"
        )
        self.interests = self._checklist([(i, n) for i, n in interests], "interests")

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
        self.resize(820, 720)

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
        try:
            with self.store.session() as s:
                person = add_contact_person(s, self.client_id, self.draft(), self.store.employee)
                self.person_id = person.id
        except UserError as exc:
            self.refuse(exc)
            return
        super().accept()


__all__ = ["IndicatorDialog", "PersonDialog", "SegmentDialog", "SegmentValue"]
