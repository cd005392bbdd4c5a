"""Same proposition before stance: are two claims about the same who and what?

Two claims only contradict each other when they are about one proposition: the same
subject and the same predicate, event or object. Sharing a name ("Trump" in election
news, "Ukraine" in war news) or a topic word is not enough. Overlap is weighted by
specificity, the inverse document frequency of each term among the claims the store has
seen (:class:`TermStats`, kept incrementally in the ``term_counts`` table), so that a
shared rare word ("Kupiansk", "Batmobile") counts for much and a shared frequent one for
little.

:func:`proposition` reads subject, predicate and object keys of a content's main clauses
from the parse; :func:`same_proposition` aligns two claims and returns what they share.
"""

from __future__ import annotations

import math
from functools import lru_cache
from dataclasses import dataclass, field
from typing import Iterable

from spacy.tokens import Token

from .gazetteer import normalise
from .lexicon import FALSITY, LIGHT_VERBS, STORY_NOUNS, pred_key
from .record import Features, Proposition, name_key


@lru_cache(maxsize=1 << 16)
def _named(p: Proposition) -> Proposition:
    return Proposition(tuple(name_key(k) for k in p.subj), p.pred, tuple(name_key(k) for k in p.obj), p.label)

#: Words of reporting and judging: shared by a claim and its denial without being what
#: either is about.
JUDGING_WORDS = frozenset("""
claim say report rumor rumour doubt question true real deny denial reject dismiss allegation accusation
remark comment statement story news tell call suggest suggestion
""".split()) | STORY_NOUNS | FALSITY
#: Share of the smaller claim's specificity (IDF mass) the shared terms must carry.
MIN_COVER = 0.3
#: Without aligned subjects: this many shared terms carrying this share of specificity.
STRONG_SHARED = 3
STRONG_COVER = 0.5
#: Specificity the shared terms must carry in all (IDF units; a term seen in one claim of
#: 1,000 weighs about 6.9, one in every other claim about 0.7).
MIN_WEIGHT = 0.0


@dataclass
class TermStats:
    """Document frequencies of terms over ``n`` claims."""

    df: dict[str, int] = field(default_factory=dict)
    n: int = 0
    _idf: dict[str, float] = field(default_factory=dict, repr=False, compare=False)

    def idf(self, term: str) -> float:
        w = self._idf.get(term)
        if w is None:
            w = self._idf[term] = math.log((self.n + 1) / (self.df.get(term, 0) + 1)) + 1.0
        return w

    def add(self, terms: Iterable[str]) -> None:
        self._idf.clear()
        self.n += 1
        for t in set(terms):
            self.df[t] = self.df.get(t, 0) + 1

    def weight(self, terms: Iterable[str]) -> float:
        return sum(self.idf(t) for t in terms)

    @classmethod
    def of(cls, features: Iterable[Features]) -> "TermStats":
        stats = cls()
        for f in features:
            stats.add(f.terms)
        return stats


#: Statistics with no claims seen: every term weighs the same (1.0).
UNIFORM = TermStats()


@dataclass(frozen=True, slots=True)
class Match:
    """What two claims share: the terms, their specificity and a label for reasons."""

    shared: frozenset[str]
    weight: float
    cover: float
    label: str
    #: shared specificity over both sides' (Dice): how much of *both* claims is shared
    dice: float = 0.0
    #: shared specificity over the second side's (what was denied or judged)
    cover_b: float = 0.0
    #: shared specificity over the first side's (the claim denied or judged)
    cover_a: float = 0.0


def proposition(toks: list[Token]) -> Proposition:
    """Subject, predicate and object keys of the content's main clauses."""
    ids = {t.i for t in toks}
    heads = [t for t in toks if (t.head.i not in ids or t.head.i == t.i) and not t.is_punct]
    heads += [c for h in heads for c in h.children if c.dep_ == "conj" and c.i in ids and c.pos_ in ("VERB", "AUX")]
    subj: list[str] = []
    pred: list[str] = []
    obj: list[str] = []
    for h in heads:
        if h.pos_ in ("VERB", "AUX"):
            lemma = h.lemma_.lower()
            if lemma not in LIGHT_VERBS:
                pred.append(pred_key(lemma))
            for c in h.children:
                if c.i not in ids:
                    continue
                if c.dep_ in ("nsubj", "nsubjpass"):
                    subj += _keys(c)
                elif c.dep_ in ("dobj", "attr", "acomp", "oprd", "dative"):
                    obj += _keys(c)
                elif c.dep_ == "prep":
                    obj += [k for p in c.children if p.dep_ == "pobj" for k in _keys(p)]
                elif c.dep_ in ("xcomp", "ccomp") and c.pos_ in ("VERB", "AUX"):
                    if c.lemma_.lower() not in LIGHT_VERBS:
                        pred.append(pred_key(c.lemma_.lower()))
                    obj += [k for g in c.children if g.dep_ in ("dobj", "attr", "acomp") for k in _keys(g)]
        elif h.pos_ in ("NOUN", "PROPN", "ADJ"):
            # a verbless headline ("Batmobile not stolen", "students among dead")
            subj += _keys(h)
            obj += [k for c in h.children if c.dep_ in ("amod", "acl", "prep") for k in _keys(c)]
    words = [t.text for t in toks if not t.is_punct]
    label = " ".join(words[:8]) + (" ..." if len(words) > 8 else "")
    return Proposition(tuple(dict.fromkeys(subj)), tuple(dict.fromkeys(pred)), tuple(dict.fromkeys(obj)), label)


def _keys(tok: Token) -> list[str]:
    """The key of a noun phrase: its entity or proper name, else its head lemma; pronouns
    give none (they are resolved nowhere here)."""
    if tok.pos_ == "PRON":
        return []
    if tok.dep_ == "prep":
        return [k for p in tok.children if p.dep_ == "pobj" for k in _keys(p)]
    out = []
    if tok.pos_ == "PROPN" or tok.ent_type_:
        run = [c for c in tok.lefts if c.dep_ == "compound" and (c.pos_ == "PROPN" or c.ent_type_)] + [tok]
        out.append(normalise(" ".join(t.text for t in run)))
    else:
        out.append(pred_key(tok.lemma_.lower()))
    # "the control of Kupiansk", "Trump's taxes": the owner or complement is part of the key
    for c in tok.children:
        if c.dep_ == "poss" and c.pos_ == "PROPN" or c.dep_ == "compound" and c.pos_ == "NOUN":
            out.append(normalise(c.text) if c.pos_ == "PROPN" else pred_key(c.lemma_.lower()))
        elif c.dep_ == "prep" and c.lower_ == "of":
            out += [normalise(p.text) if p.pos_ == "PROPN" else pred_key(p.lemma_.lower())
                    for p in c.children if p.dep_ == "pobj"]
    return out


def aligned_parse(a: Features, b: Features) -> bool:
    """Do the parses align: a subject of one is a subject (or, in a verbless headline,
    a term) of the other, and a predicate or object of one is a predicate or object of
    the other?"""
    pa, pb = _named(a.prop), _named(b.prop)
    subj = set(pa.subj) & set(pb.subj)
    what = (set(pa.pred) | set(pa.obj)) & (set(pb.pred) | set(pb.obj))
    return bool(subj) and bool(what - set(pa.subj) - set(pb.subj))


def same_proposition(a: Features, b: Features, stats: TermStats = UNIFORM, *,
                     b_terms: frozenset[str] | None = None) -> Match | None:
    """Do ``a`` and ``b`` (or ``b_terms``, what ``b`` is about when it denies or judges
    something) state something about one subject and one predicate or object?

    - the subject of one is among the other's terms (or, for a verbless or subjectless
      side, a shared specific name stands for it);
    - a predicate or object of one, other than that subject, is among the other's terms;
    - the shared terms carry at least ``MIN_COVER`` of the smaller side's specificity
      and ``MIN_WEIGHT`` in all.
    """
    ta = a.terms - JUDGING_WORDS
    tb = (b.terms if b_terms is None else b_terms) - JUDGING_WORDS
    shared = ta & tb
    if len(shared) < 2:
        return None  # a subject and a predicate or object: two terms at least
    pa, pb = _named(a.prop), _named(b.prop)
    weight = stats.weight(shared)
    wa, wb = stats.weight(ta), stats.weight(tb)
    cover = weight / (min(wa, wb) or 1.0)
    dice = 2 * weight / ((wa + wb) or 1.0)
    cover_b = weight / (wb or 1.0)
    cover_a = weight / (wa or 1.0)
    names = {name_key(e) for e in a.ents + b.ents}
    what = ((set(pa.pred) | set(pa.obj)) & tb) | ((set(pb.pred) | set(pb.obj)) & ta if b_terms is None else set())
    subj = (set(pa.subj) & tb) | (set(pb.subj) & ta if b_terms is None else set())
    if b_terms is not None and not subj:
        return None  # "denied that P": P must be about a's subject (a pronoun is unknown)
    if not subj and (b_terms is not None or not pb.subj or not pa.subj):
        # a side with no subject (a headline: "Batmobile NOT stolen"; a denied clause:
        # "that P"): a shared name stands for it
        subj = shared & names
    what -= subj
    aligned = bool(subj) and bool(what) and cover >= MIN_COVER
    # Subjects worded differently ("high schooler" / "high school kid"): a strong
    # overlap of what is said about them stands for the subject.
    strong = bool(what) and len(shared) >= STRONG_SHARED and cover >= STRONG_COVER
    if not (aligned or strong) or weight < MIN_WEIGHT:
        return None
    order = [t for t in [name_key(e) for e in a.ents] + list(a.lemmas) if t in shared]
    return Match(frozenset(shared), round(weight, 2), round(cover, 3), " ".join(dict.fromkeys(order)), round(dice, 3),
                 round(cover_b, 3), round(cover_a, 3))
