"""Events: PLOVER/ACLED events with actors, place, date, modality and casualties
(`warbrief_events`). Modules: `lexicon` (the trigger data of knowledge/data/events), `triggers`,
`args` (actors and targets), `modality`, `casualties`, `stage` (assembly and the factory)."""

from .stage import create_events

__all__ = ["create_events"]
