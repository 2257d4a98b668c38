"""What the review screens show: the call, its script path, the check-list's sections and marks,
a review's summary and detail (built by `reviews`)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from fractions import Fraction
from typing import Any

from ric_desk.checklists.scoring import percent_text
from ric_desk.models import (
    DisputeOutcome,
    ReviewKind,
    ReviewState,
)

BY_SCRIPT = "по скрипту"


# -- views -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class PathStep:
    step: int
    title: str
    branch: str | None


@dataclass(frozen=True)
class ScriptPathView:
    """The script path recorded on the contact, and the steps of its script not taken."""

    script: str
    version: int | None
    steps: list[PathStep]
    skipped: list[PathStep]  # known when the script version is still in the database


@dataclass(frozen=True)
class CallFacts:
    contact_id: int
    work_id: int
    work_number: int
    at: datetime | None
    duration_sec: int | None
    operator_id: int | None
    operator: str
    client_id: int
    client: str
    person: str
    stage_id: int | None
    stage: str
    closing_reason: str
    result: str
    goal_answers: list[dict[str, str]]
    priz: list[str]  # the ПРИЗ items marked in the contact's work: "title — state/result"
    instruments: list[tuple[str, int]]
    recording: str | None = None  # a file path or a URL of the call's recording


@dataclass(frozen=True)
class Prefill:
    grade: int
    comment: str
    label: str = BY_SCRIPT


@dataclass(frozen=True)
class Given:
    """A mark as the screen sends it: `grade` None is "not applicable"; `by_script` when the
    supervisor left the script's pre-filled mark as it was."""

    grade: int | None
    comment: str | None = None
    by_script: bool = False


@dataclass(frozen=True)
class MarkView:
    grade: int | None  # None: not applicable
    comment: str | None
    by_script: bool

    @property
    def label(self) -> str:
        return BY_SCRIPT if self.by_script else ""


@dataclass(frozen=True)
class CriterionView:
    id: int
    text: str
    hint: str | None
    scale: str
    top: int
    points: int
    critical: bool
    may_be_na: bool
    comment_on_miss: bool
    mark: MarkView | None  # None: not scored yet
    prefill: Prefill | None  # what the script path says, if anything


@dataclass(frozen=True)
class SectionView:
    title: str
    weight: int
    criteria: list[CriterionView]
    percent: Fraction | None = None  # on a scored review


@dataclass(frozen=True)
class TemplateChoice:
    version_id: int
    name: str
    stage_id: int | None


@dataclass(frozen=True)
class ReviewSummary:
    id: int
    contact_id: int
    contact_at: datetime | None
    operator_id: int | None
    operator: str
    supervisor_id: int
    supervisor: str
    kind: ReviewKind
    state: ReviewState
    version_id: int
    checklist: str
    row_version: int  # for the optimistic check of the next save
    reviewed_at: datetime
    published_at: datetime | None
    acknowledged_at: datetime | None
    hidden: bool  # a calibration partner's, not to be seen yet: no marks, no total
    total: Fraction | None = None
    without_critical: Fraction | None = None
    critical_miss: bool = False
    passed: bool | None = None
    open_disputes: int = 0

    @property
    def total_text(self) -> str:
        return "скрыто до публикации обеих оценок" if self.hidden else percent_text(self.total)


@dataclass(frozen=True)
class ReviewScreen:
    """What the review screen needs for one call."""

    call: CallFacts
    path: ScriptPathView | None
    choices: list[TemplateChoice]  # the stage's check-lists first
    version_id: int | None  # the check-list pre-selected (None: the stage has none)
    sections: list[SectionView]
    review: ReviewSummary | None  # the supervisor's own review of the call, if begun
    others: list[ReviewSummary]  # the other reviews of the call the supervisor may see
    held: bool  # the supervisor holds the call (needed to save a sample's or targeted review)
    pass_mark: int | None = None  # of the check-list pre-selected
    comment: str | None = None  # the supervisor's own review's comment on the whole call

    def prefilled(self) -> dict[int, Given]:
        """The marks to send as they stand: the review's own, else the script's pre-fill."""
        out: dict[int, Given] = {}
        for section in self.sections:
            for c in section.criteria:
                if c.mark is not None:
                    out[c.id] = Given(c.mark.grade, c.mark.comment, c.mark.by_script)
                elif c.prefill is not None:
                    out[c.id] = Given(c.prefill.grade, c.prefill.comment, True)
        return out


@dataclass(frozen=True)
class DisputeView:
    id: int
    criterion_id: int
    criterion: str
    comment: str
    raised_at: datetime
    resolved_by: str
    resolved_at: datetime | None
    outcome: DisputeOutcome | None
    resolution: str | None
    row_version: int


@dataclass(frozen=True)
class EventView:
    at: datetime
    who: str
    action: str
    detail: dict[str, Any] | None


@dataclass(frozen=True)
class ReviewDetail:
    summary: ReviewSummary
    comment: str | None
    sections: list[SectionView]
    disputes: list[DisputeView]
    history: list[EventView] = field(default_factory=list)


# -- loading -----------------------------------------------------------------------------------
