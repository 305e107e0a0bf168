"""What the times and the events stages share about dates: an event is not dated after its
document unless a future cue says it lies ahead.

    not_after_document(published, time, attached, modality) -> (time, modality)
"""

from __future__ import annotations

import re
from datetime import date, datetime

from ..analysis import EventTime, TimeExpr
from ..dates import day_of, day_range

FUTURE_CUE = re.compile(r"\bfuture\b")  # the time stage's reason when a future cue decided the date
UNASSERTED = {"intended", "hypothetical", "denied"}


def first_day(value: str | None) -> date | None:
    """The first day of an ISO day, month, week or range value ("2025-06-16", "2025-06",
    "2025-06-01/..."), or of a datetime."""
    found = day_range(value) if value else None
    return found[0] if found else day_of(value)


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
