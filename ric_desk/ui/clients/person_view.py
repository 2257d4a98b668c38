"""A contact person's card: contact details, characteristics, interests, own indicators."""

from __future__ import annotations

from datetime import date

from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QListWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ric_desk.changes import Changes
from ric_desk.clients.person import PersonCard, load_person
from ric_desk.ui.operations import Database
from ric_desk.ui.table_model import RowsModel
from ric_desk.ui.views import (
    fit_to_screen,
    indicator_model,
    make_table,
    name_section_keys,
    section_keys,
)


class PersonCardDialog(QDialog):
    """Shows a person's card read by the worker; reads it again when an operation changed the
    person."""

    def __init__(self, db: Database, card: PersonCard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personCard")
        self.db = db
        self.card = card

        self.title = QLabel()
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        self.title.setFont(font)
        self.position = QLabel()
        self.department = QLabel()
        self.started = QLabel()
        self.profile = QLabel()
        self.note = QLabel()
        form = QFormLayout()
        form.addRow(self.tr("Position:"), self.position)
        form.addRow(self.tr("Department:"), self.department)
        form.addRow(self.tr("Started on:"), self.started)
        form.addRow(self.tr("Profile:"), self.profile)
        form.addRow(self.tr("Note:"), self.note)

        self.channels = RowsModel(
            [
                (self.tr("Type"), lambda r: r.kind),
                (self.tr("Contact"), lambda r: r.value),
                (self.tr("Region"), lambda r: r.region),
                (self.tr("Favourite"), lambda r: r.favourite),
                (self.tr("Undesirable"), lambda r: r.undesirable),
            ],
            highlight=lambda r: self.tr("Do not use this contact") if r.undesirable else None,
            parent=self,
        )
        channel_table = make_table(self.channels, "personChannels")
        channel_table.setColumnWidth(0, 170)
        channel_table.setColumnWidth(1, 220)

        self.characteristics = QListWidget()
        self.characteristics.setObjectName("personCharacteristics")
        self.interests = QListWidget()
        self.interests.setObjectName("personInterests")
        flags = QWidget()
        flags_layout = QVBoxLayout(flags)
        flags_layout.addWidget(QLabel(self.tr("Characteristics:")))
        flags_layout.addWidget(self.characteristics)
        flags_layout.addWidget(QLabel(self.tr("Interests:")))
        flags_layout.addWidget(self.interests)

        self.indicators = indicator_model(self)
        indicator_table = make_table(self.indicators, "personIndicators")
        for column, width in enumerate((190, 220, 75, 140, 100)):
            indicator_table.setColumnWidth(column, width)
        self.fill = QLabel()
        self.fill.setObjectName("personFill")
        info = QWidget()
        info_layout = QVBoxLayout(info)
        info_layout.addWidget(self.fill)
        info_layout.addWidget(indicator_table)

        self.sections = QTabWidget()
        self.sections.addTab(channel_table, self.tr("Contact details"))
        self.sections.addTab(flags, self.tr("Characteristics and interests"))
        self.sections.addTab(info, self.tr("Contact person details"))
        name_section_keys(self.sections)
        section_keys(self, lambda: self.sections)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(form)
        layout.addWidget(self.sections, 1)
        layout.addWidget(buttons)
        fit_to_screen(self, 900, 600)
        self.show_card(card)
        db.hub.changed.connect(self._on_changed)

    def show_card(self, card: PersonCard) -> None:
        self.card = card
        person = card.person
        self.setWindowTitle(self.tr("Contact person [{name}]").format(name=person.full_name))
        self.title.setText(person.full_name)
        self.position.setText(person.position or "—")
        self.department.setText(person.department or "—")
        self.started.setText(f"{person.started_on:%d.%m.%Y}" if person.started_on else "—")
        self.profile.setText(person.profile or "—")
        self.note.setText(person.note or "—")
        self.channels.set_rows(card.channels)
        self.characteristics.clear()
        self.characteristics.addItems(card.characteristics or [self.tr("(none)")])
        self.interests.clear()
        self.interests.addItems(card.interests or [self.tr("(none)")])
        self.indicators.set_rows(card.indicators)
        self.fill.setText(
            self.tr("Status group: {group}    Fill percentage: {fill} %").format(
                group=card.status_group or "—",
                fill=f"{card.fill_percent:.2f}".replace(".", ","),
            )
        )

    def _on_changed(self, changes: Changes, _origin: object) -> None:
        person_id = self.card.person.id
        if person_id in changes.persons or changes.dictionaries:
            today = date.today()
            self.db.run_query(self, lambda s: load_person(s, person_id, today), self.show_card)
