"""The dates stage: time expressions normalised against the publication date.

Pure-grammar tests call `warbrief.stages.times.timex` directly; tests that need the parse (tense)
or the pipeline's offsets go through the `analyze` fixture."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from warbrief.stages.times.stage import normalize as stage_normalize
from warbrief.stages.times.timex import extract, normalize

PUB = datetime(2024, 11, 1)  # a Friday


def one(text: str, anchor=PUB, tense=None):
    items = extract(text, anchor, (lambda s, e: tense) if tense else None)
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize("text, expr, value, precision", [
    ("Russian forces advanced on October 30.", "October 30", "2024-10-30", "day"),
    ("The strike came on 30 October 2023.", "30 October 2023", "2023-10-30", "day"),
    ("Talks were held on Oct. 12, 2022 in Istanbul.", "Oct. 12, 2022", "2022-10-12", "day"),
    ("Data as of 2024-10-29 show the front line.", "2024-10-29", "2024-10-29", "day"),
    ("The offensive began in September 2024.", "September 2024", "2024-09", "month"),
    ("Fighting intensified in early October 2024.", "early October 2024", "2024-10-01/2024-10-10", "range"),
    ("Shelling continued in late September.", "late September", "2024-09-21/2024-09-30", "range"),
    ("The reform was adopted in 2014.", "2014", "2014", "year"),
    ("The plan covers the third quarter of 2023.", "the third quarter of 2023", "2023-Q3", "quarter"),
    ("Output rose in Q2 2024.", "Q2 2024", "2024-Q2", "quarter"),
    ("Losses mounted in the summer of 2012.", "the summer of 2012", "2012-SU", "season"),
    ("The region was poor in the 1990s.", "the 1990s", "199", "decade"),
    ("The region was poor in the nineties.", "the nineties", "199", "decade"),
    ("Borders drawn in the 20th century.", "the 20th century", "19", "century"),
])
def test_explicit_dates(text, expr, value, precision):
    found = one(text)
    assert (found.text, found.value, found.precision) == (expr, value, precision)
    assert text[found.start:found.end] == found.text


@pytest.mark.parametrize("text, value, precision", [
    ("The war has lasted two and a half years.", "P2Y6M", "duration"),
    ("The siege lasted 2 1/2 years.", "P2Y6M", "duration"),
    ("They held the village for several days.", "PXD", "duration"),
    ("A 30-day ceasefire was proposed.", "P30D", "duration"),
    ("The raid lasted five hours.", "PT5H", "duration"),
    ("Prices doubled over the past three months.", "P3M", "duration"),
    ("The convoy left 18 months ago.", "2023-05", "month"),
    ("The town fell three days ago.", "2024-10-29", "day"),
    ("The treaty was signed five years ago.", "2019", "year"),
])
def test_durations_and_amounts_ago(text, value, precision):
    found = one(text)
    assert (found.value, found.precision) == (value, precision)


@pytest.mark.parametrize("text, value", [
    ("Kyiv said last week that the line held.", "2024-W43"),
    ("Exports fell this year.", "2024"),
    ("Exports fell last year.", "2023"),
    ("Aid will arrive next month.", "2024-12"),
    ("Attacks grew earlier this month.", "2024-11"),
    ("The drone hit a depot yesterday.", "2024-10-31"),
    ("The mayor spoke today.", "2024-11-01"),
    ("Sirens sounded last night.", "2024-10-31TNI"),
    ("Air defence was active this morning.", "2024-11-01TMO"),
    ("The bridge was damaged last fall.", "2023-FA"),
    ("Troops dug in this summer.", "2024-SU"),
    ("The army is now short of shells.", "PRESENT_REF"),
    ("The unit was recently moved.", "PAST_REF"),
    ("Talks may resume in the future.", "FUTURE_REF"),
    ("Deputies met in the September session.", "2024-09"),
    ("The bombing came the day after Christmas 2022.", "2022-12-25"),
])
def test_relative_expressions(text, value):
    assert one(text).value == value


@pytest.mark.parametrize("text, value, precision", [
    ("Reports arrive daily.", "P1D", "set"),
    ("Convoys are checked every Tuesday.", "XXXX-WXX-2", "set"),
    ("Roads freeze each winter.", "XXXX-WI", "set"),
    ("The market opens on Tuesdays.", "XXXX-WXX-2", "set"),
])
def test_sets(text, value, precision):
    found = one(text)
    assert (found.value, found.precision) == (value, precision)


@pytest.mark.parametrize("text, value", [
    ("The explosion was heard at 8 p.m. Wednesday.", "2024-10-30T20:00"),
    ("The alert ended at 10:35 a.m. on 21 March 2013.", "2013-03-21T10:35"),
    ("The curfew starts at midnight.", "2024-11-01T24:00"),
])
def test_times_of_day(text, value):
    found = one(text)
    assert found.value == value and found.precision == "time"


@pytest.mark.parametrize("anchor, tense, value, why", [
    # not after the publication date unless the text says so ...
    (datetime(2024, 3, 1), None, "2023-12-05", "would fall after"),
    (datetime(2024, 9, 1), "past", "2023-12-05", "would fall after"),
    # ... but a date only weeks ahead is a schedule even under a past-tense verb
    (PUB, "past", "2024-12-05", "only weeks ahead"),
    # ... by a future verb, or by a near date no past-tense verb governs ("payable December 5")
    (PUB, "future", "2024-12-05", "future"),
    (datetime(2024, 3, 1), "future", "2024-12-05", "future"),
    (PUB, None, "2024-12-05", "upcoming"),
])
def test_year_inference_for_day_and_month(anchor, tense, value, why):
    found = one("The vote is on December 5.", anchor=anchor, tense=tense)
    assert found.value == value
    assert why in found.reason


@pytest.mark.parametrize("text, anchor, value", [
    ("The deadline was extended to November 20.", datetime(2024, 11, 1), "2024-11-20"),
    ("The deadline was extended to December 2.", datetime(2024, 11, 1), "2024-12-02"),
    ("The talks were postponed to early December.", datetime(2024, 11, 1), "2024-12-01/2024-12-10"),
    ("The brigade withdrew on March 20.", datetime(2024, 11, 1), "2024-03-20"),
    ("The brigade withdrew on December 28.", datetime(2024, 11, 1), "2023-12-28"),
])
def test_past_verb_about_a_date_weeks_ahead_keeps_the_year(analyze, text, anchor, value):
    times = analyze(text, published=anchor.date().isoformat())["times"]
    assert [t["value"] for t in times] == [value]


@pytest.mark.parametrize("tense, value", [
    (None, "2024-11-01"),     # the publication day itself is a Friday
    ("future", "2024-11-01"),
])
def test_weekday_on_publication_day(tense, value):
    assert one("It happened on Friday.", tense=tense).value == value


@pytest.mark.parametrize("text, value", [
    ("Officials met on Tuesday.", "2024-10-29"),
    ("Officials met last Tuesday.", "2024-10-29"),
    ("Officials will meet next Tuesday.", "2024-11-05"),
])
def test_weekday_direction_from_words(text, value):
    assert one(text).value == value


@pytest.mark.parametrize("text, expected", [
    ("Shelling resumed on October 30.", ("XXXX-10-30", "day")),
    ("Shelling resumed yesterday.", (None, "day")),
    ("Shelling resumed last week.", (None, "week")),
    ("Shelling resumed on Friday.", ("XXXX-WXX-5", "day")),
])
def test_no_publication_date_leaves_relative_dates_unresolved(text, expected):
    found = one(text, anchor=None)
    assert (found.value, found.precision) == expected
    assert "no publication date" in found.reason


def test_absolute_dates_resolve_without_publication_date():
    assert one("Signed on 5 March 2022.", anchor=None).value == "2022-03-05"


@pytest.mark.parametrize("text", [
    "She is 6-year-old Anna's mother.",
    "A second attack followed.",
    "Jan Egeland visited the camp.",
    "Roughly a quarter of the budget went to defence.",
    "He bought 1990 shares.",
    "The weakness of Eastern Airlines hurt profits.",
    "Mayor Klitschko spoke to reporters.",
    "Thousands joined the March for Peace.",
    "Now, the question is who pays.",
    "He said so on \"60 Minutes\".",
    "The average daily volume was high.",
    "He appeared on \"This Week\" with the minister.",
])
def test_not_time_expressions(text):
    assert extract(text, PUB) == []


def test_the_previous_weekday_is_relative_to_the_day_mentioned():
    items = extract("Shares fell on October 25, down from the previous Friday.", PUB)
    assert [i.value for i in items] == ["2024-10-25", "2024-10-18"]


def test_year_earlier_follows_the_quarter_discussed():
    items = extract("Profit rose in the third quarter, up from a year earlier.", PUB)
    assert [i.value for i in items] == ["2024-Q3", "2023-Q3"]


@pytest.mark.parametrize("expr, anchor, tense, value", [
    ("as of October 31", PUB, None, "2024-10-31"),
    ("last week", date(2024, 11, 1), None, "2024-W43"),
    ("in November", PUB, "future", "2024-11"),
    ("on Monday", PUB, "future", "2024-11-04"),
])
def test_normalize_single_expression(expr, anchor, tense, value):
    assert normalize(expr, anchor, tense)[0] == value
    assert stage_normalize is normalize


def test_normalize_reports_nothing_found():
    value, precision, reason = normalize("the meeting", PUB)
    assert value is None and precision == "unknown" and "no time expression" in reason


# ---------------------------------------------------------------- through the pipeline
@pytest.mark.parametrize("text, expr, value", [
    ("Russian forces will attack the town on November 20, the ministry said.", "November 20", "2024-11-20"),
    ("Russian forces attacked the town on December 28, the ministry said.", "December 28", "2023-12-28"),
    ("The delegation will arrive on Monday.", "Monday", "2024-11-04"),
    ("The delegation arrived on Monday.", "Monday", "2024-10-28"),
])
def test_tense_from_the_parse(analyze, text, expr, value):
    out = analyze(text, published="2024-11-01")
    times = [t for t in out["times"] if t["text"] == expr]
    assert [t["value"] for t in times] == [value]


@pytest.mark.parametrize("text, expr, value", [
    # a plan points ahead of the planning, whatever the plan verb's tense
    ("The delegation planned to leave Kyiv on Tuesday.", "Tuesday", "2024-11-05"),
    ("The ministry has scheduled a briefing Thursday.", "Thursday", "2024-11-07"),
    ("Negotiations were set to resume Monday in Istanbul.", "Monday", "2024-11-04"),
    ("The exchange of prisoners is to take place Wednesday.", "Wednesday", "2024-11-06"),
    ("The convoy could reach the city as early as Tuesday.", "Tuesday", "2024-11-05"),
    ("Reinforcements might arrive as soon as Sunday.", "Sunday", "2024-11-03"),
    # ... but not the day the plan was made, nor a plain past event
    ("On Tuesday, the general staff planned new strikes.", "Tuesday", "2024-10-29"),
    ("The brigade left Kyiv on Tuesday.", "Tuesday", "2024-10-29"),
])
def test_weekday_ahead_of_a_plan(analyze, text, expr, value):
    out = analyze(text, published="2024-11-01")
    assert [t["value"] for t in out["times"] if t["text"] == expr] == [value]


def test_pipeline_offsets_and_order(analyze):
    text = "On October 30, drones struck Kharkiv. Two days later, on Friday, the city was hit again."
    out = analyze(text, published="2024-11-01")
    times = out["times"]
    assert [t["start"] for t in times] == sorted(t["start"] for t in times)
    for t in times:
        assert text[t["start"]:t["end"]] == t["text"]
    assert {"October 30", "Friday"} <= {t["text"] for t in times}


def test_pipeline_without_published_date(analyze):
    out = analyze("Drones struck Kharkiv yesterday.")
    (t,) = out["times"]
    assert t["value"] is None and "no publication date" in t["reason"]


@pytest.mark.parametrize("text", [
    "The deal saves $500 million a year.",
    "Four flights a week will resume.",
])
def test_rates_are_not_durations(text):
    assert extract(text, PUB) == []


def test_a_year_after_a_verb_is_a_duration():
    assert one("The siege lasted a year.").value == "P1Y"


@pytest.mark.parametrize("text, value", [
    ("Grain exports for the year ended June 30 fell by a third.", "P1Y"),
    ("Arms deliveries for the fiscal year ending in September doubled.", "P1Y"),
    ("For the year, grain exports fell by a third.", "2024"),
    ("Shelling was heavier earlier in the year.", "2024"),
])
def test_the_year_is_a_span_only_when_its_end_is_given(text, value):
    found = [f for f in extract(text, PUB) if "year" in f.text]
    assert [f.value for f in found] == [value]


@pytest.mark.parametrize("text, expr, value", [
    ("The ministry extended the curfew through January.", "January", "2025-01"),
    ("Kyiv created a new air defence command, effective Feb. 1.", "Feb. 1", "2025-02-01"),
    ("The ministry extended the curfew in January.", "January", "2024-01"),  # a past event
])
def test_scheduled_date_under_a_past_verb(analyze, text, expr, value):
    out = analyze(text, published="2024-11-01")
    assert [t["value"] for t in out["times"] if t["text"] == expr] == [value]


@pytest.mark.parametrize("text, expr, value", [
    ("The blast in January nineteen ninety-seven shook the city.", "January nineteen ninety-seven", "1997-01"),
    ("Prices last peaked in the winter of nineteen ninety-four.", "the winter of nineteen ninety-four", "1994-WI"),
    ("The treaty was signed on March twenty-first, two thousand and one.",
     "March twenty-first, two thousand and one", "2001-03-21"),
    ("The memorial falls this year on November eighth.", "November eighth", "2024-11-08"),
    ("The first shells landed in May nineteen forty-one.", "May nineteen forty-one", "1941-05"),
])
def test_spelled_out_days_and_years(text, expr, value):
    found = [f for f in extract(text, PUB) if f.text == expr]
    assert [f.value for f in found] == [value]


@pytest.mark.parametrize("text", [
    "The March second-quarter report was late.",
    "Kyiv came first in May.",
])
def test_ordinal_words_after_a_month_are_not_always_days(text):
    assert all(f.precision != "day" for f in extract(text, PUB))


@pytest.mark.parametrize("text", [
    "The quarter-to-quarter comparison favoured the new plant.",
    "A quarter-century of neglect left the bridge weak.",
])
def test_quarter_inside_a_compound_is_not_a_time(text):
    assert [f.text for f in extract(text, PUB) if "quarter" in f.text.lower()] == []
