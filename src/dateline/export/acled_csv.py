"""ACLED CSV: one row per linked event, in ACLED's columns and order, so an analyst can load
our events next to ACLED's own.

Columns follow ACLED's codebook (2023 on): inter1/inter2 are ACLED's numeric actor types
(1 state forces, 2 rebel groups, 3 political militias, 4 identity militias, 5 rioters,
6 protesters, 7 civilians, 8 external/other forces), guessed from the actor's name;
``interaction`` joins the two (lower first; a lone actor gets 0). ``source`` lists every
outlet that reported the event; ``notes`` is the evidence sentence of the first report.
Fatalities follow ACLED: unreported deaths are 0.
"""

from __future__ import annotations

import csv
import io
import math
import re
import time

from ..story import Story
from .common import country_codes, outlet_name

COLUMNS = ("event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
           "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
           "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2",
           "admin3", "location", "latitude", "longitude", "geo_precision", "source", "source_scale",
           "notes", "fatalities", "tags", "timestamp")

# ACLED's regions by ISO 3166-1 alpha-2 (ACLED's regional coverage pages); countries not
# listed fall back to their continent.
_REGIONS = {
    "Middle East": "BH CY IR IQ IL JO KW LB OM PS QA SA SY TR AE YE",
    "Northern Africa": "DZ EG LY MA SD TN EH",
    "Western Africa": "BJ BF CV CI GM GH GN GW LR ML MR NE NG SN SL TG SH",
    "Middle Africa": "AO CM CF TD CG CD GQ GA ST",
    "Eastern Africa": "BI KM DJ ER ET KE MG MW MU YT MZ RE RW SC SO SS TZ UG ZM ZW",
    "Southern Africa": "BW LS NA ZA SZ",
    "South Asia": "AF BD BT IN MV NP PK LK",
    "Southeast Asia": "BN KH TL ID LA MY MM PH SG TH VN",
    "East Asia": "CN HK JP KP KR MN TW MO",
    "Caucasus and Central Asia": "AM AZ GE KZ KG TJ TM UZ",
    "Central America": "BZ CR SV GT HN MX NI PA",
    "Caribbean": "AI AG AW BS BB BM BQ VG KY CU CW DM DO GD GP HT JM MQ MS PR BL KN LC MF VC SX TT TC VI",
    "North America": "CA US GL PM",
}
_REGION_OF = {iso: region for region, codes in _REGIONS.items() for iso in codes.split()}
_CONTINENT_REGION = {"EU": "Europe", "OC": "Oceania", "SA": "South America", "AN": "Antarctica"}

_ACTOR_TYPES = (  # first match wins
    (8, re.compile(r"\b(coalition|united nations|un |nato|peacekeep|international|multinational|"
                   r"private security|contractors?)\b", re.I)),
    (6, re.compile(r"\bprotesters?\b|\bdemonstrators?\b", re.I)),
    (5, re.compile(r"\brioters?\b|\bmob\b", re.I)),
    (7, re.compile(r"\bcivilians?\b|\bresidents?\b|\bvillagers?\b|\bjournalists?\b|\bchildren\b", re.I)),
    (4, re.compile(r"\b(communal|ethnic|clan|tribal|vigilante)\b.*\bmilitia|\bmilitia\b.*\b(communal|"
                   r"ethnic|clan|tribal)\b", re.I)),
    (3, re.compile(r"\bmilitias?\b|\bpopular mobilization\b|\bhashd\b", re.I)),
    (1, re.compile(r"\b(military|army|police|forces|troops|soldiers|government|security|navy|air force|"
                   r"ministry|gendarmerie)\b", re.I)),
)


def actor_type(name: str | None) -> int:
    """ACLED's inter code for an actor name: 0 when there is no actor, 2 (rebel group) for a
    named armed group that matches no other type."""
    if not name:
        return 0
    for code, pattern in _ACTOR_TYPES:
        if pattern.search(name):
            return code
    return 2


def disorder_type(event_type: str | None, sub_event_type: str | None) -> str:
    """ACLED's disorder type for an event type and sub-type."""
    if event_type == "Protests" or (event_type == "Riots" and sub_event_type != "Mob violence"):
        return "Demonstrations"
    if event_type == "Strategic developments":
        return "Strategic developments"
    return "Political violence" if event_type else ""


def rows(story: Story, timestamp: int | None = None) -> list[dict]:
    """The ACLED rows of the story's linked events, as dicts keyed by ``COLUMNS``."""
    stamp = int(time.time()) if timestamp is None else int(timestamp)
    numbers: dict[str, int] = {}
    out = []
    for ev in story.events:
        f = ev.fields
        codes = country_codes(f.get("country"))
        prefix = (codes or {}).get("iso3") or "XXX"
        numbers[prefix] = numbers.get(prefix, 0) + 1
        inter1, inter2 = actor_type(f.get("actor1")), actor_type(f.get("actor2"))
        pair = sorted(x for x in (inter1, inter2) if x)
        interaction = (pair[0] * 10 + pair[1] if len(pair) == 2 else pair[0] * 10) if pair else ""
        region = ""
        if codes:
            region = _REGION_OF.get(codes["iso2"]) or _CONTINENT_REGION.get(codes["continent"] or "", "")
        outlets = []
        for m in ev.members:
            name = outlet_name(story, m["article_id"])
            if name not in outlets:
                outlets.append(name)
        first = ev.members[0] if ev.members else {}
        date = f.get("event_date") or ""
        civ = ev.fields.get("event_type") == "Violence against civilians" or inter2 == 7
        out.append({
            "event_id_cnty": f"{prefix}{numbers[prefix]}", "event_date": date,
            "year": date[:4], "time_precision": f.get("time_precision") or "",
            "disorder_type": disorder_type(f.get("event_type"), f.get("sub_event_type")),
            "event_type": f.get("event_type") or "", "sub_event_type": f.get("sub_event_type") or "",
            "actor1": f.get("actor1") or "", "assoc_actor_1": "", "inter1": inter1 or "",
            "actor2": f.get("actor2") or "", "assoc_actor_2": "", "inter2": inter2 or "",
            "interaction": interaction, "civilian_targeting": "Civilian targeting" if civ else "",
            "iso": (codes or {}).get("isonumeric") or "", "region": region,
            "country": f.get("country") or "", "admin1": f.get("admin1") or "", "admin2": "",
            "admin3": "", "location": f.get("location") or "",
            "latitude": _coord(f.get("latitude")), "longitude": _coord(f.get("longitude")),
            "geo_precision": f.get("geo_precision") or "", "source": "; ".join(outlets),
            "source_scale": "", "notes": " ".join((first.get("evidence_text") or "").split()),
            "fatalities": f.get("fatalities") if isinstance(f.get("fatalities"), int) else 0,
            "tags": "", "timestamp": stamp})
    return out


def _coord(value) -> str:
    return f"{value:.4f}" if isinstance(value, (int, float)) and math.isfinite(value) else ""


def render(story: Story, timestamp: int | None = None) -> str:
    """The story's events as ACLED CSV text (header row first)."""
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows(story, timestamp))
    return buf.getvalue()
