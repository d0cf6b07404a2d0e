"""Read inputs into Articles: .txt, .html, .jsonl (optionally gzipped) files and folders of them.

Everything streams: a folder is walked lazily and a JSON Lines file is read line by line,
so a million-article feed never sits in memory. A bad input yields an ``InputError``
(naming the file, or the file and line, with one line of reason) in place of an Article,
and the caller goes on with the rest.
"""

from __future__ import annotations

import codecs
import gzip
import io
import json
import os
from pathlib import Path
from typing import Iterable, Iterator

from . import errors as E
from .article import Article
from .errors import InputError

MAX_BYTES = 10 * 1024 * 1024  # one article; a 10 MB news story is a dump, not an article
TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_C0_CONTROLS = [c for c in range(32) if c not in (9, 10, 11, 12, 13)]
FIELDS = ("id", "text", "html", "published", "title", "outlet", "url")


def read_inputs(paths: Iterable[str | os.PathLike], max_bytes: int = MAX_BYTES
                ) -> Iterator[Article | InputError]:
    """Yield an Article or an InputError for every input found under ``paths``, lazily."""
    for path in paths:
        path = Path(path)
        if path.is_dir():
            for child in _walk(path):
                yield from _read_file(child, max_bytes)
        elif path.exists():
            yield from _read_file(path, max_bytes, explicit=True)
        else:
            yield InputError(path, "no such file or folder", E.UNREADABLE)


def _walk(folder: Path) -> Iterator[Path]:
    """Files below ``folder`` in a stable order, hidden entries skipped, without listing it all."""
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue
        if entry.is_dir(follow_symlinks=False):
            yield from _walk(Path(entry.path))
        elif entry.is_file() and _kind(Path(entry.path)):
            yield Path(entry.path)


def _kind(path: Path) -> str | None:
    suffixes = [s.lower() for s in path.suffixes[-2:]]
    last = suffixes[-1] if suffixes else ""
    if last == ".gz" and len(suffixes) == 2 and suffixes[0] in JSONL_SUFFIXES:
        return "jsonl.gz"
    if last in JSONL_SUFFIXES:
        return "jsonl"
    if last in HTML_SUFFIXES:
        return "html"
    if last in TEXT_SUFFIXES:
        return "txt"
    return None


def _read_file(path: Path, max_bytes: int, explicit: bool = False):
    kind = _kind(path)
    if kind is None:
        # Named on the command line but of no kind we read: plain text is the best guess
        # only when it decodes as text; anything else is refused by _decode below.
        kind = "txt" if explicit else None
        if kind is None:
            return
    if kind in ("jsonl", "jsonl.gz"):
        yield from read_jsonl(path, max_bytes)
        return
    try:
        size = path.stat().st_size
        if size > max_bytes:
            yield InputError(path, f"file is {size / 2**20:.1f} MiB, over the "
                                   f"{max_bytes / 2**20:.0f} MiB limit for one article", E.TOO_LARGE)
            return
        data = path.read_bytes()
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}", E.UNREADABLE)
        return
    try:
        text = decode(data)
    except InputError as err:
        yield InputError(path, err.reason, err.code)
        return
    if not text.strip():
        yield InputError(path, "empty file (nothing but white space)", E.EMPTY)
        return
    if kind == "html":
        yield Article(source=str(path), html=text)
    else:
        yield Article(source=str(path), raw=text)


def decode(data: bytes) -> str:
    """Bytes to text: BOMs honoured, UTF-8 first, Windows-1252 when it is clearly that.

    Raises InputError(EMPTY/BINARY/ENCODING) with the reason (the source is filled in by
    the caller).
    """
    if not data.strip():
        raise InputError("", "empty file", E.EMPTY)
    for bom, codec in ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"),
                       (codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"),
                       (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            try:
                return _check_text(data.decode(codec))
            except UnicodeDecodeError:
                raise InputError("", f"has a {codec} byte-order mark but does not decode as "
                                     f"{codec}", E.ENCODING) from None
    head = data[:8192]
    if b"\x00" in head:
        raise InputError("", "binary file (NUL bytes), not text", E.BINARY)
    # Text in any 8-bit encoding has almost no C0 control bytes; random or compressed data
    # has one in eight.
    if sum(head.count(bytes([c])) for c in _C0_CONTROLS) > 0.01 * len(head):
        raise InputError("", "binary file (control bytes), not text", E.BINARY)
    try:
        return _check_text(data.decode("utf-8"))
    except UnicodeDecodeError as exc:
        utf8_error = exc
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError("", f"not UTF-8 (bad byte at {utf8_error.start}) nor Windows-1252",
                         E.ENCODING) from None
    return _check_text(text)


def _check_text(text: str) -> str:
    sample = text[:20000]
    if sample:
        controls = sum(1 for ch in sample if ord(ch) < 32 and ch not in "\n\r\t\f\v")
        if controls / len(sample) > 0.01:
            raise InputError("", "binary file (control characters), not text", E.BINARY)
    return text.replace("\x00", "")


def read_jsonl(path: Path, max_bytes: int = MAX_BYTES) -> Iterator[Article | InputError]:
    """One Article per line of a JSON Lines file (gzipped when it ends in .gz), lazily."""
    try:
        raw = gzip.open(path, "rb") if str(path).lower().endswith(".gz") else open(path, "rb")
    except OSError as exc:
        yield InputError(path, f"cannot read: {exc.strerror or exc}", E.UNREADABLE)
        return
    with raw:
        stream = io.BufferedReader(raw) if not isinstance(raw, io.BufferedReader) else raw
        number = 0
        try:
            while True:
                line = stream.readline(max_bytes + 1)
                if not line:
                    break
                number += 1
                where = f"{path} line {number}"
                if len(line) > max_bytes and not line.endswith(b"\n"):
                    # Skip the rest of an over-long line without holding it.
                    while line and not line.endswith(b"\n"):
                        line = stream.readline(1 << 20)
                    yield InputError(where, f"line is over the {max_bytes / 2**20:.0f} MiB limit "
                                            "for one article", E.TOO_LARGE)
                    continue
                if not line.strip():
                    continue
                yield parse_json_line(line, where)
        except (OSError, EOFError, gzip.BadGzipFile) as exc:
            yield InputError(path, f"cannot read past line {number}: {exc}", E.UNREADABLE)


def parse_json_line(line: bytes | str, where: str) -> Article | InputError:
    """One JSON Lines record to an Article, checking every field's type."""
    try:
        text = line.decode("utf-8") if isinstance(line, bytes) else line
        obj = json.loads(text)
    except UnicodeDecodeError as exc:
        return InputError(where, f"not UTF-8 (bad byte at {exc.start})", E.ENCODING)
    except json.JSONDecodeError as exc:
        return InputError(where, f"not valid JSON ({exc.msg} at column {exc.colno})", E.BAD_JSON)
    except RecursionError:
        return InputError(where, "JSON nested too deeply", E.BAD_JSON)
    if not isinstance(obj, dict):
        return InputError(where, f"expected a JSON object, got {type(obj).__name__}", E.BAD_JSON)
    for key in FIELDS:
        value = obj.get(key)
        if value is not None and not isinstance(value, str):
            if key == "id" and isinstance(value, int) and not isinstance(value, bool):
                obj[key] = str(value)
                continue
            return InputError(where, f"field '{key}' must be a string, got "
                                     f"{type(value).__name__}", E.BAD_FIELD)
    text, html = obj.get("text"), obj.get("html")
    if not (text or "").strip() and not (html or "").strip():
        return InputError(where, "no 'text' or 'html' (or only white space)", E.EMPTY)
    if len(obj.get("id") or "") > 200:
        return InputError(where, "field 'id' is longer than 200 characters", E.BAD_FIELD)
    for key in ("title", "outlet", "url", "published"):
        if len(obj.get(key) or "") > 2000:
            return InputError(where, f"field '{key}' is longer than 2000 characters", E.BAD_FIELD)
    return Article(id=obj.get("id") or None, source=obj.get("url") or where.rsplit(" line ", 1)[0],
                   raw=text if (text or "").strip() else None,
                   html=html if not (text or "").strip() else None,
                   title=obj.get("title") or None, outlet=obj.get("outlet") or None,
                   url=obj.get("url") or None, published=obj.get("published") or None)


def count_inputs(paths: Iterable[str | os.PathLike]) -> int:
    """How many inputs ``read_inputs`` will yield (for a progress bar), without decoding them."""
    total = 0
    for path in paths:
        path = Path(path)
        files = _walk(path) if path.is_dir() else [path]
        for f in files:
            kind = _kind(f)
            if kind in ("jsonl", "jsonl.gz"):
                try:
                    opener = gzip.open if kind == "jsonl.gz" else open
                    with opener(f, "rb") as fh:
                        total += sum(chunk.count(b"\n") for chunk in iter(lambda: fh.read(1 << 20), b""))
                except (OSError, EOFError):
                    total += 1
            else:
                total += 1
    return total
