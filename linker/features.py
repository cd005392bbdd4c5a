"""What a claim is about: its :class:`~claimlink.linker.record.Features`, from the parse.

Computed once per claim when the claim is extracted:

- ``ents`` / ``ctx``: normalised entities in the content / in the whole sentence (a bare
  denial, "denied Gerasimov's claims", is about what its sentence is about);
- ``frames``: slots with exclusive values (:mod:`claimlink.linker.frames`);
- ``lemmas``: content words (lemmas), the claim's topic;
- ``asserted`` / ``negated``: main predicates, split by polarity ("NOT stolen");
- ``negation``: negated main predicates with their clause, and a leading "No,";
- ``falsity`` / ``doubt``: judgements that a story is false ("hoax", "not true") or doubtful,
  and ``judged_terms``, what the falsity word judges ("reports that P are untrue" -> P);
  a person called a liar is judged, not a claim, and gives no falsity;
- ``target_terms`` / ``about_terms``: what a denial denies ("denied that P" -> P; "rejected
  Y's remarks about Muslims" -> muslims);
- ``prop``: subject, predicate and object of the main clauses (:mod:`claimlink.linker.proposition`);
- ``claim_type``: fact, opinion, prediction, ... (:mod:`claimlink.linker.claim_types`);
- ``question``, ``nums``, ``speaker_label``;
- ``rebuts``: the speaker a claim answers, when its speaker denies that speaker's claims in
  the same sentence ("denied Gerasimov's claims and said P": P rebuts Gerasimov).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from claimlink.extractors.lexicon import STATEMENT_NOUNS
from claimlink.extractors.text import doc_text
from claimlink.extractors.speakers import canonical_key, same_speaker
from claimlink.extractors.types import Claim

from .claim_types import classify
from .frames import entity_keys, frames_of, negated as _negated, numbers_of, tokens_of
from .lexicon import (ASIDE_PREPS, DENIABLE_NOUNS, DISMISS_VERBS, DOUBT, FALSITY, FALSITY_PHRASES, HEDGES,
                      DISMISS_PHRASES, INVENT_PHRASES, LIGHT_VERBS, REFUTING_VERBS, REPORTED, REVERSAL_PHRASES, REVERSAL_VERBS,
                      RUMOR_NOUNS, STORY_NOUNS, pred_key)
from .proposition import proposition
from .record import Features, Negation, term_set


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
        elif t.lower_ == "no" and t.dep_ == "det" and (head.dep_ in ("nsubj", "nsubjpass", "attr", "ROOT") or (
                head.dep_ == "appos" and head.head.dep_ == "ROOT")):  # "Police: no suspects in custody"
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
        participle = pred.dep_ == "acl" and pred.tag_ == "VBN" and t.head.i == pred.i  # "Obama not blurred"
        if pred.dep_ not in ("ROOT", "ccomp", "conj", "parataxis") and not participle and not (
                pred.dep_ == "advcl" and any(c.dep_ in ("nsubj", "nsubjpass") for c in pred.children)):
            continue  # negation inside an infinitive, relative or adverbial clause
        if pred.tag_ == "VB" and pred.dep_ == "ROOT" and not any(c.dep_ in ("nsubj", "nsubjpass", "expl")
                                                                   for c in pred.children):
            continue  # imperative: "do not reset your phone"
        if any(c.dep_ in ("ccomp", "advcl") and any(m.lower_ in ("if", "whether") for m in c.children)
               for c in pred.children):
            continue  # "will not say if ...": declining to answer is not a denial
        pred = _future_of(pred)
        lemma = pred.lemma_.lower()
        kind = "copula" if lemma == "be" else "speech" if lemma in ("say", "tell") else ""
        if lemma in LIGHT_VERBS and not kind:
            continue
        if kind == "copula" and not any(c.dep_ == "attr" and c.pos_ != "PRON" for c in pred.children):
            continue  # "is not sure", "is never funny", "is not all it seems": no thing it is not
        clause = _lemmas([x for x in pred.subtree if x.i in ids and x.i != pred.i])
        out.append([pred_key(lemma), kind, clause])
    # "No, X did it not" / "Nope": a headline that opens by refusing the claim.
    for t in toks:
        if t.lower_ not in ("no", "nope"):
            continue
        opens = t.i == t.sent.start or (t.i > 0 and t.doc[t.i - 1].text in (":", "?", "-", "—"))
        if opens and (t.i + 1 == len(t.doc) or t.doc[t.i + 1].text in
                                                     (",", ".", ":", "!")) and not _in_question(t):
            out.append(["", "refutation", _lemmas(toks)])
    return out


#: "is not going to sell", "is not about to be given", "is not set to open": a negated
#: future whose event is the verb under the marker.
FUTURE_MARKERS = frozenset("go about set due poise".split())


def _future_of(pred: Token) -> Token:
    """The event of a negated future ("not going to sell" -> sell), else ``pred``."""
    if pred.lemma_.lower() in FUTURE_MARKERS:
        event = next((c for c in pred.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
        if event is not None:
            return _future_of(event) if event.lemma_.lower() == "be" and any(
                c.dep_ == "xcomp" for c in event.children) else event
    return pred


def _doubt(toks: list[Token]) -> list[str]:
    """Doubt cast by the text: "experts doubt", "cast doubt on", "NASA questions whether"."""
    out = []
    for t in toks:
        lemma = t.lemma_.lower()
        if (lemma in DOUBT or (lemma == "question" and t.pos_ == "VERB")) and not _in_question(t) \
                and not _negated(t) and not _hedged(t):
            out.append(t.lower_)
    return out




def _reversals(toks: list[Token]) -> list[str]:
    """Withdrawals and reversals the text reports, as ``verb@object``: "backs out of the
    deal" -> "back out@deal", "calls off the wedding", "the merger was scrapped". A
    participle describing a noun ("an abandoned dog") reports none."""
    out = []
    for t in toks:
        if t.pos_ != "VERB" or t.dep_ in ("amod", "acl", "relcl") or _negated(t) or _in_question(t) or _hedged(t):
            continue
        lemma = t.lemma_.lower()
        prt = next((c.lower_ for c in t.children if c.dep_ == "prt"), None)
        if lemma in REVERSAL_VERBS or (lemma, prt) in REVERSAL_PHRASES:
            objs = [c for c in t.children if c.dep_ == "dobj"]
            objs += [g for c in t.children if c.dep_ == "prep" for g in c.children if g.dep_ == "pobj"]
            verb = f"{lemma} {prt}" if prt else lemma
            out += [f"{verb}@{pred_key(o.lemma_.lower())}" for o in objs if o.pos_ in ("NOUN", "PROPN", "VERB")]
    return out


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


def _falsity(doc: Doc, toks: list[Token]) -> list[str]:
    """Judgements of falsity the text makes, not asked, hedged, negated or denied."""
    out: list[str] = []
    for t in toks:
        if _falsity_word(t):
            negated = _negated(t) or any(c.lower_ in ("no", "not", "never") for c in t.children)
            if negated or _in_question(t) or _hedged(t) or _denied_object(t):
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
        if rumor is not None and not _negated(t) and not _in_question(t) and not _hedged(t):
            fun = " fun of" if t.lemma_.lower() in ("make", "poke") else ""
            out.append(f"{t.lower_}{fun} the {rumor.lower_}")
    for phrase, span in _phrases(toks):
        if not _in_question(span[0]) and not any(_hedged(t) for t in span):
            out.append(phrase)
    for t in toks:
        if _invented(t) and not _negated(t) and not _in_question(t) and not _hedged(t):
            out.append("made up")
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
        (negated if neg else asserted).append(pred_key(t.lemma_.lower()))
    return asserted, negated


_CONTENT_POS = ("NOUN", "PROPN", "VERB", "ADJ", "NUM")


def _lemmas(toks: list[Token]) -> list[str]:
    out = []
    for t in toks:
        if t.pos_ in _CONTENT_POS and not t.is_stop and len(t.text) > 1 and t.lemma_.lower() not in LIGHT_VERBS:
            lemma = pred_key(t.lemma_.lower())
            if lemma not in out:
                out.append(lemma)
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


def _falsity_scope(toks: list[Token]) -> tuple[bool, list[Token]]:
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


def _about(doc: Doc, claim: Claim) -> list[Token]:
    """"rejected Trump's remarks about Muslims": what the denied statement was about."""
    if claim.stance != "denies":
        return []
    out: list[Token] = []
    for t in tokens_of(doc, claim):
        if t.dep_ == "prep" and t.lower_ in ABOUT_PREPS and t.head.lemma_.lower() in STATEMENT_NOUNS:
            out += [x for p in t.children if p.dep_ == "pobj" for x in p.subtree]
    return out


ABOUT_PREPS = frozenset("about on regarding concerning over".split())


def _denies_statement(doc: Doc, claim: Claim, toks: list[Token]) -> bool:
    """Does a denial deny a statement or event? A clause or gerund it denies ("denied
    that P", "denies taking a selfie") or a statement noun it names ("Gerasimov's
    claims"); not a negated cue ("would not rule out")."""
    if claim.stance != "denies" or any(w in ("not", "n't", "never") for w in claim.cue.text.lower().split()):
        return False
    if claim.target_content is not None:
        return True
    ids = {t.i for t in toks}
    heads = [t for t in toks if t.head.i not in ids or t.head.i == t.i]
    return any(h.lemma_.lower() in DENIABLE_NOUNS for h in heads)


def claim_features(doc: Doc, claim: Claim) -> Features:
    """Features of one claim of ``doc`` (see the module docstring)."""
    toks = tokens_of(doc, claim)
    sent = doc.char_span(claim.sentence.start, claim.sentence.end, alignment_mode="expand") \
        if claim.sentence else None
    asserted, negated = _polar(toks)
    falsity = _falsity(doc, toks)
    person, judged = _falsity_scope(toks)
    if person and not judged:
        falsity = [f for f in falsity if " " in f]  # "liar" judges a person; "not true" still judges
    target = []
    if claim.target_content is not None:
        span = doc.char_span(claim.target_content.start, claim.target_content.end, alignment_mode="expand")
        target = list(span) if span is not None else []
    return Features(
        ents=tuple(entity_keys(doc, toks)),
        ctx=tuple(entity_keys(doc, list(sent))) if sent is not None else (),
        frames=tuple(frames_of(doc, toks)),
        nums=tuple(numbers_of(toks)),
        lemmas=tuple(_lemmas(toks)),
        asserted=tuple(asserted), negated=tuple(negated), falsity=tuple(falsity),
        negation=tuple(Negation(n[0], n[1], tuple(n[2])) for n in _main_negation(toks)),
        question=bool(toks) and all(_in_question(t) for t in toks if t.is_alpha),
        doubt=tuple(_doubt(toks)),
        reversal=tuple(_reversals(toks)),
        target_text=claim.target_content.text if claim.target_content is not None else None,
        target_terms=_terms(doc, target),
        judged_terms=_terms(doc, judged),
        about_terms=_terms(doc, _about(doc, claim)),
        denies_statement=_denies_statement(doc, claim, toks),
        claim_type=classify(toks, claim.cue_lemma, claim.stance),  # one place: claim_types.classify
        prop=proposition(toks),
        speaker_label=claim.speaker.label if claim.speaker else None,
    )


def _terms(doc: Doc, toks: list[Token]) -> tuple[str, ...]:
    return tuple(sorted(term_set(entity_keys(doc, toks), _lemmas(toks)))) if toks else ()


def link_rebuttals(claims: list[Claim], features: list[Features]) -> None:
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
                features[j] = features[j].with_(rebuts=canonical_key(c.target_speaker))


def analyse(doc: Doc, claims: list[Claim] | None = None) -> tuple[list[Claim], list[Features]]:
    """Claims of a parsed doc with their linker features, rebuttals linked. The one path
    both the pipeline and ``claimlink compare`` take."""
    from claimlink.extractors.claims import extract_claims

    claims = extract_claims(doc) if claims is None else claims
    feats = [claim_features(doc, c) for c in claims]
    link_rebuttals(claims, feats)
    return claims, feats
