"""Tokens, entities, parties and frames of a claim's content, from the parse.

- entity keys: normalised entities and proper names (places, bodies, people);
- frames: slots with mutually exclusive values -- ``control`` of a place by a party,
  ``status`` of a person (dead/alive), ``decision`` on a thing (approved/rejected);
- numbers with the word they count.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Token

from claimlink.extractors.types import Claim

from .gazetteer import is_party, normalise
from .lexicon import (ALIVE, APPROVE, CONTROL_VERBS, DEAD, ENTITY_LABELS, FORCE_NOUNS, LOSE_CONTROL, REJECT)
from .record import Frame

def tokens_of(doc: Doc, claim: Claim) -> list[Token]:
    toks: list[Token] = []
    for s in claim.content:
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is not None:
            toks.extend(span)
    return toks


def doc_ents(doc: Doc) -> tuple:
    """``doc.ents``, built once: spaCy makes new spans on every access."""
    ents = doc.user_data.get("claimlink_ents")
    if ents is None:
        ents = doc.user_data["claimlink_ents"] = tuple(doc.ents)
    return ents


def entity_keys(doc: Doc, toks: list[Token]) -> list[str]:
    ids = {t.i for t in toks}
    keys: list[str] = []
    seen_tok: set[int] = set()
    for ent in doc_ents(doc):
        if ent.label_ in ENTITY_LABELS and ent.start in ids:
            keys.append(normalise(ent.text))
            seen_tok.update(range(ent.start, ent.end))
    for t in toks:
        if t.pos_ == "PROPN" and t.i not in seen_tok and t.dep_ != "compound":
            keys.append(normalise(phrase(t)))
    out: list[str] = []
    for k in keys:
        if k and k not in out:
            out.append(k)
    return out


def phrase(tok: Token) -> str:
    run = [tok]
    for left in reversed(list(tok.lefts)):
        if left.dep_ == "compound" and left.i == run[0].i - 1:
            run.insert(0, left)
    return " ".join(t.text for t in run)


def party_of(tok: Token) -> str | None:
    """The party a noun phrase stands for: an entity, or the owner of a force noun
    ("Moscow's forces" -> russia, "Russian troops" -> russia, "the army of Ukraine")."""
    if tok.ent_type_ in ("GPE", "NORP", "ORG"):
        ent = next((e for e in doc_ents(tok.doc) if e.start <= tok.i < e.end), None)
        if ent is not None:
            return normalise(ent.text)
    key = normalise(phrase(tok))
    if is_party(key):
        return key
    if tok.lemma_.lower() in FORCE_NOUNS or tok.lower_ in FORCE_NOUNS:
        for child in tok.children:
            if child.dep_ in ("poss", "amod", "compound", "nmod"):
                p = party_of(child)
                if p:
                    return p
            if child.dep_ == "prep" and child.lower_ in ("of", "for"):
                for pobj in child.children:
                    if pobj.dep_ == "pobj":
                        p = party_of(pobj)
                        if p:
                            return p
    return None


def negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    head = tok.head
    return tok.dep_ in ("acomp", "attr", "xcomp", "dobj") and any(c.dep_ == "neg" for c in head.children)


def _subject_of(verb: Token) -> Token | None:
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head.i != verb.i:
            verb = verb.head
        else:
            return None
    return None


def frames_of(doc: Doc, toks: list[Token]) -> list[Frame]:
    frames: list[Frame] = []
    ids = {t.i for t in toks}
    for t in toks:
        lemma = t.lemma_.lower()
        # "control of X" under a verb: take/have/remain in control of X
        if lemma == "control" and t.pos_ == "NOUN":
            place = None
            for prep in t.children:
                if prep.dep_ == "prep" and prep.lower_ == "of":
                    place = next((c for c in prep.children if c.dep_ == "pobj"), None)
            if place is None:
                continue
            verb = t.head
            if verb.dep_ == "prep" and verb.head.pos_ in ("VERB", "AUX"):  # remain *in* control
                verb = verb.head
            subj = _subject_of(verb) if verb.pos_ in ("VERB", "AUX") else None
            holder = party_of(subj) if subj is not None else None
            if holder:
                value = ("not " + holder) if verb.lemma_.lower() in LOSE_CONTROL or negated(verb) else holder
                frames.append(Frame("control", normalise(phrase(place)), value, f"control of {phrase(place)}"))
        elif t.pos_ == "VERB" and lemma in CONTROL_VERBS - {"have", "remain", "keep", "maintain", "establish", "gain"}:
            obj = next((c for c in t.children if c.dep_ == "dobj"), None)
            if obj is None or not (obj.ent_type_ in ("GPE", "LOC", "FAC") or obj.pos_ == "PROPN"):
                continue
            subj = _subject_of(t)
            holder = party_of(subj) if subj is not None else None
            if holder:
                value = ("not " + holder) if negated(t) else holder
                frames.append(Frame("control", normalise(phrase(obj)), value, f"control of {phrase(obj)}"))
        elif lemma in DEAD | ALIVE and t.pos_ in ("VERB", "ADJ", "NOUN"):
            person = None
            for c in list(t.children) + [t.head]:
                if c.i in ids and c.ent_type_ == "PERSON":
                    person = c
            if person is not None:
                frames.append(_binary_frame("status", "status of", person, ("dead", "alive"), lemma in DEAD,
                                            negated(t)))
        elif t.pos_ == "VERB" and lemma in APPROVE | REJECT:
            obj = next((c for c in t.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if obj is not None:
                frames.append(_binary_frame("decision", "decision on", obj, ("approved", "rejected"),
                                            lemma in APPROVE, negated(t)))
    return frames


def _binary_frame(kind: str, label: str, slot: Token, values: tuple[str, str], first: bool, negated: bool) -> Frame:
    """A slot with two exclusive values; negation picks the other one ("not dead")."""
    state = values[0] if first != negated else values[1]
    return Frame(kind, normalise(phrase(slot)), state, f"{label} {phrase(slot)}")


_NUM = re.compile(r"^\d[\d,.]*$")


def numbers_of(toks: list[Token]) -> list[tuple[str, float]]:
    out = []
    for t in toks:
        if t.like_num and _NUM.match(t.text):
            try:
                value = float(t.text.replace(",", ""))
            except ValueError:
                continue
            out.append((t.head.lemma_.lower(), value))
    return out
