"""The report's setup panel: dimensions into rows and columns, measures ticked, filters."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QFocusEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStackedWidget,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ric_desk.reports.choices import ReportChoices
from ric_desk.reports.names import DIMENSIONS, MEASURES, SEGMENT_PREFIX, dimension_title
from ric_desk.reports.spec import Filters

NAME_ROLE = Qt.ItemDataRole.UserRole + 1  # a dimension's or measure's stable name, a filter's id


class DimensionList(QListWidget):
    """A list of dimensions; items are dragged between the three lists and within one."""

    focused = Signal()

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)

    def names(self) -> tuple[str, ...]:
        return tuple(str(self.item(i).data(NAME_ROLE)) for i in range(self.count()))

    def add(self, name: str) -> QListWidgetItem:
        item = QListWidgetItem(dimension_title(name))
        item.setData(NAME_ROLE, name)
        self.addItem(item)
        return item


class CheckList(QListWidget):
    """Items with check boxes; Space ticks the current one."""

    def __init__(self, name: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName(name)

    def fill(self, choices: list[tuple[object, str]], ticked: set[object]) -> None:
        self.blockSignals(True)
        self.clear()
        for key, label in choices:
            item = QListWidgetItem(label)
            item.setData(NAME_ROLE, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Checked if key in ticked else Qt.CheckState.Unchecked)
            self.addItem(item)
        self.blockSignals(False)

    def ticked(self) -> list[object]:
        return [
            self.item(i).data(NAME_ROLE)
            for i in range(self.count())
            if self.item(i).checkState() == Qt.CheckState.Checked
        ]

    def tick(self, keys: set[object]) -> None:
        self.blockSignals(True)
        for i in range(self.count()):
            item = self.item(i)
            item.setCheckState(
                Qt.CheckState.Checked if item.data(NAME_ROLE) in keys else Qt.CheckState.Unchecked
            )
        self.blockSignals(False)


# the filters: Filters' field, the list's name, its title
FILTERS = (
    ("operator_ids", "operators"),
    ("direction_ids", "directions"),
    ("campaign_ids", "campaigns"),
    ("stage_ids", "stages"),
    ("region_codes", "regions"),
    ("segment_value_ids", "segment_values"),
)


class SetupPanel(QTabWidget):
    """Three tabs: dimensions, measures, filters. `changed` on any change of the layout."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportSetup")
        self.segment_types: list[str] = []
        self.available = DimensionList("availableDimensions")
        self.rows = DimensionList("rowDimensions")
        self.cols = DimensionList("columnDimensions")
        self._last_list = self.available  # the list the buttons act on: the last one in focus
        for dims in (self.available, self.rows, self.cols):
            dims.focused.connect(lambda d=dims: setattr(self, "_last_list", d))
            dims.model().rowsInserted.connect(lambda *_: self.changed.emit())
            dims.model().rowsRemoved.connect(lambda *_: self.changed.emit())
            dims.model().rowsMoved.connect(lambda *_: self.changed.emit())
        self.to_rows = self._button(self.tr("To rows"), "toRows", lambda: self._move_to(self.rows))
        self.to_cols = self._button(
            self.tr("To columns"), "toColumns", lambda: self._move_to(self.cols)
        )
        self.remove = self._button(self.tr("Remove"), "removeDimension", self._remove)
        self.up = QToolButton()
        self.up.setObjectName("dimensionUp")
        self.up.setArrowType(Qt.ArrowType.UpArrow)
        self.up.setToolTip(self.tr("Move up"))
        self.up.clicked.connect(lambda: self._shift(-1))
        self.down = QToolButton()
        self.down.setObjectName("dimensionDown")
        self.down.setArrowType(Qt.ArrowType.DownArrow)
        self.down.setToolTip(self.tr("Move down"))
        self.down.clicked.connect(lambda: self._shift(1))
        for arrow in (self.up, self.down):
            arrow.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        dims_page = QWidget()
        grid = QGridLayout(dims_page)
        grid.addWidget(QLabel(self.tr("Dimensions:")), 0, 0, 1, 2)
        grid.addWidget(self.available, 1, 0, 1, 2)
        buttons = QHBoxLayout()
        for button in (self.to_rows, self.to_cols, self.remove, self.up, self.down):
            buttons.addWidget(button)
        grid.addLayout(buttons, 2, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("Rows:")), 3, 0, 1, 2)
        grid.addWidget(self.rows, 4, 0, 1, 2)
        grid.addWidget(QLabel(self.tr("Columns:")), 5, 0, 1, 2)
        grid.addWidget(self.cols, 6, 0, 1, 2)
        grid.setRowStretch(1, 3)
        grid.setRowStretch(4, 2)
        grid.setRowStretch(6, 1)
        hint = self.tr("Drag dimensions between the lists, or use the buttons.")
        for dims in (self.available, self.rows, self.cols):
            dims.setToolTip(hint)
        self.addTab(dims_page, self.tr("Dimensions"))

        self.measures = CheckList("measures")
        self.measures.fill(list(MEASURES.items()), set())
        self.measures.itemChanged.connect(lambda _item: self.changed.emit())
        measures_page = QWidget()
        box = QVBoxLayout(measures_page)
        box.addWidget(QLabel(self.tr("Measures (Space ticks):")))
        box.addWidget(self.measures)
        self.addTab(measures_page, self.tr("Measures"))

        self.filter_kind = QComboBox()
        self.filter_kind.setObjectName("filterKind")
        self.filter_pages = QStackedWidget()
        self.filter_lists: dict[str, CheckList] = {}
        titles = {
            "operator_ids": self.tr("Specialists"),
            "direction_ids": self.tr("Directions"),
            "campaign_ids": self.tr("Campaigns"),
            "stage_ids": self.tr("Stages"),
            "region_codes": self.tr("Regions"),
            "segment_value_ids": self.tr("Segment values"),
        }
        self.filter_titles = titles
        for field_name, list_name in FILTERS:
            checks = CheckList(f"filter_{list_name}")
            checks.itemChanged.connect(lambda _item: self._filters_changed())
            self.filter_lists[field_name] = checks
            self.filter_pages.addWidget(checks)
            self.filter_kind.addItem(titles[field_name], field_name)
        self.filter_kind.currentIndexChanged.connect(self.filter_pages.setCurrentIndex)
        self.clear_filters = QPushButton(self.tr("Clear the filter"))
        self.clear_filters.setObjectName("clearFilters")
        self.clear_filters.clicked.connect(self._clear_filters)
        filters_page = QWidget()
        box = QVBoxLayout(filters_page)
        row = QHBoxLayout()
        row.addWidget(QLabel(self.tr("Filter by:")))
        row.addWidget(self.filter_kind, 1)
        box.addLayout(row)
        box.addWidget(self.filter_pages, 1)
        box.addWidget(
            QLabel(self.tr("Nothing ticked: no restriction.")),
        )
        box.addWidget(self.clear_filters)
        self.addTab(filters_page, self.tr("Filter"))

    def _button(self, text: str, name: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    # -- dimensions ------------------------------------------------------------------------------
    def set_segment_types(self, types: list[str]) -> None:
        self.segment_types = types
        self.set_dimensions(self.rows.names(), self.cols.names())

    def all_dimensions(self) -> list[str]:
        return [*DIMENSIONS, *(f"{SEGMENT_PREFIX}{t}" for t in self.segment_types)]

    def set_dimensions(self, rows: tuple[str, ...], cols: tuple[str, ...]) -> None:
        self.blockSignals(True)
        for dims, names in ((self.rows, rows), (self.cols, cols)):
            dims.clear()
            for name in names:
                dims.add(name)
        self.available.clear()
        for name in self.all_dimensions():
            if name not in rows and name not in cols:
                self.available.add(name)
        self.blockSignals(False)

    def _focused_list(self) -> DimensionList:
        return self._last_list

    def _move_to(self, target: DimensionList) -> None:
        source = self._focused_list()
        if source is target:
            return
        item = source.currentItem() or (source.item(0) if source is self.available else None)
        if item is None:
            return
        name = str(item.data(NAME_ROLE))
        source.takeItem(source.row(item))
        target.setCurrentItem(target.add(name))
        source.setFocus()

    def _remove(self) -> None:
        source = self._focused_list()
        if source is self.available:
            source = self.rows if self.rows.currentItem() else self.cols
        item = source.currentItem()
        if item is None:
            return
        name = str(item.data(NAME_ROLE))
        source.takeItem(source.row(item))
        self.set_dimensions(self.rows.names(), self.cols.names())
        self.changed.emit()
        for i in range(self.available.count()):
            if self.available.item(i).data(NAME_ROLE) == name:
                self.available.setCurrentRow(i)

    def _shift(self, step: int) -> None:
        source = self._focused_list()
        if source is self.available:
            source = self.rows
        row = source.currentRow()
        if row < 0 or not 0 <= row + step < source.count():
            return
        item = source.takeItem(row)
        source.insertItem(row + step, item)
        source.setCurrentRow(row + step)
        source.setFocus()

    # -- measures and filters -------------------------------------------------------------------
    def chosen_measures(self) -> tuple[str, ...]:
        return tuple(str(m) for m in self.measures.ticked())

    def set_measures(self, measures: tuple[str, ...]) -> None:
        self.measures.tick(set(measures))

    def set_choices(self, choices: ReportChoices) -> None:
        """The filters' dictionaries; what is ticked stays ticked (if it still exists)."""
        ticked = self.filters()
        for field_name, _name in FILTERS:
            items = getattr(choices, field_name.replace("_ids", "s").replace("_codes", "s"))
            self.filter_lists[field_name].fill(items, set(getattr(ticked, field_name)))
        self.set_segment_types(choices.segment_types)
        self._filters_changed(emit=False)

    def filters(self) -> Filters:
        return Filters(
            **{
                field_name: frozenset(checks.ticked())  # type: ignore[arg-type]
                for field_name, checks in self.filter_lists.items()
            }
        )

    def set_filters(self, filters: Filters) -> None:
        for field_name, checks in self.filter_lists.items():
            checks.tick(set(getattr(filters, field_name)))
        self._filters_changed(emit=False)

    def _filters_changed(self, *, emit: bool = True) -> None:
        """Each kind's title in the combo says how many of it are ticked."""
        for i in range(self.filter_kind.count()):
            field_name = str(self.filter_kind.itemData(i))
            count = len(self.filter_lists[field_name].ticked())
            title = self.filter_titles[field_name]
            self.filter_kind.setItemText(i, f"{title} ({count})" if count else title)
        if emit:
            self.changed.emit()

    def _clear_filters(self) -> None:
        self.set_filters(Filters())
        self.changed.emit()
