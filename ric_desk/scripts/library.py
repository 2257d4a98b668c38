"""Finding the script to follow: by stage for the call screen, by name for export and editing.

Versions come back with their steps and script loaded, usable after the session has closed.
"""

from __future__ import annotations

from sqlalchemy import Select, select
from sqlalchemy.orm import Session, joinedload, selectinload

from ric_desk.models import CallScript, CallScriptVersion


def _versions() -> Select[CallScriptVersion]:
    return (
        select(CallScriptVersion)
        .join(CallScript)
        .options(joinedload(CallScriptVersion.script), selectinload(CallScriptVersion.steps))
    )


def by_name(session: Session, name: str, number: int | None = None) -> CallScriptVersion | None:
    """The script's latest version, or version `number`; None if there is no such script."""
    stmt = _versions().where(CallScript.name == name)
    if number is not None:
        stmt = stmt.where(CallScriptVersion.number == number)
    return session.scalar(stmt.order_by(CallScriptVersion.number.desc()).limit(1))


def for_stage(session: Session, stage_id: int) -> CallScriptVersion | None:
    """The script for a stage's call: the most recently published version among the stage's
    scripts (so a script imported for the stage replaces its default), or None."""
    return session.scalar(
        _versions()
        .where(CallScript.stage_id == stage_id)
        .order_by(CallScriptVersion.id.desc())
        .limit(1)
    )


def stage_scripts(session: Session, stage_id: int) -> list[CallScriptVersion]:
    """The latest version of every script of a stage, by name: for choosing another one."""
    versions = session.scalars(
        _versions()
        .where(CallScript.stage_id == stage_id)
        .order_by(CallScript.name, CallScriptVersion.number.desc())
    ).unique()
    latest: dict[int, CallScriptVersion] = {}
    for version in versions:
        latest.setdefault(version.script_id, version)
    return list(latest.values())


def names(session: Session) -> list[str]:
    return list(session.scalars(select(CallScript.name).order_by(CallScript.name)))
