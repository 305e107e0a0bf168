"""Bounded fuzz runs (hypothesis): the extract entry point on generated text, and the document
page on generated hostile text. Fixed seeds and example counts keep them short and repeatable."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from helpers import validate
from warbrief.errors import InputError
from web_fixtures import *  # noqa: F403
from web_fixtures import Builder

FRAGMENTS = ["Russian forces", "advanced near", "Kupiansk", "on October 30", "Zelensky said that",
             "<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "\"", "&amp;", "\u202e", "\n\n",
             "Kyiv", "yesterday", "ISW reported", "killed 3 civilians", "—", "Zaporizhzhia Oblast", ".", " "]
texts = st.one_of(
    st.text(max_size=300),
    st.lists(st.sampled_from(FRAGMENTS), min_size=1, max_size=40).map(" ".join),
)
FUZZ = settings(max_examples=30, deadline=None, derandomize=True,
                suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])


@pytest.mark.model
@FUZZ
@given(text=texts, published=st.sampled_from([None, "2024-11-01"]))
def test_extract_entry_point_gives_valid_records(pipeline, text, published):
    import warbrief

    try:
        result = warbrief.analyze(text, published=published, source="Fuzz")
    except InputError:
        assert not text.strip()  # only empty input is refused
        return
    data = result.to_dict()
    validate(data)
    assert data["document"]["text"] == text


@FUZZ
@given(text=texts.filter(lambda t: t.strip()))
def test_document_page_never_emits_markup_from_the_text(client, text):
    b = Builder(text, "2024-11-03", "Fuzz <i>x</i>", title=text[:40] or None)
    client.app.state.store.add(b.a)
    r = client.get(f"/documents/{b.a['document']['id']}")
    assert r.status_code == 200
    body = r.text.split('id="text">', 1)[1].split("</div>", 1)[0]
    assert re.search(r"<(?!/?span[ >])", body) is None  # only the highlighter's own spans
