"""Hand-built contract analyses for the brief tests (sentences written for these tests)."""

from __future__ import annotations

from typing import Any

from warbrief.analysis import document_id

PLACES = {
    "Kupiansk": (703656, 49.71003, 37.61581, "Kharkiv Oblast"),
    "Kivsharivka": (705000, 49.6313, 37.6908, "Kharkiv Oblast"),  # ~10 km from Kupiansk
    "Pokrovsk": (708000, 48.282, 37.176, "Donetsk Oblast"),
    "Kyiv": (703448, 50.4501, 30.5234, "Kyiv City"),
}


def place_entity(name: str) -> dict[str, Any]:
    gid, lat, lon, admin1 = PLACES[name]
    return {"id": f"geonames:{gid}", "name": name, "type": "PLACE", "country": "UA", "mentions": [],
            "place": {"geonames_id": gid, "lat": lat, "lon": lon, "feature": "city", "admin1": admin1,
                      "country": "UA", "reason": "test"}}


def event(text: str, sentence: str, trigger: str, *, type_: str = "ASSAULT", label: str | None = "advance",
          mode: str | None = "ground-advance", actor: tuple[str, str, str] | None = (
              "org:armed-forces-of-russia", "Russian forces", "RU"),
          place: str | None = "Kupiansk", day: str | None = "2024-10-30", claim: str | None = None,
          killed: int | None = None, eid: str = "e1", modality: str = "asserted") -> dict[str, Any]:
    s = text.index(sentence)
    t = text.index(trigger, s)
    return {
        "id": eid, "type": type_, "mode": mode, "label": label, "acled": None,
        "actors": [{"entity": actor[0], "name": actor[1], "country": actor[2]}] if actor else [],
        "recipients": [],
        "place": ({"entity": f"geonames:{PLACES[place][0]}", "name": place, "precision": "near",
                   "reason": "test"} if place else None),
        "time": {"value": day, "precision": "day", "reason": "test"} if day else None,
        "modality": modality, "casualties": {"killed": killed, "injured": None}, "claim": claim,
        "trigger": {"start": t, "end": t + len(trigger), "text": trigger},
        "sentence": {"start": s, "end": s + len(sentence)},
    }


def claim(text: str, content: str, speaker: tuple[str | None, str], chain: list[tuple[str | None, str]] = (),
          cid: str = "c1") -> dict[str, Any]:
    s = text.index(content)
    return {"id": cid, "start": s, "end": s + len(content), "text": content, "direct": False, "cue": None,
            "speaker": {"entity": speaker[0], "name": speaker[1], "start": None, "end": None},
            "chain": [{"entity": e, "name": n} for e, n in chain], "time": None}


def analysis(text: str, source: str | None, published: str, *, url: str | None = None,
             events: list | None = None, claims: list | None = None, places: list[str] = (),
             duplicate_of: str | None = None) -> dict[str, Any]:
    a = {"schema": "warbrief.analysis/1",
         "document": {"id": document_id(text), "title": None, "source": source, "url": url,
                      "published": published, "language": "en", "text": text},
         "entities": [place_entity(p) for p in places], "times": [], "claims": claims or [],
         "events": events or []}
    if duplicate_of:
        a["duplicate_of"] = duplicate_of
    return a


def advance_report(source: str, published: str = "2024-10-31", place: str = "Kupiansk",
                   wording: str = "Russian forces advanced near {p} on October 30.", trigger: str = "advanced",
                   **kw) -> dict[str, Any]:
    text = wording.format(p=place) + " Fighting continued elsewhere along the line."
    sent = wording.format(p=place)
    return analysis(text, source, published, url=f"https://{source.lower().replace(' ', '')}.example/{place}",
                    events=[event(text, sent, trigger, place=place, **kw)], places=[place])
