"""`ric-desk qc results|review`: quality control's analytics and one review, to files.

`qc results` writes the period's analytics tables (by operator, stage, month, criteria, the
reviews counted) to an .xlsx; `qc review` one review with its call and marks to a .docx. Both
read as `--author` (else the employee with the database user's login, else a director would):
an operator gets their own published reviews only.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

from sqlalchemy.engine import URL

from ric_desk.cli.common import acting, current_store
from ric_desk.cli.report import EVERYONE
from ric_desk.errors import UserError


def cmd_results(args: argparse.Namespace, url: URL) -> int:
    from ric_desk.checklists import analytics
    from ric_desk.checklists.analytics_export import write_results_xlsx
    from ric_desk.clients import lookups
    from ric_desk.export_xlsx import check_target

    target = Path(args.out)
    flt = analytics.Filter(args.period_from, args.period_to, targeted=args.targeted)
    check_target(target)  # before connecting: a bad name needs no database
    with current_store(url).session(read_only=True) as s:
        actor = acting(s, args.author, url) or EVERYONE
        if args.operator:
            operator_id = lookups.employee_id(s, args.operator)
            if operator_id is None:
                raise UserError(f"Сотрудник с логином «{args.operator}» не найден (--operator).")
            flt = analytics.Filter(flt.start, flt.end, operator_id, flt.targeted)
        results = analytics.results(s, actor, flt)
    count = write_results_xlsx(results, target)
    print(f"Оценок в расчёте: {count}; сохранено в {target}.")
    return 0


def cmd_review(args: argparse.Namespace, url: URL) -> int:
    from ric_desk.checklists.analytics_export import (
        check_docx_target,
        review_paper,
        write_review_docx,
    )

    target = Path(args.out)
    check_docx_target(target)
    with current_store(url).session(read_only=True) as s:
        actor = acting(s, args.author, url) or EVERYONE
        paper = review_paper(s, actor, args.id)
    write_review_docx(paper, target)
    print(f"Оценка № {args.id} сохранена в {target}.")
    return 0


def cmd_qc(args: argparse.Namespace, url: URL) -> int:
    if args.qc_command == "review":
        return cmd_review(args, url)
    return cmd_results(args, url)


def add_parser(
    commands: Any,  # argparse's _SubParsersAction of ric-desk's own parser class
    parser_class: type[argparse.ArgumentParser],
    day: Callable[[str], date],
    positive: Callable[[str], int],
) -> None:
    """The `qc` command and its two actions."""
    qc = commands.add_parser("qc", help="контроль качества: результаты и оценки в файлы")
    actions = qc.add_subparsers(
        dest="qc_command", metavar="ДЕЙСТВИЕ", required=True, parser_class=parser_class
    )
    results = actions.add_parser(
        "results",
        help="результаты прослушки за период в .xlsx: по операторам, этапам, месяцам, критериям",
    )
    results.add_argument(
        "--from", dest="period_from", type=day, required=True, metavar="ДАТА",
        help="начало периода (дата звонка, ДД.ММ.ГГГГ)",
    )  # fmt: skip
    results.add_argument(
        "--to", dest="period_to", type=day, required=True, metavar="ДАТА",
        help="конец периода (включительно)",
    )  # fmt: skip
    results.add_argument("--operator", metavar="ЛОГИН", help="только оценки этого оператора")
    results.add_argument(
        "--targeted", action="store_true", help="учитывать и целевые прослушки (не только выборку)"
    )
    results.add_argument("--out", required=True, metavar="ФАЙЛ.xlsx", help="куда сохранить")
    review = actions.add_parser("review", help="одну оценку звонка в .docx")
    review.add_argument("id", type=positive, metavar="НОМЕР", help="номер оценки")
    review.add_argument("--out", required=True, metavar="ФАЙЛ.docx", help="куда сохранить")
    for action in (results, review):
        action.add_argument(
            "--author",
            metavar="ЛОГИН",
            help="от чьего имени (оператор видит только свои оценки; иначе сотрудник с "
            "логином пользователя базы, если есть)",
        )
