"""A bar chart of one level of the report: a horizontal bar per group, drawn with QPainter.

Horizontal bars keep long labels (a reason's name, a client's) readable; a negative value (the
deviation) goes left of the zero line, in red. The bars are as many as fit; the title says so
when some are left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QRect, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

from ric_desk.ui.reports.format import measure_text

BAR = QColor(70, 120, 190)
NEGATIVE_BAR = QColor(200, 60, 60)
MAX_LABEL_WIDTH = 320


@dataclass(frozen=True)
class Bar:
    label: str
    value: float


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reportChart")
        self.title = ""
        self.measure = ""
        self.bars: list[Bar] = []
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)
        self.setAutoFillBackground(True)
        self.setBackgroundRole(QPalette.ColorRole.Base)

    def set_bars(self, title: str, measure: str, bars: list[Bar]) -> None:
        self.title, self.measure, self.bars = title, measure, bars
        self.update()

    def minimumSizeHint(self) -> QSize:
        return QSize(200, 80)

    def sizeHint(self) -> QSize:
        return QSize(600, 240)

    def _row_height(self) -> int:
        return self.fontMetrics().height() + 6

    def shown(self) -> int:
        """How many bars fit the height the chart has now."""
        room = self.height() - self._row_height() - 8
        return max(0, min(len(self.bars), room // self._row_height()))

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        metrics = self.fontMetrics()
        line = self._row_height()
        shown = self.shown()
        text_color = self.palette().color(QPalette.ColorRole.Text)
        title = self.title
        if shown < len(self.bars):
            title += " " + self.tr("(the first {shown} of {count})").format(
                shown=shown, count=len(self.bars)
            )
        painter.setPen(text_color)
        painter.drawText(
            QRect(8, 4, self.width() - 16, line),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            metrics.elidedText(title, Qt.TextElideMode.ElideRight, self.width() - 16),
        )
        bars = self.bars[:shown]
        if not bars:
            return
        label_width = min(
            MAX_LABEL_WIDTH,
            max(metrics.horizontalAdvance(b.label) for b in bars) + 12,
            self.width() // 3,
        )
        texts = [measure_text(self.measure, b.value) for b in bars]
        value_width = max(metrics.horizontalAdvance(t) for t in texts) + 12
        left = label_width + 8
        area = max(10, self.width() - left - value_width - 8)
        low = min(0.0, *(b.value for b in bars))
        high = max(0.0, *(b.value for b in bars))
        span = (high - low) or 1.0
        zero = left + int(area * (-low / span))
        top = 4 + line + 4
        for row, (bar, text) in enumerate(zip(bars, texts, strict=True)):
            y = top + row * line
            painter.setPen(text_color)
            painter.drawText(
                QRect(8, y, label_width - 4, line),
                int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
                metrics.elidedText(bar.label, Qt.TextElideMode.ElideRight, label_width - 4),
            )
            width = int(area * abs(bar.value) / span)
            x = zero if bar.value >= 0 else zero - width
            painter.fillRect(
                QRect(x, y + 2, max(width, 1), line - 4),
                NEGATIVE_BAR if bar.value < 0 else BAR,
            )
            painter.setPen(NEGATIVE_BAR if bar.value < 0 else text_color)
            painter.drawText(
                QRect(zero + (width if bar.value >= 0 else 0) + 4, y, value_width, line),
                int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
                text,
            )
        painter.setPen(QColor(150, 150, 150))
        painter.drawLine(zero, top, zero, top + len(bars) * line)
