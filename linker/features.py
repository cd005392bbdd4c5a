"""What a claim is about, as plain JSON the store keeps and the scorer reads.

Computed once per claim from the parse, when the claim is extracted:

- ``ents``: normalised entities and proper names in the content (places, bodies, people);
- ``ctx``: the same for the whole sentence (a bare denial, "denied Gerasimov's claims",
  is about what its sentence is about);
- ``frames``: slots with mutually exclusive values -- ``control`` of a place by a party,
  ``status`` of a person (dead/alive), ``decision`` on a thing (approved/rejected);
- ``preds``: content predicates with their negation and argument keys, for polarity;
- ``nums``: numbers with the word they count;
- ``rebuts``: the speaker a claim answers, when its speaker denies that speaker's claims in
  the same sentence ("denied Gerasimov's claims and said P": P rebuts Gerasimov).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from extractors.speakers import canonical_key, same_speaker
from extractors.types import Claim

from .gazetteer import is_party, normalise

ENTITY_LABELS = ("GPE", "LOC", "ORG", "PERSON", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART")
#: Nouns for armed or official bodies whose owner is the party ("Moscow's forces").
FORCE_NOUNS = frozenset("forces force troops army military soldiers units fighters government "
                        "officials authorities militia rebels navy".split())
#: Verbs and their frame values. "take control", "capture X" -> control by the subject.
CONTROL_VERBS = frozenset("capture seize take occupy retake recapture liberate hold control "
                          "conquer overrun gain regain retain keep maintain have remain establish".split())
LOSE_CONTROL = frozenset("lose cede surrender abandon withdraw retreat".split())
DEAD = frozenset("kill die dead death assassinate execute murder slay".split())
ALIVE = frozenset("alive survive live living".split())
APPROVE = frozenset("approve pass accept sign ratify adopt endorse authorize authorise".split())
REJECT = frozenset("reject veto block refuse deny oppose strike overturn".split())


def _tokens_of(doc: Doc, claim: Claim) -> list[Token]:
    toks: list[Token] = []
    for s in claim.content:
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is not None:
            toks.extend(span)
    return toks


def _entity_keys(doc: Doc, toks: list[Token]) -> list[str]:
    ids = {t.i for t in toks}
    keys: list[str] = []
    seen_tok: set[int] = set()
    for ent in doc.ents:
        if ent.label_ in ENTITY_LABELS and ent.start in ids:
            keys.append(normalise(ent.text))
            seen_tok.update(range(ent.start, ent.end))
    for t in toks:
        if t.pos_ == "PROPN" and t.i not in seen_tok and t.dep_ != "compound":
            keys.append(normalise(_phrase(t)))
    out: list[str] = []
    for k in keys:
        if k and k not in out:
            out.append(k)
    return out


def _phrase(tok: Token) -> str:
    run = [tok]
    for left in reversed(list(tok.lefts)):
        if left.dep_ == "compound" and left.i == run[0].i - 1:
            run.insert(0, left)
    return " ".join(t.text for t in run)


def party_of(tok: Token) -> str | None:
    """The party a noun phrase stands for: an entity, or the owner of a force noun
    ("Moscow's forces" -> russia, "Russian troops" -> russia, "the army of Ukraine")."""
    if tok.ent_type_ in ("GPE", "NORP", "ORG"):
        ent = next((e for e in tok.doc.ents if e.start <= tok.i < e.end), None)
        if ent is not None:
            return normalise(ent.text)
    key = normalise(_phrase(tok))
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


def _negated(tok: Token) -> bool:
    if any(c.dep_ == "neg" for c in tok.children):
        return True
    head = tok.head
    return tok.dep_ in ("acomp", "attr", "xcomp", "dobj") and any(c.dep_ == "neg" for c in head.children)


def _subject_of(verb: Token) -> Token | None:
    for _ in range(3):
        subj = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subj is not None:
            return subj
        if verb.dep_ in ("conj", "xcomp", "advcl") and verb.head is not verb:
            verb = verb.head
        else:
            return None
    return None


def _frames(doc: Doc, toks: list[Token]) -> list[list]:
    frames: list[list] = []
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
                value = ("not " + holder) if verb.lemma_.lower() in LOSE_CONTROL or _negated(verb) else holder
                frames.append(["control", normalise(_phrase(place)), value, f"control of {_phrase(place)}"])
        elif t.pos_ == "VERB" and lemma in CONTROL_VERBS - {"have", "remain", "keep", "maintain", "establish", "gain"}:
            obj = next((c for c in t.children if c.dep_ == "dobj"), None)
            if obj is None or not (obj.ent_type_ in ("GPE", "LOC", "FAC") or obj.pos_ == "PROPN"):
                continue
            subj = _subject_of(t)
            holder = party_of(subj) if subj is not None else None
            if holder:
                value = ("not " + holder) if _negated(t) else holder
                frames.append(["control", normalise(_phrase(obj)), value, f"control of {_phrase(obj)}"])
        elif lemma in DEAD | ALIVE and t.pos_ in ("VERB", "ADJ", "NOUN"):
            person = None
            for c in list(t.children) + [t.head]:
                if c.i in ids and c.ent_type_ == "PERSON":
                    person = c
            if person is None:
                continue
            state = "dead" if lemma in DEAD else "alive"
            if _negated(t):
                state = "alive" if state == "dead" else "dead"
            frames.append(["status", normalise(_phrase(person)), state, f"status of {_phrase(person)}"])
        elif t.pos_ == "VERB" and lemma in APPROVE | REJECT:
            obj = next((c for c in t.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if obj is None:
                continue
            state = "approved" if lemma in APPROVE else "rejected"
            if _negated(t):
                state = "rejected" if state == "approved" else "approved"
            frames.append(["decision", normalise(_phrase(obj)), state, f"decision on {_phrase(obj)}"])
    return frames


def _preds(toks: list[Token]) -> list[list]:
    out = []
    for t in toks:
        if t.pos_ in ("VERB", "ADJ") and t.dep_ not in ("amod", "aux", "auxpass"):
            args = sorted({normalise(_phrase(c)) for c in t.children
                           if c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr", "pobj") and c.pos_ in ("PROPN", "NOUN")})
            out.append([t.lemma_.lower(), _negated(t), args])
    return out


_NUM = re.compile(r"^\d[\d,.]*$")


def _nums(toks: list[Token]) -> list[list]:
    out = []
    for t in toks:
        if t.like_num and _NUM.match(t.text):
            try:
                value = float(t.text.replace(",", ""))
            except ValueError:
                continue
            out.append([t.head.lemma_.lower(), value])
    return out


def claim_features(doc: Doc, claim: Claim) -> dict:
    """Features of one claim of ``doc`` (see the module docstring)."""
    toks = _tokens_of(doc, claim)
    sent = doc.char_span(claim.sentence.start, claim.sentence.end, alignment_mode="expand") \
        if claim.sentence else None
    return {
        "ents": _entity_keys(doc, toks),
        "ctx": _entity_keys(doc, list(sent)) if sent is not None else [],
        "frames": _frames(doc, toks),
        "preds": _preds(toks),
        "nums": _nums(toks),
        "rebuts": None,
    }


def link_rebuttals(claims: list[Claim], features: list[dict]) -> None:
    """Mark assertions that answer a denial in the same sentence by the same speaker:
    in "X denied Y's claims and said P", P rebuts Y."""
    for i, c in enumerate(claims):
        if c.stance != "denies" or not c.target_speaker or c.sentence is None:
            continue
        for j, other in enumerate(claims):
            if j == i or other.stance != "asserts" or other.sentence is None:
                continue
            if other.sentence.start != c.sentence.start:
                continue
            if c.speaker and other.speaker and (c.speaker.key or c.speaker.name) and \
                    (c.speaker.key == other.speaker.key or same_speaker(c.speaker.name, other.speaker.name)):
                features[j]["rebuts"] = canonical_key(c.target_speaker)


def analyse(doc: Doc, claims: list[Claim] | None = None) -> tuple[list[Claim], list[dict]]:
    """Claims of a parsed doc with their linker features, rebuttals linked. The one path
    both the pipeline and ``claimlink compare`` take."""
    from extractors.claims import extract_claims

    claims = extract_claims(doc) if claims is None else claims
    feats = [claim_features(doc, c) for c in claims]
    for c, f in zip(claims, feats):
        if c.target_content is not None:
            f["target_text"] = c.target_content.text
    link_rebuttals(claims, feats)
    return claims, feats
