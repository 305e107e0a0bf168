"""Analysis time grows linearly with the input, whatever its shape (issue #21, item 1).

One long run without spaces, repeated punctuation or deep bracket nesting used to cost the square
of its length (spaCy's affix loop searches the whole remaining chunk at each step; an unanchored
`\\S+://` in coref scanned each long token once per character). These tests compare the time for
n and 4n characters: linear is a ratio near 4 (less, with the fixed cost of a small document),
quadratic near 16. No absolute timing is asserted.
"""

from __future__ import annotations

import time

import pytest

from warbrief.longtokens import LONG_RUN

SHAPES = {
    # name: (one unit, n units in the smaller document)
    "one long token": ("a", 20_000),
    "repeated punctuation": (")", 3_000),
    "bracket pairs": ("](", 1_000),
    "deep nesting": ("(", 1_000),
    "url then punctuation": ("http://x/" + ")" * 50, 60),
    "blank between places": (" ", 20_000),
}
RATIO = 6.5  # linear is 4 at most; quadratic measured 8 to 16 here (fixed costs shrink the ratio)


def _document(shape: str, n: int) -> str:
    unit = SHAPES[shape][0]
    body = unit * n if shape != "deep nesting" else "(" * n + ")" * n
    if shape == "blank between places":
        return "Russian forces attacked Bakhmut" + body + ", near Kyiv, officials said." + body + "[1]"
    return "Russian forces shelled Kharkiv on Monday. " + body + " The governor said."


def _best_time(analyze, text: str, repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        analyze(text)
        best = min(best, time.perf_counter() - t0)
    return best


@pytest.mark.model
@pytest.mark.parametrize("shape", list(SHAPES))
def test_time_grows_linearly(analyze, shape):
    n = SHAPES[shape][1]
    analyze(_document(shape, 10))  # warm caches
    small = _best_time(analyze, _document(shape, n))
    large = _best_time(analyze, _document(shape, 4 * n))
    assert large / max(small, 1e-3) < RATIO, f"{shape}: {small:.3f}s for n, {large:.3f}s for 4n"


@pytest.mark.model
@pytest.mark.parametrize("shape", list(SHAPES))
def test_offsets_stay_exact_on_adversarial_shapes(pipeline, shape):
    text = _document(shape, 3 * LONG_RUN)
    doc = pipeline.nlp.make_doc(text)
    assert doc.text == text
    assert max(len(t) for t in doc if not t.is_space) <= LONG_RUN  # a blank run stays one token


@pytest.mark.model
@pytest.mark.parametrize("text", [
    "Russian forces (the 3rd Army) shelled Kharkiv's outskirts on 5 May... \"We hold,\" he said.",
    "See https://example.org/a?b=c)) and www.isw.org.  Two  spaces,\n\nnew lines; U.S.-led (\"quoted\").",
    "Казань: 12km/h, $5.5bn, 10:30pm — don't, can't; e-mail me@ex.com!!!",
])
def test_ordinary_text_tokenizes_as_before(pipeline, text):
    import spacy

    plain = spacy.blank("en").tokenizer
    assert [t.text for t in pipeline.nlp.make_doc(text)] == [t.text for t in plain(text)]
