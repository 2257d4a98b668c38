"""Portable backups: write, restore all-or-nothing, across backends."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import Engine, func, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ric_desk.db import backup, migrate
from ric_desk.db.engine import open_engine
from ric_desk.demo.generator import generate
from ric_desk.errors import UserError
from ric_desk.models import Client, IndicatorValue, Invoice, Work
from tests.test_demo import fingerprint


@pytest.fixture
def source(tmp_path: Path) -> Engine:
    engine = open_engine(f"sqlite:///{(tmp_path / 'source.sqlite3').as_posix()}")
    migrate.upgrade(engine)
    generate(engine, clients=60, seed=11, as_of=date(2026, 11, 23))
    return engine


def test_round_trip_into_either_backend(
    source: Engine, fresh_engine: Engine, tmp_path: Path
) -> None:
    archive = tmp_path / "copy.zip"
    counts = backup.write_archive(source, archive)
    assert counts["client"] == 60
    # the target already has its dictionaries: restoring needs --replace only when clients exist
    restored = backup.restore_archive(fresh_engine, archive)
    assert restored == counts
    assert fingerprint(fresh_engine) == fingerprint(source)
    with Session(fresh_engine) as s:
        assert s.scalar(select(func.sum(Invoice.amount))) == Session(source).scalar(
            select(func.sum(Invoice.amount))
        )
        # ids continue after the restored rows
        s.add(Client(reg_number=1, name="Новый", name_search="новый", inn="6037005253"))
        s.flush()
        assert s.scalar(select(func.max(Client.id))) == 61


def test_restore_refuses_to_overwrite_without_replace(source: Engine, tmp_path: Path) -> None:
    archive = tmp_path / "copy.zip"
    backup.write_archive(source, archive)
    with pytest.raises(UserError, match="--replace"):
        backup.restore_archive(source, archive)
    backup.restore_archive(source, archive, replace=True)
    with Session(source) as s:
        assert s.scalar(select(func.count()).select_from(Client)) == 60


def test_failed_restore_changes_nothing(
    source: Engine, fresh_engine: Engine, tmp_path: Path
) -> None:
    import zipfile

    archive = tmp_path / "copy.zip"
    backup.write_archive(source, archive)
    broken = tmp_path / "broken.zip"
    with zipfile.ZipFile(archive) as src, zipfile.ZipFile(broken, "w") as dst:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "work.jsonl":
                data = data.replace(b'"client_id": 1,', b'"client_id": 999999,', 1)
            dst.writestr(item, data)
    generate(fresh_engine, clients=3, seed=1, as_of=date(2026, 11, 23))
    with pytest.raises(IntegrityError):
        backup.restore_archive(fresh_engine, broken, replace=True)
    with Session(fresh_engine) as s:
        assert s.scalar(select(func.count()).select_from(Client)) == 3
        assert s.scalar(select(func.count()).select_from(Work)) > 0
        assert s.scalar(select(func.count()).select_from(IndicatorValue)) > 0


def test_not_a_backup(tmp_path: Path, fresh_engine: Engine) -> None:
    bogus = tmp_path / "bogus.zip"
    bogus.write_text("hello", encoding="utf-8")
    with pytest.raises(UserError, match="не является резервной копией"):
        backup.restore_archive(fresh_engine, bogus)
