"""One review, read only: its heading, the check-list's sections with each criterion's mark and
comment, the disputes and the history of every step."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QHeaderView,
    QLabel,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ric_desk.checklists.review_views import EventView, ReviewDetail
from ric_desk.checklists.vocabulary import DisputeOutcome
from ric_desk.ui.quality.common import grade_text, kind_name, percent
from ric_desk.ui.table_model import RowsModel
from ric_desk.ui.views import make_table


def event_text(event: EventView) -> str:
    """What one step of a review's history did, in words."""
    detail = event.detail or {}
    action = event.action
    if action == "created":
        return QCoreApplication.translate("ReviewHistory", "Review begun on «{checklist}»").format(
            checklist=detail.get("checklist", "")
        )
    if action == "draft_saved":
        return QCoreApplication.translate("ReviewHistory", "Draft saved: {marks} marks").format(
            marks=detail.get("marks", 0)
        )
    if action == "published":
        text = QCoreApplication.translate("ReviewHistory", "Published: total {total}").format(
            total=detail.get("total", "")
        )
        if detail.get("critical_miss"):
            text += QCoreApplication.translate("ReviewHistory", ", a critical miss")
        return text
    if action == "acknowledged":
        return QCoreApplication.translate("ReviewHistory", "The operator acknowledged the review")
    if action == "disputed":
        return QCoreApplication.translate(
            "ReviewHistory", "Disputed «{criterion}»: {comment}"
        ).format(criterion=detail.get("criterion", ""), comment=detail.get("comment", ""))
    if action == "dispute_resolved":
        if detail.get("outcome") == DisputeOutcome.CHANGED.value:
            return QCoreApplication.translate(
                "ReviewHistory", "Dispute on «{criterion}»: mark changed {old} → {new}"
            ).format(
                criterion=detail.get("criterion", ""),
                old=grade_text(detail.get("from")),
                new=grade_text(detail.get("to")),
            )
        return QCoreApplication.translate(
            "ReviewHistory", "Dispute on «{criterion}»: mark {old} upheld"
        ).format(criterion=detail.get("criterion", ""), old=grade_text(detail.get("from")))
    if action == "calibration_requested":
        if "reviewer" in detail:
            return QCoreApplication.translate(
                "ReviewHistory", "Calibration asked of {reviewer}"
            ).format(reviewer=detail["reviewer"])
        return QCoreApplication.translate(
            "ReviewHistory", "A calibration review of another's review"
        )
    return action


def outcome_text(outcome: DisputeOutcome | None) -> str:
    if outcome is None:
        return QCoreApplication.translate("ReviewHistory", "being reviewed")
    if outcome == DisputeOutcome.CHANGED:
        return QCoreApplication.translate("ReviewHistory", "mark changed")
    return QCoreApplication.translate("ReviewHistory", "mark upheld")


class ReviewDetailPanel(QWidget):
    """The review chosen in the list; empty until one is shown."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewDetail")
        self.detail: ReviewDetail | None = None
        self.heading = QLabel()
        self.heading.setObjectName("reviewHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.marks = QTreeWidget()
        self.marks.setObjectName("reviewMarks")
        self.marks.setHeaderLabels([self.tr("Criterion"), self.tr("Mark"), self.tr("Comment")])
        self.marks.setAlternatingRowColors(True)
        self.marks.setUniformRowHeights(True)
        header = self.marks.header()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setStretchLastSection(True)
        self.marks.setColumnWidth(0, 360)
        self.marks.setColumnWidth(1, 65)
        self.disputes = RowsModel(
            [
                (self.tr("Criterion"), lambda d: d.criterion),
                (self.tr("Operator's comment"), lambda d: d.comment),
                (self.tr("Raised"), lambda d: d.raised_at),
                (self.tr("Outcome"), lambda d: outcome_text(d.outcome)),
                (self.tr("Resolved by"), lambda d: d.resolved_by),
                (self.tr("Decision"), lambda d: d.resolution),
            ],
            parent=self,
        )
        self.dispute_table = make_table(self.disputes, "reviewDisputes")
        self.history = RowsModel(
            [
                (self.tr("When"), lambda e: e.at),
                (self.tr("Who"), lambda e: e.who),
                (self.tr("What"), event_text),
            ],
            parent=self,
        )
        self.history_table = make_table(self.history, "reviewHistory")
        for column, width in enumerate((170, 170, 120, 120, 170)):
            self.dispute_table.setColumnWidth(column, width)
        self.history_table.setColumnWidth(0, 120)
        self.history_table.setColumnWidth(1, 190)
        side = QSplitter(Qt.Orientation.Vertical)
        side.setObjectName("reviewSide")
        side.addWidget(_titled(self.tr("Disputes"), self.dispute_table))
        side.addWidget(_titled(self.tr("History"), self.history_table))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("reviewDetailSplitter")
        self.splitter.addWidget(self.marks)
        self.splitter.addWidget(side)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setSizes([600, 760])
        self.side = side
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.splitter, 1)
        self.show_detail(None)

    def show_detail(self, detail: ReviewDetail | None) -> None:
        self.detail = detail
        self.marks.clear()
        if detail is None:
            self.heading.setText(self.tr("Choose a review in the list to see its marks."))
            self.disputes.set_rows([])
            self.history.set_rows([])
            return
        s = detail.summary
        total = self.tr("hidden until both reviews are published") if s.hidden else percent(s.total)
        parts = [
            self.tr("<b>{checklist}</b> ({kind}); operator {operator}, reviewer {reviewer}").format(
                checklist=s.checklist,
                kind=kind_name(s.kind),
                operator=s.operator or "—",
                reviewer=s.supervisor,
            ),
            self.tr("Total: <b>{total}</b>").format(total=total),
        ]
        if s.critical_miss:
            parts.append(self.tr("<b>a critical miss</b>"))
        if detail.comment:
            parts.append(self.tr("Reviewer's comment: {comment}").format(comment=detail.comment))
        self.heading.setText("; ".join(parts[:3]) + ("<br>" + parts[3] if len(parts) > 3 else ""))
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        for section in detail.sections:
            head = QTreeWidgetItem(
                [
                    self.tr("{title} (weight {weight})").format(
                        title=section.title, weight=section.weight
                    ),
                    percent(section.percent) if section.percent is not None else "",
                    "",
                ]
            )
            font = head.font(0)
            font.setBold(True)
            head.setFont(0, font)
            self.marks.addTopLevelItem(head)
            for c in section.criteria:
                mark = c.mark
                if mark is None:
                    shown_mark, comment = "", ""
                else:
                    shown_mark = (
                        f"{grade_text(mark.grade)}/{c.top}"
                        if mark.grade is not None
                        else grade_text(None)
                    )
                    comment = mark.comment or ""
                    if mark.by_script:
                        comment = (mark.label + ": " + comment) if comment else mark.label
                # the mark leads: the column cuts a long criterion's end off ("…")
                text = (self.tr("[critical]") + " " + c.text) if c.critical else c.text
                item = QTreeWidgetItem([text, shown_mark, comment])
                item.setData(0, Qt.ItemDataRole.UserRole, c.id)
                item.setToolTip(0, c.text)
                item.setToolTip(2, comment)
                head.addChild(item)
            head.setExpanded(True)
        self.disputes.set_rows(detail.disputes)
        self.history.set_rows(detail.history)


def _titled(title: str, widget: QWidget) -> QWidget:
    box = QWidget()
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    label = QLabel(title)
    label.setBuddy(widget)
    layout.addWidget(label)
    layout.addWidget(widget, 1)
    return box
