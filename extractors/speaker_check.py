"""Is this a speaker? One predicate for every place a speaker name is judged.

A speaker is a person, an organisation, a group of people or a document (a poll, a
report, a filing). Page furniture and parse debris are not:

- ``dateline``: the place line that opens a story ("PHILADELPHIA —", "WASHINGTON (AP)");
- ``note``: editor's notes, bylines, corrections, photo and video credits;
- ``qa_marker``: the "Q" and "A" of an interview transcript;
- ``section``: section and rubric labels ("Opinion", "Analysis", "Live updates");
- ``fragment``: a piece of a clause, not a noun phrase naming someone ("hands clasped in
  a paisley-print chair", "predict of Democratic", "Trump v. Trump");
- ``generic_place``: a place standing for everyone ("America", "the world");
- ``cue_in_name``: a reporting verb fused into the name ("Schumer tweeted");
  :func:`repair_name` removes it, so this is only reported for names that were not repaired.

:func:`speaker_problem` reads strings only (the name, and when known the mention, its
sentence and the entity label), so the same rules judge a claim at extraction time and a
claim already in the store (``claimlink eval speakers``). Claim extraction calls it in one
place, :func:`claimlink.extractors.speaker_identity.settle_speakers`, right after speaker
resolution: a claim whose speaker fails is kept with no speaker rather than a wrong one.
"""

from __future__ import annotations

import re

DATELINE, NOTE, QA_MARKER, SECTION = "dateline", "note", "qa_marker", "section"
FRAGMENT, GENERIC_PLACE, CUE_IN_NAME, EMPTY = "fragment", "generic_place", "cue_in_name", "empty"
#: The problems that are page furniture rather than a misread speaker.
FURNITURE = frozenset({DATELINE, NOTE, QA_MARKER, SECTION})

#: Interview transcript markers.
QA_WORDS = frozenset("q a q. a. question answer interviewer q&a".split())
#: Openings of bylines, credits and editor's notes (lower case, apostrophes straightened).
NOTE_OPENINGS = ("editor's note", "editors' note", "editors note", "note:", "by ", "reporting by",
                 "additional reporting", "contributing", "read more", "related:", "click here", "follow us",
                 "sign up", "subscribe to")
#: Whole names that are a note or a credit, not a speaker.
NOTE_NAMES = frozenset("note correction corrections clarification update updated disclosure disclaimer photo "
                       "photos image images video advertisement credit credits byline".split())
_EDITOR_NOTE = re.compile(r"\beditors?'?s?'? note\b|\bphoto credit\b|\bcontributed (?:to )?(?:this )?report")
#: Rubrics and section labels a page prints above or inside a story.
SECTION_LABELS = frozenset("""
opinion analysis commentary politics business sports entertainment breaking live exclusive
transcript trending featured sponsored newsletter headlines
""".split()) | {"live updates", "breaking news", "top stories", "news analysis", "full transcript",
                "the latest", "what we know", "fact check", "reality check", "related coverage"}
#: Places that stand for everyone when they speak or believe.
GENERIC_PLACES = frozenset({"america", "world", "the world", "the country", "country", "the nation", "nation",
                            "the west", "earth", "everywhere"})
#: Words that may stand lower-case inside a name ("Department of Justice", "Ludwig van
#: Beethoven", "Council on Foreign Relations").
CONNECTORS = frozenset("of the for and on in at to de del della di da du des la le van von der den al el bin ibn "
                       "y e und &".split())
#: Reporting verbs the parser sometimes takes into a name ("Limbaugh continued"). Only
#: past tenses and "says": "notes", "claims" or "states" end real names.
FUSED_CUES = frozenset("""
said says told tweeted wrote added continued noted argued explained insisted claimed asked replied
responded stated declared announced warned suggested predicted recalled acknowledged admitted contended
countered posted retorted quipped joked boasted complained charged alleged maintained
""".split())
#: Adverbs that may stand between a fused name and its verb ("Pat Doe once said").
_CUE_ADVERBS = frozenset("then also once later again recently previously earlier still just".split())
#: Heads of descriptions that name a speaker: people, groups, bodies and documents.
SPEAKER_NOUNS = frozenset("""
official officials source sources spokesman spokeswoman spokesperson spokespeople aide aides adviser advisers
advisor advisors staffer staffers person people man men woman women voter voters supporter supporters
critic critics expert experts analyst analysts observer observers strategist strategists operative
operatives insider insiders member members leader leaders lawmaker lawmakers legislator legislators
senator senators congressman congresswoman representative representatives governor governors mayor
president candidate candidates nominee nominees rival rivals opponent opponents ally allies friend
friends colleague colleagues official executive executives director directors chairman chairwoman chair
manager managers employee employees worker workers resident residents citizen citizens american americans
democrat democrats republican republicans conservative conservatives liberal liberals progressive
progressives activist activists protester protesters protestor demonstrator demonstrators student
students teacher teachers parent parents mother father son daughter wife husband family families
lawyer lawyers attorney attorneys prosecutor prosecutors judge judges justice justices court
investigator investigators detective police officer officers agent agents diplomat diplomats envoy
ambassador minister ministers secretary secretaries commander commanders general generals soldier
soldiers veteran veterans delegate delegates donor donors fundraiser economist economists scientist
scientists researcher researchers professor professors scholar scholars historian historians pollster
pollsters journalist journalists reporter reporters correspondent columnist columnists editor editors
writer writers author authors commentator commentators pundit pundits host hosts anchor blogger
bloggers witness witnesses victim victims survivor survivors fan fans follower followers
clergy pastor priest bishop rabbi imam doctor doctors nurse nurses physician physicians
government administration agency agencies department ministry ministries office committee
committees commission council board panel party parties campaign campaigns group groups
organization organisation organizations organisations association union unions coalition company
companies firm firms corporation bank banks network networks newspaper newspapers paper magazine
outlet outlets station channel team teams staff staffs army military navy force forces troops
authority authorities institute foundation center centre university universities school schools
church congress senate house parliament legislature majority minority caucus delegation
leadership establishment movement electorate public crowd audience jury panelists poll polls survey
surveys study studies report reports filing filings memo memos letter letters document documents
statement statements lawsuit complaint ruling ad ads advertisement editorial editorials analysis
review reviews article articles book books website site blog post tweet tweets record records
data figures estimate estimates projection projections forecast model census audit indictment
affidavit motion brief transcript email emails results findings count tally returns platform court courts
suit suits tycoon mogul billionaire millionaire businessman businesswoman entrepreneur founder owner owners ceo
boss head heads chief chiefs nominee frontrunner front-runner hopeful hopefuls contender contenders incumbent
challenger challengers official spokesmen secretary adversary adversaries emissary emissaries dignitaries
missionary missionaries beneficiary beneficiaries functionary functionaries luminaries visionary notary crowd crowds gathering protesters mob regime kremlin white pentagon
those polling briefing ruling filing filings disclosure disclosures testimony cable cables minutes papers
""".split())
#: Endings of nouns that name people by what they do ("organizer", "strategist",
#: "politician", "consultant", "resident", "nominee", "congressman").
_AGENT_NOUN = re.compile(r"(?:[^e]er|[^o]or|ist|ian|ant|ent|ee|man|men|ive|ives)s?$")
_NOT_AGENTS = frozenset("percent moment comment content event matter number order other others water paper "
                        "corner border letter favor labor majority part factor factors sector sectors power "
                        "firepower manpower horsepower tower motor vector error errors incident incidents accident "
                        "accidents".split()) - SPEAKER_NOUNS
#: Quantifiers that head a share of something ("Most of Ohio"): a speaker only when what
#: they count is people ("Most of the delegates").
QUANTIFIERS = frozenset("most many some all few several both each none any much more half other others".split())
#: Pronouns and relative words: they stand for a speaker, they do not name one.
PRONOUNS = frozenset("i me we us you he him she her it they them this that".split())
#: Relative words open a clause, never a name ("whose organization").
RELATIVES = frozenset("who whom whose which what whoever whichever".split())
_PRO_ANTI = re.compile(r"^(?:pro|anti|non|ex)-\w+$", re.I)
#: A dateline with its state or country: "SPRINGFIELD, Ill.", "LITTLE ROCK, Ark".
_CITY_STATE = re.compile(r"^[A-Z][A-Z .'-]{3,}, [A-Z][a-z]{1,12}\.?$")
#: Page furniture glued into one word: "FlagShareLikeReply".
_GLUED_WORDS = re.compile(r"\w*?(?:[a-z][A-Z]\w*?){3}")
_ALL_CAPS = re.compile(r"^[A-Z][A-Z .,'’&-]*[A-Z.]$")
_DATELINE_TAIL = re.compile(r"^\s*(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s*)?(?:\([A-Za-z .]+\)\s*)?[—–―-]")
_AGENCY_DATELINE = re.compile(r"^\s*(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s*)?\([A-Z][A-Za-z. ]{1,20}\)\s*[—–―-]")
_DAY = re.compile(r"^(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Yester|To)day|Tonight|Tomorrow)$", re.I)
_WORD = re.compile(r"[\w'’.&-]+")
#: A transcript marker glued to the first word of the answer ("QWhy", "AWell").
_GLUED_QA = re.compile(r"^[QA][A-Z][a-z]+$")
#: Numbers and shares: "Two in three", "Nine of them" count people without naming them.
NUMBER_WORDS = frozenset("""one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty
hundred hundreds thousand thousands million millions dozen dozens half third thirds quarter percent
""".split())
_CASE_NAME = re.compile(r"\s(?:v\.|vs\.?|versus)\s")
#: Capitalised inside a name, these words mark a headline in title case, not a name
#: ("Senator Says He Will Run"): names write them in lower case, when at all.
HEADLINE_WORDS = frozenset("To Is Are Was Were Says Said Will Would Could Should Can Has Have Had Does Did "
                           "Gets Wants Slams Blasts Calls Warns Vows".split())
#: Words that open a clause or an exclamation, never a speaker ("No wonder ...").
_OPENERS = frozenset("no not yes so well oh clearly surely perhaps maybe indeed".split())
_DETERMINERS = frozenset("a an the".split())
_HEAD_STOP = frozenset("of in at from with close familiar who that which for on to about near among "
                       "inside outside within under over by as".split())


def speaker_problem(name: str | None, *, mention: str | None = None, sentence: str | None = None,
                    label: str | None = None) -> str | None:
    """Why ``name`` is not a speaker (one of the codes above), or None when it is one.

    ``mention`` is the text the sentence has for the speaker, ``sentence`` the sentence
    it stands in and ``label`` its entity label; each helps when given."""
    clitic = (name or "").strip().replace("’", "'").lower().startswith("'s ")
    text = (name or "").strip(" ,;:\"'“”‘’")
    if not re.search(r"[A-Za-z]", text):
        return EMPTY
    low = text.lower().replace("’", "'")
    words = _WORD.findall(text)
    if low in QA_WORDS or (len(words) == 1 and len(words[0].strip(".")) == 1) or _GLUED_QA.match(text):
        return QA_MARKER if low.strip(".") in ("q", "a") or low in QA_WORDS or _GLUED_QA.match(text) else FRAGMENT
    if low.startswith(NOTE_OPENINGS) or _EDITOR_NOTE.search(low) or low.rstrip(":") in NOTE_NAMES \
            or (clitic and low.endswith(" note")):
        return NOTE
    if clitic:
        return FRAGMENT  # the rest of a possessive whose owner was cut off
    if text[:1].isupper() and (low in SECTION_LABELS or low.removeprefix("the ") in SECTION_LABELS):
        return SECTION
    if _is_dateline(text, mention, sentence, label) or _CITY_STATE.match(text):
        return DATELINE
    if low in GENERIC_PLACES:
        return GENERIC_PLACE
    if _DAY.match(text):
        return FRAGMENT  # "Wednesday added one more development": a date does not speak
    if len(words) > 1 and (words[-1] in FUSED_CUES or _inner_cue(words) is not None):
        return CUE_IN_NAME
    if low in PRONOUNS or low in QUANTIFIERS or words[0].lower() in RELATIVES or words[-1].lower() in RELATIVES or _PRO_ANTI.match(text) or _group_then_name(words):
        return FRAGMENT
    if _CASE_NAME.search(text) or any(w in HEADLINE_WORDS for w in words[1:]) or _GLUED_WORDS.match(text):
        return FRAGMENT
    if len(words) > 1 and (words[0].lower() in _OPENERS and not words[1][:1].isupper()
                           or any(w.lower() in _DETERMINERS for w in words[1:2])):
        return FRAGMENT
    if _is_fragment(words):
        return FRAGMENT
    return None


def is_speaker(name: str | None, **context) -> bool:
    """``speaker_problem(name, **context) is None``."""
    return speaker_problem(name, **context) is None


_LEADING_DASH = re.compile(r"^[-–—―]+\s*")
_ASIDE = re.compile(r",\s+(?:who|whose|which|that|whom|including|like)\b.*$|,.*$")


def _group_then_name(words: list[str]) -> bool:
    """"Republicans Jolly": a plural group word run into a name (a list cut short)."""
    return len(words) == 2 and words[1][:1].isupper() and words[0].lower().endswith("s") \
        and words[0].lower() in SPEAKER_NOUNS


def _inner_cue(words: list[str]) -> int | None:
    """Index of a lower-case reporting verb right after a capitalised word ("Pat Doe told
    Channel 4"), or None."""
    for i in range(1, len(words)):
        if words[i] in FUSED_CUES and words[i - 1][:1].isupper():
            return i
    return None


#: Words that open a sentence before a name ("And Pat Doe said").
_LEADING_WORDS = frozenset("and but so then yet or".split())
_PAST_VERB = re.compile(r"^[a-z]{3,}ed$")


def repair_name(name: str | None) -> str | None:
    """A name with a reporting verb fused onto it loses the verb and what follows ("Pat
    Doe tweeted", "Pat Doe once said", "Pat Doe told Channel 4" -> "Pat Doe"); a leading
    dash goes ("-Pat Doe"), and a description ends at its first comma ("a lawmaker, who
    represents ..." -> "a lawmaker"). Other names come back unchanged."""
    if not name:
        return name
    name = _LEADING_DASH.sub("", name)
    if "," in name and name[:1].islower():
        # a description ends where a relative clause or an aside begins ("a woman, who ...")
        name = _ASIDE.sub("", name)
    words = name.split()
    cap = next((i for i, w in enumerate(words) if w[:1].isupper()), None)
    if cap and all(w.lower() not in CONNECTORS | _HEAD_STOP for w in words[:cap + 1]) and \
            all(w[:1].isupper() or w.lower() in CONNECTORS for w in words[cap:]):
        words = words[cap:]  # "dynamic Pat Doe", "rapper Pat Doe": the name is what is capitalised
        name = " ".join(words)
    if len(words) > 2 and words[0].lower() == "according" and words[1].lower() == "to":
        words = words[2:]  # "According to Pat Doe": the cue opens the mention
        name = " ".join(words)
    while len(words) > 1 and (words[0].lower() in _LEADING_WORDS or words[0].lower() in FUSED_CUES
                              and words[0].endswith("ed")) and words[1][:1].isupper():
        words = words[1:]  # "Continued Pat Doe: ...", "And Pat Doe": the name follows
        name = " ".join(words)
    if len(words) > 1 and _PAST_VERB.match(words[-1]) and all(w[:1].isupper() for w in words[:-1]):
        words = words[:-1]  # "Pat Doe gloated: ...": a lower-case past tense after the name
        name = " ".join(words)
    at = _inner_cue(words)
    if at is not None:
        return " ".join(words[:at]).rstrip(",")
    if len(words) < 2 or words[-1].strip(".,") not in FUSED_CUES:
        return name
    words.pop()
    while len(words) > 1 and words[-1].lower() in _CUE_ADVERBS:
        words.pop()
    return " ".join(words).rstrip(",") if words[-1][:1].isupper() else name


#: People and groups of people that no agent-noun ending shows.
_PEOPLE_WORDS = frozenset("""aide aides staff staffs team teams campaign campaigns friend friends son sons daughter
daughters wife husband family families mother father brother sister people official officials chief chiefs head
heads boss ally allies spokesman spokeswoman spokesperson spokesmen rep reps counsel associate associates agency
agencies administration office offices government""".split())


def names_people(noun: str) -> bool:
    """Does the common noun ``noun`` name a person or a group of people ("executive",
    "ambassador", "lawyers", "team"), rather than a thing or a document?"""
    h = noun.lower()
    return h in _PEOPLE_WORDS or (bool(_AGENT_NOUN.search(h)) and h not in _NOT_AGENTS
                                  and h not in ("report", "reports", "paper", "papers", "letter", "letters"))


def _is_dateline(text: str, mention: str | None, sentence: str | None, label: str | None) -> bool:
    """An all-capitals place that opens its sentence before a dash ("PHILADELPHIA —"), or,
    without that context, an all-capitals place name. A transcript's speaker label
    ("JANE ROE:") and acronyms ("NATO", "CNN", "ISIS") are speakers."""
    if sentence and mention is not None and sentence.find(mention.strip()) in (0, 1, 2, 3) and \
            _AGENCY_DATELINE.match(sentence[sentence.find(mention.strip()) + len(mention.strip()):]):
        return True  # "Washington (AFP) -": a place and a news agency before a dash
    if not _ALL_CAPS.match(text) or sum(ch.isalpha() for ch in text) < 4:
        return False
    if sentence:
        lead = (mention or text).strip()
        at = sentence.find(lead)
        if 0 <= at <= 3:
            rest = sentence[at + len(lead):]
            if _DATELINE_TAIL.match(rest):
                return True
            if rest.lstrip().startswith(":"):
                return False
    if label in ("GPE", "LOC", "FAC"):
        return True
    if label is not None:
        return False
    return " " not in text.strip() and sum(ch.isalpha() for ch in text) >= 7


def _is_fragment(words: list[str]) -> bool:
    """A name whose words are not all capitalised (connectors aside) must be a description
    headed by a speaker noun ("senior administration official", "general staff of
    Ukraine"); anything else is a piece of a clause."""
    if all(w[:1].isupper() or w[:1].isdigit() or w.lower() in CONNECTORS for w in words):
        if len(words) > 1 and words[0].lower() in NUMBER_WORDS | QUANTIFIERS and words[1].lower() in CONNECTORS:
            return True  # "Nine of Democratic": a count, not a name
        return words[0].lower() in CONNECTORS - {"the", "al", "el", "de", "van", "von", "di", "da", "du", "la",
                                                  "le", "bin", "ibn"}
    head = None
    for w in words:
        # the head noun ends before a preposition, a relative word or a participle
        # ("disclosures filed on Friday", "people familiar with the talks")
        if w.lower() in _HEAD_STOP or (head is not None and w.lower().endswith("ed")):
            break
        head = w
    if head is None:
        return True
    h = head.lower().strip(".,'’").removesuffix("'s").removesuffix("’s")
    if h in NUMBER_WORDS or h.isdigit():
        return True
    if h in SPEAKER_NOUNS or head[:1].isupper():
        return False
    return h in _NOT_AGENTS or h.endswith(("ment", "ments")) or not _AGENT_NOUN.search(h)
