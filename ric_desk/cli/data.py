"""`ric-desk import` and `ric-desk export`: clients, call scripts and check-lists from and to
files."""

from __future__ import annotations

import argparse
import sys

from sqlalchemy.engine import URL

from ric_desk.cli.common import chosen_clients, current_store, progress, thousands
from ric_desk.errors import UserError


def cmd_import(args: argparse.Namespace, url: URL) -> int:
    if args.import_command == "script":
        return cmd_import_script(args, url)
    if args.import_command == "checklist":
        return cmd_import_checklist(args, url)
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
    if args.export_command == "checklist":
        return cmd_export_checklist(args, url)
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


def cmd_import_checklist(args: argparse.Namespace, url: URL) -> int:
    """Read and check the whole workbook first, then publish its check-lists in one transaction:
    a changed one as its next version, an unchanged one not at all."""
    from ric_desk.checklists.templates import check_publishable, publish
    from ric_desk.checklists.workbook import read_checklists

    contents = read_checklists(args.file)
    lines = []
    with current_store(url).session() as s:
        for draft in contents.drafts:
            check_publishable(s, draft)  # every sheet before any is written
        for draft in contents.drafts:
            done = publish(s, draft)
            what = f"Чек-лист «{draft.name}» (лист «{draft.sheet_name}»)"
            if not done.new_version:
                lines.append(
                    f"{what}: без изменений, версия {done.version.number}"
                    + (f"; этап теперь {draft.stage_id}." if done.stage_changed else ".")
                )
                continue
            criteria = sum(len(section.criteria) for section in draft.sections)
            stage = done.template.stage_id
            lines.append(
                f"{what}: загружена версия {done.version.number}"
                + (f", этап {stage}" if stage else "")
                + f": разделов {len(draft.sections)}, критериев {criteria}."
            )
    for line in lines:
        print(line)
    if contents.empty_sheets:
        print("Пустые листы пропущены: " + ", ".join(f"«{n}»" for n in contents.empty_sheets) + ".")
    return 0


def cmd_export_checklist(args: argparse.Namespace, url: URL) -> int:
    from ric_desk.checklists import templates
    from ric_desk.checklists.workbook import write_checklist
    from ric_desk.export_xlsx import check_target

    check_target(args.file)  # before connecting: a bad name needs no database
    with current_store(url).session() as s:
        version = templates.latest(s, args.name)
        if version is None:
            known = ", ".join(f"«{n}»" for n in templates.sheet_names(s))
            raise UserError(
                f"Чек-листа «{args.name}» нет в базе: "
                + (f"назовите его заголовок или лист: {known}." if known else "их нет ни одного.")
            )
        draft = templates.to_draft(version)
        number = version.number
    write_checklist(draft, args.file)
    print(
        f"Чек-лист «{draft.name}», версия {number}, сохранён в {args.file} "
        f"(лист «{draft.sheet_name}»)."
    )
    return 0
