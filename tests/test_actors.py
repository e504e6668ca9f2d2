"""Tests for framing.actors: the packaged catalog, mention finding, resolution, bad files."""

from __future__ import annotations

import json
import re
import time
from pathlib import Path

import pytest

from framing.actors import ActorCatalog, load_actors, normalize_name, trie_regex
from framing.resources import LexiconError

POLNEAR_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear_dev.jsonl"

SEEDS = Path(__file__).resolve().parent.parent / "seeds"


@pytest.fixture(scope="module")
def cat() -> ActorCatalog:
    return load_actors()


@pytest.mark.parametrize(
    "text, expected",
    [
        ("Russia, Russian, Moscow and the Kremlin", [("Russia", "name"), ("Russia", "demonym"),
                                                     ("Russia", "capital"), ("Russia", "government")]),
        ("J.D. Vance, JD Vance, Vance’s plane and the Vice President",
         [("JD Vance", "alias"), ("JD Vance", "name"), ("JD Vance", "alias"), ("JD Vance", "alias")]),
        ("The Kremlin said", [("Russia", "government")]),
        ("a US-brokered deal in Washington", [("United States", "alias"), ("United States", "capital")]),
        ("Baku and Yerevan, Azerbaijani and Armenian", [("Azerbaijan", "capital"), ("Armenia", "capital"),
                                                         ("Azerbaijan", "demonym"), ("Armenia", "demonym")]),
        ("Tehran, Tbilisi, Ankara, Kyiv, Beijing, Brussels",
         [("Iran", "capital"), ("Georgia", "capital"), ("Turkey", "capital"), ("Ukraine", "capital"),
          ("China", "capital"), ("European Union", "capital")]),
        # longest match first: a place and a project, not the people they are named after
        ("landed at the Heydar Aliyev International Airport", [("Heydar Aliyev International Airport", "name")]),
        ("the “Trump International Peace and Prosperity Route” project", [("TRIPP", "alias")]),
        ("AzerNEWS, APA, Reuters, UNN, Euronews, News.Az, AFP and the IOC",
         [("AzerNEWS", "name"), ("APA", "name"), ("Reuters", "name"), ("UNN", "name"), ("Euronews", "name"),
          ("News.Az", "name"), ("AFP", "name"), ("IOC", "alias")]),
        ("Heraskevych, Valiyeva, Haftko, Tudor, Pashinyan, Aliyev, Trump",
         [("Vladyslav Heraskevych", "alias"), ("Parvana Valiyeva", "alias"), ("Stepan Haftko", "alias"),
          ("Nadira Tudor", "alias"), ("Nikol Pashinyan", "alias"), ("Ilham Aliyev", "alias"),
          ("Donald Trump", "alias")]),
        ("the US State Department and human rights groups; Karabakh refugees",
         [("US State Department", "alias"), ("Armenian human rights groups", "alias"), ("Karabakh refugees", "name")]),
        ("no actors here, only words like russian roulette", []),
    ],
)
def test_find_mentions(cat, text, expected):
    got = [(m.actor, m.via) for m in cat.find_mentions(text)]
    assert got == expected
    for m in cat.find_mentions(text):
        assert text[m.start : m.end] == m.text


def test_mention_kinds_and_attributive(cat):
    ms = cat.find_mentions("Armenian Prime Minister Nikol Pashinyan met Armenian refugees.")
    assert [(m.actor, m.kind, m.attributive) for m in ms] == [
        ("Armenia", "country", True), ("Nikol Pashinyan", "person", False), ("Armenia", "country", False)
    ]


@pytest.mark.parametrize(
    "name, expected",
    [("J.D. Vance", "JD Vance"), ("JD Vance", "JD Vance"), ("Vance", "JD Vance"), ("Mr. Vance", "JD Vance"),
     ("the Vice President", "JD Vance"), ("the Kremlin", "Russia"), ("Moscow", "Russia"), ("Russians", "Russia"),
     ("President Ilham Aliyev", "Ilham Aliyev"), ("Vance’s", "JD Vance"), ("nobody at all", None), ("", None)],
)
def test_resolve(cat, name, expected):
    a = cat.resolve(name)
    assert (a.name if a else None) == expected


def test_actor_records(cat):
    v = cat.get("JD Vance")
    assert v.kind == "person" and v.role == "government" and v.title == "Vice President"
    assert v.country == "United States" and v.gender == "male"
    assert cat.get("Armenian human rights groups").role == "civil_society"
    assert cat.get("Reuters").kind == "media"
    assert cat.get("Russia").capital == "Moscow"
    assert normalize_name("The U.S. State Department") == "u s state department"


def test_seed_mentions(cat):
    text = (SEEDS / "000_67092f7c029130ba.txt").read_text(encoding="utf-8")
    actors = {m.actor for m in cat.find_mentions(text)}
    assert {"JD Vance", "Ilham Aliyev", "Nikol Pashinyan", "Donald Trump", "AzerNEWS", "APA", "Russia",
            "Armenia", "Azerbaijan", "United States", "Iran", "TRIPP"} <= actors


def test_user_file_extends_and_replaces(tmp_path, cat):
    f = tmp_path / "mine.toml"
    f.write_text(
        '[[actor]]\nname = "Jane Roe"\nkind = "person"\nrole = "expert"\naliases = ["Roe"]\n'
        '[[actor]]\nname = "JD Vance"\nkind = "person"\nrole = "political"\naliases = ["Veep"]\n',
        encoding="utf-8",
    )
    ext = load_actors(f)
    assert ext.resolve("Roe").role == "expert"
    assert ext.resolve("Veep").name == "JD Vance" and ext.get("JD Vance").role == "political"
    assert ext.resolve("the Kremlin").name == "Russia"
    only = load_actors(f, extend=False)
    assert only.resolve("the Kremlin") is None and len(only) == 2
    assert cat.get("JD Vance").role == "government"  # the packaged catalog is untouched


@pytest.mark.parametrize(
    "content, problem",
    [
        ('[[actor]]\nname = "X"\nkind = "alien"\n', "line 1: actor 'X': kind 'alien'"),
        ('[[actor]]\nname = "X"\nkind = "person"\n\n[[actor]]\nkind = "person"\n', "line 5: [[actor]] without a 'name'"),
        ('[[actor]]\nname = "X"\nkind = "person"\nrole = "villain"\n', "role 'villain'"),
        ('[[actor]]\nname = "X"\nkind = "person"\nalias = ["Y"]\n', "unknown key 'alias'"),
        ('[[actor]]\nname = "X"\nkind = "person"\naliases = "Y", 3\n', "line 4"),
        ('[[actor]]\nname = "X"\nkind = "person"\naliases = [1, 2]\n', "'aliases' must be a list"),
        ('[[actor]]\nname = "X"\nkind = "person"\ncapital = "Z"\n', "are for kind = 'country'"),
    ],
)
def test_malformed_file(tmp_path, content, problem):
    f = tmp_path / "bad.toml"
    f.write_text(content, encoding="utf-8")
    with pytest.raises(LexiconError) as exc:
        load_actors(f)
    assert "bad.toml" in str(exc.value) and problem in str(exc.value)


def test_missing_file(tmp_path):
    with pytest.raises(LexiconError, match="file not found"):
        load_actors(tmp_path / "nope.toml")


def test_trie_regex_longest_first():
    import re

    rx = re.compile(trie_regex(["Aliyev", "Heydar Aliyev", "Heydar Aliyev Airport", "A"]))
    assert rx.match("Heydar Aliyev Airport").group(0) == "Heydar Aliyev Airport"
    assert rx.match("Heydar Aliyev Center").group(0) == "Heydar Aliyev"


def test_find_mentions_is_linear(cat):
    text = (SEEDS / "004_405047ef60991ccd.txt").read_text(encoding="utf-8") * 150  # ~1 MB
    t0 = time.perf_counter()
    ms = cat.find_mentions(text)
    assert time.perf_counter() - t0 < 5
    assert len(ms) > 1000


def test_find_mentions_rejects_other_types(cat):
    with pytest.raises(TypeError, match="str or a Doc"):
        cat.find_mentions(42)


def test_mentions_of_a_doc_are_matched_once_and_stay_correct():
    from framing.segment import segment

    cat = load_actors()
    doc = segment("JD Vance met Ilham Aliyev in Baku. Vance later flew to Yerevan.")
    first = cat.find_mentions(doc)
    again = cat.find_mentions(doc)
    assert again == first and again is not first  # a new list from the cache
    again.clear()  # mutating the returned list does not change the cached answer
    assert cat.find_mentions(doc) == first
    assert [m.actor for m in first] == [m.actor for m in cat.find_mentions(doc.text)]
    # another Doc with another text is matched on its own
    other = segment("Pashinyan spoke in Yerevan.")
    assert [m.actor for m in cat.find_mentions(other)] == [m.actor for m in cat.find_mentions(other.text)]
    assert "Nikol Pashinyan" in {m.actor for m in cat.find_mentions(other)}


def _plain_pattern(cat: ActorCatalog) -> re.Pattern[str]:
    """The mention pattern without the first-character look-ahead (the reference)."""
    return re.compile(r"(?<![\w.@#])(?:" + trie_regex(cat._forms) + r")(?![\w@]|\.\w)")


def test_aliases_opening_with_any_character_are_found_at_word_boundaries_only():
    """The mention pattern opens with a look-ahead class of the aliases' first characters
    (so the engine skips ahead): characters special in a class, digits and accents work,
    and the matches are those of the plain pattern (left boundary: no word character,
    '.', '@' or '#' before), here and on real news text."""
    from framing.actors import Actor

    cat = ActorCatalog({
        "Org Caret": Actor("Org Caret", "organisation", aliases=("^Caret",)),
        "Org Bracket": Actor("Org Bracket", "organisation", aliases=("]Bracket",)),
        "Org Dash": Actor("Org Dash", "organisation", aliases=("-Dash",)),
        "Org Seven": Actor("Org Seven", "organisation", aliases=("7Group",)),
        "Org Eole": Actor("Org Eole", "organisation", aliases=("Éole",)),
    })
    text = "^Caret met ]Bracket, -Dash and 7Group; Éole too. x^Caret @Éole #7Group .-Dash a]Bracket"
    found = [(m.actor, text[m.start:m.end]) for m in cat.find_mentions(text)]
    assert found == [("Org Caret", "^Caret"), ("Org Bracket", "]Bracket"), ("Org Dash", "-Dash"),
                     ("Org Seven", "7Group"), ("Org Eole", "Éole")]
    assert [(m.start, m.end) for m in cat.find_mentions(text)] == [m.span() for m in _plain_pattern(cat).finditer(text)]
    default = load_actors()
    plain = _plain_pattern(default)
    lines = POLNEAR_DEV.read_text(encoding="utf-8").splitlines()[:40]
    n = 0
    for t in (json.loads(line)["text"] for line in lines):
        spans = [(m.start, m.end) for m in default.find_mentions(t)]
        assert spans == [m.span() for m in plain.finditer(t)]
        n += len(spans)
    assert n > 100
