"""The client card: header, functional map (indicators, segments), persons, works.

The card reads through the database worker and refreshes itself when the change hub says that
an operation touched its client, wherever that operation ran (another card of the same client,
the call screen, an import).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFont, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ric_desk.calls.planning import plan_choices
from ric_desk.changes import Changes
from ric_desk.clients import editing
from ric_desk.clients.card import ChannelRow, ClientCard, IndicatorRow, load_card
from ric_desk.clients.person import load_person
from ric_desk.clients.persons import person_choices
from ric_desk.store import DbSession
from ric_desk.ui import settings
from ric_desk.ui.clients.card_dialogs import IndicatorDialog, PersonDialog, SegmentDialog
from ric_desk.ui.clients.person_view import PersonCardDialog
from ric_desk.ui.clients.plan_dialogs import PlanWorkDialog
from ric_desk.ui.messages import show_error
from ric_desk.ui.operations import Database
from ric_desk.ui.table_model import RowsModel
from ric_desk.ui.views import ElidedLabel, indicator_model, make_table, name_section_keys


@dataclass(frozen=True)
class _Place:
    """Where a table's cursor was (by the first column's text) and how far it was scrolled."""

    key: object
    column: int
    scroll: int


def _place(table: QTableView) -> _Place:
    index = table.currentIndex()
    key = table.model().index(index.row(), 0).data() if index.isValid() else None
    return _Place(key, max(index.column(), 0), table.verticalScrollBar().value())


def _restore(table: QTableView, place: _Place) -> None:
    model = table.model()
    if place.key is not None:
        for row in range(model.rowCount()):
            if model.index(row, 0).data() == place.key:
                table.setCurrentIndex(model.index(row, place.column))
                break
    table.verticalScrollBar().setValue(place.scroll)


class ClientCardView(QWidget):
    """One client's card. `show_client` switches it to another client (the call screen reuses
    one embedded card); `loaded` says that a card's data arrived and is shown."""

    loaded = Signal(object)  # the ClientCard now shown

    def __init__(
        self,
        db: Database,
        client_id: int | None = None,
        *,
        loaded: ClientCard | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("clientCard")
        self.db = db
        self.client_id = client_id
        self.card: ClientCard | None = None
        self.dialog: QDialog | None = None  # the open dialog, if any
        self._loading: int | None = None  # the client whose card the worker is reading
        self._again = False  # a change arrived while reading: read once more

        self.title = QLabel()
        self.title.setObjectName("cardTitle")
        self.title.setWordWrap(True)
        font = QFont(self.title.font())
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        self.inn = QLabel()
        # the client's own phones and e-mails on one line, all of them in its tooltip: a
        # wrapped label would make the card in the call's tab taller than its room
        self.channels = ElidedLabel()
        self.channels.setObjectName("clientChannels")
        self.region = ElidedLabel()
        self.responsible = ElidedLabel()
        self.group = ElidedLabel()
        self.fill = QLabel()
        self.fill.setObjectName("fillPercent")
        self.expired = QLabel()
        self.expired.setObjectName("expiredCount")
        # two columns of three rows: the sections below get the height (a 768-pixel screen)
        left, right = QFormLayout(), QFormLayout()
        left.addRow(self.tr("INN / KPP:"), self.inn)
        left.addRow(self.tr("Phones, e-mail:"), self.channels)
        left.addRow(self.tr("Region:"), self.region)
        right.addRow(self.tr("Responsible:"), self.responsible)
        right.addRow(self.tr("Status group:"), self.group)
        fill = QHBoxLayout()  # the fill and what ran out of it: one row
        fill.addWidget(self.fill)
        fill.addSpacing(12)
        expired = QLabel(self.tr("expired:"))
        expired.setToolTip(self.tr("Indicators whose confirmation ran out"))
        fill.addWidget(expired)
        fill.addWidget(self.expired, 1)
        right.addRow(self.tr("Fill percentage:"), fill)
        header = QHBoxLayout()
        header.addLayout(left, 1)
        header.addSpacing(16)
        header.addLayout(right, 1)

        self.indicators = indicator_model(self)
        self.indicator_table = make_table(self.indicators, "indicatorTable")
        for column, width in enumerate((260, 290, 75, 140, 110)):
            self.indicator_table.setColumnWidth(column, width)
        # the group is named in the header and the tooltip: a long name must not widen the card
        self.only_group = QCheckBox(self.tr("Only the status group's indicators"))
        self.only_group.setObjectName("onlyStatusGroup")
        self.only_group.toggled.connect(lambda _on: self._show_indicators())
        # short words: the bar fits the card embedded in the call on a 1366-pixel screen
        self.edit_button = QPushButton(self.tr("Change (F2)"))
        self.edit_button.setObjectName("editIndicator")
        self.edit_button.setToolTip(self.tr("Change the value (F2 or Enter)"))
        self.edit_button.clicked.connect(self.edit_current)
        self._shortcut(self.indicator_table, Qt.Key.Key_F2, self.edit_current)
        self._shortcut(self.indicator_table, Qt.Key.Key_Return, self.edit_current)
        self.confirm_button = QPushButton(self.tr("Confirm today (Space)"))
        self.confirm_button.setObjectName("confirmIndicator")
        self.confirm_button.setToolTip(self.tr("Confirm the value as actual today (Space)"))
        self.confirm_button.clicked.connect(self.confirm_current)
        confirm = QShortcut(
            QKeySequence(Qt.Key.Key_Space), self.indicator_table, self.confirm_current
        )
        confirm.setContext(Qt.ShortcutContext.WidgetShortcut)
        indicator_tab = QWidget()
        bar = QHBoxLayout()
        bar.addWidget(self.only_group, 1)
        bar.addWidget(self.edit_button)
        bar.addWidget(self.confirm_button)
        indicator_layout = QVBoxLayout(indicator_tab)
        indicator_layout.setContentsMargins(4, 4, 4, 4)
        indicator_layout.addLayout(bar)
        indicator_layout.addWidget(self.indicator_table)

        self.segments = RowsModel(
            [
                (self.tr("Segment type"), lambda r: r.segment_type),
                (self.tr("Segment"), lambda r: r.value),
                (self.tr("Entry date"), lambda r: r.entered_on),
            ],
            parent=self,
        )
        self.segment_table = make_table(self.segments, "segmentTable")
        self.segment_table.setColumnWidth(0, 320)
        self.segment_table.setColumnWidth(1, 300)
        self.segment_button = QPushButton(self.tr("Change segment (F2)"))
        self.segment_button.setObjectName("changeSegment")
        self.segment_button.clicked.connect(self.change_segment)
        self._shortcut(self.segment_table, Qt.Key.Key_F2, self.change_segment)
        self._shortcut(self.segment_table, Qt.Key.Key_Return, self.change_segment)
        segment_tab = self._with_buttons(self.segment_table, self.segment_button)

        self.persons = RowsModel(
            [
                (self.tr("Contact person"), lambda r: r.full_name),
                (self.tr("Position"), lambda r: r.position),
                (self.tr("Phones"), lambda r: ", ".join(r.phones)),
            ],
            parent=self,
        )
        self.person_table = make_table(self.persons, "personTable")
        self.person_table.setColumnWidth(0, 300)
        self.person_table.setColumnWidth(1, 300)
        self.person_button = QPushButton(self.tr("Add contact person (Ins)"))
        self.person_button.setObjectName("addPerson")
        self.person_button.clicked.connect(self.add_person)
        self.person_open_button = QPushButton(self.tr("Open person card (Enter)"))
        self.person_open_button.setObjectName("openPerson")
        self.person_open_button.clicked.connect(self.open_person)
        self._shortcut(self.person_table, Qt.Key.Key_Return, self.open_person)
        self.person_table.doubleClicked.connect(lambda _index: self.open_person())
        person_tab = self._with_buttons(
            self.person_table, self.person_open_button, self.person_button
        )

        self.works = RowsModel(
            [
                (self.tr("Work No."), lambda r: r.number),
                (self.tr("Planned"), lambda r: r.planned_at),
                (self.tr("State"), lambda r: self._state_title(r.state)),
                (self.tr("Stage"), lambda r: r.stage),
                (self.tr("Closing reason"), lambda r: r.closing_reason),
                (self.tr("Executor"), lambda r: r.executor or self.tr("team pool")),
            ],
            parent=self,
        )
        self.work_table = make_table(self.works, "workTable")
        for column, width in enumerate((90, 130, 110, 300, 300)):
            self.work_table.setColumnWidth(column, width)
        self.contacts = RowsModel(
            [
                (self.tr("Contact time"), lambda r: r.at),
                (self.tr("Work No."), lambda r: r.work_number),
                (self.tr("Contact person"), lambda r: r.person),
                (self.tr("Operator"), lambda r: r.operator),
                (self.tr("Took place"), lambda r: r.successful),
                (
                    self.tr("Minutes"),
                    lambda r: round(r.duration_sec / 60) if r.duration_sec else None,
                ),
                (self.tr("Result"), lambda r: r.result),
            ],
            parent=self,
        )
        self.contact_table = make_table(self.contacts, "contactTable")
        for column, width in enumerate((130, 90, 230, 130, 80, 70)):
            self.contact_table.setColumnWidth(column, width)
        self.plan_button = QPushButton(self.tr("Plan a work (Ins)"))
        self.plan_button.setObjectName("planWork")
        self.plan_button.clicked.connect(self.plan_work)
        for table in (self.work_table, self.contact_table):
            table.setMinimumHeight(48)  # the card in the call's tab is short: a row each
        works_split = QSplitter(Qt.Orientation.Vertical)
        works_split.setObjectName("worksSplitter")
        works_split.addWidget(self._with_buttons(self.work_table, self.plan_button))
        works_split.addWidget(self.contact_table)

        self.changes = RowsModel(
            [
                (self.tr("When"), lambda r: r.at),
                (self.tr("Who"), lambda r: r.who),
                (self.tr("What"), lambda r: r.what),
                (self.tr("Was"), lambda r: r.old),
                (self.tr("Became"), lambda r: r.new),
            ],
            parent=self,
        )
        self.change_table = make_table(self.changes, "changeTable")
        for column, width in enumerate((130, 130, 260, 200)):
            self.change_table.setColumnWidth(column, width)

        self.sections = QTabWidget()
        self.sections.setObjectName("cardSections")
        self.sections.addTab(indicator_tab, self.tr("Indicators"))
        self.sections.addTab(segment_tab, self.tr("Segmentation"))
        self.sections.addTab(person_tab, self.tr("Contact persons"))
        self.works_tab = self.sections.addTab(works_split, self.tr("Works and calls"))
        self.sections.addTab(self.change_table, self.tr("Change history"))
        name_section_keys(self.sections)

        self.restore_layout()
        self._shortcut(self, Qt.Key.Key_Insert, self.insert, children=True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.title)
        layout.addLayout(header)
        layout.addWidget(self.sections, 1)
        db.hub.changed.connect(self._on_changed)
        if client_id is not None or loaded is not None:
            self.show_client(loaded.client.id if loaded else client_id, loaded)

    @staticmethod
    def _shortcut(
        widget: QWidget, key: Qt.Key, action: Callable[[], None], children: bool = False
    ) -> None:
        shortcut = QShortcut(QKeySequence(key), widget, action)
        shortcut.setContext(
            Qt.ShortcutContext.WidgetWithChildrenShortcut
            if children
            else Qt.ShortcutContext.WidgetShortcut
        )

    @staticmethod
    def _with_buttons(table: QTableView, *buttons: QPushButton) -> QWidget:
        tab = QWidget()
        bar = QHBoxLayout()
        bar.addStretch(1)
        for button in buttons:
            bar.addWidget(button)
        layout = QVBoxLayout(tab)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(bar)
        layout.addWidget(table)
        return tab

    def _tables(self) -> list[QTableView]:
        return [
            self.indicator_table,
            self.segment_table,
            self.person_table,
            self.work_table,
            self.contact_table,
            self.change_table,
        ]

    def save_layout(self) -> None:
        """Column widths of the card's tables, shared by every card."""
        for table in self._tables():
            settings.CARD_TABLE.save_header(table.horizontalHeader(), table.objectName())

    def restore_layout(self) -> None:
        for table in self._tables():
            settings.CARD_TABLE.restore_header(table.horizontalHeader(), table.objectName())

    def _state_title(self, state: str) -> str:
        titles = {
            "planned": self.tr("planned"),
            "in_progress": self.tr("in progress"),
            "rescheduled": self.tr("rescheduled"),
            "closed": self.tr("closed"),
        }
        return titles.get(str(state), str(state))

    # -- loading ---------------------------------------------------------------------------------
    def show_client(self, client_id: int | None, loaded: ClientCard | None = None) -> None:
        """Show this client: `loaded` at once when given, else as soon as the worker read it."""
        same = client_id == self.client_id and self.card is not None
        self.client_id = client_id
        if loaded is not None and loaded.client.id == client_id:
            self._show(loaded, keep_place=same)
        elif client_id is None:
            self._clear()
        else:
            if not same:
                self.card = None
            self.reload()

    def _clear(self) -> None:
        """No client: nothing of the last one stays on screen."""
        self.card = None
        labels = (self.title, self.inn, self.channels, self.region, self.responsible, self.group)
        for label in (*labels, self.fill, self.expired):
            label.clear()
        models = (self.indicators, self.segments, self.persons, self.works, self.contacts)
        for model in (*models, self.changes):
            model.set_rows([])

    def reload(self) -> None:
        """Read the card again through the worker; a burst of changes makes one more read."""
        client_id = self.client_id
        if client_id is None:
            return
        if self._loading == client_id:
            self._again = True
            return
        self._loading, self._again = client_id, False
        today = date.today()

        def query(session: DbSession) -> ClientCard:
            return load_card(session, client_id, today)

        self.db.run_query(
            self,
            query,
            lambda card: self._arrived(client_id, card),
            on_error=lambda exc: self._failed(client_id, exc),
            share=("client card", client_id, today),  # every card of this client, one read
        )

    def _arrived(self, client_id: int, card: ClientCard) -> None:
        if self._loading == client_id:
            self._loading = None
        if client_id != self.client_id:
            return  # the card was switched to another client meanwhile
        if self._again:
            self.reload()
        self._show(card, keep_place=self.card is not None and self.card.client.id == client_id)

    def _failed(self, client_id: int, exc: BaseException) -> None:
        if self._loading == client_id:
            self._loading = None
        show_error(self, exc)

    def _show(self, card: ClientCard, *, keep_place: bool) -> None:
        places = [_place(t) for t in self._tables()] if keep_place else []
        self.card = card
        client = card.client
        self.title.setText(client.display_name)
        self.inn.setText(f"{client.inn} / {client.kpp or '—'}")
        self.channels.setText(", ".join(self._channel_text(c) for c in card.channels) or "—")
        self.region.setText(card.region or "—")
        self.responsible.setText(card.responsible or "—")
        self.group.setText(card.status_group or "—")
        self.fill.setText(f"{card.fill_percent:.2f}".replace(".", ",") + " %")
        self.expired.setText(str(card.expired_count))
        self.only_group.setToolTip(
            self.tr('Only the indicators of status group "{group}"').format(
                group=card.status_group or "—"
            )
        )
        self.only_group.setEnabled(card.status_group is not None)
        self._show_indicators()
        self.segments.set_rows(card.segments)
        self.persons.set_rows(card.persons)
        self.works.set_rows(card.works)
        self.contacts.set_rows(card.contacts)
        self.changes.set_rows(card.changes)
        for table, place in zip(self._tables(), places, strict=False):
            _restore(table, place)
        self.loaded.emit(card)

    def _channel_text(self, channel: ChannelRow) -> str:
        if channel.undesirable:
            return self.tr("{channel} (undesirable)").format(channel=channel.value)
        return channel.value

    def _on_changed(self, changes: Changes, _origin: object) -> None:
        if self.client_id is not None and self.concerned_by(changes):
            self.reload()

    def concerned_by(self, changes: Changes) -> bool:
        """The change touched this client, its ПРИЗ items, or a person or work the card shows."""
        client_id = self.client_id
        if client_id is None:
            return False
        if changes.touches_client(client_id) or client_id in changes.priz or changes.dictionaries:
            return True
        card = self.card
        if card is None:
            return False
        return bool(
            changes.persons & {p.id for p in card.persons}
            or changes.works & {w.id for w in card.works}
        )

    def _show_indicators(self) -> None:
        if self.card is None:
            return
        rows = self.card.indicators
        if self.only_group.isChecked():
            rows = [r for r in rows if r.in_status_group]
        self.indicators.set_rows(rows)

    def title_text(self) -> str:
        return self.card.client.display_name if self.card else str(self.client_id or "")

    # -- actions ---------------------------------------------------------------------------------
    def current_indicator(self) -> IndicatorRow | None:
        index = self.indicator_table.currentIndex()
        if not index.isValid():
            return None
        proxy = self.indicator_table.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        row = self.indicators.object_at(proxy.mapToSource(index).row())
        return row if isinstance(row, IndicatorRow) else None

    def select_indicator(self, name: str) -> bool:
        proxy = self.indicator_table.model()
        for row in range(proxy.rowCount()):
            if proxy.index(row, 0).data() == name:
                self.indicator_table.setCurrentIndex(proxy.index(row, 0))
                return True
        return False

    def confirm_current(self) -> None:
        """Space: the value stays and is confirmed as actual today; the hub refreshes the card."""
        row, client_id = self.current_indicator(), self.client_id
        if row is None or client_id is None:
            return
        actor, today = self.db.actor, date.today()
        self.db.run_op(
            self,
            lambda s: editing.confirm_indicator(
                s, client_id, row.definition_id, actor, today, row.version
            ),
        )

    def _open_dialog(self, dialog: QDialog, then: Callable[[], object] | None = None) -> None:
        """Window-modal and not blocking; the card refreshes from the hub when the dialog saves."""
        if self.dialog is not None and not self.dialog.isVisible():
            self.dialog.deleteLater()  # the last one closed; kept till now for a look at it
        self.dialog = dialog
        if then is not None:
            dialog.accepted.connect(then)
        dialog.open()

    def edit_current(self) -> None:
        row, client_id = self.current_indicator(), self.client_id
        if row is None or client_id is None:
            return
        self._open_dialog(IndicatorDialog(self.db, client_id, row, self))

    def current_segment_type(self) -> str | None:
        index = self.segment_table.currentIndex()
        if not index.isValid():
            return None
        proxy = self.segment_table.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        row = self.segments.object_at(proxy.mapToSource(index).row())
        return str(row.segment_type) if row is not None else None

    def change_segment(self) -> None:
        name, client_id = self.current_segment_type(), self.client_id
        if name is None or client_id is None:
            return
        self.db.run_query(
            self,
            lambda s: editing.segment_form(s, client_id, name),
            lambda form: self._open_dialog(SegmentDialog(self.db, client_id, form, self)),
        )

    def open_person(self) -> None:
        index = self.person_table.currentIndex()
        if not index.isValid():
            return
        proxy = self.person_table.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        row = self.persons.object_at(proxy.mapToSource(index).row())
        if row is None:
            return
        today = date.today()
        self.db.run_query(
            self,
            lambda s: load_person(s, row.id, today),
            lambda person: self._open_dialog(PersonCardDialog(self.db, person, self)),
        )

    def insert(self) -> None:
        """Ins: a work on the Works tab, a contact person elsewhere."""
        if self.sections.currentIndex() == self.works_tab:
            self.plan_work()
        else:
            self.add_person()

    def plan_work(self) -> None:
        client_id = self.client_id
        if client_id is None:
            return
        now = datetime.now(UTC)
        self.db.run_query(
            self,
            lambda s: plan_choices(s, client_id, now),
            lambda choices: self._open_dialog(
                PlanWorkDialog(self.db, client_id, choices, self),
                lambda: self.sections.setCurrentIndex(self.works_tab),
            ),
        )

    def add_person(self) -> None:
        client_id = self.client_id
        if client_id is None:
            return
        self.db.run_query(
            self,
            person_choices,
            lambda choices: self._open_dialog(
                PersonDialog(self.db, client_id, choices, self),
                lambda: self.sections.setCurrentIndex(2),
            ),
        )
