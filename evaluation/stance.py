"""Score ``claimlink compare`` on Emergent claim/headline pairs.

Positive = stance ``against`` (the headline contradicts or denies the claim). Reported:
precision and recall on ``against``, and the false-flag rate on ``for`` pairs (a headline
that supports the claim flagged as contradicting it).
"""

from __future__ import annotations

from claimlink.evaluation import EvalDataError

import csv
from pathlib import Path

from claimlink.linker.compare import compare_texts


def load_emergent(path: str | Path) -> list[dict]:
    path = Path(path)
    try:
        with path.open(encoding="utf-8", newline="") as fh:
            reader = csv.DictReader(fh)
            if not reader.fieldnames or not {"claim", "article_headline", "stance"} <= set(reader.fieldnames):
                raise EvalDataError(f"{path}: expected columns claim, article_headline, stance")
            return [{"claim": r["claim"].strip(), "headline": r["article_headline"].strip(), "stance": r["stance"]}
                    for r in reader]
    except FileNotFoundError:
        raise EvalDataError(f"{path}: no such file") from None


def evaluate(nlp, pairs: list[dict]) -> tuple[dict, list]:
    verdicts = compare_texts(nlp, [(p["claim"], p["headline"]) for p in pairs])
    tp = fp = fn = 0
    by_stance: dict[str, list[int]] = {}
    wrong = []
    for p, v in zip(pairs, verdicts):
        flagged = v.relation == "contradicts"
        pos = p["stance"] == "against"
        by_stance.setdefault(p["stance"], [0, 0])
        by_stance[p["stance"]][0] += 1
        by_stance[p["stance"]][1] += flagged
        tp += flagged and pos
        fp += flagged and not pos
        fn += (not flagged) and pos
        if flagged != pos:
            wrong.append((p, v))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    scores = {"pairs": len(pairs), "against": tp + fn, "flagged": tp + fp,
              "precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
              "false_flag_rate_for": round(by_stance.get("for", [0, 0])[1] / by_stance["for"][0], 4)
              if by_stance.get("for", [0])[0] else 0.0,
              "flag_rate_observing": round(by_stance.get("observing", [0, 0])[1] / by_stance["observing"][0], 4)
              if by_stance.get("observing", [0])[0] else 0.0}
    return scores, wrong
