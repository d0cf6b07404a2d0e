"""Stage events: ACLED-coded events from real text, and quality floors on the dev data.

The label tables are sentences written for these tests (not gold rows). The floors run the
scorer on AschHarwood (all 500 rows), on a fixed tenth of katehara (every 10th row, 1,020 of
10,194, to keep the suite quick) and on the five seeds.
"""

from __future__ import annotations

import csv
import re
from datetime import date

import pytest

from conftest import SHARED, extract_file, needs_scorer, prepare, score
from dateline.article import Article, Place
from dateline.errors import NO_ARTICLE, ExtractError
from dateline.pipeline import Options, run_stages
from dateline.stages.events_fatalities import count_deaths, event_sites, share_of
from dateline.stages.events_when_where import days_since, first_of_list, origin_or_route

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
    # days of a month are never counts
    ("Gunmen raided the village on 17 and 21 March, killing four people.", 4),
    ("A teacher was shot on 3 May and died of his wounds.", 1),
    # one victim without a number
    ("A trader died of his wounds in hospital.", 1),
    ("A herder was burnt to death by an angry crowd.", 1),
    ("A shopkeeper was abducted and killed by armed men.", 1),
    ("He died the next day.", 1),
    # an article inside the victims' phrase is not a second count
    ("Six guards escorting a cargo truck were killed.", 6),
    ("A soldier and two civilians were killed.", 3),
    # a bracketed name does not hide the count
    ("At least 20 officers from the Rapid Response (Special) Unit were killed.", 20),
    # plurals of unknown size count 10 (ACLED)
    ("A number of fighters were killed in the raid.", 10),
    ("There were heavy casualties on both sides.", 10),
    # bombers who killed only themselves are the toll
    ("Two suicide bombers blew themselves up at the gate, killing only themselves.", 2),
    ("A suicide bomber blew himself up near a checkpoint.", 1),
    ("Nine people died when a suicide bomber blew himself up.", 9),
    # a death named as a cause, not reported
    ("Relatives of a murdered trader blocked the road.", None),
    ("Students protested against the killing.", None),
    ("A local official was murdered at his home.", 1),
    ("Bandits attacked a bus, killling 31 including 10 children.", 31),  # a typo is still a toll
    # each toll at its own place is its own event's: the first is this one's
    ("There were 2 killed and 4 injured in Alpha locality and 3 killed in the Beta area.", 2),
    ("Two soldiers were killed in Kabul and three civilians died in hospital.", 5),
    ("Five were killed in Kabul and three more died in Kabul later.", 8),
    # one report or another: the lowest
    ("Reports said either 6 soldiers or a single major were killed.", 1),
    ("Two men were summarily shot by a local militia.", 2),
    ("Gunmen wanted for a number of kidnappings were arrested.", None),
    ("A number of Ethiopian forces were killed in the ambush.", 10),
    # a number in a name is no count
    ("Battalion 302 took over Camp 1 and killed three guards.", 3),
])
def test_events_count_deaths(text, deaths):
    assert count_deaths(text) == deaths


@pytest.mark.parametrize("text, sites", [
    ("Troops raided the villages of Alpha, Beta and Gamma at dawn.", 3),
    ("Gunmen attacked two communities near the river.", 2),
    ("Fighting spread across the Upper Nile region.", 1),
    ("Herders clashed with farmers in Kilo and Pama districts.", 2),
    ("Clashes over 4-6 May killed nine people.", 3),
    ("Fourteen militants were killed over the weekend near the town.", 2),
    ("Rebels attacked Alpha and Beta.", 1),  # a bare list may name parts of one place
    ("Clashes between FDLR and FARDC forces in the hills.", 1),
])
def test_events_sites_of_a_summed_toll(text, sites):
    assert event_sites(text) == sites


def _days_since(text: str, published: str, resources) -> int:
    art = run_stages(Article(raw=text, published=published), resources,
                     Options(stages=("clean", "published", "sentences", "entities", "timexes")))
    return days_since(0, len(art.body), art.body, art.timexes, date.fromisoformat(published))


def test_events_days_since_a_weekday(resources):
    wednesday = "2016-06-22"
    assert _days_since("Police fire killed five protesters since Monday.", wednesday, resources) == 3
    assert _days_since("Police fire killed five protesters on Monday.", wednesday, resources) == 1
    assert _days_since("Five killed since Wednesday.", wednesday, resources) == 1


def test_events_summed_toll_divided_among_sites(resources):
    text = "Troops raided the villages of Alpha, Beta and Gamma on Monday, killing nine militants."
    events = events_of(text, resources).events
    assert events and events[0].fatalities == 3
    assert share_of(10, 3) == 4 and share_of(None, 2) is None and share_of(5, 1) == 5


@pytest.mark.parametrize("text, deaths", [
    ("Students marched through the town to protest against the bombing that killed six people.",
     None),
    ("Relatives of a driver who was killed by a bus blocked the highway, demanding compensation.",
     None),
    ("Hundreds of residents held a protest after two boys died in a fire.", None),
    ("Two protesters were killed when police fired on a march in the capital.", 2),
])
def test_events_demonstration_deaths_are_its_own(resources, text, deaths):
    events = events_of(text, resources).events
    assert events and events[0].fatalities == deaths, [(e.event_type, e.fatalities) for e in events]


@pytest.mark.parametrize("text, deaths", [
    ("A bus driver, who was hurt when gunmen fired on his vehicle on Sunday, died in hospital.", 1),
    ("Gunmen threw a bomb at a lorry, causing the death of a passer-by.", 1),
    ("Police arrested a man accused of ordering the murder of a journalist.", None),
    ("Following the death of a prisoner, a mob attacked the police station.", None),
])
def test_events_one_victim_from_the_parse(resources, text, deaths):
    events = events_of(text, resources).events
    assert events and events[0].fatalities == deaths, [(e.event_type, e.fatalities) for e in events]


def test_events_quoted_label_opening_a_sentence_is_no_quote(resources):
    events = events_of('"Bandits" attacked the village on Monday, killing 12.', resources,
                       stages=FULL + ("quotes",)).events
    assert events and events[0].fatalities == 12
    assert events_of('"Rebels attacked us at night," a villager said.', resources,
                     stages=FULL + ("quotes",)).events == []


def test_events_toll_told_after_the_event(resources):
    text = "A military convoy came under attack near the border. Three soldiers killed, one injured."
    events = events_of(text, resources).events
    assert len(events) == 1 and events[0].fatalities == 3


def test_events_toll_spread_by_another_sentence_of_the_event(resources):
    # the days are told where the attack is; the toll where the clashes are: one occurrence
    text = ("Police attacked herders in the hills of Arba over 4-6 May. Some 12 people have "
            "been killed from both sides in the clashes.")
    events = events_of(text, resources).events
    assert len(events) == 1 and events[0].fatalities == 4, [(e.event_type, e.fatalities) for e in events]


@pytest.mark.parametrize("text, deaths", [
    ("Nigerian troops cleared Bama and Dikwa in Borno of insurgents on Monday, killing ten "
     "militants.", 5),
    ("Two militants were killed in a clash with troops in Sibi, Balochistan.", 2),  # no list
])
def test_events_toll_over_a_list_of_towns(resources, text, deaths):
    events = events_of(text, resources, stages=FULL).events
    assert events and events[0].fatalities == deaths, [(e.location, e.fatalities) for e in events]


def test_events_deaths_alone_are_an_event(resources):
    events = events_of("Two are dead near the trading centre after a dispute over land.", resources).events
    assert events and events[0].fatalities == 2
    assert events_of("The actor died of cancer in 2010.", resources).events == []


def test_events_a_rescue_is_no_abduction(resources):
    text = "Soldiers drove the militants from the town, killing several and rescuing 16 hostages."
    events = events_of(text, resources).events
    assert "Abduction/forced disappearance" not in {e.sub_event_type for e in events}
    assert events and events[0].fatalities == 10
    kidnap = events_of("Gunmen kidnapped five hostages from a bus on Monday.", resources).events
    assert kidnap and kidnap[0].sub_event_type == "Abduction/forced disappearance"


def test_events_one_crowd_per_sentence(resources):
    text = ("Residents joined the protests and looted stores as two people were killed by police "
            "as violent protests erupted overnight.")
    events = events_of(text, resources).events
    assert [e.event_type for e in events] == ["Riots"] and events[0].fatalities == 2


def test_events_soldiers_marching_are_no_protest(resources):
    text = "Soldiers marched to the market and beat traders."
    assert "Protests" not in {e.event_type for e in events_of(text, resources).events}


def test_events_protest_place_not_its_cause(resources):
    text = "Civil society protested in Karachi against the terrorist attack in Shikarpur on Monday."
    events = events_of(text, resources, stages=FULL).events
    assert events and events[0].event_type == "Protests" and events[0].location == "Karachi"


def test_events_country_from_the_groups_named(resources):
    events = events_of("FARDC soldiers clashed with militia fighters on Monday.", resources,
                       stages=FULL).events
    assert events and events[0].country == "Democratic Republic of the Congo"
    assert events[0].actor1.startswith("Military Forces of Democratic Republic of")


def test_events_place_not_an_origin(resources):
    text = "Militants attacked travellers from Garissa in Mandera on Monday."
    events = events_of(text, resources, stages=FULL).events
    assert events and events[0].location == "Mandera"


def _places_in(body: str, names: list[str], country: str = "KE") -> list[Place]:
    out = []
    for name in names:
        start = body.index(name)
        out.append(Place(text=name, start=start, end=start + len(name), name=name,
                         country=country, admin1=None, latitude=0.0, longitude=0.0,
                         feature="city"))
    return out


def test_events_place_first_of_a_list():
    body = "Roads were closed around Kismayo and Baidoa in protest."
    kismayo, baidoa = _places_in(body, ["Kismayo", "Baidoa"], "SO")
    assert first_of_list(baidoa, [kismayo, baidoa], body) is kismayo
    body = "Police in Kismayo said the protest in Baidoa was peaceful."
    kismayo, baidoa = _places_in(body, ["Kismayo", "Baidoa"], "SO")
    assert first_of_list(baidoa, [kismayo, baidoa], body) is baidoa


@pytest.mark.parametrize("text, name, expected", [
    ("Fighters from Garissa attacked the camp.", "Garissa", True),
    ("The bus was en route to Mandera when it was ambushed.", "Mandera", True),
    ("Gunmen attacked a bus bound for Lamu.", "Lamu", True),
    ("Gunmen attacked a bus in Lamu.", "Lamu", False),
    ("Rebels were driven out of Garissa.", "Garissa", False),
])
def test_events_place_origin_or_route(text, name, expected):
    assert origin_or_route(text, text.index(name)) is expected


def test_events_town_beats_region_of_a_merged_sentence(resources):
    text = ("A policeman was killed near Garissa on Monday. Gunmen stormed his home in North "
            "Eastern Province and killed him.")
    events = events_of(text, resources, stages=FULL).events
    assert events and events[0].location == "Garissa" and events[0].geo_precision == 2


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
AFRICA_FLOORS = {"event_found": 0.97, "event_type_acc": 0.84, "date_acc": 0.96,
                 "fatalities_acc": 0.87, "actor1_f1": 0.49, "loc_acc161": 0.49, "loc_acc25": 0.43}
ASIA_FLOORS = {"event_found": 0.97, "event_type_acc": 0.87, "date_acc": 0.95,
               "fatalities_acc": 0.93, "actor1_f1": 0.67, "loc_acc161": 0.51, "loc_acc25": 0.35}
SEED_FLOORS = {"event_r": 0.85, "event_p": 0.70}


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


def test_events_thrashed_is_an_attack(resources):
    events = events_of("Several leaders were allegedly thrashed by paramilitary men on Tuesday.",
                       resources).events
    assert events and events[0].event_type == "Violence against civilians"


def test_events_crowd_acting_along_a_road_is_a_protest(resources):
    text = ("Activists laid siege to the road stretch protesting against the delay in the road "
            "development scheme.")
    assert [e.event_type for e in events_of(text, resources).events] == ["Protests"]
    # the campaign named by its purpose is no occurrence
    assert events_of("The operation to retake the city is expected to last months.",
                     resources).events == []


def test_events_passive_of_purpose_is_no_hedge(resources):
    text = ("Members of the blind community protested in the city demanding jobs, the protest was "
            "aimed against the government.")
    assert [e.event_type for e in events_of(text, resources).events] == ["Protests"]
    assert events_of("The group aimed to attack the town.", resources).events == []


def test_events_shops_closed_on_a_call_is_a_strike(resources):
    text = ("Most shops in the town remained closed on Thursday in response to a call given by the "
            "party against power cuts.")
    assert [e.event_type for e in events_of(text, resources).events] == ["Protests"]
    assert events_of("The shops remained closed for the holiday.", resources).events == []


def test_events_other_events_told_of_are_not_reported(resources):
    text = ("Fourteen armed Islamists were killed over the weekend near the town, which was the "
            "site of other clashes on June 8.")
    events = events_of(text, resources).events
    assert events and all(e.event_date != "2016-06-08" for e in events)
    assert events[0].fatalities == 7


def test_events_toll_of_the_day_it_names(resources):
    text = "Militia attacked the village over two days. 5 killed, 8 wounded on June 20."
    events = events_of(text, resources, stages=FULL).events
    assert events and events[0].fatalities == 5
