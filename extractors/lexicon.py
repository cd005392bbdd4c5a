"""Word lists the claim rules use, read from ``lexicon.toml`` (lemmas, lower case).

The lexicon is only half of cue detection: news writing uses hundreds of reporting verbs,
so the rules also accept any verb whose clausal complement has a subject of its own
(``X warned/signalled/vowed [that] Y did Z``), which is the dependency signature of
reported speech and thought whatever the verb. The lists add what that pattern cannot see
(cues whose content is a quote, a noun phrase or comes before the cue) and decide stance.

Each verb has one *role* (speech, belief, intent, judgement, denial, evidential, not_cue); a *frame*
lets a verb of one role also take the content of another (an infinitive, an object). The
sets below are what the rules look up.
"""

from __future__ import annotations

import tomllib
from importlib.resources import files

ROLES = ("speech", "belief", "intent", "judgement", "denial", "evidential", "not_cue")
FRAMES = ("infinitive", "object")


def load_lexicon() -> dict[str, dict[str, list[str]]]:
    """The raw lists of ``lexicon.toml``, in written order (repeats kept, for the tests)."""
    raw = tomllib.loads(files(__package__).joinpath("lexicon.toml").read_text(encoding="utf-8"))
    return {table: {name: value.split() if isinstance(value, str) else list(value)
                    for name, value in entries.items()}
            for table, entries in raw.items()}


_LEX = load_lexicon()
_ROLE = {name: frozenset(_LEX["verb_roles"][name]) for name in ROLES}
_FRAME = {name: frozenset(_LEX["verb_frames"][name]) for name in FRAMES}

#: Verbs of saying and reporting: a cue even when the content is a quote, a colon or a
#: clause before it.
SPEECH_VERBS = _ROLE["speech"]
#: Verbs of belief and knowledge ("X thinks P").
BELIEF_VERBS = _ROLE["belief"]
#: Verbs whose content may be an infinitive or a for-phrase ("X wants to P", "X called for P").
INTENT_VERBS = _ROLE["intent"] | _FRAME["infinitive"]
#: Verbs whose noun-phrase object is the content ("X cited P", "X stressed his record",
#: "X offered support"): judgements, and every verb of speech or intent, whose object
#: names what was said or sought.
NP_CUE_VERBS = _ROLE["judgement"] | _ROLE["speech"] | INTENT_VERBS | _FRAME["object"]
#: Verbs whose subject rejects a claim: stance ``denies``.
DENIAL_VERBS = _ROLE["denial"]
#: Verbs of appearance: a claim with no speaker ("X seems ready", "it appears that P").
EVIDENTIAL_VERBS = _ROLE["evidential"]
#: Phrasal denials: (verb lemma, particle).
DENIAL_PHRASES = frozenset(tuple(p.split()) for p in _LEX["phrases"]["denial"])
#: Verbs whose content is a prepositional object: (verb lemma, preposition).
PREP_CUES = frozenset(tuple(p.split()) for p in _LEX["phrases"]["prepositional"])
#: Verbs that take a clause but report nothing; the dependency pattern ignores them.
NOT_CUES = _ROLE["not_cue"]
#: Nouns that name a statement ("X's claim that P") and a denial ("X's denial that P").
STATEMENT_NOUNS = frozenset(_LEX["nouns"]["statement"])
DENIAL_NOUNS = frozenset(_LEX["nouns"]["denial"])
#: Documents that speak in a headline of their own ("Poll: X leads").
DOCUMENT_NOUNS = frozenset(_LEX["nouns"]["document"])
#: Heads of descriptions that refer back to a named speaker ("the official").
DESCRIPTION_HEADS = frozenset(_LEX["nouns"]["description_heads"])
#: Honorifics and ranks stripped from names to get a canonical speaker name.
HONORIFICS = frozenset(_LEX["names"]["honorifics"])
#: Pronouns that refer back to a speaker named earlier.
PERSON_PRONOUNS = frozenset(_LEX["names"]["person_pronouns"])
THING_PRONOUNS = frozenset(_LEX["names"]["thing_pronouns"])


def role_of(lemma: str) -> str | None:
    """The one role of a verb lemma, or None when the lexicon does not list it."""
    return next((name for name in ROLES if lemma in _ROLE[name]), None)
