"""Publication date inferred from bare text: right when it answers, silent when it cannot know.

The texts are written for these tests. The floors prepare TimeBank+AQUAINT, the two T17
topics and the seeds without their dates (clean and published stages only: seconds) and
hold the share of wrong answers under 2% (none on the seeds) while keeping the answers the
T17 CNN topic's datelines and transcript stamps support.
"""

from __future__ import annotations

import pytest

from conftest import SHARED, extract_file, needs_scorer, prepare, score
from dateline import Article
from dateline.pipeline import Options, run_stages
from dateline.resources.dateinfer import infer, infer_published

TIMEML = SHARED / "eval" / "data" / "timeml"
TLS = SHARED / "eval" / "data" / "tls"
SEEDS_GOLD = SHARED / "eval" / "gold" / "seeds.json"
PUBLISHED_ONLY = Options(stages=("clean", "published"))

# Measured: T17 EgyptianProtest_cnn answered 0.179, wrong 0.000; SyrianCrisis_bbc and
# TimeBank answer nothing (their texts carry no dateline with a year); seeds wrong 0.
MAX_WRONG = 0.02
EGYPT_MIN_ANSWERED = 0.15


@pytest.mark.parametrize("body,expected", [
    ("July 11, 2017 \u2014 Iraqi forces fought the last militants in the Old City on Tuesday.", "2017-07-11"),
    ("MOSUL, Iraq, 11 July 2017 - Clashes continued on Tuesday.", "2017-07-11"),
    ("Clashes continued in Mosul.\nPublished: 11 July 2017\nIraqi forces said...", "2017-07-11"),
    ("Transcript. Aired January 31, 2011 - 10:00 ET\nTHIS IS A RUSH TRANSCRIPT.", "2011-01-31"),
    ("Protests grow in Cairo January 26, 2011 | By a staff writer\nThousands marched.", "2011-01-26"),
    ("BAGHDAD, July 11 (Reuters) - Fighting went on. So far this year (2017) the UN has counted "
     "4,000 dead.", "2017-07-11"),
    ("More than 300 civilians have died in 2018 so far, the monitor said.", "2018"),
    ("Turnout was low last year, 2017, and is expected to be higher.", "2018"),
    ("The vote, held on Tuesday, July 11, was the first since 2017 began, officials said in 2017.", "2017"),
    ("The article was posted weeks ago.\nReaders wrote:\nGreat piece February 1, 2011 at 5:17 pm | Reply\n"
     "Protests began on January 25, 2011 in Cairo.", "2011"),
])
def test_dateinfer_claims(body, expected):
    assert infer_published(body) == expected


@pytest.mark.parametrize("body", [
    "",
    "Clashes continued on Tuesday in Mosul.",
    "ISIS captured Mosul in June 2014. On Tuesday, Iraqi forces entered the Old City.",
    "Iraqi soldiers in Mosul on July 5, 2014. The city has been held by militants since then.",
    # Sunday, December 28 fits 2014, the latest year named, but the article may be January's
    "On Sunday, December 28, the coalition struck the city, as it had done all through 2014.",
    # Monday, July 11 fits no year from 2017 on: the text is later than the years it names
    "On Monday, July 11, the vote was held. Turnout was higher than in 2017.",
    # two datelines that disagree: no answer rather than a guess
    "July 11, 2017 \u2014 Fighting.\nJuly 12, 2016 \u2014 More fighting.",
    "The budget for 2019 was passed in 2018 and will be reviewed in 2020.",
    # a timeline opening the article: dated lines, but none of them the publication date
    "Key dates:\nJune 10, 2014: ISIS seizes Mosul\nJuly 9, 2017: Mosul retaken",
    "ISIS seized Mosul in 2014.\n" + "The long road back began in earnest. " * 12
    + "\nJuly 9, 2017 - Mosul retaken",
    "\x00\ud800 Tuesday, 31 February 2017 \u2014 \U0001F600",
    "2017-13-45 \u2014 nothing here",
])
def test_dateinfer_abstains(body):
    assert infer_published(body) is None


def test_dateinfer_title_dateline():
    assert infer_published("Iraqi forces entered the city.", "July 11, 2017 \u2014 Mosul") == "2017-07-11"


def test_dateinfer_explains_its_evidence():
    claim, evidence = infer("BAGHDAD, July 11 (Reuters) - So far this year (2017) the UN counted 4,000 dead.")
    assert claim == "2017-07-11"
    assert {e.rule for e in evidence} >= {"this-year", "dateline-month-day"}


def test_dateinfer_comment_before_dateline_day_keeps_only_year():
    # a comment stamped before the claimed day means the day is wrong; the year still holds
    body = ("Cairo, February 12, 2011 \u2014 Protesters celebrated.\n"
            "Comment: February 11, 2011 at 9:05 pm | Report abuse")
    assert infer_published(body) == "2011"


def test_dateinfer_published_stage_marks_inferred(resources):
    art = Article(id="t", raw="July 11, 2017 \u2014 Iraqi forces fought in the Old City on Tuesday.")
    run_stages(art, resources, PUBLISHED_ONLY)
    assert (art.published, art.published_source) == ("2017-07-11", "inferred")


def _published_metrics(kind, path, tmp_path, resources):
    truth = prepare(kind, path, tmp_path / "truth")
    bare = prepare(kind, path, tmp_path / "bare", "--no-published")
    return score("published", truth, extract_file(bare, resources, PUBLISHED_ONLY), tmp_path)


@pytest.fixture()
def dirs(tmp_path):
    (tmp_path / "truth").mkdir()
    (tmp_path / "bare").mkdir()
    return tmp_path


@needs_scorer
@pytest.mark.parametrize("kind,path,min_answered", [
    ("timeml", TIMEML, 0.0),
    ("tls", TLS / "EgyptianProtest_cnn", EGYPT_MIN_ANSWERED),
    ("tls", TLS / "SyrianCrisis_bbc", 0.0),
])
def test_dateinfer_floor_wrong(resources, dirs, kind, path, min_answered):
    metrics = _published_metrics(kind, path, dirs, resources)
    assert (metrics["wrong"] or 0.0) <= MAX_WRONG, metrics
    assert metrics["answered"] >= min_answered, metrics


@needs_scorer
def test_dateinfer_floor_seeds_never_wrong(resources, tmp_path):
    bare = prepare("seeds", None, tmp_path, "--no-published")
    metrics = score("seeds", SEEDS_GOLD, extract_file(bare, resources, PUBLISHED_ONLY), tmp_path)
    assert metrics["published_wrong"] == 0
