"""The command line (DESIGN.md §7): the same core the workstation uses, for admins and scripts.

Exit status: 0 on success, 1 on a user error (one line on stderr), 2 on a bug (logged).
"""

from __future__ import annotations

import argparse
import getpass
import logging
import os
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, NoReturn

from sqlalchemy import Engine
from sqlalchemy.engine import URL
from sqlalchemy.exc import DBAPIError

from ric_desk import __version__, config, secrets
from ric_desk.errors import UserError

if TYPE_CHECKING:
    from ric_desk.store import Store

log = logging.getLogger("ric_desk")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UserError(f"{message} (см. «ric-desk --help»)")


def _date(raw: str) -> date:
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"дата «{raw}» не распознана: нужен формат ДД.ММ.ГГГГ")


def _positive(raw: str) -> int:
    try:
        value = int(raw)
    except ValueError:
        raise argparse.ArgumentTypeError(f"«{raw}» не целое число") from None
    if value < 1:
        raise argparse.ArgumentTypeError(f"нужно число больше нуля, а не {value}")
    return value


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ric-desk",
        description="ric_desk: рабочее место отдела дистанционного сервиса РИЦ.",
    )
    parser.add_argument("--version", action="version", version=f"ric-desk {__version__}")
    parser.add_argument(
        "--db",
        metavar="URL",
        help="база данных: sqlite:///путь или postgresql+psycopg://user@host/db "
        f"(иначе ${config.DB_ENV}, иначе встроенный файл SQLite)",
    )
    parser.add_argument(
        "--demo",
        action="store_true",
        help="отдельная демонстрационная база (заполняется при первом запуске)",
    )
    commands = parser.add_subparsers(dest="command", metavar="КОМАНДА", parser_class=_Parser)

    db = commands.add_parser("db", help="схема и резервные копии базы")
    db_commands = db.add_subparsers(
        dest="db_command", metavar="ДЕЙСТВИЕ", required=True, parser_class=_Parser
    )
    db_commands.add_parser("upgrade", help="обновить схему (файл SQLite копируется перед этим)")
    db_commands.add_parser("current", help="показать версию схемы")
    backup = db_commands.add_parser("backup", help="сохранить резервную копию в FILE")
    backup.add_argument("file", type=Path, metavar="FILE")
    restore = db_commands.add_parser("restore", help="восстановить базу из копии FILE")
    restore.add_argument("file", type=Path, metavar="FILE")
    restore.add_argument(
        "--replace", action="store_true", help="заменить данные, если база не пуста"
    )
    password = db_commands.add_parser("password", help="сохранить пароль PostgreSQL в хранилище ОС")
    password.add_argument("--delete", action="store_true", help="удалить сохранённый пароль")

    demo = commands.add_parser("demo", help="заполнить базу демонстрационными данными")
    demo.add_argument("--clients", type=_positive, default=2000, metavar="N")
    demo.add_argument("--seed", type=int, default=1, metavar="S")
    demo.add_argument(
        "--as-of", type=_date, metavar="ДАТА", help="«сегодня» для данных (ДД.ММ.ГГГГ)"
    )
    demo.add_argument(
        "--reset",
        action="store_true",
        help="пересоздать демонстрационную базу, если она уже заполнена",
    )

    importing = commands.add_parser("import", help="загрузить данные из файла (всё или ничего)")
    import_commands = importing.add_subparsers(
        dest="import_command", metavar="ЧТО", required=True, parser_class=_Parser
    )
    import_clients = import_commands.add_parser(
        "clients", help="клиенты из .xlsx или .csv со строкой заголовков"
    )
    import_clients.add_argument("file", type=Path, metavar="FILE")
    import_script = import_commands.add_parser(
        "script", help="скрипт разговора из .docx (следующей версией, если такой уже есть)"
    )
    import_script.add_argument("file", type=Path, metavar="FILE.docx")
    import_script.add_argument(
        "--name",
        metavar="NAME",
        help="название скрипта (иначе записанное при выгрузке, иначе заголовок документа)",
    )
    import_script.add_argument(
        "--stage", type=_positive, metavar="N", help="этап работы с клиентом (1-7)"
    )

    exporting = commands.add_parser("export", help="сохранить данные в файл")
    export_commands = exporting.add_subparsers(
        dest="export_command", metavar="ЧТО", required=True, parser_class=_Parser
    )
    export_script = export_commands.add_parser(
        "script", help="последнюю версию скрипта разговора в .docx"
    )
    export_script.add_argument("name", metavar="NAME")
    export_script.add_argument("file", type=Path, metavar="FILE.docx")

    priz = commands.add_parser("priz", help="ПРИЗ: правила и задания")
    priz_commands = priz.add_subparsers(
        dest="priz_command", metavar="ДЕЙСТВИЕ", required=True, parser_class=_Parser
    )
    priz_refresh = priz_commands.add_parser(
        "refresh", help="выполнить правила ПРИЗ для всех клиентов"
    )
    priz_refresh.add_argument(
        "--as-of", type=_date, metavar="ДАТА", help="«сегодня» для правил (ДД.ММ.ГГГГ)"
    )
    assign = priz_commands.add_parser(
        "assign", help="дать задание клиентам: по рег. номерам или всем подходящим под фильтр"
    )
    assign.add_argument("title", metavar="ТЕКСТ", help="текст задания")
    whom = assign.add_mutually_exclusive_group(required=True)
    whom.add_argument(
        "--client",
        type=_positive,
        action="append",
        metavar="РЕГ_НОМЕР",
        help="рег. номер клиента (можно несколько раз)",
    )
    whom.add_argument(
        "--all-matching",
        action="store_true",
        help="всем клиентам, подходящим под фильтр ниже (без фильтра: всем)",
    )
    matching = assign.add_argument_group("фильтр для --all-matching (как в списке клиентов)")
    matching.add_argument("--text", default="", help="рег. номер, ИНН, часть названия, телефон")
    matching.add_argument("--responsible", metavar="ЛОГИН", help="ответственный сотрудник")
    matching.add_argument("--region", metavar="КОД", help="код региона, например 60")
    matching.add_argument(
        "--expired", action="store_true", help="только с просроченными показателями"
    )
    assign.add_argument("--comment", help="комментарий к заданию")
    assign.add_argument(
        "--author",
        metavar="ЛОГИН",
        help="кто даёт задание (иначе сотрудник с логином пользователя базы, если есть)",
    )

    calling_parser = commands.add_parser(
        "calling", help="правила звонков: часы, выходные, рабочий календарь"
    )
    calling_commands = calling_parser.add_subparsers(
        dest="calling_command", metavar="ДЕЙСТВИЕ", required=True, parser_class=_Parser
    )
    calling_commands.add_parser("show", help="показать правила и особые дни календаря")
    calling_set = calling_commands.add_parser(
        "set", help="изменить настройки: hours_from=09:00 hours_to=18:00 weekend=6,7 ..."
    )
    calling_set.add_argument("pairs", nargs="+", metavar="КЛЮЧ=ЗНАЧЕНИЕ")
    calling_day = calling_commands.add_parser(
        "day", help="сделать день рабочим или нерабочим (перенос выходного, рабочая суббота)"
    )
    calling_day.add_argument("day", type=_date, metavar="ДАТА")
    calling_day.add_argument("kind", choices=("working", "off"), metavar="working|off")
    calling_day.add_argument("--title", help="почему, например «Перенос выходного дня»")

    commands.add_parser("summary", help="что хранится в базе")
    commands.add_parser(
        "selftest", help="проверить базу и отрисовать главное окно и карточку без экрана"
    )
    return parser


def _connect(url: URL) -> Engine:
    from ric_desk.db.engine import open_engine

    return open_engine(url)


def _print_summary(engine: Engine, url: URL) -> None:
    from ric_desk.db.summary import summarize

    print(f"База: {config.describe_url(url)}")
    for line in summarize(engine).lines():
        print("  " + line)


def _progress(what: str, done: float) -> None:
    if sys.stderr.isatty():
        print(f"\r{what}: {done:4.0%}   ", end="", file=sys.stderr, flush=True)


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
        if sys.stdin.isatty():
            value = getpass.getpass(f"Пароль для {secrets.account(url)}: ")
        else:
            value = sys.stdin.readline().rstrip("\n")
        secrets.set_password(url, value)
        print(f"Пароль для {secrets.account(url)} сохранён в хранилище паролей ОС.")
        return 0

    engine = _connect(url)
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
        print(f"Копия сохранена: {args.file} ({_thousands(sum(counts.values()))} строк).")
    elif args.db_command == "restore":
        counts = backup.restore_archive(engine, args.file, replace=args.replace)
        print(f"Восстановлено {_thousands(sum(counts.values()))} строк из {args.file}.")
    return 0


def _demo_is_default(args: argparse.Namespace) -> bool:
    return not args.db and not os.environ.get(config.DB_ENV)


def _thousands(n: int) -> str:
    return f"{n:,}".replace(",", " ")


def _fill_demo(engine: Engine, *, clients: int, seed: int, as_of: date | None) -> None:
    from ric_desk.demo.generator import generate

    print(f"Заполняю базу демонстрационными данными ({clients} клиентов)...", file=sys.stderr)
    result = generate(engine, clients=clients, seed=seed, as_of=as_of, progress=_progress)
    if sys.stderr.isatty():
        print(file=sys.stderr)
    print(f"Готово за {result.seconds:.1f} с: {_thousands(sum(result.rows.values()))} строк.")


def ensure_demo(url: URL, *, clients: int, seed: int, as_of: date | None, reset: bool) -> Engine:
    """Upgrade the demo database and fill it on first use; `reset` starts it again from empty."""
    from ric_desk.db import migrate
    from ric_desk.db.summary import summarize

    if reset and url.get_backend_name() == "sqlite" and url.database:
        for suffix in ("", "-wal", "-shm"):
            Path(url.database + suffix).unlink(missing_ok=True)
    engine = _connect(url)
    migrate.upgrade(engine)
    if summarize(engine).clients == 0:
        _fill_demo(engine, clients=clients, seed=seed, as_of=as_of)
    else:
        print("Демонстрационная база уже заполнена («ric-desk demo --reset» заполнит заново).")
    return engine


def cmd_demo(args: argparse.Namespace, url: URL) -> int:
    from ric_desk.db import migrate

    if _demo_is_default(args) or args.demo:
        engine = ensure_demo(
            url, clients=args.clients, seed=args.seed, as_of=args.as_of, reset=args.reset
        )
    else:
        if args.reset:
            raise UserError(
                "--reset пересоздаёт только отдельную демонстрационную базу, не базу из --db."
            )
        engine = _connect(url)
        migrate.upgrade(engine)
        _fill_demo(engine, clients=args.clients, seed=args.seed, as_of=args.as_of)
    _print_summary(engine, url)
    return 0


DEMO_CLIENTS = 2000


def _has_display() -> bool:
    if os.environ.get("QT_QPA_PLATFORM") or not sys.platform.startswith("linux"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def cmd_open(args: argparse.Namespace, url: URL) -> int:
    """Open the workstation window; the demo database is filled on first use."""
    from ric_desk.db import migrate
    from ric_desk.store import Store

    if not _has_display():
        raise UserError(
            "Нет графического экрана (DISPLAY не задан): окно открыть негде. Без экрана работают "
            "команды «ric-desk summary» и «ric-desk selftest»."
        )
    engine = _connect(url)
    migrate.upgrade(engine)
    from ric_desk.ui.app import run as run_gui

    return run_gui(Store(engine, url), demo_clients=DEMO_CLIENTS if args.demo else None)


def _current_store(url: URL) -> Store:
    from ric_desk.db import migrate
    from ric_desk.store import Store

    engine = _connect(url)
    migrate.require_current(engine)
    return Store(engine, url)


def cmd_import(args: argparse.Namespace, url: URL) -> int:
    if args.import_command == "script":
        return cmd_import_script(args, url)
    from ric_desk.clients.importing import import_clients

    with _current_store(url).session() as s:
        count = import_clients(s, args.file)
    print(f"Загружено клиентов: {_thousands(count)} из {args.file}.")
    return 0


def cmd_import_script(args: argparse.Namespace, url: URL) -> int:
    """Read and check the whole document first, then publish it in one transaction."""
    from ric_desk.clients import lookups
    from ric_desk.scripts.docx_io import read_script
    from ric_desk.scripts.versions import publish

    draft = read_script(args.file, name=args.name)
    with _current_store(url).session() as s:
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
    from ric_desk.scripts import library
    from ric_desk.scripts.docx_io import write_script

    with _current_store(url).session() as s:
        version = library.by_name(s, args.name)
        if version is None:
            known = ", ".join(f"«{n}»" for n in library.names(s)) or "нет ни одного"
            raise UserError(f"Скрипта «{args.name}» нет в базе. Скрипты: {known}.")
        write_script(version, args.file)
    print(f"Скрипт «{args.name}», версия {version.number}, сохранён в {args.file}.")
    return 0


def cmd_calling(args: argparse.Namespace, url: URL) -> int:
    from ric_desk.calls import rules as calling

    with _current_store(url).session() as s:
        if args.calling_command == "set":
            values = {}
            for pair in args.pairs:
                key, sep, raw = pair.partition("=")
                if not sep:
                    raise UserError(f"«{pair}»: пишите КЛЮЧ=ЗНАЧЕНИЕ, например hours_from=09:00.")
                values[key.strip()] = calling.parse_setting(key.strip(), raw)
            calling.save_settings(s, **values)
            s.flush()
            calling.check_hours(calling.load_rules(s))
        elif args.calling_command == "day":
            calling.set_day(s, args.day, args.kind == "working", args.title)
        rules = calling.load_rules(s)
    weekend = ", ".join(str(d) for d in sorted(rules.weekend))
    print(
        f"Часы звонков (время клиента): {rules.hours_from:%H:%M}-{rules.hours_to:%H:%M}; "
        f"выходные дни недели: {weekend}; повторный звонок остаётся за оператором "
        f"{int(rules.recall_grace.total_seconds() // 60)} мин; захват работы "
        f"{int(rules.lease.total_seconds() // 60)} мин."
    )
    upcoming = sorted(d for d in rules.days if d >= date.today().replace(month=1, day=1))
    for day in upcoming:
        working, title = rules.days[day]
        kind = "рабочий" if working else "нерабочий"
        print(f"  {day:%d.%m.%Y}: {kind}" + (f" ({title})" if title else ""))
    return 0


def cmd_priz(args: argparse.Namespace, url: URL) -> int:
    from ric_desk.db import migrate
    from ric_desk.store import Store

    engine = _connect(url)
    migrate.require_current(engine)
    store = Store(engine, url)
    if args.priz_command == "refresh":
        return _priz_refresh(store, args.as_of or date.today())
    return _priz_assign(store, args, url)


def _priz_refresh(store: Store, today: date) -> int:
    import time

    from ric_desk.priz.refresh import refresh

    started = time.perf_counter()
    with store.session() as s:
        result = refresh(s, today)
    seconds = time.perf_counter() - started
    raised, retired = _thousands(result.raised), _thousands(result.retired)
    print(f"ПРИЗ на {today:%d.%m.%Y}: новых {raised}, снято {retired}")
    for rule in result.rules:
        print(f"  {rule.title}: новых {_thousands(rule.raised)}, снято {_thousands(rule.retired)}")
    print(f"Готово за {seconds:.1f} с.".replace(".", ",", 1))
    return 0


def _priz_assign(store: Store, args: argparse.Namespace, url: URL) -> int:
    from ric_desk.clients import lookups
    from ric_desk.clients.listing import ClientFilter
    from ric_desk.priz.tasks import assign_task, assign_task_matching

    with store.session() as s:
        author = lookups.employee_id(s, args.author) if args.author else None
        if args.author and author is None:
            raise UserError(f"Сотрудник с логином «{args.author}» не найден.")
        if author is None and url.username:
            author = lookups.employee_id(s, url.username)
        if args.client:
            if args.text or args.responsible or args.region or args.expired:
                raise UserError(
                    "Фильтр (--text, --responsible, --region, --expired) задаётся "
                    "только с --all-matching, а не с --client."
                )
            found = lookups.client_ids(s, args.client)
            count = assign_task(s, args.title, found.values(), author, args.comment)
        else:
            responsible = None
            if args.responsible:
                responsible = lookups.employee_id(s, args.responsible)
                if responsible is None:
                    raise UserError(f"Сотрудник с логином «{args.responsible}» не найден.")
            flt = ClientFilter(
                text=args.text,
                responsible_id=responsible,
                region_code=args.region,
                only_with_expired=args.expired,
            )
            count = assign_task_matching(s, args.title, flt, author, args.comment)
            if count == 0:
                raise UserError("Под фильтр не подошёл ни один клиент: задания не созданы.")
    print(f"Задание «{' '.join(args.title.split())}» дано клиентам: {_thousands(count)}.")
    return 0


def cmd_selftest(url: URL) -> int:
    """The installer's smoke test: database, schema, main window and a card, rendered offscreen."""
    from ric_desk.db import migrate
    from ric_desk.store import Store

    if not _has_display():
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    engine = _connect(url)
    migrate.upgrade(engine)
    migrate.require_current(engine)
    from ric_desk.ui.app import selftest

    checked = selftest(Store(engine, url))
    print(f"База: {config.describe_url(url)}, схема {migrate.current_revision(engine)}")
    print("Проверено: " + ", ".join(checked) + ".")
    return 0


def run(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    use_demo_file = args.demo or (args.command == "demo" and _demo_is_default(args))
    if args.demo and args.db:
        raise UserError(
            "--demo открывает отдельную демонстрационную базу: не указывайте вместе с --db."
        )
    url = config.resolve_db_url(args.db, demo=use_demo_file)
    if args.command == "db":
        return cmd_db(args, url)
    if args.command == "demo":
        return cmd_demo(args, url)
    if args.command == "summary":
        from ric_desk.db import migrate

        engine = _connect(url)
        migrate.require_current(engine)
        _print_summary(engine, url)
        return 0
    if args.command == "import":
        return cmd_import(args, url)
    if args.command == "export":
        return cmd_export(args, url)
    if args.command == "priz":
        return cmd_priz(args, url)
    if args.command == "calling":
        return cmd_calling(args, url)
    if args.command == "selftest":
        return cmd_selftest(url)
    return cmd_open(args, url)


def _database_message(exc: DBAPIError) -> str:
    detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    if exc.connection_invalidated or "connect" in detail.lower() or "password" in detail.lower():
        return f"Не удалось подключиться к базе данных: {detail}"
    return f"Ошибка базы данных: {detail}"


def main(argv: Sequence[str] | None = None) -> int:
    logging.basicConfig(level=logging.WARNING, format="%(levelname)s %(name)s: %(message)s")
    try:
        return run(argv)
    except UserError as exc:
        print(f"ric-desk: {exc.message}", file=sys.stderr)
        return 1
    except DBAPIError as exc:
        print(f"ric-desk: {_database_message(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nric-desk: прервано.", file=sys.stderr)
        return 130
    except Exception:
        log_file = config.data_dir() / "ric_desk-error.log"
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.FileHandler(log_file, encoding="utf-8")
        log.addHandler(handler)
        log.exception("unexpected error")
        print(
            f"ric-desk: внутренняя ошибка программы, подробности записаны в {log_file}. "
            "Пожалуйста, передайте этот файл разработчикам.",
            file=sys.stderr,
        )
        return 2


if __name__ == "__main__":
    raise SystemExit(main())
