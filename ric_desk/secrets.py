"""Database passwords in the OS keyring, and nowhere else.

Where the OS has no keyring (a headless Linux box), the password is asked once per run and kept
only in memory. We never fall back to `keyrings.alt`, which would store it as plain text.
"""

from __future__ import annotations

import getpass
import sys

import keyring
from keyring.errors import KeyringError, PasswordDeleteError
from sqlalchemy.engine import URL

from ric_desk.errors import UserError

SERVICE = "ric_desk"
_session_passwords: dict[str, str] = {}


def account(url: URL) -> str:
    return f"{url.username}@{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def get_password(url: URL, *, interactive: bool | None = None) -> str | None:
    """The stored password for this server and user, or None if nothing is stored."""
    key = account(url)
    if key in _session_passwords:
        return _session_passwords[key]
    try:
        return keyring.get_password(SERVICE, key)
    except KeyringError:
        if interactive is None:
            interactive = sys.stdin is not None and sys.stdin.isatty()
        if not interactive:
            return None
        password = getpass.getpass(
            f"Хранилище паролей ОС недоступно. Пароль для {key} (не будет сохранён): "
        )
        _session_passwords[key] = password
        return password


def set_password(url: URL, password: str) -> None:
    try:
        keyring.set_password(SERVICE, account(url), password)
    except KeyringError as exc:
        raise UserError(
            "В этой системе нет хранилища паролей ОС: пароль не сохранён, программа будет "
            f"спрашивать его при каждом запуске ({exc})."
        ) from None


def delete_password(url: URL) -> bool:
    try:
        keyring.delete_password(SERVICE, account(url))
    except PasswordDeleteError:
        return False
    except KeyringError as exc:
        raise UserError(f"Хранилище паролей ОС недоступно: {exc}") from None
    return True
