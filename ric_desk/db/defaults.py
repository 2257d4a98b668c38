"""Loading the default dictionaries of seed 002 (`resources/defaults/*.toml`), the default
call scripts (`resources/scripts/*.toml`) and check-lists into a new database."""

from __future__ import annotations

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from ric_desk.checklists.defaults import add_default_checklists, has_checklists
from ric_desk.models import (
    CalendarDay,
    Characteristic,
    ClosingReason,
    Direction,
    IndicatorDef,
    Instrument,
    Interest,
    PrizRule,
    PrizRuleKind,
    Region,
    Scope,
    SegmentType,
    SegmentValue,
    Stage,
    StatusGroup,
    ValueType,
)
from ric_desk.resources import load_defaults
from ric_desk.scripts.defaults import add_default_scripts, has_scripts


def load_defaults_into(engine: Engine) -> None:
    """Fill an empty database's dictionaries; a database that has any segment type is left alone."""
    with Session(engine) as session, session.begin():
        if session.scalar(select(SegmentType.id).limit(1)) is not None:
            return
        add_defaults(session)


def load_added_defaults(engine: Engine) -> None:
    """Defaults added after revision 0002 (the calendar, the call scripts; the check-lists after
    0005) for an older database; what it already has is left alone."""
    with Session(engine) as session, session.begin():
        if session.scalar(select(CalendarDay.day).limit(1)) is None:
            add_calendar(session)
        if not has_scripts(session):
            add_default_scripts(session)
        if not has_checklists(session):
            add_default_checklists(session)


def add_calendar(session: Session) -> None:
    for day in load_defaults("calling")["day"]:
        session.add(CalendarDay(day=day["day"], working=day["working"], title=day.get("title")))


def add_defaults(session: Session) -> None:
    for r in load_defaults("regions")["region"]:
        session.add(Region(**r))

    for pos, seg in enumerate(load_defaults("segments")["segment_type"]):
        seg_type = SegmentType(name=seg["name"], position=pos)
        seg_type.values = [SegmentValue(name=v, position=i) for i, v in enumerate(seg["values"])]
        session.add(seg_type)

    indicators = load_defaults("indicators")
    defs: dict[tuple[Scope, str], IndicatorDef] = {}
    for scope in Scope:
        for pos, ind in enumerate(indicators[scope.value]):
            definition = IndicatorDef(
                name=ind["name"],
                scope=scope,
                value_type=ValueType(ind["value_type"]),
                validity_days=ind.get("validity_days"),
                choices=ind.get("choices"),
                position=pos,
            )
            defs[scope, ind["name"]] = definition
            session.add(definition)
    for group in indicators["status_group"]:
        scope = Scope(group["scope"])
        session.add(
            StatusGroup(
                name=group["name"],
                scope=scope,
                indicators=[defs[scope, name] for name in group["indicators"]],
            )
        )

    work = load_defaults("work")
    for stage in work["stage"]:
        session.add(Stage(**stage))
    session.flush()  # reasons refer to stages by number, with no relationship to order the writes
    for name in work["direction"]["names"]:
        session.add(Direction(name=name))
    for pos, reason in enumerate(work["closing_reason"]):
        session.add(
            ClosingReason(
                name=reason["name"],
                group_name=reason["group_name"],
                stage_id=reason.get("stage"),
                needs_comment=reason.get("needs_comment", False),
                unproductive=reason.get("unproductive", False),
                position=pos,
            )
        )
    for name in work["instrument"]["names"]:
        session.add(Instrument(name=name))

    people = load_defaults("people")
    for c in people["characteristic"]:
        session.add(Characteristic(**c))
    for i in people["interest"]:
        session.add(Interest(**i))

    for rule in load_defaults("priz_rules")["priz_rule"]:
        session.add(
            PrizRule(
                kind=PrizRuleKind(rule["kind"]),
                title=rule["title"],
                threshold_days=rule.get("threshold_days"),
            )
        )
    add_calendar(session)
    add_default_scripts(session)
    add_default_checklists(session)
