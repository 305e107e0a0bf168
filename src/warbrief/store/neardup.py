"""Near-duplicate detection: MinHash signatures over word shingles, banded for lookup (LSH).

A re-published wire story differs from its original by a headline, a byline or a closing
line; its word 5-shingles overlap heavily. Each document gets a 64-value MinHash signature;
16 bands of 4 values are hashed and stored, so candidates are found with an indexed lookup,
then the signatures are compared (the fraction of equal values estimates Jaccard similarity).
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Iterable

import numpy as np

SHINGLE = 5
PERMUTATIONS = 64
BANDS = 16
ROWS = PERMUTATIONS // BANDS
THRESHOLD = 0.7  # estimated Jaccard similarity at or above which a document is a near-duplicate
MIN_SHINGLES = 30  # shorter texts (e.g. one-line posts) are never linked as near-duplicates
_PRIME = np.uint64((1 << 31) - 1)
_rng = np.random.default_rng(20240224)  # fixed: signatures must be comparable across runs
_A = _rng.integers(1, int(_PRIME), PERMUTATIONS, dtype=np.uint64)
_B = _rng.integers(0, int(_PRIME), PERMUTATIONS, dtype=np.uint64)
_WORD = re.compile(r"\w+", re.UNICODE)


def shingles(text: str) -> set[int]:
    """32-bit hashes of the lower-cased word 5-grams of `text`."""
    words = _WORD.findall(text.lower())
    grams = (" ".join(words[i:i + SHINGLE]) for i in range(max(0, len(words) - SHINGLE + 1)))
    return {int.from_bytes(hashlib.blake2b(g.encode(), digest_size=4).digest(), "little") for g in grams}


def signature(text: str) -> bytes | None:
    """The MinHash signature (64 x uint32, little-endian), or None for a text too short."""
    sh = shingles(text)
    if len(sh) < MIN_SHINGLES:
        return None
    x = np.fromiter(sh, dtype=np.uint64, count=len(sh))
    hashed = (x[None, :] * _A[:, None] + _B[:, None]) % _PRIME  # < 2^62: no overflow
    return hashed.min(axis=1).astype("<u4").tobytes()


def bands(sig: bytes) -> list[tuple[int, int]]:
    """(band number, signed 64-bit hash of the band's values) for the LSH index."""
    step = ROWS * 4
    return [(b, int.from_bytes(hashlib.blake2b(sig[b * step:(b + 1) * step], digest_size=8).digest(),
                               "little", signed=True)) for b in range(BANDS)]


def similarity(a: bytes, b: bytes) -> float:
    """Estimated Jaccard similarity of two signatures."""
    va, vb = np.frombuffer(a, dtype="<u4"), np.frombuffer(b, dtype="<u4")
    return float((va == vb).mean())


def best_match(sig: bytes, candidates: Iterable[tuple[str, bytes]]) -> tuple[str, float] | None:
    """The most similar candidate (id, similarity) at or above THRESHOLD, else None."""
    best: tuple[str, float] | None = None
    for cid, csig in candidates:
        s = similarity(sig, csig)
        if s >= THRESHOLD and (best is None or s > best[1]):
            best = (cid, s)
    return best
