"""The report's period: two dates, and «Этот месяц», «Прошлый месяц», «Этот год»."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QDate, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ric_desk.reports.spec import Period


def month_start(day: date) -> date:
    return day.replace(day=1)


def month_end(day: date) -> date:
    return (day.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def from_qdate(day: QDate) -> date:
    return date(day.year(), day.month(), day.day())


class PeriodBar(QWidget):
    """Emits `changed` when either date changes; this month by default."""

    changed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        today = date.today()
        self.date_from = QDateEdit(to_qdate(month_start(today)))
        self.date_from.setObjectName("periodFrom")
        self.date_to = QDateEdit(to_qdate(month_end(today)))
        self.date_to.setObjectName("periodTo")
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.dateChanged.connect(lambda _d: self.changed.emit())
        self.this_month = QPushButton(self.tr("This month"))
        self.this_month.setObjectName("thisMonth")
        self.this_month.clicked.connect(lambda: self.set_period(month_start(date.today()), None))
        self.last_month = QPushButton(self.tr("Last month"))
        self.last_month.setObjectName("lastMonth")
        self.last_month.clicked.connect(self._last_month)
        self.this_year = QPushButton(self.tr("This year"))
        self.this_year.setObjectName("thisYear")
        self.this_year.clicked.connect(
            lambda: self.set_period(date(date.today().year, 1, 1), date(date.today().year, 12, 31))
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        dates = QHBoxLayout()
        dates.addWidget(QLabel(self.tr("Period:")))
        dates.addWidget(self.date_from, 1)
        dates.addWidget(QLabel("–"))
        dates.addWidget(self.date_to, 1)
        layout.addLayout(dates)
        quick = QHBoxLayout()
        for button in (self.this_month, self.last_month, self.this_year):
            quick.addWidget(button)
        layout.addLayout(quick)

    def period(self) -> Period:
        return Period(from_qdate(self.date_from.date()), from_qdate(self.date_to.date()))

    def set_period(self, start: date, end: date | None) -> None:
        self.date_from.setDate(to_qdate(start))
        self.date_to.setDate(to_qdate(end or month_end(start)))

    def _last_month(self) -> None:
        start = month_start(month_start(date.today()) - timedelta(days=1))
        self.set_period(start, month_end(start))
