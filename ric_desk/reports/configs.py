"""The contact report's named configurations: each employee's own, the ones a director shares with
everyone, and the seed's built-in default.

Who sees what: everyone sees the built-in default, their own configurations and the shared ones;
another employee's own (non-shared) configurations are invisible. Who may change what: anyone
saves and deletes their own; only a director or an administrator saves a configuration as shared
or deletes (or overwrites) a shared one. The built-in default is neither stored nor deletable.

A configuration's spec is read as text and parsed here, so a spec broken in the table (not JSON,
or JSON of the wrong shape) is said in words instead of failing the whole list.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from sqlalchemy import ColumnElement, Text, cast, delete, or_, select
from sqlalchemy.orm import Session, load_only

from ric_desk.actor import Actor, Role
from ric_desk.changes import NOTHING, Done
from ric_desk.errors import NotAllowed, NotFound, UserError
from ric_desk.models import Employee
from ric_desk.models.reports import ReportConfig
from ric_desk.reports.errors import ReportError
from ric_desk.reports.names import SEED_MEASURES
from ric_desk.reports.spec import ReportSpec
from ric_desk.validation import clean_field, clip

log = logging.getLogger(__name__)

NAME_LIMIT = 200  # ReportConfig.name
NAME_LABEL = "Название настройки"
SHARERS = frozenset({Role.DIRECTOR, Role.ADMIN})


@dataclass(frozen=True)
class SavedConfig:
    """A configuration as the report offers it. `owner` is the owner's login ("" for the
    built-in one)."""

    name: str
    spec: ReportSpec
    shared: bool
    owner: str
    builtin: bool = False


# the seed's configuration (seed 002): operators, then their works' closing reasons
BUILTIN = SavedConfig(
    name="Настройка_причина_результат_закрытие",
    spec=ReportSpec(rows=("operator", "reason"), measures=SEED_MEASURES, collapsed_from=None),
    shared=True,
    owner="",
    builtin=True,
)

_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def may_share(actor: Actor | None) -> bool:
    """Whether `actor` may publish a configuration to everyone or remove a published one."""
    return actor is not None and actor.role in SHARERS


def _shown(name: str) -> str:
    """A name as a message quotes it: control characters visible as U+FFFD, one short line."""
    return clip(_CONTROL.sub("\ufffd", name))


def _looked_up(name: str) -> str | None:
    """A name as typed for a look-up, in the form names are stored; None when it cannot be
    a stored name (empty, control characters, too long) -- such a name is never sent to the
    database (PostgreSQL refuses a NUL in a text parameter)."""
    text = unicodedata.normalize("NFC", name or "").strip()
    if not text or _CONTROL.search(text) or len(text) > NAME_LIMIT:
        return None
    return text


def _is_builtin(name: str) -> bool:
    return name.casefold() == BUILTIN.name.casefold()


def _parse(name: str, raw: str | None) -> ReportSpec:
    """A stored spec back; refused in words when it is broken."""
    broken = (
        f"Настройка «{_shown(name)}» повреждена в базе данных: сохраните её заново или удалите."
    )
    try:
        value: Any = json.loads(raw) if raw is not None else None
    except ValueError:
        raise ReportError(broken) from None
    try:
        return ReportSpec.from_json(value)
    except ReportError as exc:
        raise ReportError(f"{broken} ({exc.line})") from None


@dataclass(frozen=True)
class _Row:
    id: int
    name: str
    owner_id: int
    owner: str
    shared: bool
    raw: str | None


def _visible(session: Session, actor: Actor | None, name: str | None = None) -> list[_Row]:
    """The stored configurations `actor` sees (own and shared), optionally of one name."""
    seen: ColumnElement[bool] = ReportConfig.shared.is_(True)
    if actor is not None:
        seen = or_(seen, ReportConfig.owner_id == actor.employee_id)
    query = (
        select(
            ReportConfig.id,
            ReportConfig.name,
            ReportConfig.owner_id,
            Employee.login,
            ReportConfig.shared,
            cast(ReportConfig.spec, Text),  # as text: parsed (and judged) here, not by the driver
        )
        .join(Employee, Employee.id == ReportConfig.owner_id)
        .where(seen)
    )
    if name is not None:
        query = query.where(ReportConfig.name == name)
    return [_Row(*row) for row in session.execute(query)]


def _ordered(rows: list[_Row], actor: Actor | None) -> list[_Row]:
    """Own first, then shared by others; each by name (the same order on both databases)."""
    mine = actor.employee_id if actor is not None else None
    return sorted(rows, key=lambda r: (r.owner_id != mine, r.name.casefold(), r.name, r.owner))


def list_configs(session: Session, actor: Actor | None) -> list[SavedConfig]:
    """The built-in default first, then `actor`'s own configurations, then those others shared,
    each by name. A configuration broken in the table is left out (and logged); `find_config`
    says so in words, and saving or deleting it by name still works."""
    configs = [BUILTIN]
    for row in _ordered(_visible(session, actor), actor):
        try:
            spec = _parse(row.name, row.raw)
        except ReportError as exc:
            log.warning("report configuration %s left out: %s", row.id, exc.line)
            continue
        configs.append(SavedConfig(row.name, spec, row.shared, row.owner))
    return configs


def find_config(session: Session, actor: Actor | None, name: str) -> SavedConfig:
    """The configuration `actor` sees by this name: the built-in one, else their own, else one
    shared by others; unknown names are refused naming the ones there are."""
    text = _looked_up(name)
    if text is not None and _is_builtin(text):
        return BUILTIN
    rows = _ordered(_visible(session, actor, text), actor) if text is not None else []
    if not rows:
        known = ", ".join(f"«{c.name}»" for c in list_configs(session, actor))
        raise ReportError(f"Настройки «{_shown(name)}» нет; есть: {known}.")
    row = rows[0]
    return SavedConfig(row.name, _parse(row.name, row.raw), row.shared, row.owner)


def save_config(
    session: Session, actor: Actor | None, name: str, spec: ReportSpec, shared: bool
) -> Done[SavedConfig]:
    """Save `spec` under `name` as `actor`'s own configuration (overwriting their own of that
    name), shared with everyone when `shared` (directors and administrators only)."""
    if actor is None:
        raise NotAllowed("Сохранить настройку отчёта может только сотрудник, вошедший в программу.")
    cleaned = clean_field(name, NAME_LABEL, NAME_LIMIT)
    if cleaned is None:
        raise UserError("Укажите название настройки.")
    if _is_builtin(cleaned):
        raise NotAllowed(
            f"«{BUILTIN.name}» — встроенная настройка, её нельзя перезаписать: "
            "сохраните под другим названием."
        )
    if shared and not may_share(actor):
        raise NotAllowed(
            "Общие настройки (для всех) сохраняет директор или администратор: "
            "снимите отметку «Общая»."
        )
    spec.check()
    existing = session.scalar(
        select(ReportConfig)
        .options(load_only(ReportConfig.id, ReportConfig.shared))  # not the spec: it may be broken
        .where(ReportConfig.owner_id == actor.employee_id, ReportConfig.name == cleaned)
    )
    if existing is None:
        session.add(
            ReportConfig(
                name=cleaned, owner_id=actor.employee_id, shared=shared, spec=spec.to_json()
            )
        )
    else:
        if existing.shared and not may_share(actor):
            raise NotAllowed(
                f"Настройка «{_shown(cleaned)}» общая: менять её может только директор "
                "или администратор. Сохраните под другим названием."
            )
        existing.shared = shared
        existing.spec = spec.to_json()
    session.flush()
    return Done(SavedConfig(cleaned, spec, shared, actor.login), NOTHING)


def delete_config(session: Session, actor: Actor | None, name: str) -> Done[None]:
    """Delete `actor`'s own configuration of this name, else (directors and administrators)
    the shared one of this name."""
    text = _looked_up(name)
    if text is not None and _is_builtin(text):
        raise NotAllowed(f"«{BUILTIN.name}» — встроенная настройка, её нельзя удалить.")
    rows = _ordered(_visible(session, actor, text), actor) if text is not None else []
    if not rows:
        raise NotFound(f"Настройки «{_shown(name)}» нет (возможно, её уже удалили).")
    row = rows[0]
    if row.shared and not may_share(actor):
        raise NotAllowed(
            f"Настройка «{_shown(row.name)}» общая: удалить её может только директор "
            "или администратор."
        )
    session.execute(delete(ReportConfig).where(ReportConfig.id == row.id))
    return Done(None, NOTHING)
