"""Calibrate the linker's signal weights: precision of each signal where it fires on
Emergent pairs, add-one smoothed. Prints a table; the weights in linker/scoring.py are
copied from it by hand (and say so).

    python -m claimlink.evaluation.calibrate ../shared/data/emergent/dev_pairs.csv
"""

from __future__ import annotations

import sys
from collections import Counter

from claimlink.evaluation.stance import load_emergent
from claimlink.extractors import load_pipeline
from claimlink.linker.compare import compare_texts


def calibrate(path: str) -> dict[str, tuple[int, int, float]]:
    pairs = load_emergent(path)
    verdicts = compare_texts(load_pipeline(), [(p["claim"], p["headline"]) for p in pairs])
    fired, right = Counter(), Counter()
    for p, v in zip(pairs, verdicts):
        for code in {r.code for r in v.reasons}:
            fired[code] += 1
            right[code] += p["stance"] == "against"
    return {c: (right[c], fired[c], round((right[c] + 1) / (fired[c] + 2), 3)) for c in sorted(fired)}


if __name__ == "__main__":  # pragma: no cover - a command
    if len(sys.argv) != 2:
        sys.exit("usage: python -m claimlink.evaluation.calibrate EMERGENT_PAIRS.csv")
    for code, (good, total, weight) in calibrate(sys.argv[1]).items():
        print(f"{code:16} {good:4}/{total:<4} smoothed precision {weight}")
