"""Who can be an event's actor, and the text of an actor's name (issue 16).

ISW prose and page scrapes gave actors such as "*Russian forces", "southeast", "efforts",
"CAA" (an abbreviation inside a unit's brackets) and a link's tail. `clean_name` strips
Markdown, footnote and link debris from a party's text; `actor_or_none` keeps an actor only
when it is someone (an entity, a country, a name, or an `agent`/`party` noun of cues.tsv);
`outside_brackets` finds the subject a parser took from inside brackets or before a label's
colon. Used by `events.args`."""

from __future__ import annotations

import re
from typing import Any

from ...analysis import Party
from .lexicon import Lexicon

MARKUP_EDGE = re.compile(r"^[\s*_#>•·\-]+|[\s*_#>•·\-]+$")
LINK_DEBRIS = re.compile(r"https?:|www\.|/|@|\.(?:com|org|net|html?)\b", re.I)
FOOTNOTE_TAIL = re.compile(r"(?:\.?\[+[\w.]*\]*|\.\d+)$")  # "delegation.[4", "drones.1"


def clean_name(text: str) -> str:
    """A party's text without Markdown and footnote debris: "*Russian forces" -> "Russian forces",
    "the Ukrainian delegation.[4" -> "the Ukrainian delegation", "AFP]Rutte" -> "Rutte"."""
    if LINK_DEBRIS.search(text):
        return ""  # "room/20260205IPR33623/": a link's tail, not a name
    if "]" in text and not text.endswith("]"):
        text = text[text.rindex("]") + 1:]
    text = FOOTNOTE_TAIL.sub("", text)
    if "[" in text and not text.startswith("["):
        text = text[:text.index("[")]
    text = MARKUP_EDGE.sub("", text).strip("[]()")
    return text.strip() if any(ch.isalpha() for ch in text) else ""


def _agent_forms(word: str) -> list[str]:
    forms = [word]
    if word.endswith("ies"):
        forms.append(word[:-3] + "y")
    if word.endswith("men"):
        forms.append(word[:-3] + "man")
    if word.endswith("es"):
        forms.append(word[:-2])
    if word.endswith("s"):
        forms.append(word[:-1])
    return forms


def actor_or_none(lex: Lexicon, p: Party) -> Party | None:
    """An actor must be someone: an entity, a country, a name, or a noun naming who can act
    (cues.tsv `agent` / `party`). A compass word is never one ("east"); an abstract noun is none
    ("efforts", "informational conditions"); "Russian efforts", "the Russian objective" are Russia."""
    words = p.name.split()
    head = words[-1].lower().removesuffix("'s").removesuffix("’s") if words else ""
    if not head or lex.cue("direction", head):
        return None
    forms = _agent_forms(head)
    agent = any(lex.cue("agent", f) or lex.cue("party", f) for f in forms)
    named = any(ch.isupper() for ch in words[-1])  # "NATO", "Wagner": a name is someone
    if p.entity is not None or agent or named or head in lex.countries:
        return p
    if p.country:
        return Party(None, lex.country_names.get(p.country, p.name), p.country)
    return None


def outside_brackets(subj: Any, verb: Any) -> Any:
    """ISW's "Elements of the 20th Division (8th Combined Arms Army [CAA], SMD) are striking": the
    parser takes an abbreviation inside the brackets for the subject; the subject is the noun
    before the opening bracket. A bracket opened before the sentence began, or a label before a
    colon: no subject."""
    doc = subj.doc
    text = doc._.wb.text
    s0 = subj.sent.start_char
    opens: list[int] = []
    for k, ch in enumerate(text[s0:subj.idx]):
        if ch in "([":
            opens.append(s0 + k)
        elif ch in ")]" and opens:
            opens.pop()
    if opens:
        before = doc.char_span(s0, opens[0], alignment_mode="contract")
        toks = [t for t in (before or []) if not t.is_punct and not t.is_space]
        if toks and toks[-1].pos_ in ("NOUN", "PROPN"):
            return toks[-1]
        return None
    between = text[subj.idx + len(subj.text):verb.idx] if verb.idx > subj.idx else ""
    if ":" in between:
        return None  # "Order of Battle: Drone operators ... are striking": a label, not the subject
    depth = 0
    for ch in between:
        depth += ch in "(["
        depth -= ch in ")]"
        if depth < 0:
            return None  # the bracket closes before the verb: the subject sat inside it
    return subj


def other_line(a: Any, b: Any) -> bool:
    """Whether a line break lies between two tokens."""
    return "\n" in a.doc._.wb.text[min(a.idx, b.idx):max(a.idx, b.idx)]
