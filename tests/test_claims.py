"""The claims stage: who said what, through whom, and when. Sentences written for these tests.

Claims are checked by their content text (offsets must match `document.text`), cue, speaker
mention, speaker entity (the entity with a mention at the expected name), chain and time.
Time expressions are injected by hand, so these tests do not depend on the times stage.
"""

from __future__ import annotations

import pytest

from warbrief.analysis import TimeExpr
from warbrief.pipeline import DocumentInput

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def run(pipeline):
    """run(text, times=None, source=None) -> the claims stage's output as contract dicts,
    plus the document's entities. `times` = [(text, value)] replaces the times stage."""

    def go(text: str, times: list[tuple[str, str]] | None = None, source: str | None = None):
        doc = pipeline.make_doc(DocumentInput(text, "2024-11-01", source))
        for name, proc in pipeline.nlp.pipeline:
            if name == "warbrief_claims":
                if times is not None:
                    doc._.wb.times = [_time(text, t, v) for t, v in times]
                doc = proc(doc)
                break
            doc = proc(doc)
        st = doc._.wb
        claims = [c.to_dict() for c in st.claims]
        for c in claims:  # every offset agrees with the text
            assert text[c["start"]:c["end"]] == c["text"]
            if c["cue"]:
                assert text[c["cue"]["start"]:c["cue"]["end"]] == c["cue"]["text"]
        return claims, [e.to_dict() for e in st.entities]

    return go


def _time(text: str, t: str, value: str) -> TimeExpr:
    s = text.index(t)
    return TimeExpr(s, s + len(t), t, value, "day", "injected by the test")


def claim_with(claims: list[dict], content: str) -> dict:
    hits = [c for c in claims if c["text"] == content]
    assert hits, f"no claim with content {content!r}; got {[c['text'] for c in claims]}"
    return hits[0]


def speaker_text(text: str, claim: dict) -> str | None:
    sp = claim["speaker"]
    if sp is None or sp["start"] is None:
        return None
    return text[sp["start"]:sp["end"]]


def entity_named(entities: list[dict], text: str, name: str) -> str | None:
    """The id of the entity with a mention overlapping the first occurrence of `name`."""
    s = text.index(name)
    e = s + len(name)
    for ent in entities:
        if any(m["start"] < e and s < m["end"] for m in ent["mentions"]):
            return ent["id"]
    return None


# ---------------------------------------------------------------- reported speech
REPORTED = [
    ("Zelensky said that Ukraine would not give up any territory.", "Ukraine would not give up any territory",
     "said", "Zelensky"),
    ("Putin told reporters that Russia would keep fighting.", "Russia would keep fighting", "told", "Putin"),
    ("Shoigu noted that the offensive had stalled near the river.", "the offensive had stalled near the river",
     "noted", "Shoigu"),
    ("The analysts argued that sanctions were working slowly.", "sanctions were working slowly", "argued",
     "The analysts"),
    ("Stoltenberg warned that Russia could attack again within years.", "Russia could attack again within years",
     "warned", "Stoltenberg"),
    ("The ministry denied that its forces had shelled the school.", "its forces had shelled the school", "denied",
     "The ministry"),
    ("Peskov claimed that the talks had never been planned.", "the talks had never been planned", "claimed",
     "Peskov"),
    ("Zelensky recalled that the bridge had been struck twice.", "the bridge had been struck twice", "recalled",
     "Zelensky"),
    ("The governor stated that three people were wounded.", "three people were wounded", "stated", "The governor"),
]


@pytest.mark.parametrize(("text", "content", "cue", "speaker"), REPORTED)
def test_reported_speech_with_a_cue_verb(run, text, content, cue, speaker):
    claims, _ = run(text)
    c = claim_with(claims, content)
    assert c["cue"]["text"] == cue
    assert speaker_text(text, c) == speaker
    assert c["direct"] is False


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("Russian forces advanced near Kupiansk, according to the General Staff.",
     "Russian forces advanced near Kupiansk", "the General Staff"),
    ("According to the Institute for the Study of War, Russian forces advanced near Kupiansk.",
     "Russian forces advanced near Kupiansk", "the Institute for the Study of War"),
])
def test_according_to_names_the_source(run, text, content, speaker):
    claims, _ = run(text)
    c = claim_with(claims, content)
    assert c["cue"]["text"].lower() == "according to"
    assert speaker_text(text, c) == speaker


def test_possessive_statement_that(run):
    text = "Kuleba's statement that Ukraine needs more air defence surprised no one."
    claims, _ = run(text)
    c = claim_with(claims, "Ukraine needs more air defence")
    assert c["cue"]["text"] == "statement"
    assert speaker_text(text, c) == "Kuleba"


def test_writes_with_a_colon(run):
    text = "The governor writes: the city has been without power for three days."
    claims, _ = run(text)
    c = claim_with(claims, "the city has been without power for three days")
    assert c["cue"]["text"] == "writes"
    assert speaker_text(text, c) == "The governor"


def test_passive_report_has_no_named_speaker(run):
    text = "It was reported that the bridge over the river had collapsed."
    claims, _ = run(text)
    c = claim_with(claims, "the bridge over the river had collapsed")
    assert c["cue"]["text"] == "reported"
    assert c["speaker"] is None


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ("Russia will not stop at Avdiivka, Putin said.", "Russia will not stop at Avdiivka", "Putin"),
    ("The front is stable, the commander said on the radio.", "The front is stable", "the commander"),
])
def test_cue_after_the_content(run, text, content, speaker):
    claims, _ = run(text)
    c = claim_with(claims, content)
    assert speaker_text(text, c) == speaker


def test_belief_of_a_document_is_a_claim(run):
    text = "New polls show that most Ukrainians reject territorial concessions."
    claims, _ = run(text)
    c = claim_with(claims, "most Ukrainians reject territorial concessions")
    assert speaker_text(text, c) == "New polls"


def test_plain_narration_is_not_a_claim(run):
    claims, _ = run("Russian forces shelled Kherson overnight. Two houses burned down.")
    assert claims == []


# ---------------------------------------------------------------- quotations
QUOTES = [
    ('"We will not retreat," Zelensky said.', "We will not retreat", "Zelensky"),
    ("“We will not retreat,” Zelensky said.", "We will not retreat", "Zelensky"),
    ("«We will not retreat», Zelensky said.", "We will not retreat", "Zelensky"),
    ("„We will not retreat“, Zelensky said.", "We will not retreat", "Zelensky"),
    ("‘We will not retreat,’ Zelensky said.", "We will not retreat", "Zelensky"),
    ("Zelensky said: “We will not retreat from our land.”", "We will not retreat from our land.", "Zelensky"),
    ('"We will not retreat," said Zelensky.', "We will not retreat", "Zelensky"),
]


@pytest.mark.parametrize(("text", "content", "speaker"), QUOTES)
def test_direct_quotation_styles(run, text, content, speaker):
    claims, _ = run(text)
    c = claim_with(claims, content)
    assert c["direct"] is True
    assert speaker_text(text, c) == speaker


def test_quotation_spanning_sentences(run):
    text = "“The line holds. Our soldiers are tired but determined,” the commander said."
    claims, _ = run(text)
    c = claim_with(claims, "The line holds. Our soldiers are tired but determined")
    assert c["direct"] is True
    assert speaker_text(text, c) == "the commander"


def test_quotation_interrupted_by_the_attribution(run):
    text = "“The line holds,” the commander said, “and we have enough shells for now.”"
    claims, _ = run(text)
    first = claim_with(claims, "The line holds")
    second = claim_with(claims, "and we have enough shells for now.")
    assert first["cue"] == second["cue"]
    assert speaker_text(text, first) == speaker_text(text, second) == "the commander"


def test_continued_quotation_keeps_the_speaker_implied(run):
    text = "“We are holding,” said the commander. “The enemy keeps coming at night, but our drones see them first.”"
    claims, _ = run(text)
    c = claim_with(claims, "The enemy keeps coming at night, but our drones see them first.")
    assert c["direct"] is True
    assert c["speaker"]["name"] == "the commander"
    assert c["speaker"]["start"] is None


def test_an_odd_quote_mark_does_not_derail_the_rest(run):
    text = ("The mayor called the strike \"a crime.\n\n"
            "“We are rebuilding the school,” the mayor said later.")
    claims, _ = run(text)
    c = claim_with(claims, "We are rebuilding the school")
    assert c["direct"] is True
    assert speaker_text(text, c) == "the mayor"


def test_scare_quotes_are_not_claims(run):
    claims, _ = run("Moscow calls the war a “special military operation” and the troops moved on.")
    assert all(c["text"] != "special military operation" for c in claims)


def test_apostrophes_are_not_quotes(run):
    text = "Ukraine's forces didn't stop; the soldiers' morale held."
    claims, _ = run(text)
    assert claims == []


# ---------------------------------------------------------------- speaker resolution
@pytest.mark.parametrize(("text", "content", "pronoun", "antecedent"), [
    ("Volodymyr Zelensky visited Kharkiv on Monday. He said that the city would be rebuilt.",
     "the city would be rebuilt", "He", "Volodymyr Zelensky"),
    ("Angela Merkel met the press in Berlin. She said that Europe must stay united.",
     "Europe must stay united", "She", "Angela Merkel"),
])
def test_pronoun_speaker_resolves_to_antecedent(run, text, content, pronoun, antecedent):
    claims, entities = run(text)
    c = claim_with(claims, content)
    assert speaker_text(text, c) == pronoun
    assert c["speaker"]["entity"] is not None
    assert c["speaker"]["entity"] == entity_named(entities, text, antecedent)


def test_pronoun_gender_learned_from_the_text_skips_a_nearer_person(run):
    text = ("Angela Merkel spoke in Kyiv, where her visit was announced late. Olaf Scholz stayed in Berlin. "
            "She said that Germany would send more air defence.")
    claims, entities = run(text)
    c = claim_with(claims, "Germany would send more air defence")
    assert c["speaker"]["entity"] == entity_named(entities, text, "Angela Merkel")


def test_first_person_inside_a_quotation_is_the_quoted_speaker(run):
    text = "“I believe that the sanctions will work,” Boris Johnson said."
    claims, entities = run(text)
    outer = claim_with(claims, "I believe that the sanctions will work")
    inner = claim_with(claims, "the sanctions will work")
    assert outer["speaker"]["entity"] == entity_named(entities, text, "Boris Johnson")
    assert inner["speaker"]["entity"] == outer["speaker"]["entity"]


def test_named_speaker_links_to_its_entity(run):
    text = "Vladimir Putin said that the operation would continue."
    claims, entities = run(text)
    c = claim_with(claims, "the operation would continue")
    assert c["speaker"]["entity"] == entity_named(entities, text, "Vladimir Putin")


def test_analysts_of_an_organisation_resolve_to_it(run):
    text = "Analysts of the Institute for the Study of War assessed that Russia lacks reserves."
    claims, entities = run(text)
    c = claim_with(claims, "Russia lacks reserves")
    assert speaker_text(text, c).startswith("Analysts")
    assert c["speaker"]["entity"] == entity_named(entities, text, "Institute for the Study of War")


def test_the_report_resolves_to_its_organisation(run):
    text = ("Amnesty International published a report on Tuesday. "
            "The report says that civilians were held in basements.")
    claims, entities = run(text)
    c = claim_with(claims, "civilians were held in basements")
    assert speaker_text(text, c) == "The report"
    assert c["speaker"]["entity"] == entity_named(entities, text, "Amnesty International")


def test_an_office_resolves_to_the_person_named_before(run):
    text = ("Volodymyr Zelensky visited the front on Sunday. "
            "The head of state said that more drones were coming.")
    claims, entities = run(text)
    c = claim_with(claims, "more drones were coming")
    assert speaker_text(text, c) == "The head of state"
    assert c["speaker"]["entity"] == entity_named(entities, text, "Volodymyr Zelensky")


# ---------------------------------------------------------------- chains, time, ids, layout
def test_chain_outermost_first(run):
    text = ("Bloomberg reported that Vučić said that Putin replied that Russia "
            "would fulfill all its goals.")
    claims, _ = run(text)
    inner = claim_with(claims, "Russia would fulfill all its goals")
    assert speaker_text(text, inner) == "Putin"
    names = [link["name"] for link in inner["chain"]]
    assert len(names) == 2 and "Bloomberg" in names[0] and "Vučić" in names[1]
    middle = claim_with(claims, "Putin replied that Russia would fulfill all its goals")
    assert [link["name"] for link in middle["chain"]] == names[:1]


def test_chain_leaves_out_the_documents_own_source(run):
    text = "Reuters reported that Putin said that talks were possible."
    claims, _ = run(text, source="Reuters")
    inner = claim_with(claims, "talks were possible")
    assert inner["chain"] == []


def test_statement_time_from_the_attached_date(run):
    text = "Speaking during a press conference in Kyiv on July 5, Zelensky said that the counteroffensive had begun."
    claims, _ = run(text, times=[("July 5", "2024-07-05")])
    c = claim_with(claims, "the counteroffensive had begun")
    assert c["time"] == "2024-07-05"


def test_statement_time_after_a_quotation(run):
    text = "“The bridge will be repaired by winter,” the governor said on Tuesday."
    claims, _ = run(text, times=[("Tuesday", "2024-10-29")])
    c = claim_with(claims, "The bridge will be repaired by winter")
    assert c["time"] == "2024-10-29"


def test_statement_time_is_not_taken_from_the_content(run):
    text = "Zelensky said that the bridge was struck on July 5."
    claims, _ = run(text, times=[("July 5", "2024-07-05")])
    assert claim_with(claims, "the bridge was struck on July 5")["time"] is None


def test_ids_follow_text_order(run):
    text = "Putin said that the war would go on. Zelensky said that Ukraine would win."
    claims, _ = run(text)
    assert [c["id"] for c in claims] == ["c1", "c2"]
    assert claims[0]["start"] < claims[1]["start"]


def test_headline_attributed_after_a_dash(run):
    text = "Putin shows no interest in a ceasefire – ISW\n\nThe Kremlin rejected the proposal on Friday."
    claims, _ = run(text)
    c = claim_with(claims, "Putin shows no interest in a ceasefire")
    assert speaker_text(text, c) == "ISW"
    assert c["cue"]["text"] == "–"


def test_list_under_a_source_heading(run):
    text = ("Daily update.\n\nISW key findings as of October 31:\n\n"
            "- Russian forces advanced near Kupiansk.\n"
            "- Ukrainian forces struck a depot in Crimea.\n\n"
            "Other news follows here without a bullet.")
    claims, entities = run(text, times=[("October 31", "2024-10-31")])
    isw = entity_named(entities, text, "ISW")
    items = [claim_with(claims, "Russian forces advanced near Kupiansk."),
             claim_with(claims, "Ukrainian forces struck a depot in Crimea.")]
    for c in items:
        assert c["speaker"]["entity"] == isw and c["speaker"]["name"]
        assert c["speaker"]["start"] is None  # implied by the heading
        assert c["time"] == "2024-10-31"
    assert all("Other news" not in c["text"] for c in claims)


# ---------------------------------------------------------------- more constructions
@pytest.mark.parametrize(("text", "content", "cue", "speaker"), [
    ("Russia will keep attacking energy sites, as the general noted.",
     "Russia will keep attacking energy sites", "noted", "the general"),
    ("The minister was confident that the line would hold.", "the line would hold", "confident", "The minister"),
    ("The mayor warned of new strikes on the port.", "new strikes on the port", "warned", "The mayor"),
    ("Kuleba's criticism of the deal was sharp.", "the deal", "criticism", "Kuleba"),
    ("The spokesman said he had seen the drones himself.", "he had seen the drones himself", "said", "The spokesman"),
])
def test_further_cues(run, text, content, cue, speaker):
    claims, _ = run(text)
    c = claim_with(claims, content)
    assert c["cue"]["text"] == cue
    assert speaker_text(text, c) == speaker


def test_relative_pronoun_keeps_its_mention_and_links_the_antecedent(run):
    text = "Officials of the Ukrainian Air Force, who said that the missiles were intercepted, asked for patience."
    claims, _ = run(text)
    c = claim_with(claims, "the missiles were intercepted")
    assert speaker_text(text, c) == "who"
    assert "Air Force" in c["speaker"]["name"]  # officials of an organisation -> the organisation


@pytest.mark.parametrize(("text", "content", "speaker"), [
    ('Anna Kovalenko, Kyiv Post: "The city slept in shelters again last night."',
     "The city slept in shelters again last night.", "Anna Kovalenko, Kyiv Post"),
    ('"The city slept in shelters again last night."\n— Anna Kovalenko, Kyiv Post\n\nMore news.',
     "The city slept in shelters again last night.", "Anna Kovalenko, Kyiv Post"),
])
def test_quotation_under_a_speaker_label(run, text, content, speaker):
    claims, _ = run(text)
    c = claim_with(claims, content)
    assert c["direct"] is True
    assert speaker_text(text, c) == speaker


def test_intentions_are_not_claims(run):
    claims, _ = run("Russian forces are trying to encircle the town and plan to cut the road.")
    assert claims == []


def test_unnamed_key_takeaways_belong_to_the_documents_source(run):
    text = ("Key Takeaways:\n\n"
            "Russian forces recently advanced in western Zaporizhia Oblast.\n\n"
            "Ukrainian forces struck an oil depot in Belgorod Oblast.[2]\n\n"
            "Russian Offensive Campaign Assessment\n\nThe rest of the report.")
    claims, _ = run(text, source="ISW")
    items = [claim_with(claims, "Russian forces recently advanced in western Zaporizhia Oblast."),
             claim_with(claims, "Ukrainian forces struck an oil depot in Belgorod Oblast.")]  # no marker
    for c in items:
        assert c["speaker"]["name"] == "ISW" and c["speaker"]["start"] is None
        assert c["cue"]["text"] == "Key Takeaways"
    assert all("The rest" not in c["text"] for c in claims)


def test_reported_content_ends_at_a_citation_marked_sentence_end(run):
    text = ("Umerov stated that European officials also joined the talks.[1] Axios reported on Friday "
            "that two sources confirmed the meeting.[2]")
    claims, _ = run(text)
    first = claim_with(claims, "European officials also joined the talks")  # as without the marker
    assert speaker_text(text, first) == "Umerov"
    inner = claim_with(claims, "the meeting")  # no citation mark "[2]"
    assert [link["name"] for link in inner["chain"]] == ["Axios"]


def test_a_forwarded_posts_channel_heads_every_claims_chain(analyze):
    """The channel a Telegram post was forwarded from relayed its claims: it travels with the
    document (DocumentInput.forwarded_from) to the claims stage, never patched in afterwards."""
    import warbrief

    text = "The mayor said that three drones were shot down over the city."
    plain = analyze(text, "2024-10-30")
    (fwd,) = warbrief.analyze_many([DocumentInput(text, "2024-10-30", forwarded_from="Kyiv Daily")])
    assert [link["name"] for link in plain["claims"][0]["chain"]] == []
    assert [link["name"] for link in fwd.to_dict()["claims"][0]["chain"]] == ["Kyiv Daily"]


def test_a_forward_is_not_added_twice():
    from warbrief.analysis import ChainLink, Claim, Speaker
    from warbrief.stages.claims.stage import relay_forward

    claims = [Claim("c1", 0, 4, "text", False, None, Speaker(None, "the mayor", None, None), [ChainLink(None, "Reuters")]),
              Claim("c2", 0, 4, "text", False, None, Speaker(None, "Kyiv Daily", None, None)),
              Claim("c3", 0, 4, "text", False, None, None, [ChainLink(None, "Kyiv Daily")])]
    relay_forward(claims, "Kyiv Daily")
    assert [[x.name for x in c.chain] for c in claims] == [["Kyiv Daily", "Reuters"], [], ["Kyiv Daily"]]
