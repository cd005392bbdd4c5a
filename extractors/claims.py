"""Attributed claims from a parsed spaCy ``Doc``: who said what, with which cue.

``extract_claims(doc)`` is a pure function: a parsed ``Doc`` in, a list of
:class:`~claimlink.extractors.types.Claim` out, offsets into ``doc_text(doc)``. It needs a
dependency parse and, for speaker names, entities; everything else is rules over the parse:

1. **Quotes** are found on the characters (:mod:`.quotes`).
2. **Verb cues** (:mod:`.cues`) are reporting verbs from the lexicon *or* any verb whose
   clausal complement carries its own subject. Their content comes from the first of the
   content patterns of :mod:`.patterns` whose shape is present: the complement clause, what
   follows a colon, the clause they interrupt or follow (``"..., the official said"``), the
   quote beside them, an infinitive, an object.
3. **Other cues** (here): ``according to X``; statement nouns with a clause and a possessor
   (``X's claim that P``, ``a statement from X``); ``NAME: text`` lines and ``"..." ― Name``.
4. **Stance**: a denial verb or noun makes the claim ``denies`` and names what it denies.
5. **Speakers** (:mod:`.speakers`) resolve pronouns and descriptions to a name in the same
   article, keep the title written with the name and give a canonical key.

Rules follow Pareti (2015) and the PARC/PolNeAR annotation scheme: source, cue, content.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token

from .cues import entity_label, is_cue_verb, is_denial
from .lexicon import DENIAL_NOUNS, DOCUMENT_NOUNS, SPEECH_VERBS, STATEMENT_NOUNS
from .clauses import clause_span
from .patterns import VerbCue, verb_claim
from .quotes import MIN_QUOTE_WORDS, Quote, QuoteIndex, find_quotes, quote_kind, with_whole_quotes
from .speaker_identity import settle_speakers
from .speakers import SpeakerResolver
from .text import (CLOSE_QUOTES, OPEN_QUOTES, STRAIGHT, WORD, doc_text, make_span, paragraph_of,
                   paragraph_starts, token_range_span)
from .types import Claim, Speaker, TextSpan

#: Bumped when the rules change what they extract; stored with each article. The hash is
#: of the rule files (see ``tests/test_versions.py``): a change to them needs a new version.
EXTRACTOR_VERSION = "1.5"
EXTRACTOR_RULES_SHA256 = "c0111c4c397fb95dde1b3704cbb2072e6026240afba09d9bcaaaf3b751819439"

#: "NAME: text" at the start of a line; the name is at most six words.
_COLON_LINE = re.compile(r"(?m)^[ \t]*([A-Z][\w.'’ -]{1,60}?):[ \t]+(\S[^\n]*)$")
#: '"quoted text" ― Name' at the end of a line (reader quotes, epigraphs).
_DASH_LINE = re.compile(r"(?m)^[ \t]*([“\"”][^\n]*?)\s*([―—])\s*([A-Z][\w.'’ -]{1,60}?)[ \t.]*$")


class ClaimExtractor:
    """Rules that turn one parsed ``Doc`` into claims. Stateless between docs."""

    def __init__(self, *, use_dependency_cues: bool = True, min_quote_words: int = MIN_QUOTE_WORDS):
        self.use_dependency_cues = use_dependency_cues
        self.min_quote_words = min_quote_words

    def __call__(self, doc: Doc) -> list[Claim]:
        text = doc_text(doc)
        quotes = find_quotes(text)
        qindex = QuoteIndex(doc, quotes)
        para_starts = paragraph_starts(text)
        claims: list[Claim] = []
        used_quotes: set[int] = set()
        covered: set[int] = set()  # token indices already content of a claim
        for sent in doc.sents:
            for tok in sent:
                cue_verb = is_cue_verb(tok, qindex, self.use_dependency_cues)
                if tok.i in covered and not cue_verb:
                    continue
                claim = None
                if cue_verb:
                    claim = verb_claim(VerbCue(doc, sent, tok, qindex, used_quotes, self.min_quote_words))
                elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                    claim = according_to(doc, sent, tok, qindex)
                elif tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in STATEMENT_NOUNS | DENIAL_NOUNS \
                        and not qindex.inside(tok):
                    claim = noun_claim(doc, tok)
                if claim is not None and claim.content:
                    claim.sentence = make_span(doc, sent.start_char, sent.end_char)
                    claim.paragraph = paragraph_of(para_starts, claim.cue.start)
                    claims.append(claim)
                    for span in claim.content:
                        covered.update(t.i for t in doc.char_span(span.start, span.end, alignment_mode="expand") or [])
        claims.extend(line_cues(doc, qindex, used_quotes, para_starts, covered))
        self._attach_following_quotes(doc, claims, quotes, used_quotes, para_starts)
        claims.sort(key=lambda c: c.start)
        SpeakerResolver(doc).resolve(claims)
        settle_speakers(doc, claims)  # sanity and identity of every speaker: extractors/speaker_identity.py
        return _drop_nested(_dedupe(claims))

    def _attach_following_quotes(self, doc: Doc, claims: list[Claim], quotes: list[Quote],
                                 used_quotes: set[int], para_starts: list[int]) -> None:
        """A quote with no cue of its own continues the direct claim just before it, in
        the same paragraph or at the start of the next (``... ,” she said. “B.”``)."""
        if not claims:
            return
        text = doc_text(doc)
        ordered = sorted(claims, key=lambda c: c.start)
        for qi, quote in enumerate(quotes):
            if qi in used_quotes or quote.words(text) < self.min_quote_words:
                continue
            prev = None
            for c in ordered:
                if c.start < quote.start:
                    prev = c
            if prev is None or prev.kind == "indirect":
                continue
            if paragraph_of(para_starts, quote.start) - prev.paragraph > 1:
                continue
            # Nothing but the rest of the claim's own sentence may stand between them: the
            # speaker's name and title after the cue ("said Rep. X, head of Y.") are allowed.
            sent_end = prev.sentence.end if prev.sentence else 0
            if quote.start < sent_end and not WORD.search(text[quote.start:sent_end]):
                sent_end = quote.start  # the parser often ends a sentence after the next opening mark
            end = max([s.end for s in prev.content] + [prev.cue.end] + ([sent_end] if sent_end <= quote.start else []))
            if len(WORD.findall(text[end:quote.start])) > 3:
                continue
            prev.content.extend(make_span(doc, s, e) for s, e in quote.pieces)
            used_quotes.add(qi)


def according_to(doc: Doc, sent: Span, tok: Token, qindex: QuoteIndex) -> Claim | None:
    """``according to X, P`` and ``P, according to X``: the rest of the clause the phrase
    hangs on, on whichever side of the phrase has more words."""
    to = doc[tok.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return None
    phrase = {tok.i, to.i} | {t.i for t in pobj.subtree}
    # the clause the phrase hangs on: "X is Y, and Z broke it, according to W" gives "Z broke it"
    clause = tok.head
    while clause.pos_ not in ("VERB", "AUX") and clause.dep_ != "ROOT" and clause.head is not clause:
        clause = clause.head
    scope = {t.i for t in clause.subtree} if clause.pos_ in ("VERB", "AUX") and tok.i in \
        {t.i for t in clause.subtree} else {t.i for t in sent}
    rest = [t for t in sent if t.i in scope and t.i not in phrase and not t.is_space]
    before = [t for t in rest if t.i < tok.i]
    after = [t for t in rest if t.i > max(phrase)]
    side = before if len([t for t in before if t.is_alpha]) >= len([t for t in after if t.is_alpha]) else after
    side = [t for t in side if not (t.is_punct and t.text not in OPEN_QUOTES + CLOSE_QUOTES + STRAIGHT)]
    if len([t for t in side if t.is_alpha]) < 3:
        return None
    content = [token_range_span(doc, side)]
    cue = make_span(doc, tok.idx, to.idx + len(to.text))
    speaker = Speaker(mention=token_range_span(doc, list(pobj.subtree)), label=entity_label(pobj))
    claim = Claim(cue=cue, content=content, speaker=speaker, kind=quote_kind(doc, content, qindex),
                  cue_lemma="according to", rule="according_to")
    claim.subject_token = pobj
    return claim


def noun_claim(doc: Doc, noun: Token) -> Claim | None:
    """``X's claim that P``, ``a statement from X that P``, ``X's denial that P``."""
    if noun.dep_ in ("dobj", "pobj") and (is_denial(noun.head) or noun.head.dep_ == "prep" and is_denial(noun.head.head)):
        return None  # the object of a denial verb: handled there
    clause = next((c for c in noun.children if c.dep_ in ("acl", "ccomp", "appos")
                   and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
    if clause is None:
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None:
        prep = next((c for c in noun.children if c.dep_ == "prep" and c.lower_ in ("from", "by", "of")), None)
        if prep is not None:
            owner = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if owner is None or owner.pos_ not in ("PROPN", "NOUN", "PRON"):
        return None
    content = clause_span(doc, clause, {noun.i})
    if content is None:
        return None
    speaker = Speaker(mention=token_range_span(doc, [t for t in owner.subtree if t.dep_ != "case"] or [owner]),
                      label=entity_label(owner))
    denial = noun.lemma_.lower() in DENIAL_NOUNS
    claim = Claim(cue=make_span(doc, noun.idx, noun.idx + len(noun.text)), content=[content],
                  speaker=speaker, kind="indirect", stance="denies" if denial else "asserts",
                  cue_lemma=noun.lemma_.lower(), target_content=content if denial else None, rule="noun_claim")
    claim.subject_token = owner
    return claim


def line_cues(doc: Doc, qindex: QuoteIndex, used_quotes: set[int], para_starts: list[int],
              covered: set[int]) -> list[Claim]:
    """Transcript and headline style, ``SANDERS: We need ...``, ``Poll: X leads``, and the
    byline dash of reader quotes, ``"..." ― Jane Doe``. The speaker must look like a name
    or be a document noun standing alone; a reporting verb before the colon ("Smith
    continued:") is the cue."""
    out: list[Claim] = []
    text = doc_text(doc)
    for m in _COLON_LINE.finditer(text):
        name_s, name_e, colon = m.start(1), m.end(1), m.end(1)
        body_s, body_e = m.start(2), m.end(2)
        span = doc.char_span(name_s, name_e, alignment_mode="expand")
        if span is None or len(WORD.findall(text[body_s:body_e])) < 3 or any(t.i in covered for t in span):
            continue
        cue = TextSpan(colon, colon + 1, ":")
        if len(span) > 1 and span[-1].pos_ == "VERB" and span[-1].lemma_.lower() in SPEECH_VERBS:
            # "Smith continued: ...": the verb is the cue, not part of the name
            cue = make_span(doc, span[-1].idx, colon + 1)
            span = span[:-1]
            name_e = span.end_char
        document = len(span) == 1 and span[0].lemma_.lower() in DOCUMENT_NOUNS
        if not document and not any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in span):
            continue
        content = with_whole_quotes(doc, [make_span(doc, body_s, body_e)], qindex)
        speaker = Speaker(mention=make_span(doc, name_s, name_e), label=entity_label(span.root))
        claim = Claim(cue=cue, content=content, speaker=speaker,
                      kind=quote_kind(doc, content, qindex), cue_lemma=":", rule="colon_line")
        claim.subject_token = span.root
        out.append(claim)
    for m in _DASH_LINE.finditer(text):
        first = doc.char_span(m.start(1), m.start(1) + 1, alignment_mode="expand")
        q = qindex.of_token[first[0].i] if first is not None else -1
        name = doc.char_span(m.start(3), m.end(3), alignment_mode="expand")
        if q < 0 or q in used_quotes or name is None or not any(t.pos_ == "PROPN" for t in name):
            continue
        speaker = Speaker(mention=make_span(doc, m.start(3), m.end(3)), label="PERSON")
        claim = Claim(cue=TextSpan(m.start(2), m.end(2), m.group(2)), content=qindex.pieces(q, doc),
                      speaker=speaker, kind="direct", cue_lemma="―", rule="dash_line")
        claim.subject_token = name.root
        used_quotes.add(q)
        out.append(claim)
    for c in out:
        sent = doc.char_span(c.cue.start, c.cue.end, alignment_mode="expand")
        if sent is not None:
            c.sentence = make_span(doc, sent.sent.start_char, sent.sent.end_char)
        c.paragraph = paragraph_of(para_starts, c.cue.start)
    return out


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """Drop repeats: two rules that read the same cue and content from the same place
    (a colon cue and a verb cue on one line, say) give one claim, the first found."""
    out: list[Claim] = []
    seen: set[tuple[int, int]] = set()
    for c in claims:
        key = (c.cue.start, c.content[0].start)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


def _drop_nested(claims: list[Claim]) -> list[Claim]:
    """An attribution inside the content of another ("X said Y claimed P") is part of
    that content: one claim is made, the outer one (PARC and PolNeAR label each token once)."""
    def inside(c: Claim, outer: Claim) -> bool:
        return c is not outer and any(s.start <= c.cue.start and c.cue.end <= s.end for s in outer.content) \
            and not any(s.start <= outer.cue.start and outer.cue.end <= s.end for s in c.content)
    return [c for c in claims if not any(inside(c, o) for o in claims)]


_DEFAULT = ClaimExtractor()


def extract_claims(doc: Doc) -> list[Claim]:
    """Attributed claims of a parsed ``Doc``, in text order."""
    return _DEFAULT(doc)
