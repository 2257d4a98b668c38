"""«Споры»: the operators' disputes waiting for a supervisor other than the review's author
(the author's own are not listed: the core lets another re-review them). Enter, a double click
or Ctrl+Return opens the chosen dispute: the mark upheld or changed, with the decision's
reason. F5 reads the list again."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ric_desk.actor import Actor
from ric_desk.changes import Changes
from ric_desk.checklists import disputes, review_list
from ric_desk.checklists.access import SCORERS
from ric_desk.checklists.review_list import OpenDispute
from ric_desk.ui import settings
from ric_desk.ui.messages import show_error
from ric_desk.ui.operations import Database
from ric_desk.ui.quality.common import FormattedRows, concerns_reviews, grade_text, utcnow
from ric_desk.ui.table_model import OBJECT_ROLE
from ric_desk.ui.views import fit_to_screen, make_table, ok_cancel

LAYOUT = settings.QC_REVIEWS_LAYOUT


def page(db: Database, actor: Actor, parent: QWidget) -> tuple[str, QWidget] | None:
    if actor.role not in SCORERS:
        return None
    return DisputesPage(db, actor, parent=parent).titled()


def _mark(d: OpenDispute) -> str:
    return f"{grade_text(d.grade)}/{d.top}" if d.grade is not None else grade_text(None)


class DisputesPage(QWidget):
    def __init__(
        self,
        db: Database,
        actor: Actor,
        clock: Callable[[], datetime] = utcnow,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("disputesPage")
        self.db = db
        self.actor = actor
        self.clock = clock
        self.dialog: ResolveDialog | None = None
        self.model = FormattedRows(
            [
                (self.tr("Raised"), lambda d: d.raised_at),
                (self.tr("Operator"), lambda d: d.operator),
                (self.tr("Reviewer"), lambda d: d.author),
                (self.tr("Call"), lambda d: d.contact_at),
                (self.tr("Criterion"), lambda d: d.criterion),
                (self.tr("Mark"), lambda d: -1 if d.grade is None else d.grade),
                (self.tr("Operator's comment"), lambda d: d.comment),
                (self.tr("Reviewer's comment"), lambda d: d.mark_comment or ""),
            ],
            {5: _mark},
            right=(5,),
            parent=self,
        )
        self.table = make_table(self.model, "disputesTable")
        for column, width in enumerate((115, 190, 190, 115, 260, 60, 260)):
            self.table.setColumnWidth(column, width)
        self.table.doubleClicked.connect(lambda _i: self.open_current())
        for key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            enter = QShortcut(QKeySequence(key), self.table, self.open_current)
            enter.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.count = QLabel()
        self.count.setObjectName("disputesCount")
        self.resolve_button = QPushButton(self.tr("&Resolve…"))
        self.resolve_button.setObjectName("resolveDispute")
        self.resolve_button.setToolTip(self.tr("Uphold or change the disputed mark (Enter)"))
        self.resolve_button.clicked.connect(self.open_current)
        hint = QLabel(
            self.tr(
                "Disputes of reviews by other supervisors; the author of a review does not "
                "resolve its disputes."
            )
        )
        hint.setWordWrap(True)
        bottom = QHBoxLayout()
        bottom.addWidget(self.count, 1)
        bottom.addWidget(self.resolve_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addLayout(bottom)
        for sequence, slot in (("F5", self.refresh), ("Ctrl+Return", self.open_current)):
            action = QAction(self)
            action.setShortcut(QKeySequence(sequence))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)
        LAYOUT.restore_header(self.table.horizontalHeader(), self.table.objectName())
        db.hub.changed.connect(self._changed)
        self.refresh()

    def titled(self) -> tuple[str, QWidget]:
        return self.tr("Disputes"), self

    def refresh(self) -> None:
        actor = self.actor
        self.db.run_query(self, lambda s: review_list.open_disputes(s, actor), self._loaded)

    def _loaded(self, rows: list[OpenDispute]) -> None:
        current = self.current()
        self.model.set_rows(rows)
        self.count.setText(self.tr("Open disputes: {count}").format(count=len(rows)))
        proxy = self._proxy()
        wanted = current.id if current is not None else None
        chosen = next(
            (
                r
                for r in range(proxy.rowCount())
                if proxy.index(r, 0).data(OBJECT_ROLE).id == wanted
            ),
            0,
        )
        if proxy.rowCount():
            self.table.selectRow(chosen)
        self.resolve_button.setEnabled(bool(rows))

    def _proxy(self) -> QSortFilterProxyModel:
        proxy = self.table.model()
        assert isinstance(proxy, QSortFilterProxyModel)
        return proxy

    def current(self) -> OpenDispute | None:
        index = self.table.currentIndex()
        row = index.data(OBJECT_ROLE) if index.isValid() else None
        return row if isinstance(row, OpenDispute) else None

    def _changed(self, changes: Changes, _origin: object) -> None:
        if concerns_reviews(changes):
            self.refresh()

    def open_current(self) -> ResolveDialog | None:
        row = self.current()
        if row is None:
            return None
        dialog = ResolveDialog(row, self)
        dialog.submitted.connect(
            lambda upheld, grade, text: self.resolve(row, upheld, grade, text, dialog)
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def resolve(
        self,
        row: OpenDispute,
        upheld: bool,
        grade: int | None,
        resolution: str,
        dialog: QDialog | None = None,
    ) -> None:
        actor, now = self.actor, self.clock()
        self.db.run_op(
            dialog or self,
            lambda s: disputes.resolve_dispute(
                s,
                actor,
                row.id,
                upheld=upheld,
                grade=grade,
                resolution=resolution,
                now=now,
                expected_version=row.row_version,
            ),
            lambda _c: dialog.done(QDialog.DialogCode.Accepted) if dialog else None,
            on_error=lambda exc: show_error(dialog or self, exc),
        )

    def save_layout(self) -> None:
        LAYOUT.save_header(self.table.horizontalHeader(), self.table.objectName())


class ResolveDialog(QDialog):
    """One dispute: what was marked and why the operator disagrees; the decision.
    `submitted(upheld, grade, resolution)` on OK."""

    submitted = Signal(bool, object, str)

    def __init__(self, row: OpenDispute, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("resolveDialog")
        self.setWindowTitle(self.tr("Resolve the dispute"))
        self.row = row
        about = QLabel(
            self.tr(
                "<b>{criterion}</b> ({section})<br>Operator {operator}, reviewer {author}; "
                "mark {mark}{comment}<br>The operator says: {says}"
            ).format(
                criterion=row.criterion,
                section=row.section,
                operator=row.operator or "—",
                author=row.author,
                mark=_mark(row),
                comment=f" — {row.mark_comment}" if row.mark_comment else "",
                says=row.comment,
            )
        )
        about.setWordWrap(True)
        about.setTextFormat(Qt.TextFormat.RichText)
        self.uphold = QRadioButton(self.tr("&Uphold the mark"))
        self.uphold.setObjectName("upholdMark")
        self.change = QRadioButton(self.tr("&Change the mark to:"))
        self.change.setObjectName("changeMark")
        group = QButtonGroup(self)
        group.addButton(self.uphold)
        group.addButton(self.change)
        self.grade = QComboBox()
        self.grade.setObjectName("newMark")
        for grade in range(row.top, -1, -1):
            self.grade.addItem(str(grade), grade)
        if row.may_be_na:
            self.grade.addItem(grade_text(None), None)
        self.grade.setCurrentIndex(max(0, self.grade.findData(row.grade)))
        self.grade.currentIndexChanged.connect(lambda _i: self.change.setChecked(True))
        self.uphold.setChecked(True)
        self.resolution = QPlainTextEdit()
        self.resolution.setObjectName("disputeResolution")
        self.resolution.setTabChangesFocus(True)
        choice = QHBoxLayout()
        choice.addWidget(self.uphold)
        choice.addWidget(self.change)
        choice.addWidget(self.grade)
        choice.addStretch(1)
        form = QFormLayout()
        label = QLabel(self.tr("&Decision:"))
        label.setBuddy(self.resolution)
        form.addRow(label, self.resolution)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(choice)
        layout.addLayout(form, 1)
        layout.addWidget(ok_cancel(self))
        fit_to_screen(self, 640, 360)
        self.uphold.setFocus()

    def accept(self) -> None:
        upheld = self.uphold.isChecked()
        grade = None if upheld else self.grade.currentData()
        self.submitted.emit(upheld, grade, self.resolution.toPlainText())
