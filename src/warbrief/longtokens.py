"""Tokenising in linear time, whatever the text.

spaCy's tokenizer strips prefixes and suffixes from a whitespace-delimited chunk one at a time,
and each step searches (and copies) the whole remaining chunk: a chunk of n characters made of
punctuation (")))...", "](](...") costs n^2. Two guards, neither of which changes the tokens of
ordinary text:

- the suffix search looks only at a chunk's last `SUFFIX_WINDOW` characters (no suffix rule is
  that long), so one strip costs a constant;
- a run of more than `LONG_RUN` characters without whitespace is not a word, a number or a
  URL: it is cut into pieces of `LONG_RUN` characters, each one token, and never goes through
  the affix rules.

The Doc's text is always the input text, character for character (offsets stay exact).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator
from typing import Any

LONG_RUN = 1000
SUFFIX_WINDOW = 100
# a run of LONG_RUN+ non-space characters, matched only where the run starts: linear
_LONG = re.compile(rf"(?<!\S)\S{{{LONG_RUN + 1},}}")


def _tail_search(search: Callable[[str], Any]) -> Callable[[str], Any]:
    def tail_search(string: str) -> Any:
        return search(string[-SUFFIX_WINDOW:] if len(string) > SUFFIX_WINDOW else string)

    return tail_search


class GuardedTokenizer:
    """spaCy's tokenizer, with the two guards above; a drop-in for `nlp.tokenizer`."""

    def __init__(self, tokenizer: Any) -> None:
        self.tokenizer = tokenizer
        self.vocab = tokenizer.vocab
        if tokenizer.suffix_search is not None:
            tokenizer.suffix_search = _tail_search(tokenizer.suffix_search)

    def __call__(self, text: str) -> Any:
        if not _LONG.search(text):
            return self.tokenizer(text)
        from spacy.tokens import Doc

        words: list[str] = []
        spaces: list[bool] = []
        pos = 0
        for m in _LONG.finditer(text):
            self._add(text[pos:m.start()], words, spaces)
            words.extend(text[i:min(i + LONG_RUN, m.end())] for i in range(m.start(), m.end(), LONG_RUN))
            spaces.extend(False for _ in range(m.start(), m.end(), LONG_RUN))
            pos = m.end()
            if text.startswith(" ", pos):
                spaces[-1] = True
                pos += 1
        self._add(text[pos:], words, spaces)
        return Doc(self.vocab, words=words, spaces=spaces)

    def _add(self, segment: str, words: list[str], spaces: list[bool]) -> None:
        if segment:
            for t in self.tokenizer(segment):
                words.append(t.text)
                spaces.append(bool(t.whitespace_))

    def pipe(self, texts: Iterable[str], batch_size: int = 1000) -> Iterator[Any]:
        for text in texts:
            yield self(text)


def guard(nlp: Any) -> None:
    """Put the guarded tokenizer in `nlp` (once)."""
    if not isinstance(nlp.tokenizer, GuardedTokenizer):
        nlp.tokenizer = GuardedTokenizer(nlp.tokenizer)
