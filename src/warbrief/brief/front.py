"""The front: one finding per side and axis for the period's advances.

    "Russian forces advanced near Huliaipole and in Varvarivka (Zaporizhzhia Oblast)."

An advance's axis is the oblast of its settlement (the gazetteer's admin1: Dobropillia is
Donetsk Oblast), named with the direction the reports name most ("in the Kupyansk direction",
"in the Kostyantynivka-Druzhkivka tactical area"; the nouns are topics.yaml `axis_cues`):
"Kupyansk direction, Kharkiv Oblast". Asserted advances are listed before reported ones; intended, denied and
hypothetical ones are left out.
"""

from __future__ import annotations

import functools
import math
import re

from .items import Item
from .rank import FACTUAL, Finding, citations, features, score
from .sources import Origins
from .topics import Topics

ADVANCE_LABELS = ("advance", "capture", "regain")


def side(it: Item) -> str | None:
    """The country of an advance's first actor with one."""
    for a in it.actors:
        if a.country:
            return a.country
    return None


def _is_region(it: Item) -> bool:
    p = it.place
    return p is None or p.precision == "region" or p.feature in ("region", "country")


def _cue_pattern(topics: Topics) -> re.Pattern[str] | None:
    return _cues(tuple(topics.axis_cues))


@functools.lru_cache(maxsize=8)
def _cues(cues: tuple[str, ...]) -> re.Pattern[str] | None:
    nouns = [re.escape(str(n)) for n in cues]
    if not nouns:
        return None
    name = r"[A-Z][\w'’]+(?:[- ][A-Z][\w'’]+)*"
    return re.compile(rf"\b(?:in|on|along|toward) the ({name}) ({'|'.join(nouns)})\b")


def direction_of(it: Item, topics: Topics) -> str | None:
    """The direction the sentence names ("Kupyansk direction"), if any."""
    pat = _cue_pattern(topics)
    m = pat.search(it.text) if pat is not None else None
    return f"{m[1]} {m[2]}" if m else None


def oblast_of(it: Item) -> str | None:
    """The oblast of the advance's settlement (a region named as the place is its own)."""
    if it.place is None:
        return None
    return it.place.admin1 or (it.place.name if it.place.feature == "region" else None)


def axis_of(it: Item, topics: Topics) -> str | None:
    """The named direction and the oblast: "Kupyansk direction, Kharkiv Oblast"."""
    parts = [p for p in (direction_of(it, topics), oblast_of(it)) if p]
    return ", ".join(dict.fromkeys(parts)) or None


def _is_advance(i: Item) -> bool:
    """A factual advance at a place the gazetteer knows (not "the Fortress Belt")."""
    return (i.kind == "event" and i.label in ADVANCE_LABELS and i.modality in FACTUAL
            and i.place is not None and bool(i.place.admin1 or (i.place.id or "").startswith("geonames:"))
            and side(i) is not None)


def front_summaries(findings: list[Finding], origins: Origins, topics: Topics, most_places: int = 8
                    ) -> tuple[list[Finding], list[Finding]]:
    """One finding per side and axis for the period's advances, replacing the front findings
    whose advances it sums up. Returns (summaries, the findings left)."""
    groups: dict[tuple[str, str], list[tuple[Finding, Item]]] = {}
    used: set[int] = set()
    for f in findings:
        advances = [i for i in f.items if _is_advance(i)] if f.section == "front" else []
        for it in advances:  # one axis per oblast, so that one place never has two
            groups.setdefault((side(it) or "", oblast_of(it) or ""), []).append((f, it))
        if advances:
            used.add(id(f))
    out: list[Finding] = []
    for (code, oblast), members in groups.items():
        members.sort(key=lambda m: (m[1].modality != "asserted", -m[0].score))
        named = [d for _, i in members if (d := direction_of(i, topics))]
        axis = ", ".join(p for p in (max(named, key=named.count) if named else None, oblast) if p)
        made = _summary(members, topics.side_names.get(code), axis, origins, topics, most_places)
        if made is not None:
            out.append(made)
    return _each_side_first(out, topics), [f for f in findings if id(f) not in used]


def _each_side_first(lines: list[Finding], topics: Topics) -> list[Finding]:
    """A side's second and later axes add less than its first: each further line of one side
    loses topics.yaml `ranking.further_axis` per line before it, so every side's main line
    comes before another axis of the same side."""
    step = topics.weight("further_axis", 1.0)
    seen: dict[str, int] = {}
    for f in sorted(lines, key=lambda f: -f.score):
        who = f.sentence.split(" advanced ", 1)[0]
        f.score -= step * seen.get(who, 0)
        f.features["further_axis"] = float(seen.get(who, 0))
        seen[who] = seen.get(who, 0) + 1
    return lines


def _summary(members: list[tuple[Finding, Item]], actor: str | None, axis: str, origins: Origins,
             topics: Topics, most_places: int) -> Finding | None:
    """The side's line for one axis; `actor` is the side's name (topics.yaml `side_names`), else
    the name its knowledge-base actors go by most often."""
    if actor is None:
        names = [a.name.strip("*_ ") for _, r in members for a in r.actors[:1]
                 if a.id and not a.id.startswith("local:") and a.name[:1].isupper()]
        if not names:
            return None
        actor = max(sorted(set(names)), key=names.count)
    places: list[str] = []
    named: set[str] = set()  # place names and the regions they lie in, already listed
    reps: list[Item] = []
    advances = [i for _, i in members]
    for rep in sorted(advances, key=_is_region):  # towns first, then new regions
        p = rep.place
        if p is None or p.feature == "country" or p.name in named or len(places) >= most_places:
            continue
        places.append(f"{'near' if p.precision == 'near' else 'in'} {p.name}")
        named.update(n for n in (p.name, p.admin1) if n)
        reps.append(rep)
    if not places:
        return None
    where = places[0] if len(places) == 1 else ", ".join(places[:-1]) + " and " + places[-1]
    # the line names its direction, or an oblast none of its places already names
    if ", " in axis or (axis and not any(n in axis for n in named)):
        where += f" ({axis.split(', ')[0]})"
    items = advances
    best = members[0][0]
    novel = any(f.features.get("novelty") for f, _ in members)
    # the line's own features: those of the advances it sums up, not of their stories' other items
    names, chains = origins.named(items)
    line = f"{actor} advanced {where}."
    feat = dict(features(reps[0], reps, novel, names, topics, line), places=float(len(places)), roll_call=0.0)
    return Finding("front", line, score(feat, topics) + 0.5 * math.log2(1 + len(places)),
                   names, len({i.doc.id for i in items}), citations(items, origins, reps),
                   "event", best.date, axis or None, True, feat, best.story, items=items, chains=chains)
