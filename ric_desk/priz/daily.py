"""The daily ПРИЗ refresh: what time alone changes (an indicator expiring, a deadline coming).

Data changes refresh their client's items in the operation that made them
(`refresh.after_change`); the passing of days is caught once a day, by the first workstation
started that day or by `ric-desk priz refresh`. The day is claimed in the database, so two
workstations starting together do not both run it.
"""

from __future__ import annotations

from datetime import date

from sqlalchemy import update
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
    """Claim `today` for this refresh; False if another workstation already claimed it."""
    setting = session.get(AppSetting, SETTING_KEY, with_for_update=True)
    if setting is None:
        session.add(AppSetting(key=SETTING_KEY, value=today.isoformat()))
        session.flush()
        return True
    last = refreshed_on(session)
    if last is not None and last >= today:
        return False
    claimed = session.execute(
        update(AppSetting)
        .where(AppSetting.key == SETTING_KEY, AppSetting.version == setting.version)
        .values(value=today.isoformat(), version=setting.version + 1)
        .execution_options(synchronize_session=False)
    )
    session.expire(setting)
    return bool(claimed.rowcount)  # type: ignore[attr-defined]


def refresh_for_today(session: Session, today: date) -> tuple[RefreshResult | None, Changes]:
    """Run the rules for every client unless today's refresh was done; says what changed."""
    if not mark_refreshed(session, today):
        return None, Changes()
    result = refresh(session, today)
    return result, Changes(all_clients=True) if result.changed else Changes()
