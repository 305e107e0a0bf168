"""Claims: who said what, quoted or reported, through whom, and when (`warbrief_claims`).
Modules: `cues` (the cue words of claim_cues.yaml), `quotes`, `reported`, `headings` (claims made
by layout), `speakers` (who the speaker is), `stage` (assembly and the factory)."""

from .stage import create_claims

__all__ = ["create_claims"]
