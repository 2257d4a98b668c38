"""A short account of what a database holds, for the command line and the status bar."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ric_desk.models import (
    Client,
    Contact,
    ContactPerson,
    Employee,
    IndicatorValue,
    PrizItem,
    PrizState,
    Work,
    WorkState,
)


@dataclass(frozen=True)
class Summary:
    clients: int
    contact_persons: int
    indicator_values: int
    expired_indicators: int
    works: int
    open_works: int
    contacts: int
    open_priz: int
    employees: int

    def lines(self) -> list[str]:
        return [
            f"Клиентов: {self.clients:,}".replace(",", " "),
            f"Контактных лиц: {self.contact_persons:,}".replace(",", " "),
            f"Значений показателей: {self.indicator_values:,} (просрочено: "
            f"{self.expired_indicators:,})".replace(",", " "),
            f"Работ: {self.works:,} (открыто: {self.open_works:,})".replace(",", " "),
            f"Контактов: {self.contacts:,}".replace(",", " "),
            f"Открытых пунктов ПРИЗ: {self.open_priz:,}".replace(",", " "),
            f"Сотрудников: {self.employees}",
        ]


def summarize(engine: Engine, on: date | None = None) -> Summary:
    on = on or date.today()

    def count(session: Session, *criteria: object, model: type = Client) -> int:
        stmt = select(func.count()).select_from(model)
        for c in criteria:
            stmt = stmt.where(c)  # type: ignore[arg-type]
        return session.scalar(stmt) or 0

    with Session(engine) as s:
        return Summary(
            clients=count(s),
            contact_persons=count(s, model=ContactPerson),
            indicator_values=count(s, model=IndicatorValue),
            expired_indicators=count(
                s,
                IndicatorValue.is_actual.is_(True),
                IndicatorValue.valid_until < on,
                model=IndicatorValue,
            ),
            works=count(s, model=Work),
            open_works=count(s, Work.state != WorkState.CLOSED, model=Work),
            contacts=count(s, model=Contact),
            open_priz=count(s, PrizItem.state == PrizState.OPEN, model=PrizItem),
            employees=count(s, model=Employee),
        )


def has_clients(session: Session) -> bool:
    return session.scalar(select(Client.id).limit(1)) is not None
