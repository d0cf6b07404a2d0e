"""A generator of malformed and hostile inputs (made at test time, never committed as blobs).

``make_hostile(folder, n, seed)`` writes ``n`` inputs of many kinds into ``folder`` and
returns their kinds by file name. Good articles are interleaved so the tests can check that
a bad input never costs the good ones around it.
"""

from __future__ import annotations

import codecs
import json
import random
from pathlib import Path

ARTICLE = ("Iraqi forces entered Mosul on Thursday, officials said. \"We will win,\" the general said. "
           "At least 12 people were killed and 3,000 displaced near Tal Afar last week.")
ARABIC = "\u0627\u0644\u0645\u0648\u0635\u0644 \u0647\u064a \u0645\u062f\u064a\u0646\u0629 \u0639\u0631\u0627\u0642\u064a\u0629"


def _article(rng: random.Random) -> str:
    words = ARTICLE.split()
    rng.shuffle(words)
    return f"Report {rng.randrange(10**9)}\n\n{ARTICLE}\n\n" + " ".join(words) + "."


def _kinds(rng: random.Random):
    """(kind, file suffix, bytes) makers; each call makes a new variant."""
    return [
        ("good", ".txt", lambda: _article(rng).encode()),
        ("empty", ".txt", lambda: b""),
        ("whitespace", ".txt", lambda: rng.choice([b" ", b"\n\n\t ", "\u00a0\u2003\n".encode()]) * rng.randrange(1, 50)),
        ("binary", ".txt", lambda: bytes(rng.randrange(256) for _ in range(rng.randrange(10, 2000)))),
        ("nul", ".txt", lambda: _article(rng).encode().replace(b" ", b"\x00", rng.randrange(1, 5))),
        ("bad-utf8", ".txt", lambda: _article(rng).encode() + b"\xc3\x28\xa0\xa1\xe2\x28\xa1\x81\x8d"),
        ("utf16-bom", ".txt", lambda: _article(rng).encode("utf-16")),
        ("cp1252", ".txt", lambda: (_article(rng) + " Caf\u00e9 \u2013 \u201cquoted\u201d").encode("cp1252")),
        ("html-no-body", ".html", lambda: b"<html><head><title>Nothing</title></head></html>"),
        ("html-nested", ".html", lambda: ("<html><body>" + "<div>" * rng.randrange(500, 3000)
                                          + f"<p>{ARTICLE}</p>" + "</div>" * 10 + "</body></html>").encode()),
        ("html-script-only", ".html", lambda: b"<html><head><script>for(;;){}</script><style>body{}</style>"
                                              b"</head><body><script>alert('x')</script></body></html>"),
        ("html-article", ".html", lambda: (f"<html><body><article><h1>Clashes</h1><p>{_article(rng)}</p>"
                                           f"<p>{ARTICLE}</p></article></body></html>").encode()),
        ("jsonl-wrong-types", ".jsonl", lambda: "\n".join(json.dumps(x) for x in [
            {"id": "x", "text": 5}, {"id": ["a"], "text": "t"}, {"text": {"a": 1}}, [1, 2], "str", 3.5,
            {"id": "ok" + str(rng.randrange(10**9)), "text": _article(rng), "published": "not a date"},
            {"id": "pub" + str(rng.randrange(10**9)), "text": _article(rng), "published": 20170711}]).encode()),
        ("jsonl-missing", ".jsonl", lambda: b'{"id": "m1"}\n{}\n{"title": "no text"}\n{"id": "m2", "text": ""}\n'),
        ("jsonl-huge-field", ".jsonl", lambda: json.dumps({"id": "h", "title": "T" * 100_000,
                                                           "text": ARTICLE}).encode()),
        ("jsonl-broken", ".jsonl", lambda: b'{"id": "b1", "text": "unterminated\n{"id":\n\xff\xfe\n'),
        ("quotes-unbalanced", ".txt", lambda: ('He said "this is \u201cnot closed. \u2018And\u2019 "more\u201d '
                                               "' she said \u201d\u201c\" " * rng.randrange(1, 40)).encode()),
        ("quotes-10000", ".txt", lambda: ("\"" * 10_000 + " said the man. " + "\u201c" * 5000).encode()),
        ("numbers-only", ".txt", lambda: " ".join(str(rng.randrange(10**6)) for _ in range(300)).encode()),
        ("dates-only", ".txt", lambda: " ".join(rng.choice(["2017-07-11", "July 4, 2014", "Monday", "last week",
                                                            "12/05/2016", "1999", "Q3 2015", "P2Y"])
                                                for _ in range(200)).encode()),
        ("arabic", ".txt", lambda: (ARABIC + "\n" + ARABIC + " Mosul \u200f" + ARTICLE + " " + ARABIC
                                     + f" {rng.randrange(10**9)}").encode()),
        ("emoji", ".txt", lambda: ("\U0001F4A3\U0001F525 " + ARTICLE + " \U0001F1EE\U0001F1F6\u200d\U0001F469\u200d\U0001F467 "
                                   * rng.randrange(1, 20) + str(rng.randrange(10**9))).encode()),
        ("control-mix", ".txt", lambda: (ARTICLE + "\u202e\u2066" + ARTICLE[::-1] + "\ufffd\ufeff").encode()),
        ("long-line", ".txt", lambda: ("word " * rng.randrange(20_000, 60_000)).encode()),
    ]


def make_hostile(folder: Path, n: int = 1000, seed: int = 7) -> dict[str, str]:
    """Write ``n`` inputs into ``folder``; return {file name: kind}."""
    rng = random.Random(seed)
    kinds = _kinds(rng)
    folder.mkdir(parents=True, exist_ok=True)
    made: dict[str, str] = {}
    # The two very large ones, once each: a 50 MB single line and 100,000 short lines.
    big = folder / "0000-fifty-mb-line.txt"
    with open(big, "wb") as fh:
        chunk = b"x" * (1 << 20)
        for _ in range(50):
            fh.write(chunk)
    made[big.name] = "50mb-line"
    lines = folder / "0001-100k-lines.txt"
    lines.write_bytes(b"".join(f"l{i}\n".encode() for i in range(100_000)))
    made[lines.name] = "100k-lines"
    bad = kinds[1:]
    for i in range(2, n):
        # Every third input is a good article; the others cycle through every bad kind.
        kind, suffix, make = kinds[0] if i % 3 == 0 else bad[(i - i // 3) % len(bad)]
        path = folder / f"{i:04d}-{kind}{suffix}"
        path.write_bytes(make())
        made[path.name] = kind
    return made


def bom(text: str) -> bytes:
    return codecs.BOM_UTF16_LE + text.encode("utf-16-le")
