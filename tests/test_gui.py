"""The workstation driven through real widgets, offscreen, on SQLite and PostgreSQL."""

from __future__ import annotations

import gc
import re
import shutil
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QApplication,
    QFileDialog,
    QLabel,
    QMessageBox,
    QWidget,
)
from sqlalchemy import Engine, select

from ric_desk.clients import listing
from ric_desk.clients.listing import ClientFilter
from ric_desk.demo.generator import generate
from ric_desk.errors import UserError
from ric_desk.models import AuditRecord, Client, ContactChannel, IndicatorValue
from ric_desk.models import ChannelKind as ChannelKindForTest
from ric_desk.store import Store
from ric_desk.ui import i18n
from ric_desk.ui.main_window import MainWindow
from ric_desk.ui.messages import show_error
from tests.gui import demo_store, open_window, settle

pytestmark = pytest.mark.gui
TODAY = date.today()


@pytest.fixture
def store(fresh_engine: Engine, qapp) -> Store:
    return demo_store(fresh_engine, qapp, clients=60, seed=2, login="egorova_ma")


@pytest.fixture
def window(store: Store, qtbot) -> MainWindow:
    return open_window(store, qtbot)


def type_search(qtbot, window: MainWindow, text: str) -> None:
    view = window.client_list
    view.search.clear()
    if text.isascii():
        qtbot.keyClicks(view.search, text)
    else:  # QTest types only ASCII keys; the field gets the same textChanged signals
        view.search.insert(text)
    qtbot.waitUntil(lambda: not view.timer.isActive(), timeout=3000)
    settle(qtbot, window.db)


def test_russian_translation_loads(qapp) -> None:
    assert i18n.install_russian(qapp)
    assert QCoreApplication.translate("MainWindow", "Clients") == "Клиенты"
    assert QCoreApplication.translate("IndicatorTable", "Valid until") == "Актуален до"


@pytest.mark.parametrize("mode", ["open", "save"])
def test_qts_own_file_dialog_speaks_russian(qapp, qtbot, tmp_path: Path, mode: str) -> None:
    """Qt's own file dialog (Linux without a desktop's dialogs): no English label, button,
    hint or menu entry; only the folder and our filter are not words of the dialog."""
    assert i18n.install_russian(qapp)
    dialog = QFileDialog(None, "Загрузка клиентов", str(tmp_path), "Книга Excel (*.xlsx)")
    qtbot.addWidget(dialog)
    dialog.setOption(QFileDialog.Option.DontUseNativeDialog, True)
    if mode == "save":
        dialog.setAcceptMode(QFileDialog.AcceptMode.AcceptSave)
    dialog.show()
    words = [a.text() for a in dialog.findChildren(QAction)]
    for widget in dialog.findChildren(QWidget):
        words += [widget.toolTip(), widget.accessibleName()]
        if isinstance(widget, QLabel | QAbstractButton):
            words.append(widget.text())
    labels = {label.objectName(): label.text() for label in dialog.findChildren(QLabel)}
    assert labels["lookInLabel"] == "&Перейти к:"
    assert labels["fileTypeLabel"] == "&Типы файлов:"
    assert [w for w in words if re.search("[A-Za-z]", w)] == []
    dialog.close()


def test_titles_carry_the_programs_name(window: MainWindow) -> None:
    assert window.windowTitle() == "Рабочее место дистанционного сервиса — РИЦ Деск"
    show_error(window, UserError("Клиент не найден."))
    box = window.findChild(QMessageBox, "errorMessage")
    assert box is not None and box.windowTitle() == "РИЦ Деск"
    box.close()


def test_an_error_before_any_window_is_shown_and_stays(qapp, qtbot) -> None:
    """Start-up's errors (no window yet) stay on screen until read, titled with the name."""
    assert i18n.install_russian(qapp)
    show_error(None, UserError("Сотрудник с логином «nobody» не найден."))
    gc.collect()
    qapp.processEvents()
    boxes = [
        w
        for w in QApplication.topLevelWidgets()
        if isinstance(w, QMessageBox) and "nobody" in w.text() and w.isVisible()
    ]
    assert [box.windowTitle() for box in boxes] == ["РИЦ Деск"]
    boxes[0].close()


def test_translation_covers_every_string(tmp_path: Path) -> None:
    """lupdate over the UI finds nothing new or unfinished, and the shipped .qm is the .ts built."""
    ui = Path(i18n.__file__).parent
    ts = tmp_path / "check.ts"
    shutil.copy(ui / "translations" / "ric_desk_ru.ts", ts)
    bindir = Path(sys.executable).parent
    lupdate = shutil.which("pyside6-lupdate", path=str(bindir)) or "pyside6-lupdate"
    lrelease = shutil.which("pyside6-lrelease", path=str(bindir)) or "pyside6-lrelease"
    sources = sorted(str(p) for p in ui.rglob("*.py"))
    result = subprocess.run(
        [lupdate, *sources, "-ts", str(ts)], capture_output=True, text=True, check=True
    )
    assert "(0 new and" in result.stdout, result.stdout
    obsolete = [int(n) for n in re.findall(r"(\d+) obsolete", result.stdout)]
    assert sum(obsolete) == 0, result.stdout  # strings the code no longer has
    text = ts.read_text(encoding="utf-8")
    assert 'type="unfinished"' not in text
    assert 'type="vanished"' not in text and 'type="obsolete"' not in text
    qm = tmp_path / "check.qm"
    subprocess.run(
        [lrelease, str(ui / "translations" / "ric_desk_ru.ts"), "-qm", str(qm)],
        capture_output=True,
        check=True,
    )
    assert qm.read_bytes() == (ui / "translations" / "ric_desk_ru.qm").read_bytes()


def test_search_by_inn_phone_and_name(window: MainWindow, store: Store, qtbot) -> None:
    with store.session() as s:
        client = s.scalar(select(Client).order_by(Client.id).limit(1))
        assert client is not None
        from ric_desk.models import ContactChannel

        digits = s.scalar(
            select(ContactChannel.digits)
            .where(ContactChannel.client_id == client.id, ContactChannel.digits.is_not(None))
            .limit(1)
        )
    model = window.client_list.model
    assert model.total == 60
    type_search(qtbot, window, client.inn)
    assert [r.id for r in model.rows] == [client.id]
    assert window.client_list.count.text() == "Найдено: 1"
    type_search(qtbot, window, digits[-6:])
    assert client.id in [r.id for r in model.rows]
    fragment = client.name.split('"')[1][:5] if '"' in client.name else client.name[:5]
    type_search(qtbot, window, fragment.lower())
    assert client.id in [r.id for r in model.rows]
    assert all(fragment.lower() in r.name.lower() for r in model.rows)


def test_filters(window: MainWindow, store: Store, qtbot) -> None:
    view = window.client_list
    model = view.model
    view.expired.setChecked(True)
    settle(qtbot, window.db)
    with store.session() as s:
        expected = listing.count(s, ClientFilter(only_with_expired=True))
        assert 0 < expected < 60
        assert model.total == expected
        for row in model.rows:
            assert s.scalar(
                select(IndicatorValue.id)
                .where(
                    IndicatorValue.client_id == row.id,
                    IndicatorValue.is_actual.is_(True),
                    IndicatorValue.valid_until < TODAY,
                )
                .limit(1)
            )
    view.expired.setChecked(False)
    egorova = view.responsible.findText("Егорова Мария Анатольевна")
    view.responsible.setCurrentIndex(egorova)
    settle(qtbot, window.db)
    assert model.total and {r.responsible for r in model.rows} == {"Егорова Мария Анатольевна"}
    view.responsible.setCurrentIndex(0)
    view.region.setCurrentIndex(view.region.findText("Псковская область"))
    settle(qtbot, window.db)
    assert model.total and {r.region for r in model.rows} == {"Псковская область"}
    view.region.setCurrentIndex(0)
    yellow = view.segment.findText("Лояльность: Желтый")
    assert yellow > 0
    view.segment.setCurrentIndex(yellow)
    settle(qtbot, window.db)
    assert 0 < model.total < 60, model.total


def test_sorting_and_lazy_loading(fresh_engine: Engine, qapp, qtbot, qtmodeltester) -> None:
    generate(fresh_engine, clients=listing.PAGE + 50, seed=5, as_of=TODAY)
    store = Store(fresh_engine, fresh_engine.url)
    store.sign_in("egorova_ma")
    w = MainWindow(store)
    qtbot.addWidget(w)
    settle(qtbot, w.db)
    model = w.client_list.model
    assert model.total == listing.PAGE + 50
    assert model.rowCount() == listing.FIRST_PAGE and model.canFetchMore()
    model.fetchMore()
    assert not model.canFetchMore()  # one page at a time: the next is on its way
    settle(qtbot, w.db)
    assert model.rowCount() == listing.FIRST_PAGE + listing.PAGE
    while model.canFetchMore():
        model.fetchMore()
        settle(qtbot, w.db)
    assert model.rowCount() == listing.PAGE + 50
    assert len({r.id for r in model.rows}) == model.rowCount()  # pages neither overlap nor skip
    w.client_list.table.sortByColumn(2, Qt.SortOrder.DescendingOrder)  # INN
    settle(qtbot, w.db)
    inns = [r.inn for r in model.rows]
    assert inns == sorted(inns, reverse=True)
    qtmodeltester.check(model)


def test_open_card_and_confirm_an_expired_indicator_from_the_keyboard(
    window: MainWindow, store: Store, qtbot, qtmodeltester
) -> None:
    with store.session() as s:
        expired = s.execute(
            select(IndicatorValue.id, IndicatorValue.client_id, Client.inn)
            .join(Client, Client.id == IndicatorValue.client_id)
            .where(IndicatorValue.is_actual.is_(True), IndicatorValue.valid_until < TODAY)
            .order_by(IndicatorValue.id)
            .limit(1)
        ).one()
    type_search(qtbot, window, expired.inn)
    assert [r.id for r in window.client_list.model.rows] == [expired.client_id]
    qtbot.keyClick(window.client_list.search, Qt.Key.Key_Return)
    assert len(window.card_tabs()) == 1, window.client_list.model.rowCount()
    card = window.card_tabs()[0]
    settle(qtbot, window.db)
    assert window.tabs.currentWidget() is card and card.client_id == expired.client_id
    before = card.card.expired_count
    row = next(r for r in card.card.indicators if r.expired)
    assert card.select_indicator(row.name)
    focus(qtbot, card.indicator_table)
    qtbot.keyClick(card.indicator_table, Qt.Key.Key_Space)
    settle(qtbot, window.db)
    assert card.card.expired_count == before - 1
    assert card.current_indicator() is not None  # the cursor stays on the confirmed row
    assert card.current_indicator().name == row.name
    confirmed = next(r for r in card.card.indicators if r.name == row.name)
    assert (confirmed.is_actual, confirmed.verified_on, confirmed.verified_by) == (
        True,
        TODAY,
        "Егорова М.А.",
    )
    with store.session() as s:
        assert s.scalar(
            select(AuditRecord).where(
                AuditRecord.field == row.name, AuditRecord.client_id == expired.client_id
            )
        )
    for model in (card.indicators, card.segments, card.persons, card.works):
        qtmodeltester.check(model)
    card.only_group.setChecked(True)
    assert all(r.in_status_group for r in card.indicators.rows)
    assert card.indicators.rowCount() < len(card.card.indicators)


def test_tabs_favourites_and_layout_are_remembered(window: MainWindow, store: Store, qtbot) -> None:
    with store.session() as s:
        ids = list(s.scalars(select(Client.id).order_by(Client.id).limit(2)))
    window.open_client(ids[0])
    window.open_client(ids[1])
    window.open_client(ids[0])  # already open: switches, does not duplicate
    assert len(window.card_tabs()) == 2
    window.add_favourite()
    assert window.favourites() == [ids[0]]
    qtbot.keyClick(window, Qt.Key.Key_W, Qt.KeyboardModifier.ControlModifier)
    assert len(window.card_tabs()) == 1
    window.card_tabs()[0].indicator_table.setColumnWidth(0, 222)
    window.client_list.table.setColumnWidth(1, 333)
    # the offscreen screen is 800 x 600 and the window is at least ~800 wide: vary the height
    window.resize(window.minimumSizeHint().width(), 555)
    window.close()
    again = MainWindow(store)
    qtbot.addWidget(again)
    assert again.client_list.table.columnWidth(1) == 333
    reopened = again.open_client(ids[1])
    assert reopened is not None and reopened.indicator_table.columnWidth(0) == 222
    assert again.size().height() == 555
    settle(qtbot, again.db)
    names = [a.text() for a in again.favourites_menu.actions()]
    with store.session() as s:
        client = s.get(Client, ids[0])
        assert client is not None and client.display_name in names


def test_export_filtered_list_to_excel(
    window: MainWindow, store: Store, qtbot, tmp_path: Path
) -> None:
    window.client_list.expired.setChecked(True)
    settle(qtbot, window.db)
    target = tmp_path / "clients.xlsx"
    window.client_list.export_to(target)
    settle(qtbot, window.db, timeout=20000)
    assert target.exists()
    sheet = load_workbook(target).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Рег. номер", "Наименование", "ИНН")
    assert len(rows) - 1 == window.client_list.model.total
    shown = [r.inn for r in window.client_list.model.rows]  # the export has every row, in order
    assert [r[2] for r in rows[1 : len(shown) + 1]] == shown


def focus(qtbot, widget) -> None:
    """Give `widget` the keyboard focus as a click would; offscreen windows are not activated."""
    widget.window().activateWindow()
    widget.setFocus()
    qtbot.waitUntil(widget.hasFocus)


def open_card(window: MainWindow, store: Store):
    with store.session() as s:
        client_id = s.scalar(select(Client.id).order_by(Client.id).limit(1))
    card = window.open_client(client_id)
    assert card is not None
    return card


def opened(qtbot, window: MainWindow, store: Store):
    """A card of the first client, its data arrived."""
    card = open_card(window, store)
    settle(qtbot, window.db)
    assert card.card is not None
    return card


def test_edit_values_segments_and_persons_from_the_keyboard(
    window: MainWindow, store: Store, qtbot
) -> None:
    from ric_desk.ui.clients.card_dialogs import IndicatorDialog, PersonDialog, SegmentDialog

    card = opened(qtbot, window, store)
    # an integer indicator: a bad value is refused in the dialog, a good one saved and confirmed
    assert card.select_indicator("Штат бухгалтеров")
    qtbot.keyClick(card.indicator_table, Qt.Key.Key_F2)
    dialog = card.dialog
    assert isinstance(dialog, IndicatorDialog) and dialog.isVisible()
    focus(qtbot, dialog.line)
    dialog.line.setText("три")
    qtbot.keyClick(dialog.line, Qt.Key.Key_Return)
    settle(qtbot, window.db)
    assert dialog.isVisible() and "целое число" in dialog.error.text()
    dialog.line.setText("4")
    qtbot.keyClick(dialog.line, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    settle(qtbot, window.db)
    row = next(r for r in card.card.indicators if r.name == "Штат бухгалтеров")
    assert (row.display, row.is_actual, row.verified_on, row.verified_by) == (
        "4",
        True,
        TODAY,
        "Егорова М.А.",
    )
    # a choice indicator
    assert card.select_indicator("Участвуют ли в закупках")
    focus(qtbot, card.indicator_table)
    qtbot.keyClick(card.indicator_table, Qt.Key.Key_Return)
    dialog = card.dialog
    assert isinstance(dialog, IndicatorDialog) and dialog.choice is not None
    dialog.choice.setCurrentIndex(dialog.choice.findText("поставщик"))
    dialog.accept()
    settle(qtbot, window.db)
    assert (
        next(r for r in card.card.indicators if r.name == "Участвуют ли в закупках").display
        == "поставщик"
    )

    # a segment, with its history kept
    card.sections.setCurrentIndex(1)
    proxy = card.segment_table.model()
    row_index = next(i for i in range(proxy.rowCount()) if proxy.index(i, 0).data() == "Лояльность")
    card.segment_table.setCurrentIndex(proxy.index(row_index, 0))
    focus(qtbot, card.segment_table)
    qtbot.keyClick(card.segment_table, Qt.Key.Key_F2)
    settle(qtbot, window.db)
    dialog = card.dialog
    assert isinstance(dialog, SegmentDialog)
    was = next(r for r in card.card.segments if r.segment_type == "Лояльность").value
    new = next(v for v in ("Зеленый", "Желтый", "Красный") if v != was)
    dialog.value.setCurrentIndex(dialog.value.findText(new))
    dialog.accept()
    settle(qtbot, window.db)
    segment = next(r for r in card.card.segments if r.segment_type == "Лояльность")
    assert (segment.value, segment.entered_on) == (new, TODAY)

    # a new contact person with two channels and a characteristic
    card.sections.setCurrentIndex(2)
    before = len(card.card.persons)
    focus(qtbot, card.person_table)
    qtbot.keyClick(card.person_table, Qt.Key.Key_Insert)
    settle(qtbot, window.db)
    dialog = card.dialog
    assert isinstance(dialog, PersonDialog)
    dialog.last_name.setText("Петракова")
    dialog.first_name.setText("Светлана")
    dialog.middle_name.setText("Викторовна")
    dialog.position.setText("Главный бухгалтер")
    dialog.channels.cellWidget(0, 1).setText("8 911 362-16")  # too short
    dialog.accept()
    settle(qtbot, window.db)
    assert dialog.isVisible() and "Контакт 1" in dialog.error.text()
    dialog.channels.cellWidget(0, 1).setText("8 911 362-16-89")
    row = dialog.add_channel(ChannelKindForTest.PERSONAL_EMAIL, "petrakova_1967@mail.ru")
    assert row == 1
    key_user = next(
        i
        for i in range(dialog.characteristics.count())
        if dialog.characteristics.item(i).text() == "Ключевой пользователь"
    )
    dialog.characteristics.item(key_user).setCheckState(Qt.CheckState.Checked)
    dialog.accept()
    settle(qtbot, window.db)
    assert not dialog.isVisible()
    assert len(card.card.persons) == before + 1
    person = next(p for p in card.card.persons if p.full_name == "Петракова Светлана Викторовна")
    assert person.phones == ["7(911)362-16-89"]
    with store.session() as s:
        from ric_desk.models import ContactPerson

        stored = s.get(ContactPerson, person.id)
        assert stored is not None
        assert [c.code for c in stored.characteristics] == ["key_user"]
        assert sorted(c.value for c in stored.channels) == ["79113621689", "petrakova_1967@mail.ru"]


def test_second_save_of_the_same_value_is_a_conflict_that_keeps_the_input(
    store: Store, qtbot
) -> None:
    from ric_desk.ui.clients.card_dialogs import IndicatorDialog

    first, second = MainWindow(store), MainWindow(store)  # two windows, as on two workstations
    qtbot.addWidget(first)
    qtbot.addWidget(second)
    card1, card2 = opened(qtbot, first, store), opened(qtbot, second, store)
    for card in (card1, card2):
        assert card.select_indicator("Штат юристов")
        card.edit_current()
    dialog1, dialog2 = card1.dialog, card2.dialog
    assert isinstance(dialog1, IndicatorDialog) and isinstance(dialog2, IndicatorDialog)
    dialog1.line.setText("2")
    dialog1.accept()
    settle(qtbot, first.db)
    dialog2.line.setText("5")
    dialog2.accept()
    settle(qtbot, second.db)
    assert dialog2.isVisible()
    assert "другой пользователь" in dialog2.error.text()
    assert dialog2.line.text() == "5" and dialog2.reload_button.isVisible()
    qtbot.mouseClick(dialog2.reload_button, Qt.MouseButton.LeftButton)
    settle(qtbot, second.db)
    assert "2" in dialog2.saved_now.text() and dialog2.line.text() == "5"
    dialog2.accept()
    settle(qtbot, second.db)
    assert not dialog2.isVisible()
    assert next(r for r in card2.card.indicators if r.name == "Штат юристов").display == "5"
    card1.reload()  # the other workstation hears nothing: it reads again when asked
    settle(qtbot, first.db)
    assert next(r for r in card1.card.indicators if r.name == "Штат юристов").display == "5"


def test_import_clients_from_the_menu(
    window: MainWindow, store: Store, qtbot, tmp_path: Path
) -> None:
    from PySide6.QtWidgets import QMessageBox

    from tests.test_import_clients import inn, write_xlsx

    before = window.client_list.model.total
    good = write_xlsx(
        tmp_path / "good.xlsx",
        ["Наименование", "ИНН", "Регион", "Адрес", "Телефон", "E-mail"],
        [
            ["ООО Новый", inn(11), "г. Москва", "ул. Тверская, 1", "8 495 123-45-67", "a@b.ru"],
            ["ООО Второй", inn(12), "Псковская обл.", None, None, None],
        ],
    )
    window.import_from(good)
    settle(qtbot, window.db, timeout=20000)  # the hub told the list: no reload asked for
    assert window.client_list.model.total == before + 2
    assert "2" in window.statusBar().currentMessage()
    with store.session() as s:
        new_id = s.scalar(select(Client.id).where(Client.inn == inn(11)))
    card = window.open_client(new_id)
    settle(qtbot, window.db)
    assert (card.region.text(), card.channels.text()) == ("Москва", "7(495)123-45-67, a@b.ru")
    shown = {r.name: (r.display, r.verified_on, r.verified_by) for r in card.indicators.rows}
    assert shown["Адрес фактический"] == ("ул. Тверская, 1", TODAY, "Егорова М.А.")
    assert shown["ИНН"] == (inn(11), TODAY, "Егорова М.А.")
    with store.session() as s:  # a number the client asked not to call
        phone = s.scalars(
            select(ContactChannel).where(
                ContactChannel.client_id == new_id, ContactChannel.digits.is_not(None)
            )
        ).one()
        phone.undesirable = True
    card.reload()
    settle(qtbot, window.db)
    assert card.channels.text() == "7(495)123-45-67 (нежелательный), a@b.ru"
    bad = write_xlsx(
        tmp_path / "bad.xlsx",
        ["Наименование", "ИНН"],
        [["ООО Третий", inn(13)], ["ООО Плохой", "1"]],
    )
    window.import_from(bad)
    settle(qtbot, window.db, timeout=20000)
    boxes = [w for w in window.findChildren(QMessageBox) if w.objectName() == "errorMessage"]
    assert boxes and "строка 3" in boxes[-1].text()
    window.client_list.apply()
    settle(qtbot, window.db)
    assert window.client_list.model.total == before + 2


def test_person_card_works_contacts_and_change_history(
    window: MainWindow, store: Store, qtbot, qtmodeltester
) -> None:
    from ric_desk.ui.clients.person_view import PersonCardDialog

    card = opened(qtbot, window, store)
    card.sections.setCurrentIndex(2)
    proxy = card.person_table.model()
    card.person_table.setCurrentIndex(proxy.index(0, 0))
    focus(qtbot, card.person_table)
    qtbot.keyClick(card.person_table, Qt.Key.Key_Return)
    settle(qtbot, window.db)
    dialog = card.dialog
    assert isinstance(dialog, PersonCardDialog) and dialog.isVisible()
    person = dialog.card
    assert person.person.full_name == proxy.index(0, 0).data()
    assert dialog.channels.rowCount() == len(person.channels) > 0
    assert dialog.indicators.rowCount() == len(person.indicators)
    assert "Сотрудничество К+" in dialog.fill.text()
    for model in (dialog.channels, dialog.indicators):
        qtmodeltester.check(model)
    dialog.reject()

    # contacts of the client's works, newest first
    assert card.contacts.rowCount() == len(card.card.contacts) > 0
    times = [c.at for c in card.card.contacts]
    assert times == sorted(times, reverse=True)
    # a change shows up in the history with who, what, was and became
    assert card.select_indicator("Штат юристов")
    card.edit_current()
    card.dialog.line.setText("7")
    card.dialog.accept()
    settle(qtbot, window.db)
    first = card.changes.object_at(0)
    assert (first.who, first.what, first.new) == ("Егорова М.А.", "Штат юристов", "7")
    for model in (card.contacts, card.changes):
        qtmodeltester.check(model)


def test_a_long_list_is_counted_up_to_a_limit(window: MainWindow, qtbot, monkeypatch) -> None:
    from ric_desk.clients import listing as core

    monkeypatch.setattr(core, "COUNT_LIMIT", 10)
    monkeypatch.setattr(core, "FILTERED_COUNT_LIMIT", 5)
    window.client_list.apply()
    settle(qtbot, window.db)
    assert window.client_list.count.text() == "Найдено: более 10"
    model = window.client_list.model
    while model.canFetchMore():
        model.fetchMore()
        settle(qtbot, window.db)
    assert model.rowCount() == 60  # the rows themselves are all there
    window.client_list.expired.setChecked(True)
    settle(qtbot, window.db)
    assert window.client_list.count.text() == "Найдено: более 5"
    assert window.client_list.model.rowCount() > 5


def test_ctrl_f_and_the_card_sections_from_the_keyboard(
    window: MainWindow, store: Store, qtbot
) -> None:
    """Ctrl+F from a card goes to the list's search; Ctrl+PgUp/PgDn and Alt+N switch the card's
    sections (the person card's too), the focus in the section shown."""
    from ric_desk.ui.clients.person_view import PersonCardDialog

    card = opened(qtbot, window, store)
    focus(qtbot, card.indicator_table)
    qtbot.keyClick(card.indicator_table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert card.sections.currentIndex() == 1 and card.segment_table.hasFocus()
    qtbot.keyClick(card.segment_table, Qt.Key.Key_5, Qt.KeyboardModifier.AltModifier)
    assert card.sections.currentIndex() == 4 and card.change_table.hasFocus()
    qtbot.keyClick(card.change_table, Qt.Key.Key_PageDown, Qt.KeyboardModifier.ControlModifier)
    assert card.sections.currentIndex() == 0  # round to the first
    qtbot.keyClick(card.indicator_table, Qt.Key.Key_PageUp, Qt.KeyboardModifier.ControlModifier)
    assert card.sections.currentIndex() == 4
    qtbot.keyClick(card.change_table, Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert card.sections.currentIndex() == 2 and card.person_table.hasFocus()
    assert card.sections.tabToolTip(2).startswith("Alt+3")

    card.person_table.setCurrentIndex(card.person_table.model().index(0, 0))
    qtbot.keyClick(card.person_table, Qt.Key.Key_Return)
    settle(qtbot, window.db)
    person = card.dialog
    assert isinstance(person, PersonCardDialog)
    focus(qtbot, person.sections.currentWidget())
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_3, Qt.KeyboardModifier.AltModifier)
    assert person.sections.currentIndex() == 2
    person.reject()

    focus(qtbot, card.person_table)
    qtbot.keyClick(card.person_table, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.tabs.currentWidget() is window.client_list
    assert window.client_list.search.hasFocus()


def test_enter_saves_the_dialogs_from_any_single_line_field(
    window: MainWindow, store: Store, qtbot
) -> None:
    """Enter in "Новое контактное лицо" saves (it added an empty phone row); a refusal keeps the
    dialog with what was typed, and Enter in a contact's number saves once it is right."""
    from ric_desk.ui.clients.card_dialogs import PersonDialog, SegmentDialog
    from ric_desk.ui.clients.task_dialog import AssignTaskDialog

    card = opened(qtbot, window, store)
    card.sections.setCurrentIndex(2)
    before = len(card.card.persons)
    focus(qtbot, card.person_table)
    qtbot.keyClick(card.person_table, Qt.Key.Key_Insert)
    settle(qtbot, window.db)
    dialog = card.dialog
    assert isinstance(dialog, PersonDialog)
    focus(qtbot, dialog.last_name)
    qtbot.keyClicks(dialog.last_name, "Petrova")
    qtbot.keyClick(dialog.last_name, Qt.Key.Key_Return)
    settle(qtbot, window.db)
    assert dialog.isVisible() and dialog.error.text()  # no first name: refused, input kept
    assert dialog.channels.rowCount() == 1 and dialog.last_name.text() == "Petrova"
    dialog.first_name.setText("Anna")
    number = dialog.channels.cellWidget(0, 1)
    focus(qtbot, number)
    qtbot.keyClicks(number, "8 911 362-16-89")
    qtbot.keyClick(number, Qt.Key.Key_Return)
    settle(qtbot, window.db)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    assert dialog.channels.rowCount() == 1 and len(card.card.persons) == before + 1

    # a choice and a date: Enter on either saves too
    card.sections.setCurrentIndex(1)
    card.segment_table.setCurrentIndex(card.segment_table.model().index(0, 0))
    card.change_segment()
    settle(qtbot, window.db)
    segment = card.dialog
    assert isinstance(segment, SegmentDialog)
    segment.value.setCurrentIndex(segment.value.count() - 1)
    focus(qtbot, segment.entered)
    qtbot.keyClick(segment.entered, Qt.Key.Key_Return)
    settle(qtbot, window.db)
    qtbot.waitUntil(lambda: not segment.isVisible())
    assert card.card.segments[0].value == segment.value.currentText()

    supervisor = Store(store.engine, store.url)
    supervisor.sign_in("morozova_np")
    chief = open_window(supervisor, qtbot)
    task = chief.assign_task()
    assert isinstance(task, AssignTaskDialog)
    focus(qtbot, task.title)
    qtbot.keyClicks(task.title, "Call")
    qtbot.keyClick(task.title, Qt.Key.Key_Return)
    settle(qtbot, chief.db)
    qtbot.waitUntil(lambda: "60" in chief.statusBar().currentMessage())  # given, closed
