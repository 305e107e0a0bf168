"""What warbrief knows, loaded from data files shipped in `warbrief/knowledge/data`.

Nothing is loaded at import time; each loader caches its result for the process."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

DATA = Path(__file__).with_name("data")


def data_dir() -> Path:
    """Where warbrief keeps built indexes (the gazetteer): $WARBRIEF_DATA_DIR, else the user's
    data directory (e.g. ~/.local/share/warbrief)."""
    env = os.environ.get("WARBRIEF_DATA_DIR")
    if env:
        return Path(env)
    from platformdirs import user_data_dir

    return Path(user_data_dir("warbrief", appauthor=False))


def load_yaml(text: str) -> Any:
    """`yaml.safe_load`, with libyaml's C parser where PyYAML has it: the data files are read
    at every start, and the pure-Python parser took a second of a three-second cold start."""
    import yaml

    return yaml.load(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))  # noqa: S506 - a safe loader
