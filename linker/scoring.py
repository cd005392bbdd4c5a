"""The pair scorer: two claims in, a verdict with reasons out. Pure and cheap.

A pair is scored only when both claims can be checked (:func:`linkable`: statements of
fact by a named speaker) and are not one speaker repeating or updating itself. Then every
signal of the registry (:mod:`claimlink.linker.signals`) is asked in order; each found
signal is a :class:`Reason` with the signal's code. Several signals combine as
independent evidence: ``score = 1 - prod(1 - weight)``; a pair at or above ``THRESHOLD``
is flagged as a contradiction.

Every lexical signal first checks that the two claims are about the same proposition
(:mod:`claimlink.linker.proposition`), weighting shared terms by their specificity among
the store's claims (:class:`~claimlink.linker.proposition.TermStats`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from claimlink.extractors.lexicon import DESCRIPTION_HEADS
from claimlink.extractors.speakers import same_speaker

from .proposition import UNIFORM, TermStats
from .record import Features

#: Changes whenever the rules change. Links keep the version that made them.
LINKER_VERSION = "2.0"
#: A pair is flagged as a contradiction at or above this score (calibrated with
#: ``claimlink eval stance --folds 5``; see README "Linker calibration").
LINKER_RULES_SHA256 = "to be recorded"
THRESHOLD = 0.75
#: Claim types that can be linked: statements of fact, and predictions, which only an
#: explicit refutation of the same prediction contradicts ("No, X will not happen", "the
#: report that X will happen is fake"), never a later outcome (see ``Signal.explicit``).
LINKABLE_TYPES = frozenset({"fact", "prediction"})
#: Content words a stored claim needs to be linked at all ("Trump", "the White House"
#: alone is an object, not a claim).
MIN_TERMS = 2


@dataclass(slots=True)
class ClaimRecord:
    """What the scorer needs of a stored claim. ``features`` may be given as the stored
    JSON; it is read into :class:`Features` once."""

    id: int
    speaker_name: str | None
    speaker_key: str | None
    stance: str
    content: str
    features: Features
    target_speaker: str | None = None
    published: datetime | None = None
    article_id: int | None = None
    sentence_start: int | None = None
    _linkable: bool | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        if not isinstance(self.features, Features):
            self.features = Features.from_json(self.features)

    @property
    def who(self) -> str:
        return self.speaker_name or "an unnamed source"


@dataclass(slots=True)
class Reason:
    code: str
    text: str

    def to_dict(self) -> dict:
        return {"code": self.code, "text": self.text}


@dataclass(slots=True)
class Verdict:
    relation: str
    score: float
    reasons: list[Reason] = field(default_factory=list)

    @property
    def flagged(self) -> bool:
        return self.relation == "contradicts"


NO_VERDICT = Verdict("none", 0.0)


def linkable(r: ClaimRecord) -> bool:
    """Can this claim take part in a contradiction? A statement of fact (a denial is
    one), not a question, with some content; a stored claim (one with an article) also
    needs a speaker that is a person, body or group rather than a dateline or a note."""
    if r._linkable is None:
        f = r.features
        ok = f.claim_type in LINKABLE_TYPES and not f.question and len(f.terms) >= MIN_TERMS
        if ok and r.article_id is not None:
            ok = _real_speaker(r)
        r._linkable = ok
    return r._linkable


#: Words that make a "speaker" a part of the page rather than a source.
NOT_SPEAKERS = frozenset("note editor's editors update correction photo caption disclaimer".split())


def _real_speaker(r: ClaimRecord) -> bool:
    name = (r.speaker_name or r.speaker_key or "").strip()
    if not name:
        return False
    words = name.lower().replace("’", "'").split()
    if any(w.strip(":") in NOT_SPEAKERS for w in words):
        return False
    # "PHILADELPHIA": a dateline in capitals, not a speaker
    if name.isupper() and len(name) > 4:
        return False
    # a named person, body, group or place, or a body described by its role ("general
    # staff of Ukraine"): not "day", "email", "60 percent", "results of Iowa", "plea of GOP"
    head = name.lower().split(" of ")[0].split()[-1] if name else ""
    return r.features.speaker_label in SPEAKER_LABELS and (name[:1].isupper() or head in BODY_HEADS)


#: Heads of descriptions that name a body or an office holder.
BODY_HEADS = DESCRIPTION_HEADS | frozenset("""
staff ministry government office army military command council committee agency service court police
prosecutor prosecutors officials spokesmen leaders
""".split())


#: Entity labels of speakers whose claims are linked.
SPEAKER_LABELS = frozenset({"PERSON", "ORG", "NORP", "GPE"})


def same_speaker_of(a: ClaimRecord, b: ClaimRecord) -> bool:
    ka, kb = a.speaker_key, b.speaker_key
    if not ka or not kb:
        # Unnamed sources in one article: "prosecutors", "Federal prosecutors" and
        # "Prosecutors" are the same people when the head noun is the same.
        if a.article_id is not None and a.article_id == b.article_id and a.speaker_name and b.speaker_name:
            return a.speaker_name.lower().rsplit(" ", 1)[-1] == b.speaker_name.lower().rsplit(" ", 1)[-1]
        return False
    if ka == kb:
        return True
    return ka.rsplit(" ", 1)[-1] == kb.rsplit(" ", 1)[-1] and same_speaker(ka, kb)


def score_pair(a: ClaimRecord, b: ClaimRecord, stats: TermStats = UNIFORM) -> Verdict:
    """Score ``b`` (the newer claim) against ``a``."""
    from .signals import SIGNALS, Pair

    if a.id == b.id or not (linkable(a) and linkable(b)):
        return NO_VERDICT
    same = same_speaker_of(a, b)
    denial = a.stance == "denies" or b.stance == "denies"
    if same and (a.article_id == b.article_id or not denial):
        return NO_VERDICT  # a speaker repeating or updating itself
    pair = Pair(a, b, stats, same)
    types = {a.features.claim_type, b.features.claim_type}
    facts = types == {"fact"}
    reasons: list[Reason] = []
    for signal in SIGNALS:
        if not facts and not (signal.explicit and (signal.code != "negation" or types == {"prediction"})):
            continue  # a prediction meets a refutation, or the opposite prediction
        if signal.booster and not reasons:
            continue
        if signal.cross_article and not pair.cross_article:
            continue
        if signal.exclusive_with and any(r.code in signal.exclusive_with for r in reasons):
            continue
        reasons.extend(signal.detect(pair))
    if not reasons:
        return NO_VERDICT
    weights = {s.code: s.weight for s in SIGNALS}
    miss = 1.0
    for code in {r.code for r in reasons}:
        miss *= 1 - weights[code]
    score = round(1 - miss, 4)
    return Verdict("contradicts" if score >= THRESHOLD else "none", score, reasons)
