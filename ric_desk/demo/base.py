"""What every part of the demo generator shares: the dictionaries it draws from, the calendar,
the random generator and the rows one part makes for the later ones."""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any, NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from ric_desk.checklists.prefill import checked_steps
from ric_desk.checklists.sample import QualitySettings, load_settings
from ric_desk.db.bulk import BulkWriter
from ric_desk.demo import names
from ric_desk.errors import Cancelled as Cancelled  # what the makers raise
from ric_desk.errors import UserError
from ric_desk.models import (
    Characteristic,
    ChecklistTemplate,
    ClosingReason,
    Direction,
    Employee,
    IndicatorDef,
    Instrument,
    Interest,
    PrizRule,
    PrizRuleKind,
    Region,
    Role,
    Scope,
    SegmentType,
    Stage,
    StatusGroup,
)
from ric_desk.models.checklists import Scale
from ric_desk.scripts import library

Progress = Callable[[str, float], None]  # (what is being made, share of the whole done 0..1)

CHUNK = 20_000


class StageInfo(NamedTuple):
    id: int
    name: str
    goal: str | None


class RuleInfo(NamedTuple):
    id: int
    title: str
    days: int  # the rule's N


class QcCall(NamedTuple):
    """A successful contact of the month the demo's supervisors listen to."""

    contact_id: int
    operator_id: int
    stage_id: int
    duration_sec: int
    at: str  # UTC, as the contact row has it
    reason_id: int
    skipped: tuple[str, ...] = ()  # the titles of the script steps the operator skipped


class ScriptInfo(NamedTuple):
    """A stage's call script as the call screen offers it (its latest published version)."""

    name: str
    number: int
    version_id: int
    branches: list[str]
    steps: list[tuple[int, str, bool]]  # position, title, whether its words differ by branch


class CriterionInfo(NamedTuple):
    id: int
    text: str
    points: int
    top: int
    critical: bool
    may_be_na: bool
    comment_on_miss: bool
    section: int  # its section's index in the version
    steps: frozenset[str]  # the script steps it checks, normalized (`prefill.checked_steps`)


class ChecklistInfo(NamedTuple):
    version_id: int
    pass_mark: int
    weights: list[int]  # per section
    criteria: list[CriterionInfo]
    name: str = ""  # the template's, as the review's history names it


def qc_days(as_of: date) -> tuple[int, int]:
    """The demo's listening period, the month before `as_of`'s, as day offsets from `as_of`
    (first and last day): the month a supervisor opens first on the sample page."""
    first = (as_of.replace(day=1) - timedelta(days=1)).replace(day=1)
    return (first - as_of).days, (as_of.replace(day=1) - as_of).days - 1


class ReasonInfo(NamedTuple):
    id: int
    stage_id: int | None
    needs_comment: bool


@dataclass
class Dictionaries:
    phone_codes: dict[str, str | None]  # region code -> its city code
    segment_types: list[tuple[int, list[int]]]
    client_defs: list[IndicatorDef]
    contact_defs: list[IndicatorDef]
    client_group_id: int
    contact_group_id: int
    characteristics: list[int]
    key_user_characteristic: int
    interests: list[int]
    interest_names: list[str]
    reasons_productive: list[ReasonInfo]
    reasons_unproductive: list[ReasonInfo]
    instruments: list[int]
    directions: dict[str, int]
    stages: list[StageInfo]
    rules: dict[PrizRuleKind, RuleInfo]  # the active rules
    checklists: dict[int, ChecklistInfo] = field(default_factory=dict)  # by stage: its first
    scripts: dict[int, ScriptInfo] = field(default_factory=dict)  # by stage
    quality: QualitySettings = field(default_factory=QualitySettings)


def load_dictionaries(session: Session) -> Dictionaries:
    segment_types = [
        (t.id, [v.id for v in t.values])
        for t in session.scalars(select(SegmentType).order_by(SegmentType.position, SegmentType.id))
    ]
    defs = list(
        session.scalars(select(IndicatorDef).order_by(IndicatorDef.scope, IndicatorDef.position))
    )
    groups = {g.scope: g.id for g in session.scalars(select(StatusGroup))}
    reasons = list(
        session.scalars(select(ClosingReason).order_by(ClosingReason.position, ClosingReason.id))
    )
    key_user = session.scalar(select(Characteristic.id).where(Characteristic.code == "key_user"))
    if not segment_types or not defs or not reasons or key_user is None:
        raise UserError("В базе нет справочников: выполните «ric-desk db upgrade» на пустой базе.")
    return Dictionaries(
        phone_codes={r.code: r.phone_code for r in session.scalars(select(Region))},
        segment_types=segment_types,
        client_defs=[d for d in defs if d.scope == Scope.CLIENT],
        contact_defs=[d for d in defs if d.scope == Scope.CONTACT],
        client_group_id=groups[Scope.CLIENT],
        contact_group_id=groups[Scope.CONTACT],
        characteristics=list(
            session.scalars(select(Characteristic.id).order_by(Characteristic.id))
        ),
        key_user_characteristic=key_user,
        interests=list(session.scalars(select(Interest.id).order_by(Interest.id))),
        interest_names=list(session.scalars(select(Interest.name).order_by(Interest.id))),
        reasons_productive=[
            ReasonInfo(r.id, r.stage_id, r.needs_comment) for r in reasons if not r.unproductive
        ],
        reasons_unproductive=[
            ReasonInfo(r.id, r.stage_id, r.needs_comment) for r in reasons if r.unproductive
        ],
        instruments=list(session.scalars(select(Instrument.id).order_by(Instrument.id))),
        directions={d.name: d.id for d in session.scalars(select(Direction))},
        stages=[
            StageInfo(t.id, t.name, t.goal)
            for t in session.scalars(select(Stage).order_by(Stage.id))
        ],
        rules={
            r.kind: RuleInfo(r.id, r.title, max(r.threshold_days or 0, 0))
            for r in session.scalars(select(PrizRule).where(PrizRule.active.is_(True)))
        },
        checklists=_checklists(session),
        scripts=_scripts(session),
        quality=load_settings(session),
    )


def _checklists(session: Session) -> dict[int, ChecklistInfo]:
    """The latest version of each stage's first check-list, as the demo's reviews use it."""
    out: dict[int, ChecklistInfo] = {}
    for template in session.scalars(
        select(ChecklistTemplate)
        .where(ChecklistTemplate.stage_id.is_not(None))
        .order_by(ChecklistTemplate.id)
    ):
        if template.stage_id is None or template.stage_id in out or not template.versions:
            continue
        version = template.versions[-1]
        sections = sorted(version.sections, key=lambda s: s.position)
        out[template.stage_id] = ChecklistInfo(
            version.id,
            version.pass_mark,
            [s.weight for s in sections],
            [
                CriterionInfo(
                    c.id, c.text, c.points, Scale(c.scale).top, c.critical, c.may_be_na,
                    c.comment_on_miss, i, frozenset(checked_steps(s.title, c.text)),
                )
                for i, s in enumerate(sections)
                for c in sorted(s.criteria, key=lambda c: c.position)
            ],
            template.name,
        )  # fmt: skip
    return out


def _scripts(session: Session) -> dict[int, ScriptInfo]:
    """Each stage's call script, as the call screen finds it (`library.for_stage`)."""
    out: dict[int, ScriptInfo] = {}
    for stage_id in session.scalars(select(Stage.id).order_by(Stage.id)):
        version = library.for_stage(session, stage_id)
        if version is None or not version.steps:
            continue
        branches = list(version.branches)
        out[stage_id] = ScriptInfo(
            version.script.name,
            version.number,
            version.id,
            branches,
            [
                (s.position, s.title, bool(branches) and len(s.texts) > 1)
                for s in sorted(version.steps, key=lambda s: s.position)
            ],
        )
    return out


def add_employees(session: Session) -> dict[Role, list[int]]:
    by_role: dict[Role, list[int]] = {role: [] for role in Role}
    for full_name, login, role in names.EMPLOYEES:
        existing = session.scalar(select(Employee).where(Employee.login == login))
        employee = existing or Employee(full_name=full_name, login=login, role=Role(role))
        session.add(employee)
        session.flush()
        by_role[employee.role].append(employee.id)
    # two groups: the first half of the operators works for the first supervisor, the rest for
    # the second («Руководитель группы»)
    operators, chiefs = by_role[Role.OPERATOR], by_role[Role.SUPERVISOR]
    if chiefs:
        half = (len(operators) + 1) // 2
        for i, operator_id in enumerate(operators):
            member = session.get(Employee, operator_id)
            if member is not None and member.supervisor_id is None:
                member.supervisor_id = chiefs[min(i // half, len(chiefs) - 1)]
        session.flush()
    return by_role


class GeneratorBase:
    """The state of one generation; each part (`ClientMaker`, `WorkMaker`, ...) adds its tables.

    The parts run in a fixed order (`generator._Generator.run`) and draw from one random
    generator, so the same seed and day give the same rows."""

    # made by one part for the later ones, per client or person id (index 0 is unused)
    client_region: list[str]
    client_name: list[str]
    client_inn: list[str]
    client_responsible: list[int]
    client_address: list[str]
    client_owner: list[tuple[str, str, str] | None]
    service_ends: list[tuple[int, str]]
    first_person: list[int]
    person_count: list[int]
    person_phone: list[int]
    person_names: list[str]
    person_phones: list[list[str]]
    person_email: list[str | None]
    person_interest: list[str | None]
    client_head: list[int]
    client_accountant: list[int]
    expired: list[tuple[int, int]]
    competitors: list[tuple[int, str]]
    payment_contact: dict[int, int]
    qc_calls: list[QcCall]
    overdue: list[tuple[int, str, int]]
    broken_promise: list[tuple[int, int, int]]

    def __init__(
        self,
        writer: BulkWriter,
        dicts: Dictionaries,
        staff: dict[Role, list[int]],
        clients: int,
        seed: int,
        as_of: date,
        progress: Progress | None,
        cancelled: Callable[[], bool] | None,
    ) -> None:
        self.w = writer
        self.d = dicts
        self.operators = staff[Role.OPERATOR]
        self.supervisors = staff[Role.SUPERVISOR] or self.operators
        self.n = clients
        self.seed = seed
        self.rng = random.Random(seed)
        self.as_of = as_of
        self.progress = progress
        self.cancelled = cancelled
        # the part being made spans this share of the whole: progress only moves forward
        self.part_from, self.part_span = 0.0, 1.0
        self.done = 0.0
        self.every = max(1, clients // 100)  # clients between two progress reports
        # day offsets relative to as_of -> ISO strings, precomputed once
        self._day0 = 4000  # from about eleven years back to six years ahead
        self.days = [(as_of + timedelta(days=k - self._day0)).isoformat() for k in range(6200)]
        self.now = (
            datetime.now(UTC).replace(tzinfo=None).isoformat(sep=" ", timespec="microseconds")
        )
        # working minutes 09:00-17:59 Moscow time as UTC clock strings
        self.times = [f"{h:02d}:{m:02d}:00.000000" for h in range(6, 15) for m in range(60)]

    # -- helpers -------------------------------------------------------------------------------
    def day(self, offset: int) -> str:
        index = offset + self._day0
        if not 0 <= index < len(self.days):
            raise ValueError(f"day offset {offset} is outside the generator's calendar")
        return self.days[index]

    def part(self, share_from: float, share_to: float) -> None:
        """The part made next spans [share_from, share_to] of the whole generation."""
        self.part_from, self.part_span = share_from, share_to - share_from

    def step(self, what: str, done: float) -> None:
        """`done` of the current part (0..1) is made; reported as the share of the whole."""
        if self.cancelled is not None and self.cancelled():
            raise Cancelled
        self.done = max(self.done, self.part_from + self.part_span * min(max(done, 0.0), 1.0))
        if self.progress is not None:
            self.progress(what, self.done)

    def advance(self, what: str, cid: int) -> None:
        """Client `cid` of the current part is made: a step every hundredth of the clients."""
        if cid % self.every == 0:
            self.step(what, cid / self.n)

    def flush(self, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]) -> None:
        self.w.write(table, columns, rows)
        rows.clear()

    def person_name(self) -> tuple[str, str, str, bool]:
        r = self.rng.random
        female = r() < 0.7
        surname = names.SURNAMES[int(r() * len(names.SURNAMES))][female]
        first = names.FEMALE_NAMES if female else names.MALE_NAMES
        first_name = first[int(r() * len(first))]
        patronymic = names.PATRONYMICS[int(r() * len(names.PATRONYMICS))][female]
        return surname, first_name, patronymic, female

    def phone(self, region_code: str, mobile: bool) -> str:
        r = self.rng.random
        city = self.d.phone_codes.get(region_code)
        code = "9" + str(11 + int(r() * 89)) if mobile or not city else city
        rest = 10 - len(code)
        return "7" + code + str(int(r() * 10**rest)).zfill(rest)
