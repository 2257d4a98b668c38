"""Schema upgrades with guards: back the SQLite file up first, refuse a newer database."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine

from ric_desk.errors import UserError

# search support made by revision 0002 and SQLite's change clock of revision 0005
# (`ric_desk.db.stamps`), outside the ORM metadata; not schema drift
SEARCH_OBJECTS = ("client_name_fts", "ix_client_name_trgm", "change_clock")


def include_object(
    obj: object, name: str | None, type_: str, reflected: bool, compare_to: object
) -> bool:
    """alembic's filter: leave the objects above out of model comparison."""
    return not (name or "").startswith(SEARCH_OBJECTS)


def alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", "ric_desk.db:migrations")
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine | Connection) -> str | None:
    if isinstance(engine, Engine):
        with engine.connect() as conn:
            return MigrationContext.configure(conn).get_current_revision()
    return MigrationContext.configure(engine).get_current_revision()


def check_known(revision: str | None) -> None:
    """Refuse a database that a newer program has upgraded: we do not know its schema."""
    if revision is None:
        return
    script = ScriptDirectory.from_config(alembic_config())
    if revision not in {s.revision for s in script.walk_revisions()}:
        raise UserError(
            f"База данных обновлена более новой версией программы (схема {revision}). "
            "Установите новую версию ric_desk; эта версия не будет с ней работать."
        )


def upgrade(engine: Engine, *, backup_dir: Path | None = None) -> Path | None:
    """Bring the schema to head; returns the SQLite backup taken before, if any.

    A new database also gets the default dictionaries.
    """
    from ric_desk.db import backup, defaults

    before = current_revision(engine)
    check_known(before)
    if before == head_revision():
        return None
    backup_path = None
    if engine.dialect.name == "sqlite" and before is not None:
        assert engine.url.database is not None
        db_file = Path(engine.url.database)
        stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
        target_dir = backup_dir or db_file.parent
        backup_path = target_dir / f"{db_file.stem}.before-upgrade-{before}-{stamp}{db_file.suffix}"
        backup.copy_sqlite(engine, backup_path)
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "head")
    if before is None:
        defaults.load_defaults_into(engine)
    elif before in ("0001", "0002", "0003", "0004", "0005"):
        defaults.load_added_defaults(engine)
    return backup_path


def downgrade(engine: Engine, revision: str) -> None:
    cfg = alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.downgrade(cfg, revision)


def require_current(engine: Engine) -> None:
    """For commands that need the schema as this program knows it."""
    revision = current_revision(engine)
    check_known(revision)
    if revision != head_revision():
        raise UserError(
            "Схема базы данных не обновлена: выполните «ric-desk db upgrade»"
            + (" (база пуста)." if revision is None else f" (сейчас {revision}).")
        )
