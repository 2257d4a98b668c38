"""The client screens hear about changes through the hub: no timer, no reload asked for.

A card refreshes after an edit in another card of its client and after an operation run
elsewhere; the list follows a segment edit (at once when shown, when next shown if hidden) and
keeps its selection; a refused save keeps the input, told apart by the error's type.
"""

from __future__ import annotations

import sys
from datetime import date

import pytest
import shiboken6
from PySide6.QtCore import QObject, Signal
from sqlalchemy import Engine, select

from ric_desk.changes import Changes
from ric_desk.clients import editing
from ric_desk.clients.persons import PersonDraft, add_contact_person
from ric_desk.errors import ConflictError, UserError
from ric_desk.models import Client, ClientSegment, ContactPerson, SegmentType, SegmentValue
from ric_desk.store import Store
from ric_desk.ui.clients.card_dialogs import IndicatorDialog, SegmentDialog
from ric_desk.ui.clients.card_view import ClientCardView
from ric_desk.ui.clients.person_view import PersonCardDialog
from ric_desk.ui.main_window import MainWindow
from tests.gui import demo_store, open_window, settle

pytestmark = pytest.mark.gui
TODAY = date.today()


@pytest.fixture
def store(fresh_engine: Engine, qapp) -> Store:
    return demo_store(fresh_engine, qapp, clients=40, seed=3, login="egorova_ma")


@pytest.fixture
def window(store: Store, qtbot) -> MainWindow:
    return open_window(store, qtbot)


def first_client(store: Store) -> int:
    with store.session() as s:
        client_id = s.scalar(select(Client.id).order_by(Client.id).limit(1))
    assert client_id is not None
    return client_id


def value_of(card: ClientCardView, name: str) -> str:
    assert card.card is not None
    return next(r.display for r in card.card.indicators if r.name == name)


def test_a_card_refreshes_after_an_edit_in_another_card_and_an_operation_elsewhere(
    window: MainWindow, store: Store, qtbot
) -> None:
    client_id = first_client(store)
    tab = window.open_client(client_id)
    assert tab is not None
    other = ClientCardView(window.db, client_id)  # as the call screen embeds one
    qtbot.addWidget(other)
    settle(qtbot, window.db)
    assert window.tabs.tabText(window.tabs.indexOf(tab)) == tab.card.client.display_name
    shown: list[int] = []
    tab.loaded.connect(lambda card: shown.append(card.client.id))

    # an edit in the other card of the same client
    assert other.select_indicator("Штат юристов")
    other.edit_current()
    dialog = other.dialog
    assert isinstance(dialog, IndicatorDialog)
    dialog.line.setText("9")
    dialog.accept()
    settle(qtbot, window.db)
    assert not dialog.isVisible()
    assert value_of(tab, "Штат юристов") == value_of(other, "Штат юристов") == "9"
    assert tab.changes.object_at(0).new == "9"  # the history too

    # an operation run elsewhere (no screen of the client asked for it)
    actor = window.db.actor
    window.db.run_op(
        None,
        lambda s: add_contact_person(s, client_id, PersonDraft("Петракова", "Светлана"), actor),
    )
    settle(qtbot, window.db)
    for card in (tab, other):
        assert "Петракова Светлана" in [p.full_name for p in card.card.persons]

    # a change of another client leaves the card alone
    shown.clear()
    window.db.hub.changed.emit(Changes.of(clients=[client_id + 1]), None)
    settle(qtbot, window.db)
    assert shown == []
    window.db.hub.changed.emit(Changes.of(priz=[client_id]), None)
    settle(qtbot, window.db)
    assert shown == [client_id]

    # a closed card hears nothing any more, and nothing breaks
    window.close_tab(window.tabs.indexOf(tab))
    assert window.card_tabs() == []
    qtbot.waitUntil(lambda: not shiboken6.isValid(tab))
    window.db.hub.changed.emit(Changes.of(clients=[client_id]), None)
    settle(qtbot, window.db)


def test_one_embedded_card_switches_clients_and_shows_a_loaded_card_at_once(
    window: MainWindow, store: Store, qtbot
) -> None:
    from ric_desk.clients.card import load_card

    with store.session() as s:
        first, second = s.scalars(select(Client.id).order_by(Client.id).limit(2))
        ready = load_card(s, second, TODAY)
    card = ClientCardView(window.db)
    qtbot.addWidget(card)
    assert card.card is None and card.title_text() == ""
    card.show_client(first)
    card.show_client(second, ready)  # given: shown at once, the read of the first is dropped
    assert card.card is ready and card.client_id == second
    settle(qtbot, window.db)
    assert card.card is ready and card.title.text() == ready.client.display_name
    card.show_client(None)  # no work on the call screen: nothing of the last client stays
    assert card.card is None and card.title.text() == "" and card.indicators.rowCount() == 0


def test_a_card_let_go_while_reading_still_refreshes_when_its_client_comes_back(
    window: MainWindow, store: Store, qtbot
) -> None:
    """The call screen lets go of its card (a work re-scheduled) while a re-read is in flight;
    when that client's work comes back, the card must still follow its changes."""
    with store.session() as s:
        client_id = s.scalar(select(Client.id).order_by(Client.id).limit(1))
    assert client_id is not None
    card = ClientCardView(window.db)
    qtbot.addWidget(card)
    card.show_client(client_id)
    settle(qtbot, window.db)
    card.reload()  # a change announced: the re-read is on its way ...
    card.show_client(None)  # ... and the work is ended before it answers
    settle(qtbot, window.db)
    card.show_client(client_id)
    settle(qtbot, window.db)
    assert card.card is not None and card.card.client.id == client_id
    shown = card.card
    card.reload()
    settle(qtbot, window.db)
    assert card.card is not shown  # read again: the card did not stay stuck on the old read


def loyalty(store: Store) -> dict[str, int]:
    with store.session() as s:
        return {
            name: value_id
            for value_id, name in s.execute(
                select(SegmentValue.id, SegmentValue.name)
                .join(SegmentType, SegmentType.id == SegmentValue.segment_type_id)
                .where(SegmentType.name == "Лояльность")
            )
        }


def loyalty_of(store: Store, client_id: int) -> int | None:
    values = set(loyalty(store).values())
    with store.session() as s:
        return s.scalar(
            select(ClientSegment.segment_value_id).where(
                ClientSegment.client_id == client_id,
                ClientSegment.left_on.is_(None),
                ClientSegment.segment_value_id.in_(values),
            )
        )


def test_the_list_follows_a_segment_edit_and_keeps_its_selection(
    window: MainWindow, store: Store, qtbot
) -> None:
    view, model = window.client_list, window.client_list.model
    values = loyalty(store)
    view.segment.setCurrentIndex(view.segment.findText("Лояльность: Желтый"))
    settle(qtbot, window.db)
    before = model.total
    assert before >= 2
    kept, edited = model.rows[0].id, model.rows[1].id
    view.table.selectRow(0)

    # edited in a card while the list is hidden: it reads again when shown
    card = window.open_client(edited)
    assert card is not None
    settle(qtbot, window.db)
    card.sections.setCurrentIndex(1)
    proxy = card.segment_table.model()
    row = next(i for i in range(proxy.rowCount()) if proxy.index(i, 0).data() == "Лояльность")
    card.segment_table.setCurrentIndex(proxy.index(row, 0))
    card.change_segment()
    settle(qtbot, window.db)
    dialog = card.dialog
    assert isinstance(dialog, SegmentDialog)
    dialog.value.setCurrentIndex(dialog.value.findText("Зеленый"))
    dialog.accept()
    settle(qtbot, window.db)
    assert model.total == before  # hidden: not read yet
    window.show_client_list()
    settle(qtbot, window.db)
    assert model.total == before - 1 and edited not in [r.id for r in model.rows]
    assert model.row_at(view.table.currentIndex().row()).id == kept

    # changed elsewhere while the list is shown: at once
    actor = window.db.actor
    window.db.run_op(
        None,
        lambda s: editing.change_segment(
            s, edited, values["Желтый"], actor, TODAY, values["Зеленый"]
        ),
    )
    settle(qtbot, window.db)
    assert model.total == before and edited in [r.id for r in model.rows]
    assert model.row_at(view.table.currentIndex().row()).id == kept
    assert loyalty_of(store, edited) == values["Желтый"]


def test_a_refused_indicator_save_keeps_the_input_and_offers_the_saved_value_by_type(
    window: MainWindow, store: Store, qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:
    card = window.open_client(first_client(store))
    assert card is not None
    settle(qtbot, window.db)
    assert card.select_indicator("Штат юристов")
    card.edit_current()
    dialog = card.dialog
    assert isinstance(dialog, IndicatorDialog) and dialog.line is not None
    dialog.line.setText("5")
    real = editing.set_indicator

    def refuse(kind: type[UserError]):
        def refused(*_args: object) -> None:
            raise kind("Текст, по которому ничего не решают.")

        monkeypatch.setattr(editing, "set_indicator", refused)

    refuse(ConflictError)
    dialog.accept()
    settle(qtbot, window.db)
    assert dialog.isVisible() and dialog.line.text() == "5"
    assert dialog.error.text() == "Текст, по которому ничего не решают."
    assert dialog.reload_button.isVisible()  # a conflict, by its type: the saved value is offered
    refuse(UserError)
    dialog.accept()
    settle(qtbot, window.db)
    assert dialog.isVisible() and dialog.line.text() == "5"
    assert not dialog.reload_button.isVisible()  # not a conflict: nothing to compare with
    monkeypatch.setattr(editing, "set_indicator", real)
    dialog.accept()
    settle(qtbot, window.db)
    assert not dialog.isVisible() and value_of(card, "Штат юристов") == "5"


def test_the_person_card_reads_again_when_its_person_changed(
    window: MainWindow, store: Store, qtbot
) -> None:
    card = window.open_client(first_client(store))
    assert card is not None
    settle(qtbot, window.db)
    card.sections.setCurrentIndex(2)
    card.person_table.setCurrentIndex(card.person_table.model().index(0, 0))
    card.open_person()
    settle(qtbot, window.db)
    dialog = card.dialog
    assert isinstance(dialog, PersonCardDialog)
    person_id = dialog.card.person.id
    with store.session() as s:  # as another workstation would
        person = s.get(ContactPerson, person_id)
        assert person is not None
        person.position = "Заведующий складом"
    window.db.hub.changed.emit(Changes.of(persons=[person_id + 1]), None)
    settle(qtbot, window.db)
    assert dialog.position.text() != "Заведующий складом"
    window.db.hub.changed.emit(Changes.of(persons=[person_id]), None)
    settle(qtbot, window.db)
    assert dialog.position.text() == "Заведующий складом"


class _Emitter(QObject):
    said = Signal(object)


def test_the_qt_binding_keeps_its_references_when_a_signal_is_emitted(qapp) -> None:
    """Every job and every change goes through a signal: PySide6 6.12.0 dropped a reference to
    True on each emit, and the program aborted after some ten thousand (pyproject excludes it)."""
    emitter = _Emitter()
    heard: list[object] = []
    emitter.said.connect(heard.append)
    emitter.said.emit(-1)  # the first emit may cache what later ones use
    before = sys.getrefcount(True)
    for n in range(100):
        emitter.said.emit(n)
    assert len(heard) == 101
    assert sys.getrefcount(True) >= before  # 6.12.0: one fewer per emit
