"""Extraction stages by capability, one subpackage each: `entities`, `places`, `times`, `claims`,
`events`; `state` is the per-document state they share (`doc._.wb`). Each subpackage exposes
its stage factories and nothing else; its helpers are its own.

`registry()` lists the pipeline's stages in order, each with its factory and its place: before
the parser (it presets sentence starts the parser respects), before the statistical NER (it
presets spans the NER respects), or after both. Add a stage by writing its subpackage and one
line here."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Stage:
    name: str  # the spaCy component name
    factory: Callable[[Any, str], Callable[[Any], Any]]  # (nlp, name) -> component over a Doc
    before_ner: bool = False
    before: str | None = None  # another component it must run before ("parser"); wins over before_ner

    def placement(self) -> dict[str, Any]:
        """`nlp.add_pipe` keywords: before `before`, before the NER, or last."""
        if self.before is not None:
            return {"before": self.before}
        return {"before": "ner"} if self.before_ner else {"last": True}


def registry() -> tuple[Stage, ...]:
    """The stages in pipeline order. Imported on first use, so that `import warbrief` stays cheap."""
    from .claims import create_claims
    from .entities import create_entities, create_known
    from .events import create_events
    from .places import create_gazetteer, create_places
    from .segments import create_furniture, create_segments
    from .times import create_times

    return (Stage("warbrief_segments", create_segments, before="parser"),
            Stage("warbrief_known", create_known, before_ner=True),
            Stage("warbrief_gazetteer", create_gazetteer, before_ner=True),
            Stage("warbrief_places", create_places),
            Stage("warbrief_entities", create_entities),
            Stage("warbrief_times", create_times),
            Stage("warbrief_furniture", create_furniture),
            Stage("warbrief_claims", create_claims),
            Stage("warbrief_events", create_events))


STAGE_NAMES = ("warbrief_segments", "warbrief_known", "warbrief_gazetteer", "warbrief_places",
               "warbrief_entities", "warbrief_times", "warbrief_furniture", "warbrief_claims", "warbrief_events")
