"""What the CLI, the API and the pages call: add, list, show, remove, import, export and
check watches, and read their matches. The same question gets the same answer everywhere."""

from __future__ import annotations

from typing import Any
from urllib.parse import quote

import yaml

from ..errors import UsageError
from ..store.watches import place_center
from .model import WatchSpec, from_row, from_yaml_dict


def resolve_centre(store: Any, place: str) -> tuple[float, float]:
    """A place's point for a radius watch: the store's (as `warbrief events --place`), else the
    gazetteer's most populous entry of that name (Ukraine first), so a watch can be set up
    before the first report about the place arrives."""
    got = place_center(store.engine, place)
    if got is not None:
        return got
    from ..knowledge.gazetteer import get_gazetteer

    cands = [c for c in get_gazetteer().lookup(place.strip()) if c.kind <= 2]
    if not cands:
        raise UsageError(f"[L012] place {place!r} is neither in the database nor in the gazetteer, so no radius "
                         f"can be drawn around it: give --near LAT,LON")
    best = max(cands, key=lambda c: (c.country == "UA", c.kind == 0, c.population))
    return best.lat, best.lon


def add(store: Any, spec: WatchSpec, replace: bool = False) -> WatchSpec:
    """Store a watch (its radius centre resolved now, and kept). Raises `UsageError` when one of
    that name exists and `replace` is not set."""
    spec.validate()
    if spec.webhook and not spec.allow_private:
        from ..ingest.url import check_address

        reason = check_address(spec.webhook, False)
        if reason and "refused" in reason:
            raise UsageError(f"[L016] watch {spec.name}: webhook {reason.split('; refused')[0]}; refused "
                             f"(give --allow-private-urls on the command line to allow it)")
    q = spec.query
    if spec.kind == "events" and q.get("radius_km") is not None and q.get("place") and not q.get("near"):
        q["near"] = list(resolve_centre(store, q["place"]))
    if not store.watch.put(spec.row(), spec.watchlist, replace=replace):
        raise UsageError(f"[L013] a watch named {spec.name!r} exists: remove it first, or import a file to update it")
    return spec


def get(store: Any, name: str) -> dict[str, Any]:
    row = store.watch.get(name)
    if row is None:
        raise UsageError(f"[L014] no watch named {name!r}; see `warbrief watch list`")
    return row


def remove(store: Any, name: str) -> None:
    if not store.watch.remove(name):
        raise UsageError(f"[L014] no watch named {name!r}; see `warbrief watch list`")


def load_yaml(text: str, where: str) -> list[WatchSpec]:
    try:
        data = yaml.safe_load(text) or {}
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f":{mark.line + 1}" if mark else ""
        raise UsageError(f"[L015] {where}{line}: not valid YAML ({getattr(exc, 'problem', exc)})") from None
    if not isinstance(data, dict):
        raise UsageError(f"[L015] {where}: expected a mapping of watch names to watches")
    return [from_yaml_dict(str(name), d, f"{where}: {name}") for name, d in data.items()]


def import_yaml(store: Any, text: str, where: str) -> int:
    """Add or update every watch of a YAML file (validated all first: nothing is stored when
    one is wrong). -> number of watches."""
    specs = load_yaml(text, where)
    for spec in specs:
        add(store, spec, replace=True)
    return len(specs)


def export_yaml(store: Any, watchlist: str | None = None) -> str:
    data = {r["name"]: from_row(r).to_yaml_dict() for r in store.watch.watches(watchlist)}
    return yaml.safe_dump(data, sort_keys=False, allow_unicode=True) if data else "{}\n"


def feed_members(store: Any, name: str) -> tuple[str, list[str]]:
    """("watch" | "watchlist", the watch names) of a feed id: a watch's name, else a watchlist's."""
    if store.watch.get(name) is not None:
        return "watch", [name]
    members = store.watch.watchlist_members(name)
    if members:
        return "watchlist", members
    raise UsageError(f"[L014] no watch or watchlist named {name!r}; see `warbrief watch list`")


def link(m: dict[str, Any]) -> str:
    """The path of a match's document with its sentence highlighted."""
    path = f"/documents/{quote(m['doc_id'], safe=':')}"
    sel = f"{m['kind']}={quote(m['item_id'])}&" if m["kind"] in ("event", "claim") and m.get("item_id") else ""
    hl = f"hl={m['start']}-{m['end']}" if m.get("start") is not None and m.get("end") is not None else ""
    anchor = f"#{m['kind']}-{m['item_id']}" if sel else ("#hl" if hl else "")
    query = (sel + hl).rstrip("&")
    return path + (f"?{query}" if query else "") + anchor


def public_match(m: dict[str, Any], base_url: str = "") -> dict[str, Any]:
    """A match for the wire (API, webhook): what matched, the sentence, place, date, link."""
    keys = ("key", "kind", "doc_id", "item_id", "term", "sentence", "place", "lat", "lon", "date", "title",
            "source", "url", "sources", "created")
    return {"watch": m.get("watch_name"), **{k: m.get(k) for k in keys}, "link": base_url.rstrip("/") + link(m)}
