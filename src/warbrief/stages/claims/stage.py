"""Claims stage (`warbrief_claims`): who said what, through whom, and when.

Runs after `warbrief_entities` and `warbrief_times`. Steps, each in its own module:

1. quotations in any style (`quotes.scan_quotes`);
2. reported speech from the dependency parse (`reported.find_reported`): a cue verb from
   `claim_cues.yaml` with a content clause, infinitive, object or colon; "according to X";
   "X's statement that ...";
3. quotations the grammar did not cover are attributed to a nearby speech verb, or continue
   the previous speaker's quotation (`quotes.QuoteAttributor`);
4. layout claims: a headline "... – ISW", items of a list under "ISW key findings ...:"
   (`headings`);
5. speakers linked to entities through names, pronouns and descriptions (`speakers`);
6. chains (the claims whose content holds this claim's cue, outermost first) and the
   statement time (a time expression attached to the cue outside the content).

Output: `doc._.wb.claims` (contract `Claim`s, ids c1, c2, ... in text order) and, for
debugging, `doc._.wb.notes["claim_reasons"]` = {claim id: why it was found and who spoke}.
"""

from __future__ import annotations

import re
from typing import Any

from ...analysis import ChainLink, Claim, Span, Speaker
from ...lang.profiles import is_cyrillic
from . import cyrillic
from .cues import ClaimCues, Found, load_claim_cues
from .headings import find_headline, find_lists, find_title
from .quotes import Quote, QuoteAttributor, scan_quotes
from .reported import find_reported
from .speakers import FIRST_PRON, SpeakerResolver

MERGE_OVERLAP = 0.6
# a sentence end the parser may miss: ".[1] Next" / '." Next'
CITATION_TAIL = re.compile(r"\s*(?:\[\d+\]?)+\s*$")
MAX_TAIL = 200
SENTENCE_END = re.compile(r"[.!?](?=[\"”’]?(?:\[\d+\])+\s+[\"“A-Z])")  # a reported content mostly equal to a quotation is that quotation


def create_claims(nlp: Any, name: str):
    if is_cyrillic(nlp):  # the uk/ru profiles: quotation marks and cue lemmas (claims.cyrillic)
        def claims_cyrillic(doc: Any) -> Any:
            doc._.wb.claims = cyrillic.extract(doc)
            return doc

        return claims_cyrillic
    cues = load_claim_cues()

    def claims(doc: Any) -> Any:
        st = doc._.wb
        found = [f for f in collect(doc, cues) if st.outside_furniture(name, "a claim", f.start)]
        for f in found:  # a footnote marker is no part of what was said
            f.end = st.trim_markers(f.start, f.end)
        st.claims, reasons = build(doc, found, cues)
        st.notes["claim_reasons"] = reasons
        if st.forwarded_from:
            relay_forward(st.claims, st.forwarded_from)
        return doc

    return claims


def relay_forward(claims: list[Claim], channel: str) -> None:
    """A forwarded post's channel (Telegram) relayed every claim in the post: put it at the
    head of each claim's chain, unless the chain or the speaker already names it."""
    for claim in claims:
        if (claim.speaker and claim.speaker.name == channel) or any(link.name == channel for link in claim.chain):
            continue
        claim.chain.insert(0, ChainLink(None, channel))


# ---------------------------------------------------------------- detection
def collect(doc: Any, cues: ClaimCues) -> list[Found]:
    text = doc._.wb.text  # doc.text rebuilds the string on every call
    quotes = scan_quotes(text)
    reported = _dedupe([_one_sentence(text, r) for r in find_reported(doc, cues) if not _crosses_lines(text, r)])
    covered: set[int] = set()
    for r in reported:
        for k, q in enumerate(quotes):
            if not (q.start < r.end and r.start < q.end):
                continue
            cue_inside = r.cue is not None and q.open_at <= r.cue[0] < (q.close_at or q.end)
            if cue_inside:  # the quoted speaker's own reporting stays inside the quotation
                if q.close_at is not None:
                    r.start, r.end = max(r.start, q.start), min(r.end, q.end)
                continue
            if q.start >= r.start and q.end <= r.end:
                covered.add(k)
                if (q.end - q.start) >= MERGE_OVERLAP * (r.end - r.start):
                    r.direct = True
            elif _overlap(q, r) >= MERGE_OVERLAP:
                r.start, r.end, r.direct = q.start, q.end, True
                covered.add(k)
    found = [r for r in reported if r.end > r.start]
    attributor = QuoteAttributor(doc, cues, quotes)
    for k, q in enumerate(quotes):
        if k in covered:
            continue
        previous = max((f for f in found if f.end <= q.open_at), key=lambda f: f.end, default=None)
        f = attributor.found(q, previous)
        if f is not None:
            found.append(f)
    for head in (find_headline(text, cues), find_title(doc, cues)):
        if head is not None and not any(f.start < head.end and head.start < f.end for f in found):
            found.append(head)
    found.extend(find_lists(doc, cues))
    return _dedupe(found)


def _one_sentence(text: str, f: Found) -> Found:
    """A reported content after its cue ends with its sentence, even where the parser missed
    the sentence end (citation marks: "... the United States.[1] Axios reported ...")."""
    if f.cue is not None and f.cue[1] <= f.start:
        m = SENTENCE_END.search(text, f.start, f.end)
        if m is not None and m.start() > f.start:
            f.end = m.start() + 1
    # the tail is short; searching only the content's end keeps this linear on a long blank run
    m = CITATION_TAIL.search(text, max(f.start, f.end - MAX_TAIL), f.end)
    if m is not None and m.start() > f.start:
        f.end = m.start()
    return f


def _crosses_lines(text: str, f: Found) -> bool:
    """A cue and its content on different lines come from a parse that ran a title or a
    heading into the text; only a colon may end the cue's line ("He wrote:\n...")."""
    lo = min(f.start, f.cue[0]) if f.cue else f.start
    hi = max(f.end, f.cue[1]) if f.cue else f.end
    return "\n" in text[lo:hi] and "(colon)" not in f.reason


def _overlap(q: Quote, r: Found) -> float:
    inter = min(q.end, r.end) - max(q.start, r.start)
    union = max(q.end, r.end) - min(q.start, r.start)
    return inter / union if union > 0 else 0.0


def _dedupe(found: list[Found]) -> list[Found]:
    seen: dict[tuple[int, int], Found] = {}
    for f in found:
        key = (f.start, f.end)
        if key not in seen or (seen[key].speaker is None and f.speaker is not None):
            seen[key] = f
    return sorted(seen.values(), key=lambda f: (f.start, -f.end))


# ---------------------------------------------------------------- records
def build(doc: Any, found: list[Found], cues: ClaimCues) -> tuple[list[Claim], dict[str, str]]:
    text = doc._.wb.text  # doc.text rebuilds the string on every call
    st = doc._.wb
    resolver = SpeakerResolver(doc, cues)
    speakers: dict[int, Speaker | None] = {}
    reasons: dict[int, str] = {}
    # resolve in order of the speaker mention, so that antecedents come first; "I"/"we"
    # after the quotation around them
    order = sorted(range(len(found)), key=lambda k: (_first_person(text, found[k]), _anchor(found[k])))
    for k in order:
        f = found[k]
        enc = _enclosing(found, k)
        enc_speaker = speakers.get(enc) if enc is not None else None
        sp, why = resolver.resolve(f, found[enc] if enc is not None else None, enc_speaker)
        speakers[k] = sp
        reasons[k] = f"{f.reason}; speaker: {why}"
    for k, f in enumerate(found):  # "Key Takeaways:" with no source named: the document's source
        name = f.extra.get("source_name")
        if speakers.get(k) is None and isinstance(name, str) and name:
            ent = next((e for e in st.entities if e.name.lower() == name.lower()), None)
            speakers[k] = Speaker(ent.id if ent else None, name, None, None)
            reasons[k] = f"{f.reason}; speaker: the document's source {name} (implied)"
    for k, f in enumerate(found):  # a continued quotation: the previous quotation's speaker, implied
        if f.extra.get("continues") and f.implied is not None:
            j = next((j for j, g in enumerate(found) if g.speaker == f.implied and speakers.get(j)), None)
            if j is not None:
                sp = speakers[j]
                speakers[k] = Speaker(sp.entity, sp.name, None, None)  # type: ignore[union-attr]
                reasons[k] = f"{f.reason}; speaker: {sp.name} (implied)"  # type: ignore[union-attr]
    cue_tokens = {f.cue_token for f in found if f.cue_token is not None}
    claims: list[Claim] = []
    notes: dict[str, str] = {}
    for k, f in enumerate(found):
        cid = f"c{len(claims) + 1}"
        cue = Span(f.cue[0], f.cue[1], text[f.cue[0]:f.cue[1]]) if f.cue else None
        claims.append(Claim(cid, f.start, f.end, text[f.start:f.end], f.direct, cue, speakers[k],
                            _chain(found, speakers, k, st.source), _time(doc, f, cue_tokens)))
        notes[cid] = reasons[k]
    return claims, notes


def _first_person(text: str, f: Found) -> bool:
    return f.speaker is not None and text[f.speaker[0]:f.speaker[1]].lower() in FIRST_PRON


def _anchor(f: Found) -> int:
    if f.speaker is not None:
        return f.speaker[0]
    return f.cue[0] if f.cue else f.start


def _enclosing(found: list[Found], k: int) -> int | None:
    """The smallest other claim whose content holds this claim's cue (or start)."""
    f = found[k]
    at = f.cue[0] if f.cue else f.start
    best: int | None = None
    for j, g in enumerate(found):
        if j != k and g.start <= at < g.end and (g.end - g.start) > (f.end - f.start) - (1 if f.cue else 0) \
                and (best is None or g.end - g.start < found[best].end - found[best].start):
            best = j
    return best


def _chain(found: list[Found], speakers: dict[int, Speaker | None], k: int, source: str | None) -> list[ChainLink]:
    f = found[k]
    at = f.cue[0] if f.cue else f.start
    outer = [j for j, g in enumerate(found)
             if j != k and g.start <= at < g.end and (g.end - g.start) > (f.end - f.start)]
    outer.sort(key=lambda j: found[j].end - found[j].start, reverse=True)
    own = speakers.get(k)
    links: list[ChainLink] = []
    for j in outer:
        sp = speakers.get(j)
        if sp is None or not (sp.entity or sp.name):
            continue
        if own is not None and ((sp.entity and sp.entity == own.entity) or (sp.name and sp.name == own.name)):
            continue
        if source and (sp.name or "").lower() == source.lower():
            continue
        if links and links[-1].entity == sp.entity and links[-1].name == sp.name:
            continue
        links.append(ChainLink(sp.entity, sp.name))
    return links


def _time(doc: Any, f: Found, cue_tokens: set[int]) -> str | None:
    """The value of a time expression attached (through the parse) to this claim's cue and
    outside its content: "said on Tuesday", "during a press conference ... on July 5"."""
    if f.time_value:
        return f.time_value
    if f.cue_token is None or f.scope is None:
        return None
    best: tuple[int, str] | None = None
    for t in doc._.wb.times:
        if not t.value or t.precision == "duration" or t.end <= f.scope[0] or t.start >= f.scope[1]:
            continue
        if f.start <= t.start < f.end:
            continue
        tok = doc.char_span(t.start, t.end, alignment_mode="expand")
        if tok is None or len(tok) == 0:
            continue
        if _owner(tok.root, cue_tokens) == f.cue_token:
            dist = abs(t.start - (f.cue[0] if f.cue else f.start))
            if best is None or dist < best[0]:
                best = (dist, t.value)
    return best[1] if best else None


def _owner(tok: Any, cue_tokens: set[int]) -> int | None:
    """The token index of the nearest cue among `tok` and its ancestors."""
    t = tok
    for _ in range(40):
        if t.i in cue_tokens:
            return t.i
        if t.head.i == t.i:
            return None
        t = t.head
    return None
