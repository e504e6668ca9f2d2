"""Rebuild ``framing/models/target_sentiment.json.gz`` bit for bit from NewsMTSC train.

Usage::

    python scripts/train_target_model.py [TRAIN.jsonl] [--out PATH] [--C 0.1] [--min-df 2]
                                         [--no-cv] [--dev FILE ...]

TRAIN defaults to ``../shared/data/newsmtsc_train.jsonl`` relative to the
repository root. Prints 5-fold cross-validation on train (folds grouped by
sentence, so targets of one sentence never straddle train and test) and the
accuracy / macro-F1 on the dev files that exist beside TRAIN. The test splits
are never used.

The data: NewsMTSC (Hamborg & Donnay, EACL 2021), MIT licence.
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from framing.score.targeted import (  # noqa: E402
    DEFAULT_C,
    DEFAULT_MIN_DF,
    MODEL_FILE,
    read_newsmtsc,
    train_target_model,
)


def _scores(model, rows):
    from sklearn.metrics import accuracy_score, f1_score

    preds = [model.predict_one(r["sentence"], *r["target_span"]).polarity for r in rows]
    gold = [r["polarity"] for r in rows]
    return accuracy_score(gold, preds), f1_score(gold, preds, average="macro")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("train", nargs="?", default=str(ROOT.parent / "shared" / "data" / "newsmtsc_train.jsonl"))
    ap.add_argument("--out", default=str(ROOT / "framing" / "models" / MODEL_FILE))
    ap.add_argument("--C", type=float, default=DEFAULT_C)
    ap.add_argument("--min-df", type=int, default=DEFAULT_MIN_DF)
    ap.add_argument("--no-cv", action="store_true", help="skip the 5-fold cross-validation")
    ap.add_argument("--dev", nargs="*", default=None, help="dev files (default: newsmtsc_dev_*.jsonl beside TRAIN)")
    args = ap.parse_args(argv)

    train_path = Path(args.train)
    rows = read_newsmtsc(train_path)
    print(f"train: {train_path} ({len(rows)} targets)")

    if not args.no_cv:
        import numpy as np
        from sklearn.metrics import f1_score
        from sklearn.model_selection import GroupKFold

        y = np.array([r["polarity"] for r in rows])
        groups = [r.get("sentence_id", r["sentence"]) for r in rows]
        pred = np.zeros(len(rows), dtype=int)
        t = time.perf_counter()
        for tr, te in GroupKFold(n_splits=5).split(rows, y, groups):
            m = train_target_model([rows[i] for i in tr], C=args.C, min_df=args.min_df)
            pred[te] = [m.predict_one(rows[i]["sentence"], *rows[i]["target_span"]).polarity for i in te]
        acc = float((pred == y).mean())
        f1 = f1_score(y, pred, average="macro")
        print(f"5-fold grouped CV on train: accuracy {acc:.3f}  macro-F1 {f1:.3f}  ({time.perf_counter() - t:.0f} s)")

    t = time.perf_counter()
    model = train_target_model(rows, C=args.C, min_df=args.min_df)
    model.save(args.out)
    data = Path(args.out).read_bytes()
    print(
        f"model: {args.out}  {len(model.features)} features  {len(data) / 1e6:.2f} MB  "
        f"sha256 {hashlib.sha256(data).hexdigest()[:16]}  (trained in {time.perf_counter() - t:.0f} s)"
    )

    devs = args.dev
    if devs is None:
        devs = sorted(str(p) for p in train_path.parent.glob("newsmtsc_dev_*.jsonl"))
    for dev in devs:
        acc, f1 = _scores(model, read_newsmtsc(dev))
        print(f"dev {Path(dev).name}: accuracy {acc:.3f}  macro-F1 {f1:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
