"""ПРИЧИНЫ ЗАКРЫТИЯ РАБОТ: the closing reason from the stage-grouped list, its comment, and
whether the contact took place (F9), which follows the reason unless the operator said it."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QLabel,
    QPlainTextEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ric_desk.calls.session import ReasonGroup
from ric_desk.errors import UserError
from ric_desk.ui.messages import show_error
from ric_desk.ui.views import fit_to_screen, ok_cancel

REASON_ROLE = Qt.ItemDataRole.UserRole + 1


class CloseWorkDialog(QDialog):
    """Enter accepts the selected reason; `submit(reason_id, comment, took_place)` hands it to
    the database worker, whose answer comes back to `succeeded` (the dialog closes) or `failed` (a
    lost lease, a stale ПРИЗ item: the error is shown and the dialog stays open with the input
    kept). "Contact took place" is checked for a productive reason and unchecked for an
    unproductive one, unless the operator said it: on the call screen (`said`) or here."""

    def __init__(
        self,
        work_title: str,
        groups: list[ReasonGroup],
        preselect: int | None,
        submit: Callable[[int, str, bool], None],
        parent: QWidget | None = None,
        *,
        said: bool | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("closeWorkDialog")
        self.setWindowTitle(self.tr("Close the work"))
        self.submit = submit
        self.submitting = False
        self.needs_comment: dict[int, bool] = {}
        self.unproductive: dict[int, bool] = {}
        prompt = QLabel(self.tr("Choose the reason / result for {work}").format(work=work_title))
        prompt.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setObjectName("reasonTree")
        self.tree.setHeaderLabels([self.tr("Reason / result")])
        self.tree.setRootIsDecorated(True)
        first: QTreeWidgetItem | None = None
        chosen: QTreeWidgetItem | None = None
        for group in groups:
            top = QTreeWidgetItem([group.title])
            top.setFlags(Qt.ItemFlag.ItemIsEnabled)  # a heading, not a choice
            font = top.font(0)
            font.setBold(True)
            top.setFont(0, font)
            self.tree.addTopLevelItem(top)
            for reason in group.reasons:
                label = reason.name
                if reason.needs_comment:
                    label += self.tr("  (needs a comment)")
                item = QTreeWidgetItem([label])
                item.setData(0, REASON_ROLE, reason.reason_id)
                top.addChild(item)
                self.needs_comment[reason.reason_id] = reason.needs_comment
                self.unproductive[reason.reason_id] = reason.unproductive
                first = first or item
                if reason.reason_id == preselect:
                    chosen = item
        self.tree.expandAll()
        self.took_place = QCheckBox(self.tr("Contact took place (F9)"))
        self.took_place.setObjectName("closingTookPlace")
        self.took_place.setToolTip(
            self.tr(
                "Follows the reason (checked for a productive one) until you change it here or "
                "on the call screen"
            )
        )
        self.said = said is not None  # the operator decided: the reason no longer decides
        self.took_place.setChecked(bool(said))
        self.took_place.clicked.connect(self._said)
        toggle = QShortcut(QKeySequence("F9"), self, self.toggle_took_place)
        toggle.setContext(Qt.ShortcutContext.WindowShortcut)
        self.tree.currentItemChanged.connect(lambda _item, _was: self._follow_reason())
        start = chosen or first
        if start is not None:
            self.tree.setCurrentItem(start)
        self._follow_reason()
        # Return reaches the dialog's default button; a double click chooses too
        self.tree.itemDoubleClicked.connect(lambda _item, _column: self.accept())
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("closingComment")
        self.comment.setTabChangesFocus(True)
        self.comment.setPlaceholderText(self.tr("Comment (required for some reasons)"))
        self.comment.setMaximumHeight(90)
        buttons = ok_cancel(self)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.took_place)
        layout.addWidget(QLabel(self.tr("Comment:")))
        layout.addWidget(self.comment)
        layout.addWidget(buttons)
        fit_to_screen(self, 620, 520)
        self.tree.setFocus()

    def _follow_reason(self) -> None:
        reason_id = self.reason_id()
        if not self.said and reason_id is not None:
            self.took_place.setChecked(not self.unproductive.get(reason_id, False))

    def _said(self) -> None:
        self.said = True

    def toggle_took_place(self) -> None:
        """F9: the operator says whether the contact took place; the reason no longer decides."""
        self.took_place.toggle()
        self.said = True

    def reason_id(self) -> int | None:
        item = self.tree.currentItem()
        value = item.data(0, REASON_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def accept(self) -> None:
        if self.submitting:
            return  # the worker has it already
        reason_id = self.reason_id()
        if reason_id is None:
            show_error(self, UserError(self.tr("Choose a reason, not a group.")))
            return
        comment = self.comment.toPlainText()
        if self.needs_comment.get(reason_id) and not comment.strip():
            show_error(self, UserError(self.tr("This reason needs a comment: say what happened.")))
            self.comment.setFocus()
            return
        self.submitting = True
        self.submit(reason_id, comment, self.took_place.isChecked())

    def reject(self) -> None:
        if not self.submitting:  # once given to the worker, its answer decides
            super().reject()

    def succeeded(self) -> None:
        self.submitting = False
        super().accept()

    def not_submitted(self) -> None:
        """The choice waited for another write, which failed: it was not given; choose again."""
        self.submitting = False

    def failed(self, exc: BaseException) -> None:
        self.submitting = False
        show_error(self, exc)
