"""Cleaning: boilerplate and captions to `removed`, headlines to `title`, body sentences kept."""

from __future__ import annotations

import pytest

from conftest import needs_scorer, prepare, score, extract_file, SHARED
from dateline import Article
from dateline.errors import ExtractError
from dateline.pipeline import Options, run_stages
from dateline.resources.boilerplate import line_reason, looks_like_headline, outlet_from_text
from dateline.stages.clean import clean_text

CLEAN_ONLY = Options(stages=("clean", "published"))


@pytest.mark.parametrize("line,reason", [
    ("By Jane Doe and John Smith", "byline"),
    ("By JANE ARRAF, Associated Press", "byline"),
    ("By the end of the week, the city had fallen.", None),
    ("Follow Will on Twitter", "social"),
    ("Follow @reporter on X for updates", "social"),
    ("Send tips to [email\u00a0protected].", "tips"),
    ("All content created by the Example News Foundation, an independent newswire, is available "
     "without charge. All republished articles must include our logo.", "republish"),
    ("Copyright 2017 The Associated Press. All rights reserved.", "republish"),
    ("with files from Reuters", "credit"),
    ("Reporting by Ahmed Rasheed; Editing by Mark Heinrich", "credit"),
    ("Maria Tsvetkova contributed to this report.", "credit"),
    ("No featured image available", "furniture"),
    ("ADVERTISEMENT", "furniture"),
    ("Displaced families wait at a camp near Erbil on June 3. (Jane Doe/Reuters)", "caption"),
    ("A fighter stands guard in Raqqa. Photo: John Smith/AFP/Getty Images", "caption"),
    ("The militant leader speaks in a video posted online. Reuters/Social Media Website via Reuters TV",
     "caption"),
    ("Iraqi forces entered Mosul on Thursday, officials said.", None),
    ("The coalition said it had struck targets near Mosul (a city of 1.5 million).", None),
    ("Reporters were told by officials that the bridge/road was closed.", None),
])
def test_clean_line_reason(line, reason):
    assert line_reason(line) == reason


@pytest.mark.parametrize("line,is_headline", [
    ("Sporadic clashes continue in Mosul after victory declared", True),
    ("US-Backed Iraqi Forces Drive ISIS Out Of Mountain Hideout", True),
    ("Iraqi forces entered ISIS-held Mosul on Thursday, officials said.", False),
    ("• Heavy airstrikes targeted northern Mosul", False),
    ("Mosul", False),
])
def test_clean_looks_like_headline(line, is_headline):
    assert looks_like_headline(line) is is_headline


def test_clean_section_label_title_and_footer():
    text = ("World News\n\nRebels Seize Town In Northern Province\n\n"
            "Rebels seized the town of Example on Monday, officials said.\n\n"
            "Follow Ann on Twitter\n\nwith files from Reuters\n")
    body, removed, title = clean_text(text)
    assert title == "Rebels Seize Town In Northern Province"
    assert body == "Rebels seized the town of Example on Monday, officials said."
    assert removed == ["World News", "Follow Ann on Twitter", "with files from Reuters"]


def test_clean_repeated_lead_keeps_the_article_copy():
    lead = "Clashes continued on Tuesday in the city, even after the prime minister declared a \"total victory\"."
    teaser = lead.replace('"', "'")
    body, removed, _ = clean_text(f"A Headline Here\n\n{teaser}\n\nA deck line.\n\n{lead}\n\nMore text follows here.")
    assert removed == [teaser]
    assert lead in body and body.index("A deck line.") < body.index(lead)


def test_clean_a_text_of_only_captions_is_kept():
    text = ("Ozark police cordoned off the dealership on Monday. (Dean Curtis / News-Leader) "
            "A patrol car blocks the entrance Monday. (Dean Curtis / News-Leader)")
    body, removed, title = clean_text(text)
    assert body == text and removed == []


def test_clean_no_headline_when_text_starts_with_prose():
    text = "Iraqi forces entered the city on Thursday, officials said.\nMore text."
    body, removed, title = clean_text(text)
    assert title is None and body == text and removed == []


def test_clean_outlet_from_text():
    assert outlet_from_text("x", ["All content created by the Daily Caller News Foundation, an "
                                  "independent and nonpartisan newswire service, is available"]) \
        == "Daily Caller News Foundation"
    assert outlet_from_text("NAIROBI, Kenya (AP) _ Bombs exploded.", []) == "Associated Press"
    body = "He told CNN. She told CNN. They told CNN that it was over. A source told the AP."
    assert outlet_from_text(body, []) == "CNN"
    assert outlet_from_text("Officials told the AP. Others told the Associated Press.", []) is None


def test_clean_html_article(resources):
    html = ("<html><head><title>Fighting in Mosul | Example News</title>"
            "<meta property='og:site_name' content='Example News'>"
            "<meta property='article:published_time' content='2017-07-11T10:00:00Z'></head><body>"
            "<nav>Home | World | Sport</nav><article><h1>Fighting in Mosul</h1>"
            + "".join(f"<p>Paragraph {i}: Iraqi forces advanced on the Old City of Mosul on Tuesday, "
                      "an officer said, as civilians fled the fighting.</p>" for i in range(6))
            + "</article><footer>Copyright Example News</footer></body></html>")
    art = run_stages(Article(html=html, source="page.html"), resources, CLEAN_ONLY)
    assert art.title == "Fighting in Mosul"
    assert art.outlet == "Example News"
    assert art.published == "2017-07-11" and art.published_source == "metadata"
    assert "Paragraph 5" in art.body and "Home | World" not in art.body


@pytest.mark.parametrize("html", [
    "<html><body></body></html>",
    "<html><head><script>var x = 1;</script><style>p{}</style></head><body><script>alert(1)</script></body></html>",
    "<html><body><nav><a href='/'>Home</a></nav></body></html>",
])
def test_clean_html_without_article_is_an_error(resources, html):
    with pytest.raises(ExtractError) as info:
        run_stages(Article(html=html, source="empty.html"), resources, CLEAN_ONLY)
    assert "empty.html" in str(info.value) and info.value.code == "E105"


@needs_scorer
def test_clean_seed_floors(tmp_path, resources):
    """Every boilerplate and caption line of the seeds removed, titles right, dates untouched."""
    path = prepare("seeds", None, tmp_path, "--published")
    records = extract_file(path, resources, Options(stages=("clean", "published")))
    metrics = score("seeds", SHARED / "eval" / "gold" / "seeds.json", records, tmp_path)
    assert metrics["boilerplate_removed"] >= 1.0
    assert metrics["title_exact"] >= 1.0
    assert metrics["published_acc"] == 1.0


@needs_scorer
def test_clean_keeps_every_body_sentence(tmp_path, resources):
    """No gold timex, figure or quote of the seeds (all body text) is lost by cleaning."""
    import json

    gold = json.loads((SHARED / "eval" / "gold" / "seeds.json").read_text(encoding="utf-8"))
    path = prepare("seeds", None, tmp_path, "--published")
    records = {r["id"]: r for r in extract_file(path, resources, Options(stages=("clean",)))}
    lost = []
    for article in gold:
        body = records[article["id"]]["body"]
        for kind in ("timexes", "figures", "quotes"):
            for item in article.get(kind, []):
                if item.get("zone", "body") == "body" and item["text"] not in body:
                    lost.append((article["id"], kind, item["text"]))
    assert lost == []


def test_clean_cp1252_read_as_latin1():
    # a feed that decoded cp1252 as Latin-1 leaves C1 controls where the quotes were
    body, _, _ = clean_text("Gunmen attacked Benghazi\x92s hospital, \x93witnesses\x94 said \x96 police.",
                            want_title=False)
    assert body == "Gunmen attacked Benghazi\u2019s hospital, \u201cwitnesses\u201d said \u2013 police."


def test_clean_mac_roman_no_break_space():
    body, _, _ = clean_text("Employees staged a\u00caprotest\u00cademonstration in \u00c9TAT \u00caTRE.",
                            want_title=False)
    assert body == "Employees staged a protest demonstration in \u00c9TAT \u00caTRE."
