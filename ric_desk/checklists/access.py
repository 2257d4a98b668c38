"""Who may do what in quality control (issue 12): supervisors (and administrators) draw the
sample, take calls, score, publish, calibrate and resolve disputes; directors read everything;
an operator reads their own published reviews, acknowledges or disputes them."""

from __future__ import annotations

from ric_desk.actor import Actor, Role
from ric_desk.errors import NotAllowed

SCORERS = (Role.SUPERVISOR, Role.ADMIN)
READERS = (Role.SUPERVISOR, Role.ADMIN, Role.DIRECTOR)


def require_scorer(actor: Actor) -> None:
    if actor.role not in SCORERS:
        raise NotAllowed(
            "Оценивать звонки (брать их на прослушку, ставить и публиковать оценки, назначать "
            "калибровку и разбирать споры) могут только руководители групп и администраторы."
        )


def require_reader(actor: Actor) -> None:
    if actor.role not in READERS:
        raise NotAllowed(
            "Выборку, очередь прослушки и оценки всех операторов видят только руководители "
            "групп, директор и администраторы; оператор видит свои опубликованные оценки."
        )


def require_operator(actor: Actor) -> None:
    if actor.role != Role.OPERATOR:
        raise NotAllowed("Ознакомиться с оценкой или оспорить её может только сам оператор.")
