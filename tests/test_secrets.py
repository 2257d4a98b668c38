"""Passwords come from the OS keyring only; without one, nothing is stored."""

from __future__ import annotations

import base64
import io
import json
from pathlib import Path

import keyring
import pytest
from keyring.backend import KeyringBackend
from keyring.backends import SecretService, chainer, fail, kwallet

from ric_desk import secrets
from ric_desk.cli import main
from ric_desk.config import parse_db_url
from ric_desk.db.engine import open_engine
from ric_desk.errors import UserError

URL = parse_db_url("postgresql+psycopg://operator1@db.example:5433/ric")


def test_password_goes_through_the_keyring(memory_keyring) -> None:
    assert secrets.get_password(URL) is None
    secrets.set_password(URL, "s3cret")
    assert memory_keyring.passwords == {("ric_desk", "operator1@db.example:5433/ric"): "s3cret"}
    engine = open_engine(URL)
    assert engine.url.password == "s3cret"
    assert secrets.delete_password(URL) is True
    assert secrets.delete_password(URL) is False


def test_cli_stores_the_password(memory_keyring, monkeypatch, capsys) -> None:
    monkeypatch.setattr("sys.stdin", io.StringIO("pa ss\n"))
    assert main(["--db", URL.render_as_string(), "db", "password"]) == 0
    assert memory_keyring.passwords[("ric_desk", secrets.account(URL))] == "pa ss"


def test_without_a_keyring_nothing_is_stored_and_the_password_is_asked(monkeypatch) -> None:
    keyring.set_keyring(fail.Keyring())
    with pytest.raises(UserError, match="нет хранилища паролей"):
        secrets.set_password(URL, "x")
    assert secrets.get_password(URL, interactive=False) is None
    monkeypatch.setattr(secrets.getpass, "getpass", lambda prompt: "typed")
    assert secrets.get_password(URL, interactive=True) == "typed"
    assert secrets.get_password(URL, interactive=False) == "typed"  # kept for this run only
    secrets._session_passwords.clear()


def test_keyrings_alt_is_not_a_dependency() -> None:
    from importlib.metadata import PackageNotFoundError, requires

    deps = " ".join(requires("ric-desk") or [])
    assert "keyrings.alt" not in deps and "keyrings-alt" not in deps
    with pytest.raises(PackageNotFoundError):
        from importlib.metadata import version

        version("keyrings.alt")


class PlainFileKeyring(KeyringBackend):
    """What `keyrings.alt`'s PlaintextKeyring does: base64 passwords in a file under `root`."""

    priority = 1  # type: ignore[assignment]

    def __init__(self, root: Path) -> None:
        super().__init__()
        self.file = root / "keyring_pass.cfg"

    def _load(self) -> dict[str, str]:
        return json.loads(self.file.read_text()) if self.file.exists() else {}

    def get_password(self, service: str, username: str) -> str | None:
        found = self._load().get(f"{service}/{username}")
        return None if found is None else base64.b64decode(found).decode()

    def set_password(self, service: str, username: str, password: str) -> None:
        stored = self._load()
        stored[f"{service}/{username}"] = base64.b64encode(password.encode()).decode()
        self.file.write_text(json.dumps(stored))

    def delete_password(self, service: str, username: str) -> None:
        stored = self._load()
        if stored.pop(f"{service}/{username}", None) is None:
            from keyring.errors import PasswordDeleteError

            raise PasswordDeleteError(username)
        self.file.write_text(json.dumps(stored))


def _files_holding(root: Path, password: str) -> list[Path]:
    secret = password.encode()
    forms = [secret, base64.b64encode(secret), base64.urlsafe_b64encode(secret)]
    return [
        path
        for path in root.rglob("*")
        if path.is_file() and any(form in path.read_bytes() for form in forms)
    ]


def test_a_plain_text_keyring_is_no_keyring(tmp_path: Path, monkeypatch, capsys) -> None:
    root = tmp_path / "plain-keyring"
    root.mkdir()
    plain = PlainFileKeyring(root)
    keyring.set_keyring(plain)
    assert secrets.os_keyring() is None

    with pytest.raises(UserError, match="нет хранилища паролей ОС"):
        secrets.set_password(URL, "Very-s3cret")
    monkeypatch.setattr("sys.stdin", io.StringIO("Very-s3cret\n"))
    assert main(["--db", URL.render_as_string(), "db", "password"]) == 1
    err = capsys.readouterr().err
    assert "нет хранилища паролей ОС" in err and "не сохранён" in err
    assert len(err.strip().splitlines()) == 1
    assert _files_holding(tmp_path, "Very-s3cret") == []
    assert not plain.file.exists()

    # a password an older version left there is not read, but `--delete` clears it
    plain.set_password(secrets.SERVICE, secrets.account(URL), "left-over")
    assert secrets.get_password(URL, interactive=False) is None
    assert open_engine(URL).url.password is None
    assert main(["--db", URL.render_as_string(), "db", "password", "--delete"]) == 0
    assert "Пароль удалён" in capsys.readouterr().out
    assert _files_holding(tmp_path, "left-over") == []


def test_the_file_check_would_see_a_stored_password(tmp_path: Path) -> None:
    plain = PlainFileKeyring(tmp_path)
    plain.set_password(secrets.SERVICE, "someone", "Very-s3cret")
    assert _files_holding(tmp_path, "Very-s3cret") == [plain.file]


def test_only_the_os_password_stores_are_trusted(monkeypatch, memory_keyring) -> None:
    assert secrets.is_os_keyring(SecretService.Keyring())
    assert secrets.is_os_keyring(kwallet.DBusKeyring())
    assert not secrets.is_os_keyring(fail.Keyring())

    class Keyring(SecretService.Keyring):  # same name, another module: not the OS store
        pass

    assert not secrets.is_os_keyring(Keyring())

    def chaining(*backends: KeyringBackend) -> chainer.ChainerBackend:
        monkeypatch.setattr(chainer.ChainerBackend, "backends", list(backends))
        return chainer.ChainerBackend()

    assert secrets.is_os_keyring(chaining(SecretService.Keyring(), kwallet.DBusKeyring()))
    assert not secrets.is_os_keyring(chaining(SecretService.Keyring(), fail.Keyring()))
    assert not secrets.is_os_keyring(chaining())
    keyring.set_keyring(chaining(memory_keyring))
    assert secrets.os_keyring() is not None


def test_without_a_keyring_db_password_says_so_before_asking(monkeypatch, capsys) -> None:
    keyring.set_keyring(fail.Keyring())
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    assert main(["--db", URL.render_as_string(), "db", "password"]) == 1
    err = capsys.readouterr().err
    assert "нет хранилища паролей ОС" in err and len(err.strip().splitlines()) == 1
    assert main(["--db", URL.render_as_string(), "db", "password", "--delete"]) == 0
    assert "Сохранённого пароля не было" in capsys.readouterr().out
