"""Retention of a session's personal data: until when it is kept, and when it is due.

A group has a retention period in months (12 by default) counted from the session's
date; a session can be kept longer, until a date, with a reason recorded on the day it
was given. A session is due the day after its date; once its personal data is removed
(``purged_on``) it is never due again.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from casusdesk.domain.errors import ValidationError
from casusdesk.domain.model import strip_invisible

DEFAULT_MONTHS = 12
MAX_MONTHS = 120


def add_months(date: dt.date, months: int) -> dt.date:
    """``date`` plus calendar months; the 31st becomes the last day of a shorter month."""
    index = date.month - 1 + months
    year, month = date.year + index // 12, index % 12 + 1
    for day in (date.day, 30, 29, 28):
        try:
            return dt.date(year, month, min(date.day, day))
        except ValueError:
            continue
    raise ValueError(date)  # pragma: no cover - day 28 always exists


def check_months(months: int) -> int:
    if not isinstance(months, int) or isinstance(months, bool) or not 1 <= months <= MAX_MONTHS:
        raise ValidationError(f"Een bewaartermijn is 1 tot {MAX_MONTHS} maanden.")
    return months


@dataclass(frozen=True)
class SessionRetention:
    """What retention needs to know of one session (no personal data)."""

    session_id: int
    group_id: int
    group_name: str
    date: dt.date
    title: str
    months: int = DEFAULT_MONTHS
    keep_until: dt.date | None = None
    keep_reason: str = ""
    keep_recorded_on: dt.date | None = None
    purged_on: dt.date | None = None

    @property
    def keep_through(self) -> dt.date:
        """The last day the personal data is kept."""
        return self.keep_until or add_months(self.date, self.months)

    def is_due(self, today: dt.date) -> bool:
        return self.purged_on is None and today > self.keep_through


def check_keep_longer(until: dt.date, reason: str, today: dt.date) -> str:
    """The reason, cleaned; refused without a reason or with a date not in the future."""
    reason = " ".join(strip_invisible(reason or "").split())
    if not reason:
        raise ValidationError("Geef een reden om de gegevens langer te bewaren.")
    if len(reason) > 500:
        raise ValidationError("De reden is te lang (hoogstens 500 tekens).")
    if not isinstance(until, dt.date) or until <= today:
        raise ValidationError("Kies een datum na vandaag om tot te bewaren.")
    return reason
