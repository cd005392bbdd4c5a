"""Events inside a claim, and the signal that sets an event against its negation.

A long claim often states several things ("there was clear evidence that Clinton was
careless and mishandled classified information"); the claim-level proposition sees only
its main clause. :func:`events_of` reads every finite clause of the content as an
:class:`Event`: who (a name key), did what (a verb lemma) to what (object terms), asserted
or negated. A subject pronoun is read as the speaker when the speaker is the one the
sentence names before it ("Clinton denied that she mishandled ..."; "I did not send ...":
the first person of a quote is its speaker). What a denial denies ("denied that P") is
negated.

:func:`event_polarity` (a registered signal) flags two claims from different articles
where one asserts an event and the other negates the same event: the same subject, the
same verb and most of the smaller side's objects (by specificity). "She did not send any classified
information" against "Clinton knowingly sent classified material"; "X never touched Y"
against "X touched Y".
"""

from __future__ import annotations

from typing import NamedTuple

from spacy.tokens import Doc, Token

from claimlink.extractors.speakers import canonical_key
from claimlink.extractors.types import Claim

from .frames import doc_ents, phrase
from .gazetteer import normalise
from .lexicon import HEDGES, LIGHT_VERBS, REPORTED, pred_key
from .record import ClaimRecord, Reason, name_key


class Event(NamedTuple):
    """``subj`` did (``neg`` False) or did not (``neg`` True) ``verb`` ``objs``."""

    subj: str
    verb: str
    objs: tuple[str, ...]
    neg: bool


#: Verbs too general to carry an event of their own (what is said, thought or wanted is
#: read from the clause below them).
GENERAL_VERBS = LIGHT_VERBS | REPORTED | frozenset(
    "continue try begin start keep let show suggest mean add call ask expect plan hope feel".split())
#: Verbs that name one event ("emailed classified material" / "sent classified material").
SAME_EVENT = {"email": "send", "transmit": "send", "communicate": "send", "forward": "send", "mail": "send"}
#: Verbs whose event entails another's: "grabbed her" is "touched her", so it meets "never
#: touched her"; "did not grab her" says nothing of touching.
ENTAILS = {"grab": "touch", "yank": "touch", "push": "touch", "shove": "touch", "hit": "touch",
           "punch": "touch", "slap": "touch", "kick": "touch"}
#: Modal auxiliaries: the event is not asserted ("would not recommend", "could send").
MODALS = HEDGES | frozenset("would should will can must shall".split())
#: Objects that negate the event ("paid nothing", "told no one").
NEGATIVE_WORDS = frozenset("none nobody nothing neither".split())
#: Share of the smaller event's object specificity that the two must share.
OBJECT_COVER = 0.5
#: Pronouns read as the speaker: third person in reported speech, first in a quote.
_THIRD = frozenset({"he", "she"})
_FIRST = frozenset({"i"})


def events_of(doc: Doc, claim: Claim, toks: list[Token]) -> tuple[Event, ...]:
    """The content's events (see the module docstring)."""
    ids = {t.i for t in toks}
    denied = claim.stance == "denies" and claim.target_content is not None
    out: list[Event] = []
    for verb in toks:
        if verb.pos_ != "VERB" or verb.dep_ not in ("ROOT", "ccomp", "conj", "relcl", "advcl", "xcomp", "acl"):
            continue
        lemma = pred_key(verb.lemma_.lower())
        lemma = SAME_EVENT.get(lemma, lemma)
        if not lemma.isalpha() or lemma in GENERAL_VERBS or _modal(verb) or _asked(doc, verb):
            continue
        subj_tok = _subject(verb)
        if subj_tok is None or subj_tok.i not in ids or (verb.dep_ == "acl" and subj_tok.head.i != verb.i):
            continue
        subj = _subject_key(doc, claim, subj_tok)
        objs = tuple(dict.fromkeys(k for o in _objects(verb) if o.i in ids for k in _object_terms(o)))
        if not objs:
            # "sent and received classified material": conjoined verbs share the object
            kin = [c for c in verb.children if c.dep_ == "conj" and c.pos_ == "VERB"]
            kin += [verb.head] if verb.dep_ == "conj" else []
            objs = tuple(dict.fromkeys(k for v in kin for o in _objects(v) if o.i in ids for k in _object_terms(o)))
        if not subj or not objs:
            continue
        # "never sent", "paid nothing", "sent no emails"
        neg = _negated(verb) or any(_negative(o) for o in _objects(verb) if o.i in ids)
        neg = neg != denied
        out.append(Event(subj, lemma, objs, neg))
        if not neg and lemma in ENTAILS:
            out.append(Event(subj, ENTAILS[lemma], objs, neg))
    return tuple(dict.fromkeys(out))


def _negative(tok: Token) -> bool:
    return tok.lower_ in NEGATIVE_WORDS or any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)


def _modal(verb: Token) -> bool:
    for t in (verb, verb.head) if verb.dep_ in ("conj", "xcomp") else (verb,):
        if any(c.dep_ in ("aux", "mark") and c.lower_ in MODALS for c in t.children):
            return True
    return False


def _asked(doc: Doc, verb: Token) -> bool:
    return doc.text[verb.sent.start_char:verb.sent.end_char].rstrip().endswith("?")


def _negated(verb: Token) -> bool:
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never") for c in verb.children):
        return True
    # "did not send or receive": the negation of the first verb covers its conjuncts
    return verb.dep_ == "conj" and any(c.dep_ == "neg" for c in verb.head.children)


def _subject(verb: Token) -> Token | None:
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
        if verb.dep_ == "conj" and verb.head.i != verb.i:
            verb = verb.head
        else:
            return None
    return None


def _subject_key(doc: Doc, claim: Claim, tok: Token) -> str | None:
    """A name: the subject's own (a proper noun or entity) or, for a pronoun, the
    person it stands for. A common noun ("the campaign", "officials") names no one in
    particular and gives no event."""
    if tok.pos_ == "PRON":
        return _speaker_pronoun(doc, claim, tok)
    if tok.pos_ == "PROPN" or tok.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return name_key(normalise(phrase(tok)))
    return None


def _speaker_pronoun(doc: Doc, claim: Claim, tok: Token) -> str | None:
    """Who ``tok`` ("he", "she"; "I" in a quote) is: the last person the sentence names
    before it ("Comey said ... against Clinton ... that she sent": Clinton), else the
    speaker when the speaker is a person ("Clinton denied that she ..."), unless the
    sentence calls the speaker by the other pronoun ("she ..., he said")."""
    word = tok.lower_
    sp = claim.speaker
    if word in _FIRST:
        ok = sp is not None and sp.label == "PERSON" and (sp.key or sp.name) and claim.kind in ("direct", "mixed")
        return _speaker_key(sp) if ok else None
    if word not in _THIRD:
        return None
    last = None
    for ent in doc_ents(doc):
        if ent.label_ == "PERSON" and tok.sent.start <= ent.start and ent.end <= tok.i:
            last = ent
    if last is not None:
        return name_key(normalise(last.text))
    if sp is None or sp.label != "PERSON" or not (sp.key or sp.name):
        return None
    mention = sp.mention.text.lower() if sp.mention else ""
    if mention in _THIRD and mention != word:
        return None  # "She did receive some emails, he said": not the speaker
    return _speaker_key(sp)


def _speaker_key(sp) -> str:
    return name_key(normalise(sp.key or canonical_key(sp.name) or sp.name))


def _objects(verb: Token) -> list[Token]:
    out = []
    for c in verb.children:
        if c.dep_ in ("dobj", "attr", "oprd", "dative"):
            out.append(c)
        elif c.dep_ in ("prep", "agent"):
            out += [g for g in c.children if g.dep_ == "pobj"]
        elif c.dep_ == "acomp" or (c.dep_ == "xcomp" and c.pos_ in ("ADJ", "NOUN")):
            out.append(c)
    return out


def _object_terms(tok: Token) -> list[str]:
    """The object's key (name or lemma) and the content words that qualify it
    ("classified material" -> material, classified)."""
    if tok.pos_ == "PRON" or _negative(tok):
        return []
    out = [name_key(normalise(phrase(tok)))] if tok.pos_ == "PROPN" or tok.ent_type_ else [pred_key(tok.lemma_.lower())]
    for c in tok.children:
        if c.dep_ in ("amod", "compound") and c.pos_ in ("ADJ", "NOUN", "PROPN", "VERB"):
            out.append(name_key(normalise(c.text)) if c.pos_ == "PROPN" else pred_key(c.lemma_.lower()))
    return out


# -- the signal ------------------------------------------------------------------------------
def event_keys(rec: ClaimRecord) -> list[str]:
    """Blocking keys ``v:<verb>:<subject>``: claims about one event meet."""
    return [f"v:{e.verb}:{e.subj}" for e in _events(rec)]


def _events(rec: ClaimRecord) -> tuple[Event, ...]:
    return tuple(Event(*e) if not isinstance(e, Event) else e for e in rec.features.events)


def event_polarity(p) -> list[Reason]:
    """One claim negates an event the other asserts: same subject, same verb, mostly the
    same objects (see the module docstring)."""
    ea, eb = _events(p.a), _events(p.b)
    for x in ea:
        for y in eb:
            if x.subj != y.subj or x.verb != y.verb or x.neg == y.neg:
                continue
            shared = set(x.objs) & set(y.objs)
            if not shared:
                continue
            w = p.stats.weight(shared)
            if w < OBJECT_COVER * min(p.stats.weight(set(x.objs)), p.stats.weight(set(y.objs))):
                continue
            neg, pos = (p.a, p.b) if x.neg else (p.b, p.a)
            what = " ".join(sorted(shared))
            return [Reason("event_polarity", f"{pos.who} says {x.subj} did {x.verb} ({what}); {neg.who} says not")]
    return []
