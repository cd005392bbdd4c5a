"""Word lists the linker's features and signals use. Lemmas, lower case."""

from __future__ import annotations

ENTITY_LABELS = ("GPE", "LOC", "ORG", "PERSON", "NORP", "FAC", "EVENT", "PRODUCT", "WORK_OF_ART")
#: Nouns for armed or official bodies whose owner is the party ("Moscow's forces").
FORCE_NOUNS = frozenset("forces force troops army military soldiers units fighters government "
                        "officials authorities militia rebels navy".split())
#: Verbs and their frame values. "take control", "capture X" -> control by the subject.
CONTROL_VERBS = frozenset("capture seize take occupy retake recapture liberate hold control "
                          "conquer overrun gain regain retain keep maintain have remain establish".split())
LOSE_CONTROL = frozenset("lose cede surrender abandon withdraw retreat".split())
DEAD = frozenset("kill die dead death assassinate execute murder slay".split())
ALIVE = frozenset("alive survive live living".split())
#: Words that call a claim or story false. A judgement of falsity is a denial without a
#: denier: "Banksy arrest story is a hoax".
FALSITY = frozenset("""
hoax hoaxer fake false falsely untrue bogus myth debunk debunked satire satirical fabricate
fabricated fabrication lie lies lied liar nonsense phony phoney scam prank spoof parody
photoshopped doctored baseless unfounded misleading fiction fictional fraud fraudulent
rubbish hogwash bunk bullshit bs inaccurate erroneous misinformation disinformation troll
""".split())
#: Multi-word judgements of falsity, matched on lower-cased text.
FALSITY_PHRASES = ("not true", "no truth", "no evidence", "not real", "made up", "pants on fire",
                   "never happened", "did not happen", "didn't happen", "not the case", "put to rest",
                   "set the record straight")
#: Verbs that end a rumour: "kills the rumor", "put the rumours to rest", "dispels the myth".
DISMISS_VERBS = frozenset("kill quash squash dispel scotch bust put end debunk deflate explode".split())
RUMOR_NOUNS = frozenset("rumor rumour rumors rumours myth report reports claim claims story".split())
#: Predicates that exclude each other: one asserted against the other is a contradiction.
ANTONYMS = {"dead": "alive", "alive": "dead", "guilty": "innocent", "innocent": "guilty",
            "win": "lose", "lose": "win", "open": "close", "close": "open", "confirm": "deny",
            "true": "false", "increase": "decrease", "decrease": "increase", "rise": "fall", "fall": "rise"}
#: Verbs that report a state without asserting it ("believed dead", "rumoured to be").
REPORTED = frozenset("believe think report rumor rumour say claim allege fear suspect presume".split())
#: Modal hedges: "may be a hoax" judges nothing.
HEDGES = frozenset("may might could possibly perhaps maybe whether if".split())
#: Verbs too light to carry a claim's polarity.
LIGHT_VERBS = frozenset("be have do say get go make take come give seem become tell know think "
                        "want use see look need".split())
APPROVE = frozenset("approve pass accept sign ratify adopt endorse authorize authorise".split())
REJECT = frozenset("reject veto block refuse deny oppose strike overturn".split())

#: Nouns and verbs of doubt: "experts cast doubt on the claim", "NASA questions whether P".
DOUBT = frozenset("doubt doubtful skeptical sceptical dubious".split())

#: Nouns a falsity adjective can judge: "fake report", "doctored photo". "fake passports"
#: judges the passports, not the story.
STORY_NOUNS = frozenset("story report news claim claims rumor rumour photo picture image video footage "
                        "tweet account quote quotes article post headline site website letter document "
                        "statement interview alarm".split())
#: Prepositions under which a falsity noun is not the text's judgement ("furious at the lie").
ASIDE_PREPS = frozenset("at to over about for with from in on into after by".split())


#: Lemmas that one polarity test should treat as one predicate.
SYNONYMS = {"kill": "dead", "die": "dead", "death": "dead", "murder": "dead", "dead": "dead",
            "arrest": "arrest", "detain": "arrest", "detention": "arrest", "capture": "arrest",
            "steal": "steal", "theft": "steal", "stolen": "steal"}


def pred_key(lemma: str) -> str:
    return SYNONYMS.get(lemma, lemma)


#: Verbs that withdraw or reverse an earlier plan, deal, post or decision.
REVERSAL_VERBS = frozenset("""
withdraw cancel scrap reverse retract rescind revoke quit resign halt postpone
shelve axe ditch terminate
""".split())
#: Phrasal reversals: (verb lemma, particle).
REVERSAL_PHRASES = frozenset({("back", "out"), ("pull", "out"), ("step", "down"), ("call", "off"),
                              ("walk", "away"), ("drop", "out"), ("back", "away"), ("pull", "back"),
                              ("back", "down"), ("bow", "out")})


#: Nouns for what can be true or false: a denial of one of these refutes a statement
#: ("denied Gerasimov's claims"); a denial of anything else rejects an offer, plan or
#: action ("rejected Trump's offer", "challenged the rules").
DENIABLE_NOUNS = frozenset("""
claim statement assertion allegation accusation report remark comment suggestion contention charge
testimony rumor rumour story account notion idea characterization characterisation portrayal
""".split())
