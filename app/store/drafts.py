"""Work in progress in the vault: drafts of forms and the place to come back to after unlocking.

Everything here is encrypted like the rest of the vault; nothing goes to a temp file, the
preferences or QSettings. A draft is saved in one short transaction (the connection runs with
``synchronous = FULL``): once :meth:`DraftStore.save` returns, the draft survives a crash.

- ``DraftStore.save(kind, data, ref=…)`` keeps a form's fields as JSON, one row per form;
  the consent flow uses ``kind="referral"`` with the intake id as ``ref``. A draft of a consent
  form is never a consent: only :meth:`ReferralRepository.record_consent` makes one.
- ``ResumePoint`` is "where was I": section, case, step, field. Saved at lock and close, taken
  (read and removed) after the next unlock. It is personal data (a case next to a time), so it
  lives here, never in ``voorkeuren.json``.

The intake's own answers are not a separate draft: :meth:`IntakeRepository.autosave` writes
them into the intake row.
"""

from __future__ import annotations

import dataclasses
import json
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from app.clock import SYSTEM_CLOCK, Clock

Connection = Any

REFERRAL = "referral"
SIGNAL_SETTINGS = "settings.signals"
RESUME = "resume"

MAX_DRAFT_CHARS = 1_000_000  # the table refuses more (0005); a form is a few KB at most


@dataclass(frozen=True)
class Draft:
    kind: str
    ref: str
    data: dict[str, Any]
    saved_at: datetime


@dataclass(frozen=True)
class ResumePoint:
    """Where the advisor was. ``reason`` is ``"lock"`` or ``"close"``."""

    section: str
    intake_id: int | None = None
    step: int | None = None
    field: str | None = None
    cursor: int | None = None
    referral: dict[str, Any] | None = None  # the consent flow was open: its step and field
    reason: str = "lock"
    saved_at: datetime = dataclasses.field(default_factory=SYSTEM_CLOCK.now)

    def to_dict(self) -> dict[str, Any]:
        return {
            "section": self.section,
            "intake_id": self.intake_id,
            "step": self.step,
            "field": self.field,
            "cursor": self.cursor,
            "referral": self.referral,
            "reason": self.reason,
        }

    @classmethod
    def from_draft(cls, draft: Draft) -> ResumePoint | None:
        data = draft.data
        section = data.get("section")
        if not isinstance(section, str):
            return None
        referral = data.get("referral")
        return cls(
            section=section,
            intake_id=_int_or_none(data.get("intake_id")),
            step=_int_or_none(data.get("step")),
            field=data.get("field") if isinstance(data.get("field"), str) else None,
            cursor=_int_or_none(data.get("cursor")),
            referral=referral if isinstance(referral, dict) else None,
            reason="close" if data.get("reason") == "close" else "lock",
            saved_at=draft.saved_at,
        )


def _int_or_none(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


class DraftStore:
    def __init__(self, connection: Connection, *, clock: Clock = SYSTEM_CLOCK) -> None:
        self.connection = connection
        self.clock = clock  # stamps saved_at

    def save(
        self,
        kind: str,
        data: Mapping[str, Any],
        *,
        ref: str | int = "",
        intake_id: int | None = None,
    ) -> None:
        """Keep ``data`` (JSON-able) as the draft ``kind``/``ref``, replacing an older one."""
        text = json.dumps(dict(data), ensure_ascii=False, separators=(",", ":"))
        if len(text) > MAX_DRAFT_CHARS:
            raise ValueError("draft too large")
        saved_at = self.clock.now().isoformat(timespec="milliseconds")
        with self.connection:
            self.connection.execute(
                "INSERT INTO draft (kind, ref, intake_id, data, saved_at) VALUES (?, ?, ?, ?, ?) "
                "ON CONFLICT (kind, ref) DO UPDATE SET intake_id = excluded.intake_id, "
                "data = excluded.data, saved_at = excluded.saved_at",
                (kind, str(ref), intake_id, text, saved_at),
            )

    def load(self, kind: str, ref: str | int = "") -> Draft | None:
        row = self.connection.execute(
            "SELECT data, saved_at FROM draft WHERE kind = ? AND ref = ?", (kind, str(ref))
        ).fetchone()
        if row is None:
            return None
        try:
            data = json.loads(row[0])
        except ValueError:
            return None
        if not isinstance(data, dict):
            return None
        return Draft(kind, str(ref), data, datetime.fromisoformat(row[1]))

    def discard(self, kind: str, ref: str | int = "") -> None:
        with self.connection:
            self.connection.execute(
                "DELETE FROM draft WHERE kind = ? AND ref = ?", (kind, str(ref))
            )

    def kinds(self) -> list[tuple[str, str]]:
        """Every (kind, ref) with a draft (for checks and tests)."""
        rows = self.connection.execute("SELECT kind, ref FROM draft ORDER BY kind, ref")
        return [(str(kind), str(ref)) for kind, ref in rows]

    # -- where was I -------------------------------------------------------------------------

    def save_resume(self, point: ResumePoint) -> None:
        self.save(RESUME, point.to_dict())

    def peek_resume(self) -> ResumePoint | None:
        draft = self.load(RESUME)
        return ResumePoint.from_draft(draft) if draft else None

    def take_resume(self) -> ResumePoint | None:
        """The saved place, removed from the vault: it is used once, after one unlock."""
        point = self.peek_resume()
        if point is not None:
            self.discard(RESUME)
        return point
