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

from ric_desk.clients.person import load_person
from ric_desk.store import Store
from ric_desk.ui.table_model import RowsModel
from ric_desk.ui.views import indicator_model, make_table


class PersonCardDialog(QDialog):
    def __init__(self, store: Store, person_id: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("personCard")
        with store.session() as s:
            self.card = load_person(s, person_id, date.today())
        card = self.card
        person = card.person
        self.setWindowTitle(self.tr("Contact person [{name}]").format(name=person.full_name))

        title = QLabel(person.full_name)
        font = QFont(title.font())
        font.setPointSizeF(font.pointSizeF() * 1.2)
        font.setBold(True)
        title.setFont(font)
        form = QFormLayout()
        form.addRow(self.tr("Position:"), QLabel(person.position or "—"))
        form.addRow(self.tr("Department:"), QLabel(person.department or "—"))
        started = f"{person.started_on:%d.%m.%Y}" if person.started_on else "—"
        form.addRow(self.tr("Started on:"), QLabel(started))
        form.addRow(self.tr("Profile:"), QLabel(person.profile or "—"))
        form.addRow(self.tr("Note:"), QLabel(person.note or "—"))

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
        self.channels.set_rows(card.channels)
        channel_table = make_table(self.channels, "personChannels")
        channel_table.setColumnWidth(0, 170)
        channel_table.setColumnWidth(1, 220)

        self.characteristics = QListWidget()
        self.characteristics.setObjectName("personCharacteristics")
        self.characteristics.addItems(card.characteristics or [self.tr("(none)")])
        self.interests = QListWidget()
        self.interests.setObjectName("personInterests")
        self.interests.addItems(card.interests or [self.tr("(none)")])
        flags = QWidget()
        flags_layout = QVBoxLayout(flags)
        flags_layout.addWidget(QLabel(self.tr("Characteristics:")))
        flags_layout.addWidget(self.characteristics)
        flags_layout.addWidget(QLabel(self.tr("Interests:")))
        flags_layout.addWidget(self.interests)

        self.indicators = indicator_model(self)
        self.indicators.set_rows(card.indicators)
        indicator_table = make_table(self.indicators, "personIndicators")
        for column, width in enumerate((190, 220, 75, 140, 100)):
            indicator_table.setColumnWidth(column, width)
        self.fill = QLabel(
            self.tr("Status group: {group}    Fill percentage: {fill} %").format(
                group=card.status_group or "—",
                fill=f"{card.fill_percent:.2f}".replace(".", ","),
            )
        )
        self.fill.setObjectName("personFill")
        info = QWidget()
        info_layout = QVBoxLayout(info)
        info_layout.addWidget(self.fill)
        info_layout.addWidget(indicator_table)

        self.sections = QTabWidget()
        self.sections.addTab(channel_table, self.tr("Contact details"))
        self.sections.addTab(flags, self.tr("Characteristics and interests"))
        self.sections.addTab(info, self.tr("Contact person details"))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addLayout(form)
        layout.addWidget(self.sections, 1)
        layout.addWidget(buttons)
        self.resize(900, 600)
