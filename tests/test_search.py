"""Client search by registration number, INN, phone digits and name fragment."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy.orm import Session

from ric_desk.clients import listing
from ric_desk.clients import search as client_search
from ric_desk.clients.listing import ClientFilter
from ric_desk.clients.search import search_clients
from ric_desk.models import ChannelKind, ContactChannel
from tests import factories


def add_phone(session: Session, client_id: int, digits: str) -> None:
    session.add(
        ContactChannel(
            client_id=client_id,
            kind=ChannelKind.WORK_PHONE,
            value=digits,
            digits=digits,
            digits_reversed=digits[::-1],
        )
    )
    session.flush()


def test_search_by_every_key(session: Session) -> None:
    sport = factories.client(
        session, 'ГАУ ПО "Дирекция спортивных сооружений"', reg_number=42724826
    )
    mebel = factories.client(session, 'ООО ТП "Мебель"')
    other = factories.client(session, 'ООО "Вектор"')
    add_phone(session, sport.id, "78112590051")
    add_phone(session, mebel.id, "79113621689")
    names = lambda q: [h.name for h in search_clients(session, q)]  # noqa: E731
    assert names("спортивн") == [sport.name]
    assert names("СПОРТИВНЫХ СООР") == [sport.name]
    assert names("мебель") == [mebel.name]
    assert names("ооо") == [other.name, mebel.name]  # ordered by name
    assert names("42724826") == [sport.name]
    assert names(mebel.inn) == [mebel.name]
    assert names("59-00-51") == [sport.name]
    assert names("8 911 362-16-89") == [mebel.name]
    assert names("+7 (911) 362 16 89") == [mebel.name]
    assert names("1689") == [mebel.name]
    assert names("несуществующее") == []
    assert names("  ") == []
    assert names("100%_") == []
    assert (
        search_clients(session, "ооо", limit=1)[0].display_name
        == f"{other.reg_number} - {other.name}"
    )


def test_inn_prefix_finds_exactly_the_matching(session: Session) -> None:
    a = factories.client(session, 'ООО "Альянс"')
    factories.client(session, 'ООО "Меридиан"')
    hits = search_clients(session, a.inn)
    assert [h.id for h in hits] == [a.id]
    prefix_hits = {h.id for h in search_clients(session, a.inn[:9])}
    assert a.id in prefix_hits
    assert all(
        h.inn.startswith(a.inn[:9]) or str(h.reg_number) == a.inn[:9]
        for h in search_clients(session, a.inn[:9])
    )


def test_both_plans_give_the_same_answer(session: Session, monkeypatch) -> None:
    """Few matches are sorted, many are walked in name order: the answer must not depend on it."""
    from ric_desk.clients import search as client_search

    for i in range(12):
        c = factories.client(session, f'ООО "Мебель {chr(ord("Я") - i)}{i}"')
        add_phone(session, c.id, f"7811259{i:04d}")
    factories.client(session, 'АО "Вектор"')
    queries = ["мебель", "ооо", "ме", "7811259", "0005", "42", "о"]
    answers = {}
    for rare in (500, 1):
        monkeypatch.setattr(client_search, "RARE", rare)
        answers[rare] = {q: [h.id for h in search_clients(session, q, limit=5)] for q in queries}
    assert answers[500] == answers[1]
    assert len(answers[1]["мебель"]) == 5
    names = [h.name for h in search_clients(session, "мебель", limit=12)]
    assert names == sorted(names, key=str.lower)


@pytest.mark.parametrize(
    ("typed", "found"),
    [("²³⁴", "234"), ("①", "1"), ("１２", "12"), ("٤٢", "42"), ("7(8112)\x0059", "7(8112) 59")],
)
def test_typed_digits_of_any_script_are_read_as_digits(typed: str, found: str) -> None:
    assert client_search.clean_query(typed) == found


def test_a_reg_number_typed_in_other_digits_is_found(session: Session) -> None:
    client = factories.client(session)
    arabic = "".join(chr(0x0660 + int(d)) for d in str(client.reg_number))
    assert [h.id for h in search_clients(session, arabic)] == [client.id]


@settings(
    max_examples=150,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)
@given(text=st.text(max_size=300))
def test_any_text_searches_and_filters_without_an_error(session: Session, text: str) -> None:
    """Whatever is typed or pasted (NUL, surrogates' neighbours, other scripts' digits, LIKE's
    wildcards, a 300-character paste) is a search, the same on both databases."""
    search_clients(session, text)
    listing.first_page(session, ClientFilter(text=text))
