"""The review screen: one call scored on a check-list, keyboard first.

Left, the call as the operator made it (client, person, stage, closing reason, result, goal
answers, ПРИЗ items, instruments), the script path (steps taken and skipped) and its recording;
right, the check-list (the stage's pre-selected) with its criteria by section. Up/Down move
between criteria, 0..5 give the mark within the criterion's scale (yes/no: 1 yes, 0 no), N or
"-" "not applicable", C or Enter the comment; a mark the script path pre-filled is labelled «по
скрипту» until changed. The total and the sections' percents follow every mark (`live`, no
database). Ctrl+S saves a draft, Ctrl+Enter publishes. The call stays held (the lease renewed on
a timer) while the screen is open and is given back when it closes.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QSplitter,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ric_desk.actor import Actor
from ric_desk.changes import Changes
from ric_desk.checklists import claims, reviews, sample
from ric_desk.checklists.live import LiveTotal, live_total
from ric_desk.checklists.review_views import (
    BY_SCRIPT,
    CriterionView,
    Given,
    ReviewScreen,
)
from ric_desk.checklists.scoring import percent_text
from ric_desk.checklists.vocabulary import ReviewState, Scale
from ric_desk.errors import LeaseLost
from ric_desk.store import DbSession
from ric_desk.ui import settings
from ric_desk.ui.messages import ask, show_error
from ric_desk.ui.operations import Database
from ric_desk.ui.quality.review_facts import (
    FactsPane,
    criterion_text,
    mark_text,
    state_text,
    total_text,
)

LAYOUT = settings.Layout("quality/review/{name}", "the review screen's splitter and columns")
CRITERION_ROLE = Qt.ItemDataRole.UserRole + 1
SCRIPT_COLOUR = QColor(30, 90, 160)
MISS_COLOUR = QColor(170, 30, 30)


class ReviewPage(QWidget):
    """One call's review; `finished` when it has closed (the lease given back)."""

    finished = Signal()
    open_client = Signal(int)
    titled = Signal(str)  # the call's client known: the tab's title

    def __init__(
        self, db: Database, actor: Actor, contact_id: int, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("reviewPage")
        self.db = db
        self.actor = actor
        self.contact_id = contact_id
        self.data: ReviewScreen | None = None
        self.marks: dict[int, Given] = {}
        self.dirty = False
        self.closing = False
        self._saving = False
        self._filling = False
        self._items: list[QTreeWidgetItem] = []
        self._loose: dict[int, str] = {}  # comments typed before the criterion's mark
        self._section_items: list[QTreeWidgetItem] = []

        left = FactsPane()
        left.open_client.connect(self.open_client)
        self.heading, self.facts, self.play_button = left.heading, left.facts, left.play_button
        self.facts_pane = left

        self.checklist = QComboBox()
        self.checklist.setObjectName("reviewChecklist")
        self.checklist.setPlaceholderText(self.tr("— choose a check-list —"))
        self.checklist.activated.connect(self._checklist_chosen)
        self.tree = QTreeWidget()
        self.tree.setObjectName("reviewCriteria")
        self.tree.setHeaderLabels([self.tr("Criterion"), self.tr("Mark"), self.tr("Comment")])
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.header().setStretchLastSection(True)
        self.tree.header().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        self.tree.setColumnWidth(0, 430)
        self.tree.setColumnWidth(1, 130)
        self.tree.installEventFilter(self)
        self.tree.currentItemChanged.connect(lambda *_a: self._current_changed())
        self.tree.itemDoubleClicked.connect(lambda *_a: self.edit_comment())
        self.criterion = QLabel()
        self.criterion.setObjectName("reviewCriterion")
        self.criterion.setWordWrap(True)
        self.comment = QLineEdit()
        self.comment.setObjectName("criterionComment")
        self.comment.setPlaceholderText(self.tr("Comment on the criterion (C or Enter)"))
        self.comment.setEnabled(False)
        self.comment.textEdited.connect(self._comment_edited)
        self.comment.returnPressed.connect(self.tree.setFocus)
        self.comment.installEventFilter(self)
        self.review_comment = QPlainTextEdit()
        self.review_comment.setObjectName("reviewComment")
        self.review_comment.setPlaceholderText(self.tr("Comment on the whole call"))
        self.review_comment.setMaximumHeight(self.fontMetrics().height() * 3 + 12)
        self.review_comment.setTabChangesFocus(True)
        self.review_comment.textChanged.connect(self._review_comment_changed)
        self.keys = QLabel(
            self.tr(
                "↑↓ criterion · 0–5 mark (yes/no: 1 yes, 0 no) · N or «-» not applicable · "
                "C or Enter comment"
            )
        )
        self.keys.setObjectName("reviewKeys")
        self.keys.setWordWrap(True)
        self.total = QLabel()
        self.total.setObjectName("reviewTotal")
        total_font = self.total.font()
        total_font.setBold(True)
        self.total.setFont(total_font)
        self.total.setWordWrap(True)  # a long verdict must not push the call's facts aside
        self.state = QLabel()
        self.state.setObjectName("reviewState")
        self.state.setWordWrap(True)
        self.save_button = QPushButton(self.tr("Save draft (Ctrl+S)"))
        self.save_button.setObjectName("saveDraft")
        self.save_button.clicked.connect(lambda: self.save(draft=True))
        self.publish_button = QPushButton(self.tr("Publish (Ctrl+Enter)"))
        self.publish_button.setObjectName("publishReview")
        self.publish_button.clicked.connect(lambda: self.save(draft=False))
        self.close_button = QPushButton(self.tr("Close (Esc)"))
        self.close_button.setObjectName("closeReview")
        self.close_button.clicked.connect(self.request_close)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        choice = QHBoxLayout()
        checklist_label = QLabel(self.tr("Check-&list:"))
        checklist_label.setBuddy(self.checklist)
        choice.addWidget(checklist_label)
        choice.addWidget(self.checklist, 1)
        right_layout.addLayout(choice)
        right_layout.addWidget(self.tree, 1)
        right_layout.addWidget(self.keys)
        right_layout.addWidget(self.criterion)
        right_layout.addWidget(self.comment)
        right_layout.addWidget(self.review_comment)
        bottom = QHBoxLayout()
        bottom.addWidget(self.total, 1)
        bottom.addWidget(self.save_button)
        bottom.addWidget(self.publish_button)
        bottom.addWidget(self.close_button)
        right_layout.addWidget(self.state)
        right_layout.addLayout(bottom)

        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setObjectName("reviewSplitter")
        left.setMinimumWidth(300)  # the call's facts stay readable whatever the right side holds
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.splitter.setSizes([440, 760])
        layout = QVBoxLayout(self)
        layout.addWidget(self.splitter)
        self.setFocusProxy(self.tree)
        LAYOUT.restore_splitter(self.splitter, "splitter")
        LAYOUT.restore_header(self.tree.header(), "criteria")
        self._actions()

        self.renewal = QTimer(self)
        self.renewal.timeout.connect(self.renew)
        db.hub.changed.connect(self._on_changed)
        self._set_editable(False)
        self.load()

    def _actions(self) -> None:
        bindings: list[tuple[str, str, Callable[[], object]]] = [
            ("Ctrl+S", self.tr("Save draft"), lambda: self.save(draft=True)),
            ("Ctrl+Return", self.tr("Publish"), lambda: self.save(draft=False)),
            ("Ctrl+Enter", self.tr("Publish"), lambda: self.save(draft=False)),
            ("Ctrl+P", self.tr("Listen to the recording"), self.play),
            ("Esc", self.tr("Close the review"), self.request_close),
        ]
        for sequence, text, slot in bindings:
            action = QAction(text, self)
            action.setShortcut(QKeySequence(sequence))
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            self.addAction(action)

    def title(self) -> str:
        if self.data is None:
            return self.tr("Review of call No. {number}").format(number=self.contact_id)
        return self.tr("Review: {client}").format(client=self.data.call.client)

    # -- loading ---------------------------------------------------------------------------------
    def load(self, version_id: int | None = None) -> None:
        """Read the screen (and the lease's length, for its renewal)."""
        actor, contact_id = self.actor, self.contact_id

        def read(session: DbSession) -> tuple[ReviewScreen, int]:
            screen = reviews.open_review(
                session, actor, contact_id, now=datetime.now(UTC), version_id=version_id
            )
            return screen, sample.load_settings(session).lease_minutes

        self.db.run_query(self, read, self._loaded)

    def _loaded(self, answer: tuple[ReviewScreen, int]) -> None:
        screen, lease_minutes = answer
        self.data = screen
        self.marks = screen.prefilled()
        self._loose = {}
        self.facts_pane.show_call(screen)
        self.checklist.blockSignals(True)
        self.checklist.clear()
        for choice in screen.choices:
            self.checklist.addItem(choice.name, choice.version_id)
        # none chosen (-1, the placeholder) when the call's stage has no check-list
        self.checklist.setCurrentIndex(self.checklist.findData(screen.version_id))
        self.checklist.blockSignals(False)
        self._filling = True
        self.review_comment.setPlainText(screen.comment or "")
        self._filling = False
        self._fill_tree()
        self.dirty = False
        published = screen.review is not None and screen.review.state == ReviewState.PUBLISHED
        self._set_editable(screen.version_id is not None and not published)
        if screen.held and not published:
            interval = max(30_000, lease_minutes * 60_000 // 2)
            self.renewal.start(interval)
        else:
            self.renewal.stop()
        self._show_state()
        self.titled.emit(self.title())
        if self._items:
            self.tree.setCurrentItem(self._items[0])
        self.tree.setFocus()

    def _fill_tree(self) -> None:
        screen = self.data
        assert screen is not None
        current = self.current_criterion()
        self.tree.clear()
        self._items = []
        self._section_items = []
        bold = self.tree.font()
        bold.setBold(True)
        for section in screen.sections:
            head = QTreeWidgetItem([section.title, "", ""])
            head.setFlags(Qt.ItemFlag.ItemIsEnabled)
            head.setFirstColumnSpanned(False)
            for column in range(3):
                head.setFont(column, bold)
            self.tree.addTopLevelItem(head)
            self._section_items.append(head)
            for c in section.criteria:
                item = QTreeWidgetItem(head, [criterion_text(c), "", ""])
                item.setData(0, CRITERION_ROLE, c)
                item.setToolTip(0, c.hint or c.text)
                self._items.append(item)
        self.tree.expandAll()
        self._refresh_marks()
        if current is not None:
            for item in self._items:
                if item.data(0, CRITERION_ROLE).id == current.id:
                    self.tree.setCurrentItem(item)

    def _refresh_marks(self) -> None:
        """Every criterion's mark, the sections' percents and the total, as they stand."""
        screen = self.data
        if screen is None:
            return
        for item in self._items:
            c: CriterionView = item.data(0, CRITERION_ROLE)
            given = self.marks.get(c.id)
            item.setText(1, mark_text(c, given))
            item.setText(2, (given.comment or "") if given else "")
            colour = None
            if given is not None and given.by_script:
                colour = SCRIPT_COLOUR
            elif given is not None and given.grade == 0:
                colour = MISS_COLOUR
            brush = QBrush(colour) if colour is not None else QBrush()
            item.setForeground(1, brush)
        live = self.live()
        if live is None:
            self.total.setText("")
            return
        for head, part in zip(self._section_items, live.result.sections, strict=True):
            head.setText(1, percent_text(part.percent) if part.possible else "")
        self.total.setText(total_text(live, screen.pass_mark))

    def live(self) -> LiveTotal | None:
        screen = self.data
        if screen is None or screen.version_id is None:
            return None
        return live_total(screen.sections, self.marks, screen.pass_mark or 0)

    def _show_state(self) -> None:
        if self.data is not None:
            self.state.setText(state_text(self.data, self.dirty))

    def _set_editable(self, editable: bool) -> None:
        self.editable = editable
        for widget in (self.save_button, self.publish_button, self.review_comment):
            widget.setEnabled(editable)
        self.checklist.setEnabled(editable or self.data is None or self.data.review is None)
        self.comment.setEnabled(editable and self.current_criterion() is not None)

    # -- marking ---------------------------------------------------------------------------------
    def current_criterion(self) -> CriterionView | None:
        item = self.tree.currentItem()
        value = item.data(0, CRITERION_ROLE) if item is not None else None
        return value if isinstance(value, CriterionView) else None

    def _current_changed(self) -> None:
        c = self.current_criterion()
        self._filling = True
        if c is None:
            self.criterion.setText("")
            self.comment.setText("")
        else:
            scale = (
                self.tr("yes/no: 1 yes, 0 no")
                if Scale(c.scale) is Scale.YES_NO
                else self.tr("marks 0–{top}").format(top=c.top)
            )
            notes = [scale, self.tr("{points} points").format(points=c.points)]
            if c.critical:
                notes.append(self.tr("critical: a miss makes the total 0"))
            if c.may_be_na:
                notes.append(self.tr("may be not applicable (N)"))
            if c.comment_on_miss:
                notes.append(self.tr("a miss needs a comment"))
            hint = f"\n{c.hint}" if c.hint else ""
            self.criterion.setText(f"{c.text} ({'; '.join(notes)}){hint}")
            given = self.marks.get(c.id)
            self.comment.setText((given.comment or "") if given else self._loose.get(c.id, ""))
        self.comment.setEnabled(self.editable and c is not None)
        self._filling = False

    def step_to(self, step: int) -> None:
        if not self._items:
            return
        item = self.tree.currentItem()
        at = self._items.index(item) if item in self._items else (-1 if step > 0 else 0)
        target = min(max(at + step, 0), len(self._items) - 1)
        self.tree.setCurrentItem(self._items[target])
        self.tree.scrollToItem(self._items[target])

    def set_mark(self, grade: int | None) -> bool:
        """Mark the current criterion (None: not applicable); refused in the status line when
        off its scale."""
        c = self.current_criterion()
        if c is None or not self.editable:
            return False
        if grade is None and not c.may_be_na:
            self.state.setText(
                self.tr("This criterion cannot be «not applicable»: give it a mark.")
            )
            return False
        if grade is not None and grade > c.top:
            self.state.setText(
                self.tr("The marks of this criterion are 0–{top}.").format(top=c.top)
            )
            return False
        old = self.marks.get(c.id)
        if old is not None and old.grade == grade:
            return True  # as it was (a script's mark stays the script's)
        comment = old.comment if old is not None else self._loose.pop(c.id, None)
        if old is not None and old.by_script and (comment or "").startswith(BY_SCRIPT):
            comment = None  # the script's note does not explain the supervisor's mark
        new = Given(grade, comment, False)
        self.marks[c.id] = new
        self._changed()
        self._current_changed()
        return True

    def edit_comment(self) -> None:
        if self.editable and self.current_criterion() is not None:
            self.comment.setFocus()
            self.comment.selectAll()

    def _comment_edited(self, text: str) -> None:
        c = self.current_criterion()
        if c is None or self._filling:
            return
        old = self.marks.get(c.id)
        if old is None:
            self._loose[c.id] = text  # a comment before the mark: it joins the mark
        else:
            self.marks[c.id] = replace(old, comment=text or None)
        self._changed()

    def _review_comment_changed(self) -> None:
        if not self._filling:
            self._changed()

    def _changed(self) -> None:
        self.dirty = True
        self._refresh_marks()
        self._show_state()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.KeyPress or not isinstance(event, QKeyEvent):
            return super().eventFilter(watched, event)
        key = event.key()
        plain = not (
            event.modifiers()
            & (
                Qt.KeyboardModifier.ControlModifier
                | Qt.KeyboardModifier.AltModifier
                | Qt.KeyboardModifier.MetaModifier
            )
        )
        if watched is self.comment:
            if key == Qt.Key.Key_Escape:
                self._current_changed()  # the comment as it was saved in the form
                self.tree.setFocus()
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.tree.setFocus()
                self.step_to(-1 if key == Qt.Key.Key_Up else 1)
                return True
            return False
        if watched is not self.tree or not plain:
            return super().eventFilter(watched, event)
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
            self.step_to(-1 if key == Qt.Key.Key_Up else 1)
            return True
        if Qt.Key.Key_0 <= key <= Qt.Key.Key_9:
            self.set_mark(key - Qt.Key.Key_0)
            return True
        if key in (Qt.Key.Key_N, Qt.Key.Key_Minus):
            self.set_mark(None)
            return True
        if key in (Qt.Key.Key_C, Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.edit_comment()
            return True
        return super().eventFilter(watched, event)

    def _checklist_chosen(self, _index: int) -> None:
        version_id = self.checklist.currentData()
        if self.data is None or version_id == self.data.version_id:
            return
        if self.dirty and not ask(
            self,
            self.tr("Review"),
            self.tr("The marks given on this check-list are not saved. Change the check-list?"),
        ):
            self.checklist.setCurrentIndex(self.checklist.findData(self.data.version_id))
            return
        self.load(version_id)

    # -- saving ----------------------------------------------------------------------------------
    def save(self, *, draft: bool, then: Callable[[], None] | None = None) -> None:
        screen = self.data
        if screen is None or screen.version_id is None or not self.editable or self._saving:
            return
        self.comment.clearFocus()
        actor, contact_id, version_id = self.actor, self.contact_id, screen.version_id
        marks = dict(self.marks)
        comment = self.review_comment.toPlainText()
        expected = screen.review.row_version if screen.review is not None else None

        def op(session: DbSession) -> Any:
            return reviews.save_review(
                session,
                actor,
                contact_id,
                version_id=version_id,
                marks=marks,
                comment=comment,
                draft=draft,
                now=datetime.now(UTC),
                expected_version=expected,
            )

        def done(_review_id: int) -> None:
            self._saving = False
            self.dirty = False
            if then is not None:
                then()
            else:
                self.load(version_id)

        def failed(exc: BaseException) -> None:
            self._saving = False
            show_error(self, exc)

        self._saving = True
        self.db.run_op(self, op, done, on_error=failed)

    # -- the lease -------------------------------------------------------------------------------
    def renew(self) -> None:
        actor, contact_id = self.actor, self.contact_id

        def op(session: DbSession) -> Changes:
            return claims.renew(session, actor, contact_id, now=datetime.now(UTC))

        self.db.run_op(self, op, on_error=self._renew_failed)

    def _renew_failed(self, exc: BaseException) -> None:
        self.renewal.stop()
        if isinstance(exc, LeaseLost) and self.data is not None:
            self.data = replace(self.data, held=False)
            self._show_state()
        show_error(self, exc)

    def _on_changed(self, changes: Changes, origin: object) -> None:
        if origin is self or self.contact_id not in changes.contacts or self.data is None:
            return
        if not self.dirty and not self._saving:  # another screen took or scored this call
            self.load(self.data.version_id)

    def play(self) -> None:
        """Ctrl+P: the call's recording (`FactsPane.play`)."""
        self.facts_pane.play()

    # -- closing ---------------------------------------------------------------------------------
    def may_close(self) -> bool:
        """Unsaved marks: save them as a draft, drop them, or stay."""
        if not self.dirty or not self.editable:
            return True
        box = QMessageBox(
            QMessageBox.Icon.Question,
            self.tr("Review"),
            self.tr("The marks of this review are not saved. Save them as a draft?"),
            QMessageBox.StandardButton.Save
            | QMessageBox.StandardButton.Discard
            | QMessageBox.StandardButton.Cancel,
            self,
        )
        box.setObjectName("unsavedReview")
        box.setDefaultButton(QMessageBox.StandardButton.Save)
        answer = box.exec()
        if answer == QMessageBox.StandardButton.Save:
            self.save(draft=True, then=self.finish)
            return False  # closes once saved
        return answer == QMessageBox.StandardButton.Discard

    def request_close(self) -> None:
        if self.closing:
            return
        if self.may_close():
            self.finish()

    def finish(self) -> None:
        """Give the call back and say so: the tab holding this screen goes."""
        if self.closing:
            return
        self.closing = True
        self.renewal.stop()
        self.release()
        self.save_layout()
        self.finished.emit()

    def release(self) -> None:
        actor, contact_id = self.actor, self.contact_id

        def op(session: DbSession) -> Changes:
            return claims.release(session, actor, contact_id)

        self.db.run_op(None, op)

    def save_layout(self) -> None:
        LAYOUT.save_splitter(self.splitter, "splitter")
        LAYOUT.save_header(self.tree.header(), "criteria")
