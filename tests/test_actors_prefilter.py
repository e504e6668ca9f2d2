"""The run-key prefilter of ActorCatalog.find_mentions finds exactly the matches of the plain regex."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

import framing.actors as actors_mod
from framing.actors import Actor, ActorCatalog, load_actors

SEEDS = Path(__file__).resolve().parent.parent / "seeds"
POLNEAR_DEV = Path(__file__).resolve().parents[2] / "shared" / "data" / "polnear_dev.jsonl"

TRICKY = [
    "the U.S. and the U.S.-led coalition; U.S.A. or U.S.S.R.; the U.S.' allies, the US's, the US’s",
    "Vance's plane, Vance’s plane, Vances, JD Vance-era, J.D. Vance, J. D. Vance, J.D.Vance, JD_Vance",
    "pro-Russian, anti-American, Azerbaijani-Armenian, Russia-Ukraine, Nagorno-Karabakh refugees",
    "Washington, D.C. and Washington D.C., News.Az, News.azure, Euronews.com, @Reuters #Reuters .Reuters",
    "The Kremlin; the Kremlin's; theKremlin; the  Kremlin; the\nKremlin; THE KREMLIN; the Élysée, the Elysee",
    "official Baku, officials in Baku, human rights groups, rights groups, rightsgroups, refugees from Karabakh",
    "Armenians, Armenian, Armenia, Armenia2, 2Armenia, Armenia_, Armeni, the Armenian Prime Minister Pashinyan",
    "People's Republic of China, People’s Republic of China, Agence France-Presse, Agence France Presse",
    "Russia",
    "Russia.",
    "(Russia)",
    "“Russia”—Moscow…Tehran",
    "",
]


def _texts() -> list[str]:
    out = list(TRICKY)
    out += [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))]
    if POLNEAR_DEV.is_file():
        out += [json.loads(ln)["text"] for ln in POLNEAR_DEV.read_text(encoding="utf-8").splitlines()[:40]]
    return out


def _fast(cat: ActorCatalog, text: str, start: int, end: int) -> list[tuple[int, int]]:
    return [m.span() for m in cat._matches(text, start, end)]


def _plain(cat: ActorCatalog, text: str, start: int, end: int) -> list[tuple[int, int]]:
    assert cat._regex is not None
    return [m.span() for m in cat._regex.finditer(text, start, end)]


@pytest.fixture()
def always_prefilter(monkeypatch):
    monkeypatch.setattr(actors_mod, "_MIN_PREFILTER_CHARS", 0)


def test_prefilter_is_used():
    assert load_actors()._run_tables is not None


def test_prefilter_equals_regex(always_prefilter):
    cat = load_actors()
    rnd = random.Random(0)
    for text in _texts():
        assert _fast(cat, text, 0, len(text)) == _plain(cat, text, 0, len(text))
        for _ in range(8):  # start/end bounds (a bound may cut a word)
            a = rnd.randrange(len(text) + 1)
            b = rnd.randrange(a, len(text) + 1)
            assert _fast(cat, text, a, b) == _plain(cat, text, a, b), (a, b)
        # every cut of a tricky text
        if len(text) < 200:
            for a in range(len(text) + 1):
                assert _fast(cat, text, a, len(text)) == _plain(cat, text, a, len(text))
                assert _fast(cat, text, 0, a) == _plain(cat, text, 0, a)


def test_prefilter_mentions_equal(always_prefilter, monkeypatch):
    cat = load_actors()
    for text in _texts():
        fast = cat.find_mentions(text)
        with monkeypatch.context() as m:
            m.setattr(cat, "_run_tables", None)
            assert cat.find_mentions(text) == fast


def _catalog(*aliases: str) -> ActorCatalog:
    return ActorCatalog({"Xavier Example": Actor(name="Xavier Example", kind="person", aliases=aliases)})


@pytest.mark.parametrize("alias", ["Élysée Palace", "#hashtag", "@handle", "_under", "'quoted"])
def test_prefilter_falls_back(alias, always_prefilter):
    # a form that does not start with an ASCII letter or digit: the text is scanned
    cat = _catalog(alias, "Xavi")
    assert cat._run_tables is None
    text = f"Xavi met {alias} and Xavier Example. " * 3
    assert _fast(cat, text, 0, len(text)) == _plain(cat, text, 0, len(text))
    assert _fast(cat, text, 0, len(text))


def test_prefilter_user_forms(always_prefilter):
    # forms with characters outside ASCII, digits, periods and hyphens inside
    cat = _catalog("Paşinyan", "G7", "7-Eleven", "A.B.C. group", "X", "x-ray team", "Über Corp")
    assert cat._run_tables is None  # "Über Corp" starts outside ASCII
    cat = _catalog("Paşinyan", "G7", "7-Eleven", "A.B.C. group", "X", "x-ray team", "Uber Corp")
    assert cat._run_tables is not None
    text = (
        "Paşinyan, Paşinyan’s G7 and G7s, 7-Eleven 7-Elevens, A.B.C. group, A.B.C. groups, X, X-ray, "
        "x-ray team, the x-ray teams, Uber Corp, Uber Corporation, Xavier Example, Xavier Examples. "
    )
    for t in (text, text * 5, text.upper(), text.replace(" ", "\n")):
        assert _fast(cat, t, 0, len(t)) == _plain(cat, t, 0, len(t))
    assert len(_fast(cat, text, 0, len(text))) >= 10
