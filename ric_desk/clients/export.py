"""The client list to Excel, written page by page so a big list never sits in memory whole."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from ric_desk.clients import listing
from ric_desk.clients.listing import ClientFilter, ClientRow, SortKey
from ric_desk.export_xlsx import Column, Kind, XlsxSheet
from ric_desk.store import Store

CLIENT_COLUMNS = [
    Column("Рег. номер", Kind.NUMBER),
    Column("Наименование"),
    Column("ИНН"),
    Column("КПП"),
    Column("Регион"),
    Column("Ответственный"),
    Column("Группа статуса"),
]
CLIENT_HEADERS = [c.title for c in CLIENT_COLUMNS]
PAGE = 2000


def _values(row: ClientRow) -> list[object]:
    return [
        row.reg_number,
        row.name,
        row.inn,
        row.kpp,
        row.region,
        row.responsible,
        row.status_group,
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
    """Write the filtered, sorted client list to an .xlsx file; returns the number of rows
    (-1 when cancelled).

    The file appears only when complete: a cancelled or failed export leaves nothing behind.
    The screen's export and `ric-desk export clients` both write through here.
    """
    with store.session() as s:
        total = listing.count(s, f)
        page = listing.fetch_page(s, f, sort=sort, descending=descending, offset=0, limit=PAGE)
    # the first page sizes the columns (write-only sheets need widths before the rows)
    sheet = XlsxSheet(target, "Клиенты", CLIENT_COLUMNS, [_values(r) for r in page])
    try:
        written = 0
        while page:
            for row in page:
                sheet.append(_values(row))
            written += len(page)
            if progress is not None:
                progress(written, total)
            if written >= total:
                break
            if cancelled is not None and cancelled():
                sheet.discard()
                return -1
            with store.session() as s:
                page = listing.fetch_page(
                    s, f, sort=sort, descending=descending, offset=written, limit=PAGE
                )
    except BaseException:
        sheet.discard()
        raise
    return sheet.save()
