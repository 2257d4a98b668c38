"""The command line (DESIGN.md §7): the same core the workstation uses, for admins and scripts.

Exit status: 0 on success, 1 on a user error (one line on stderr), 2 on a bug (logged).
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from datetime import date, datetime
from pathlib import Path
from typing import NoReturn

from sqlalchemy.exc import DBAPIError

from ric_desk import __version__, config
from ric_desk.cli.calling import cmd_calling
from ric_desk.cli.common import demo_is_default, makes_database, require_database
from ric_desk.cli.data import cmd_export, cmd_import
from ric_desk.cli.db import cmd_db, cmd_summary
from ric_desk.cli.demo import cmd_demo
from ric_desk.cli.priz import cmd_priz
from ric_desk.cli.qc import add_parser as add_qc_parser
from ric_desk.cli.qc import cmd_qc
from ric_desk.cli.report import cmd_report
from ric_desk.cli.russian import russian_argparse
from ric_desk.cli.staff import cmd_staff
from ric_desk.cli.works import cmd_works
from ric_desk.cli.workstation import cmd_open, cmd_selftest
from ric_desk.db.errors import translate
from ric_desk.errors import NoConnection, UserError
from ric_desk.logs import log_unexpected, setup_terminal_logging

log = logging.getLogger("ric_desk")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        raise UserError(f"{message} (см. «{self.prog} --help»)")


def _date(raw: str) -> date:
    for fmt in ("%d.%m.%Y", "%Y-%m-%d"):
        try:
            return datetime.strptime(raw, fmt).date()
        except ValueError:
            pass
    raise argparse.ArgumentTypeError(f"дата «{raw}» не распознана: нужен формат ДД.ММ.ГГГГ")


INT_MAX = 2**31 - 1  # the database's plain integer column
REG_NUMBER_MAX = 10**15 - 1  # as the import takes it: far beyond any RIC's numbering


def _whole(raw: str, limit: int) -> int:
    """A whole number typed in ASCII digits, 1..limit; in words otherwise."""
    text = raw.strip()
    shown = text if len(text) <= 30 else text[:29] + "…"
    if not (text.isascii() and text.removeprefix("-").isdigit()):
        raise argparse.ArgumentTypeError(f"«{shown}» не целое число")
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"нужно число больше нуля, а не {value}")
    if value > limit:
        raise argparse.ArgumentTypeError(f"число {shown} слишком велико (не больше {limit})")
    return value


def _positive(raw: str) -> int:
    return _whole(raw, INT_MAX)


def _reg_number(raw: str) -> int:
    return _whole(raw, REG_NUMBER_MAX)


def _choose_clients(command: argparse.ArgumentParser, what: str) -> None:
    """Whom a command gives `what`: clients by registration number, or all that the client
    list's filter finds."""
    whom = command.add_mutually_exclusive_group(required=True)
    whom.add_argument(
        "--client",
        type=_reg_number,
        action="append",
        metavar="РЕГ_НОМЕР",
        help="рег. номер клиента (можно несколько раз)",
    )
    whom.add_argument(
        "--all-matching",
        action="store_true",
        help=f"{what} всем клиентам, подходящим под фильтр ниже (без фильтра: всем)",
    )
    _client_filter(command.add_argument_group("фильтр для --all-matching (как в списке клиентов)"))


def _client_filter(matching: argparse._ArgumentGroup) -> None:
    """The client list's filter: --text, --responsible, --region, --expired."""
    matching.add_argument(
        "--text", default="", metavar="ТЕКСТ", help="рег. номер, ИНН, часть названия, телефон"
    )
    matching.add_argument("--responsible", metavar="ЛОГИН", help="ответственный сотрудник")
    matching.add_argument("--region", metavar="КОД", help="код региона, например 60")
    matching.add_argument(
        "--expired", action="store_true", help="только с просроченными показателями"
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="ric-desk",
        description="ric_desk: рабочее место отдела дистанционного сервиса РИЦ.",
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"ric-desk {__version__}",
        help="показать версию программы и выйти",
    )
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
    backup = db_commands.add_parser("backup", help="сохранить резервную копию в ФАЙЛ")
    backup.add_argument("file", type=Path, metavar="ФАЙЛ")
    restore = db_commands.add_parser("restore", help="восстановить базу из копии ФАЙЛ")
    restore.add_argument("file", type=Path, metavar="ФАЙЛ")
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
    import_clients.add_argument("file", type=Path, metavar="ФАЙЛ")
    import_script = import_commands.add_parser(
        "script", help="скрипт разговора из .docx (следующей версией, если такой уже есть)"
    )
    import_script.add_argument("file", type=Path, metavar="ФАЙЛ.docx")
    import_script.add_argument(
        "--name",
        metavar="НАЗВАНИЕ",
        help="название скрипта (иначе записанное при выгрузке, иначе заголовок документа)",
    )
    import_script.add_argument(
        "--stage", type=_positive, metavar="N", help="этап работы с клиентом (1-7)"
    )

    import_checklist = import_commands.add_parser(
        "checklist",
        help="чек-листы из .xlsx, лист на чек-лист (изменённые — следующей версией)",
    )
    import_checklist.add_argument("file", type=Path, metavar="ФАЙЛ.xlsx")

    exporting = commands.add_parser("export", help="сохранить данные в файл")
    export_commands = exporting.add_subparsers(
        dest="export_command", metavar="ЧТО", required=True, parser_class=_Parser
    )
    export_clients = export_commands.add_parser(
        "clients", help="список клиентов в .xlsx, как выгружает его экран (фильтр ниже)"
    )
    export_clients.add_argument("file", type=Path, metavar="ФАЙЛ.xlsx")
    _client_filter(export_clients.add_argument_group("фильтр (как в списке клиентов)"))
    export_script = export_commands.add_parser(
        "script", help="последнюю версию скрипта разговора в .docx"
    )
    export_script.add_argument("name", metavar="НАЗВАНИЕ")
    export_script.add_argument("file", type=Path, metavar="ФАЙЛ.docx")
    export_checklist = export_commands.add_parser(
        "checklist", help="последнюю версию чек-листа в .xlsx (по названию или имени листа)"
    )
    export_checklist.add_argument("name", metavar="НАЗВАНИЕ")
    export_checklist.add_argument("file", type=Path, metavar="ФАЙЛ.xlsx")

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
    _choose_clients(assign, "задание")
    assign.add_argument("--comment", metavar="ТЕКСТ", help="комментарий к заданию")
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

    works = commands.add_parser("works", help="работы с клиентами: планирование")
    works_commands = works.add_subparsers(
        dest="works_command", metavar="ДЕЙСТВИЕ", required=True, parser_class=_Parser
    )
    plan = works_commands.add_parser(
        "plan",
        help="запланировать по работе клиентам: по рег. номерам или всем подходящим под фильтр",
    )
    plan.add_argument("--stage", type=_positive, required=True, metavar="N", help="этап (1-7)")
    plan.add_argument("--goal", metavar="ЦЕЛЬ", help="цель работы (иначе цель этапа)")
    plan.add_argument("--direction", metavar="НАЗВАНИЕ", help="направление (иначе первое)")
    plan.add_argument("--campaign", metavar="НАЗВАНИЕ", help="кампания")
    _choose_clients(plan, "работу")
    plan_who = plan.add_mutually_exclusive_group()
    plan_who.add_argument(
        "--executor",
        action="append",
        metavar="ЛОГИН",
        help="исполнитель; несколько — по очереди (иначе общая очередь команды)",
    )
    plan_who.add_argument(
        "--to-responsible",
        action="store_true",
        help="ответственному за клиента (у кого его нет — в общую очередь)",
    )
    plan.add_argument(
        "--from",
        dest="first_day",
        type=_date,
        metavar="ДАТА",
        help="первый день (ДД.ММ.ГГГГ, иначе сегодня)",
    )
    plan.add_argument(
        "--days", type=_positive, default=1, metavar="N", help="распределить на N рабочих дней"
    )
    plan.add_argument(
        "--again",
        action="store_true",
        help="и тем, у кого уже есть открытая работа этого этапа",
    )
    plan.add_argument(
        "--author", metavar="ЛОГИН", help="кто планирует (иначе пользователь базы, если есть)"
    )

    report = commands.add_parser("report", help="отчёты")
    report_commands = report.add_subparsers(
        dest="report_command", metavar="ОТЧЁТ", required=True, parser_class=_Parser
    )
    contacts = report_commands.add_parser(
        "contacts",
        help="отчёт по контактам с клиентами: контакты периода по дате, работы по их контактам",
    )
    contacts.add_argument(
        "--rows",
        metavar="РАЗРЕЗ[,РАЗРЕЗ...]",
        help="разрезы строк, например operator,reason (список: «report dims»)",
    )
    contacts.add_argument(
        "--cols", metavar="РАЗРЕЗ[,РАЗРЕЗ...]", help="разрезы колонок, например month"
    )
    contacts.add_argument(
        "--measures",
        metavar="ПОКАЗАТЕЛЬ[,...]",
        help="показатели (иначе все или из настройки), например works (список: «report measures»)",
    )
    contacts.add_argument(
        "--from",
        dest="period_from",
        type=_date,
        required=True,
        metavar="ДАТА",
        help="начало периода",
    )
    contacts.add_argument(
        "--to", dest="period_to", type=_date, required=True, metavar="ДАТА", help="конец периода"
    )
    contacts.add_argument(
        "--operator",
        action="append",
        metavar="ЛОГИН",
        help="только контакты этих специалистов (можно несколько раз)",
    )
    contacts.add_argument(
        "--config",
        metavar="НАЗВАНИЕ",
        help="сохранённая настройка отчёта; --rows, --cols, --measures заменяют её",
    )
    contacts.add_argument(
        "--author",
        metavar="ЛОГИН",
        help="от чьего имени: чьи контакты видны и чьи настройки "
        "(иначе сотрудник с логином пользователя базы, если есть)",
    )
    contacts.add_argument(
        "--out",
        required=True,
        metavar="ФАЙЛ.xlsx|ФАЙЛ.csv|-",
        help="куда сохранить отчёт; «-»: CSV в стандартный вывод",
    )
    report_commands.add_parser("dims", help="разрезы, которые принимает отчёт (имя и название)")
    report_commands.add_parser("measures", help="показатели отчёта (имя и название)")

    add_qc_parser(commands, _Parser, _date, _positive)

    staff = commands.add_parser("staff", help="сотрудники и их группы")
    staff_commands = staff.add_subparsers(
        dest="staff_command", metavar="ДЕЙСТВИЕ", parser_class=_Parser
    )
    staff_commands.add_parser("list", help="сотрудники с ролями и руководителями групп")
    group = staff_commands.add_parser(
        "group", help="включить сотрудника в группу руководителя или вывести из групп"
    )
    group.add_argument("login", metavar="ЛОГИН", help="логин сотрудника")
    chief = group.add_mutually_exclusive_group(required=True)
    chief.add_argument("--supervisor", metavar="ЛОГИН", help="логин руководителя группы")
    chief.add_argument("--none", dest="no_group", action="store_true", help="вне групп")

    commands.add_parser("summary", help="что хранится в базе")
    commands.add_parser(
        "selftest", help="проверить базу и отрисовать главное окно и карточку без экрана"
    )
    return parser


def parse(argv: Sequence[str] | None = None) -> argparse.Namespace:
    """The command line, read by a parser that speaks Russian (help and errors alike)."""
    with russian_argparse():
        return build_parser().parse_args(argv)


def run(argv: Sequence[str] | None = None) -> int:
    args = parse(argv)
    use_demo_file = args.demo or (args.command == "demo" and demo_is_default(args))
    if args.demo and args.db:
        raise UserError(
            "--demo открывает отдельную демонстрационную базу: не указывайте вместе с --db."
        )
    url = config.resolve_db_url(args.db, demo=use_demo_file)
    if not makes_database(args):
        require_database(url, args)
    if args.command == "db":
        return cmd_db(args, url)
    if args.command == "demo":
        return cmd_demo(args, url)
    if args.command == "summary":
        return cmd_summary(url)
    if args.command == "import":
        return cmd_import(args, url)
    if args.command == "export":
        return cmd_export(args, url)
    if args.command == "priz":
        return cmd_priz(args, url)
    if args.command == "calling":
        return cmd_calling(args, url)
    if args.command == "works":
        return cmd_works(args, url)
    if args.command == "report":
        return cmd_report(args, url)
    if args.command == "qc":
        return cmd_qc(args, url)
    if args.command == "staff":
        return cmd_staff(args, url)
    if args.command == "selftest":
        return cmd_selftest(url)
    return cmd_open(args, url)


def _database_message(exc: DBAPIError) -> str:
    """A database error the user can act on (by its type and SQLSTATE), with the server's words."""
    detail = str(exc.orig).strip().splitlines()[0] if exc.orig else str(exc)
    typed = translate(exc)
    if isinstance(typed, NoConnection):
        return f"Не удалось подключиться к базе данных: {detail}"
    if isinstance(typed, UserError):
        return typed.message
    return f"Ошибка базы данных: {detail}"


def main(argv: Sequence[str] | None = None) -> int:
    setup_terminal_logging()
    try:
        return run(argv)
    except UserError as exc:
        print(f"ric-desk: {exc.line}", file=sys.stderr)
        return 1
    except DBAPIError as exc:
        print(f"ric-desk: {_database_message(exc)}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nric-desk: прервано.", file=sys.stderr)
        return 130
    except Exception as exc:
        log_file = log_unexpected(exc)
        print(
            f"ric-desk: внутренняя ошибка программы, подробности записаны в {log_file}. "
            "Пожалуйста, передайте этот файл разработчикам.",
            file=sys.stderr,
        )
        return 2
