"""The gazetteer: name normalization, lookups, the curated data and the cached index."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from dateline.resources import geo_build
from dateline.resources.gazetteer import Gazetteer, cache_dir, sources_hash
from dateline.resources.geo_text import article_free, glued, loose_key, name_key

DATA = Path(geo_build.__file__).parent / "data"


@pytest.fixture(scope="module")
def gaz(resources) -> Gazetteer:
    return resources.gazetteer


@pytest.mark.parametrize("text, key", [
    ("Mosul", "mosul"),
    ("al-Anbar", "al anbar"),
    ("Nīnawá", "ninawa"),
    ("Tall ‘Afar", "tall afar"),
    ("St. Paul", "saint paul"),
    ("Ft. Worth", "fort worth"),
    ("Main St.", "main st"),
    ("Łódź", "lodz"),
    ("Batesburg-Leesville", "batesburg leesville"),
    ("", ""),
    ("🙂", "🙂"),
])
def test_gazetteer_name_key(text, key):
    assert name_key(text) == key


@pytest.mark.parametrize("key, bare", [
    ("al anbar", "anbar"), ("ar raqqah", "raqqah"), ("an najaf", "najaf"), ("el paso", "paso"),
    ("mosul", ""), ("al", ""), ("la paz", ""),
])
def test_gazetteer_article_free(key, bare):
    assert article_free(key) == bare


@pytest.mark.parametrize("a, b", [
    ("Qayyarah", "Qayara"), ("Al Qayyārah", "Qayara"), ("Fallujah", "Falluja"),
    ("Hammam al 'Alil", "Hamam al-Alil"), ("Mossul", "Mosul"), ("Ramadiyah", "Ramadiya"),
])
def test_gazetteer_loose_key_meets_spellings(a, b):
    assert loose_key(name_key(a)) == loose_key(name_key(b)) != ""


@pytest.mark.parametrize("key, joined", [
    ("el wak", "elwak"), ("al arish", "alarish"), ("al qaim town", "alqaim town"), ("mosul", ""), ("el", ""),
])
def test_gazetteer_glued(key, joined):
    assert glued(key) == joined


def test_gazetteer_glued_article_spellings_meet(gaz):
    """Somali and Arabic names are written with the article apart or glued: both find the town."""
    spaced = {(c.name, c.country) for c in gaz.candidates("El Wak")}
    assert ("El Wak", "KE") in spaced
    assert ("El Wak", "KE") in {(c.name, c.country) for c in gaz.candidates("Elwak")}
    assert ("El Fasher", "SD") in {(c.name, c.country) for c in gaz.candidates("Elfasher")}


def test_gazetteer_loose_key_skips_short_names():
    assert loose_key(name_key("Hit")) == ""


@pytest.mark.parametrize("text, name, country, feature", [
    ("Mosul", "Mosul", "IQ", "city"),
    ("Mossul", "Mosul", "IQ", "city"),
    ("al-Anbar", "Al Anbār", "IQ", "admin1"),
    ("Anbar", "Al Anbār", "IQ", "admin1"),
    ("Nineveh", "Nīnawá", "IQ", "admin1"),
    ("Raqqa", "Ar Raqqah", "SY", "city"),
    ("U.S.", "United States", "US", "country"),
    ("Britain", "United Kingdom", "GB", "country"),
    ("Georgia", "Georgia", "GE", "country"),
    ("Georgia", "Georgia", "US", "admin1"),
    ("Rapides Parish", "Rapides Parish", "US", "admin2"),
    ("Tigris", "Tigris", "IQ", "water"),
    ("al-Nuri mosque", "Great Mosque of al-Nuri", "IQ", "landmark"),
    ("Old City", "Old City", "IQ", "district"),
    ("Gaza Strip", "Gaza Strip", "PS", "region"),
    ("Africa", "Africa", "", "continent"),
])
def test_gazetteer_candidates(gaz, text, name, country, feature):
    found = gaz.candidates(text)
    assert any(c.name == name and c.country == country and c.feature == feature for c in found), \
        [(c.name, c.country, c.feature) for c in found[:8]]


def test_gazetteer_candidates_carry_coordinates_and_ids(gaz):
    mosul = next(c for c in gaz.candidates("Mosul") if c.feature == "city")
    assert abs(mosul.latitude - 36.34) < 0.1 and abs(mosul.longitude - 43.13) < 0.1
    assert mosul.geonameid == 99072 and mosul.population > 1_000_000
    assert mosul.admin1_code == "IQ.15"


def test_gazetteer_loose_candidates(gaz):
    assert any(c.name == "Al Qayyārah" for c in gaz.loose_candidates("Qayara"))


@pytest.mark.parametrize("text", ["", " ", "-", "al", "the", "\u202e\u0645\u0648\u0635\u0644", "x" * 5000])
def test_gazetteer_odd_lookups_do_not_raise(gaz, text):
    assert isinstance(gaz.candidates(text), list)
    assert isinstance(gaz.loose_candidates(text), list)


def test_gazetteer_unknown_name(gaz):
    assert gaz.candidates("Qwxzpt Vvv") == []


def test_gazetteer_curated_admin_rows_correct_existing_areas(gaz):
    """A curated admin1 row that matched nothing would be a second, competing area."""
    assert gaz.unmatched_curated == []


def test_gazetteer_curated_centres_apply(gaz):
    texas = next(c for c in gaz.candidates("Texas") if c.feature == "admin1")
    assert abs(texas.latitude - 31.3) < 0.01 and abs(texas.longitude + 99.3) < 0.01


@pytest.mark.parametrize("name", ["places_curated.tsv", "geo_countries.tsv", "geo_words.tsv"])
def test_gazetteer_data_files_name_their_source(name):
    text = (DATA / name).read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    assert any("source" in line.lower() for line in header)


def test_gazetteer_curated_rows_are_well_formed():
    rows = geo_build._curated_rows("places_curated.tsv")
    assert len(rows) > 250
    for row in rows:
        assert row["feature"] in geo_build.FEATURES, row
        assert -90 <= float(row["lat"]) <= 90 and -180 <= float(row["lon"]) <= 180, row
        assert row["source"], row
        assert row["country"] == "" or len(row["country"]) == 2, row


def test_gazetteer_cache_file_is_versioned_by_sources(gaz):
    path = cache_dir() / f"gazetteer-v2-{sources_hash()}.marshal"
    assert path.is_file() or not cache_dir().exists()


def test_gazetteer_loads_cached_index_fast(gaz):
    Gazetteer.load()  # warm the file cache
    start = time.perf_counter()
    again = Gazetteer.load()
    elapsed = time.perf_counter() - start
    assert len(again) == len(gaz)
    assert elapsed < 5.0  # ~0.5 s on an idle machine; generous for a busy CI box


def test_gazetteer_builds_from_scratch(tmp_path, gaz):
    """No cache (a fresh CI machine): the index is built from the installed packages and written."""
    start = time.perf_counter()
    fresh = Gazetteer.load(directory=tmp_path)
    built = time.perf_counter() - start
    assert len(fresh) == len(gaz)
    assert list(tmp_path.glob("gazetteer-v*.marshal"))
    assert [c.name for c in fresh.candidates("Mosul")] == [c.name for c in gaz.candidates("Mosul")]
    assert built < 240


def test_gazetteer_key_table_round_trip():
    from dateline.resources.geo_keys import KeyTable

    items = {f"k{i}": (i, i * 2) for i in range(1000)} | {"mosul": (7,), "ninawá": (8, 9), "": (1,)}
    table = KeyTable(KeyTable.build(items).to_dict())
    assert len(table) == len(items)
    for key, values in items.items():
        assert table.get(key) == values
    assert table.get("k1000") is None and "nowhere" not in table and "mosul" in table
    assert table.get("\ud800") is None  # a lone surrogate must not raise
