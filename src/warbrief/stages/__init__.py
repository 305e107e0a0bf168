"""Extraction stages, one module each; `warbrief.pipeline` wires them into spaCy in order."""
