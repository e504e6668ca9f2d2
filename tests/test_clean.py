"""Cleaning: boilerplate removed with an audit trail, metadata moved, genre and language flagged."""

from __future__ import annotations

import json
import time
from pathlib import Path

import pytest

from framing.analyze import analyze, make_doc
from framing.clean import clean, load_rules
from framing.corpus import Article, load_corpus
from framing.resources import LexiconError

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear_dev.jsonl"


def _seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


# (seed, boilerplate line that must be gone, the rule expected in the audit trail)
BOILERPLATE = [
    ("001", "photo: Euronews.com", "photo_credit"),
    ("001", "Share on social media", "share_widget"),
    ("002", "Wide Pickt banner — collaborative shopping lists app for Telegram, phone mockup with grocery list", "advertising"),
    ("002", "Pickt after-article banner — collaborative shopping lists app with family illustration", "advertising"),
    ("002", "US VP Vance Signs Strategic Pact with Azerbaijan", "alternate_headline"),
    ("003", "date 2026-02-10 $43.030.02", "page_header"),
    ("003", "Kyiv • UNN", "dateline"),
    ("003", "•\u00a0134\u00a0views", "view_counter"),
    ("003", "Photo: Reuters", "photo_credit"),
    ("003", "Georgia \"patiently\" awaits restoration of relations with US after Vance ignored Tbilisi - AFP10.02.26, 20:14 • 2802 views", "related_teaser"),
    ("003", "US to allocate $9 billion for Armenia's nuclear energy development to reduce its dependence on Russia10.02.26, 03:41 • 4142 views", "related_teaser"),
    ("003", "Does not consider the IOC ban justified: Heraskevych stated that he will not give up the \"helmet of memory\" at the 2026 Olympics", "unrelated_teaser"),
    ("003", "PoliticsNews of the World", "section_tags"),
    ("003", "Stepan Haftko", "byline"),
    ("004", "date 2026-02-11 + ↺ − 16 px", "page_header"),
]


@pytest.mark.parametrize("seed, line, rule", BOILERPLATE)
def test_seed_boilerplate_removed_and_audited(seed, line, rule):
    raw = _seed(seed)
    assert line in raw
    res = clean(raw)
    assert line not in res.text
    hits = [r for r in res.removed if r.text == line]
    assert hits and hits[0].rule == rule
    # the audit trail's offsets point at the removed text in the raw file
    assert raw[hits[0].start : hits[0].end] == line


def test_repeated_headline_removed_once_kept_once():
    raw = _seed("003")
    head = "US and Azerbaijan signed a strategic partnership agreement during J.D. Vance's visit"
    assert raw.count(head) == 2
    res = clean(raw)
    assert res.text.count(head) == 1 and res.text.startswith(head)
    assert [r.rule for r in res.removed if r.text == head] == ["repeated_headline"]


# hand-picked sentences of real content that must survive cleaning
KEPT = [
    ("000", "Russia traditionally views the South Caucasus as its sphere of influence, but its influence in the region has weakened due to its invasion of Ukraine."),
    ("001", "Vance announced plans to send Azerbaijan new patrol boats to help protect its territorial waters."),
    ("001", "“Azerbaijan today provides energy security with its natural gas resources to 16 countries, 11 of them are NATO members, allies of the United States,” Aliyev said."),
    ("002", "Over 20 Armenian human rights groups sent an open letter urging Vance to help secure the release of detainees, and Karabakh refugees rallied in Yerevan with similar demands."),
    ("002", "  • Link Azerbaijan with its Nakhchivan exclave".strip()),
    ("003", "We will strengthen our strategic partnership with Azerbaijan"),
    ("003", "— Trump noted earlier, emphasizing the importance of the Caucasus for American interests."),
    ("003", "Thanks to the implementation of new logistics routes, Azerbaijan is strengthening its role as a key hub between Asia and Europe."),
    ("004", "Digital transformation and AI are emerging as key pillars of economic cooperation."),
]


@pytest.mark.parametrize("seed, sentence", KEPT)
def test_real_content_kept(seed, sentence):
    assert sentence in _seed(seed)
    assert sentence in clean(_seed(seed)).text


def test_every_body_line_of_the_seeds_is_kept_or_audited():
    for path in SEEDS.glob("*.txt"):
        raw = path.read_text(encoding="utf-8")
        res = clean(raw)
        removed = {r.text for r in res.removed}
        for line in raw.splitlines():
            line = line.strip()
            if line:
                assert line in res.text or line in removed, (path.name, line)


def test_metadata_moved_out_of_the_body():
    res = clean(_seed("003"))
    assert res.meta["place"] == "Kyiv" and res.meta["agency"] == "UNN"
    assert res.meta["author"] == "Stepan Haftko"
    assert res.meta["date"] == "2026-02-10"
    assert "Reuters" in res.meta["photo_credits"]
    res4 = clean(_seed("004"))
    assert res4.meta["note"].startswith("Parvana Valiyeva is a member of the Parliament of Azerbaijan")
    assert "Editor’s note" not in res4.text


def test_opinion_piece_flagged_and_news_not():
    genres = {p.name[:3]: clean(p.read_text(encoding="utf-8")).meta["genre"] for p in SEEDS.glob("*.txt")}
    assert genres == {"000": "news", "001": "news", "002": "news", "003": "news", "004": "opinion"}


def test_republished_article_flagged():
    res = clean(_seed("001"))
    assert res.meta["republished"] is True
    assert "republishes the article" in res.meta["republished_evidence"]
    assert clean(_seed("003")).meta["republished"] is False


def test_non_english_headline_flagged():
    corpus = load_corpus(SEEDS)
    doc, _ = make_doc(corpus["000_67092f7c029130ba"])
    (s, e, lang), *_ = doc.foreign_spans
    assert lang == "zh" and doc.text[s:e].startswith("万斯访问阿塞拜疆")
    assert doc.sentences[0].position == "headline"
    # the English part of the headline is not inside the flagged span
    assert "Vance visits Azerbaijan" not in doc.text[s:e]


def test_offsets_map_back_to_the_raw_text():
    corpus = load_corpus(SEEDS)
    for art in corpus:
        doc, _ = make_doc(art)
        for sent in doc.sentences:
            a, b = doc.to_raw(sent.start), doc.to_raw(sent.end)
            assert art.text[a:b] == doc.text[sent.start : sent.end]


def test_polnear_boilerplate():
    if not POLNEAR_DEV.exists():
        pytest.skip("shared data not present")
    a = analyze(load_corpus(POLNEAR_DEV))
    rules = a.removed.groupby("rule")["text"].apply(list).to_dict()
    assert "Read the rest here." in rules["read_more"]
    assert any(t.startswith("AWR Hawkins is the Second Amendment columnist") for t in rules["author_bio"])
    assert any("Reporting by Valerie Volcovici" in t for t in rules["reporting_credit"])
    assert "FULL TEXT." in rules["archive_marker"]
    # headlines are headlines, not repeats of themselves
    assert "repeated_headline" not in rules
    assert (a.sentences["position"] == "headline").sum() >= 80
    # a sentence that mentions advertising is prose, not an ad banner
    assert not any("campaign advertisement" in t for t in a.removed["text"])
    # cleaning keeps almost everything: at most 5% of words removed overall
    assert a.articles["words"].sum() >= 0.95 * a.articles["words_raw"].sum()


def test_one_megabyte_line_in_bounded_time():
    text = "word " * 200_000
    t0 = time.perf_counter()
    res = clean(text)
    doc, _ = make_doc(Article(id="long", text=text, source="<memory>"))
    elapsed = time.perf_counter() - t0
    assert res.text == text.strip()
    assert len(doc.sentences) == 1
    assert elapsed < 20, elapsed  # generous: linear time, not quadratic


def test_user_rules_extend_and_errors_name_the_file(tmp_path):
    good = tmp_path / "rules.toml"
    good.write_text(
        '[[rule]]\nname = "newsletter_plug"\npattern = \'\'\'^Sign up for The Daily Brief\'\'\'\n', encoding="utf-8"
    )
    rules = load_rules(good)
    res = clean("Headline here\n\nThe minister said the talks were useful.\nSign up for The Daily Brief today", rules=rules)
    assert [r.rule for r in res.removed] == ["newsletter_plug"]
    bad = tmp_path / "bad.toml"
    bad.write_text('[[rule]]\nname = "broken"\npattern = "([unclosed"\n', encoding="utf-8")
    with pytest.raises(LexiconError, match=r"bad\.toml: rule 'broken'.*bad regular expression"):
        load_rules(bad)
    syntax = tmp_path / "syntax.toml"
    syntax.write_text("[[rule]\nname=\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"syntax\.toml: .*line 1"):
        load_rules(syntax)
    wrong = tmp_path / "wrong.toml"
    wrong.write_text('[[rule]]\nname = "x"\npattern = "y"\naction = "explode"\n', encoding="utf-8")
    with pytest.raises(LexiconError, match="action 'explode' is not one of"):
        load_rules(wrong)


def test_cli_corpus_summary(capsys):
    from framing.cli import main

    assert main(["corpus"]) == 0
    out = capsys.readouterr().out
    assert "004_405047ef60991ccd" in out and "opinion" in out and "News.Az" in out
    assert "read 5: loaded 5, skipped 0" in out
    assert main(["corpus", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["read"] == data["loaded"] + len(data["skipped"]) == 5
    row = {r["article_id"]: r for r in data["articles"]}["000_67092f7c029130ba"]
    assert row["foreign_languages"] == "zh"


def test_cli_bad_path_and_strict(tmp_path, capsys):
    from framing.cli import main

    assert main(["corpus", str(tmp_path / "missing")]) == 1
    assert "no such file or folder" in capsys.readouterr().err
    (tmp_path / "ok.txt").write_text("The minister said the talks were useful and long.", encoding="utf-8")
    (tmp_path / "empty.txt").write_text("", encoding="utf-8")
    assert main(["corpus", str(tmp_path)]) == 0
    err = capsys.readouterr().err
    assert "empty.txt: empty file" in err
    assert main(["corpus", str(tmp_path), "--strict"]) == 1
    with pytest.raises(SystemExit) as exc:
        main(["corpus", "--no-such-option"])
    assert exc.value.code == 2


# --- the fast paths of clean() agree with the plain definitions they replace ---

WORD_COUNT_TEXTS = [
    "U.S. officials met in Baku.",
    "east-west corridor, Vance’s visit, rock'n'roll",
    "a..b a--b .a a. 'a' ‘quoted’ “double”",
    "snake_case and __dunder__ names",
    "über-café in İstanbul; ſtrange Kelvin \u212a",
    "万斯访问阿塞拜疆 Vance visits Azerbaijan",
    "date 2026-02-10 $43.030.02 • 134\u00a0views 10.02.26, 20:14",
    "— … »« ©",
    "line one\n\n  line two  \r\n\tline three.\n",
]


@pytest.mark.parametrize("text", WORD_COUNT_TEXTS)
def test_word_counts_match_word_re(text):
    from framing.segment import WORD_RE

    res = clean(text)
    assert res.meta["words_before"] == len(WORD_RE.findall(text))
    assert res.meta["words_after"] == len(WORD_RE.findall(res.text))


def test_word_counts_match_word_re_on_real_text():
    from framing.segment import WORD_RE

    texts = [p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")]
    if POLNEAR_DEV.exists():
        texts += [a.text for a in load_corpus(POLNEAR_DEV)]
    for text in texts:
        res = clean(text)
        assert res.meta["words_before"] == len(WORD_RE.findall(text))
        assert res.meta["words_after"] == len(WORD_RE.findall(res.text))


def test_rule_prefilters_never_hide_a_match():
    import importlib

    mod = importlib.import_module("framing.clean")  # the module, not the function
    lines = [ln.strip() for p in SEEDS.glob("*.txt") for ln in p.read_text(encoding="utf-8").splitlines()]
    lines += [line for line, _ in PREFILTER_LINES]
    checked = 0
    for rule in load_rules():
        pre = mod._prefilter(rule.pattern)
        if pre is None:
            continue
        for line in lines:
            m = rule.pattern.search(line)
            if m:
                first = pre.search(line)
                assert first is not None and first.start() <= m.start(), (rule.name, line)
                checked += 1
    assert checked >= 3


# lines a rule with a prefilter must still catch (and prose it must leave alone)
PREFILTER_LINES = [
    ("Georgia awaits restoration of relations with US - AFP10.02.26, 20:14 • 2802 views", "related_teaser"),
    ("Armenia's nuclear energy plans • 4142 views", "related_teaser"),
    ("+ ↺ − 16 px", "font_size_widget"),
    ("The minister spoke for 16 minutes at 10:30 in Baku on Tuesday.", None),
]


@pytest.mark.parametrize("line, rule", PREFILTER_LINES)
def test_prefiltered_rules_still_match(line, rule):
    text = f"The minister said the talks in Baku were useful and long.\n{line}\nThe talks went on into the night, officials said."
    res = clean(text)
    assert [r.rule for r in res.removed if r.text == line] == ([rule] if rule else [])


def test_prefilter_built_only_where_sound():
    import importlib
    import re

    mod = importlib.import_module("framing.clean")
    assert mod._prefilter(re.compile(r"\d+ comments")).pattern.startswith("[")
    assert mod._prefilter(re.compile(r"(?:[•|]\s*)?\d+ views")) is not None
    for pat in (r"(?i)comments", r"^\d+ comments", r"x*", r"(?:a|b?)c?", r".+ views", r"[^a]+b", r"(?P<q>a?)(?P=q)b"):
        assert mod._prefilter(re.compile(pat)) is None, pat


@pytest.mark.parametrize(
    "sentence, flagged",
    [
        ("This article was originally published in Foreign Policy.", True),
        ("The story first published on Monday by the agency is below.", True),
        ("Cross-posted from the author's blog.", True),
        ("REPRINTED WITH PERMISSION.", True),
        ("The outlet Re-Published the interview in full.", True),
        ("The newspaper REPUBLİSHED the interview in full.", True),  # dotted capital I
        ("The ministry published a report on the talks.", False),
        ("He posted a photo originally taken in Baku.", False),
    ],
)
def test_republication_phrases(sentence, flagged):
    text = f"Talks in Baku\n\nThe minister said the talks in Baku were useful and long.\n{sentence}"
    assert clean(text).meta["republished"] is flagged


def test_user_rules_unanchored_and_as_a_list(tmp_path):
    path = tmp_path / "rules.toml"
    path.write_text('[[rule]]\nname = "comment_count"\npattern = \'\'\'\\d+ comments$\'\'\'\nmax_words = 4\n', encoding="utf-8")
    rules = load_rules(path)
    text = "The minister said the talks in Baku were useful and long.\nJoin the 12 comments\nMore talks follow, officials said."
    for given in (rules, list(rules)):
        res = clean(text, rules=given)
        assert [(r.rule, r.text) for r in res.removed] == [("comment_count", "Join the 12 comments")]


def test_republication_prefilter_keys_cover_the_regex():
    import importlib

    mod = importlib.import_module("framing.clean")
    # every key holds a hint, and every alternative of the regex holds a key
    assert all(any(h in k for h in mod._REPUBLISH_HINTS) for k in mod._REPUBLISH_KEYS)
    for phrase in ("republishes", "re-published", "reprinted", "originally published", "originally appeared",
                   "first published in", "first published by", "crossposted", "cross-posted"):
        assert mod._REPUBLISH_RE.search(phrase.upper())
        assert any(k in phrase.encode() for k in mod._REPUBLISH_KEYS), phrase
