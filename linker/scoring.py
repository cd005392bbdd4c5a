"""The pair scorer: two claims in, a verdict with reasons out. Pure and cheap.

A pair is scored only when both claims can be checked (:func:`linkable`: statements of
fact by a named speaker; for the event signal alone, any claim that states an event outright,
:func:`~claimlink.linker.record.event_linkable`) and are not one speaker repeating or
updating itself. Claims published more than ``SHORT_RANGE_DAYS`` apart meet in the event
signal only. Then every
signal of the registry (:mod:`claimlink.linker.signals`) is asked in order; each found
signal is a :class:`Reason` with the signal's code. Several signals combine as
independent evidence: ``score = 1 - prod(1 - weight)``; a pair at or above ``THRESHOLD``
is flagged as a contradiction.

Every lexical signal first checks that the two claims are about the same proposition
(:mod:`claimlink.linker.proposition`), weighting shared terms by their specificity among
the store's claims (:class:`~claimlink.linker.proposition.TermStats`).
"""

from __future__ import annotations

from datetime import timedelta

from .proposition import UNIFORM, TermStats
from .record import NO_VERDICT, ClaimRecord, Reason, Verdict, active, event_linkable, linkable, same_speaker_of
from .signals import SHORT_RANGE_DAYS, SIGNALS, WEIGHTS, Pair

__all__ = ["LINKER_VERSION", "THRESHOLD", "ClaimRecord", "Reason", "Verdict", "linkable", "same_speaker_of",
           "score_pair"]

#: Changes whenever the rules change. Links keep the version that made them.
LINKER_VERSION = "2.5"
#: sha256 of the linker's rule files (tests/test_versions.py).
LINKER_RULES_SHA256 = "ac75433dbb6d25ca7627a8585343946778b0fbaa11e7fc829d82940e1f30cd5f"
#: A pair is flagged as a contradiction at or above this score (calibrated with
#: ``claimlink eval stance --folds 5``; see README "Linker calibration").
THRESHOLD = 0.75
SHORT_RANGE = timedelta(days=SHORT_RANGE_DAYS)


def _answers(a: ClaimRecord, b: ClaimRecord) -> bool:
    """One answers with a bare "No," ("X ahead? No, says Y"): an explicit refutation,
    which may meet a prediction; a later "did not" is an outcome, not a refutation."""
    return any(n.kind == "refutation" for r in (a, b) for n in r.features.negation)


def score_pair(a: ClaimRecord, b: ClaimRecord, stats: TermStats = UNIFORM) -> Verdict:
    """Score ``b`` (the newer claim) against ``a``."""
    if a.id == b.id or not (active(a) or active(b)):
        return NO_VERDICT
    full = linkable(a) and linkable(b)
    if not full and not (event_linkable(a) and event_linkable(b)):
        return NO_VERDICT
    same = same_speaker_of(a, b)
    denial = a.stance == "denies" or b.stance == "denies"
    if same and (a.article_id == b.article_id or not denial):
        return NO_VERDICT  # a speaker repeating or updating itself
    pair = Pair(a, b, stats, same)
    types = {a.features.claim_type, b.features.claim_type}
    facts = types == {"fact"}
    far = a.published is not None and b.published is not None and abs(a.published - b.published) > SHORT_RANGE
    reasons: list[Reason] = []
    for signal in SIGNALS:
        if (not full and not signal.any_type) or (far and not signal.long_range):
            continue  # only the event signal reads claims of other types, or far apart
        if not facts and not (signal.explicit and (signal.code != "negation" or types == {"prediction"}
                                                   or _answers(a, b))):
            continue  # a prediction meets a refutation, or the opposite prediction
        if signal.booster and not reasons:
            continue
        if signal.cross_article and not pair.cross_article:
            continue
        if signal.exclusive_with and any(r.code in signal.exclusive_with for r in reasons):
            continue
        if not (signal.needs(a) or signal.needs(b)):
            continue
        reasons.extend(signal.detect(pair))
    if not reasons:
        return NO_VERDICT
    miss = 1.0
    for code in {r.code for r in reasons}:
        miss *= 1 - WEIGHTS[code]
    score = round(1 - miss, 4)
    return Verdict("contradicts" if score >= THRESHOLD else "none", score, reasons)
