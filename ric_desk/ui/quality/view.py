"""«Контроль качества»: one tab of the main window holding the quality pages the signed-in
employee's role may use. Each page is a widget built from the UI's database worker; pages
announce a client to open through `open_client`."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ric_desk.actor import Actor
from ric_desk.ui.operations import Database

# A page: its title (translated in its own module) and how to build it, or None when the role
# has no use for it. Pages are listed in the order a supervisor's day goes.
PageFactory = Callable[[Database, Actor, QWidget], "tuple[str, QWidget] | None"]


def page_factories() -> list[PageFactory]:
    """The quality pages, imported when the tab is first opened (not with the main window)."""
    factories: list[PageFactory] = []
    from ric_desk.ui.quality import analytics_page

    factories.append(analytics_page.page)
    return factories


class QualityView(QWidget):
    """The pages of quality control in tabs of their own (Ctrl+PgUp/PgDn, Alt+1..9 switch)."""

    open_client = Signal(int)

    def __init__(self, db: Database, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("qualityView")
        self.db = db
        actor = db.actor
        assert actor is not None, "the quality screens need a signed-in employee"
        self.pages = QTabWidget()
        self.pages.setObjectName("qualityPages")
        self.pages.setDocumentMode(True)
        for factory in page_factories():
            made = factory(db, actor, self)
            if made is None:
                continue
            title, page = made
            if hasattr(page, "open_client"):
                page.open_client.connect(self.open_client)
            self.pages.addTab(page, title)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)

    def page(self, object_name: str) -> QWidget | None:
        """A page by its object name, for the keyboard and for tests."""
        for index in range(self.pages.count()):
            widget = self.pages.widget(index)
            if widget is not None and widget.objectName() == object_name:
                return widget
        return None

    def save_layout(self) -> None:
        for index in range(self.pages.count()):
            save = getattr(self.pages.widget(index), "save_layout", None)
            if save is not None:
                save()
