"""The daily ПРИЗ refresh: what time alone changes (an indicator expiring, a deadline coming).

Data changes refresh their client's items in the operation that made them
(`refresh.after_change`); the passing of days is caught once a day, by the first workstation
started that day or by `ric-desk priz refresh`. The day is claimed in the database, so two
workstations starting together do not both run it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from ric_desk.changes import Changes
from ric_desk.models import AppSetting
from ric_desk.priz.refresh import RefreshResult, refresh

SETTING_KEY = "priz_refreshed_on"


def refreshed_on(session: Session) -> date | None:
    setting = session.get(AppSetting, SETTING_KEY)
    if setting is None or not isinstance(setting.value, str):
        return None
    try:
        return date.fromisoformat(setting.value)
    except ValueError:
        return None


def is_due(session: Session, today: date) -> bool:
    last = refreshed_on(session)
    return last is None or last < today


def mark_refreshed(session: Session, today: date) -> bool:
    """Claim `today` for this refresh; False if another workstation claimed it or is running it.

    The row is created once (a second creator's insert does nothing); then the claim locks it
    without waiting: a workstation starting while another one refreshes does not queue behind it
    (PostgreSQL's SKIP LOCKED; on SQLite the file's write lock serialises the two)."""
    if session.scalar(select(AppSetting.key).where(AppSetting.key == SETTING_KEY)) is None:
        dialect = session.get_bind().dialect.name
        insert = postgresql.insert if dialect == "postgresql" else sqlite.insert
        session.execute(  # the very first day: two starting together may wait here, once
            insert(AppSetting)
            .values(key=SETTING_KEY, value=None, version=1)
            .on_conflict_do_nothing(index_elements=["key"])
        )
    setting = session.scalar(
        select(AppSetting)
        .where(AppSetting.key == SETTING_KEY)
        .with_for_update(skip_locked=True)
        .execution_options(populate_existing=True)
    )
    if setting is None:
        return False  # locked: another workstation is refreshing right now
    last = refreshed_on(session)
    if last is not None and last >= today:
        return False
    setting.value = today.isoformat()
    session.flush()
    return True


def refresh_for_today(session: Session, today: date) -> tuple[RefreshResult | None, Changes]:
    """Run the rules for every client unless today's refresh was done; says what changed."""
    if not mark_refreshed(session, today):
        return None, Changes()
    result = refresh(session, today)
    return result, Changes(all_clients=True) if result.changed else Changes()
