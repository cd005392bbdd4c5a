"""Kinds of wrong speakers, each fixed as a kind: descriptions shown as written, names in
apposition, owners of a description, pronouns only for people of their sex, "they" never
one person, bare first names, headings, places that label a list, datelines with an
agency. Names and sentences are made up for the tests."""

from claimlink.extractors.claims import extract_claims
from claimlink.extractors.person_names import agrees, is_first_name
from claimlink.extractors.speaker_check import DATELINE, names_people, repair_name, speaker_problem
from claimlink.extractors.headings import in_heading, named_in_body
from claimlink.extractors.speaker_identity import _place_label, _trim_to_known, bare_first_name, resolve_first_name
from tests.docbuilder import make_doc, only


def speaker_names(doc):
    return [c.speaker.name if c.speaker else None for c in extract_claims(doc)]


# -- first names and their sex (census lists) ------------------------------------------------
def test_first_names_are_told_from_surnames():
    assert is_first_name("Donald") and is_first_name("Michele") and is_first_name("Violet")
    assert not is_first_name("Hale") and not is_first_name("Clinton") and not is_first_name("Kelly")
    assert not is_first_name("Twitter") and not is_first_name("Bucknell")


def test_a_pronoun_agrees_with_a_clear_first_name_only():
    assert not agrees("she", "Donald Quill") and agrees("he", "Donald Quill")
    assert not agrees("he", "Mary Vane") and agrees("her", "Mary Vane")
    assert agrees("she", "Quill")  # a surname alone says nothing
    assert agrees("they", "Mary Vane")


def test_a_bare_first_name_takes_the_full_name_of_its_article_or_none():
    people = [(10, "Donald Quill", "donald quill"), (40, "Donald Quill Jr.", "donald quill jr"),
              (90, "Mary Vane", "mary vane")]
    assert bare_first_name("michele") and bare_first_name("donald jr") and not bare_first_name("hale")
    assert resolve_first_name("donald", 60, people) == ("Donald Quill", "donald quill")
    assert resolve_first_name("donald jr", 60, people) == ("Donald Quill Jr.", "donald quill jr")
    assert resolve_first_name("mary", 20, people) == ("Mary Vane", "mary vane")
    assert resolve_first_name("michele", 60, people) is None


def test_a_lone_first_name_is_stored_without_a_name():
    doc = make_doc("""
        Michele PROPN nsubj 1 Michele PERSON
        said    VERB  ROOT  1 say
        that    SCONJ mark  5 that
        rates   NOUN  nsubj 5 rate
        had     AUX   aux   5 have
        risen   VERB  ccomp 1 rise
        .       PUNCT punct 1 .
    """)
    claim = only(extract_claims(doc))
    assert claim.speaker.mention.text == "Michele" and claim.speaker.name is None and claim.speaker.key is None


def test_a_first_name_takes_the_full_name_given_before():
    doc = make_doc("""
        Michele PROPN compound 1 Michele PERSON
        Vane    PROPN nsubj    2 Vane PERSON
        spoke   VERB  ROOT     2 speak
        .       PUNCT punct    2 .
        --
        Michele PROPN nsubj 5 Michele PERSON
        said    VERB  ROOT  5 say
        that    SCONJ mark  8 that
        rates   NOUN  nsubj 8 rate
        rose    VERB  ccomp 5 rise
        .       PUNCT punct 5 .
    """)
    assert speaker_names(doc) == ["Michele Vane"]


# -- descriptions as written ---------------------------------------------------------------
def test_a_description_keeps_its_written_form():
    doc = make_doc("""
        An        DET   det      1 an
        estimate  NOUN  nsubj    5 estimate
        by        ADP   prep     1 by
        Zeta      PROPN compound 4 Zeta ORG
        Institute PROPN pobj     2 Institute ORG
        found     VERB  ROOT     5 find
        that      SCONJ mark     8 that
        rates     NOUN  nsubj    8 rate
        fell      VERB  ccomp    5 fall
        .         PUNCT punct    5 .
    """)
    assert speaker_names(doc) == ["estimate by Zeta Institute"]  # not "estimate of Zeta Institute"


def test_a_body_of_a_country_is_still_keyed_with_its_country():
    doc = make_doc("""
        The    DET   det   1 the
        staff  NOUN  nsubj 5 staff
        for    ADP   prep  1 for
        Ruritania PROPN poss 4 Ruritania GPE
        army   NOUN  pobj  2 army
        said   VERB  ROOT  5 say
        that   SCONJ mark  8 that
        troops NOUN  nsubj 8 troop
        stayed VERB  ccomp 5 stay
        .      PUNCT punct 5 .
    """)
    assert speaker_names(doc) == ["staff of Ruritania"]


def test_a_name_in_apposition_is_the_speaker():
    doc = make_doc("""
        One     NUM   nummod   1 one
        hopeful NOUN  nsubj    6 hopeful
        ,       PUNCT punct    1 ,
        Pat     PROPN compound 4 Pat ORG
        Quill   PROPN appos    1 Quill ORG
        ,       PUNCT punct    1 ,
        said    VERB  ROOT     6 say
        that    SCONJ mark     9 that
        taxes   NOUN  nsubj    9 tax
        rise    VERB  ccomp    6 rise
        .       PUNCT punct    6 .
    """)
    assert speaker_names(doc) == ["Pat Quill"]


def test_the_owner_of_a_description_of_people_is_not_the_speaker():
    doc = make_doc("""
        Zeta      PROPN poss  3 Zeta PERSON
        's        PART  case  0 's
        chief     ADJ   amod  3 chief
        executive NOUN  nsubj 4 executive
        said      VERB  ROOT  4 say
        that      SCONJ mark  7 that
        sales     NOUN  nsubj 7 sale
        rose      VERB  ccomp 4 rise
        .         PUNCT punct 4 .
    """)
    assert speaker_names(doc) == ["Zeta's chief executive"]
    assert names_people("executive") and names_people("lawyers") and not names_people("performance")


# -- pronouns ------------------------------------------------------------------------------
def test_a_pronoun_is_not_resolved_to_a_place_the_tagger_called_a_person():
    doc = make_doc("""
        Kiro     PROPN compound 1 Kiro PERSON
        Vane     PROPN nsubj    2 Vane PERSON
        spoke    VERB  ROOT     2 speak
        at       ADP   prep     2 at
        Bucknell PROPN pobj     3 Bucknell PERSON
        .        PUNCT punct    2 .
        --
        She   PRON  nsubj 7 she
        said  VERB  ROOT  7 say
        that  SCONJ mark  11 that
        the   DET   det   10 the
        school NOUN nsubj 11 school
        grew  VERB  ccomp 7 grow
        .     PUNCT punct 7 .
    """)
    assert speaker_names(doc) == ["Kiro Vane"]


def test_he_is_not_resolved_to_a_woman():
    doc = make_doc("""
        Mary      PROPN compound 1 Mary PERSON
        Vane      PROPN nsubj    2 Vane PERSON
        introduced VERB ROOT     2 introduce
        Donald    PROPN compound 4 Donald PERSON
        Quill     PROPN dobj     2 Quill PERSON
        .         PUNCT punct    2 .
        --
        He    PRON  nsubj 7 he
        said  VERB  ROOT  7 say
        that  SCONJ mark  10 that
        rates NOUN  nsubj 10 rate
        rose  VERB  ccomp 7 rise
        .     PUNCT punct 7 .
    """)
    assert speaker_names(doc) == ["Donald Quill"]


def test_they_is_never_one_person():
    doc = make_doc("""
        Pat   PROPN compound 1 Pat PERSON
        Quill PROPN nsubj    2 Quill PERSON
        said  VERB  ROOT     2 say
        that  SCONJ mark     5 that
        rates NOUN  nsubj    5 rate
        rose  VERB  ccomp    2 rise
        .     PUNCT punct    2 .
        --
        They  PRON  nsubj 8 they
        said  VERB  ROOT  8 say
        that  SCONJ mark  11 that
        rates NOUN  nsubj 11 rate
        fell  VERB  ccomp 8 fall
        .     PUNCT punct 8 .
    """)
    assert speaker_names(doc) == ["Pat Quill", None]


# -- headings, places, datelines, fused cues ---------------------------------------------------
HEADED = ("Woman Steps Forward With Bombshell Claim.\n\nA woman said on Monday that she saw it.\n\n"
          "BOTH SIDES\n\nPat Quill said more.\n\nA Short Line In Title Case\n\nZed Orr spoke.\n")


def test_headings_are_found_by_position_and_case():
    assert in_heading(HEADED, 0)
    assert not in_heading(HEADED, HEADED.index("A woman"))
    assert in_heading(HEADED, HEADED.index("BOTH"))
    assert in_heading(HEADED, HEADED.index("Short Line"))
    assert not in_heading(HEADED, HEADED.index("Zed Orr"))
    assert not in_heading("Ann Lee Says Taxes Will Rise", 0)  # one line is a sentence, not a story


def test_a_speaker_named_only_in_a_heading_is_no_speaker():
    assert not named_in_body(HEADED, "Claim")
    assert not named_in_body(HEADED, "Both Sides")
    assert named_in_body(HEADED, "Pat Quill")


def test_a_place_labelling_a_list_or_locating_an_event_does_not_speak():
    text = "Ohio: Pat Quill, Zed Orr, Ann Lee.\nSpeaking in Dayton, Ohio, Pat Quill said more.\n"
    assert _place_label(text, 0, 4)
    at = text.index("Ohio,")
    assert _place_label(text, at, at + 4)
    other = "Ohio voted for him, Pat Quill said."
    assert not _place_label(other, 0, 4)
    assert _place_label("Ohio, Utah, Iowa,", 0, len("Ohio, Utah, Iowa,"))


def test_a_dateline_with_an_agency_is_furniture():
    sentence = "Springfield (AFP) – The mayor said the plant would close."
    assert speaker_problem("Springfield", mention="Springfield", sentence=sentence) == DATELINE
    assert speaker_problem("Springfield", mention="Springfield", sentence="Springfield said no.") is None


def test_a_day_is_not_a_speaker_and_cue_words_leave_the_name():
    assert speaker_problem("Wednesday") is not None and speaker_problem("Tuesday") is not None
    assert repair_name("Continued Quill") == "Quill"
    assert repair_name("And Mr. Quill gloated") == "Mr. Quill"
    assert repair_name("Pat Quill") == "Pat Quill"


def test_a_description_of_someone_is_not_cut_down_to_their_name():
    people = [(0, "Pat Quill", "pat quill")]
    assert _trim_to_known("spokesman for Pat Quill", people) == "spokesman for Pat Quill"
    assert _trim_to_known("supporters of Democrat Pat Quill", people) == "supporters of Democrat Pat Quill"
    assert _trim_to_known("Certainly Pat Quill", people) == "Pat Quill"


def test_according_to_and_described_places_leave_the_name():
    assert repair_name("According to Zeta News") == "Zeta News"
    assert _place_label("Sparsely populated Ohio is not a swing state.", 0, len("Sparsely populated Ohio"))
    assert not _place_label("Ohio is not a swing state.", 0, 4)
    assert not _place_label("the Ruritanian Republic said no.", 0, len("the Ruritanian Republic"))
    assert _place_label("Dayton, Ohio-based Zeta Inc. said no.", 0, len("Dayton, Ohio-based Zeta Inc."))


def test_they_stands_for_a_plural_common_noun_not_for_a_name_in_s():
    from claimlink.extractors.descriptions import plural
    from claimlink.extractors.types import Speaker, TextSpan
    def sp(name, label=None):
        return Speaker(mention=TextSpan(0, len(name), name), name=name, label=label)
    assert plural(sp("campaign officials")) and plural(sp("Democrats", "NORP"))
    assert not plural(sp("Sanders")) and not plural(sp("Projections")) and not plural(sp("analysis"))
