"""ORM tables of the staff modes (users, audit chain, kiosk mode, settings changed at the kiosk);
schema in migrations 0003 and 0005.

Registered on the journal's declarative Base so one metadata describes the whole file.
"""

from __future__ import annotations

from datetime import datetime
from typing import cast

from sqlalchemy import Integer, String, Table, Text
from sqlalchemy.orm import Mapped, mapped_column

from kiosk.journal.models import Base, UTCDateTime


class StaffUser(Base):
    __tablename__ = "staff_users"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
    role: Mapped[str] = mapped_column(String(16))
    pin_hash: Mapped[str] = mapped_column(String(255))
    service_card_id: Mapped[str | None] = mapped_column(String(64), unique=True)
    disabled: Mapped[int] = mapped_column(Integer, default=0)
    failed_attempts: Mapped[int] = mapped_column(Integer, default=0)
    locked_until: Mapped[datetime | None] = mapped_column(UTCDateTime())
    created_at: Mapped[datetime] = mapped_column(UTCDateTime())
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime())


class AuditRow(Base):
    """One audited action; `hash` chains it to the row before (see kiosk/staff/audit.py)."""

    __tablename__ = "staff_audit"

    seq: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime())
    actor: Mapped[str] = mapped_column(String(64))
    role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(64))
    target: Mapped[str] = mapped_column(String(128))
    before_json: Mapped[str] = mapped_column(Text)
    after_json: Mapped[str] = mapped_column(Text)
    prev_hash: Mapped[str] = mapped_column(String(64))
    hash: Mapped[str] = mapped_column(String(64))


class AuditHead(Base):
    """The newest row's seq and hash, written in the same transaction: exposes a cut tail."""

    __tablename__ = "staff_audit_head"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    seq: Mapped[int] = mapped_column(Integer)
    hash: Mapped[str] = mapped_column(String(64))


class KioskMode(Base):
    __tablename__ = "kiosk_mode"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    mode: Mapped[str] = mapped_column(String(16))
    reason: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    changed_by: Mapped[str] = mapped_column(String(64))


class KioskSetting(Base):
    """A setting changed at the kiosk (kiosk/staff/local_settings.py); schema in migration 0005."""

    __tablename__ = "kiosk_settings"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value_json: Mapped[str] = mapped_column(Text)
    changed_at: Mapped[datetime] = mapped_column(UTCDateTime())
    changed_by: Mapped[str] = mapped_column(String(64))


def _table(model: type[Base]) -> Table:
    return cast(Table, model.__table__)


USERS = _table(StaffUser)
AUDIT = _table(AuditRow)
AUDIT_HEAD = _table(AuditHead)
MODE = _table(KioskMode)
SETTINGS = _table(KioskSetting)
