"""One key per real person or organisation, whatever form of the name an article wrote.

:func:`identity_key` is the canonical key a speaker is stored under. On top of
:func:`~claimlink.extractors.speakers.canonical_key` (case, accents, possessive, a leading
honorific) it removes, for people:

- titles and descriptions written before the name: "Sen. Ted Cruz", "Billionaire Donald
  Trump", "Republican presidential nominee Donald Trump" -> "ted cruz", "donald trump";
- a leading adverb the parser took into the name: "Certainly Donald Trump";
- one middle initial, as house styles add it: "Donald J. Trump" -> "donald trump".
  A cluster of initials stays ("George H.W. Bush" -> "george hw bush"): it is how the
  press tells father from son.

Generational suffixes stay ("Donald Trump Jr." is someone else) and :func:`surname` skips
them. :func:`resolve_in_article` gives a bare surname the full name the same article
wrote ("Trump" -> "Donald J. Trump"); when an article names two people of that surname,
the one named most recently before the claim wins, so a "Clinton" in a story about Bill
stays Bill's. Resolution across articles needs the store: :mod:`claimlink.models.speakers`.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from .headings import in_heading, named_in_body
from .person_names import is_first_name
from .text import doc_text

#: Words written before a person's name that are not part of it: honorifics, offices,
#: party and campaign labels, and the descriptions news style puts before a name.
TITLE_WORDS = frozenset("""
mr mrs ms miss mx dr prof sir dame gen general lt col colonel maj major capt captain sgt adm admiral
rep sen gov pres president senator representative congressman congresswoman governor
minister secretary ambassador rev reverend fr father pope king queen prince princess sheikh
lord lady judge justice chancellor premier mayor attorney speaker leader chairman chairwoman
chair commissioner director chief officer spokesman spokeswoman spokesperson sheriff
candidate nominee hopeful contender frontrunner front-runner challenger incumbent
former then ex late current outgoing incoming acting deputy vice assistant first
presidential vice-presidential gubernatorial senatorial congressional republican
democratic democrat gop independent libertarian conservative liberal progressive
billionaire millionaire businessman businesswoman mogul tycoon magnate developer
real-estate reality star host anchor pundit commentator columnist author writer
activist rapper singer actor actress comedian evangelist pastor bishop cardinal imam rabbi
president-elect vice-president-elect elect lawmaker strategist adviser advisor aide
tv reality-tv
""".split())
#: Generational suffixes: part of who someone is, never their surname.
SUFFIXES = frozenset("jr sr ii iii iv v".split())
#: Adverbs a sentence can open with before a name ("Certainly Donald Trump said").
_LY_ADVERB = re.compile(r"^[a-z]{3,}ly$")
_POSSESSIVE = re.compile(r"(?:['’]s|['’])$")
_INITIAL = re.compile(r"^[a-z]\.?$")


def _words(name: str) -> list[str]:
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _POSSESSIVE.sub("", text.strip().strip(" ,;:"))
    return re.findall(r"[\w'’.-]+", text)


@lru_cache(maxsize=200_000)
def identity_key(name: str | None, label: str | None = "PERSON") -> str | None:
    """The canonical key of a speaker name; None for an empty name.

    ``label`` is the entity label (PERSON, ORG, GPE, NORP or None). Titles, adverbs and
    middle initials are removed only for people (label PERSON): "General Staff" or
    "First Amendment Center" keep every word.
    """
    if not name:
        return None
    words = _words(name)
    if words and words[0].lower() == "the":
        words = words[1:]
    if label == "PERSON":
        # Leading titles and adverbs go while a capitalised word remains after them.
        while len(words) > 1 and _is_prefix(words[0]) and any(w[:1].isupper() for w in words[1:]):
            words.pop(0)
        if len(words) > 2 and not _INITIAL.match(words[0].lower()):
            words = [w for i, w in enumerate(words) if not (0 < i < len(words) - 1 and _INITIAL.match(w.lower()))]
    out = " ".join(w.strip(".").replace("’", "'").casefold().replace(".", "") for w in words if w.strip("."))
    return out or None


def _is_prefix(word: str) -> bool:
    low = word.lower().strip(".")
    return low in TITLE_WORDS or bool(_LY_ADVERB.match(low))


def surname(key: str | None) -> str | None:
    """The family name of a person key: its last word that is not a suffix."""
    if not key:
        return None
    words = [w for w in key.split() if w not in SUFFIXES]
    return words[-1] if words else None


def first_name(key: str | None) -> str | None:
    """The first word of a key of two or more words ("donald trump" -> "donald")."""
    words = (key or "").split()
    return words[0] if len(words) > 1 else None


def is_bare_surname(key: str | None) -> bool:
    """A one-word person key, such as "trump": who it is depends on context."""
    return bool(key) and " " not in key


def short_form(key: str | None) -> str | None:
    """First name and surname of a key with middle names ("hillary rodham clinton" ->
    "hillary clinton"), keeping a suffix; None when there is nothing to drop."""
    words = (key or "").split()
    suffix = [w for w in words if w in SUFFIXES]
    core = [w for w in words if w not in SUFFIXES]
    if len(core) < 3:
        return None
    return " ".join([core[0], core[-1]] + suffix)


def resolve_in_article(key: str, offset: int, full_names: list[tuple[int, str, str]]) -> tuple[str, str] | None:
    """The full name a bare surname ``key`` at character ``offset`` refers to.

    ``full_names`` are the article's person mentions with two or more words, as
    ``(offset, name as written, identity key)``. With one person of that surname, it is
    them; with several, the one named last before ``offset`` (or, when none is before it,
    the one named first after it). Returns (name, key) or None."""
    same = [(o, n, k) for o, n, k in full_names if surname(k) == key and k != key]
    if not same:
        return None
    people = {k for _, _, k in same}
    if len(people) == 1:
        o, n, k = max(same, key=lambda t: len(t[1]))
        return n, k
    before = [t for t in same if t[0] < offset]
    o, n, k = max(before) if before else min(same)
    return n, k


#: Entity labels of speakers that can be people (an unlabelled name may be one too).
_PERSONLIKE = ("PERSON", None)
#: Labels of names that are never a person's surname.
_PLACES = ("GPE", "LOC", "NORP", "FAC")


def settle_speakers(doc, claims: list) -> None:
    """The last step of speaker resolution: repair, vet and key each claim's speaker.

    Called once by claim extraction, right after
    :class:`~claimlink.extractors.speakers.SpeakerResolver`. For each claim:

    1. the name is repaired: words of a PERSON entity before its proper nouns go
       ("Certainly Donald Trump", "Telling Jeb Bush"), so does a reporting verb fused onto
       it ("Schumer tweeted"), and a name that ends with a full name the article gives
       is cut to it ("Billionaire Donald Trump" -> "Donald Trump");
    2. the name is judged by :func:`claimlink.extractors.speaker_check.speaker_problem`.
       When it fails, the mention itself is tried when it is a name; when that fails too,
       the claim keeps its mention (what the sentence says) but no speaker: no name, no
       key. A mention that is page furniture (a dateline, a note, a Q/A marker) goes too;
    3. the key becomes :func:`identity_key` of the name, and a bare surname takes the full
       name the article gives (:func:`resolve_in_article`; the mention decides, so a
       "Clinton" in a story about Bill stays Bill's).
    """
    from .speaker_check import FURNITURE, repair_name, speaker_problem
    from .speakers import clean_name

    repairs = entity_repairs(doc)
    people = article_people(doc, claims, repairs)
    text = doc_text(doc)
    for claim in claims:
        sp = claim.speaker
        if sp is None:
            continue
        if sp.name:
            sp.name = _trim_to_known(repair_name(repairs.get(sp.name, sp.name)), people)
        sentence = claim.sentence.text if claim.sentence is not None else None
        problem = speaker_problem(sp.name or sp.mention.text, mention=sp.mention.text, sentence=sentence,
                                  label=sp.label)
        if problem is not None and sp.name:
            written = clean_name(sp.mention.text)
            if written != sp.name and _looks_like_name(written) and \
                    speaker_problem(written, mention=sp.mention.text, sentence=sentence, label=sp.label) is None:
                sp.name, sp.key, problem = written, identity_key(written, sp.label), None
        if problem is not None and sp.name:
            # No valid name: the claim keeps what the sentence says, and no speaker.
            sp.name = sp.key = sp.title = None
            problem = speaker_problem(sp.mention.text, sentence=sentence, label=sp.label)
        if problem in FURNITURE:
            claim.speaker = None  # page furniture is not even a mention
            continue
        if not sp.name or (sp.key is None and not (_looks_like_name(sp.name) and _looks_like_name(sp.mention.text))):
            continue  # an unnamed source, shown by its description, has no key
        if sp.label in _PLACES and _place_label(text, sp.mention.start, sp.mention.end):
            # "Iowa: Pat Doe, Sam Roe, ...", "in Salem, New Hampshire, Pat Doe said": a place
            # labelling a list or locating an event is not who speaks
            sp.name = sp.key = sp.title = None
            continue
        if (sp.mention.start < text.find("\n") or in_heading(text, sp.mention.start)) \
                and not named_in_body(text, sp.name):
            # a title-case or all-capitals line capitalises every word: "Bombshell Claim"
            sp.name = sp.key = sp.title = None
            continue
        key = identity_key(sp.name, sp.label)
        mention_key = identity_key(sp.mention.text, "PERSON")
        if sp.label not in _PLACES and (is_bare_surname(key) or (
                is_bare_surname(mention_key) and mention_key == surname(key) and sp.label in _PERSONLIKE)):
            hit = resolve_in_article(key if is_bare_surname(key) else mention_key, claim.start, people)
            if hit is not None:
                sp.name, key, sp.label = hit[0], hit[1], "PERSON"
        if sp.label in _PERSONLIKE + ("ORG",) and bare_first_name(key):
            # "Michele", "Donald Jr.": the full name the article gives, or no name at all;
            # after a title ("Mr. Lou") it may be a surname written first
            hit = resolve_first_name(key, claim.start, people)
            if hit is None and not _titled(sp.mention.text):
                sp.name = sp.key = sp.title = None
                continue
            if hit is not None:
                sp.name, key, sp.label = hit[0], hit[1], "PERSON"
        sp.key = key


def bare_first_name(key: str | None) -> bool:
    """A person key that is a first name alone, perhaps with a suffix: "michele", "donald jr"."""
    words = [w for w in (key or "").split() if w not in SUFFIXES]
    return len(words) == 1 and is_first_name(words[0])


def resolve_first_name(key: str, offset: int, full_names: list[tuple[int, str, str]]) -> tuple[str, str] | None:
    """The full name a bare first name ``key`` stands for in its article: the person named
    with that first name (and that suffix, if any) last before ``offset``, else first after
    it. Returns (name, key) or None."""
    words = key.split()
    suffix = set(words) & SUFFIXES
    same = [(o, n, k) for o, n, k in full_names
            if k.split()[0] == words[0] and surname(k) != words[0] and suffix <= set(k.split())
            and (suffix or not set(k.split()) & SUFFIXES)]
    if not same:
        return None
    before = [t for t in same if t[0] < offset]
    o, n, k = max(before) if before else min(same)
    return n, k


def _titled(mention: str) -> bool:
    """Is the name written after an honorific ("Mr. Paul", "Sen. Warren"): a surname?"""
    words = mention.split()
    return len(words) > 1 and words[0].lower().rstrip(".") in TITLE_WORDS


def _place_label(text: str, start: int, end: int) -> bool:
    """Does the place written at ``start:end`` open its line before a colon, list places
    ("Ohio, Iowa, Utah"), come with a description ("Sparsely populated South Dakota"), or
    follow a town and a comma ("Salem, New Hampshire,")?"""
    written = text[start:end]
    if written.count(",") >= 2 or "-based" in written or text[end:end + 6] == "-based":
        return True  # "Ohio, Iowa, Utah"; "Raleigh, N.C.-based Pat Doe Inc."
    if written[:1].islower() and not written.startswith("the ") or re.match(r"^[A-Z]\w*ly\s", written):
        return True  # "sparsely populated South Dakota": the place described, not its government
    line_start = text.rfind("\n", 0, start) + 1
    if not text[line_start:start].strip() and text[end:end + 2].lstrip().startswith(":"):
        return True
    return bool(re.search(r"\b(?:in|at|from|of)\s+[A-Z][\w.'’ -]*,\s*$", text[max(0, start - 60):start])) \
        and text[end:end + 1] == ","



#: Parts of speech that open a PERSON entity without being part of the name
#: ("Certainly Donald Trump", "Telling Jeb Bush", "Follow Pat Doe"). AUX is not among them:
#: "Will" is a first name.
_NOT_NAME_POS = frozenset("VERB ADV ADJ ADP DET CCONJ SCONJ PRON PART PUNCT INTJ".split())


def entity_repairs(doc) -> dict[str, str]:
    """Names of the doc's PERSON entities that begin with words the tagger calls something
    other than a proper noun, mapped to the name from the first proper noun on."""
    from .speakers import clean_name

    out = {}
    for ent in doc.ents:
        if ent.label_ != "PERSON" or len(ent) < 2:
            continue
        i = 0
        while i < len(ent) - 1 and ent[i].pos_ in _NOT_NAME_POS:
            i += 1
        if i and any(t.pos_ == "PROPN" for t in ent[i:]):
            out[clean_name(ent.text)] = clean_name(ent[i:].text)
    return out


def _looks_like_name(text: str) -> bool:
    words = text.split()
    return bool(words) and all(w[:1].isupper() for w in words) and text.lower() not in _PRONOUNS


_PRONOUNS = frozenset("i we he she it they you me us him her them who this that".split())


def article_people(doc, claims: list, repairs: dict[str, str] | None = None) -> list[tuple[int, str, str]]:
    """The people an article names in full: ``(offset, name as written, identity key)`` of
    its PERSON entities and its named speakers with a first name and a surname. Names
    that are not speakers ("Smith v. Jones") are left out."""
    from .speaker_check import repair_name, speaker_problem
    from .speakers import clean_name

    repairs = repairs or {}
    out = []
    for ent in doc.ents:
        if ent.label_ == "PERSON":
            name = clean_name(ent.text)
            name = repair_name(repairs.get(name, name))
            if speaker_problem(name, label="PERSON") is not None:
                continue
            key = identity_key(name, "PERSON")
            if key and not is_bare_surname(key):
                out.append((ent.start_char, name, key))
    for c in claims:
        sp = c.speaker
        if sp is not None and sp.name and sp.key and sp.label == "PERSON":
            key = identity_key(sp.name, "PERSON")
            written = identity_key(sp.mention.text, "PERSON")  # a full name written there, not resolved
            if speaker_problem(sp.name, label="PERSON") is None and key and not is_bare_surname(key) and written and not is_bare_surname(written):
                out.append((sp.mention.start, sp.name, key))
    out.sort()
    return out


def _trim_to_known(name: str | None, people: list[tuple[int, str, str]]) -> str | None:
    """"Certainly Donald Trump" -> "Donald Trump" when the article names Donald Trump:
    the extra words before a full name the article gives are not part of it."""
    if not name or " " not in name:
        return name
    words = name.split()
    known = {key for _, _, key in people}
    for n in range(2, len(words)):
        tail = " ".join(words[-n:])
        lead = words[:-n]
        if any(w.lower() in _LINKS or w.endswith(",") for w in lead):
            return name  # "spokesman for Pat Doe", "supporters of Pat Doe": a description
        if identity_key(tail, "PERSON") in known:
            return tail
    return name


#: Words that join a description to the person it describes.
_LINKS = frozenset("for of to like with by from and or at in on about".split())
