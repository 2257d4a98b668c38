"""Invoices, payments and payment promises of the payment-collection procedure."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from enum import StrEnum

from sqlalchemy import Date, ForeignKey, Index, Numeric, String
from sqlalchemy.orm import Mapped, mapped_column

from ric_desk.models.base import Base, Timestamped, Versioned, enum_column

Money = Numeric(14, 2)


class Invoice(Versioned, Timestamped, Base):
    __tablename__ = "invoice"
    __table_args__ = (Index("ix_invoice_client", "client_id", "due_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    number: Mapped[str] = mapped_column(String(40), unique=True)
    issued_on: Mapped[date] = mapped_column(Date)
    due_on: Mapped[date] = mapped_column(Date)
    sent_on: Mapped[date | None] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money)


class Payment(Versioned, Timestamped, Base):
    __tablename__ = "payment"
    __table_args__ = (Index("ix_payment_client", "client_id", "paid_on"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    invoice_id: Mapped[int | None] = mapped_column(
        ForeignKey("invoice.id", ondelete="SET NULL"), index=True
    )
    paid_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal] = mapped_column(Money)


class PromiseState(StrEnum):
    OPEN = "open"
    KEPT = "kept"
    BROKEN = "broken"


class PaymentPromise(Versioned, Timestamped, Base):
    __tablename__ = "payment_promise"
    __table_args__ = (Index("ix_payment_promise_client", "client_id", "state"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    client_id: Mapped[int] = mapped_column(ForeignKey("client.id", ondelete="CASCADE"))
    invoice_id: Mapped[int | None] = mapped_column(ForeignKey("invoice.id", ondelete="SET NULL"))
    contact_id: Mapped[int | None] = mapped_column(ForeignKey("contact.id", ondelete="SET NULL"))
    made_on: Mapped[date] = mapped_column(Date)
    promised_on: Mapped[date] = mapped_column(Date)
    amount: Mapped[Decimal | None] = mapped_column(Money)
    state: Mapped[PromiseState] = mapped_column(
        enum_column(PromiseState), default=PromiseState.OPEN
    )
