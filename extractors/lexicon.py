"""Word lists the claim rules use. Lemmas, lower case.

The lexicon is only half of cue detection: news writing uses hundreds of reporting verbs,
so :mod:`claimlink.extractors.claims` also accepts any verb whose clausal complement has a subject of
its own (``X warned/signalled/vowed [that] Y did Z``), which is the dependency signature of
reported speech and thought whatever the verb. The lists here add what that pattern cannot
see (cues whose content is a quote, a noun phrase or comes before the cue) and decide stance.
"""

#: Verbs of saying and reporting. A verb here is a cue even when its content is a quote,
#: a colon or a clause before it (", the official said").
SPEECH_VERBS = frozenset("""
say tell add announce state claim assert report write tweet post insist argue note explain
declare confirm reveal acknowledge admit allege warn stress emphasize emphasise predict
promise vow pledge suggest recall respond reply answer comment remark testify conclude
observe point maintain contend charge accuse complain concede speculate estimate indicate
signal hint disclose inform quip joke boast brag lament urge caution mention agree
question ask wonder suspect describe call repeat reiterate affirm proclaim assure
announce counter retort shout yell whisper mutter exclaim cry tout praise criticize
criticise blast slam decry condemn acknowledge recount relay convey inform order
""".split())

#: Verbs of belief and knowledge. PolNeAR annotates these as attributions too ("X thinks P").
BELIEF_VERBS = frozenset("""
think believe feel know expect hope fear worry doubt understand learn find figure guess
assume presume reckon consider imagine realize realise recognize recognise conclude
decide determine show demonstrate prove mean imply
""".split())

#: Verbs of intent and appeal whose content is an infinitive ("X wants to P",
#: "X urged Y to P", "X called for P").
INTENT_VERBS = frozenset("""
want plan pledge promise vow vote agree decline refuse intend aim seek propose threaten
urge ask call demand push encourage press offer hope expect wish prefer insist
""".split())

#: Verbs whose noun-phrase object is what the subject asserts or judges ("X cited P",
#: "X called Y a liar", "X criticized P"). Their content is the object.
NP_CUE_VERBS = frozenset("""
call cite criticize criticise attack blast slam praise describe defend support oppose
back endorse condemn denounce decry demand tout mention acknowledge announce propose
question dispute reject deny dismiss accuse blame credit label brand characterize
characterise welcome applaud hail reveal confirm report recommend advocate champion
predict promise pledge warn chant sing tweet
""".split())

#: Verbs whose subject rejects the content or a claim. The claim they head gets stance
#: ``denies``; their object ("Gerasimov's claims", "reports that P") names the target.
DENIAL_VERBS = frozenset("""
deny reject dismiss refute rebut rebuff dispute debunk contradict disavow repudiate disprove
contest challenge discredit
""".split())

#: Phrasal denials: (verb lemma, particle).
DENIAL_PHRASES = frozenset({("rule", "out"), ("push", "back"), ("shoot", "down"), ("knock", "down")})

#: Nouns that name a statement. As a cue: "X's claim that P", "a statement from X".
#: As the object of a denial: "denied X's claims".
STATEMENT_NOUNS = frozenset("""
claim statement assertion allegation accusation report announcement remark comment
suggestion argument insistence contention charge testimony rumor rumour story
account view belief warning promise pledge prediction position assessment
""".split())

#: Nouns that name a denial: "X's denial that P".
DENIAL_NOUNS = frozenset("denial rejection rebuttal refutation dismissal".split())

#: Verbs that take a clause but do not report anything (control, perception of events,
#: modality). The dependency pattern ignores them.
NOT_CUES = frozenset("""
be have do make let see hear watch help get go come take give keep seem appear ensure
mean cause want need try like love hate begin start continue stop remain become look
sound happen turn prove depend wait
""".split())

#: Honorifics and ranks stripped from names to get a canonical speaker name.
HONORIFICS = frozenset("""
mr mrs ms miss dr prof sir dame gen general lt col maj capt sgt adm rep sen gov pres
president senator representative governor minister secretary ambassador rev fr pope
king queen prince princess sheikh lord lady judge justice chancellor premier mayor
mr. mrs. ms. dr. prof. gen. lt. col. maj. capt. sgt. adm. rep. sen. gov. rev. fr. st.
""".split())

#: Pronouns that refer back to a speaker named earlier.
PERSON_PRONOUNS = frozenset("he she him her his hers i me we us".split())
THING_PRONOUNS = frozenset("it they them its their".split())

#: Heads of descriptions that refer back to a named speaker ("the official", "the minister").
DESCRIPTION_HEADS = frozenset("""
official spokesman spokeswoman spokesperson minister president secretary ambassador
general commander chief leader senator governor candidate nominee lawmaker congressman
congresswoman representative envoy diplomat adviser advisor aide director newspaper paper
agency ministry department campaign company firm group report statement
""".split())
