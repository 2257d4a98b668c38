"""What the quality pages share: the words for a review's kind and status, percents and kappa
as read, the period of two dates, and whether a change concerns reviews."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import UTC, date, datetime, time, timedelta
from fractions import Fraction
from typing import Any

from PySide6.QtCore import QCoreApplication, QDate, Qt, Signal
from PySide6.QtWidgets import QDateEdit, QHBoxLayout, QLabel, QWidget

from ric_desk.changes import Changes
from ric_desk.checklists.review_list import ReviewStatus
from ric_desk.checklists.scoring import shown
from ric_desk.checklists.vocabulary import ReviewKind
from ric_desk.ui.table_model import Index, RowsModel


def utcnow() -> datetime:
    return datetime.now(UTC)


def kind_name(kind: ReviewKind) -> str:
    return {
        ReviewKind.SAMPLE: QCoreApplication.translate("Quality", "sample"),
        ReviewKind.TARGETED: QCoreApplication.translate("Quality", "targeted"),
        ReviewKind.CALIBRATION: QCoreApplication.translate("Quality", "calibration"),
    }[kind]


def status_name(status: ReviewStatus) -> str:
    return {
        ReviewStatus.DRAFT: QCoreApplication.translate("Quality", "draft"),
        ReviewStatus.PUBLISHED: QCoreApplication.translate("Quality", "published"),
        ReviewStatus.ACKNOWLEDGED: QCoreApplication.translate("Quality", "acknowledged"),
        ReviewStatus.DISPUTED: QCoreApplication.translate("Quality", "disputed"),
        ReviewStatus.REVISED: QCoreApplication.translate("Quality", "revised"),
    }[status]


def percent(value: Fraction | None) -> str:
    """87,3 % (rounded as the core rounds it); "—" when there is nothing to show."""
    if value is None:
        return "—"
    return f"{shown(value):.1f}".replace(".", ",") + "\u00a0%"


def share(value: Fraction | None) -> str:
    """A share of 0..1 as a percent."""
    return percent(None if value is None else value * 100)


def kappa_text(value: Fraction | None) -> str:
    """Cohen's kappa to two decimals, "—" when undefined; a minus sign for a negative one."""
    if value is None:
        return "—"
    text = f"{float(value):.2f}".replace(".", ",")
    return text.replace("-", "\u2212")


def grade_text(grade: int | None) -> str:
    return QCoreApplication.translate("Quality", "n/a") if grade is None else str(grade)


def concerns_reviews(changes: Changes) -> bool:
    """Reviews, disputes and calibrations announce the contact (the call) they are about."""
    return bool(changes.contacts)


def _to_qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


class PeriodEdit(QWidget):
    """«Период: с [date] по [date]», both days included; `changed` when either changes."""

    changed = Signal()

    def __init__(self, days_back: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        today = date.today()
        self.date_from = QDateEdit(_to_qdate(today - timedelta(days=days_back)))
        self.date_from.setObjectName("periodFrom")
        self.date_to = QDateEdit(_to_qdate(today))
        self.date_to.setObjectName("periodTo")
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        label = QLabel(self.tr("&Period:"))
        label.setBuddy(self.date_from)
        layout.addWidget(label)
        layout.addWidget(self.date_from)
        layout.addWidget(QLabel("—"))
        layout.addWidget(self.date_to)
        for edit in (self.date_from, self.date_to):
            edit.setCalendarPopup(True)
            edit.setDisplayFormat("dd.MM.yyyy")
            edit.dateChanged.connect(lambda _d: self.changed.emit())

    def set_period(self, first: date, last: date) -> None:
        self.blockSignals(True)
        self.date_from.setDate(_to_qdate(first))
        self.date_to.setDate(_to_qdate(last))
        self.blockSignals(False)
        self.changed.emit()

    def bounds(self) -> tuple[datetime, datetime]:
        """[start, end) in UTC: from the first day's local midnight to the one after the last."""
        first = self.date_from.date().toPython()
        last = self.date_to.date().toPython()
        assert isinstance(first, date) and isinstance(last, date)
        start = datetime.combine(first, time()).astimezone()
        end = datetime.combine(last + timedelta(days=1), time()).astimezone()
        return start.astimezone(UTC), end.astimezone(UTC)


class FormattedRows(RowsModel):
    """Rows whose cells sort by the getter's value and read as `formats[column](row)`."""

    def __init__(
        self,
        columns: Sequence[tuple[str, Callable[[Any], Any]]],
        formats: dict[int, Callable[[Any], str]],
        *,
        right: Sequence[int] = (),
        parent: Any = None,
    ) -> None:
        super().__init__(columns, parent=parent)
        self.formats = formats
        self.right = set(right)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < len(self.rows):
            if role == Qt.ItemDataRole.DisplayRole and index.column() in self.formats:
                return self.formats[index.column()](self.rows[index.row()])
            if role == Qt.ItemDataRole.TextAlignmentRole and index.column() in self.right:
                return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        return super().data(index, role)
