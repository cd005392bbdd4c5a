"""Claim types and the features the new signals read, on hand-built Docs (no model)."""

import pytest

from claimlink.extractors.types import Claim, TextSpan
from claimlink.linker.claim_types import classify
from claimlink.linker.features import claim_features
from tests.docbuilder import make_doc


def doc(table: str, modals=()):
    d = make_doc(table)
    for t in d:
        if t.i in modals:
            t.tag_ = "MD"
        elif t.pos_ == "VERB" and t.i > 0 and d[t.i - 1].lower_ == "to":
            t.tag_ = "VB"
    return d


TO_CHALLENGE = doc("""
to PART aux 1 to
challenge VERB ROOT 1 challenge
the DET det 3 the
governor NOUN dobj 1 governor
""")
WILL_WIN = doc("""
he PRON nsubj 2 he
will AUX aux 2 will
win VERB ROOT 2 win
the DET det 4 the
race NOUN dobj 2 race
""", modals={1})
IF_WOULD = doc("""
if SCONJ mark 2 if
he PRON nsubj 2 he
wins VERB advcl 6 win
, PUNCT punct 6 ,
taxes NOUN nsubj 6 tax
would AUX aux 6 would
rise VERB ROOT 6 rise
""", modals={5})
QUESTION = doc("""
is AUX aux 2 be
the DET det 2 the
bridge NOUN nsubjpass 3 bridge
closed VERB ROOT 3 close
? PUNCT punct 3 ?
""")
DISASTER = doc("""
the DET det 1 the
deal NOUN nsubj 2 deal
is AUX ROOT 2 be
a DET det 4 a
disaster NOUN attr 2 disaster
""")
TOOK = doc("""
the DET det 1 the
troops NOUN nsubj 2 troop
took VERB ROOT 2 take
the DET det 4 the
city NOUN dobj 2 city
""")
WANTS = doc("""
he PRON nsubj 1 he
wants VERB ROOT 1 want
a DET det 3 a
ban NOUN dobj 1 ban
""")


@pytest.mark.parametrize("d, cue, expected", [
    (TO_CHALLENGE, "urge", "intention"),
    (TO_CHALLENGE, "say", "intention"),   # an infinitive content is a wish or an appeal
    (WILL_WIN, "say", "prediction"),
    (IF_WOULD, "say", "hypothetical"),
    (QUESTION, "ask", "question"),
    (DISASTER, "say", "opinion"),
    (TOOK, "say", "fact"),
    (TOOK, "believe", "opinion"),
    (TOOK, "want", "intention"),
    (TOOK, "predict", "prediction"),
    (WANTS, "say", "intention"),          # "(said) he wants a ban"
])
def test_claim_type(d, cue, expected):
    assert classify(list(d), cue) == expected


def test_a_denial_is_a_statement_of_fact():
    assert classify(list(DISASTER), "deny", "denies") == "fact"


def _whole(d):
    return Claim(cue=TextSpan(0, 0, ""), content=[TextSpan(0, len(d.text), d.text)], speaker=None, kind="indirect",
                 sentence=TextSpan(0, len(d.text), d.text), cue_lemma="say")


def test_a_falsity_word_about_a_person_judges_no_claim():
    liar = doc("""
    Dana PROPN compound 1 Dana PERSON
    Roe PROPN nsubj 2 Roe PERSON
    is AUX ROOT 2 be
    a DET det 4 a
    liar NOUN attr 2 liar
    """)
    false_report = doc("""
    the DET det 1 the
    report NOUN nsubj 5 report
    about ADP prep 1 about
    the DET det 4 the
    bridge NOUN pobj 2 bridge
    is AUX ROOT 5 be
    false ADJ acomp 5 false
    """)
    assert claim_features(liar, _whole(liar)).falsity == ()
    f = claim_features(false_report, _whole(false_report))
    assert f.falsity == ("false",) and "bridge" in f.judged_terms


def test_a_withdrawal_names_what_it_withdraws():
    called_off = doc("""
    the DET det 1 the
    firms NOUN nsubj 2 firm
    called VERB ROOT 2 call
    off ADP prt 2 off
    the DET det 5 the
    merger NOUN dobj 2 merger
    """)
    f = claim_features(called_off, _whole(called_off))
    assert f.reversal == ("call off@merger",)
    assert f.prop.subj == ("firm",) and "merger" in f.prop.obj and f.claim_type == "fact"
