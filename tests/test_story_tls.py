"""Quality floor: timelines of the T17 dev topics, scored by ``score.py tls``.

Each topic is prepared by the scorer, extracted with the stages a timeline reads (clean,
published, timexes; without the spaCy pass, which would take minutes for 581 articles and
which the timexes stage only uses to read tense), stored, and told in as many dates as
the gold timeline has. Floors sit a little below what was measured; raise them when the
timeline or the timexes stage improves, lower them only on purpose.
Measured when set: Egypt date_f1 0.900, r1_concat 0.339, r2_concat 0.071, r1_agree 0.108;
Syria date_f1 0.231, r1_concat 0.408, r2_concat 0.094, r1_agree 0.067 (with the spaCy pass:
Egypt 0.950 / 0.316 / 0.076 / 0.114, Syria 0.154 / 0.409 / 0.089 / 0.044).
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from dateline.store import open_store
from dateline.story import TimelineOptions, build_from_store

from conftest import SCORE, SHARED, extract_file, needs_scorer, prepare
from dateline.pipeline import Options

TLS = SHARED / "eval" / "data" / "tls"
STAGES = ("clean", "published", "timexes")
FLOORS = {  # topic: {metric: floor}
    "EgyptianProtest_cnn": {"date_f1": 0.85, "r1_concat": 0.31, "r2_concat": 0.06, "r1_agree": 0.09},
    "SyrianCrisis_bbc": {"date_f1": 0.15, "r1_concat": 0.38, "r2_concat": 0.08, "r1_agree": 0.05},
}


def _gold_dates(topic: str) -> int:
    lines = [json.loads(x) for x in (TLS / topic / "timelines.jsonl").read_text().splitlines() if x.strip()]
    return round(sum(len(t) for t in lines) / len(lines))


@pytest.fixture(scope="module")
def scored(resources, tmp_path_factory):
    results = {}
    for topic in FLOORS:
        tmp = tmp_path_factory.mktemp(topic)
        records = extract_file(prepare("tls", TLS / topic, tmp), resources, Options(stages=STAGES))
        with open_store(tmp / "tls.db") as store:
            for rec in records:
                store.add(rec)
            story = build_from_store(store, TimelineOptions(max_dates=_gold_dates(topic)))
        pred = tmp / "pred.json"
        pred.write_text(json.dumps(story.timeline_json()), encoding="utf-8")
        proc = subprocess.run([sys.executable, str(SCORE), "tls", str(TLS / topic), str(pred), "--json"],
                              capture_output=True, text=True, check=True)
        results[topic] = (json.loads(proc.stdout)["metrics"], story)
    return results


@needs_scorer
@pytest.mark.parametrize("topic", sorted(FLOORS))
def test_story_tls_floor(scored, topic):
    metrics, story = scored[topic]
    for name, floor in FLOORS[topic].items():
        assert metrics[name] >= floor, f"{topic} {name} {metrics[name]:.3f} < floor {floor}"
    assert metrics["dates_pred"] == _gold_dates(topic)


@needs_scorer
def test_story_tls_mean_date_f1(scored):
    mean = sum(m["date_f1"] for m, _ in scored.values()) / len(scored)
    assert mean >= 0.55, f"mean date F1 {mean:.3f} below the DATEWISE anchor (0.544)"


@needs_scorer
def test_story_tls_every_entry_has_sources(scored):
    for metrics, story in scored.values():
        for entry in story.timeline:
            assert entry.sources, entry.key.value
            for src in entry.sources:
                body = story.articles[src["article"]].body
                assert 0 <= src["start"] < src["end"] <= len(body)
