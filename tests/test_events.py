"""Events inside claims and the event signal, on short sentences written for these tests
(the project's own pipeline and model, as the flow runs them)."""

from datetime import datetime, timedelta, timezone

import pytest

from claimlink.flows.pipeline import _record
from claimlink.linker import BlockingIndex, TermStats, link_new, score_pair
from claimlink.linker.events import Event
from claimlink.linker.features import analyse

D = datetime(2025, 3, 1, tzinfo=timezone.utc)


def claims(nlp, text, article, first_id, published=D):
    """The records of every claim of ``text``, stored as article ``article``."""
    cl, fe = analyse(nlp(text))
    return [_record(first_id + i, c, f, published, article) for i, (c, f) in enumerate(zip(cl, fe))]


def one(nlp, text, article, first_id=None, published=D):
    recs = claims(nlp, text, article, first_id or article * 100, published)
    assert len(recs) == 1, [r.content for r in recs]
    return recs[0]


def flagged(a, b):
    return score_pair(a, b, TermStats.of(r.features for r in (a, b))).flagged


@pytest.mark.parametrize("text, event", [
    # a pronoun the speaker is named for, in reported speech
    ("Mayor Dana Roe denied that she closed the harbour bridge.", Event("roe", "close", ("bridge", "harbour"), True)),
    # an event under a reported fact, not the main clause
    ("Inspector Avi Cohen said there was clear evidence that Roe closed the harbour bridge.",
     Event("roe", "close", ("bridge", "harbour"), False)),
    # the first person of a quote is the speaker
    ("\"I never sold the harbour land,\" Dana Roe said.", Event("roe", "sell", ("land", "harbour"), True)),
    # a negative object negates the event; a passive's agent is one of its objects
    ("The auditor said Dana Roe paid nothing in harbour fees.", Event("roe", "pay", ("fee", "harbour"), True)),
    ("The auditor said the invoice was signed by Dana Roe.", None),
])
def test_events_of_a_claim(nlp, text, event):
    events = one(nlp, text, 1).features.events
    if event is None:  # "the invoice": a common noun names no one, no event
        assert not events
    else:
        assert event in events


@pytest.mark.parametrize("text", [
    "Avi Cohen said Roe would not close the harbour bridge.",  # under a modal: supposed, not stated
    "Avi Cohen asked whether Roe closed the harbour bridge?",  # a question
])
def test_no_event_under_a_modal_or_a_question(nlp, text):
    assert all(e.verb != "close" for r in claims(nlp, text, 1, 100) for e in r.features.events)


def test_a_pronoun_after_another_person_is_that_person(nlp):
    r = one(nlp, "Avi Cohen said Dana Roe knew that she had sold the harbour land.", 1)
    assert {e.subj for e in r.features.events} == {"roe"}
    # "..., he said": the speaker is "he", so "she" is someone else, unresolved
    r = one(nlp, "She never sold the harbour land, he said.", 2)
    assert all(e.subj != "cohen" for e in r.features.events)


def test_a_denied_event_meets_the_asserted_event_across_articles(nlp):
    denial = one(nlp, "Mayor Dana Roe denied that she closed the harbour bridge.", 1)
    report = one(nlp, "Inspector Avi Cohen said there was clear evidence that Roe closed the harbour bridge.", 2)
    assert flagged(report, denial)
    reasons = score_pair(report, denial, TermStats.of(r.features for r in (report, denial))).reasons
    assert [r.code for r in reasons] == ["event_polarity"]
    # within one article a report sets both sides out on purpose: not flagged
    same_article = one(nlp, "Inspector Avi Cohen said there was clear evidence that Roe closed the harbour bridge.", 1,
                       first_id=150)
    assert not flagged(same_article, denial)


def test_synonyms_and_entailed_events(nlp):
    never = one(nlp, "Dana Roe said that she never emailed the secret budget to anyone.", 1)
    sent = one(nlp, "Avi Cohen said Roe sent the secret budget to reporters.", 2)
    assert flagged(sent, never)  # "emailed" and "sent" are one event
    untouched = one(nlp, "Avi Cohen said he had never touched the reporter's camera.", 3)
    grabbed = one(nlp, "Dana Roe said Cohen grabbed the reporter's camera.", 4)
    assert flagged(grabbed, untouched)  # grabbing is touching
    not_grabbed = one(nlp, "Avi Cohen said he had not grabbed the reporter's camera.", 5)
    touched = one(nlp, "Dana Roe said Cohen touched the reporter's camera.", 6)
    assert not flagged(touched, not_grabbed)  # not grabbing says nothing of touching


def test_a_common_noun_subject_gives_no_event(nlp):
    denial = one(nlp, "Mayor Dana Roe denied that the council closed the harbour bridge.", 1)
    report = one(nlp, "Inspector Avi Cohen said that the council closed the harbour bridge.", 2)
    assert not denial.features.events and not report.features.events  # which council?


def test_other_subjects_verbs_or_objects_do_not_meet(nlp):
    denial = one(nlp, "Mayor Dana Roe denied that she closed the harbour bridge.", 1)
    for i, text in enumerate([
        "Inspector Avi Cohen said that Lee Park closed the harbour bridge.",  # another subject
        "Inspector Avi Cohen said that Roe repaired the harbour bridge.",  # another verb
        "Inspector Avi Cohen said that Roe closed the city library.",  # another object
    ], start=2):
        assert not flagged(one(nlp, text, i), denial), text


def test_an_opinion_that_states_an_event_outright_meets_its_denial(nlp):
    # the claim's type is not a fact (a modal main clause), but the event under "the fact
    # that" is stated without one
    opinion = one(nlp, "Avi Cohen said he would not charge anyone, despite the fact that Dana Roe did sell the harbour land.", 1)
    assert opinion.features.claim_type != "fact"
    denial = one(nlp, "Dana Roe said that she never sold the harbour land.", 2)
    assert flagged(opinion, denial)


def test_events_meet_across_months_other_signals_do_not(nlp):
    denial = one(nlp, "Mayor Dana Roe denied that she closed the harbour bridge.", 1, published=D)
    late = one(nlp, "Inspector Avi Cohen said there was clear evidence that Roe closed the harbour bridge.", 2,
               published=D + timedelta(days=200))
    index = BlockingIndex()
    index.add(denial)
    links = link_new([late], index, TermStats.of(r.features for r in (denial, late)))
    assert [sorted({r.code for r in link.verdict.reasons}) for link in links] == [["event_polarity"]]
    too_late = one(nlp, "Inspector Avi Cohen said there was clear evidence that Roe closed the harbour bridge.", 3,
                   published=D + timedelta(days=400))
    assert not link_new([too_late], index, TermStats.of(r.features for r in (denial, too_late)))
