"""A client card loads its header, functional map, persons and last works."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.orm import Session

from ric_desk.clients.card import LAST_WORKS, load_card
from ric_desk.demo.generator import generate
from ric_desk.errors import UserError
from ric_desk.models import Client, IndicatorValue, SegmentType, Work

AS_OF = date(2026, 11, 23)


def test_card_of_a_demo_client(fresh_engine: Engine) -> None:
    generate(fresh_engine, clients=20, seed=4, as_of=AS_OF)
    with Session(fresh_engine) as s:
        client_id = s.scalar(select(Client.id).order_by(Client.id).limit(1))
        assert client_id is not None
        card = load_card(s, client_id, AS_OF)
        assert card.client.id == client_id and card.status_group == "Готов к продаже"
        assert card.responsible and card.region
        # one row per active client indicator, filled or not
        stored = s.scalars(
            select(IndicatorValue).where(IndicatorValue.client_id == client_id)
        ).all()
        assert len([i for i in card.indicators if i.value is not None]) == len(stored)
        expired = [v for v in stored if v.is_actual and v.valid_until and v.valid_until < AS_OF]
        assert card.expired_count == len(expired)
        assert len(card.segments) == s.scalar(select(func.count()).select_from(SegmentType))
        assert card.persons and all(p.phones for p in card.persons)
        assert all(p.phones[0].startswith("7(") for p in card.persons)
        works = s.scalars(select(Work).where(Work.client_id == client_id)).all()
        assert len(card.works) == min(LAST_WORKS, len(works))
        planned = [w.planned_at for w in card.works]
        assert planned == sorted(planned, reverse=True)
        assert 0 <= card.fill_percent <= 100


def test_missing_client(session: Session) -> None:
    with pytest.raises(UserError, match="не найден"):
        load_card(session, 987654321)
