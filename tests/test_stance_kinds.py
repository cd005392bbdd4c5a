"""Kinds of refutation the linker must see, on sentences written for these tests (no
Emergent or PolNeAR text), through the statistical model as ``claimlink compare`` reads them.

Marked ``model``: these load en_core_web_sm and may move with a model upgrade.
"""

import pytest

from claimlink.linker.compare import compare_texts
from claimlink.linker.gazetteer import normalise
from claimlink.linker.record import name_key

pytestmark = pytest.mark.model


def verdict(nlp, claim: str, headline: str):
    return compare_texts(nlp, [(claim, headline)])[0]


@pytest.mark.parametrize("claim, headline, code", [
    # a named party's plan or threat is a fact a denial refutes
    ("Norland plans to build a dam on the Vela river", "Norland denies plans to build a dam on the Vela river",
     "denies_content"),
    ("The ministry threatened to fine the striking pilots", "Ministry denies it threatened striking pilots",
     "denies_content"),
    # a negated future negates its event; a bare "No," answers a prediction
    ("Harlow Foods will start selling beer in its stores",
     "Sorry, Harlow Foods is not going to be selling beer in its stores", "negation"),
    ("The mayor of Dunmore will resign next week", "Dunmore mayor to resign? No, says her spokesman", "negation"),
    # falsity words of general English and refuting verbs
    ("The old Carrow bridge collapsed during the storm", "Reports that the Carrow bridge collapsed are groundless",
     "falsity"),
    ("Thieves robbed the Harlow museum", "Police debunk report that thieves robbed the Harlow museum", "falsity"),
    ("Thieves robbed the Harlow museum", "Setting the record straight on the Harlow museum robbery", "falsity"),
    # rumour rebuttals
    ("The Dunmore mayor will resign", "Dunmore mayor laughs off rumours that she will resign", "falsity"),
    # a short headline: its aligned subject and predicate suffice, whatever else it adds
    ("Street painter Olo Brenn was arrested",
     "Everybody relax, Olo Brenn was not arrested and unmasked as a banker", "polarity"),
    # withdrawals and reversals of the claimed event, and an event said not to take place
    ("The two carmakers agreed to merge", "Carmakers call off merger", "reversal"),
    ("The two carmakers agreed to merge", "The carmaker merger is not going ahead", "reversal"),
    ("Harlow Foods agreed to buy the Kessel brewery", "Harlow Foods withdraws from Kessel brewery deal", "reversal"),
    ("Ann Lee will lead the Dunmore council", "Ann Lee steps down as Dunmore council leader", "reversal"),
    # "Police: no suspects in custody"
    ("Gunmen from the Kessel gang crossed the Vela border",
     "Border police: no Kessel gang gunmen on the Vela border", "negation"),
])
def test_a_kind_of_refutation_is_flagged(nlp, claim, headline, code):
    v = verdict(nlp, claim, headline)
    assert v.flagged, (claim, headline, v)
    assert code in {r.code for r in v.reasons}


@pytest.mark.parametrize("claim, headline", [
    ("Harlow Foods will start selling beer in its stores", "Harlow Foods starts selling beer in its stores"),
    ("Women make up half of Dunmore's voters", "Dunmore voters: half are women, survey finds"),
    ("Norland plans to build a dam on the Vela river", "Norland unveils plans for a dam on the Vela river"),
    ("The Dunmore mayor will resign", "Dunmore mayor confirms rumours that she will resign"),
    ("Street painter Olo Brenn was arrested", "Is street painter Olo Brenn's arrest a hoax?"),
    # what someone quit with is not what was withdrawn
    ("Ann Lee quit her job with a farewell video", "Ann Lee posts a farewell video about her job"),
])
def test_support_and_questions_are_not_flagged(nlp, claim, headline):
    assert not verdict(nlp, claim, headline).flagged


def test_dotted_country_names_and_regnal_numbers_normalise():
    assert normalise("the U.S.") == normalise("US") == "united states"
    assert normalise("U.K.") == "united kingdom"
    assert name_key("king abdullah ii") == "abdullah"
    assert name_key("martin luther king jr.") == "king"
