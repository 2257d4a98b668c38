"""A lazy table model over the client list: pages are read as the view scrolls."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from ric_desk.clients import listing
from ric_desk.clients.listing import COUNT_LIMIT, ClientFilter, ClientRow, SortKey
from ric_desk.store import Store

Index = QModelIndex | QPersistentModelIndex
ROW_ROLE = Qt.ItemDataRole.UserRole + 1  # the ClientRow of a row


class ClientListModel(QAbstractTableModel):
    COLUMNS = (
        SortKey.REG_NUMBER,
        SortKey.NAME,
        SortKey.INN,
        SortKey.REGION,
        SortKey.RESPONSIBLE,
        SortKey.STATUS_GROUP,
    )

    def __init__(self, store: Store, parent: Any = None) -> None:
        super().__init__(parent)
        self.store = store
        self.filter = ClientFilter()
        self.sort_key = SortKey.NAME
        self.descending = False
        self.rows: list[ClientRow] = []
        self.total = 0  # at most count_limit + 1
        self.count_limit = COUNT_LIMIT
        self._where: listing.Conditions | None = None
        self._exhausted = False
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

    # -- loading ---------------------------------------------------------------------------------
    def set_filter(self, f: ClientFilter) -> None:
        self.filter = f
        self.reload()

    def reload(self) -> None:
        self.beginResetModel()
        self.rows = []
        self._exhausted = False
        self.count_limit = listing.count_limit(self.filter)
        with self.store.session() as s:
            self._where = listing.conditions(s, self.filter, date.today())
            self.total = listing.count(s, self.filter, limit=self.count_limit, where=self._where)
            self.rows = listing.fetch_page(
                s,
                self.filter,
                sort=self.sort_key,
                descending=self.descending,
                limit=listing.FIRST_PAGE,
                where=self._where,
            )
        self._exhausted = len(self.rows) < listing.FIRST_PAGE
        self.endResetModel()

    def canFetchMore(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and not self._exhausted

    def fetchMore(self, parent: Index = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid() or self._exhausted:
            return
        with self.store.session() as s:
            page = listing.fetch_page(
                s,
                self.filter,
                sort=self.sort_key,
                descending=self.descending,
                offset=len(self.rows),
                where=self._where,
            )
        if not page:
            self._exhausted = True
            return
        self.beginInsertRows(QModelIndex(), len(self.rows), len(self.rows) + len(page) - 1)
        self.rows.extend(page)
        self.endInsertRows()
        self._exhausted = len(page) < listing.PAGE

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
        self.sort_key = self.COLUMNS[column]
        self.descending = order == Qt.SortOrder.DescendingOrder
        self.reload()

    def row_at(self, row: int) -> ClientRow | None:
        return self.rows[row] if 0 <= row < len(self.rows) else None
