"""Score claim extraction against PolNeAR gold attributions.

Matching (as the attribution issue fixes it): a predicted claim matches a gold
attribution when their content tokens (``\\w+``, by position) overlap with token-F1 >= 0.5;
matching is one-to-one, best overlap first. Reported:

- content precision, recall, F1;
- speaker accuracy: among matched pairs whose gold has a source, the predicted speaker
  span overlaps a gold source span;
- cue accuracy: among matched pairs, the predicted cue overlaps a gold cue span;
- triple precision/recall/F1: matches that also have the right cue and speaker (for gold
  without a source, the right speaker is none).
"""

from __future__ import annotations

from claimlink.evaluation import EvalDataError

import json
import re
from dataclasses import dataclass, field
from pathlib import Path

_WORD = re.compile(r"\w+")
MATCH_F1 = 0.5


def _tokens(text: str, spans) -> set[int]:
    out: set[int] = set()
    for s in spans:
        for m in _WORD.finditer(text, s["start"], s["end"]):
            out.add(m.start())
    return out


def _overlaps(a: dict | None, spans) -> bool:
    if not a:
        return False
    return any(a["start"] < s["end"] and s["start"] < a["end"] for s in spans)


@dataclass
class AttributionScores:
    gold: int = 0
    predicted: int = 0
    matched: int = 0
    speaker_total: int = 0
    speaker_right: int = 0
    cue_right: int = 0
    triples: int = 0
    docs: int = 0
    per_kind: dict = field(default_factory=dict)

    @staticmethod
    def _f(p: float, r: float) -> float:
        return 2 * p * r / (p + r) if p + r else 0.0

    def as_dict(self) -> dict:
        p = self.matched / self.predicted if self.predicted else 0.0
        r = self.matched / self.gold if self.gold else 0.0
        tp = self.triples / self.predicted if self.predicted else 0.0
        tr = self.triples / self.gold if self.gold else 0.0
        return {
            "docs": self.docs, "gold": self.gold, "predicted": self.predicted, "matched": self.matched,
            "content_precision": round(p, 4), "content_recall": round(r, 4),
            "content_f1": round(self._f(p, r), 4),
            "speaker_accuracy": round(self.speaker_right / self.speaker_total, 4) if self.speaker_total else 0.0,
            "cue_accuracy": round(self.cue_right / self.matched, 4) if self.matched else 0.0,
            "triple_precision": round(tp, 4), "triple_recall": round(tr, 4),
            "triple_f1": round(self._f(tp, tr), 4),
            "recall_by_kind": {k: round(v[1] / v[0], 4) if v[0] else 0.0 for k, v in sorted(self.per_kind.items())},
        }


def score_document(text: str, gold: list[dict], predicted: list[dict], scores: AttributionScores) -> list[tuple]:
    """Add one document's counts to ``scores``; return the (gold, predicted) matches."""
    gtoks = [_tokens(text, g["content"]) for g in gold]
    ptoks = [_tokens(text, p["content"]) for p in predicted]
    pairs = []
    for gi, gt in enumerate(gtoks):
        if not gt:
            continue
        for pi, pt in enumerate(ptoks):
            inter = len(gt & pt)
            if not inter:
                continue
            f1 = 2 * inter / (len(gt) + len(pt))
            if f1 >= MATCH_F1:
                pairs.append((f1, gi, pi))
    pairs.sort(reverse=True)
    used_g: set[int] = set()
    used_p: set[int] = set()
    matches = []
    for f1, gi, pi in pairs:
        if gi in used_g or pi in used_p:
            continue
        used_g.add(gi)
        used_p.add(pi)
        matches.append((gold[gi], predicted[pi]))
    scores.docs += 1
    scores.gold += len(gold)
    scores.predicted += len(predicted)
    scores.matched += len(matches)
    for g in gold:
        kind = g.get("content_kind") or "?"
        scores.per_kind.setdefault(kind, [0, 0])[0] += 1
    for g, p in matches:
        scores.per_kind[g.get("content_kind") or "?"][1] += 1
        has_source = bool(g.get("source"))
        speaker_ok = _overlaps(p.get("speaker"), g["source"]) if has_source else p.get("speaker") is None
        if has_source:
            scores.speaker_total += 1
            scores.speaker_right += speaker_ok
        cue_ok = _overlaps(p.get("cue"), g.get("cue") or [])
        scores.cue_right += cue_ok
        scores.triples += bool(speaker_ok and cue_ok)
    return matches


def load_polnear(path: str | Path, limit: int | None = None) -> list[dict]:
    path = Path(path)
    if not path.is_file():
        raise EvalDataError(f"{path}: no such file (expected PolNeAR jsonl, e.g. ../shared/data/polnear/dev.jsonl)")
    docs = []
    with path.open(encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                d = json.loads(line)
                d["text"], d["attributions"]
            except (ValueError, KeyError, TypeError):
                raise EvalDataError(f"{path}:{n}: not a PolNeAR record (needs text and attributions)") from None
            docs.append(d)
            if limit and len(docs) >= limit:
                break
    return docs


def predictor(nlp):
    """The extraction under test: texts -> each text's claims as ``claimlink extract`` prints them."""
    # Lazy: claimlink.extractors loads spaCy when imported, and the CLI imports this module.
    from claimlink.extractors import extract_claims

    def predict(texts: list[str]) -> list[list[dict]]:
        return [[c.to_dict() for c in extract_claims(d)] for d in nlp.pipe(texts, batch_size=16)]

    return predict


def evaluate(docs: list[dict], predict) -> tuple[AttributionScores, list]:
    """``predict(texts) -> list[list[claim dict]]`` is the extraction under test."""
    scores = AttributionScores()
    predictions = predict([d["text"] for d in docs])
    details = []
    for d, pred in zip(docs, predictions):
        m = score_document(d["text"], d["attributions"], pred, scores)
        details.append((d, pred, m))
    return scores, details
