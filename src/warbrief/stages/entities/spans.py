"""Knowledge-base actors found before the statistical NER (the `warbrief_known` stage).

One `KnownMatcher` is built per pipeline from the actor knowledge base. On each Doc it finds:

- names and aliases of known actors, case-sensitive ("Putin", "Kremlin", "HIMARS");
- descriptions built from a country reference (adjective "Russian", possessive "Russia's" or
  "Kyiv's", adjectival "US") followed by
    * a title -> the office holder on the document's date ("the Russian defence minister"),
    * a template head -> a generic organisation or group ("Polish troops", "Russian forces"),
    * nothing known -> the country's people as a GROUP ("Russian" in "Russian drones");
- a title right before a name ("Russian President", "Defence Minister" in "Defence Minister
  Andrei Belousov"): kept as origin "title" so that later stages neither type it nor split
  the name, and so that an unknown name after it gets the title's country;
- a bare "the president", "the head of state": origin "title" with no kb_id, resolved by
  the entities stage from the people the document names;
- surnames of known people named in full elsewhere in the document ("Austin" after
  "Lloyd Austin").

Results go to `doc._.wb.known` (character offsets) and, for typed spans, into `doc.ents` so
that the statistical NER predicts around them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ...knowledge.actors import Actor, ActorKB
from ...knowledge.honorifics import title_words
from ..state import KnownSpan

SPACY_LABEL = {"PERSON": "PERSON", "ORG": "ORG", "GROUP": "NORP", "MILITARY_UNIT": "ORG", "WEAPON": "PRODUCT",
               "OTHER": "ORG"}
POSSESSIVE = {"'s", "’s", "'", "’"}
ORDINAL = re.compile(r"^\d{1,4}(?:st|nd|rd|th)$")
# words between a country and a title that keep the office's holder ("Russia's top diplomat")
KEEP_MODIFIERS = {"top", "new", "current", "newly", "appointed", "powerful", "veteran", "longtime", "long-time",
                  "incumbent", "sitting", "chief"}
# words that make the holder someone else ("former", "deputy"): the title is only absorbed
OTHER_MODIFIERS = {"former", "ex", "ex-", "deputy", "vice", "acting", "late", "first", "outgoing", "incoming",
                   "then", "future", "assistant", "interim", "previous", "second", "next", "retired", "one-time",
                   "onetime", "would-be", "prospective", "senior"}


@dataclass
class Cand:
    start: int  # token indices
    end: int
    label: str  # contract entity type
    kb_id: str | None
    origin: str  # "kb" | "description" | "title"
    prio: int  # lower wins among equally long candidates
    data: dict[str, Any] = field(default_factory=dict)


def _is_name_start(doc: Any, i: int) -> bool:
    """Does a proper name start at token i ("Vladimir" in "President Vladimir Putin")?"""
    if i >= len(doc):
        return False
    t = doc[i]
    return t.text[:1].isupper() and t.is_alpha and t.lower_ not in title_words() and not t.is_sent_start


class KnownMatcher:
    """Built once per pipeline: phrase matchers over the knowledge base's names and words."""

    def __init__(self, nlp: Any, kb: ActorKB) -> None:
        from spacy.matcher import PhraseMatcher

        self.kb = kb
        self.exact = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.lower = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.vocab = nlp.vocab
        exact: dict[str, list[str]] = {}
        for actor in kb.actors.values():
            for name in (actor.name, *actor.aliases):
                exact.setdefault("A|" + actor.id, []).append(name)
        for code, c in kb.countries.items():
            for kind, words in (("name", (c.name, *c.aliases)), ("capital", (c.capital,) if c.capital else ()),
                                ("adj", c.adj), ("plural", c.plural)):
                exact.setdefault(f"C|{code}|{kind}", []).extend(words)
        lower: dict[str, list[str]] = {}
        for variant, canonical in kb.titles.items():
            lower.setdefault("T|" + canonical, []).append(variant)
        for t in kb.org_templates + kb.group_templates:
            for h in t.heads:
                lower.setdefault("H|" + h, []).append(h)
        for actor in kb.actors.values():
            for d in actor.descriptions:
                lower.setdefault("D|" + actor.id, []).append(d)
        for key, phrases in exact.items():
            self.exact.add(key, list(nlp.tokenizer.pipe(sorted(set(phrases)))))
        for key, phrases in lower.items():
            self.lower.add(key, list(nlp.tokenizer.pipe(sorted({p.lower() for p in phrases}))))

    # ------------------------------------------------------------------ per document
    def find(self, doc: Any, when: date | None) -> list[Cand]:
        strings = self.vocab.strings
        cands: list[Cand] = []
        countries: list[tuple[int, int, str, str]] = []
        titles: dict[int, list[tuple[int, str]]] = {}
        heads: dict[int, list[tuple[int, str]]] = {}
        for key, s, e in self.exact(doc):
            k = strings[key]
            if k.startswith("A|"):
                actor = self.kb.actors[k[2:]]
                cands.append(Cand(s, e, actor.type, actor.id, "kb", 0))
            else:
                _, code, kind = k.split("|")
                countries.append((s, e, code, kind))
        for key, s, e in self.lower(doc):
            k = strings[key]
            if k.startswith("T|"):
                titles.setdefault(s, []).append((e, k[2:]))
            elif k.startswith("H|"):
                heads.setdefault(s, []).append((e, k[2:]))
            else:
                actor = self.kb.actors[k[2:]]
                cands.append(Cand(s, e, actor.type, actor.id, "description", 1))
        for v in titles.values():
            v.sort(reverse=True)
        for v in heads.values():
            v.sort(reverse=True)
        cands.extend(self._country_descriptions(doc, countries, titles, heads, when))
        cands.extend(self._org_titles(doc, cands, titles, when))
        cands.extend(self._bare_titles(doc, titles, countries, when))
        cands.extend(self._heads_of_country(doc, heads, countries))
        units = {c.start: self.kb.actors[c.kb_id].country for c in cands
                 if c.label == "MILITARY_UNIT" and c.kb_id in self.kb.actors}
        cands.extend(_numbered_units(doc, countries, units))
        cands = _units_of_their_side(cands, countries, units)
        cands = [c for c in cands if not _opens_place_name(doc, c)]
        for c in cands:  # "Kremlin spokesman Dmitry Peskov": a description right before a name
            if c.origin == "description" and c.label == "PERSON" and _is_name_start(doc, c.end):
                c.label, c.kb_id, c.origin, c.prio = "OTHER", None, "title", 1
        chosen = _select(cands)
        chosen.extend(self._surnames(doc, chosen))
        chosen.sort(key=lambda c: c.start)
        return chosen

    def _country_descriptions(self, doc: Any, countries: list[tuple[int, int, str, str]],
                              titles: dict[int, list[tuple[int, str]]], heads: dict[int, list[tuple[int, str]]],
                              when: date | None) -> list[Cand]:
        out = []
        kinds: dict[tuple[int, int], set[str]] = {}
        for s, e, _, kind in countries:
            kinds.setdefault((s, e), set()).add(kind)
        for s, e, code, kind in countries:
            if kind == "adj" and "name" in kinds[(s, e)]:
                continue  # "US": handled once, as a name that can also qualify a noun
            if (s > 0 and doc[s - 1].text == "-") or (e < len(doc) and doc[e].text == "-"):
                continue  # "pro-Russian", "Russian-occupied": not a reference to the country's people
            j = e
            possessive = j < len(doc) and doc[j].text in POSSESSIVE
            if possessive:
                j += 1
            if kind == "capital" and not possessive:
                continue
            start = s - 1 if s > 0 and doc[s - 1].lower_ in ("former", "ex") else s
            resolvable = start == s
            k = j
            while k < len(doc) and k not in titles and doc[k].lower_ in KEEP_MODIFIERS | OTHER_MODIFIERS:
                if doc[k].lower_ in OTHER_MODIFIERS:
                    resolvable = False
                k += 1
            if k in titles:
                t_end, canonical = titles[k][0]
                out.append(self._title_cand(doc, s, t_end, canonical, code, resolvable, when))
                continue
            if j in heads:
                h_end, head = heads[j][0]
                tmpl = self.kb.template(head)
                if tmpl is not None:
                    country = self.kb.countries[code]
                    tid, tname = tmpl.make(country)
                    known = self.kb.actors.get(tid)
                    out.append(Cand(s, h_end, tmpl.type, tid, "description", 2,
                                    {"country": code, "name": known.name if known else tname}))
                    continue
            if kind in ("adj", "plural") and not possessive and not _is_name_start(doc, e):
                # a demonym alone; before a capitalised word ("Ukrainian Red Cross") the NER decides
                c = self.kb.countries[code]
                out.append(Cand(s, e, "GROUP", c.group_id, "kb", 3, {"country": code, "name": c.group_name}))
        return out

    def _title_cand(self, doc: Any, s: int, t_end: int, canonical: str, where: str | None, resolvable: bool,
                    when: date | None) -> Cand:
        data: dict[str, Any] = {"title": canonical, "country": where if where and len(where) == 2 else None,
                                "where": where}
        if _is_name_start(doc, t_end):  # "Russian President Vladimir Putin": the title is absorbed
            return Cand(s, t_end, "OTHER", None, "title", 1, data)
        if resolvable:
            holders = self.kb.holders(canonical, where, when)
            if len(holders) == 1:
                a = holders[0]
                data["reason"] = f"{canonical} of {where} on {when or 'the current date'}"
                return Cand(s, t_end, "PERSON", a.id, "description", 1, data)
        return Cand(s, t_end, "PERSON", None, "title", 1, data)

    def _org_titles(self, doc: Any, cands: list[Cand], titles: dict[int, list[tuple[int, str]]],
                    when: date | None) -> list[Cand]:
        """"NATO Secretary-General", "UN chief": an organisation followed by a title."""
        out = []
        for c in cands:
            if c.origin == "kb" and c.label == "ORG" and c.end in titles:
                t_end, canonical = titles[c.end][0]
                cand = self._title_cand(doc, c.start, t_end, canonical, c.kb_id, True, when)
                cand.prio = 2
                out.append(cand)
        return out

    def _bare_titles(self, doc: Any, titles: dict[int, list[tuple[int, str]]],
                     countries: list[tuple[int, int, str, str]], when: date | None) -> list[Cand]:
        """"the president" / "the former president" (resolved later from the people the
        document names), "the president of Poland", and "President" right before a name."""
        out = []
        after_country = {e for _, e, _, _ in countries} | {e + 1 for _, e, _, _ in countries}
        names = {s: (e, code) for s, e, code, kind in countries if kind == "name"}
        for s, found in titles.items():
            if s in after_country:
                continue
            t_end, canonical = found[0]
            prev = doc[s - 1].lower_ if s > 0 else ""
            former = prev in ("former", "ex", "then", "late", "previous")
            det = prev == "the" or (former and s > 1 and doc[s - 2].lower_ == "the")
            of = _of_country(doc, t_end, names)
            if of is not None and (det or doc[s].text[:1].isupper()):
                out.append(self._title_cand(doc, s, of[0], canonical, of[1], not former, when))
                continue
            data: dict[str, Any] = {"title": canonical, "country": None, "where": None, "former": former}
            if _is_name_start(doc, t_end):
                out.append(Cand(s, t_end, "OTHER", None, "title", 4, data))
            elif det and canonical in self.kb.heads + (
                    "defence minister", "foreign minister", "commander-in-chief", "presidential spokesperson"):
                out.append(Cand(s, t_end, "PERSON", None, "title", 4, data))
        return out

    def _heads_of_country(self, doc: Any, heads: dict[int, list[tuple[int, str]]],
                          countries: list[tuple[int, int, str, str]]) -> list[Cand]:
        """"the armed forces of Ukraine", "the government of Poland"."""
        out = []
        names = {s: (e, code) for s, e, code, kind in countries if kind == "name"}
        for s, found in heads.items():
            h_end, head = found[0]
            of = _of_country(doc, h_end, names)
            tmpl = self.kb.template(head)
            if of is None or tmpl is None or (s > 0 and doc[s - 1].lower_ not in ("the", "of", "by", "to", "and")):
                continue
            tid, tname = tmpl.make(self.kb.countries[of[1]])
            known = self.kb.actors.get(tid)
            out.append(Cand(s, of[0], tmpl.type, tid, "description", 2,
                            {"country": of[1], "name": known.name if known else tname}))
        return out

    def _surnames(self, doc: Any, chosen: list[Cand]) -> list[Cand]:
        """Surnames of known people named in full in this document, where the KB has no alias."""
        surnames: dict[str, Actor] = {}
        for c in chosen:
            if c.label == "PERSON" and c.kb_id and c.origin == "kb":
                a = self.kb.actors[c.kb_id]
                if a.surname and a.surname not in a.aliases:
                    surnames.setdefault(a.surname, a)
        if not surnames:
            return []
        taken = {i for c in chosen for i in range(c.start, c.end)}
        out = []
        for t in doc:
            hit = surnames.get(t.text)
            if hit is not None and t.i not in taken:
                nxt = doc[t.i + 1] if t.i + 1 < len(doc) else None
                if nxt is not None and nxt.text[:1].isupper() and nxt.is_alpha and not nxt.is_sent_start:
                    continue  # part of a longer name
                out.append(Cand(t.i, t.i + 1, "PERSON", hit.id, "kb", 0))
        return out


UNIT_NOUNS = {"Brigade", "Division", "Regiment", "Battalion", "Army", "Corps", "Fleet", "Flotilla", "Squadron",
              "Detachment", "Battery", "Company"}


def _country_refs(doc: Any, countries: list[tuple[int, int, str, str]]) -> dict[int, tuple[int, str]]:
    """token index -> (start, ISO2) of a country reference ending right before it ("Russian",
    "Ukraine's")."""
    before = {e: (s, code) for s, e, code, kind in countries if kind in ("adj", "name")}
    before.update({e + 1: (s, code) for s, e, code, _ in countries if e < len(doc) and doc[e].text in POSSESSIVE})
    return before


def _units_of_their_side(cands: list[Cand], countries: list[tuple[int, int, str, str]],
                         units: dict[int, str | None]) -> list[Cand]:
    """A unit name both armies use ("3rd Army Corps") is the knowledge base's unit only when the
    country named before it is that unit's: "the Russian 3rd Army Corps" is not Ukraine's."""
    if not units or not countries:
        return cands
    before = {e: code for _, e, code, kind in countries if kind in ("adj", "name")}
    return [c for c in cands if not (c.origin == "kb" and c.label == "MILITARY_UNIT" and c.start in before
                                     and units.get(c.start) and before[c.start] != units[c.start])]


def _numbered_units(doc: Any, countries: list[tuple[int, int, str, str]],
                    units: dict[int, str | None] | None = None) -> list[Cand]:
    """"the 20th Motorized Rifle Division", "Ukraine's 47th Separate Mechanized Brigade": a unit
    the knowledge base may lack, with the country of a reference right before it, else of the
    known formation it is said to belong to ("the 5th Brigade (51st CAA)": Russia's)."""
    before = _country_refs(doc, countries)
    units = units or {}
    out = []
    for t in doc:
        if not ORDINAL.match(t.text):
            continue
        j = t.i + 1
        while j < len(doc) and j - t.i <= 6 and (doc[j].text[:1].isupper() or doc[j].text == "-"):
            if doc[j].text in UNIT_NOUNS:
                while j + 1 < len(doc) and doc[j + 1].text in UNIT_NOUNS:  # "11th Army Corps"
                    j += 1
                ref = before.get(t.i)
                parent = _parent_side(doc, j + 1, units)
                data = {"name": doc[t.i:j + 1].text, "country": ref[1] if ref else parent}
                out.append(Cand(t.i, j + 1, "MILITARY_UNIT", None, "pattern", 5, data))
                if ref:  # "Russian" in "Russian 20th ... Division" is not a separate group
                    out.append(Cand(ref[0], t.i, "OTHER", None, "title", 5, {"country": ref[1]}))
                break
            j += 1
    return out


def _parent_side(doc: Any, i: int, units: dict[int, str | None]) -> str | None:
    """The country of the first known formation inside the brackets opening at token i (ISW's
    "(150th Motorized Rifle Division, 8th CAA, SMD)"), else None."""
    if i >= len(doc) or doc[i].text not in ("(", "["):
        return None
    closing = ")" if doc[i].text == "(" else "]"
    for k in range(i + 1, min(len(doc), i + 30)):
        if doc[k].text == closing:
            return None
        if units.get(k):
            return units[k]
    return None


def _of_country(doc: Any, i: int, names: dict[int, tuple[int, str]]) -> tuple[int, str] | None:
    """(end token, ISO2) of "of [the] <country name>" starting at token i, else None."""
    if i >= len(doc) or doc[i].lower_ != "of":
        return None
    j = i + 1
    if j < len(doc) and doc[j].lower_ == "the":
        j += 1
    return names.get(j)


def _opens_place_name(doc: Any, c: Cand) -> bool:
    """Is the match only the start of a longer place name ("the West" in "the West Bank", "the
    West Virginia Council")? A capitalised last word, then capitalised words that complete a
    gazetteer name."""
    if c.origin not in ("kb", "description") or c.end >= len(doc):
        return False
    if not (doc[c.end - 1].text[:1].isupper() and doc[c.end].text[:1].isupper() and doc[c.end].is_alpha):
        return False
    from ...knowledge.gazetteer import get_gazetteer

    gaz = get_gazetteer()
    s = c.start + 1 if doc[c.start].lower_ == "the" else c.start
    for j in range(c.end + 1, min(len(doc), c.end + 3) + 1):
        if not doc[j - 1].text[:1].isupper():
            break
        if any(x.kind <= 1 and x.feature in ("country", "region", "city", "district")
               for x in gaz.lookup(doc[s:j].text)):
            return True
    return False


def _select(cands: list[Cand]) -> list[Cand]:
    """Longest first, then by priority; no two chosen spans overlap."""
    taken: set[int] = set()
    chosen = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.prio, c.start)):
        toks = range(c.start, c.end)
        if any(i in taken for i in toks):
            continue
        taken.update(toks)
        chosen.append(c)
    return chosen


def apply(doc: Any, cands: list[Cand]) -> None:
    """Write the chosen spans to `doc._.wb.known` and preset the typed ones in `doc.ents`."""
    from spacy.tokens import Span

    st = doc._.wb
    ents = []
    for c in cands:
        first, last = doc[c.start], doc[c.end - 1]
        st.known.append(KnownSpan(first.idx, last.idx + len(last.text), c.label, c.kb_id, c.origin, dict(c.data)))
        if c.origin == "pattern" or (c.origin != "title" and c.kb_id):
            ents.append(Span(doc, c.start, c.end, label=SPACY_LABEL.get(c.label, "ORG")))
    if ents:
        doc.set_ents(ents, default="unmodified")
