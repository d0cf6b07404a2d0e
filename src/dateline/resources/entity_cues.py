"""Word lists and context patterns the entities stage reads around a name.

Written by hand for dateline from English news usage (AP/Reuters conflict copy): the nouns
that introduce or follow a place name ('the village of X', 'X district'), the words that open
headings and bullets, Arabic and South Asian toponym elements ('Jebel', 'Wadi', '-abad'), and
the verbs of speech that mark a person. They are constants, compiled once at import; nothing
here is loaded from disk or changes at run time.
"""

from __future__ import annotations

import re

# Lowercase particles inside names ('Haider al-Abadi', 'Osama bin Laden', 'Nur al-Din').
NAME_PARTICLES = frozenset({"al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "ibn", "bin",
                            "bint", "abu", "de", "del", "della", "der", "di", "da", "du", "dos",
                            "das", "van", "von", "le", "la", "wal", "of", "and", "the"})

# Lowercase nouns that belong to a place name when they follow it ('Tigris river').
FEATURE_WORDS = frozenset({"river", "lake", "sea", "mountains", "mountain", "valley", "bridge",
                           "dam", "mosque", "airport", "airbase", "base", "square", "street",
                           "road", "highway", "camp", "desert", "plain", "plains", "hills",
                           "island", "islands", "gulf", "canal", "strait", "oasis", "crossing",
                           "stadium", "hospital", "university", "palace", "market", "refinery"})

# Words that open headings, bullets and sentences and get glued to the name that follows
# ('Entering Mosul', 'Inside Mosul', '• Heavy airstrikes', 'Hundreds of civilians').
HEADING_WORDS = frozenset({
    "latest", "breaking", "live", "watch", "read", "more", "related", "update", "updated",
    "exclusive", "analysis", "opinion", "photos", "video", "heavy", "fierce", "inside",
    "outside", "entering", "into", "across", "after", "before", "during", "as", "meanwhile",
    "near", "from", "with", "without", "despite", "since", "until", "under", "behind", "beyond",
    "around", "toward", "towards", "hundreds", "thousands", "dozens", "scores", "tens", "some",
    "several", "many", "most", "all", "both", "few", "one", "two", "three", "four", "five",
    "six", "seven", "eight", "nine", "ten", "residents", "fighting", "civilians", "troops",
    "forces", "militants", "fighters", "but", "and", "or", "so", "yet", "then", "now", "today",
    "yesterday", "tomorrow", "when", "where", "while", "if", "what", "why", "how", "who", "his",
    "her", "their", "its", "our", "this", "that", "these", "those", "an", "a", "former", "late",
    "new", "top", "later", "earlier", "also", "still", "only", "even", "just", "again",
    "however", "instead", "there", "here", "once", "soon", "every", "each", "such", "other"})

# Parts of speech that never start a name: a capitalised word of these at a sentence start is
# the sentence's, not the name's ('Later Hendricks said').
NOT_NAME_POS = frozenset({"ADV", "ADP", "SCONJ", "CCONJ", "DET", "PRON", "AUX", "VERB", "PART",
                          "INTJ", "NUM"})

# Capitalised words that end a model span but are not part of the name ('al Shabaab IED').
TRAILING_JUNK = frozenset({"IED", "IEDs", "VBIED", "VBIEDs", "RPG", "RPGs", "AK-47", "AK-47s",
                           "TV", "PHOTO", "PHOTOS", "VIDEO"})

# Words of organisation names: a title before them does not make the span a person.
ORG_WORDS = frozenset({"company", "corporation", "corp", "group", "ministry", "army", "forces",
                       "force", "council", "committee", "agency", "office", "department",
                       "motors", "electric", "bank", "party", "front", "movement", "union",
                       "brigade", "division", "battalion", "regiment", "corps", "police",
                       "command", "service", "services", "news", "network", "times", "post"})

# First words of toponyms in Arabic, Persian, Turkish and Berber regions ('Jebel Ouergha',
# 'Wadi Bani Khalid', 'Ras al-Ain', 'Kafr Nabl', 'Bordj Tahar') and English generic heads.
TOPONYM_HEADS = frozenset({"jebel", "jabal", "jabel", "djebel", "wadi", "oued", "ras", "bir",
                           "ain", "kafr", "deir", "dayr", "tell", "tel", "khan", "qasr", "ksar",
                           "bordj", "borj", "burj", "hay", "souk", "suq", "mount", "lake",
                           "port", "fort", "cape", "camp", "gulf", "sidi", "bab", "qalat",
                           "qala", "kuh", "dasht", "mazar"})
TOPONYM_TAILS = re.compile(r"(?:abad|pur|ville|burg|shahr|kot|stan)$", re.IGNORECASE)

# Nouns that name a place when they follow or introduce a name. GPE: settlements and
# administrative units; LOC: parts of a city, regions, natural features.
PLACE_NOUNS_GPE = ("villages?|towns?|city|cities|provinces?|governorates?|county|counties|"
                   "municipality|municipalities|capital|port|hamlets?|settlements?|"
                   "sub-districts?|subdistricts?|sub-county|subcounty|territory|territories|"
                   "chiefdoms?|chieftaincy|chieftancy|communes?|LGA|local government area|"
                   "woreda|kebele|upazila|tehsil|localit(?:y|ies)|prefecture|"
                   "state|region")
PLACE_NOUNS_LOC = ("neighbou?rhoods?|quarters?|districts?|areas?|suburbs?|outskirts|valley|"
                   "mountains?|desert|plains?|island|sector|side|frontline|front line|"
                   "camp|axis|road|highway|river|hills")

BEFORE_STRONG = re.compile(
    r"\b(?:(" + PLACE_NOUNS_GPE + r")|(" + PLACE_NOUNS_LOC + r")|north|south|east|west|"
    r"northeast|northwest|southeast|southwest|northern|southern|eastern|western|centre|center|"
    r"heart|edge|parts?|residents|people|control|capture|recapture|liberation|fall|siege|"
    r"outskirts|suburbs|streets|side)"
    r" of (?:the )?$", re.IGNORECASE)
AFTER_STRONG = re.compile(
    r"(?:,? (?:a|an|the) (?:[\w\-]+ ){0,3}?(?:(" + PLACE_NOUNS_GPE + r")|(" + PLACE_NOUNS_LOC +
    r"))(?=[\s,.;:)]|$)| (?:(" + PLACE_NOUNS_GPE + r")|(" + PLACE_NOUNS_LOC + r"))\b)")
# A single name used to modify people of the place ('an Alexandria man', 'Mansfield residents').
AFTER_RESIDENT = re.compile(
    r" (?:man|woman|men|women|boy|girl|residents?|natives?|police|policemen|officials?|"
    r"authorities|council|mayor|governor|lawmakers?|villagers|townspeople|-based|based)\b")
# Prepositions of place: 'in X', 'near X', 'outside X'. A person rarely follows them directly.
BEFORE_MEDIUM = re.compile(r"\b(?:in|near|outside|inside|into|toward|towards|around|across|"
                           r"through|throughout|nearby)\s+$", re.IGNORECASE)
# Weaker: 'from X', 'to X', 'at X', 'between X', 'reached X' need a second opinion.
BEFORE_WEAK = re.compile(r"\b(?:from|to|at|between|reached|entered|en route to|and|or|"
                         r"bombed|shelled|attacked|captured|seized|stormed|recaptured|retook|"
                         r"liberated|besieged|overran|raided)\s+(?:the\s+)?$", re.IGNORECASE)
AFTER_PERSON = re.compile(r"(?:,? (?:who|whose)\b|,? (?:said|says|told|added|noted|explained|"
                          r"wrote|stated|claimed|announced|warned|insisted|declared|argued|"
                          r"admitted|denied|confirmed|\(\d+\)|, \d+,))")
ARABIC_ARTICLE = re.compile(r"(?:al|el|Al|El|AL)[-\s]")

# Last words that make a name a facility (OntoNotes FAC: buildings, airports, roads, bridges),
# whatever label the model gave it ('Faruq Street' as LOC, 'Qayyarah Airfield' as ORG).
FACILITY_TAILS = frozenset({"Street", "St.", "Road", "Rd", "Avenue", "Ave", "Boulevard",
                            "Highway", "Bridge", "Square", "Airport", "Airfield", "Airbase",
                            "Base", "Mosque", "Church", "Cathedral", "Shrine", "Prison", "Dam",
                            "Palace", "Stadium", "Tower", "Gate", "Checkpoint", "Crossing",
                            "Refinery", "Compound", "Embassy", "Consulate"})
# The subset that is never an organisation's name ('Orthodox Church', 'Grand Mosque Council').
INFRASTRUCTURE_TAILS = frozenset({"Street", "St.", "Road", "Rd", "Avenue", "Ave", "Boulevard",
                                  "Highway", "Bridge", "Square", "Airport", "Airfield",
                                  "Airbase", "Dam", "Checkpoint", "Crossing", "Stadium",
                                  "Chowk", "Bazaar", "Bazar", "Bypass"})

# Last words that make a multi-word name an organisation or a place whatever label the model
# gave it ('Muttahida Qaumi Movement' and 'Tirah Valley' tagged PERSON). Casefolded; the
# South Asian words are the common heads of party and front names (Morcha, Sangh, Dal...).
ORG_TAILS = frozenset({"movement", "party", "front", "league", "union", "association",
                       "organisation", "organization", "federation", "alliance", "forum",
                       "council", "committee", "congress", "assembly", "society", "group",
                       "brigade", "brigades", "battalion", "army", "militia", "forces",
                       "ministry", "agency", "commission", "network", "coalition", "institute",
                       "foundation", "trust", "parishad", "morcha", "manch", "sangh",
                       "sangathan", "samiti", "dal", "sena", "tehreek", "tehrik", "jamaat",
                       "mahasangh", "mahasabha"})
PLACE_TAILS = {"valley": "LOC", "mountains": "LOC", "hills": "LOC", "river": "LOC",
               "lake": "LOC", "desert": "LOC", "plain": "LOC", "plains": "LOC", "gorge": "LOC",
               "pass": "LOC", "island": "LOC", "islands": "LOC", "coast": "LOC",
               "district": "GPE", "province": "GPE", "governorate": "GPE", "region": "GPE",
               "city": "GPE", "town": "GPE", "village": "GPE", "pradesh": "GPE", "nadu": "GPE",
               "state": "GPE", "county": "GPE", "tehsil": "GPE", "agency": "GPE",
               "square": "FAC", "chowk": "FAC", "bazaar": "FAC", "bazar": "FAC",
               "bypass": "FAC", "road": "FAC", "street": "FAC", "highway": "FAC",
               "bridge": "FAC", "market": "FAC", "airport": "FAC", "camp": "FAC"}
