"""Planning works: one from the card's Works tab (Ins), one for each listed client (supervisor)."""

from __future__ import annotations

from datetime import UTC, date, datetime

from PySide6.QtCore import QDate, QDateTime, Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDateEdit,
    QDateTimeEdit,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ric_desk.calls import rules as calling
from ric_desk.calls.planning import (
    MAX_DAYS,
    BulkPlan,
    Executors,
    PlanChoices,
    PlanReport,
    WorkPlan,
    office_today,
    plan_listed,
    plan_work,
)
from ric_desk.changes import Done
from ric_desk.clients.listing import ClientFilter
from ric_desk.errors import Cancelled, UserError
from ric_desk.ui.clients.card_dialogs import _Dialog
from ric_desk.ui.operations import Database


def _combo(name: str, items: list[tuple[int, str]], first: str | None) -> QComboBox:
    combo = QComboBox()
    combo.setObjectName(name)
    if first is not None:
        combo.addItem(first, None)
    for key, label in items:
        combo.addItem(label, key)
    combo.setMinimumContentsLength(24)
    combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
    return combo


class _PlanDialog(_Dialog):
    """What both plans share: stage with its goal, direction, campaign, "again"."""

    def __init__(self, db: Database, choices: PlanChoices, parent: QWidget | None) -> None:
        super().__init__(db, parent)
        self.choices = choices
        self.stage = _combo(
            "stage", [(s.id, f"{s.id}. {s.name}") for s in choices.stages], self.tr("(choose)")
        )
        self.goal = QPlainTextEdit()
        self.goal.setObjectName("goal")
        self.goal.setTabChangesFocus(True)
        self.goal.setMaximumHeight(70)
        self.stage.currentIndexChanged.connect(self._stage_chosen)
        self.direction = _combo("direction", choices.directions, None)
        self.campaign = _combo("campaign", choices.campaigns, self.tr("(none)"))
        self.again = QCheckBox(self.tr("Plan even if an open work of this stage exists"))
        self.again.setObjectName("again")

    def _stage_chosen(self) -> None:
        goals = {s.id: s.goal for s in self.choices.stages}
        self.goal.setPlaceholderText(
            self.tr("The stage's goal: {goal}").format(goal=goals.get(self.stage.currentData()))
            if goals.get(self.stage.currentData())
            else ""
        )

    def checked_stage(self) -> int | None:
        stage: int | None = self.stage.currentData()
        if stage is None:
            self.refuse(UserError(self.tr("Choose the stage of the work.")))
            self.stage.setFocus()
        return stage


class PlanWorkDialog(_PlanDialog):
    """One work for the card's client: stage, goal, person, executor, moment, direction."""

    def __init__(
        self,
        db: Database,
        client_id: int,
        choices: PlanChoices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, choices, parent)
        self.setObjectName("planWorkDialog")
        self.setWindowTitle(self.tr("Plan a work"))
        self.client_id = client_id
        self.work_id: int | None = None
        self.person = _combo("person", choices.persons, self.tr("(any)"))
        self.executor = _combo("executor", choices.executors, self.tr("Team pool"))
        actor = db.actor
        mine = actor.employee_id if actor is not None and not actor.gives_tasks else None
        chosen = mine or choices.responsible_id
        if chosen is not None:
            self.executor.setCurrentIndex(max(self.executor.findData(chosen), 0))
        self.when = QDateTimeEdit()
        self.when.setObjectName("when")
        self.when.setCalendarPopup(True)
        self.when.setDisplayFormat("dd.MM.yyyy HH:mm")
        start = choices.suggested or datetime.now(UTC)
        local = start.astimezone()
        self.when.setDateTime(
            QDateTime(local.year, local.month, local.day, local.hour, local.minute, 0)
        )
        self.at_client = QLabel()
        self.at_client.setObjectName("atClient")
        self.when.dateTimeChanged.connect(lambda _value: self._show_client_time())
        self._show_client_time()
        when_row = QHBoxLayout()
        when_row.addWidget(self.when)
        when_row.addWidget(self.at_client, 1)

        form = QFormLayout()
        form.addRow(self.tr("Stage:"), self.stage)
        form.addRow(self.tr("Goal:"), self.goal)
        form.addRow(self.tr("Contact person:"), self.person)
        form.addRow(self.tr("Executor:"), self.executor)
        form.addRow(self.tr("When:"), when_row)
        form.addRow(self.tr("Direction:"), self.direction)
        form.addRow(self.tr("Campaign:"), self.campaign)
        form.addRow("", self.again)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        self.footer(layout)
        self.stage.setFocus()

    def moment(self) -> datetime:
        """The chosen moment, read in this workstation's time zone."""
        naive: datetime = self.when.dateTime().toPython()  # type: ignore[assignment]
        return naive.replace(second=0, microsecond=0).astimezone()

    def _show_client_time(self) -> None:
        there = self.moment().astimezone(calling.zone(self.choices.client_zone))
        self.at_client.setText(self.tr("at the client: {time}").format(time=f"{there:%H:%M}"))

    def plan(self) -> WorkPlan | None:
        stage = self.checked_stage()
        if stage is None:
            return None
        return WorkPlan(
            client_id=self.client_id,
            stage_id=stage,
            direction_id=self.direction.currentData(),
            planned_at=self.moment(),
            goal=self.goal.toPlainText(),
            contact_person_id=self.person.currentData(),
            executor_id=self.executor.currentData(),
            campaign_id=self.campaign.currentData(),
            again=self.again.isChecked(),
        )

    def accept(self) -> None:
        plan, actor = self.plan(), self.db.actor
        if plan is not None:
            self.save(lambda s: plan_work(s, actor, plan))

    def saved(self, value: object) -> None:
        assert isinstance(value, int)
        self.work_id = value


class PlanListDialog(_PlanDialog):
    """A work for each client of the list as it is filtered now, spread over working days."""

    def __init__(
        self,
        db: Database,
        flt: ClientFilter,
        listed: str,
        choices: PlanChoices,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(db, choices, parent)
        self.setObjectName("planListDialog")
        self.setWindowTitle(self.tr("Plan works for the listed clients"))
        self.filter = flt
        self.report: PlanReport | None = None
        about = QLabel(
            self.tr(
                "One work for each client of the list as it is filtered now ({listed}), "
                "spread evenly over the working days within each client's calling hours."
            ).format(listed=listed)
        )
        about.setWordWrap(True)
        self.to_pool = QRadioButton(self.tr("Team pool"))
        self.to_pool.setObjectName("toPool")
        self.to_responsible = QRadioButton(self.tr("Each client's responsible"))
        self.to_responsible.setObjectName("toResponsible")
        self.in_turn = QRadioButton(self.tr("These executors in turn:"))
        self.in_turn.setObjectName("inTurn")
        self.who = QButtonGroup(self)
        for button in (self.to_pool, self.to_responsible, self.in_turn):
            self.who.addButton(button)
        self.to_pool.setChecked(True)
        self.executors = QListWidget()
        self.executors.setObjectName("executors")
        self.executors.setMaximumHeight(110)
        for key, name in choices.executors:
            item = QListWidgetItem(name)
            item.setData(Qt.ItemDataRole.UserRole, key)
            item.setFlags(item.flags() | Qt.ItemFlag.ItemIsUserCheckable)
            item.setCheckState(Qt.CheckState.Unchecked)
            self.executors.addItem(item)
        self.executors.itemChanged.connect(lambda _item: self.in_turn.setChecked(True))
        today = office_today()  # the day the core counts from, whatever this clock's zone
        self.first_day = QDateEdit(QDate(today.year, today.month, today.day))
        self.first_day.setObjectName("firstDay")
        self.first_day.setCalendarPopup(True)
        self.first_day.setDisplayFormat("dd.MM.yyyy")
        self.first_day.setMinimumDate(QDate(today.year, today.month, today.day))
        self.days = QSpinBox()
        self.days.setObjectName("days")
        self.days.setRange(1, MAX_DAYS)
        self.days.setSuffix(self.tr(" working days"))
        who = QVBoxLayout()
        who.addWidget(self.to_pool)
        who.addWidget(self.to_responsible)
        who.addWidget(self.in_turn)
        who.addWidget(self.executors)
        when = QHBoxLayout()
        when.addWidget(self.first_day)
        when.addWidget(QLabel(self.tr("over")))
        when.addWidget(self.days)
        when.addStretch(1)
        form = QFormLayout()
        form.addRow(self.tr("Stage:"), self.stage)
        form.addRow(self.tr("Goal:"), self.goal)
        form.addRow(self.tr("Executors:"), who)
        form.addRow(self.tr("From:"), when)
        form.addRow(self.tr("Direction:"), self.direction)
        form.addRow(self.tr("Campaign:"), self.campaign)
        form.addRow("", self.again)
        layout = QVBoxLayout(self)
        layout.addWidget(about)
        layout.addLayout(form)
        self.footer(layout)
        self.resize(620, 560)
        self.stage.setFocus()

    def chosen_executors(self) -> tuple[int, ...]:
        items = (self.executors.item(row) for row in range(self.executors.count()))
        return tuple(
            int(item.data(Qt.ItemDataRole.UserRole))
            for item in items
            if item.checkState() == Qt.CheckState.Checked
        )

    def plan(self) -> BulkPlan | None:
        stage = self.checked_stage()
        if stage is None:
            return None
        if self.to_responsible.isChecked():
            executors = Executors.RESPONSIBLE
        elif self.in_turn.isChecked():
            executors = Executors.ROUND_ROBIN
        else:
            executors = Executors.POOL
        chosen = self.first_day.date()
        return BulkPlan(
            stage_id=stage,
            direction_id=self.direction.currentData(),
            first_day=date(chosen.year(), chosen.month(), chosen.day()),
            days=self.days.value(),
            goal=self.goal.toPlainText(),
            executors=executors,
            executor_ids=self.chosen_executors() if executors is Executors.ROUND_ROBIN else (),
            campaign_id=self.campaign.currentData(),
            again=self.again.isChecked(),
        )

    def accept(self) -> None:
        plan, flt, actor = self.plan(), self.filter, self.db.actor
        if plan is None or self.saving:
            return
        self.saving = True
        self.buttons.setEnabled(False)

        self.db.run_long(
            self,
            self.tr("Planning works…"),
            lambda store, progress, cancelled: plan_listed(
                store, actor, flt, plan, progress, cancelled
            ),
            self._planned,
            on_error=self._not_planned,
            changes=lambda done: done.changes,
        )

    def _planned(self, done: Done[PlanReport]) -> None:
        self.saving = False
        self.buttons.setEnabled(True)
        self.report = done.value
        if done.value.matched == 0:
            self.refuse(UserError(self.tr("The list has no clients: nothing was planned.")))
            return
        super(_Dialog, self).accept()

    def _not_planned(self, exc: BaseException) -> None:
        if isinstance(exc, Cancelled):
            self.saving = False
            self.buttons.setEnabled(True)
            self.refuse(UserError(self.tr("Planning was cancelled: no work was planned.")))
            return
        self._refused(exc)

    def summary(self) -> str:
        report = self.report
        if report is None:
            return ""
        days = ", ".join(f"{d:%d.%m.%Y}" for d in report.days)
        text = self.tr("Planned works: {count}").format(count=report.planned)
        if days:
            text += self.tr(" on {days}").format(days=days)
        if report.already:
            text += self.tr("; {count} clients already had an open work of the stage").format(
                count=report.already
            )
        if report.pooled:
            text += self.tr("; {count} without a responsible went to the pool").format(
                count=report.pooled
            )
        return text + "."
