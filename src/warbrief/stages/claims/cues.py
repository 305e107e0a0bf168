"""What the claims stage knows (`knowledge/data/claim_cues.yaml`) and its intermediate record.

`ClaimCues` is loaded once per pipeline (in the stage factory); `Found` is one detected
statement before ids, speakers and chains are settled (see `warbrief.stages.claims`).
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field

import yaml

from ...errors import Errors, WarbriefError
from ...knowledge import DATA, load_yaml

CUES_FILE = DATA / "claim_cues.yaml"


@dataclass(frozen=True)
class ClaimCues:
    speech_verbs: frozenset[str]
    belief_verbs: frozenset[str]
    evidence_verbs: frozenset[str]
    object_verbs: frozenset[str]
    particle_verbs: dict[str, frozenset[str]]
    prep_verbs: dict[str, frozenset[str]]
    addressee_verbs: frozenset[str]
    no_infinitive: frozenset[str]
    cue_nouns: frozenset[str]
    cue_adjectives: frozenset[str]
    prep_nouns: dict[str, frozenset[str]]
    source_nouns: frozenset[str]
    role_nouns: tuple[tuple[str, ...], ...]  # token sequences, longest first
    according_to: tuple[tuple[str, ...], ...]
    min_quote_words: int
    title_verbs: frozenset[str]
    headline: re.Pattern[str]
    list_heading: re.Pattern[str]
    headline_colon: re.Pattern[str] | None = None
    verbs: frozenset[str] = frozenset()
    forms: dict[str, str] = field(default_factory=dict)  # inflected form -> lemma

    def lemma(self, tok: object) -> str:
        """The cue lemma of a token: its inflected form when listed (the tagger's lemma can
        be wrong: 'hoping' -> 'hop'), else spaCy's lemma."""
        low = tok.lower_  # type: ignore[attr-defined]
        return self.forms.get(low) or tok.lemma_.lower()  # type: ignore[attr-defined]


def inflections(lemma: str) -> set[str]:
    """Regular English inflections of a verb (a few extra harmless forms are fine)."""
    out = {lemma, lemma + "s", lemma + "ed", lemma + "ing"}
    if lemma.endswith("e"):
        out |= {lemma + "d", lemma[:-1] + "ing"}
    if lemma.endswith(("s", "sh", "ch", "x", "z")):
        out.add(lemma + "es")
    if len(lemma) > 2 and lemma[-1] == "y" and lemma[-2] not in "aeiou":
        out |= {lemma[:-1] + "ies", lemma[:-1] + "ied"}
    if len(lemma) > 2 and lemma[-1] not in "aeiouwxy" and lemma[-2] in "aeiou" and lemma[-3] not in "aeiou":
        out |= {lemma + lemma[-1] + "ed", lemma + lemma[-1] + "ing"}
    return out


@functools.lru_cache(maxsize=1)
def load_claim_cues() -> ClaimCues:
    try:
        raw = load_yaml(CUES_FILE.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise WarbriefError(Errors.W401.format(path=CUES_FILE, exc=exc)) from None

    def words(key: str) -> frozenset[str]:
        return frozenset(str(w).lower() for w in raw.get(key) or [])

    def phrases(key: str) -> tuple[tuple[str, ...], ...]:
        seqs = {tuple(str(p).lower().split()) for p in raw.get(key) or []}
        return tuple(sorted(seqs, key=len, reverse=True))

    try:
        verbs = words("speech_verbs") | words("belief_verbs") | words("evidence_verbs") | words("object_verbs") \
            | frozenset(raw.get("prep_verbs") or {})
        forms = {form: v for v in sorted(verbs) for form in inflections(v)}
        colon = raw.get("headline_colon")
        return ClaimCues(
            speech_verbs=words("speech_verbs"), belief_verbs=words("belief_verbs"),
            evidence_verbs=words("evidence_verbs"), object_verbs=words("object_verbs"),
            particle_verbs={str(k): frozenset(map(str, v)) for k, v in (raw.get("particle_verbs") or {}).items()},
            prep_verbs={str(k): frozenset(map(str, v)) for k, v in (raw.get("prep_verbs") or {}).items()},
            addressee_verbs=words("addressee_verbs"), no_infinitive=words("no_infinitive"), cue_nouns=words("cue_nouns"), cue_adjectives=words("cue_adjectives"),
            prep_nouns={str(k): frozenset(map(str, v)) for k, v in (raw.get("prep_nouns") or {}).items()},
            source_nouns=words("source_nouns"), role_nouns=phrases("role_nouns"),
            according_to=phrases("according_to"), min_quote_words=int(raw.get("min_quote_words", 4)),
            title_verbs=words("title_verbs"),
            headline=re.compile(raw["headline"], re.M), list_heading=re.compile(raw["list_heading"], re.M),
            headline_colon=re.compile(colon) if colon else None, verbs=verbs, forms=forms)
    except (KeyError, re.error, TypeError, ValueError) as exc:
        raise WarbriefError(Errors.W402.format(path=CUES_FILE, exc=exc)) from None


@dataclass
class Found:
    """A statement found in the text, before it becomes a contract `Claim`.

    Offsets are characters into the document. `speaker` is the mention that names the speaker
    in the text (None when only implied); `implied` names an implied speaker's mention
    elsewhere (e.g. the heading of a list), used for linking but not output as offsets."""

    start: int
    end: int
    direct: bool
    cue: tuple[int, int] | None
    speaker: tuple[int, int] | None
    reason: str
    cue_token: int | None = None  # token index of the cue word, when there is one
    implied: tuple[int, int] | None = None
    time_value: str | None = None  # statement time known from the layout (list heading)
    scope: tuple[int, int] | None = None  # chars of the attribution clause (time lookup)
    extra: dict[str, object] = field(default_factory=dict)
