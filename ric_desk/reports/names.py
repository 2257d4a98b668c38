"""The report's stable names (for scripts) with their Russian titles (for the screen and .xlsx).

Dimensions group the contacts; `segment:<segment type>` is the client's value of that segment
type on the contact's day. Measures are what a group shows.
"""

from __future__ import annotations

from ric_desk.reports.errors import ReportError

DIMENSIONS: dict[str, str] = {
    "operator": "Специалист",
    "reason": "Причина/результат действия",
    "reason_group": "Группа причин",
    "stage": "Этап",
    "direction": "Направление",
    "campaign": "Кампания",
    "client": "Клиент",
    "responsible": "Ответственный",
    "region": "Регион",
    "status_group": "Группа статуса",
    "method": "Способ контакта",
    "successful": "Успешность",
    "incoming": "Входящий / исходящий",
    "day": "День",
    "week": "Неделя",
    "month": "Месяц",
    "quarter": "Квартал",
    "year": "Год",
}
SEGMENT_PREFIX = "segment:"
TIME_DIMENSIONS = ("day", "week", "month", "quarter", "year")

MEASURES: dict[str, str] = {
    "works": "Работ",
    "assignments": "Поручений",
    "planned_instruments": "Запланировано инструментов в поручениях",
    "used_instruments": "Использовано инструментов в поручениях",
    "used_instruments_in_works": "Использовано инструментов в работах",
    "deviation": "Отклонение (план − факт)",
    "clients": "Клиентов",
    "contacts": "Контактов",
    "successful": "Успешных контактов",
    "successful_share": "Доля успешных",
    "duration": "Длительность",
    "avg_duration": "Средняя длительность",
    "priz_worked": "Проработано пунктов ПРИЗ",
    "qc_reviews": "Оценок КК",
    "qc_avg_score": "Средний балл КК",
    "qc_pass_rate": "Доля прошедших КК",
    "qc_critical_rate": "Доля критичных ошибок КК",
}
# the quality control's measures: its published sample reviews of the contacts (issue 12), read
# only when a report asks for one of them (`service._quality`)
QC_MEASURES = frozenset({"qc_reviews", "qc_avg_score", "qc_pass_rate", "qc_critical_rate"})
# the per-contact columns they are counted from
QC_COLUMNS = ("qc_reviewed", "qc_scored", "qc_score_milli", "qc_passed", "qc_critical")
# measures that are a share (shown in %), and those that are a ratio of a group's own sums (none
# where nothing is counted)
SHARES = frozenset({"successful_share", "qc_avg_score", "qc_pass_rate", "qc_critical_rate"})
RATIOS = SHARES | {"avg_duration"}
# measures counted as distinct things over a group (never summed from its children)
DISTINCT = frozenset(
    {"works", "clients", "assignments", "planned_instruments", "deviation", "priz_worked"}
)
# the seed's seven (seed 002, "ОТЧЕТ ПО КОНТАКТАМ С КЛИЕНТАМИ ПИР (OLAP)")
SEED_MEASURES = (
    "works",
    "assignments",
    "planned_instruments",
    "used_instruments",
    "used_instruments_in_works",
    "deviation",
    "clients",
)
# how the report counts, for the README and the screen's tooltip
RULE = (
    "Отчёт считает то, что было в периоде: контакты — по их дате, работы — по контактам, "
    "которые у них были в периоде. Клиенты, работы и поручения группы считаются без повторов "
    "внутри самой группы (итог не равен сумме строк); инструменты и длительность складываются; "
    "доли и средние считаются заново для каждой группы. Показатели контроля качества — по "
    "опубликованным оценкам звонков выборки (без калибровочных и целевых); средний балл и доли "
    "считаются по оценённым звонкам."
)


def segment_type(dimension: str) -> str | None:
    """The segment type's name of a `segment:<name>` dimension, else None."""
    if dimension.startswith(SEGMENT_PREFIX):
        return dimension[len(SEGMENT_PREFIX) :].strip()
    return None


def dimension_title(dimension: str) -> str:
    segment = segment_type(dimension)
    return segment if segment is not None else DIMENSIONS[dimension]


def check_names(
    rows: list[str] | tuple[str, ...],
    cols: list[str] | tuple[str, ...],
    measures: list[str] | tuple[str, ...],
    segment_types: list[str] | None = None,
) -> None:
    """Refuse unknown or repeated names in words. `segment_types`, when given, are the segment
    types the database has."""
    dims = [*rows, *cols]
    unknown = [
        d
        for d in dims
        if d not in DIMENSIONS
        and not (segment_type(d) and (segment_types is None or segment_type(d) in segment_types))
    ]
    if unknown:
        allowed = [*DIMENSIONS, *(f"{SEGMENT_PREFIX}{s}" for s in segment_types or ["<тип>"])]
        raise ReportError(
            f"Неизвестный разрез: {', '.join(unknown)}; допустимые: {', '.join(allowed)}."
        )
    if len(set(dims)) != len(dims):
        raise ReportError("Разрез указан дважды.")
    unknown = [m for m in measures if m not in MEASURES]
    if unknown:
        raise ReportError(
            f"Неизвестный показатель: {', '.join(unknown)}; допустимые: {', '.join(MEASURES)}."
        )
    if not measures:
        raise ReportError("Не выбран ни один показатель.")
