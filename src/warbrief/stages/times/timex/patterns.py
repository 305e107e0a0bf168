"""The pattern grammar: regexes for every kind of time expression, compiled once.

Each pattern has a `kind` that names the resolver (see `resolve.py`) and named groups the
resolver reads. `find(text)` returns non-overlapping candidates: the longest match wins,
ties go to the pattern listed first."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Any

from .vocab import fragments

YEAR = r"(?:1[5-9]\d\d|20\d\d)"
# a year in words, as in broadcast transcripts: "nineteen ninety-four", "two thousand and one"
YEAR_WORDS = (r"nineteen[- ](?:hundred[- ](?:and[- ])?)?(?:(?:twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety)"
              r"(?:[- ](?:one|two|three|four|five|six|seven|eight|nine))?|ten|eleven|twelve|thirteen|fourteen|fifteen|"
              r"sixteen|seventeen|eighteen|nineteen)|two[- ]thousand(?:[- ](?:and[- ])?(?:one|two|three|four|five|six|"
              r"seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|"
              r"twenty(?:[- ](?:one|two|three|four|five))?))?")
# a day of the month in words: "March eighth", "January twenty-first"
DAY_WORDS = (r"(?:twenty[- ](?:first|second|third|fourth|fifth|sixth|seventh|eighth|ninth)|thirty[- ]first|"
             r"first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|"
             r"fourteenth|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth|thirtieth)")
REL_WORDS = (r"this\s+past|this\s+coming|the\s+past|the\s+previous|the\s+coming|the\s+following|"
             r"the\s+current|the\s+latest|the\s+last|the\s+next|this|last|next|past|coming|previous|current")
EDGE = (r"early|late|mid|earlier|later|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|"
        r"the\s+middle\s+of|end\s+of|beginning\s+of|start\s+of|middle\s+of|by\s+the\s+end\s+of")
PREP_BEFORE = "|".join(rf"(?<=\b{w}\s)" for w in ("on", "at", "by", "over", "after", "before", "until", "since",
                                                  "for", "during", "of", "around", "till"))


@dataclass
class Candidate:
    start: int
    end: int
    kind: str
    groups: dict[str, Any]  # the match's named groups (str or None)
    text: str


def _patterns() -> list[tuple[str, str]]:
    f = fragments()
    mon, wd, wda, num, unit = f["month"], f["weekday"], f["weekday_any"], f["number"], f["unit"]
    part = f["day_part"]
    ordn = f["ordinal"]
    tz = r"(?:\s+(?:[ECMP][SD]T|GMT|UTC|CET|EET|EEST|MSK|local\s+time|Kyiv\s+time|Kiev\s+time|Moscow\s+time))?"
    clock = (r"(?P<h>\d{1,2})(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>[ap]\.m\b\.?|[ap]m\b|[AP]M\b|[AP]\.M\.?)" + tz
             + r"|(?P<h24>[01]?\d|2[0-3]):(?P<mi24>[0-5]\d)(?:\s+(?:hours|GMT|UTC|local\s+time|Kyiv\s+time|Moscow\s+time))?"
             + r"|\b(?P<named>noon|midday|midnight)\b")
    return [
        # 2024-10-30, 2024-10-30T14:00
        ("iso", r"(?<![\d-])(?P<y>" + YEAR + r")-(?P<m>[01]\d)-(?P<d>[0-3]\d)(?:T(?P<t>[0-2]\d:[0-5]\d))?(?![\d-])"),
        # [Friday,] October 30[, 2024] / Oct. 30th
        ("mdy", rf"(?:(?i:(?P<rel>last|next|this\s+past|this\s+coming))\s+)?(?:(?P<wd>{wda}),?\s+)?(?P<mon>{mon})\s+(?:(?P<d>[0-3]?\d)(?:st|nd|rd|th)?(?!\d|:\d|\s*(?:%|percent))"
                rf"|(?P<dw>(?i:{DAY_WORDS}))(?![-\w]|\s+(?i:quarter|half|time|round|day|week|month|year)))"
                rf"(?:,?\s+(?:(?P<y>{YEAR})(?!\d)|(?P<yw>(?i:{YEAR_WORDS}))\b))?"),
        # [Friday,] 30 October [2024] / the 30th of October
        ("dmy", rf"(?:(?P<wd>{wda}),?\s+)?(?:the\s+)?(?<!\d)(?P<d>[0-3]?\d)(?:st|nd|rd|th)?\s+(?:of\s+)?(?P<mon>{mon})"
                rf"(?:,?\s+(?P<y>{YEAR})(?!\d))?"),
        # early October [2024], the end of March
        ("month_edge", rf"(?i:(?P<edge>{EDGE}))[-\s]+(?:(?i:(?P<rel>this|last|next))\s+)?(?P<mon>{mon})"
                       rf"(?:,?\s+(?:of\s+)?(?P<y>{YEAR})(?!\d))?"),
        # October 2024 / October of 2024 / October last year
        ("month_year", rf"(?P<mon>{mon}),?\s+(?:of\s+)?(?:(?P<y>{YEAR})(?!\d)|(?P<yw>(?i:{YEAR_WORDS}))\b|(?i:(?P<rel>this|last|next))\s+year\b)"),
        # last April, this coming May
        ("month_rel", rf"(?i:(?P<rel>{REL_WORDS}))\s+(?P<mon>{f['month_dot']})"),
        # in May / October (May only after a preposition)
        ("month", rf"(?:(?<=\bin\s)|(?<=\bsince\s)|(?<=\buntil\s)|(?<=\bby\s)|(?<=\bfrom\s)|(?<=\bthrough\s)"
                  rf"|(?<=\bduring\s)|(?<=\bof\s)|(?<=\bto\s)|(?<=\bbefore\s)|(?<=\bafter\s)|(?<=\bIn\s))May\b(?![-'])"
                  rf"|(?!May\b)(?P<mon>{f['month_dot']})(?!\w|['-]\w|\s+(?:of|for|on|against|to)\s+(?:the\s+)?[A-Z])"),
        # Thanksgiving, Christmas 2023, last Easter
        ("holiday", rf"(?:(?i:(?P<rel>last|this|next))\s+)?(?P<pre>{PREP_BEFORE})?(?P<name>{f['holiday']})\b"
                    rf"(?:\s+(?P<y>{YEAR})(?!\d))?(?![-\s]+(?:Island|Rising|Offensive|egg|eggs|bunny)\b)"),
        # 10 p.m. Wednesday / 5 p.m. EST Nov. 9 are merged later; time of day alone:
        ("clock", rf"(?:(?i:(?P<approx>about|around|approximately|shortly\s+after|shortly\s+before|at|by|until))\s+)?"
                  rf"(?:{clock})(?:\s+(?i:in\s+the\s+(?P<inpart>morning|afternoon|evening)|at\s+night))?"),
        # Friday, last Friday, Friday morning, early Tuesday
        ("weekday", rf"(?:(?i:(?P<rel>this\s+coming|this\s+past|the\s+previous|the\s+following|last|next|this|"
                    rf"early|late|earlier|later|until|by))\s+)?(?P<wd>{wd})(?!s\b)(?:'s)?"
                    rf"(?:\s+(?P<part>{part})(?!s))?"),
        # Tuesdays, Tuesday nights, every Tuesday, each July, every winter
        ("set_every", rf"(?i:every|each)\s+(?:other\s+)?(?:(?P<wd>{wd})|(?P<mon>{mon})|(?P<season>{f['season']})"
                      r"|(?i:(?P<unit>day|week|month|year|quarter|morning|night|evening|weekend|hour|minute)\b))"),
        ("set_plural", rf"(?<=\bon\s)(?P<wd>{wd})s\b|(?P<wd2>{wd})\s+(?P<part>{part})s\b"),
        ("set_word", rf"(?<!average\s){f['set_word']}"),  # "average daily volume" is a rate
        # today, yesterday morning, late yesterday, tonight, last night, this morning
        ("deictic", r"(?i:(?P<pre>early|late|earlier|later|mid-?)[\s-]+)?(?i:(?P<w>the\s+day\s+before\s+yesterday|"
                    r"the\s+day\s+after\s+tomorrow|today|yesterday|tomorrow|tonight|overnight(?=\s+(?:into|on|to))))"
                    rf"(?:'s)?(?:\s+(?P<part>{part})(?!s))?"
                    rf"|(?i:(?P<w2>this|last|tomorrow|yesterday))\s+(?P<part2>{part})(?!s)\b"
                    rf"|(?i:(?P<part3>{part}))\s+(?P<w3>yesterday|today|tomorrow)"),
        # this week, last month, earlier this year, next quarter, this past weekend, the past year
        ("relative", rf"(?:(?i:(?P<edge>{EDGE}))[\s-]+)?(?i:(?P<rel>{REL_WORDS}))\s+"
                     r"(?i:(?P<unit>week|weekend|month|year|quarter|decade|century|spring|summer|fall|autumn|winter)\b)"
                     rf"(?:'s\s+(?P<q>{ordn})[-\s]quarter)?"),
        # the third quarter [of 1990], 1990's first quarter, this year's third quarter, Q3 2024
        ("quarter", rf"(?:(?P<y1>{YEAR})(?:'s)?\s+|(?i:(?P<rel>this|last|next|the\s+previous|the\s+following))\s+year's\s+"
                    rf"|(?i:the|its|a|this|that|their|his|her)\s+)?(?:(?i:fiscal)[-\s])?(?P<q>{ordn})[-\s](?:(?i:fiscal)[-\s])?"
                    rf"(?i:quarter)s?\b(?:\s+(?i:of)\s+(?:(?i:fiscal)\s+)?(?:(?P<y2>{YEAR})(?!\d)|(?i:(?P<rel2>this|last|next))\s+year))?"
                    rf"|\b[Qq](?P<qn>[1-4])(?:\s+(?P<y3>{YEAR})(?!\d))?\b"),
        ("quarter_ref", r"(?i:(?P<w>the\s+(?:latest|last|most\s+recent|previous|past|current|same|year-ago|year-earlier|"
                        r"comparable|just-ended|just\s+ended|recent|prior-year|prior\s+year|year-before)|this|last\s+year's|"
                        r"the|a\s+(?:year-ago|year-earlier|flat|strong|weak))\s+(?:(?:fiscal|reporting|financial)\s+)?quarter)\b(?!-)"
                        r"|(?i:(?P<w2>year-(?:ago|earlier))\s+quarter)|(?P<w3>(?i:the\s+(?:latest|most\s+recent))\s+period)\b"
                        rf"|(?i:the)\s+(?P<yq>{YEAR})\s+(?i:quarter|period)\b"),
        # the first half of 2024
        ("half", rf"(?i:(?:the\s+)?(?P<h>first|second)\s+half)\s+(?i:of)\s+(?:(?P<y>{YEAR})(?!\d)|(?i:(?P<rel>this|last|next))\s+year)"),
        # this summer, last fall, the winter of 2022, summer 2012
        ("season", rf"(?i:(?P<rel>this\s+past|this\s+coming|this|last|next|the|early|late|mid-?|in|during|until|by))[\s-]+"
                   rf"(?P<season>{f['season']})(?!\w)(?:\s+(?:of\s+)?(?:(?P<y>{YEAR})(?!\d)|(?P<yw>(?i:{YEAR_WORDS}))\b))?"
                   rf"|(?P<season2>{f['season']})\s+(?:of\s+)?(?P<y2>{YEAR})(?!\d)"),
        # the 1990s, the early 2000s, the '80s, the 20th century
        ("decade", r"(?:(?i:the)\s+)?(?:(?i:(?P<edge>early|mid|late))[-\s]+)?(?:(?P<c>1[5-9]|20)(?P<d>\d)0'?s\b|'(?P<d2>\d)0s\b"
                   r"|(?P<dw>(?i:twenties|thirties|forties|fifties|sixties|seventies|eighties|nineties))\b)"),
        ("century", rf"(?:(?i:the)\s+)?(?:(?P<n>\d{{1,2}})(?:st|nd|rd|th)|(?P<w>{ordn}|twenty-first|twentieth))[-\s](?i:century)"),
        # 2 1/2 years ago, two weeks earlier, the past three months, several days, a 10-day ceasefire
        ("duration", rf"(?:(?i:(?P<mod>about|around|approximately|nearly|almost|roughly|some|more\s+than|over|less\s+than|"
                     r"under|at\s+least|at\s+most|up\s+to|only|just|within|for|the\s+past|the\s+last|the\s+next|the\s+first|"
                     r"the\s+previous|the\s+coming|the\s+following|the\s+final|another|an\s+additional|a\s+further|"
                     r"the|past|last|next|first|each\s+of\s+the\s+past|each\s+of\s+the\s+last))\s+)?"
                     rf"(?:(?P<num>{num})|(?P<vague>{f['vague']}))\s+(?:(?i:more|additional|full|straight|consecutive|"
                     rf"trading|business|working|long|short|whole|entire)\s+)?(?P<unit>{unit})(?P<andhalf>\s+and\s+a\s+half)?"
                     r"(?![-\s]+old\b|(?<=[Qq]uarter)\s+of\b|(?<=[Qq]uarters)\s+of\b)"
                     rf"(?:\s+(?P<rel>(?i:ago|earlier|later|before|after|from\s+now|hence|since)\b))?"),
        ("duration_adj", rf"(?P<num>{num})[-\s]?(?:and-a-half-)?-(?P<unit>{unit})(?:-long)?(?![-\s]+old\b|(?<=[Qq]uarter)\s+of\b|(?<=[Qq]uarters)\s+of\b)"),
        # for years, in recent weeks
        ("duration_bare", r"(?:(?<=\bfor\s)|(?<=\bin\s)|(?<=\bover\s)|(?<=\bwithin\s)|(?<=\btake\s)|(?<=\btook\s))"
                          r"(?P<unit>years|months|weeks|days|decades|centuries|hours|minutes)\b(?!\s+(?:of|ago|later|earlier))"
                          r"|(?<=\bFor\s)(?P<unit3>years|months|weeks|days|decades)\b(?!\s+(?:of|ago|later|earlier))"
                          r"|(?P<unit2>decades|years|months|weeks)(?=\s+(?:ago|later|earlier)\b)"),
        # a year ago / year-earlier results
        ("year_ago", r"(?i:(?P<w>year-(?:ago|earlier)|a\s+year\s+(?:ago|earlier)))(?!\s+quarter)"),
        # 2024, fiscal 2024, mid-2024
        ("year", rf"(?:(?i:(?P<pre>fiscal|calendar|mid|early|late|the\s+year|the\s+end\s+of|end\s+of|the\s+beginning\s+of"
                 rf"|post|pre))[-\s]+|(?<![\d$£€.,/#-])(?<!No\.\s))(?P<y>{YEAR})(?![\d%/]|\.\d|,\d|-\d|\s*(?:%|percent|km|kilometers|miles|"
                 r"tons|tonnes|people|troops|soldiers|men|women|children|civilians|metres|meters|feet|hp|pounds|dollars|euros|"
                 r"hryvnias|rubles|times|drones|missiles|rockets|shells|rounds|tanks|vehicles|shares|units|bombs|"
                 r"casualties|dead|killed|wounded|injured|prisoners|refugees|homes|houses|buildings|residents)\b)"),
        # "Now, ..." opening a sentence is a discourse marker, not a time
        ("ref", rf"(?<![-\w]){f['ref']}(?!-)(?!(?<=Now),)"),
        ("year_ref", r"(?i:(?P<of>of\s+)?the\s+(?P<adj>full\s+|fiscal\s+|current\s+|calendar\s+)?year)\b"
                     r"(?!['-]|\s+(?:ago|earlier|before|after|later|of|that|when|in\s+which|\d)\b|\s+\d)"
                     r"(?:(?=\s+(?P<span>(?i:end(?:ed|ing)|through|to)\b)))?"),
        ("year_end", r"(?i:(?:the\s+)?(?:end\s+of\s+(?:the|this)\s+year|year[-\s]end|year's\s+end))\b"),
        ("that_unit", r"(?i:(?:earlier\s+|later\s+)?(?:that|the\s+same)\s+(?P<unit>year|month|day))\b(?!-)"),
        ("year_words", rf"(?i:(?:the\s+year\s+)?(?P<yw>{YEAR_WORDS}))\b"),
        ("current", r"(?<![-\w])(?i:current)(?![-\w])|(?<![-\w])(?i:current)(?=\s+(?:level|levels|rate|rates|situation|period|conditions|session|"
                    r"term|year|month|week|crisis|war|conflict|offensive|state|government|administration|leadership|"
                    r"trend|trends|environment|regime|climate|policy|policies|price|prices|account|quarter|fiscal|round|"
                    r"phase|stage|front|season|cycle|pace|strategy|talks|negotiations|agreement|president|leader|"
                    r"minister|chief|head|status|position|positions|plan|plans|law|laws|system|market|markets|economic|"
                    r"political|military|security|threat|operations|operation)\b)"),
        ("weekend", r"(?i:(?P<rel>this\s+past|this\s+coming|this|last|next|the|over\s+the|on\s+the|during\s+the)\s+)weekend\b"),
    ]


# Pattern order = priority on equal length (earlier wins).
@functools.lru_cache(maxsize=1)
def compiled() -> list[tuple[str, re.Pattern[str]]]:
    # every expression but "'80s" starts at a word boundary: checking it first makes the
    # scan several times faster
    return [(kind, re.compile(rx if kind == "decade" else rf"\b(?:{rx})")) for kind, rx in _patterns()]


STRIP_LEADING = re.compile(r"^(?i:(?:at|by|until|in|on|during|for|since|within|over|the)\s+)")


def find(text: str) -> list[Candidate]:
    """All candidates in `text`, overlaps removed (longest first, then pattern order)."""
    raw: list[tuple[int, int, int, str, re.Match[str]]] = []
    for prio, (kind, rx) in enumerate(compiled()):
        for m in rx.finditer(text):
            if m.end() > m.start():
                raw.append((m.start(), m.end(), prio, kind, m))
    raw.sort(key=lambda r: (-(r[1] - r[0]), r[2], r[0]))
    taken: list[tuple[int, int]] = []
    out: list[Candidate] = []
    for s, e, _p, kind, m in raw:
        if any(s < te and ts < e for ts, te in taken):
            continue
        taken.append((s, e))
        out.append(Candidate(s, e, kind, m.groupdict(), m.group(0)))
    out.sort(key=lambda c: c.start)
    return out
