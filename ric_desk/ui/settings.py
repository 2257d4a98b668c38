"""Window layout and small preferences, in an INI file in the user data directory.

Every key is declared here once, with its type and default (qutebrowser's `configdata` and
Vorta's `store/settings.py` are the model): a screen names a declared setting, never a string.
A value of the wrong type in the file (edited by hand, an older program) reads as the default.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QHeaderView, QMainWindow, QSplitter

from ric_desk.config import data_dir


def settings() -> QSettings:
    path = data_dir() / "settings.ini"
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


def _store(key: str, value: object) -> None:
    s = settings()
    s.setValue(key, value)
    s.sync()


@dataclass(frozen=True)
class Layout:
    """A saved widget state (geometry, splitter, table header); `name` fills `{name}` if any."""

    key: str
    doc: str

    def _key(self, name: str) -> str:
        return self.key.format(name=name)

    def load(self, name: str = "") -> QByteArray | None:
        value = settings().value(self._key(name))
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def save(self, value: QByteArray, name: str = "") -> None:
        _store(self._key(name), value)

    def save_header(self, header: QHeaderView, name: str = "") -> None:
        self.save(header.saveState(), name)

    def restore_header(self, header: QHeaderView, name: str = "") -> bool:
        state = self.load(name)
        return state is not None and header.restoreState(state)

    def save_splitter(self, splitter: QSplitter, name: str = "") -> None:
        self.save(splitter.saveState(), name)

    def restore_splitter(self, splitter: QSplitter, name: str = "") -> bool:
        state = self.load(name)
        return state is not None and splitter.restoreState(state)

    def save_geometry(self, window: QMainWindow) -> None:
        self.save(window.saveGeometry())

    def restore_geometry(self, window: QMainWindow) -> bool:
        state = self.load()
        return state is not None and window.restoreGeometry(state)


@dataclass(frozen=True)
class Text:
    key: str
    doc: str
    default: str = ""

    def _key(self, name: str) -> str:
        return self.key.format(name=name)

    def load(self, name: str = "") -> str:
        value = settings().value(self._key(name))
        return value if isinstance(value, str) and value else self.default

    def save(self, value: str, name: str = "") -> None:
        _store(self._key(name), value)


@dataclass(frozen=True)
class Folder(Text):
    """A folder the person last used; the home folder until then."""

    def folder(self) -> Path:
        return Path(self.load()) if self.load() else Path.home()

    def remember(self, file: Path) -> None:
        self.save(str(file.parent))


@dataclass(frozen=True)
class Ids:
    """An ordered list of record ids (favourites)."""

    key: str
    doc: str

    def load(self) -> list[int]:
        raw = settings().value(self.key)
        parts = raw if isinstance(raw, list) else raw.split(",") if isinstance(raw, str) else []
        # an INI edited by hand reads as a list; what is not a number is skipped
        return [int(x) for x in parts if isinstance(x, str) and x.strip().isdigit()][:1000]

    def save(self, ids: list[int]) -> None:
        _store(self.key, ",".join(map(str, ids)))


MAIN_GEOMETRY = Layout("mainWindow/geometry", "the main window's size and place")
MAIN_SPLITTER = Layout("mainWindow/splitter", "navigator | tabs")
CLIENT_LIST_HEADER = Layout("clientList/header", "the client list's columns")
CARD_TABLE = Layout("clientCard/{name}", "a card table's columns, shared by every card")
SESSION_LAYOUT = Layout("session/{name}", "the call session's splitters and tables")
REPORT_LAYOUT = Layout("report/{name}", "the contact report's splitters")
QUALITY_LAYOUT = Layout("quality/{name}", "the quality pages' tables and splitters")
QC_ANALYTICS_LAYOUT = Layout("qcAnalytics/{name}", "quality analytics' splitters and tables")
REPORT_LABEL_WIDTH = Text("report/labelWidth", "the width of the report's group column", "300")
QC_REVIEWS_LAYOUT = Layout(
    "quality/reviews/{name}", "the reviews, disputes and calibration pages' tables and splitters"
)
EXPORT_FOLDER = Folder("export/last_dir", "where the last Excel export went")
IMPORT_FOLDER = Folder("import/last_dir", "where the last imported file came from")
FAVOURITES = Ids("favourites/clients", "the clients of the Favourites menu")
SIGNED_IN = Text("signIn/{name}", "the login last chosen by this operating-system user")
