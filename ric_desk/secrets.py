"""Database passwords in the OS keyring, and nowhere else.

Only the platform's own password stores count as a keyring (`OS_KEYRINGS`): Windows Credential
Manager, the macOS Keychain, the Secret Service (GNOME Keyring, KeePassXC) and KWallet. Any other
backend `keyring` may pick up (`keyrings.alt`'s plain-text or "encrypted" files, the null and fail
backends, anything unknown, or a chainer that includes one of them) is treated as no keyring at
all: the password is asked once per run, kept only in memory, and never handed to that backend.
"""

from __future__ import annotations

import getpass
import sys

import keyring
from keyring.backend import KeyringBackend
from keyring.backends.chainer import ChainerBackend
from keyring.errors import KeyringError, PasswordDeleteError
from sqlalchemy.engine import URL

from ric_desk.errors import UserError

SERVICE = "ric_desk"

# Backends trusted with a password, by "module.ClassName" (the exact class, not subclasses).
# Tests add their in-memory keyring here (tests/conftest.py).
OS_KEYRINGS: frozenset[str] = frozenset(
    {
        "keyring.backends.Windows.WinVaultKeyring",
        "keyring.backends.macOS.Keyring",
        "keyring.backends.SecretService.Keyring",
        "keyring.backends.kwallet.DBusKeyring",
        "keyring.backends.kwallet.DBusKeyringKWallet4",
    }
)

_session_passwords: dict[str, str] = {}


def account(url: URL) -> str:
    return f"{url.username}@{url.host or 'localhost'}:{url.port or 5432}/{url.database}"


def backend_name(backend: KeyringBackend) -> str:
    cls = type(backend)
    return f"{cls.__module__}.{cls.__qualname__}"


def is_os_keyring(backend: KeyringBackend) -> bool:
    """Whether `backend` is the OS's own password store (a chainer: all OS stores)."""
    if isinstance(backend, ChainerBackend):
        chained = list(backend.backends)
        return bool(chained) and all(is_os_keyring(each) for each in chained)
    return backend_name(backend) in OS_KEYRINGS


def os_keyring() -> KeyringBackend | None:
    """The keyring to keep passwords in, or None when the OS has no password store we trust."""
    backend = keyring.get_keyring()
    return backend if is_os_keyring(backend) else None


def no_keyring_message() -> str:
    return (
        "В этой системе нет хранилища паролей ОС (диспетчера учётных данных Windows, связки "
        "ключей macOS, Secret Service или KWallet): пароль не сохранён, программа будет "
        "спрашивать его при каждом запуске."
    )


def get_password(url: URL, *, interactive: bool | None = None) -> str | None:
    """The stored password for this server and user, or None if nothing is stored.

    Without an OS keyring the password is asked on the terminal (when there is one) and kept
    for this run only."""
    key = account(url)
    if key in _session_passwords:
        return _session_passwords[key]
    backend = os_keyring()
    if backend is not None:
        try:
            return backend.get_password(SERVICE, key)
        except KeyringError:
            pass
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
    backend = os_keyring()
    if backend is None:
        raise UserError(no_keyring_message())
    try:
        backend.set_password(SERVICE, account(url), password)
    except KeyringError as exc:
        raise UserError(
            "Хранилище паролей ОС недоступно: пароль не сохранён, программа будет "
            f"спрашивать его при каждом запуске ({exc})."
        ) from None


def delete_password(url: URL) -> bool:
    """Removes the stored password; False if there was none.

    Deleting never exposes anything, so it also works on a backend we do not trust: that clears
    a password an older version left in, say, a `keyrings.alt` file."""
    _session_passwords.pop(account(url), None)
    try:
        keyring.get_keyring().delete_password(SERVICE, account(url))
    except PasswordDeleteError:
        return False
    except KeyringError as exc:
        if os_keyring() is None:
            return False  # no keyring at all (the fail backend): nothing can be stored there
        raise UserError(f"Хранилище паролей ОС недоступно: {exc}") from None
    return True
