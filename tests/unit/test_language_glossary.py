"""The glossary: shipped data, matching in compounds and inflections without false
hits, and organisation folders that add and override words."""

from __future__ import annotations

from pathlib import Path

import pytest

from plans.language.glossary import (
    Glossary,
    GlossaryEntry,
    GlossaryError,
    load_glossary,
)
from plans.settings import get_settings


@pytest.fixture
def sv() -> Glossary:
    return load_glossary("sv", extra_dirs=[])


@pytest.fixture
def en() -> Glossary:
    return load_glossary("en", extra_dirs=[])


def hits(glossary: Glossary, text: str) -> list[str]:
    return [m.text for m in glossary.find(text)]


def entry(glossary: Glossary, term: str) -> GlossaryEntry:
    found = glossary.get(term)
    assert found is not None, f"{term} is not in the glossary"
    return found


def test_shipped_glossaries_are_big_enough(sv: Glossary, en: Glossary) -> None:
    assert len(sv) >= 60
    assert len(en) >= 40


@pytest.mark.parametrize(
    ("term", "plain"),
    [
        ("BVC", "barnavårdscentralen"),
        ("SIP", "en gemensam plan"),
        ("vårdnadshavare", "dina föräldrar"),
        ("insats", "hjälp"),
        ("SoL", "socialtjänstlagen"),
        ("vh", "dina föräldrar"),
    ],
)
def test_shipped_swedish_suggestions(sv: Glossary, term: str, plain: str) -> None:
    assert entry(sv, term).plain == plain


def test_abbreviations_are_marked(sv: Glossary, en: Glossary) -> None:
    assert [entry(sv, t).abbreviation for t in ("BVC", "SoL", "insats")] == [True, True, False]
    assert [entry(en, t).abbreviation for t in ("CAMHS", "safeguarding")] == [True, False]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("BVC-sköterskan ringde.", ["BVC"]),
        ("Vi bokar SIP:en nu.", ["SIP"]),
        ("Vi pratade om insatser.", ["insatser"]),
        ("Insatsen börjar i maj.", ["Insatsen"]),
        ("Vårdnadshavarna kom.", ["Vårdnadshavarna"]),
        ("Det är vårdnadshavares ansvar.", ["vårdnadshavares"]),
        ("Vårdnadshavaren ringde.", ["Vårdnadshavaren"]),
        ("Vh ringde.", ["Vh"]),
        ("Enligt SoL.", ["SoL"]),
        # A compound: only the term is the hit, so a replacement keeps "planen".
        ("Läs insatsplanen.", ["insats"]),
        # Multi-word and longer terms win over the shorter term inside them.
        ("De får ekonomiskt bistånd.", ["ekonomiskt bistånd"]),
        ("Hon är samverkansansvarig.", ["samverkansansvarig"]),
        ("Ärendet aktualiserades i teamet.", ["Ärendet", "aktualiserades"]),
    ],
)
def test_finds_terms_in_compounds_and_inflections(
    sv: Glossary, text: str, expected: list[str]
) -> None:
    assert hits(sv, text) == expected


def test_match_offsets_point_into_the_text(sv: Glossary) -> None:
    text = "Vi träffar BVC-sköterskan."
    [match] = sv.find(text)
    assert (match.start, match.end) == (11, 14)
    assert match.entry.plain == "barnavårdscentralen"


@pytest.mark.parametrize(
    "text",
    [
        "Jag plockade en sippa i skogen.",
        "Solen skiner och vi badar.",
        "Sol och vind hela dagen.",  # "Sol" is the sun, not SoL
        "Hon är insatt i saken.",
        "Vhs-banden ligger i källaren.",  # "vh" only as a word of its own
        "GOSSIP GIRL är en serie.",  # SIP never inside another word
        "Vi tittar på bvc-huset i sip-sap-leken.",  # abbreviations keep their case
    ],
)
def test_no_false_hits_in_ordinary_swedish(sv: Glossary, text: str) -> None:
    assert hits(sv, text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Pass the salt, please.",  # SALT is speech and language therapy
        "The referee blew the whistle.",  # "refer" does not start other English words
        "We had a good reference.",
        "She lives in LAX.",  # LA only as a word of its own
    ],
)
def test_no_false_hits_in_ordinary_english(en: Glossary, text: str) -> None:
    assert hits(en, text) == []


def test_english_inflections(en: Glossary) -> None:
    text = "Two assessments; the GP referred us and CAMHS assessed the guardians."
    assert hits(en, text) == ["assessments", "GP", "referred", "CAMHS", "assessed", "guardians"]


def write_glossary(folder: Path, lang: str, body: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{lang}.toml"
    path.write_text(body, encoding="utf-8")
    return path


ORG_SV = """
[[term]]
term = "BVC"
plain = "Barnhälsan"
abbreviation = true

[[term]]
term = "elevcoach"
plain = "en vuxen på skolan som hjälper dig"
"""


def test_organisation_folder_adds_and_overrides(tmp_path: Path, sv: Glossary) -> None:
    write_glossary(tmp_path / "org", "sv", ORG_SV)
    glossary = load_glossary("sv", extra_dirs=[tmp_path / "org"])
    assert len(glossary) == len(sv) + 1  # BVC replaced, elevcoach added
    assert entry(glossary, "BVC").plain == "Barnhälsan"
    found = {m.text: m.entry.plain for m in glossary.find("BVC och elevcoachen hjälper.")}
    assert found == {"BVC": "Barnhälsan", "elevcoachen": "en vuxen på skolan som hjälper dig"}


def test_later_folder_wins(tmp_path: Path) -> None:
    write_glossary(tmp_path / "region", "sv", ORG_SV)
    write_glossary(
        tmp_path / "kommun",
        "sv",
        '[[term]]\nterm = "BVC"\nplain = "BVC i Umeå"\nabbreviation = true\n',
    )
    glossary = load_glossary("sv", extra_dirs=[tmp_path / "region", tmp_path / "kommun"])
    assert entry(glossary, "BVC").plain == "BVC i Umeå"


def test_folders_default_to_settings(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_glossary(tmp_path / "org", "sv", ORG_SV)
    monkeypatch.setenv("HJULET_GLOSSARY_DIRS", str(tmp_path / "org"))
    get_settings.cache_clear()
    assert load_glossary("sv").get("elevcoach") is not None


def test_folder_without_the_language_is_skipped(tmp_path: Path, en: Glossary) -> None:
    write_glossary(tmp_path / "org", "sv", ORG_SV)
    assert len(load_glossary("en", extra_dirs=[tmp_path / "org"])) == len(en)


def test_broken_file_names_file_and_entry(tmp_path: Path) -> None:
    write_glossary(
        tmp_path / "org", "sv", '[[term]]\nterm = "ok"\nplain = "bra"\n\n[[term]]\nterm = "x"\n'
    )
    with pytest.raises(GlossaryError, match=r"sv\.toml: term number 2: plain"):
        load_glossary("sv", extra_dirs=[tmp_path / "org"], strict=True)


def test_missing_folder_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(GlossaryError, match="does not exist"):
        load_glossary("sv", extra_dirs=[tmp_path / "nowhere"], strict=True)


def test_glossary_built_in_code_uses_the_same_rules() -> None:
    glossary = Glossary("sv", [GlossaryEntry(term="KBT", plain="samtal", abbreviation=True)])
    assert hits(glossary, "KBT-samtal hos kbt") == ["KBT"]
