"""Stage timexes: TIMEX3 spans, types and values resolved against the publication date.

The hard cases are sentences written for these tests (none taken from a gold set). The
quality floors run the scorer on TimeBank+AQUAINT (all 256 documents, stages up to
timexes only: about half a minute) and on the five seeds.
"""

from __future__ import annotations

import pytest

from conftest import EXAMPLE, SHARED, extract_file, needs_scorer, prepare, score
from dateline import Article
from dateline.pipeline import Options, run_stages
from dateline.resources import timex_calendar as cal
from dateline.resources import timex_grammar
from dateline.stages import timexes

TIMEML = SHARED / "eval" / "data" / "timeml"
SEEDS_GOLD = SHARED / "eval" / "gold" / "seeds.json"
UP_TO_TIMEXES = ("clean", "published", "sentences", "timexes")

# Measured on this data: relaxed_f1 0.941, value_f1 0.801, strict_f1 0.857, type_acc 0.949;
# seeds timex_f1 0.985, timex_value_acc 0.969. Floors sit a little below so a regression fails.
TIMEML_FLOORS = {"relaxed_f1": 0.925, "value_f1": 0.78, "strict_f1": 0.83, "type_acc": 0.93}
SEED_FLOORS = {"timex_f1": 0.93, "timex_value_acc": 0.90}


def tag(text: str, resources, published: str | None = "2016-11-03") -> list:
    """The timexes of ``text`` through the real clean, sentences and timexes stages."""
    art = Article(id="t", raw=text, published=published)
    run_stages(art, resources, Options(stages=UP_TO_TIMEXES))
    for t in art.timexes:
        assert art.body[t.start:t.end] == t.text
    return art.timexes


def find(found, text):
    hits = [t for t in found if t.text == text]
    assert hits, f"{text!r} not among {[(t.text, t.value) for t in found]}"
    return hits[0]


# DCT 2016-11-03 is a Thursday.
@pytest.mark.parametrize("sentence,text,type_,value,mod", [
    ("Iraqi troops entered the city on Thursday, officials said.", "Thursday", "DATE", "2016-11-03", None),
    ("The convoy was ambushed on Tuesday near the bridge.", "Tuesday", "DATE", "2016-11-01", None),
    ("The ministers will meet on Monday in Erbil.", "Monday", "DATE", "2016-11-07", None),
    ("Fighting has raged in the eastern districts since Monday.", "Monday", "DATE", "2016-10-31", None),
    ("Talks are due to resume as soon as Saturday.", "Saturday", "DATE", "2016-11-05", None),
    ("The offensive began two weeks ago with air strikes.", "two weeks ago", "DATE", "2016-W42", None),
    ("The militia seized the airport last October.", "last October", "DATE", "2016-10", None),
    ("The militia seized the airport last November.", "last November", "DATE", "2015-11", None),
    ("Government forces recaptured the dam in January.", "January", "DATE", "2016-01", None),
    ("Government forces retook the dam in January.", "January", "DATE", "2016-01", None),
    ("Elections will be held in January, the commission said.", "January", "DATE", "2017-01", None),
    ("The town fell to the militants on July 4, 2014.", "July 4, 2014", "DATE", "2014-07-04", None),
    ("The group captured the city in June 2014.", "June 2014", "DATE", "2014-06", None),
    ("The city had been held for more than two years.", "more than two years", "DURATION", "P2Y",
     "MORE_THAN"),
    ("Aid deliveries stopped over the past month.", "the past month", "DURATION", "P1M", None),
    ("The siege lasted nearly nine months.", "nearly nine months", "DURATION", "P9M", "APPROX"),
    ("The siege lasted 2 1/2 years.", "2 1/2 years", "DURATION", "P2Y6M", None),
    ("Rebels shelled the market earlier this week.", "earlier this week", "DATE", "2016-W44", None),
    ("The fund has spent $40 million this year.", "this year", "DATE", "2016", None),
    ("The front line is now two kilometres from the river.", "now", "DATE", "PRESENT_REF", None),
    ("The mosque was built in the 12th century.", "the 12th century", "DATE", "11", None),
    ("The camp opened three years ago.", "three years ago", "DATE", "2013", None),
    ("Hundreds of families arrive each day.", "each day", "SET", "P1D", None),
    ("Trucks crossed the border daily.", "daily", "SET", "P1D", None),
    ("The conflict began in the 1990s.", "the 1990s", "DATE", "199", None),
    ("The dam was damaged last summer.", "last summer", "DATE", "2016-SU", None),
    ("Exports fell in the third quarter of 2015.", "the third quarter of 2015", "DATE", "2015-Q3", None),
    ("Exports fell in the third quarter.", "the third quarter", "DATE", "2016-Q3", None),
    ("The shelling resumed Monday evening.", "Monday evening", "TIME", "2016-10-31TEV", None),
    ("Clashes broke out late Monday near the airport.", "late Monday", "DATE", "2016-10-31", "END"),
    ("The first shell hit at 10:30 a.m. on Wednesday.", "10:30 a.m. on Wednesday", "TIME",
     "2016-11-02T10:30", None),
    ("Explosions shook the city yesterday.", "yesterday", "DATE", "2016-11-02", None),
    ("Heavy fighting continued overnight.", "overnight", "TIME", "2016-11-02TNI", None),
    ("The ceasefire is set to expire next week.", "next week", "DATE", "2016-W45", None),
    ("Prices rose 5 percent last year.", "last year", "DATE", "2015", None),
    ("The talks collapsed last month.", "last month", "DATE", "2016-10", None),
    ("The bridge was destroyed a year earlier.", "a year earlier", "DATE", "2015", None),
    ("Aid workers reported the outbreak over the weekend.", "the weekend", "DATE", "2016-W43-WE", None),
    ("The company's revenue grew in fiscal 2015.", "fiscal 2015", "DATE", "2015", None),
    ("The curfew is lifted at noon Friday.", "noon Friday", "TIME", "2016-10-28T12:00", None),
    ("Three hostages were freed on Christmas Day 2015.", "Christmas Day 2015", "DATE", "2015-12-25", None),
    ("They have been displaced for years.", "years", "DURATION", "PXY", None),
    ("The trip took a few hours.", "a few hours", "DURATION", "PTXH", None),
    ("Residents have fled in recent days.", "recent days", "DATE", "PAST_REF", None),
    ("The vote is planned for Tuesday, November 8.", "Tuesday, November 8", "DATE", "2016-11-08", None),
    ("Patrols run only at night.", "at night", "SET", "XXXX-XX-XXTNI", None),
    ("He returned three days later to find the house looted.", "three days", "DURATION", "P3D", None),
    ("The report was dated 11/02/2016.", "11/02/2016", "DATE", "2016-11-02", None),
    ("The report was dated 02/11/2016.", "02/11/2016", "DATE", "2016-11-02", None),
    ("The report was dated 25/10/2016.", "25/10/2016", "DATE", "2016-10-25", None),
])
def test_timexes_hard_cases(resources, sentence, text, type_, value, mod):
    t = find(tag(sentence, resources), text)
    assert (t.type, t.value, t.mod) == (type_, value, mod)


@pytest.mark.parametrize("sentence", [
    "May I ask who is in charge?",
    "The officials said they may return.",
    "Thousands joined the March for Life in the capital.",
    "The army sent 1990 troops to the front.",
    "Sales rose to $1.15 billion from $1.06 billion.",
    "A second attack followed near the bridge.",
    "The fall of Mosul shocked the government.",
    "A six-year-old boy was rescued from the rubble.",
    "The former governor fled the province.",
    "The recent fighting displaced thousands.",
    "Good evening and welcome.",
    "A quarter of the city is still held by the militants.",
    "He is 52 years old.",
])
def test_timexes_not_temporal(resources, sentence):
    assert tag(sentence, resources) == []


# 'May' and 'March' after a day number, a preposition or a determiner name the month,
# whatever the tagger makes of the word; space-separated tokens as in tokenised corpora.
@pytest.mark.parametrize("sentence,text,value", [
    ("Of the 40 people killed on 25 May , 12 were children .", "25 May", "2016-05-25"),
    ("The town was shelled overnight between 25 and 26 May , residents said.", "26 May", "2016-05-26"),
    ("On 18 May , the council imposed new sanctions.", "18 May", "2016-05-18"),
    ("10 May - Two suicide bombers struck the intelligence building.", "10 May", "2016-05-10"),
    ("Parliamentary elections were held on 7 May .", "7 May", "2016-05-07"),
    ("As of 29 May , the monitors had counted 300 dead.", "29 May", "2016-05-29"),
    ("The rebels may attack on 22 April , a commander said.", "22 April", "2017-04-22"),
    ("May 25 was the worst day of the siege.", "May 25", "2016-05-25"),
    ("The protests began on 15 March , activists say.", "15 March", "2016-03-15"),
    ("The vote in May could change things.", "May", "2016-05"),
    ("May saw the worst fighting of the year.", "May", "2016-05"),
    ("Elections were held in May or June .", "June", "2016-06"),
])
def test_timexes_day_month_not_modal(resources, sentence, text, value):
    assert find(tag(sentence, resources), text).value == value


@pytest.mark.parametrize("sentence", [
    "May God help me , he replied .",
    "May the ceasefire hold, the envoy said.",
    "They may march on the capital on Friday.",
])
def test_timexes_modal_may_is_no_month(resources, sentence):
    assert not [t for t in tag(sentence, resources) if t.text.lower() in ("may", "march")]


@pytest.mark.parametrize("sentence,text,value", [
    ("Forces retook the town in October.", "October", "XXXX-10"),
    ("The convoy left on Friday.", "Friday", "XXXX-WXX-5"),
    ("Fighting is now over.", "now", "PRESENT_REF"),
    ("The town fell on July 4, 2014.", "July 4, 2014", "2014-07-04"),
    ("The siege has lasted two years.", "two years", "P2Y"),
    ("The camp opened last year.", "last year", "XXXX"),
])
def test_timexes_without_publication_date(resources, sentence, text, value):
    assert find(tag(sentence, resources, published=None), text).value == value


@pytest.mark.parametrize("published,sentence,text,value", [
    ("2017", "The camp opened last year.", "last year", "2016"),
    ("2017", "The convoy left on Friday.", "Friday", "XXXX-WXX-5"),
    ("2017-07", "The talks collapsed last month.", "last month", "2017-06"),
    ("2017-07", "Forces retook the town in March.", "March", "2017-03"),
])
def test_timexes_partial_publication_date(resources, published, sentence, text, value):
    assert find(tag(sentence, resources, published=published), text).value == value


def test_timexes_reference_time(resources):
    text = ("The town was captured on June 10, 2014. The next day the governor fled. "
            "Third-quarter profit rose 5%. A year earlier, the company lost money.")
    found = tag(text, resources, "2016-11-03")
    assert find(found, "The next day").value == "2014-06-11"
    assert find(found, "Third-quarter").value == "2016-Q3"
    assert find(found, "A year earlier").value == "2015-Q3"


def test_timexes_weekday_fixes_year_of_date(resources):
    # 2016-12-30 is a Friday; the tense alone would put the date in the past year
    found = tag("The ceasefire took effect on Friday, December 30.", resources, "2017-01-02")
    assert find(found, "Friday, December 30").value == "2016-12-30"


def test_timexes_example_corpus_offsets(resources):
    seen = 0
    for rec in extract_file(EXAMPLE, resources, Options(stages=UP_TO_TIMEXES)):
        for t in rec["timexes"]:
            assert rec["body"][t["start"]:t["end"]] == t["text"]
            assert t["type"] in ("DATE", "TIME", "DURATION", "SET")
            seen += 1
    assert seen > 20


@pytest.mark.parametrize("text", [
    "", " ", "\n\n", "2017", "Monday", "the the the", "\u0627\u0644\u0645\u0648\u0635\u0644 2014",
    "99/99/9999 and 2017-13-45 and February 30, 2016", "12:75 p.m. and 25 o'clock",
    "in the 99th century", "Q5 2014", "nineteen hundred", "-" * 5000, "May" * 300,
    "\x00\ud800 Tuesday \U0001F600 July 4, 2014", "last " * 400 + "year",
])
def test_timexes_odd_input_never_raises(text):
    found = timexes.tag(text, "2016-11-03")
    for t in found:
        assert text[t.start:t.end] == t.text
    for published in (None, "2017", "2017-02", "garbage", "2016-02-30"):
        timexes.tag(text, published)


def test_timexes_rule_triggers_cover_every_rule():
    """Each grammar rule can only run where one of its trigger words is: none may lack one."""
    classes = {c for _, _, cs in timex_grammar._RULES for c in cs}
    assert classes <= set(timex_grammar._WORDS_OF) | {"YEAR4", "ISO", "DECADE", "CLOCK"}


@pytest.mark.parametrize("anchor,month,day,direction,year", [
    (cal.Anchor(2017, 7, 11), 10, None, -2, 2016),  # last October
    (cal.Anchor(2017, 10, 11), 10, None, -2, 2016),  # last October, in October
    (cal.Anchor(2017, 7, 11), 1, None, -1, 2017),
    (cal.Anchor(2017, 7, 11), 1, None, 1, 2018),
    (cal.Anchor(2017, 7, 11), 8, 1, -1, 2017),  # past tense, three weeks ahead: still this year
    (cal.Anchor(2017, 1, 5), 12, 20, 0, 2016),  # nearest
    (cal.Anchor(2017), 3, None, -1, 2017),
    (cal.Anchor(), 3, None, -1, None),
])
def test_timexes_calendar_year_for(anchor, month, day, direction, year):
    assert cal.year_for(anchor, month, day, direction) == year


@needs_scorer
def test_timexes_floor_timeml(resources, tmp_path):
    inp = prepare("timeml", TIMEML, tmp_path)
    metrics = score("timeml", TIMEML, extract_file(inp, resources, Options(stages=UP_TO_TIMEXES)), tmp_path)
    for key, floor in TIMEML_FLOORS.items():
        assert metrics[key] >= floor, (key, metrics[key])


@needs_scorer
def test_timexes_floor_seeds(resources, tmp_path):
    inp = prepare("seeds", None, tmp_path, "--published")
    metrics = score("seeds", SEEDS_GOLD, extract_file(inp, resources, Options(stages=UP_TO_TIMEXES)), tmp_path)
    for key, floor in SEED_FLOORS.items():
        assert metrics[key] >= floor, (key, metrics[key])
