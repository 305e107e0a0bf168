"""warbrief: sourced, geolocated, time-normalised records from war reporting.

    >>> import warbrief
    >>> a = warbrief.analyze("Russian forces advanced near Kupyansk on October 30.",
    ...                      published="2024-11-01", source="ISW")
    >>> a.to_dict()["schema"]
    'warbrief.analysis/1'
"""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version

from .analysis import SCHEMA, Analysis
from .errors import InputError, UsageError, WarbriefError
from .pipeline import DocumentInput, analyze, analyze_many, analyze_stream, get_pipeline

try:
    __version__ = version("warbrief")
except PackageNotFoundError:  # pragma: no cover - running from a source tree
    __version__ = "0.0.0"

__all__ = ["SCHEMA", "Analysis", "DocumentInput", "InputError", "UsageError", "WarbriefError",
           "analyze", "analyze_many", "analyze_stream", "get_pipeline", "__version__"]
