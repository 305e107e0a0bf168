"""Maintainer tools: not part of the warbrief package (not in the wheel, never imported at run
time). Run them from the repository root, e.g. `python -m tools.gazetteer.sources SRC`."""
