"""Shared copy (framing.reuse) and story elements / omissions (framing.elements)."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.elements import clauses, story_elements
from framing.errors import InputError
from framing.resources import LexiconError
from framing.reuse import (
    containment_matrix,
    original_spans,
    republication,
    sentence_originality,
    shared_passages,
    shared_spans,
)
from framing.segment import segment

ROOT = Path(__file__).resolve().parent.parent
SEEDS = ROOT / "seeds"
OUTLETS = {"000": "000", "001": "The Caspian Post", "002": "002", "003": "UNN", "004": "News.Az"}

WIRE = ("Vance recently concluded his visit to Armenia, where both countries agreed to cooperate in the "
        "civilian nuclear energy sector. Vance mentioned the US readiness to export advanced computer "
        "chips and surveillance drones to Armenia and invest in the country's infrastructure development.")
# the same paragraph with small edits: a word inserted, a word changed, a word dropped (an edit
# within the first or last five words would cut those words off the passage: shingles need 5 words)
WIRE_EDITED = ("Vance recently concluded his visit to Armenia, where both countries agreed to cooperate in the "
               "civilian nuclear energy sector. Vance also mentioned the US willingness to export advanced "
               "computer chips and drones to Armenia and invest in the country's infrastructure development.")


def seed_docs():
    return [segment(p.read_text(encoding="utf-8"), doc_id=p.name[:3], meta={"outlet": OUTLETS[p.name[:3]]})
            for p in sorted(SEEDS.glob("*.txt"))]


def seed_paragraphs(i: int) -> list[str]:
    text = sorted(SEEDS.glob("*.txt"))[i].read_text(encoding="utf-8")
    return [p for p in text.split("\n\n") if p.strip()]


# -- shared passages ----------------------------------------------------------------


def test_planted_shared_paragraph_with_edits_found_with_offsets():
    a_pre = "\n\n".join(seed_paragraphs(2)[:4])
    b_pre = "\n\n".join(seed_paragraphs(4)[:3])
    a_text = a_pre + "\n\n" + WIRE + "\n\n" + seed_paragraphs(2)[5]
    b_text = b_pre + "\n\n" + WIRE_EDITED + "\n\n" + seed_paragraphs(4)[4]
    docs = [segment(a_text, doc_id="a"), segment(b_text, doc_id="b")]
    sp = shared_passages(docs)
    assert len(sp) == 1, sp
    r = sp.iloc[0]
    a0 = a_text.index(WIRE)
    b0 = b_text.index(WIRE_EDITED)
    assert (r.article_a, r.article_b) == ("a", "b")
    assert (r.a_start, r.a_end) == (a0, a0 + len(WIRE) - 1)  # up to the last word, not the full stop
    assert (r.b_start, r.b_end) == (b0, b0 + len(WIRE_EDITED) - 1)
    assert r.text == a_text[r.a_start:r.a_end] and r.b_text == b_text[r.b_start:r.b_end]
    assert r.words == len(WIRE.split())
    assert r.direction == "unknown"


def test_seed_shared_wire_sentence():
    sp = shared_passages(seed_docs())
    assert list(zip(sp.article_a, sp.article_b)) == [("000", "001")]
    assert sp.loc[0, "text"].startswith("to export advanced computer chips and surveillance drones")
    # names of the TRIPP project are shared by four outlets but are not copy
    assert not shared_passages(seed_docs(), min_words=12)["text"].str.contains("Prosperity").any()


def test_containment_and_direction_by_date():
    base = "\n\n".join(seed_paragraphs(0)[1:6])
    docs = [
        segment(base, doc_id="orig", meta={"date": "2026-02-10"}),
        segment(base + "\n\n" + seed_paragraphs(4)[2], doc_id="copy", meta={"date": "2026-02-12"}),
        segment("\n\n".join(seed_paragraphs(3)), doc_id="other", meta={"date": "2026-02-11"}),
    ]
    m = containment_matrix(docs)
    assert m.loc["orig", "copy"] == 1.0 and 0.5 < m.loc["copy", "orig"] < 1.0
    assert m.loc["orig", "orig"] == 1.0 and m.loc["other", "orig"] < 0.05
    sp = shared_passages(docs)
    row = sp[(sp.article_a == "orig") & (sp.article_b == "copy")].iloc[0]
    assert (row.direction, row.source, row.copy_article) == ("a->b", "orig", "copy")
    rep = republication(docs).set_index("article_id")
    assert rep.loc["copy", "by_containment"] and "dated earlier" in rep.loc["copy", "reason"]
    assert not rep.loc["orig", "republished"]


def test_republication_said_in_the_text():
    rep = republication(seed_docs()).set_index("article_id")
    assert rep.loc["001", "by_text"] and rep.loc["001", "source_named"] == "Euronews"
    s, e = rep.loc["001", "evidence_start"], rep.loc["001", "evidence_end"]
    assert seed_docs()[1].text[s:e] == "republishes the article"
    assert not rep.drop("001")["republished"].any()


def test_three_outlets_share_a_paragraph_kept_once():
    paras = [seed_paragraphs(i) for i in (0, 2, 4)]
    texts = [paras[0][1] + "\n\n" + WIRE, paras[1][4] + "\n\n" + WIRE, WIRE + "\n\n" + paras[2][3]]
    docs = [segment(t, doc_id=i, meta={"date": d})
            for t, i, d in zip(texts, ["first", "second", "third"], ["2026-02-10", "2026-02-11", "2026-02-12"])]
    spans = shared_spans(docs)
    assert set(spans.article_id) == {"second", "third"}
    third = spans[spans.article_id == "third"].iloc[0]
    assert third.kept_in == "first;second" and third.start == 0
    orig = sentence_originality(docs, spans)
    assert orig[orig.article_id == "first"].original.all()
    for art in ("second", "third"):
        o = orig[orig.article_id == art]
        assert (~o.original).sum() == 2 and o.original.sum() >= 1
    keep = original_spans(docs, spans)
    assert keep["first"] == [(0, len(texts[0]))]
    assert all(WIRE[:40] not in texts[2][s:e] for s, e in keep["third"])


def test_bad_input():
    with pytest.raises(InputError, match="single str"):
        shared_passages("just a text")
    with pytest.raises(InputError, match="not a Doc"):
        shared_passages(["a", "b"])
    d = segment("Some text here.", doc_id="x")
    with pytest.raises(InputError, match="occurs twice"):
        shared_passages([d, d])
    assert shared_passages([]).empty and containment_matrix([]).empty
    tiny = [segment("Hi.", doc_id="a"), segment("Hi.", doc_id="b")]
    assert shared_passages(tiny).empty


def test_malformed_republish_patterns(tmp_path):
    bad = tmp_path / "rules.txt"
    bad.write_text("# rules\nflag\t(unclosed\n", encoding="utf-8")
    with pytest.raises(LexiconError, match=r"rules.txt, line 2: bad regular expression"):
        republication(seed_docs(), patterns=bad)
    bad.write_text("no tab here\n", encoding="utf-8")
    with pytest.raises(LexiconError, match="line 1: expected"):
        republication(seed_docs(), patterns=bad)


# -- story elements and omissions ---------------------------------------------------


@pytest.fixture(scope="module")
def seed_elements():
    return story_elements(seed_docs())


def test_seeds_nuclear_agreement_carried_by_several_outlets(seed_elements):
    m = seed_elements.sentences
    nuclear = m[m.text.str.contains("nuclear") & m.text.str.contains("agreement")]
    el = seed_elements.elements.set_index("element_id").loc[nuclear.element_id.mode()[0]]
    assert {"000", "The Caspian Post", "UNN"} <= set(el.outlets.split(";"))
    assert "nuclear" in el.label
    om = seed_elements.omissions
    assert set(om.loc[om.element_id == el.name, "outlet"]) == {"002", "News.Az"}


def test_seeds_human_rights_controversy_only_in_002(seed_elements):
    m = seed_elements.sentences
    hr = m[m.text.str.contains("human rights|Genocide")]
    assert len(hr) >= 3 and set(hr.outlet) == {"002"}
    els = seed_elements.elements.set_index("element_id").loc[hr.element_id.unique()]
    assert els.single_outlet.all()
    passages = seed_elements.exclusive_passages
    ctrl = passages[passages.text.str.contains("human rights groups")]
    assert len(ctrl) == 1 and ctrl.iloc[0].outlet == "002"
    assert "Genocide memorial" in ctrl.iloc[0].text and "rights" in ctrl.iloc[0].label


def test_seed_skips_boilerplate(seed_elements):
    skipped = dict(zip(seed_elements.skipped.text, seed_elements.skipped.reason))
    assert "Share on social media" in skipped
    assert "banner" in skipped.get(
        "Pickt after-article banner — collaborative shopping lists app with family illustration", "")
    assert not seed_elements.sentences.text.str.contains("Pickt").any()


def test_planted_omission_found():
    p = [seed_paragraphs(i) for i in range(5)]
    fact = [
        "A pipeline explosion near the border killed four workers on Monday, the energy ministry confirmed.",
        "Four workers were killed on Monday when a pipeline exploded near the border, the ministry said.",
        "The energy ministry confirmed that four workers died in a pipeline explosion near the border.",
    ]
    texts = [p[0][1] + "\n\n" + fact[0] + "\n\n" + p[0][3],
             p[2][4] + "\n\n" + fact[1],
             fact[2] + "\n\n" + p[4][2],
             p[3][9] + "\n\n" + p[4][5]]
    docs = [segment(t, doc_id=f"art{i}", meta={"outlet": o}) for i, (t, o) in enumerate(zip(texts, "ABCD"))]
    se = story_elements(docs)
    om = se.omissions[se.omissions.label.str.contains("pipeline")]
    assert len(om) == 1
    r = om.iloc[0]
    assert r.outlet == "D" and r.carried_by == 3 and r.likely
    assert all(s[:30] in r.evidence for s in fact)
    assert r.evidence_articles == "art0;art1;art2"


def test_elements_are_deterministic():
    a, b = story_elements(seed_docs()), story_elements(seed_docs())
    assert a.elements.equals(b.elements) and a.sentences.equals(b.sentences)


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("Vance and Pashinyan signed an agreement on a civil nuclear energy deal, and Vance said the US was "
         "ready to export chips.", ["Vance and Pashinyan signed an agreement on a civil nuclear energy deal",
                                     "and Vance said the US was ready to export chips."]),
        ("Energy, trade, and influence in the region are at stake.",
         ["Energy, trade, and influence in the region are at stake."]),
        ("This strategic partnership will cover three key areas: energy and regional connectivity, including "
         "trade and transit; economic investment, particularly in artificial intelligence and digital "
         "infrastructure; and security cooperation, including defense collaboration and counterterrorism efforts.",
         ["This strategic partnership will cover three key areas: energy and regional connectivity, including "
          "trade and transit", "economic investment, particularly in artificial intelligence and digital "
          "infrastructure", "and security cooperation, including defense collaboration and counterterrorism "
          "efforts."]),
        ("It covers energy and connectivity; investment in AI.", ["It covers energy and connectivity; investment in AI."]),
    ],
)
def test_clauses(sentence, expected):
    assert [sentence[a:b] for a, b in clauses(sentence)] == expected


def test_elements_bad_input():
    with pytest.raises(InputError, match="no articles"):
        story_elements([])
    with pytest.raises(InputError, match="threshold"):
        story_elements(seed_docs(), threshold=0)
    with pytest.raises(InputError, match="no sentence long enough"):
        story_elements([segment("Short one.", doc_id="a")])
