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
#: Openings of editor's notes, bylines, credits and corrections (lower case, apostrophes
#: straightened). A name that starts with one of these is a note, not a speaker.
NOTE_OPENINGS = ("editor's note", "editors' note", "editors note", "editor’s note", "note:", "correction",
                 "clarification", "update:", "updated", "disclosure", "disclaimer", "by ", "reporting by",
                 "additional reporting", "contributing", "photo", "image", "video:", "watch:", "listen:",
                 "read more", "related:", "advertisement", "click here", "subscribe", "follow us", "sign up")
_EDITOR_NOTE = re.compile(r"\beditors?'?s?'? note\b|\bphoto credit\b|\bcontributed (?:to )?(?:this )?report")
#: Rubrics and section labels a page prints above or inside a story.
SECTION_LABELS = frozenset("""
opinion analysis commentary politics business sports entertainment breaking live exclusive
transcript trending featured sponsored newsletter share tweet comments headlines
""".split()) | {"live updates", "breaking news", "top stories", "news analysis", "full transcript",
                "the latest", "what we know", "fact check", "reality check", "related coverage"}
#: Places that stand for everyone when they speak or believe.
GENERIC_PLACES = frozenset({"america", "world", "the world", "the country", "country", "the nation", "nation",
                            "the west", "earth", "everywhere"})
#: Words that may stand lower-case inside a name ("Department of Justice", "Ludwig van
#: Beethoven", "Council on Foreign Relations").
CONNECTORS = frozenset("of the for and on in at to de del della di da du des la le van von der den al el bin ibn "
                       "y e und &".split())
#: Reporting verbs the parser sometimes takes into a name ("Limbaugh continued").
FUSED_CUES = frozenset("""
said says say told tells tweeted tweets wrote writes added adds continued continues noted notes argued
argues explained explains insisted insists claimed claims asked asks replied replies responded responds
stated states declared declares announced announces warned warns suggested suggests predicted predicts
recalled recalls acknowledged acknowledges admitted admits contended contends countered counters
posted posts retorted quipped joked boasted complained charged alleged maintained maintains
""".split())
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
affidavit motion brief transcript email emails
""".split())
_ALL_CAPS = re.compile(r"^[A-Z][A-Z .,'’&-]*[A-Z.]$")
_DATELINE_TAIL = re.compile(r"^\s*(?:,\s*[A-Z][\w.]*(?:\s+[A-Z][\w.]*)?\s*)?(?:\([A-Za-z .]+\)\s*)?[—–―-]")
_WORD = re.compile(r"[\w'’.&-]+")
_CASE_NAME = re.compile(r"\b(?:v\.|vs\.?|versus)\s", re.I)
_HEAD_STOP = frozenset("of in at from with close familiar who that which for on to about near among "
                       "inside outside within under over by as".split())


def speaker_problem(name: str | None, *, mention: str | None = None, sentence: str | None = None,
                    label: str | None = None) -> str | None:
    """Why ``name`` is not a speaker (one of the codes above), or None when it is one.

    ``mention`` is the text the sentence has for the speaker, ``sentence`` the sentence
    it stands in and ``label`` its entity label; each helps when given."""
    text = (name or "").strip(" ,;:\"'“”‘’")
    if not re.search(r"[A-Za-z]", text):
        return EMPTY
    low = text.lower().replace("’", "'")
    words = _WORD.findall(text)
    if low in QA_WORDS or (len(words) == 1 and len(words[0].strip(".")) == 1):
        return QA_MARKER if low.strip(".") in ("q", "a") or low in QA_WORDS else FRAGMENT
    if low.startswith(NOTE_OPENINGS) or _EDITOR_NOTE.search(low):
        return NOTE
    if low in SECTION_LABELS or low.removeprefix("the ") in SECTION_LABELS:
        return SECTION
    if _is_dateline(text, mention, sentence, label):
        return DATELINE
    if low in GENERIC_PLACES:
        return GENERIC_PLACE
    if len(words) > 1 and words[-1].lower() in FUSED_CUES:
        return CUE_IN_NAME
    if _CASE_NAME.search(text):
        return FRAGMENT
    if _is_fragment(words):
        return FRAGMENT
    return None


def is_speaker(name: str | None, **context) -> bool:
    """``speaker_problem(name, **context) is None``."""
    return speaker_problem(name, **context) is None


def repair_name(name: str | None) -> str | None:
    """A name with a reporting verb fused onto it loses the verb ("Schumer tweeted" ->
    "Schumer"); other names come back unchanged."""
    if not name:
        return name
    words = name.split()
    if len(words) > 1 and words[-1].lower().strip(".,") in FUSED_CUES and words[-2][:1].isupper():
        return " ".join(words[:-1]).rstrip(",")
    return name


def _is_dateline(text: str, mention: str | None, sentence: str | None, label: str | None) -> bool:
    """An all-capitals place word that opens its sentence before a dash, or that is too
    long and too place-like to be an acronym ("NATO", "CNN" and "ISIS" are speakers)."""
    if not _ALL_CAPS.match(text):
        return False
    letters = sum(ch.isalpha() for ch in text)
    if letters < 4:
        return False
    if sentence:
        lead = (mention or text).strip()
        at = sentence.find(lead)
        if 0 <= at <= 3 and _DATELINE_TAIL.match(sentence[at + len(lead):]):
            return True
    if label in ("ORG", "NORP", "PERSON") and " " not in text.strip():
        return False
    return label in ("GPE", "LOC", "FAC") or " " in text.strip() or letters >= 7


def _is_fragment(words: list[str]) -> bool:
    """A name whose words are not all capitalised (connectors aside) must be a description
    headed by a speaker noun ("senior administration official", "general staff of
    Ukraine"); anything else is a piece of a clause."""
    if all(w[:1].isupper() or w[:1].isdigit() or w.lower() in CONNECTORS for w in words):
        return words[0].lower() in CONNECTORS - {"the", "al", "el", "de", "van", "von", "di", "da", "du", "la",
                                                  "le", "bin", "ibn"}
    head = None
    for w in words:
        if w.lower() in _HEAD_STOP or w == ",":
            break
        head = w
    if head is None:
        return True
    h = head.lower().strip(".,'’").removesuffix("'s").removesuffix("’s")
    return not (h in SPEAKER_NOUNS or head[:1].isupper())
