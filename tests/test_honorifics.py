"""knowledge/data/honorifics.tsv: the one list of titles and forms of address."""

from __future__ import annotations

import pytest

from warbrief.errors import WarbriefError
from warbrief.knowledge import honorifics as h


def test_each_reader_takes_its_part():
    assert {"gen", "gen.", "general", "deputy", "colonel-general"} <= h.title_words()
    assert "lady" not in h.title_words()  # a form of address the statistical NER keeps
    assert {"mr", "mr.", "sir", "lord"} <= h.address("m") and {"mrs", "ms.", "lady", "dame"} <= h.address("f")
    assert not h.address("m") & h.address("f")
    assert {"gen", "sgt", "prof"} <= h.short_forms() and "general" not in h.short_forms()


def test_a_malformed_line_names_file_and_line(tmp_path, monkeypatch):
    bad = tmp_path / "honorifics.tsv"
    bad.write_text("# header\nmr\tyes\tm\tyes\nGen\tmaybe\t-\tyes\n", encoding="utf-8")
    monkeypatch.setattr(h, "FILE", bad)
    h.load_honorifics.cache_clear()
    try:
        with pytest.raises(WarbriefError, match="honorifics.tsv line 3"):
            h.load_honorifics()
    finally:
        h.load_honorifics.cache_clear()


@pytest.mark.parametrize("line, ends", [
    ("Lt. Gen. Serhiy Naiev said so. Then he left.", ["Lt. Gen. Serhiy Naiev said so.", "Then he left."]),
    ("Adm. Ihor Tarasov spoke. Prof. Ivanov replied.", ["Adm. Ihor Tarasov spoke.", "Prof. Ivanov replied."]),
])
def test_the_brief_does_not_end_a_sentence_at_a_short_form(line, ends):
    from warbrief.brief.items import _split_line

    assert [line[s:e].strip() for s, e in _split_line(line)] == ends
