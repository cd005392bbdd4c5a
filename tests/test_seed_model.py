"""The seed article through the statistical model: every attributed claim and every flag.

Marked ``model``: these load en_core_web_sm (about 2 s) and may move with a model upgrade.
"""

import pytest

from claimlink.extractors import extract_claims
from claimlink.linker import BlockingIndex, ClaimRecord, link_new
from claimlink.linker.features import analyse

pytestmark = pytest.mark.model


@pytest.fixture(scope="module")
def seed(nlp, seed_text):
    doc = nlp(seed_text)
    claims, feats = analyse(doc)
    return doc, claims, feats


def find(claims, speaker, needle):
    hits = [c for c in claims if c.speaker and c.speaker.name == speaker and needle in c.content_text]
    assert hits, f"no claim by {speaker} containing {needle!r}: " + repr(
        [(c.speaker.name if c.speaker else None, c.content_text[:60]) for c in claims])
    return hits[0]


def test_every_attributed_claim_is_found_with_its_speaker(seed):
    _, claims, _ = seed
    find(claims, "Zelenskyy", "We are ready for constructive, honest and swift work")
    find(claims, "Zelenskyy", "Our teams")
    find(claims, "Kaja Kallas", "it needs Ukrainians and Europeans on board")
    find(claims, "Kaja Kallas", "the draft would be too favorable toward Moscow")
    find(claims, "Kaja Kallas", "We haven’t heard of any concessions")
    find(claims, "Khrystyna Hayovyshyn", "red lines")
    find(claims, "Khrystyna Hayovyshyn", "Our land is not for sale")
    find(claims, "Khrystyna Hayovyshyn", "Ukraine will not accept any limits")
    find(claims, "Karoline Leavitt", "quietly working on the peace plan")
    find(claims, "Johannes Wadephul", "he talked by phone")
    find(claims, "Trump", "the Donbas region should be")
    gerasimov = find(claims, "Valery Gerasimov", "Moscow’s forces had taken full control of Kupiansk")
    assert gerasimov.cue.text == "announced" and gerasimov.speaker.title == "Russia’s chief military officer"
    denial = find(claims, "general staff of Ukraine", "Gerasimov’s claims")
    assert denial.stance == "denies" and denial.target_speaker == "Valery Gerasimov"
    said = find(claims, "general staff of Ukraine", "Kyiv’s forces remained in control of Kupiansk")
    assert said.cue.text == "said" and said.stance == "asserts"


def test_quotes_are_direct_and_mixed_quotes_are_mixed(seed):
    _, claims, _ = seed
    assert find(claims, "Khrystyna Hayovyshyn", "Our land is not for sale").kind == "direct"
    assert find(claims, "Trump", "cut up").kind == "mixed"
    assert find(claims, "Valery Gerasimov", "Kupiansk").kind == "indirect"


def test_the_seed_article_raises_exactly_the_kupiansk_flag(seed):
    _, claims, feats = seed
    recs = [ClaimRecord(id=i + 1, speaker_name=c.speaker.name if c.speaker else None,
                        speaker_key=c.speaker.key if c.speaker else None, stance=c.stance,
                        content=c.content_text, features=f, target_speaker=c.target_speaker, article_id=1,
                        sentence_start=c.sentence.start) for i, (c, f) in enumerate(zip(claims, feats))]
    links = link_new(recs, BlockingIndex())
    flags = sorted((link.a.speaker_name, link.b.speaker_name, tuple(r.text for r in link.verdict.reasons))
                   for link in links)
    assert flags == [("Valery Gerasimov", "general staff of Ukraine",
                      ("general staff of Ukraine denies a claim by Valery Gerasimov (both about: control of Kupiansk)",
                       "control of Kupiansk: Russia vs Ukraine"))]


def test_offsets_point_into_the_text(seed, seed_text):
    _, claims, _ = seed
    for c in claims:
        for span in [c.cue, *c.content] + ([c.speaker.mention] if c.speaker else []):
            assert seed_text[span.start:span.end] == span.text
