"""Tests for framing.segment: sentences, quotation spans, languages, positions, offsets."""

from __future__ import annotations

import json
import pickle
import time
from pathlib import Path

import pytest

from framing.errors import InputError
from framing.segment import (
    WORD_RE,
    Doc,
    OffsetMap,
    find_quote_spans,
    segment,
    split_paragraphs,
    split_sentences,
)

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"
SEEDS = ROOT / "seeds"

#: Boundary errors measured with benchmarks/bench_sentences.py; a regression fails.
MAX_ERRORS = {"sentences_gold.jsonl": 0, "sentences_heldout.jsonl": 0}


def sentences(text: str) -> list[str]:
    doc = segment(text, headline=False)
    return [doc.sentence_text(i) for i in range(len(doc.sentences))]


# ---------------------------------------------------------------------------
# Sentence boundaries
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # initials
        (
            "Vice President J.D. Vance visited Baku. He met Aliyev.",
            ["Vice President J.D. Vance visited Baku.", "He met Aliyev."],
        ),
        (
            "U.S. Vice President J.D. Vance’s visit marks a milestone. It aims high.",
            ["U.S. Vice President J.D. Vance’s visit marks a milestone.", "It aims high."],
        ),
        ("George W. Bush spoke. He left.", ["George W. Bush spoke.", "He left."]),
        (
            "Not paying taxes matters, Donald J. Trump said. Nobody laughed.",
            ["Not paying taxes matters, Donald J. Trump said.", "Nobody laughed."],
        ),
        (
            "Retired Lt. Gen. Michael Flynn said so. Mark Z. Barabak agreed.",
            ["Retired Lt. Gen. Michael Flynn said so.", "Mark Z. Barabak agreed."],
        ),
        ("The crowd gave him a standing O. The problem remained.",
         ["The crowd gave him a standing O.", "The problem remained."]),
        # U.S., D.C., state abbreviations
        ("The U.S. is engaged. The U.S. Army is too.", ["The U.S. is engaged.", "The U.S. Army is too."]),
        ("He lives in the U.S. But he works abroad.", ["He lives in the U.S.", "But he works abroad."]),
        (
            "They met in Washington D.C., ending a conflict. Then they left.",
            ["They met in Washington D.C., ending a conflict.", "Then they left."],
        ),
        (
            "They met in Washington D.C. on Friday. Then they left.",
            ["They met in Washington D.C. on Friday.", "Then they left."],
        ),
        ("They met in Washington, D.C. The talks went well.",
         ["They met in Washington, D.C.", "The talks went well."]),
        (
            "The challenge came from Sen. Bernie Sanders (I-Vt.) Clinton won anyway.",
            ["The challenge came from Sen. Bernie Sanders (I-Vt.)", "Clinton won anyway."],
        ),
        (
            "It said so, Rep. Gwen Moore (D-Wis.) said Friday. Others agreed.",
            ["It said so, Rep. Gwen Moore (D-Wis.) said Friday.", "Others agreed."],
        ),
        (
            "HEMPSTEAD, N.Y., Sept. 26 (UPI) — Stein was escorted off. She left.",
            ["HEMPSTEAD, N.Y., Sept. 26 (UPI) — Stein was escorted off.", "She left."],
        ),
        # titles
        ("Sen. Tim Kaine spoke. Mr. Trump replied.", ["Sen. Tim Kaine spoke.", "Mr. Trump replied."]),
        (
            "Gov. Mike Pence won. Rep. G.K. Butterfield (D-N.C.) spoke.",
            ["Gov. Mike Pence won.", "Rep. G.K. Butterfield (D-N.C.) spoke."],
        ),
        (
            "It was a gap between Clinton and then-Sen. Barack Obama. It closed.",
            ["It was a gap between Clinton and then-Sen. Barack Obama.", "It closed."],
        ),
        # dates and times
        ("He arrived on Feb. 11 in Baku. It was cold.", ["He arrived on Feb. 11 in Baku.", "It was cold."]),
        ("It was in Jan. 2016. Nothing happened.", ["It was in Jan. 2016.", "Nothing happened."]),
        ("The vote is at 5 p.m. on Tuesday. It will be close.",
         ["The vote is at 5 p.m. on Tuesday.", "It will be close."]),
        ("The vote ended at 5 p.m. Officials said it was close.",
         ["The vote ended at 5 p.m.", "Officials said it was close."]),
        ("He left at 10 a.m. Tuesday and returned. Then he slept.",
         ["He left at 10 a.m. Tuesday and returned.", "Then he slept."]),
        ("Polls close at 9 p.m. EST in most states. Results follow.",
         ["Polls close at 9 p.m. EST in most states.", "Results follow."]),
        ("Results arrive at 9 p.m. E.T. by relying on data. Fine.",
         ["Results arrive at 9 p.m. E.T. by relying on data.", "Fine."]),
        # numbers, lists, other abbreviations
        ("It cost $4.5 billion. That is a lot.", ["It cost $4.5 billion.", "That is a lot."]),
        ("Visit example.com for details. Or not.", ["Visit example.com for details.", "Or not."]),
        ("He said no. No. 5 was the best. Then it ended.",
         ["He said no.", "No. 5 was the best.", "Then it ended."]),
        ("No. Donald Trump has money.", ["No.", "Donald Trump has money."]),
        ("1. First item here. 2. Second item.", ["1. First item here.", "2. Second item."]),
        ("He was born in St. Louis. He moved.", ["He was born in St. Louis.", "He moved."]),
        ("He works at Acme Inc. in Boston. It is big.", ["He works at Acme Inc. in Boston.", "It is big."]),
        ("Is it true? Yes! It is.", ["Is it true?", "Yes!", "It is."]),
        ("The view of News.Az editors is theirs. Fine.", ["The view of News.Az editors is theirs.", "Fine."]),
        # closing quote marks stay with their sentence
        ("“We will win,” he said. “It is time.”", ["“We will win,” he said.", "“It is time.”"]),
        ("He said “this is good.” Then he left.", ["He said “this is good.”", "Then he left."]),
        ('He said: "We will win." She disagreed.', ['He said: "We will win."', "She disagreed."]),
        ("Trump was ‘Mocking.’ Clinton replied.", ["Trump was ‘Mocking.’", "Clinton replied."]),
        # no split inside a quotation unless it holds several sentences
        ("“A,” he said, “B.”", ["“A,” he said, “B.”"]),
        (
            "Aliyev called it “a hopeful new era in bilateral relations.” Vance agreed.",
            ["Aliyev called it “a hopeful new era in bilateral relations.”", "Vance agreed."],
        ),
        (
            "Vance said that “peace is not made by people who look back. Peace is made by people "
            "who look ahead.”",
            ["Vance said that “peace is not made by people who look back.",
             "Peace is made by people who look ahead.”"],
        ),
        ("“It is time. We must go,” he said.", ["“It is time.", "We must go,” he said."]),
        ("He called it “a new phase. Really.” Others agreed.",
         ["He called it “a new phase. Really.”", "Others agreed."]),
        # '' used as quote marks (NYT)
        (
            "Not paying taxes ''makes me smart,'' Donald J. Trump said last week. His surrogates "
            "called him ''a genius.''",
            ["Not paying taxes ''makes me smart,'' Donald J. Trump said last week.",
             "His surrogates called him ''a genius.''"],
        ),
        (
            "The S.E.C. ''only requires significant subsidiaries. By only requiring them, this "
            "allows gaming,'' the report says. It is vague.",
            ["The S.E.C. ''only requires significant subsidiaries.",
             "By only requiring them, this allows gaming,'' the report says.", "It is vague."],
        ),
        # elision marks between sentences open the next one
        (
            "He had no proof of it. ... He would not have done that.",
            ["He had no proof of it.", "... He would not have done that."],
        ),
        (
            "He looked like a grown-up. … he came across as strong.",
            ["He looked like a grown-up.", "… he came across as strong."],
        ),
        ("You strive for something ... how can you feel good?",
         ["You strive for something ... how can you feel good?"]),
        # parenthesised sentences
        ("Pay some taxes. (Some say none at all.) Fine.",
         ["Pay some taxes.", "(Some say none at all.)", "Fine."]),
    ],
)
def test_sentence_boundaries(text: str, expected: list[str]) -> None:
    assert sentences(text) == expected


def test_split_sentences_offsets_are_absolute_and_stripped() -> None:
    text = "Title\n\n  First one. Second one.  \n"
    s = text.index("First")
    spans = split_sentences(text, s - 2, len(text))
    assert [text[a:b] for a, b in spans] == ["First one.", "Second one."]


def test_lines_are_their_own_sentences() -> None:
    text = "Share on social media\nPhoto: Reuters\nThe deal was signed. It matters.\n"
    assert sentences(text) == ["Share on social media", "Photo: Reuters", "The deal was signed.", "It matters."]


# ---------------------------------------------------------------------------
# The hand-segmented gold sets
# ---------------------------------------------------------------------------


def _errors(rows: list[dict]) -> tuple[int, int, int]:
    n = missed = false = 0
    for row in rows:
        text = row["text"]
        gold = {e for _, e in row["sentences"]}
        got = {s.end for s in segment(text).sentences}
        n += len(gold)
        missed += len(gold - got)
        false += len(got - gold)
    return n, missed, false


@pytest.mark.parametrize("name", sorted(MAX_ERRORS))
def test_gold_set_error_count(name: str) -> None:
    rows = [json.loads(line) for line in (DATA / name).read_text(encoding="utf-8").splitlines()]
    for row in rows:  # the gold spans are well-formed: stripped, ordered, inside the text
        prev = 0
        for s, e in row["sentences"]:
            assert prev <= s < e <= len(row["text"])
            assert row["text"][s:e] == row["text"][s:e].strip()
            prev = e
    n, missed, false = _errors(rows)
    assert n >= 100
    assert missed + false <= MAX_ERRORS[name], (missed, false)


def test_gold_set_size() -> None:
    rows = [json.loads(line) for line in (DATA / "sentences_gold.jsonl").read_text("utf-8").splitlines()]
    assert sum(len(r["sentences"]) for r in rows) >= 250
    assert {r["source"] for r in rows} == {"seed", "polnear_dev"}
    assert len({r["id"].split("_")[0] for r in rows if r["source"] == "polnear_dev"}) == 7


# ---------------------------------------------------------------------------
# Quotation-mark spans
# ---------------------------------------------------------------------------


def quotes(text: str) -> list[tuple[str, bool]]:
    return [(text[q.start : q.end], q.balanced) for q in find_quote_spans(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Aliyev called it “an absolutely new phase” today.", [("“an absolutely new phase”", True)]),
        ('He said "we will win" and left.', [('"we will win"', True)]),
        ("He said ‘no way’ and left.", [("‘no way’", True)]),
        ("He said 'no way' and left.", [("'no way'", True)]),
        # apostrophes are not quotes
        ("Vance’s plane landed. Both countries’ flags were raised.", []),
        ("It's Trump's plan, the '90s are over and the Smiths' house is old.", []),
        ("A guard welcomed the countries’ officials and ‘the leaders’ too.", [("‘the leaders’", True)]),
        # '' and ``...'' as quote marks
        ("Not paying taxes ''makes me smart,'' he said.", [("''makes me smart,''", True)]),
        ("He said ``we will win'' and left.", [("``we will win''", True)]),
        # nested single inside double
        (
            "“It feels like, ‘Meh, we can put this off,’” he said.",
            [("“It feels like, ‘Meh, we can put this off,’”", True), ("‘Meh, we can put this off,’", True)],
        ),
        # unbalanced marks end at the paragraph end, never swallow the next paragraph
        ("He said “we will win and left.\nNext paragraph here.", [("“we will win and left.", False)]),
        # other scripts' marks
        ("Il a dit « nous gagnerons » hier.", [("« nous gagnerons »", True)]),
        ("Er sagte „wir gewinnen“ gestern.", [("„wir gewinnen“", True)]),
        ("他说「我们会赢」。", [("「我们会赢」", True)]),
    ],
)
def test_quote_spans(text: str, expected: list[tuple[str, bool]]) -> None:
    assert quotes(text) == expected


def test_multi_paragraph_quote() -> None:
    text = (
        "“The first paragraph of the quote goes on.\n\n"
        "“And the second one ends it,” he said.\n\n"
        "A new paragraph."
    )
    spans = find_quote_spans(text)
    assert len(spans) == 1
    q = spans[0]
    assert (q.start, q.end, q.balanced, q.paragraphs) == (0, text.index(" he said"), True, 2)
    assert text[slice(*q.inner)].startswith("The first") and text[slice(*q.inner)].endswith("ends it,")


def test_multi_paragraph_quote_with_double_single_marks() -> None:
    text = "''First part of it.\n\n''Second part,'' he said."
    (q,) = find_quote_spans(text)
    assert (q.open, q.close, q.paragraphs, q.balanced) == ("''", "''", 2, True)
    assert text[q.end :] == " he said."


def test_unbalanced_quote_not_continued_without_reopening_mark() -> None:
    text = "“The first paragraph never closes.\n\nThe second is narration."
    (q,) = find_quote_spans(text)
    assert (q.balanced, q.close, q.end) == (False, None, text.index("\n"))


def test_quote_spans_on_a_seed() -> None:
    text = (SEEDS / "000_67092f7c029130ba.txt").read_text(encoding="utf-8")
    got = [text[q.start : q.end] for q in find_quote_spans(text)]
    assert got == [
        "“a new stage,”",
        "“Trump International Peace and Prosperity Route”",
        "“a hopeful new era in bilateral relations.”",
    ]


# ---------------------------------------------------------------------------
# Foreign-language spans
# ---------------------------------------------------------------------------


def test_chinese_headline_of_seed_is_flagged() -> None:
    text = (SEEDS / "000_67092f7c029130ba.txt").read_text(encoding="utf-8")
    doc = segment(text)
    assert doc.sentences[0].position == "headline"
    zh = [(s, e) for s, e, hint in doc.foreign_spans if hint == "zh"]
    assert [text[s:e] for s, e in zh] == ["万斯访问阿塞拜疆 签署战略伙伴关系协议"]
    assert doc.in_foreign(0) and not doc.in_foreign(text.index("Vance"))
    assert all(not doc.in_foreign(s.start) and s.lang == "en" for s in doc.sentences[1:])
    assert doc.n_english_words == doc.n_words - 2  # two Chinese tokens (split at the space)


@pytest.mark.parametrize(
    ("sentence", "hint"),
    [
        ("Le président de la République est arrivé dans la ville avec les ministres.", "fr"),
        ("Der Präsident ist nicht mit dem Zug in die Stadt gekommen, sagte sie auch.", "de"),
        ("El presidente de la república dijo que los ministros se reunirán con el rey.", "es"),
        ("The president of the republic said that the ministers will meet the king.", None),
        ("Президент прибыл в Баку во вторник.", "ru"),
        ("ԱՄՆ փոխնախագահը ժամանեց Երևան։", "hy"),
    ],
)
def test_sentence_language(sentence: str, hint: str | None) -> None:
    text = f"An English opening sentence is here. {sentence} An English closing sentence follows."
    doc = segment(text, headline=False)
    assert len(doc.sentences) == 3
    mid = doc.sentences[1]
    assert doc.sentence_text(1) == sentence
    assert mid.lang == (hint or "en")
    flagged = [(s, e, h) for s, e, h in doc.foreign_spans if h == hint]
    assert bool(flagged) == (hint is not None)
    assert doc.sentences[0].lang == doc.sentences[2].lang == "en"


# ---------------------------------------------------------------------------
# Paragraphs and positions
# ---------------------------------------------------------------------------


def test_positions_and_kinds() -> None:
    text = (
        "US VP Vance Signs Strategic Pact with Azerbaijan\n\n"
        "The first body paragraph opens. It has two sentences.\n\n"
        "Regional Peace Efforts\n\n"
        "A key focus is the corridor designed to:\n"
        "  • Link Azerbaijan with its exclave\n"
        "  • Serve as a confidence-building measure\n\n"
        "The last paragraph closes the story."
    )
    doc = segment(text)
    kinds = [p.kind for p in doc.paragraphs]
    assert kinds == ["headline", "text", "subhead", "text", "list_item", "list_item", "text"]
    positions = [(doc.sentence_text(i), s.position) for i, s in enumerate(doc.sentences)]
    assert positions[:3] == [
        ("US VP Vance Signs Strategic Pact with Azerbaijan", "headline"),
        ("The first body paragraph opens.", "lead"),
        ("It has two sentences.", "lead"),
    ]
    assert {p for _, p in positions[3:]} == {"body"}
    assert doc.headline == "US VP Vance Signs Strategic Pact with Azerbaijan"
    assert [s.paragraph for s in doc.sentences] == [0, 1, 1, 2, 3, 4, 5, 6]
    assert [s.index for s in doc.sentences] == list(range(8))


def test_headline_from_meta_title_and_forced() -> None:
    text = "A headline that ends with a period.\n\nBody text follows here."
    assert segment(text).paragraphs[0].kind == "text"
    assert segment(text, meta={"title": "A headline that ends with a period"}).paragraphs[0].kind == "headline"
    assert segment(text, headline=True).sentences[0].position == "headline"
    not_headline = segment("Short title\n\nBody.", headline=False)
    assert [p.kind for p in not_headline.paragraphs] == ["subhead", "text"]
    assert [s.position for s in not_headline.sentences] == ["body", "lead"]


def test_seed_segmentation_sample() -> None:
    text = (SEEDS / "004_405047ef60991ccd.txt").read_text(encoding="utf-8")
    doc = segment(text)
    got = {doc.sentence_text(i) for i in range(len(doc.sentences))}
    assert "U.S. Vice President J.D. Vance’s visit to Azerbaijan marks a significant milestone in bilateral relations." in got
    assert "The U.S. Vice President’s visit is therefore not only symbolic but also practical." in got
    assert any(s.endswith("position of News.Az.") for s in got)


def test_split_paragraphs_hard_wrapped_and_lines() -> None:
    wrapped = "\n".join(["word " * 12] * 4) + "\n\nNext paragraph."
    spans = split_paragraphs(wrapped)
    assert len(spans) == 2
    assert split_paragraphs("one\ntwo\n\n\nthree") == [(0, 3), (4, 7), (10, 15)]


# ---------------------------------------------------------------------------
# Offsets
# ---------------------------------------------------------------------------


def test_offset_map_round_trip() -> None:
    raw = "HEADER junk\nKept line one.\nAD BANNER\nKept line two."
    a = raw.index("Kept line one.")
    b = raw.index("Kept line two.")
    piece1, piece2 = raw[a : a + 14], raw[b:]
    clean = piece1 + "\n" + piece2
    omap = OffsetMap([(0, a, 14), (15, b, len(piece2))])
    doc = segment(clean, offset_map=omap, headline=False)
    for s in doc.sentences:
        rs, re_ = doc.to_raw(s.start), doc.to_raw(s.end)
        assert raw[rs:re_] == doc.sentence_text(s.index)
    for i in range(len(clean)):
        if clean[i] != "\n":
            assert raw[omap.to_raw(i)] == clean[i]
    assert omap.to_raw(14) == a + 14  # the inserted separator maps to the end of its block
    again = pickle.loads(pickle.dumps(omap))
    assert again.blocks == omap.blocks
    assert OffsetMap.identity(10).to_raw(7) == 7


def test_offset_map_to_raw_ascending_matches_to_raw_many() -> None:
    omap = OffsetMap([(5, 20, 3), (10, 40, 6), (30, 100, 2)])
    offsets = list(range(0, 40))
    assert omap.to_raw_ascending(offsets) == omap.to_raw_many(offsets) == [omap.to_raw(o) for o in offsets]
    unordered = [12, 3, 31, 8]
    assert omap.to_raw_ascending(unordered) == omap.to_raw_many(unordered)
    assert omap.to_raw_ascending([]) == []
    assert OffsetMap().to_raw_ascending([4, 7]) == [4, 7]


def test_doc_helpers() -> None:
    text = "He said “we will win.” Then he left. Both countries’ flags flew."
    doc = segment(text, doc_id=3, meta={"outlet": "X"})
    assert isinstance(doc, Doc) and doc.id == "3" and doc.meta == {"outlet": "X"}
    assert doc.sentence_at(0) == 0
    assert doc.sentence_at(text.index("Then")) == 1
    assert doc.sentence_at(len(text) - 1) == 2
    q = doc.in_quote(text.index("we"))
    assert q is not None and text[slice(*q.inner)] == "we will win."
    assert doc.in_quote(text.index("Then")) is None
    assert doc.n_words == len(WORD_RE.findall(text))
    assert doc.lower == text.lower()


# ---------------------------------------------------------------------------
# Bad input
# ---------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", " ", "\n\n\t  \n", "\u00a0\u2003"])
def test_empty_and_whitespace(text: str) -> None:
    doc = segment(text)
    assert (doc.paragraphs, doc.sentences, doc.quote_spans, doc.foreign_spans) == ([], [], [], [])
    assert doc.n_words == 0


def test_not_a_string() -> None:
    with pytest.raises(InputError, match=r"article 'a1'.*str, got bytes"):
        segment(b"bytes", doc_id="a1")
    with pytest.raises(TypeError):  # still a TypeError for callers that catch that
        segment(None)


def _cpu(fn, arg) -> float:
    best = float("inf")
    for _ in range(2):
        t0 = time.process_time()
        fn(arg)
        best = min(best, time.process_time() - t0)
    return best


@pytest.mark.parametrize(
    ("size", "make", "check"),
    [
        # a 1 MB line without punctuation: one paragraph, one sentence
        (
            1_000_000,
            lambda n: "word " * (n // 5),
            lambda d: len(d.sentences) == 1 and len(d.paragraphs) == 1,
        ),
        # thousands of quote marks of every kind (about 9,000 here)
        (200_000, lambda n: "“ ” \" '' ‘ ’ « » „ 「 」 'a " * (n // 30), lambda d: len(d.quote_spans) > 1000),
        # thousands of apostrophes and would-be single-quote openers without closers
        (200_000, lambda n: " 'a b's" * (n // 7), lambda d: d.quote_spans == []),
        # thousands of initials and periods
        (200_000, lambda n: "A. " * (n // 3), lambda d: len(d.sentences) >= 1),
    ],
    ids=["1MB-no-punctuation", "quote-marks", "apostrophes", "initials"],
)
def test_pathological_input_is_linear(size, make, check) -> None:
    big = make(size)
    doc = segment(big)
    assert check(doc)
    assert doc.sentences[-1].end <= len(big)
    # complexity check (not a speed target): 4x the input costs about 4x, not 16x
    small_t, big_t = _cpu(segment, make(size // 4)), _cpu(segment, big)
    assert big_t < 10 * max(small_t, 1e-3)


_SHARED = ROOT.parent / "shared" / "data"


@pytest.mark.parametrize(
    "text",
    [
        "He said 'we will win' and left.",
        "The ‘quote’ and 'em and the '90s and 'n' roll.",
        "'Start of text' (‘bracketed’) —'dash'",
        "Vance's trip and the countries' leaders",
        "No marks at all.",
    ],
)
def test_single_openers_match_the_regex_scan(text):
    from framing.segment import _SINGLE_OPEN_RE, _single_openers

    assert _single_openers(text) == [m.start() for m in _SINGLE_OPEN_RE.finditer(text)]


def test_single_openers_match_the_regex_scan_on_polnear():
    from framing.segment import _SINGLE_OPEN_RE, _single_openers

    path = _SHARED / "polnear_train_sample.jsonl"
    if not path.exists():
        pytest.skip("shared PolNeAR sample not available")
    with open(path, encoding="utf-8") as fh:
        texts = [json.loads(line)["text"] for line in fh][:80]
    for text in texts:
        assert _single_openers(text) == [m.start() for m in _SINGLE_OPEN_RE.finditer(text)]


def test_tokens_are_word_re_spans_on_seeds():
    from framing.corpus import load_corpus

    for a in load_corpus():
        doc = segment(a.text)
        assert doc.tokens == [m.span() for m in WORD_RE.finditer(doc.text)]
