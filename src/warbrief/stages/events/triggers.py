"""Finding event triggers in a sentence and coding them (PLOVER type/mode, label, ACLED type).

A trigger is a token matched by a row of `triggers.tsv` (a lemma, or a contiguous run of lemmas
for phrases such as "shoot down"). Support verbs ("conducted air strikes", "engaged in an
offensive") pass their subject and modifiers to the noun they govern and are not events
themselves. "Deny" with an event complement ("denied attacking") is a modality cue, not an event.
The words of the trigger's clause may re-code it through `refiners.tsv` ("shelled ... with
drones" -> drone strike; "seized a weapons cache" -> disrupted weapons use). A verb of saying
is a demand (REQUEST) only when what is said is owed by a party ("said Russia must withdraw",
`demanded_clause`); "warn" / "threaten" / "threat" are THREATEN only when they threaten
(`_announces_harm`), with PLOVER's mode from what is threatened.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Any

from .lexicon import Coding, Lexicon, TriggerRule

VERB_POS = {"VERB"}
NOUN_POS = {"NOUN", "PROPN"}
# dependency labels that start a new clause: their subtree is not part of the trigger's clause
CLAUSE_DEPS = {"conj", "ccomp", "advcl", "parataxis", "relcl", "xcomp", "csubj", "acl"}
# what a support verb hands its event noun through
LIGHT_OBJECT_DEPS = {"dobj", "attr", "nsubjpass", "oprd"}


@dataclass
class Trigger:
    """One event trigger: the token, the matched rule, the coding after refinement."""

    token: Any  # spacy Token
    end: int  # token index after the matched phrase
    rule: TriggerRule
    coding: Coding
    start: int = -1  # first token index of the matched phrase
    governor: Any = None  # support verb whose subject/modifiers are the event's ("conducted")
    denied_by: Any = None  # the "deny" verb governing it, if any
    refined_by: str | None = None
    notes: list[str] = field(default_factory=list)

    @property
    def i(self) -> int:
        return self.token.i

    @property
    def head_verb(self) -> Any:
        """The verb whose arguments are the event's: the support verb, else the trigger."""
        return self.governor if self.governor is not None else self.token


def _lemma(tok: Any) -> str:
    return tok.lemma_.lower()


def _pos_ok(rule: TriggerRule, tok: Any) -> bool:
    if rule.pos == "V":
        return tok.pos_ in VERB_POS
    if rule.pos == "N":
        return tok.pos_ in NOUN_POS or (tok.tag_ == "VBG" and tok.dep_ in ("pobj", "dobj", "nsubj"))
    return tok.pos_ in VERB_POS | NOUN_POS


def _match_at(lex: Lexicon, toks: list[Any], lemmas: list[str], lowers: list[str],
              k: int) -> tuple[TriggerRule, int, int] | None:
    """The rule matching at sentence position k: (rule, doc index of trigger token, doc end index)."""
    tok = toks[k]
    first = (lemmas[k], lowers[k])
    multi = lex.multi.get(first[0], []) + (lex.multi.get(first[1], []) if first[1] != first[0] else [])
    for rule in multi:
        n = len(rule.words)
        if k + n <= len(toks) and all(rule.words[j] in (lemmas[k + j], lowers[k + j]) for j in range(n)):
            head = toks[k + rule.head]
            if _pos_ok(rule, head) or rule.pos == "*":
                return rule, head.i, toks[k + n - 1].i + 1
    for key in first:
        for rule in lex.single.get(key, ()):
            if _pos_ok(rule, tok):
                return rule, tok.i, tok.i + 1
    return None


NAME_ENTS = {"PERSON", "ORG", "GPE", "LOC", "NORP", "FAC", "WORK_OF_ART", "LAW", "DATE", "TIME"}


def _not_a_trigger(tok: Any, sent: Any) -> bool:
    """Names and dates ("March"), a noun modifying another ("supply trucks"), a label line
    ("Interception: On 5 May ...")."""
    if tok.ent_type_ in NAME_ENTS and (tok.pos_ == "PROPN" or tok.ent_type_ in ("DATE", "TIME")):
        return True
    if tok.pos_ == "PROPN" and tok.i > sent.start and tok.text[:1].isupper():
        return True
    if tok.dep_ == "compound" and tok.pos_ in ("NOUN", "PROPN") and tok.head.pos_ in ("NOUN", "PROPN"):
        return True
    if tok.dep_ == "amod" and tok.tag_ in ("VBN", "VBG"):  # "the banned movement", "the invading army"
        return True
    doc = tok.doc
    if tok.tag_ in ("VBN", "VBD") and tok.i > sent.start and tok.i + 1 < sent.end and \
            doc[tok.i - 1].pos_ in ("ADP", "DET") and doc[tok.i + 1].pos_ in ("PROPN", "NOUN") and \
            not any(c.dep_ in ("nsubj", "nsubjpass", "auxpass", "aux") for c in tok.children):
        return True  # "in occupied Crimea", "the liberated territories": an adjective, mis-parsed
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.i - sent.start <= 1 and nxt is not None and nxt.text == ":"


HOSTILE_TYPES = {"ASSAULT", "COERCE", "SANCTION", "PROTEST", "MOBILIZE"}
FUTURE_AUX = {"will", "would", "shall", "'ll", "wo"}
RISK_AUX = {"could", "may", "might", "can"}


def _threatened(t: Trigger, triggers: list[Trigger]) -> list[Trigger]:
    """The hostile events a threat announces: "threatened to seize", "threatened sanctions",
    "warned it would strike", "warned Kyiv against attacking", "the threat of strikes"; not "warned
    that strikes could worsen the situation" (a risk) nor "threatened ... since the invasion"."""
    verb = t.token
    out = []
    for x in triggers:
        if x is t or x.coding.type not in HOSTILE_TYPES or not _governs(verb, x.token):
            continue
        clause = x.token
        for _ in range(4):  # up to the complement of the threat word
            if clause.head.i == verb.i or clause.head.i == clause.i:
                break
            clause = clause.head
        if clause.head.i != verb.i:
            continue
        auxes = {c.lower_ for c in clause.children if c.dep_ == "aux"}
        if clause.dep_ == "xcomp" or (clause.dep_ == "prep" and clause.lower_ in ANNOUNCING_PREPS.get(
                verb.pos_ in NOUN_POS, ())) or (clause.dep_ == "dobj" and t.rule.coding.label == "threat") or \
                (auxes & FUTURE_AUX and not auxes & RISK_AUX):
            out.append(x)
    return out


# "warned Kyiv against attacking"; "the threat of strikes" (a warning "of" strikes is a risk)
ANNOUNCING_PREPS = {False: ("against",), True: ("of", "against")}


def _announces_harm(lex: Lexicon, t: Trigger, triggers: list[Trigger]) -> bool:
    """Whether a warning or threat word is a threat as PLOVER codes one ("threats, coercive or
    forceful warnings"): it names repercussions ("warned of consequences", "threatened further
    action"; `repercussion` in cues.tsv), an actor threatens ("threatened to leave the talks",
    "Putin threatened Finland", "Moscow's threats"), or it announces a hostile act (above)."""
    verb = t.token
    if any(x.pos_ in NOUN_POS and lex.cue("repercussion", x.lemma_.lower()) for x in verb.subtree):
        return True
    if t.rule.coding.label == "threat" and _threat_by_a_party(lex, verb):
        return True
    return bool(_threatened(t, triggers))


def _party(lex: Lexicon, tok: Any) -> bool:
    return tok.pos_ == "PROPN" or tok.ent_type_ in ADDRESSEE_ENTS or tok.lower_ in ADDRESSEE_PRONOUNS or \
        lex.cue("party", tok.lemma_.lower())


def _threat_by_a_party(lex: Lexicon, tok: Any) -> bool:
    """'threatened to leave the talks', 'Putin threatened Finland', 'Moscow's threats': an actor
    threatens; not "the war threatens his reign", "an existential threat"."""
    if tok.pos_ in VERB_POS:
        if any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
               for c in tok.children):
            return True
        subj = subject_of(tok)
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        return subj is not None and obj is not None and _party(lex, subj) and _party(lex, obj)
    return any(c.dep_ in ("poss", "amod", "compound", "nmod") and c.pos_ in ("PROPN", "ADJ", "NOUN") and
               (c.ent_type_ in ADDRESSEE_ENTS or c.pos_ == "PROPN") for c in tok.children)


def _threat_mode(lex: Lexicon, t: Trigger, triggers: list[Trigger]) -> str | None:
    """PLOVER's THREATEN mode by what is threatened: "threatened to seize the town" ->
    territory, "warned it would strike" -> violence (`threat` in cues.tsv)."""
    for x in _threatened(t, triggers):
        mode = lex.value("threat", (x.coding.label or "").lower()) or lex.value("threat", x.coding.type.lower())
        if mode:
            return mode
    return None


def _framed(lex: Lexicon, rule: TriggerRule, tok: Any) -> bool:
    """'a mediation effort', 'an evacuation mission': a non-violent event noun modifying a
    `frame` noun (cues.tsv) is the event; "supply trucks", "strike drones" are not events."""
    return tok.dep_ == "compound" and tok.pos_ == "NOUN" and rule.coding.type not in VIOLENT_TYPES and \
        (lex.cue("frame", tok.head.lemma_.lower()) or lex.cue("frame", tok.head.lower_))


def find_triggers(lex: Lexicon, sent: Any) -> list[Trigger]:
    """Triggers of one sentence (a spaCy Span), in text order, light verbs and deny resolved."""
    doc = sent.doc
    found: dict[int, Trigger] = {}
    covered: set[int] = set()
    heading: tuple[TriggerRule, int, int] | None = None
    toks = list(sent)
    lemmas = [t.lemma_.lower() for t in toks]
    lowers = [t.lower_ for t in toks]
    for k, tok in enumerate(toks):
        if tok.i in covered or tok.is_punct:
            continue
        if lemmas[k] not in lex.single and lemmas[k] not in lex.multi and \
                lowers[k] not in lex.single and lowers[k] not in lex.multi:
            continue
        m = _match_at(lex, toks, lemmas, lowers, k)
        if heading is None and _heading(tok, sent):  # "Looting: Around 8 June, Russian forces exported grain"
            rule = next((r for r in lex.single.get(lowers[k], ()) if r.pos in ("N", "*")), None)
            heading = (rule, tok.i, tok.i + 1) if rule is not None else None
        if m is None or (_not_a_trigger(doc[m[1]], sent) and not _framed(lex, m[0], doc[m[1]])) or \
                "heading" in m[0].flags:
            continue
        rule, head_i, end = m
        if "obligation" in rule.flags and demanded_clause(lex, doc[head_i]) is None:
            continue  # "said Russia attacked": a statement, not a demand
        covered.update(range(tok.i, end))
        found[head_i] = Trigger(doc[head_i], end, rule, rule.coding, start=tok.i)
    triggers = sorted(found.values(), key=lambda t: t.i)
    by_i = {t.i: t for t in triggers}
    drop: set[int] = set()
    for t in triggers:
        if "light" in t.rule.flags:
            objs = _light_objects(t.token, by_i)
            head = t.token.head
            if t.token.dep_ in ("acl", "relcl") and head.i in by_i and "light" not in by_i[head.i].rule.flags:
                objs.append(head)  # "the agreement signed in March", "the strikes Russia launched"
            for o in objs:
                if by_i[o.i].governor is None:
                    by_i[o.i].governor = t.governor or t.token
            if objs or t.rule.coding.label is None or \
                    (t.rule.coding.type == "ASSAULT" and _has_other_object(lex, t.token)):
                drop.add(t.i)
        if "modal" in t.rule.flags:
            governed = [x for x in triggers if x is not t and _governs(t.token, x.token)]
            for x in governed:
                x.denied_by = t.token
            if governed:
                drop.add(t.i)
    for t in triggers:
        if "threat" in t.rule.flags and t.i not in drop and not _announces_harm(lex, t, triggers):
            drop.add(t.i)  # "warned that strikes could worsen the situation": a caution, not a threat
        elif t.coding.type == "THREATEN" and t.coding.mode is None:
            t.coding = replace(t.coding, mode=_threat_mode(lex, t, triggers))
    # a support verb governed by another support verb ("attempted to launch an assault")
    for t in triggers:
        if t.governor is not None and t.governor.i in by_i and by_i[t.governor.i].governor is not None:
            t.governor = by_i[t.governor.i].governor
    for t in _compelled_departures(lex, sent):  # "forced locals to leave": displacement
        triggers = [x for x in triggers if x.i != t.i] + [t]  # ("made" is no longer a support verb)
        drop.discard(t.i)
        drop.update(x.i for x in _departures(lex, t.token) if x.i in by_i)
    triggers.sort(key=lambda t: t.i)
    kept = [t for t in triggers if t.i not in drop and not_an_occurrence(lex, t) is None]
    if not kept and heading is not None:
        return [_heading_trigger(heading, sent)]
    return kept


def _departures(lex: Lexicon, verb: Any) -> list[Any]:
    """The leaving verbs a verb makes its object do ("forced residents to leave", "made them flee")."""
    return [c for c in verb.children if c.dep_ in ("xcomp", "ccomp") and c.pos_ == "VERB"
            and lex.cue("departure", c.lemma_.lower())]


def _compelled_departures(lex: Lexicon, sent: Any) -> list[Trigger]:
    """'forced locals to leave Hostomel', 'compelled residents to flee': people made to leave are
    displaced (the `departure` cue's row); the forcing verb is the trigger, not a withdrawal."""
    out = []
    for tok in sent:
        if tok.pos_ != "VERB" or not lex.cue("compel", tok.lemma_.lower()):
            continue
        for x in _departures(lex, tok):
            people = [c for c in [*tok.children, *x.children] if c.dep_ in ("dobj", "nsubj") and c.i > tok.i]
            if not any(c.pos_ == "NOUN" and lex.cue("victim", c.lemma_.lower()) for c in people):
                continue
            row = lex.value("departure", x.lemma_.lower()) or ""
            rule = next(iter(lex.single.get(row, ())), None)
            if rule is not None:
                out.append(Trigger(tok, tok.i + 1, rule, rule.coding, start=tok.i))
            break
    return out


def _heading(tok: Any, sent: Any) -> bool:
    """A label heading the sentence ("Interception: On 5 May ...", "Land seizure: ...")."""
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    return tok.i - sent.start <= 1 and nxt is not None and nxt.text == ":"


def _heading_trigger(m: tuple[TriggerRule, int, int], sent: Any) -> Trigger:
    """The event a note's label names when its sentence names no other ("Displacement: ...
    Russian forces forced residents to leave X"): the sentence's main verb gives its actors and
    objects, as a support verb does."""
    rule, head_i, end = m
    doc = sent.doc
    root = sent.root
    t = Trigger(doc[head_i], end, rule, rule.coding, start=head_i)
    if root.i != head_i and root.pos_ in ("VERB", "AUX"):
        t.governor = root
    t.notes.append("the note's heading names the event")
    return t


NOT_ADDRESSEES = {"i", "we", "us", "it", "this", "that", "there", "which", "what", "one", "who", "these", "those"}
ADDRESSEE_PRONOUNS = {"he", "she", "they", "you"}
ADDRESSEE_ENTS = {"GPE", "ORG", "NORP", "PERSON"}


def obligation_of(lex: Lexicon, verb: Any) -> Any:
    """The word saying that the verb's action is owed rather than done, or None: a modal
    ("must withdraw", "should cooperate", "ought to"), or the verb itself when it is "have / need
    / be required" with a to-infinitive ("has to negotiate"). "must have shelled" (a guess about
    the past) is not one."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    for n, c in enumerate(auxes):
        if c.tag_ == "MD" and lex.cue("obligation", c.lemma_.lower()):
            later = auxes[n + 1:]
            if any(a.lemma_.lower() == "have" for a in later):
                return None
            return c
    if lex.cue("obligation", verb.lemma_.lower()) and verb.tag_ != "MD" and \
            not any(c.dep_ == "dobj" for c in verb.children) and \
            any(c.dep_ == "xcomp" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
                for c in verb.children):
        return verb
    return None


def subjunctive(lex: Lexicon, verb: Any) -> bool:
    """'insisted that the army withdraw', 'demanded that Hungary lift': a bare verb with a
    subject and no auxiliary, the complement of a verb of requesting (`request` in cues.tsv)."""
    return verb.tag_ == "VB" and verb.dep_ == "ccomp" and lex.cue("request", verb.head.lemma_.lower()) and \
        not any(c.dep_ in ("aux", "auxpass") for c in verb.children) and \
        any(c.dep_ == "nsubj" for c in verb.children)


def addressee(lex: Lexicon, subj: Any, passive: bool) -> bool:
    """Whether a clause's subject is a party one can make demands of ("Russia", "the
    government", "they"), not the speaker ("we"), an expletive ("it", "there") or a thing
    ("prices should rise"); a passive subject is what is to be done ("sanctions must be lifted")."""
    low = subj.lower_
    if low in NOT_ADDRESSEES and subj.pos_ != "PROPN":  # "US" is not "us"
        return False
    if passive or low in ADDRESSEE_PRONOUNS:
        return True
    if subj.pos_ == "PROPN" or subj.ent_type_ in ADDRESSEE_ENTS:
        return True
    return lex.cue("party", subj.lemma_.lower()) or lex.cue("party", low)


def demanded_clause(lex: Lexicon, verb: Any) -> Any:
    """The clause a verb of saying demands, or None: a complement saying what a party must or
    should do ("said Russia must withdraw", "declared that sanctions should be lifted"), a
    subjunctive after a verb of requesting ("insisted that the army withdraw"), or an object
    told to act ("told Kyiv to retreat")."""
    comps = [c for c in verb.children if c.dep_ == "ccomp" and c.pos_ in ("VERB", "AUX")]
    comps += [x for c in comps for x in c.children if x.dep_ == "conj" and x.pos_ in ("VERB", "AUX")]
    for c in comps:
        subj = next((x for x in c.children if x.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            continue
        owed = obligation_of(lex, c)
        # a modal: "must", "should", "ought"; "has to" / "needs to" state a necessity more often
        # than a demand ("they have to cut output") and do not make one
        if owed is not None and owed.i != c.i:
            if addressee(lex, subj, subj.dep_ == "nsubjpass"):
                return c
        elif subjunctive(lex, c) and addressee(lex, subj, False):
            return c
    if any(c.dep_ == "dobj" for c in verb.children):
        for c in verb.children:
            if c.dep_ == "xcomp" and c.pos_ == "VERB" and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                return c
    return None


TOPIC_PREPS = {"of", "in", "on", "about", "for", "over", "regarding", "concerning", "into"}
TIME_PREPS = {"after", "before", "until", "pending", "ahead"}
VIOLENT_TYPES = {"ASSAULT", "COERCE"}


def not_an_occurrence(lex: Lexicon, t: Trigger) -> str | None:
    """Why the trigger only names a subject of talk or a purpose, not an event that happened;
    None when it may be one. "no interest in a ceasefire", "raised the topic of a ceasefire",
    "talks on a ceasefire", "rejected any ceasefire", "used the pause to rearm"."""
    tok = t.token
    if "content" in t.rule.flags:
        what = _content_object(lex, tok)
        if what is not None:
            return f"its object '{what.text}' is content, not goods or an action"
    if "intransitive" in t.rule.flags and tok.pos_ == "VERB" and \
            any(c.dep_ in ("dobj", "ccomp") for c in tok.children):
        return f"'{tok.text}' with an object shows something; it is no {t.coding.label or 'event'}"
    if t.governor is not None:
        return None  # "conducted talks": the support verb asserts it
    if tok.pos_ in NOUN_POS or tok.tag_ == "VBG":
        mods = [c for c in tok.children if c.dep_ in ("det", "amod", "compound")]
        generic = next((c for c in mods if lex.cue("generic", c.lower_)), None)
        if generic is not None:
            return f"'{generic.text} {tok.text}' names a kind of event"
        x = tok
        while x.dep_ in ("conj", "appos") and x.head.i != x.i:  # "a ceasefire and talks"
            x = x.head
        gov = x.head
        if x.dep_ == "pobj" and gov.dep_ == "prep" and gov.lower_ in TOPIC_PREPS and gov.head.i != gov.i:
            owner = gov.head
            word = owner.lemma_.lower()
            if owner.pos_ in NOUN_POS and (lex.cue("topic", word) or lex.cue("topic", owner.lower_)):
                return f"'{owner.text} {gov.text}' names a subject of talk"
            if owner.pos_ == "VERB" and lex.cue("stance", word):
                return f"object of '{owner.text} {gov.text}'"
            obj = next((c for c in owner.children if c.dep_ == "dobj" and c.i < gov.i), None)
            if owner.pos_ == "VERB" and obj is not None and (lex.cue("topic", obj.lower_)
                                                             or lex.cue("topic", obj.lemma_.lower())):
                return f"'{obj.text} {gov.text}' names a subject of talk"  # "showed his disinterest in talks"
        if x.dep_ in ("dobj", "nsubjpass") and gov.pos_ == "VERB" and lex.cue("stance", gov.lemma_.lower()):
            return f"object of '{gov.text}'"
        if x.dep_ == "pobj" and gov.lower_ in TIME_PREPS and t.coding.type not in VIOLENT_TYPES and \
                any(c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children) and \
                not any(c.dep_ in ("poss", "amod", "compound", "nmod") for c in tok.children):
            return f"'{gov.text} a {tok.text}': a time yet to come"  # "a force policing the line after a ceasefire"
    return None


def _content_object(lex: Lexicon, tok: Any) -> Any:
    """The content noun (cues.tsv) a verb takes as object, or None: its object ("provides an
    overview"), its passive subject ("data were provided"), or the noun its participle describes
    ("a photo provided by", "assessments provided to")."""
    if tok.pos_ not in ("VERB", "AUX"):
        return None
    nouns = [c for c in tok.children if c.dep_ in ("dobj", "nsubjpass")]
    if tok.dep_ in ("acl", "relcl") and tok.tag_ == "VBN":
        nouns.append(tok.head)
    for n in nouns:
        if n.pos_ in NOUN_POS and (lex.cue("content", n.lemma_.lower()) or lex.cue("content", n.lower_)):
            return n
    return None


def purpose_of(lex: Lexicon, t: Trigger) -> str | None:
    """'used the pause to rearm': an infinitive stating the purpose of another verb's action
    (not an object-control verb's: "forced troops to withdraw"). The caller drops it only when
    it is not asserted ("cannot allow the enemy to use a pause to rearm"); "stayed home to
    protest" is a protest."""
    tok = t.token
    if tok.pos_ == "VERB" and tok.dep_ in ("xcomp", "advcl") and \
            any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children) and \
            not any(c.dep_ in ("nsubj", "nsubjpass") for c in tok.children):
        head = tok.head
        if head.pos_ == "VERB" and any(c.dep_ == "dobj" for c in head.children) and \
                not lex.cue("control", head.lemma_.lower()) and tok.i > head.i:
            return f"purpose of '{head.text}'"
    return None


def _has_other_object(lex: Lexicon, verb: Any) -> bool:
    """'launched a mediation effort': the object is neither an event nor a weapon."""
    return any(c.dep_ == "dobj" and not lex.cue("weapon", c.lemma_.lower()) for c in verb.children)


def _light_objects(verb: Any, by_i: dict[int, Trigger]) -> list[Any]:
    out = []
    for c in verb.children:
        cands = [c] if c.dep_ in LIGHT_OBJECT_DEPS else []
        if c.dep_ == "prep" and c.lower_ in ("in", "into"):
            cands = [g for g in c.children if g.dep_ == "pobj"]
        for x in cands:
            for y in [x, *[g for g in x.children if g.dep_ == "conj"]]:
                if y.i in by_i and "light" not in by_i[y.i].rule.flags:
                    out.append(y)
    return out


def _governs(verb: Any, tok: Any) -> bool:
    """tok is the complement of verb (directly or one step down, "denied carrying out attacks")."""
    head = tok
    for _ in range(3):
        if head.head.i == head.i:
            return False
        if head.head == verb:
            return head.dep_ in ("xcomp", "ccomp", "dobj", "pcomp", "prep", "pobj", "advcl")
        if head.dep_ not in ("dobj", "pobj", "pcomp", "prep", "xcomp", "compound"):
            return False
        head = head.head
    return False


def clause_tokens(t: Trigger) -> list[Any]:
    """The words of the trigger's clause: its own subtree (and its support verb's), without the
    subtrees of other clauses, plus the subject it inherits through coordination."""
    roots = [t.token] + ([t.governor] if t.governor is not None else [])
    seen: set[int] = set()
    out: list[Any] = []

    for r in roots:  # depth first, in document order, without recursion (a long list parses deep)
        stack: list[tuple[Any, bool]] = [(r, True)]
        while stack:
            tok, top = stack.pop()
            if tok.i in seen or (not top and tok.dep_ in CLAUSE_DEPS and tok.pos_ in ("VERB", "AUX")):
                continue
            seen.add(tok.i)
            out.append(tok)
            stack.extend((c, False) for c in reversed(list(tok.children)))
    tok = t.token
    if tok.dep_ == "acl" and tok.head.pos_ in NOUN_POS:  # "drones launched overnight": what was launched
        for x in [tok.head, *[c for c in tok.head.lefts if c.dep_ in ("amod", "compound", "nmod")]]:
            if x.i not in seen:
                seen.add(x.i)
                out.append(x)
    subj = inherited_subject(t.head_verb)
    if subj is not None:
        for x in subj.subtree:
            if x.i not in seen:
                seen.add(x.i)
                out.append(x)
    return sorted(out, key=lambda x: x.i)


def subject_of(verb: Any) -> Any:
    for c in verb.children:
        if c.dep_ in ("nsubj", "nsubjpass", "csubj"):
            return c
    return None


def inherited_subject(verb: Any) -> Any:
    """The verb's own subject, or that of the verb it is coordinated with / controlled by. An
    infinitive of an object-control verb (`control` in cues.tsv) takes the object as its
    subject: "urged Germany to send tanks", "called on NATO to deploy troops" -> the sender is
    Germany, the deployer NATO."""
    v = verb
    for _ in range(4):
        s = subject_of(v)
        if s is not None:
            return s
        if v.dep_ == "xcomp" and v.head.i != v.i and (o := controlling_object(v.head)) is not None:
            return o
        if v.dep_ in ("conj", "xcomp") and v.head.i != v.i:
            v = v.head
            continue
        if v.dep_ in ("pcomp", "pobj", "dobj") and v.head.dep_ == "prep" and v.head.head.i != v.head.i:
            v = v.head.head
            continue
        return None
    return None


CONTROL_PREPS = {"on", "upon", "to"}


def controlling_object(verb: Any) -> Any:
    """The object that does what an object-control verb's infinitive says, or None: "forced
    troops (to withdraw)", "called on NATO (to deploy)", "appealed to the UN (to investigate)"."""
    from .lexicon import load_lexicon

    lex = load_lexicon()
    if not lex.cue("control", verb.lemma_.lower()):
        return None
    for c in verb.children:
        if c.dep_ == "dobj" and c.pos_ in NOUN_POS | {"PRON"}:
            return c
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in CONTROL_PREPS and c.i == verb.i + 1:
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None:
                return obj
    return None


def _acled(new: str | None, old: str | None) -> str | None:
    """A refiner's ACLED value: "none" removes it, empty keeps the trigger's."""
    if new == "none":
        return None
    return new or old


def refine(lex: Lexicon, t: Trigger, tokens: list[Any]) -> None:
    """Re-code the trigger by the highest-priority instrument/target cue in its clause."""
    label = t.coding.label
    if label is None:
        return
    lemmas = [(_lemma(x), x.lower_) for x in tokens if x.pos_ != "PRON"]
    idx = {x.i: n for n, x in enumerate(tokens)}
    for ref in lex.refiners:
        if label not in ref.applies_to:
            continue
        n = len(ref.words)
        for k in range(len(lemmas) - n + 1):
            if tokens[k].i == t.i and n == 1:
                continue  # the trigger word does not refine itself
            ok = all(ref.words[j] in lemmas[k + j] for j in range(n))
            contiguous = all(idx.get(tokens[k].i + j) is not None for j in range(n))
            if ok and contiguous:
                c = ref.coding
                t.coding = replace(t.coding, type=c.type or t.coding.type, mode=c.mode or t.coding.mode,
                                   label=c.label or t.coding.label,
                                   acled_type=_acled(c.acled_type, t.coding.acled_type),
                                   acled_sub=_acled(c.acled_sub, t.coding.acled_sub))
                t.refined_by = " ".join(ref.words)
                return
