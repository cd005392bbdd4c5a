"""Kinds of claims and speakers the extractor 1.4 reads, on hand-built parses (no model,
no corpus text): objects of verbs of speech, verb-preposition cues, the speaker of a
cue in a describing clause or behind an adjective, and a quote that goes on after the cue's
sentence."""

from claimlink.extractors.claims import extract_claims
from tests.docbuilder import make_doc, only


def test_a_verb_of_speech_takes_its_object_as_content():
    doc = make_doc("""
        Lee      PROPN nsubj 1 Lee PERSON
        stressed VERB  ROOT  1 stress
        her      PRON  poss  3 her
        record   NOUN  dobj  1 record
        on       ADP   prep  3 on
        trade    NOUN  pobj  4 trade
        .        PUNCT punct 1 .
    """)
    c = only(extract_claims(doc))
    assert (c.rule, c.cue.text, c.speaker.mention.text, c.content_text) == \
        ("noun_object", "stressed", "Lee", "her record on trade")


def test_an_object_keeps_the_phrase_that_completes_it():
    doc = make_doc("""
        The   DET   det   1 the
        poll  NOUN  nsubj 2 poll
        shows VERB  ROOT  2 show
        Lee   PROPN dobj  2 Lee PERSON
        with  ADP   prep  2 with
        a     DET   det   7 a
        wide  ADJ   amod  7 wide
        lead  NOUN  pobj  4 lead
        .     PUNCT punct 2 .
    """)
    c = only(extract_claims(doc))
    assert c.content_text == "Lee with a wide lead" and c.speaker.mention.text == "The poll"


def test_a_verb_of_communication_outside_the_old_lexicon_is_a_cue():
    doc = make_doc("""
        Kim     PROPN nsubj 1 Kim PERSON
        voiced  VERB  ROOT  1 voice
        support NOUN  dobj  1 support
        for     ADP   prep  2 for
        the     DET   det   5 the
        plan    NOUN  pobj  3 plan
        .       PUNCT punct 1 .
    """)
    c = only(extract_claims(doc))
    assert c.cue.text == "voiced" and c.content_text == "support for the plan"


def test_a_verb_with_its_preposition_is_a_cue():
    doc = make_doc("""
        Lee     PROPN nsubj 1 Lee PERSON
        focused VERB  ROOT  1 focus
        on      ADP   prep  1 on
        rural   ADJ   amod  4 rural
        jobs    NOUN  pobj  2 job
        .       PUNCT punct 1 .
    """)
    c = only(extract_claims(doc))
    assert (c.rule, c.content_text, c.speaker.mention.text) == ("prep_object", "rural jobs", "Lee")


def test_the_speaker_is_the_subject_nearest_the_cue_not_a_dateline():
    doc = make_doc("""
        PARIS PROPN nsubj 3 Paris GPE
        —     PUNCT punct 3 —
        Lee   PROPN nsubj 3 Lee PERSON
        said  VERB  ROOT  3 say
        the   DET   det   5 the
        vote  NOUN  nsubj 6 vote
        failed VERB ccomp 3 fail
        .     PUNCT punct 3 .
    """)
    c = only(extract_claims(doc))
    assert c.speaker.mention.text == "Lee" and c.content_text == "the vote failed"


def test_the_speaker_is_found_through_an_adjective():
    doc = make_doc("""
        Lee    PROPN nsubj 1 Lee PERSON
        was    AUX   ROOT  1 be
        quick  ADJ   acomp 1 quick
        to     PART  aux   4 to
        add    VERB  xcomp 2 add
        that   SCONJ mark  8 that
        the    DET   det   7 the
        vote   NOUN  nsubj 8 vote
        failed VERB  ccomp 4 fail
        .      PUNCT punct 1 .
    """)
    c = only(extract_claims(doc))
    assert c.cue.text == "to add" and c.speaker.mention.text == "Lee" and c.content_text == "that the vote failed"


def test_a_cue_coordinated_with_a_passive_takes_its_subject():
    doc = make_doc("""
        Lee       PROPN nsubjpass 2 Lee PERSON
        was       AUX   auxpass   2 be
        angered   VERB  ROOT      2 anger
        and       CCONJ cc        2 and
        predicted VERB  conj      2 predict
        the       DET   det       6 the
        bill      NOUN  nsubj     8 bill
        would     AUX   aux       8 would
        fail      VERB  ccomp     4 fail
        .         PUNCT punct     2 .
    """)
    c = only(extract_claims(doc))
    assert c.cue.text == "predicted" and c.speaker.mention.text == "Lee" and c.content_text == "the bill would fail"


def test_a_statement_saying_p_is_the_claim_of_who_issued_it():
    doc = make_doc("""
        Lee       PROPN nsubj 1 Lee PERSON
        issued    VERB  ROOT  1 issue
        a         DET   det   3 a
        statement NOUN  dobj  1 statement
        saying    VERB  acl   3 say
        the       DET   det   6 the
        vote      NOUN  nsubj 7 vote
        failed    VERB  ccomp 4 fail
        .         PUNCT punct 1 .
    """)
    doc[4].tag_ = "VBG"
    c = only(extract_claims(doc))
    assert c.cue.text == "saying" and c.speaker.mention.text == "Lee" and c.content_text == "the vote failed"


def test_a_describing_clause_is_content_and_the_noun_before_it_the_speaker():
    doc = make_doc("""
        Voters  NOUN  nsubj 4 voter
        backing VERB  acl   0 back
        Kim     PROPN dobj  1 Kim PERSON
        were    AUX   aux   4 be
        cheering VERB ROOT  4 cheer
        .       PUNCT punct 4 .
    """)
    doc[1].tag_ = "VBG"
    c = only(extract_claims(doc))
    assert (c.cue.text, c.speaker.mention.text, c.content_text) == ("backing", "Voters", "Kim")


def test_a_quote_goes_on_after_the_cue_sentence_though_the_parser_ends_it_after_the_next_mark():
    # the parser put the opening mark of the second quote at the end of the first sentence,
    # and the speaker's title keeps that mark out of reach of the cue
    doc = make_doc("""
        “      PUNCT punct 2 “
        Prices NOUN  nsubj 2 price
        rose   VERB  ccomp 5 rise
        ,      PUNCT punct 5 ,
        ”      PUNCT punct 5 ”
        said   VERB  ROOT  5 say
        Lee    PROPN nsubj 5 Lee PERSON
        ,      PUNCT punct 6 ,
        the    DET   det   10 the
        chief  ADJ   amod  10 chief
        economist NOUN appos 6 economist
        at     ADP   prep  10 at
        the    DET   det   14 the
        national ADJ amod  14 national
        bank   NOUN  pobj  11 bank
        .      PUNCT punct 5 .
        “      PUNCT punct 5 “
        --
        They   PRON  nsubj 18 they
        will   AUX   aux   19 will
        fall   VERB  ROOT  19 fall
        again  ADV   advmod 19 again
        soon   ADV   advmod 19 soon
        .      PUNCT punct 19 .
        ”      PUNCT punct 19 ”
    """)
    c = only(extract_claims(doc))
    assert c.cue.text == "said" and [s.text for s in c.content] == ["Prices rose", "They will fall again soon."]


def test_a_speech_verb_under_failed_or_declined_reports_no_claim():
    doc = make_doc("""
        Lee      PROPN nsubj 1 Lee PERSON
        failed   VERB  ROOT  1 fail
        to       PART  aux   3 to
        mention  VERB  xcomp 1 mention
        that     SCONJ mark  7 that
        the      DET   det   6 the
        plan     NOUN  nsubj 7 plan
        failed   VERB  ccomp 3 fail
        .        PUNCT punct 1 .
    """)
    assert [c.cue.text for c in extract_claims(doc)] == []
