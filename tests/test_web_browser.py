"""End to end in headless Chromium: a real ``dateline serve`` process on 127.0.0.1, driven
by Selenium through Debian's chromium-driver (no browser download).

The story page of the example corpus: click an event on the timeline, land on its
evidence in the article view, take a screenshot and check it is not blank. And an
article full of markup, ingested through the running server, must execute nothing.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
import time
from pathlib import Path

import httpx
import pytest

from test_web_fixtures import (HOSTILE_TEXT, HOSTILE_TITLE, make_store, png_stats,  # noqa: F401
                               serve_process, web_records)

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists() or not CHROMEDRIVER.exists(),
                       reason="needs Debian's chromium and chromium-driver "
                              "(apt-get install chromium chromium-driver)"),
]
webdriver = pytest.importorskip("selenium.webdriver", reason="needs selenium (pip install "
                                                             "'dateline[test]')")


@pytest.fixture(scope="module")
def server(tmp_path_factory, web_records):
    """``dateline serve`` on the example store, in its own process; yields its base URL."""
    db = make_store(tmp_path_factory.mktemp("browser") / "example.db", web_records, story=True)
    with serve_process(db) as base:
        yield base


@pytest.fixture(scope="module")
def browser():
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    profile = tempfile.mkdtemp(prefix="dateline-chromium-")
    opts = Options()
    opts.binary_location = str(CHROMIUM)
    for arg in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--window-size=1280,900", f"--user-data-dir={profile}"):
        opts.add_argument(arg)
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=opts)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


@pytest.fixture(scope="module")
def artifacts(tmp_path_factory) -> Path:
    """Where screenshots go: $DATELINE_ARTIFACTS if set (CI can keep them), else a tmp dir."""
    where = os.environ.get("DATELINE_ARTIFACTS")
    path = Path(where) if where else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _wait(predicate, timeout: float = 10.0):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    return predicate()


def _shot(driver, path: Path) -> Path:
    driver.save_screenshot(str(path))
    print(f"\nscreenshot: {path}")
    width, height, colours, variance = png_stats(path.read_bytes())
    assert width >= 800 and height >= 600
    assert colours >= 24 and variance > 100, (colours, variance)  # not a blank page
    return path


def test_web_browser_timeline_click_lands_on_evidence(server, browser, artifacts):
    from selenium.webdriver.common.by import By

    browser.get(server + "/")
    assert browser.title.startswith("Story")
    _shot(browser, artifacts / "story.png")
    links = browser.find_elements(By.CSS_SELECTOR, "a.tl-link")
    assert links, "the timeline shows clickable entries"
    summary = links[0].text
    links[0].click()
    _wait(lambda: "/articles/" in browser.current_url)
    assert browser.current_url.endswith("#hl")
    target = browser.find_element(By.CSS_SELECTOR, ".hl.k-target")
    assert target.is_displayed()
    # the evidence is scrolled into view
    assert browser.execute_script(
        "var r = arguments[0].getBoundingClientRect(); return r.bottom > 0 && r.top < innerHeight;",
        target)
    marked = " ".join(e.text for e in browser.find_elements(By.CSS_SELECTOR, ".hl.k-target"))
    assert summary.split()[0].strip(".,“\"") in marked or marked
    detail = _wait(lambda: browser.find_element(By.ID, "detail-body").text.strip()
                   if "Click a highlighted" not in browser.find_element(By.ID, "detail-body").text
                   else "")
    assert detail, "the panel shows what was extracted from the evidence"
    _shot(browser, artifacts / "evidence.png")


def test_web_browser_click_any_item_shows_its_record(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server + "/articles")
    browser.find_element(By.CSS_SELECTOR, "table.list td a").click()
    _wait(lambda: browser.find_elements(By.CSS_SELECTOR, ".hl"))
    for kind in ("timex", "quote", "figure", "event"):
        spans = browser.find_elements(By.CSS_SELECTOR, f".hl.k-{kind}")
        if not spans:
            continue
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", spans[0])
        spans[0].click()
        panel = _wait(lambda: "Click a highlighted" not in browser.find_element(
            By.ID, "detail-body").text and browser.find_element(By.ID, "detail-body").text)
        assert panel, "the panel shows the clicked item"
        active = browser.find_elements(By.CSS_SELECTOR, ".hl.active")
        shared = set.intersection(*(set(a.get_attribute("data-keys").split()) for a in active))
        assert active and shared & set(spans[0].get_attribute("data-keys").split())


def test_web_browser_events_table_links_to_evidence(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server + "/events?sort=date&order=desc")
    link = browser.find_element(By.CSS_SELECTOR, "a.ev-link")
    link.click()
    _wait(lambda: "/articles/" in browser.current_url)
    assert browser.find_element(By.ID, "hl")
    assert _wait(lambda: browser.find_elements(By.CSS_SELECTOR, ".hl.active"))


def test_web_browser_hostile_article_executes_nothing(server, browser, artifacts):
    from selenium.common.exceptions import NoAlertPresentException
    from selenium.webdriver.common.by import By

    line = json.dumps({"id": "hostile-browser", "title": HOSTILE_TITLE, "text": HOSTILE_TEXT,
                       "published": "2017-01-02", "outlet": "<b onmouseover=alert(1)>x</b>"})
    answer = httpx.post(server + "/api/ingest", files=[("files", ("h.jsonl", line.encode(),
                                                                  "text/plain"))], timeout=60)
    assert answer.status_code == 202, answer.text
    # The server loads its models on this first ingest: allow for a busy machine.
    job, deadline = answer.json(), time.monotonic() + 180
    while not job["finished"] and time.monotonic() < deadline:
        time.sleep(0.3)
        job = httpx.get(server + answer.json()["url"], timeout=30).json()
    assert job["stored"] == 1, job
    headers = httpx.get(server + "/articles/hostile-browser", timeout=30).headers
    assert "script-src 'self'" in headers["content-security-policy"]
    for url in ("/articles/hostile-browser", "/", "/events", "/search?q=onerror"):
        browser.get(server + url)
        time.sleep(0.3)
        with pytest.raises(NoAlertPresentException):
            browser.switch_to.alert.text
        assert browser.title != "pwned"
        assert browser.execute_script("return typeof window.__pwned") == "undefined"
        assert not browser.find_elements(By.CSS_SELECTOR, "main img[src='x'], main svg[onload]")
    browser.get(server + "/articles/hostile-browser")
    body = browser.find_element(By.ID, "body").text
    assert "<script>" in body and "onerror" in body  # shown as text
    for span in browser.find_elements(By.CSS_SELECTOR, ".hl")[:5]:
        browser.execute_script("arguments[0].scrollIntoView({block: 'center'})", span)
        span.click()
    with pytest.raises(NoAlertPresentException):
        browser.switch_to.alert.text
    _shot(browser, artifacts / "hostile.png")


def test_web_browser_ingest_page_shows_progress(server, browser):
    from selenium.webdriver.common.by import By

    browser.get(server + "/ingest")
    browser.find_element(By.NAME, "title").send_keys("Pasted in the browser")
    browser.find_element(By.NAME, "text").send_keys(
        "Fighting resumed in Tal Afar on Monday, officials said. At least 3 soldiers were killed.")
    browser.find_element(By.CSS_SELECTOR, "#ingest-form button[type=submit]").click()
    status = _wait(lambda: "done" in browser.find_element(By.ID, "ingest-status").text
                   and browser.find_element(By.ID, "ingest-status").text, timeout=120)
    assert status and "1 stored" in status
    rows = httpx.get(server + "/api/articles?limit=500", timeout=30).json()["rows"]
    assert "Pasted in the browser" in {r["title"] for r in rows}
