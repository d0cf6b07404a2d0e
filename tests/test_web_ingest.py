"""Ingest from the page: uploads and pasted text run through ``dateline.ingest.ingest`` with
the real pipeline; limits, type checks and per-file errors."""

from __future__ import annotations

import gzip
import json
from urllib.parse import quote

import pytest

from dateline.web.app import Limits
from test_web_fixtures import HOSTILE_TEXT, HOSTILE_TITLE, client_for, make_store
from test_web_pages import assert_no_active_content

ARTICLE = ("Government forces retook the town of Tal Afar on Sunday after a week of fighting, "
           "officials said.\nAt least 20 civilians were killed, the ministry said on Monday.\n")


@pytest.fixture()
def ingest_client(tmp_path, resources):
    """A client over a fresh store, sharing the session's loaded models with the worker."""
    db = make_store(tmp_path / "ingest.db", [])
    return client_for(db, resources=resources,
                      limits=Limits(max_file_bytes=64 * 1024, max_files=5,
                                    max_request_bytes=512 * 1024))


def finish(c, answer) -> dict:
    assert answer.status_code == 202, answer.text
    job = c.app.state.web.jobs.wait(answer.json()["id"], timeout=120)
    assert job["finished"], job
    polled = c.get(answer.json()["url"]).json()
    assert polled["state"] == job["state"]
    return job


def test_web_ingest_uploads_and_pasted_text(ingest_client):
    c = ingest_client
    line = json.dumps({"id": "upl-1", "text": ARTICLE, "title": "Tal Afar retaken",
                       "published": "2017-08-27", "outlet": "Wire"})
    files = [("files", ("story.txt", ARTICLE.encode(), "text/plain")),
             ("files", ("feed.jsonl", (line + "\n").encode(), "application/octet-stream")),
             ("files", ("page.html", b"<html><head><title>Raid</title></head><body><p>"
                        + ARTICLE.replace("Tal Afar", "Hawija").encode() + b"</p></body></html>",
                        "text/html"))]
    job = finish(c, c.post("/api/ingest", files=files,
                           data={"text": ARTICLE.replace("Tal Afar", "Sinjar"),
                                 "title": "Pasted", "published": "2017-09-01"}))
    assert job["state"] == "done" and job["stored"] == 4 and not job["errors"], job
    assert sorted(job["files"]) == ["feed.jsonl", "page.html", "pasted text", "story.txt"]
    rows = c.get("/api/articles").json()["rows"]
    assert {r["title"] for r in rows} >= {"Tal Afar retaken", "Pasted"}
    assert c.get("/api/articles/upl-1").json()["published"] == "2017-08-27"
    sources = {r["source"] for r in c.get("/api/articles").json()["rows"]}
    assert sources <= {"upload: story.txt", "upload: feed.jsonl", "upload: page.html",
                       "upload: pasted text"}, sources
    assert c.get("/api/search", params={"q": "Sinjar"}).json()["total"] == 1
    assert "Tal Afar retaken" in c.get("/").text
    again = finish(c, c.post("/api/ingest", files=files[1:2]))
    assert again["stored"] == 0 and again["duplicates"] == 1


BAD_FILES = [
    ("report.pdf", b"%PDF-1.4 ...", "E109"),
    ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00", "E102"),
    ("nul.html", b"<p>a\x00b</p>", "E102"),
    ("empty.txt", b"   \n", "E101"),
    ("big.txt", b"word " * 20000, "E104"),
    ("feed.jsonl.gz", b"not gzip", "E101"),
    ("noext", b"plain text", "E109"),
]


@pytest.mark.parametrize("name, data, code", BAD_FILES)
def test_web_ingest_refuses_a_bad_file(ingest_client, name, data, code):
    alone = ingest_client.post("/api/ingest", files=[("files", (name, data, "text/plain"))])
    assert alone.status_code == 400
    assert [(e["file"], e["code"]) for e in alone.json()["errors"]] == [(name, code)]


def test_web_ingest_goes_on_past_bad_files(ingest_client):
    c = ingest_client
    good = ("files", ("good.txt", ARTICLE.encode(), "text/plain"))
    bad = [("files", (name, data, "text/plain")) for name, data, _ in BAD_FILES[:4]]
    job = finish(c, c.post("/api/ingest", files=[bad[0], good] + bad[1:]))
    assert job["stored"] == 1
    assert [(e["file"], e["code"]) for e in job["errors"]] == [(n, k) for n, _, k in BAD_FILES[:4]]


def test_web_ingest_reports_bad_lines_per_file(ingest_client):
    c = ingest_client
    feed = (json.dumps({"id": "ok-1", "text": ARTICLE}) + "\n{not json\n"
            + json.dumps({"id": "ok-2", "text": 5}) + "\n").encode()
    gz = gzip.compress((json.dumps({"id": "gz-1", "text": ARTICLE + "More."}) + "\n").encode())
    job = finish(c, c.post("/api/ingest", files=[("files", ("feed.jsonl", feed, "text/plain")),
                                                 ("files", ("more.jsonl.gz", gz, "application/gzip"))]))
    assert job["stored"] == 2
    files = sorted(e["file"] for e in job["errors"])
    assert files == ["feed.jsonl line 2", "feed.jsonl line 3"], job["errors"]
    assert all("dateline-upload-" not in e["file"] for e in job["errors"])


@pytest.mark.parametrize("data, status", [
    ({}, 400), ({"text": "   "}, 400), ({"text": "x", "published": "last week"}, 400),
    ({"text": "y" * (64 * 1024 + 10)}, 400),
])
def test_web_ingest_refuses_empty_or_bad_forms(ingest_client, data, status):
    assert ingest_client.post("/api/ingest", data=data).status_code == status


def test_web_ingest_refuses_oversized_requests(ingest_client):
    files = [("files", (f"f{i}.txt", b"a" * 200_000, "text/plain")) for i in range(3)]
    r = ingest_client.post("/api/ingest", files=files)
    assert r.status_code == 413
    many = [("files", (f"f{i}.txt", ARTICLE.encode(), "text/plain")) for i in range(7)]
    assert ingest_client.post("/api/ingest", files=many).status_code in (400, 413)


def test_web_ingest_form_without_javascript(ingest_client):
    c = ingest_client
    r = c.post("/ingest", data={"text": ARTICLE, "title": "From the form"}, follow_redirects=False)
    assert r.status_code == 303 and r.headers["location"].startswith("/ingest/")
    job_id = r.headers["location"].rsplit("/", 1)[1]
    c.app.state.web.jobs.wait(job_id)
    page = c.get(r.headers["location"])
    assert page.status_code == 200 and "1 stored" in page.text
    assert "From the form" in c.get("/ingest").text or job_id in c.get("/ingest").text
    bad = c.post("/ingest", data={}, follow_redirects=False)
    assert bad.status_code == 400 and "nothing to ingest" in bad.text
    assert c.get("/ingest/ffffffffffff").status_code == 404


def test_web_ingest_hostile_article_is_shown_as_text(ingest_client):
    c = ingest_client
    line = json.dumps({"id": "hostile", "title": HOSTILE_TITLE, "text": HOSTILE_TEXT,
                       "outlet": "<i onmouseover=alert(1)>Evil</i>", "published": "2017-01-02",
                       "url": "javascript:alert(1)"})
    job = finish(c, c.post("/api/ingest", files=[("files", ("h.jsonl", line.encode(), "text/plain"))]))
    assert job["stored"] == 1, job
    rec = c.get("/api/articles/hostile").json()
    assert "onerror" in rec["body"]  # the text is kept as text...
    for url in ("/", "/articles/hostile", "/articles", "/events", "/search?q=pwned",
                "/search?q=onerror", "/ingest"):
        page = c.get(url).text
        assert_no_active_content(page)  # ...and never becomes markup
        assert "<script>window" not in page and "<img src=x" not in page


def test_web_ingest_job_ids_are_not_paths(ingest_client):
    for bad in ("../../etc/passwd", "%2e%2e%2fetc", "abc", "0" * 40):
        assert ingest_client.get(f"/api/ingest/{quote(bad, safe='')}").status_code == 404


def test_web_story_rebuilds_asked_by_readers_pause_between(tmp_path, example_records):
    """While another process ingests, every request finds the story stale again: the server
    rebuilds, then waits a while before the next rebuild instead of rebuilding back to back."""
    from dateline.web.jobs import STORY_PAUSE_MIN, IngestJobs

    db = make_store(tmp_path / "s.db", list(example_records.values()))
    jobs = IngestJobs(str(db))
    jobs.refresh_story()
    jobs._queue.join()
    assert jobs.story_builds == 1, jobs.story_message
    for _ in range(5):  # readers asking again straight away
        jobs.refresh_story()
    jobs._queue.join()
    assert jobs.story_builds == 1
    jobs._story_done -= STORY_PAUSE_MIN + 60 * jobs._story_secs  # as if the pause had passed
    jobs.refresh_story()
    jobs._queue.join()
    assert jobs.story_builds == 2
