"""Demo functional map: indicator values of clients and persons, and segment history."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

from ric_desk.demo import names
from ric_desk.demo.base import CHUNK, GeneratorBase
from ric_desk.models import IndicatorDef, PrizRuleKind, ValueType
from ric_desk.priz.items import COMPETITORS_INDICATOR

Maker = Callable[[int, int], str | None]  # (client id, person id or 0) -> a value, None: none


class FunctionalMapMaker(GeneratorBase):
    def _value_makers(self, defs: list[IndicatorDef]) -> list[Maker]:
        """One maker per indicator, fitting what it is: the client's own address, the names and
        phones of its head and chief accountant among its persons, sums as sums. An indicator
        the demo knows nothing about gets a value of its type, or none when it is free text."""
        r = self.rng.random

        def pick(options: list[str]) -> Maker:
            return lambda _cid, _pid: options[int(r() * len(options))]

        def name_part(index: int) -> Maker:
            return lambda _cid, pid: self.person_names[pid].split(" ")[index]

        def phones_of(pid: int) -> str | None:
            """Some of the person's own numbers, as the card stores them (digits, ", ")."""
            if not pid:
                return None
            phones = self.person_phones[pid]
            return ", ".join(phones if len(phones) == 1 or r() < 0.5 else phones[:1])

        def head(cid: int, _pid: int) -> str | None:
            return self.person_names[self.client_head[cid]]

        def accountant(cid: int, _pid: int) -> str | None:
            pid = self.client_accountant[cid]
            return self.person_names[pid] if pid else None

        debt_of = self._debts()
        scheme = pick(names.DECISION_SCHEMES)
        special: dict[str, Maker] = {
            "Наименование": lambda cid, _pid: self.client_name[cid],
            "ИНН": lambda cid, _pid: self.client_inn[cid],
            "Адрес фактический": lambda cid, _pid: self.client_address[cid],
            "Руководитель": head,
            "Телефоны руководителя": lambda cid, _pid: phones_of(self.client_head[cid]),
            "Главный бухгалтер": accountant,
            "Телефоны гл. бухгалтера": lambda cid, _pid: phones_of(self.client_accountant[cid]),
            "Праздники клиента": pick(names.CLIENT_HOLIDAYS),
            "Тип деятельности": pick(names.ACTIVITIES),
            "Конкуренты": pick(names.COMPETITORS),
            "Сумма долга": lambda cid, _pid: f"{debt_of(cid)[0]:,}".replace(",", " ") + " руб.",
            "Глубина долга": lambda cid, _pid: str(debt_of(cid)[1]),
            "Схема Принятия Решений": lambda cid, pid: (
                "Решает сам предприниматель" if self.client_owner[cid] else scheme(cid, pid)
            ),
            "Критерии выбора поставщика СПС": pick(names.SUPPLIER_CRITERIA),
            "Фамилия": name_part(0),
            "Имя": name_part(1),
            "Отчество": name_part(2),
            "Телефоны контактного лица": lambda _cid, pid: phones_of(pid),
            "Рубрики КЛ": lambda _cid, pid: self.person_interest[pid],
            "E-mail контактного лица": lambda _cid, pid: self.person_email[pid],
            "Дата рождения": lambda _cid, _pid: (
                self.as_of - timedelta(days=int(r() * 40 * 365) + 22 * 365)
            ).isoformat(),
        }

        def person(_cid: int, _pid: int) -> str:
            surname, first, patronymic, _f = self.person_name()
            return f"{surname} {first} {patronymic}"

        def phone(cid: int, _pid: int) -> str:
            return self.phone(self.client_region[cid], mobile=r() < 0.3)

        by_type: dict[ValueType, Maker] = {
            ValueType.PERSON: person,
            ValueType.PHONE: phone,
            ValueType.INTEGER: lambda _cid, _pid: str(int(r() * 8)),
            ValueType.DATE: lambda _cid, _pid: self.day(-int(r() * 400)),
            ValueType.TEXT: lambda _cid, _pid: None,  # free text: nothing the demo could know
        }
        makers: list[Maker] = []
        for d in defs:
            if d.name in special:
                makers.append(special[d.name])
            elif d.value_type == ValueType.CHOICE:
                makers.append(pick(d.choices) if d.choices else by_type[ValueType.TEXT])
            else:
                makers.append(by_type[ValueType(d.value_type)])
        return makers

    def _debts(self) -> Callable[[int], tuple[int, int]]:
        """Per client, drawn once: its debt in roubles and how many days it is overdue; a fifth
        of the clients owe something, the others nothing (0 and 0)."""
        r = self.rng.random
        drawn: dict[int, tuple[int, int]] = {}

        def debt_of(cid: int) -> tuple[int, int]:
            if cid not in drawn:
                drawn.clear()  # clients come one after another: only the current one is kept
                owes = r() < 0.2
                drawn[cid] = (500 * (1 + int(r() * 80)), 1 + int(r() * 120)) if owes else (0, 0)
            return drawn[cid]

        return debt_of

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
                if r() < 0.72 and (value := make(cid, 0)) is not None:
                    vid += 1
                    row = value_row(def_id, validity, value, (cid, None), kept)
                    rows.append(row)
                    expired = row[5] and row[7] is not None and row[7] < expired_before
                    if expired and def_id in active:
                        self.expired.append((cid, def_id))
                    if def_id == competitors_def:
                        self.competitors.append((cid, row[4]))
            first = self.first_person[cid]
            for pid in range(first, first + self.person_count[cid]):
                for (def_id, validity), make in zip(contact_defs, contact_makers, strict=True):
                    if r() < 0.57 and (value := make(cid, pid)) is not None:
                        vid += 1
                        rows.append(value_row(def_id, validity, value, (None, pid), kept))
            if len(rows) >= CHUNK:
                self.flush("indicator_value", cols, rows)
            self.advance("Показатели", cid)
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
            self.advance("Сегменты", cid)
        self.flush("client_segment", cols, rows)
