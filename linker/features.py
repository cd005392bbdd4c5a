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
  a person called a liar is judged, not a claim, and gives no falsity
  (:mod:`claimlink.linker.falsity`);
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
from claimlink.extractors.speakers import canonical_key, same_speaker
from claimlink.extractors.types import Claim

from .claim_types import classify
from .events import events_of
from .falsity import falsity as _falsity, falsity_scope as _falsity_scope, hedged as _hedged, in_question as _in_question
from .frames import entity_keys, frames_of, negated as _negated, numbers_of, tokens_of
from .lexicon import DENIABLE_NOUNS, DOUBT, LIGHT_VERBS, REPORTED, REVERSAL_PHRASES, REVERSAL_VERBS, pred_key
from .proposition import proposition
from .record import Features, Negation, term_set


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
    """Withdrawals and reversals the text reports, as ``verb@term``, one entry for each
    content word of what is withdrawn: "backs out of the deal to buy X" -> "back out@deal",
    "back out@buy", "back out@x"; "calls off the wedding", "the merger was scrapped",
    "festival cancelled"; and an event said not to take place ("the merger is not going
    ahead", "the vote will not happen"). A participle describing a noun ("an abandoned
    dog") reports none."""
    out = []
    for t in toks:
        if t.pos_ != "VERB" or _in_question(t) or _hedged(t):
            continue
        lemma = t.lemma_.lower()
        prt = next((c.lower_ for c in t.children if c.dep_ in ("prt", "advmod", "dobj", "prep") and c.lower_ in PARTICLES), None)
        headline = t.dep_ == "acl" and t.tag_ == "VBN" and t.head.dep_ == "ROOT"  # "Vela festival cancelled"
        if _negated(t) and (lemma in OCCUR_VERBS or (lemma, prt) in OCCUR_PHRASES):
            verb, objs = "not " + " ".join(filter(None, (lemma, prt))), [c for c in t.children if c.dep_ == "nsubj"]
        elif (t.dep_ in ("amod", "acl", "relcl") and not headline) or _negated(t):
            continue
        elif lemma in REVERSAL_VERBS or (lemma, prt) in REVERSAL_PHRASES:
            verb = f"{lemma} {prt}" if prt else lemma
            objs = [c for c in t.children if c.dep_ in ("dobj", "nsubjpass")] + ([t.head] if headline else [])
            preps = [c for c in t.children if c.dep_ == "prep" and c.lower_ in WITHDRAWN_FROM]
            preps += [g for c in preps if c.lower_ == prt for g in c.children if g.dep_ == "prep"]  # "out of"
            objs += [g for c in preps for g in c.children if g.dep_ == "pobj"]
        else:
            continue
        for o in objs:
            if o.pos_ in ("NOUN", "PROPN", "VERB"):
                words = [o] + [x for x in o.subtree if x.i != o.i and x.pos_ in ("NOUN", "PROPN", "VERB")]
                out += [f"{verb}@{pred_key(w.lemma_.lower())}" for w in words]
    return list(dict.fromkeys(out))


#: Verbs of taking place: negated, they say an event is off ("will not happen").
OCCUR_VERBS = frozenset("happen occur proceed".split())
OCCUR_PHRASES = frozenset({("go", "ahead"), ("take", "place"), ("go", "forward")})
#: Prepositions that name what is withdrawn ("pulls out of the deal", "steps down as
#: leader"), not its circumstances ("quit with a message", "resigned over the row").
WITHDRAWN_FROM = frozenset("from of as out off on".split())
PARTICLES = frozenset("out off down away back ahead forward place".split())


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
        events=events_of(doc, claim, toks),
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
