"""The main window: a navigator of the work place, tabs of open screens, the status bar."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QCloseEvent, QKeySequence
from PySide6.QtWidgets import (
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
from ric_desk.errors import UserError
from ric_desk.store import Store
from ric_desk.ui import settings
from ric_desk.ui.clients.card_view import ClientCardView
from ric_desk.ui.clients.list_view import ClientListView
from ric_desk.ui.clients.task_dialog import AssignTaskDialog
from ric_desk.ui.messages import show_error
from ric_desk.ui.operations import Database
from ric_desk.ui.session.view import SessionView
from ric_desk.ui.tasks import Task


class MainWindow(QMainWindow):
    def __init__(self, store: Store, db: Database | None = None) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.store = store
        self.db = db or Database(store)  # the screens' one way to the database
        self.db.setParent(self)
        self.task: Task | None = None
        self.dialog: QWidget | None = None
        self.setWindowTitle(self.tr("ric_desk — remote service workstation"))

        self.navigator = QListWidget()
        self.navigator.setObjectName("navigator")
        self.navigator.setMaximumWidth(220)
        self.navigator.addItem(QListWidgetItem(self.tr("Clients")))
        self.navigator.addItem(QListWidgetItem(self.tr("Call session")))
        self.navigator.setCurrentRow(0)
        self.navigator.itemActivated.connect(self._navigate)
        self.navigator.itemClicked.connect(self._navigate)
        self.session_view: SessionView | None = None

        self.tabs = QTabWidget()
        self.tabs.setObjectName("tabs")
        self.tabs.setTabsClosable(True)
        self.tabs.setMovable(True)
        self.tabs.tabCloseRequested.connect(self.close_tab)
        self.client_list = ClientListView(store)
        self.client_list.open_client.connect(self.open_client)
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
        if self.client_list.model.total == 0 and not self.client_list.search.text():
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
        file_menu.addSeparator()
        quit_action = QAction(self.tr("E&xit"), self)
        quit_action.setShortcut(QKeySequence("Ctrl+Q"))
        quit_action.triggered.connect(self.close)
        file_menu.addAction(quit_action)

        window_menu = self.menuBar().addMenu(self.tr("&Window"))
        to_list = QAction(self.tr("Client list"), self)
        to_list.setShortcut(QKeySequence("Ctrl+L"))
        to_list.triggered.connect(self.show_client_list)
        window_menu.addAction(to_list)
        to_session = QAction(self.tr("Call session"), self)
        to_session.setShortcut(QKeySequence("Ctrl+Shift+S"))
        to_session.triggered.connect(self.show_session)
        window_menu.addAction(to_session)
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

        self.favourites_menu = self.menuBar().addMenu(self.tr("F&avourites"))
        self.favourites_menu.setObjectName("favouritesMenu")
        self._fill_favourites()

        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        about = QAction(self.tr("About ric_desk"), self)
        about.triggered.connect(
            lambda: QMessageBox.about(
                self,
                self.tr("About ric_desk"),
                self.tr(
                    "ric_desk {version}: the workstation of a remote service department."
                ).format(version=__version__),
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
            menu.addSeparator()
        from ric_desk.models import Client

        with self.store.session() as s:
            for client_id in ids:
                client = s.get(Client, client_id)
                if client is None:
                    continue
                action = QAction(client.display_name, self)
                action.triggered.connect(lambda _checked=False, c=client_id: self.open_client(c))
                menu.addAction(action)

    def add_favourite(self) -> None:
        card = self.tabs.currentWidget()
        if not isinstance(card, ClientCardView):
            return
        ids = self.favourites()
        if card.client_id not in ids:
            ids.append(card.client_id)
            settings.FAVOURITES.save(ids)
        self._fill_favourites()

    def export_current(self) -> None:
        """Ctrl+E: the session's queue when the session is in front, else the client list."""
        if self.session_view is not None and self.tabs.currentWidget() is self.session_view:
            self.session_view.export()
        else:
            self.client_list.export()

    def assign_task(self) -> AssignTaskDialog:
        """A supervisor's task (ПРИЗ) for every client of the list as it is filtered now."""
        self.show_client_list()
        listed = self.client_list.count.text() or self.tr("the whole list")
        dialog = AssignTaskDialog(self.store, self.client_list.current_filter(), listed, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.accepted.connect(
            lambda: self.statusBar().showMessage(
                self.tr("The task was given to {count} clients.").format(count=dialog.assigned)
            )
        )
        self.dialog = dialog
        dialog.open()
        return dialog

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

    def import_from(self, source: Path) -> Task:
        """Check the whole file, then write it in one transaction, behind a progress bar."""
        from ric_desk.clients.importing import import_clients

        settings.IMPORT_FOLDER.remember(source)

        def job(progress: Callable[[int, int], None], _cancelled: Callable[[], bool]) -> int:
            with self.store.session() as s:
                return import_clients(s, source, progress)

        self.task = Task(
            self, self.tr("Importing clients…"), job, self._imported, self._import_failed
        )
        self.task.start()
        return self.task

    def _imported(self, count: int) -> None:
        self.client_list.apply()
        self.statusBar().showMessage(self.tr("Imported clients: {count}").format(count=count))

    def _import_failed(self, exc: BaseException) -> None:
        self.statusBar().showMessage(self.tr("The file was not imported; nothing was written."))
        show_error(self, exc)

    # -- tabs ------------------------------------------------------------------------------------
    def _navigate(self, item: QListWidgetItem) -> None:
        if self.navigator.row(item) == 1:
            self.show_session()
        else:
            self.show_client_list()

    def show_session(self) -> SessionView | None:
        """The operator's call session, one per window, opened on first use."""
        if self.session_view is None:
            if self.store.actor is None:
                return None
            try:
                self.session_view = SessionView(self.store)
            except Exception as exc:
                show_error(self, exc)
                return None
            self.session_view.client_changed.connect(self._client_changed)
            self.tabs.insertTab(1, self.session_view, self.tr("Call session"))
        self.tabs.setCurrentWidget(self.session_view)
        self.session_view.queue_table.setFocus()
        return self.session_view

    def show_client_list(self) -> None:
        self.tabs.setCurrentWidget(self.client_list)
        self.client_list.focus_search()

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
        try:
            card = ClientCardView(self.store, client_id)
        except Exception as exc:
            show_error(self, exc)
            return None
        card.changed.connect(self._client_changed)
        index = self.tabs.addTab(card, card.title_text())
        self.tabs.setTabToolTip(index, card.title_text())
        self.tabs.setCurrentIndex(index)
        card.indicator_table.setFocus()
        return card

    def close_tab(self, index: int) -> None:
        widget = self.tabs.widget(index)
        if isinstance(widget, SessionView):
            if widget.view is not None:
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

    def _client_changed(self, client_id: int) -> None:
        sender = self.sender()
        for card in self.card_tabs():
            if card.client_id == client_id and card is not sender:
                card.reload()

    # -- layout ----------------------------------------------------------------------------------
    def _restore_layout(self) -> None:
        if not settings.MAIN_GEOMETRY.restore_geometry(self):
            self.resize(1280, 800)
        if not settings.MAIN_SPLITTER.restore_splitter(self.splitter):
            self.splitter.setSizes([180, 1100])
        self.client_list.restore_layout()

    def save_layout(self) -> None:
        if self.session_view is not None:
            self.session_view.save_layout()
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
        self.save_layout()
        self.db.shutdown()  # the writes already given finish before the window goes
        super().closeEvent(event)


__all__ = ["MainWindow", "QWidget"]
