"""A watch as data: a name, one of the store's filters (events, claims, or full-text words as
`warbrief search`), an optional watchlist, a minimum of independent sources and where its
matches go. Read from and written to YAML (`warbrief watch import|export`).

    pokrovsk:                      # YAML: a mapping of watch names ...
      list: donetsk
      events: {place: Pokrovsk, radius_km: 15}
      webhook: https://hooks.example.org/warbrief
      email: analyst@example.org
      digest: daily
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field, fields
from typing import Any

from ..errors import UsageError
from ..store.query import ClaimFilter, EventFilter

KINDS = ("events", "claims", "documents")
DIGESTS = ("immediate", "daily", "weekly")
NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.-]{0,63}$")
DEFAULT_SECRET_ENV = "WARBRIEF_WEBHOOK_SECRET"
_FILTER_FIELDS = {"events": {f.name for f in fields(EventFilter)}, "claims": {f.name for f in fields(ClaimFilter)},
                  "documents": {"words", "source"}}
_SPEC_KEYS = {"list", "min_sources", "webhook", "webhook_secret_env", "allow_private", "email", "digest", *KINDS}


@dataclass
class WatchSpec:
    name: str
    kind: str  # events | claims | documents
    query: dict[str, Any] = field(default_factory=dict)  # fields of the kind's filter
    watchlist: str | None = None
    min_sources: int = 1
    webhook: str | None = None
    webhook_secret_env: str | None = None  # name of the variable holding the signing secret
    allow_private: bool = False  # webhook target on a private network (CLI only)
    email: str | None = None
    digest: str | None = None  # immediate | daily | weekly (with email)

    def validate(self) -> WatchSpec:
        """Raise `UsageError` naming the first problem; returns self."""
        if not NAME.match(self.name or ""):
            raise UsageError(f"[L001] watch name {self.name!r}: use 1 to 64 letters, digits, '-', '_' or '.'")
        if self.watchlist is not None and not NAME.match(self.watchlist):
            raise UsageError(f"[L001] watchlist name {self.watchlist!r}: use 1 to 64 letters, digits, '-', '_' or '.'")
        if self.kind not in KINDS:
            raise UsageError(f"[L002] watch {self.name}: kind must be one of {', '.join(KINDS)}")
        unknown = set(self.query) - _FILTER_FIELDS[self.kind]
        if unknown:
            raise UsageError(f"[L003] watch {self.name}: {self.kind} have no filter {sorted(unknown)[0]!r}; "
                             f"use {', '.join(sorted(_FILTER_FIELDS[self.kind]))}")
        _check_values(self.name, self.kind, self.query)
        if self.kind == "documents" and not (self.query.get("words") or "").strip():
            raise UsageError(f"[L004] watch {self.name}: a search watch needs words (--from-search \"...\")")
        if self.kind == "events" and self.query.get("radius_km") is not None:
            if not float(self.query["radius_km"]) > 0:
                raise UsageError(f"[L005] watch {self.name}: the radius must be a positive number of kilometres")
            if not (self.query.get("near") or self.query.get("place")):
                raise UsageError(f"[L005] watch {self.name}: a radius needs a centre: --place or --near LAT,LON")
        if not isinstance(self.min_sources, int) or not 1 <= self.min_sources <= 100:
            raise UsageError(f"[L006] watch {self.name}: min_sources must be a whole number from 1 to 100")
        if self.digest is not None and self.digest not in DIGESTS:
            raise UsageError(f"[L007] watch {self.name}: digest must be one of {', '.join(DIGESTS)}")
        if self.email is not None and not re.fullmatch(r"[^@\s<>,]+@[^@\s<>,]+", self.email):
            raise UsageError(f"[L008] watch {self.name}: {self.email!r} is not an e-mail address")
        if self.webhook is not None and not re.match(r"^https?://", self.webhook):
            raise UsageError(f"[L009] watch {self.name}: the webhook must be an http(s) URL")
        if self.webhook_secret_env is not None and not re.fullmatch(r"[A-Z_][A-Z0-9_]*", self.webhook_secret_env):
            raise UsageError(f"[L010] watch {self.name}: webhook_secret_env names an environment variable "
                             f"(e.g. {DEFAULT_SECRET_ENV}), never the secret itself")
        return self

    def row(self) -> dict[str, Any]:
        """The columns of the `watches` table."""
        d = asdict(self)
        d.pop("watchlist")
        if self.webhook and not self.webhook_secret_env:
            d["webhook_secret_env"] = DEFAULT_SECRET_ENV
        if self.email and not self.digest:
            d["digest"] = "daily"
        return d

    def to_yaml_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {}
        if self.watchlist:
            out["list"] = self.watchlist
        out[self.kind] = {k: (list(v) if isinstance(v, tuple) else v) for k, v in self.query.items() if v is not None}
        for k in ("min_sources", "webhook", "webhook_secret_env", "allow_private", "email", "digest"):
            v = getattr(self, k)
            if v not in (None, False) and not (k == "min_sources" and v == 1):
                out[k] = v
        return out


_NUMBER = (int, float)
_TYPES: dict[str, Any] = {"types": list, "radius_km": _NUMBER, "near": list, "bbox": list, "direct": bool}


def _check_values(name: str, kind: str, q: dict[str, Any]) -> None:
    """Each filter's value of the type its filter takes (the API passes JSON through)."""
    from ..analysis import EVENT_TYPES, MODALITIES

    for k, v in q.items():
        want = _TYPES.get(k, str)
        ok = v is None or (isinstance(v, want) and not (want is _NUMBER and isinstance(v, bool)))
        if ok and k in ("near", "bbox") and v is not None:
            ok = len(v) == (2 if k == "near" else 4) and all(
                isinstance(x, _NUMBER) and not isinstance(x, bool) and abs(x) <= 180 for x in v)
        if ok and k == "types" and v is not None:
            ok = all(isinstance(t, str) and t.upper() in EVENT_TYPES for t in v)
        if ok and k in ("since", "until") and v is not None:
            ok = re.fullmatch(r"\d{4}-\d{2}-\d{2}", v) is not None
        if ok and k == "modality" and v is not None:
            ok = v in MODALITIES
        if ok and k == "radius_km" and v is not None:
            ok = 0 < v <= 20000
        if not ok:
            raise UsageError(f"[L017] watch {name}: {kind} filter {k}={v!r} is not valid (see `warbrief "
                             f"{'search' if kind == 'documents' else kind} --help` for what it takes)")


def from_row(row: dict[str, Any]) -> WatchSpec:
    return WatchSpec(name=row["name"], kind=row["kind"], query=dict(row["query"]), watchlist=row.get("watchlist_name"),
                     min_sources=row["min_sources"], webhook=row.get("webhook"),
                     webhook_secret_env=row.get("webhook_secret_env"), allow_private=bool(row.get("allow_private")),
                     email=row.get("email"), digest=row.get("digest"))


def from_yaml_dict(name: str, d: Any, where: str) -> WatchSpec:
    """One watch of a YAML file; `where` names it in errors ("watches.yaml: pokrovsk")."""
    if not isinstance(d, dict):
        raise UsageError(f"[L011] {where}: a watch is a mapping (events:/claims:/documents:, list:, webhook: ...)")
    unknown = set(d) - _SPEC_KEYS
    if unknown:
        raise UsageError(f"[L011] {where}: unknown key {sorted(unknown)[0]!r}; use {', '.join(sorted(_SPEC_KEYS))}")
    kinds = [k for k in KINDS if k in d]
    if len(kinds) != 1:
        raise UsageError(f"[L011] {where}: give exactly one of events:, claims: or documents:")
    query = d[kinds[0]] or {}
    if not isinstance(query, dict):
        raise UsageError(f"[L011] {where}: {kinds[0]}: must be a mapping of filters")
    spec = WatchSpec(name=str(name), kind=kinds[0], query=dict(query), watchlist=d.get("list"),
                     min_sources=d.get("min_sources", 1), webhook=d.get("webhook"),
                     webhook_secret_env=d.get("webhook_secret_env"), allow_private=bool(d.get("allow_private")),
                     email=d.get("email"), digest=d.get("digest"))
    try:
        return spec.validate()
    except UsageError as exc:
        raise UsageError(f"{where}: {exc}") from None
