"""What the call screen shows for a taken work: the client, phones, plan, past attempts, ПРИЗ
items, the stage's call script and the closing reasons; and what the session screen chooses from.

Reads only: plain dataclasses, nothing of the ORM leaves the session. The ПРИЗ items are as the
rules left them (after each change of their inputs, and once a day); taking a work writes
nothing but its lease.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, NamedTuple

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ric_desk.calls import rules as calling
from ric_desk.calls.queue import WORK_NOT_FOUND
from ric_desk.errors import NotFound
from ric_desk.models import (
    CHANNEL_TITLES,
    Assignment,
    AssignmentInstrument,
    Campaign,
    Client,
    ClosingReason,
    Contact,
    ContactChannel,
    ContactInstrument,
    ContactPerson,
    Direction,
    Employee,
    Instrument,
    PrizItem,
    PrizKind,
    PrizState,
    Region,
    Stage,
    Work,
    WorkState,
)
from ric_desk.priz.items import open_items
from ric_desk.scripts import library
from ric_desk.validation import format_phone


@dataclass(frozen=True)
class Phone:
    channel_id: int
    person_id: int | None
    person: str
    position: str
    kind: str
    number: str
    favourite: bool
    undesirable: bool


@dataclass(frozen=True)
class InstrumentPlan:
    instrument_id: int
    name: str
    planned: int  # from the work's assignments
    used_before: int  # in earlier contacts of this work


@dataclass(frozen=True)
class PastAttempt:
    at: datetime | None
    operator: str
    successful: bool
    result: str


@dataclass(frozen=True)
class PrizRow:
    item_id: int
    version: int
    title: str
    kind: PrizKind
    state: PrizState
    worked_on: bool
    done: bool
    unplanned: bool
    comment: str
    result: str


@dataclass(frozen=True)
class WorkView:
    work_id: int
    number: int
    client_id: int
    client: str
    planned_at: datetime
    state: WorkState
    stage_id: int | None
    stage: str
    direction: str
    goal_questions: list[str]
    assignments: list[str]
    person_id: int | None
    person: str
    phones: list[Phone]
    instruments: list[InstrumentPlan]
    attempts: list[PastAttempt]
    priz: list[PrizRow]
    zone_name: str | None


_NUMBERING = re.compile(r"^\s*(?:[-•–]|\d+[.)])\s*")


def goal_questions(*texts: str | None) -> list[str]:
    """The questions of a contact goal: one per line of the work's goal and its assignments."""
    out: list[str] = []
    for text in texts:
        for line in (text or "").splitlines():
            question = _NUMBERING.sub("", line).strip()
            if question and question not in out:
                out.append(question)
    return out


def _person_name(p: ContactPerson) -> str:
    return " ".join(x for x in (p.last_name, p.first_name, p.middle_name) if x)


def _priz_row(i: PrizItem) -> PrizRow:
    return PrizRow(
        item_id=i.id,
        version=i.version,
        title=i.title,
        kind=i.kind,
        state=i.state,
        worked_on=i.worked_on,
        done=i.done,
        unplanned=i.unplanned,
        comment=i.comment or "",
        result=i.result or "",
    )


def priz_rows(session: Session, client_id: int, work_id: int | None = None) -> list[PrizRow]:
    """The client's open ПРИЗ items (and those done in this work) for the call screen."""
    return [_priz_row(i) for i in open_items(session, client_id, work_id)]


def priz_reread(
    session: Session, client_id: int, work_id: int, marked: Iterable[int]
) -> list[PrizRow]:
    """The call screen's ПРИЗ items as they are now, after a conflict: the listed ones, and the
    `marked` ones (the operator's changes) even if someone closed them meanwhile, so the marks
    can go on top of their current versions; an item deleted meanwhile is not there."""
    rows = priz_rows(session, client_id, work_id)
    listed = {r.item_id for r in rows}
    for item_id in sorted(set(marked) - listed):
        item = session.get(PrizItem, item_id)
        if item is not None and item.client_id == client_id:
            rows.append(_priz_row(item))
    return rows


def _phones(session: Session, client_id: int, work_person_id: int | None) -> list[Phone]:
    """The client's phones: the work's person first, favourites before the others, undesirable
    numbers last."""
    persons = {
        p.id: p
        for p in session.scalars(
            select(ContactPerson).where(
                ContactPerson.client_id == client_id, ContactPerson.active.is_(True)
            )
        )
    }
    phones = []
    for ch in session.scalars(select(ContactChannel).where(ContactChannel.client_id == client_id)):
        if not ch.kind.is_phone:
            continue
        owner = persons.get(ch.contact_person_id) if ch.contact_person_id else None
        phones.append(
            Phone(
                channel_id=ch.id,
                person_id=ch.contact_person_id,
                person=_person_name(owner) if owner else "",
                position=(owner.position or "") if owner else "",
                kind=CHANNEL_TITLES[ch.kind],
                number=format_phone(ch.value),
                favourite=ch.favourite,
                undesirable=ch.undesirable,
            )
        )
    phones.sort(
        key=lambda p: (
            p.person_id != work_person_id,
            p.person,
            p.undesirable,
            not p.favourite,
            p.channel_id,
        )
    )
    return phones


def _instruments(session: Session, work_id: int) -> list[InstrumentPlan]:
    """Every active instrument with the work's plan and what earlier contacts used, the
    planned ones first."""
    planned = dict(
        session.execute(
            select(AssignmentInstrument.instrument_id, func.sum(AssignmentInstrument.planned_count))
            .join(Assignment, Assignment.id == AssignmentInstrument.assignment_id)
            .where(Assignment.work_id == work_id)
            .group_by(AssignmentInstrument.instrument_id)
        ).all()
    )
    used = dict(
        session.execute(
            select(ContactInstrument.instrument_id, func.sum(ContactInstrument.used_count))
            .join(Contact, Contact.id == ContactInstrument.contact_id)
            .where(Contact.work_id == work_id)
            .group_by(ContactInstrument.instrument_id)
        ).all()
    )
    instruments = [
        InstrumentPlan(
            instrument_id=i.id,
            name=i.name,
            planned=int(planned.get(i.id) or 0),
            used_before=int(used.get(i.id) or 0),
        )
        for i in session.scalars(
            select(Instrument).where(Instrument.active.is_(True)).order_by(Instrument.id)
        )
    ]
    instruments.sort(key=lambda i: (i.planned == 0, i.instrument_id))
    return instruments


def _attempts(session: Session, work_id: int) -> list[PastAttempt]:
    return [
        PastAttempt(at=r[0], operator=r[1] or "", successful=r[2], result=r[3] or "")
        for r in session.execute(
            select(Contact.actual_at, Employee.full_name, Contact.successful, Contact.result)
            .outerjoin(Employee, Employee.id == Contact.operator_id)
            .where(Contact.work_id == work_id)
            .order_by(Contact.actual_at, Contact.id)
        )
    ]


def load(session: Session, work_id: int) -> WorkView:
    """Everything the call screen shows for a work (a pure read: the ПРИЗ items as they are).

    The work with its client, stage, direction, person and time zone in one statement, then
    one statement for each list."""
    found = session.execute(
        select(
            Work.number,
            Work.client_id,
            Work.planned_at,
            Work.state,
            Work.stage_id,
            Work.goal,
            Work.contact_person_id,
            Client.reg_number,
            Client.name,
            Client.time_zone,
            Region.time_zone,
            Stage.name,
            Direction.name,
            ContactPerson.last_name,
            ContactPerson.first_name,
            ContactPerson.middle_name,
        )
        .join(Client, Client.id == Work.client_id)
        .outerjoin(Region, Region.code == Client.region_code)
        .outerjoin(Stage, Stage.id == Work.stage_id)
        .outerjoin(Direction, Direction.id == Work.direction_id)
        .outerjoin(ContactPerson, ContactPerson.id == Work.contact_person_id)
        .where(Work.id == work_id)
    ).first()
    if found is None:
        raise NotFound(WORK_NOT_FOUND)
    (
        number,
        client_id,
        planned_at,
        state,
        stage_id,
        goal,
        person_id,
        reg_number,
        client_name,
        own_zone,
        region_zone,
        stage,
        direction,
        *person,
    ) = found
    assignments = list(
        session.scalars(
            select(Assignment.text).where(Assignment.work_id == work_id).order_by(Assignment.id)
        )
    )
    return WorkView(
        work_id=work_id,
        number=number,
        client_id=client_id,
        client=f"{reg_number} - {client_name}",
        planned_at=planned_at,
        state=state,
        stage_id=stage_id,
        stage=f"Этап {stage_id}. {stage}" if stage is not None else "",
        direction=direction or "",
        goal_questions=goal_questions(goal, *assignments),
        assignments=assignments,
        person_id=person_id,
        person=" ".join(x for x in person if x) if person_id else "",
        phones=_phones(session, client_id, person_id),
        instruments=_instruments(session, work_id),
        attempts=_attempts(session, work_id),
        priz=priz_rows(session, client_id, work_id),
        zone_name=calling.zone_name(own_zone, region_zone),
    )


@dataclass(frozen=True)
class SessionSetup:
    """What the session screen opens with: the calling rules and the choices that narrow the
    queue (id and name of each direction, active campaign and stage)."""

    rules: calling.CallingRules
    directions: list[tuple[int, str]]
    campaigns: list[tuple[int, str]]
    stages: list[tuple[int, str]]


def setup(session: Session) -> SessionSetup:
    return SessionSetup(
        rules=calling.load_rules(session),
        directions=[
            (i, name)
            for i, name in session.execute(
                select(Direction.id, Direction.name).order_by(Direction.id)
            )
        ],
        campaigns=[
            (i, name)
            for i, name in session.execute(
                select(Campaign.id, Campaign.name)
                .where(Campaign.active.is_(True))
                .order_by(Campaign.name)
            )
        ],
        stages=[
            (i, name)
            for i, name in session.execute(select(Stage.id, Stage.name).order_by(Stage.id))
        ],
    )


class ReasonChoice(NamedTuple):
    """A closing reason as the closing dialog offers it."""

    reason_id: int
    name: str
    needs_comment: bool
    unproductive: bool  # closed with it, the contact did not take place (unless said otherwise)


@dataclass(frozen=True)
class ReasonGroup:
    title: str
    reasons: list[ReasonChoice]


def reason_groups(session: Session, stage_id: int | None) -> list[ReasonGroup]:
    """Active closing reasons by group, the group holding the work's stage reasons first."""
    groups: dict[str, ReasonGroup] = {}
    first: str | None = None
    for reason in session.scalars(
        select(ClosingReason)
        .where(ClosingReason.active.is_(True))
        .order_by(ClosingReason.position, ClosingReason.id)
    ):
        group = groups.setdefault(reason.group_name, ReasonGroup(reason.group_name, []))
        group.reasons.append(
            ReasonChoice(reason.id, reason.name, reason.needs_comment, reason.unproductive)
        )
        if stage_id is not None and reason.stage_id == stage_id and first is None:
            first = reason.group_name
    ordered = list(groups.values())
    if first is not None:
        ordered.sort(key=lambda g: g.title != first)
    return ordered


def stage_reason(session: Session, stage_id: int | None) -> int | None:
    """The closing reason of the work's stage, preselected in the closing dialog."""
    if stage_id is None:
        return None
    return session.scalar(
        select(ClosingReason.id)
        .where(ClosingReason.stage_id == stage_id, ClosingReason.active.is_(True))
        .order_by(ClosingReason.position, ClosingReason.id)
        .limit(1)
    )


@dataclass(frozen=True)
class ScriptStepView:
    position: int
    title: str
    texts: list[str]  # one per branch, or one shared by all
    expected_answers: str


@dataclass(frozen=True)
class ScriptView:
    """A published call-script version as the call screen shows it."""

    name: str
    number: int
    version_id: int
    title: str
    goal: str
    tasks: list[str]
    branches: list[str]
    steps: list[ScriptStepView]

    def path(self, taken: list[tuple[int, int | None]]) -> dict[str, Any]:
        """The path recorded on a contact: the steps taken in order, each with its branch."""
        titles = {s.position: s.title for s in self.steps}
        return {
            "script": self.name,
            "version": self.number,
            "version_id": self.version_id,
            "steps": [
                {
                    "step": position,
                    "title": titles.get(position, ""),
                    "branch": self.branches[branch]
                    if branch is not None and 0 <= branch < len(self.branches)
                    else None,
                }
                for position, branch in taken
            ],
        }


def script_for_stage(session: Session, stage_id: int | None) -> ScriptView | None:
    """The stage's call script as the call screen shows it (the latest one published)."""
    if stage_id is None:
        return None
    version = library.for_stage(session, stage_id)
    if version is None:
        return None
    return ScriptView(
        name=version.script.name,
        number=version.number,
        version_id=version.id,
        title=version.title,
        goal=version.goal or "",
        tasks=list(version.tasks),
        branches=list(version.branches),
        steps=[
            ScriptStepView(s.position, s.title, list(s.texts), s.expected_answers or "")
            for s in version.steps
        ],
    )
