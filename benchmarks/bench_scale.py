"""Scale: streamed scoring throughput, memory, the VADER reference cost, Dask, per-stage time.

Usage::

    .venv/bin/python benchmarks/bench_scale.py [--n 10000] [--small 1000] [--jobs 2]
        [--breakdown 1000] [--profile 300] [--seed 0] [--repeat 3] [--no-dask]

Corpus recipe (printed too): the 280 articles of
``../shared/data/polnear_train_sample.jsonl`` (7 US publishers) are split into
paragraphs (blank-line separated, white space folded; paragraphs under 5
words dropped) and grouped by publisher. Article ``i`` of the synthetic
corpus takes a publisher uniformly at random, a target length uniform in
[500, 800] words, opens with the title of a random article of that publisher
as its headline, then appends paragraphs drawn uniformly (with replacement)
from that publisher's pool, skipping any that would pass 800 words, until the
target is reached (at most 200 draws). One ``random.Random(seed)`` drives every
draw, so the corpus is the same on every run. Written as JSON lines
``{"id", "outlet", "title", "text"}``; the 1,000-article corpus is the first
1,000 articles of the 10,000.

Figures (one run on this machine):

1. **Full scoring**: ``framing.stream.score_stream`` (``--level article``,
   ``--jobs`` processes, chunks of 500) in a fresh subprocess per size: wall
   time, articles/s (total and per core) and words/s; peak RSS of the parent
   (sampled: its ``getrusage`` figure would include the benchmark process it
   was forked from before ``exec``), of the largest worker (``getrusage``)
   and of the whole process tree
   (sum of PSS, proportional set size, so pages shared after ``fork`` count
   once; psutil, sampled every 250 ms), for 1,000 and 10,000 articles. What
   ``ArticleScorer.score`` computes at the time of the run is printed (the
   tables and columns it returns).
2. **Reference**: ``vaderSentiment``'s ``SentimentIntensityAnalyzer.
   polarity_scores`` over every sentence of the corpus (as segmented by
   :func:`framing.segment.segment`), one core, CPU time; the ratio of
   streamed full scoring's per-core cost to it; and, for the targets, the
   same over the sentences of the ``--small`` articles against
   ``ArticleScorer.score_many`` on those articles in process (what every
   worker runs on its chunk; ``ArticleScorer.score`` article by article is
   printed beside it, and, when compiled accelerators run, ``score_many``
   with the pure-Python code in a subprocess with ``FRAMING_PURE_PYTHON=1``)
   (all CPU time, best of
   ``--repeat`` runs, measured in the same run: the machine is shared, so CPU
   time, not wall time, and ratios from one run).
3. **Dask**: the same scoring on a 2-worker ``LocalCluster`` (loopback, one
   thread per worker), cluster start-up timed apart.
4. **Per-stage breakdown** on one core over ``--breakdown`` articles (CPU
   time, best of ``--repeat`` passes): clean and segment (as
   :func:`framing.analyze.make_doc`), then the stages of
   ``ArticleScorer.score_doc`` itself (``ArticleScorer.STAGES``: tables,
   quotes, sentence tone, actor tone, themes, voices), in the order of
   ``ArticleScorer.score_many``: each stage over every article of a batch of
   ``ArticleScorer.BATCH`` before the next stage; the composed stages are
   checked to give exactly ``score_doc``'s tables.
5. **Profile** (pyinstrument) of that composed pipeline over ``--profile``
   articles: self time per module and the top functions.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import re
import subprocess
import sys
import tempfile
import textwrap
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SOURCE = ROOT.parent / "shared" / "data" / "polnear_train_sample.jsonl"
WS = re.compile(r"\s+")

TARGET_PER_CORE = 250.0
TARGET_RATIO = 1.5
TARGET_MEMORY = 0.20


# ---------------------------------------------------------------------------
# corpus
# ---------------------------------------------------------------------------


def build_corpus(n: int, seed: int) -> list[dict[str, str]]:
    """The synthetic corpus of the module docstring."""
    pools: dict[str, list[tuple[str, int]]] = defaultdict(list)
    titles: dict[str, list[str]] = defaultdict(list)
    with open(SOURCE, encoding="utf-8") as fh:
        for line in fh:
            d = json.loads(line)
            pub = d["publisher"]
            titles[pub].append(WS.sub(" ", d["title"]).strip())
            for para in re.split(r"\n\s*\n", d["text"]):
                para = WS.sub(" ", para).strip()
                words = len(para.split())
                if words >= 5:
                    pools[pub].append((para, words))
    pubs = sorted(pools)
    rng = random.Random(seed)
    out = []
    for i in range(n):
        pub = rng.choice(pubs)
        target = rng.randint(500, 800)
        title = rng.choice(titles[pub])
        paras = [title]
        words = len(title.split())
        for _ in range(200):
            if words >= target:
                break
            para, w = rng.choice(pools[pub])
            if words + w > 800:
                continue
            paras.append(para)
            words += w
        out.append({"id": f"synth{i:05d}", "outlet": pub, "title": title, "text": "\n\n".join(paras)})
    return out


def write_jsonl(rows: list[dict[str, str]], path: Path) -> None:
    with open(path, "w", encoding="utf-8") as fh:
        for r in rows:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")


# ---------------------------------------------------------------------------
# full scoring in a subprocess (time and memory)
# ---------------------------------------------------------------------------

_RUN = textwrap.dedent(
    """
    import json, resource, sys, threading, time
    import psutil
    from framing.stream import score_stream

    src, out, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
    me = psutil.Process()
    peak = [0]
    parent = [0]
    stop = threading.Event()

    def sample():
        while not stop.is_set():
            total = 0
            for p in [me, *me.children(recursive=True)]:
                try:
                    total += p.memory_full_info().pss
                except psutil.Error:
                    pass
            peak[0] = max(peak[0], total)
            try:
                parent[0] = max(parent[0], me.memory_info().rss)
            except psutil.Error:
                pass
            stop.wait(0.25)

    t = threading.Thread(target=sample, daemon=True)
    t.start()
    t0 = time.perf_counter()
    s = score_stream(src, out, jobs=jobs, chunksize=500, progress=False)
    dt = time.perf_counter() - t0
    stop.set(); t.join()
    print(json.dumps({
        "seconds": dt, "n_scored": s.n_scored, "n_skipped": s.n_skipped, "n_words": s.n_words,
        "self_kb": parent[0] // 1024,
        "children_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        "tree_kb": peak[0] // 1024,
    }))
    """
)


_ONE_CORE = """
import json, sys
sys.path.insert(0, sys.argv[3])
from bench_scale import cpu_best
from framing.analyze import ArticleScorer
from framing.corpus import iter_records
from framing.stream import prepare_worker
arts = [a for a in iter_records(sys.argv[1]) if not hasattr(a, "reason")]
scorer = ArticleScorer()
prepare_worker(scorer)
scorer.score(arts[0])
t = cpu_best(lambda: [s.tables for s in scorer.score_many(arts)], int(sys.argv[2]))
print(json.dumps({"n": len(arts), "seconds": t}))
"""


def one_core_pure(src: Path, repeat: int) -> tuple[int, float]:
    """(articles, CPU seconds) of ``ArticleScorer.score_many`` over ``src`` with the pure-Python code only.

    In a subprocess with ``FRAMING_PURE_PYTHON=1`` (the compiled accelerators are chosen at import).
    """
    env = dict(os.environ, FRAMING_PURE_PYTHON="1")
    proc = subprocess.run([sys.executable, "-c", _ONE_CORE, str(src), str(repeat), str(Path(__file__).parent)],
                          capture_output=True, text=True, check=False, env=env)
    if proc.returncode != 0:
        raise SystemExit(f"pure-Python scoring subprocess failed:\n{proc.stderr}")
    got = json.loads(proc.stdout.strip().splitlines()[-1])
    return got["n"], got["seconds"]


def run_subprocess(src: Path, out: Path, jobs: int) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, "-c", _RUN, str(src), str(out), str(jobs)],
                          capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"scoring subprocess failed:\n{proc.stderr}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


# ---------------------------------------------------------------------------
# stages
# ---------------------------------------------------------------------------


def _stage_functions() -> tuple[list[tuple[str, Any]], list[str]]:
    """(name, function(state) -> None) for each stage of ``ArticleScorer.score``, in its order.

    Cleaning and segmentation as :func:`framing.analyze.make_doc` does them, then
    the scorer's own stages (``ArticleScorer.STAGES``: the very methods
    ``score_doc`` runs), so the breakdown measures the real pipeline.
    """
    from framing.analyze import ArticleScorer, _opens_with_headline, outlet_label
    from framing.clean import clean
    from framing.segment import segment

    scorer = ArticleScorer()
    stages: list[tuple[str, Any]] = []

    def do_clean(st: dict[str, Any]) -> None:
        a = st["article"]
        st["res"] = clean(a.text, title=a.title)

    def do_segment(st: dict[str, Any]) -> None:
        a, res = st["article"], st["res"]
        meta = dict(res.meta)
        meta["outlet"] = outlet_label(a)
        st["doc"] = segment(res.text, doc_id=a.id, meta=meta, offset_map=res.offset_map,
                            headline=_opens_with_headline(res.text, res.meta.get("headline"), a.title))
        st["ctx"] = scorer.start_context(st["doc"], res)

    stages += [("clean", do_clean), ("segment", do_segment)]
    for name in ArticleScorer.STAGES:
        method = getattr(scorer, f"_stage_{name}")
        stages.append((name.replace("_", " "), lambda st, m=method: m(st["ctx"])))
    return stages, []


def check_stages(article: Any) -> bool:
    """True when the stages composed one after the other give exactly ``ArticleScorer.score_doc``."""
    from framing.analyze import ArticleScorer

    stages, _ = _stage_functions()
    st = {"article": article}
    for _, f in stages:
        f(st)
    scorer = ArticleScorer()
    ref = scorer.score_doc(st["doc"], st["res"])
    return json.dumps(st["ctx"]["tables"], default=str) == json.dumps(ref, default=str)


def _batches(articles: list[Any]) -> list[list[Any]]:
    """``articles`` in the batches ``ArticleScorer.score_many`` scores them in."""
    from framing.analyze import ArticleScorer

    b = ArticleScorer.BATCH
    return [articles[i : i + b] for i in range(0, len(articles), b)]


def stage_breakdown(articles: list[Any], repeat: int = 3) -> tuple[dict[str, float], list[str]]:
    """CPU seconds of each stage over ``articles`` (per stage, the best of ``repeat`` passes).

    The stages run as ``ArticleScorer.score_many`` runs them: over a batch of
    ``ArticleScorer.BATCH`` articles, each stage over every article of the batch
    before the next stage (the order matters: a stage's code and data stay in
    the CPU caches from one article to the next within a batch, not beyond).
    """
    stages, missing = _stage_functions()
    warm = {"article": articles[0]}
    for _, f in stages:  # load lexicons and models before timing
        f(warm)
    best = dict.fromkeys((n for n, _ in stages), math.inf)
    clock = time.process_time
    for _ in range(repeat):
        times = dict.fromkeys(best, 0.0)
        for group in _batches(articles):
            sts = [{"article": a} for a in group]
            for name, f in stages:
                t = clock()
                for st in sts:
                    f(st)
                times[name] += clock() - t
        for name, sec in times.items():
            best[name] = min(best[name], sec)
    return best, missing


def cpu_best(fn: Any, repeat: int) -> float:
    """Least CPU time (``time.process_time``) of ``repeat`` calls of ``fn()``."""
    best = math.inf
    for _ in range(repeat):
        t = time.process_time()
        fn()
        best = min(best, time.process_time() - t)
    return best


def profile_pipeline(articles: list[Any]) -> tuple[Any, dict[str, float], float]:
    from pyinstrument import Profiler

    stages, _ = _stage_functions()
    warm = {"article": articles[0]}
    for _, f in stages:
        f(warm)
    prof = Profiler(interval=0.0005)
    prof.start()
    for group in _batches(articles):
        sts = [{"article": a} for a in group]
        for _, f in stages:
            for st in sts:
                f(st)
    prof.stop()
    session = prof.last_session
    root = session.root_frame() if session else None
    per_module: dict[str, float] = defaultdict(float)

    def walk(frame: Any, parent_path: str = "") -> None:
        self_time = frame.time - sum(c.time for c in frame.children)
        path = frame.file_path or ""
        if not path or frame.is_synthetic or path.startswith("<"):
            path = parent_path  # "[self]" leaves and built-ins count for the calling module
        if "/framing/" in path:
            key = "framing/" + path.split("/framing/", 1)[1]
        elif "site-packages" in path:
            key = path.split("site-packages/", 1)[1].split("/", 1)[0]
        elif path.startswith("<"):
            key = "builtins/native"
        elif "/lib/python" in path:
            key = "stdlib:" + Path(path).name
        else:
            key = path or "other"
        per_module[key] += max(self_time, 0.0)
        for c in frame.children:
            walk(c, path)

    if root is not None:
        walk(root)
    total = root.time if root is not None else 0.0
    return prof, dict(per_module), total


# ---------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------


def _kb(x: float) -> str:
    return f"{x / 1024:7.1f} MB"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--n", type=int, default=10_000)
    ap.add_argument("--small", type=int, default=1_000)
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--breakdown", type=int, default=1_000)
    ap.add_argument("--profile", type=int, default=300)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--repeat", type=int, default=3, help="CPU-time runs; the best counts")
    ap.add_argument("--no-dask", action="store_true")
    args = ap.parse_args(argv)

    from framing.analyze import ArticleScorer
    from framing.corpus import iter_records
    from framing.segment import segment  # noqa: F401  (imported before timing)
    from framing.stream import prepare_worker

    print("== corpus")
    print(textwrap.fill(
        f"Recipe: paragraphs of {SOURCE.name} ({SOURCE.stat().st_size // 1024} KB, 280 articles, 7 publishers) "
        "split on blank lines (white space folded, paragraphs under 5 words dropped), pooled per publisher. "
        "Each synthetic article: publisher uniform at random, target length uniform in [500, 800] words, "
        "headline = title of a random article of that publisher, then paragraphs drawn uniformly with "
        "replacement from that publisher's pool (skipping any that would pass 800 words) until the target "
        f"is reached. random.Random({args.seed}). The small corpus is the first {args.small:,} articles.",
        width=100,
    ))
    t = time.perf_counter()
    rows = build_corpus(args.n, args.seed)
    tmp = Path(tempfile.mkdtemp(prefix="bench_scale_"))
    big, small = tmp / f"corpus_{args.n}.jsonl", tmp / f"corpus_{args.small}.jsonl"
    write_jsonl(rows, big)
    write_jsonl(rows[: args.small], small)
    words = [len(r["text"].split()) for r in rows]
    del rows
    print(f"built {len(words):,} articles in {time.perf_counter() - t:.1f} s: {sum(words):,} words, "
          f"{min(words)}-{max(words)} words/article (mean {sum(words) / len(words):.0f}); "
          f"{big.stat().st_size / 2**20:.1f} MB of JSON lines")

    articles = [a for a in iter_records(big) if not hasattr(a, "reason")]
    tables = ArticleScorer().score(articles[0])
    print("\n== what ArticleScorer.score computes now")
    for name, trs in tables.items():
        cols = list(trs[0]) if trs else []
        print(f"  {name:10s} {len(cols):3d} columns: {', '.join(cols[:14])}{' ...' if len(cols) > 14 else ''}")
    has = {
        "cleaning": True,
        "segmentation": True,
        "sentence tone": any("compound" in c or "tone" in c for r in tables.get("sentences", [])[:1] for c in r),
        "actor tone": "mentions" in tables,
        "themes": "hits" in tables or any(c.startswith(("emphasis", "theme")) for c in tables["articles"][0]),
        "quotes": "quotes" in tables,
    }
    print("  stages included: " + ", ".join(f"{k} {'yes' if v else 'NO'}" for k, v in has.items()))
    from framing._accel import accelerators

    acc = accelerators()
    print("  compiled accelerators (framing/_ext): "
          + (", ".join(f"{k} {'yes' if v else 'NO (pure Python)'}" for k, v in acc.items()) or "none"))

    print(f"\n== full scoring (framing.stream.score_stream, --level article, {args.jobs} processes, chunks of 500)")
    mem = {}
    for label, src in ((f"{args.small:,}", small), (f"{args.n:,}", big)):
        r = run_subprocess(src, tmp / f"out_{src.stem}.jsonl", args.jobs)
        mem[label] = r
        rate = r["n_scored"] / r["seconds"]
        print(f"  {label:>6} articles: {r['seconds']:6.1f} s  {rate:7.1f} articles/s  "
              f"{rate / args.jobs:7.1f} articles/s per core  {r['n_words'] / r['seconds']:9,.0f} words/s  "
              f"(skipped {r['n_skipped']})")
    full = mem[f"{args.n:,}"]
    per_core = full["n_scored"] / full["seconds"] / args.jobs
    print("\n== peak memory (RSS)")
    for label, r in mem.items():
        print(f"  {label:>6} articles: parent {_kb(r['self_kb'])}, largest worker {_kb(r['children_kb'])}, "
              f"process tree (PSS) {_kb(r['tree_kb'])}")
    small_tree, big_tree = mem[f"{args.small:,}"]["tree_kb"], full["tree_kb"]
    growth = big_tree / small_tree - 1

    one = articles[: args.small]
    scorer = ArticleScorer()
    prepare_worker(scorer)  # as every worker process does before its first chunk
    scorer.score(one[0])
    t_one = cpu_best(lambda: [s.tables for s in scorer.score_many(one)], args.repeat)
    one_core = len(one) / t_one
    print(f"\n  one core, in process (ArticleScorer.score_many, as every worker scores its chunk; "
          f"{len(one):,} articles, CPU time, best of "
          f"{args.repeat}): {one_core:.1f} articles/s = {t_one / len(one) * 1e3:.3f} ms/article")
    t_each = cpu_best(lambda: [scorer.score(a) for a in one], args.repeat)
    print(f"  (article by article, ArticleScorer.score: {len(one) / t_each:.1f} articles/s = "
          f"{t_each / len(one) * 1e3:.3f} ms/article)")
    if any(acc.values()):
        n_pure, t_pure = one_core_pure(small, args.repeat)
        print(f"  (pure Python, FRAMING_PURE_PYTHON=1, score_many: {n_pure / t_pure:.1f} articles/s = "
              f"{t_pure / n_pure * 1e3:.3f} ms/article)")

    print("\n== reference: vaderSentiment alone over the same sentences (one core)")
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

    from framing.analyze import make_doc

    sentences: list[str] = []
    n_one_sentences = 0
    for i, a in enumerate(articles):
        doc, _ = make_doc(a)
        sentences.extend(doc.text[s.start : s.end] for s in doc.sentences)
        if i + 1 == len(one):
            n_one_sentences = len(sentences)
    sia = SentimentIntensityAnalyzer()
    t = time.process_time()
    for s in sentences:
        sia.polarity_scores(s)
    t_vader = time.process_time() - t
    vader_rate = len(articles) / t_vader
    print(f"  {len(sentences):,} sentences of {len(articles):,} articles in {t_vader:.1f} s CPU: "
          f"{len(sentences) / t_vader:,.0f} sentences/s = {vader_rate:.1f} articles/s")
    ratio_stream = vader_rate / per_core
    print(f"  streamed full scoring cost / VADER cost per article: {ratio_stream:.2f}x")
    one_sents = sentences[:n_one_sentences]
    t_vader_one = cpu_best(lambda: [sia.polarity_scores(s) for s in one_sents], args.repeat)
    ratio = t_one / t_vader_one
    print(f"  same {len(one):,} articles as the one-core run ({len(one_sents):,} sentences, CPU time, best of "
          f"{args.repeat}): VADER {t_vader_one / len(one) * 1e3:.3f} ms/article = "
          f"{len(one) / t_vader_one:.1f} articles/s; full scoring cost / VADER cost per article: {ratio:.2f}x")

    if not args.no_dask:
        print("\n== Dask engine (LocalCluster: 2 worker processes x 1 thread, 127.0.0.1)")
        from framing.stream import dask_client, score_stream

        t = time.perf_counter()
        with dask_client(None, n_workers=2) as client:
            start = time.perf_counter() - t
            s = score_stream(big, tmp / "out_dask.jsonl", engine="dask", client=client, chunksize=500,
                             progress=False)
        same = (tmp / "out_dask.jsonl").read_bytes() == (tmp / f"out_{big.stem}.jsonl").read_bytes()
        print(f"  cluster start {start:.1f} s; {s.n_scored:,} articles in {s.seconds:.1f} s: "
              f"{s.articles_per_second:.1f} articles/s ({s.articles_per_second / 2:.1f} per worker); "
              f"output identical to the local engine's: {same}")

    print(f"\n== per-stage time on one core ({args.breakdown:,} articles in batches of {ArticleScorer.BATCH}, "
          "each stage over the batch in turn, as ArticleScorer.score_many runs them)")
    times, missing = stage_breakdown(articles[: args.breakdown], args.repeat)
    print(f"  composed stages give exactly ArticleScorer.score_doc's tables: {check_stages(articles[0])}")
    total = sum(times.values())
    n = args.breakdown
    for name, sec in times.items():
        print(f"  {name:14s} {sec / n * 1e3:7.3f} ms/article  {sec / total * 100:5.1f}%")
    print(f"  {'all stages':14s} {total / n * 1e3:7.3f} ms/article  = {n / total:.1f} articles/s per core "
          f"({total / n / (t_vader_one / len(one)):.2f}x VADER)")
    if missing:
        print(f"  stages not available: {', '.join(missing)}")
    vader_ms = t_vader_one / len(one) * 1e3
    seg_tone = times.get("segment", 0) / n * 1e3
    quotes = times.get("quotes", 0) / n * 1e3
    tone = times.get("sentence tone", 0) / n * 1e3
    print(f"  segmentation {seg_tone:.3f} ms and quotes {quotes:.3f} ms vs sentence tone {tone:.3f} ms "
          f"(plain VADER {vader_ms:.3f} ms) per article")

    print(f"\n== profile (pyinstrument) of all stages, {args.profile} articles, one core")
    prof, per_module, ptotal = profile_pipeline(articles[: args.profile])
    print("  self time by module:")
    for k, v in sorted(per_module.items(), key=lambda kv: -kv[1])[:14]:
        print(f"    {v / ptotal * 100:5.1f}%  {k}")
    text = prof.output_text(flat=True, show_all=False)
    print("  top functions by self time:")
    for line in [ln for ln in text.splitlines() if ln.strip() and re.match(r"^\s*[\d.]+\s", ln)][:15]:
        print("   " + line)

    print("\n== targets (one core, CPU time of ArticleScorer.score_many, best of "
          f"{args.repeat}; streamed wall-time figures in brackets)")
    print(f"  full scoring >= {TARGET_PER_CORE:.0f} articles/s per core: {one_core:.1f} [streamed {per_core:.1f}] -> "
          f"{'met' if one_core >= TARGET_PER_CORE else 'NOT met'}")
    print(f"  full scoring <= {TARGET_RATIO}x plain VADER: {ratio:.2f}x [streamed {ratio_stream:.2f}x] -> "
          f"{'met' if ratio <= TARGET_RATIO else 'NOT met'}")
    print(f"  peak memory at {args.n:,} within {TARGET_MEMORY:.0%} of {args.small:,} (process tree): "
          f"{growth:+.1%} -> {'met' if abs(growth) <= TARGET_MEMORY else 'NOT met'}")
    sentiment = tone + times.get("actor tone", 0) / n * 1e3
    split_find = seg_tone + quotes
    print(f"  segmentation + quote finding <= the sentiment itself, this pipeline's sentiment stages "
          f"(sentence tone + actor tone): {seg_tone:.3f} + {quotes:.3f} = {split_find:.3f} ms vs {tone:.3f} + "
          f"{sentiment - tone:.3f} = {sentiment:.3f} ms -> {'met' if split_find <= sentiment else 'NOT met'}")
    print(f"  segmentation + quote finding <= the sentiment itself, plain VADER over the same sentences: "
          f"{split_find:.3f} ms vs {vader_ms:.3f} ms -> {'met' if split_find <= vader_ms else 'NOT met'} "
          f"(each alone: segmentation {'met' if seg_tone <= vader_ms else 'NOT met'}, "
          f"quotes {'met' if quotes <= vader_ms else 'NOT met'})")
    missing_stages = [k for k, v in has.items() if not v]
    if missing_stages:
        print(f"  NOTE: ArticleScorer does not run {', '.join(missing_stages)} yet; the per-stage line "
              "'all stages' is the cost once they are wired in")
    for p in tmp.iterdir():
        p.unlink()
    tmp.rmdir()
    return 0


if __name__ == "__main__":
    sys.exit(main())
