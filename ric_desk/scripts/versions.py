"""Publishing call-script versions: a published one is never edited, a change is a new number."""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ric_desk.errors import UserError
from ric_desk.models import CallScript, CallScriptStep, CallScriptVersion


@dataclass
class StepDraft:
    title: str
    texts: list[str]  # one per branch, or a single text shared by all branches
    expected_answers: str | None = None


@dataclass
class ScriptDraft:
    name: str
    title: str
    goal: str | None = None
    tasks: list[str] = field(default_factory=list)
    branches: list[str] = field(default_factory=list)
    steps: list[StepDraft] = field(default_factory=list)
    stage_id: int | None = None


def normalize_text(text: str) -> str:
    """Text as a script keeps it: no spaces at line ends, no blank lines around it."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    return "\n".join(line.rstrip() for line in lines).strip()


def validate(draft: ScriptDraft) -> None:
    if not draft.name.strip():
        raise UserError("У скрипта должно быть название.")
    if not draft.steps:
        raise UserError(f"В скрипте «{draft.name}» нет ни одного шага.")
    width = max(len(draft.branches), 1)
    for number, step in enumerate(draft.steps, start=1):
        if not step.title.strip():
            raise UserError(f"Скрипт «{draft.name}», шаг {number}: нет названия шага.")
        if len(step.texts) not in (1, width):
            raise UserError(
                f"Скрипт «{draft.name}», шаг {number}: текстов {len(step.texts)}, "
                f"а ветвей {width}; нужен один общий текст или по тексту на ветвь."
            )


def publish(
    session: Session, draft: ScriptDraft, author_id: int | None = None
) -> CallScriptVersion:
    """Store `draft` as the next version of the script of that name (creating the script)."""
    validate(draft)
    script = session.scalar(select(CallScript).where(CallScript.name == draft.name))
    if script is None:
        script = CallScript(name=draft.name, stage_id=draft.stage_id)
        session.add(script)
        session.flush()
    elif draft.stage_id is not None:
        script.stage_id = draft.stage_id
    last = session.scalar(
        select(func.max(CallScriptVersion.number)).where(CallScriptVersion.script_id == script.id)
    )
    version = CallScriptVersion(
        script_id=script.id,
        number=(last or 0) + 1,
        title=draft.title,
        goal=draft.goal,
        tasks=list(draft.tasks),
        branches=list(draft.branches),
        author_id=author_id,
        steps=[
            CallScriptStep(
                position=i, title=s.title, texts=list(s.texts), expected_answers=s.expected_answers
            )
            for i, s in enumerate(draft.steps, start=1)
        ],
    )
    session.add(version)
    session.flush()
    return version


def latest(session: Session, name: str) -> CallScriptVersion | None:
    return session.scalar(
        select(CallScriptVersion)
        .join(CallScript)
        .where(CallScript.name == name)
        .order_by(CallScriptVersion.number.desc())
        .limit(1)
    )


def to_draft(version: CallScriptVersion) -> ScriptDraft:
    """A published version as a draft: to export it, or to edit it into the next version."""
    return ScriptDraft(
        name=version.script.name,
        title=version.title,
        goal=version.goal,
        tasks=list(version.tasks),
        branches=list(version.branches),
        steps=[
            StepDraft(s.title, list(s.texts), s.expected_answers)
            for s in sorted(version.steps, key=lambda s: s.position)
        ],
        stage_id=version.script.stage_id,
    )
