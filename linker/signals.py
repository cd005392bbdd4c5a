"""The registry of contradiction signals: one entry per kind of evidence.

Each :class:`Signal` has a code (the name in every reason it gives), a weight (its
calibrated precision, see README "Linker calibration"), a detector (a pair in, reasons
out) and the blocking key families it needs (:mod:`claimlink.linker.blocking`), so that
a new signal is one entry here. Signals are tried in order, most precise first.

Every lexical detector first asks :func:`~claimlink.linker.proposition.same_proposition`
and names the matched proposition in its reason ("both about: control kupiansk").
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Callable, Iterator

from claimlink.extractors.speakers import same_speaker

from .events import event_polarity
from .gazetteer import is_party
from .lexicon import ANTONYMS, REFUTING_VERBS
from .proposition import JUDGING_WORDS, Match, TermStats, aligned_parse, same_proposition
from .record import ClaimRecord, Reason, name_key


#: Share of the specificity of what a claim denies or judges that the other must carry.
TARGET_COVER = 0.5
#: ... and share of the specificity of the claim denied or judged that must be in it.
CLAIM_COVER = 0.4
#: Content terms above which a claim states too much for a lexical signal (a headline
#: or a one-clause claim has fewer; a long quote mixes several propositions).
LEXICAL_MAX_TERMS = 10
#: Content terms up to which a headline (an unattributed text, as ``claimlink compare``
#: reads one) may pair on shared words alone: its parse is unreliable ("Batmobile NOT
#: stolen"). Attributed claims (every stored claim that is linked) pair only when their
#: parses align.
HEADLINE_TERMS = 14
#: Share of both claims' specificity (Dice) a lexical signal needs.
LEXICAL_DICE = 0.3


@dataclass(frozen=True, slots=True)
class Pair:
    a: ClaimRecord  # the earlier claim
    b: ClaimRecord  # the newer claim
    stats: TermStats
    same_speaker: bool

    @property
    def cross_article(self) -> bool:
        return self.a.article_id is None or self.a.article_id != self.b.article_id

    def orders(self) -> Iterator[tuple[ClaimRecord, ClaimRecord]]:
        yield self.a, self.b
        yield self.b, self.a

    def lexical(self, x: ClaimRecord, y: ClaimRecord) -> Match | None:
        """A match for a lexical signal (no one denies or judges anything; the words
        alone oppose): most of *both* claims must be shared, not just of the shorter.
        Two attributed claims must also be short enough to state one proposition and
        their parses must align; a headline (an unattributed text) pairs on its words."""
        headline = x.speaker_name is None or y.speaker_name is None
        longest = max(len(x.features.terms), len(y.features.terms))
        if longest > (HEADLINE_TERMS if headline else LEXICAL_MAX_TERMS):
            return None
        if not headline and not aligned_parse(x.features, y.features):
            return None
        m = self.match(x, y)
        if m is None and headline:
            return self.headline(x, y)
        # a headline adds words of its own ("Relax, X was not arrested and exposed as
        # ..."): its aligned subject and predicate are enough
        return m if m is not None and (headline or m.dice >= LEXICAL_DICE) else None

    def headline(self, x: ClaimRecord, y: ClaimRecord, judgement: bool = False) -> Match | None:
        """Is the headline ``y`` (unattributed, short) about what ``x`` says? Headlines
        drop subjects and verbs ("3-boobed woman a fake"), so: two shared content words,
        or one that is not a name when the headline is short. A short headline that
        judges (``judgement``: "The X account is a fake") may also share just the name
        that is ``x``'s subject."""
        if y.speaker_name is not None or len(y.features.terms) > HEADLINE_TERMS:
            return None
        shared = (x.features.terms & y.features.terms) - JUDGING_WORDS
        names = {name_key(e) for e in x.features.ents + y.features.ents}
        short = len(y.features.terms) <= SHORT_HEADLINE
        subject = {name_key(k) for k in x.features.prop.subj} & names
        if len(shared) >= 2 or (shared - names and short) or (judgement and short and shared & subject):
            w = self.stats.weight(shared)
            return Match(frozenset(shared), round(w, 2), 0.0, " ".join(sorted(shared)))
        return None

    def match(self, x: ClaimRecord, y: ClaimRecord, terms=None) -> Match | None:
        """Same proposition; with ``terms`` (what ``y`` denies or judges), most of those
        terms must be found in ``x``."""
        m = same_proposition(x.features, y.features, self.stats,
                             b_terms=frozenset(terms) if terms is not None else None)
        if m is not None and terms is not None and (m.cover_b < TARGET_COVER or m.cover_a < CLAIM_COVER
                                                    or len(m.shared) < 2):
            return None
        return m


#: Days apart within which every signal may pair two claims; beyond, only a
#: ``long_range`` signal (a state may change in a month, an event done stays done).
SHORT_RANGE_DAYS = 30
#: Across articles a denial refutes only claims published before it, or within this lag
#: (a report of the claim may appear a day after the denial it prompted).
ANSWER_LAG = timedelta(days=2)


@dataclass(frozen=True, slots=True)
class Signal:
    code: str
    weight: float
    detect: Callable[[Pair], list[Reason]]
    #: blocking key families the signal needs candidates from
    keys: tuple[str, ...]
    #: only between articles: within one, a report is consistent with itself unless it
    #: sets two sides against each other (a denial, two values for one slot)
    cross_article: bool = False
    #: adds to other evidence only, never flags alone
    booster: bool = False
    #: not tried when one of these already gave a reason
    exclusive_with: tuple[str, ...] = ()
    #: an explicit refutation (a denial, a call of falsity, a negation of the same
    #: proposition): the only kind that may meet a prediction
    explicit: bool = False
    #: a cheap test on one claim: the signal can fire only if it holds for either side
    needs: Callable[[ClaimRecord], bool] = lambda r: True
    #: also pairs claims that are not statements of fact (:func:`~claimlink.linker.record.event_linkable`)
    any_type: bool = False
    #: also pairs claims published more than ``SHORT_RANGE_DAYS`` apart (blocking keeps
    #: its candidates longer, see :data:`~claimlink.linker.blocking.LONG_FAMILIES`)
    long_range: bool = False


def _about(m: Match | None, x: ClaimRecord | None = None, y: ClaimRecord | None = None) -> str:
    """" (both about: ...)": the slot both fill when they share one ("control of
    Kupiansk"), else the shared terms."""
    if x is not None and y is not None:
        slots = {(f.kind, f.slot): f.label for f in y.features.frames}
        label = next((slots[(f.kind, f.slot)] for f in x.features.frames if (f.kind, f.slot) in slots), None)
        if label:
            return f" (both about: {label})"
    return f" (both about: {m.label})" if m and m.label else ""


# -- detectors ------------------------------------------------------------------------------
def refutes_speaker(p: Pair) -> list[Reason]:
    """One claim denies the other's speaker ("denied Gerasimov's claims"), or answers
    that denial in the same sentence ("... and said Kyiv's forces remain in control"),
    scoped to what was denied: the denied clause or topic must match the claim. A denial
    whose target proposition cannot be recovered counts only within one article, where
    both stand in one report about one subject."""
    for x, y in p.orders():
        fy = y.features
        if not (x.speaker_key or x.speaker_name):
            continue
        target = y.target_speaker if y.stance == "denies" and fy.denies_statement else None
        by_target = bool(target) and (same_speaker(target, x.speaker_name) or same_speaker(target, x.speaker_key))
        by_rebuttal = bool(fy.rebuts) and (same_speaker(fy.rebuts, x.speaker_key)
                                           or same_speaker(fy.rebuts, x.speaker_name))
        if not (by_target or by_rebuttal):
            continue
        if p.cross_article and x.published and y.published and x.published - y.published > ANSWER_LAG:
            continue  # a denial answers what was said before it, not a claim made weeks later
        m = None
        if by_target and fy.target_terms:
            m = p.match(x, y, fy.target_terms + fy.prop.subj)
        elif by_target and fy.about_terms:
            m = _topic_match(x, fy.about_terms, p.stats)
        elif by_rebuttal:
            m = p.match(x, y)
        if m is None:
            if p.cross_article or (by_target and (fy.target_terms or fy.about_terms)):
                continue
            shared = set(x.features.ents) & (set(fy.ents) | set(fy.ctx))
            # A country or bloc is too broad a subject, and the denied speaker's name is
            # in both: "denied X's claims" with Kupiansk in the sentence meets X's
            # claims about Kupiansk only.
            named = set(f"{x.speaker_name or ''} {x.speaker_key or ''}".lower().split())
            specific = sorted(e for e in shared if not is_party(e) and not set(e.split()) & named)
            if not specific:
                continue
            return [Reason("refutes_speaker", f"{y.who} denies a claim by {x.who} (both about: {specific[0]})")]
        return [Reason("refutes_speaker", f"{y.who} denies a claim by {x.who}{_about(m, x, y)}")]
    return []


def _topic_match(x: ClaimRecord, about: tuple[str, ...], stats: TermStats) -> Match | None:
    """"remarks about Muslims": ``x`` is about that topic when the topic's specific
    terms are among its terms."""
    topic = set(about) - JUDGING_WORDS
    shared = topic & x.features.terms
    if not topic or len(shared) < max(1, len(topic) // 2):
        return None
    return Match(frozenset(shared), round(stats.weight(shared), 2), 1.0, " ".join(sorted(shared)))


def denies_content(p: Pair) -> list[Reason]:
    """One claim denies a proposition the other asserts ("denies taking a selfie"
    against "the doctor took a selfie"; "denied that P" against P)."""
    for x, y in p.orders():
        fy = y.features
        if y.stance != "denies" or x.stance != "asserts" or not fy.denies_statement:
            continue
        if y.target_speaker and not fy.target_terms:
            continue  # "denied Gerasimov's claims": scoped by refutes_speaker
        # "X denies taking a selfie": the denier is the subject of what is denied
        m = p.match(x, y, fy.target_terms + fy.prop.subj) if fy.target_terms else None
        if m is None:
            m = p.headline(x, y)  # a headline denial ("Studio denies Batmobile theft")
        if m is not None:
            return [Reason("denies_content", f"{y.who} denies that {_gist(x)}{_about(m)}")]
    return []


def exclusive(p: Pair) -> list[Reason]:
    """The two fill one slot with values that exclude each other (control of Kupiansk:
    Russia vs Ukraine; status of X: dead vs alive; decision on X)."""
    out = []
    for fa in p.a.features.frames:
        for fb in p.b.features.frames:
            if fa.kind != fb.kind or fa.slot != fb.slot or fa.value == fb.value:
                continue
            va, vb = fa.value, fb.value
            # "not russia" vs "ukraine" says nothing; "not russia" vs "russia" conflicts
            if (va.startswith("not ") or vb.startswith("not ")) and va.removeprefix("not ") != vb.removeprefix("not "):
                continue
            out.append(Reason("exclusive", f"{fa.label}: {_display(va)} vs {_display(vb)}"))
    return out


def falsity(p: Pair) -> list[Reason]:
    """One calls the other's story false ("reports that P are untrue", "the Batmobile
    theft story is a hoax"). The falsity word must judge a claim, report or story that
    matches the other side: "X is a liar" judges a person and refutes nothing."""
    for x, y in p.orders():
        fx, fy = x.features, y.features
        if not fy.falsity or fx.falsity:
            continue
        judged = set(fy.judged_terms) - JUDGING_WORDS
        # "false theft" judges a theft, which must be x's
        terms = [t.replace("@", " ") for t in fy.falsity if "@" not in t or t.split("@")[1] in fx.lemmas]
        if not terms:
            continue
        m = p.match(x, y, judged) if judged else None
        if m is None:
            # the judged words were not recovered, or too few to match: a headline
            # judgement ("3-boobed woman a fake") is about all it says
            m = p.headline(x, y, judgement=True)
        if m is not None:
            act = " the " in terms[0] or terms[0].split()[0].rstrip("s") in REFUTING_VERBS  # "kills the rumor", "debunks"
            said = terms[0] if act else f"calls it {terms[0]}"
            return [Reason("falsity", f"{y.who} {said}{_about(m)}")]
    return []


#: Terms of a headline short enough that one shared word (not a name) ties it to a claim.
SHORT_HEADLINE = 10


def polarity(p: Pair) -> list[Reason]:
    """The same predicate asserted by one and negated by the other about the same
    proposition ("the Batmobile was stolen" / "Batmobile not stolen"), or antonyms
    ("dead" / "alive")."""
    for x, y in p.orders():
        fx, fy = x.features, y.features
        flipped = (set(fx.asserted) & set(fy.negated)) - set(fx.negated)
        if flipped:
            m = p.lexical(x, y)
            if m is not None:
                return [Reason("polarity", f"{x.who} says it did {min(flipped)}; {y.who} says it did not{_about(m)}")]
        opposed = {(q, ANTONYMS[q]) for q in fx.asserted if q in ANTONYMS and ANTONYMS[q] in fy.asserted}
        if opposed and (m := p.lexical(x, y)) is not None:
            q, r = min(opposed)
            return [Reason("polarity", f"{x.who} says {q}; {y.who} says {r}{_about(m)}")]
    return []


#: Shared content words a negation needs with the claim it negates, by how it negates:
#: a copula ("is not his wife"), a speech verb ("did not say"), a verbless headline
#: ("students not among dead"), "no X" ("no threats were made") or a leading "No,".
NEGATION_OVERLAP = {"copula": 2, "speech": 2, "ellipsis": 2, "refutation": 2, "existential": 2}
#: ... and those shared words must be at least this share of the negated clause's words.
NEGATION_SHARE = 0.25
#: A negated event with another verb than the claim's ("the merger is not going ahead"
#: against "the firms agreed to merge") needs this much of both claims in common (Dice).
STRONG_COVER = 0.6


def negation(p: Pair) -> list[Reason]:
    """One negates the other's own proposition: the same predicate ("al-Baghdadi not
    dead" / "was killed"), a copula whose clause is the other's topic, or another verb
    on a strongly shared proposition. The other itself negates nothing."""
    for x, y in p.orders():
        fx, fy = x.features, y.features
        if not fy.negation or fx.negation or fx.negated or x.stance == "denies":
            continue
        m = p.lexical(x, y)
        if m is None:
            continue
        for n in fy.negation:
            # a leading "No," refuses the whole text: its names count as their keys
            shared = fx.terms & (set(n.clause) | (fy.terms if n.kind == "refutation" else set()))
            need = NEGATION_OVERLAP.get(n.kind)
            covered = len(shared) / (len(n.clause) or 1) >= NEGATION_SHARE
            if (need is not None and len(shared) >= need and covered) or \
                    (not n.kind and (n.pred in fx.prop.pred or n.pred in fx.asserted or m.dice >= STRONG_COVER)):
                return [Reason("negation", f"{y.who} says it is not so: {_gist(y)}{_about(m)}")]
    return []


def doubt(p: Pair) -> list[Reason]:
    for x, y in p.orders():
        if y.features.doubt and not x.features.doubt and (m := p.lexical(x, y)) is not None:
            return [Reason("doubt", f"{y.who} casts doubt on it ({y.features.doubt[0]}){_about(m)}")]
    return []


def reversal(p: Pair) -> list[Reason]:
    """One reports a withdrawal or reversal of what the other asserts ("backs out of
    the deal", "calls off the merger" against the deal or merger). The thing withdrawn
    must be the other's event or object, not its subject ("teacher suspended" reverses
    nothing the teacher did)."""
    for x, y in p.orders():
        fx, fy = x.features, y.features
        if not fy.reversal or fx.reversal or fx.negation or x.stance == "denies" or not fx.prop.pred:
            continue  # a bare noun phrase ("a farewell video about her job") asserts no event
        what = {_stem(w) for w in (set(fx.prop.pred) | set(fx.prop.obj)) - set(fx.prop.subj)}
        hits = [r for r in fy.reversal if _stem(r.split("@")[1]) in what]
        if hits and (m := p.lexical(x, y)) is not None:
            return [Reason("reversal", f"{y.who} says it was reversed ({hits[0].replace('@', ' ')}){_about(m)}")]
    return []


#: Derivational endings: "merger" is the event of "merge", "cancellation" of "cancel".
_SUFFIXES = ("ation", "ment", "tion", "sion", "ance", "ence", "ing", "er", "al", "e")


def _stem(word: str) -> str:
    """A crude derivational stem, so that a noun meets its verb ("merger" / "merge")."""
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def numbers(p: Pair) -> list[Reason]:
    """The same counted thing with different figures, from different speakers (adds to
    other evidence only)."""
    if p.same_speaker:
        return []
    na: dict[str, set[float]] = {}
    for lemma, value in p.a.features.nums:
        na.setdefault(lemma, set()).add(value)
    for lemma, value in p.b.features.nums:
        if lemma in na and value not in na[lemma] and lemma not in ("year", "percent", "%"):
            return [Reason("numbers", f"{lemma}: {_fmt(min(na[lemma]))} ({p.a.who}) vs {_fmt(value)} ({p.b.who})")]
    return []


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if v == int(v) else f"{v:,}"


def _gist(r: ClaimRecord, words: int = 12) -> str:
    parts = r.content.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def _display(key: str) -> str:
    return key.title() if is_party(key) or key.islower() else key


#: The registry, most precise first. Weights: the dev-fit choice of ``claimlink eval stance
#: --folds 5`` (each signal's add-one smoothed precision on Emergent dev, rounded; the
#: out-of-fold figures are in the README). Speaker refutation, exclusive frames and
#: reversal did not fire on Emergent pairs: their weights are priors.
def _denial(r: ClaimRecord) -> bool:
    return r.stance == "denies" or bool(r.features.rebuts)


SIGNALS: tuple[Signal, ...] = (
    Signal("refutes_speaker", 0.95, refutes_speaker, keys=("s", "t"), explicit=True, needs=_denial),
    Signal("denies_content", 0.897, denies_content, keys=("p", "e", "j"), explicit=True,
           needs=lambda r: r.stance == "denies"),
    Signal("exclusive", 0.9, exclusive, keys=("f",), needs=lambda r: bool(r.features.frames)),
    Signal("falsity", 0.977, falsity, keys=("j", "e"), cross_article=True, explicit=True,
           needs=lambda r: bool(r.features.falsity)),
    Signal("polarity", 0.962, polarity, keys=("p",), cross_article=True, exclusive_with=("denies_content",),
           needs=lambda r: bool(r.features.negated) or any(p in ANTONYMS for p in r.features.asserted)),
    Signal("negation", 0.97, negation, keys=("p", "j"), cross_article=True,
           exclusive_with=("denies_content", "falsity", "polarity"), explicit=True,
           needs=lambda r: bool(r.features.negation)),
    Signal("event_polarity", 0.9, event_polarity, keys=("v",), cross_article=True, explicit=True, any_type=True,
           long_range=True,
           exclusive_with=("denies_content", "falsity", "polarity", "negation"),
           needs=lambda r: any(e[3] for e in r.features.events)),
    Signal("reversal", 0.85, reversal, keys=("p", "j"), cross_article=True, explicit=True,
           exclusive_with=("denies_content", "falsity", "polarity", "negation"),
           needs=lambda r: bool(r.features.reversal)),
    Signal("doubt", 0.8, doubt, keys=("j",), cross_article=True,
           exclusive_with=("denies_content", "falsity", "polarity", "negation", "reversal"),
           needs=lambda r: bool(r.features.doubt)),
    Signal("numbers", 0.6, numbers, keys=(), booster=True, needs=lambda r: bool(r.features.nums)),
)
#: Signal weights by code.
WEIGHTS = {s.code: s.weight for s in SIGNALS}
