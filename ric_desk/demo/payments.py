"""Demo invoices, payments and payment promises."""

from __future__ import annotations

from typing import Any

from ric_desk.demo.base import CHUNK, GeneratorBase


class PaymentMaker(GeneratorBase):
    def make_payments(self) -> None:
        r = self.rng.random
        inv_cols = (
            "id",
            "client_id",
            "number",
            "issued_on",
            "due_on",
            "sent_on",
            "amount",
            "created_at",
            "updated_at",
        )
        pay_cols = (
            "id",
            "client_id",
            "invoice_id",
            "paid_on",
            "amount",
            "created_at",
            "updated_at",
        )
        promise_cols = (
            "id",
            "client_id",
            "invoice_id",
            "contact_id",
            "made_on",
            "promised_on",
            "amount",
            "state",
            "created_at",
            "updated_at",
        )
        invoices: list[tuple[Any, ...]] = []
        payments: list[tuple[Any, ...]] = []
        promises: list[tuple[Any, ...]] = []
        self.overdue: list[tuple[int, str, int]] = []  # (client, invoice number, days late)
        self.broken_promise: list[tuple[int, int, int]] = []  # (client, promise, promised day)
        iid = pid = prid = 0
        now = self.now
        for cid in range(1, self.n + 1):
            monthly = 2000 + int(r() * 60) * 500
            for quarter in range(4):
                iid += 1
                issued = -330 + quarter * 90 + int(r() * 30)
                due = issued + 14
                amount = f"{monthly * 3}.00"
                number = f"СЧ-{iid:07d}"
                invoices.append(
                    (
                        iid,
                        cid,
                        number,
                        self.day(issued),
                        self.day(due),
                        self.day(issued + 1),
                        amount,
                        now,
                        now,
                    )
                )
                late = int(r() * 60) if r() < 0.3 else 0
                paid = due + late - int(r() * 10)
                if paid < 0:
                    pid += 1
                    payments.append((pid, cid, iid, self.day(paid), amount, now, now))
                elif due < 0:
                    self.overdue.append((cid, number, -due))
                    if r() < 0.5:
                        prid += 1
                        promised = due + 7 + int(r() * 30)
                        state = "broken" if promised < 0 else "open"
                        if state == "broken":
                            self.broken_promise.append((cid, prid, promised))
                        promises.append(
                            (
                                prid,
                                cid,
                                iid,
                                self.payment_contact.get(cid),
                                self.day(due + 3),
                                self.day(promised),
                                amount,
                                state,
                                now,
                                now,
                            )
                        )
            if len(invoices) >= CHUNK:
                self.flush("invoice", inv_cols, invoices)
                self.flush("payment", pay_cols, payments)
                self.flush("payment_promise", promise_cols, promises)
            self.advance("Счета и оплаты", cid)
        self.flush("invoice", inv_cols, invoices)
        self.flush("payment", pay_cols, payments)
        self.flush("payment_promise", promise_cols, promises)
