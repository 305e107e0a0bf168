"""Ranking stories into findings: features, score, one sentence, citations.

Each feature is a number in a small range and its weight comes from topics.yaml: the
`ranking` terms (independent origins, reports, novelty against the lookback days, actors'
weight, casualties, territorial change, lead position in a document, paragraph opener, topic
match, a roll call of places, item kind and modality) and the `signals` (analysts'
assessments, firsts, escalation, strikes on cities and infrastructure, agreements and aid,
leaders on war aims and talks, threats to NATO states, the front's small print, background),
each read in the finding's own sentence. The features are kept on the finding so that its
place in the brief can be explained.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..dates import published_day
from .cluster import Story, jaccard
from .items import Item, Ref, tokens
from .sources import Origins
from .topics import Topics

_PLACE_LIST = re.compile(r"(?:\b(?:near|toward|towards)|,) (?:[A-Z][\w'’-]+)")
TERRITORIAL_LABELS = {"advance", "regain", "capture", "withdrawal", "retreat"}


@dataclass
class Citation:
    """A document that reports the finding, and the sentence in it that says so: `start`/`end`
    are that sentence's offsets in the document's text, `item` the event or claim id when the
    sentence is one ("e3", "c2"; None for a plain sentence)."""

    outlet: str
    date: str | None
    url: str | None
    doc_id: str
    start: int | None = None
    end: int | None = None
    item: str | None = None
    kind: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"outlet": self.outlet, "date": self.date, "url": self.url, "document": self.doc_id,
                "start": self.start, "end": self.end, "item": self.item, "kind": self.kind}


@dataclass
class Finding:
    section: str
    sentence: str
    score: float
    sources: list[str]  # the distinct origins (independent sources)
    reports: int
    citations: list[Citation]
    kind: str
    date: str | None
    axis: str | None = None
    generated: bool = False
    features: dict[str, float] = field(default_factory=dict)
    story: Story | None = None
    rank: int = 0
    items: list[Item] = field(default_factory=list)  # the story's items in the period
    chains: list[str] = field(default_factory=list)  # each origin with its relays, "RBC-Ukraine <- ISW"

    def to_dict(self) -> dict[str, Any]:
        return {"rank": self.rank, "section": self.section, "sentence": self.sentence,
                "generated": self.generated, "axis": self.axis, "date": self.date, "kind": self.kind,
                "independent_sources": len(self.sources), "origins": self.sources, "chains": self.chains,
                "reports": self.reports, "score": round(self.score, 3),
                "features": {k: round(v, 3) for k, v in self.features.items()},
                "citations": [c.to_dict() for c in self.citations]}


def outlet_name(doc_source: str | None, url: str | None, doc_id: str) -> str:
    if doc_source:
        return doc_source
    if url and "//" in url:
        return url.split("//", 1)[1].split("/", 1)[0].removeprefix("www.")
    return "unknown outlet"


def citations(items: list[Item], origins: Origins, built_from: list[Item], limit: int = 4) -> list[Citation]:
    """One citation per document, documents of distinct origins first. Each cites the sentence
    the finding was built from when that document holds one, else its sentence closest to it."""
    seen_docs: set[str] = set()
    first: list[Item] = []
    rest: list[Item] = []
    seen_origin: set[str] = set()
    for it in sorted(items, key=lambda i: (i.doc.published or "", i.para)):
        if it.doc.id in seen_docs:
            continue
        seen_docs.add(it.doc.id)
        key = min(origins.keys(origins.origin(it)))
        (rest if key in seen_origin else first).append(it)
        seen_origin.add(key)
    return [_cite(_cited_item(i.doc.id, items, built_from)) for i in (first + rest)[:limit]]


def _cited_item(doc_id: str, items: list[Item], built_from: list[Item]) -> Item:
    own = [i for i in built_from if i.doc.id == doc_id]
    if own:
        return own[0]
    in_doc = [i for i in items if i.doc.id == doc_id]
    lead = built_from[0] if built_from else in_doc[0]
    return max(in_doc, key=lambda i: (jaccard(i.tokens, lead.tokens), -i.start))


def _cite(it: Item) -> Citation:
    item_id = it.key.partition("#")[2] if it.kind in ("event", "claim") else None
    return Citation(outlet_name(it.doc.source, it.doc.url, it.doc.id), published_day(it.doc.published),
                    it.doc.url, it.doc.id, it.start, it.end, item_id, it.kind)


def actor_weight(items: list[Item], topics: Topics) -> float:
    countries = topics.actor_weights.get("countries", {})
    types = topics.actor_weights.get("types", {})
    best = 0.0
    for it in items:
        for r in (*it.actors, *((it.speaker,) if it.speaker else ())):
            w = float(countries.get(r.country, 0.3)) if r.country else 0.0
            w = max(w, 0.5 * float(types.get(r.type, 0.0)) if r.type else 0.0)
            best = max(best, w)
    return best


def representative(items: list[Item]) -> Item:
    """The item whose fields and sentence best stand for the story."""
    def fullness(it: Item) -> tuple:
        fields = (bool(it.actors) + bool(it.place) + bool(it.day0) + bool(it.label)
                  if it.kind == "event" else 0)
        good_len = 1 if 50 <= len(it.text) <= 320 else 0
        central = sum(jaccard(it.tokens, o.tokens) for o in items[:20]) if len(items) > 1 else 0.0
        return (it.kind == "event", fields, good_len, -it.para, central, -len(it.text))
    return max(items, key=fullness)


def generated_sentence(it: Item, topics: Topics) -> str | None:
    """'Russian forces advanced near Kupiansk (Kharkiv Oblast) on 2024-10-30' from the fields."""
    phrase = topics.phrases.get(it.label or "")
    if it.kind != "event" or not phrase or not it.actors or not it.place:
        return None
    actor = it.actors[0]
    if not actor.id or actor.id.startswith("local:") or not actor.name[:1].isupper():
        return None  # only actors the knowledge base knows make a generated sentence
    if not (it.place.id or "").startswith("geonames:") or it.place.feature in ("country", "region"):
        return None
    prep = "near" if it.place.precision == "near" else "in"
    where = it.place.name
    if it.place.admin1 and it.place.admin1 != it.place.name:
        where += f" ({it.place.admin1})"
    when = ""
    if it.day0 and it.day1 and it.day0 == it.day1:
        when = f" on {it.day0.isoformat()}"
    elif it.day0 and it.day1:
        when = f" between {it.day0.isoformat()} and {it.day1.isoformat()}"
    return f"{actor_subject(actor)} {phrase} {prep} {where}{when}"


def actor_subject(actor: Ref) -> str:
    """A name that can open a sentence: a bare nationality adjective ("Russian", "Ukrainian"),
    as event parties are often named, becomes "Russian forces"."""
    name = actor.name.strip()
    if actor.type == "GROUP" and " " not in name and not name.endswith("s"):
        return f"{name} forces"
    return name


def features(rep: Item, period: list[Item], novel: bool, origins: list[str], topics: Topics,
             text: str | None = None) -> dict[str, float]:
    """The finding's ranking terms; `text` is its sentence when generated (else rep's own)."""
    modality = topics.ranking.get("modality", {})
    kinds = topics.ranking.get("kind", {})
    same_sentence = [i for i in period if i.doc.id == rep.doc.id and i.start == rep.start]
    return {
        "sources": math.log2(1 + len(origins)),
        "reports": math.log2(1 + len({i.doc.id for i in period})),
        "novelty": 1.0 if novel else 0.0,
        "actors": actor_weight(period, topics),
        "casualties": min(2.0, math.log10(1 + max((i.killed + i.injured for i in period), default=0))),
        "territory": 1.0 if rep.kind == "event" and all(i.modality in FACTUAL for i in same_sentence) and (
            rep.label in TERRITORIAL_LABELS or rep.mode in ("ground-advance", "ground-withdrawal")) else 0.0,
        "lead": max(math.exp(-5.0 * i.rel) for i in period),
        "opener": 1.0 if any(i.first for i in period) else 0.0,
        "topic": 1.0 if any(i.topics for i in period) else 0.0,
        "kind": max(float(kinds.get(i.kind, 0.0)) for i in period),
        # an event in a sentence that also denies ("attacked but did not advance") is hedged: the
        # sentence's weakest modality; a statement or assessment has its own
        "modality": (min(float(modality.get(i.modality, 0.5)) for i in same_sentence) if rep.kind == "event"
                     else float(modality.get(rep.modality, 0.5))),
        "roll_call": 1.0 if len(_PLACE_LIST.findall(text or rep.text)) >= 4 else 0.0,
        **signals(text or rep.text, period, topics),
    }


def signals(text: str, period: list[Item], topics: Topics) -> dict[str, float]:
    """topics.yaml `signals`: 1 for each whose patterns occur in the finding's own sentence
    (a large story does not gather every signal of its many sentences)."""
    found = {t for i in period for t in i.topics}
    out = {}
    for sig in topics.signals:
        hit = sig.pattern is not None and sig.pattern.search(text) is not None
        out[sig.id] = 1.0 if hit and (not sig.topics or sig.topics & found) else 0.0
    return out


def score(feat: dict[str, float], topics: Topics) -> float:
    total = 0.0
    for name, value in feat.items():
        if name in ("kind", "modality"):
            continue
        total += topics.weight(name, 0.0) * value
    return (total + feat["kind"]) * (0.5 + 0.5 * feat["modality"])


def make_finding(story: Story, period: list[Item], novel: bool, origins: Origins,
                 topics: Topics) -> Finding:
    rep = representative(period)
    found = tuple(sorted({t for i in period for t in i.topics}))
    section = topics.section_of(rep.kind, rep.type, rep.label, rep.mode, rep.topics or found,
                               located=rep.place is not None)
    names, chains = origins.named(period)
    gen = generated_sentence(rep, topics)
    feat = features(rep, period, novel, names, topics, gen)
    sentence = gen or rep.text
    if sentence and sentence[-1] not in ".!?":
        sentence += "."
    axis = None
    if section == "front" and rep.place is not None:
        axis = rep.place.admin1 or rep.place.name
    when = rep.cite_day
    return Finding(section, sentence, score(feat, topics), names, len({i.doc.id for i in period}),
                   citations(period, origins, [rep]), rep.kind, when.isoformat() if when else None,
                   axis, gen is not None, feat, story, items=period, chains=chains)


FACTUAL = ("asserted", "reported")  # not intended, denied or hypothetical


def select(findings: list[Finding], most: int = 10, fewest: int = 5, redundancy: float = 0.7,
           section_share: float = 0.3) -> list[Finding]:
    """Best first, skipping near-repeats; no section takes more than its share unless the brief
    would otherwise have fewer than `fewest` findings."""
    ordered = sorted(findings, key=lambda f: (-f.score, f.sentence))
    cap = max(3, math.ceil(most * section_share))
    chosen: list[Finding] = []
    toks: list[frozenset[str]] = []
    for capped in (True, False):
        for f in ordered:
            if len(chosen) >= most or (not capped and len(chosen) >= fewest):
                break
            if f in chosen:
                continue
            t = tokens(f.sentence)
            if any(jaccard(t, o) >= redundancy for o in toks):
                continue
            if capped and sum(c.section == f.section for c in chosen) >= cap:
                continue
            chosen.append(f)
            toks.append(t)
    chosen.sort(key=lambda f: (-f.score, f.sentence))
    for n, f in enumerate(chosen, 1):
        f.rank = n
    return chosen


def in_period(it: Item, start: date, end: date) -> bool:
    d = it.doc.day
    return d is not None and start <= d <= end
