"""Russian for the user: our own translation and Qt's, installed into the application."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import (
    QT_TRANSLATE_NOOP,
    QCoreApplication,
    QLibraryInfo,
    QLocale,
    QTranslator,
)

_installed: list[QTranslator] = []

# Qt's own words that the Russian catalogue shipped with Qt (qtbase_ru) does not have: Qt 6's
# non-native file dialog (Linux without a desktop's dialogs) labels its fields "&Look in:" and
# "Files of &type:", with shortcuts, where the catalogue still knows only "Look in:" and "Files of
# type:". Named here so that lupdate puts them into our catalogue, which translates them.
QT_GAPS = (
    QT_TRANSLATE_NOOP("QFileDialog", "&Look in:"),
    QT_TRANSLATE_NOOP("QFileDialog", "Files of &type:"),
)


def translations_file() -> str:
    return str(resources.files("ric_desk.ui").joinpath("translations", "ric_desk_ru.qm"))


def app_title() -> str:
    """The program's name as people see it: window and message titles."""
    return QCoreApplication.translate("app", "RIC Desk")


def install_russian(app: QCoreApplication) -> bool:
    """Install Qt's Russian (standard buttons and dialogs), then ours, which is asked first.

    Qt's catalogue is "qtbase": "qt_ru" is only an index of qtbase_ru and qtmultimedia_ru, and
    PySide6 does not ship the second, so the index does not load at all.
    """
    ours = QTranslator(app)
    if not ours.load(translations_file()):
        return False
    qt = QTranslator(app)
    if qt.load(
        QLocale(QLocale.Language.Russian),
        "qtbase",
        "_",
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ):
        app.installTranslator(qt)
        _installed.append(qt)
    app.installTranslator(ours)  # the last installed is asked first: ours fills Qt's gaps
    _installed.append(ours)
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    return True
