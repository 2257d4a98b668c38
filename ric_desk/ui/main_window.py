"""The main window: a navigator of the work place, tabs of open screens, the status bar."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSplitter,
    QTabWidget,
    QWidget,
)

from ric_desk import __version__
from ric_desk.calls.planning import plan_choices
from ric_desk.changes import Changes, Done
from ric_desk.clients import listing
from ric_desk.clients.importing import import_file
from ric_desk.clients.listing import ClientFilter
from ric_desk.errors import UserError
from ric_desk.store import Store
from ric_desk.ui import settings
from ric_desk.ui.clients.card_view import ClientCardView
from ric_desk.ui.clients.list_view import ClientListView
from ric_desk.ui.clients.plan_dialogs import PlanListDialog
from ric_desk.ui.clients.task_dialog import AssignTaskDialog
from ric_desk.ui.i18n import app_title
from ric_desk.ui.messages import show_error
from ric_desk.ui.operations import Database, IsCancelled, Progress
from ric_desk.ui.session.view import SessionView
from ric_desk.ui.views import section_keys

if TYPE_CHECKING:  # the report's screen (numpy, pyqtgraph) loads when it is first opened
    from ric_desk.ui.quality.view import QualityView
    from ric_desk.ui.reports.view import ReportView

DEMO_CLIENTS = 2000


class MainWindow(QMainWindow):
    def __init__(self, store: Store, db: Database | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.store = store
        self.db = db or Database(store)  # the screens' one way to the database
        self.db.setParent(self)
        self.db.hub.changed.connect(self._on_changed)
        self.dialog: QWidget | None = None
        self.setWindowTitle(self.tr("Remote service workstation — {app}").format(app=app_title()))

        self.navigator = QListWidget()
        self.navigator.setObjectName("navigator")
        self.navigator.setMaximumWidth(220)
        self.navigator.addItem(QListWidgetItem(self.tr("Clients")))
        self.navigator.addItem(QListWidgetItem(self.tr("Call session")))
        self.navigator.addItem(QListWidgetItem(self.tr("Reports")))
        self.navigator.addItem(QListWidgetItem(self.tr("Quality control")))
        self.navigator.setCurrentRow(0)
        self.navigator.itemActivated.connect(self._navigate)
        self.navigator.itemClicked.connect(self._navigate)
        self.session_view: SessionView | None = None
        self.report_view: ReportView | None = None
        self.quality_view: QualityView | None = None

        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.setElideMode(Qt.TextElideMode.ElideRight)  # long client names, several cards
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.tabs.currentChanged.connect(lambda _i: self._follow_tab())
        self.client_list = ClientListView(self.db)
        self.client_list.model.loaded.connect(lambda _kept: self._hint_when_empty())
        self.client_list.open_client.connect(self.open_client)
        self.client_list.import_requested.connect(self.import_clients)
        self.client_list.demo_requested.connect(self.fill_with_demo)
        self.tabs.addTab(self.client_list, self.tr("Clients"))
        self.tabs.tabBar().setTabButton(0, self.tabs.tabBar().ButtonPosition.RightSide, None)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.setObjectName("splitter")
        splitter.addWidget(self.navigator)
        splitter.addWidget(self.tabs)
        splitter.setStretchFactor(1, 1)
        self.splitter = splitter
        self.setCentralWidget(splitter)

        who = store.actor.full_name if store.actor else self.tr("nobody")
        self.user_label = QLabel(self.tr("User: {name}").format(name=who))
        self.user_label.setObjectName("userLabel")
        self.db_label = QLabel(self.tr("Database: {db}").format(db=store.description))
        self.db_label.setObjectName("databaseLabel")
        self.statusBar().addWidget(self.user_label)
        self.statusBar().addPermanentWidget(self.db_label)

        self._build_menus()
        self._restore_layout()

    def _hint_when_empty(self) -> None:
        if (
            self.client_list.model.total == 0
            and self.client_list.current_filter() == ClientFilter()
        ):
            self.statusBar().showMessage(
                self.tr(
                    "The database has no clients yet: import them (File → Import clients, Ctrl+I) "
                    "or look around on example data with the demo database: ric-desk --demo"
                )
            )

    # -- menus -----------------------------------------------------------------------------------
    def _build_menus(self) -> None:
        file_menu = self.menuBar().addMenu(self.tr("&File"))
        import_action = QAction(self.tr("Import clients from Excel or CSV…"), self)
        import_action.setShortcut(QKeySequence("Ctrl+I"))
        import_action.triggered.connect(self.import_clients)
        file_menu.addAction(import_action)
        export = QAction(self.tr("Export the list to Excel…"), self)
        export.setShortcut(QKeySequence("Ctrl+E"))
        export.triggered.connect(self.export_current)
        file_menu.addAction(export)
        if self.store.actor is not None and self.store.actor.gives_tasks:
            assign = QAction(self.tr("Give a ПРИЗ task to the listed clients…"), self)
            assign.setObjectName("assignTask")
            assign.setShortcut(QKeySequence("Ctrl+Shift+T"))
            assign.triggered.connect(self.assign_task)
            file_menu.addAction(assign)
            plan = QAction(self.tr("Plan works for the listed clients…"), self)
            plan.setObjectName("planWorks")
            plan.setShortcut(QKeySequence("Ctrl+Shift+P"))
            plan.triggered.connect(self.plan_works)
            file_menu.addAction(plan)
        file_menu.addSeparator()
        quit_action = QAction(self.tr("E&xit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        window_menu = self.menuBar().addMenu(self.tr("&Window"))
        find = QAction(self.tr("Find a client"), self)
        find.setObjectName("findClient")
        find.setShortcut(QKeySequence("Ctrl+F"))
        find.triggered.connect(self.show_client_list)
        window_menu.addAction(find)
        to_list = QAction(self.tr("Client list"), self)
        to_list.setShortcut(QKeySequence("Ctrl+L"))
        to_list.triggered.connect(self.show_client_list)
        window_menu.addAction(to_list)
        to_session = QAction(self.tr("Call session"), self)
        to_session.setShortcut(QKeySequence("Ctrl+Shift+S"))
        to_session.triggered.connect(self.show_session)
        window_menu.addAction(to_session)
        to_reports = QAction(self.tr("Reports"), self)
        to_reports.setObjectName("showReports")
        to_reports.setShortcut(QKeySequence("Ctrl+Shift+R"))
        to_reports.triggered.connect(self.show_reports)
        window_menu.addAction(to_reports)
        to_quality = QAction(self.tr("Quality control"), self)
        to_quality.setObjectName("showQuality")
        to_quality.setShortcut(QKeySequence("Ctrl+Shift+Q"))
        to_quality.triggered.connect(self.show_quality)
        window_menu.addAction(to_quality)
        close_tab = QAction(self.tr("Close card"), self)
        close_tab.setShortcut(QKeySequence("Ctrl+W"))
        close_tab.triggered.connect(lambda: self.close_tab(self.tabs.currentIndex()))
        window_menu.addAction(close_tab)
        next_tab = QAction(self.tr("Next tab"), self)
        next_tab.setShortcut(QKeySequence("Ctrl+Tab"))
        next_tab.triggered.connect(
            lambda: self.tabs.setCurrentIndex((self.tabs.currentIndex() + 1) % self.tabs.count())
        )
        window_menu.addAction(next_tab)
        section_keys(self, self.sections)

        self.favourites_menu = self.menuBar().addMenu(self.tr("F&avourites"))
        self.favourites_menu.setObjectName("favouritesMenu")
        self._fill_favourites()

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("About {app}").format(app=app_title()), self)
        about.triggered.connect(
            lambda: QMessageBox.about(
                self,
                self.tr("About {app}").format(app=app_title()),
                self.tr("{app} {version}: the workstation of a remote service department.").format(
                    app=app_title(), version=__version__
                ),
            )
        )
        help_menu.addAction(about)

    def favourites(self) -> list[int]:
        return settings.FAVOURITES.load()

    def _fill_favourites(self) -> None:
        menu: QMenu = self.favourites_menu
        menu.clear()
        add = QAction(self.tr("Add the open card to favourites"), self)
        add.setShortcut(QKeySequence("Ctrl+D"))
        add.triggered.connect(self.add_favourite)
        menu.addAction(add)
        ids = self.favourites()
        if ids:
            self.db.run_query(
                self,
                lambda s: listing.display_names(s, ids),
                lambda names: self._favourites(ids, names),
            )

    def _favourites(self, ids: list[int], names: dict[int, str]) -> None:
        """The favourite clients that still exist, in the order they were added."""
        menu: QMenu = self.favourites_menu
        for action in menu.actions()[1:]:
            menu.removeAction(action)
        if names:
            menu.addSeparator()
        for client_id in ids:
            if client_id not in names:
                continue
            action = QAction(names[client_id], self)
            action.triggered.connect(lambda _checked=False, c=client_id: self.open_client(c))
            menu.addAction(action)

    def add_favourite(self) -> None:
        card = self.tabs.currentWidget()
        if not isinstance(card, ClientCardView) or card.client_id is None:
            return
        ids = self.favourites()
        if card.client_id not in ids:
            ids.append(card.client_id)
            settings.FAVOURITES.save(ids)
        self._fill_favourites()

    def export_current(self) -> None:
        """Ctrl+E: the session's queue, the report or the quality page in front (when it has a
        list to export), else the client list."""
        if self.session_view is not None and self.tabs.currentWidget() is self.session_view:
            self.session_view.export()
        elif self.report_view is not None and self.tabs.currentWidget() is self.report_view:
            self.report_view.export()
        elif self.quality_view is not None and self.tabs.currentWidget() is self.quality_view:
            export = getattr(self.quality_view.pages.currentWidget(), "export", None)
            if export is not None:
                export()
        else:
            self.client_list.export()

    def assign_task(self) -> AssignTaskDialog:
        """A supervisor's task (ПРИЗ) for every client of the list as it is filtered now."""
        self.show_client_list()
        listed = self.client_list.count.text() or self.tr("the whole list")
        dialog = AssignTaskDialog(self.db, self.client_list.current_filter(), listed, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.statusBar().showMessage(
                self.tr("The task was given to {count} clients.").format(count=dialog.assigned)
            )
        )
        self.dialog = dialog
        dialog.open()
        return dialog

    def plan_works(self) -> None:
        """A supervisor's plan: a work for every client of the list as it is filtered now."""
        self.show_client_list()
        listed = self.client_list.count.text() or self.tr("the whole list")
        flt, now = self.client_list.current_filter(), datetime.now(UTC)
        self.db.run_query(
            self,
            lambda s: plan_choices(s, None, now),
            lambda choices: self._open_plan(PlanListDialog(self.db, flt, listed, choices, self)),
        )

    def _open_plan(self, dialog: PlanListDialog) -> None:
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(lambda: self.statusBar().showMessage(dialog.summary()))
        self.dialog = dialog
        dialog.open()

    def fill_with_demo(self) -> None:
        """The empty database's second button: demo clients, employees and works, once asked."""
        answer = QMessageBox.question(
            self,
            self.tr("Demo data"),
            self.tr(
                "Fill this empty database with {count} demo clients, employees and works? "
                "They are made up, to try the program; keep real work in a database of its own."
            ).format(count=DEMO_CLIENTS),
        )
        if answer != QMessageBox.StandardButton.Yes:
            return
        from ric_desk.demo.generator import fill_store

        self.db.run_long(
            self,
            self.tr("Filling the database with demo data…"),
            lambda store, progress, cancelled: fill_store(store, DEMO_CLIENTS, progress, cancelled),
            lambda _summary: self.statusBar().showMessage(self.tr("Demo data is in.")),
            on_error=lambda exc: show_error(self, exc),
            changes=lambda _summary: Changes(all_clients=True, dictionaries=True),
        )

    # -- import ----------------------------------------------------------------------------------
    def import_clients(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self,
            self.tr("Import clients"),
            str(settings.IMPORT_FOLDER.folder()),
            self.tr("Excel or CSV (*.xlsx *.csv)"),
        )
        if path:
            self.import_from(Path(path))

    def import_from(self, source: Path) -> None:
        """Check the whole file, then write it in one transaction, behind a progress bar; the
        hub tells the list (and every screen) about the new clients."""
        settings.IMPORT_FOLDER.remember(source)
        actor = self.db.actor

        def work(store: Store, progress: Progress, cancelled: IsCancelled) -> Done[int]:
            return import_file(store, source, actor, progress, cancelled)

        self.db.run_long(
            self,
            self.tr("Importing clients…"),
            work,
            self._imported,
            on_error=self._import_failed,
            changes=lambda done: done.changes,
        )

    def _imported(self, done: Done[int]) -> None:
        self.statusBar().showMessage(self.tr("Imported clients: {count}").format(count=done.value))

    def _import_failed(self, exc: BaseException) -> None:
        self.statusBar().showMessage(self.tr("The file was not imported; nothing was written."))
        show_error(self, exc)

    # -- tabs ------------------------------------------------------------------------------------
    def _follow_tab(self) -> None:
        """The navigator marks the place the current tab belongs to (a card: the clients)."""
        current = self.tabs.currentWidget()
        row = 0
        if current is not None and current is getattr(self, "session_view", None):
            row = 1
        elif current is not None and current is getattr(self, "report_view", None):
            row = 2
        elif current is not None and current is getattr(self, "quality_view", None):
            row = 3
        if self.navigator.currentRow() != row:
            self.navigator.blockSignals(True)
            self.navigator.setCurrentRow(row)
            self.navigator.blockSignals(False)

    def _navigate(self, item: QListWidgetItem) -> None:
        if self.navigator.row(item) == 1:
            self.show_session()
        elif self.navigator.row(item) == 2:
            self.show_reports()
        elif self.navigator.row(item) == 3:
            self.show_quality()
        else:
            self.show_client_list()

    def show_session(self) -> SessionView | None:
        """The operator's call session, one per window, opened on first use."""
        if self.session_view is None:
            if self.store.actor is None:
                return None
            self.session_view = SessionView(self.db)
            self.tabs.insertTab(1, self.session_view, self.tr("Call session"))
        self.tabs.setCurrentWidget(self.session_view)
        self.session_view.queue.table.setFocus()
        return self.session_view

    def show_reports(self) -> ReportView | None:
        """The contact report, one per window, opened on first use."""
        if self.report_view is None:
            if self.store.actor is None:
                return None
            from ric_desk.ui.reports.view import ReportView

            self.report_view = ReportView(self.db)
            self.report_view.open_client.connect(self.open_client)
            self.tabs.addTab(self.report_view, self.tr("Reports"))
        self.tabs.setCurrentWidget(self.report_view)
        self.report_view.tree.setFocus()
        return self.report_view

    def show_quality(self) -> QualityView | None:
        """Quality control (the sample, reviews, disputes...), one per window, opened on first
        use; its modules load then, not with the main window."""
        if self.quality_view is None:
            if self.store.actor is None:
                return None
            from ric_desk.ui.quality.view import QualityView

            self.quality_view = QualityView(self.db)
            self.quality_view.open_client.connect(self.open_client)
            self.tabs.addTab(self.quality_view, self.tr("Quality control"))
        self.tabs.setCurrentWidget(self.quality_view)
        page = self.quality_view.pages.currentWidget()
        if page is not None:
            page.setFocus()
        return self.quality_view

    def show_client_list(self) -> None:
        self.tabs.setCurrentWidget(self.client_list)
        self.client_list.focus_search()

    def sections(self) -> QTabWidget | None:
        """The sections Ctrl+PgUp/PgDn and Alt+1..9 switch: the innermost tabs around the
        keyboard focus (the client card's inside the call), else the screen's own."""
        widget = QApplication.focusWidget()
        while widget is not None and widget is not self.tabs and widget is not self:
            if isinstance(widget, QTabWidget):
                return widget
            widget = widget.parentWidget()
        current = self.tabs.currentWidget()
        if isinstance(current, ClientCardView):
            return current.sections
        if isinstance(current, SessionView):
            return current.call.sections
        if current is not None and current is self.report_view:
            return self.report_view.setup
        if current is not None and current is self.quality_view:
            return self.quality_view.pages
        return None

    def card_tabs(self) -> list[ClientCardView]:
        return [
            w
            for i in range(self.tabs.count())
            if isinstance(w := self.tabs.widget(i), ClientCardView)
        ]

    def open_client(self, client_id: int) -> ClientCardView | None:
        for card in self.card_tabs():
            if card.client_id == client_id:
                self.tabs.setCurrentWidget(card)
                return card
        card = ClientCardView(self.db, client_id)
        card.loaded.connect(lambda _card, c=card: self._name_tab(c))
        index = self.tabs.addTab(card, card.title_text())
        self.tabs.setCurrentIndex(index)
        card.indicator_table.setFocus()
        return card

    def _name_tab(self, card: ClientCardView) -> None:
        index = self.tabs.indexOf(card)
        if index >= 0:
            self.tabs.setTabText(index, card.title_text())
            self.tabs.setTabToolTip(index, card.title_text())

    def close_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if isinstance(widget, SessionView):
            if self._session_busy():
                return
            if widget.call.work is not None:
                show_error(
                    self,
                    UserError(
                        self.tr(
                            "A work is still taken in the call session: record and close it, "
                            "re-schedule it or give it back first."
                        )
                    ),
                )
                return
            widget.save_layout()
            self.tabs.removeTab(index)
            widget.deleteLater()
            self.session_view = None
        elif isinstance(widget, ClientCardView):
            widget.save_layout()
            self.tabs.removeTab(index)
            widget.deleteLater()
        elif self.report_view is not None and widget is self.report_view:
            report = self.report_view
            report.save_layout()
            self.tabs.removeTab(index)
            report.deleteLater()
            self.report_view = None
        elif self.quality_view is not None and widget is self.quality_view:
            quality = self.quality_view
            if not quality.may_close():  # a review with unsaved marks stays
                return
            quality.save_layout()
            self.tabs.removeTab(index)
            quality.deleteLater()
            self.quality_view = None

    def _session_busy(self) -> bool:
        """The call session waits for the worker (a work being taken or written): refused, said
        why; closing now would leave the work claimed with no screen to show it."""
        view = self.session_view
        if view is None or not view.busy():
            return False
        show_error(
            self,
            UserError(
                self.tr(
                    "The call session is waiting for the database to take or write a work: "
                    "wait a moment until it is on the screen or written, then close."
                )
            ),
        )
        return True

    def _on_changed(self, changes: Changes, _origin: object) -> None:
        favourites = self.favourites()
        if changes.all_clients or changes.clients & set(favourites):
            self._fill_favourites()

    # -- layout ----------------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        if not settings.MAIN_GEOMETRY.restore_geometry(self):
            self._first_size()
        if not settings.MAIN_SPLITTER.restore_splitter(self.splitter):
            self.splitter.setSizes([140, 1140])  # the navigator: its two lines, no more
        self.client_list.restore_layout()

    def _first_size(self) -> None:
        """The first start: 1280×800, or the screen's free area if that is smaller (a 1366×768
        laptop has some 1366×740 under its task bar), centred on it."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(1280, 800)
            return
        free = screen.availableGeometry()
        # the title bar and borders, not known before the window is first shown: room for them
        frame_width, frame_height = 16, 40
        width = min(1280, free.width() - frame_width)
        height = min(800, free.height() - frame_height)
        self.resize(width, height)
        self.move(
            free.x() + (free.width() - width - frame_width) // 2,
            free.y() + (free.height() - height - frame_height) // 2,
        )

    def save_layout(self) -> None:
        if self.session_view is not None:
            self.session_view.save_layout()
        if self.report_view is not None:
            self.report_view.save_layout()
        if self.quality_view is not None:
            self.quality_view.save_layout()
        settings.MAIN_GEOMETRY.save_geometry(self)
        settings.MAIN_SPLITTER.save_splitter(self.splitter)
        self.client_list.save_layout()
        cards = self.card_tabs()
        current = self.tabs.currentWidget()
        # the card the person looked at last decides the widths every card opens with
        if isinstance(current, ClientCardView):
            current.save_layout()
        elif cards:
            cards[-1].save_layout()

    def closeEvent(self, event: QCloseEvent) -> None:
        if self._session_busy() or (
            self.quality_view is not None and not self.quality_view.may_close()
        ):
            event.ignore()
            return
        self.save_layout()
        self.db.shutdown()  # the writes already given finish before the window goes
        super().closeEvent(event)


__all__ = ["MainWindow", "QWidget"]
