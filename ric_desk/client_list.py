"""The client list: filters, sorting and pages of rows, for the list screen and its export.

Rows are read a page at a time (the screen asks for more as the user scrolls); never all at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sqlalchemy import ColumnElement, exists, func, select
from sqlalchemy.orm import Session

from ric_desk.client_search import match_condition
from ric_desk.models import (
    Client,
    ClientSegment,
    Employee,
    IndicatorValue,
    Region,
    StatusGroup,
)

PAGE = 200
COUNT_LIMIT = 100_000  # the list counts up to here; beyond, it says "more than"


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


def conditions(session: Session, f: ClientFilter, on: date) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    text_condition = match_condition(session, f.text)
    if text_condition is not None:
        where.append(text_condition)
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
    return where


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
) -> list[ClientRow]:
    on = on or date.today()
    column = _SORT_COLUMNS[sort]
    order = [column.desc() if descending else column.asc(), Client.id]
    stmt = (
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
        .where(*conditions(session, f, on))
        .order_by(*order)
        .offset(offset)
        .limit(limit)
    )
    return [ClientRow(*row) for row in session.execute(stmt)]


def count(
    session: Session, f: ClientFilter, on: date | None = None, limit: int | None = None
) -> int:
    """How many clients match; with `limit`, counting stops there (the screen says "more than")."""
    where = conditions(session, f, on or date.today())
    if limit is None:
        return session.scalar(select(func.count()).select_from(Client).where(*where)) or 0
    capped = select(Client.id).where(*where).limit(limit + 1).subquery()
    return session.scalar(select(func.count()).select_from(capped)) or 0
