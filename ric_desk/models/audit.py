"""Who changed what, when: one row per changed field."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ric_desk.models.base import Base, UtcDateTime, utcnow


class AuditRecord(Base):
    __tablename__ = "audit_record"
    __table_args__ = (
        Index("ix_audit_record_client", "client_id", "at"),
        Index("ix_audit_record_entity", "entity", "entity_id"),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime, default=utcnow)
    employee_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    client_id: Mapped[int | None] = mapped_column(Integer)  # kept after the client is deleted
    entity: Mapped[str] = mapped_column(String(60))  # table name
    entity_id: Mapped[int] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(10))  # insert, update, delete
    field: Mapped[str | None] = mapped_column(String(60))
    old_value: Mapped[str | None] = mapped_column(Text)
    new_value: Mapped[str | None] = mapped_column(Text)
