"""One JSON object a line, safe for every line splitter.

`json.dumps(..., ensure_ascii=False)` leaves U+2028, U+2029 and U+0085 raw inside strings, and
`str.splitlines()` (and JavaScript's line terminators) break a line there: a consumer splitting
our JSON Lines that way would get half an object. JSON lets any character be escaped, so
`dumps_line` writes these three as \\uXXXX; everything else stays readable UTF-8.
"""

from __future__ import annotations

import json
from typing import Any

_SEPARATORS = {"\u2028": "\\u2028", "\u2029": "\\u2029", "\x85": "\\u0085"}
_TABLE = str.maketrans(_SEPARATORS)


def dumps_line(obj: Any, compact: bool = False) -> str:
    """`obj` as one line of JSON (no newline at the end)."""
    text = json.dumps(obj, ensure_ascii=False, separators=(",", ":") if compact else None)
    return text.translate(_TABLE) if any(ch in text for ch in _SEPARATORS) else text
