"""What a claim is about, as plain JSON the store keeps and the scorer reads.

Computed once per claim from the parse, when the claim is extracted:

- ``ents``: normalised entities and proper names in the content (places, bodies, people);
- ``ctx``: the same for the whole sentence (a bare denial, "denied Gerasimov's claims",
  is about what its sentence is about);
- ``frames``: slots with mutually exclusive values -- ``control`` of a place by a party,
  ``status`` of a person (dead/alive), ``decision`` on a thing (approved/rejected);
- ``lemmas``: content words (lemmas), the claim's topic;
- ``asserted`` / ``negated``: main predicates, split by polarity ("NOT stolen");
- ``negation``: negated main predicates with their clause, and a leading "No,";
- ``falsity`` / ``doubt``: judgements that a story is false ("hoax", "not true") or doubtful;
- ``question``: the claim only asks;
- ``nums``: numbers with the word they count;
- ``rebuts``: the speaker a claim answers, when its speaker denies that speaker's claims in
  the same sentence ("denied Gerasimov's claims and said P": P rebuts Gerasimov).
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from claimlink.extractors.text import doc_text
from claimlink.extractors.speakers import canonical_key, same_speaker
from claimlink.extractors.types import Claim

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
#: Words that call a claim or story false. A judgement of falsity is a denial without a
#: denier: "Banksy arrest story is a hoax".
FALSITY = frozenset("""
hoax hoaxer fake false falsely untrue bogus myth debunk debunked satire satirical fabricate
fabricated fabrication lie lies lied liar nonsense phony phoney scam prank spoof parody
photoshopped doctored baseless unfounded misleading fiction fictional fraud fraudulent
rubbish hogwash bunk bullshit bs inaccurate erroneous misinformation disinformation troll
""".split())
#: Multi-word judgements of falsity, matched on lower-cased text.
FALSITY_PHRASES = ("not true", "no truth", "no evidence", "not real", "made up", "pants on fire",
                   "never happened", "did not happen", "didn't happen", "not the case", "put to rest",
                   "set the record straight")
#: Verbs that end a rumour: "kills the rumor", "put the rumours to rest", "dispels the myth".
DISMISS_VERBS = frozenset("kill quash squash dispel scotch bust put end debunk deflate explode".split())
RUMOR_NOUNS = frozenset("rumor rumour rumors rumours myth report reports claim claims story".split())
#: Predicates that exclude each other: one asserted against the other is a contradiction.
ANTONYMS = {"dead": "alive", "alive": "dead", "guilty": "innocent", "innocent": "guilty",
            "win": "lose", "lose": "win", "open": "close", "close": "open", "confirm": "deny",
            "true": "false", "increase": "decrease", "decrease": "increase", "rise": "fall", "fall": "rise"}
#: Verbs that report a state without asserting it ("believed dead", "rumoured to be").
REPORTED = frozenset("believe think report rumor rumour say claim allege fear suspect presume".split())
#: Modal hedges: "may be a hoax" judges nothing.
HEDGES = frozenset("may might could possibly perhaps maybe whether if".split())
#: Verbs too light to carry a claim's polarity.
LIGHT_VERBS = frozenset("be have do say get go make take come give seem become tell know think "
                        "want use see look need".split())
APPROVE = frozenset("approve pass accept sign ratify adopt endorse authorize authorise".split())
REJECT = frozenset("reject veto block refuse deny oppose strike overturn".split())


def _tokens_of(doc: Doc, claim: Claim) -> list[Token]:
    toks: list[Token] = []
    for s in claim.content:
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is not None:
            toks.extend(span)
    return toks


def _ents(doc: Doc) -> tuple:
    """``doc.ents``, built once: spaCy makes new spans on every access."""
    ents = doc.user_data.get("claimlink_ents")
    if ents is None:
        ents = doc.user_data["claimlink_ents"] = tuple(doc.ents)
    return ents


def _entity_keys(doc: Doc, toks: list[Token]) -> list[str]:
    ids = {t.i for t in toks}
    keys: list[str] = []
    seen_tok: set[int] = set()
    for ent in _ents(doc):
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
        ent = next((e for e in _ents(tok.doc) if e.start <= tok.i < e.end), None)
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
            if person is not None:
                frames.append(_binary_frame("status", "status of", person, ("dead", "alive"), lemma in DEAD,
                                            _negated(t)))
        elif t.pos_ == "VERB" and lemma in APPROVE | REJECT:
            obj = next((c for c in t.children if c.dep_ in ("dobj", "nsubjpass")), None)
            if obj is not None:
                frames.append(_binary_frame("decision", "decision on", obj, ("approved", "rejected"),
                                            lemma in APPROVE, _negated(t)))
    return frames


def _binary_frame(kind: str, label: str, slot: Token, values: tuple[str, str], first: bool, negated: bool) -> list:
    """A slot with two exclusive values; negation picks the other one ("not dead")."""
    state = values[0] if first != negated else values[1]
    return [kind, normalise(_phrase(slot)), state, f"{label} {_phrase(slot)}"]


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


def _in_question(tok: Token) -> bool:
    """The token's sentence is a question ("Is the third breast a hoax?")."""
    sent = tok.sent
    text = doc_text(tok.doc)[sent.start_char:sent.end_char]
    return "?" in text[tok.idx - sent.start_char:] or text.rstrip().endswith("?")


def _hedged(tok: Token) -> bool:
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


#: Nouns and verbs of doubt: "experts cast doubt on the claim", "NASA questions whether P".
DOUBT = frozenset("doubt doubtful skeptical sceptical dubious".split())


#: Lemmas that one polarity test should treat as one predicate.
SYNONYMS = {"kill": "dead", "die": "dead", "death": "dead", "murder": "dead", "dead": "dead",
            "arrest": "arrest", "detain": "arrest", "detention": "arrest", "capture": "arrest",
            "steal": "steal", "theft": "steal", "stolen": "steal"}


def _pred_key(lemma: str) -> str:
    return SYNONYMS.get(lemma, lemma)


def _main_negation(toks: list[Token]) -> list[list]:
    """Negated main predicates: ``[predicate, is_copula, [lemmas of its clause]]``.

    "al-Baghdadi not dead", "the woman is not his wife", "no ISIS fighters crossed".
    Questions, hedges, imperatives ("do not reset"), infinitives ("reasons not to give
    up") and the idiom "had no idea" assert no negation."""
    ids = {t.i for t in toks}
    out: list[list] = []
    for t in toks:
        head = t.head
        existential = False
        if t.dep_ == "neg" or (t.lower_ == "never" and t.dep_ in ("neg", "advmod")):
            pred = head
        elif t.lower_ == "no" and t.dep_ == "det" and head.dep_ in ("nsubj", "nsubjpass", "attr", "ROOT"):
            # "No threats were made", "No ISIL fighters on the border"
            if head.lemma_.lower() in ("idea", "way", "doubt", "reason", "one", "matter", "comment"):
                continue
            pred = head if head.dep_ == "ROOT" else head.head
            existential = True
        else:
            continue
        if pred.i not in ids or _in_question(pred) or _hedged(pred):
            continue
        if existential:
            out.append(["", "existential", _lemmas([x for x in pred.sent if x.i in ids])])
            continue
        if pred.pos_ not in ("VERB", "AUX"):
            # Headline ellipsis, "students not among dead": the negated phrase has no verb.
            sent = [x for x in pred.sent if x.i in ids]
            out.append(["", "ellipsis", _lemmas(sent)])
            continue
        participle = pred.dep_ == "acl" and pred.tag_ == "VBN" and t.head is pred  # "Obama not blurred"
        if pred.dep_ not in ("ROOT", "ccomp", "conj", "parataxis") and not participle and not (
                pred.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in pred.children)):
            continue  # negation inside an infinitive, relative or adverbial clause
        if pred.tag_ == "VB" and pred.dep_ == "ROOT" and not any(c.dep_ in ("nsubj", "nsubjpass", "expl")
                                                                   for c in pred.children):
            continue  # imperative: "do not reset your phone"
        if any(c.dep_ in ("ccomp", "advcl") and any(m.lower_ in ("if", "whether") for m in c.children)
               for c in pred.children):
            continue  # "will not say if ...": declining to answer is not a denial
        lemma = pred.lemma_.lower()
        kind = "copula" if lemma == "be" else "speech" if lemma in ("say", "tell") else ""
        if lemma in LIGHT_VERBS and not kind:
            continue
        if kind == "copula" and not any(c.dep_ == "attr" for c in pred.children):
            continue  # "is not sure", "is never funny": an attitude, not the claim's negation
        clause = _lemmas([x for x in pred.subtree if x.i in ids and x is not pred])
        out.append([_pred_key(lemma), kind, clause])
    # "No, X did it not" / "Nope": a headline that opens by refusing the claim.
    for t in toks:
        if t.lower_ not in ("no", "nope"):
            continue
        opens = t.i == t.sent.start or (t.i > 0 and t.doc[t.i - 1].text in (":", "?", "-", "—"))
        if opens and (t.i + 1 == len(t.doc) or t.doc[t.i + 1].text in
                                                     (",", ".", ":", "!")) and not _in_question(t):
            out.append(["", "refutation", _lemmas(toks)])
    return out


def _doubt(toks: list[Token]) -> list[str]:
    """Doubt cast by the text: "experts doubt", "cast doubt on", "NASA questions whether"."""
    out = []
    for t in toks:
        lemma = t.lemma_.lower()
        if (lemma in DOUBT or (lemma == "question" and t.pos_ == "VERB")) and not _in_question(t) \
                and not _negated(t) and not _hedged(t):
            out.append(t.lower_)
    return out


#: Nouns a falsity adjective can judge: "fake report", "doctored photo". "fake passports"
#: judges the passports, not the story.
STORY_NOUNS = frozenset("story report news claim claims rumor rumour photo picture image video footage "
                        "tweet account quote quotes article post headline site website letter document "
                        "statement interview alarm".split())
#: Prepositions under which a falsity noun is not the text's judgement ("furious at the lie").
_ASIDE_PREPS = frozenset("at to over about for with from in on into after by".split())


def _falsity_word(t: Token) -> bool:
    lemma = t.lemma_.lower()
    if lemma == "lie":
        # "a lie" judges a claim; "they lied" accuses people of an act; "lay off"
        # lemmatises to lie
        return t.pos_ in ("NOUN", "ADJ", "PROPN") and t.lower_ in ("lie", "lies", "liar")
    return lemma in FALSITY or t.lower_ in FALSITY


def _falsity(doc: Doc, toks: list[Token]) -> list[str]:
    """Judgements of falsity the text makes, not asked, hedged, negated or denied."""
    out: list[str] = []
    for t in toks:
        if _falsity_word(t):
            negated = _negated(t) or any(c.lower_ in ("no", "not", "never") for c in t.children)
            if negated or _in_question(t) or _hedged(t) or _denied_object(t):
                continue
            if t.dep_ == "pobj" and t.head.lower_ in _ASIDE_PREPS:
                continue
            if t.dep_ == "amod" and t.head.pos_ in ("NOUN", "PROPN") and t.head.lemma_.lower() not in STORY_NOUNS:
                # "false Batmobile theft" judges the theft: it counts if the theft is the claim's
                out.append(f"{t.lower_}@{_pred_key(t.head.lemma_.lower())}")
                continue
            out.append(t.lower_)
    for t in toks:
        # "Snyder kills the stolen-Batmobile rumor", "rumours put to rest", "myth dispelled"
        if t.pos_ == "VERB" and t.lemma_.lower() in DISMISS_VERBS and not _negated(t) and not _in_question(t) \
                and not _hedged(t) and any(c.dep_ in ("dobj", "nsubjpass") and c.lemma_.lower() in RUMOR_NOUNS
                                           for c in t.children):
            out.append(f"{t.lower_} the {next(c.lower_ for c in t.children if c.dep_ in ('dobj', 'nsubjpass'))}")
    if toks:
        text = doc_text(doc)[toks[0].idx:toks[-1].idx + len(toks[-1].text)].lower()
        for phrase in FALSITY_PHRASES:
            i = text.find(phrase)
            if i >= 0:
                tok = doc.char_span(toks[0].idx + i, toks[0].idx + i + len(phrase), alignment_mode="expand")
                if tok is not None and not _in_question(tok[0]) and not _hedged(tok.root):
                    out.append(phrase)
    return out


def _polar(toks: list[Token]) -> tuple[list[str], list[str]]:
    """Lemmas of content predicates, split into asserted and negated ("NOT stolen",
    "has not been arrested", "is not dead"). Questions and hedges assert nothing."""
    asserted, negated = [], []
    for t in toks:
        if t.pos_ not in ("VERB", "ADJ") or t.lemma_.lower() in LIGHT_VERBS or t.dep_ in ("amod", "aux", "auxpass"):
            continue
        if _in_question(t) or _hedged(t) or t.dep_ in ("pcomp", "acl", "relcl", "pobj", "csubj"):
            continue
        if t.dep_ == "advcl" and not any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children):
            continue
        if t.tag_ == "VB" and t.dep_ == "ROOT" and not any(c.dep_ in ("nsubj", "nsubjpass", "expl")
                                                             for c in t.children):
            continue  # imperative
        if t.dep_ in ("oprd", "xcomp", "ccomp") and t.head.lemma_.lower() in REPORTED:
            continue  # "believed dead", "said to be alive": a report, not the text's assertion
        neg = _negated(t) or any(c.dep_ == "neg" for c in t.head.children if t.dep_ in ("acomp", "xcomp", "oprd"))
        (negated if neg else asserted).append(_pred_key(t.lemma_.lower()))
    return asserted, negated


_CONTENT_POS = ("NOUN", "PROPN", "VERB", "ADJ", "NUM")


def _lemmas(toks: list[Token]) -> list[str]:
    out = []
    for t in toks:
        if t.pos_ in _CONTENT_POS and not t.is_stop and len(t.text) > 1 and t.lemma_.lower() not in LIGHT_VERBS:
            lemma = _pred_key(t.lemma_.lower())
            if lemma not in out:
                out.append(lemma)
    return out


def claim_features(doc: Doc, claim: Claim) -> dict:
    """Features of one claim of ``doc`` (see the module docstring)."""
    toks = _tokens_of(doc, claim)
    sent = doc.char_span(claim.sentence.start, claim.sentence.end, alignment_mode="expand") \
        if claim.sentence else None
    asserted, negated = _polar(toks)
    return {
        "ents": _entity_keys(doc, toks),
        "ctx": _entity_keys(doc, list(sent)) if sent is not None else [],
        "frames": _frames(doc, toks),
        "nums": _nums(toks),
        "lemmas": _lemmas(toks),
        "asserted": asserted,
        "negated": negated,
        "falsity": _falsity(doc, toks),
        "negation": _main_negation(toks),
        "question": bool(toks) and all(_in_question(t) for t in toks if t.is_alpha),
        "doubt": _doubt(toks),
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
    from claimlink.extractors.claims import extract_claims

    claims = extract_claims(doc) if claims is None else claims
    feats = [claim_features(doc, c) for c in claims]
    for c, f in zip(claims, feats):
        if c.target_content is not None:
            f["target_text"] = c.target_content.text
    link_rebuttals(claims, feats)
    return claims, feats
