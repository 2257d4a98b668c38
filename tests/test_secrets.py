"""Passwords come from the OS keyring only; without one, nothing is stored."""

from __future__ import annotations

import keyring
import pytest
from keyring.backends import fail

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
    import io

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
