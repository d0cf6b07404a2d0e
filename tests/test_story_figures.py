"""Figure series and conflicts: close dates and incompatible values conflict; growth over
months is a trend; the seed gold's conflicts and non-conflicts hold (read from ../shared)."""

from __future__ import annotations

import json
import math

import pytest

from dateline.store import open_store, read
from dateline.story import Corpus, build_from_store
from dateline.story.figures import bounds, build_series, category, find_conflicts

from story_helpers import (BEACON, CBC, CROSS_GOLD, mosul_records, mosul_story_records, store_of,
                           with_items)


def _row(article, idx, quantity, unit, qualifier="exact", as_of=None, location=None, text=None):
    return {"article_id": article, "idx": idx, "text": text or str(quantity), "start": 0, "end": 1,
            "quantity": quantity, "unit": unit, "qualifier": qualifier, "as_of": as_of,
            "location": location}


@pytest.mark.parametrize("unit, expected", [
    ("displaced people", ("displaced", "")),
    ("people displaced from Mosul", ("displaced", "")),
    ("civilians killed", ("killed", "")),
    ("ISIS militants remaining in Mosul", ("fighters", "isis")),
    ("ISIS militants holed up in Mosul", ("fighters", "isis")),
    ("civilians trapped", ("trapped", "")),
    ("people wounded", ("wounded", "")),
    ("", ("count", "")),
])
def test_story_figures_category(unit, expected):
    assert category(unit) == expected


@pytest.mark.parametrize("quantity, qualifier, low, high", [
    (100, "exact", 98, 102),
    (87000, "approx", 73950, 100050),
    (897000, "at_least", 879060, math.inf),
    (20000, "at_most", 0, 20400),
    ([1000, 9999], "range", 950, 10498.95),
])
def test_story_figures_bounds(quantity, qualifier, low, high):
    lo, hi = bounds(quantity, qualifier)
    assert lo == pytest.approx(low) and hi == pytest.approx(high)


@pytest.mark.parametrize("quantity", [None, "many", True, [1], [1, "x"], float("nan")])
def test_story_figures_bounds_unreadable(quantity):
    assert bounds(quantity, "exact") is None


# Own hard cases: (claim a, claim b, conflict?)  claim = (article, qty, unit, qualifier, as_of, location)
CASES = [
    (("a", 10, "killed", "exact", "2020-05-01", "Aleppo"), ("b", 200, "killed", "exact", "2020-05-02", "Aleppo"), True),
    (("a", 100, "killed", "exact", "2020-05-01", "Aleppo"), ("b", 140, "killed", "exact", "2020-05-03", "Aleppo"), False),
    (("a", 5000, "fighters of the group", "approx", "2016-11-03", "Raqqa"),
     ("b", 300, "fighters of the group", "approx", "2017-07-06", "Raqqa"), False),
    (("a", 50, "dead", "at_least", "2020-05-01", None), ("b", 40, "deaths", "exact", "2020-05-01", None), False),
    (("a", 20, "wounded", "at_most", "2020-05-01", "Homs"), ("b", 200, "injured", "exact", "2020-05-01", "Homs"), True),
    (("a", 10, "killed", "exact", "2020-05-01", "Homs"), ("b", 200, "killed", "exact", "2020-05-01", "Hama"), False),
    (("a", 10, "killed", "exact", "2020-05-01", "Homs"), ("a", 200, "killed", "exact", "2020-05-01", "Homs"), False),
    (("a", [24, 99], "killed", "range", "2020-05-01", "Idlib"), ("b", 30, "killed", "exact", "2020-05-01", "Idlib"), False),
    (("a", 10, "killed", "exact", "2020-05-01", "Idlib"), ("b", 200, "displaced", "exact", "2020-05-01", "Idlib"), False),
    (("a", 10000, "displaced", "approx", "2020-01-01", "Idlib"), ("b", 900000, "displaced", "approx", "2020-03-01", "Idlib"), False),
    # 'hundreds of civilians' and 'tens of thousands of civilians' may count different things
    (("a", [100, 999], "civilians", "approx", "2016-11-03", "Mosul"),
     ("b", [10000, 99999], "civilians", "approx", "2016-11-03", "Mosul"), False),
]


@pytest.mark.parametrize("a, b, conflict", CASES)
def test_story_figures_conflict_cases(a, b, conflict):
    rows = [_row(a[0], 0, *a[1:]), _row(b[0], 1, *b[1:])]
    found = find_conflicts(build_series(rows, {}))
    assert bool(found) is conflict, found


def test_story_figures_as_of_falls_back_to_publication():
    rows = [_row("a", 0, 10, "killed", location="Homs"), _row("b", 0, 300, "killed", location="Homs")]
    assert find_conflicts(build_series(rows, {"a": "2020-05-01", "b": "2020-05-03"}))
    assert not find_conflicts(build_series(rows, {"a": "2020-05-01", "b": "2020-07-03"}))


def test_story_figures_unlocated_joins_the_one_located_series():
    rows = [_row("a", 0, 87000, "displaced people", "approx", "2017-07-06"),
            _row("b", 0, 897000, "people displaced from Mosul", "at_least", "2017-07-10", "Mosul")]
    series = build_series(rows, {})
    assert len(series) == 1 and series[0].location == "Mosul"
    assert find_conflicts(series)


def test_story_figures_trend_is_not_a_conflict():
    rows = [_row(x, 0, q, "displaced", "approx", d, "Mosul")
            for x, q, d in (("a", 50000, "2016-11-20"), ("b", 200000, "2017-02-01"), ("c", 400000, "2017-04-01"))]
    series = build_series(rows, {})
    assert series[0].trend == "rising"
    assert not find_conflicts(series)


def test_story_figures_mosul_conflict_through_the_store(tmp_path):
    db = store_of(tmp_path / "s.db", mosul_story_records())
    with open_store(db) as store:
        story = build_from_store(store)
        conflicts = read.figure_conflicts(store.conn)
        series = read.figure_series(store.conn)
    assert [c.what for c in story.conflicts] == ["people displaced, Mosul"]
    claims = conflicts[0]["claims"]
    assert [(c["article"], c["quantity"]) for c in claims] == [(BEACON, 87000), (CBC, 897000)]
    body = {a: story.articles[a].body for a in (BEACON, CBC)}
    assert all(body[c["article"]][c["start"]:c["end"]] == c["text"] for c in claims)
    spec = story.timeline_json()["conflicts"][0]
    assert {c["as_of"] for c in spec["claims"]} == {"2017-07-06", "2017-07-10"}
    fighters = [s for s in series if s["what"] == "ISIS fighters, Mosul"]
    assert len(fighters) == 1 and len(fighters[0]["points"]) == 2 and fighters[0]["trend"] == "falling"


def _gold_items():
    if not CROSS_GOLD.is_file():
        pytest.skip("../shared/eval/gold/seeds_cross_document.json not beside the clone")
    return json.loads(CROSS_GOLD.read_text(encoding="utf-8"))


def _series_from_gold(groups):
    """Figure rows placed on the real article bodies from gold items (read at test time)."""
    recs = mosul_records()
    rows = []
    for group in groups:
        for n, item in enumerate(group["items"]):
            if "quantity" not in item:
                continue  # durations and dates, not counts
            body = recs[item["article"]]["body"]
            start = body.find(item["text"])
            if start < 0:
                continue  # in a caption or deck the cleaner removed
            rows.append({"article_id": item["article"], "idx": len(rows), "text": item["text"],
                         "start": start, "end": start + len(item["text"]), "quantity": item["quantity"],
                         "unit": item["unit"], "qualifier": item["qualifier"], "as_of": item["as_of"],
                         "location": None, "group": group["quantity"]})
    return rows


def test_story_figures_seed_disagreements_are_flagged():
    gold = _gold_items()
    rows = _series_from_gold(gold["figure_disagreements"])
    assert rows, "no gold disagreement with a count"
    found = find_conflicts(build_series(rows, {}))
    assert found
    flagged = {(c.row["article_id"], c.row["quantity"] if not isinstance(c.row["quantity"], list)
                else tuple(c.row["quantity"])) for con in found for c in con.claims}
    articles = {a for a, _ in flagged}
    assert {BEACON, CBC} <= articles


@pytest.mark.parametrize("kind", ["figure_compatible_variants", "figure_not_comparable"])
def test_story_figures_seed_non_conflicts_are_not_flagged(kind):
    gold = _gold_items()
    for group in gold[kind]:
        rows = _series_from_gold([group])
        assert not find_conflicts(build_series(rows, {})), group["quantity"]


def test_story_figures_corpus_from_records_matches_store(tmp_path):
    recs = mosul_story_records()
    db = store_of(tmp_path / "s.db", recs)
    with open_store(db) as store:
        from_store = Corpus.load(store.conn)
    from_mem = Corpus.from_records(recs)
    key = lambda r: (r["article_id"], r["idx"])  # noqa: E731
    assert sorted(map(key, from_store.figures)) == sorted(map(key, from_mem.figures))
    assert [f["quantity"] for f in sorted(from_store.figures, key=key)] == \
           [f["quantity"] for f in sorted(from_mem.figures, key=key)]


def test_story_figures_empty_store(tmp_path):
    db = store_of(tmp_path / "s.db", [with_items(r) for r in mosul_records().values()])
    with open_store(db) as store:
        story = build_from_store(store)
    assert story.series == [] and story.conflicts == []
