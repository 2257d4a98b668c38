"""The client and the regions that give it a time zone."""

from __future__ import annotations

from datetime import date

from sqlalchemy import BigInteger, Boolean, Date, ForeignKey, Index, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ric_desk.models.base import Base, Stamped, Timestamped, Versioned


class Region(Base):
    """A subject of the Russian Federation; its code is the first two digits of a local INN."""

    __tablename__ = "region"

    code: Mapped[str] = mapped_column(String(2), primary_key=True)
    name: Mapped[str] = mapped_column(String(100))
    time_zone: Mapped[str] = mapped_column(String(40))  # IANA name, e.g. Europe/Moscow
    phone_code: Mapped[str | None] = mapped_column(String(5))


class Client(Versioned, Timestamped, Stamped, Base):
    __tablename__ = "client"

    id: Mapped[int] = mapped_column(primary_key=True)
    reg_number: Mapped[int] = mapped_column(BigInteger, unique=True)
    name: Mapped[str] = mapped_column(String(500))
    # lower-cased name for case-insensitive fragment search on every backend
    name_search: Mapped[str] = mapped_column(String(500))
    inn: Mapped[str] = mapped_column(String(12), index=True)
    kpp: Mapped[str | None] = mapped_column(String(9))
    legal_address: Mapped[str | None] = mapped_column(Text)
    actual_address: Mapped[str | None] = mapped_column(Text)
    region_code: Mapped[str | None] = mapped_column(ForeignKey("region.code"))
    time_zone: Mapped[str | None] = mapped_column(String(40))  # overrides the region's
    status_group_id: Mapped[int | None] = mapped_column(ForeignKey("status_group.id"))
    responsible_id: Mapped[int | None] = mapped_column(ForeignKey("employee.id"))
    vip: Mapped[bool] = mapped_column(Boolean, default=False)
    special_programmes: Mapped[str | None] = mapped_column(Text)
    do_not_call: Mapped[bool] = mapped_column(Boolean, default=False)
    service_ends_on: Mapped[date | None] = mapped_column(Date)

    __table_args__ = (
        # (name_search, id): the name-ordered walk of client search reads the index alone
        Index("ix_client_name_search", "name_search", "id"),
        Index("ix_client_responsible_id", "responsible_id"),
        # the clients' own time zones in use, read by the call session (`calls.rules.zones_in_use`)
        Index("ix_client_time_zone", "time_zone"),
    )

    @property
    def display_name(self) -> str:
        """ "42724826 - name", as the seed's tabs and lists show a client."""
        return f"{self.reg_number} - {self.name}"
