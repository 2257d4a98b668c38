"""The default call scripts, one per stage (`resources/scripts/*.toml`), for a new database."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from ric_desk.models import CallScript, CallScriptVersion, Stage
from ric_desk.resources import load_default_scripts
from ric_desk.scripts.answers import join_answers
from ric_desk.scripts.versions import ScriptDraft, StepDraft, normalize_text, publish


def _step(data: dict[str, Any], branches: list[str]) -> StepDraft:
    answers = data.get("expected_answers")
    if isinstance(answers, list):  # one per branch
        answers = join_answers(branches, [normalize_text(a) for a in answers])
    elif answers is not None:
        answers = normalize_text(answers)
    return StepDraft(
        title=normalize_text(data["title"]),
        texts=[normalize_text(t) for t in data["texts"]],
        expected_answers=answers,
    )


def default_drafts() -> list[ScriptDraft]:
    drafts = []
    for data in load_default_scripts():
        branches = list(data.get("branches", []))
        drafts.append(
            ScriptDraft(
                name=data["name"],
                title=data["title"],
                goal=normalize_text(data["goal"]) if data.get("goal") else None,
                tasks=[normalize_text(t) for t in data.get("tasks", [])],
                branches=branches,
                steps=[_step(s, branches) for s in data["step"]],
                stage_id=data.get("stage"),
            )
        )
    return drafts


def add_default_scripts(session: Session) -> list[CallScriptVersion]:
    """Publish version 1 of each default script whose stage is in the database (flushed)."""
    stages = set(session.scalars(select(Stage.id)))
    return [
        publish(session, draft)
        for draft in default_drafts()
        if draft.stage_id is None or draft.stage_id in stages
    ]


def has_scripts(session: Session) -> bool:
    return session.scalar(select(CallScript.id).limit(1)) is not None
