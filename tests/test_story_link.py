"""Linking events across articles (same type, place, date within precision, agreeing actors)
and entities (one canonical across outlets; person names by surname + first initial)."""

from __future__ import annotations

import pytest

from dateline.store import open_store, read
from dateline.story import build_from_store
from dateline.story.dates import event_key
from dateline.story.entities import link_entities, normalize
from dateline.story.link import actors_agree, dates_agree, link_events, place_key

from story_helpers import BEACON, CNN, NEWSWEEK, mosul_story_records, store_of


def _ev(article, idx, date, precision=1, etype="Battles", location="Mosul", actor1=None, actor2=None,
        lat=None, lon=None, fatalities=None, background=False):
    return {"article_id": article, "idx": idx, "event_date": date, "time_precision": precision,
            "event_type": etype, "sub_event_type": "Armed clash", "actor1": actor1, "actor2": actor2,
            "location": location, "admin1": None, "country": "Iraq", "latitude": lat, "longitude": lon,
            "geo_precision": 1 if lat else None, "fatalities": fatalities, "evidence_start": 0,
            "evidence_end": 1, "evidence_text": "x", "background": background}


# (a, b, linked?)
LINK_CASES = [
    (_ev("a", 0, "2017-03-17"), _ev("b", 0, "2017-03-17"), True),
    (_ev("a", 0, "2017-03-17"), _ev("b", 0, "2017-03-18"), False),
    (_ev("a", 0, "2017-03-17"), _ev("b", 0, "2017-03-17", etype="Explosions/Remote violence"), False),
    (_ev("a", 0, "2017-03-17"), _ev("b", 0, "2017-03-17", location="Tal Afar"), False),
    (_ev("a", 0, "2017-03-17", 3), _ev("b", 0, "2017-03-28"), True),  # month precision holds the day
    (_ev("a", 0, "2017-03-13", 2), _ev("b", 0, "2017-03-17"), True),  # the week holds the 17th
    (_ev("a", 0, "2017-03-17", 3), _ev("b", 0, "2017-04-02"), False),
    (_ev("a", 0, "2017-03-17", actor1="Islamic State"), _ev("b", 0, "2017-03-17", actor1="Kurdish Peshmerga"), False),
    (_ev("a", 0, "2017-03-17", actor1="Military Forces of Iraq", actor2="Islamic State"),
     _ev("b", 0, "2017-03-17", actor1="Islamic State (Iraq)"), True),
    (_ev("a", 0, "2017-03-17", actor1="Islamic State"), _ev("b", 0, "2017-03-17"), True),
    (_ev("a", 0, "2017-03-17", location=None, lat=36.34, lon=43.13),
     _ev("b", 0, "2017-03-17", location=None, lat=36.335, lon=43.119), True),
    (_ev("a", 0, "2017-03-17", location="the Old City"), _ev("b", 0, "2017-03-17", location="Old City"), True),
]


@pytest.mark.parametrize("a, b, linked", LINK_CASES)
def test_story_link_pairs(a, b, linked):
    events = link_events([a, b])
    assert (len(events) == 1) is linked


def test_story_link_merge_keeps_every_report_and_is_conservative():
    rows = [_ev("a", 0, "2017-03-17", fatalities=12, lat=36.3, lon=43.1),
            _ev("b", 2, "2017-03-01", 3, fatalities=None),
            _ev("c", 1, "2017-03-17", fatalities=9)]
    (ev,) = link_events(rows)
    assert ev.articles == {"a", "b", "c"}
    assert ev.fields["fatalities"] == 9  # ACLED: the most conservative figure reported
    assert ev.fields["event_date"] == "2017-03-17" and ev.fields["time_precision"] == 1
    assert ev.fields["latitude"] == 36.3
    assert ev.to_row()["members"] == [("a", 0), ("b", 2), ("c", 1)]


def test_story_link_background_only_when_every_report_is():
    assert link_events([_ev("a", 0, "2014-06-10", background=True),
                        _ev("b", 0, "2014-06-10", background=True)])[0].background
    assert not link_events([_ev("a", 0, "2014-06-10", background=True), _ev("b", 0, "2014-06-10")])[0].background


def test_story_link_is_blocked_not_quadratic():
    # 2,000 events in 50 places over 400 days: the sweep compares only rows a month apart.
    rows = [_ev(f"a{i}", 0, f"2017-{1 + (i % 12):02d}-{1 + (i % 28):02d}", location=f"town {i % 50}")
            for i in range(2000)]
    events = link_events(rows)
    assert sum(len(e.members) for e in events) == 2000


@pytest.mark.parametrize("row, key", [
    ({"location": "Mosul"}, "mosul"),
    ({"location": "The Old City"}, "old city"),
    ({"location": None, "latitude": 36.34, "longitude": 43.13}, "@363,431"),
    ({"location": None, "admin1": "Nineveh"}, "nineveh"),
    ({}, ""),
])
def test_story_link_place_key(row, key):
    assert place_key(row) == key


def test_story_link_helpers():
    assert dates_agree(None, None) and not dates_agree(event_key("2017-03-17", 1), None)
    assert actors_agree({"actor1": "Iraqi forces"}, {"actor1": "Military Forces of Iraq"})


@pytest.mark.xfail(reason="a year-only date ('in 2014') has no ACLED time_precision, so the events "
                          "stage cannot date it finer than a month and it is not linked", strict=False)
def test_story_link_year_only_report_joins_the_month():
    rows = [_ev("a", 0, "2014-01-01", 3, location="Mosul"), _ev("b", 0, "2014-06-01", 3, location="Mosul")]
    assert len(link_events(rows)) == 1


def test_story_link_shared_background_event_through_the_store(tmp_path):
    db = store_of(tmp_path / "s.db", mosul_story_records())
    with open_store(db) as store:
        build_from_store(store)
        events = read.story_events(store.conn)
    fall = [e for e in events if e["event_date"] == "2014-06-01"]
    assert len(fall) == 1 and fall[0]["n_articles"] == 2 and fall[0]["background"]
    assert {s["article"] for s in fall[0]["sources"]} == {NEWSWEEK, BEACON}
    assert all(s["text"] == "June 2014" for s in fall[0]["sources"])
    assert [e["event_date"] for e in events] == sorted(e["event_date"] for e in events)


# ---------------------------------------------------------------- entities

def _ent(article, idx, text, label="ORG", canonical=None):
    return {"article_id": article, "idx": idx, "text": text, "label": label, "canonical": canonical or text}


@pytest.mark.parametrize("name, norm", [
    ("The Islamic State", "islamic state"),
    ("Iraq's", "iraq"),
    ("Al-Baghdadi", "al baghdadi"),
    ("Mosul’s", "mosul"),
    ("  ", ""),
    ("Ḥaydar al-ʿAbādī", "haydar al abadi"),
])
def test_story_entities_normalize(name, norm):
    assert normalize(name) == norm


def test_story_entities_one_canonical_across_outlets():
    rows = [_ent("a", 0, "ISIS", canonical="Islamic State"), _ent("b", 0, "Daesh", canonical="Islamic State"),
            _ent("c", 0, "The Islamic State", canonical="the Islamic State"), _ent("c", 1, "Iraq", "GPE"),
            _ent("a", 1, "Iraq", "LOC")]
    ents = link_entities(rows)
    top = ents[0]
    assert top.name == "Islamic State" and top.articles == {"a", "b", "c"}
    assert set(top.aliases) == {"ISIS", "Daesh", "The Islamic State"}
    assert [e for e in ents if e.name == "Iraq"][0].articles == {"a", "c"}


@pytest.mark.parametrize("names, groups", [
    # a surname and an initialled name join the one full name they can only mean
    (["Haider al-Abadi", "Abadi", "H. al-Abadi"], 1),
    (["Abu Bakr al-Baghdadi", "Baghdadi", "al-Baghdadi"], 1),
    (["Brig. Gen. Tahsin Ibrahim", "Tahsin Ibrahim"], 1),
    # two full names with the surname: the bare surname stays apart
    (["John Smith", "Jane Smith", "Smith"], 3),
    (["John Smith", "Jane Smith", "J. Smith"], 3),
    (["John Smith", "Adam Smith", "J. Smith"], 2),
    (["Smith", "Smith"], 1),
])
def test_story_entities_people(names, groups):
    rows = [_ent(f"a{i}", 0, n, "PERSON") for i, n in enumerate(names)]
    assert len(link_entities(rows)) == groups


def test_story_entities_label_matters():
    rows = [_ent("a", 0, "Georgia", "GPE"), _ent("b", 0, "Georgia", "PERSON")]
    assert len(link_entities(rows)) == 2


def test_story_entities_through_the_store(tmp_path):
    db = store_of(tmp_path / "s.db", mosul_story_records())
    with open_store(db) as store:
        build_from_store(store)
        ents = read.story_entities(store.conn, min_articles=2)
    assert ents[0]["name"] == "Islamic State" and ents[0]["n_articles"] == 4
    assert CNN in {a for a, _ in ents[0]["members"]}
