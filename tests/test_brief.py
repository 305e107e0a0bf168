"""Cross-document brief: clustering, independent sources, findings, citations, formats."""

from __future__ import annotations

import json
import re
from datetime import date

import pytest

from brief_fixtures import advance_report, analysis, claim, event
from warbrief.brief import (
    BriefOptions,
    DocMeta,
    Origins,
    build_brief,
    cluster,
    contradictions,
    from_analyses,
    items_from_analysis,
    load_topics,
    positions,
    render,
    timeline,
)
from warbrief.brief.items import Ref, sentences

DAY = date(2024, 10, 31)


def items_of(*analyses):
    topics = load_topics()
    out = []
    for meta, a in from_analyses(analyses):
        out.extend(items_from_analysis(meta, a, topics, with_sentences=False))
    return out


def brief_of(*analyses, day=DAY, **kw):
    return build_brief(from_analyses(analyses), BriefOptions(date=day, **kw))


# ----------------------------------------------------------------------------- clustering

@pytest.mark.parametrize("second, same", [
    (dict(place="Kivsharivka"), True),  # about 10 km away
    (dict(place="Pokrovsk"), False),  # another axis
    (dict(day="2024-10-20"), False),  # ten days earlier
    (dict(type_="RETREAT", label="withdrawal", mode="ground-withdrawal"), False),
    (dict(actor=("org:armed-forces-of-ukraine", "Ukrainian forces", "UA")), False),
])
def test_event_reports_join_one_story_only_when_they_match(second, same):
    a = advance_report("ISW")
    b = advance_report("Kyiv Independent", place=second.pop("place", "Kupiansk"),
                       wording="Fighting units pushed ahead near {p} on the front.", trigger="pushed", **second)
    stories = cluster(items_of(a, b))
    assert (len(stories) == 1) is same


@pytest.mark.parametrize("content2, speaker2, same", [
    ("Russia is open to negotiations with Ukraine on a ceasefire", ("person:vladimir-putin", "Vladimir Putin"), True),
    ("Russia is open to negotiations with Ukraine on a ceasefire", ("person:volodymyr-zelensky", "Volodymyr Zelensky"), False),
    ("the army will receive new tanks next spring", ("person:vladimir-putin", "Vladimir Putin"), False),
])
def test_claims_join_by_speaker_and_content(content2, speaker2, same):
    t1 = "Putin said that Russia is open to negotiations with Ukraine on a ceasefire."
    t2 = f"{speaker2[1]} told reporters that {content2}."
    a = analysis(t1, "TASS", "2024-10-31", claims=[claim(t1, "Russia is open to negotiations with Ukraine on a ceasefire",
                                                         ("person:vladimir-putin", "Putin"))])
    b = analysis(t2, "Reuters", "2024-10-31", claims=[claim(t2, content2, speaker2)])
    assert (len(cluster(items_of(a, b))) == 1) is same


# ----------------------------------------------------------------------------- independent sources

def _bloomberg_story():
    """Bloomberg reports Putin; ISW re-reports Bloomberg; outlet B re-reports ISW citing Bloomberg."""
    content = "Russia would fulfil all the goals of its operation"
    t1 = f"Putin said that {content}, according to people familiar with the talks."
    t2 = f"Bloomberg reported that Putin said that {content}."
    t3 = f"ISW, citing Bloomberg, reported that Putin said that {content}."
    putin = ("person:vladimir-putin", "Vladimir Putin")
    return [
        analysis(t1, "Bloomberg", "2024-10-31", claims=[claim(t1, content, putin)]),
        analysis(t2, "ISW", "2024-10-31", claims=[claim(t2, content, putin, [("org:bloomberg", "Bloomberg")])]),
        analysis(t3, "Outlet B", "2024-10-31", claims=[claim(t3, content, putin, [
            ("org:institute-for-the-study-of-war", "Institute for the Study of War"),
            ("org:bloomberg", "Bloomberg")])]),
    ]


def test_re_reports_through_a_chain_add_no_origin():
    docs = _bloomberg_story()
    its = items_of(*docs)
    [story] = cluster(its)
    assert len(story.items) == 3
    assert Origins([m for m, _ in from_analyses(docs)]).distinct(story.items) == ["Bloomberg"]


def test_an_independent_outlet_adds_an_origin():
    a = advance_report("ISW")
    b = advance_report("Kyiv Independent", place="Kivsharivka")
    its = items_of(a, b)
    assert len(Origins([m for m, _ in from_analyses([a, b])]).distinct(its)) == 2


def test_a_near_duplicate_takes_its_originals_origin():
    a = advance_report("Reuters")
    b = advance_report("Daily Copy", place="Kivsharivka")
    b["duplicate_of"] = a["document"]["id"]
    metas = [m for m, _ in from_analyses([a, b])]
    assert Origins(metas).distinct(items_of(a, b)) == ["Reuters"]


@pytest.mark.parametrize("first, second", [
    ("ISW", "Institute for the Study of War"),
    ("Reuters", "reuters.com"),
    ("The Kyiv Independent", "Kyiv Independent"),
])
def test_names_of_one_origin_are_one_origin(first, second):
    orig = Origins(aliases=load_topics().origin_aliases)
    a, b = advance_report(first), advance_report(second, place="Kivsharivka")
    assert len(orig.distinct(items_of(a, b))) == 1


def test_unresolved_speaker_is_not_an_origin():
    t = "Sources said that Russian forces advanced near Kupiansk on October 30."
    ev = event(t, t, "advanced", claim="c1")
    a = analysis(t, "ISW", "2024-10-31", events=[ev], places=["Kupiansk"],
                 claims=[claim(t, "Russian forces advanced near Kupiansk on October 30", (None, "Sources"))])
    [it] = [i for i in items_of(a) if i.kind == "event"]
    assert Origins().origin(it).name == "ISW"


# ----------------------------------------------------------------------------- the brief

def _week():
    return [advance_report("ISW"), advance_report("Kyiv Independent", place="Kivsharivka"),
            advance_report("Reuters", place="Pokrovsk"),
            *[advance_report(f"Outlet {n}", place="Pokrovsk", published="2024-10-31",
                             actor=("org:armed-forces-of-ukraine", "Ukrainian forces", "UA"),
                             label="regain", wording="Ukrainian troops regained ground near {p} on October 30.",
                             trigger="regained") for n in range(2)],
            *_bloomberg_story()]


def test_every_finding_has_a_citation_and_a_source_count():
    brief = brief_of(*_week())
    assert brief.findings
    for f in brief.findings:
        assert f.citations and f.sources
        assert all(c.url or c.doc_id for c in f.citations)


def test_markdown_finding_lines_carry_citations():
    md = render(brief_of(*_week()), "md")
    lines = [ln for ln in md.splitlines() if re.match(r"\d+\. ", ln)]
    assert lines
    for ln in lines:
        assert re.search(r"\[\d+ independent sources?: [^\]]+\] \(.+, \d{4}-\d{2}-\d{2}, \S+", ln), ln


def test_one_front_finding_per_side_and_axis_names_its_settlements():
    brief = brief_of(*_week())
    front = {f.axis: f.sentence for f in brief.findings if f.section == "front"
             and f.sentence.startswith("Russian forces advanced")}
    assert set(front) == {"Kharkiv Oblast", "Donetsk Oblast"}
    assert "Kupiansk" in front["Kharkiv Oblast"] and "Kivsharivka" in front["Kharkiv Oblast"]
    assert "Pokrovsk" in front["Donetsk Oblast"]


@pytest.mark.parametrize("wording, axis", [
    ("Russian forces advanced near {p} in the Pokrovsk direction on October 30.", "Pokrovsk direction, Donetsk Oblast"),
    ("Russian forces advanced near {p} in the Kostyantynivka-Druzhkivka tactical area.",
     "Kostyantynivka-Druzhkivka tactical area, Donetsk Oblast"),
    ("Russian forces advanced near {p} on October 30.", "Donetsk Oblast"),  # the settlement's oblast
])
def test_an_advance_s_axis_is_its_named_direction_else_its_oblast(wording, axis):
    from warbrief.brief.front import axis_of

    [it] = [i for i in items_of(advance_report("ISW", place="Pokrovsk", wording=wording)) if i.kind == "event"]
    assert axis_of(it, load_topics()) == axis


def test_json_format_is_the_brief():
    data = json.loads(render(brief_of(*_week()), "json"))
    assert data["period"] == {"start": "2024-10-31", "end": "2024-10-31", "days": 1}
    assert data["findings"]
    assert all(f["citations"] and f["independent_sources"] >= 1 for f in data["findings"])


@pytest.mark.parametrize("fmt", ["md", "html", "json"])
def test_every_format_renders_an_empty_period(fmt):
    brief = brief_of(advance_report("ISW"), day=date(2025, 1, 1))
    out = render(brief, fmt)
    assert not brief.findings
    says_so = {"md": "No findings", "html": "0 key findings", "json": '"findings": []'}[fmt]
    assert says_so in out


def test_html_escapes_article_text():
    text = "Russian forces shelled <script>alert(1)</script> Kupiansk overnight, officials said."
    a = analysis(text, "Evil <b>Outlet</b>", "2024-10-31", url="https://x.example/?a=1&b=<2>")
    page = render(brief_of(a), "html")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>" not in page and "<b>Outlet" not in page and "b=<2>" not in page


def test_a_story_seen_in_the_days_before_is_not_novel():
    old = advance_report("ISW", published="2024-10-29", day="2024-10-29")
    new = advance_report("Kyiv Independent", place="Kivsharivka", day="2024-10-30")
    [f] = [f for f in brief_of(old, new).findings if f.kind == "event"]
    assert f.features["novelty"] == 0.0


def test_background_events_do_not_make_findings():
    a = advance_report("ISW", day="2024-09-01")
    assert not [f for f in brief_of(a).findings if f.kind == "event"]
    assert [f for f in brief_of(advance_report("ISW")).findings if f.kind == "event"]  # dated in the period: one


@pytest.mark.parametrize("days, most", [(1, 5), (3, 12)])
def test_brief_keeps_at_most_its_findings(days, most):
    reports = [advance_report(f"Outlet {n}", place=p, wording=f"Report {n}: Russian forces advanced near {{p}}.",
                              actor=(f"org:unit-{n}", f"Unit {n}", "RU"), type_=t, label=lbl)
               for n, (p, t, lbl) in enumerate([(p, t, lbl) for p in ("Kupiansk", "Pokrovsk", "Kyiv")
                                               for t, lbl in (("ASSAULT", "advance"), ("RETREAT", "withdrawal"),
                                                              ("ASSAULT", "shelling"), ("COERCE", None),
                                                              ("AID", "aid-delivery"))])]
    assert 0 < len(brief_of(*reports, days=days, most=most).findings) <= most


# ----------------------------------------------------------------------------- positions and timelines

def _putin_statements():
    t1 = "Putin said that Russia is open to negotiations with Ukraine."
    t2 = "Putin said that Russia rejected any negotiated ceasefire."
    putin = ("person:vladimir-putin", "Vladimir Putin")
    return [analysis(t1, "TASS", "2024-10-20", claims=[claim(t1, "Russia is open to negotiations with Ukraine", putin)]),
            analysis(t2, "Reuters", "2024-10-31", claims=[claim(t2, "Russia rejected any negotiated ceasefire", putin)])]


def test_positions_over_time_show_the_change():
    found = positions(items_of(*_putin_statements()), "Putin", "negotiations")
    assert [p.stance for p in found] == ["open", "against"]
    [change] = contradictions(found)
    assert change.earlier.date < change.later.date


def test_the_brief_shows_a_changed_position():
    brief = build_brief(from_analyses(_putin_statements()), BriefOptions(date=DAY, lookback_days=14))
    assert brief.contradictions and "Positions that changed" in render(brief, "md")


@pytest.mark.parametrize("query", ["Kupiansk", "geonames:703656", "Kharkiv Oblast", "Russian forces"])
def test_timeline_finds_an_entity_or_place(query):
    a = advance_report("ISW", published="2024-10-31")
    b = advance_report("Reuters", published="2024-10-20", day="2024-10-19")
    hist = timeline(items_of(a, b), query)
    assert [i.day0.isoformat() for i in hist] == ["2024-10-19", "2024-10-30"]


# ----------------------------------------------------------------------------- small parts

@pytest.mark.parametrize("text, expected", [
    ("Putin rejected any negotiated ceasefire.", {"negotiations": "against"}),
    ("Zelensky said Ukraine is ready for peace talks.", {"negotiations": "open"}),
    ("The Kremlin is not ready to negotiate a truce.", {"negotiations": "against"}),
    ("The EU imposed new sanctions on Russian banks.", {"sanctions": "open"}),
])
def test_stance_cues(text, expected):
    topics = load_topics()
    found = topics.match(text)
    assert {k: v for k, v in topics.stance(text, found).items() if k in expected} == expected


@pytest.mark.parametrize("text, n", [
    ("Russian forces advanced.[3] Ukrainian forces held. The U.S. envoy arrived.", 3),
    ("**Headline sentence here.** Body sentence follows.\nNext paragraph.", 3),
])
def test_sentences(text, n):
    assert len(sentences(text)) == n


def test_docmeta_day_from_datetime():
    assert DocMeta("x", published="2024-10-31T08:00:00+00:00").day == DAY


def test_refs_compare_by_value():
    assert Ref("org:x", "X") == Ref("org:x", "X")


# ----------------------------------------------------------------------------- command line

@pytest.fixture
def analyses_file(tmp_path):
    path = tmp_path / "a.jsonl"
    path.write_text("".join(json.dumps(a) + "\n" for a in [*_week(), *_putin_statements()]), encoding="utf-8")
    return path


@pytest.mark.parametrize("fmt, marker", [("md", "# Brief for 2024-10-31"), ("html", "<h1>"), ("json", '"findings"')])
def test_cli_brief_writes_the_chosen_format(analyses_file, tmp_path, fmt, marker):
    from warbrief.cli import main

    out = tmp_path / f"brief.{fmt}"
    assert main(["brief", "--date", "2024-10-31", "--analyses", str(analyses_file), "--format", fmt,
                 "--out", str(out)]) == 0
    assert marker in out.read_text(encoding="utf-8")


@pytest.mark.parametrize("argv, status", [
    (["brief", "--date", "2024-10-31", "--days", "0"], 2),
    (["brief", "--date", "2024-10-31", "--most", "20"], 2),
    (["timeline", "Putin", "--topic", "weather"], 2),
])
def test_cli_refuses_bad_options(analyses_file, argv, status):
    from warbrief.cli import main

    assert main([*argv, "--analyses", str(analyses_file)]) == status


def test_cli_timeline_prints_a_dated_history(analyses_file, capsys):
    from warbrief.cli import main

    assert main(["timeline", "Pokrovsk", "--analyses", str(analyses_file)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines and all(re.match(r"\d{4}-\d{2}-\d{2}  \[", ln) for ln in lines)


def test_cli_timeline_shows_positions_on_a_topic(analyses_file, capsys):
    from warbrief.cli import main

    assert main(["timeline", "Putin", "--topic", "negotiations", "--analyses", str(analyses_file)]) == 0
    assert "CHANGED Vladimir Putin on negotiations: open" in capsys.readouterr().out


def test_brief_reads_the_store(tmp_path):
    from warbrief.brief import from_store
    from warbrief.store import open_store

    url = f"sqlite:///{tmp_path}/wb.db"
    with open_store(url) as store:
        for a in _week():
            store.add(a)
    records = list(from_store(url, date(2024, 10, 24), DAY))
    assert len(records) == len({a["document"]["id"] for a in _week()})  # same text is stored once
    assert build_brief(records, BriefOptions(date=DAY)).findings


def test_a_speaker_who_publishes_no_reports_is_never_an_origin():
    t = "The Ukrainian General Staff said that Russian forces advanced near Kupiansk on October 30."
    content = "Russian forces advanced near Kupiansk on October 30"
    a = analysis(t, "Kyiv Independent", "2024-10-31", events=[event(t, t, "advanced", claim="c1")], places=["Kupiansk"],
                 claims=[claim(t, content, ("org:general-staff-of-ukraine", "Ukrainian General Staff"))])
    [story] = cluster(items_of(a))
    assert Origins().distinct(story.items) == ["Kyiv Independent"]


def test_one_document_is_one_source_whatever_its_speakers():
    t1 = "The Security Council of Russia said that talks would continue."
    t2 = "ISW reported that the Kremlin said that talks would continue in Miami."
    text = t1 + " " + t2
    a = analysis(text, "ISW", "2024-10-31", claims=[
        claim(text, "talks would continue", ("org:security-council-of-russia", "Security Council of Russia")),
        claim(text, "talks would continue in Miami", ("org:kremlin", "Kremlin"), cid="c2")])
    assert Origins().distinct(items_of(a)) == ["ISW"]


def test_a_re_report_shows_its_chain():
    content = "Russian forces advanced near Kupiansk on October 30"
    t = f"ISW reported that {content}."
    a = analysis(t, "RBC-Ukraine", "2024-10-31", claims=[
        claim(t, content, ("org:general-staff-of-ukraine", "Ukrainian General Staff"),
              [("org:institute-for-the-study-of-war", "ISW")])])
    orig = Origins([m for m, _ in from_analyses([a])])
    assert orig.chains(items_of(a)) == ["RBC-Ukraine <- ISW"]


def test_brief_without_a_database_says_so_and_creates_none(tmp_path):
    from warbrief.cli import main

    missing = tmp_path / "none.db"
    assert main(["brief", "--date", "2024-10-31", "--db", str(missing)]) == 1
    assert not missing.exists()


@pytest.mark.parametrize("name,type_,expected", [
    ("Russian", "GROUP", "Russian forces"),
    ("Ukrainians", "GROUP", "Ukrainians"),
    ("Russian forces", "ORG", "Russian forces"),
    ("Vladimir Putin", "PERSON", "Vladimir Putin"),
])
def test_generated_sentence_subject_is_never_a_bare_adjective(name, type_, expected):
    from warbrief.brief.items import Ref
    from warbrief.brief.rank import actor_subject

    assert actor_subject(Ref("group:x", name, "RU", type_)) == expected
