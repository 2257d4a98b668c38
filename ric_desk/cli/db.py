"""`ric-desk db` (schema, backups, the stored PostgreSQL password) and `ric-desk summary`."""

from __future__ import annotations

import argparse
import getpass
import sys

from sqlalchemy.engine import URL

from ric_desk import secrets
from ric_desk.cli.common import connect, print_summary, thousands
from ric_desk.errors import UserError


def cmd_db(args: argparse.Namespace, url: URL) -> int:
    from ric_desk.db import backup, migrate

    if args.db_command == "password":
        if url.get_backend_name() != "postgresql":
            raise UserError(
                "Пароль хранится только для PostgreSQL: файл SQLite открывается без него."
            )
        if args.delete:
            found = secrets.delete_password(url)
            print("Пароль удалён." if found else "Сохранённого пароля не было.")
            return 0
        if secrets.os_keyring() is None:
            raise UserError(secrets.no_keyring_message())
        if sys.stdin.isatty():
            value = getpass.getpass(f"Пароль для {secrets.account(url)}: ")
        else:
            value = sys.stdin.readline().rstrip("\n")
        secrets.set_password(url, value)
        print(f"Пароль для {secrets.account(url)} сохранён в хранилище паролей ОС.")
        return 0

    engine = connect(url)
    if args.db_command == "upgrade":
        before = migrate.current_revision(engine)
        saved = migrate.upgrade(engine)
        after = migrate.current_revision(engine)
        if before == after:
            print(f"Схема уже последняя: {after}.")
        else:
            print(f"Схема обновлена: {before or 'пустая база'} → {after}.")
        if saved is not None:
            print(f"Копия базы до обновления: {saved}")
    elif args.db_command == "current":
        revision = migrate.current_revision(engine)
        migrate.check_known(revision)
        head = migrate.head_revision()
        if revision is None:
            print(f"Схемы нет (пустая база); программа ставит {head}: «ric-desk db upgrade».")
        elif revision == head:
            print(f"{revision} (последняя)")
        else:
            print(f"{revision} (нужно обновление до {head}: «ric-desk db upgrade»)")
    elif args.db_command == "backup":
        counts = backup.write_archive(engine, args.file)
        print(f"Копия сохранена: {args.file} ({thousands(sum(counts.values()))} строк).")
    elif args.db_command == "restore":
        counts = backup.restore_archive(engine, args.file, replace=args.replace)
        print(f"Восстановлено {thousands(sum(counts.values()))} строк из {args.file}.")
    return 0


def cmd_summary(url: URL) -> int:
    from ric_desk.db import migrate

    engine = connect(url)
    migrate.require_current(engine)
    print_summary(engine, url)
    return 0
