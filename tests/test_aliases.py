"""The alias table: canonical names, case rules, titles, the text scan and ACLED actors.

Phrases here are written for these tests; the actor names follow the ACLED codebook's
conventions, not any coded row.
"""

from __future__ import annotations

import pytest

from dateline.resources.aliases import DATA, AliasTable, fold, read_table


@pytest.fixture(scope="module")
def table(resources) -> AliasTable:
    return resources.aliases


@pytest.mark.parametrize("name, canonical", [
    ("ISIS", "Islamic State"), ("ISIL", "Islamic State"), ("IS", "Islamic State"),
    ("Daesh", "Islamic State"), ("the Islamic State", "Islamic State"),
    ("Islamic State's", "Islamic State"), ("Islamic State in Iraq and Syria", "Islamic State"),
    ("Baghdadi", "Abu Bakr al-Baghdadi"), ("Al-Baghdadi", "Abu Bakr al-Baghdadi"),
    ("U.S.", "United States"), ("US", "United States"), ("America", "United States"),
    ("UN", "United Nations"), ("U.N.", "United Nations"), ("the United Nations", "United Nations"),
    ("U.S-led coalition", "US-led coalition"), ("anti-ISIS coalition", "US-led coalition"),
    ("PMU", "Popular Mobilization Forces"), ("Hashd al-Shaabi", "Popular Mobilization Forces"),
    ("al Shabaab", "al-Shabaab"), ("Al-Shabab", "al-Shabaab"), ("Taleban", "Taliban"),
    ("Iraqi troops", "Iraqi Security Forces"), ("Iraqi army", "Iraqi Security Forces"),
    ("Iraq's military", "Iraqi Security Forces"), ("Iraqi government", "Government of Iraq"),
    ("Nigerian soldiers", "Nigerian Armed Forces"), ("Iraqi", "Iraqis"), ("Kurdish", "Kurds"),
    ("Lt. Gen.", None), ("ice cream", None), ("", None),
])
def test_aliases_canonical(table, name, canonical):
    assert table.canonical(name) == canonical


@pytest.mark.parametrize("name", ["is", "us", "Is", "Us", "un", "who", "ap", "car"])
def test_aliases_acronyms_are_case_sensitive(table, name):
    assert table.canonical(name) is None


@pytest.mark.parametrize("text, expected", [
    ("ISIS and ISIL and Daesh", [("ISIS", "Islamic State"), ("ISIL", "Islamic State"),
                                 ("Daesh", "Islamic State")]),
    ("the U.S.-led coalition struck", [("U.S.-led coalition", "US-led coalition")]),
    ("the anti-ISIS coalition", [("anti-ISIS coalition", "US-led coalition")]),
    ("ISIS-held Mosul", [("ISIS", "Islamic State")]),
    ("Iraqi security forces and Syrian troops", [
        ("Iraqi security forces", "Iraqi Security Forces"), ("Syrian troops", "Syrian Armed Forces")]),
    ("he told us it is so", []),
    ("Iraqi\u00a0forces entered", [("Iraqi\u00a0forces", "Iraqi Security Forces")]),
])
def test_aliases_find_in_text(table, text, expected):
    found = [(text[m.start:m.end], m.canonical) for m in table.find(fold(text))]
    assert found == expected


@pytest.mark.parametrize("text, title, rest", [
    ("Brig. Gen. Tahsin Ibrahim", "Brig. Gen.", "Tahsin Ibrahim"),
    ("Lt.-Gen.\u00a0Stephen\u00a0Townsend", "Lt.-Gen.", "Stephen\u00a0Townsend"),
    ("Maj. Gen. James Jarrard", "Maj. Gen.", "James Jarrard"),
    ("Lieutenant General Raed Shakir Jawdat", "Lieutenant General", "Raed Shakir Jawdat"),
    ("Prime Minister Haider al-Abadi", "Prime Minister", "Haider al-Abadi"),
    ("Staff Maj. Gen. Najm al-Jubouri", "Staff Maj. Gen.", "Najm al-Jubouri"),
    ("John Major", None, "John Major"),
    ("Sheikh Hasina", None, "Sheikh Hasina"),
    ("Brig.", None, "Brig."),
])
def test_aliases_strip_title(table, text, title, rest):
    assert table.strip_title(text) == (title, rest)


@pytest.mark.parametrize("text, only_title", [
    ("Brig", True), ("Lt.-Gen", True), ("Brig. Gen.", True), ("Prime Minister", True),
    ("Ibrahim", False), ("General Motors", False),
])
def test_aliases_is_title(table, text, only_title):
    assert table.is_title(text) is only_title


@pytest.mark.parametrize("phrase, country, date, actor", [
    ("Iraqi troops", None, "2016-11-03", "Military Forces of Iraq (2014-2018)"),
    ("Iraqi security forces", "IQ", "2019-06-01", "Military Forces of Iraq (2018-2020)"),
    ("police", "Iraq", "2017-01-01", "Police Forces of Iraq (2014-2018)"),
    ("ISIS militants", "SY", None, "Islamic State (Syria)"),
    ("ISIS fighters", None, None, "Islamic State (Iraq)"),
    ("Daesh", "Iraq", None, "Islamic State (Iraq)"),
    ("coalition warplanes", "IQ", None, "Global Coalition Against Daesh"),
    ("coalition airstrikes", "YE", None, "Operation Restoring Hope"),
    ("Peshmerga", None, None, "Military Forces of Iraq - Kurdish Regional Government Peshmerga"),
    ("Popular Mobilization Units", None, None, "Popular Mobilization Forces"),
    ("Hashd", None, None, "Popular Mobilization Forces"),
    ("Al Shabaab", "Somalia", None, "Al Shabaab"),
    ("suspected al-Shabaab gunmen", "SO", None, "Al Shabaab"),
    ("Boko Haram", "NG", None, "Boko Haram - Jamaatu Ahli is-Sunnah lid-Dawati wal-Jihad"),
    ("Taliban fighters", "AF", None, "Taliban"),
    ("Nigerian troops", None, "2016-05-01", "Military Forces of Nigeria (2015-2023)"),
    ("US special forces", None, "2016-11-03", "Military Forces of the United States (2009-2017)"),
    ("protesters", "Kenya", None, "Protesters (Kenya)"),
    ("Somali civilians", None, None, "Civilians (Somalia)"),
    ("unidentified gunmen", "NG", None, "Unidentified Armed Group (Nigeria)"),
    ("Kenyan police", None, "2016-03-01", "Police Forces of Kenya (2013-2022)"),
    ("the Pentagon", None, "2018-07-17", "Military Forces of the United States (2017-2021)"),
    ("AMISOM troops", "SO", None, "AMISOM: African Union Mission in Somalia (2007-2022)"),
    ("a pleasant afternoon", None, None, None),
    ("", None, None, None),
])
def test_aliases_actor(table, phrase, country, date, actor):
    assert table.actor(phrase, country, date) == actor


def test_aliases_actor_without_period_table(table):
    # A country with no government periods gets the plain state name, never a made-up period.
    assert table.actor("Chadian soldiers", None, "2016-01-01") == "Military Forces of Chad"


# -- the data files ---------------------------------------------------------------------------

def test_aliases_data_files_name_their_source():
    for name in ("aliases.tsv", "countries.tsv", "titles.txt", "actors.tsv", "regimes.tsv"):
        head = (DATA / name).read_text(encoding="utf-8").splitlines()[0]
        assert head.startswith("#"), name


def test_aliases_rows_are_well_formed(table):
    rows = read_table(DATA / "aliases.tsv")
    assert len(rows) > 300
    for row in rows:
        assert len(row) == 4, row
        assert row[2] in {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}, row
    seen: dict[str, str] = {}
    for alias, canonical, _, _ in rows:
        assert seen.setdefault(alias, canonical) == canonical, f"{alias} has two canonicals"


def test_aliases_actor_rows_name_known_canonicals(table):
    canonicals = {row[1] for row in read_table(DATA / "aliases.tsv")}
    canonicals |= {c.forces for c in table.countries}
    for name, country, actor, *_ in read_table(DATA / "actors.tsv"):
        assert actor
        assert country == "*" or country == "-" or len(country) == 2, name
        if name[:1].isupper():
            assert name in canonicals or name == "United States", name


def test_aliases_regimes_do_not_overlap():
    by_country: dict[str, list] = {}
    for iso, start, end, label in read_table(DATA / "regimes.tsv"):
        by_country.setdefault(iso, []).append((start, end or "9999", label))
    for iso, periods in by_country.items():
        periods.sort()
        for (s1, e1, _), (s2, _, _) in zip(periods, periods[1:]):
            assert e1 <= s2, iso
        assert all(s < e for s, e, _ in periods), iso

