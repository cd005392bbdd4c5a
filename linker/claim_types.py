"""What kind of claim a content is: only statements of fact can contradict each other.

A fact-checker compares statements of fact. An opinion ("the deal is a disaster"), a
prediction ("he will lose"), an intention or request ("we want to win", "urged him to
resign"), a question or a hypothetical ("if he wins, taxes would rise") cannot be refuted
by a report of what happened, so the linker leaves them out (they stay stored and
searchable). The rules read the parse of the content and the cue verb:

- ``question``: the content asks ("?");
- ``intention``: the cue is a verb of wanting, planning or appealing (want, plan, urge,
  call for), or the content is an infinitive or an imperative ("to challenge Trump");
- ``hypothetical``: a conditional clause ("if", "unless") or a modal of possibility or
  condition on the main verb ("would", "could", "might", "may");
- ``prediction``: a future on the main verb ("will", "going to") or a cue of foresight
  (predict, forecast, expect);
- ``opinion``: a cue of belief or judgement (think, believe, praise, criticise), a
  deontic modal ("should", "must"), or a main predicate that evaluates (an evaluative
  adjective such as "great" or "terrible", a noun such as "disaster" or "liar");
- ``fact``: everything else, including denials ("denied Gerasimov's claims").
"""

from __future__ import annotations

from typing import Iterable, Literal

from spacy.tokens import Token

ClaimType = Literal["fact", "opinion", "prediction", "intention", "question", "hypothetical"]
CLAIM_TYPES: tuple[str, ...] = ("fact", "opinion", "prediction", "intention", "question", "hypothetical")

#: Cue verbs whose content is a wish, plan or appeal, not a report.
INTENTION_CUES = frozenset("""
want plan intend aim seek hope wish vow pledge promise urge ask call demand push encourage
press beg implore invite propose offer threaten decide try attempt prefer vote
""".split())
#: Cue verbs of belief and judgement: their content is an opinion.
OPINION_CUES = frozenset("""
think believe feel guess reckon suspect consider imagine suppose praise criticize criticise
attack blast slam condemn denounce decry hail applaud welcome blame label brand characterize
characterise mock ridicule lament complain defend support oppose back endorse champion
advocate recommend
""".split())
#: Cue verbs of foresight: their content is a prediction.
PREDICTION_CUES = frozenset("predict forecast expect project anticipate foresee warn".split())
#: Modals on the main verb, by what they make of the claim.
FUTURE_MODALS = frozenset("will 'll shall wo".split())
CONDITIONAL_MODALS = frozenset("would 'd could might may".split())
DEONTIC_MODALS = frozenset("should must ought need".split())
#: Adjectives and nouns that judge rather than report, as main predicates ("is a disgrace").
EVALUATIVE = frozenset("""
good bad great terrible horrible awful wonderful fantastic amazing excellent best worst better worse
wrong right fair unfair smart stupid dumb crazy insane ridiculous absurd outrageous shameful disgraceful
disgusting dangerous reckless irresponsible unfit fit qualified unqualified incompetent competent weak
strong tough nasty dishonest honest corrupt crooked racist sexist bigoted offensive inappropriate
unacceptable important unprecedented historic sad pathetic beautiful ugly brilliant foolish naive
disaster disgrace liar fraud joke failure hero idiot loser winner bigot racist demagogue clown con
mistake embarrassment nightmare catastrophe threat danger shame
""".split())
#: Conditional conjunctions that make a clause hypothetical.
CONDITIONAL_MARKS = frozenset("if unless whether".split())


def classify(toks: list[Token], cue_lemma: str = "", stance: str = "asserts") -> ClaimType:
    """The claim type of a content, from its tokens and the cue verb's lemma."""
    words = [t for t in toks if not t.is_space]
    if not words:
        return "fact"
    cue = cue_lemma.lower()
    text_end = words[-1].text
    if text_end == "?" or (len(words) > 1 and words[-2].text == "?" and words[-1].is_punct):
        return "question"
    if stance == "denies":
        return "fact"  # a denial states that something is not so
    if cue in INTENTION_CUES:
        return "intention"
    roots = _roots(words)
    if any(_infinitive_or_imperative(r) for r in roots):
        return "intention"
    if any(_conditional(r) for r in roots):
        return "hypothetical"
    modals = {m.lower_ for r in roots for m in _aux(r)}
    if modals & CONDITIONAL_MODALS:
        return "hypothetical"
    if modals & FUTURE_MODALS or any(_going_to(r) for r in roots) or cue in PREDICTION_CUES:
        return "prediction"
    if cue in OPINION_CUES or modals & DEONTIC_MODALS or any(_evaluates(r) for r in roots):
        return "opinion"
    # the content itself reports a wish, belief or expectation: "(said) he wants P"
    heads = {r.lemma_.lower() for r in roots if not any(  # not "called off", "backs out of"
        c.dep_ == "prt" or c.dep_ == "prep" and c.lower_ in ("out", "off", "down", "away") for c in r.children)}
    if {r.lemma_.lower() for r in roots if not _reported_act(r)} & INTENTION_CUES:
        return "intention"
    if heads & OPINION_CUES:
        return "opinion"
    if heads & PREDICTION_CUES:
        return "prediction"
    return "fact"


def _roots(words: list[Token]) -> list[Token]:
    """The content's main predicates: tokens whose head lies outside the content, and
    the clauses coordinated with them."""
    ids = {t.i for t in words}
    top = [t for t in words if t.head.i not in ids or t.head.i == t.i]
    preds = [t for t in top if t.pos_ in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "nsubjpass") for c in t.children)]
    out = list(preds)
    for p in preds:
        out += [c for c in p.children if c.dep_ == "conj" and c.i in ids and c.pos_ in ("VERB", "AUX")]
    return out


def _aux(verb: Token) -> Iterable[Token]:
    return (c for c in verb.children if c.dep_ in ("aux", "auxpass") and c.tag_ == "MD")


def _infinitive_or_imperative(verb: Token) -> bool:
    """"to challenge Trump" (an infinitive with no subject) or "repudiate him" (a bare
    verb with no subject opening the content)."""
    if verb.pos_ not in ("VERB", "AUX") or any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj")
                                                for c in verb.children):
        return False
    if any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return True
    return verb.tag_ == "VB" and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)


def _reported_act(verb: Token) -> bool:
    """"North Korea plans to open a restaurant", "the US threatened to prosecute": a
    plan, threat or promise of a named third party is reported as a fact about it, one a
    denial can refute ("denies plans to ..."). "(he said) he wants P" keeps a pronoun
    subject: the speaker's own wish."""
    lemma = verb.lemma_.lower()
    if lemma == "call":
        # "calls the rumour inaccurate" names and judges; "calls for P", "called on X
        # to P" request
        return any(c.dep_ == "dobj" for c in verb.children) and not any(
            c.dep_ == "prep" and c.lower_ in ("for", "on") or c.dep_ == "xcomp" and c.pos_ == "VERB"
            for c in verb.children)
    if lemma not in COMMITMENT_VERBS:
        return False
    past = verb.tag_ in ("VBD", "VBN") or any(c.lower_ in ("did", "has", "have", "had") for c in verb.children
                                                if c.dep_ == "aux")
    # "we did not threaten them", "he promised to X" (an act done), or a named party's
    # plan ("North Korea plans to ...")
    return past or any(c.dep_ in ("nsubj", "nsubjpass") and c.pos_ in ("NOUN", "PROPN") for c in verb.children)


#: Intention verbs whose act can be reported as a fact (a plan made, a threat uttered);
#: wishes and requests ("wants", "calls for", "urges") stay intentions.
COMMITMENT_VERBS = frozenset("plan intend threaten vow pledge promise decide offer".split())


def _conditional(verb: Token) -> bool:
    return any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in CONDITIONAL_MARKS for m in c.children)
               for c in verb.children)


def _going_to(verb: Token) -> bool:
    """"is going to win": the future with "going to"."""
    return verb.dep_ == "xcomp" and verb.head.lower_ == "going" or any(
        c.dep_ == "xcomp" and c.pos_ == "VERB" for c in verb.children if verb.lower_ == "going")


def _evaluates(verb: Token) -> bool:
    """A copula whose complement judges ("is a disaster", "was terrible"), or an
    evaluative adjective heading the clause."""
    if verb.lemma_.lower() in EVALUATIVE:
        return True
    if verb.lemma_.lower() != "be":
        return False
    for c in verb.children:
        if c.dep_ in ("acomp", "attr") and (c.lemma_.lower() in EVALUATIVE or any(
                a.dep_ == "amod" and a.lemma_.lower() in EVALUATIVE for a in c.children)):
            return True
    return False


def claim_type(doc, claim) -> ClaimType:
    """The claim type of an extracted claim of ``doc``."""
    from .frames import tokens_of

    return classify(tokens_of(doc, claim), claim.cue_lemma, claim.stance)
