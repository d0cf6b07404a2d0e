"""Reading inputs: every bad input gives one clear line naming it and the reason, and the rest go on."""

from __future__ import annotations

import gzip
import json

import pytest

from dateline import errors as E
from dateline.errors import InputError
from dateline.inputs import count_inputs, decode, read_inputs


def _one(path):
    items = list(read_inputs([path]))
    assert len(items) == 1, items
    return items[0]


@pytest.mark.parametrize("name,data,code", [
    ("empty.txt", b"", E.EMPTY),
    ("blank.txt", b"  \n\t\n \xc2\xa0\n", E.EMPTY),
    ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), E.BINARY),
    ("controls.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8]) * 50 + b"text", E.BINARY),
    ("bad-encoding.txt", b"Mosul \x81\x8d\x8f\x90\x9d offensive", E.ENCODING),
    ("bad-bom.txt", b"\xef\xbb\xbfMosul \xff\xfe broken", E.ENCODING),
])
def test_inputs_bad_file_is_one_clear_error(tmp_path, name, data, code):
    path = tmp_path / name
    path.write_bytes(data)
    item = _one(path)
    assert isinstance(item, InputError)
    assert item.code == code
    assert str(path) in str(item) and "\n" not in str(item)


@pytest.mark.parametrize("data,expected", [
    ("Mosul, Iraq".encode("utf-16"), "Mosul, Iraq"),
    (b"\xef\xbb\xbfMosul", "Mosul"),
    ("Caf\u00e9 in Erbil \u2013 \u201cquoted\u201d".encode("cp1252"), "Caf\u00e9 in Erbil \u2013 \u201cquoted\u201d"),
    ("\u0627\u0644\u0645\u0648\u0635\u0644 Mosul".encode("utf-8"), "\u0627\u0644\u0645\u0648\u0635\u0644 Mosul"),
])
def test_inputs_decode_known_encodings(data, expected):
    assert decode(data) == expected


def test_inputs_file_over_limit_is_refused_without_reading(tmp_path):
    path = tmp_path / "huge.txt"
    with open(path, "wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB: sparse, nothing is written
    item = _one(path)
    assert isinstance(item, InputError) and item.code == E.TOO_LARGE
    assert "50.0 MiB" in item.reason


def test_inputs_jsonl_bad_lines_do_not_stop_the_good(tmp_path):
    path = tmp_path / "feed.jsonl"
    lines = [json.dumps({"id": "a", "text": "Fighting in Mosul.", "published": "2017-07-01"}),
             "{not json",
             json.dumps({"id": "b", "text": 42}),
             json.dumps(["a", "list"]),
             json.dumps({"id": "c", "text": "   "}),
             "",
             json.dumps({"id": 7, "html": "<p>Clashes in Raqqa.</p>", "url": "https://x.example/7"})]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    items = list(read_inputs([path]))
    kinds = [(type(i).__name__, getattr(i, "code", None)) for i in items]
    assert kinds == [("Article", None), ("InputError", E.BAD_JSON), ("InputError", E.BAD_FIELD),
                     ("InputError", E.BAD_JSON), ("InputError", E.EMPTY), ("Article", None)]
    assert "line 2" in str(items[1]) and str(path) in str(items[1])
    assert items[0].id == "a" and items[0].published == "2017-07-01"
    assert items[-1].id == "7" and items[-1].html and items[-1].source == "https://x.example/7"


def test_inputs_jsonl_gzip_and_folder_walk(tmp_path):
    (tmp_path / "sub").mkdir()
    with gzip.open(tmp_path / "sub" / "feed.jsonl.gz", "wt", encoding="utf-8") as fh:
        fh.write(json.dumps({"id": "g1", "text": "Airstrikes hit Raqqa."}) + "\n")
        fh.write(json.dumps({"id": "g2", "text": "Shelling in Aleppo."}) + "\n")
    (tmp_path / "a.txt").write_text("Headline here\n\nBody text about Mosul.", encoding="utf-8")
    (tmp_path / "b.html").write_text("<html><body><p>x</p></body></html>", encoding="utf-8")
    (tmp_path / "notes.csv").write_text("not an input", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("skipped", encoding="utf-8")
    items = list(read_inputs([tmp_path]))
    assert [getattr(i, "id", None) or i.source.rsplit("/", 1)[-1] for i in items] == \
        ["a.txt", "b.html", "g1", "g2"]
    assert count_inputs([tmp_path]) == 4


def test_inputs_missing_path(tmp_path):
    item = _one(tmp_path / "nope.txt")
    assert isinstance(item, InputError) and item.code == E.UNREADABLE
