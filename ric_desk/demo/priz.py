"""Demo ПРИЗ items: those the rules raise from the demo data, competitors and tasks."""

from __future__ import annotations

from typing import Any

from ric_desk.demo import names
from ric_desk.demo.base import CHUNK, GeneratorBase
from ric_desk.models import PrizRuleKind
from ric_desk.priz.items import competitor_names
from ric_desk.priz.rules import TITLE_LENGTH


class PrizMaker(GeneratorBase):
    def make_priz(self) -> None:
        """The items the rules of `ric_desk.priz` raise from this data, with the same source keys
        and titles (a refresh right after the demo changes nothing: tests/test_priz.py), the
        competitors named on the card, and tasks."""
        r = self.rng.random
        cols = (
            "id",
            "client_id",
            "kind",
            "title",
            "state",
            "worked_on",
            "done",
            "unplanned",
            "comment",
            "result",
            "rule_id",
            "source_key",
            "author_id",
            "created_at",
            "updated_at",
        )
        now = self.now
        rules = self.d.rules
        names_by_id = {d.id: d.name for d in self.d.client_defs}

        def ru(iso_day: str) -> str:  # as the rules' titles show a day: dd.mm.yyyy
            return f"{iso_day[8:10]}.{iso_day[5:7]}.{iso_day[:4]}"

        raised: dict[int, list[tuple[int, str, str]]] = {}  # client -> (rule, key, title)

        def add(kind: PrizRuleKind, cid: int, key: str, detail: str) -> None:
            rule = rules.get(kind)
            if rule is not None:
                title = f"{rule.title}: {detail}"[:TITLE_LENGTH]
                raised.setdefault(cid, []).append((rule.id, key, title))

        delay = rules.get(PrizRuleKind.PAYMENT_DELAY)
        for cid, number, late in self.overdue:
            if delay is not None and late > delay.days:
                add(PrizRuleKind.PAYMENT_DELAY, cid, number, f"счет {number}")
        for cid, def_id in self.expired:
            add(PrizRuleKind.INDICATOR_EXPIRED, cid, str(def_id), names_by_id[def_id])
        for cid, promise_id, promised in self.broken_promise:
            detail = f"оплата обещана на {ru(self.day(promised))}"
            add(PrizRuleKind.PROMISE_BROKEN, cid, str(promise_id), detail)
        for cid, ends in self.service_ends:
            add(PrizRuleKind.SERVICE_ENDS, cid, ends, ru(ends))
        named = {cid: competitor_names(value) for cid, value in self.competitors}

        def open_item(
            iid: int, cid: int, kind: str, title: str, rule_id: int | None, key: str
        ) -> tuple[Any, ...]:
            return (
                iid,
                cid,
                kind,
                title,
                "open",
                0,
                0,
                0,
                None,
                None,
                rule_id,
                key,
                None,
                now,
                now,
            )

        rows: list[tuple[Any, ...]] = []
        iid = 0
        for cid in range(1, self.n + 1):
            for rule_id, key, title in sorted(raised.get(cid, ())):
                iid += 1
                rows.append(open_item(iid, cid, "dynamic", title, rule_id, key))
            for _ in range(int(r() * 2.5)):
                iid += 1
                done = r() < 0.3
                rows.append(
                    (
                        iid,
                        cid,
                        "task",
                        names.TASK_TITLES[int(r() * len(names.TASK_TITLES))],
                        "done" if done else "open",
                        int(done),
                        int(done),
                        0,
                        None,
                        "Выполнено" if done else None,
                        None,
                        None,
                        self.supervisors[0],
                        now,
                        now,
                    )
                )
            for key, name in named.get(cid, {}).items():
                iid += 1
                rows.append(open_item(iid, cid, "competitor", name, None, key))
            if len(rows) >= CHUNK:
                self.flush("priz_item", cols, rows)
            self.advance("ПРИЗ", cid)
        self.flush("priz_item", cols, rows)
