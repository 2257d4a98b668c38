"""The call script beside the call: steps by branch, walked from the keyboard, the path recorded.

Up/Down move between steps, Left/Right between the branches (the client's situation), Space or
Enter takes the current step in the current branch (again: untakes it). The steps taken, in order,
are the path stored on the contact.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QRect, QSize, Qt, QTimer
from PySide6.QtGui import QBrush, QColor, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLabel,
    QStyle,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ric_desk.calls.session import ScriptView
from ric_desk.scripts.answers import split_answers

TAKEN = QColor(214, 240, 214)


class WrappingHeader(QHeaderView):
    """Column titles wrapped to their columns' width, the header as high as the longest needs:
    a branch (the client's situation) is named whole in a narrow column, never cut."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap)
        self._height = 0
        self.sectionResized.connect(lambda *_: QTimer.singleShot(0, self._fit))

    def _wrapped_height(self, section: int) -> int:
        model = self.model()
        if model is None:
            return 0
        text = str(model.headerData(section, self.orientation()) or "")
        margin = self.style().pixelMetric(QStyle.PixelMetric.PM_HeaderMargin, None, self)
        width = max(self.sectionSize(section) - 2 * margin, 1)
        flags = int(Qt.AlignmentFlag.AlignCenter) | int(Qt.TextFlag.TextWordWrap)
        needed = self.fontMetrics().boundingRect(QRect(0, 0, width, 10_000), flags, text)
        return needed.height() + 2 * margin

    def sectionSizeFromContents(self, logicalIndex: int) -> QSize:
        size = super().sectionSizeFromContents(logicalIndex)
        size.setHeight(max(size.height(), self._wrapped_height(logicalIndex)))
        return size

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        heights = [
            self._wrapped_height(i) for i in range(self.count()) if not self.isSectionHidden(i)
        ]
        hint.setHeight(max([hint.height(), *heights]))
        return hint

    def _fit(self) -> None:
        """The columns' widths changed: the header takes the height its titles now need."""
        height = self.sizeHint().height()
        if height != self._height:
            self._height = height
            self.updateGeometry()
            view = self.parentWidget()
            if isinstance(view, QAbstractItemView):
                view.updateGeometries()  # the rows start below the header's new height


class ScriptPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("scriptPanel")
        self.script: ScriptView | None = None
        self.taken: list[tuple[int, int | None]] = []  # (step position, branch index or None)

        self.heading = QLabel()
        self.heading.setObjectName("scriptHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.PlainText)
        self.table = QTableWidget()
        self.table.setObjectName("scriptTable")
        self.table.setHorizontalHeader(WrappingHeader(self.table))
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Stretch)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for key in (Qt.Key.Key_Space, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            shortcut = QShortcut(QKeySequence(key), self.table, self.take_current)
            shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        self.path_label = QLabel()
        self.path_label.setObjectName("scriptPath")
        self.path_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.path_label)
        self.show_script(None)

    def show_script(self, script: ScriptView | None) -> None:
        self.script = script
        self.taken = []
        self.table.clear()
        if script is None:
            self.heading.setText(self.tr("No call script for this stage."))
            self.table.setRowCount(0)
            self.table.setColumnCount(0)
            self._show_path()
            return
        lines = [f"{script.title} (v. {script.number})"]
        if script.goal:
            lines.append(script.goal)
        self.heading.setText("\n".join(lines))
        tasks = [f"{n}. {task}" for n, task in enumerate(script.tasks, start=1)]
        self.heading.setToolTip("\n".join(lines + tasks))  # the steps/tasks, on demand
        branches = script.branches or [self.tr("Words")]
        self.table.setColumnCount(1 + len(branches))
        self.table.setHorizontalHeaderLabels([self.tr("Step"), *branches])
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(0, 150)
        self.table.setRowCount(len(script.steps))
        for row, step in enumerate(script.steps):
            answers = split_answers(step.expected_answers, script.branches)
            title = step.title
            if step.expected_answers and answers is None:  # one answer for every situation
                title += "\n" + self.tr("Answers: {answers}").format(answers=step.expected_answers)
            self.table.setItem(row, 0, QTableWidgetItem(title))
            if len(step.texts) == 1 and len(branches) > 1:
                self.table.setSpan(row, 1, 1, len(branches))
                self.table.setItem(row, 1, QTableWidgetItem(step.texts[0]))
                continue
            for column, text in enumerate(step.texts, start=1):
                if answers is not None and column - 1 < len(answers) and answers[column - 1]:
                    answer = answers[column - 1]
                    text += "\n\n" + self.tr("Answers: {answers}").format(answers=answer)
                self.table.setItem(row, column, QTableWidgetItem(text))
        if script.steps:
            self.table.setCurrentCell(0, 1)
        self._show_path()

    def _branch_of(self, row: int, column: int) -> int | None:
        assert self.script is not None
        step = self.script.steps[row]
        if len(step.texts) == 1 or not self.script.branches:
            return None  # one text for every situation
        return max(column, 1) - 1

    def take_current(self) -> None:
        if self.script is None or not self.script.steps:
            return
        row = max(self.table.currentRow(), 0)
        branch = self._branch_of(row, self.table.currentColumn())
        taken = (self.script.steps[row].position, branch)
        if taken in self.taken:
            self.taken.remove(taken)
        else:
            self.taken.append(taken)
        self._paint()
        self._show_path()
        if row + 1 < self.table.rowCount():  # on to the next step, same situation
            column = self.table.currentColumn() if branch is not None else 1
            if self.table.columnSpan(row + 1, 1) > 1:
                column = 1
            self.table.setCurrentCell(row + 1, max(column, 1))

    def _paint(self) -> None:
        if self.script is None:
            return
        taken = set(self.taken)
        for row, step in enumerate(self.script.steps):
            for column in range(1, self.table.columnCount()):
                item = self.table.item(row, column)
                if item is None:
                    continue
                branch = None if len(step.texts) == 1 else column - 1
                mark = (step.position, branch) in taken
                item.setBackground(QBrush(TAKEN) if mark else QBrush())

    def _show_path(self) -> None:
        if not self.taken or self.script is None:
            self.path_label.setText(self.tr("Path: no steps taken yet (Space takes a step)."))
            return
        parts = []
        for step in self.path()["steps"]:
            parts.append(f"{step['step']}" + (f" ({step['branch']})" if step["branch"] else ""))
        self.path_label.setText(self.tr("Path: {steps}").format(steps=" → ".join(parts)))

    def path(self) -> dict[str, Any]:
        assert self.script is not None
        return self.script.path(self.taken)

    def recorded_path(self) -> dict[str, Any] | None:
        """What goes on the contact: None when no script was followed."""
        if self.script is None or not self.taken:
            return None
        return self.path()
