"""The trigger lexicon: labels for event words, overlaps, actor kinds and country words."""

from __future__ import annotations

import pytest

from dateline.resources.triggers import TriggerLexicon

SPEC_LABELS = {
    "Battles": {"Armed clash", "Government regains territory", "Non-state actor overtakes territory"},
    "Explosions/Remote violence": {"Chemical weapon", "Air/drone strike", "Suicide bomb",
                                   "Shelling/artillery/missile attack",
                                   "Remote explosive/landmine/IED", "Grenade"},
    "Violence against civilians": {"Sexual violence", "Attack", "Abduction/forced disappearance"},
    "Protests": {"Peaceful protest", "Protest with intervention", "Excessive force against protesters"},
    "Riots": {"Violent demonstration", "Mob violence"},
    "Strategic developments": {"Agreement", "Arrests", "Change to group/activity",
                               "Disrupted weapons use", "Headquarters or base established",
                               "Looting/property destruction", "Non-violent transfer of territory",
                               "Other"},
}


@pytest.fixture(scope="module")
def lex(resources) -> TriggerLexicon:
    return resources.triggers


def test_triggers_every_row_uses_spec_labels(lex):
    for _, trig in lex.triggers:
        assert trig.sub_event_type in SPEC_LABELS[trig.event_type], trig.pattern
        assert 1 <= trig.weight <= 9


@pytest.mark.parametrize("text, label", [
    ("Warplanes carried out an air-strike on the depot", "Air/drone strike"),
    ("a suicide car bomb went off at the gate", "Suicide bomb"),
    ("mortar rounds landed in the market", "Shelling/artillery/missile attack"),
    ("a roadside bomb hit the patrol", "Remote explosive/landmine/IED"),
    ("a hand grenade was thrown into the bar", "Grenade"),
    ("the army recaptured the town", "Government regains territory"),
    ("a gun battle broke out", "Armed clash"),
    ("gunmen kidnapped two engineers", "Abduction/forced disappearance"),
    ("nurses went on strike over pay", "Peaceful protest"),
    ("residents staged a sit-in outside the council", "Peaceful protest"),
    ("youths went on the rampage", "Violent demonstration"),
    ("a lynch mob beat the suspect", "Mob violence"),
    ("police arrested the organisers", "Arrests"),
    ("the two sides signed a ceasefire agreement", "Agreement"),
    ("soldiers defused the device", "Disrupted weapons use"),
])
def test_triggers_find_label(lex, text, label):
    hits = lex.find(text)
    assert label in {h.trigger.sub_event_type for h in hits}, [h.trigger.pattern for h in hits]


def test_triggers_overlaps_keep_the_heaviest(lex):
    hits = lex.find("A suicide car bomb exploded")
    subs = [h.trigger.sub_event_type for h in hits]
    assert subs[0] == "Suicide bomb"
    assert "Remote explosive/landmine/IED" in subs  # 'exploded' is a separate word


def test_triggers_offsets_index_the_text(lex):
    text = "Ünïcödé — airstrikes pounded Mosul; protesters marched."
    for hit in lex.find(text):
        assert 0 <= hit.start < hit.end <= len(text)
        assert text[hit.start:hit.end].lower() == text[hit.start:hit.end].lower().strip()


@pytest.mark.parametrize("phrase, kind", [
    ("two gendarmes", "police"),
    ("Kenyan troops", "military"),
    ("unidentified gunmen", "unidentified"),
    ("ISIS fighters", "armed"),
    ("angry villagers", "civilians"),
    ("rival party supporters", "crowd"),
    ("demonstrators", "protesters"),
])
def test_triggers_actor_kind(lex, phrase, kind):
    found = lex.actor(phrase)
    assert found is not None and found[0].kind == kind


@pytest.mark.parametrize("text, iso", [
    ("Kenyan forces crossed the border", "KE"),
    ("in northern Nigeria", "NG"),
    ("US troops", "US"),
])
def test_triggers_countries_in(lex, text, iso):
    assert iso in {c for _, c in lex.countries_in(text)}


def test_triggers_pronoun_us_is_not_a_country(lex):
    assert lex.countries_in("they told us about it") == []


def test_triggers_country_name(lex):
    assert lex.country_name("IQ") == "Iraq"
    assert lex.country_name(None) is None
    assert lex.country_name("ZZ") is None


def _find_by_scan(lex, text):
    """The overlap rule written the slow, obvious way."""
    low = text.lower()
    hits = [(m.start(), m.end(), lex._rows[int(m.lastgroup[1:])]) for m in lex._all_re.finditer(low)
            if m.end() > m.start()]
    hits.sort(key=lambda h: (-h[2].weight, -(h[1] - h[0]), h[0]))
    kept = []
    for h in hits:
        if all(h[1] <= k[0] or h[0] >= k[1] for k in kept):
            kept.append(h)
    return sorted((s, e) for s, e, _ in kept)


@pytest.mark.parametrize("text", [
    "Gunmen opened fire and killed two soldiers; an air strike then hit the base, and protesters "
    "marched in protest against the air strikes and the suicide car bomb attack.",
    "clashes " * 50 + "fighting erupted after shelling and shelled positions; bombed, bombing, bomb blast.",
])
def test_triggers_overlaps_resolved_as_a_full_scan_would(lex, text):
    assert [(h.start, h.end) for h in lex.find(text)] == _find_by_scan(lex, text)


def test_triggers_home_countries_of_groups(lex):
    found = lex.homes_in("BNP activists and FARDC soldiers; the ANC, not the anc or Anchorage.")
    assert [iso for _, iso in found] == ["BD", "CD", "ZA"]


def test_triggers_first_demonym_row_is_read(lex):
    # the first row of a data file is its header: a data row there would be lost
    assert lex.countries_in("Iraqi police") == [(0, "IQ")]


def test_triggers_any_in_agrees_with_find(lex):
    for text in ("Rebels attacked the town.", "The weather was fine.", "Police fired tear gas."):
        assert lex.any_in(text) == bool(lex.find(text))
