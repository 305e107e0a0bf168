"""One exception hierarchy. Every message says what happened, what was expected and the fix.

The CLI maps `InputError` to exit status 3 and `UsageError` to 2; other `WarbriefError`s exit 1.
"""

from __future__ import annotations


class WarbriefError(Exception):
    """Base of every error warbrief raises on purpose."""

    exit_code = 1


class UsageError(WarbriefError):
    """The command was called wrongly (bad option value, unknown format)."""

    exit_code = 2


class InputError(WarbriefError):
    """One input could not be read or parsed; the others go on.

    `source` names the input (a path, a URL, `<stdin>`, `file.jsonl:12`)."""

    exit_code = 3

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class GazetteerError(WarbriefError):
    """The gazetteer index is missing or damaged (message says how to rebuild it)."""


class StoreError(WarbriefError):
    """The database could not be opened or written (message says which and why)."""


class BusyError(WarbriefError):
    """The server is at its limit of expensive work; try again after `retry_after` seconds."""

    def __init__(self, message: str, retry_after: int = 2) -> None:
        super().__init__(message)
        self.retry_after = retry_after
