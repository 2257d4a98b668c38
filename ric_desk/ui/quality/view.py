"""«Контроль качества»: one tab of the main window holding the quality pages the signed-in
employee's role may use. Each page is a widget built from the UI's database worker; pages
announce a client to open through `open_client`."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QStyle, QTabBar, QTabWidget, QToolButton, QVBoxLayout, QWidget

from ric_desk.actor import Actor
from ric_desk.ui.operations import Database

if TYPE_CHECKING:
    from ric_desk.ui.quality.review import ReviewPage

# A page: its title (translated in its own module) and how to build it, or None when the role
# has no use for it. Pages are listed in the order a supervisor's day goes.
PageFactory = Callable[[Database, Actor, QWidget], "tuple[str, QWidget] | None"]


def page_factories() -> list[PageFactory]:
    """The quality pages, imported when the tab is first opened (not with the main window)."""
    factories: list[PageFactory] = []
    from ric_desk.ui.quality import (
        analytics_page,
        calibration_page,
        disputes_page,
        reviews_page,
        sample_page,
        templates_page,
    )

    factories.append(sample_page.page)
    factories.append(reviews_page.page)
    factories.append(disputes_page.page)
    factories.append(calibration_page.page)
    factories.append(analytics_page.page)
    factories.append(templates_page.page)
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
            if hasattr(page, "open_review"):
                page.open_review.connect(self.open_review)
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

    # -- reviews: one closable tab per call being scored ------------------------------------------
    def reviews(self) -> list[ReviewPage]:
        from ric_desk.ui.quality.review import ReviewPage

        return [
            w
            for i in range(self.pages.count())
            if isinstance(w := self.pages.widget(i), ReviewPage)
        ]

    def open_review(self, contact_id: int) -> ReviewPage:
        """The review screen of a call taken (its tab if open already)."""
        from ric_desk.ui.quality.review import ReviewPage

        for page in self.reviews():
            if page.contact_id == contact_id and not page.closing:
                self.pages.setCurrentWidget(page)
                page.setFocus()
                return page
        page = ReviewPage(self.db, self.db.actor, contact_id, self)
        page.open_client.connect(self.open_client)
        page.finished.connect(lambda: self._drop(page))
        page.titled.connect(lambda title: self._retitle(page, title))
        index = self.pages.addTab(page, page.title())
        close = QToolButton()
        close.setObjectName("closeReviewTab")
        close.setAutoRaise(True)
        close.setIcon(self.style().standardIcon(QStyle.StandardPixmap.SP_TitleBarCloseButton))
        close.setToolTip(self.tr("Close the review (Esc)"))
        close.clicked.connect(page.request_close)
        self.pages.tabBar().setTabButton(index, QTabBar.ButtonPosition.RightSide, close)
        self.pages.setCurrentIndex(index)
        page.setFocus()
        return page

    def _retitle(self, page: QWidget, title: str) -> None:
        """A review's tab: the title shortened (a client's whole name would push the pages'
        tabs out of sight), the whole of it as the tooltip."""
        index = self.pages.indexOf(page)
        if index >= 0:
            short = title if len(title) <= 48 else title[:47].rstrip() + "…"
            self.pages.setTabText(index, short)
            self.pages.setTabToolTip(index, title)

    def _drop(self, page: QWidget) -> None:
        """A review closed: back to the sample it was taken from (not the neighbouring tab)."""
        index = self.pages.indexOf(page)
        was_current = self.pages.currentWidget() is page
        if index >= 0:
            self.pages.removeTab(index)
        page.deleteLater()
        sample = self.page("samplePage")
        if was_current and sample is not None:
            self.pages.setCurrentWidget(sample)
            sample.setFocus()

    def may_close(self) -> bool:
        """Every open review asked about its unsaved marks and closed (its call given back);
        False when one of them stays."""
        for page in self.reviews():
            self.pages.setCurrentWidget(page)
            if not page.may_close():
                return False
            page.finish()
        return True

    def save_layout(self) -> None:
        for index in range(self.pages.count()):
            save = getattr(self.pages.widget(index), "save_layout", None)
            if save is not None:
                save()
