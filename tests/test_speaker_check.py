"""The speaker sanity predicate on names made up for the tests: what is a speaker, what is
page furniture or a piece of a clause."""

import pytest

from claimlink.extractors.speaker_check import (CUE_IN_NAME, DATELINE, FRAGMENT, GENERIC_PLACE, NOTE, QA_MARKER,
                                                SECTION, is_speaker, repair_name, speaker_problem)


@pytest.mark.parametrize("name, context", [
    ("Valery Gerasimov", {}),
    ("Kaja Kallas", {"label": "PERSON"}),
    ("NATO", {"label": "ORG"}),
    ("CNN", {}),
    ("ISIS", {"label": "ORG"}),
    ("UNICEF", {"label": "ORG"}),
    ("New Hampshire Union Leader", {"label": "ORG"}),
    ("CNN/ORC poll", {}),
    ("Department of Justice", {"label": "ORG"}),
    ("Council on Foreign Relations", {"label": "ORG"}),
    ("Ludwig van Beethoven", {"label": "PERSON"}),
    ("general staff of Ukraine", {"label": "ORG"}),
    ("senior administration official", {}),
    ("people familiar with the talks", {}),
    ("a spokeswoman for the governor", {}),
    ("Quinnipiac University poll", {}),
    ("Most of the delegates", {}),
    ("her advisers", {}),
    ("those surveyed", {}),
    ("One tweet", {}),
    ("Kevin McCarthy", {}),
    ("Ray LaHood", {}),
    ("the lawsuit", {}),
    ("Russia", {"label": "GPE"}),
])
def test_speakers_pass(name, context):
    assert speaker_problem(name, **context) is None, name
    assert is_speaker(name, **context)


@pytest.mark.parametrize("name, context, problem", [
    ("GLASGOW", {"mention": "GLASGOW", "sentence": "GLASGOW — The mayor said the bridge would reopen."}, DATELINE),
    ("SPRINGFIELD", {"sentence": "SPRINGFIELD, Ill. — Officials said the plant was closing."}, DATELINE),
    ("LITTLE ROCK", {"label": "GPE"}, DATELINE),
    ("TIMBUKTU", {}, DATELINE),
    ("MINNEAPOLIS", {"label": "GPE"}, DATELINE),
    ("Editor's note", {}, NOTE),
    ("Editor’s Note", {}, NOTE),
    ("By Jane Roe", {}, NOTE),
    ("Correction", {}, NOTE),
    ("Q", {}, QA_MARKER),
    ("A.", {}, QA_MARKER),
    ("Opinion", {}, SECTION),
    ("Live updates", {}, SECTION),
    ("elbows planted on a walnut desk", {}, FRAGMENT),
    ("expect of Republican", {"label": "NORP"}, FRAGMENT),
    ("Smith v. Jones", {}, FRAGMENT),
    ("of Ohio", {}, FRAGMENT),
    ("America", {"label": "GPE"}, GENERIC_PLACE),
    ("the world", {}, GENERIC_PLACE),
    ("Jones tweeted", {}, CUE_IN_NAME),
    ("Jones told Radio Five", {}, CUE_IN_NAME),
    ("Mayor Says He Will Run", {}, FRAGMENT),
    ("No doubt", {}, FRAGMENT),
    ("Surely a capable person", {}, FRAGMENT),
    ("March's primaries", {}, FRAGMENT),
    ("Two in five", {}, FRAGMENT),
    ("Seven of Independent", {}, FRAGMENT),
    ("QWhy", {}, QA_MARKER),
    ("OAKVILLE, Ont.", {}, DATELINE),
    ("’s Note", {}, NOTE),
    ("'s Bureau", {}, FRAGMENT),
    ("second incident", {}, FRAGMENT),
    ("whose campaign", {}, FRAGMENT),
    ("He", {}, FRAGMENT),
    ("Others of Nevada", {}, FRAGMENT),
    ("Pro-Smith", {}, FRAGMENT),
    ("Democrats Doe", {}, FRAGMENT),
    ("Others", {}, FRAGMENT),
    ("most of whom", {}, FRAGMENT),
    ("Most of Vermont", {}, FRAGMENT),
    ("firepower of Lopez", {}, FRAGMENT),
    ("EmailPrintShareTweetJane Roe", {}, FRAGMENT),
])
def test_not_speakers(name, context, problem):
    assert speaker_problem(name, **context) == problem


def test_transcript_speaker_labels_in_capitals_are_speakers():
    assert speaker_problem("JANE ROE", sentence="JANE ROE: We will win the state.") is None
    assert speaker_problem("PAT DOE", label="PERSON") is None
    assert speaker_problem("OAKVILLE", sentence="OAKVILLE: the plan.", label="GPE") is None


def test_descriptions_headed_by_people_groups_or_documents_pass_and_clause_pieces_fail():
    for name in ("two organizers of the rally", "a campaign strategist", "the gambling tycoon", "local residents",
                 "the new poll of voters in all 50 states", "disclosures filed on Friday", "the ruling"):
        assert speaker_problem(name) is None, name
    for name in ("history", "eyes fixed on the stage", "about half", "42%", "its own", "percent of voters"):
        assert speaker_problem(name) is not None, name


def test_all_caps_org_opening_a_sentence_without_a_dash_is_a_speaker():
    assert speaker_problem("NATO", mention="NATO", sentence="NATO said it would send ships.", label="ORG") is None


def test_empty_names_are_not_speakers():
    assert speaker_problem("") == "empty"
    assert speaker_problem(None) == "empty"
    assert speaker_problem("—") == "empty"


def test_repair_drops_a_fused_reporting_verb_only():
    assert repair_name("Jones tweeted") == "Jones"
    assert repair_name("Senator Ann Jones said") == "Senator Ann Jones"
    assert repair_name("Ann Jones once said") == "Ann Jones"
    assert repair_name("Ann Jones told Radio Five") == "Ann Jones"
    assert repair_name("Edward Said") == "Edward Said"
    assert repair_name("-Pat Doe") == "Pat Doe"
    assert repair_name("dynamic Pat Doe") == "Pat Doe"
    assert repair_name("de Vries") == "de Vries"
    assert repair_name("columnist of Daily Ledger") == "columnist of Daily Ledger"
    assert repair_name("lawmaker, who represents a rural district") == "lawmaker"
    assert repair_name("Doe, Roe and Partners") == "Doe, Roe and Partners"
    assert repair_name("Ann Jones") == "Ann Jones"
    assert repair_name("the report said") == "the report said"  # no name before the verb
    assert speaker_problem(repair_name("Jones continued")) is None
