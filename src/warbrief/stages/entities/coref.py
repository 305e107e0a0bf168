"""Canonical entities of one document (the `warbrief_entities` stage).

Sources, in order (a later source never takes characters an earlier one holds):

1. `doc._.wb.known` from the `warbrief_known` stage: knowledge-base names, descriptions
   resolved to an office holder or an organisation ("the Russian defence minister",
   "Russian forces"), demonyms as GROUP;
2. `doc._.wb.places` from the places stage: PLACE entities (`geonames:<id>`, else `local:`);
3. the statistical NER's remaining spans, stripped of leading titles and determiners and of a
   trailing possessive: linked to the knowledge base when the text is a known name or the
   surname of a person the document names; otherwise `local:<slug>`. "John Smith ... Smith"
   is one local entity; a gazetteer place or a country the NER typed PERSON/ORG becomes PLACE;
   spans made only of menu/button words are dropped, and an unknown span in a title-case line
   (headline, menu, "- [Headline](url)"), a photo credit, a byline or in capitals is kept only
   when a plain body line names it too;
4. bare titles ("the president", "the head of state") linked to the nearest person named in
   the document who holds (or, after "former", held) that office.

Every mention goes to `doc._.wb.mention_index[(start, end)]`; entities are ordered by their
first mention, mentions by offset, and `text[start:end] == mention.text` always holds.
"""

from __future__ import annotations

import functools
import logging
import re
from datetime import date
from typing import Any

from ...analysis import Entity, PlaceInfo, Span
from ...knowledge import DATA
from ...knowledge.actors import ActorKB, slug
from ...knowledge.honorifics import title_words
from .spans import POSSESSIVE

log = logging.getLogger(__name__)

NER_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "PLACE": "PLACE", "NORP": "GROUP",
             "FAC": "OTHER"}
LEADING_DROP = {"the", "a", "an", "this", "that", "these", "those", "his", "her", "their", "its", "our"}
JUNK = re.compile(r"[\[\]|<>*=_/\\{}@#]|://")
HYPHEN_PREFIXES = {"pro", "anti", "non", "intra", "inter", "post", "pre", "sino", "euro", "trans", "ex"}
# single words with a typical Ukrainian/Russian toponym ending, or "<Adj> Yar/Stav/..." (never a
# given name or a surname ending: -sky, -ov, -enko, -uk stay people)
PLACE_SHAPE = re.compile(r"^(?:[A-Z][a-z'’]{3,}(?:ivka|ske|zke|ove|eve|yne|ivtsi|ytsia|hrad|horod|opil|sk|ovo|evo|"
                         r"ychi|yshche|ishche)|[A-Z][a-z'’]+ (?:Yar|Stav|Rih|Dvir|Bereh|Oblast|Krai|Raion))$")
NEAR_COUNTRIES = {"UA", "RU", "BY", "MD", "PL", "RO", "GE", "SK", "HU", "LT", "LV", "EE", "FI"}


@functools.cache
def page_words() -> frozenset[str]:
    """Words of site furniture (menus, buttons, footers), from knowledge/data/page_words.txt:
    a span made only of these is never an entity."""
    text = (DATA / "page_words.txt").read_text(encoding="utf-8")
    return frozenset(w for line in text.splitlines() if not line.startswith("#") for w in line.split())

FUNCTION_WORDS = {"of", "the", "and", "for", "in", "on", "at", "to", "with", "by", "&", "or", "a", "an", "as", "vs",
                  "vs."}
# context that marks a name as a credit or a byline, not an actor: "Photo: X", "X/Getty", "By X"
CREDIT_BEFORE = re.compile(r"(?:\b(?:photo|photograph|picture|image|credit|video)s?\s*(?:by|[:：])"
                           r"|^\s*(?:by|written by|reporting by|edited by)|[©]\s*)\s*$", re.I)
CREDIT_AFTER = re.compile(r"^\s*(?:/|\bvia\s+(?:Getty|AFP|Reuters|AP|EPA)|\bfor\s+(?:Getty|AFP|Reuters|AP|EPA)"
                          r"|\|\s*(?:Getty|AFP|Reuters|AP|EPA))")


class _Acc:
    """Entities under construction: id -> Entity, with de-duplicated mentions."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.by_id: dict[str, Entity] = {}
        self.seen: set[tuple[int, int]] = set()

    def add(self, eid: str, name: str, etype: str, country: str | None, start: int, end: int,
            place: PlaceInfo | None = None) -> None:
        if (start, end) in self.seen or start >= end:
            return
        self.seen.add((start, end))
        ent = self.by_id.get(eid)
        if ent is None:
            ent = self.by_id[eid] = Entity(eid, name, etype, country, [], place)
        elif country and not ent.country:
            ent.country = country
        ent.mentions.append(Span(start, end, self.text[start:end]))

    def first(self, eid: str) -> int:
        return min(m.start for m in self.by_id[eid].mentions)

    def finish(self) -> tuple[list[Entity], dict[tuple[int, int], str]]:
        index: dict[tuple[int, int], str] = {}
        for e in self.by_id.values():
            e.mentions.sort(key=lambda m: (m.start, m.end))
            for m in e.mentions:
                index[(m.start, m.end)] = e.id
        ents = sorted(self.by_id.values(), key=lambda e: (e.mentions[0].start, e.mentions[0].end))
        return ents, index


def _unit_ids(units: list[Any], text: str) -> dict[tuple[int, int], tuple[str, str | None]]:
    """(start, end) -> (entity id, country) for the numbered units a pattern found. Both armies
    number their units alike ("11th Army Corps"): when a document names one unit for both sides,
    each side is its own entity (`local:ru-11th-army-corps`), and a mention without a side joins
    the last side named before it; a unit named for one side only keeps `local:<slug>` and that
    side."""
    sides: dict[str, set[str]] = {}
    for k in units:
        if k.data.get("country"):
            sides.setdefault(_unit_name(k, text), set()).add(k.data["country"])
    out: dict[tuple[int, int], tuple[str, str | None]] = {}
    last: dict[str, str] = {}
    for k in sorted(units, key=lambda k: k.start):
        name = _unit_name(k, text)
        seen = sides.get(name, set())
        cc = k.data.get("country")
        if len(seen) < 2:
            out[(k.start, k.end)] = ("local:" + slug(name), cc or next(iter(seen), None))
            continue
        cc = cc or last.get(name)
        if cc:
            last[name] = cc
        out[(k.start, k.end)] = ("local:" + slug(f"{cc} {name}" if cc else name), cc)
    return out


def _unit_name(k: Any, text: str) -> str:
    return k.data.get("name") or text[k.start:k.end]


class EntityAssembler:
    """Built once per pipeline; `assemble(doc)` fills `doc._.wb.entities` and `mention_index`."""

    def __init__(self, kb: ActorKB) -> None:
        self.kb = kb
        self._gaz: Any = None
        self._gaz_failed = False

    # ------------------------------------------------------------------ main
    def assemble(self, doc: Any) -> None:
        st = doc._.wb
        kb = self.kb
        when: date | None = st.published_dt.date() if st.published_dt else None
        acc = _Acc(st.text)
        flags: list[str | None] = [None] * len(doc)  # per token: "title" | "taken" | "place"
        prefixes: dict[int, dict[str, Any]] = {}  # token index right after a title -> its data
        pending = []
        unit_ids = _unit_ids([k for k in st.known if k.origin == "pattern"], st.text)
        for k in st.known:
            if k.origin == "gazetteer":
                continue
            toks = _tokens(doc, k.start, k.end)
            for i in toks:
                flags[i] = "title" if (k.origin == "title" and not k.kb_id) else "taken"
            if k.kb_id:
                a = kb.actors.get(k.kb_id)
                name = a.name if a else k.data.get("name") or st.text[k.start:k.end]
                acc.add(k.kb_id, name, a.type if a else k.label, a.country if a else k.data.get("country"),
                        k.start, k.end)
            elif k.origin == "pattern":  # a numbered unit the knowledge base lacks
                name = k.data.get("name") or st.text[k.start:k.end]
                eid, country = unit_ids[(k.start, k.end)]
                acc.add(eid, name, k.label, country, k.start, k.end)
            elif k.label == "OTHER" and toks:
                prefixes[toks[-1] + 1] = k.data
            else:
                pending.append(k)
        for p in st.places:
            for i in _tokens(doc, p.start, p.end):
                flags[i] = "place"
            eid = p.entity_id or "local:" + slug(p.name or p.text)
            acc.add(eid, p.name or p.text, "PLACE", p.place.country if p.place else None, p.start, p.end, p.place)
        self._ner(doc, acc, flags, prefixes)
        self._titles(acc, pending, when)
        st.entities, st.mention_index = acc.finish()

    # ------------------------------------------------------------------ NER spans
    def _ner(self, doc: Any, acc: _Acc, flags: list[str | None], prefixes: dict[int, dict[str, Any]]) -> None:
        kb = self.kb
        st_text = acc.text
        persons: list[tuple[int, int, str, str | None]] = []  # start, end, text, country from a title
        others: list[tuple[int, int, str, str]] = []
        lines = _Lines(st_text)
        for ent in doc.ents:
            etype = NER_TYPES.get(ent.label_)
            if etype is None:
                continue
            s, e = ent.start, ent.end
            while s < e and flags[s] == "title":
                s += 1
            marks = [flags[i] for i in range(s, e)]
            if any(marks) and not (etype in ("ORG", "OTHER") and "place" in marks and not all(marks)
                                   and not ({"taken", "title"} & set(marks))):
                continue  # an institution keeps its name around the place in it ("Fargo Police")
            s, e = _clean(doc, s, e, etype)
            if s >= e or not _plausible(doc, s, e, etype):
                continue
            if etype in ("PERSON", "ORG") and _place_like(doc[s:e].text):
                etype = "PLACE"
            start, end = doc[s].idx, doc[e - 1].idx + len(doc[e - 1].text)
            text = st_text[start:end]
            if _page_furniture(text) or (_doubtful(lines, start, end) and _known(kb, text) is None
                                         and not _confirmed(lines, text, start)):
                continue
            prefix = prefixes.get(s) or prefixes.get(ent.start)
            if etype == "PERSON":
                persons.append((start, end, text, prefix.get("country") if prefix else None))
            else:
                others.append((start, end, text, etype))
        surnames: dict[str, str] = {}  # surname -> entity id, from people named in full
        for eid in acc.by_id:
            a = kb.actors.get(eid)
            if a is not None and a.type == "PERSON":
                for n in (a.name, *a.aliases):
                    surnames.setdefault(n.split()[-1], eid)
        for start, end, text, country in sorted(persons, key=lambda p: -len(p[2].split())):
            self._person(acc, start, end, text, country, surnames)
        for start, end, text, etype in others:
            self._other(acc, start, end, text, etype, surnames)

    def _person(self, acc: _Acc, start: int, end: int, text: str, country: str | None, surnames: dict[str, str]) -> None:
        kb = self.kb
        words = text.split()
        actor = _known(kb, text)
        if actor is not None:
            acc.add(actor.id, actor.name, actor.type, actor.country, start, end)
            if actor.type == "PERSON":
                surnames.setdefault(words[-1], actor.id)
            return
        place_cc = self._place_country(text)
        if place_cc is not None:
            acc.add("local:" + slug(text), text, "PLACE", place_cc or None, start, end)
            return
        if len(words) == 1 and text in surnames:
            eid = surnames[text]
            ent = acc.by_id[eid]
            acc.add(eid, ent.name, ent.type, ent.country, start, end)
            return
        if len(words) == 1:
            # a first name alone ("Boris" after "Boris Johnson"): the one person so named
            same = [e for e in acc.by_id.values() if e.type == "PERSON" and len(e.name.split()) > 1
                    and e.name.split()[0] == text]
            if len(same) == 1:
                acc.add(same[0].id, same[0].name, "PERSON", same[0].country, start, end)
                return
        if len(words) > 1 and words[-1] in surnames:
            # "Vladimir Zelensky" spelled in a way the KB lacks: same surname, same initial
            eid = surnames[words[-1]]
            ent = acc.by_id[eid]
            if ent.name[:1] == words[0][:1]:
                acc.add(eid, ent.name, ent.type, ent.country, start, end)
                return
        eid = "local:" + slug(text)
        acc.add(eid, text, "PERSON", country, start, end)
        surnames.setdefault(words[-1], eid)

    def _other(self, acc: _Acc, start: int, end: int, text: str, etype: str, surnames: dict[str, str]) -> None:
        kb = self.kb
        actor = _known(kb, text)
        if actor is not None:
            acc.add(actor.id, actor.name, actor.type, actor.country, start, end)
            return
        if etype in ("ORG", "PLACE") and text in surnames:  # "Smith" mistyped after "John Smith"
            eid = surnames[text]
            ent = acc.by_id[eid]
            acc.add(eid, ent.name, ent.type, ent.country, start, end)
            return
        if etype == "GROUP":
            gid = kb.ner_names.get(text)
            if gid is not None:
                g = kb.actors[gid]
                acc.add(g.id, g.name, g.type, g.country, start, end)
                return
            code = kb.country_of(text)
            if code is not None:
                c = kb.countries[code]
                acc.add(c.group_id, c.group_name, "GROUP", code, start, end)
            else:
                acc.add("local:" + slug(text), text, "GROUP", None, start, end)
            return
        if etype == "ORG":
            place_cc = self._place_country(text)
            if place_cc is not None:
                etype = "PLACE"
                country: str | None = place_cc or None
            else:
                first = text.split()[0]
                country = kb.country_of(first) if kb.country_words.get(first.lower(), ("", ""))[1] == "adj" else None
            acc.add("local:" + slug(text), text, etype, country, start, end)
            return
        country = kb.country_of(text) if etype == "PLACE" else None
        acc.add("local:" + slug(text), text, etype, country, start, end)

    # ------------------------------------------------------------------ places the NER mistyped
    def _place_country(self, text: str) -> str | None:
        """The country ("" when unknown) if `text` names a country, capital or a gazetteer place
        near the war; None if it is not a place."""
        hit = self.kb.country_words.get(text.lower())
        if hit and hit[1] in ("name", "capital"):
            return hit[0]
        gaz = self._gazetteer()
        if gaz is None:
            return None
        try:
            cands = gaz.lookup(text)
        except Exception as exc:  # noqa: BLE001 - the gazetteer is optional here
            log.debug("gazetteer lookup failed: %r", exc)
            return None
        best = [c for c in cands if c.kind <= 1 and (c.country in NEAR_COUNTRIES or c.feature in ("country", "region")
                                                      or c.population >= 1_000_000)]
        if not best:
            return None
        return max(best, key=lambda c: c.population).country or ""

    def _gazetteer(self) -> Any:
        if self._gaz is None and not self._gaz_failed:
            try:
                from ...knowledge.gazetteer import get_gazetteer

                self._gaz = get_gazetteer()
            except Exception as exc:  # noqa: BLE001 - without a gazetteer the check is skipped
                log.info("entities: no gazetteer (%r); NER PERSON/ORG spans are not checked against places", exc)
                self._gaz_failed = True
        return self._gaz

    # ------------------------------------------------------------------ bare titles
    def _titles(self, acc: _Acc, pending: list[Any], when: date | None) -> None:
        """Link "the president", "the former Russian president" to a person the document names."""
        kb = self.kb
        for k in pending:
            title, where = k.data.get("title"), k.data.get("where")
            titles = tuple(kb.heads) if title in kb.heads else (title,)
            best: tuple[int, str] | None = None
            for eid, ent in acc.by_id.items():
                a = kb.actors.get(eid)
                if a is None or a.type != "PERSON":
                    continue
                if not (kb.holds(a, titles, when, where) or kb.holds(a, titles, None, where)):
                    continue
                exact = kb.holds(a, titles, when, where)
                before = [m.start for m in ent.mentions if m.start < k.start]
                dist = (k.start - max(before)) if before else 10**9 + min(m.start for m in ent.mentions)
                score = dist if exact else dist + 10**6
                if best is None or score < best[0]:
                    best = (score, eid)
            if best is not None:
                ent = acc.by_id[best[1]]
                acc.add(ent.id, ent.name, ent.type, ent.country, k.start, k.end)


def _tokens(doc: Any, start: int, end: int) -> list[int]:
    span = doc.char_span(start, end, alignment_mode="expand")
    return list(range(span.start, span.end)) if span is not None else []


def _clean(doc: Any, s: int, e: int, etype: str) -> tuple[int, int]:
    """Cut a span at the first line break or scrap of markup ("Burns| Jan", "Liffey\nOur"), then
    strip it."""
    for i in range(s, e):
        t = doc[i]
        if (t.is_space and "\n" in t.text) or JUNK.search(t.text) or t.like_url:
            e = i
            break
    return _strip(doc, s, e, etype)


def _plausible(doc: Any, s: int, e: int, etype: str) -> bool:
    """An NER span worth an entity: starts with a capital or digit-free name, is not a fragment
    of a hyphenated word ("pro" in "pro-Russian")."""
    first = doc[s].text
    if not first[:1].isupper():
        return False
    if etype == "PERSON" and any(ch.isdigit() for t in doc[s:e] for ch in t.text):
        return False
    before = doc[s - 1].text if s > 0 else ""
    after = doc[e].text if e < len(doc) else ""
    return not (etype == "GROUP" and (before == "-" or after == "-" or (e - s == 1 and first.lower() in HYPHEN_PREFIXES)))


def _place_like(text: str) -> bool:
    """Shaped like a Ukrainian or Russian place name: "Krasnohirske", "Rusyn Yar", "Zatyshok"."""
    return bool(PLACE_SHAPE.search(text))


def _strip(doc: Any, s: int, e: int, etype: str) -> tuple[int, int]:
    """Drop leading determiners (and titles, for people) and a trailing possessive."""
    while s < e and (doc[s].lower_ in LEADING_DROP or doc[s].is_space or doc[s].is_punct
                     or (etype == "PERSON" and e - s > 1 and doc[s].lower_ in title_words())):
        s += 1
    while e > s and (doc[e - 1].text in POSSESSIVE or doc[e - 1].is_punct or doc[e - 1].is_space
                     or doc[e - 1].lower_ in FUNCTION_WORDS):  # "Carnegie Corporation of"
        e -= 1
    return s, e


def _known(kb: ActorKB, text: str) -> Any:
    hits = kb.by_alias.get(text)
    if not hits and text.isupper() and len(text) > 5:  # "ZELENSKYY", "REUTERS" in a headline or credit
        hits = kb.by_alias.get(text.title()) or kb.by_alias.get(" ".join(w.capitalize() for w in text.split()))
    if hits:
        return hits[0]
    return None


WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# each alternative scans forward from a fixed start ("](", a chunk's first character, "www."),
# so the scan is linear on any line (an unanchored `\S+://` is quadratic on one long token)
LINK_TARGET = re.compile(r"\]\([^)\s\]]*\)|(?<!\S)\S+://\S+|\bwww\.\S+")


class _Lines:
    """The document's lines, each marked title-like (a headline, a menu entry, a caption line
    whose every content word is capitalised) or not."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.spans: list[tuple[int, int, bool]] = []
        pos = 0
        for line in text.split("\n"):
            bare = LINK_TARGET.sub(" ", line)  # "- [Headline](https://...)": judge the headline
            words = [w for w in WORD.findall(bare) if w.lower() not in FUNCTION_WORDS]
            # a list of names ("support from A, B, C and D") is not a headline
            title = (bool(words) and sum(w[:1].isupper() for w in words) >= 0.85 * len(words)
                     and bare.count(",") + bare.count(";") < 3)
            self.spans.append((pos, pos + len(line), title))
            pos += len(line) + 1

    def line(self, start: int) -> tuple[int, int, bool]:
        lo, hi = 0, len(self.spans) - 1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.spans[mid][0] <= start:
                lo = mid
            else:
                hi = mid - 1
        return self.spans[lo]


def _page_furniture(text: str) -> bool:
    """"Cookie Policy", "Latest News", "Ctrl + Enter": made only of menu and button words."""
    words = [w.lower().strip(".") for w in WORD.findall(text)]
    content = [w for w in words if w not in FUNCTION_WORDS]
    return bool(content) and all(w in page_words() for w in content)


def _doubtful(lines: _Lines, start: int, end: int) -> bool:
    """A span in a headline or menu line, in a photo credit or a byline, or in capitals: an
    entity only if the body names it too."""
    ls, le, title = lines.line(start)
    if title:
        return True
    text = lines.text
    if CREDIT_BEFORE.search(text[ls:start]) or CREDIT_AFTER.search(text[end:le]):
        return True
    span = text[start:end]
    return span.isupper() and sum(ch.isalpha() for ch in span) > 5


def _confirmed(lines: _Lines, text: str, start: int) -> bool:
    """Is `text` also in a plain body line? (Not its surname alone: "Trump Warns Clinton".)"""
    for m in re.finditer(r"(?<!\w)" + re.escape(text) + r"(?!\w)", lines.text):
        if m.start() != start and not _doubtful(lines, m.start(), m.end()):
            return True
    return False
