"""`ric-desk import` and `ric-desk export`: clients and call scripts from and to files."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.engine import URL

from ric_desk.cli.common import chosen_clients, current_store, progress, thousands
from ric_desk.errors import UserError


def cmd_import(args: argparse.Namespace, url: URL) -> int:
    if args.import_command == "script":
        return cmd_import_script(args, url)
    from ric_desk.clients.importing import import_clients

    with current_store(url).session() as s:
        count = import_clients(s, args.file, None).value
    print(f"Загружено клиентов: {thousands(count)} из {args.file}.")
    return 0


def cmd_import_script(args: argparse.Namespace, url: URL) -> int:
    """Read and check the whole document first, then publish it in one transaction."""
    from ric_desk.clients import lookups
    from ric_desk.scripts.docx_io import read_script
    from ric_desk.scripts.versions import publish

    draft = read_script(args.file, name=args.name)
    with current_store(url).session() as s:
        if args.stage is not None:
            if not lookups.stage_exists(s, args.stage):
                raise UserError(f"Этапа {args.stage} нет: этапы работы с клиентом — 1-7.")
            draft.stage_id = args.stage
        version = publish(s, draft)
        stage = version.script.stage_id
    branches = ", ".join(f"«{b}»" for b in draft.branches) or "нет"
    print(
        f"Загружен скрипт «{draft.name}», версия {version.number}"
        + (f", этап {stage}" if stage else "")
        + f": шагов {len(draft.steps)}, задач {len(draft.tasks)}, ветви: {branches}."
    )
    return 0


def cmd_export(args: argparse.Namespace, url: URL) -> int:
    if args.export_command == "clients":
        return cmd_export_clients(args, url)
    return cmd_export_script(args, url)


def cmd_export_clients(args: argparse.Namespace, url: URL) -> int:
    """The client list as the screen exports it (same core function, same columns)."""
    from ric_desk.clients.export import export_clients
    from ric_desk.export_xlsx import check_target

    check_target(args.file)  # before connecting: a bad name needs no database
    store = current_store(url)
    with store.session() as s:
        _, flt = chosen_clients(s, args)
    count = export_clients(store, flt, args.file, progress=_progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"Выгружено клиентов: {thousands(count)} в {args.file}.")
    return 0


def _progress(done: int, total: int) -> None:
    progress("Выгрузка", done / total if total else 1.0)


def cmd_export_script(args: argparse.Namespace, url: URL) -> int:
    from ric_desk.scripts import library
    from ric_desk.scripts.docx_io import write_script

    with current_store(url).session() as s:
        version = library.by_name(s, args.name)
        if version is None:
            known = ", ".join(f"«{n}»" for n in library.names(s)) or "нет ни одного"
            raise UserError(f"Скрипта «{args.name}» нет в базе. Скрипты: {known}.")
        write_script(version, args.file)
    print(f"Скрипт «{args.name}», версия {version.number}, сохранён в {args.file}.")
    return 0
