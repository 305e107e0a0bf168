"""The actor knowledge base: people, organisations, groups, units, weapons and countries.

Loaded once per process from the YAML files in `knowledge/data/actors/` (each file documents
its format in a header comment):

    people.yaml         people with aliases, roles (office, country, dates) and descriptions
    organisations.yaml  organisations, plus templates for any country's armed forces, ministries...
    groups.yaml         groups that are not one country's people ("Western allies", "Chechens")
    units.yaml          military units and formations
    weapons.yaml        weapon systems
    countries.yaml      ISO codes, names, capitals and demonyms of every country
    titles.yaml         offices and the ways news text writes them

    kb = load_actors()
    kb.actors["person:vladimir-putin"].country            -> "RU"
    kb.holders("defence minister", "RU", date(2024, 6, 1)) -> [Actor(Andrei Belousov)]
    kb.country_of("Russian")                               -> "RU"
    kb.iso3("UA")                                          -> "UKR"
    kb.resolve("the Russian defence minister", when=...)   -> Resolution(country="RU", actor=...)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import yaml
from unidecode import unidecode

from ..errors import Errors, WarbriefError
from . import DATA
from .honorifics import short_forms
from .names import slug

ACTORS_DIR = DATA / "actors"
# Every scalar is read as a string (no implicit dates, booleans such as Norway's "NO", or
# numbers): faster, and the code converts what it needs ("null" -> None, role dates).
_LOADER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
APOSTROPHES = ("'s", "’s", "'", "’")


def as_date(value: Any) -> date | None:
    if value is None or value == "":
        return None
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    return date.fromisoformat(str(value))


@dataclass(frozen=True)
class Role:
    """An office held: `title` (canonical, titles.yaml) in `where` (ISO2 or an org id)."""

    title: str
    where: str | None
    start: date | None = None
    end: date | None = None

    def held_on(self, when: date | None) -> bool:
        """True if the office was held on `when`; with no date, if it is held now (open end)."""
        if when is None:
            return self.end is None
        return (self.start is None or self.start <= when) and (self.end is None or when < self.end)


@dataclass
class Actor:
    id: str
    name: str
    type: str  # contract entity type
    country: str | None
    aliases: tuple[str, ...] = ()
    roles: tuple[Role, ...] = ()
    descriptions: tuple[str, ...] = ()

    @property
    def surname(self) -> str | None:
        """Last word of a person's name ("Putin"), None for others or one-word names."""
        if self.type != "PERSON":
            return None
        words = self.name.replace(" Jr.", "").split()
        if len(words) == 2 or (len(words) == 3 and re.fullmatch(r"[A-Z]\.", words[1])):
            return words[-1]
        return None


@dataclass(frozen=True)
class Country:
    code: str  # ISO2 (EU and XK are user-assigned)
    iso3: str
    name: str
    aliases: tuple[str, ...] = ()
    capital: str | None = None
    adj: tuple[str, ...] = ()
    plural: tuple[str, ...] = ()

    @property
    def slug(self) -> str:
        return slug(self.name)

    @property
    def group_id(self) -> str:
        """The GROUP entity id of the country's people: group:russians."""
        return "group:" + slug(self.plural[0] if self.plural else (self.adj[0] if self.adj else self.name) + " people")

    @property
    def group_name(self) -> str:
        return self.plural[0] if self.plural else (self.adj[0] + " people" if self.adj else self.name)


@dataclass(frozen=True)
class Template:
    """A generic organisation or group of any country: "{adj} troops" -> group:russian-troops."""

    id: str
    name: str
    type: str
    heads: tuple[str, ...]

    def make(self, c: Country) -> tuple[str, str]:
        adj = c.adj[0] if c.adj else c.name
        fill = {"slug": c.slug, "name": c.name, "adj": slug(adj), "Adj": adj}
        return self.id.format(**fill), self.name.format(**fill)


@dataclass
class Resolution:
    """What `ActorKB.resolve` made of a short actor text."""

    country: str | None
    actor: Actor | None = None
    reason: str = ""


@dataclass
class ActorKB:
    actors: dict[str, Actor] = field(default_factory=dict)
    countries: dict[str, Country] = field(default_factory=dict)
    titles: dict[str, str] = field(default_factory=dict)  # lower-case variant -> canonical title
    heads: tuple[str, ...] = ()
    leader_title: dict[str, str] = field(default_factory=dict)
    org_templates: tuple[Template, ...] = ()
    group_templates: tuple[Template, ...] = ()
    seat_heads: frozenset[str] = frozenset()  # "university", "court": names of bodies named after their seat
    # derived indexes
    by_alias: dict[str, list[Actor]] = field(default_factory=dict)  # exact alias -> actors
    by_lower: dict[str, list[Actor]] = field(default_factory=dict)  # lower-case alias/description
    country_words: dict[str, tuple[str, str]] = field(default_factory=dict)  # lower -> (ISO2, kind)
    by_iso3: dict[str, str] = field(default_factory=dict)
    ner_names: dict[str, str] = field(default_factory=dict)  # NORP word -> group id ("Western")

    # -------------------------------------------------------------- codes and countries
    def iso3(self, code: str | None) -> str | None:
        c = self.countries.get(code or "")
        return c.iso3 if c else None

    def iso2(self, code3: str | None) -> str | None:
        return self.by_iso3.get((code3 or "").upper())

    def country_of(self, word: str) -> str | None:
        """ISO2 of a country name, alias, capital, adjective or plural ("Russian" -> "RU")."""
        hit = self.country_words.get(_norm(word))
        return hit[0] if hit else None

    # -------------------------------------------------------------- roles
    def holders(self, title: str, where: str | None, when: date | None) -> list[Actor]:
        """Who held `title` in `where` (ISO2 or org id; None: anywhere) on `when`."""
        if title == "leader" and where is not None:
            title = self.leader_title.get(where, "president")
        out = []
        for a in self.actors.values():
            for r in a.roles:
                if r.title == title and (where is None or r.where == where) and r.held_on(when):
                    out.append(a)
                    break
        return out

    def holds(self, actor: Actor, titles: tuple[str, ...], when: date | None, where: str | None = None) -> bool:
        """Did `actor` hold one of `titles` (in `where`) on `when`; with `when` None, ever?"""
        return any(r.title in titles and (where is None or r.where == where) and (when is None or r.held_on(when))
                   for r in actor.roles)

    def template(self, head: str) -> Template | None:
        h = head.lower()
        for t in self.org_templates + self.group_templates:
            if h in t.heads:
                return t
        return None

    # -------------------------------------------------------------- short texts (eval, API)
    def resolve(self, text: str, when: date | None = None, hint: str | None = None) -> Resolution:
        """Country (and actor, when known) of a short actor text such as "Russian forces",
        "the Kremlin", "Defense Minister" + hint "German", "Kassym-Jomart Tokayev"."""
        return _resolve(self, text, when, hint)


def _norm(text: str) -> str:
    t = unidecode(text).lower().strip()
    t = re.sub(r"\s+", " ", t)
    return t


def _opt(value: Any) -> Any:
    """YAML read as strings: "null", "~" and "" mean no value."""
    return None if value in (None, "", "null", "~", "Null", "NULL") else value


def _parse_role(spec: str, default_where: str | None) -> Role:
    m = re.match(r"^\s*(?P<title>[^@\d.]+?)(?:@(?P<where>\S+))?\s*(?P<start>\d{4}-\d\d-\d\d)?\.\.(?P<end>\d{4}-\d\d-\d\d)?\s*$",
                 spec)
    if not m:
        raise WarbriefError(Errors.K001.format(spec=spec))
    return Role(m["title"].strip(), m["where"] or default_where, as_date(m["start"]), as_date(m["end"]))


def _read(name: str, base: Path | None = None) -> Any:
    path = (base or ACTORS_DIR) / name
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=_LOADER)  # noqa: S506 - strings only
    except (OSError, yaml.YAMLError) as exc:
        raise WarbriefError(Errors.K002.format(path=path, exc=exc)) from None


def _variants(alias: str) -> list[str]:
    """The alias and its ASCII form ("Vučić" -> "Vucic"; none for a Cyrillic name, whose
    letter-by-letter romanisation is no spelling anyone writes)."""
    out = [alias]
    ascii_form = unidecode(alias)
    if ascii_form != alias and not re.search("[\u0400-\u04ff]", alias):
        out.append(ascii_form)
    for form in list(out):
        if "'" in form:
            out.append(form.replace("'", "’"))  # typographic apostrophe: People’s Republic
    return out


def _add(kb: ActorKB, actor: Actor) -> None:
    if actor.id in kb.actors:
        raise WarbriefError(Errors.K003.format(id=actor.id))
    names = {v for a in (actor.name, *actor.aliases) for v in _variants(a)}
    actor.aliases = tuple(sorted(names - {actor.name}))
    kb.actors[actor.id] = actor
    for n in names:
        kb.by_alias.setdefault(n, []).append(actor)
        kb.by_lower.setdefault(_norm(n), []).append(actor)
    for d in actor.descriptions:
        kb.by_lower.setdefault(_norm(d), []).append(actor)


def build(directory: Path | None = None) -> ActorKB:
    """Read the YAML files (from `directory`, default the packaged data) into an `ActorKB`."""
    def read(name: str) -> Any:
        return _read(name, directory)

    kb = ActorKB()
    for code, c in (read("countries.yaml") or {}).items():
        country = Country(code, c["iso3"], c["name"], tuple(c.get("aliases", ())), c.get("capital"),
                          tuple(c.get("adj", ())), tuple(c.get("plural", ())))
        kb.countries[code] = country
        kb.by_iso3[country.iso3] = code
        for kind, words in (("name", (country.name, *country.aliases)), ("capital", (country.capital,) if country.capital else ()),
                            ("adj", country.adj), ("plural", country.plural)):
            for w in words:
                kb.country_words.setdefault(_norm(w), (code, kind))
    titles = read("titles.yaml")
    for canonical, variants in titles["titles"].items():
        for v in (canonical, *variants):
            kb.titles[v.lower()] = canonical
    kb.heads = tuple(titles.get("heads", ()))
    kb.leader_title = dict(titles.get("leader_title", {}))
    for p in read("people.yaml"):
        country = _opt(p.get("country"))
        roles = tuple(_parse_role(r, country) for r in p.get("roles", ()))
        _add(kb, Actor(p.get("id") or "person:" + slug(p["name"]), p["name"], "PERSON", country,
                       tuple(p.get("aliases", ())), roles, tuple(p.get("descriptions", ()))))
    orgs = read("organisations.yaml")
    for o in orgs["organisations"]:
        _add(kb, Actor(o["id"], o["name"], o.get("type", "ORG"), _opt(o.get("country")), tuple(o.get("aliases", ())),
                       (), tuple(o.get("descriptions", ()))))
    kb.org_templates = tuple(Template(t["id"], t["name"], t.get("type", "ORG"), tuple(h.lower() for h in t["heads"]))
                             for t in orgs.get("country_templates", ()))
    kb.group_templates = tuple(Template(t["id"], t["name"], t.get("type", "GROUP"), tuple(h.lower() for h in t["heads"]))
                               for t in orgs.get("group_templates", ()))
    kb.seat_heads = frozenset(h.lower() for h in orgs.get("seat_heads", ()))
    for fname, etype in (("groups.yaml", "GROUP"), ("units.yaml", "MILITARY_UNIT"), ("weapons.yaml", "WEAPON")):
        for g in read(fname):
            for n in g.get("ner_names", ()):
                kb.ner_names[n] = g["id"]
            _add(kb, Actor(g["id"], g["name"], g.get("type", etype), _opt(g.get("country")), tuple(g.get("aliases", ())),
                           (), tuple(g.get("descriptions", ()))))
    _add_cyrillic(kb, read("cyrillic.yaml") or {})
    return kb


def _add_cyrillic(kb: ActorKB, names: dict[str, Any]) -> None:
    """Ukrainian and Russian names of known actors (cyrillic.yaml): more aliases of the same id."""
    for actor_id, aliases in names.items():
        actor = kb.actors.get(actor_id)
        if actor is None or not isinstance(aliases, list):
            raise WarbriefError(f"[K004] cyrillic.yaml: {actor_id!r} is not a known actor id with a list of "
                                "names; fix the entry (ids are in people.yaml, organisations.yaml, ...)")
        # a lower-case phrase ("російські війська") describes the actor, like `descriptions`
        phrases = [str(a) for a in aliases if str(a).islower() and str(a) not in actor.descriptions]
        new = [str(a) for a in aliases if not str(a).islower() and str(a) not in actor.aliases]
        actor.aliases = (*actor.aliases, *new)
        actor.descriptions = (*actor.descriptions, *phrases)
        for n in [*new, *phrases]:
            if n in new:
                kb.by_alias.setdefault(n, []).append(actor)
            kb.by_lower.setdefault(_norm(n), []).append(actor)


@functools.lru_cache(maxsize=1)
def load_actors() -> ActorKB:
    """The packaged knowledge base, read once per process."""
    return build()


# ------------------------------------------------------------------ short-text resolution
def _resolve(kb: ActorKB, text: str, when: date | None, hint: str | None) -> Resolution:
    if not text or not text.strip():
        return Resolution(None, None, "empty text")
    raw = text.strip().strip(",.")
    norm = _norm(raw)
    hint_cc = None
    if hint:
        hint_cc = kb.country_of(hint) or next((kb.country_of(w) for w in hint.split() if kb.country_of(w)), None)
    # 1. the whole text is a known name, alias or description
    for key in (norm, _norm(re.sub(r"^(the|The)\s+", "", raw))):
        hits = kb.by_lower.get(key)
        if hits:
            a = hits[0]
            return Resolution(a.country or hint_cc, a, f"knowledge-base name {a.name!r}")
        hit = kb.country_words.get(key)
        if hit:
            return Resolution(hit[0], None, f"country {hit[1]} {raw!r}")
    words = re.findall(r"[\w.-]+|['’]s?", raw)
    # 2. the longest known name inside the text ("President Kassym-Jomart Tokayev")
    best: tuple[int, int, Actor] | None = None
    for i in range(len(words)):
        for j in range(len(words), i, -1):
            if best and j - i <= best[0]:
                break
            hits = kb.by_lower.get(_norm(" ".join(words[i:j]).rstrip(".,")))
            longer = j < len(words) and words[j][:1].isupper() and _norm(words[j]) not in kb.titles
            if hits and not longer and (j - i > 1 or hits[0].type != "PERSON" or words[i][:1].isupper()):
                # (a name followed by another capitalised word is part of a longer one: "Congress Party")
                best = (j - i, i, hits[0])
    # 3. a country word inside the text ("Ukrainian farmers", "Russia's ambassador", "Somalia-based")
    country, at = _country_word(kb, words)
    if best is not None:
        size, pos, a = best
        if country and a.type != "PERSON" and a.country != country and at < pos:
            # "Chile's Defense Department": the country word qualifies a generic name
            return Resolution(country, None, f"country word before {a.name!r}")
        return Resolution(a.country or country or hint_cc, a, f"knowledge-base name {a.name!r} in the text")
    # 4. a title with a country ("Armenian Prime Minister") -> the holder on the date
    if country or hint_cc:
        cc = country or hint_cc
        for canonical in _titles_in(kb, norm):
            found = kb.holders(canonical, cc, when)
            if found:
                return Resolution(cc, found[0], f"{canonical} of {cc} on {when or 'today'}")
        return Resolution(cc, None, "country word in the text" if country else "country given as context")
    # 5. a place name ("Mariupol", "Shanghai police"): the gazetteer's country
    place_cc = _place_country(words, kb.seat_heads)
    if place_cc:
        return Resolution(place_cc[0], None, f"place {place_cc[1]!r} in the gazetteer")
    return Resolution(None, None, "no known name, country word or place")


def _country_word(kb: ActorKB, words: list[str]) -> tuple[str | None, int]:
    for i in range(len(words)):
        for j in (3, 2, 1):
            chunk = " ".join(words[i:i + j])
            parts = [chunk] + (chunk.split("-")[:1] if j == 1 and "-" in chunk else [])
            for part in parts:
                cc = kb.country_words.get(_norm(part))
                if cc and (cc[1] != "name" or part[:1].isupper()):
                    return cc[0], i
    return None, -1


def _place_country(words: list[str], seat_heads: frozenset[str] = frozenset()) -> tuple[str, str] | None:
    """Country of the longest capitalised run of words that the gazetteer knows, if available.

    A run that names a body by its seat ("Oxford University", "Santa Marta Self Defense Forces":
    one of `seat_heads` among its words) may also take its country from a well-known place
    (100,000+ people, a country or first-level division) named by words inside it."""
    try:
        from .gazetteer import get_gazetteer

        gaz = get_gazetteer()
    except Exception:  # noqa: BLE001 - the gazetteer is optional for short-text resolution
        return None
    runs: list[list[str]] = [[]]
    for w in words:  # maximal runs of capitalised words: a place must be a whole run
        if w[:1].isupper() and w.rstrip(".").lower() not in short_forms():
            runs[-1].append(w)
        elif runs[-1]:
            runs.append([])
    for run in runs:
        name = " ".join(run)
        if len(name) < 4 or len(run) > 4:
            continue
        whole = len(run) == len(words) and not name.isupper()  # only a name (not an acronym): any place
        cands = [c for c in gaz.lookup(name) if c.kind <= 1 and c.country and (
            c.population >= 100_000 or c.feature in ("country", "region") or (c.kind == 0 and (whole or c.country in ("UA", "RU"))))]
        if cands:
            return str(max(cands, key=lambda c: c.population).country), name
    for run in runs:
        if not any(w.lower() in seat_heads for w in run):
            continue
        for size in (3, 2, 1):
            for i in range(len(run) - size + 1):
                part = run[i:i + size]
                name = " ".join(part)
                if len(name) < 4 or name.isupper() or any(w.lower() in seat_heads for w in part):
                    continue
                cands = [c for c in gaz.lookup(name) if c.kind <= 1 and c.country
                         and (c.population >= 100_000 or c.feature in ("country", "region"))]
                if cands:
                    return str(max(cands, key=lambda c: c.population).country), name
    return None


def _titles_in(kb: ActorKB, norm: str) -> list[str]:
    found = []
    for variant, canonical in sorted(kb.titles.items(), key=lambda kv: -len(kv[0])):
        if re.search(rf"\b{re.escape(variant)}\b", norm) and canonical not in found:
            found.append(canonical)
    return found
