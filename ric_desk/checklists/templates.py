"""Check-list templates: drafts, their checks, and publishing them as frozen versions.

A version is published whole and never changes (`ric_desk.models.checklists` guards it); a
changed draft is published as the template's next version, an identical one publishes nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session, joinedload, selectinload

from ric_desk.errors import UserError
from ric_desk.models import (
    ChecklistCriterion,
    ChecklistSection,
    ChecklistTemplate,
    ChecklistVersion,
    Stage,
)
from ric_desk.models.checklists import DEFAULT_PASS_MARK, Scale
from ric_desk.validation import clean_field, clip

NAME_LIMIT = 300  # ChecklistTemplate.name
SHEET_LIMIT = 31  # Excel's limit for a sheet's name
SECTION_LIMIT = 500
CRITERION_LIMIT = 2000
HINT_LIMIT = 2000
WEIGHT_MAX = 100
POINTS_MAX = 100
MAX_SECTIONS = 100
MAX_CRITERIA = 500
SHEET_FORBIDDEN = re.compile(r"[\[\]:*?/\\]")


@dataclass
class CriterionDraft:
    text: str
    hint: str | None = None
    scale: Scale = Scale.YES_NO
    points: int = 1
    critical: bool = False
    may_be_na: bool = False
    comment_on_miss: bool = False


@dataclass
class SectionDraft:
    title: str
    weight: int = 1
    criteria: list[CriterionDraft] = field(default_factory=list)


@dataclass
class TemplateDraft:
    name: str
    sheet_name: str
    sections: list[SectionDraft] = field(default_factory=list)
    pass_mark: int = DEFAULT_PASS_MARK
    stage_id: int | None = None  # None: the template keeps the stage it has

    def content(self) -> tuple[object, ...]:
        """What a version freezes (the name, sheet and stage belong to the template)."""
        return (
            self.pass_mark,
            tuple(
                (
                    s.title,
                    s.weight,
                    tuple(
                        (
                            c.text,
                            c.hint,
                            c.scale,
                            c.points,
                            c.critical,
                            c.may_be_na,
                            c.comment_on_miss,
                        )
                        for c in s.criteria
                    ),
                )
                for s in self.sections
            ),
        )


def sheet_name_problem(name: str) -> str | None:
    """Why `name` cannot be a sheet's name in Excel, or None."""
    if not name.strip():
        return "пустое название листа"
    if len(name) > SHEET_LIMIT:
        return f"название листа длиннее {SHEET_LIMIT} знаков"
    if SHEET_FORBIDDEN.search(name):
        return "в названии листа знаки [ ] : * ? / \\, которых Excel не допускает"
    if name.startswith("'") or name.endswith("'"):
        return "название листа начинается или кончается апострофом"
    return None


def validate(draft: TemplateDraft) -> None:
    """Refuse, in words, a draft that cannot be published."""
    name = f"Чек-лист «{clip(draft.name)}»"
    if not draft.name.strip():
        raise UserError("У чек-листа должно быть название.")
    _clean(draft.name, name, "название")
    if len(draft.name) > NAME_LIMIT:
        raise UserError(f"{name}: название длиннее {NAME_LIMIT} знаков.")
    problem = sheet_name_problem(draft.sheet_name)
    if problem:
        raise UserError(f"{name}: {problem}.")
    if not 0 <= draft.pass_mark <= 100:
        raise UserError(f"{name}: проходной балл {draft.pass_mark} — нужно от 0 до 100 %.")
    if not draft.sections:
        raise UserError(f"{name}: нет ни одного раздела.")
    if len(draft.sections) > MAX_SECTIONS:
        raise UserError(
            f"{name}: разделов {len(draft.sections)}, а можно не больше {MAX_SECTIONS}."
        )
    count = sum(len(s.criteria) for s in draft.sections)
    if count > MAX_CRITERIA:
        raise UserError(f"{name}: критериев {count}, а можно не больше {MAX_CRITERIA}.")
    for number, section in enumerate(draft.sections, start=1):
        where = f"{name}, раздел {number} «{clip(section.title)}»"
        if not section.title.strip() or len(section.title) > SECTION_LIMIT:
            raise UserError(f"{where}: нужно название раздела до {SECTION_LIMIT} знаков.")
        if section.title.startswith("-"):
            raise UserError(f"{where}: с «-» начинаются критерии, а не разделы.")
        _clean(section.title, where, "раздел")
        if not 1 <= section.weight <= WEIGHT_MAX:
            raise UserError(f"{where}: вес {section.weight} — нужно целое от 1 до {WEIGHT_MAX}.")
        if not section.criteria:
            raise UserError(f"{where}: нет ни одного критерия.")
        for criterion in section.criteria:
            what = f"{where}, критерий «{clip(criterion.text)}»"
            if not criterion.text.strip() or len(criterion.text) > CRITERION_LIMIT:
                raise UserError(f"{what}: нужен текст критерия до {CRITERION_LIMIT} знаков.")
            if criterion.hint is not None and len(criterion.hint) > HINT_LIMIT:
                raise UserError(f"{what}: подсказка длиннее {HINT_LIMIT} знаков.")
            _clean(criterion.text, what, "критерий", multiline=True)
            _clean(criterion.hint, what, "подсказка", multiline=True)
            if not 1 <= criterion.points <= POINTS_MAX:
                raise UserError(
                    f"{what}: баллов {criterion.points} — нужно целое от 1 до {POINTS_MAX}."
                )


def _clean(text: str | None, where: str, label: str, *, multiline: bool = False) -> None:
    """Text as `clean_field` keeps it: no control characters, no outer spaces, composed."""
    if text is None:
        return
    try:
        kept = clean_field(text, label, None, multiline=multiline)
    except UserError as exc:
        raise UserError(f"{where}: {exc.message[0].lower()}{exc.message[1:]}") from None
    if kept != text:
        raise UserError(f"{where}: {label} пустой, с пробелами по краям или не в форме NFC.")


@dataclass(frozen=True)
class Published:
    template: ChecklistTemplate
    version: ChecklistVersion
    new_version: bool  # False: the draft was the latest version already
    stage_changed: bool = False


def _template(session: Session, name: str) -> ChecklistTemplate | None:
    return session.scalar(select(ChecklistTemplate).where(ChecklistTemplate.name == name))


def check_publishable(session: Session, draft: TemplateDraft) -> None:
    """Everything `publish` would refuse, checked before anything is written."""
    validate(draft)
    if draft.stage_id is not None and session.get(Stage, draft.stage_id) is None:
        raise UserError(
            f"Чек-лист «{clip(draft.name)}»: этапа {draft.stage_id} нет "
            "(этапы работы с клиентом — 1-7)."
        )
    holder = session.scalar(
        select(ChecklistTemplate).where(ChecklistTemplate.sheet_name == draft.sheet_name)
    )
    if holder is not None and holder.name != draft.name:
        raise UserError(
            f"Лист «{draft.sheet_name}» в базе — у чек-листа «{clip(holder.name)}», а в книге на "
            f"нём «{clip(draft.name)}»: верните заголовок или переименуйте лист."
        )


def publish(session: Session, draft: TemplateDraft) -> Published:
    """Publish `draft` as the next version of the template of its name (creating the template);
    nothing new when it equals the latest version. Flushed, not committed."""
    check_publishable(session, draft)
    template = _template(session, draft.name)
    if template is None:
        template = ChecklistTemplate(
            name=draft.name, sheet_name=draft.sheet_name, stage_id=draft.stage_id
        )
        session.add(template)
        session.flush()
        stage_changed = False
    else:
        stage_changed = draft.stage_id is not None and template.stage_id != draft.stage_id
        if stage_changed:
            template.stage_id = draft.stage_id
        if template.sheet_name != draft.sheet_name:
            template.sheet_name = draft.sheet_name
        last = latest(session, draft.name)
        if last is not None and to_draft(last).content() == draft.content():
            session.flush()
            return Published(template, last, new_version=False, stage_changed=stage_changed)
    number = session.scalar(
        select(func.max(ChecklistVersion.number)).where(ChecklistVersion.template_id == template.id)
    )
    version = ChecklistVersion(
        template_id=template.id,
        number=(number or 0) + 1,
        title=draft.name,
        pass_mark=draft.pass_mark,
        sections=[
            ChecklistSection(
                position=i,
                title=s.title,
                weight=s.weight,
                criteria=[
                    ChecklistCriterion(
                        position=j,
                        text=c.text,
                        hint=c.hint,
                        scale=c.scale,
                        points=c.points,
                        critical=c.critical,
                        may_be_na=c.may_be_na,
                        comment_on_miss=c.comment_on_miss,
                    )
                    for j, c in enumerate(s.criteria, start=1)
                ],
            )
            for i, s in enumerate(draft.sections, start=1)
        ],
    )
    session.add(version)
    session.flush()
    return Published(template, version, new_version=True, stage_changed=stage_changed)


def _versions() -> Select[ChecklistVersion]:
    return (
        select(ChecklistVersion)
        .join(ChecklistTemplate)
        .options(
            joinedload(ChecklistVersion.template),
            selectinload(ChecklistVersion.sections).selectinload(ChecklistSection.criteria),
        )
    )


def latest(session: Session, name: str) -> ChecklistVersion | None:
    """The latest version of the template called `name`, or whose sheet is `name`; loaded whole."""
    for column in (ChecklistTemplate.name, ChecklistTemplate.sheet_name):
        version = session.scalar(
            _versions().where(column == name).order_by(ChecklistVersion.number.desc()).limit(1)
        )
        if version is not None:
            return version
    return None


def sheet_names(session: Session) -> list[str]:
    """The templates' sheets (a template without one by its name), for a refusal's advice."""
    rows = session.execute(select(ChecklistTemplate.sheet_name, ChecklistTemplate.name))
    return sorted(sheet or name for sheet, name in rows)


def to_draft(version: ChecklistVersion) -> TemplateDraft:
    """A published version as a draft: to export it, compare it, or edit it into the next one."""
    return TemplateDraft(
        name=version.template.name,
        sheet_name=version.template.sheet_name or version.template.name[:SHEET_LIMIT],
        pass_mark=version.pass_mark,
        stage_id=version.template.stage_id,
        sections=[
            SectionDraft(
                title=s.title,
                weight=s.weight,
                criteria=[
                    CriterionDraft(
                        text=c.text,
                        hint=c.hint,
                        scale=Scale(c.scale),
                        points=c.points,
                        critical=c.critical,
                        may_be_na=c.may_be_na,
                        comment_on_miss=c.comment_on_miss,
                    )
                    for c in sorted(s.criteria, key=lambda c: c.position)
                ],
            )
            for s in sorted(version.sections, key=lambda s: s.position)
        ],
    )
