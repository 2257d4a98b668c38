"""Russian for the user: our own translation and Qt's, installed into the application."""

from __future__ import annotations

from importlib import resources

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

_installed: list[QTranslator] = []


def translations_file() -> str:
    return str(resources.files("ric_desk.ui").joinpath("translations", "ric_desk_ru.qm"))


def install_russian(app: QCoreApplication) -> bool:
    """Install the shipped Russian translation (and Qt's own, for standard buttons)."""
    ours = QTranslator(app)
    if not ours.load(translations_file()):
        return False
    app.installTranslator(ours)
    _installed.append(ours)
    qt = QTranslator(app)
    if qt.load(
        QLocale(QLocale.Language.Russian),
        "qtbase",
        "_",
        QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath),
    ):
        app.installTranslator(qt)
        _installed.append(qt)
    QLocale.setDefault(QLocale(QLocale.Language.Russian, QLocale.Country.Russia))
    return True
