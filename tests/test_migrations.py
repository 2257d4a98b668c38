"""alembic migrations: exactly the models, reversible, guarded, on both backends."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text

from ric_desk.db import migrate
from ric_desk.db.engine import open_engine
from ric_desk.errors import UserError
from ric_desk.models import Base


def drift(engine) -> list[object]:
    with engine.connect() as conn:
        context = MigrationContext.configure(
            conn, opts={"compare_type": True, "include_object": migrate.include_object}
        )
        return list(compare_metadata(context, Base.metadata))


def test_upgrade_creates_exactly_the_models(new_db_url: Callable[[], str]) -> None:
    engine = open_engine(new_db_url())
    assert migrate.current_revision(engine) is None
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert drift(engine) == []
    tables = set(inspect(engine).get_table_names())
    assert set(Base.metadata.tables) <= tables


def test_drift_check_sees_a_missing_column(new_db_url: Callable[[], str]) -> None:
    engine = open_engine(new_db_url())
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("DROP INDEX ix_client_name_search"))
    assert [d[0] for d in drift(engine)] == ["add_index"]


def test_upgrade_downgrade_upgrade(new_db_url: Callable[[], str]) -> None:
    engine = open_engine(new_db_url())
    migrate.upgrade(engine)
    migrate.downgrade(engine, "base")
    assert migrate.current_revision(engine) is None
    assert set(inspect(engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(engine)
    assert migrate.current_revision(engine) == migrate.head_revision()
    assert drift(engine) == []


def test_newer_database_is_refused(new_db_url: Callable[[], str]) -> None:
    engine = open_engine(new_db_url())
    migrate.upgrade(engine)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999'"))
    with pytest.raises(UserError, match="более новой версией"):
        migrate.upgrade(engine)
    with pytest.raises(UserError, match="более новой версией"):
        migrate.require_current(engine)


def test_old_schema_must_be_upgraded_first(new_db_url: Callable[[], str]) -> None:
    engine = open_engine(new_db_url())
    with pytest.raises(UserError, match="db upgrade"):
        migrate.require_current(engine)


def test_sqlite_file_is_backed_up_before_an_upgrade(tmp_path: Path) -> None:
    db_file = tmp_path / "office.sqlite3"
    engine = open_engine(f"sqlite:///{db_file.as_posix()}")
    cfg = migrate.alembic_config()
    from alembic import command

    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001")
    with engine.begin() as conn:
        conn.execute(
            text(
                "INSERT INTO employee (full_name, login, role, active, version, created_at,"
                " updated_at) VALUES ('Егорова Мария Анатольевна', 'egorova', 'operator', 1, 1,"
                " '2020-09-17 10:00:00', '2020-09-17 10:00:00')"
            )
        )
    saved = migrate.upgrade(engine)
    assert saved is not None and saved.exists()
    assert "before-upgrade-0001" in saved.name
    copy = open_engine(f"sqlite:///{saved.as_posix()}")
    assert migrate.current_revision(copy) == "0001"
    with copy.connect() as conn:
        assert (
            conn.execute(text("SELECT full_name FROM employee")).scalar()
            == "Егорова Мария Анатольевна"
        )
    assert migrate.current_revision(engine) == migrate.head_revision()


def test_second_upgrade_changes_nothing(fresh_engine) -> None:
    assert migrate.upgrade(fresh_engine) is None
