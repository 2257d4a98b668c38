"""A bar chart of one level of the report, drawn by pyqtgraph: a horizontal bar per group.

pyqtgraph is a plotting library made for Qt (pure Python over numpy, about 2 MB installed;
QtCharts needs PySide6's add-ons, a download of well over a hundred megabytes). It is imported
when the first chart is made, so the program starts without it. Horizontal bars keep long
labels (a reason's name, a client's) readable; a negative value (the deviation) goes left of
the zero line, in red. As many bars as fit the height with their labels apart, at most
`MAX_BARS`: the title says so when some are left out.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QColor, QFontMetrics, QPalette, QResizeEvent
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QLabel,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from ric_desk.reports.names import MEASURES
from ric_desk.ui.reports.format import measure_text

BAR = QColor(70, 120, 190)
NEGATIVE_BAR = QColor(200, 60, 60)
MAX_LABEL_WIDTH = 320
MAX_BARS = 40


def still_plot(owner: QWidget, name: str, *, grid_x: bool = False, grid_y: bool = False) -> Any:
    """A pyqtgraph plot that only shows (no mouse panning or zooming, no menu, no buttons) in
    the owner's palette, with a faint grid."""
    import pyqtgraph as pg

    palette = owner.palette()
    plot = pg.PlotWidget(background=palette.color(QPalette.ColorRole.Base))
    plot.setObjectName(name)
    plot.setMenuEnabled(False)
    plot.setMouseEnabled(x=False, y=False)
    plot.hideButtons()
    plot.showGrid(x=grid_x, y=grid_y, alpha=0.25)
    text = palette.color(QPalette.ColorRole.Text)
    for side in ("left", "bottom"):
        axis = plot.getAxis(side)
        axis.setTextPen(text)
        axis.setPen(QColor(150, 150, 150))
    return plot


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import pyqtgraph as pg

        self._pg: Any = pg
        self.setObjectName("reportChart")
        self.title = ""
        self.measure = ""
        self.bars: list[Bar] = []
        self._drawn = 0
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.heading = QLabel()
        self.heading.setObjectName("reportChartTitle")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        layout.addWidget(self.heading)
        self.plot: Any = still_plot(self, "reportChartPlot", grid_x=True)
        self.plot.getAxis("bottom").setTickSpacing()  # automatic
        layout.addWidget(self.plot, 1)
        self.plot.setVisible(False)  # shown with the first bars

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 80)

    def sizeHint(self) -> QSize:
        return QSize(600, 240)

    def _room(self) -> int:
        """How many bars fit the chart's height with their labels apart."""
        line = QFontMetrics(self.font()).height() + 2
        plot = self.height() - self.heading.sizeHint().height() - 2 - 30  # the bottom axis
        return max(1, plot // line)

    def shown(self) -> int:
        """How many bars the chart draws: as many as fit, at most `MAX_BARS`."""
        return min(len(self.bars), MAX_BARS, self._room())

    def set_bars(self, title: str, measure: str, bars: list[Bar]) -> None:
        self.title, self.measure, self.bars = title, measure, bars
        self._redraw()

    def _redraw(self) -> None:
        shown = self.shown()
        self._drawn = shown
        heading = self.title
        if shown < len(self.bars):
            heading += " " + self.tr("(the first {shown} of {count})").format(
                shown=shown, count=len(self.bars)
            )
        self.heading.setText(heading)
        self._draw(self.bars[:shown])

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        if self.bars and self.shown() != self._drawn:
            self._redraw()

    def _draw(self, bars: list[Bar]) -> None:
        pg = self._pg
        self.plot.clear()
        left = self.plot.getAxis("left")
        self.plot.setVisible(bool(bars))  # no empty axes before the first build
        if not bars:
            left.setTicks([[]])
            return
        count = len(bars)
        rows = [count - 1 - i for i in range(count)]  # the first group on top
        values = [b.value for b in bars]
        self.plot.addItem(
            pg.BarGraphItem(
                x0=[min(0.0, v) for v in values],
                y=rows,
                height=0.7,
                width=[abs(v) for v in values],
                brushes=[NEGATIVE_BAR if v < 0 else BAR for v in values],
                pens=[NEGATIVE_BAR if v < 0 else BAR for v in values],
            )
        )
        metrics = QFontMetrics(self.font())
        width = min(MAX_LABEL_WIDTH, max(metrics.horizontalAdvance(b.label) for b in bars) + 24)
        left.setWidth(width)
        left.setTicks(
            [
                [
                    (row, metrics.elidedText(b.label, Qt.TextElideMode.ElideRight, width - 16))
                    for row, b in zip(rows, bars, strict=True)
                ]
            ]
        )
        text = self.palette().color(QPalette.ColorRole.Text)
        for row, bar in zip(rows, bars, strict=True):
            label = pg.TextItem(
                measure_text(self.measure, bar.value),
                color=NEGATIVE_BAR if bar.value < 0 else text,
                anchor=(1.0 if bar.value < 0 else 0.0, 0.5),
            )
            label.setPos(bar.value, row)
            self.plot.addItem(label)
        low, high = min(0.0, *values), max(0.0, *values)
        span = (high - low) or 1.0
        # room for the value labels beyond the longest bars
        self.plot.setXRange(low - span * (0.25 if low < 0 else 0), high + span * 0.25, padding=0)
        self.plot.setYRange(-0.6, count - 0.4, padding=0)
        self.plot.addLine(x=0, pen=QColor(150, 150, 150))


class ChartPanel(QWidget):
    """The chart with its measure's combo («Диаграмма выбранного уровня по:»); emits
    `measure_chosen` when another measure is picked."""

    measure_chosen = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.measure = QComboBox()
        self.measure.setObjectName("chartMeasure")
        self.measure.activated.connect(lambda _i: self.measure_chosen.emit())
        self.chart = BarChart()
        bar = QHBoxLayout()
        bar.addWidget(QLabel(self.tr("Chart of the selected level by:")))
        bar.addWidget(self.measure)
        bar.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(bar)
        layout.addWidget(self.chart, 1)

    def set_measures(self, names: list[str]) -> None:
        """The measures the report shows, the one chosen kept when it is among them."""
        chosen = self.measure.currentData()
        self.measure.clear()
        for name in names:
            self.measure.addItem(MEASURES[name], name)
        self.measure.setCurrentIndex(max(self.measure.findData(chosen), 0))
