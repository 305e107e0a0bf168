"""Entities stage (placeholder until the knowledge-base linker lands): NER spans -> local entities."""

from __future__ import annotations

import re
from typing import Any

from ..analysis import Entity, Span

NER_TYPES = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "PLACE", "LOC": "PLACE", "NORP": "GROUP",
             "FAC": "OTHER"}


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-") or "x"


def create_known(nlp: Any, name: str):
    def known(doc: Any) -> Any:
        return doc
    return known


def create_entities(nlp: Any, name: str):
    def entities(doc: Any) -> Any:
        st = doc._.wb
        by_id: dict[str, Entity] = {}
        for ent in doc.ents:
            etype = NER_TYPES.get(ent.label_)
            if etype is None:
                continue
            eid = f"local:{slug(ent.text)}"
            e = by_id.setdefault(eid, Entity(eid, ent.text, etype, None))
            e.mentions.append(Span(ent.start_char, ent.end_char, ent.text))
            st.mention_index[(ent.start_char, ent.end_char)] = eid
        st.entities = list(by_id.values())
        return doc
    return entities
