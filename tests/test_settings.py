"""Declared UI settings: read back as saved; a hand-edited or broken file reads as defaults."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QByteArray
from PySide6.QtWidgets import QMainWindow

from ric_desk.ui import settings

pytestmark = pytest.mark.gui


def test_saved_values_come_back(qapp, private_data_dir: Path) -> None:
    settings.FAVOURITES.save([3, 1, 2])
    settings.EXPORT_FOLDER.remember(private_data_dir / "out" / "clients.xlsx")
    settings.SIGNED_IN.save("egorova_ma", "winuser")
    assert settings.FAVOURITES.load() == [3, 1, 2]
    assert settings.EXPORT_FOLDER.folder() == private_data_dir / "out"
    assert settings.SIGNED_IN.load("winuser") == "egorova_ma"
    assert settings.SIGNED_IN.load("someone-else") == ""


@pytest.mark.qt_log_ignore("QVariant::load")  # Qt's own word on the broken value; it copes
def test_a_broken_or_hand_edited_file_reads_as_defaults(qapp, private_data_dir: Path) -> None:
    private_data_dir.mkdir(parents=True, exist_ok=True)
    (private_data_dir / "settings.ini").write_text(
        "[mainWindow]\ngeometry=not a geometry\nsplitter=@ByteArray(\\x1)\n"
        "[favourites]\nclients=7,x,;DROP TABLE client;,9," + "1" * 5000 + "\n"
        "[export]\nlast_dir=@Variant(\\0\\0\\0\\x7f)\n"
        "[broken\n\x00\xff garbage",
        encoding="utf-8",
        errors="surrogateescape",
    )
    window = QMainWindow()
    assert settings.MAIN_GEOMETRY.restore_geometry(window) is False
    favourites = settings.FAVOURITES.load()
    assert favourites[:1] == [7] and all(type(i) is int for i in favourites)  # the rest skipped
    assert settings.EXPORT_FOLDER.folder() == Path.home()
    settings.MAIN_SPLITTER.save(QByteArray(b"state"))
    assert settings.MAIN_SPLITTER.load() == QByteArray(b"state")
