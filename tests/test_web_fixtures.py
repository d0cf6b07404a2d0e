"""Stores for the web tests: the bundled example extracted by the real pipeline.

The per-article extractors are young, so a kind they do not deliver yet for an article
(places with coordinates, say) is filled in here from a few hand-written rules over the
real body, located by search so every offset is true. The web must show whatever the
store holds; these rules only make sure every kind of item is there to be shown. Tests
assert properties (links land on real spans, text is escaped), never particular values.

Other web test modules import these fixtures by name.
"""

from __future__ import annotations

import contextlib
import re
import socket
import struct
import subprocess
import sys
import time
import zlib
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from dateline.store import open_store
from dateline.web import create_app

# A handful of places the example mentions, with coordinates (GeoNames, rounded).
KNOWN_PLACES = {
    "Mosul": ("IQ", "Nineveh", 36.335, 43.119), "Baghdad": ("IQ", "Baghdad", 33.341, 44.401),
    "Raqqa": ("SY", "Raqqa", 35.953, 39.009), "Iraq": ("IQ", None, 33.0, 44.0),
    "Syria": ("SY", None, 35.0, 38.0), "Erbil": ("IQ", "Erbil", 36.191, 44.009),
}
_PLACE_RE = re.compile(r"\b(" + "|".join(KNOWN_PLACES) + r")\b")
_NUMBER_RE = re.compile(r"\b(\d{1,3}(?:,\d{3})+|\d+) (civilians|people|militants|fighters|families)\b")
_QUOTE_RE = re.compile(r"[“\"]([^”\"\n]{12,400})[”\"]")

HOSTILE_TITLE = 'Attack on "quotes" <script>window.__pwned=1;document.title="pwned"</script>'
HOSTILE_TEXT = (
    "<script>window.__pwned = 1; document.title = 'pwned'; alert('x')</script>\n"
    "Militants stormed the village of Mosul on Monday, killing 12 civilians, officials said. "
    "<img src=x onerror=\"window.__pwned=1;alert(1)\"> \"><svg onload=alert(2)> "
    "' onmouseover='alert(3)' <a href=\"javascript:alert(4)\">click</a>\n"
    "\"We will not leave,\" said a resident, <b onclick=alert(5)>Ahmed</b>.\n"
)


def supplement(rec: dict) -> dict:
    """``rec`` with hand-made items for any kind the extractors left empty (see module doc)."""
    rec = {**rec}
    body = rec["body"]
    if not rec.get("places"):
        rec["places"] = [
            {"text": m.group(1), "start": m.start(1), "end": m.end(1), "name": m.group(1),
             "country": KNOWN_PLACES[m.group(1)][0], "admin1": KNOWN_PLACES[m.group(1)][1],
             "latitude": KNOWN_PLACES[m.group(1)][2], "longitude": KNOWN_PLACES[m.group(1)][3],
             "feature": "city" if KNOWN_PLACES[m.group(1)][1] else "country", "geonameid": None}
            for m in _PLACE_RE.finditer(body)]
    if not rec.get("figures"):
        rec["figures"] = [
            {"text": m.group(0), "start": m.start(), "end": m.end(),
             "quantity": int(m.group(1).replace(",", "")), "unit": m.group(2),
             "qualifier": "exact", "as_of": None, "location": None}
            for m in _NUMBER_RE.finditer(body)]
    if not rec.get("quotes"):
        rec["quotes"] = [{"text": m.group(1), "start": m.start(1), "end": m.end(1),
                          "speaker": "officials", "speaker_role": None}
                         for m in _QUOTE_RE.finditer(body)]
    events = [dict(ev) for ev in rec.get("events") or []]
    if not events and rec.get("published"):
        end = body.find(".") + 1 or len(body)
        events = [{"event_date": rec["published"], "time_precision": 1, "event_type": "Battles",
                   "sub_event_type": "Armed clash", "actor1": None, "actor2": None,
                   "location": None, "admin1": None, "country": None, "latitude": None,
                   "longitude": None, "geo_precision": None, "fatalities": None,
                   "evidence": {"start": 0, "end": end, "text": body[:end]}}]
    for ev in events:
        if ev.get("latitude") is None:
            # Put the event where the first known place in its sentence is.
            ev_start, ev_end = ev["evidence"]["start"], ev["evidence"]["end"]
            m = _PLACE_RE.search(body, ev_start, ev_end)
            if m:
                country, admin1, lat, lon = KNOWN_PLACES[m.group(1)]
                ev.update(location=m.group(1), admin1=admin1, latitude=lat, longitude=lon,
                          geo_precision=1)
    rec["events"] = events
    return rec


def check_offsets(rec: dict) -> None:
    """Every item's span (an event's evidence) is its text in the body."""
    body = rec["body"]
    for name in ("entities", "timexes", "places", "figures", "quotes"):
        for item in rec.get(name) or []:
            assert body[item["start"]:item["end"]] == item["text"], (name, item)
    for ev in rec.get("events") or []:
        evd = ev["evidence"]
        assert body[evd["start"]:evd["end"]] == evd["text"], ev


def odd_record() -> dict:
    """A stored article with an id and text that stress routing and escaping."""
    body = "Fighting near Raqqa & Mosul <i>killed</i> 40 civilians on 3 May.\nSecond line."
    start = body.index("Raqqa")
    return {"id": "odd/id with space ünï?x=1#frag", "source": None, "title": 'A <b>"title"</b>',
            "outlet": "Outlet & Co <em>", "published": "2017-05-04", "published_source": "given",
            "body": body, "removed": ["Share this <script>alert(1)</script>"],
            "entities": [], "timexes": [],
            "places": [{"text": "Raqqa", "start": start, "end": start + 5, "name": "Raqqa",
                        "country": "SY", "admin1": "Raqqa", "latitude": 35.953,
                        "longitude": 39.009, "feature": "city", "geonameid": None}],
            "figures": [], "quotes": [],
            "events": [{"event_date": "2017-05-03", "time_precision": 1,
                        "event_type": "Violence against civilians", "sub_event_type": "Attack",
                        "actor1": "Unidentified <armed> group", "actor2": "Civilians (Syria)",
                        "location": "Raqqa", "admin1": "Raqqa", "country": "Syria",
                        "latitude": 35.953, "longitude": 39.009, "geo_precision": 1,
                        "fatalities": 40,
                        "evidence": {"start": 0, "end": body.index("\n"),
                                     "text": body[:body.index("\n")]}}]}


@pytest.fixture(scope="session")
def web_records(example_records) -> list[dict]:
    """The example corpus as the pipeline extracts it, supplemented, plus one odd article."""
    recs = [supplement(r) for r in example_records.values()] + [odd_record()]
    for rec in recs:
        check_offsets(rec)
    return recs


def make_store(path: Path, records: list[dict], story: bool = False) -> Path:
    """A store at ``path`` holding ``records`` (optionally with the story built)."""
    with open_store(path) as store:
        for rec in records:
            store.add(rec)
        if story:
            from dateline.story import build_from_store

            build_from_store(store)
    return path


@pytest.fixture(scope="session")
def web_db(tmp_path_factory, web_records) -> Path:
    """The example store without a built story (the timeline comes from single events)."""
    return make_store(tmp_path_factory.mktemp("web") / "plain.db", web_records)


@pytest.fixture(scope="session")
def story_db(tmp_path_factory, web_records) -> Path:
    """The example store with the story built (timeline, series, conflicts from ``story``)."""
    return make_store(tmp_path_factory.mktemp("web") / "story.db", web_records, story=True)


def client_for(db: Path, resources=None, **kw) -> TestClient:
    return TestClient(create_app(db, resources=resources, build_story=False, **kw),
                      base_url="http://127.0.0.1")


@pytest.fixture(scope="session")
def client(web_db) -> TestClient:
    return client_for(web_db)


@pytest.fixture(scope="session")
def story_client(story_db) -> TestClient:
    return client_for(story_db)


def png_stats(data: bytes, max_rows: int = 480) -> tuple[int, int, int, float]:
    """(width, height, distinct colours, luminance variance) of an 8-bit RGB(A) PNG.

    Decoded with the standard library (no Pillow in the lock file); only the first
    ``max_rows`` rows are sampled, which is plenty to tell a blank page from a drawn one.
    """
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        size, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + size]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", chunk[:10])
            assert depth == 8 and colour in (2, 6), (depth, colour)
            bpp = 4 if colour == 6 else 3
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + size
    raw = zlib.decompress(idat)
    stride = width * bpp
    prev = bytearray(stride)
    colours, total, total_sq, n = set(), 0.0, 0.0, 0
    for row in range(min(height, max_rows)):
        f = raw[row * (stride + 1)]
        line = bytearray(raw[row * (stride + 1) + 1:(row + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b = prev[i]
            c = prev[i - bpp] if i >= bpp else 0
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        prev = line
        if row % 4 == 0:  # every 4th row and pixel is plenty to tell blank from not
            for x in range(0, width, 4):
                px = bytes(line[x * bpp:x * bpp + 3])
                colours.add(px)
                lum = 0.299 * px[0] + 0.587 * px[1] + 0.114 * px[2]
                total += lum
                total_sq += lum * lum
                n += 1
    mean = total / n
    return width, height, len(colours), total_sq / n - mean * mean


@contextlib.contextmanager
def serve_process(db: Path, timeout: float = 90.0, log: Path | None = None):
    """Run ``dateline serve --db DB`` on a free port of 127.0.0.1; yields its base URL.

    Its output goes to ``log`` (a file beside the store by default), never to an unread
    pipe, which would stall a chatty server once the pipe buffer fills.
    """
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    exe = Path(sys.executable).with_name("dateline")
    cmd = [str(exe)] if exe.exists() else [sys.executable, "-c",
                                           "from dateline.cli import main; main()"]
    log = log or Path(db).with_suffix(f".serve-{port}.log")
    base = f"http://127.0.0.1:{port}"
    with open(log, "wb") as out:
        proc = subprocess.Popen(cmd + ["serve", "--db", str(db), "--port", str(port)],
                                stdout=out, stderr=subprocess.STDOUT)
        try:
            deadline = time.monotonic() + timeout
            while True:
                try:
                    if httpx.get(base + "/api/facets", timeout=10).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()
                    pytest.fail("dateline serve did not start: "
                                + log.read_text(errors="replace")[-2000:])
                time.sleep(0.2)
            yield base
        finally:
            proc.terminate()
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
