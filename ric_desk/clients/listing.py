"""The client list: filters, sorting and pages of rows, for the list screen and its export.

Rows are read a page at a time (the screen asks for more as the user scrolls); never all at once.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, replace
from datetime import date
from enum import StrEnum

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.orm import Session

from ric_desk.clients.search import RARE, match
from ric_desk.models import (
    Client,
    ClientSegment,
    Employee,
    IndicatorValue,
    Region,
    SegmentType,
    SegmentValue,
    StatusGroup,
)

PAGE = 200
FIRST_PAGE = 50  # what the screen shows at once, and a bit more: the rest comes as it scrolls
COUNT_LIMIT = 100_000  # the whole list is counted up to here; beyond, it says "more than"
FILTERED_COUNT_LIMIT = 500  # a filtered list is counted up to here: more is "more than 500"


class SortKey(StrEnum):
    REG_NUMBER = "reg_number"
    NAME = "name"
    INN = "inn"
    REGION = "region"
    RESPONSIBLE = "responsible"
    STATUS_GROUP = "status_group"


@dataclass(frozen=True)
class ClientFilter:
    text: str = ""
    responsible_id: int | None = None
    region_code: str | None = None
    segment_value_id: int | None = None
    status_group_id: int | None = None
    only_with_expired: bool = False


@dataclass(frozen=True)
class ClientRow:
    id: int
    reg_number: int
    name: str
    inn: str
    kpp: str | None
    region: str | None
    responsible: str | None
    status_group: str | None
    version: int


def expired_exists(on: date) -> ColumnElement[bool]:
    """The client has a confirmed indicator value whose confirmation ran out before `on`."""
    return exists().where(
        IndicatorValue.client_id == Client.id,
        IndicatorValue.is_actual.is_(True),
        IndicatorValue.valid_until < on,
    )


@dataclass(frozen=True)
class Conditions:
    where: list[ColumnElement[bool]]
    more_than: int | None = None  # known without counting: more clients than this match
    few: bool = False  # the text matched a short list of ids (at most RARE)


def conditions(session: Session, f: ClientFilter, on: date) -> Conditions:
    """The WHERE of a filter, worked out once (the text search probes an index to plan)."""
    where: list[ColumnElement[bool]] = []
    text = match(session, f.text)
    if text is not None:
        where.append(text.condition)
    if f.responsible_id is not None:
        where.append(Client.responsible_id == f.responsible_id)
    if f.region_code is not None:
        where.append(Client.region_code == f.region_code)
    if f.status_group_id is not None:
        where.append(Client.status_group_id == f.status_group_id)
    if f.segment_value_id is not None:
        where.append(
            exists().where(
                ClientSegment.client_id == Client.id,
                ClientSegment.segment_value_id == f.segment_value_id,
                ClientSegment.left_on.is_(None),
            )
        )
    if f.only_with_expired:
        where.append(expired_exists(on))
    only_text = len(where) == 1 and text is not None
    more_than = RARE if only_text and text is not None and text.many else None
    return Conditions(where, more_than, few=text is not None and text.ids is not None)


_SORT_COLUMNS = {
    SortKey.REG_NUMBER: Client.reg_number,
    SortKey.NAME: Client.name_search,
    SortKey.INN: Client.inn,
    SortKey.REGION: Region.name,
    SortKey.RESPONSIBLE: Employee.full_name,
    SortKey.STATUS_GROUP: StatusGroup.name,
}


def fetch_page(
    session: Session,
    f: ClientFilter,
    *,
    sort: SortKey = SortKey.NAME,
    descending: bool = False,
    offset: int = 0,
    limit: int = PAGE,
    on: date | None = None,
    where: Conditions | None = None,
) -> list[ClientRow]:
    """A page of the list; `where` reuses `conditions()` already worked out for this filter."""
    on = on or date.today()
    c = where or conditions(session, f, on)
    column = _SORT_COLUMNS[sort]
    order = [column.desc() if descending else column.asc(), Client.id]
    rows = (
        select(
            Client.id,
            Client.reg_number,
            Client.name,
            Client.inn,
            Client.kpp,
            Region.name,
            Employee.full_name,
            StatusGroup.name,
            Client.version,
        )
        .outerjoin(Region, Region.code == Client.region_code)
        .outerjoin(Employee, Employee.id == Client.responsible_id)
        .outerjoin(StatusGroup, StatusGroup.id == Client.status_group_id)
    )
    if sort == SortKey.NAME and not c.few and session.get_bind().dialect.name == "postgresql":
        # walk the name index for the page's ids alone, then read those rows: with the joins
        # in the walk PostgreSQL plans a join of every match and a sort (up to 150 ms); SQLite
        # walks the index either way and is faster in one query (bench/bench_list.py)
        ids = list(
            session.scalars(
                select(Client.id).where(*c.where).order_by(*order).offset(offset).limit(limit)
            )
        )
        found = {row[0]: row for row in session.execute(rows.where(Client.id.in_(ids)))}
        return [ClientRow(*found[i]) for i in ids if i in found]
    stmt = rows.where(*c.where).order_by(*order).offset(offset).limit(limit)
    return [ClientRow(*row) for row in session.execute(stmt)]


def count(
    session: Session,
    f: ClientFilter,
    on: date | None = None,
    limit: int | None = None,
    where: Conditions | None = None,
) -> int:
    """How many clients match; with `limit`, counting stops there (the screen says "more than")."""
    c = where or conditions(session, f, on or date.today())
    if limit is not None and c.more_than is not None and c.more_than >= limit:
        return limit + 1  # the text search already found more than that
    if limit is None:
        return session.scalar(select(func.count()).select_from(Client).where(*c.where)) or 0
    capped = select(Client.id).where(*c.where).limit(limit + 1).subquery()
    return session.scalar(select(func.count()).select_from(capped)) or 0


@dataclass(frozen=True)
class FirstPage:
    """The first rows of a list and how many clients it has (up to `count_limit`, then "more
    than"); `where` is the filter worked out once, for the pages that follow."""

    rows: list[ClientRow]
    total: int
    count_limit: int
    where: Conditions


def first_page(
    session: Session,
    f: ClientFilter,
    *,
    sort: SortKey = SortKey.NAME,
    descending: bool = False,
    limit: int = FIRST_PAGE,
    on: date | None = None,
) -> FirstPage:
    """What the list screen shows first for a filter: its count and first rows, in one read."""
    on = on or date.today()
    where = conditions(session, f, on)
    limit_of_count = count_limit(f)
    total = count(session, f, limit=limit_of_count, where=where)
    rows = fetch_page(session, f, sort=sort, descending=descending, limit=limit, on=on, where=where)
    return FirstPage(rows, total, limit_of_count, where)


def count_limit(f: ClientFilter) -> int:
    """Counting every match of a common name fragment or of "has expired indicators" means
    reading all clients (50-500 ms at 100,000); "more than 500" is as useful and stays fast."""
    unfiltered = f.text.strip() == "" and replace(f, text="") == ClientFilter()
    return COUNT_LIMIT if unfiltered else FILTERED_COUNT_LIMIT


@dataclass(frozen=True)
class FilterChoices:
    """What the list's filters offer, as (key, label): employees, regions, segment values
    ("type: value"), status groups."""

    employees: list[tuple[int, str]]
    regions: list[tuple[str, str]]
    segment_values: list[tuple[int, str]]
    status_groups: list[tuple[int, str]]


def segment_value_choices(session: Session) -> list[tuple[int, str]]:
    """Every segment value as (id, "type: value"), in the types' and values' order."""
    return [
        (i, f"{t}: {v}")
        for i, t, v in session.execute(
            select(SegmentValue.id, SegmentType.name, SegmentValue.name)
            .join(SegmentType, SegmentType.id == SegmentValue.segment_type_id)
            .order_by(SegmentType.position, SegmentValue.position)
        )
    ]


def filter_choices(session: Session) -> FilterChoices:
    return FilterChoices(
        employees=[
            (i, n)
            for i, n in session.execute(
                select(Employee.id, Employee.full_name).order_by(Employee.full_name)
            )
        ],
        regions=[
            (c, n)
            for c, n in session.execute(select(Region.code, Region.name).order_by(Region.name))
        ],
        segment_values=segment_value_choices(session),
        status_groups=[
            (i, n)
            for i, n in session.execute(
                select(StatusGroup.id, StatusGroup.name).order_by(StatusGroup.name)
            )
        ],
    )


def display_names(session: Session, client_ids: Collection[int]) -> dict[int, str]:
    """ "42724826 - name" of each of these clients that still exists (the Favourites menu)."""
    return {
        client_id: f"{reg_number} - {name}"
        for client_id, reg_number, name in session.execute(
            select(Client.id, Client.reg_number, Client.name).where(Client.id.in_(client_ids))
        )
    }
