"""What a report asks for: period, dimensions of rows and columns, measures and filters."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from ric_desk.reports.errors import ReportError
from ric_desk.reports.names import SEED_MEASURES, check_names


@dataclass(frozen=True)
class Filters:
    """Narrow the facts; an empty set means no restriction on that dimension. Segment values
    are ids of `segment_value`: a contact passes when its client had one of them on its day
    (values of different segment types must all match)."""

    operator_ids: frozenset[int] = frozenset()
    direction_ids: frozenset[int] = frozenset()
    campaign_ids: frozenset[int] = frozenset()
    stage_ids: frozenset[int] = frozenset()
    region_codes: frozenset[str] = frozenset()
    segment_value_ids: frozenset[int] = frozenset()

    def to_json(self) -> dict[str, list[Any]]:
        return {
            f.name: sorted(getattr(self, f.name)) for f in fields(self) if getattr(self, f.name)
        }

    @classmethod
    def from_json(cls, raw: Any) -> Filters:
        if not isinstance(raw, dict):
            return cls()
        values: dict[str, frozenset[Any]] = {}
        for f in fields(cls):
            items = raw.get(f.name) or []
            if not isinstance(items, list):
                raise ReportError(f"Фильтр {f.name} записан не списком.")
            kind = str if f.name == "region_codes" else int
            if not all(isinstance(v, kind) and not isinstance(v, bool) for v in items):
                raise ReportError(f"В фильтре {f.name} значения не того вида.")
            values[f.name] = frozenset(items)
        return cls(**values)


@dataclass(frozen=True)
class ReportSpec:
    """A report's layout. `collapsed_from`: the row level from which groups start collapsed
    ("свернуть с разреза"); None shows every level open."""

    rows: tuple[str, ...]
    cols: tuple[str, ...] = ()
    measures: tuple[str, ...] = SEED_MEASURES
    filters: Filters = field(default_factory=Filters)
    collapsed_from: int | None = None

    def check(self, segment_types: list[str] | None = None) -> None:
        check_names(self.rows, self.cols, self.measures, segment_types)

    def segment_types(self) -> set[str]:
        from ric_desk.reports.names import segment_type

        return {s for d in (*self.rows, *self.cols) if (s := segment_type(d)) is not None}

    def with_(self, **changes: Any) -> ReportSpec:
        return replace(self, **changes)

    def to_json(self) -> dict[str, Any]:
        return {
            "rows": list(self.rows),
            "cols": list(self.cols),
            "measures": list(self.measures),
            "filters": self.filters.to_json(),
            "collapsed_from": self.collapsed_from,
        }

    @classmethod
    def from_json(cls, raw: Any) -> ReportSpec:
        """A saved configuration back; a broken one is refused in words."""
        if not isinstance(raw, dict):
            raise ReportError("Настройка отчёта повреждена.")

        def names(key: str, default: tuple[str, ...]) -> tuple[str, ...]:
            value = raw.get(key)
            if value is None:
                return default
            if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
                raise ReportError("Настройка отчёта повреждена.")
            return tuple(value)

        collapsed = raw.get("collapsed_from")
        if collapsed is not None and (not isinstance(collapsed, int) or collapsed < 0):
            raise ReportError("Настройка отчёта повреждена.")
        spec = cls(
            rows=names("rows", ()),
            cols=names("cols", ()),
            measures=names("measures", SEED_MEASURES),
            filters=Filters.from_json(raw.get("filters")),
            collapsed_from=collapsed,
        )
        spec.check()
        return spec


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ReportError(
                f"Конец периода {self.end:%d.%m.%Y} раньше его начала {self.start:%d.%m.%Y}."
            )

    def title(self) -> str:
        return f"{self.start:%d.%m.%Y} – {self.end:%d.%m.%Y}"
