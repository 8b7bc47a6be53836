"""Which journaled note the acceptor has not yet confirmed as acknowledged.

An acceptor whose protocol repeats a credit until the host acknowledges it (eSSP with POLL WITH
ACK) reports the same note again after a crash that fell between "journaled" and "acknowledged".
The marker is written in the same database transaction as the note, and cleared when the driver
reports the acknowledgement; at start-up a repeated credit that matches the marker is the same
note, already counted, and anything else is a note the journal never saw.
"""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer, String, delete, select
from sqlalchemy.orm import Mapped, Session, mapped_column

from kiosk.journal.models import Base


class UnackedNote(Base):
    __tablename__ = "unacked_notes"

    device: Mapped[str] = mapped_column(String(64), primary_key=True)
    note_id: Mapped[int] = mapped_column(ForeignKey("notes.id"))
    value_fen: Mapped[int] = mapped_column(Integer)
    channel: Mapped[int] = mapped_column(Integer)


def mark(session: Session, device: str, note_id: int, value_fen: int, channel: int) -> None:
    session.merge(UnackedNote(device=device, note_id=note_id, value_fen=value_fen, channel=channel))


def clear(session: Session, device: str) -> None:
    session.execute(delete(UnackedNote).where(UnackedNote.device == device))


def take_if_repeat(session: Session, device: str, value_fen: int, channel: int) -> int | None:
    """The note id when a start-up credit is the marked note again (and clear the marker)."""
    row = session.execute(
        select(UnackedNote).where(UnackedNote.device == device)
    ).scalar_one_or_none()
    if row is None or row.value_fen != value_fen or row.channel != channel:
        return None
    note_id = row.note_id
    session.delete(row)
    return note_id
