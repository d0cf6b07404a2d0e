"""Property tests: no extractor raises on any Unicode text, and every offset points at its text."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings, strategies as st

from dateline import Article
from dateline.errors import ExtractError
from dateline.pipeline import Options, run_stages

NEWSY = st.sampled_from([
    "Iraqi forces", " entered ", "Mosul", " on Thursday", ", killing ", "12", " people", ". ",
    "\u201c", "\u201d", '"', "'", " said ", "Lt. Gen. ", "Stephen Townsend", "\n", "\n\n", "at least ",
    "nearly 900,000", " displaced", " in June 2014", " two weeks ago", " airstrike", " ISIS", " al-",
    "\u0627\u0644\u0645\u0648\u0635\u0644", "\U0001F525", "\u200f", "\t", "(", ")", "\u00a0", "Anbar",
])
TEXTS = st.one_of(st.text(max_size=400), st.lists(NEWSY, max_size=60).map("".join),
                  st.lists(st.one_of(NEWSY, st.text(max_size=5)), max_size=60).map("".join))
SPAN_LISTS = ("entities", "timexes", "places", "figures", "quotes")


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                                   HealthCheck.too_slow])
@given(text=TEXTS, published=st.sampled_from([None, "2017-07-11", "2016", "2018-02"]))
def test_properties_every_stage_any_text(resources, text, published):
    try:
        art = run_stages(Article(raw=text, published=published), resources, Options())
    except ExtractError as err:
        assert err.code == "E105"  # only "nothing left after cleaning" may refuse a text
        assert not text.strip() or not art_body(text)
        return
    body = art.body
    for name in SPAN_LISTS:
        for item in getattr(art, name):
            assert 0 <= item.start <= item.end <= len(body), (name, item)
            assert body[item.start:item.end] == item.text, (name, item)
    for ev in art.events:
        assert body[ev.evidence.start:ev.evidence.end] == ev.evidence.text
    rec = art.to_record()
    assert rec["id"] and rec["body"] == body


def art_body(text: str) -> str:
    from dateline.stages.clean import clean_text

    return clean_text(text)[0]
