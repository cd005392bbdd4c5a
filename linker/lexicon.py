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
#: The classes of general English (not words seen in one data set): adjectives of
#: falsity (false, untrue, groundless, spurious ...), nouns for a false story (hoax, myth,
#: canard, falsehood ...), dismissive nouns for what was said (nonsense, hogwash ...), and
#: participles of forging (fabricated, doctored, staged ...).
FALSITY = frozenset("""
false falsely untrue bogus phony phoney fake faked sham spurious fictitious fictional made-up
baseless unfounded groundless unsubstantiated inaccurate incorrect erroneous misleading
hoax hoaxer myth lie lies lied liar falsehood untruth fabrication fiction canard fairytale
misinformation disinformation libel fakery forgery scam fraud fraudulent prank spoof parody
satire satirical troll
nonsense rubbish hogwash bunk bullshit bs baloney balderdash poppycock malarkey claptrap hokum
codswallop tripe twaddle
fabricate fabricated photoshopped doctored debunk debunked disproven discredited
""".split())
#: Verbs that refute what they take as object ("DHS debunks the report", "rebuffs the
#: claim that P"): their subject refutes, their object is judged false.
REFUTING_VERBS = frozenset("debunk refute rebut rebuff disprove discredit belie".split())
#: Multi-word judgements of falsity, matched on lower-cased text and on lemmas.
FALSITY_PHRASES = ("not true", "no truth", "no evidence", "not real", "made up", "pants on fire",
                   "never happened", "did not happen", "didn't happen", "not the case", "put to rest",
                   "set the record straight", "no basis", "without basis", "not accurate", "not correct",
                   "urban legend", "fairy tale", "tall tale", "never take place", "never occur",
                   "do not take place", "do not occur", "fake news", "too good to be true")
#: Phrasal verbs of invention, with a pronoun or a story noun as object: "made it all
#: up", "cooked up the story" ("make up 20 percent" counts, it does not invent).
INVENT_PHRASES = frozenset({("make", "up"), ("cook", "up"), ("dream", "up"), ("trump", "up")})
#: Verbs that end a rumour: "kills the rumor", "put the rumours to rest", "dispels the myth".
DISMISS_VERBS = frozenset("kill quash squash dispel scotch bust put end debunk deflate explode mock ridicule "
                          "lampoon".split())
#: Phrasal dismissals of a rumour or report: "laughs off the reports".
DISMISS_PHRASES = frozenset({("laugh", "off"), ("shrug", "off"), ("brush", "off"), ("shoot", "down"),
                             ("knock", "down"), ("slap", "down")})
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
