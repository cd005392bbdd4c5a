"""What the linker holds of a claim: the typed, versioned features record, the claim
record the scorer reads (:class:`ClaimRecord`, with :func:`linkable`), and verdicts.

Computed once per claim from the parse (:func:`claimlink.linker.features.claim_features`),
stored as JSON in ``claims.features`` and read back by the scorer. :meth:`Features.to_json`
and :meth:`Features.from_json` are the only places that know the JSON shape. A record
stored by an older version (``v`` missing or lower) is read with empty values for the
fields it lacks; such a claim takes part in no signal that needs them (its claim type is
unknown, so it is not linked until its article is extracted again).
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from functools import lru_cache
from datetime import datetime
from typing import NamedTuple

from claimlink.extractors.lexicon import DESCRIPTION_HEADS
from claimlink.extractors.speakers import same_speaker

from .gazetteer import is_party
from .lexicon import ANTONYMS

#: Bumped whenever a field is added, removed or changes meaning.
FEATURES_VERSION = 3


class Frame(NamedTuple):
    """A slot with exclusive values: ``control`` of ``kupiansk`` is ``russia``."""

    kind: str
    slot: str
    value: str
    label: str


class Negation(NamedTuple):
    """A negated main predicate (``pred``), how it negates (``kind``: "", copula, speech,
    ellipsis, existential, refutation) and the lemmas of its clause."""

    pred: str
    kind: str
    clause: tuple[str, ...]


class Proposition(NamedTuple):
    """Who, what and about what: subject keys, predicate keys, object keys (lemmas or
    normalised entities) of the content's main clauses, and a short label."""

    subj: tuple[str, ...]
    pred: tuple[str, ...]
    obj: tuple[str, ...]
    label: str


EMPTY_PROPOSITION = Proposition((), (), (), "")


@dataclass(frozen=True, slots=True)
class Features:
    """See :mod:`claimlink.linker.features` for how each field is computed."""

    ents: tuple[str, ...] = ()
    ctx: tuple[str, ...] = ()
    frames: tuple[Frame, ...] = ()
    nums: tuple[tuple[str, float], ...] = ()
    lemmas: tuple[str, ...] = ()
    asserted: tuple[str, ...] = ()
    negated: tuple[str, ...] = ()
    falsity: tuple[str, ...] = ()
    negation: tuple[Negation, ...] = ()
    question: bool = False
    doubt: tuple[str, ...] = ()
    #: withdrawals and reversals the content reports ("backs out", "cancel")
    reversal: tuple[str, ...] = ()
    rebuts: str | None = None
    #: what a denial denies, as text ("reports that P" -> P), and its content terms
    target_text: str | None = None
    target_terms: tuple[str, ...] = ()
    #: what a falsity word judges: the terms of the story or claim it calls false
    judged_terms: tuple[str, ...] = ()
    #: a denial of a statement or event ("denied the claims", "denied that P", "denies
    #: taking a selfie"), not the rejection of an offer, plan or person
    denies_statement: bool = False
    #: "rejected Trump's remarks about Muslims": the topic terms a denial is scoped to
    about_terms: tuple[str, ...] = ()
    claim_type: str = ""
    prop: Proposition = EMPTY_PROPOSITION
    speaker_label: str | None = None
    #: events of the content's clauses: ``(subject, verb, objects, negated)``
    #: (:mod:`claimlink.linker.events`)
    events: tuple[tuple[str, str, tuple[str, ...], bool], ...] = ()
    version: int = FEATURES_VERSION
    _terms: frozenset | None = field(default=None, repr=False, compare=False)

    def to_json(self) -> dict:
        out = {f.name: getattr(self, f.name) for f in fields(self) if f.name not in ("version", "_terms")}
        out["frames"] = [list(x) for x in self.frames]
        out["negation"] = [[n.pred, n.kind, list(n.clause)] for n in self.negation]
        out["nums"] = [list(n) for n in self.nums]
        out["prop"] = [list(self.prop.subj), list(self.prop.pred), list(self.prop.obj), self.prop.label]
        out["events"] = [[e[0], e[1], list(e[2]), e[3]] for e in self.events]
        for k, v in out.items():
            if isinstance(v, tuple):
                out[k] = list(v)
        out["v"] = self.version
        return out

    @classmethod
    def from_json(cls, data: dict | None) -> "Features":
        data = data or {}
        prop = data.get("prop")
        return cls(
            ents=tuple(data.get("ents") or ()), ctx=tuple(data.get("ctx") or ()),
            frames=tuple(Frame(*f) for f in data.get("frames") or ()),
            nums=tuple((n[0], float(n[1])) for n in data.get("nums") or ()),
            lemmas=tuple(data.get("lemmas") or ()), asserted=tuple(data.get("asserted") or ()),
            negated=tuple(data.get("negated") or ()), falsity=tuple(data.get("falsity") or ()),
            negation=tuple(Negation(n[0], n[1], tuple(n[2])) for n in data.get("negation") or ()),
            question=bool(data.get("question")), doubt=tuple(data.get("doubt") or ()),
            reversal=tuple(data.get("reversal") or ()),
            rebuts=data.get("rebuts"), target_text=data.get("target_text"),
            target_terms=tuple(data.get("target_terms") or ()), judged_terms=tuple(data.get("judged_terms") or ()),
            about_terms=tuple(data.get("about_terms") or ()), denies_statement=bool(data.get("denies_statement")), claim_type=data.get("claim_type") or "",
            prop=Proposition(tuple(prop[0]), tuple(prop[1]), tuple(prop[2]), prop[3]) if prop else EMPTY_PROPOSITION,
            speaker_label=data.get("speaker_label"),
            events=tuple((e[0], e[1], tuple(e[2]), bool(e[3])) for e in data.get("events") or ()),
            version=int(data.get("v") or 1))

    def with_(self, **changes) -> "Features":
        return replace(self, _terms=None, **changes)

    @property
    def terms(self) -> frozenset[str]:
        """Content lemmas and entities: what the claim is about (see :func:`term_set`)."""
        if self._terms is None:
            object.__setattr__(self, "_terms", term_set(self.ents, self.lemmas))
        return self._terms


@lru_cache(maxsize=1 << 16)
def name_key(entity: str) -> str:
    """A name as one term: its last word ("james foley" -> "foley", so that "Foley"
    meets it); countries and blocs stay whole ("united states")."""
    if " " not in entity or is_party(entity):
        return entity
    words = entity.split()
    while len(words) > 1 and words[-1].strip(".") in NAME_SUFFIXES:
        words.pop()  # "king abdullah ii" -> "abdullah", "martin luther king jr." -> "king"
    return words[-1]


#: Generational suffixes and regnal numbers that end a name without being its key.
NAME_SUFFIXES = frozenset("jr sr ii iii iv v vi".split())


def term_set(ents, lemmas) -> frozenset[str]:
    """Terms of a text from its entities and lemmas: each name once, as its key, and
    the lemmas that are not words of a name."""
    named = {w for e in ents if " " in e for w in e.split()}
    return frozenset(name_key(e) for e in ents) | (frozenset(lemmas) - named)


# -- claim records and verdicts ---------------------------------------------------------------
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
    _active: bool | None = field(default=None, repr=False, compare=False)

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


def event_linkable(r: ClaimRecord) -> bool:
    """Can this claim take part in the event signal (:mod:`claimlink.linker.events`)
    though its type keeps it from the others? An opinion or a hypothetical can state an
    event outright ("... despite the fact that she sent it"); events under a modal are
    not read, so what the claim only supposes takes no part. Not a question, and a real
    speaker."""
    f = r.features
    return bool(f.events) and not f.question and f.claim_type != "question" and (
        r.article_id is None or _real_speaker(r))


def active(r: ClaimRecord) -> bool:
    """Can this claim take part in any signal? A plain assertion with no negation,
    frame, judgement, reversal or denial can only contradict a claim that has one."""
    if r._active is None:
        f = r.features
        r._active = bool(r.stance == "denies" or f.rebuts or f.frames or f.negated or f.negation or f.falsity
                         or f.doubt or f.reversal or any(p in ANTONYMS for p in f.asserted)
                         or any(e[3] for e in f.events))
    return r._active


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
