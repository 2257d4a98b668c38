"""The call screen's two busiest keys, each as one database job (DESIGN.md §8: F8 to the screen
filled ≤ 150 ms, Ctrl+S recorded ≤ 100 ms, the GUI thread never blocked over 50 ms).

F8 (`take`) claims the next work whose client may be called now and reads in the same
transaction everything the screen then shows at once: the work, its script, the call check for
its first phone, the closing reasons, the client's card and the queue as it is now. Ctrl+S
(`record_call`) writes the attempt and reads the work back. The screen fills its widgets from
the result, without a second query.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from ric_desk.actor import Actor
from ric_desk.calls import queue, recording
from ric_desk.calls import rules as calling
from ric_desk.calls import session as call_session
from ric_desk.changes import Done
from ric_desk.clients.card import ClientCard, load_card


@dataclass(frozen=True)
class Taken:
    """What F8 brings: the work taken (None: nothing to take) with all the call screen shows."""

    work: call_session.WorkView | None
    script: call_session.ScriptView | None
    verdict: calling.Verdict | None
    verdict_channel: int | None  # the phone the verdict was given for
    reasons: list[call_session.ReasonGroup]
    preselected_reason: int | None
    card: ClientCard | None
    queue: queue.QueueListing
    rules: calling.CallingRules


def check_call(
    session: Session,
    rules: calling.CallingRules,
    work: call_session.WorkView,
    channel_id: int | None,
    now: datetime,
) -> calling.Verdict:
    """May this work's client be called now on that channel (F6, and F8's first check)."""
    return calling.check(
        session,
        rules,
        client_id=work.client_id,
        channel_id=channel_id,
        now=now,
        work_id=work.work_id,
    )


def take(
    session: Session,
    actor: Actor,
    flt: queue.SessionFilter,
    *,
    now: datetime,
    work_id: int | None = None,
) -> Done[Taken]:
    """Claim the next work (or `work_id`) and read what the call screen shows; the claim comes
    first in the transaction, as `queue.claim_next` requires. The verdict is for the work's
    first phone, the one the screen selects."""
    queue.begin_claim(session)  # the claim's transaction first, then one read of the rules
    rules = calling.load_rules(session)
    calling_now = calling.calling_now(session, rules, now)
    claimed = queue.claim_next(
        session,
        actor,
        flt,
        now=now,
        lease=rules.lease,
        grace=rules.recall_grace,
        work_id=work_id,
        calling_now=calling_now,
    )
    listing = queue.listing(
        session,
        actor.employee_id,
        flt,
        now=now,
        grace=rules.recall_grace,
        calling_now=calling_now,
    )
    if claimed.value is None:
        return Done(Taken(None, None, None, None, [], None, None, listing, rules), claimed.changes)
    work = call_session.load(session, claimed.value)
    channel = work.phones[0].channel_id if work.phones else None
    verdict = check_call(session, rules, work, channel, now)
    taken = Taken(
        work=work,
        script=call_session.script_for_stage(session, work.stage_id),
        verdict=verdict,
        verdict_channel=channel,
        reasons=call_session.reason_groups(session, work.stage_id),
        preselected_reason=call_session.stage_reason(session, work.stage_id),
        card=load_card(session, work.client_id),
        queue=listing,
        rules=rules,
    )
    return Done(taken, claimed.changes)


@dataclass(frozen=True)
class Recorded:
    """What Ctrl+S brings back: the contact written and the work as it is now."""

    contact_id: int
    work: call_session.WorkView


def record_call(
    session: Session,
    actor: Actor,
    attempt: recording.Attempt,
    *,
    now: datetime,
    contact_id: int | None = None,
) -> Done[Recorded]:
    """Зафиксировать, and read the work back (its earlier attempts, the new versions of the
    ПРИЗ items just marked)."""
    written = recording.record(session, actor, attempt, now=now, contact_id=contact_id)
    work = call_session.load(session, attempt.work_id)
    return Done(Recorded(written.value, work), written.changes)
