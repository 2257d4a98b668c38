"""Demo functional map: indicator values of clients and persons, and segment history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from ric_desk.demo import names
from ric_desk.demo.base import CHUNK, GeneratorBase
from ric_desk.models import IndicatorDef, PrizRuleKind, ValueType
from ric_desk.priz.items import COMPETITORS_INDICATOR
from ric_desk.validation import format_phone


class FunctionalMapMaker(GeneratorBase):
    def _value_makers(self, defs: list[IndicatorDef]) -> list[Callable[[int, int], str]]:
        """One maker per indicator: (client id, person id or 0) -> a plausible value."""
        r = self.rng.random

        def person(_cid: int, _pid: int) -> str:
            surname, first, patronymic, _f = self.person_name()
            return f"{surname} {first} {patronymic}"

        def phone(cid: int, _pid: int) -> str:
            return format_phone(self.phone(self.client_region[cid], mobile=r() < 0.3))

        def pick(options: list[str]) -> Callable[[int, int], str]:
            return lambda _cid, _pid: options[int(r() * len(options))]

        def name_part(index: int) -> Callable[[int, int], str]:
            return lambda _cid, pid: self.person_names[pid].split(" ")[index]

        special: dict[str, Callable[[int, int], str]] = {
            "Наименование": lambda cid, _pid: self.client_name[cid],
            "ИНН": lambda cid, _pid: self.client_inn[cid],
            "Тип деятельности": pick(names.ACTIVITIES),
            "Конкуренты": pick(names.COMPETITORS),
            "Фамилия": name_part(0),
            "Имя": name_part(1),
            "Отчество": name_part(2),
            "Рубрики КЛ": pick(self.d.interest_names),
            "E-mail контактного лица": lambda cid, pid: f"user{pid}@example-{cid}.ru",
            "Дата рождения": lambda _cid, _pid: (
                self.as_of - timedelta(days=int(r() * 40 * 365) + 22 * 365)
            ).isoformat(),
        }
        makers: list[Callable[[int, int], str]] = []
        for d in defs:
            if d.name in special:
                makers.append(special[d.name])
            elif d.value_type == ValueType.PERSON:
                makers.append(person)
            elif d.value_type == ValueType.PHONE:
                makers.append(phone)
            elif d.value_type == ValueType.INTEGER:
                makers.append(lambda _cid, _pid: str(int(r() * 8)))
            elif d.value_type == ValueType.DATE:
                makers.append(lambda _cid, _pid: self.day(-int(r() * 400)))
            elif d.value_type == ValueType.CHOICE and d.choices:
                makers.append(pick(d.choices))
            else:
                makers.append(pick(["Да", "Нет", "Уточнить у руководителя", "По согласованию"]))
        return makers

    def make_indicators(self) -> None:
        r = self.rng.random
        cols = (
            "id",
            "indicator_def_id",
            "client_id",
            "contact_person_id",
            "value",
            "is_actual",
            "verified_on",
            "valid_until",
            "verified_by_id",
            "created_at",
            "updated_at",
        )
        client_defs = [(d.id, d.validity_days) for d in self.d.client_defs]
        contact_defs = [(d.id, d.validity_days) for d in self.d.contact_defs]
        client_makers = self._value_makers(self.d.client_defs)
        contact_makers = self._value_makers(self.d.contact_defs)
        operators = self.operators
        n_ops = len(operators)
        rows: list[tuple[Any, ...]] = []
        vid = 0
        now = self.now
        days, d0 = self.days, self._day0

        def day(offset: int) -> str:  # verified -540..0 plus validity: within the calendar
            return days[offset + d0]

        def value_row(
            def_id: int,
            validity: int | None,
            value: str,
            owner: tuple[int | None, int | None],
            kept: bool,
        ) -> tuple[Any, ...]:
            if r() < 0.75:
                # a well-kept client's confirmations still hold; the others' are of any age
                span = min(validity, 540) if kept and validity else 540
                verified = -int(r() * span)
                until = None if validity is None else day(verified + validity)
                return (
                    vid,
                    def_id,
                    owner[0],
                    owner[1],
                    value,
                    1,
                    day(verified),
                    until,
                    operators[int(r() * n_ops)],
                    now,
                    now,
                )
            return (vid, def_id, owner[0], owner[1], value, 0, None, None, None, now, now)

        # for the ПРИЗ items: expired client indicators and the competitors named on the card
        self.expired: list[tuple[int, int]] = []  # (client, indicator)
        self.competitors: list[tuple[int, str]] = []  # (client, the "Конкуренты" value)
        expired_rule = self.d.rules.get(PrizRuleKind.INDICATOR_EXPIRED)
        expired_before = self.day(-expired_rule.days) if expired_rule else ""
        active = {d.id for d in self.d.client_defs if d.active}
        competitors_def = next(
            (d.id for d in self.d.client_defs if d.name == COMPETITORS_INDICATOR and d.active),
            None,
        )
        for cid in range(1, self.n + 1):
            kept = r() < 0.35
            for (def_id, validity), make in zip(client_defs, client_makers, strict=True):
                if r() < 0.72:
                    vid += 1
                    row = value_row(def_id, validity, make(cid, 0), (cid, None), kept)
                    rows.append(row)
                    expired = row[5] and row[7] is not None and row[7] < expired_before
                    if expired and def_id in active:
                        self.expired.append((cid, def_id))
                    if def_id == competitors_def:
                        self.competitors.append((cid, row[4]))
            first = self.first_person[cid]
            for pid in range(first, first + self.person_count[cid]):
                for (def_id, validity), make in zip(contact_defs, contact_makers, strict=True):
                    if r() < 0.57:
                        vid += 1
                        rows.append(value_row(def_id, validity, make(cid, pid), (None, pid), kept))
            if len(rows) >= CHUNK:
                self.flush("indicator_value", cols, rows)
                self.step("Показатели", cid / self.n)
        self.flush("indicator_value", cols, rows)

    def make_segments(self) -> None:
        r = self.rng.random
        cols = (
            "id",
            "client_id",
            "segment_type_id",
            "segment_value_id",
            "entered_on",
            "left_on",
            "set_by_id",
        )
        rows: list[tuple[Any, ...]] = []
        sid = 0
        types = self.d.segment_types
        for cid in range(1, self.n + 1):
            for type_id, values in types:
                if r() >= 0.4:
                    continue
                entered = -int(r() * 2500)
                if r() < 0.25 and entered < -30:
                    earlier = entered - 1 - int(r() * 700)
                    sid += 1
                    rows.append(
                        (
                            sid,
                            cid,
                            type_id,
                            values[int(r() * len(values))],
                            self.day(earlier),
                            self.day(entered),
                            None,
                        )
                    )
                sid += 1
                rows.append(
                    (
                        sid,
                        cid,
                        type_id,
                        values[int(r() * len(values))],
                        self.day(entered),
                        None,
                        self.client_responsible[cid],
                    )
                )
            if len(rows) >= CHUNK:
                self.flush("client_segment", cols, rows)
                self.step("Сегменты", cid / self.n)
        self.flush("client_segment", cols, rows)
