"""Stage entities: repaired spans, labels by context, canonical names, and floors on the seeds.

The hard cases are sentences written for these tests (not gold rows). Entities are not
scored by score.py, so the floors measure them here against the seeds' gold entity clusters
(read at test time from ../shared/eval/gold, never copied): alias recall, label accuracy on
found aliases, and whether the aliases of one real entity get one canonical name, inside an
article and across the five articles.
"""

from __future__ import annotations

import json
import re

import pytest

from conftest import SHARED, needs_scorer
from dateline.article import Article
from dateline.pipeline import Options, run_stages

OWN = ("clean", "published", "sentences", "entities")
LABELS = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}
GOLD = SHARED / "eval" / "gold" / "seeds.json"
CROSS = SHARED / "eval" / "gold" / "seeds_cross_document.json"
ISIS_FORMS = re.compile(r"^(?:the )?(?:ISIS|ISIL|IS|Daesh|Islamic State(?: in Iraq and Syria)?)$",
                        re.IGNORECASE)


def entities_of(text: str, resources, clean: bool = True) -> list:
    art = Article(id="t", raw=text, published="2017-03-01")
    if not clean:  # odd input straight to the stage: clean rightly refuses empty bodies
        art.body = text
    run_stages(art, resources, Options(stages=OWN if clean else ("sentences", "entities")))
    for e in art.entities:
        assert art.body[e.start:e.end] == e.text, e
        assert e.label in LABELS, e
    return art.entities


def found(ents, text):
    return [e for e in ents if e.text == text]


# -- hard cases ---------------------------------------------------------------------------

@pytest.mark.parametrize("text, name, label, canonical", [
    # ranks and titles are not part of the name, and never split it
    ("Brig. Gen. Ahmed Karim told reporters the brigade had advanced.", "Ahmed Karim", "PERSON",
     "Ahmed Karim"),
    ("Maj. Gen. Sarah Collins visited the base. Collins said the push would go on.",
     "Collins", "PERSON", "Sarah Collins"),
    ("Lt.-Gen. Paul Hendricks, the commander, spoke on Monday. Later Hendricks added more.",
     "Hendricks", "PERSON", "Paul Hendricks"),
    ("Interior Ministry spokesman Saad Hassan spoke. The Interior Ministry's Hassan said "
     "the road was open.", "Hassan", "PERSON", "Saad Hassan"),
    ("Prime Minister Haider al-Abadi spoke. Critics said al-Abadi's plan would fail.",
     "al-Abadi", "PERSON", "Haider al-Abadi"),
    # the big actors under one name
    ("ISIL fighters and Daesh supporters fled the town.", "ISIL", "ORG", "Islamic State"),
    ("The Islamic State group claimed the attack.", "Islamic State group", "ORG", "Islamic State"),
    ("Fighters loyal to Baghdadi held the bridge.", "Baghdadi", "PERSON", "Abu Bakr al-Baghdadi"),
    ("Al-Shabab militants attacked a base near Mogadishu.", "Al-Shabab", "ORG", "al-Shabaab"),
    ("The U.S.-led coalition said its jets hit the depot.", "U.S.-led coalition", "ORG",
     "US-led coalition"),
    ("Officials in the U.S. and the U.N. condemned the strike.", "U.N.", "ORG", "United Nations"),
    ("Iraqi troops pushed into the district on Monday.", "Iraqi troops", "ORG",
     "Iraqi Security Forces"),
    ("Iraq's military said the operation was over.", "Iraq's military", "ORG",
     "Iraqi Security Forces"),
    ("Syrian government forces shelled the town.", "Syrian government forces", "ORG",
     "Syrian Armed Forces"),
    ("Fighters of the Popular Mobilisation Units cut the road.", "Popular Mobilisation Units",
     "ORG", "Popular Mobilization Forces"),
    # an acronym the article defines stands for its long form
    ("The Kurdistan Democratic Party (KDP) won. The KDP then formed a cabinet.", "KDP", "ORG",
     "Kurdistan Democratic Party"),
    # places the model reads as people
    ("Gunmen stormed the village of Tall Hamad overnight.", "Tall Hamad", "GPE", "Tall Hamad"),
    ("Troops entered the neighborhood of al Zahraa on Monday.", "al Zahraa", "LOC", "al Zahraa"),
    ("Jets bombed Jebel Marra on Thursday, residents said.", "Jebel Marra", "GPE", "Jebel Marra"),
    ("Clashes broke out in Mbuye and Kasika areas of the territory.", "Kasika", "LOC", "Kasika"),
    ("A Kenosha man was arrested, police said.", "Kenosha", "GPE", "Kenosha"),
    ("The fighters retreated toward Kafr Nabl, activists said.", "Kafr Nabl", "GPE", "Kafr Nabl"),
    # a name's last word says what it is
    ("Protesters gathered at Kalimbi Chowk on Monday.", "Kalimbi Chowk", "FAC", "Kalimbi Chowk"),
    ("Troops moved into the Swat Valley overnight.", "Swat Valley", "LOC", "Swat Valley"),
    ("Supporters of Sikh and Dalit groups marched.", "Dalit", "NORP", "Dalits"),
    # trimmed: leading 'the', possessives, bullets
    ("The 5th Infantry Division reached the river.", "5th Infantry Division", "ORG",
     "5th Infantry Division"),
    ("Haider al-Abadi’s government denied it.", "Haider al-Abadi", "PERSON", "Haider al-Abadi"),
    ("• Reuters reported heavy fighting.", "Reuters", "ORG", "Reuters"),
    ("Snipers fired from the Great Mosque of al-Nuri all day.", "Great Mosque of al-Nuri", "FAC",
     "Great Mosque of al-Nuri"),
])
def test_entities_hard_cases(resources, text, name, label, canonical):
    ents = entities_of(text, resources)
    hits = found(ents, name)
    assert hits, [(e.text, e.label) for e in ents]
    assert hits[-1].label == label
    assert hits[-1].canonical == canonical


@pytest.mark.parametrize("text, not_entities", [
    ("Brig. Gen. Ahmed Karim said so.", {"Brig", "Brig.", "Brig. Gen.", "Brig. Gen. Ahmed Karim"}),
    ("Lt.-Gen. Paul Hendricks said so.", {"Lt.-Gen", "Lt.-Gen.", "Lt.-Gen. Paul Hendricks"}),
    ("Canadian Armed Forces Brig. Gen. Tom Reid spoke.", {"Canadian Armed Forces Brig"}),
    ("Latest developments\n• Heavy airstrikes hit the north, witnesses said\n"
     "Entering Mosul is a breakthrough for the army.\nInside Mosul, few people pray.",
     {"Heavy", "• Heavy", "Entering Mosul", "Inside Mosul"}),
    ("WHAT IS NEXT FOR THE CITY AFTER THE BATTLE", {"IS"}),
    ("He told us that an amnesty was offered to those who is loyal.", {"us", "amnesty", "is"}),
    ("About 5,000 ISIS fighters remain in the city.", {"5,000 ISIS", "5,000"}),
    ("The Sheriff's Office said the deputies would speak.", {"Sheriff", "Office"}),
])
def test_entities_never(resources, text, not_entities):
    texts = {e.text for e in entities_of(text, resources)}
    assert not texts & not_entities, texts


@pytest.mark.parametrize("text", [
    "", " ", "\n\n\n", "•••", "\u200b\u200b", "ISIS", "US", "the", "'s",
    "مقاتلو داعش دخلوا الموصل", "🙂 ISIS 🙂 Mosul", "Brig.", "Lt.-Gen.\u00a0", "al-",
    "Iraqi\u00a0forces\u00a0entered\u00a0Mosul", "A" * 5000, "Gen. Gen. Gen. Gen.",
    "The the The the Islamic State's's", "(KDP) (KDP) ()", "coalition coalition Coalition",
])
def test_entities_odd_input_never_raises(resources, text):
    entities_of(text, resources, clean=False)


def test_entities_coalition_follows_context(resources):
    text = ("ISIS still holds the old town. Coalition warplanes struck the bridge. Forces of an "
            "Iraqi-led coalition advanced, and the coalition said it took the hill.")
    ents = entities_of(text, resources)
    coalitions = [(e.text, e.canonical) for e in ents if "oalition" in e.text]
    assert ("Coalition", "US-led coalition") in coalitions
    assert ("Iraqi-led coalition", "Iraqi-led coalition") in coalitions
    assert coalitions[-1] == ("coalition", "Iraqi-led coalition")


def test_entities_labels_agree_inside_article(resources):
    text = ("Fighting reached Kufra on Monday. Residents of Kufra fled. Kufra was quiet later, "
            "officials in Kufra said.")
    labels = {e.label for e in entities_of(text, resources) if e.text == "Kufra"}
    assert len(labels) == 1 and labels <= {"GPE", "LOC"}


@pytest.mark.xfail(reason="lowercase generic phrases ('Iraqi federal police', 'al Khames bridge') "
                          "are left to the model, which misses them", strict=False)
def test_entities_lowercase_named_things(resources):
    text = "Iraqi federal police crossed the al Khames bridge at dawn."
    texts = {e.text for e in entities_of(text, resources)}
    assert {"Iraqi federal police", "al Khames bridge"} <= texts


# -- the bundled example corpus -------------------------------------------------------------

@pytest.fixture(scope="module")
def example_records(resources):
    """The example corpus through this stage and the ones it needs (not the whole pipeline,
    so the tests here neither wait for nor depend on later stages)."""
    from conftest import EXAMPLE
    from dateline.inputs import read_inputs
    from dateline.pipeline import extract_many

    out = {}
    for art in extract_many(read_inputs([EXAMPLE]), resources, Options(stages=OWN)):
        assert not isinstance(art, Exception), art
        out[art.id] = art.to_record()
    return out


def test_entities_example_offsets_and_labels(example_records):
    for rec in example_records.values():
        body = rec["body"]
        assert rec["entities"], rec["id"]
        for e in rec["entities"]:
            assert body[e["start"]:e["end"]] == e["text"]
            assert e["label"] in LABELS
            assert e["canonical"]
            assert not e["text"].startswith(("the ", "The ", "•"))
            assert not re.search(r"['’]s?$", e["text"]), e
            assert e["text"] not in ("Heavy", "Brig", "Brig.", "Lt.-Gen", "Lt.-Gen.")
            if e["label"] == "PERSON":
                assert not re.search(r"\b(?:Brig|Gen|Lt|Maj)\b", e["text"]), e


def test_entities_example_islamic_state_variants(example_records):
    forms = [e for rec in example_records.values() for e in rec["entities"]
             if ISIS_FORMS.match(e["text"])]
    assert len(forms) > 40
    assert {e["canonical"] for e in forms} == {"Islamic State"}


def test_entities_example_people_and_places(example_records):
    ents = example_records["000_d5daeac9a8ac0b2c"]["entities"]
    by_text = {}
    for e in ents:
        by_text.setdefault(e["text"], []).append(e)
    assert {e["canonical"] for e in by_text["Ibrahim"]} == {"Tahsin Ibrahim"}
    assert {e["label"] for e in by_text["Ibrahim"]} == {"PERSON"}
    assert by_text["Tahsin Ibrahim"][0]["label"] == "PERSON"
    assert {e["label"] for e in by_text["al Intisar"]} <= {"GPE", "LOC"}
    assert {e["label"] for e in by_text["Gogjali"]} <= {"GPE", "LOC"}
    assert {e["canonical"] for e in by_text["Baghdadi"] + by_text["Al-Baghdadi"]} == \
        {"Abu Bakr al-Baghdadi"}
    assert {e["canonical"] for e in by_text["Iraqi forces"]} == {"Iraqi Security Forces"}
    assert {e["canonical"] for e in by_text["US"]} == {"United States"}


def test_entities_example_one_canonical_across_articles(example_records):
    canon: dict[str, set] = {}
    for rec in example_records.values():
        for e in rec["entities"]:
            canon.setdefault(e["text"], set()).add(e["canonical"])
    for text in ("ISIS", "U.S.", "US", "Iraq", "Mosul", "Pentagon", "Peshmerga", "UN",
                 "United Nations", "Haider al-Abadi", "U.S.-led coalition", "anti-ISIS coalition"):
        if text in canon:
            assert len(canon[text]) == 1, (text, canon[text])
    assert canon["U.S."] == canon["US"] == {"United States"}


# -- floors against the seeds' gold clusters ---------------------------------------------------

def _norm(s: str) -> str:
    s = s.replace("\u00a0", " ").replace("\u2019", "'").strip()
    s = re.sub(r"^(?:the|The)\s+", "", s)
    s = re.sub(r"'s?$", "", s)
    return re.sub(r"\s+", " ", s).casefold()


def entity_metrics(gold: list, cross: dict, records: dict, aliases) -> dict:
    """Alias recall, label accuracy and canonical consistency of ``records`` against the
    seeds' gold entities. Gold aliases are compared without their titles (the stage strips
    them on purpose) and only where they occur in the body (bylines and captions are gone)."""
    def forms(alias):
        return {_norm(alias), _norm(aliases.strip_title(alias)[1])}

    total = hit = right = clusters = consistent = 0
    for art in gold:
        rec = records[art["id"]]
        body = _norm(rec["body"])
        by_text: dict[str, list] = {}
        for e in rec["entities"]:
            by_text.setdefault(_norm(e["text"]), []).append(e)
        for cluster in art["entities"]:
            canon = set()
            n = 0
            for alias in cluster["aliases"]:
                keys = [k for k in forms(alias) if k and k in body]
                if not keys:
                    continue
                total += 1
                got = [e for k in keys for e in by_text.get(k, [])]
                if got:
                    hit += 1
                    n += 1
                    right += got[0]["label"] == cluster["type"]
                    canon.update(e["canonical"] for e in got)
            if n >= 2:
                clusters += 1
                consistent += len(canon) == 1
    x_total = x_ok = 0
    for cluster in cross["entity_clusters"]:
        canon = set()
        arts = 0
        for aid, names in cluster["aliases_by_article"].items():
            keys = {k for a in names for k in forms(a)}
            got = {e["canonical"] for e in records[aid]["entities"] if _norm(e["text"]) in keys}
            canon |= got
            arts += bool(got)
        if arts >= 2:
            x_total += 1
            x_ok += len(canon) == 1
    return {"alias_recall": hit / total, "label_acc": right / max(hit, 1),
            "article_consistency": consistent / max(clusters, 1),
            "cross_consistency": x_ok / max(x_total, 1)}


@needs_scorer
def test_entities_floors_on_seeds(example_records, resources):
    gold = json.loads(GOLD.read_text(encoding="utf-8"))
    cross = json.loads(CROSS.read_text(encoding="utf-8"))
    m = entity_metrics(gold, cross, example_records, resources.aliases)
    # measured 2026-11-22: alias_recall 0.872, label_acc 0.981, article_consistency 1.000,
    # cross_consistency 0.941; the floors sit a little below
    assert m["alias_recall"] >= FLOORS["alias_recall"], m
    assert m["label_acc"] >= FLOORS["label_acc"], m
    assert m["article_consistency"] >= FLOORS["article_consistency"], m
    assert m["cross_consistency"] >= FLOORS["cross_consistency"], m


FLOORS = {"alias_recall": 0.84, "label_acc": 0.95, "article_consistency": 0.95,
          "cross_consistency": 0.88}
