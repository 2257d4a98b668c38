"""The report as a tree: «Итого» on top, each group under its parent, children read lazily.

A group's children are asked of the report (`Report.children`) only when the group is expanded
(`canFetchMore`/`fetchMore`), so a collapsed level costs nothing. A click on a column's header
sorts the children of every group by that column (the label column: by the report's order of
labels, or that order reversed); groups expanded later come sorted the same way.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QObject, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from ric_desk.reports.names import MEASURES, RULE
from ric_desk.reports.pivot import Group, Report
from ric_desk.ui.reports.format import measure_text

Index = QModelIndex | QPersistentModelIndex
NEGATIVE = QColor(190, 20, 20)
TOTAL_BACKGROUND = QColor(235, 240, 248)
VALUE_ROLE = Qt.ItemDataRole.UserRole + 1  # the cell's number, unformatted
GROUP_ROLE = Qt.ItemDataRole.UserRole + 2  # the row's Group


@dataclass
class Node:
    """A row of the tree: its group, where it sits, its children once fetched."""

    id: int
    group: Group
    parent: Node | None
    order: int  # its place in the report's own order (by label)
    row: int = 0
    children: list[Node] | None = field(default=None, repr=False)


@dataclass(frozen=True)
class ColumnDef:
    """A value column: a measure, over one column key of `spec.cols` or (None) over the row."""

    measure: str
    col_key: tuple[Any, ...] | None


class ReportTreeModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.report: Report | None = None
        self.root: Node | None = None
        self.columns: list[ColumnDef] = []
        self._nodes: dict[int, Node] = {}
        self.sort_column = 0
        self.sort_order = Qt.SortOrder.AscendingOrder

    # -- content ---------------------------------------------------------------------------------
    def set_report(self, report: Report | None) -> None:
        self.beginResetModel()
        self.report = report
        self._nodes = {}
        self.root = None
        self.columns = []
        if report is not None:
            self.root = self._node(report.total, None, 0)
            # the row's own values first, then by column key (as the .xlsx export has them)
            measures = list(report.spec.measures)
            self.columns = [ColumnDef(m, None) for m in measures]
            if report.spec.cols:
                for col_key in report.columns:
                    self.columns += [ColumnDef(m, tuple(col_key)) for m in measures]
        self.endResetModel()

    def _node(self, group: Group, parent: Node | None, order: int) -> Node:
        node = Node(len(self._nodes) + 1, group, parent, order)
        self._nodes[node.id] = node
        return node

    def node(self, index: Index) -> Node | None:
        if not index.isValid():
            return None
        return self._nodes.get(index.internalId())

    def index_of(self, node: Node, column: int = 0) -> QModelIndex:
        return self.createIndex(node.row, column, node.id)

    def nodes(self) -> Iterator[Node]:
        """Every row fetched so far, each before its children."""
        stack = [self.root] if self.root is not None else []
        while stack:
            node = stack.pop()
            yield node
            stack.extend(reversed(node.children or []))

    def label(self, node: Node) -> str:
        """The group's label with the number of its children: «Иванова М.А. (12)»."""
        report = self.report
        assert report is not None
        group = node.group
        if group.level == 0:
            text = self.tr("Total")
        else:
            text = report.label(report.spec.rows[group.level - 1], group.key[-1])
        return f"{text} ({group.size})" if group.size else text

    def value(self, node: Node, column: int) -> int | float | None:
        if column < 1 or column > len(self.columns):
            return None
        col = self.columns[column - 1]
        values = node.group.values if col.col_key is None else node.group.cells.get(col.col_key, {})
        return values.get(col.measure)

    def column_def(self, column: int) -> ColumnDef | None:
        return self.columns[column - 1] if 1 <= column <= len(self.columns) else None

    # -- the tree --------------------------------------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column >= self.columnCount():
            return QModelIndex()
        if not parent.isValid():
            if row == 0 and self.root is not None:
                return self.createIndex(0, column, self.root.id)
            return QModelIndex()
        node = self.node(parent)
        if node is None or node.children is None or not 0 <= row < len(node.children):
            return QModelIndex()
        return self.createIndex(row, column, node.children[row].id)

    def parent(self, child: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]  # noqa: B008
        node = self.node(child)
        if node is None or node.parent is None:
            return QModelIndex()
        return self.createIndex(node.parent.row, 0, node.parent.id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return 1 if self.root is not None else 0
        if parent.column() > 0:
            return 0
        node = self.node(parent)
        return len(node.children) if node is not None and node.children is not None else 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 1 + len(self.columns) if self.report is not None else 1

    def hasChildren(self, parent: Index = QModelIndex()) -> bool:  # noqa: B008
        if not parent.isValid():
            return self.root is not None
        node = self.node(parent)
        return node is not None and parent.column() == 0 and node.group.size > 0

    def canFetchMore(self, parent: Index) -> bool:
        node = self.node(parent)
        return node is not None and node.children is None and node.group.size > 0

    def fetchMore(self, parent: Index) -> None:
        node = self.node(parent)
        if node is None or node.children is not None or self.report is None:
            return
        groups = self.report.children(tuple(node.group.key))
        kids = [self._node(g, node, i) for i, g in enumerate(groups)]
        self._arrange(kids)
        if not kids:
            node.children = []
            return
        self.beginInsertRows(self.index_of(node), 0, len(kids) - 1)
        node.children = kids
        self.endInsertRows()

    def fetch_to(self, level: int | None) -> None:
        """Fetch the children of every group above `level` (None: of every group)."""
        if self.root is None:
            return
        stack = [self.root]
        while stack:
            node = stack.pop()
            if level is not None and node.group.level >= level:
                continue
            if node.children is None:
                self.fetchMore(self.index_of(node))
            stack.extend(node.children or [])

    # -- sorting ---------------------------------------------------------------------------------
    def _sort_key(self, node: Node) -> Any:
        return self.value(node, self.sort_column)

    def _arrange(self, kids: list[Node]) -> None:
        """Put `kids` in the current order (a group without the value last) and number them."""
        descending = self.sort_order == Qt.SortOrder.DescendingOrder
        kids.sort(key=lambda n: n.order, reverse=descending and self.sort_column == 0)
        if self.sort_column > 0:
            known = [n for n in kids if self._sort_key(n) is not None]
            unknown = [n for n in kids if self._sort_key(n) is None]
            known.sort(
                key=self._sort_key, reverse=descending
            )  # stable: ties keep the labels' order
            kids[:] = known + unknown
        for row, kid in enumerate(kids):
            kid.row = row

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column < 0 or column >= self.columnCount():
            return
        self.sort_column, self.sort_order = column, order
        if self.root is None:
            return
        self.layoutAboutToBeChanged.emit()
        before = self.persistentIndexList()
        kept = [(self.node(i), i.column()) for i in before]
        for node in list(self.nodes()):
            if node.children:
                self._arrange(node.children)
        after = [self.index_of(n, c) if n is not None else QModelIndex() for n, c in kept]
        self.changePersistentIndexList(before, after)
        self.layoutChanged.emit()

    # -- display ---------------------------------------------------------------------------------
    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        column = index.column()
        if role == GROUP_ROLE:
            return node.group
        if column == 0:
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                return self.label(node)  # the tip: a long label whole
        else:
            value = self.value(node, column)
            col = self.columns[column - 1]
            if role == Qt.ItemDataRole.DisplayRole:
                return measure_text(col.measure, value)
            if role == VALUE_ROLE:
                return value
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
            if role == Qt.ItemDataRole.ForegroundRole and value is not None and value < 0:
                return QBrush(NEGATIVE)
        if role == Qt.ItemDataRole.FontRole and node.group.level == 0:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.BackgroundRole and node.group.level == 0:
            return QBrush(TOTAL_BACKGROUND)
        if role == Qt.ItemDataRole.ToolTipRole:
            return RULE
        return None

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return self.header_text(section)
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.header_text(section) + "\n\n" + RULE
        return None

    def header_text(self, section: int) -> str:
        if section == 0:
            if self.report is None:
                return self.tr("Group")
            return " / ".join(_dimension_titles(self.report.spec.rows)) or self.tr("Group")
        col = self.column_def(section)
        if col is None or self.report is None:
            return ""
        title = MEASURES[col.measure]
        if col.col_key is None:
            return title if not self.report.spec.cols else f"{self.tr('Total')}: {title}"
        return f"{self.report.column_title(col.col_key)}: {title}"

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _dimension_titles(dims: tuple[str, ...]) -> list[str]:
    from ric_desk.reports.names import dimension_title

    return [dimension_title(d) for d in dims]
