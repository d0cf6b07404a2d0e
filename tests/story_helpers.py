"""Building stores for the story and export tests: the real example articles (cleaned, with
their real dates) plus items written by hand at real offsets, stored through the store API.

The per-article stages are still landing, so the story tests do not depend on what they
find: each test states the items it needs, placed on the words of the real articles.
"""

from __future__ import annotations

import copy
import json
from functools import lru_cache
from pathlib import Path

from dateline.inputs import read_inputs
from dateline.pipeline import Options, Resources, extract_many
from dateline.store import open_store

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "mosul" / "articles.jsonl"
CROSS_GOLD = ROOT.parent / "shared" / "eval" / "gold" / "seeds_cross_document.json"

CNN, CBC, NEWSWEEK, BEACON, CALLER = ("000_d5daeac9a8ac0b2c", "001_95b8a043bc61986d",
                                      "002_5b8e29511e73b61f", "003_5bfd127de2a15396",
                                      "004_71d320ff81bd3780")


@lru_cache(maxsize=1)
def _cleaned() -> tuple[str, ...]:
    # clean + published only: no spaCy, so the bodies are fixed whatever later stages do.
    arts = extract_many(read_inputs([EXAMPLE]), Resources(), Options(stages=("clean", "published")))
    return tuple(json.dumps(a.to_record()) for a in arts)


def mosul_records() -> dict[str, dict]:
    """The five example articles as bare SPEC records (body, dates, outlets; no items), with
    the feed's ``url`` (the store keeps it beside the record)."""
    urls = {}
    with open(EXAMPLE, encoding="utf-8") as fh:
        for line in fh:
            item = json.loads(line)
            urls[item["id"]] = item.get("url")
    recs = {r["id"]: r for r in (json.loads(x) for x in _cleaned())}
    for aid, rec in recs.items():
        rec["url"] = urls.get(aid)
    return recs


def span(body: str, text: str, after: int = 0) -> dict:
    """{text, start, end} of the first ``text`` in ``body`` at or after ``after``."""
    start = body.index(text, after)
    return {"text": text, "start": start, "end": start + len(text)}


def timex(body: str, text: str, value: str, kind: str = "DATE") -> dict:
    return {**span(body, text), "type": kind, "value": value}


def figure(body: str, text: str, quantity, unit: str, qualifier: str = "exact",
           as_of: str | None = None, location: str | None = None) -> dict:
    return {**span(body, text), "quantity": quantity, "unit": unit, "qualifier": qualifier,
            "as_of": as_of, "location": location}


def event(body: str, text: str, date: str, precision: int, event_type: str, sub: str,
          actor1=None, actor2=None, location=None, lat=None, lon=None, country="Iraq",
          fatalities=None, background=False) -> dict:
    ev = span(body, text)
    out = {"event_date": date, "time_precision": precision, "event_type": event_type,
           "sub_event_type": sub, "actor1": actor1, "actor2": actor2, "location": location,
           "admin1": None, "country": country, "latitude": lat, "longitude": lon,
           "geo_precision": 1 if lat is not None else None, "fatalities": fatalities,
           "evidence": {"start": ev["start"], "end": ev["end"], "text": ev["text"]}}
    if background:
        out["background"] = True
    return out


def entity(body: str, text: str, label: str, canonical: str | None = None) -> dict:
    return {**span(body, text), "label": label, "canonical": canonical or text}


def store_of(path: Path, records) -> Path:
    """A store file at ``path`` holding ``records``."""
    with open_store(path) as store:
        for rec in records:
            store.add(rec)
    return path


def with_items(rec: dict, **items) -> dict:
    """A copy of a bare record with the given item lists."""
    out = copy.deepcopy(rec)
    for name, value in items.items():
        out[name] = value
    return out


def mosul_story_records() -> list[dict]:
    """The example articles with a hand-placed set of dates, events, figures and entities,
    enough for every part of the story and of each export to have something to show."""
    r = mosul_records()
    b = {k: v["body"] for k, v in r.items()}
    mosul = dict(location="Mosul", lat=36.335, lon=43.119)
    recs = {
        CNN: with_items(r[CNN], timexes=[timex(b[CNN], "Thursday", "2016-11-03"),
                                         timex(b[CNN], "two weeks ago", "2016-W42")],
                        events=[event(b[CNN], "Iraqi forces entered ISIS-held Mosul", "2016-11-03", 1,
                                      "Battles", "Armed clash", "Military Forces of Iraq",
                                      "Islamic State", **mosul)],
                        figures=[figure(b[CNN], "5,000 ISIS", 5000, "ISIS militants", "approx",
                                        "2016-11-03", "Mosul")],
                        entities=[entity(b[CNN], "ISIS", "ORG", "Islamic State")]),
        CBC: with_items(r[CBC], timexes=[timex(b[CBC], "in 2014", "2014"),
                                         timex(b[CBC], "last October", "2016-10")],
                        figures=[figure(b[CBC], "897,000", 897000, "people displaced from Mosul",
                                        "at_least", "2017-07-10", "Mosul")],
                        entities=[entity(b[CBC], "ISIS", "ORG", "Islamic State")]),
        NEWSWEEK: with_items(r[NEWSWEEK], timexes=[timex(b[NEWSWEEK], "June 2014", "2014-06"),
                                                   timex(b[NEWSWEEK], "July 4, 2014", "2014-07-04")],
                             events=[event(b[NEWSWEEK], "June 2014", "2014-06-01", 3, "Battles",
                                           "Non-state actor overtakes territory", "Islamic State",
                                           "Military Forces of Iraq", background=True, **mosul)],
                             figures=[figure(b[NEWSWEEK], "thousands of civilians", [1000, 9999],
                                             "civilians trapped", "approx", "2017-03-27", "Mosul")],
                             entities=[entity(b[NEWSWEEK], "Islamic State", "ORG")]),
        BEACON: with_items(r[BEACON], timexes=[timex(b[BEACON], "June 2014", "2014-06"),
                                               timex(b[BEACON], "October", "2016-10"),
                                               timex(b[BEACON], "January", "2017-01")],
                           events=[event(b[BEACON], "June 2014", "2014-06-01", 3, "Battles",
                                         "Non-state actor overtakes territory", "Islamic State (Iraq)",
                                         None, background=True, **mosul)],
                           figures=[figure(b[BEACON], "87,000", 87000, "displaced people", "approx",
                                           "2017-07-06", "Mosul"),
                                    figure(b[BEACON], "300 ISIS", 300, "ISIS militants remaining in Mosul",
                                           "approx", "2017-07-06", "Mosul")],
                           entities=[entity(b[BEACON], "ISIS", "ORG", "Islamic State")]),
        CALLER: with_items(r[CALLER], entities=[entity(b[CALLER], "Iraq", "GPE")]),
    }
    return list(recs.values())


HOSTILE_BODY = ('<script>alert("x")</script> Militants | stormed *the* [town] of <b>Qayyarah</b> '
                'on 3 May 2020, killing 12 people & wounding "many".\nA second line.')


def hostile_record() -> dict:
    """An article whose text and metadata try to break out of every export format."""
    body = HOSTILE_BODY
    return {"id": "evil<id>\"1", "source": None, "title": "<img src=x onerror=alert(1)>", "outlet": "O'Brien & <Co>",
            "url": "javascript:alert(1)", "published": "2020-05-04", "published_source": "given",
            "body": body, "removed": [],
            "entities": [entity(body, "Militants", "ORG")],
            "timexes": [timex(body, "3 May 2020", "2020-05-03")],
            "places": [], "quotes": [],
            "figures": [figure(body, "12 people", 12, "killed", "exact", "2020-05-03", "Qayyarah")],
            "events": [event(body, "Militants | stormed *the* [town] of <b>Qayyarah</b>", "2020-05-03", 1,
                             "Battles", "Armed clash", "Militants <i>", None, location="Qayyarah</b>",
                             lat=35.85, lon=43.2, fatalities=12)]}
