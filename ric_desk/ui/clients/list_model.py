"""A lazy table model over the client list: pages are read through the worker as the view scrolls.

`canFetchMore` is true while more rows exist and no read is on its way; `fetchMore` asks the
worker for the next page and returns at once, the rows arrive as an insertion. A new filter or
sort order starts a new read; whatever an older read returns is dropped.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt, Signal
from PySide6.QtWidgets import QWidget

from ric_desk.clients import listing
from ric_desk.clients.listing import COUNT_LIMIT, ClientFilter, ClientRow, FirstPage, SortKey
from ric_desk.store import DbSession
from ric_desk.ui.messages import show_error
from ric_desk.ui.operations import Database

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the ClientRow of a row


class ClientListModel(QAbstractTableModel):
    """`loaded(kept)` says a (re)load arrived; `kept` when it re-read the rows already shown
    (after a change elsewhere) rather than starting a new list."""

    loaded = Signal(bool)
    failed = Signal()  # a read was refused: what waited for it is off

    COLUMNS = (
        SortKey.REG_NUMBER,
        SortKey.NAME,
        SortKey.INN,
        SortKey.REGION,
        SortKey.RESPONSIBLE,
        SortKey.STATUS_GROUP,
    )

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.db = db
        self._view = parent  # the answers are dropped once the screen is gone
        self.filter = ClientFilter()
        self.sort_key = SortKey.NAME
        self.descending = False
        self.rows: list[ClientRow] = []
        self.total = 0  # at most count_limit + 1
        self.count_limit = COUNT_LIMIT
        self._where: listing.Conditions | None = None  # the filter worked out by the last load
        self._exhausted = True
        self._generation = 0  # bumped by every new load: older answers are dropped
        self._busy = False  # a load or a page is on its way
        self._headers = [
            self.tr("Reg. number"),
            self.tr("Name"),
            self.tr("INN"),
            self.tr("Region"),
            self.tr("Responsible"),
            self.tr("Status group"),
        ]

    @property
    def total_is_exact(self) -> bool:
        return self.total <= self.count_limit

    @property
    def loading(self) -> bool:
        return self._busy

    # -- loading ---------------------------------------------------------------------------------
    def set_filter(self, f: ClientFilter) -> None:
        self.filter = f
        self.reload()

    def reload(self, *, keep: bool = False) -> None:
        """Read the list again; `keep` re-reads as many rows as are shown now (the view keeps its
        place), else the first page of a new list."""
        self._generation += 1
        generation, f, on = self._generation, self.filter, date.today()
        sort, descending = self.sort_key, self.descending
        limit = max(listing.FIRST_PAGE, len(self.rows)) if keep else listing.FIRST_PAGE
        self._busy = True

        def query(session: DbSession) -> FirstPage:
            return listing.first_page(
                session, f, sort=sort, descending=descending, limit=limit, on=on
            )

        self.db.run_query(
            self._view,
            query,
            lambda page: self._first_page(generation, page, limit, keep),
            on_error=lambda exc: self._failed(generation, exc),
        )

    def _first_page(self, generation: int, page: FirstPage, limit: int, keep: bool) -> None:
        if generation != self._generation:
            return
        self._busy = False
        self.beginResetModel()
        self.rows = page.rows
        self.total = page.total
        self.count_limit = page.count_limit
        self._where = page.where
        self._exhausted = len(page.rows) < limit
        self.endResetModel()
        self.loaded.emit(keep)

    def _failed(self, generation: int, exc: BaseException) -> None:
        if generation != self._generation:
            return
        self._busy = False
        self.failed.emit()
        show_error(self._view, exc)

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted and not self._busy

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted or self._busy:
            return
        generation, f, where = self._generation, self.filter, self._where
        sort, descending, offset = self.sort_key, self.descending, len(self.rows)
        self._busy = True
        self.db.run_query(
            self._view,
            lambda s: listing.fetch_page(
                s, f, sort=sort, descending=descending, offset=offset, where=where
            ),
            lambda page: self._more(generation, page),
            on_error=lambda exc: self._failed(generation, exc),
        )

    def _more(self, generation: int, page: list[ClientRow]) -> None:
        if generation != self._generation:
            return
        self._busy = False
        self._exhausted = len(page) < listing.PAGE
        if not page:
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
        self.rows.extend(page)
        self.endInsertRows()

    # -- the model -------------------------------------------------------------------------------
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        if role == ROW_ROLE:
            return row
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            values = (
                row.reg_number,
                row.name,
                row.inn,
                row.region,
                row.responsible,
                row.status_group,
            )
            value = values[index.column()]
            return "" if value is None else str(value)
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self._headers):
            return self._headers[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if not 0 <= column < len(self.COLUMNS):
            return
        key, descending = self.COLUMNS[column], order == Qt.SortOrder.DescendingOrder
        if (key, descending) == (self.sort_key, self.descending):
            return  # the view announcing the order it already has
        self.sort_key, self.descending = key, descending
        self.reload()

    def row_at(self, row: int) -> ClientRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None
