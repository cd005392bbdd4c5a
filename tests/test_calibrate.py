"""Out-of-fold calibration on made-up pairs: folds are grouped by claim, and the held-out
fold is scored with weights chosen on the others."""

from claimlink.evaluation.calibrate import claim_folds, cross_validate, fit, score


def _pairs():
    pairs, codes = [], []
    for c in range(20):
        for h in range(5):
            against = h < 2
            pairs.append({"claim": f"claim {c}", "headline": f"headline {c}.{h}",
                          "stance": "against" if against else "for"})
            # "strong" fires on every against pair; "weak" on one for pair per claim
            codes.append(frozenset({"strong"}) if against else frozenset({"weak"}) if h == 4 else frozenset())
    return pairs, codes


def test_a_claims_pairs_stay_in_one_fold():
    pairs, _ = _pairs()
    folds = claim_folds(pairs, 5)
    by_claim = {}
    for p, f in zip(pairs, folds):
        by_claim.setdefault(p["claim"], set()).add(f)
    assert all(len(fs) == 1 for fs in by_claim.values())
    assert set(folds) == set(range(5))


def test_fit_keeps_precise_signals_and_drops_noisy_ones():
    pairs, codes = _pairs()
    weights, threshold = fit(codes, [p["stance"] for p in pairs])
    assert weights["strong"] > 0.95 and weights["weak"] < 0.1
    s = score(codes, [p["stance"] for p in pairs], weights, threshold)
    assert s["precision"] == 1.0 and s["recall"] == 1.0 and s["false_flag_rate_for"] == 0.0


def test_cross_validation_reports_out_of_fold_beside_dev_fit():
    pairs, codes = _pairs()
    out = cross_validate(pairs, codes, 5)
    assert out["oof_precision"] == 1.0 and out["oof_recall"] == 1.0
    assert out["dev_fit_precision"] == 1.0 and "weak=" in out["dev_fit_weights"]
