"""Claim rules on hand-built parses: each pattern of news attribution, no model needed."""

from extractors.claims import extract_claims
from tests.docbuilder import make_doc


def only(claims):
    assert len(claims) == 1, [(c.cue.text, c.content_text) for c in claims]
    return claims[0]


def test_indirect_speech_with_that_clause():
    doc = make_doc("""
        Officials NOUN  nsubj 1 official
        said      VERB  ROOT  1 say
        that      SCONJ mark  4 that
        troops    NOUN  nsubj 4 troop
        withdrew  VERB  ccomp 1 withdraw
        .         PUNCT punct 1 .
    """)
    c = only(extract_claims(doc))
    assert c.cue.text == "said"
    assert c.speaker.mention.text == "Officials"
    assert c.content_text == "that troops withdrew"
    assert c.kind == "indirect" and c.stance == "asserts"
    assert doc.text[c.content[0].start:c.content[0].end] == c.content[0].text


def test_content_before_cue():
    doc = make_doc("""
        Troops   NOUN  nsubj     1 troop
        withdrew VERB  ROOT      1 withdraw
        from     ADP   prep      1 from
        the      DET   det       4 the
        city     NOUN  pobj      2 city
        ,        PUNCT punct     1 ,
        the      DET   det       7 the
        official NOUN  nsubj     8 official
        said     VERB  parataxis 1 say
        .        PUNCT punct     1 .
    """)
    c = only(extract_claims(doc))
    assert c.cue.text == "said"
    assert c.speaker.mention.text == "the official"
    assert c.content_text == "Troops withdrew from the city"


def test_according_to():
    doc = make_doc("""
        The       DET   det       1 the
        plan      NOUN  nsubjpass 3 plan
        was       AUX   auxpass   3 be
        drafted   VERB  ROOT      3 draft
        in        ADP   prep      3 in
        secret    NOUN  pobj      4 secret
        ,         PUNCT punct     3 ,
        according VERB  prep      3 accord
        to        ADP   prep      7 to
        a         DET   det       11 a
        senior    ADJ   amod      11 senior
        official  NOUN  pobj      8 official
        .         PUNCT punct     3 .
    """)
    c = only(extract_claims(doc))
    assert c.cue.text == "according to"
    assert c.speaker.mention.text == "a senior official"
    assert c.content_text == "The plan was drafted in secret"


def test_denial_of_a_speakers_claims_and_coordinated_assertion():
    doc = make_doc("""
        The      DET   det   1 the
        staff    NOUN  nsubj 2 staff
        denied   VERB  ROOT  2 deny
        Gerasimov PROPN poss 5 Gerasimov PERSON
        's       PART  case  3 's
        claims   NOUN  dobj  2 claim
        and      CCONJ cc    2 and
        said     VERB  conj  2 say
        Kyiv     PROPN poss  10 Kyiv GPE
        's       PART  case  8 's
        forces   NOUN  nsubj 11 force
        remained VERB  ccomp 7 remain
        in       ADP   prep  11 in
        control  NOUN  pobj  12 control
        of       ADP   prep  13 of
        Kupiansk PROPN pobj  14 Kupiansk GPE
        .        PUNCT punct 2 .
    """)
    denial, assertion = extract_claims(doc)
    assert denial.stance == "denies" and denial.cue.text == "denied"
    assert denial.target_speaker == "Gerasimov"
    assert denial.content_text == "Gerasimov's claims"
    assert assertion.stance == "asserts" and assertion.cue.text == "said"
    assert assertion.speaker.mention.text == "The staff"  # inherited through the coordination
    assert assertion.content_text == "Kyiv's forces remained in control of Kupiansk"


def test_rejected_reports_that_p_records_the_target_proposition():
    doc = make_doc("""
        The      DET   det   1 the
        ministry NOUN  nsubj 2 ministry
        rejected VERB  ROOT  2 reject
        reports  NOUN  dobj  2 report
        that     SCONJ mark  7 that
        troops   NOUN  nsubj 7 troop
        had      AUX   aux   7 have
        withdrawn VERB acl   3 withdraw
        .        PUNCT punct 2 .
    """)
    c = only(extract_claims(doc))
    assert c.stance == "denies"
    assert c.target_content is not None and c.target_content.text == "that troops had withdrawn"


def test_quote_broken_by_the_cue():
    doc = make_doc("""
        “       PUNCT punct 3 “
        We      PRON  nsubj 3 we
        will    AUX   aux   3 will
        win     VERB  ccomp 7 win
        ,       PUNCT punct 3 ,
        ”       PUNCT punct 7 ”
        he      PRON  nsubj 7 he
        said    VERB  ROOT  7 say
        ,       PUNCT punct 7 ,
        “       PUNCT punct 13 “
        and     CCONJ cc    13 and
        we      PRON  nsubj 13 we
        will    AUX   aux   13 will
        rebuild VERB  conj  7 rebuild
        .       PUNCT punct 13 .
        ”       PUNCT punct 13 ”
    """)
    c = only(extract_claims(doc))
    assert c.kind == "direct"
    assert [s.text for s in c.content] == ["We will win", "and we will rebuild."]
    assert c.speaker.mention.text == "he"


def test_speaker_after_the_cue():
    doc = make_doc("""
        “         PUNCT punct 2 “
        We        PRON  nsubj 2 we
        are       AUX   ccomp 6 be
        ready     ADJ   acomp 2 ready
        ,         PUNCT punct 2 ,
        ”         PUNCT punct 6 ”
        said      VERB  ROOT  6 say
        Zelenskyy PROPN nsubj 6 Zelenskyy PERSON
        .         PUNCT punct 6 .
    """)
    c = only(extract_claims(doc))
    assert c.kind == "direct"
    assert c.content_text == "We are ready"
    assert c.speaker.mention.text == "Zelenskyy" and c.speaker.name == "Zelenskyy"


def test_noun_cue_with_possessor_and_clause():
    doc = make_doc("""
        Gerasimov PROPN poss  2 Gerasimov PERSON
        's        PART  case  0 's
        claim     NOUN  nsubj 8 claim
        that      SCONJ mark  5 that
        troops    NOUN  nsubj 5 troop
        took      VERB  acl   2 take
        the       DET   det   7 the
        city      NOUN  dobj  5 city
        was       AUX   ROOT  8 be
        false     ADJ   acomp 8 false
        .         PUNCT punct 8 .
    """)
    c = only(extract_claims(doc))
    assert c.cue.text == "claim"
    assert c.speaker.mention.text == "Gerasimov"
    assert c.content_text == "that troops took the city"


def test_colon_cue_after_a_verb():
    doc = make_doc("""
        She   PRON  nsubj 1 she
        wrote VERB  ROOT  1 write
        :     PUNCT punct 1 :
        “     PUNCT punct 6 “
        Our   PRON  poss  5 our
        land  NOUN  nsubj 6 land
        is    AUX   ccomp 1 be
        not   PART  neg   6 not
        for   ADP   prep  6 for
        sale  NOUN  pobj  8 sale
        .     PUNCT punct 6 .
        ”     PUNCT punct 6 ”
    """)
    c = only(extract_claims(doc))
    assert c.cue.text == "wrote"
    assert c.kind == "direct"
    assert c.content_text == "Our land is not for sale."


def test_dependency_pattern_finds_cues_outside_the_lexicon():
    # "signalled" is in no word list: a clausal complement with its own subject makes it a cue.
    doc = make_doc("""
        Moscow    PROPN nsubj 1 Moscow GPE
        signalled VERB  ROOT  1 signal_x
        that      SCONJ mark  4 that
        talks     NOUN  nsubj 4 talk
        resume    VERB  ccomp 1 resume
        .         PUNCT punct 1 .
    """)
    c = only(extract_claims(doc))
    assert c.cue.text == "signalled" and c.content_text == "that talks resume"


def test_words_inside_quotes_are_never_cues():
    doc = make_doc("""
        “      PUNCT punct 3 “
        They   PRON  nsubj 2 they
        said   VERB  ccomp 6 say
        no     DET   dobj  2 no
        ,      PUNCT punct 6 ,
        ”      PUNCT punct 6 ”
        Smith  PROPN nsubj 7 Smith PERSON
        wrote  VERB  ROOT  7 write
        .      PUNCT punct 7 .
    """.replace("Smith  PROPN nsubj 7", "Smith  PROPN nsubj 7").replace("ROOT  7", "ROOT  7"))
    claims = extract_claims(doc)
    assert all(c.cue.text != "said" for c in claims)


def test_pronoun_resolves_to_the_named_speaker_before_it():
    doc = make_doc("""
        Gen.      PROPN compound 2 Gen. PERSON
        Valery    PROPN compound 2 Valery PERSON
        Gerasimov PROPN nsubj    3 Gerasimov PERSON
        announced VERB  ROOT     3 announce
        that      SCONJ mark     6 that
        troops    NOUN  nsubj    6 troop
        advanced  VERB  ccomp    3 advance
        .         PUNCT punct    3 .
        --
        He        PRON  nsubj    9 he
        said      VERB  ROOT     9 say
        losses    NOUN  nsubj    11 loss
        fell      VERB  ccomp    9 fall
        .         PUNCT punct    9 .
    """)
    first, second = extract_claims(doc)
    assert first.speaker.name == "Valery Gerasimov" and first.speaker.key == "valery gerasimov"
    assert second.speaker.mention.text == "He"
    assert second.speaker.name == "Valery Gerasimov"
