"""Tables of the session screen: the queue, and the call screen's editable ones (the contact
goal, the ПРИЗ items, the instruments used)."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, ClassVar

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, Qt
from PySide6.QtGui import QBrush, QColor

from ric_desk.calls.queue import QueueRow
from ric_desk.calls.recording import PrizEdit
from ric_desk.calls.session import InstrumentPlan, PrizRow
from ric_desk.ui.table_model import SORT_ROLE, Index, RowsModel

WAITING_FOREGROUND = QColor(120, 120, 120)


def local_moment(at: datetime, today: date) -> str:
    """`at` in the operator's local time: "05:00" if `today`, else "24.11 05:00"."""
    local = at.astimezone()
    return f"{local:%H:%M}" if local.date() == today else f"{local:%d.%m %H:%M}"


def may_call_from(at: datetime, today: date) -> str:
    """The "Call" column: "можно с 05:00" (today) or "можно с 24.11 05:00", operator's time."""
    return QCoreApplication.translate("QueueTable", "may call from {time}").format(
        time=local_moment(at, today)
    )


class QueueModel(RowsModel):
    """The session's queue: the works F8 takes in its order, then greyed the works whose client
    may not be called now, their "Call" column saying from when they may (in the operator's
    local time, as the planned times are; the tooltip gives the client's time and why); a due
    re-call is marked."""

    def __init__(
        self,
        columns: list[tuple[str, Callable[[Any], Any]]],
        today: Callable[[], date],
        parent: Any = None,
    ) -> None:
        self.today = today
        call = (QCoreApplication.translate("QueueTable", "Call"), self.call_text)
        super().__init__([columns[0], call, *columns[1:]], highlight=self._recall, parent=parent)

    def call_text(self, row: QueueRow) -> str:
        return may_call_from(row.wait.allowed_from, self.today()) if row.wait else ""

    def _recall(self, row: QueueRow) -> str | None:
        if row.rank != 0:
            return None
        return QCoreApplication.translate("QueueTable", "A re-call that is due")

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if index.isValid() and 0 <= index.row() < len(self.rows):
            wait = self.rows[index.row()].wait
            if wait is not None:
                if role == Qt.ItemDataRole.ForegroundRole:
                    return QBrush(WAITING_FOREGROUND)
                if role == Qt.ItemDataRole.ToolTipRole:
                    return QCoreApplication.translate(
                        "QueueTable",
                        "Not to be called now: {reason}. May be called from {time} your time "
                        "({local} at the client).",
                    ).format(
                        reason=wait.reason,
                        time=f"{wait.allowed_from.astimezone():%d.%m %H:%M}",
                        local=f"{wait.local_from:%d.%m %H:%M}",
                    )
                if role == SORT_ROLE and index.column() == 1:
                    return wait.allowed_from.timestamp()
            elif role == SORT_ROLE and index.column() == 1:
                return 0.0
        return super().data(index, role)


EDITABLE = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsEditable
CHECKABLE = (
    Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsUserCheckable
)
READ_ONLY = Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled


class _Table(QAbstractTableModel):
    headers: list[str]

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.headers):
            return self.headers[section]
        if orientation == Qt.Orientation.Vertical:
            return section + 1
        return None


class GoalModel(_Table):
    """Вопрос / Ответ: the questions of the contact goal with the operator's answers."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            QCoreApplication.translate("SessionTables", "Question"),
            QCoreApplication.translate("SessionTables", "Answer"),
        ]
        self.rows: list[list[str]] = []

    def set_questions(self, questions: list[str]) -> None:
        self.beginResetModel()
        self.rows = [[q, ""] for q in questions]
        self.endResetModel()

    def answers(self) -> list[tuple[str, str]]:
        return [(q, a) for q, a in self.rows]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, SORT_ROLE):
            return self.rows[index.row()][index.column()]
        if role == Qt.ItemDataRole.ToolTipRole:
            return self.rows[index.row()][index.column()] or None
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return EDITABLE if index.column() == 1 else READ_ONLY

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 1 or role != Qt.ItemDataRole.EditRole:
            return False
        self.rows[index.row()][1] = str(value)
        self.dataChanged.emit(index, index)
        return True


@dataclass
class _PrizLine:
    row: PrizRow
    worked_on: bool
    done: bool
    unplanned: bool
    comment: str
    result: str

    @property
    def changed(self) -> bool:
        r = self.row
        return (self.worked_on, self.done, self.unplanned, self.comment, self.result) != (
            r.worked_on,
            r.done,
            r.unplanned,
            r.comment,
            r.result,
        )


class PrizModel(_Table):
    """ПРИЗ / Тип / Состояние / Вела работу / Работа завершена / Внеплановый / Комментарий /
    Результат, as the seed's call screen shows them; flags and texts are edited in place."""

    TITLE, KIND, STATE, WORKED_ON, DONE, UNPLANNED, COMMENT, RESULT = range(8)
    FLAGS: ClassVar[dict[int, str]] = {WORKED_ON: "worked_on", DONE: "done", UNPLANNED: "unplanned"}
    TEXTS: ClassVar[dict[int, str]] = {COMMENT: "comment", RESULT: "result"}

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            QCoreApplication.translate("SessionTables", "ПРИЗ"),
            QCoreApplication.translate("SessionTables", "Type"),
            QCoreApplication.translate("SessionTables", "State"),
            QCoreApplication.translate("SessionTables", "Worked on"),
            QCoreApplication.translate("SessionTables", "Completed"),
            QCoreApplication.translate("SessionTables", "Unplanned"),
            QCoreApplication.translate("SessionTables", "Comment"),
            QCoreApplication.translate("SessionTables", "Result"),
        ]
        self.lines: list[_PrizLine] = []

    def kind_title(self, kind: str) -> str:
        """The item's kind (`PrizKind`, a string enumeration) as the operator reads it."""
        return {
            "dynamic": QCoreApplication.translate("SessionTables", "Dynamic"),
            "task": QCoreApplication.translate("SessionTables", "Task"),
            "competitor": QCoreApplication.translate("SessionTables", "Competitor"),
        }.get(str(kind), str(kind))

    def state_title(self, line: _PrizLine) -> str:
        if line.done:
            return QCoreApplication.translate("SessionTables", "Finished")
        if line.row.state == "retired":
            return QCoreApplication.translate("SessionTables", "Retired")
        return QCoreApplication.translate("SessionTables", "In progress")

    def set_rows(self, rows: list[PrizRow]) -> None:
        self.beginResetModel()
        self.lines = [
            _PrizLine(r, r.worked_on, r.done, r.unplanned, r.comment, r.result) for r in rows
        ]
        self.endResetModel()

    def merge(self, rows: list[PrizRow]) -> None:
        """The items as they are now (a task given meanwhile, an item retired elsewhere), keeping
        what the operator marked or typed on the lines they changed: those keep the version they
        were read with, so saving over someone else's change is refused as a conflict."""
        mine = {line.row.item_id: line for line in self.lines if line.changed}
        fresh = {r.item_id for r in rows}
        lines = [
            mine.get(r.item_id)
            or _PrizLine(r, r.worked_on, r.done, r.unplanned, r.comment, r.result)
            for r in rows
        ]
        lines += [line for item_id, line in mine.items() if item_id not in fresh]
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def marked(self) -> list[int]:
        """The items the operator changed (marked or typed on)."""
        return [line.row.item_id for line in self.lines if line.changed]

    def rebase(self, rows: list[PrizRow]) -> None:
        """After a conflict: the items as they are now, with what the operator marked or typed
        put on top of their current versions (what they did not touch is as it is now), so
        saving again writes over the change they were told about. An item deleted meanwhile
        goes, with its marks."""
        mine = {line.row.item_id: line for line in self.lines if line.changed}
        lines = []
        for r in rows:
            line = mine.get(r.item_id)

            def pick(name: str, r: PrizRow = r, line: _PrizLine | None = line) -> Any:
                if line is None or getattr(line, name) == getattr(line.row, name):
                    return getattr(r, name)  # not touched by the operator: as it is now
                return getattr(line, name)

            lines.append(
                _PrizLine(
                    r,
                    pick("worked_on"),
                    pick("done"),
                    pick("unplanned"),
                    pick("comment"),
                    pick("result"),
                )
            )
        self.beginResetModel()
        self.lines = lines
        self.endResetModel()

    def edits(self) -> list[PrizEdit]:
        return [
            PrizEdit(
                line.row.item_id,
                line.row.version,
                line.worked_on,
                line.done,
                line.unplanned,
                line.comment,
                line.result,
            )
            for line in self.lines
            if line.changed
        ]

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.lines)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.lines):
            return None
        line, column = self.lines[index.row()], index.column()
        if column in self.FLAGS:
            value = getattr(line, self.FLAGS[column])
            if role == Qt.ItemDataRole.CheckStateRole:
                return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
            if role == SORT_ROLE:
                return int(value)
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole, SORT_ROLE):
            if column == self.TITLE:
                return line.row.title
            if column == self.KIND:
                return self.kind_title(line.row.kind)
            if column == self.STATE:
                return self.state_title(line)
            return getattr(line, self.TEXTS[column])
        if role == Qt.ItemDataRole.ToolTipRole and column == self.TITLE:
            return line.row.title
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if index.column() in self.FLAGS:
            return CHECKABLE
        if index.column() in self.TEXTS:
            return EDITABLE
        return READ_ONLY

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid():
            return False
        line, column = self.lines[index.row()], index.column()
        if column in self.FLAGS and role == Qt.ItemDataRole.CheckStateRole:
            checked = Qt.CheckState(value) == Qt.CheckState.Checked
            setattr(line, self.FLAGS[column], checked)
            if column == self.DONE and checked:
                line.worked_on = True
            first = self.index(index.row(), self.STATE)
            last = self.index(index.row(), self.UNPLANNED)
            self.dataChanged.emit(first, last)
            return True
        if column in self.TEXTS and role == Qt.ItemDataRole.EditRole:
            setattr(line, self.TEXTS[column], str(value))
            self.dataChanged.emit(index, index)
            return True
        return False

    def toggle(self, row: int, column: int) -> None:
        """Space on a row: flip a flag from the keyboard."""
        if 0 <= row < len(self.lines) and column in self.FLAGS:
            value = getattr(self.lines[row], self.FLAGS[column])
            state = Qt.CheckState.Unchecked if value else Qt.CheckState.Checked
            self.setData(self.index(row, column), state.value, Qt.ItemDataRole.CheckStateRole)


class InstrumentModel(_Table):
    """Инструмент / План / Ранее / Сейчас: the plan of the work's assignments, what earlier
    contacts used, and the count used in this contact (typed in place)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self.headers = [
            QCoreApplication.translate("SessionTables", "Instrument"),
            QCoreApplication.translate("SessionTables", "Plan"),
            QCoreApplication.translate("SessionTables", "Before"),
            QCoreApplication.translate("SessionTables", "Now"),
        ]
        self.rows: list[InstrumentPlan] = []
        self.used: list[int] = []

    def set_rows(self, rows: list[InstrumentPlan]) -> None:
        self.beginResetModel()
        self.rows = list(rows)
        self.used = [0] * len(rows)
        self.endResetModel()

    def counts(self) -> dict[int, int]:
        return {r.instrument_id: n for r, n in zip(self.rows, self.used, strict=True) if n > 0}

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self.rows):
            return None
        row = self.rows[index.row()]
        values = [row.name, row.planned, row.used_before, self.used[index.row()]]
        value = values[index.column()]
        if role == SORT_ROLE or role == Qt.ItemDataRole.EditRole:
            return value
        if role == Qt.ItemDataRole.DisplayRole:
            return str(value) if value != 0 or index.column() == 3 else ""
        if role == Qt.ItemDataRole.TextAlignmentRole and index.column() > 0:
            return Qt.AlignmentFlag.AlignCenter
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return EDITABLE if index.column() == 3 else READ_ONLY

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or index.column() != 3 or role != Qt.ItemDataRole.EditRole:
            return False
        try:
            count = int(value)
        except (TypeError, ValueError):
            return False
        if not 0 <= count <= 99:
            return False
        self.used[index.row()] = count
        self.dataChanged.emit(index, index)
        return True
