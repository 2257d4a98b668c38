"""The default check-lists, one per sheet of seed 002's workbook
(`resources/defaults/checklists.toml`), for a new database or one from before revision 0006."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ric_desk.checklists.templates import (
    CriterionDraft,
    Published,
    SectionDraft,
    TemplateDraft,
    publish,
)
from ric_desk.models import ChecklistTemplate, Stage
from ric_desk.models.checklists import DEFAULT_PASS_MARK, Scale
from ric_desk.resources import load_defaults


def _criterion(data: str | dict[str, Any]) -> CriterionDraft:
    if isinstance(data, str):
        return CriterionDraft(text=data)
    return CriterionDraft(
        text=data["text"],
        hint=data.get("hint"),
        scale=Scale(data.get("scale", Scale.YES_NO.value)),
        points=data.get("points", 1),
        critical=data.get("critical", False),
        may_be_na=data.get("may_be_na", False),
        comment_on_miss=data.get("comment_on_miss", False),
    )


def default_drafts() -> list[TemplateDraft]:
    return [
        TemplateDraft(
            name=data["name"],
            sheet_name=data["sheet"],
            stage_id=data.get("stage"),
            pass_mark=data.get("pass_mark", DEFAULT_PASS_MARK),
            sections=[
                SectionDraft(
                    title=s["title"],
                    weight=s.get("weight", 1),
                    criteria=[_criterion(c) for c in s["criteria"]],
                )
                for s in data["section"]
            ],
        )
        for data in load_defaults("checklists")["checklist"]
    ]


def add_default_checklists(session: Session) -> list[Published]:
    """Publish version 1 of each default check-list (without a stage the database lacks)."""
    stages = set(session.scalars(select(Stage.id)))
    published = []
    for draft in default_drafts():
        if draft.stage_id is not None and draft.stage_id not in stages:
            draft.stage_id = None
        published.append(publish(session, draft))
    return published


def has_checklists(session: Session) -> bool:
    return session.scalar(select(ChecklistTemplate.id).limit(1)) is not None
