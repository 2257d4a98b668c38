"""What the check-lists' screen reads and does: the templates with their current version, one
version whole (for the tree and the export), and a workbook imported as the next versions.

Reads return frozen data classes, never ORM objects. Check-lists are edited in Excel: a version
is exported, changed in the workbook and imported; a changed check-list is published as its next
version (`ric_desk.checklists.templates.publish`), an unchanged one publishes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import func, select
from sqlalchemy.orm import Session, selectinload

from ric_desk.actor import Actor
from ric_desk.changes import NOTHING, Changes, Done
from ric_desk.checklists.access import require_reader, require_scorer
from ric_desk.checklists.templates import (
    SectionDraft,
    TemplateDraft,
    check_publishable,
    publish,
    to_draft,
)
from ric_desk.errors import NotFound
from ric_desk.models import (
    ChecklistCriterion,
    ChecklistSection,
    ChecklistTemplate,
    ChecklistVersion,
    Stage,
)


@dataclass(frozen=True)
class TemplateRow:
    """A template with its latest version, for the list."""

    template_id: int
    name: str
    sheet_name: str
    stage_id: int | None
    stage: str  # "" without a stage
    version: int  # the latest version's number
    published_at: datetime
    pass_mark: int
    sections: int
    criteria: int


def template_rows(session: Session, actor: Actor) -> list[TemplateRow]:
    """Every template with its latest version, by name."""
    require_reader(actor)
    latest = (
        select(
            ChecklistVersion.template_id,
            func.max(ChecklistVersion.number).label("number"),
        )
        .group_by(ChecklistVersion.template_id)
        .subquery()
    )
    criteria = (
        select(ChecklistSection.version_id, func.count(ChecklistCriterion.id).label("n"))
        .join(ChecklistCriterion, ChecklistCriterion.section_id == ChecklistSection.id)
        .group_by(ChecklistSection.version_id)
        .subquery()
    )
    sections = (
        select(ChecklistSection.version_id, func.count(ChecklistSection.id).label("n"))
        .group_by(ChecklistSection.version_id)
        .subquery()
    )
    rows = session.execute(
        select(
            ChecklistTemplate.id,
            ChecklistTemplate.name,
            ChecklistTemplate.sheet_name,
            ChecklistTemplate.stage_id,
            Stage.name,
            ChecklistVersion.number,
            ChecklistVersion.created_at,
            ChecklistVersion.pass_mark,
            sections.c.n,
            criteria.c.n,
        )
        .join(latest, latest.c.template_id == ChecklistTemplate.id)
        .join(
            ChecklistVersion,
            (ChecklistVersion.template_id == ChecklistTemplate.id)
            & (ChecklistVersion.number == latest.c.number),
        )
        .outerjoin(Stage, Stage.id == ChecklistTemplate.stage_id)
        .outerjoin(sections, sections.c.version_id == ChecklistVersion.id)
        .outerjoin(criteria, criteria.c.version_id == ChecklistVersion.id)
        .order_by(ChecklistTemplate.name)
    ).all()
    return [
        TemplateRow(
            template_id=r[0],
            name=r[1],
            sheet_name=r[2] or "",
            stage_id=r[3],
            stage=r[4] or "",
            version=r[5],
            published_at=r[6],
            pass_mark=r[7],
            sections=r[8] or 0,
            criteria=r[9] or 0,
        )
        for r in rows
    ]


@dataclass(frozen=True)
class VersionStamp:
    number: int
    published_at: datetime


@dataclass(frozen=True)
class VersionView:
    """One published version whole, with the list of its template's versions."""

    template_id: int
    name: str
    sheet_name: str
    stage_id: int | None
    stage: str
    number: int
    published_at: datetime
    pass_mark: int
    draft: TemplateDraft  # the version's sections and criteria, as the workbook writes them
    versions: tuple[VersionStamp, ...]  # every version of the template, the newest first

    @property
    def sections(self) -> tuple[SectionDraft, ...]:
        return tuple(self.draft.sections)

    @property
    def is_latest(self) -> bool:
        return bool(self.versions) and self.versions[0].number == self.number


def version_view(
    session: Session, actor: Actor, template_id: int, number: int | None = None
) -> VersionView:
    """Version `number` of the template (its latest when None), sections and criteria in order."""
    require_reader(actor)
    stamps = tuple(
        VersionStamp(n, at)
        for n, at in session.execute(
            select(ChecklistVersion.number, ChecklistVersion.created_at)
            .where(ChecklistVersion.template_id == template_id)
            .order_by(ChecklistVersion.number.desc())
        )
    )
    if not stamps:
        raise NotFound("Этого чек-листа больше нет в базе: обновите список.")
    wanted = stamps[0].number if number is None else number
    version = session.scalar(
        select(ChecklistVersion)
        .where(ChecklistVersion.template_id == template_id, ChecklistVersion.number == wanted)
        .options(
            selectinload(ChecklistVersion.template),
            selectinload(ChecklistVersion.sections).selectinload(ChecklistSection.criteria),
        )
    )
    if version is None:
        raise NotFound(f"Версии {wanted} у этого чек-листа нет: обновите список.")
    draft = to_draft(version)
    stage = session.get(Stage, draft.stage_id) if draft.stage_id is not None else None
    return VersionView(
        template_id=template_id,
        name=draft.name,
        sheet_name=draft.sheet_name,
        stage_id=draft.stage_id,
        stage=stage.name if stage is not None else "",
        number=version.number,
        published_at=version.created_at,
        pass_mark=draft.pass_mark,
        draft=draft,
        versions=stamps,
    )


@dataclass(frozen=True)
class ImportedChecklist:
    """What importing did with one check-list of a workbook."""

    name: str
    sheet_name: str
    number: int  # the version it is now at
    new_version: bool  # False: it equalled its latest version, nothing was published
    stage_id: int | None
    stage_changed: bool
    sections: int
    criteria: int


@dataclass(frozen=True)
class ImportSummary:
    checklists: tuple[ImportedChecklist, ...]
    empty_sheets: tuple[str, ...]  # skipped: nothing on them

    @property
    def published(self) -> int:
        return sum(1 for c in self.checklists if c.new_version)


def publish_all(session: Session, drafts: list[TemplateDraft]) -> list[ImportedChecklist]:
    """Every draft checked before any is written, then each published (a changed one as its
    next version, an unchanged one not at all). Flushed, not committed."""
    for draft in drafts:
        check_publishable(session, draft)
    done = []
    for draft in drafts:
        published = publish(session, draft)
        done.append(
            ImportedChecklist(
                name=draft.name,
                sheet_name=draft.sheet_name,
                number=published.version.number,
                new_version=published.new_version,
                stage_id=published.template.stage_id,
                stage_changed=published.stage_changed,
                sections=len(draft.sections),
                criteria=sum(len(s.criteria) for s in draft.sections),
            )
        )
    return done


def import_workbook(session: Session, actor: Actor, path: Path) -> Done[ImportSummary]:
    """The workbook at `path` read and checked whole (refused in words, with its sheet and row,
    before anything is written), then its check-lists published in this transaction."""
    from ric_desk.checklists.workbook import read_checklists

    require_scorer(actor)
    contents = read_checklists(path)
    done = publish_all(session, contents.drafts)
    changed = any(c.new_version or c.stage_changed for c in done)
    summary = ImportSummary(tuple(done), tuple(contents.empty_sheets))
    return Done(summary, Changes(dictionaries=True) if changed else NOTHING)


@dataclass(frozen=True)
class Exported:
    name: str
    sheet_name: str
    number: int
    target: Path


def export_version(
    session: Session, actor: Actor, template_id: int, number: int, target: Path
) -> Exported:
    """Version `number` of the template to a workbook `read_checklists` reads back as it is."""
    from ric_desk.checklists.workbook import write_checklist

    view = version_view(session, actor, template_id, number)
    write_checklist(view.draft, target)
    return Exported(view.name, view.sheet_name, view.number, target)
