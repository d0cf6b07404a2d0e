"""Stage events: ACLED-coded events from real text, and quality floors on the dev data.

The label tables are sentences written for these tests (not gold rows). The floors run the
scorer on AschHarwood (all 500 rows), on a fixed tenth of katehara (every 10th row, 1,020 of
10,194, to keep the suite quick) and on the five seeds.
"""

from __future__ import annotations

import csv
import re

import pytest

from conftest import SHARED, extract_file, needs_scorer, prepare, score
from dateline.article import Article
from dateline.errors import NO_ARTICLE, ExtractError
from dateline.pipeline import Options, run_stages
from dateline.stages.events_fatalities import count_deaths

OWN = ("clean", "published", "sentences", "events")  # this stage alone: labels, hedges, deaths
FULL = ("clean", "published", "sentences", "entities", "timexes", "places", "events")
ACLED = SHARED / "eval" / "data" / "acled"


def events_of(text: str, resources, published: str = "2016-07-02", stages=OWN):
    art = Article(id="t", raw=text, published=published)
    run_stages(art, resources, Options(stages=stages))
    return art


@pytest.mark.parametrize("text, event_type, sub", [
    ("Coalition warplanes struck several targets near the town on Monday.",
     "Explosions/Remote violence", "Air/drone strike"),
    ("A suicide bomber blew himself up at a checkpoint.", "Explosions/Remote violence",
     "Suicide bomb"),
    ("Rebels fired mortar shells at the airport.", "Explosions/Remote violence",
     "Shelling/artillery/missile attack"),
    ("Government troops clashed with rebel fighters outside the town.", "Battles", "Armed clash"),
    ("The army recaptured the district from the militants.", "Battles",
     "Government regains territory"),
    ("Militants seized the border town after a night of fighting.", "Battles",
     "Non-state actor overtakes territory"),
    ("Gunmen killed three villagers in an overnight raid.", "Violence against civilians", "Attack"),
    ("Unknown gunmen killed two soldiers at a checkpoint.", "Battles", "Armed clash"),
    ("Armed men abducted a local chief and his driver.", "Violence against civilians",
     "Abduction/forced disappearance"),
    ("Hundreds of teachers marched to parliament to demand unpaid salaries.", "Protests",
     "Peaceful protest"),
    ("Police fired tear gas to disperse students protesting against fee increases.", "Protests",
     "Protest with intervention"),
    ("Supporters of two rival parties clashed after the vote count.", "Riots",
     "Violent demonstration"),
    ("An angry mob lynched a suspected thief in the market.", "Riots", "Mob violence"),
    ("Police arrested 12 suspected smugglers at the port.", "Strategic developments", "Arrests"),
    ("The government and the rebels signed a peace agreement in the capital.",
     "Strategic developments", "Agreement"),
])
def test_events_label(resources, text, event_type, sub):
    events = events_of(text, resources).events
    assert events, text
    assert (events[0].event_type, events[0].sub_event_type) == (event_type, sub)


@pytest.mark.parametrize("text", [
    "Officials warned that rebels could attack the town.",
    "The militia plans to seize the oil fields next month.",
    "Iraqi troops did not take part in the assault.",
    "There were no clashes during the vote.",
    "Commanders are expected to launch airstrikes soon.",
    "If the talks fail, the army will bomb the rebel positions.",
    "Baghdad and Erbil have yet to reach an agreement.",
])
def test_events_unreal_events_are_not_reported(resources, text):
    assert events_of(text, resources).events == []


def test_events_one_event_per_occurrence(resources):
    text = ("Airstrikes hit the rebel-held town of Kafr Nabl on Monday. The airstrikes destroyed "
            "a bakery and a clinic, residents said.")
    events = events_of(text, resources, stages=FULL).events
    strikes = [e for e in events if e.sub_event_type == "Air/drone strike"]
    assert len(strikes) == 1


def test_events_two_weapons_two_events(resources):
    text = "Heavy airstrikes and artillery shelling targeted the northern districts on Thursday."
    subs = {e.sub_event_type for e in events_of(text, resources).events}
    assert {"Air/drone strike", "Shelling/artillery/missile attack"} <= subs


def test_events_consequence_folds_into_main_event(resources):
    text = ("Protesters blocked the main highway in the town on Friday. "
            "Police arrested 20 of them.")
    events = events_of(text, resources).events
    assert [e.event_type for e in events] == ["Protests"]
    assert events[0].sub_event_type == "Protest with intervention"


@pytest.mark.parametrize("text, deaths", [
    ("Two people were killed and 18 wounded in the attack.", 2),
    ("Troops killed six militants and wounded several others.", 6),
    ("Jets struck rebel positions, killing 40.", 40),
    ("At least 11 dead.", 11),
    ("Dozens of civilians were killed.", 12),
    ("Hundreds of civilian deaths were reported.", 100),
    ("Between 6 and 8 attackers were killed.", 6),
    ("Three soldiers and two militants were killed.", 5),
    ("The blast left 3 dead.", 3),
    ("No one was hurt in the arson attack.", 0),
    ("No one was killed in the blast.", 0),
    ("A public prosecutor was found dead in his house.", 1),
    ("The driver later succumbed to his injuries.", 1),
    ("The strike killed an unknown number of fighters.", 10),
    ("Unidentified gunmen assassinated a judge.", 1),
    ("A soldier was killed in the blast.", 1),
    ("Two officers, one clerk and one driver were killed.", 4),
    ("Rebels fired shells on 26/06, killing one civilian.", 1),
    ("Hundreds marched over the killing of a student.", None),
    ("Ahmed Ali, 45, was injured.", None),
    ("The bomb exploded near the market.", None),
    ("The clashes of 2015 were recalled.", None),
])
def test_events_count_deaths(text, deaths):
    assert count_deaths(text) == deaths


def test_events_date_and_background(resources):
    text = ("ISIS captured Mosul from the Iraqi government in June 2014.\n"
            "Iraqi forces clashed with ISIS fighters in Mosul on Tuesday.")
    events = events_of(text, resources, published="2017-07-06", stages=FULL).events
    assert len(events) == 2
    old, new = events
    assert old.background and old.event_date.startswith("2014-06") and old.time_precision == 3
    assert not new.background and new.event_date == "2017-07-04" and new.time_precision == 1


def test_events_undated_event_takes_publication_date_week_precision(resources):
    events = events_of("Rebels shelled the airport.", resources, published="2016-07-02").events
    assert events[0].event_date == "2016-07-02" and events[0].time_precision == 2


def test_events_place_and_country(resources):
    events = events_of("Gunmen killed two farmers in Maiduguri.", resources, stages=FULL).events
    assert events and events[0].country == "Nigeria"
    assert events[0].latitude is not None and events[0].geo_precision in (1, 2)


def test_events_example_corpus_evidence_offsets(example_records):
    total = 0
    for rec in example_records.values():
        for ev in rec["events"]:
            total += 1
            ev_ = ev["evidence"]
            assert rec["body"][ev_["start"]:ev_["end"]] == ev_["text"]
            assert ev["event_type"] and ev["sub_event_type"]
            assert ev["time_precision"] in (1, 2, 3)
    assert total >= 10


@pytest.mark.parametrize("text", [
    "", " \n\n ", "💥💥💥", "killed killed killed", "\u200b\u00a0attack\u00a0",
    "No.\nYes.\n\n\n(((", "«ﻻ» протест ✊ 抗议 demonstrators مظاهرة", "a" * 5000 + " bombed",
])
def test_events_odd_input_never_raises(resources, text):
    art = Article(id="odd", raw=text or "x", published=None)
    try:
        run_stages(art, resources, Options(stages=FULL))
    except ExtractError as err:  # clean refuses a text with no words: not this stage's call
        assert err.code == NO_ARTICLE
        return
    for ev in art.events:
        assert art.body[ev.evidence.start:ev.evidence.end] == ev.evidence.text


# ---------------------------------------------------------------- quality floors

def _subset_csv(src, dst, step: int) -> None:
    csv.field_size_limit(2 ** 31 - 1)
    with open(src, encoding="utf-8-sig", newline="") as fh:
        rows = list(csv.reader(fh))
    with open(dst, "w", encoding="utf-8", newline="") as fh:
        out = csv.writer(fh)
        out.writerow(rows[0])
        out.writerows(r for i, r in enumerate(rows[1:]) if i % step == 0)


def _acled_metrics(gold, resources, tmp_path):
    records = extract_file(prepare("acled", gold, tmp_path), resources)
    return score("acled", gold, records, tmp_path)


# Floors sit a little below what was measured (see the report in the commit); raise them
# when the stage improves, lower them only on purpose.
AFRICA_FLOORS = {"event_found": 0.96, "event_type_acc": 0.83, "date_acc": 0.96,
                 "fatalities_acc": 0.80, "actor1_f1": 0.45, "loc_acc161": 0.40}
ASIA_FLOORS = {"event_found": 0.96, "event_type_acc": 0.86, "date_acc": 0.94,
               "fatalities_acc": 0.91, "actor1_f1": 0.62, "loc_acc161": 0.42}
SEED_FLOORS = {"event_r": 0.82, "event_p": 0.66}


@needs_scorer
@pytest.mark.slow
def test_events_floor_acled_africa(resources, tmp_path):
    metrics = _acled_metrics(ACLED / "AschHarwood_acled_2016_africa.csv", resources, tmp_path)
    for key, floor in AFRICA_FLOORS.items():
        assert metrics[key] >= floor, (key, metrics[key])


@needs_scorer
@pytest.mark.slow
def test_events_floor_acled_asia_tenth(resources, tmp_path):
    gold = tmp_path / "katehara_every10.csv"
    _subset_csv(ACLED / "katehara_acled_asia_2015.csv", gold, 10)
    metrics = _acled_metrics(gold, resources, tmp_path)
    for key, floor in ASIA_FLOORS.items():
        assert metrics[key] >= floor, (key, metrics[key])


@needs_scorer
def test_events_floor_seeds(resources, tmp_path):
    records = extract_file(prepare("seeds", None, tmp_path, "--published"), resources)
    metrics = score("seeds", SHARED / "eval" / "gold" / "seeds.json", records, tmp_path)
    for key, floor in SEED_FLOORS.items():
        assert metrics[key] >= floor, (key, metrics[key])


def test_events_no_gold_text_in_lexicon():
    """The trigger lexicon is hand-written: no ACLED note may appear in it verbatim."""
    from dateline.resources.triggers import DATA

    lexicon = (DATA / "triggers.tsv").read_text(encoding="utf-8").lower()
    assert not re.search(r"al shabaab suspected|coded as \d+ fatalities", lexicon)
