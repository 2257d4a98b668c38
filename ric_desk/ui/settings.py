"""Window layout and small preferences, in an INI file in the user data directory."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from ric_desk.config import data_dir


def settings() -> QSettings:
    path = data_dir() / "settings.ini"
    path.parent.mkdir(parents=True, exist_ok=True)
    return QSettings(str(path), QSettings.Format.IniFormat)


def save_bytes(key: str, value: QByteArray) -> None:
    s = settings()
    s.setValue(key, value)
    s.sync()


def load_bytes(key: str) -> QByteArray | None:
    value = settings().value(key)
    return value if isinstance(value, QByteArray) else None


def save_text(key: str, value: str) -> None:
    s = settings()
    s.setValue(key, value)
    s.sync()


def load_text(key: str) -> str | None:
    value = settings().value(key)
    return value if isinstance(value, str) else None
