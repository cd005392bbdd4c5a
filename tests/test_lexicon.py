"""The word lists of the claim rules: each word listed once, each verb in one role."""

from __future__ import annotations

from collections import Counter
from itertools import combinations

from claimlink.extractors import lexicon


def test_no_list_repeats_a_word():
    for table, lists in lexicon.load_lexicon().items():
        for name, words in lists.items():
            repeated = sorted(w for w, n in Counter(words).items() if n > 1)
            assert not repeated, f"[{table}] {name} lists {repeated} more than once"


def test_each_verb_has_one_role():
    roles = lexicon.load_lexicon()["verb_roles"]
    assert set(roles) == set(lexicon.ROLES)
    for a, b in combinations(lexicon.ROLES, 2):
        both = sorted(set(roles[a]) & set(roles[b]))
        assert not both, f"{both} are both {a} and {b} verbs"


def test_frames_extend_verbs_of_another_role():
    lists = lexicon.load_lexicon()
    frames = lists["verb_frames"]
    own = {"infinitive": "intent", "object": "judgement"}
    for frame, words in frames.items():
        for word in words:
            role = lexicon.role_of(word)
            assert role is not None, f"{word!r} takes the {frame} frame but has no role"
            assert role not in ("not_cue", own[frame]), f"{word!r}: the {frame} frame with role {role}"
    assert set(frames) == set(lexicon.FRAMES) and set(own) == set(frames)


def test_verbs_that_are_not_cues_are_never_looked_up_as_cues():
    cues = (lexicon.SPEECH_VERBS | lexicon.BELIEF_VERBS | lexicon.INTENT_VERBS | lexicon.NP_CUE_VERBS
            | lexicon.DENIAL_VERBS | lexicon.EVIDENTIAL_VERBS | {verb for verb, _ in lexicon.PREP_CUES})
    assert not lexicon.NOT_CUES & cues
    assert {"want", "prove"} <= cues and "mean" in lexicon.NOT_CUES


def test_statement_and_denial_nouns_are_apart():
    assert not lexicon.STATEMENT_NOUNS & lexicon.DENIAL_NOUNS
    assert all(len(p) == 2 for p in lexicon.DENIAL_PHRASES)
