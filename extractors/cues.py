"""Cue lookups: is this token a cue, does it deny, who is its speaker.

A cue verb is a reporting verb from the lexicon *or* any verb whose clausal complement
carries its own subject (the dependency signature of reported speech). A cue must stand
outside any quotation: the words inside a quote are content.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicon import (BELIEF_VERBS, DENIAL_PHRASES, DENIAL_VERBS, EVIDENTIAL_VERBS, INTENT_VERBS, NOT_CUES,
                      NP_CUE_VERBS, PERSON_PRONOUNS, PREP_CUES, SPEECH_VERBS, role_of)
from .quotes import QuoteIndex
from .text import make_span
from .types import TextSpan

SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
#: Entity types that can say something.
SPEAKER_ENTITIES = ("PERSON", "ORG", "NORP", "GPE")
#: Verbs that, above a denial verb, mean no denial is made ("refused to deny").
_NO_DENIAL_HEADS = ("refuse", "decline", "fail")


def is_denial(verb: Token) -> bool:
    """Does ``verb`` deny something? "denied", "ruled out"; not "refuses to confirm or deny"."""
    if verb.lemma_.lower() in DENIAL_VERBS:
        head = verb.head
        for _ in range(2):
            if head.lemma_.lower() in _NO_DENIAL_HEADS or any(c.dep_ == "neg" for c in verb.children):
                return False
            if head.lemma_.lower() == "confirm":
                head = head.head
                continue
            break
        return True
    prt = [c.lemma_.lower() for c in verb.children if c.dep_ == "prt"]
    return any((verb.lemma_.lower(), p) in DENIAL_PHRASES for p in prt)


#: Verbs whose "to"-complement did not happen: their speech verb reports no claim.
NOT_DOING = frozenset({"fail", "neglect", "decline", "refuse", "forget", "omit", "avoid"})


def is_cue_verb(tok: Token, qindex: QuoteIndex, use_dependency_cues: bool = True) -> bool:
    """A verb outside quotes that is a lexicon cue, or (with ``use_dependency_cues``) takes
    a clausal complement with a subject of its own and has a speaker."""
    if tok.pos_ not in ("VERB", "AUX") or qindex.inside(tok):
        return False
    lemma = tok.lemma_.lower()
    if tok.dep_ in ("amod", "acomp") or tok.tag_ == "VBG" and tok.dep_ in ("pcomp", "pobj", "amod"):
        return False
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() in NOT_DOING:
        return False  # "failed to mention P", "declined to say whether P": nobody said P
    if lemma in SPEECH_VERBS or lemma in BELIEF_VERBS or is_denial(tok) or lemma in INTENT_VERBS \
            or lemma in NP_CUE_VERBS or lemma in EVIDENTIAL_VERBS:
        return True
    if prep_cue(tok) is not None:
        return True
    if not use_dependency_cues or lemma in NOT_CUES:
        return False
    if not any(c.dep_ == "ccomp" and has_subject(c) and c.pos_ in ("VERB", "AUX") for c in tok.children):
        return False
    # Outside the lexicon the pattern is trusted only with someone to say it: a name, an
    # organisation or a personal pronoun, not "it", "that" or a thing ("the tax costs ...").
    speaker = subject(tok)
    return speaker is not None and (speaker.pos_ in ("PROPN", "NOUN") or speaker.ent_type_ in SPEAKER_ENTITIES
                                    or speaker.lower_ in PERSON_PRONOUNS | {"they", "you"})


def prep_cue(verb: Token) -> Token | None:
    """The preposition that makes ``verb`` a cue ("referring *to*", "talked *about*"), if any."""
    lemma = verb.lemma_.lower()
    return next((c for c in verb.children if c.dep_ == "prep" and (lemma, c.lower_) in PREP_CUES), None)


def has_subject(tok: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS or c.dep_ == "expl" for c in tok.children)


def subject(verb: Token) -> Token | None:
    """The speaker token of a cue verb: its subject, the agent of a passive, or -- for a
    verb coordinated with or controlled by another ("denied ... and said") -- the subject
    of that verb."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "csubj")]
    if subjects:
        # the nearest: a dateline parsed as a second subject comes first ("WASHINGTON - X said")
        return min(subjects, key=lambda c: abs(c.i - verb.i))
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    for child in verb.children:
        # the subject of a passive is what is reported on ("he is expected to win"); only a
        # verb outside the reporting lexicon keeps it (a passive cue of the dependency pattern)
        if child.dep_ == "nsubjpass" and role_of(verb.lemma_.lower()) is None:
            return child
    head = verb
    reports = verb.lemma_.lower() in SPEECH_VERBS or verb.lemma_.lower() in BELIEF_VERBS
    for _ in range(3):
        if head.dep_ in ("conj", "xcomp", "advcl") + (("acomp",)) and head.head is not head:
            head = head.head
            if reports and head.dep_ == "ccomp" and head.head.pos_ in ("VERB", "AUX"):
                # "she said she regretted it and promised P": a reporting verb conjoined to
                # the content belongs to the reporting clause and its speaker
                head = head.head
            for child in head.children:
                if child.dep_ in ("nsubj", "nsubjpass"):  # "X was angered and predicted P"
                    return child
        elif head.dep_ == "relcl" or head.dep_ == "acl" and head.tag_ == "VBG" and head.head.pos_ in ("NOUN", "PROPN"):
            # "voters who back X", "voters backing X": the noun the clause describes
            # ... unless the noun is what someone made: "X issued a statement saying P" is X's
            noun = head.head
            owner = next((c for c in noun.head.children if c.dep_ == "nsubj"), None) if noun.dep_ == "dobj" else None
            return owner if owner is not None else noun
        else:
            break
    return None


def cue_span(doc: Doc, verb: Token) -> TextSpan:
    """The cue with its auxiliaries, negation and particle: "has learned", "ruled out"."""
    toks = [verb] + [c for c in verb.children
                     if c.dep_ in ("aux", "auxpass", "neg", "prt") and c.i < verb.i + 3]
    lo = min(t.i for t in toks)
    hi = max(t.i for t in toks)
    # keep the cue contiguous: drop auxiliaries separated by other words ("has also said")
    while lo < verb.i and doc[lo + 1: verb.i].text and any(
            doc[j] not in toks for j in range(lo, verb.i)):
        lo += 1
    return make_span(doc, doc[lo].idx, doc[hi].idx + len(doc[hi].text))


def entity_label(tok: Token) -> str | None:
    """The entity type of a speaker token, or of a name inside its phrase."""
    if tok.ent_type_:
        return tok.ent_type_
    for t in tok.subtree:
        if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return t.ent_type_
    return None
