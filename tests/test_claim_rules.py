"""Claim rules on hand-built parses: each pattern of news attribution, no model needed."""

from claimlink.extractors.claims import extract_claims
from tests.docbuilder import make_doc, only


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
    assert c.kind == "indirect" and c.stance == "asserts" and c.rule == "clause_complement"
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
    assert c.content_text == "Troops withdrew from the city" and c.rule == "reported_clause"


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
    # "said" is a reporting verb, but it stands inside the quote: only "wrote" is a cue.
    doc = make_doc("""
        “      PUNCT punct 7 “
        They   PRON  nsubj 2 they
        said   VERB  ccomp 7 say
        no     DET   dobj  2 no
        ,      PUNCT punct 7 ,
        ”      PUNCT punct 7 ”
        Smith  PROPN nsubj 7 Smith PERSON
        wrote  VERB  ROOT  7 write
        .      PUNCT punct 7 .
    """)
    c = only(extract_claims(doc))
    assert c.cue.text == "wrote" and c.speaker.mention.text == "Smith"
    assert c.content_text == "They said no" and c.kind == "direct"


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


def test_transcript_colon_line_cue():
    doc = make_doc("""
        SANDERS PROPN ROOT  0 Sanders PERSON
        :       PUNCT punct 0 :
        We      PRON  nsubj 3 we
        need    VERB  ccomp 0 need
        a       DET   det   5 a
        change  NOUN  dobj  3 change
        .       PUNCT punct 0 .
    """)
    (c,) = extract_claims(doc)
    assert c.cue.text == ":" and c.speaker.mention.text == "SANDERS" and c.content_text == "We need a change."


def test_dash_byline_after_a_reader_quote():
    doc = make_doc("""
        “       PUNCT punct 2 “
        Maybe   ADV   advmod 2 maybe
        build   VERB  ROOT  2 build
        a       DET   det   4 a
        wall    NOUN  dobj  2 wall
        around  ADP   prep  2 around
        it      PRON  pobj  5 it
        .       PUNCT punct 2 .
        ”       PUNCT punct 2 ”
        ―       PUNCT punct 2 ―
        Steve   PROPN compound 11 Steve PERSON
        Quinlan PROPN appos 2 Quinlan PERSON
    """)
    (c,) = extract_claims(doc)
    assert c.cue.text == "―" and c.speaker.mention.text == "Steve Quinlan" and c.kind == "direct"
    assert c.content_text.startswith("Maybe build a wall")


def test_statement_from_a_speaker_names_the_speaker():
    doc = make_doc("""
        A         DET   det   1 a
        statement NOUN  nsubj 5 statement
        from      ADP   prep  1 from
        the       DET   det   4 the
        Kremlin   PROPN pobj  2 Kremlin ORG
        said      VERB  ROOT  5 say
        that      SCONJ mark  8 that
        talks     NOUN  nsubj 8 talk
        ended     VERB  ccomp 5 end
        .         PUNCT punct 5 .
    """)
    (c,) = extract_claims(doc)
    assert c.cue.text == "said" and c.content_text == "that talks ended"
    assert c.speaker.name == "Kremlin" and c.speaker.key == "kremlin"


def test_definite_description_takes_the_earlier_speakers_name():
    doc = make_doc("""
        A         DET   det   2 a
        senior    ADJ   amod  2 senior
        official  NOUN  nsubj 3 official
        said      VERB  ROOT  3 say
        talks     NOUN  nsubj 5 talk
        stalled   VERB  ccomp 3 stall
        .         PUNCT punct 3 .
        --
        The       DET   det   8 the
        official  NOUN  nsubj 9 official
        added     VERB  ROOT  9 add
        that      SCONJ mark  12 that
        aid       NOUN  nsubj 12 aid
        continued VERB  ccomp 9 continue
        .         PUNCT punct 9 .
    """)
    first, second = extract_claims(doc)
    assert first.speaker.name == "senior official" and first.speaker.key is None  # unnamed: no key
    assert second.speaker.mention.text == "The official" and second.speaker.name == "senior official"


def test_canonical_names_across_articles():
    from claimlink.extractors.speakers import canonical_key, same_speaker

    assert canonical_key("Gen. Valery Gerasimov") == "valery gerasimov"
    assert canonical_key("Gerasimov’s") == "gerasimov"
    assert canonical_key("The general staff of Ukraine") == "general staff of ukraine"
    assert same_speaker("Gerasimov", "Gen. Valery Gerasimov")
    assert same_speaker("Donald J. Trump", "Donald Trump")
    assert not same_speaker("Melania Trump", "Donald Trump")
    assert not same_speaker("a senior official", None)


def test_news_style_quote_over_two_paragraphs_is_one_claim():
    from claimlink.extractors import load_pipeline  # noqa: F401  (registers nothing; the rules below are model-free)
    from claimlink.extractors.quotes import find_quotes

    text = "“We will stay.\n\n“We will rebuild the city,” the mayor said."
    (q,) = find_quotes(text)
    assert [text[s:e] for s, e in q.pieces] == ["We will stay.", "We will rebuild the city,"]


def test_mixed_kind_when_a_scare_quote_sits_in_indirect_content():
    doc = make_doc("""
        Trump   PROPN nsubj   1 Trump PERSON
        said    VERB  ROOT    1 say
        the     DET   det     3 the
        region  NOUN  nsubjpass 7 region
        should  AUX   aux     7 should
        be      AUX   auxpass 7 be
        “       PUNCT punct   7 “
        cut     VERB  ccomp   1 cut
        up      ADP   prt     7 up
        ”       PUNCT punct   7 ”
        .       PUNCT punct   1 .
    """)
    (c,) = extract_claims(doc)
    assert c.kind == "mixed" and c.content_text == "the region should be “cut up”"
