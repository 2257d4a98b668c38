"""ПРИЧИНЫ ЗАКРЫТИЯ РАБОТ: the closing reason from the stage-grouped list, and its comment."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
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

REASON_ROLE = Qt.ItemDataRole.UserRole + 1


class CloseWorkDialog(QDialog):
    """Enter accepts the selected reason; `submit(reason_id, comment)` hands it to the database
    worker, whose answer comes back to `succeeded` (the dialog closes) or `failed` (a lost lease,
    a stale ПРИЗ item: the error is shown and the dialog stays open with the input kept)."""

    def __init__(
        self,
        work_title: str,
        groups: list[ReasonGroup],
        preselect: int | None,
        submit: Callable[[int, str], None],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("closeWorkDialog")
        self.setWindowTitle(self.tr("Close the work"))
        self.submit = submit
        self.submitting = False
        self.needs_comment: dict[int, bool] = {}
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
            for reason_id, name, needs_comment in group.reasons:
                label = name + (self.tr("  (needs a comment)") if needs_comment else "")
                item = QTreeWidgetItem([label])
                item.setData(0, REASON_ROLE, reason_id)
                top.addChild(item)
                self.needs_comment[reason_id] = needs_comment
                first = first or item
                if reason_id == preselect:
                    chosen = item
        self.tree.expandAll()
        start = chosen or first
        if start is not None:
            self.tree.setCurrentItem(start)
        # Return reaches the dialog's default button; a double click chooses too
        self.tree.itemDoubleClicked.connect(lambda _item, _column: self.accept())
        self.comment = QPlainTextEdit()
        self.comment.setObjectName("closingComment")
        self.comment.setTabChangesFocus(True)
        self.comment.setPlaceholderText(self.tr("Comment (required for some reasons)"))
        self.comment.setMaximumHeight(90)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(prompt)
        layout.addWidget(self.tree, 1)
        layout.addWidget(QLabel(self.tr("Comment:")))
        layout.addWidget(self.comment)
        layout.addWidget(buttons)
        self.resize(620, 520)
        self.tree.setFocus()

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
        self.submit(reason_id, comment)

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
