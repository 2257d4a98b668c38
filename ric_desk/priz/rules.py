"""What each ПРИЗ rule says should be open: one SELECT per rule kind (used by `ric_desk.priz`).

Each query gives (client_id, source_key, title) and, for rules whose source can come back after
it was cleared, a fourth column: the day the condition began. The source key says what in the
data raised the item, so the same fact never raises two items.

Queries take their values as bound parameters (the rule's id, title, the days worked out from
its threshold N), so each is built once and its compiled SQL is reused; see `rule_params`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from sqlalchemy import (
    Date,
    Integer,
    Select,
    String,
    and_,
    bindparam,
    cast,
    exists,
    func,
    literal,
    or_,
    select,
)
from sqlalchemy.sql.elements import BindParameter, ColumnElement

from ric_desk.models import (
    Base,
    Characteristic,
    Client,
    ClientSegment,
    ContactPerson,
    IndicatorDef,
    IndicatorValue,
    Invoice,
    Payment,
    PaymentPromise,
    PrizRule,
    PrizRuleKind,
    PromiseState,
    Scope,
    SegmentType,
    SegmentValue,
    contact_characteristic,
)
from ric_desk.models.base import UtcDateTime

KEY_USER_CODE = "key_user"
TITLE_LENGTH = 300

# the parameters of every rule query
RULE_ID = bindparam("p_rule_id", type_=Integer())
TITLE = bindparam("p_title", type_=String())
TODAY = bindparam("p_today", type_=Date())
FROM_DAY = bindparam("p_from_day", type_=Date())  # today - N
TO_DAY = bindparam("p_to_day", type_=Date())  # today + N
FROM_MOMENT = bindparam("p_from_moment", type_=UtcDateTime())  # the start of day today - N, UTC
TO_MOMENT = bindparam("p_to_moment", type_=UtcDateTime())  # the end of today, UTC
CLIENT_ID = bindparam("p_client_id", type_=Integer())
CLIENT_IDS: BindParameter[int] = bindparam("p_client_ids", expanding=True)

ClientScope = Callable[[Any], ColumnElement[bool]]  # a client id column -> the clients to do

_earlier = Base.metadata.tables["client_segment"].alias("earlier")
_earlier_value = Base.metadata.tables["segment_value"].alias("earlier_value")


def rule_params(rule: PrizRule, today: date) -> dict[str, Any]:
    days = max(rule.threshold_days or 0, 0)
    return {
        "p_rule_id": rule.id,
        "p_title": rule.title,
        "p_today": today,
        "p_from_day": today - timedelta(days=days),
        "p_to_day": today + timedelta(days=days),
        "p_from_moment": datetime.combine(today - timedelta(days=days), time(), UTC),
        "p_to_moment": datetime.combine(today + timedelta(days=1), time(), UTC),
    }


@dataclass(frozen=True)
class Wanted:
    query: Select[*tuple[Any, ...]]
    has_since: bool = False  # a fourth column: the day the condition began


def _text(value: str) -> ColumnElement[str]:
    return literal(value, String())


def _title(*parts: Any) -> ColumnElement[str]:
    """The rule's title, then the parts that say which fact it is about, cut to fit."""
    expression: ColumnElement[str] = TITLE
    for part in parts:
        expression = expression + part
    return func.substr(expression, 1, TITLE_LENGTH)


def _day_text(column: Any, dialect: str, iso: bool = False) -> ColumnElement[str]:
    """A date column as dd.mm.yyyy (or yyyy-mm-dd) text, the same on both backends."""
    if dialect == "postgresql":
        return func.to_char(column, "YYYY-MM-DD" if iso else "DD.MM.YYYY")
    return func.strftime("%Y-%m-%d" if iso else "%d.%m.%Y", column)


def _id_text(column: Any) -> ColumnElement[str]:
    return cast(column, String())


def payment_delay(scope: ClientScope, dialect: str) -> Wanted:
    """An invoice not paid in full more than N days after its due day; key: its number."""
    paid = (
        select(func.coalesce(func.sum(Payment.amount), 0))
        .where(Payment.invoice_id == Invoice.id)
        .scalar_subquery()
    )
    return Wanted(
        select(
            Invoice.client_id,
            Invoice.number,
            _title(_text(": счет "), Invoice.number),
        ).where(scope(Invoice.client_id), Invoice.due_on < FROM_DAY, paid < Invoice.amount)
    )


def key_user_changed(scope: ClientScope, dialect: str) -> Wanted:
    """A person marked "key user" was added to the card within the last N days, on a later day
    than the client itself (so not a client entered together with its people); key: the
    person's id.

    A person gets characteristics when added (`clients.persons.add_contact_person`, imports, the
    demo); the link table keeps no date, so the day the person was added is the day the key
    user appeared."""
    full_name = (
        ContactPerson.last_name
        + _text(" ")
        + ContactPerson.first_name
        + func.coalesce(_text(" ") + ContactPerson.middle_name, _text(""))
    )
    key_user = (
        select(Characteristic.id).where(Characteristic.code == KEY_USER_CODE).scalar_subquery()
    )
    return Wanted(
        select(
            ContactPerson.client_id,
            _id_text(ContactPerson.id),
            _title(_text(": "), full_name),
        )
        .join(
            contact_characteristic,
            (contact_characteristic.c.contact_person_id == ContactPerson.id)
            & (contact_characteristic.c.characteristic_id == key_user),
        )
        .join(Client, Client.id == ContactPerson.client_id)
        .where(
            scope(ContactPerson.client_id),
            ContactPerson.active.is_(True),
            ContactPerson.created_at >= FROM_MOMENT,
            ContactPerson.created_at < TO_MOMENT,
            func.date(ContactPerson.created_at) > func.date(Client.created_at),
        )
    )


def indicator_expired(scope: ClientScope, dialect: str) -> Wanted:
    """A confirmed client indicator whose confirmation ran out: valid-until before today (N days
    before, with a threshold); key: the indicator's id. It began on the valid-until day, so an
    item done before a later confirmation does not hold back the next expiry."""
    return Wanted(
        select(
            IndicatorValue.client_id,
            _id_text(IndicatorValue.indicator_def_id),
            _title(_text(": "), IndicatorDef.name),
            IndicatorValue.valid_until,
        )
        .join(IndicatorDef, IndicatorDef.id == IndicatorValue.indicator_def_id)
        .where(
            scope(IndicatorValue.client_id),
            IndicatorValue.client_id.is_not(None),
            IndicatorValue.is_actual.is_(True),
            IndicatorValue.valid_until < FROM_DAY,
            IndicatorDef.scope == Scope.CLIENT,
            IndicatorDef.active.is_(True),
        ),
        has_since=True,
    )


def segment_changed(scope: ClientScope, dialect: str) -> Wanted:
    """The client's current period in a segment type began within the last N days, and a period
    of another value of that type ended that day (a first classification is not a change);
    key: the current period's id.

    The earlier period is looked up by its value and end day (index `segment_value_id,
    left_on`): closed periods have no index by client."""
    earlier, earlier_value = _earlier.c, _earlier_value.c
    changed = exists(
        select(earlier.id)
        .select_from(_earlier)
        .join(_earlier_value, earlier_value.id == earlier.segment_value_id)
        .where(
            earlier_value.segment_type_id == ClientSegment.segment_type_id,
            earlier_value.id != ClientSegment.segment_value_id,
            earlier.left_on == ClientSegment.entered_on,
            earlier.client_id == ClientSegment.client_id,
        )
    )
    return Wanted(
        select(
            ClientSegment.client_id,
            _id_text(ClientSegment.id),
            _title(_text(": "), SegmentType.name, _text(" — "), SegmentValue.name),
        )
        .join(SegmentType, SegmentType.id == ClientSegment.segment_type_id)
        .join(SegmentValue, SegmentValue.id == ClientSegment.segment_value_id)
        .where(
            scope(ClientSegment.client_id),
            ClientSegment.left_on.is_(None),
            ClientSegment.entered_on >= FROM_DAY,
            ClientSegment.entered_on <= TODAY,
            changed,
        )
    )


def promise_broken(scope: ClientScope, dialect: str) -> Wanted:
    """A promise marked broken, or an open one whose day has passed with no payment from the
    client since the promise was made; key: the promise's id."""
    paid_since = exists().where(
        Payment.client_id == PaymentPromise.client_id,
        Payment.paid_on >= PaymentPromise.made_on,
    )
    return Wanted(
        select(
            PaymentPromise.client_id,
            _id_text(PaymentPromise.id),
            _title(_text(": оплата обещана на "), _day_text(PaymentPromise.promised_on, dialect)),
        ).where(
            scope(PaymentPromise.client_id),
            or_(
                PaymentPromise.state == PromiseState.BROKEN,
                and_(
                    PaymentPromise.state == PromiseState.OPEN,
                    PaymentPromise.promised_on < TODAY,
                    ~paid_since,
                ),
            ),
        )
    )


def service_ends(scope: ClientScope, dialect: str) -> Wanted:
    """The service ends today or within the next N days; key: the end day (a renewal moves it,
    so the next ending raises a new item)."""
    return Wanted(
        select(
            Client.id,
            _day_text(Client.service_ends_on, dialect, iso=True),
            _title(_text(": "), _day_text(Client.service_ends_on, dialect)),
        ).where(
            scope(Client.id),
            Client.service_ends_on >= TODAY,
            Client.service_ends_on <= TO_DAY,
        )
    )


RULES: dict[PrizRuleKind, Callable[[ClientScope, str], Wanted]] = {
    PrizRuleKind.PAYMENT_DELAY: payment_delay,
    PrizRuleKind.KEY_USER_CHANGED: key_user_changed,
    PrizRuleKind.INDICATOR_EXPIRED: indicator_expired,
    PrizRuleKind.SEGMENT_CHANGED: segment_changed,
    PrizRuleKind.PROMISE_BROKEN: promise_broken,
    PrizRuleKind.SERVICE_ENDS: service_ends,
}
