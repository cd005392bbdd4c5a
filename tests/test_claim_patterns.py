"""Content patterns and span rules on hand-built parses (no model, no corpus text)."""

from claimlink.extractors.claims import extract_claims
from claimlink.extractors.patterns import VERB_PATTERNS
from tests.docbuilder import make_doc, only


def texts(claim):
    return [s.text for s in claim.content]


def test_patterns_are_tried_in_a_fixed_order_and_named():
    names = [p.__name__ for p in VERB_PATTERNS]
    assert len(set(names)) == len(names)
    assert names.index("clause_complement") < names.index("quotes_beside") < names.index("noun_object")


def test_a_cue_that_interrupts_its_content_leaves_two_pieces():
    doc = make_doc("""
        Many  ADJ   nsubj     9 many
        of    ADP   prep      0 of
        the   DET   det       3 the
        rules NOUN  pobj      1 rule
        ,     PUNCT punct     6 ,
        he    PRON  nsubj     6 he
        said  VERB  parataxis 9 say
        ,     PUNCT punct     6 ,
        will  AUX   aux       9 will
        hurt  VERB  ROOT      9 hurt
        farms NOUN  dobj      9 farm
        .     PUNCT punct     9 .
    """)
    c = only(extract_claims(doc))
    assert c.rule == "reported_clause" and c.cue.text == "said" and c.speaker.mention.text == "he"
    assert texts(c) == ["Many of the rules", "will hurt farms"]


def test_a_judgement_keeps_its_reason():
    doc = make_doc("""
        Smith   PROPN nsubj 1 Smith PERSON
        praised VERB  ROOT  1 praise
        Jones   PROPN dobj  1 Jones PERSON
        for     ADP   prep  1 for
        his     PRON  poss  5 his
        courage NOUN  pobj  3 courage
        .       PUNCT punct 1 .
    """)
    c = only(extract_claims(doc))
    assert c.rule == "noun_object" and c.content_text == "Jones for his courage"


def test_a_pronoun_object_is_content_only_with_its_label():
    labelled = make_doc("""
        She    PRON  nsubj 1 she
        called VERB  ROOT  1 call
        him    PRON  dobj  1 he
        a      DET   det   4 a
        liar   NOUN  oprd  1 liar
        .      PUNCT punct 1 .
    """)
    assert only(extract_claims(labelled)).content_text == "him a liar"
    bare = make_doc("""
        She     PRON  nsubj 1 she
        praised VERB  ROOT  1 praise
        him     PRON  dobj  1 he
        .       PUNCT punct 1 .
    """)
    assert extract_claims(bare) == []


def test_the_object_of_a_cue_preposition_is_content():
    doc = make_doc("""
        Smith  PROPN nsubj 1 Smith PERSON
        talked VERB  ROOT  1 talk
        about  ADP   prep  1 about
        the    DET   det   5 the
        new    ADJ   amod  5 new
        tax    NOUN  pobj  2 tax
        .      PUNCT punct 1 .
    """)
    c = only(extract_claims(doc))
    assert c.rule == "prep_object" and c.content_text == "the new tax" and c.speaker.mention.text == "Smith"


def test_an_impression_has_content_and_no_speaker():
    seems = make_doc("""
        The   DET   det   1 the
        plan  NOUN  nsubj 2 plan
        seems VERB  ROOT  2 seem
        ready ADJ   acomp 2 ready
        .     PUNCT punct 2 .
    """)
    c = only(extract_claims(seems))
    assert c.rule == "appearance" and texts(c) == ["The plan", "ready"] and c.speaker is None
    expected = make_doc("""
        The      DET   det       1 the
        vote     NOUN  nsubjpass 3 vote
        is       AUX   auxpass   3 be
        expected VERB  ROOT      3 expect
        to       PART  aux       5 to
        pass     VERB  xcomp     3 pass
        .        PUNCT punct     3 .
    """)
    c = only(extract_claims(expected))
    assert texts(c) == ["The vote", "to pass"] and c.speaker is None


def test_an_attribution_inside_another_is_part_of_its_content():
    doc = make_doc("""
        Smith   PROPN nsubj 1 Smith PERSON
        said    VERB  ROOT  1 say
        Jones   PROPN nsubj 3 Jones PERSON
        claimed VERB  ccomp 1 claim
        that    SCONJ mark  6 that
        taxes   NOUN  nsubj 6 tax
        rose    VERB  ccomp 3 rise
        .       PUNCT punct 1 .
    """)
    c = only(extract_claims(doc))
    assert c.cue.text == "said" and c.content_text == "Jones claimed that taxes rose"


def test_a_quote_paragraph_goes_to_the_cue_sentence_after_it():
    doc = make_doc("""
        “     PUNCT punct   3 “
        Taxes NOUN  nsubj   3 tax
        will  AUX   aux     3 will
        rise  VERB  ROOT    3 rise
        next  ADJ   amod    5 next
        year  NOUN  npadvmod 3 year
        .     PUNCT punct   3 .
        ”     PUNCT punct   3 ”
        --
        Smith PROPN nsubj   9 Smith PERSON
        said  VERB  ROOT    9 say
        at    ADP   prep    9 at
        the   DET   det     12 the
        rally NOUN  pobj    10 rally
        .     PUNCT punct   9 .
    """)
    c = only(extract_claims(doc))
    assert c.rule == "quote_before" and c.content_text == "Taxes will rise next year."
    assert c.speaker.mention.text == "Smith" and c.kind == "direct"


def test_a_closing_aside_is_not_content():
    doc = make_doc("""
        Smith  PROPN nsubj 1 Smith PERSON
        cited  VERB  ROOT  1 cite
        the    DET   det   3 the
        report NOUN  dobj  1 report
        ,      PUNCT punct 3 ,
        a      DET   det   6 a
        study  NOUN  appos 3 study
        of     ADP   prep  6 of
        farms  NOUN  pobj  7 farm
        .      PUNCT punct 1 .
    """)
    assert only(extract_claims(doc)).content_text == "the report"


def test_a_reporting_verb_joined_to_the_content_is_a_claim_of_the_first_speaker():
    doc = make_doc("""
        She       PRON  nsubj 1 she
        said      VERB  ROOT  1 say
        she       PRON  nsubj 3 she
        regretted VERB  ccomp 1 regret
        it        PRON  dobj  3 it
        and       CCONJ cc    3 and
        promised  VERB  conj  3 promise
        to        PART  aux   8 to
        leave     VERB  xcomp 6 leave
        .         PUNCT punct 1 .
    """)
    said, promised = extract_claims(doc)
    assert said.cue.text == "said" and said.content_text == "she regretted it"
    assert promised.cue.text == "promised" and promised.content_text == "to leave"
    assert promised.speaker.mention.start == said.speaker.mention.start == 0


def test_a_name_keeps_the_words_that_modify_its_modifiers():
    doc = make_doc("""
        The       DET   det      4 the
        New       PROPN compound 2 New
        Hampshire PROPN compound 4 Hampshire
        Union     PROPN compound 4 Union
        Leader    PROPN nsubj    5 Leader
        endorsed  VERB  ROOT     5 endorse
        Smith     PROPN dobj     5 Smith PERSON
        .         PUNCT punct    5 .
    """)
    assert only(extract_claims(doc)).speaker.name == "New Hampshire Union Leader"


def test_a_description_that_contains_its_place_is_not_turned_around():
    doc = make_doc("""
        A      DET   det      3 a
        New    PROPN compound 2 New GPE
        York   PROPN compound 3 York GPE
        judge  NOUN  nsubj    4 judge
        ruled  VERB  ROOT     4 rule
        that   SCONJ mark     8 that
        the    DET   det      7 the
        suit   NOUN  nsubj    8 suit
        failed VERB  ccomp    4 fail
        .      PUNCT punct    4 .
    """)
    assert only(extract_claims(doc)).speaker.name == "New York judge"


def test_a_reporting_verb_before_a_colon_is_the_cue_not_part_of_the_name():
    doc = make_doc("""
        Limbaugh  PROPN nsubj 1 Limbaugh PERSON
        continued VERB  ROOT  1 continue
        :         PUNCT punct 1 :
        We        PRON  nsubj 5 we
        will      AUX   aux   5 will
        win       VERB  ccomp 1 win
        the       DET   det   7 the
        race      NOUN  dobj  5 race
        .         PUNCT punct 1 .
    """)
    c = only(extract_claims(doc))
    assert c.speaker.mention.text == "Limbaugh" and "continued" in c.cue.text
    assert c.content_text.startswith("We will win the race")


def test_a_document_noun_speaks_in_a_headline():
    doc = make_doc("""
        Poll  NOUN  ROOT  0 poll
        :     PUNCT punct 0 :
        Smith PROPN nsubj 3 Smith PERSON
        leads VERB  appos 0 lead
        the   DET   det   5 the
        race  NOUN  dobj  3 race
    """)
    c = only(extract_claims(doc))
    assert c.rule == "colon_line" and c.speaker.mention.text == "Poll" and c.content_text == "Smith leads the race"


def test_the_dependency_pattern_needs_someone_to_say_it():
    doc = make_doc("""
        It        PRON  nsubj 1 it
        signalled VERB  ROOT  1 signal_x
        that      SCONJ mark  4 that
        talks     NOUN  nsubj 4 talk
        resume    VERB  ccomp 1 resume
        .         PUNCT punct 1 .
    """)
    assert extract_claims(doc) == []


def test_according_to_reports_the_clause_it_hangs_on():
    doc = make_doc("""
        Taxes     NOUN  nsubj  1 tax
        rose      VERB  ROOT   1 rise
        ,         PUNCT punct  1 ,
        and       CCONJ cc     1 and
        prices    NOUN  nsubj  5 price
        fell      VERB  conj   1 fall
        sharply   ADV   advmod 5 sharply
        ,         PUNCT punct  5 ,
        according VERB  prep   5 accord
        to        ADP   prep   8 to
        the       DET   det    11 the
        bank      NOUN  pobj   9 bank
        .         PUNCT punct  1 .
    """)
    c = only(extract_claims(doc))
    assert c.rule == "according_to" and c.content_text == "prices fell sharply" and c.speaker.mention.text == "the bank"


def test_a_short_quote_counts_when_the_sentence_is_only_quote_speaker_and_cue():
    doc = make_doc("""
        “    PUNCT punct    6 “
        Not  ADV   advmod   2 not
        one  NUM   npadvmod 6 one
        ,    PUNCT punct    6 ,
        ”    PUNCT punct    6 ”
        he   PRON  nsubj    6 he
        said VERB  ROOT     6 say
        .    PUNCT punct    6 .
    """)
    c = only(extract_claims(doc))
    assert c.rule == "quotes_beside" and c.content_text == "Not one" and c.kind == "direct"


def test_a_quote_after_the_addressee_of_the_cue_is_its_content():
    doc = make_doc("""
        Smith      PROPN nsubj     1 Smith PERSON
        told       VERB  ROOT      1 tell
        the        DET   det       5 the
        assembled  ADJ   amod      5 assembled
        local      ADJ   amod      5 local
        reporters  NOUN  dobj      1 reporter
        and        CCONJ cc        5 and
        many       ADJ   amod      8 many
        supporters NOUN  conj      5 supporter
        ,          PUNCT punct     1 ,
        “          PUNCT punct     1 “
        We         PRON  nsubj     13 we
        will       AUX   aux       13 will
        win        VERB  parataxis 1 win
        the        DET   det       15 the
        race       NOUN  dobj      13 race
        .          PUNCT punct     13 .
        ”          PUNCT punct     1 ”
    """)
    c = only(extract_claims(doc))
    assert c.rule == "quotes_beside" and c.content_text == "We will win the race."
