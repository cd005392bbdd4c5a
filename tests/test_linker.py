"""The pair scorer, the signal registry and blocking, on hand-written features (no model)."""

from datetime import datetime, timedelta, timezone

from claimlink.linker import BlockingIndex, ClaimRecord, Features, TermStats, link_new, score_pair
from claimlink.linker.proposition import same_proposition
from claimlink.linker.record import Frame, Negation, Proposition
from claimlink.linker.scoring import linkable, same_speaker_of
from claimlink.linker.signals import SIGNALS

D = datetime(2025, 11, 20, tzinfo=timezone.utc)


def feats(ents=(), lemmas=(), subj=(), pred=(), obj=(), claim_type="fact", label="PERSON", **kw) -> Features:
    return Features(ents=tuple(ents), ctx=tuple(kw.pop("ctx", ents)), lemmas=tuple(lemmas),
                    prop=Proposition(tuple(subj), tuple(pred), tuple(obj), ""), claim_type=claim_type,
                    speaker_label=label, **kw)


def rec(i, who, key, content, f=None, stance="asserts", target=None, article=None, sent=None, published=D,
        headline=False, **kw) -> ClaimRecord:
    """A stored claim (in article ``article``, by default its own), or with ``headline`` a
    text compared on its own (no article, as ``claimlink compare`` scores it)."""
    return ClaimRecord(id=i, speaker_name=who, speaker_key=key, stance=stance, content=content,
                       features=f if f is not None else feats(**kw), target_speaker=target,
                       article_id=None if headline else article if article is not None else i,
                       sentence_start=sent if sent is not None else i, published=published)


KUPIANSK_RU = Frame("control", "kupiansk", "russia", "control of Kupiansk")
KUPIANSK_UA = Frame("control", "kupiansk", "ukraine", "control of Kupiansk")
GERASIMOV = rec(1, "Valery Gerasimov", "valery gerasimov", "Moscow's forces had taken full control of Kupiansk",
                ents=["russia", "kupiansk"], lemmas=["force", "control", "take"], subj=["force", "russia"],
                pred=["take"], obj=["control", "kupiansk"], frames=(KUPIANSK_RU,), article=1)


def staff_answer(i=2, article=1):
    return rec(i, "general staff of Ukraine", "general staff of ukraine", "Kyiv's forces remained in control of Kupiansk",
               ents=["ukraine", "kupiansk"], lemmas=["force", "control", "remain"], subj=["force", "ukraine"],
               pred=["remain"], obj=["control", "kupiansk"], frames=(KUPIANSK_UA,), rebuts="gerasimov",
               label="ORG", article=article, sent=500)


def test_kupiansk_pair_has_both_reasons_and_names_the_slot():
    v = score_pair(GERASIMOV, staff_answer())
    assert v.flagged and v.score > 0.95
    assert [r.text for r in v.reasons] == [
        "general staff of Ukraine denies a claim by Valery Gerasimov (both about: control of Kupiansk)",
        "control of Kupiansk: Russia vs Ukraine"]


def _bare_denial(i, article, ents):
    return rec(i, "the ministry", "ministry", "Gerasimov's claims", stance="denies", target="Gerasimov",
               ents=["gerasimov"], ctx=ents, lemmas=["claim"], denies_statement=True, label="ORG", article=article)


def test_a_denial_whose_target_cannot_be_recovered_flags_only_within_its_article():
    assert score_pair(GERASIMOV, _bare_denial(3, 1, ["gerasimov", "kupiansk"])).flagged
    # the same sentence about another town, or in another article: nothing to match
    assert not score_pair(GERASIMOV, _bare_denial(4, 1, ["gerasimov", "avdiivka"])).flagged
    assert not score_pair(GERASIMOV, _bare_denial(5, 9, ["gerasimov", "kupiansk"])).flagged


def test_rejecting_remarks_about_a_topic_refutes_only_claims_on_that_topic():
    rejection = rec(10, "Avi Cohen", "avi cohen", "Dana Roe's remarks about taxes", stance="denies", target="Dana Roe",
                    ents=["dana roe"], lemmas=["remark", "tax"], about_terms=("tax",), denies_statement=True)
    on_taxes = rec(11, "Dana Roe", "dana roe", "taxes will fall for every family", ents=[], lemmas=["tax", "fall", "family"],
                   subj=["tax"], pred=["fall"], obj=["family"])
    on_roads = rec(12, "Dana Roe", "dana roe", "the roads were repaired last year", lemmas=["road", "repair", "year"],
                   subj=["road"], pred=["repair"])
    assert score_pair(on_taxes, rejection).flagged
    assert not score_pair(on_roads, rejection).flagged


def test_across_articles_a_denial_refutes_only_what_was_said_before_it():
    def rejection(published):
        return rec(10, "Avi Cohen", "avi cohen", "Dana Roe's remarks about taxes", stance="denies", target="Dana Roe",
                   ents=["dana roe"], lemmas=["remark", "tax"], about_terms=("tax",), denies_statement=True,
                   published=published)

    def on_taxes(published):
        return rec(11, "Dana Roe", "dana roe", "taxes will fall for every family", lemmas=["tax", "fall", "family"],
                   subj=["tax"], pred=["fall"], obj=["family"], published=published)

    assert score_pair(on_taxes(D - timedelta(days=5)), rejection(D)).flagged  # answered days later
    assert score_pair(on_taxes(D + timedelta(days=1)), rejection(D)).flagged  # reported a day late
    assert not score_pair(on_taxes(D + timedelta(days=20)), rejection(D)).flagged  # a remark made weeks later


def test_dismissing_accusations_that_p_refutes_only_claims_matching_p():
    dismissal = rec(20, "Avi Cohen", "avi cohen", "Dana Roe's accusations that the mayor closed the bridge",
                    stance="denies", target="Dana Roe", ents=["dana roe"], lemmas=["accusation", "mayor", "close", "bridge"],
                    target_terms=("mayor", "close", "bridge"), denies_statement=True)
    same = rec(21, "Dana Roe", "dana roe", "the mayor closed the bridge", lemmas=["mayor", "close", "bridge"],
               subj=["mayor"], pred=["close"], obj=["bridge"])
    other = rec(22, "Dana Roe", "dana roe", "the mayor opened a school", lemmas=["mayor", "open", "school"],
                subj=["mayor"], pred=["open"], obj=["school"])
    assert score_pair(same, dismissal).flagged
    assert not score_pair(other, dismissal).flagged


def test_rejecting_an_offer_is_no_refutation():
    rejection = rec(23, "Avi Cohen", "avi cohen", "Dana Roe's offer", stance="denies", target="Dana Roe",
                    ents=["dana roe"], lemmas=["offer", "bridge"], denies_statement=False, article=1)
    claim = rec(24, "Dana Roe", "dana roe", "the bridge will reopen", lemmas=["bridge", "reopen"], subj=["bridge"],
                pred=["reopen"], article=1)
    assert not score_pair(claim, rejection).flagged


def test_polarity_needs_the_same_subject_and_predicate():
    a = rec(30, "Ann Lee", "ann lee", "the ferry company raised fares", lemmas=["ferry", "company", "raise", "fare"],
            subj=["company"], pred=["raise"], obj=["fare"], asserted=("raise",))
    b = rec(31, "Bo Park", "bo park", "the ferry company did not raise fares", lemmas=["ferry", "company", "raise", "fare"],
            subj=["company"], pred=["raise"], obj=["fare"], negated=("raise",))
    v = score_pair(a, b)
    assert v.flagged and v.reasons[0].code == "polarity" and "both about:" in v.reasons[0].text
    # same words, another subject: the parses do not align
    c = rec(32, "Bo Park", "bo park", "fares did not raise the ferry company's profit",
            lemmas=["ferry", "company", "raise", "fare", "profit"], subj=["fare"], pred=["raise"], obj=["profit"],
            negated=("raise",))
    assert not score_pair(a, c).flagged


def test_shared_frequent_terms_weigh_little():
    stats = TermStats()
    for _ in range(500):
        stats.add(["trump", "visit"])
    stats.add(["trump", "wall", "pay"])
    a = feats(lemmas=["trump", "visit", "rally", "crowd"], subj=["trump"], pred=["visit"], obj=["crowd"])
    b = feats(lemmas=["trump", "visit", "wall", "pay", "mexico"], subj=["trump"], pred=["visit"], obj=["wall"])
    assert same_proposition(a, b, TermStats()) is not None  # equal weights: half the words are shared
    assert same_proposition(a, b, stats) is None  # "trump" and "visit" are in almost every claim


def test_a_person_called_a_liar_refutes_nothing_but_a_false_report_does():
    claim = rec(40, None, None, "the mayor closed the bridge", headline=True, lemmas=["mayor", "close", "bridge"], subj=["mayor"],
                pred=["close"], obj=["bridge"])
    report_false = rec(41, None, None, "reports that the mayor closed the bridge are false", headline=True,
                       lemmas=["report", "mayor", "close", "bridge", "false"], subj=["report"], obj=["false"],
                       falsity=("false",), judged_terms=("mayor", "close", "bridge", "report"))
    liar = rec(42, None, None, "the mayor is a liar", headline=True, lemmas=["mayor", "liar"], subj=["mayor"], obj=["liar"],
               falsity=())  # features drop a falsity word that judges a person
    assert score_pair(claim, report_false).reasons[0].code == "falsity"
    assert not score_pair(claim, liar).flagged


def test_withdrawal_of_the_claimed_event_contradicts_it():
    deal = rec(50, None, None, "the two carmakers agreed a merger", headline=True, lemmas=["carmaker", "agree", "merger"],
               subj=["carmaker"], pred=["agree"], obj=["merger"])
    off = rec(51, None, None, "carmakers call off merger", headline=True, lemmas=["carmaker", "call", "merger"], subj=["carmaker"],
              pred=["call"], obj=["merger"], reversal=("call off@merger",))
    sanction = rec(52, None, None, "carmakers suspended from index", headline=True, lemmas=["carmaker", "suspend", "index", "merger"],
                   subj=["carmaker"], pred=["suspend"], reversal=("suspend@index",))
    assert score_pair(deal, off).reasons[0].code == "reversal"
    assert not score_pair(deal, sanction).flagged


def test_only_facts_by_named_speakers_are_linked_and_predictions_meet_only_refutations():
    assert not linkable(rec(60, "Editor's note", None, "x y", lemmas=["x", "y"]))
    assert not linkable(rec(61, "PHILADELPHIA", None, "x y", lemmas=["x", "y"], label="GPE"))
    assert not linkable(rec(62, "Ann Lee", "ann lee", "x y", lemmas=["x", "y"], claim_type="opinion"))
    assert not linkable(rec(63, "email", None, "x y", lemmas=["x", "y"], label=None))
    will = rec(64, "Ann Lee", "ann lee", "the ferry will raise fares", lemmas=["ferry", "raise", "fare"],
               subj=["ferry"], pred=["raise"], obj=["fare"], asserted=("raise",), claim_type="prediction")
    did_not = rec(65, "Bo Park", "bo park", "the ferry did not raise fares", lemmas=["ferry", "raise", "fare"],
                  subj=["ferry"], pred=["raise"], obj=["fare"], negated=("raise",))
    assert not score_pair(will, did_not).flagged  # a prediction against a later outcome
    will_not = rec(66, "Bo Park", "bo park", "the ferry will not raise fares", lemmas=["ferry", "raise", "fare"],
                   subj=["ferry"], pred=["raise"], obj=["fare"], claim_type="prediction",
                   negation=(Negation("raise", "", ("ferry", "fare")),))
    assert score_pair(will, will_not).reasons[0].code == "negation"


def test_features_round_trip_and_old_records_are_not_linked():
    f = GERASIMOV.features.with_(negation=(Negation("take", "", ("kupiansk",)),), nums=(("soldier", 3.0),))
    assert Features.from_json(f.to_json()) == f
    old = Features.from_json({"ents": ["kupiansk"], "lemmas": ["take", "control"], "frames": []})
    assert old.version == 1 and old.claim_type == ""
    assert not linkable(rec(70, "Ann Lee", "ann lee", "x", f=old))


def test_every_signal_is_one_registry_entry():
    codes = [s.code for s in SIGNALS]
    assert len(codes) == len(set(codes))
    assert all(0 < s.weight < 1 for s in SIGNALS)
    assert [s.code for s in SIGNALS if s.booster] == ["numbers"]


def test_blocking_meets_only_claims_that_share_a_key_within_the_window():
    index = BlockingIndex(k=5, window_days=30)
    index.add(GERASIMOV)
    index.add(rec(10, "Kaja Kallas", "kaja kallas", "x", ents=["brussels"], lemmas=["x", "y"]))
    index.add(rec(11, "Some One", "some one", "y", ents=["kupiansk"], lemmas=["x", "y"],
                  published=D - timedelta(days=90)))
    # a judgement (here: a call of falsity) scans recent claims about its entities
    probe = rec(12, "Staff", "staff", "z", ents=["kupiansk"], lemmas=["x", "y"], falsity=("false",))
    assert [r.id for r in index.candidates(probe)] == [1]


def test_claims_that_cannot_be_linked_are_not_indexed():
    index = BlockingIndex()
    index.add(rec(13, "Ann Lee", "ann lee", "x", ents=["kyiv"], lemmas=["x", "y"], claim_type="opinion"))
    assert index.candidates(rec(14, "Bo Park", "bo park", "z", ents=["kyiv"], lemmas=["x", "y"],
                                falsity=("fake",))) == []


def test_one_flag_per_speaker_and_sentence():
    denial = rec(20, "general staff of Ukraine", "general staff of ukraine", "Gerasimov's claims", stance="denies",
                 target="Gerasimov", ents=["gerasimov"], ctx=["gerasimov", "kupiansk"], lemmas=["claim"],
                 denies_statement=True, label="ORG", article=1, sent=500)
    links = link_new([GERASIMOV, denial, staff_answer(21)], BlockingIndex())
    assert len(links) == 1 and links[0].b.id == 21 and len(links[0].verdict.reasons) == 2


def test_unnamed_sources_with_one_head_noun_are_one_source_in_an_article():
    a = rec(43, "Federal prosecutors", None, "x", lemmas=["x"], article=9)
    b = rec(44, "prosecutors", None, "not x", lemmas=["x"], stance="denies", article=9)
    assert same_speaker_of(a, b)
    assert not same_speaker_of(a, rec(45, "prosecutors", None, "y", article=10))
