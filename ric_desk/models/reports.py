"""The contact report's saved configurations and the database's record of deleted rows that the
report's fact cache must forget."""

from __future__ import annotations

from typing import Any

from sqlalchemy import JSON, BigInteger, Boolean, ForeignKey, Index, Integer, String
from sqlalchemy.orm import Mapped, mapped_column

from ric_desk.models.base import Base, Timestamped, Versioned


class ReportConfig(Versioned, Timestamped, Base):
    """A named report configuration: its owner's own, or shared with everyone by a director."""

    __tablename__ = "report_config"
    __table_args__ = (Index("uq_report_config_owner_name", "owner_id", "name", unique=True),)

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    owner_id: Mapped[int] = mapped_column(ForeignKey("employee.id", ondelete="CASCADE"))
    shared: Mapped[bool] = mapped_column(Boolean, default=False)
    # {"rows": [...], "cols": [...], "measures": [...], "filters": {...}, "collapsed_from": n}
    spec: Mapped[dict[str, Any]] = mapped_column(JSON)


class DeletedRow(Base):
    """Written by the database's triggers (`ric_desk.db.stamps`) when a row the report counts is
    deleted: the work or client whose facts must be read again."""

    __tablename__ = "deleted_row"

    id: Mapped[int] = mapped_column(primary_key=True)
    change_stamp: Mapped[int] = mapped_column(BigInteger, index=True)
    table_name: Mapped[str] = mapped_column(String(40))
    work_id: Mapped[int | None] = mapped_column(Integer)
    client_id: Mapped[int | None] = mapped_column(Integer)
