"""What the times and the events stages share about dates: an event is not dated after its
document unless a future cue says it lies ahead.

    not_after_document(published, time, attached, modality) -> (time, modality)
"""

from __future__ import annotations

import re
from datetime import date, datetime

from ..analysis import EventTime, TimeExpr

FIRST_DAY = re.compile(r"(\d{4})-(\d{2})(?:-(\d{2}))?(?![\dW])")
FUTURE_CUE = re.compile(r"\bfuture\b")  # the time stage's reason when a future cue decided the date
UNASSERTED = {"intended", "hypothetical", "denied"}


def first_day(value: str | None) -> date | None:
    """The first day of an ISO day, month or range value ("2025-06-16", "2025-06", "2025-06-01/...")."""
    m = FIRST_DAY.match(value or "")
    if m is None:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3) or 1))
    except ValueError:
        return None


def not_after_document(published: datetime | None, time: EventTime, attached: TimeExpr | None,
                       modality: str) -> tuple[EventTime, str]:
    """An asserted or reported event dated after its document: with a future cue on its date
    ("will meet on March 3") it is intended; without one the date is not the event's, and the
    publication date stands in, with the reason saying so."""
    when = first_day(time.value)
    if modality in UNASSERTED or published is None or when is None or when <= published.date():
        return time, modality
    if attached is not None and FUTURE_CUE.search(attached.reason or ""):
        return time, "intended"
    pub = published.date().isoformat()
    return EventTime(pub, "day", f"{time.reason}, but {time.value} is after the publication date {pub} and "
                                 "no future cue (will, plans, scheduled) says the event lies ahead; "
                                 "publication date"), modality
