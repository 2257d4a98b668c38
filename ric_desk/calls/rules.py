"""May this client be called now? The permission check before dialling, from rules kept as data.

The rules: the client's local time (its own time zone, else its region's) inside the calling hours,
a working day by the RIC's calendar (weekends, public holidays, the year's moved days off), the
number not marked undesirable, no successful contact with the client today (its local day), and no
do-not-call mark on the client. Hours, weekend, holidays and the two queue timings live in the
database (setting "calling", table calendar_day) with defaults in `resources/defaults/calling.toml`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sqlalchemy import select, union
from sqlalchemy.orm import Session

from ric_desk.errors import UserError
from ric_desk.models import (
    AppSetting,
    CalendarDay,
    Client,
    Contact,
    ContactChannel,
    Employee,
    Region,
)
from ric_desk.resources import load_defaults

DEFAULT_ZONE = "Europe/Moscow"
SETTING_KEY = "calling"


@dataclass(frozen=True)
class CallingRules:
    hours_from: time
    hours_to: time
    weekend: frozenset[int]  # ISO weekdays
    holidays: dict[tuple[int, int], str]  # (month, day) -> title, every year
    days: dict[date, tuple[bool, str | None]] = field(default_factory=dict)  # the calendar's
    recall_grace: timedelta = timedelta(minutes=60)
    lease: timedelta = timedelta(minutes=10)

    def day_off(self, day: date) -> str | None:
        """Why `day` is not a working day ("Выходной день", a holiday's title), or None."""
        if day in self.days:
            working, title = self.days[day]
            return None if working else (title or "Нерабочий день")
        holiday = self.holidays.get((day.month, day.day))
        if holiday is not None:
            return holiday
        if day.isoweekday() in self.weekend:
            return "Выходной день"
        return None

    def in_hours(self, local: datetime) -> bool:
        return self.hours_from <= local.time() < self.hours_to

    def allowed_at(self, local: datetime) -> bool:
        return self.in_hours(local) and self.day_off(local.date()) is None

    def next_allowed(self, local: datetime) -> datetime:
        """The first moment at or after `local` (aware, the client's zone) a call is allowed."""
        zone = local.tzinfo
        candidate = local
        for _ in range(400):  # a year of days off in a row would be a broken calendar
            day = candidate.date()
            if self.day_off(day) is None:
                if candidate.time() < self.hours_from:
                    return datetime.combine(day, self.hours_from, zone)
                if candidate.time() < self.hours_to:
                    return candidate
            candidate = datetime.combine(day + timedelta(days=1), self.hours_from, zone)
        raise ValueError("в рабочем календаре нет ни одного рабочего дня на год вперёд")


def _clock(text: str) -> time:
    return time.fromisoformat(text)


def rules_from(settings: dict[str, Any], days: dict[date, tuple[bool, str | None]]) -> CallingRules:
    defaults = load_defaults("calling")
    merged = {**defaults["calling"], **settings}
    holidays: dict[tuple[int, int], str] = {}
    for group in defaults["holiday"]:
        for month_day in group["dates"]:
            month, day = (int(part) for part in month_day.split("-"))
            holidays[month, day] = group["title"]
    return CallingRules(
        hours_from=_clock(merged["hours_from"]),
        hours_to=_clock(merged["hours_to"]),
        weekend=frozenset(merged["weekend"]),
        holidays=holidays,
        days=days,
        recall_grace=timedelta(minutes=merged["recall_grace_minutes"]),
        lease=timedelta(minutes=merged["lease_minutes"]),
    )


def load_rules(session: Session) -> CallingRules:
    setting = session.get(AppSetting, SETTING_KEY)
    days = {d.day: (d.working, d.title) for d in session.scalars(select(CalendarDay))}
    return rules_from(dict(setting.value) if setting else {}, days)


def save_settings(session: Session, **values: Any) -> None:
    """Change calling settings (hours_from="08:30", recall_grace_minutes=30, ...)."""
    known = set(load_defaults("calling")["calling"])
    unknown = set(values) - known
    if unknown:
        raise ValueError(f"unknown calling settings: {sorted(unknown)}")
    setting = session.get(AppSetting, SETTING_KEY)
    if setting is None:
        session.add(AppSetting(key=SETTING_KEY, value=dict(values)))
    else:
        setting.value = {**setting.value, **values}


@functools.lru_cache(maxsize=512)
def zone(name: str | None) -> ZoneInfo:
    """The zone of that name, the default zone for none or a wrong one; kept once read
    (`ZoneInfo` itself keeps only the last 8 strongly, and the session's queue asks for every
    zone in use each time: it read them from disk again, 40 µs each)."""
    try:
        return ZoneInfo(name or DEFAULT_ZONE)
    except (ZoneInfoNotFoundError, ValueError):
        return ZoneInfo(DEFAULT_ZONE)


@dataclass(frozen=True)
class Verdict:
    reasons: tuple[str, ...]  # empty: the call is allowed
    local_time: datetime  # now at the client
    next_allowed: datetime | None  # (UTC) when the time rules next allow it; None: never by time

    @property
    def allowed(self) -> bool:
        return not self.reasons

    @property
    def text(self) -> str:
        return "Звонок разрешён" if self.allowed else "Звонить нельзя: " + "; ".join(self.reasons)


def judge(
    rules: CallingRules,
    *,
    now: datetime,
    zone_name: str | None,
    do_not_call: bool = False,
    undesirable: bool = False,
    contacted_today: str | None = None,
) -> Verdict:
    """The verdict for a call at `now` (aware) to a client in `zone_name`, from facts read."""
    local = now.astimezone(zone(zone_name))
    reasons: list[str] = []
    if do_not_call:
        reasons.append("клиент просил не звонить")
    if undesirable:
        reasons.append("номер отмечен как нежелательный")
    if contacted_today:
        reasons.append(f"сегодня с клиентом уже был контакт ({contacted_today})")
    off_time = time_reason(rules, local)
    if off_time is not None:
        reasons.append(off_time)
    next_time = rules.next_allowed(local).astimezone(UTC)
    return Verdict(tuple(reasons), local, next_time)


def time_reason(rules: CallingRules, local: datetime) -> str | None:
    """Why the time rules forbid a call at `local` (the client's time), or None if they allow it."""
    off = rules.day_off(local.date())
    if off is not None:
        return f"у клиента нерабочий день ({off}, {local:%d.%m.%Y})"
    if not rules.in_hours(local):
        return (
            f"у клиента сейчас {local:%H:%M}, звонить можно "
            f"с {rules.hours_from:%H:%M} до {rules.hours_to:%H:%M}"
        )
    return None


@dataclass(frozen=True)
class Wait:
    """A time zone whose clients may not be called now: from when they may (UTC, and at the
    client) and why not."""

    allowed_from: datetime
    local_from: datetime
    reason: str


@dataclass(frozen=True)
class CallingNow:
    """Which clients the time rules (calling hours in the client's zone, weekend, the working
    calendar) allow to be called at `now`, by time zone name as stored: the queue orders and
    takes works by it. A name that is no zone counts as the default zone, as in `judge`; a client
    with no zone of its own and no region is in the default zone."""

    rules: CallingRules
    now: datetime
    allowed: frozenset[str]  # the zone names in use that allow a call now
    waits: dict[str, Wait]  # the others

    def wait(self, zone_name: str | None) -> Wait | None:
        """None if a client in `zone_name` may be called now, else from when it may."""
        name = zone_name or DEFAULT_ZONE
        if name in self.allowed:
            return None
        found = self.waits.get(name)
        if found is None:  # a zone that came into use after the names were read
            found = _wait(self.rules, self.now, name)
        return found


def _wait(rules: CallingRules, now: datetime, name: str) -> Wait | None:
    local = now.astimezone(zone(name))
    reason = time_reason(rules, local)
    if reason is None:
        return None
    allowed = rules.next_allowed(local)
    return Wait(allowed.astimezone(UTC), allowed, reason)


def calling_by_zone(rules: CallingRules, now: datetime, names: Iterable[str]) -> CallingNow:
    """`CallingNow` for the zone names given (and the default zone)."""
    allowed: set[str] = set()
    waits: dict[str, Wait] = {}
    for name in {*names, DEFAULT_ZONE}:
        found = _wait(rules, now, name)
        if found is None:
            allowed.add(name)
        else:
            waits[name] = found
    return CallingNow(rules, now, frozenset(allowed), waits)


@functools.cache
def _zones_statement() -> Any:
    """The zone names in use: the regions', and the clients' own, read by skipping along the
    index on `client.time_zone` from one name to the next (a few seeks, however many clients)."""
    first = (
        select(Client.time_zone)
        .where(Client.time_zone.is_not(None))
        .order_by(Client.time_zone)
        .limit(1)
        .scalar_subquery()
    )
    own = select(first.label("name")).cte("own", recursive=True)
    following = (
        select(Client.time_zone)
        .where(Client.time_zone > own.c.name)
        .order_by(Client.time_zone)
        .limit(1)
        .scalar_subquery()
    )
    own = own.union_all(select(following.label("name")).where(own.c.name.is_not(None)))
    return union(select(own.c.name).where(own.c.name.is_not(None)), select(Region.time_zone))


def zones_in_use(session: Session) -> list[str]:
    return [name for name in session.scalars(_zones_statement()) if name]


def calling_now(session: Session, rules: CallingRules, now: datetime) -> CallingNow:
    """`CallingNow` for every zone name in use."""
    return calling_by_zone(rules, now, zones_in_use(session))


def zone_name(own: str | None, region: str | None) -> str | None:
    """The client's time zone: its own, else its region's."""
    return own or region


def client_zone(session: Session, client_id: int) -> str | None:
    row = session.execute(
        select(Client.time_zone, Region.time_zone)
        .outerjoin(Region, Region.code == Client.region_code)
        .where(Client.id == client_id)
    ).one()
    return zone_name(row[0], row[1])


def check(
    session: Session,
    rules: CallingRules,
    *,
    client_id: int,
    channel_id: int | None,
    now: datetime,
    work_id: int | None = None,
) -> Verdict:
    """The verdict for calling `client_id` on `channel_id` at `now`, reading the facts."""
    client = session.get(Client, client_id)
    assert client is not None
    zone_name = client_zone(session, client_id)
    local = now.astimezone(zone(zone_name))
    day_start = datetime.combine(local.date(), time(0), local.tzinfo).astimezone(UTC)
    earlier = (
        select(Contact.actual_at, Employee.full_name)
        .outerjoin(Employee, Employee.id == Contact.operator_id)
        .where(
            Contact.client_id == client_id,
            Contact.successful.is_(True),
            Contact.actual_at >= day_start,
            Contact.actual_at <= now,
        )
        .order_by(Contact.actual_at.desc())
        .limit(1)
    )
    if work_id is not None:
        earlier = earlier.where(Contact.work_id != work_id)
    made = session.execute(earlier).first()
    contacted = None
    if made is not None and made[0] is not None:
        at = made[0].astimezone(local.tzinfo)
        contacted = f"{at:%H:%M}" + (f", {made[1]}" if made[1] else "")
    undesirable = False
    if channel_id is not None:
        channel = session.get(ContactChannel, channel_id)
        undesirable = bool(channel and channel.undesirable)
    return judge(
        rules,
        now=now,
        zone_name=zone_name,
        do_not_call=client.do_not_call,
        undesirable=undesirable,
        contacted_today=contacted,
    )


def parse_setting(key: str, raw: str) -> Any:
    """A setting typed by an administrator (`hours_from=08:30`) as stored; UserError if wrong."""
    known = load_defaults("calling")["calling"]
    if key not in known:
        raise UserError(f"Нет настройки «{key}». Есть: {', '.join(sorted(known))}.")
    text = raw.strip()
    if key in ("hours_from", "hours_to"):
        try:
            return time.fromisoformat(text).strftime("%H:%M")
        except ValueError:
            raise UserError(f"{key}: время пишется как ЧЧ:ММ, например 09:00.") from None
    if key == "weekend":
        try:
            days = sorted({int(part) for part in text.replace(" ", "").split(",") if part})
        except ValueError:
            raise UserError("weekend: номера дней недели через запятую, 1 — понедельник.") from None
        if any(not 1 <= d <= 7 for d in days) or len(days) > 6:
            raise UserError("weekend: дни недели от 1 (понедельник) до 7, не все семь.")
        return days
    if not text.isdigit() or not 0 < int(text) <= 24 * 60:
        raise UserError(f"{key}: число минут от 1 до 1440.")
    return int(text)


def check_hours(rules: CallingRules) -> None:
    if rules.hours_from >= rules.hours_to:
        raise UserError("Начало часов звонков должно быть раньше конца.")


def set_day(session: Session, day: date, working: bool, title: str | None) -> None:
    """Make `day` working or not in the calendar (a moved day off, a working Saturday...)."""
    found = session.get(CalendarDay, day)
    if found is None:
        session.add(CalendarDay(day=day, working=working, title=title))
    else:
        found.working, found.title = working, title
