"""An operator's average score by month: a line over the period's months, drawn by pyqtgraph
(imported when the chart is made, as the report's chart does), a month without a scored review
left as a gap. The y axis is the score's 0–100 %."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QSize, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QLabel, QSizePolicy, QVBoxLayout, QWidget

from ric_desk.checklists.analytics import Stats
from ric_desk.checklists.scoring import percent_text
from ric_desk.ui.reports.chart import still_plot

LINE = QColor(70, 120, 190)


class TrendChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        import pyqtgraph as pg

        self._pg: Any = pg
        self.setObjectName("qcTrendChart")
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.months: tuple[Stats, ...] = ()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        self.heading = QLabel()
        self.heading.setObjectName("qcTrendTitle")
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.heading.setWordWrap(True)  # a long name takes a second line, not the chart's width
        layout.addWidget(self.heading)
        self.plot: Any = still_plot(self, "qcTrendPlot", grid_y=True)
        layout.addWidget(self.plot, 1)

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 120)

    def sizeHint(self) -> QSize:
        return QSize(420, 260)

    def set_trend(self, title: str, months: tuple[Stats, ...]) -> None:
        """`months` in order; their averages (None: no scored review that month)."""
        self.months = months
        self.heading.setText(title)
        pg = self._pg
        self.plot.clear()
        count = len(months)
        self.plot.getAxis("bottom").setTicks([[(i, m.label) for i, m in enumerate(months)]])
        self.plot.setXRange(-0.5, max(count, 1) - 0.5, padding=0)
        self.plot.setYRange(0, 112, padding=0)  # room for the label over 100 %
        points = [(i, float(m.average)) for i, m in enumerate(months) if m.average is not None]
        if not points:
            return
        pen = pg.mkPen(LINE, width=2)
        xs = [float(i) for i in range(count)]
        ys = [float(m.average) if m.average is not None else float("nan") for m in months]
        self.plot.plot(
            xs, ys, pen=pen, symbol="o", symbolBrush=LINE, symbolPen=LINE, connect="finite"
        )
        text = self.palette().color(QPalette.ColorRole.Text)
        for i, m in enumerate(months):
            if m.average is None:
                continue
            label = pg.TextItem(percent_text(m.average), color=text, anchor=(0.5, 1.2))
            label.setPos(i, float(m.average))
            self.plot.addItem(label)
