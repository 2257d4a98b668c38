"""A client's ПРИЗ items as the call screen lists them, and the competitors a card names."""

from __future__ import annotations

import re

from sqlalchemy import case, or_, select
from sqlalchemy.orm import Session

from ric_desk.models import PrizItem, PrizKind, PrizState
from ric_desk.priz.rules import TITLE_LENGTH

COMPETITORS_INDICATOR = "Конкуренты"
# what people write in "Конкуренты" to say there are none
NO_COMPETITOR = frozenset({"нет", "-", "—", "–", "нет конкурентов", "отсутствуют", "не выявлены"})
KEY_LENGTH = 100


_KIND_ORDER = case(
    {PrizKind.DYNAMIC.value: 0, PrizKind.TASK.value: 1, PrizKind.COMPETITOR.value: 2},
    value=PrizItem.kind,
    else_=3,
)


def open_items(session: Session, client_id: int, work_id: int | None = None) -> list[PrizItem]:
    """The client's open items as the call screen lists them: dynamic, tasks, competitors, each
    in the order they came; with `work_id`, also those the operator closed in that work."""
    shown = PrizItem.state == PrizState.OPEN
    if work_id is not None:
        shown = or_(shown, PrizItem.work_id == work_id)
    return list(
        session.scalars(
            select(PrizItem)
            .where(PrizItem.client_id == client_id, shown)
            .order_by(_KIND_ORDER, PrizItem.created_at, PrizItem.id)
        )
    )


def competitor_names(value: str | None) -> dict[str, str]:
    """The competitors named in a "Конкуренты" value: source key (case-folded) -> name as written.

    Names are separated by commas, semicolons or new lines; "нет" and the like name nobody."""
    names: dict[str, str] = {}
    for part in re.split(r"[,;\n]+", value or ""):
        name = " ".join(part.split())
        key = name.casefold()[:KEY_LENGTH]
        if name and key not in NO_COMPETITOR and key not in names:
            names[key] = name[:TITLE_LENGTH]
    return names
