"""Whether an event happened, and when: modality, time and claim linkage.

Modality, strongest first (docs/events.md):
  denied        "not", "never", "no" on the trigger's clause; a "deny" verb governing it
  hypothetical  a modal ("would", "could", "might") or "if"/"unless" on the trigger's clause or on
                a clause it depends on ("a ceasefire would allow Ukraine to rearm": both); an
                obligation ("Russia must withdraw", "has to negotiate"); an action asked for
                ("urged Germany to send", "demanded that Hungary lift", "insisted that the army
                withdraw") or wished of another party ("wants allies to supply")
  intended      "will", "going to", or a governing verb of intention ("intends to send"); the
                speaker's own obligation ("we must hold the line")
  historical    "previously", "formerly"; or a date attached to the event ending more than a
                year before publication ("in 2014")
  reported      "reportedly", "allegedly", "according to"; or inside a claim's content
  asserted      otherwise
A "would" inside reported speech ("Putin replied that Russia would fulfill...") is the future
of the past: intended, not hypothetical, unless "if" is there too.

Time: the date expression attached to the event's sentence (the nearest to the trigger); else
the date of a heading the sentence sits under ("as of October 31:"); else the publication date.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from ...analysis import Claim, EventTime, TimeExpr
from .lexicon import Lexicon
from .triggers import Trigger, controlling_object, inherited_subject, obligation_of, subjunctive

EVENT_PRECISIONS = ("day", "week", "month", "year", "range")
# dependencies along which a governing clause's modality reaches the trigger
UP_DEPS = {"xcomp", "conj", "dobj", "nsubj", "nsubjpass", "pobj", "prep", "pcomp", "acomp", "attr",
           "compound", "amod", "ccomp", "advcl", "relcl", "acl", "oprd", "appos", "npadvmod"}
ORDER = ("denied", "hypothetical", "intended", "historical", "reported", "asserted")
REQUEST_PREPS = {"against", "for"}  # "warned Kyiv against attacking", "pressed for talks"


def _chain(lex: Lexicon, t: Trigger) -> list[Any]:
    """The trigger, its support verb, and the verbs/nouns it depends on up to a complement clause."""
    out = [t.token]
    if t.governor is not None:
        out.append(t.governor)
    tok = out[-1]
    for _ in range(6):
        if tok.head.i == tok.i or tok.dep_ not in UP_DEPS or tok.dep_ in ("advcl", "relcl", "acl"):
            break
        if tok.dep_ == "ccomp" and lex.cue("speech", tok.head.lemma_.lower()):
            break  # a reported clause keeps its own modality ("said that X attacked")
        tok = tok.head
        out.append(tok)
    return out


def _cues_on(lex: Lexicon, tok: Any, kind: str) -> Any:
    for c in tok.children:
        if c.dep_ in ("aux", "auxpass", "neg", "mark", "advmod", "det", "prt") and lex.cue(kind, c.lemma_.lower()):
            return c
        if c.dep_ in ("aux",) and lex.cue(kind, c.lower_):
            return c
    return None


def _asked(t: Trigger, chain: list[Any], k: int) -> bool:
    """chain[k] is a request verb and the event is what it asks for: its complement verb
    ("urged Germany to send"), or the object of its "against / for" ("warned Kyiv against
    attacking"); not a noun further down ("appealed to investigate the strike": the strike
    happened)."""
    below = chain[k - 1]
    mine = (t.token, t.governor)
    if below.dep_ == "ccomp" and not (below.tag_ == "VB" or any(
            c.dep_ in ("aux", "auxpass") and c.tag_ in ("MD", "VB") for c in below.children)):
        return False  # a finite past ("demanded ... children deported"): a misparse, not a request
    if below.dep_ in ("xcomp", "ccomp"):
        return below in mine and below.i > chain[k].i  # "X, urges Y" (a misparse) is no request
    if below.dep_ == "prep" and below.lower_ in REQUEST_PREPS:
        return k >= 2 and chain[k - 2] in mine
    return False


def _owed(lex: Lexicon, t: Trigger, chain: list[Any], k: int) -> tuple[str, str] | None:
    """(modality, reason) when chain[k], the event's own verb or the verb whose complement it
    is, says the action is owed or asked for rather than done: "must withdraw", "has to
    negotiate" (hypothetical; "we must hold" is the speaker's intention), a subjunctive after a
    verb of requesting ("demanded that Russia release"), a "for ... to" clause ("called for the
    warlord to be extradited")."""
    tok = chain[k]
    own = k == 0 or (t.governor is not None and tok.i == t.governor.i)  # not a verb it is the object of
    if tok.pos_ not in ("VERB", "AUX") or not (own or chain[k - 1] in (t.token, t.governor)):
        return None
    owed = obligation_of(lex, tok)
    if owed is not None and (own or owed.i == tok.i) and (k > 0 or owed.i != tok.i):
        subj = inherited_subject(tok)
        if subj is not None and subj.lower_ in ("we", "i"):
            return "intended", f"'{owed.text}': the speaker's own duty"
        return "hypothetical", f"'{owed.text}': owed, not done"
    if own and subjunctive(lex, tok):
        return "hypothetical", f"'{tok.text}': demanded, not done"
    if own and any(c.dep_ == "mark" and c.lower_ == "for" for c in tok.children) and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
        return "hypothetical", f"'for ... to {tok.text}': asked for, not done"
    return None


def modality(lex: Lexicon, t: Trigger, in_claim: bool) -> tuple[str, str]:
    """-> (modality, reason)."""
    chain = _chain(lex, t)
    sent = t.token.sent
    found: dict[str, str] = {}
    if t.denied_by is not None:
        found["denied"] = f"governed by '{t.denied_by.text}'"
    for k, tok in enumerate(chain):
        for kind in ("negation", "hypothetical", "intended", "historical", "reported"):
            c = _cues_on(lex, tok, kind)
            if c is not None:
                name = "denied" if kind == "negation" else kind
                found.setdefault(name, f"'{c.text}' on '{tok.text}'")
        owed = _owed(lex, t, chain, k)
        if owed is not None:
            found.setdefault(*owed)
        if k > 0 and tok.pos_ == "VERB":
            lemma = tok.lemma_.lower()
            below = chain[k - 1]
            if lex.cue("deny", lemma) and below.dep_ not in ("prep", "advmod", "npadvmod"):
                found.setdefault("denied", f"governed by '{tok.text}'")
            elif lex.cue("request", lemma) and _asked(t, chain, k):
                found.setdefault("hypothetical", f"asked for by '{tok.text}'")
            elif lex.cue("intended", lemma) and below.dep_ in ("xcomp", "ccomp", "dobj"):
                if below.dep_ in ("xcomp", "ccomp") and below in (t.token, t.governor) and \
                        lex.cue("control", lemma) and (controlling_object(tok) is not None or
                                                       any(c.dep_ == "nsubj" for c in below.children)):
                    found.setdefault("hypothetical", f"'{tok.text}' wishes it of another party")
                else:
                    found.setdefault("intended", f"governed by '{tok.text}'")
        if k > 0 and tok.pos_ == "NOUN" and lex.cue("hypothetical", tok.lemma_.lower()):
            found.setdefault("hypothetical", f"'{tok.text}' of it is only talked about")
        if k > 0 and tok.pos_ in ("NOUN", "ADJ") and (lex.cue("intended", tok.lower_) or lex.cue("intended", tok.lemma_.lower())):
            found.setdefault("intended", f"governed by '{tok.text}'")
    low = [x.lower_ for x in sent]
    for cue in lex.multiword_cues("reported") + lex.multiword_cues("intended"):
        n = len(cue)
        for k in range(len(low) - n + 1):
            if tuple(low[k:k + n]) == cue:
                kind = "reported" if cue in lex.cues["reported"] else "intended"
                if kind == "reported" or sent[k].i < t.i:
                    found.setdefault(kind, f"'{' '.join(cue)}' in the sentence")
    for x in sent:
        if x.dep_ == "advmod" and lex.cue("reported", x.lower_):
            found.setdefault("reported", f"'{x.text}' in the sentence")
    if "hypothetical" in found and in_claim and "if" not in low and "unless" not in low:
        reason = found.pop("hypothetical")
        if any(x.lower_ == "would" for x in sent):
            found.setdefault("intended", reason + " (future of the past in reported speech)")
        else:
            found["hypothetical"] = reason
    if in_claim:
        found.setdefault("reported", "inside a claim")
    for m in ORDER[:-1]:
        if m in found:
            return m, found[m]
    return "asserted", "stated as fact"


def claim_of(claims: list[Claim], start: int) -> Claim | None:
    best = None
    for c in claims:
        if c.start <= start < c.end and (best is None or c.end - c.start < best.end - best.start):
            best = c
    return best


# ------------------------------------------------------------------ time
def _usable(t: TimeExpr) -> bool:
    return bool(t.value) and t.precision in EVENT_PRECISIONS + ("quarter", "season")


def _precision(t: TimeExpr) -> str:
    return t.precision if t.precision in EVENT_PRECISIONS else "range"


def sentence_time(times: list[TimeExpr], sent: Any, trigger_start: int) -> TimeExpr | None:
    """The usable date expression in the sentence nearest to the trigger."""
    text = sent.doc._.wb.text
    # a heading line the parser glued to the sentence below is not part of it
    lo = max(sent.start_char, text.rfind("\n", 0, trigger_start) + 1)
    hi = text.find("\n", trigger_start, sent.end_char)
    hi = sent.end_char if hi < 0 else hi
    inside = [t for t in times if lo <= t.start and t.end <= hi and _usable(t)]
    if not inside:
        return None
    return min(inside, key=lambda t: (abs(t.start - trigger_start), t.start > trigger_start))


HEADING = re.compile(r"(?m)^[^\n]{0,160}(?::[ \t]*$|\bas of\b[^\n]*$)")


def heading_time(text: str, times: list[TimeExpr], before: int) -> TimeExpr | None:
    """The date of the last heading line before `before` ("Key findings as of October 31:")."""
    best = None
    for m in HEADING.finditer(text, 0, before):
        if m.end() > before:
            break
        for t in times:
            if m.start() <= t.start and t.end <= m.end() and _usable(t):
                best = t
    return best


def event_time(st: Any, sent: Any, trigger_start: int) -> tuple[EventTime, TimeExpr | None]:
    """-> (the event's time, the attached expression or None when taken from heading/publication)."""
    t = sentence_time(st.times, sent, trigger_start)
    if t is not None:
        return EventTime(t.value, _precision(t), f"'{t.text}' in the event's sentence"), t
    h = heading_time(st.text, st.times, max(sent.start_char, st.text.rfind("\n", 0, trigger_start) + 1))
    if h is not None:
        return EventTime(h.value, _precision(h), f"'{h.text}' in the heading above the sentence"), None
    if st.published:
        return EventTime(st.published[:10], "day", "no date in the sentence; publication date"), None
    return EventTime(None, None, "no date in the sentence and no publication date"), None


def _end_date(value: str) -> date | None:
    last = value.split("/")[-1]
    try:
        if re.fullmatch(r"\d{4}-\d{2}-\d{2}", last):
            return date.fromisoformat(last)
        if re.fullmatch(r"\d{4}-\d{2}", last):
            y, m = int(last[:4]), int(last[5:])
            return date(y + (m == 12), m % 12 + 1, 1) - timedelta(days=1)
        if re.fullmatch(r"\d{4}", last):
            return date(int(last), 12, 31)
        if re.fullmatch(r"\d{4}-Q[1-4]", last):
            q = int(last[-1])
            return date(int(last[:4]) + (q == 4), (q * 3) % 12 + 1, 1) - timedelta(days=1)
    except ValueError:
        return None
    return None


def is_background(attached: TimeExpr | None, published: Any) -> str | None:
    """A reason when the attached date ends more than a year before publication."""
    if attached is None or published is None or not attached.value:
        return None
    end = _end_date(attached.value)
    pub = published.date() if hasattr(published, "date") else published
    if end is not None and end < pub - timedelta(days=365):
        return f"'{attached.text}' is more than a year before publication"
    return None
