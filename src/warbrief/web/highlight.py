"""Cut a document's text into segments for the document page, each carrying the annotations
that cover it (entities, places, dates, claims, events), their reasons for the hover text, and
the anchors where a claim's or event's sentence begins.

The text stays text: the template escapes every segment, so markup in an article (`<script>`,
`onerror=`) is shown, never run.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Mark:
    start: int
    end: int
    cls: str
    tip: str
    order: int  # smaller = outer (drawn first in the hover text)


@dataclass
class Segment:
    text: str
    classes: list[str] = field(default_factory=list)
    tips: list[str] = field(default_factory=list)
    anchors: list[str] = field(default_factory=list)

    @property
    def cls(self) -> str:
        return " ".join(dict.fromkeys(self.classes))

    @property
    def title(self) -> str:
        return "\n".join(dict.fromkeys(t for t in self.tips if t))


def _entity_marks(analysis: dict[str, Any]) -> list[Mark]:
    marks = []
    for ent in analysis.get("entities", []):
        place = ent.get("place") or {}
        tip = f"{ent.get('name')} · {ent.get('type')}"
        if place.get("reason"):
            where = ", ".join(x for x in (place.get("admin1"), place.get("country")) if x)
            tip += f" · {where}" if where else ""
            tip += f" · {place['reason']}"
        for m in ent.get("mentions", []):
            marks.append(Mark(m["start"], m["end"], f"ent ent-{str(ent.get('type', 'OTHER')).lower()}", tip, 3))
    return marks


def _time_marks(analysis: dict[str, Any]) -> list[Mark]:
    return [Mark(t["start"], t["end"], "time",
                 f"date {t.get('value') or '?'} ({t.get('precision') or 'unknown'}) · {t.get('reason') or ''}", 3)
            for t in analysis.get("times", [])]


def _claim_marks(analysis: dict[str, Any], selected: str | None) -> list[Mark]:
    marks = []
    for c in analysis.get("claims", []):
        sp = c.get("speaker") or {}
        chain = " ← ".join(x.get("name") or "?" for x in c.get("chain", []))
        tip = f"claim {c['id']} · speaker: {sp.get('name') or 'unknown'}"
        tip += f" · via {chain}" if chain else ""
        tip += " · direct quote" if c.get("direct") else " · reported speech"
        cls = "claim" + (" hl" if selected == f"claim-{c['id']}" else "")
        marks.append(Mark(c["start"], c["end"], cls, tip, 1))
        if sp.get("start") is not None and sp.get("end") is not None:
            marks.append(Mark(sp["start"], sp["end"], "speaker", f"speaker of claim {c['id']}", 2))
        cue = c.get("cue")
        if cue:
            marks.append(Mark(cue["start"], cue["end"], "cue", f"cue of claim {c['id']}", 2))
    return marks


def _event_marks(analysis: dict[str, Any], selected: str | None) -> list[Mark]:
    marks = []
    for e in analysis.get("events", []):
        place, time = e.get("place") or {}, e.get("time") or {}
        tip = f"event {e['id']} · {e.get('type')}" + (f"/{e['label']}" if e.get("label") else "")
        tip += f" · {e.get('modality')}"
        if place:
            tip += f" · place {place.get('name')} ({place.get('precision')}): {place.get('reason')}"
        if time:
            tip += f" · time {time.get('value')} ({time.get('precision')}): {time.get('reason')}"
        sent = e.get("sentence") or {}
        if sent and selected == f"event-{e['id']}":
            marks.append(Mark(sent["start"], sent["end"], "hl", f"sentence of event {e['id']}", 0))
        trig = e.get("trigger") or {}
        if trig:
            marks.append(Mark(trig["start"], trig["end"], f"trigger ev-{str(e.get('type')).lower()}", tip, 2))
    return marks


def _anchors(analysis: dict[str, Any]) -> dict[int, list[str]]:
    found: dict[int, list[str]] = {}
    for c in analysis.get("claims", []):
        found.setdefault(c["start"], []).append(f"claim-{c['id']}")
    for e in analysis.get("events", []):
        sent = e.get("sentence") or e.get("trigger") or {}
        if "start" in sent:
            found.setdefault(sent["start"], []).append(f"event-{e['id']}")
    return found


def segments(analysis: dict[str, Any], selected: str | None = None,
             span: tuple[int, int] | None = None) -> list[Segment]:
    """The document text as consecutive segments (their texts join to the whole text).
    `selected` ("event-e7" or "claim-c3") gets the class `hl` over its sentence, and so does
    `span` (start, end), which also gets the anchor `hl`."""
    text: str = analysis.get("document", {}).get("text", "")
    n = len(text)
    marks = [m for m in (_entity_marks(analysis) + _time_marks(analysis) + _claim_marks(analysis, selected)
                         + _event_marks(analysis, selected)) if 0 <= m.start < m.end <= n]
    anchors = {k: v for k, v in _anchors(analysis).items() if 0 <= k <= n}
    if span and 0 <= span[0] < span[1] <= n:
        marks.append(Mark(span[0], span[1], "hl", "the cited sentence", 0))
        anchors.setdefault(span[0], []).insert(0, "hl")
    cuts = sorted({0, n} | {m.start for m in marks} | {m.end for m in marks} | set(anchors))
    marks.sort(key=lambda m: (m.start, m.order))
    out: list[Segment] = []
    active: list[Mark] = []
    i = 0
    for a, b in zip(cuts, cuts[1:] + [n], strict=False):
        if a >= b and a not in anchors:
            continue
        while i < len(marks) and marks[i].start <= a:
            active.append(marks[i])
            i += 1
        active = [m for m in active if m.end > a]
        cover = sorted(active, key=lambda m: m.order)
        seg = Segment(text[a:b], [m.cls for m in cover], [m.tip for m in cover], anchors.get(a, []))
        if a >= b:
            seg.classes = []
            seg.tips = []
        out.append(seg)
    return out
