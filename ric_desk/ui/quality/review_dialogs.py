"""The reviews page's two dialogs: an operator's dispute of at most two criteria (a comment
for each), and a supervisor's request for a blind calibration review by another scorer."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ric_desk.checklists.disputes import MAX_DISPUTES
from ric_desk.checklists.review_list import ReviewRow, Scorer
from ric_desk.checklists.review_views import ReviewDetail
from ric_desk.errors import UserError
from ric_desk.ui.messages import show_error
from ric_desk.ui.quality.common import grade_text
from ric_desk.ui.views import fit_to_screen, ok_cancel


class DisputeDialog(QDialog):
    """The operator ticks at most two criteria (fewer when some are disputed already) and says
    for each why the mark is wrong; `submitted(criterion -> comment)` on OK."""

    submitted = Signal(object)

    def __init__(self, detail: ReviewDetail, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("disputeDialog")
        self.setWindowTitle(self.tr("Dispute the review"))
        disputed = {d.criterion_id for d in detail.disputes}
        self.left = MAX_DISPUTES - len(disputed)
        self.criteria = QListWidget()
        self.criteria.setObjectName("disputeCriteria")
        for section in detail.sections:
            for c in section.criteria:
                mark = "" if c.mark is None else grade_text(c.mark.grade)
                text = self.tr("{section}: {criterion} — {mark} of {top}").format(
                    section=section.title, criterion=c.text, mark=mark, top=c.top
                )
                item = QListWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, c.id)
                item.setToolTip(text)
                if c.id in disputed:
                    item.setText(text + self.tr(" (disputed already)"))
                    item.setFlags(Qt.ItemFlag.NoItemFlags)
                    item.setCheckState(Qt.CheckState.Checked)
                else:
                    item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
                                  | Qt.ItemFlag.ItemIsSelectable)  # fmt: skip
                    item.setCheckState(Qt.CheckState.Unchecked)
                self.criteria.addItem(item)
        self.criteria.itemChanged.connect(lambda _item: self._checks_changed())
        self.hint = QLabel(
            self.tr(
                "Tick the criteria you disagree with (at most {left} more; Space ticks) and "
                "say why for each."
            ).format(left=self.left)
        )
        self.hint.setWordWrap(True)
        self.comments: dict[int, QPlainTextEdit] = {}
        self.form = QFormLayout()
        self.form_box = QWidget()
        self.form_box.setLayout(self.form)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.criteria, 1)
        layout.addWidget(self.form_box)
        layout.addWidget(buttons)
        fit_to_screen(self, 760, 560)
        self.criteria.setFocus()
        first = next(
            (i for i in range(self.criteria.count())
             if self.criteria.item(i).flags() & Qt.ItemFlag.ItemIsEnabled),
            None,
        )  # fmt: skip
        if first is not None:
            self.criteria.setCurrentRow(first)

    def checked(self) -> list[int]:
        out = []
        for i in range(self.criteria.count()):
            item = self.criteria.item(i)
            enabled = bool(item.flags() & Qt.ItemFlag.ItemIsUserCheckable)
            if enabled and item.checkState() == Qt.CheckState.Checked:
                out.append(int(item.data(Qt.ItemDataRole.UserRole)))
        return out

    def _checks_changed(self) -> None:
        chosen = self.checked()
        full = len(chosen) >= self.left
        self.criteria.blockSignals(True)
        for i in range(self.criteria.count()):
            item = self.criteria.item(i)
            if not item.flags() & Qt.ItemFlag.ItemIsUserCheckable:
                continue
            if item.checkState() == Qt.CheckState.Checked or not full:
                item.setFlags(item.flags() | Qt.ItemFlag.ItemIsEnabled)
            else:
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
        self.criteria.blockSignals(False)
        kept = {k: v.toPlainText() for k, v in self.comments.items()}
        while self.form.rowCount():
            self.form.removeRow(0)
        self.comments = {}
        texts = {
            int(self.criteria.item(i).data(Qt.ItemDataRole.UserRole)): self.criteria.item(i)
            for i in range(self.criteria.count())
        }
        for criterion_id in chosen:
            edit = QPlainTextEdit(kept.get(criterion_id, ""))
            edit.setObjectName(f"disputeComment{criterion_id}")
            edit.setTabChangesFocus(True)
            edit.setFixedHeight(edit.fontMetrics().lineSpacing() * 3 + 12)
            label = QLabel(texts[criterion_id].text().split(" — ")[0])
            label.setWordWrap(True)
            label.setBuddy(edit)
            self.form.addRow(label, edit)
            self.comments[criterion_id] = edit

    def set_comment(self, criterion_id: int, text: str) -> None:
        self.comments[criterion_id].setPlainText(text)

    def accept(self) -> None:
        """Hand the disputes to the page; the dialog closes once they are written."""
        items = {k: v.toPlainText() for k, v in self.comments.items()}
        if not items:
            show_error(self, UserError(self.tr("Tick the criterion you dispute.")))
            return
        self.submitted.emit(items)


class CalibrationDialog(QDialog):
    """Who gives the blind second review; `submitted(reviewer id)` on OK."""

    submitted = Signal(int)

    def __init__(
        self, row: ReviewRow, choices: list[Scorer], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("calibrationDialog")
        self.setWindowTitle(self.tr("Ask for a calibration review"))
        s = row.summary
        about = QLabel(
            self.tr(
                "A second, blind review of the call of {operator} ({client}) that {reviewer} "
                "scored on «{checklist}». Neither sees the other's marks until both are "
                "published; a calibration review does not count in the operator's score."
            ).format(
                operator=s.operator or "—",
                client=row.client,
                reviewer=s.supervisor,
                checklist=s.checklist,
            )
        )
        about.setWordWrap(True)
        self.reviewer = QComboBox()
        self.reviewer.setObjectName("calibrationReviewer")
        for scorer in choices:
            self.reviewer.addItem(scorer.name, scorer.id)
        form = QFormLayout()
        form.addRow(self.tr("&Second reviewer:"), self.reviewer)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        layout.addWidget(ok_cancel(self))
        fit_to_screen(self, 560, 220)
        self.reviewer.setFocus()

    def accept(self) -> None:
        reviewer = self.reviewer.currentData()
        if reviewer is None:
            show_error(self, UserError(self.tr("There is no other supervisor to ask.")))
            return
        self.submitted.emit(int(reviewer))
