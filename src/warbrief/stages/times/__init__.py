"""Times: time expressions found and normalised against the publication date
(`warbrief_times`). `timex` is the expression grammar and resolver, `stage` the factory."""

from .stage import create_times

__all__ = ["create_times"]
