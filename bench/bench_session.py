"""The call session from the keyboard at reference scale (DESIGN.md §8): F8 to the call screen
filled ≤ 150 ms; Ctrl+S recorded and every open screen refreshed ≤ 100 ms; the GUI thread never
blocked over 50 ms.

The real main window and call-session screen, offscreen, signed in as an operator with works in
the queue, the session's clock pinned to 11:00 in Moscow on the data set's day (23.11.2026). Each
round: F8 on the focused widget, timed until the screen is filled (`_filled`); the client's card
opened in a tab of its own, as an operator keeps it; back to the session, Ctrl+R and a result
typed, Ctrl+S timed until the contact is recorded and every open screen shows it (`_recorded`);
then Ctrl+Enter closes the work with its stage's reason (untimed), so the next F8 takes a fresh
one. The times run from the key press until the predicate holds while the event loop runs: the
screen may answer later, by signal from a worker thread, and the figure still holds.

GUI-thread blocking: a 5 ms timer on the GUI thread stamps every tick; the longest gap between
ticks during a timed action, less the interval, is the time the thread was blocked.

The works taken are put back as they were at the end (state, lease, closing, version), the
contacts written are deleted and their clients' ПРИЗ items (raised or retired by the rules for
today as cards open) put back, so every run starts from the same data set.
"""

from __future__ import annotations

import itertools
import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")  # before any Qt import

import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from datetime import time as dt_time
from typing import Any

from PySide6.QtCore import QDate, QEvent, QEventLoop, Qt, QTimer, qInstallMessageHandler
from PySide6.QtGui import QKeyEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from sqlalchemy import Engine, delete, func, select, update
from sqlalchemy.orm import Session

from bench.common import parser, percentiles, save
from ric_desk.calls import queue as work_queue
from ric_desk.models import Contact, ContactInstrument, Employee, PrizItem, Role, Work
from ric_desk.store import Store
from ric_desk.ui import main_window as main_window_module
from ric_desk.ui.clients.card_view import ClientCardView
from ric_desk.ui.main_window import MainWindow
from ric_desk.ui.session.view import SessionView

NOW = datetime(2026, 11, 23, 8, 0, tzinfo=UTC)  # 11:00 in Moscow on the data set's day
TICK_MS = 5
TIMEOUT_S = 30.0

# The embedded card on the call screen's "Client card" tab refreshes from the change hub like
# the card tabs, so the Ctrl+S figure waits for it too; each round reports whether it showed
# the new contact.
EMBEDDED_CARD_MUST_REFRESH = True


# -- what "done" means: these predicates must stay true of the screen however it gets there ------
def _card_shows(card: ClientCardView | None, client_id: int) -> bool:
    """A client card that has loaded this client and shows its name."""
    return (
        card is not None
        and card.client_id == client_id
        and card.card is not None
        and card.card.client.id == client_id
        and card.title.text() == card.card.client.display_name
    )


def _filled(view: SessionView, previous: int | None) -> bool:
    """F8 is done: a work other than `previous` (the work id on screen before the key) is taken
    and shown: its title names the client, the phones and earlier attempts are listed, the panel
    is enabled, and the embedded client card has loaded that client."""
    call = view.call
    work = call.work
    if work is None or work.work_id == previous:
        return False
    return (
        call.work_panel.isEnabled()
        and work.client in call.work_title.text()
        and call.phones.rowCount() == len(work.phones)
        and call.attempts.rowCount() == len(work.attempts)
        and call.card_holder.widget() is call.card
        and _card_shows(call.card, work.client_id)
    )


@dataclass(frozen=True)
class Typed:
    """What Ctrl+S must bring to the screen: the result typed, on the work shown."""

    work_id: int
    work_number: int
    client_id: int
    attempts_before: int
    result: str


def _card_has_contact(card: ClientCardView | None, typed: Typed) -> bool:
    return (
        _card_shows(card, typed.client_id)
        and card is not None
        and any(
            c.result == typed.result and c.work_number == typed.work_number
            for c in card.contacts.rows
        )
    )


def _recorded(view: SessionView, window: MainWindow, typed: Typed) -> bool:
    """Ctrl+S is done: the contact is written (the screen holds its id), the earlier attempts
    list has one more row carrying the typed result, and every client card open in a tab of the
    window for this client lists the new contact."""
    work = view.call.work
    if work is None or work.work_id != typed.work_id or view.call.contact_id is None:
        return False
    attempts = view.call.attempts.rows
    if len(attempts) != typed.attempts_before + 1:
        return False
    if not any(a.result == typed.result for a in attempts):
        return False
    cards = [c for c in window.card_tabs() if c.client_id == typed.client_id]
    if EMBEDDED_CARD_MUST_REFRESH:
        cards.append(view.call.card)
    return all(_card_has_contact(card, typed) for card in cards)


# -- driving the screen -----------------------------------------------------------------------
class Ticks:
    """A timer on the GUI thread stamping its ticks: a long gap is the thread being blocked."""

    def __init__(self) -> None:
        self.stamps: list[float] = []
        self.timer = QTimer()
        self.timer.setTimerType(Qt.TimerType.PreciseTimer)
        self.timer.setInterval(TICK_MS)
        self.timer.timeout.connect(lambda: self.stamps.append(time.perf_counter()))
        self.timer.start()

    def blocked_ms(self, first: int, until: float) -> float:
        """The longest gap between ticks from tick `first` to the first tick after `until`,
        less the interval."""
        stamps = self.stamps[first:]
        stamps = stamps[: next(i for i, t in enumerate(stamps) if t > until) + 1]
        gaps = [b - a for a, b in itertools.pairwise(stamps)]
        return max(0.0, max(gaps, default=0.0) * 1000 - TICK_MS)


def _spin(app: QApplication, done: Callable[[], bool], what: str) -> None:
    """Run the event loop until `done()`; each pass returns as soon as an event was handled."""
    deadline = time.perf_counter() + TIMEOUT_S
    while not done():
        if time.perf_counter() > deadline:
            boxes = [
                b.text()
                for b in app.topLevelWidgets()
                if isinstance(b, QMessageBox) and b.isVisible()
            ]
            raise TimeoutError(f"{what}: not done after {TIMEOUT_S:.0f} s; messages shown: {boxes}")
        app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents)


def _press(app: QApplication, key: Qt.Key, modifiers: Any = Qt.KeyboardModifier.NoModifier) -> None:
    """A key on whatever has the keyboard focus, as a person presses it."""
    _spin(app, lambda: app.focusWidget() is not None, "keyboard focus")
    target = app.focusWidget()
    assert target is not None
    QTest.keyClick(target, key, modifiers)


def _type(app: QApplication, text: str) -> None:
    """Type text into the focused widget, key by key (QTest.keyClicks knows only ASCII)."""
    target = app.focusWidget()
    assert target is not None
    for char in text:
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            app.sendEvent(target, QKeyEvent(kind, 0, Qt.KeyboardModifier.NoModifier, char))


@dataclass
class Timed:
    ms: float
    blocked_ms: float


def _timed_key(
    app: QApplication,
    ticks: Ticks,
    key: Qt.Key,
    modifiers: Any,
    done: Callable[[], bool],
    what: str,
) -> Timed:
    """Press a key just after a tick and time it until `done()` holds; the blocking is measured
    up to the next tick after that."""
    count = len(ticks.stamps)
    _spin(app, lambda: len(ticks.stamps) > count, "timer tick")
    first = len(ticks.stamps) - 1
    started = time.perf_counter()
    _press(app, key, modifiers)
    _spin(app, done, what)
    finished = time.perf_counter()
    _spin(app, lambda: ticks.stamps[-1] > finished, "timer tick")
    return Timed((finished - started) * 1000, ticks.blocked_ms(first, finished))


def _in(widget: QWidget | None, container: QWidget) -> bool:
    return widget is not None and (widget is container or container.isAncestorOf(widget))


def _close_with_reason(app: QApplication, view: SessionView) -> None:
    """Ctrl+Enter and the stage's preselected reason (or the first without a comment)."""
    call = view.call
    before = call.dialog  # the last round's dialog, deleted since: compared, never touched
    _press(app, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    _spin(
        app,
        lambda: call.dialog is not None and call.dialog is not before and call.dialog.isVisible(),
        "closing dialog",
    )
    dialog: Any = call.dialog
    reason = dialog.reason_id()
    if reason is None or dialog.needs_comment.get(reason):
        items = [dialog.tree.topLevelItem(i) for i in range(dialog.tree.topLevelItemCount())]
        for item in (top.child(j) for top in items for j in range(top.childCount())):
            dialog.tree.setCurrentItem(item)
            if not dialog.needs_comment.get(dialog.reason_id()):
                break
    dialog.accept()
    _spin(app, lambda: call.work is None, "closing the work")


# -- the data set -----------------------------------------------------------------------------
def _pick_operator(engine: Engine, end: datetime) -> str:
    """The operator with the most open works of their own planned before the session's end."""
    with Store(engine, engine.url).session() as s:
        row = s.execute(
            select(Employee.login, func.count(Work.id).label("works"))
            .join(Work, Work.executor_id == Employee.id)
            .where(
                Employee.role == Role.OPERATOR,
                Employee.active.is_(True),
                Work.state.in_(work_queue.OPEN_STATES),
                Work.planned_at < end,
            )
            .group_by(Employee.id, Employee.login)
            .order_by(func.count(Work.id).desc(), Employee.id)
            .limit(1)
        ).first()
    if row is None:
        raise SystemExit("No operator has works in the data set: generate it with bench.generate")
    return str(row[0])


WORK_COLUMNS = (
    Work.state,
    Work.planned_at,
    Work.closing_reason_id,
    Work.closing_comment,
    Work.closed_at,
    Work.claimed_by_id,
    Work.lease_expires_at,
    Work.version,
)
# opening a card or a work runs the client's ПРИЗ rules for today: they raise and retire items
PRIZ_COLUMNS = (
    PrizItem.state,
    PrizItem.worked_on,
    PrizItem.done,
    PrizItem.unplanned,
    PrizItem.comment,
    PrizItem.result,
    PrizItem.work_id,
    PrizItem.closed_at,
    PrizItem.version,
    PrizItem.updated_at,
)


def _rows(s: Session, columns: tuple[Any, ...], where: Any) -> dict[int, dict[str, Any]]:
    key = columns[0].class_.id
    return {
        r[0]: {c.key: v for c, v in zip(columns, r[1:], strict=True)}
        for r in s.execute(select(key, *columns).where(where))
    }


@dataclass
class Before:
    """What a run may change, as it was: the works F8 can take (the session's queue as listed),
    their clients' ПРИЗ items, and the last ids of contacts and items."""

    works: dict[int, dict[str, Any]]
    clients: list[int]
    priz: dict[int, dict[str, Any]]
    last_contact: int
    last_priz: int


def _snapshot(store: Store, view: SessionView) -> Before:
    assert view.rules is not None  # the session has opened
    with store.session() as s:
        queue = work_queue.rows(
            s, view.operator_id, view.session_filter(), now=NOW, grace=view.rules.recall_grace
        )
        clients = sorted({r.client_id for r in queue})
        return Before(
            works=_rows(s, WORK_COLUMNS, Work.id.in_([r.work_id for r in queue])),
            clients=clients,
            priz=_rows(s, PRIZ_COLUMNS, PrizItem.client_id.in_(clients)),
            last_contact=s.scalar(select(func.max(Contact.id))) or 0,
            last_priz=s.scalar(select(func.max(PrizItem.id))) or 0,
        )


def _restore(store: Store, before: Before, taken: list[int]) -> None:
    with store.session() as s:
        written = list(
            s.scalars(
                select(Contact.id).where(
                    Contact.work_id.in_(taken), Contact.id > before.last_contact
                )
            )
        )
        if written:
            s.execute(delete(ContactInstrument).where(ContactInstrument.contact_id.in_(written)))
            s.execute(delete(Contact).where(Contact.id.in_(written)))
        for work_id in taken:
            s.execute(update(Work).where(Work.id == work_id).values(**before.works[work_id]))
        s.execute(
            delete(PrizItem).where(
                PrizItem.client_id.in_(before.clients), PrizItem.id > before.last_priz
            )
        )
        now = _rows(s, PRIZ_COLUMNS, PrizItem.client_id.in_(before.clients))
        for item_id, values in before.priz.items():
            if now.get(item_id) != values:
                s.execute(update(PrizItem).where(PrizItem.id == item_id).values(**values))


def _quiet_offscreen(_mode: Any, _context: Any, message: str) -> None:
    """Qt's messages as usual, less the offscreen plugin's harmless size-hint warning."""
    if "propagateSizeHints" not in message:
        print(message, file=sys.stderr)


def calibrate() -> float:
    """Seconds for a fixed pure-Python loop (10 million multiply-adds): the machine's speed now."""
    started = time.perf_counter()
    acc = 0.0
    for i in range(10_000_000):
        acc = acc * 0.5 + i
    return round(time.perf_counter() - started, 2)


# -- the benchmark ----------------------------------------------------------------------------
def main() -> None:
    p = parser(__doc__ or "")
    p.add_argument("--rounds", type=int, default=30)
    p.add_argument("--warmup", type=int, default=3, help="untimed rounds first")
    p.add_argument("--operator", help="login (default: the operator with the most own works)")
    args = p.parse_args()
    if args.rounds < 2:
        p.error("--rounds must be at least 2")
    # window layouts go to a throw-away settings file, not the person's own
    os.environ.setdefault("RIC_DESK_DATA_DIR", tempfile.mkdtemp(prefix="ric-bench-"))

    from ric_desk.db.engine import open_engine
    from ric_desk.ui.app import application

    calibration_before = calibrate()
    engine = open_engine(args.db)
    qInstallMessageHandler(_quiet_offscreen)
    app = application()
    day = NOW.astimezone().date()
    store = Store(engine, engine.url)
    day_end = datetime.combine(day + timedelta(days=1), dt_time(0)).astimezone()
    login = args.operator or _pick_operator(engine, day_end)
    store.sign_in(login)

    # the session screen as the main window opens it (Ctrl+Shift+S), with its clock pinned
    class PinnedSessionView(SessionView):
        def __init__(self, *a: Any, **kw: Any) -> None:
            kw.setdefault("clock", lambda: NOW)
            super().__init__(*a, **kw)

    main_window_module.SessionView = PinnedSessionView  # type: ignore[misc]
    window = MainWindow(store)
    window.resize(1366, 768)
    window.show()
    window.activateWindow()
    view = window.show_session()
    assert view is not None
    qday = QDate(day.year, day.month, day.day)
    view.queue.date_from.setDate(qday)
    view.queue.date_to.setDate(qday)
    _spin(app, window.isActiveWindow, "the window active")
    _spin(app, window.db.idle, "the session opened")  # its rules, choices and queue read
    before = _snapshot(store, view)
    if len(before.works) < args.rounds + args.warmup:
        raise SystemExit(f"{login}'s queue has {len(before.works)} works: too few for the rounds")
    print(f"operator {login}, queue {len(before.works)} works on {day:%d.%m.%Y}", flush=True)

    ticks = Ticks()
    f8: list[Timed] = []
    ctrl_s: list[Timed] = []
    embedded_refreshed = 0
    taken: list[int] = []
    try:
        for n in range(args.warmup + args.rounds):
            measured = n >= args.warmup
            if not _in(app.focusWidget(), view):
                view.queue.table.setFocus()
                _spin(app, lambda: _in(app.focusWidget(), view), "focus in the session")
            previous = view.call.work.work_id if view.call.work else None
            took = _timed_key(
                app,
                ticks,
                Qt.Key.Key_F8,
                Qt.KeyboardModifier.NoModifier,
                lambda p=previous: _filled(view, p),
                "F8 filled",
            )
            work = view.call.work
            assert work is not None
            if work.work_id not in before.works:
                view.call.release()
                raise RuntimeError(f"F8 took work {work.work_id}, not in the queue listed before")
            taken.append(work.work_id)

            # the client's card in a tab of its own, then back to the session and the result
            card = window.open_client(work.client_id)
            _spin(app, lambda c=card, w=work: _card_shows(c, w.client_id), "card tab")
            window.show_session()
            _press(app, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
            _spin(app, view.call.result.hasFocus, "focus in the result")
            result = f"Бенчмарк {n + 1}: клиент просил перезвонить"
            _type(app, result)
            assert view.call.result.toPlainText() == result, view.call.result.toPlainText()
            typed = Typed(
                work.work_id, work.number, work.client_id, view.call.attempts.rowCount(), result
            )
            saved = _timed_key(
                app,
                ticks,
                Qt.Key.Key_S,
                Qt.KeyboardModifier.ControlModifier,
                lambda t=typed: _recorded(view, window, t),
                "Ctrl+S recorded and refreshed",
            )
            if measured:
                f8.append(took)
                ctrl_s.append(saved)
                embedded_refreshed += _card_has_contact(view.call.card, typed)
                print(
                    f"round {n - args.warmup + 1}: F8 {took.ms:.1f} ms "
                    f"(blocked {took.blocked_ms:.1f}), Ctrl+S {saved.ms:.1f} ms "
                    f"(blocked {saved.blocked_ms:.1f})",
                    flush=True,
                )

            _close_with_reason(app, view)
            if card is not None and (index := window.tabs.indexOf(card)) >= 0:
                window.close_tab(index)
            QApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    finally:
        ticks.timer.stop()
        if view.call.work is not None and view.call.work.work_id not in taken:
            taken.append(view.call.work.work_id)  # a round that failed midway
        _restore(store, before, [w for w in taken if w in before.works])
    window.save_layout()
    window.close()
    calibration_after = calibrate()

    save(
        "bench_session",
        engine,
        {
            "operator": login,
            "session_day": f"{day:%d.%m.%Y}",
            "queue_listed": len(before.works),
            "rounds": args.rounds,
            "warmup": args.warmup,
            "tick_ms": TICK_MS,
            "f8_filled": percentiles([t.ms for t in f8]),
            "f8_gui_blocked": percentiles([t.blocked_ms for t in f8]),
            "ctrl_s_refreshed": percentiles([t.ms for t in ctrl_s]),
            "ctrl_s_gui_blocked": percentiles([t.blocked_ms for t in ctrl_s]),
            "max_gui_blocked_ms": round(max(t.blocked_ms for t in f8 + ctrl_s), 3),
            "embedded_card_refreshed_by_ctrl_s": f"{embedded_refreshed} of {args.rounds}",
            "calibration_s": {"before": calibration_before, "after": calibration_after},
        },
    )


if __name__ == "__main__":
    main()
