"""Places: gazetteer names before the NER (`warbrief_gazetteer`) and every place mention
resolved to GeoNames with its reason (`warbrief_places`). Modules: `ruler` (names from the
gazetteer), `lookup` (candidates of a mention), `context` (what the document says about where it
is), `filters` (when an NER place is a person or a street), `nested` and `missed` (places the NER
did not type), `front` (the war's front prior), `cues` (the words all of them share), `relative` (the text's
relative locations), `lists` (lists of divisions), `weights` (the scoring table), `stage`
(scoring and the factory)."""

from .ruler import create_gazetteer
from .stage import create_places

__all__ = ["create_gazetteer", "create_places"]
