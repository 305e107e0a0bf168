"""What a finding is: a full informative sentence, in the right section, citing its own sentence,
with ranking signals from data; and one brief for the CLI, the API and the page."""

from __future__ import annotations

import json
from datetime import date

import pytest

from brief_fixtures import advance_report, analysis, claim, event
from warbrief.brief import BriefOptions, build_brief, from_analyses, items_from_analysis, load_topics
from warbrief.brief.items import clean, reportable

DAY = date(2024, 10, 31)


def brief_of(*analyses, **kw):
    return build_brief(from_analyses(analyses), BriefOptions(date=DAY, **kw))


def plain(text: str, source: str = "ISW", published: str = "2024-10-31"):
    """A document with no events or claims: its findings come from its topical sentences."""
    return analysis(text, source, published)


# ----------------------------------------------------------------------------- what is a finding

@pytest.mark.parametrize("line", [
    "The Institute for the Study of War (ISW) reported that.",
    "Ukraine's General Staff said on October 30.",
    "We do not report in detail on war crimes because these activities are well covered elsewhere.",
    "and near Pokrovsk, where Russian forces attacked on October 30.",  # a fragment
    "Russian Main Effort - Eastern Ukraine",  # a heading
])
def test_shells_fragments_and_editorial_voice_are_no_findings(line):
    assert not reportable(clean(line), load_topics())


@pytest.mark.parametrize("line", [
    "ISW assesses that Russian forces are preparing a new offensive toward Kostiantynivka.",
    "The Ukrainian General Staff reported that Russian forces struck a power plant in Kharkiv City.",
])
def test_reports_are_findings(line):
    assert reportable(clean(line), load_topics())


def test_a_label_before_a_sentence_is_not_part_of_it():
    assert clean("Order of Battle: Elements of a Russian brigade operate near Pokrovsk.") == \
        "Elements of a Russian brigade operate near Pokrovsk."


def test_an_empty_attribution_never_reaches_the_brief():
    text = ("The Institute for the Study of War (ISW) reported that. "
            "Russian forces launched a massive missile strike against energy infrastructure in Kyiv.")
    brief = brief_of(plain(text))
    assert brief.findings
    assert all("reported that." not in f.sentence for f in brief.findings)


# ----------------------------------------------------------------------------- sections

@pytest.mark.parametrize("text, section", [
    ("Russian forces launched a massive missile and drone strike package against energy infrastructure "
     "across Ukraine overnight.", "strikes"),
    ("Putin rejected any negotiated ceasefire during the talks with the US envoy in Moscow.", "diplomacy"),
    ("Germany approved a new military aid package with Patriot systems for Ukraine on Thursday.", "aid"),
    ("The EU adopted a new package of sanctions against the Russian shadow fleet on Thursday.", "aid"),
    ("Russia announced a new wave of mobilisation of reservists in its western regions.", "other"),
    ("Ukrainian forces counterattacked and regained positions in the area of the front line.", "front"),
])
def test_each_section_takes_its_topic(text, section):
    [f] = brief_of(plain(text)).findings
    assert f.section == section


def test_an_advance_with_a_place_is_on_the_front():
    [f] = brief_of(advance_report("ISW")).findings
    assert f.section == "front" and f.axis == "Kharkiv Oblast"


def test_an_unlocated_regain_is_not_fighting():
    text = "Officials said that the general regained consciousness in a Moscow hospital on October 30."
    ev = event(text, text, "regained", label="regain", place=None)
    [f] = brief_of(analysis(text, "ISW", "2024-10-31", events=[ev])).findings
    assert f.section != "front"


# ----------------------------------------------------------------------------- ranking signals

def test_every_signal_of_the_data_file_has_patterns_and_a_weight():
    sigs = load_topics().signals
    assert {s.id for s in sigs} >= {"assessment", "first_time", "escalation", "harm", "agreement", "war_aims"}
    assert all(s.pattern is not None and s.weight for s in sigs)


@pytest.mark.parametrize("signal, better, worse", [
    ("first_time", "A Russian drone reached the outskirts of Kharkiv City for the first time on October 30.",
     "A Russian drone reached the outskirts of Kharkiv City again on the afternoon of October 30."),
    ("assessment", "ISW assesses that the Kremlin is using the talks to stall Western military aid shipments.",
     "The Kremlin spoke about the talks and Western military aid shipments on Wednesday evening."),
    ("escalation", "Russia launched its largest missile and drone strike of the war against Kyiv overnight.",
     "Russia launched a drone strike against a depot near Kyiv overnight on Wednesday."),
])
def test_a_signal_raises_a_finding(signal, better, worse):
    def score(text):
        [f] = brief_of(plain(text)).findings
        return f.features[signal], f.score
    (hit, high), (miss, low) = score(better), score(worse)
    assert hit == 1.0 and miss == 0.0 and high > low


def test_front_small_print_ranks_below_the_day_s_strike():
    texts = ["A Russian milblogger claimed that elements of the Russian 1st Motorized Rifle Regiment "
             "operate near Bezsalivka.",
             "Russian forces launched a massive missile strike against energy infrastructure in Kyiv City."]
    brief = brief_of(plain(" ".join(texts)))
    assert "massive missile strike" in brief.findings[0].sentence


# ----------------------------------------------------------------------------- citations

def _texts(*analyses):
    return {a["document"]["id"]: a["document"]["text"] for a in analyses}


def _mixed_week():
    t = ("Talks between the delegations stalled in Geneva on Wednesday. "
         "Russian forces advanced near Kupiansk on October 30. "
         "Fighting continued elsewhere along the line.")
    ev = event(t, "Russian forces advanced near Kupiansk on October 30.", "advanced")
    # a summary line restated further down, where the event is: the citation is the event's sentence
    r = ("Russian forces advanced near Pokrovsk and Kupiansk on October 30 in heavy fighting. "
         "Talks between the delegations stalled in Geneva on Wednesday.\n"
         "Russian forces advanced near Pokrovsk on October 30 in heavy fighting.")
    ev2 = event(r, "Russian forces advanced near Pokrovsk on October 30 in heavy fighting.", "advanced",
                place="Pokrovsk")
    return [analysis(t, "Outlet M", "2024-10-31", events=[ev], places=["Kupiansk"]),
            analysis(r, "Outlet R", "2024-10-31", events=[ev2], places=["Pokrovsk"]),
            advance_report("ISW", place="Kivsharivka"), advance_report("Reuters", place="Pokrovsk"),
            plain("Russian forces launched a massive missile strike against energy infrastructure in Kyiv City. "
                  "Ukraine's air force said that it shot down most of the missiles over the capital. "
                  "Officials confirmed the massive missile strike by Russian forces against energy "
                  "infrastructure in Kyiv City.")]


def test_each_citation_highlights_the_finding_s_own_sentence():
    docs = _mixed_week()
    texts = _texts(*docs)
    brief = brief_of(*docs)
    assert brief.findings
    for f in brief.findings:
        own = {clean(texts[i.doc.id][i.start:i.end]) for i in f.items}
        for c in f.citations:
            cited = clean(texts[c.doc_id][c.start:c.end])
            if f.generated:
                assert cited in own  # one of the sentences the line was built from
                assert any(i.doc.id == c.doc_id and i.start == c.start and i.label for i in f.items)
            else:
                assert f.sentence.rstrip(".") in cited


# ----------------------------------------------------------------------------- positions

@pytest.mark.parametrize("text, expected", [
    ("Putin's refusal demonstrates his disinterest in a negotiated ceasefire.", "against"),
    ("Putin stated that he will not be satisfied with a peace agreement based on the US-proposed plan.", "against"),
    ("Zelensky reiterated his readiness to hold talks on a ceasefire.", "open"),
    ("The Kremlin discussed the US-proposed peace plan in Moscow.", None),  # no stance cue at all
])
def test_stance_needs_an_explicit_cue(text, expected):
    topics = load_topics()
    assert topics.stance(text, topics.match(text)).get("negotiations") == expected


def test_no_change_of_position_without_a_stance_on_both_sides():
    t1 = "Putin said that Russia is discussing the US-proposed peace plan."
    t2 = "Putin said that Russia rejected any negotiated ceasefire."
    putin = ("person:vladimir-putin", "Vladimir Putin")
    docs = [analysis(t1, "TASS", "2024-10-20", claims=[claim(t1, "Russia is discussing the US-proposed peace plan",
                                                             putin)]),
            analysis(t2, "Reuters", "2024-10-31", claims=[claim(t2, "Russia rejected any negotiated ceasefire", putin)])]
    assert not build_brief(from_analyses(docs), BriefOptions(date=DAY, lookback_days=14)).contradictions


# ----------------------------------------------------------------------------- one brief everywhere

@pytest.fixture
def stored(tmp_path):
    from warbrief.store import open_store

    path = tmp_path / "wb.db"
    docs = _mixed_week() + [advance_report("Kyiv Independent", published="2024-10-29", place="Pokrovsk")]
    with open_store(str(path)) as store:
        for a in docs:
            store.add(a)
    return path


def _rows(findings):
    return [(f["rank"], f["section"], f["sentence"], f["independent_sources"]) for f in findings]


def test_cli_api_and_page_give_one_brief(stored, tmp_path, capsys):
    import re

    from warbrief.cli import main
    from warbrief.store import open_store
    from web_fixtures import make_client

    assert main(["brief", "--db", str(stored), "--format", "json"]) == 0  # no --date: the latest day
    cli = json.loads(capsys.readouterr().out)
    assert cli["date"] == "2024-10-31" and cli["findings"]
    with open_store(str(stored)) as store:
        client = make_client(store, tmp_path)
        api = client.get("/api/brief").json()
        page = client.get("/").text
    api = api["data"]
    assert _rows(api["findings"]) == _rows(cli["findings"])
    assert main(["brief", "--db", str(stored)]) == 0
    md = [int(n) for n in re.findall(r"^(\d+)\. ", capsys.readouterr().out, re.M)]
    ranks = [int(n) for n in re.findall(r'id="finding-(\d+)"', page)]
    assert ranks == md  # the page prints the CLI's sections and order, with ranks
    assert "1 documents" not in page


def test_the_latest_day_of_analyses_files_is_the_default(tmp_path, capsys):
    from warbrief.cli import main

    path = tmp_path / "a.jsonl"
    path.write_text("\n".join(json.dumps(a) for a in _mixed_week()) + "\n", encoding="utf-8")
    assert main(["brief", "--analyses", str(path), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["date"] == "2024-10-31"


def test_items_of_a_stored_period_keep_forwarded_from(stored):
    from warbrief.brief.records import brief_from_store
    from warbrief.store import open_store

    with open_store(str(stored)) as store:
        brief = brief_from_store(store)
    assert brief is not None and brief.date == DAY
    assert all(len(f.sources) == 1 or f.reports > 1 for f in brief.findings)  # one document, one source


# ----------------------------------------------------------------------------- sources

def test_an_outlet_quoted_by_a_re_report_is_the_origin_of_its_chain():
    from warbrief.brief import Origins

    content = "Putin continues to show no interest in a ceasefire"
    t1 = f"ISW assessed that {content}."
    t2 = f"Analysts at the Institute for the Study of War wrote that {content}."
    isw = ("org:isw", "Institute for the Study of War")
    own = analysis(t1, "ISW", "2024-10-31", claims=[claim(t1, content, isw)])
    copy = analysis(t2, "RBC-Ukraine", "2024-10-31", claims=[claim(t2, content, isw)])
    orig = Origins([m for m, _ in from_analyses([own, copy])], load_topics().origin_aliases)
    items = [i for meta, a in from_analyses([own, copy]) for i in items_from_analysis(meta, a, load_topics())
             if i.kind == "claim"]
    assert orig.distinct(items) == ["ISW"]
    assert orig.chains(items) == ["RBC-Ukraine <- ISW"]
    assert orig.chains(items[1:]) == ["RBC-Ukraine <- Institute for the Study of War"]


@pytest.mark.parametrize("line, expected", [
    ("Unconfirmed claims: Russian sources claimed that Russian forces seized Vysoke.",
     "Russian sources claimed that Russian forces seized Vysoke."),
    ("Zelensky: Ukraine will not cede territory in the east.", "Zelensky: Ukraine will not cede territory in the east."),
])
def test_only_a_run_in_label_is_cut(line, expected):
    assert clean(line) == expected


def test_a_signal_without_a_weight_is_refused_with_the_file_named():
    from warbrief.brief.topics import parse_topics
    from warbrief.errors import WarbriefError

    with pytest.raises(WarbriefError, match="topics"):
        parse_topics({"signals": {"assessment": {"patterns": ["assess*"]}}})
