"""Honest calibration of the linker's signal weights and threshold on Emergent pairs.

Folds are grouped by claim: all headlines of one claim fall in one fold, so a claim's
wording never helps score its own pairs. For each fold, the weights (each signal's
add-one smoothed precision where it fired) and the threshold (the lowest that keeps
precision at ``TARGET_PRECISION`` on the training folds) are chosen on the other folds
and applied to the held-out one. Reported: the mean out-of-fold precision, recall and
false-flag rate on ``for``; the dev-fit figures (chosen and scored on all pairs) only
beside them.

    claimlink eval stance --emergent ../shared/data/emergent/dev_pairs.csv --folds 5
"""

from __future__ import annotations

import random
from statistics import mean

from claimlink.linker.compare import compare_texts

#: Precision the threshold must keep on the training folds.
TARGET_PRECISION = 0.92
#: Thresholds tried, lowest first.
THRESHOLDS = tuple(round(0.5 + 0.025 * i, 3) for i in range(19))


def fired(nlp, pairs: list[dict]) -> list[frozenset[str]]:
    """Signal codes in the best verdict of each pair, whatever its score."""
    verdicts = compare_texts(nlp, [(p["claim"], p["headline"]) for p in pairs])
    return [frozenset(r.code for r in v.reasons) for v in verdicts]


def claim_folds(pairs: list[dict], k: int, seed: int = 13) -> list[int]:
    """Fold of each pair; the claims, not the pairs, are shuffled into ``k`` folds."""
    claims = sorted({p["claim"] for p in pairs})
    random.Random(seed).shuffle(claims)
    fold = {c: i % k for i, c in enumerate(claims)}
    return [fold[p["claim"]] for p in pairs]


def fit(codes: list[frozenset[str]], labels: list[str]) -> tuple[dict[str, float], float]:
    """Weights and threshold from these pairs."""
    seen: dict[str, list[int]] = {}
    for cs, label in zip(codes, labels):
        for c in cs:
            seen.setdefault(c, [0, 0])
            seen[c][0] += label == "against"
            seen[c][1] += 1
    weights = {c: (good + 1) / (n + 2) for c, (good, n) in seen.items()}
    best = THRESHOLDS[-1]
    for t in THRESHOLDS:
        s = score(codes, labels, weights, t)
        if s["flagged"] and s["precision"] >= TARGET_PRECISION:
            best = t
            break
    return weights, best


def combined(cs: frozenset[str], weights: dict[str, float]) -> float:
    miss = 1.0
    for c in cs:
        miss *= 1 - weights.get(c, 0.5)
    return 1 - miss


def score(codes, labels, weights, threshold) -> dict:
    tp = fp = fn = for_flags = n_for = 0
    for cs, label in zip(codes, labels):
        flag = bool(cs) and combined(cs, weights) >= threshold
        tp += flag and label == "against"
        fp += flag and label != "against"
        fn += (not flag) and label == "against"
        n_for += label == "for"
        for_flags += flag and label == "for"
    return {"flagged": tp + fp, "precision": tp / (tp + fp) if tp + fp else 0.0,
            "recall": tp / (tp + fn) if tp + fn else 0.0, "false_flag_rate_for": for_flags / n_for if n_for else 0.0}


def cross_validate(pairs: list[dict], codes: list[frozenset[str]], k: int = 5) -> dict:
    """Mean out-of-fold figures, with the dev-fit ones beside them."""
    labels = [p["stance"] for p in pairs]
    folds = claim_folds(pairs, k)
    per_fold = []
    for f in range(k):
        train = [i for i, x in enumerate(folds) if x != f]
        test = [i for i, x in enumerate(folds) if x == f]
        weights, threshold = fit([codes[i] for i in train], [labels[i] for i in train])
        s = score([codes[i] for i in test], [labels[i] for i in test], weights, threshold)
        per_fold.append({**s, "threshold": threshold})
    weights, threshold = fit(codes, labels)
    dev = score(codes, labels, weights, threshold)
    out = {"folds": k, "pairs": len(pairs)}
    for key in ("precision", "recall", "false_flag_rate_for"):
        out[f"oof_{key}"] = round(mean(s[key] for s in per_fold), 4)
    out["oof_thresholds"] = " ".join(str(s["threshold"]) for s in per_fold)
    for key in ("precision", "recall", "false_flag_rate_for"):
        out[f"dev_fit_{key}"] = round(dev[key], 4)
    out["dev_fit_threshold"] = threshold
    out["dev_fit_weights"] = " ".join(f"{c}={w:.3f}" for c, w in sorted(weights.items()))
    return out
