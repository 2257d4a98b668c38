"""The client list to Excel, written page by page so a big list never sits in memory whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ric_desk.clients import listing
from ric_desk.clients.listing import ClientFilter, SortKey
from ric_desk.store import Store

CLIENT_HEADERS = [
    "Рег. номер",
    "Наименование",
    "ИНН",
    "КПП",
    "Регион",
    "Ответственный",
    "Группа статуса",
]


def export_clients(
    store: Store,
    f: ClientFilter,
    target: Path,
    *,
    sort: SortKey = SortKey.NAME,
    descending: bool = False,
    progress: Callable[[int, int], None] | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> int:
    """Write the filtered, sorted client list to an .xlsx file; returns the number of rows.

    The file appears only when complete: a cancelled or failed export leaves nothing behind.
    """
    from openpyxl import Workbook

    with store.session() as s:
        total = listing.count(s, f)
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Клиенты")
    sheet.append(CLIENT_HEADERS)
    written = 0
    while written < total:
        if cancelled is not None and cancelled():
            return -1
        with store.session() as s:
            page = listing.fetch_page(
                s, f, sort=sort, descending=descending, offset=written, limit=2000
            )
        if not page:
            break
        for row in page:
            sheet.append(
                [
                    row.reg_number,
                    row.name,
                    row.inn,
                    row.kpp,
                    row.region,
                    row.responsible,
                    row.status_group,
                ]
            )
        written += len(page)
        if progress is not None:
            progress(written, total)
    partial = target.with_name(target.name + ".part")
    workbook.save(partial)
    partial.replace(target)
    return written
