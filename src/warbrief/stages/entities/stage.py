"""The entities stages: knowledge-base actors before the NER, canonical entities after it.

    warbrief_known     (before `ner`)  `create_known`: knowledge-base names, descriptions and
                       titles -> `doc._.wb.known` and preset `doc.ents` (see `entities.spans`)
    warbrief_entities  (after places)  `create_entities`: known spans, places and the NER's
                       remaining spans -> `doc._.wb.entities` + `mention_index` (see `coref`)

Conventions (documented for the other stages and for analysts):
- "Russian forces", "the Russian military", "Russia's army" -> the armed forces ORG
  (`org:armed-forces-of-russia`, country RU); "Ukrainian troops", "Russian soldiers" -> a GROUP
  `group:ukrainian-troops` with the country (contract: GROUP "when no unit is named");
  "Ukrainian officials" -> GROUP `group:ukrainian-officials`; "the Polish defence ministry" ->
  `org:ministry-of-defence-of-poland`. See `country_templates` in organisations.yaml.
- A demonym alone ("Russian drones", "North Koreans") -> GROUP `group:russians`/`group:north-koreans`.
- Titles: "the Russian defence minister" is a mention of whoever held the office on the
  document's `published` date (with no date: the current holder); a title right before a name
  is not a mention ("Russian President Vladimir Putin" -> mention "Vladimir Putin").
- Places belong to the places stage; the NER never turns a country, capital or gazetteer place
  near the war into a PERSON or ORG.
"""

from __future__ import annotations

from typing import Any

from ...knowledge.actors import load_actors, slug
from ...lang.profiles import is_cyrillic
from . import cyrillic
from .coref import EntityAssembler
from .spans import KnownMatcher, apply

__all__ = ["create_entities", "create_known", "slug"]


def create_known(nlp: Any, name: str):
    if is_cyrillic(nlp):  # the uk/ru profiles: by lemma, no statistical NER after it
        return _create_known_cyrillic(nlp)
    matcher = KnownMatcher(nlp, load_actors())

    def known(doc: Any) -> Any:
        st = doc._.wb
        when = st.published_dt.date() if st.published_dt else None
        apply(doc, matcher.find(doc, when))
        return doc

    return known


def _create_known_cyrillic(nlp: Any):
    actors = cyrillic.LemmaActors(nlp, load_actors())

    def known(doc: Any) -> Any:
        apply(doc, cyrillic.find(doc, actors))
        return doc

    return known


def create_entities(nlp: Any, name: str):
    assembler = EntityAssembler(load_actors())

    def entities(doc: Any) -> Any:
        assembler.assemble(doc)
        return doc

    return entities
