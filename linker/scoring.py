"""The pair scorer: two claims in, a verdict with reasons out. Pure and cheap.

Signals, most precise first. Each has a calibrated weight: the share of pairs it fired on
that were true contradictions in development data (Emergent dev and the seed article;
see README "Linker calibration"). Several signals combine as independent evidence:
``score = 1 - prod(1 - w)``.

- ``refutes_speaker``: one claim denies the other's speaker ("denied Gerasimov's claims"),
  or answers that denial in the same sentence, and both are about the same subject.
- ``denies_content``: one claim denies a proposition that the other asserts.
- ``exclusive``: the two fill one slot with values that exclude each other (control of
  Kupiansk: Russia vs Ukraine; status of X: dead vs alive; decision on X).
- ``polarity``: the same predicate on the same arguments, negated in one claim only.
- ``numbers``: the same counted thing with different figures, from different speakers.

Never flagged: claims by one speaker against itself (it repeats or updates itself), and
pairs that share no subject.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from claimlink.extractors.speakers import same_speaker

from .features import ANTONYMS, FALSITY, STORY_NOUNS
from .gazetteer import is_party

#: Bumped when the linking rules change; the hash is of the rule files (tests/test_versions.py).
LINKER_VERSION = "1.0"
LINKER_RULES_SHA256 = "d204aafb31939c0384f87da63a56f9f12ee9b734ce0fef1e0e693226426a31e0"


def _antonym_keys() -> frozenset:
    return frozenset(ANTONYMS)
#: Calibrated weights: the precision of each signal where it fired on Emergent dev
#: (claim/headline pairs; `python -m claimlink.evaluation.calibrate`), add-one smoothed so that a
#: signal seen few times does not claim certainty. ``refutes_speaker`` and ``exclusive``
#: never fire on claim/headline pairs (they need speakers and frames): their weights are
#: priors, checked on the seed article only. ``numbers`` alone never flags.
WEIGHTS = {
    "refutes_speaker": 0.95,   # prior
    "exclusive": 0.9,          # prior
    "falsity": 0.956,          # 86/89 on Emergent dev
    "polarity": 0.957,         # 21/21
    "denies_content": 0.903,   # 27/29
    "negation": 0.882,         # 29/32
    "doubt": 0.8,              # 3/3
    "numbers": 0.6,            # prior; below THRESHOLD on its own
}
#: A pair is flagged as a contradiction at or above this score.
THRESHOLD = 0.75



@dataclass(slots=True)
class ClaimRecord:
    """What the scorer needs of a stored claim."""

    id: int
    speaker_name: str | None
    speaker_key: str | None
    stance: str
    content: str
    features: dict
    target_speaker: str | None = None
    published: datetime | None = None
    article_id: int | None = None
    sentence_start: int | None = None
    _topic: frozenset | None = field(default=None, repr=False, compare=False)
    _active: bool | None = field(default=None, repr=False, compare=False)
    _polar: tuple | None = field(default=None, repr=False, compare=False)

    @property
    def who(self) -> str:
        return self.speaker_name or "an unnamed source"

    @property
    def polar(self) -> tuple[frozenset, frozenset, frozenset]:
        """(asserted, negated, asserted antonym pairs as (p, antonym)), computed once."""
        if self._polar is None:
            asserted = frozenset(self.features.get("asserted", ()))
            self._polar = (asserted, frozenset(self.features.get("negated", ())),
                           frozenset((p, ANTONYMS[p]) for p in asserted if p in ANTONYMS))
        return self._polar

    @property
    def topic(self) -> frozenset:
        """Content lemmas and entities, computed once."""
        if self._topic is None:
            self._topic = frozenset(self.features.get("lemmas", ())) | frozenset(self.features.get("ents", ()))
        return self._topic


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


_ANTONYM_KEYS = _antonym_keys()


def _display(key: str) -> str:
    return key.title() if is_party(key) or key.islower() else key


def _same_speaker(a: ClaimRecord, b: ClaimRecord) -> bool:
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


def _subject_overlap(a: ClaimRecord, b: ClaimRecord) -> set[str]:
    ea = set(a.features.get("ents", [])) | set(a.features.get("ctx", []))
    eb = set(b.features.get("ents", [])) | set(b.features.get("ctx", []))
    return ea & eb


def _refutation(a: ClaimRecord, b: ClaimRecord) -> Reason | None:
    """``b`` denies ``a``'s speaker, or answers that denial, on a shared subject."""
    if not a.speaker_key and not a.speaker_name:
        return None
    target = b.target_speaker if b.stance == "denies" else None
    rebuts = b.features.get("rebuts")
    hit = (target and (same_speaker(target, a.speaker_name) or same_speaker(target, a.speaker_key))) or \
          (rebuts and (same_speaker(rebuts, a.speaker_key) or same_speaker(rebuts, a.speaker_name)))
    if not hit:
        return None
    shared = _subject_overlap(a, b)
    # A country or bloc is too broad a subject: "denied X's claims" with Kupiansk in the
    # sentence meets X's claims about Kupiansk, not everything X said about Ukraine.
    if not (len(shared) >= 2 or any(not is_party(e) for e in shared)):
        return None
    return Reason("refutes_speaker", f"{b.who} denies a claim by {a.who}")


def _words(text: str) -> set[str]:
    import re

    stop = {"the", "a", "an", "of", "to", "in", "on", "and", "or", "that", "is", "was", "were", "be",
            "has", "have", "had", "for", "with", "by", "at", "it", "its", "as", "from", "not", "no"}
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in stop and len(w) > 2}


def _content_denial(a: ClaimRecord, b: ClaimRecord) -> Reason | None:
    """``b`` denies a proposition that overlaps what ``a`` asserts ("denies taking a
    selfie" against "the doctor took a selfie")."""
    if b.stance != "denies" or a.stance != "asserts":
        return None
    if b.target_speaker and not b.features.get("target_text"):
        return None  # "denied Gerasimov's claims": a refutation of a speaker, scored as such
    shared = _topic(a, b) - _speaker_words(b)
    if not shared:
        return None
    return Reason("denies_content", f"{b.who} denies that {_gist(a)}")


def _speaker_words(r: ClaimRecord) -> set[str]:
    import re

    return set(re.findall(r"\w+", (r.speaker_name or "").lower()))


def _gist(r: ClaimRecord, words: int = 12) -> str:
    parts = r.content.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def _negation(a: ClaimRecord, b: ClaimRecord) -> Reason | None:
    """``b`` negates ``a``'s own predicate: the same predicate ("al-Baghdadi not dead" /
    "was killed"), or a copula whose clause is ``a``'s topic ("the woman is not his
    wife" / "his wife was detained"). ``a`` itself negates nothing."""
    if a.features.get("negation") or a.features.get("negated") or a.stance == "denies" \
            or a.features.get("question"):
        return None
    lemmas_a = set(a.features.get("lemmas", [])) | set(a.features.get("ents", []))
    for pred, kind, clause in b.features.get("negation") or []:
        shared = lemmas_a & set(clause)
        need = NEGATION_OVERLAP.get(kind)
        # a long negated clause must be mostly about the claim, not share two names with it
        covered = len(shared) / (len(clause) or 1) >= NEGATION_SHARE
        if (need is not None and len(shared) >= need and covered) or \
                (not kind and pred in lemmas_a and _topic(a, b) - {pred}):
            return Reason("negation", f"{b.who} says it is not so: {_gist(b)}")
    return None


#: Shared content words a negation needs with the claim it negates, by how it negates:
#: a copula ("is not his wife"), a speech verb ("did not say"), a verbless headline
#: ("students not among dead"), "no X" ("no threats were made") or a leading "No," that
#: refuses the claim outright.
NEGATION_OVERLAP = {"copula": 2, "speech": 2, "ellipsis": 2, "refutation": 2, "existential": 2}
#: ... and those shared words must be at least this share of the negated clause's words.
NEGATION_SHARE = 0.25


def _doubt(a: ClaimRecord, b: ClaimRecord) -> Reason | None:
    terms = b.features.get("doubt") or []
    if not terms or a.features.get("doubt") or not _about(a, b):
        return None
    return Reason("doubt", f"{b.who} casts doubt on it ({terms[0]})")


def _exclusive(a: ClaimRecord, b: ClaimRecord) -> list[Reason]:
    out = []
    for fa in a.features.get("frames", []):
        for fb in b.features.get("frames", []):
            if fa[0] != fb[0] or fa[1] != fb[1] or fa[2] == fb[2]:
                continue
            va, vb = fa[2], fb[2]
            # "not russia" vs "ukraine" says nothing; "not russia" vs "russia" conflicts
            if va.startswith("not ") or vb.startswith("not "):
                if va.removeprefix("not ") != vb.removeprefix("not "):
                    continue
            slot = fa[3]
            out.append(Reason("exclusive", f"{slot}: {_display(va)} vs {_display(vb)}"))
    return out


def _topic(a: ClaimRecord, b: ClaimRecord) -> set[str]:
    """Content lemmas and entities the two claims share."""
    return a.topic & b.topic


#: Topic words of a judgement short enough that one shared word ties it to a claim.
SHORT_JUDGEMENT = 10


def _about(claim: ClaimRecord, judgement: ClaimRecord) -> bool:
    """Is ``judgement`` about what ``claim`` says? They must share two subject words, or
    one that is not a name. The vocabulary of judging ("report", "story", "hoax") does
    not count, so "the report was a hoax" is not about every claim that mentions a
    report, and one shared name is not about every claim that names it."""
    shared = (claim.topic & judgement.topic) - STORY_NOUNS - FALSITY - _JUDGING
    names = set(claim.features.get("ents", ())) | set(judgement.features.get("ents", ()))
    # One shared name alone is every story about that name. A short judgement (a
    # headline: "3-boobed woman a fake") is tied to a claim by one shared word besides
    # names; a longer one says more, and must share more.
    if len(shared) >= 2:
        return True
    return bool(shared - names) and len(judgement.topic) <= SHORT_JUDGEMENT


_JUDGING = frozenset("claim say report rumor rumour doubt question true real".split())


def _polarity(a: ClaimRecord, b: ClaimRecord) -> Reason | None:
    """The same predicate asserted by one claim and negated by the other, on a shared
    subject ("the Batmobile was stolen" / "Batmobile not stolen"), or antonyms ("dead" /
    "alive")."""
    pa, pb = a.polar, b.polar
    if not ((pa[0] and (pb[1] or pb[2])) or (pb[0] and (pa[1] or pa[2]))):
        return None
    if a.features.get("question") or b.features.get("question"):
        return None
    for x, y, px, py in ((a, b, pa, pb), (b, a, pb, pa)):
        flipped = (px[0] & py[1]) - px[1]
        if flipped:
            pred = min(flipped)
            if _topic(x, y) - {pred}:
                return Reason("polarity", f"{x.who} says it did {pred}; {y.who} says it did not")
        opposed = px[2] & {(q, p) for p, q in py[2]}
        if opposed and _topic(x, y):
            p, q = min(opposed)
            return Reason("polarity", f"{x.who} says {p}; {y.who} says {q}")
    return None


def _falsity(a: ClaimRecord, b: ClaimRecord) -> Reason | None:
    """``b`` calls the story false (hoax, fake, not true) on ``a``'s subject."""
    if not b.features.get("falsity") or a.features.get("falsity") or not _about(a, b):
        return None
    lemmas_a = set(a.features.get("lemmas", []))
    # "hoax" judges the story; "false theft" judges a theft, which must be a's.
    terms = [t.replace("@", " ") for t in b.features.get("falsity") or []
             if "@" not in t or t.split("@")[1] in lemmas_a]
    if not terms:
        return None
    return Reason("falsity", f"{b.who} calls it {terms[0]}")


def _numbers(a: ClaimRecord, b: ClaimRecord) -> Reason | None:
    na = {}
    for lemma, value in a.features.get("nums", []):
        na.setdefault(lemma, set()).add(value)
    for lemma, value in b.features.get("nums", []):
        if lemma in na and value not in na[lemma] and lemma not in ("year", "percent", "%"):
            other = sorted(na[lemma])[0]
            return Reason("numbers", f"{lemma}: {_fmt(other)} ({a.who}) vs {_fmt(value)} ({b.who})")
    return None


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if v == int(v) else f"{v:,}"


def active(r: ClaimRecord) -> bool:
    if r._active is None:
        r._active = _active(r)
    return r._active


def _active(r: ClaimRecord) -> bool:
    """Can this claim take part in any signal? A plain assertion with no negation, frame,
    judgement or denial can only contradict a claim that has one. (Numbers alone stay
    below the flag threshold; they only add to other evidence.)"""
    f = r.features
    return bool(r.stance == "denies" or f.get("rebuts") or f.get("frames") or f.get("negated")
                or f.get("negation") or f.get("falsity") or f.get("doubt")
                or any(p in _ANTONYM_KEYS for p in f.get("asserted", ())))


def score_pair(a: ClaimRecord, b: ClaimRecord) -> Verdict:
    """Score ``b`` (the newer claim) against ``a``. Symmetric in the signals it uses."""
    if a.id == b.id or not (active(a) or active(b)):
        return NO_VERDICT
    same = _same_speaker(a, b)
    denial = a.stance == "denies" or b.stance == "denies"
    if same and (a.article_id == b.article_id or not denial):
        return NO_VERDICT  # a speaker repeating or updating itself
    reasons: list[Reason] = []
    fa, fb = a.features, b.features
    if denial or fa.get("rebuts") or fb.get("rebuts"):
        for x, y in ((a, b), (b, a)):
            r = _refutation(x, y)
            if r and all(r.code != q.code for q in reasons):
                reasons.append(r)
        for x, y in ((a, b), (b, a)):
            r = _content_denial(x, y)
            if r and all(r.code != q.code for q in reasons):
                reasons.append(r)
    if fa.get("frames") and fb.get("frames"):
        reasons.extend(_exclusive(a, b))
    if (fa.get("falsity") or fb.get("falsity")) and (a.article_id is None or a.article_id != b.article_id):
        for x, y in ((a, b), (b, a)):
            r = _falsity(x, y)
            if r and all(r.code != q.code for q in reasons):
                reasons.append(r)
    # Within one article only explicit signals count: a report is consistent with itself
    # unless it sets two sides against each other (a denial, two values for one slot).
    lexical = a.article_id is None or a.article_id != b.article_id
    if not reasons and lexical:
        r = _polarity(a, b)
        if r:
            reasons.append(r)
    if not reasons and lexical and (fa.get("negation") or fb.get("negation") or fa.get("doubt") or fb.get("doubt")):
        for x, y in ((a, b), (b, a)):
            r = _negation(x, y) or _doubt(x, y)
            if r:
                reasons.append(r)
                break
    if not reasons:
        return NO_VERDICT
    if not same and fa.get("nums") and fb.get("nums"):
        # numbers alone stay below the threshold; they add to other evidence
        r = _numbers(a, b)
        if r and _subject_overlap(a, b):
            reasons.append(r)
    miss = 1.0
    for code in {r.code for r in reasons}:
        miss *= 1 - WEIGHTS[code]
    score = round(1 - miss, 4)
    return Verdict("contradicts" if score >= THRESHOLD else "none", score, reasons)


NO_VERDICT = Verdict("none", 0.0)
