"""Who said it: names, titles and canonical keys for claim speakers.

A speaker mention is what the sentence says. This module turns it into:

- ``name``: the person or body it refers to in this article. Named mentions keep the
  name ("Gen. Valery Gerasimov" -> "Valery Gerasimov"; "Kallas" -> "Kaja Kallas" when the
  article named her in full). Pronouns ("he") and definite descriptions ("the official")
  take the name of the nearest earlier speaker or person they can refer to. Bodies named
  by description keep it, anchored to their country or organisation ("The general staff
  for Ukraine's armed forces" -> "general staff of Ukraine").
- ``title``: the description written with the name ("Russia's chief military officer").
- ``key``: the canonical form shared across articles: case-folded, accents and honorifics
  removed. Anonymous sources ("a senior official") get no key, so two articles' unnamed
  officials are never merged. :func:`same_speaker` also accepts a surname against a full
  name, so "Gerasimov" in one article matches "Valery Gerasimov" in another.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from spacy.tokens import Doc, Span, Token

from .lexicon import DESCRIPTION_HEADS, HONORIFICS, PERSON_PRONOUNS, STATEMENT_NOUNS, THING_PRONOUNS
from .person_names import agrees, is_census_name
from .descriptions import BODY_HEADS, description, owner_of, plural, strip_det
from .headings import in_heading
from .text import doc_text, paragraph_of, paragraph_starts
from .types import Claim, Speaker

#: How many earlier claims a pronoun or description may reach back to.
ANTECEDENT_WINDOW = 6
#: Characters a pronoun may reach back to find a person named in the text.
ENTITY_WINDOW = 600
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_NAMED = ("PERSON", "ORG", "GPE", "NORP", "FAC")
#: Pronouns of the writer or of a quoted speaker: only a speaker of the same paragraph.
FIRST_PERSON = frozenset({"i", "me"})
#: Pronouns that stand for a group: resolved like "they".
GROUP_PRONOUNS = frozenset({"we", "us"})


@lru_cache(maxsize=200_000)
def canonical_key(name: str | None) -> str | None:
    """``"Gen. Valery Gerasimov"`` -> ``"valery gerasimov"``; None stays None.

    A leading honorific is dropped only when it is capitalised and a name follows it, so
    "General Staff" of a body keeps its words while "Gen. Gerasimov" loses the rank.
    """
    if not name:
        return None
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _POSSESSIVE.sub("", text.strip())
    words = re.findall(r"[\w'.-]+", text)
    while len(words) > 1 and words[0][:1].isupper() and words[0].lower().rstrip(".") in _HONORIFIC_STEMS \
            and words[1][:1].isupper():
        words.pop(0)
    if words and words[0].lower() == "the":
        words.pop(0)
    out = " ".join(w.strip(".").casefold() for w in words if w.strip("."))
    return out or None


_HONORIFIC_STEMS = frozenset(h.rstrip(".") for h in HONORIFICS)


def same_speaker(a: str | None, b: str | None) -> bool:
    """Do two names or keys refer to one speaker? Equal keys, or one is the other's
    surname ("gerasimov" ~ "valery gerasimov"), or one's words are a subset of the other's
    with the same last word ("donald trump" ~ "donald j trump")."""
    ka, kb = canonical_key(a), canonical_key(b)
    if not ka or not kb:
        return False
    if ka == kb:
        return True
    wa, wb = ka.split(), kb.split()
    if wa[-1] != wb[-1]:
        return False
    small, big = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return set(small) <= set(big)


def clean_name(text: str) -> str:
    """Strip honorifics, leading articles and a possessive from a written name."""
    words = text.split()
    while len(words) > 1 and (words[0].lower() in HONORIFICS or words[0].lower() == "the"):
        words.pop(0)
    out = " ".join(words)
    return _POSSESSIVE.sub("", out).strip(" ,")


class SpeakerResolver:
    """Resolves the speakers of one document's claims, in text order."""

    def __init__(self, doc: Doc):
        self.doc = doc
        self.text = doc_text(doc)
        self.sents = list(doc.sents)
        self.para_starts = paragraph_starts(self.text)
        self.full_names: dict[str, str] = {}
        self.persons: list[tuple[int, str]] = []
        self.ents = tuple(doc.ents)
        self.titled: set[str] = set()  # one-word names written after "Mr.", "Sen." ...: people
        for ent in self.ents:
            if ent.label_ == "PERSON":
                name = clean_name(ent.text)
                if not name:
                    continue
                self.persons.append((ent.start_char, name))
                if ent.start > 0 and doc[ent.start - 1].lower_ in HONORIFICS or name != ent.text.strip() \
                        and ent.text.split()[0].lower() in HONORIFICS:
                    self.titled.add(canonical_key(name))
                last = canonical_key(name).split()[-1] if canonical_key(name) else None
                if last and len(name.split()) > len(self.full_names.get(last, "").split()):
                    self.full_names[last] = name
        for tok in doc:
            if tok.dep_ == "nsubj" and _looks_like_name(tok) and not tok.ent_type_ and tok.head.pos_ == "VERB":
                self.persons.append((tok.idx, _compound_phrase(tok)))
        self.persons.sort()
        self.things = _thing_words(doc)
        self.spoke: set[str] = set()  # one-word names of earlier speakers written as names
        named = {t.lower_ for e in self.ents for t in e}
        self.subjects = {canonical_key(t.text) for t in doc if t.dep_ == "nsubj" and t.lower_ in named
                         and _looks_like_name(t) and not t.ent_type_}

    def person_like(self, name: str | None) -> bool:
        """Can a pronoun stand for ``name``? A person the article names with a first name
        and a surname, or with a title ("Mr. Turry"), or by one word as the speaker of an
        earlier claim or the subject of a verb, when it never uses that word for a thing
        ("on Twitter" is never "Twitter posted"). The tagger also calls
        "Twitter", "Bucknell" or "Lobby" a person, and the article writes "on Twitter",
        "Bucknell University", "the Speaker's Lobby"."""
        if not name:
            return False
        full = self.full_name(name)
        words = [w for w in full.split() if w[:1].isalpha()]
        if len(words) >= 2:
            return any(w[:1].isupper() for w in words) and not full.isupper()
        key = canonical_key(full)
        return key in self.titled or (key in self.spoke or key in self.subjects) and key not in self.things

    def full_name(self, name: str) -> str:
        """The longest form of ``name`` written in this article ("Kallas" -> "Kaja Kallas")."""
        key = canonical_key(name)
        if not key:
            return name
        if len(key.split()) == 1 and key in self.full_names:
            return self.full_names[key]
        return name

    def resolve(self, claims: list[Claim]) -> None:
        history: list[Speaker] = []
        for claim in sorted(claims, key=lambda c: c.start):
            sp = claim.speaker
            tok = claim.subject_token
            if sp is not None:
                self._describe(sp, tok)
                if sp.name and sp.label == "PERSON" and sp.mention.text.lower() not in PERSON_PRONOUNS \
                        and sp.mention.start > self.text.find("\n") and not in_heading(self.text, sp.mention.start):
                    self.spoke.add(canonical_key(sp.name))
                if sp.name is None:
                    self._antecedent(sp, tok, history, claim.start)
                if sp.name and sp.key is None and sp.label in _NAMED and sp.title != sp.name:
                    sp.key = canonical_key(sp.name)
                history.append(sp)
            if claim.target_speaker:
                claim.target_speaker = self.full_name(clean_name(claim.target_speaker))

    # -- named mentions -------------------------------------------------------------------
    def _describe(self, sp: Speaker, tok: Token | None) -> None:
        doc = self.doc
        span = doc.char_span(sp.mention.start, sp.mention.end, alignment_mode="expand")
        if span is None or tok is None:
            return
        head = tok
        if head.lemma_.lower() in STATEMENT_NOUNS:
            # "a statement from the Kremlin said ...": the speaker is who made the statement
            maker = next((g for c in head.children if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")
                          for g in c.children if g.dep_ == "pobj"), None)
            if maker is None:
                maker = next((c for c in head.children if c.dep_ == "poss"), None)
            if maker is not None:
                head = maker
                span = doc[maker.left_edge.i: maker.right_edge.i + 1]
        if head.lower_ in PERSON_PRONOUNS or head.lower_ in THING_PRONOUNS or head.pos_ == "PRON":
            return
        appos = next((c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                      and c.ent_type_ in ("PERSON", "ORG", "")), None)
        described = head
        if appos is not None and not _looks_like_name(head):
            # "another Twitter user, Pat Doe", "one hopeful, Pat Doe": the name in apposition
            # is who speaks, not the description or the platform inside it
            head = appos
        phrase = clean_name(_compound_phrase(head))
        full = self.full_name(phrase)
        if full != phrase and _looks_like_name(head):
            # A surname the article has already named in full: the NER label does not matter.
            sp.name, sp.label, sp.key = full, "PERSON", canonical_key(full)
            sp.title = None
            return
        # An owner written before a description ("Pfizer's chief executive", "Chad's
        # ambassador") is not who speaks: the description is.
        ents = [e for e in span.ents if e.label_ in _NAMED and not owner_of(e, head)
                and (head is described or head.left_edge.i <= e.start and e.end <= head.right_edge.i + 1)]
        person = next((e for e in ents if e.label_ == "PERSON" and e.start <= head.i < e.end), None) \
            or next((e for e in ents if e.label_ == "PERSON"), None)
        org_at_head = next((e for e in ents if e.start <= head.i < e.end and e.label_ in ("ORG", "GPE", "NORP", "FAC")), None)
        if person is not None and (person.start <= head.i < person.end or head.dep_ in ("nsubj", "pobj", "nsubjpass")
                                   or any(t.dep_ == "appos" for t in span)):
            sp.name = self.full_name(clean_name(person.text))
            sp.label = "PERSON"
            sp.title = _title(span, person)
        elif org_at_head is not None:
            sp.name = clean_name(org_at_head.text)
            sp.label = org_at_head.label_
            sp.title = _title(span, org_at_head)
        elif _looks_like_name(head):
            sp.name = clean_name(_compound_phrase(head))
            sp.label = "PERSON" if sp.label not in ("ORG", "GPE", "NORP") else sp.label
            sp.key = canonical_key(sp.name)
        else:
            # A party or nationality (NORP) is an adjective: "of Republican" is never a body.
            anchor = next((e for e in ents if e.label_ in ("GPE", "ORG")), None)
            phrase = _compound_phrase(head)
            run_start = doc.char_span(head.idx + len(head.text) - len(phrase), head.idx + len(head.text),
                                      alignment_mode="expand").start
            if anchor is not None and anchor.start <= head.i and (anchor.end > run_start or all(
                    t.text in "/-–" for t in doc[anchor.end:run_start])):
                # The anchor is part of the description ("a New York judge", "an FBI summary",
                # "a CNN/ORC poll"):
                # an unnamed source, shown by the description as written.
                sp.title = strip_det(doc[min(anchor.start, run_start):head.i + 1].text)
            elif anchor is not None and (anchor.text in phrase or head.lemma_.lower() in BODY_HEADS):
                # A body named by description, anchored to a country or organisation ("The
                # general staff for Ukraine's armed forces" -> "general staff of Ukraine").
                inside = anchor.text in phrase
                sp.name = strip_det(phrase) if inside else f"{phrase} of {clean_name(anchor.text)}"
                sp.label = "ORG"
                sp.key = canonical_key(sp.name)
            else:
                # Anything else is shown as written: "a 2014 estimate by Congress's Joint
                # Committee on Taxation" is not an "estimate of Congress". A statement
                # nobody is said to have made ("a statement saying ...") names no one.
                title = description(head, span)
                # one word the tagger calls no noun is a name only if people bear it
                # ("From said", yes; "Perhaps the one that ...", no)
                if " " in title or head.lemma_.lower() not in STATEMENT_NOUNS and (
                        head.pos_ in ("NOUN", "PROPN") or is_census_name(title)):
                    sp.title = title

    # -- pronouns and descriptions ----------------------------------------------------------
    def _antecedent(self, sp: Speaker, tok: Token | None, history: list[Speaker], offset: int) -> None:
        word = tok.lower_ if tok is not None else sp.mention.text.lower()
        recent = [h for h in history[-ANTECEDENT_WINDOW:] if h.name]
        if word in GROUP_PRONOUNS:
            return  # "we" outside a quote: the writer's side, or a group not named here
        if word in PERSON_PRONOUNS:
            # Centering order: an earlier speaker of the same paragraph, then the person who
            # is the subject of the sentence before, then the nearest person named earlier.
            # Only people can be meant, of the pronoun's sex when the first name tells it.
            people = [h for h in recent if h.label == "PERSON" and self.person_like(h.name) and agrees(word, h.name)]
            same_para = next((h for h in reversed(people)
                              if self._paragraph(h.mention.start) == self._paragraph(offset)), None)
            if same_para is not None:
                return _adopt(sp, same_para)
            if word in FIRST_PERSON:
                return  # "I" outside a quote of someone named in the paragraph: the writer
            subject = self._previous_subject(offset)
            if subject is not None and self.person_like(subject) and agrees(word, subject):
                match = next((h for h in reversed(recent) if same_speaker(h.name, subject)), None)
                if match is not None:
                    return _adopt(sp, match)
                sp.name, sp.label, sp.key = subject, "PERSON", canonical_key(subject)
                return
            speaker = next((h for h in reversed(people)), None)
            person = self._person_before(offset, word)
            if person and (speaker is None or person[0] > speaker.mention.start
                           and not same_speaker(person[1], speaker.name)):
                sp.name, sp.label, sp.key = person[1], "PERSON", canonical_key(person[1])
            elif speaker is not None:
                _adopt(sp, speaker)
            return
        if word == "it" and tok is not None and tok.head.lemma_ == "be":
            return  # "it's hard to know": an expletive refers to nothing
        if word in THING_PRONOUNS:
            for h in reversed(recent):
                # "they" is people in the plural ("the officials", "Democrats"), never one
                # person or one document; "it" is a body or a place
                if word in ("they", "them", "their"):
                    if h.label != "PERSON" and plural(h):
                        return _adopt(sp, h)
                elif h.label in ("ORG", "GPE"):
                    return _adopt(sp, h)
            return
        if tok is not None and tok.pos_ == "NOUN" and any(c.lower_ in ("the", "this", "that") for c in tok.children) \
                and not any(c.dep_ in _NAME_PARTS and (c.pos_ == "PROPN" or c.ent_type_) for c in tok.children):
            # "the report" refers back; "the National Academies report" names its own source
            head = tok.lemma_.lower()
            for h in reversed(history[-ANTECEDENT_WINDOW:]):
                words = set(re.findall(r"\w+", f"{h.title or ''} {h.name or ''}".lower()))
                if head in words or tok.lower_ in words:
                    if h.name:
                        return _adopt(sp, h)
                    sp.title = h.title
                    return
        if sp.title:
            sp.name = sp.title  # an unnamed source is shown by its description, without a key

    def _paragraph(self, offset: int) -> int:
        return paragraph_of(self.para_starts, offset)

    def _previous_subject(self, offset: int) -> str | None:
        """The person who is the main subject of one of the two sentences before ``offset``."""
        sents = [s for s in self.sents if s.end_char <= offset]
        here = next((s for s in self.sents if s.start_char <= offset < s.end_char), None)
        candidates = ([here] if here is not None else []) + sents[-2:][::-1]
        for sent in candidates:
            for tok in sent:
                if tok.idx >= offset:
                    break
                if tok.dep_ == "nsubj" and _looks_like_name(tok) and tok.ent_type_ in ("PERSON", "") \
                        and tok.head.dep_ == "ROOT":
                    ent = next((e for e in self.ents if e.start <= tok.i < e.end and e.label_ == "PERSON"), None)
                    return self.full_name(clean_name(ent.text if ent is not None else _compound_phrase(tok)))
            if sent is here:
                continue
        return None

    def _person_before(self, offset: int, pronoun: str) -> tuple[int, str] | None:
        """The nearest person named before ``offset`` whom ``pronoun`` can stand for."""
        best = None
        for start, name in self.persons:
            if start < offset and offset - start <= ENTITY_WINDOW and self.person_like(name) \
                    and agrees(pronoun, self.full_name(name)):
                best = (start, self.full_name(name))
        return best


#: Entity labels of things and places: a word inside one is not a person's name.
_THING_LABELS = ("ORG", "GPE", "LOC", "FAC", "NORP", "PRODUCT", "WORK_OF_ART", "EVENT", "LAW", "DATE")


def _thing_words(doc: Doc) -> set[str]:
    """Keys of single words the article uses for a thing or a place: inside a longer
    name of a thing ("Bucknell University"), after
    a preposition of place ("at Bucknell", "in the Lobby"), written in lower case elsewhere
    ("the ban"), or not a noun at all ("Nationally, ...")."""
    out = set()
    for ent in doc.ents:
        if ent.label_ in _THING_LABELS and len(ent) > 1:  # one word's label is often wrong
            out.update(t.lower_ for t in ent if t.pos_ == "PROPN")
        elif ent.label_ == "PERSON" and len(ent) == 1 and ent.root.pos_ not in ("PROPN", "NOUN"):
            out.add(ent.root.lower_)
    for tok in doc:
        if tok.dep_ == "pobj" and tok.head.lower_ in ("in", "at", "inside", "via") and tok.pos_ == "PROPN":
            out.add(tok.lower_)
        elif tok.is_lower and tok.is_alpha:
            out.add(tok.text)  # a word written in lower case is a common word: "ban", "claim"
    return out


def _looks_like_name(tok: Token) -> bool:
    """A proper noun, or a capitalised singular noun with no determiner: the small model
    tags unfamiliar names ("Zelenskyy") as common nouns."""
    if tok.pos_ == "PROPN":
        return True
    return (tok.pos_ == "NOUN" and tok.tag_ == "NN" and tok.text[:1].isupper() and tok.text[1:].islower()
            and not any(c.dep_ in ("det", "poss") for c in tok.children)
            and tok.lemma_.lower() not in DESCRIPTION_HEADS)


def _adopt(sp: Speaker, other: Speaker) -> None:
    sp.name, sp.title, sp.key, sp.label = other.name, other.title, other.key, other.label


#: Modifiers written before a head noun that belong to its name.
_NAME_PARTS = ("compound", "amod", "nmod")
#: Marks that join two words of one name without a space ("CNN/ORC", "AT&T").
_NAME_JOINERS = ("/", "&", "-")


def _compound_phrase(head: Token) -> str:
    """The head noun with the modifiers before it that belong to its name, and theirs:
    "general staff", "Valery Gerasimov", "New Hampshire Union Leader" (where "New" modifies
    "Hampshire"), "CNN/ORC poll". Determiners, possessives and adverbs end the phrase."""
    doc = head.doc
    run = {head.i}
    start = head.i
    while start > 0:
        prev = doc[start - 1]
        if prev.dep_ in _NAME_PARTS and prev.head.i in run:
            run.add(prev.i)
            start -= 1
        elif prev.text in _NAME_JOINERS and start >= 2 and not prev.whitespace_ \
                and not doc[start - 2].whitespace_ and doc[start - 2].dep_ in _NAME_PARTS + ("conj", "appos") \
                and doc[start - 2].head.i >= start - 1:
            run.update((prev.i, start - 2))
            start -= 2
        else:
            break
    return doc[start:head.i + 1].text


def _title(span: Span, ent: Span) -> str | None:
    """The description in a mention besides its name: "Russia's chief military officer"."""
    text = doc_text(span.doc)
    before = text[span.start_char:ent.start_char]
    after = text[ent.end_char:span.end_char]
    words_before = before.split()
    # an honorific glued to the name ("Gen.") is not a title
    while words_before and words_before[-1].endswith(".") and words_before[-1].lower() in HONORIFICS:
        words_before.pop()
    parts = [" ".join(words_before).strip(" ,"), after.strip(" ,")]
    title = ", ".join(p for p in parts if p and re.search(r"[A-Za-z]{3}", p))
    title = strip_det(title)
    return title or None
