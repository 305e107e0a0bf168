"""Relative locations as evidence for the places stage: "Andriivka (northeast of Sumy City)",
"northeast of Kharkiv City near Zelene, Starytsya, and Vovchansk", "in the Pokrovsk direction",
"the Kostyantynivka-Druzhkivka tactical area" (the cues of knowledge/data/place_relative.yaml).

Each cue names an anchor town and, for some, a side of it. `find_cues` gives every place
mention the cues that reach it: a `span` cue the names inside it, a `section` cue every name
after it up to the next heading line or section cue (the paragraph's direction carries to the
villages listed under it). A mention without a cue of its own takes the cues of the nearest
mention of the same name that has one. `Cue.fits` says whether a candidate lies where the cue
says; the stage adds the cue's bonus to the candidates that do, and names the cue in the reason.
Two same-named villages of one document may so resolve to different places.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ...errors import WarbriefError
from ...geo import bearing
from ...geo import km as km_pt
from ...knowledge import DATA, load_yaml
from ...knowledge.gazetteer import Candidate, Gazetteer
from ...knowledge.names import adjective_centres

FILE = DATA / "place_relative.yaml"
SECTION_MAX_CHARS = 6000  # a section cue reaches no further than this
ANCHOR_FEATURES = ("city", "village", "district")
NEAR_SHARE = 0.5  # of a side cue's bonus, for a place near its anchor but on another side


@dataclass(frozen=True)
class CueRule:
    name: str
    scope: str  # "span" or "section"
    bonus: float
    pattern: re.Pattern[str]


@dataclass(frozen=True)
class Rules:
    reach_km: float
    same_spot_km: float
    side_deg: float
    near_km: float
    directions: dict[str, float]
    cues: tuple[CueRule, ...]


@dataclass(frozen=True)
class Cue:
    """One cue as it applies to one mention: the anchor's place, the bearing (None: only near)."""

    rule: str
    text: str  # the cue as written: "northeast of Sumy City"
    anchors: tuple[Candidate, ...]
    bearing: float | None
    bonus: float
    reach_km: float
    side_deg: float
    same_spot_km: float

    def fit(self, c: Candidate) -> str | None:
        """Where place `c` lies against the cue: "side" (near an anchor, on the stated side, or
        the cue names no side), "near" (near an anchor on another side), or None."""
        if c.feature not in ANCHOR_FEATURES:
            return None
        out = None
        for a in self.anchors:
            d = km_pt(a.lat, a.lon, c.lat, c.lon)
            if d > self.reach_km:
                continue
            if self.bearing is None or d <= self.same_spot_km:
                return "side"
            off = abs((bearing(a.lat, a.lon, c.lat, c.lon) - self.bearing + 180) % 360 - 180)
            if off <= self.side_deg:
                return "side"
            out = "near"
        return out



def _line_of(text: str, needle: str) -> int:
    i = text.find(needle)
    return text.count("\n", 0, i) + 1 if i >= 0 else 0


@lru_cache(maxsize=1)
def load_rules() -> Rules:
    """Read place_relative.yaml; a bad entry raises an error naming the file and its line."""
    text = FILE.read_text(encoding="utf-8")
    raw = load_yaml(text)
    parts = {k: str(v) for k, v in (raw.get("parts") or {}).items()}
    rules = []
    for i, c in enumerate(raw.get("cues") or []):
        name = str(c.get("name", f"#{i + 1}"))
        where = f"{FILE}:{_line_of(text, 'name: ' + name)}"
        if c.get("scope") not in ("span", "section"):
            raise WarbriefError(f"[K010] {where}: cue {name!r} has scope {c.get('scope')!r}; expected span or section")
        pat = str(c.get("pattern", ""))
        for k, v in parts.items():
            pat = pat.replace("{" + k + "}", v)
        try:
            rx = re.compile(pat)
        except re.error as exc:
            raise WarbriefError(f"[K010] {where}: cue {name!r} has a bad pattern ({exc}); fix its regular expression") from exc
        if "anchor" not in rx.groupindex or (c["scope"] == "span" and not {"place", "places"} & set(rx.groupindex)):
            raise WarbriefError(f"[K010] {where}: cue {name!r} needs the groups (?P<anchor>...) and, for scope span, "
                                "(?P<place>...) or (?P<places>...)")
        rules.append(CueRule(name, c["scope"], float(c.get("bonus", 0)), rx))
    dirs = {str(k): float(v) for k, v in (raw.get("directions") or {}).items()}
    return Rules(float(raw["reach_km"]), float(raw["same_spot_km"]), float(raw["side_deg"]), float(raw["near_km"]),
                 dirs, tuple(rules))


def anchor_places(name: str, gaz: Gazetteer) -> tuple[Candidate, ...]:
    """The town an anchor names: the most populous settlement of the name in Ukraine or Russia
    (Ukraine first), else anywhere; "Sumy City" is Sumy, "Bakhmutskyi" Bakhmut."""
    name = re.sub(r"\s+City$", "", name.strip())
    cands = [c for c in gaz.lookup(name) if c.feature in ANCHOR_FEATURES and c.kind <= 2]
    if not cands:  # "Bakhmutskyi (raion)": the centre town its adjective is made from
        cands = [c for n in adjective_centres(name) for c in gaz.lookup(n)
                 if c.feature in ANCHOR_FEATURES and c.kind <= 2]
    for pool in ([c for c in cands if c.country == "UA"], [c for c in cands if c.country == "RU"], cands):
        if pool:
            best = max(pool, key=lambda c: (c.kind <= 1, c.population))
            return (best,)
    return ()


def _direction(word: str | None, rules: Rules) -> float | None:
    if not word:
        return None
    w = word.lower().replace("-", "").removesuffix("ern")
    return rules.directions.get(w)


def _section_end(text: str, start: int) -> int:
    """Where a section cue at `start` stops reaching: the next heading line ('#') or the cap."""
    end = min(len(text), start + SECTION_MAX_CHARS)
    nxt = text.find("\n#", start, end)
    return nxt if nxt >= 0 else end


def find_cues(text: str, spans: list[tuple[int, int]], gaz: Gazetteer) -> dict[int, list[Cue]]:
    """For each mention (index into `spans`, its character offsets in `text`) the cues that
    reach it; see the module's doc."""
    rules = load_rules()
    out: dict[int, list[Cue]] = {}
    memo: dict[str, tuple[Candidate, ...]] = {}

    def anchors(*names: str | None) -> tuple[Candidate, ...]:
        found: list[Candidate] = []
        for n in names:
            if n:
                if n not in memo:
                    memo[n] = anchor_places(n, gaz)
                found.extend(memo[n])
        return tuple(found)

    sections: list[tuple[int, int, Cue]] = []
    for rule in rules.cues:
        for m in rule.pattern.finditer(text):
            groups = m.groupdict()
            anc = anchors(groups.get("anchor"), groups.get("anchor2"))
            if not anc:
                continue
            cue = Cue(rule.name, m.group(0).strip("()"), anc, _direction(groups.get("dir"), rules), rule.bonus,
                      rules.reach_km if groups.get("dir") else rules.near_km, rules.side_deg, rules.same_spot_km)
            if rule.scope == "section":
                sections.append((m.start(), _section_end(text, m.end()), cue))
                continue
            g = "place" if groups.get("place") else "places"
            a, b = m.span(g)
            for i, (s, e) in enumerate(spans):
                if a <= s and e <= b:
                    out.setdefault(i, []).append(cue)
    sections.sort(key=lambda x: x[0])
    for k, (a, b, cue) in enumerate(sections):
        stop = min(b, sections[k + 1][0]) if k + 1 < len(sections) else b
        for i, (s, _e) in enumerate(spans):
            if a <= s < stop:
                out.setdefault(i, []).append(cue)
    return out


def carry(keys: list[str], spans: list[tuple[int, int]], found: dict[int, list[Cue]]) -> dict[int, list[Cue]]:
    """A mention without a side cue of its own takes those of the nearest mention of its name
    that has one ("Pokrovka (southeast of Sumy City)" ... "near Pokrovka")."""
    sided = {i for i, cs in found.items() if any(c.bearing is not None for c in cs)}
    out = dict(found)
    for i, key in enumerate(keys):
        if i in sided:
            continue
        peers = [j for j in sided if keys[j] == key]
        if peers:
            j = min(peers, key=lambda j: abs(spans[j][0] - spans[i][0]))
            out[i] = [*out.get(i, []), *[c for c in found[j] if c.bearing is not None]]
    return out


def cue_evidence(cues: list[Cue], c: Candidate) -> tuple[float, str | None]:
    """The bonus place `c` earns from a mention's cues and the reason naming the strongest: a
    cue's full bonus on the stated side, NEAR_SHARE of it near the anchor on another side (the
    text's village may be missing from the gazetteer: its namesake nearby is the better guess)."""
    best, said = 0.0, None
    for cue in cues:
        fit = cue.fit(c)
        gain = cue.bonus if fit == "side" else cue.bonus * NEAR_SHARE if fit == "near" else 0.0
        if gain > best:
            best = gain
            said = f"the text places it '{cue.text}'" if fit == "side" else f"near {cue.anchors[0].name}, as '{cue.text}' says"
    return best, said
