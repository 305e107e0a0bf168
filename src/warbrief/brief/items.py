"""The units of cross-document work: events, claims and topical sentences, one `Item` each.

`items_from_analysis(meta, analysis)` turns one contract analysis (a dict, `warbrief.analysis/1`)
plus its document metadata into Items carrying what clustering, source counting and ranking
need: the cleaned sentence, the dates referred to, type/label/mode, actors, the place with its
coordinates, the speaker and relay chain, and content tokens. Pure functions, no I/O.
"""

from __future__ import annotations

import bisect
import functools
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..dates import day_of, day_range
from ..knowledge.honorifics import short_forms
from .topics import Topics

STOPWORDS = frozenset("""
a an the and or but if of to in on at by for with from as into onto over under about after
before during since until than that this these those there their they them it its he she his her
we our you your i me my is are was were be been being has have had do does did not no nor so
such too very can could would should will shall may might must also which who whom whose what
when where why how all any both each few more most other some own same just only then once again
further out up down off per via near said says say according reported reportedly stated noted
claimed added told
""".split())  # noqa: SIM905 - a readable word list

_TOKEN = re.compile(r"[a-z0-9]+(?:[-'’][a-z0-9]+)*")
_FOOTNOTE = re.compile(r"\[\[[^\]]*\]\]\([^)]*\)|\[\d+\]|\[[ivxlc]+\]|\(https?://[^)]*\)|https?://\S+")
_MARKUP = re.compile(r"\*\*|__|(?<!\w)_|_(?!\w)|^#+\s*|^\s*[-*•]\s+", re.M)
_SPACE = re.compile(r"\s+")
_SENT_END = re.compile(r"(?<=[.!?])(?:[\"”’)\]*_]|\[\d+\]|\[\[[^\]]*\]\]\([^)]*\))*\s+"
                       r"(?=[\"“(\[*]*[A-Z0-9])")
# a run-in label of two to six words before a sentence ("Order of Battle: ...", "Unconfirmed
# claims: ..."); one word ("Zelensky: ...") may be a speaker and stays
_LABEL = re.compile(r"^(?:[A-Z][\w'’-]*)(?: [A-Za-z][\w'’-]*){1,5}: (?=[A-Z])")
_SHELL = re.compile(r"^[^,;:]{0,160}?\b(?:reported|said|stated|claimed|noted|announced|assessed|added|"
                    r"wrote|reiterated|confirmed)(?: on [A-Z][a-z]+ \d{1,2}(?:, \d{4})?)?(?: that)?[.!?]?$")
# the last word of an attribution shell
_SHELL_ENDS = frozenset({"that", "reported", "said", "stated", "claimed", "noted", "announced", "assessed",
                         "added", "wrote", "reiterated", "confirmed"})
OTHER_ABBREVIATIONS = "St|Jr|Sr|No|vs|etc|Jan|Feb|Mar|Apr|Aug|Sept?|Oct|Nov|Dec"  # a sentence goes on after them


@functools.cache
def _abbrev() -> re.Pattern[str]:
    """A word with a period that ends no sentence: an initial, an honorific's short form
    (knowledge/data/honorifics.tsv: "Gen.", "Sgt."), or one of OTHER_ABBREVIATIONS."""
    short = "|".join(sorted(f.capitalize() for f in short_forms()))
    return re.compile(rf"(?:\b[A-Z]|\b(?:{short}|{OTHER_ABBREVIATIONS}))\.$")


@dataclass(frozen=True)
class DocMeta:
    """What the brief needs to know about a stored document (the store's row, or an analysis)."""

    id: str
    source: str | None = None
    url: str | None = None
    published: str | None = None
    title: str | None = None
    duplicate_of: str | None = None  # id of the document this one re-publishes (near-duplicate)
    forwarded_from: str | None = None  # a forwarded post's original channel (Telegram)

    @property
    def day(self) -> date | None:
        return day_of(self.published)


@dataclass(frozen=True)
class Ref:
    """An actor, speaker or relay: entity id (may be None) and display name."""

    id: str | None
    name: str
    country: str | None = None
    type: str | None = None


@dataclass(frozen=True)
class PlaceRef:
    id: str | None
    name: str
    lat: float | None = None
    lon: float | None = None
    admin1: str | None = None
    precision: str | None = None
    feature: str | None = None


@dataclass
class Item:
    kind: str  # "event" | "claim" | "sentence"
    key: str  # "<document id>#<item id>"
    doc: DocMeta
    text: str  # the cleaned sentence, one line
    start: int  # sentence offsets in document.text
    end: int
    para: int  # paragraph rank of the sentence in its document (0 = first)
    rel: float = 0.0  # where the sentence starts in the document's prose, 0 (top) .. 1 (end)
    first: bool = False  # the sentence opens its paragraph
    day0: date | None = None  # the dates the item refers to (inclusive)
    day1: date | None = None
    type: str | None = None
    label: str | None = None
    mode: str | None = None
    actors: tuple[Ref, ...] = ()
    recipients: tuple[Ref, ...] = ()
    place: PlaceRef | None = None
    speaker: Ref | None = None
    chain: tuple[Ref, ...] = ()
    claim_text: str | None = None
    modality: str = "asserted"
    killed: int = 0
    injured: int = 0
    topics: tuple[str, ...] = ()
    stance: dict[str, str] = field(default_factory=dict)  # topic -> "open" | "against"
    tokens: frozenset[str] = frozenset()

    @property
    def cite_day(self) -> date | None:
        return self.day0 or self.doc.day


# --------------------------------------------------------------------------- text helpers

def clean(text: str) -> str:
    """One display line: markup, footnote markers and links removed, whitespace collapsed."""
    text = _FOOTNOTE.sub("", text)
    text = text.replace("****", " ")  # bold closed and reopened: a word boundary
    text = _MARKUP.sub("", text)
    text = _SPACE.sub(" ", text).strip(" \t\n*")
    return _LABEL.sub("", text, count=1)


def tokens(text: str) -> frozenset[str]:
    """Content tokens: lower case, stop words dropped, crude suffix stripping."""
    out = set()
    for tok in _TOKEN.findall(text.lower()):
        if tok in STOPWORDS or len(tok) < 2:
            continue
        out.add(stem(tok.replace("’", "'")))
    return frozenset(out)


def stem(tok: str) -> str:
    if tok.endswith("'s"):
        tok = tok[:-2]
    for suf, rep in (("ies", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", "")):
        if tok.endswith(suf) and len(tok) - len(suf) >= 4 and not tok.endswith("ss"):
            return tok[: len(tok) - len(suf)] + rep
    return tok


def sentences(text: str) -> list[tuple[int, int, int]]:
    """(start, end, paragraph rank) of each sentence; paragraphs are split at blank lines or
    single newlines (scraped text keeps one paragraph a line)."""
    out: list[tuple[int, int, int]] = []
    para = 0
    pos = 0
    for m in re.finditer(r"\n", text + "\n"):
        line_end = m.start()
        line = text[pos:line_end]
        if line.strip():
            lstart = pos
            for s, e in _split_line(line):
                out.append((lstart + s, lstart + e, para))
            para += 1
        pos = m.end()
    return out


def _split_line(line: str) -> list[tuple[int, int]]:
    spans = []
    start = 0
    for m in _SENT_END.finditer(line):
        if _abbrev().search(line, max(0, m.start() - 6), m.start()):
            continue
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(line)))
    return [(s, e) for s, e in spans if line[s:e].strip()]


# --------------------------------------------------------------------------- analysis -> items

def items_from_analysis(meta: DocMeta, analysis: dict[str, Any], topics: Topics,
                        with_sentences: bool = True) -> list[Item]:
    """Every event, claim and (optionally) topical sentence of one analysis, as Items."""
    text = (analysis.get("document") or {}).get("text") or ""
    sents = sentences(text)
    ents = {e.get("id"): e for e in analysis.get("entities", []) if e.get("id")}
    claims = {c.get("id"): c for c in analysis.get("claims", [])}
    items: list[Item] = []
    covered: set[int] = set()  # sentence starts already used by an event or claim
    for ev in analysis.get("events", []):
        if (it := _event_item(meta, ev, text, sents, ents, claims, topics)) is not None:
            items.append(it)
            covered.add(it.start)
    for cl in claims.values():
        if (it := _claim_item(meta, cl, text, sents, ents, topics)) is not None:
            items.append(it)
            covered.add(it.start)
    firsts = _paragraph_openers(sents)
    # where the prose starts: navigation or a byline above it does not push the lead down
    body = next((s for s, e, _ in sents if _prose(line := clean(text[s:e])) and _ends_sentence(line)
                 and not topics.is_boilerplate(line)), 0)
    for it in items:
        it.rel = _relative(it.start, body, len(text))
        it.first = it.start in firsts
    if with_sentences:
        where = sorted((m.get("start", -1), e.get("id")) for e in analysis.get("entities", [])
                       for m in e.get("mentions", []))
        mentions = [m for m, _ in where]
        for n, (s, e, para) in enumerate(sents):
            if s in covered:
                continue
            line = clean(text[s:e])
            if not 40 <= len(line) <= 600 or not reportable(line, topics):
                continue
            found = topics.match(line)
            if not found and (s not in firsts or not _mentions_in(mentions, s, e)):
                continue  # plain sentences only when topical, or opening a paragraph about someone
            actors, place = _mentioned(where, mentions, s, e, ents)
            items.append(Item("sentence", f"{meta.id}#s{n}", meta, line, s, e, para,
                              rel=_relative(s, body, len(text)), first=s in firsts,
                              actors=actors, place=place,
                              topics=tuple(found), stance=topics.stance(line, found),
                              tokens=tokens(line)))
    return items


def _relative(start: int, body: int, length: int) -> float:
    """Position of `start` in the document's prose, 0 (first sentence) .. 1 (end)."""
    return max(0.0, (start - body) / max(1, length - body))


def reportable(line: str, topics: Topics) -> bool:
    """A line that can be a finding: a full sentence in prose that says something, not page
    chrome, not an attribution with nothing attributed ("ISW reported that."), not the
    publisher's own editorial voice ("We do not report in detail on ...")."""
    if not _prose(line) or not _ends_sentence(line) or topics.is_boilerplate(line):
        return False
    last = line.rstrip(".!?\"”’ ").rsplit(" ", 1)[-1].lower()
    if len(line) <= 200 and (last in _SHELL_ENDS or last.isdigit()) and _SHELL.match(line):
        return False
    first = line.split(" ", 1)[0].strip("\"“‘'(").lower()
    return first not in topics.editorial_openers


def _ends_sentence(line: str) -> bool:
    """Headings and captions do not end like sentences."""
    return line.rstrip("\"”’)]' ")[-1:] in (".", "!", "?")


def _mentions_in(starts: list[int], s: int, e: int) -> bool:
    i = bisect.bisect_left(starts, s)
    return i < len(starts) and starts[i] < e


def _mentioned(where: list[tuple[int, str]], starts: list[int], s: int, e: int,
               ents: dict[str, Any]) -> tuple[tuple[Ref, ...], PlaceRef | None]:
    """The actors and the first place mentioned in [s, e), from the entities' mentions."""
    actors: list[Ref] = []
    place: PlaceRef | None = None
    for _, eid in where[bisect.bisect_left(starts, s):bisect.bisect_left(starts, e)]:
        ent = ents.get(eid) or {}
        if ent.get("type") == "PLACE":
            if place is None and ent.get("place"):
                info = ent["place"]
                place = PlaceRef(eid, ent.get("name") or "?", info.get("lat"), info.get("lon"),
                                 info.get("admin1"), None, info.get("feature"))
        elif ent and all(a.id != eid for a in actors):
            actors.append(Ref(eid, ent.get("name") or eid, ent.get("country"), ent.get("type")))
    return tuple(actors), place


def _paragraph_openers(sents: list[tuple[int, int, int]]) -> set[int]:
    out, last = set(), -1
    for s, _e, p in sents:
        if p != last:
            out.add(s)
            last = p
    return out


def _prose(line: str) -> bool:
    """A sentence rather than navigation or a caption: starts like a sentence, mostly lower case."""
    words = line.split()
    if len(words) < 6 or not (line[0].isupper() or line[0].isdigit() or line[0] in "\"“'‘("):
        return False
    return sum(w[:1].islower() for w in words) >= len(words) / 3


def _sentence_at(sents: list[tuple[int, int, int]], start: int, end: int,
                 text_len: int) -> tuple[int, int, int]:
    for s, e, p in sents:
        if s <= start < e or (start <= s < end):
            return s, e, p
    return start, end, 0


def _ref(d: dict[str, Any] | None, ents: dict[str, Any] | None = None) -> Ref | None:
    if not d or not (d.get("name") or d.get("entity")):
        return None
    ent = (ents or {}).get(d.get("entity") or "") or {}
    name = d.get("name") or ent.get("name") or str(d.get("entity"))
    return Ref(d.get("entity"), name, d.get("country") or ent.get("country"), ent.get("type"))


def _place(p: dict[str, Any] | None, ents: dict[str, Any]) -> PlaceRef | None:
    if not p:
        return None
    ent = ents.get(p.get("entity") or "") or {}
    info = ent.get("place") or {}
    return PlaceRef(p.get("entity"), p.get("name") or ent.get("name") or "?", info.get("lat"),
                    info.get("lon"), info.get("admin1"), p.get("precision"), info.get("feature"))


def _event_item(meta: DocMeta, ev: dict[str, Any], text: str, sents: list[tuple[int, int, int]],
                ents: dict[str, Any], claims: dict[str, Any], topics: Topics) -> Item | None:
    if ev.get("modality") == "historical":
        return None
    trig = ev.get("trigger") or ev.get("sentence") or {}
    if trig.get("start") is None:
        return None
    # the one sentence (as the brief splits them) that holds the trigger
    s, e, para = _sentence_at(sents, trig["start"], trig.get("end") or trig["start"] + 1, len(text))
    line = clean(text[s:e])
    if not reportable(line, topics):
        return None  # navigation, a heading, a list of names or an empty attribution, not a report
    rng = day_range((ev.get("time") or {}).get("value"))
    claim = claims.get(ev.get("claim") or "")
    cas = ev.get("casualties") or {}
    found = topics.match(line)
    return Item(
        "event", f"{meta.id}#{ev.get('id')}", meta, line, s, e, para,
        day0=rng[0] if rng else None, day1=rng[1] if rng else None,
        type=ev.get("type"), label=ev.get("label"), mode=ev.get("mode"),
        actors=tuple(r for r in (_ref(a, ents) for a in ev.get("actors", [])) if r),
        recipients=tuple(r for r in (_ref(a, ents) for a in ev.get("recipients", [])) if r),
        place=_place(ev.get("place"), ents),
        speaker=_ref((claim or {}).get("speaker"), ents),
        chain=tuple(r for r in (_ref(x, ents) for x in (claim or {}).get("chain", [])) if r),
        modality=ev.get("modality") or "asserted",
        killed=int(cas.get("killed") or 0), injured=int(cas.get("injured") or 0),
        topics=tuple(found), stance=topics.stance(line, found), tokens=tokens(line))


def _claim_item(meta: DocMeta, cl: dict[str, Any], text: str, sents: list[tuple[int, int, int]],
                ents: dict[str, Any], topics: Topics) -> Item | None:
    cs, ce = cl.get("start"), cl.get("end")
    if cs is None or ce is None:
        return None
    s, e, para = _sentence_at(sents, cs, ce, len(text))
    line = clean(text[s:e])
    if not reportable(line, topics):
        return None
    content = clean(cl.get("text") or text[cs:ce])
    rng = day_range(cl.get("time"))
    found = topics.match(line)
    speaker = _ref(cl.get("speaker"), ents)
    return Item(
        "claim", f"{meta.id}#{cl.get('id')}", meta, line, s, e, para,
        day0=rng[0] if rng else None, day1=rng[1] if rng else None,
        speaker=speaker, actors=(speaker,) if speaker else (),
        chain=tuple(r for r in (_ref(x, ents) for x in cl.get("chain", [])) if r),
        claim_text=content, modality="reported",
        topics=tuple(found), stance=topics.stance(content, found), tokens=tokens(content))
