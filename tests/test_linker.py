"""The pair scorer and blocking, on hand-written features (no model)."""

from datetime import datetime, timedelta, timezone

from claimlink.linker import BlockingIndex, ClaimRecord, link_new, score_pair

D = datetime(2025, 11, 20, tzinfo=timezone.utc)


def rec(i, who, key, content, frames=(), ents=(), stance="asserts", target=None, rebuts=None, article=None,
        sent=None, published=D, nums=(), lemmas=(), asserted=(), negated=(), negation=(), falsity=(),
        question=False):
    return ClaimRecord(id=i, speaker_name=who, speaker_key=key, stance=stance, content=content,
                       features={"ents": list(ents), "ctx": list(ents), "frames": [list(f) for f in frames],
                                 "nums": [list(n) for n in nums], "lemmas": list(lemmas),
                                 "asserted": list(asserted), "negated": list(negated),
                                 "negation": [list(n) for n in negation], "falsity": list(falsity),
                                 "question": question, "rebuts": rebuts},
                       target_speaker=target, article_id=article if article is not None else i,
                       sentence_start=sent if sent is not None else i,
                       published=published)


GERASIMOV = rec(1, "Valery Gerasimov", "valery gerasimov", "Moscow's forces had taken full control of Kupiansk",
                frames=[("control", "kupiansk", "russia", "control of Kupiansk")], ents=["russia", "kupiansk"], article=1)


def test_kupiansk_pair_has_both_reasons():
    staff = rec(2, "general staff of Ukraine", "general staff of ukraine",
                "Kyiv's forces remained in control of Kupiansk",
                frames=[("control", "kupiansk", "ukraine", "control of Kupiansk")], ents=["ukraine", "kupiansk"],
                rebuts="gerasimov")
    v = score_pair(GERASIMOV, staff)
    assert v.flagged and v.score > 0.95
    assert [r.text for r in v.reasons] == ["general staff of Ukraine denies a claim by Valery Gerasimov",
                                           "control of Kupiansk: Russia vs Ukraine"]


def test_explicit_denial_of_a_speaker_needs_a_shared_subject():
    denial = rec(3, "the ministry", "ministry", "Gerasimov's claims", stance="denies", target="Gerasimov",
                 ents=["kupiansk"])
    assert score_pair(GERASIMOV, denial).flagged
    elsewhere = rec(4, "the ministry", "ministry", "Gerasimov's claims", stance="denies", target="Gerasimov",
                    ents=["avdiivka"])
    assert not score_pair(GERASIMOV, elsewhere).flagged


def test_claims_that_merely_differ_are_not_flagged():
    other = rec(5, "Kaja Kallas", "kaja kallas", "the plan needs Europeans on board", ents=["europe", "russia"])
    assert score_pair(GERASIMOV, other).relation == "none"


def test_a_speaker_updating_its_own_figures_is_not_flagged():
    a = rec(6, "health ministry", "health ministry", "12 people were killed", ents=["gaza"], nums=[("people", 12)],
            article=1)
    b = rec(7, "health ministry", "health ministry", "30 people were killed", ents=["gaza"], nums=[("people", 30)],
            article=2)
    assert not score_pair(a, b).flagged


def test_polarity_conflict_on_the_same_predicate():
    a = rec(8, "police", "police", "the Batmobile was stolen", ents=["batmobile"], lemmas=["batmobile", "steal"],
            asserted=["steal"])
    b = rec(9, "studio", "studio", "the Batmobile was not stolen", ents=["batmobile"],
            lemmas=["batmobile", "steal"], negated=["steal"])
    v = score_pair(a, b)
    assert v.flagged and v.reasons[0].code == "polarity"
    asked = rec(10, "studio", "studio", "was the Batmobile not stolen?", ents=["batmobile"],
                lemmas=["batmobile", "steal"], negated=["steal"], question=True)
    assert not score_pair(a, asked).flagged


def test_antonyms_are_a_polarity_conflict():
    a = rec(11, None, None, "Hugh Hefner is dead", lemmas=["hugh", "hefner", "dead"], asserted=["dead"])
    b = rec(12, None, None, "Hugh Hefner is alive", lemmas=["hugh", "hefner", "alive"], asserted=["alive"])
    assert score_pair(a, b).flagged


def test_a_judgement_of_falsity_on_the_same_topic():
    a = rec(13, None, None, "Banksy was arrested", lemmas=["banksy", "arrest"], asserted=["arrest"])
    b = rec(14, None, None, "Banksy arrest story is a hoax", lemmas=["banksy", "arrest", "story", "hoax"],
            falsity=["hoax"])
    v = score_pair(a, b)
    assert v.flagged and v.reasons[0].text == "an unnamed source calls it hoax"
    unrelated = rec(15, None, None, "Moon landing was a hoax", lemmas=["moon", "landing", "hoax"], falsity=["hoax"])
    assert not score_pair(a, unrelated).flagged
    # "fake passports" judges passports, not the claim's arrest
    passports = rec(16, None, None, "Banksy caught with fake passports", lemmas=["banksy", "passport"],
                    falsity=["fake@passport"])
    assert not score_pair(a, passports).flagged


def test_negation_needs_the_claims_own_predicate_or_a_copula_on_its_topic():
    a = rec(17, None, None, "the wife of al-Baghdadi was detained in Lebanon",
            lemmas=["wife", "baghdadi", "detain", "lebanon"], asserted=["arrest"])
    b = rec(18, "Iraq", "iraq", "the woman is not al-Baghdadi's wife",
            lemmas=["woman", "baghdadi", "wife"], negation=[("be", "copula", ["woman", "baghdadi", "wife"])])
    assert score_pair(a, b).flagged
    unsure = rec(19, None, None, "the plumber is not sure how his truck reached Syria",
                 lemmas=["plumber", "sure", "truck", "syria"], negation=[("know", "", ["plumber", "truck"])])
    assert not score_pair(rec(20, None, None, "a plumber's truck is used in Syria",
                              lemmas=["plumber", "truck", "use", "syria"]), unsure).flagged


def test_blocking_meets_only_claims_that_share_a_key_within_the_window():
    index = BlockingIndex(k=5, window_days=30)
    index.add(GERASIMOV)
    index.add(rec(10, "Kaja Kallas", "kaja kallas", "x", ents=["brussels"]))
    index.add(rec(11, "someone", "someone", "y", ents=["kupiansk"], published=D - timedelta(days=90)))
    # a judgement (here: a call of falsity) scans recent claims about its entities
    probe = rec(12, "staff", "staff", "z", ents=["kupiansk"], falsity=["false"])
    assert [r.id for r in index.candidates(probe)] == [1]


def test_plain_claims_meet_claims_on_their_predicate_and_judgements_about_them():
    index = BlockingIndex()
    same_pred = rec(30, "a", "a", "x", ents=["kyiv"], asserted=["attack"])
    other_pred = rec(31, "b", "b", "y", ents=["kyiv"], asserted=["visit"])
    judgement = rec(32, "c", "c", "z", ents=["kyiv"], falsity=["hoax"])
    for r in (same_pred, other_pred, judgement):
        index.add(r)
    probe = rec(33, "d", "d", "w", ents=["kyiv"], negated=["attack"])
    assert sorted(r.id for r in index.candidates(probe)) == [30, 32]


def test_blocking_keeps_k_most_recent_per_key():
    index = BlockingIndex(k=3)
    for i in range(10):
        index.add(rec(100 + i, f"s{i}", f"s{i}", "c", ents=["kyiv"]))
    probe = rec(200, "p", "p", "c", ents=["kyiv"], falsity=["fake"])
    assert [r.id for r in index.candidates(probe)] == [109, 108, 107]  # newest first


def test_one_flag_per_speaker_and_sentence():
    denial = rec(20, "staff", "staff", "Gerasimov's claims", stance="denies", target="Gerasimov",
                 ents=["kupiansk"], article=2, sent=500)
    answer = rec(21, "staff", "staff", "Kyiv's forces remained in control of Kupiansk", rebuts="gerasimov",
                 frames=[("control", "kupiansk", "ukraine", "control of Kupiansk")], ents=["kupiansk"], article=2,
                 sent=500)
    links = link_new([GERASIMOV, denial, answer], BlockingIndex())
    assert len(links) == 1 and links[0].b.id == 21 and len(links[0].verdict.reasons) == 2


def test_within_one_article_only_explicit_signals_flag():
    a = rec(40, "prosecutors", None, "guards made their rounds", lemmas=["guard", "round", "epstein"],
            asserted=["make"], article=7)
    b = rec(41, "court records", None, "no checks were made on Epstein", lemmas=["check", "epstein", "guard"],
            negation=[("", "existential", ["check", "epstein", "guard"])], article=7)
    assert not score_pair(a, b).flagged
    b_elsewhere = rec(42, "court records", None, "no checks were made on Epstein", lemmas=["check", "epstein", "guard"],
                      negation=[("", "existential", ["check", "epstein", "guard"])], article=8)
    assert score_pair(a, b_elsewhere).flagged


def test_unnamed_sources_with_one_head_noun_are_one_source_in_an_article():
    a = rec(43, "Federal prosecutors", None, "x", lemmas=["x"], stance="asserts", article=9)
    b = rec(44, "prosecutors", None, "not x", lemmas=["x"], stance="denies", article=9)
    from claimlink.linker.scoring import _same_speaker

    assert _same_speaker(a, b)
    assert not _same_speaker(a, rec(45, "prosecutors", None, "y", article=10))
