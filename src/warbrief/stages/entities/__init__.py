"""Entities: knowledge-base actors before the NER (`warbrief_known`) and one canonical entity per
actor, person, organisation, group or place after it (`warbrief_entities`, coreference inside
the document). Modules: `spans` (actor spans from the knowledge base), `coref` (linking mentions
to one identity), `stage` (the two factories)."""

from .stage import create_entities, create_known

__all__ = ["create_entities", "create_known"]
