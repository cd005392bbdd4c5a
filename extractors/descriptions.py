"""Descriptions of speakers as the article writes them.

A speaker the article does not name is shown by its description: "a 2014 estimate by
Congress's Joint Committee on Taxation", "the San Bernardino shooter's friend". Only a
description headed by a body of a country or an organisation ("The general staff for
Ukraine's armed forces") is re-keyed as "<body> of <anchor>"; everything else keeps its
written form (:func:`description`). :func:`owner_of` tells when a possessive before a
description ("Pfizer's chief executive") is not who speaks, and :func:`plural` whether a
speaker can be what "they" stands for.
"""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from .speaker_check import names_people
from .types import Speaker

_ASIDE = re.compile(r",.*$")


def strip_det(text: str) -> str:
    """The text without leading determiners and quantifiers ("a", "the", "one", "some")."""
    words = text.split()
    while words and words[0].lower() in ("a", "an", "the", "another", "one", "some"):
        words.pop(0)
    return " ".join(words).strip(" ,")


#: Heads of a description that names a body of a country or an organisation; only these
#: are keyed as "<body> of <anchor>".
BODY_HEADS = frozenset("""staff government military army navy police parliament cabinet administration regime
council committee commission command headquarters""".split())
#: Dependents of a description's head that belong to it as written: modifiers before it,
#: and prepositional phrases after it ("estimate by the committee", "article in Politico").
_DESCRIPTION_DEPS = ("det", "amod", "compound", "nmod", "nummod", "poss", "case", "prep", "pobj", "punct", "quantmod",
                     "advmod", "cc", "conj")


def plural(sp: Speaker) -> bool:
    """Does a speaker name people in the plural ("campaign officials", "Democrats")?"""
    words = re.findall(r"[A-Za-z]+", _ASIDE.sub("", sp.title or sp.name or ""))
    head = next((w for w in words if w.lower() in ("of", "in", "at", "from", "for", "with", "who")), None)
    words = words[:words.index(head)] if head else words
    last = words[-1] if words else ""
    # a capitalised word in -s is a name ("Sanders") or a sentence's first word, not a plural
    return bool(words) and (sp.label == "NORP" or last.islower() and last.endswith("s")
                            and not last.endswith(("ss", "is", "us")))


def owner_of(ent: Span, head: Token) -> bool:
    """Is ``ent`` the owner of a head that names people ("Pfizer's" of "chief executive",
    "a spokesman for Mayor Pat Doe"), or inside a clause that describes the head? Of a
    thing ("Trump's performance", "Rubio's statement") the owner is who speaks."""
    if ent.start <= head.i < ent.end or head.pos_ != "NOUN":
        return False
    root = ent.root
    if any(t.dep_ in ("acl", "relcl") and t.head.i == head.i for t in root.ancestors):
        return True  # "a poll, conducted jointly with Pat Doe Research": not who speaks
    if not names_people(head.text) or head.lemma_.lower() in BODY_HEADS:
        return False
    if root.dep_ == "poss" and root.head.i == head.i:
        return True  # "Pfizer's chief executive"
    # "a spokesman for Mayor Pat Doe", "strategists for Pat Doe and Sam Roe": a person
    # after a preposition of the head
    return ent.label_ == "PERSON" and any(t.dep_ == "prep" and t.head.i == head.i for t in root.ancestors)


def description(head: Token, span: Span) -> str:
    """The description a head noun has in ``span``, as written: its modifiers and its
    prepositional phrases, without a participle or relative clause after it ("a new radio
    ad calling it dangerous" -> "new radio ad") and without a leading determiner."""
    keep = [head]
    for child in head.children:
        if child.dep_ in _DESCRIPTION_DEPS and span.start <= child.i < span.end and \
                (child.i < head.i or child.dep_ == "prep"):
            keep.extend(t for t in child.subtree if span.start <= t.i < span.end)
    lo, hi = min(t.i for t in keep), max(t.i for t in keep)
    if any(t.dep_ in ("acl", "relcl", "advcl") for t in head.doc[lo:hi + 1] if t.head.i == head.i):
        hi = head.i
    return strip_det(head.doc[lo:hi + 1].text).rstrip(" ,;:-–—")


