"""The script path a call took, and the criteria it answers: a criterion checks a script step when
its section is titled as the step, or its text names the step in «»; a step the operator
skipped pre-marks its criteria missed «по скрипту» (see `reviews`)."""

from __future__ import annotations

import re
import unicodedata
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from ric_desk.checklists.review_views import (
    BY_SCRIPT,
    PathStep,
    Prefill,
    ScriptPathView,
)
from ric_desk.models import (
    CallScript,
    CallScriptVersion,
    ChecklistCriterion,
    ChecklistSection,
    ChecklistVersion,
)


def normalized(text: str) -> str:
    """A title as matched: case, ё/е, punctuation and spacing ignored."""
    text = unicodedata.normalize("NFC", text).casefold().replace("ё", "е")
    return " ".join(re.findall(r"\w+", text))


QUOTED = re.compile(r"«([^»]+)»")


def script_path(session: Session, raw: dict[str, Any] | None) -> ScriptPathView | None:
    """The recorded path, with the steps of its script version the operator did not take."""
    if not raw or not isinstance(raw.get("steps"), list):
        return None
    steps = [
        PathStep(int(s.get("step") or 0), str(s.get("title") or ""), s.get("branch"))
        for s in raw["steps"]
        if isinstance(s, dict)
    ]
    version = None
    if isinstance(raw.get("version_id"), int):
        version = session.scalar(
            select(CallScriptVersion)
            .where(CallScriptVersion.id == raw["version_id"])
            .options(selectinload(CallScriptVersion.steps))
        )
    if version is None and raw.get("script") and isinstance(raw.get("version"), int):
        version = session.scalar(
            select(CallScriptVersion)
            .join(CallScript)
            .where(CallScript.name == raw["script"], CallScriptVersion.number == raw["version"])
            .options(selectinload(CallScriptVersion.steps))
        )
    skipped: list[PathStep] = []
    if version is not None:
        taken = {s.step for s in steps}
        skipped = [
            PathStep(s.position, s.title, None) for s in version.steps if s.position not in taken
        ]
    number = raw.get("version")
    return ScriptPathView(
        str(raw.get("script") or ""), number if isinstance(number, int) else None, steps, skipped
    )


def checked_steps(section_title: str, criterion_text: str) -> set[str]:
    """The script steps (normalized titles) a criterion checks: its section's title, and any
    step its text names in «»."""
    return {normalized(section_title)} | {normalized(q) for q in QUOTED.findall(criterion_text)}


def _checks(section: ChecklistSection, criterion: ChecklistCriterion) -> set[str]:
    return checked_steps(section.title, criterion.text)


def missed_note(titles: list[str]) -> str:
    """The comment of a criterion pre-marked missed because these steps were skipped."""
    steps = ", ".join(f"«{t}»" for t in titles)
    word = "шаг" if len(titles) == 1 else "шаги"
    return f"{BY_SCRIPT}: {word} {steps} пропущен" + ("ы" if len(titles) > 1 else "")


def prefill_of(version: ChecklistVersion, path: ScriptPathView | None) -> dict[int, Prefill]:
    """The criteria a skipped script step pre-marks missed."""
    if path is None or not path.skipped:
        return {}
    skipped = {normalized(s.title): s.title for s in path.skipped}
    out: dict[int, Prefill] = {}
    for section in version.sections:
        for criterion in section.criteria:
            hit = sorted(skipped[k] for k in _checks(section, criterion) if k in skipped)
            if hit:
                out[criterion.id] = Prefill(0, missed_note(hit))
    return out


def _overlap(version: ChecklistVersion, path: ScriptPathView | None) -> int:
    if path is None:
        return 0
    titles = {normalized(s.title) for s in [*path.steps, *path.skipped]}
    return sum(1 for s in version.sections if normalized(s.title) in titles)
