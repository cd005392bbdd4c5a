"""Judgements of falsity a claim makes, and what they judge.

"Reports that P are untrue", "the Batmobile theft story is a hoax", "DHS debunks the
report", "laughs off the rumours", "setting the record straight", "made it all up": the
text calls a story false. Not when asked, hedged, negated or itself denied ("denies hoax
claims"); and a person called a liar is judged, not a claim (:func:`falsity_scope`).
Also the two tests every polarity rule shares: is a token asked (:func:`in_question`) or
hedged (:func:`hedged`)?
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimlink.extractors.text import doc_text

from .frames import negated as _negated
from .lexicon import (ASIDE_PREPS, DISMISS_PHRASES, DISMISS_VERBS, FALSITY, FALSITY_PHRASES, HEDGES, INVENT_PHRASES,
                      REFUTING_VERBS, RUMOR_NOUNS, STORY_NOUNS, pred_key)


def in_question(tok: Token) -> bool:
    """The token's sentence is a question ("Is the third breast a hoax?")."""
    sent = tok.sent
    text = doc_text(tok.doc)[sent.start_char:sent.end_char]
    return "?" in text[tok.idx - sent.start_char:] or text.rstrip().endswith("?")


def hedged(tok: Token) -> bool:
    for t in [tok, tok.head, tok.head.head]:
        if any(c.lower_ in HEDGES for c in t.children if c.dep_ in ("aux", "mark", "advmod")):
            return True
    return False


def _denied_object(tok: Token) -> bool:
    """Inside the object of a denial verb ("denies hoax claims"): a double negative.
    "dismissed as a hoax" is the judgement itself, not its object."""
    from claimlink.extractors.cues import is_denial

    child = tok
    for anc in tok.ancestors:
        if anc.pos_ == "VERB" and is_denial(anc):
            return child.dep_ in ("dobj", "ccomp", "xcomp", "nsubjpass") and not (
                child.dep_ == "prep" and child.lower_ == "as")
        if anc.dep_ == "prep" and anc.lower_ == "as":
            return False
        child = anc
    return False


def _falsity_word(t: Token) -> bool:
    lemma = t.lemma_.lower()
    if lemma == "lie":
        # "a lie" judges a claim; "they lied" accuses people of an act; "lay off"
        # lemmatises to lie
        return t.pos_ in ("NOUN", "ADJ", "PROPN") and t.lower_ in ("lie", "lies", "liar")
    return lemma in FALSITY or t.lower_ in FALSITY or lemma in REFUTING_VERBS


def _invented(t: Token) -> bool:
    """"made it all up", "cooked up the story": a phrasal verb of invention whose object
    is a pronoun or a story, or none ("make up 20 percent" invents nothing)."""
    prt = next((c.lower_ for c in t.children if c.dep_ == "prt"), None)
    if t.pos_ != "VERB" or (t.lemma_.lower(), prt) not in INVENT_PHRASES:
        return False
    objs = [c for c in t.children if c.dep_ == "dobj"]
    return all(o.pos_ == "PRON" or o.lemma_.lower() in STORY_NOUNS for o in objs)


def _dismissed(t: Token) -> Token | None:
    """The rumour, report or claim a verb dismisses ("kills the rumor", "laughs off the
    reports", "makes fun of the rumour"), else None."""
    if t.pos_ != "VERB":
        return None
    lemma = t.lemma_.lower()
    prt = next((c.lower_ for c in t.children if c.dep_ == "prt"), None)
    if lemma in DISMISS_VERBS or (lemma, prt) in DISMISS_PHRASES:
        objs = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")]
        # "laughs off rumours" is often parsed with the rumours under the particle
        objs += [g for c in t.children if c.dep_ == "prt" for g in c.children if g.dep_ == "pobj"]
    elif lemma in ("make", "poke") and any(c.dep_ == "dobj" and c.lower_ == "fun" for c in t.children):
        objs = [g for c in t.children for x in ([c] + list(c.children)) if x.dep_ == "prep" and x.lower_ in ("of", "at")
                for g in x.children if g.dep_ == "pobj"]
    else:
        return None
    return next((o for o in objs if o.lemma_.lower() in RUMOR_NOUNS), None)


def _phrases(toks: list[Token]) -> list[tuple[str, list[Token]]]:
    """Falsity phrases in ``toks``, each word matched on its form or its lemma ("setting
    the record straight", "never took place")."""
    out = []
    forms = [(t.lower_, t.lemma_.lower()) for t in toks]
    for phrase in FALSITY_PHRASES:
        words = phrase.split()
        for i in range(len(toks) - len(words) + 1):
            if all(w in forms[i + j] or (w == "not" and forms[i + j][0] == "n't") for j, w in enumerate(words)):
                out.append((phrase, toks[i:i + len(words)]))
                break
    return out


def falsity(doc: Doc, toks: list[Token]) -> list[str]:
    """Judgements of falsity the text makes, not asked, hedged, negated or denied."""
    out: list[str] = []
    for t in toks:
        if _falsity_word(t):
            negated = _negated(t) or any(c.lower_ in ("no", "not", "never") for c in t.children)
            if negated or in_question(t) or hedged(t) or _denied_object(t):
                continue
            if t.dep_ == "pobj" and t.head.lower_ in ASIDE_PREPS:
                continue
            if t.dep_ == "amod" and t.head.pos_ in ("NOUN", "PROPN") and t.head.lemma_.lower() not in STORY_NOUNS:
                # "false Batmobile theft" judges the theft: it counts if the theft is the claim's
                out.append(f"{t.lower_}@{pred_key(t.head.lemma_.lower())}")
                continue
            out.append(t.lower_)
    for t in toks:
        # "Snyder kills the stolen-Batmobile rumor", "rumours put to rest", "myth dispelled",
        # "laughs off the reports", "makes fun of the rumor"
        rumor = _dismissed(t)
        if rumor is not None and not _negated(t) and not in_question(t) and not hedged(t):
            fun = " fun of" if t.lemma_.lower() in ("make", "poke") else ""
            out.append(f"{t.lower_}{fun} the {rumor.lower_}")
    for phrase, span in _phrases(toks):
        if not in_question(span[0]) and not any(hedged(t) for t in span):
            out.append(phrase)
    for t in toks:
        if _invented(t) and not _negated(t) and not in_question(t) and not hedged(t):
            out.append("made up")
    return out


def _judged(t: Token) -> list[Token] | None:
    """What a falsity word judges: the subject of "X is a hoax / untrue", the noun of
    "fake report", the object of "dismissed the rumours as nonsense". ``[]`` when that is
    a person ("Trump is a liar": a judgement of a person refutes no claim), None when
    nothing can be recovered."""
    node = t
    if t.lemma_.lower() in REFUTING_VERBS or t.lemma_.lower() == "debunk":
        # "DHS debunks the report that P": the object is judged, the subject refutes
        obj = next((c for c in t.children if c.dep_ in ("dobj", "nsubjpass")), None)
        return [x for x in obj.subtree] if obj is not None else None
    if t.dep_ == "advmod" and t.head.pos_ == "VERB":
        # "falsely claimed that P": what was claimed
        comp = next((c for c in t.head.children if c.dep_ == "ccomp"), None)
        return list(comp.subtree) if comp is not None else None
    if t.dep_ in ("amod", "compound") and t.head.pos_ in ("NOUN", "PROPN"):
        node = t.head
        if node.lemma_.lower() not in STORY_NOUNS:
            return [node]
    if node.dep_ in ("acomp", "attr") or node is t and t.dep_ == "ROOT":
        verb = node.head if node.dep_ != "ROOT" else node
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is None:
            return None
        node = subj
    elif node.dep_ == "pobj" and node.head.lower_ == "as":  # dismissed X as a hoax
        verb = node.head.head
        node = next((c for c in verb.children if c.dep_ in ("dobj", "nsubjpass")), None)
        if node is None:
            return None
    elif node is t:
        return None
    if node.ent_type_ == "PERSON" or node.lower_ in PERSON_WORDS or node.pos_ == "PROPN" and not node.ent_type_:
        return []
    return [x for x in node.subtree if x.i != t.i]


#: Pronouns and nouns for people: a falsity word said of them judges a person.
PERSON_WORDS = frozenset("he she him her they them i you we candidate nominee".split())


def falsity_scope(toks: list[Token]) -> tuple[bool, list[Token]]:
    """(any falsity word judges a person only, tokens the falsity words judge)."""
    person, judged = False, []
    for t in toks:
        if not _falsity_word(t):
            continue
        scope = _judged(t)
        if scope == []:
            person = True
        elif scope:
            judged += scope
    return person, judged
