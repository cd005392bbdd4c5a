"""Attributed claims from a parsed spaCy ``Doc``: who said what, with which cue.

``extract_claims(doc)`` is a pure function: a parsed ``Doc`` in, a list of
:class:`~claimlink.extractors.types.Claim` out, offsets into ``_text(doc)``. It needs a dependency
parse and, for speaker names, entities; everything else is rules over the parse:

1. **Quotes** are found on the characters (``find_quotes``), news style included: a quote
   that runs over paragraphs opens a mark on each and closes only the last one.
2. **Verb cues** are reporting verbs from the lexicon *or* any verb whose clausal
   complement carries its own subject (the dependency signature of reported speech).
   Their content is the complement clause, the clause they interrupt or follow
   (``"..., the official said"``), the quote beside them, or what follows a colon.
3. **Other cues**: ``according to X``; statement nouns with a clause or a possessor
   (``X's claim that P``, ``a statement from X``).
4. **Stance**: a denial verb or noun makes the claim ``denies`` and names what it denies:
   the possessor of the denied statement (``denied Gerasimov's claims``) and the
   proposition where it is written (``rejected reports that P``).
5. **Speakers** (:mod:`claimlink.extractors.speakers`) resolve pronouns and descriptions to a name
   in the same article, keep the title written with the name and give a canonical key.

Rules follow Pareti (2015) and the PARC/PolNeAR annotation scheme: source, cue, content.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from .lexicon import (BELIEF_VERBS, DENIAL_NOUNS, DENIAL_PHRASES, DENIAL_VERBS, INTENT_VERBS,
                      NOT_CUES, NP_CUE_VERBS, SPEECH_VERBS, STATEMENT_NOUNS)
from .speakers import SpeakerResolver
from .types import Claim, Speaker, TextSpan

OPEN_QUOTES = "“«„"
CLOSE_QUOTES = "”»"
STRAIGHT = '"'
#: A quote shorter than this many word characters is a scare quote ("red lines"), which
#: is part of the sentence around it, not a claim of its own.
MIN_QUOTE_WORDS = 4
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
CLAUSE_DEPS = ("ccomp",)
_WORD = re.compile(r"\w+")


#: "NAME: text" at the start of a line; the name is at most six words.
_COLON_LINE = re.compile(r"(?m)^[ \t]*([A-Z][\w.'’ -]{1,60}?):[ \t]+(\S[^\n]*)$")
#: '"quoted text" ― Name' at the end of a line (reader quotes, epigraphs).
_DASH_LINE = re.compile(r"(?m)^[ \t]*([“\"”][^\n]*?)\s*([―—])\s*([A-Z][\w.'’ -]{1,60}?)[ \t.]*$")


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``pieces`` are the inner text of each paragraph it spans."""

    start: int  # offset of the opening mark
    end: int  # offset after the closing mark (or the paragraph end if never closed)
    pieces: tuple[tuple[int, int], ...]

    def words(self, text: str) -> int:
        return sum(len(_WORD.findall(text[s:e])) for s, e in self.pieces)


def find_quotes(text: str) -> list[Quote]:
    """Find quotations in ``text``.

    Curly and straight marks are paired, and a curly opener may close with a straight
    mark (typed text mixes them); two apostrophes (``''``) count as one straight mark, as
    some wire copy types them. A quote still open at a paragraph end goes on when the next
    paragraph opens with a quote mark (news style); otherwise it ends there.
    """
    quotes: list[Quote] = []
    n = len(text)
    i = 0
    start = -1
    piece_start = -1
    pieces: list[tuple[int, int]] = []

    def mark_len(j: int) -> int:
        """Length of a straight mark at j: 1 for ", 2 for '', 0 for none."""
        if text[j] == STRAIGHT:
            return 1
        if text.startswith("''", j):
            return 2
        return 0

    while i < n:
        ch = text[i]
        straight = mark_len(i)
        if start < 0:
            if ch in OPEN_QUOTES or (straight and i + straight < n and not text[i + straight].isspace()):
                start, piece_start, pieces = i, i + max(1, straight), []
                i += max(1, straight)
                continue
        elif ch in CLOSE_QUOTES or straight:
            pieces.append((piece_start, i))
            quotes.append(Quote(start, i + max(1, straight), tuple(pieces)))
            start = -1
            i += max(1, straight)
            continue
        elif ch == "\n":
            pieces.append((piece_start, i))
            j = i
            while j < n and text[j].isspace():
                j += 1
            if j < n and (text[j] in OPEN_QUOTES or mark_len(j)):
                piece_start = j + max(1, mark_len(j))  # the quote continues in the next paragraph
                i = piece_start
                continue
            quotes.append(Quote(start, i, tuple(pieces)))
            start = -1
        elif ch in OPEN_QUOTES and i > piece_start:
            # A new opener inside an open quote: the previous one was never closed.
            pieces.append((piece_start, i))
            quotes.append(Quote(start, i, tuple(pieces)))
            start, piece_start, pieces = i, i + 1, []
        i += 1
    if start >= 0:
        pieces.append((piece_start, n))
        quotes.append(Quote(start, n, tuple(pieces)))
    return [q for q in quotes if any(e > s for s, e in q.pieces)]


_TEXT_KEY = "claimlink_text"


def _text(doc: Doc) -> str:
    """``doc.text``, computed once: spaCy rebuilds the string token by token on every
    access, and the rules read it for every span. The pipeline from
    :func:`claimlink.extractors.nlp.load_pipeline` stores the input string as the doc is made; a
    stored string whose length does not match the doc (a copied ``user_data``) is not
    trusted."""
    text = doc.user_data.get(_TEXT_KEY)
    if text is None or len(doc) == 0 or len(text) != doc[-1].idx + len(doc[-1].text_with_ws):
        text = doc.user_data[_TEXT_KEY] = doc.text
    return text


def remember_text(doc: Doc, text: str) -> Doc:
    """Keep ``text``, the string ``doc`` was made from, for :func:`_text`."""
    doc.user_data[_TEXT_KEY] = text
    return doc


class _QuoteIndex:
    """Which quote, if any, each token of a doc stands in."""

    def __init__(self, doc: Doc, quotes: list[Quote]):
        self.quotes = quotes
        self.of_token = [-1] * len(doc)
        qi = 0
        for tok in doc:
            while qi < len(quotes) and quotes[qi].end <= tok.idx:
                qi += 1
            if qi < len(quotes) and quotes[qi].start <= tok.idx < quotes[qi].end:
                self.of_token[tok.i] = qi

    def inside(self, tok: Token) -> bool:
        return self.of_token[tok.i] >= 0

    def in_span(self, span: Span) -> list[int]:
        seen: list[int] = []
        for tok in span:
            q = self.of_token[tok.i]
            if q >= 0 and q not in seen:
                seen.append(q)
        return seen


_EDGE = ",;:—–-"


def _span(doc: Doc, start: int, end: int) -> TextSpan:
    """A TextSpan over characters [start, end), trimmed of spaces and edge punctuation.
    A quote mark is trimmed only when its partner is not inside the span."""
    text = _text(doc)
    while start < end:
        ch = text[start]
        if ch.isspace() or ch in _EDGE or (ch in OPEN_QUOTES + STRAIGHT and not any(
                c in text[start + 1:end] for c in CLOSE_QUOTES + STRAIGHT)):
            start += 1
        else:
            break
    while end > start:
        ch = text[end - 1]
        if ch.isspace() or ch in _EDGE or (ch in CLOSE_QUOTES + STRAIGHT and not any(
                c in text[start:end - 1] for c in OPEN_QUOTES + STRAIGHT)):
            end -= 1
        else:
            break
    # A span that is exactly one quotation: keep the words, not the marks.
    if end - start > 2 and text[start] in OPEN_QUOTES + STRAIGHT and text[end - 1] in CLOSE_QUOTES + STRAIGHT \
            and not any(c in text[start + 1:end - 1] for c in OPEN_QUOTES + CLOSE_QUOTES + STRAIGHT):
        start, end = start + 1, end - 1
    return TextSpan(start, end, text[start:end])


def _token_range_span(doc: Doc, tokens: list[Token]) -> TextSpan:
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return _span(doc, first.idx, last.idx + len(last.text))


def _cue_span(doc: Doc, verb: Token) -> TextSpan:
    """The cue with its auxiliaries, negation and particle: "has learned", "ruled out"."""
    toks = [verb] + [c for c in verb.children
                     if c.dep_ in ("aux", "auxpass", "neg", "prt") and c.i < verb.i + 3]
    lo = min(t.i for t in toks)
    hi = max(t.i for t in toks)
    # keep the cue contiguous: drop auxiliaries separated by other words ("has also said")
    while lo < verb.i and doc[lo + 1: verb.i].text and any(
            doc[j] not in toks for j in range(lo, verb.i)):
        lo += 1
    return _span(doc, doc[lo].idx, doc[hi].idx + len(doc[hi].text))


def _subtree_tokens(tok: Token, exclude: set[int] = frozenset()) -> list[Token]:
    return [t for t in tok.subtree if t.i not in exclude]


def _nested_attributions(head: Token) -> set[int]:
    """Tokens of attributions hanging off a content clause as an adverbial or conjunct
    ("..., although he also said P"): they are claims of their own, not this content."""
    out: set[int] = set()
    for tok in head.subtree:
        if tok is head or tok.dep_ not in ("advcl", "conj") or tok.pos_ != "VERB":
            continue
        if tok.lemma_.lower() in SPEECH_VERBS | BELIEF_VERBS and any(c.dep_ == "nsubj" for c in tok.children):
            out.update(t.i for t in tok.subtree)
    return out


def _clause_span(doc: Doc, head: Token, exclude: set[int]) -> TextSpan | None:
    """Span of ``head``'s subtree, cut to the contiguous run around ``head`` that does
    not enter ``exclude`` (the cue and its speaker) nor a nested attribution."""
    exclude = exclude | _nested_attributions(head)
    toks = sorted(_subtree_tokens(head), key=lambda t: t.i)
    left = right = head.i
    idx = {t.i for t in toks}
    while left - 1 in idx and left - 1 not in exclude:
        left -= 1
    while right + 1 in idx and right + 1 not in exclude:
        right += 1
    # drop trailing punctuation / spaces
    while right > left and (doc[right].is_punct and doc[right].text not in CLOSE_QUOTES + STRAIGHT
                            or doc[right].is_space):
        right -= 1
    while left < right and (doc[left].is_punct and doc[left].text not in OPEN_QUOTES + STRAIGHT
                            or doc[left].is_space):
        left += 1
    span = _span(doc, doc[left].idx, doc[right].idx + len(doc[right].text))
    return span if _WORD.search(span.text) else None


def _clause_span_tokens(doc: Doc, toks: list[Token], exclude: set[int]) -> TextSpan | None:
    """The span from the first to the last of ``toks`` outside ``exclude``."""
    toks = [t for t in toks if t.i not in exclude and not t.is_space]
    while toks and toks[-1].is_punct and toks[-1].text not in CLOSE_QUOTES + STRAIGHT:
        toks.pop()
    if len([t for t in toks if t.is_alpha]) < 1:
        return None
    span = _token_range_span(doc, toks)
    return span if _WORD.search(span.text) else None


def _is_denial(verb: Token) -> bool:
    if verb.lemma_.lower() in DENIAL_VERBS:
        # "refuses to confirm or deny", "declined to deny": no denial is made
        head = verb.head
        for _ in range(2):
            if head.lemma_.lower() in ("refuse", "decline", "fail") or any(
                    c.dep_ == "neg" for c in verb.children):
                return False
            if head.lemma_.lower() == "confirm":
                head = head.head
                continue
            break
        return True
    prt = [c.lemma_.lower() for c in verb.children if c.dep_ == "prt"]
    return any((verb.lemma_.lower(), p) in DENIAL_PHRASES for p in prt)


def _subject(verb: Token) -> Token | None:
    """The speaker token of a cue verb: its subject, the agent of a passive, or -- for a
    verb coordinated with or controlled by another ("denied ... and said") -- the subject
    of that verb."""
    for child in verb.children:
        if child.dep_ in ("nsubj", "csubj"):
            return child
    for child in verb.children:
        if child.dep_ == "agent":
            for pobj in child.children:
                if pobj.dep_ == "pobj":
                    return pobj
    for child in verb.children:
        if child.dep_ == "nsubjpass" and verb.lemma_.lower() not in SPEECH_VERBS:
            return child
    head = verb
    for _ in range(3):
        if head.dep_ in ("conj", "xcomp", "advcl") and head.head is not head:
            head = head.head
            for child in head.children:
                if child.dep_ in ("nsubj",):
                    return child
        elif head.dep_ == "relcl":
            return head.head
        else:
            break
    return None


def _has_subject(tok: Token) -> bool:
    return any(c.dep_ in SUBJECT_DEPS or c.dep_ == "expl" for c in tok.children)


class ClaimExtractor:
    """Rules that turn one parsed ``Doc`` into claims. Stateless between docs."""

    def __init__(self, *, use_dependency_cues: bool = True, min_quote_words: int = MIN_QUOTE_WORDS):
        self.use_dependency_cues = use_dependency_cues
        self.min_quote_words = min_quote_words

    def __call__(self, doc: Doc) -> list[Claim]:
        text = _text(doc)
        quotes = find_quotes(text)
        qindex = _QuoteIndex(doc, quotes)
        para_starts = _paragraph_starts(text)
        claims: list[Claim] = []
        used_quotes: set[int] = set()
        covered: set[int] = set()  # token indices already content of a claim
        for sent in doc.sents:
            for tok in sent:
                if tok.i in covered and not self._is_cue_verb(tok, qindex):
                    continue
                claim = None
                if self._is_cue_verb(tok, qindex):
                    claim = self._verb_claim(doc, sent, tok, qindex, used_quotes)
                elif tok.lower_ == "according" and tok.i + 1 < len(doc) and doc[tok.i + 1].lower_ == "to":
                    claim = self._according_to(doc, sent, tok, qindex)
                elif tok.pos_ in ("NOUN", "PROPN") and tok.lemma_.lower() in STATEMENT_NOUNS | DENIAL_NOUNS \
                        and not qindex.inside(tok):
                    claim = self._noun_claim(doc, sent, tok)
                if claim is not None and claim.content:
                    claim.sentence = _span(doc, sent.start_char, sent.end_char)
                    claim.paragraph = _paragraph_of(para_starts, claim.cue.start)
                    claims.append(claim)
                    for span in claim.content:
                        covered.update(t.i for t in doc.char_span(span.start, span.end, alignment_mode="expand") or [])
        claims.extend(self._line_cues(doc, qindex, used_quotes, para_starts, covered))
        claims = self._attach_following_quotes(doc, claims, quotes, qindex, used_quotes, para_starts)
        claims.sort(key=lambda c: c.start)
        SpeakerResolver(doc).resolve(claims)
        return _dedupe(claims)

    # -- verb cues ----------------------------------------------------------------------
    def _is_cue_verb(self, tok: Token, qindex: _QuoteIndex) -> bool:
        # A cue must stand outside any quotation: words inside a quote are the content.
        if tok.pos_ not in ("VERB", "AUX") or qindex.inside(tok):
            return False
        lemma = tok.lemma_.lower()
        if tok.dep_ in ("amod", "acomp") or tok.tag_ == "VBG" and tok.dep_ in ("pcomp", "pobj", "amod"):
            return False
        if lemma in SPEECH_VERBS or lemma in BELIEF_VERBS or _is_denial(tok) or lemma in INTENT_VERBS \
                or lemma in NP_CUE_VERBS:
            return True
        if not self.use_dependency_cues or lemma in NOT_CUES:
            return False
        # Dependency pattern: a clausal complement that has its own subject.
        return any(c.dep_ == "ccomp" and _has_subject(c) and c.pos_ in ("VERB", "AUX")
                   for c in tok.children) and _subject(tok) is not None

    def _verb_claim(self, doc: Doc, sent: Span, verb: Token, qindex: _QuoteIndex,
                    used_quotes: set[int]) -> Claim | None:
        lemma = verb.lemma_.lower()
        denial = _is_denial(verb)
        subj = _subject(verb)
        speaker_ids = {t.i for t in subj.subtree} if subj is not None and subj.i in {t.i for t in sent} else set()
        cue = _cue_span(doc, verb)
        exclude = {verb.i} | speaker_ids | {c.i for c in verb.children if c.dep_ in ("aux", "auxpass", "neg", "prt")}
        content: list[TextSpan] = []
        target_speaker = None
        target_content = None

        comps = [c for c in verb.children if c.dep_ in CLAUSE_DEPS and not (c.i in speaker_ids)]
        objs = [c for c in verb.children if c.dep_ in ("dobj", "attr") and c.pos_ in ("NOUN", "PROPN", "PRON")]
        colon = next((c for c in verb.children if c.text == ":" and c.i > verb.i), None)
        if colon is None and verb.i + 1 < len(doc) and doc[verb.i + 1].text == ":":
            colon = doc[verb.i + 1]

        if comps:
            for comp in comps:
                span = _clause_span(doc, comp, exclude)
                if span:
                    content.append(span)
        elif colon is not None:
            content = self._after_colon(doc, colon, qindex, used_quotes)
        elif denial and not objs and (vobj := next((c for c in verb.children if c.dep_ in ("xcomp", "dobj", "pcomp")
                                                     and c.pos_ == "VERB"), None)) is not None:
            # "denies taking a selfie", "denied causing the floods": a gerund is what is denied.
            span = _clause_span(doc, vobj, exclude)
            if span:
                content.append(span)
                target_content = span
        elif denial and objs:
            obj = objs[0]
            span = _clause_span(doc, obj, exclude)
            if span:
                content.append(span)
                target_speaker, target_content = _denied_target(doc, obj)
        elif verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX") and subj is not None \
                and verb.head.i < verb.i and lemma in SPEECH_VERBS | BELIEF_VERBS:
            # "..., the official said": the cue hangs off the clause it reports.
            head = verb.head
            span = _clause_span(doc, head, exclude | {t.i for t in verb.subtree})
            if span:
                content.append(span)
        else:
            quoted = self._adjacent_quotes(doc, sent, verb, qindex, used_quotes) \
                if lemma in SPEECH_VERBS | BELIEF_VERBS else []
            xcomp = next((c for c in verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
            forp = next((c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("for", "on")
                         and lemma in INTENT_VERBS), None)
            if quoted:
                content = quoted
            elif xcomp is not None and lemma in INTENT_VERBS and subj is not None:
                # "X wants to P", "X urged Y to P": the infinitive (with its object) is the content.
                toks = [t for t in xcomp.subtree] + [t for o in objs for t in o.subtree]
                span = _clause_span_tokens(doc, toks, exclude)
                if span:
                    content.append(span)
            elif forp is not None and subj is not None:
                # "X called for P", "X called on Y to P"
                toks = [t for t in forp.subtree if t is not forp]
                span = _clause_span_tokens(doc, toks, exclude)
                if span:
                    content.append(span)
            elif objs and subj is not None and (lemma in NP_CUE_VERBS or qindex.in_span(
                    doc[objs[0].left_edge.i: objs[0].right_edge.i + 1])) and objs[0].pos_ != "PRON":
                # "X cited P", "X called Y a liar": the object (and its complement) is the content.
                toks = [t for t in objs[0].subtree] + [t for c in verb.children if c.dep_ in ("oprd", "xcomp", "ccomp")
                                                       for t in c.subtree]
                span = _clause_span_tokens(doc, toks, exclude)
                if span:
                    content.append(span)
        content = _with_whole_quotes(doc, content, qindex)
        if content and _kind(doc, content, qindex) == "direct":
            # "A," he said, "B.": a quote cue also governs the quote that resumes after it.
            for extra in self._adjacent_quotes(doc, sent, verb, qindex, used_quotes):
                if not any(s.start <= extra.start < s.end or extra.start <= s.start < extra.end for s in content):
                    content.append(extra)
            content.sort(key=lambda s: s.start)
        if not content:
            return None
        if lemma not in SPEECH_VERBS and lemma not in BELIEF_VERBS and not denial and subj is None:
            return None
        kind = _kind(doc, content, qindex)
        for s in content:
            for q in qindex.in_span(doc.char_span(s.start, s.end, alignment_mode="expand") or doc[0:0]):
                used_quotes.add(q)
        if denial:
            if target_content is None and comps:
                target_content = content[0]
            stance = "denies"
        else:
            stance = "asserts"
        speaker = Speaker(mention=_token_range_span(doc, [t for t in subj.subtree if t.i not in exclude - speaker_ids] or [subj])) \
            if subj is not None else None
        if speaker is not None and subj is not None:
            speaker.label = _entity_label(subj)
        claim = Claim(cue=cue, content=content, speaker=speaker, kind=kind, stance=stance,
                      cue_lemma=lemma, target_speaker=target_speaker, target_content=target_content)
        claim.subject_token = subj
        return claim

    def _adjacent_quotes(self, doc: Doc, sent: Span, verb: Token, qindex: _QuoteIndex,
                         used_quotes: set[int]) -> list[TextSpan]:
        """Quotes in or ending in this sentence that the cue stands beside:
        ``"A," he said, "B."`` gives both A and B."""
        ids = qindex.in_span(sent)
        # A quote that began in an earlier sentence and ends in this one.
        spans = []
        for q in ids:
            if q in used_quotes:
                continue
            quote = qindex.quotes[q]
            if quote.words(_text(doc)) < 1:
                continue
            # only quotes next to the cue clause: before it, or right after it
            if quote.start < verb.idx or (quote.start - (verb.idx + len(verb.text)) < 40):
                for s, e in quote.pieces:
                    spans.append(_span(doc, s, e))
        if spans and sum(len(_WORD.findall(s.text)) for s in spans) >= self.min_quote_words:
            return spans
        return []

    def _after_colon(self, doc: Doc, colon: Token, qindex: _QuoteIndex, used_quotes: set[int]) -> list[TextSpan]:
        nxt = colon.i + 1
        while nxt < len(doc) and doc[nxt].is_space:
            nxt += 1
        if nxt >= len(doc):
            return []
        q = qindex.of_token[nxt]
        if q >= 0 and q not in used_quotes:
            return [_span(doc, s, e) for s, e in qindex.quotes[q].pieces]
        end_sent = doc[nxt].sent
        span = _span(doc, doc[nxt].idx, end_sent.end_char)
        return [span] if _WORD.search(span.text) else []

    # -- other cues ---------------------------------------------------------------------
    def _according_to(self, doc: Doc, sent: Span, tok: Token, qindex: _QuoteIndex) -> Claim | None:
        to = doc[tok.i + 1]
        pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
        if pobj is None:
            pobj = next((c for c in tok.children if c.dep_ == "pobj"), None)
        if pobj is None:
            return None
        phrase = {tok.i, to.i} | {t.i for t in pobj.subtree}
        # The content is the rest of the sentence, on whichever side of the phrase it is.
        rest = [t for t in sent if t.i not in phrase and not t.is_space]
        before = [t for t in rest if t.i < tok.i]
        after = [t for t in rest if t.i > max(phrase)]
        side = before if len([t for t in before if t.is_alpha]) >= len([t for t in after if t.is_alpha]) else after
        side = [t for t in side if not (t.is_punct and t.text not in OPEN_QUOTES + CLOSE_QUOTES + STRAIGHT)]
        if len([t for t in side if t.is_alpha]) < 3:
            return None
        content = [_token_range_span(doc, side)]
        cue = _span(doc, tok.idx, to.idx + len(to.text))
        speaker = Speaker(mention=_token_range_span(doc, list(pobj.subtree)), label=_entity_label(pobj))
        claim = Claim(cue=cue, content=content, speaker=speaker, kind=_kind(doc, content, qindex),
                      cue_lemma="according to")
        claim.subject_token = pobj
        return claim

    def _noun_claim(self, doc: Doc, sent: Span, noun: Token) -> Claim | None:
        """``X's claim that P``, ``a statement from X: "..."``, ``X's denial that P``."""
        if noun.dep_ in ("dobj", "pobj") and (_is_denial(noun.head) or noun.head.dep_ == "prep" and _is_denial(noun.head.head)):
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
        content = _clause_span(doc, clause, {noun.i})
        if content is None:
            return None
        speaker = Speaker(mention=_token_range_span(doc, [t for t in owner.subtree if t.dep_ != "case"] or [owner]),
                          label=_entity_label(owner))
        denial = noun.lemma_.lower() in DENIAL_NOUNS
        claim = Claim(cue=_span(doc, noun.idx, noun.idx + len(noun.text)), content=[content],
                      speaker=speaker, kind="indirect", stance="denies" if denial else "asserts",
                      cue_lemma=noun.lemma_.lower(), target_content=content if denial else None)
        claim.subject_token = owner
        return claim

    # -- cues that are punctuation: "Name: text" and "text ― Name" ------------------------
    def _line_cues(self, doc: Doc, qindex: _QuoteIndex, used_quotes: set[int], para_starts: list[int],
                   covered: set[int]) -> list[Claim]:
        """Transcript and headline style, ``SANDERS: We need ...``, and the byline dash of
        reader quotes, ``"..." ― Jane Doe``. The speaker must look like a name."""
        out: list[Claim] = []
        text = _text(doc)
        for m in _COLON_LINE.finditer(text):
            name_s, name_e, colon = m.start(1), m.end(1), m.end(1)
            body_s, body_e = m.start(2), m.end(2)
            span = doc.char_span(name_s, name_e, alignment_mode="expand")
            if span is None or not any(t.pos_ == "PROPN" or t.ent_type_ in ("PERSON", "ORG") for t in span) \
                    or any(t.i in covered for t in span) or len(_WORD.findall(text[body_s:body_e])) < 3:
                continue
            content = _with_whole_quotes(doc, [_span(doc, body_s, body_e)], qindex)
            speaker = Speaker(mention=_span(doc, name_s, name_e), label=_entity_label(span.root))
            claim = Claim(cue=TextSpan(colon, colon + 1, ":"), content=content, speaker=speaker,
                          kind=_kind(doc, content, qindex), cue_lemma=":")
            claim.subject_token = span.root
            out.append(claim)
        for m in _DASH_LINE.finditer(text):
            q = qindex.of_token[doc.char_span(m.start(1), m.start(1) + 1, alignment_mode="expand")[0].i] \
                if doc.char_span(m.start(1), m.start(1) + 1, alignment_mode="expand") is not None else -1
            name = doc.char_span(m.start(3), m.end(3), alignment_mode="expand")
            if q < 0 or q in used_quotes or name is None or not any(t.pos_ == "PROPN" for t in name):
                continue
            content = [_span(doc, s, e) for s, e in qindex.quotes[q].pieces]
            speaker = Speaker(mention=_span(doc, m.start(3), m.end(3)), label="PERSON")
            claim = Claim(cue=TextSpan(m.start(2), m.end(2), m.group(2)), content=content, speaker=speaker,
                          kind="direct", cue_lemma="―")
            claim.subject_token = name.root
            used_quotes.add(q)
            out.append(claim)
        for c in out:
            sent = doc.char_span(c.cue.start, c.cue.end, alignment_mode="expand")
            if sent is not None:
                c.sentence = _span(doc, sent.sent.start_char, sent.sent.end_char)
            c.paragraph = _paragraph_of(para_starts, c.cue.start)
        return out

    # -- quotes without a cue in their sentence ------------------------------------------
    def _attach_following_quotes(self, doc, claims, quotes, qindex, used_quotes, para_starts):
        """A quote with no cue of its own continues the direct claim just before it, in
        the same paragraph or at the start of the next (``... ,” she said. “B.”``)."""
        if not claims:
            return claims
        ordered = sorted(claims, key=lambda c: c.start)
        for qi, quote in enumerate(quotes):
            if qi in used_quotes or quote.words(_text(doc)) < self.min_quote_words:
                continue
            prev = None
            for c in ordered:
                if c.start < quote.start:
                    prev = c
            if prev is None or prev.kind == "indirect":
                continue
            q_para = _paragraph_of(para_starts, quote.start)
            if q_para - prev.paragraph > 1:
                continue
            # nothing but this quote between the previous claim and the quote's paragraph
            # Nothing but the rest of the claim's own sentence may stand between them: the
            # speaker's name and title after the cue ("said Rep. X, head of Y.") are allowed.
            end = max([s.end for s in prev.content] + [prev.cue.end] +
                      ([prev.sentence.end] if prev.sentence and prev.sentence.end <= quote.start else []))
            gap = _text(doc)[end:quote.start]
            if len(_WORD.findall(gap)) > 3:
                continue
            prev.content.extend(_span(doc, s, e) for s, e in quote.pieces)
            used_quotes.add(qi)
        return claims


def _with_whole_quotes(doc: Doc, content: list[TextSpan], qindex: _QuoteIndex) -> list[TextSpan]:
    """Extend content that starts or ends inside a quotation to the whole quotation: a
    cue after a two-sentence quote governs both sentences, but the parse sees only one."""
    if not content:
        return content
    spans = [(s.start, s.end) for s in content]
    for quote in qindex.quotes:
        overlaps = any(quote.start < e and s < quote.end for s, e in spans)
        if not overlaps:
            continue
        inner = [(a, b) for a, b in quote.pieces]
        if all(any(s <= a and b <= e for s, e in spans) for a, b in inner):
            continue  # already whole
        if not any(s <= quote.start < e for s, e in spans) and not any(s < quote.end <= e for s, e in spans):
            # the content starts and ends inside the quote
            spans = [(a, b) for a, b in inner] + [(s, e) for s, e in spans if not (quote.start <= s and e <= quote.end)]
        else:
            spans.extend(inner)
    spans.sort()
    merged: list[list[int]] = []
    for s, e in spans:
        if merged and s <= merged[-1][1] + 1:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [_span(doc, s, e) for s, e in merged if e > s]


def _denied_target(doc: Doc, obj: Token) -> tuple[str | None, TextSpan | None]:
    """What a denial's object names: ``Gerasimov's claims`` -> ("Gerasimov", None);
    ``reports that P`` -> (None, P); ``X's accusation that P`` -> ("X", P)."""
    speaker = None
    owner = next((c for c in obj.children if c.dep_ == "poss"), None)
    if owner is None:
        prep = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ in ("by", "from", "of")), None)
        if prep is not None:
            owner = next((c for c in prep.children if c.dep_ == "pobj"), None)
    if owner is not None and owner.pos_ in ("PROPN", "NOUN"):
        toks = [t for t in owner.subtree if t.dep_ != "case" and t.text not in ("'s", "’s", "'", "’")]
        speaker = " ".join(t.text for t in toks) or None
    # "reports that P", and in headlines without "that": "claims ISIS fighters are crossing"
    clause = next((c for c in obj.children if c.dep_ in ("acl", "ccomp", "relcl", "appos")
                   and (any(g.dep_ == "mark" for g in c.children)
                        or c.pos_ in ("VERB", "AUX") and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children))),
                  None)
    target = _clause_span(doc, clause, {obj.i}) if clause is not None else None
    return speaker, target


def _entity_label(tok: Token) -> str | None:
    if tok.ent_type_:
        return tok.ent_type_
    for t in tok.subtree:
        if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
            return t.ent_type_
    return None


def _kind(doc: Doc, content: list[TextSpan], qindex: _QuoteIndex) -> str:
    """direct: all content words are inside quotes; mixed: some are; indirect: none."""
    inside = outside = 0
    for s in content:
        span = doc.char_span(s.start, s.end, alignment_mode="expand")
        if span is None:
            continue
        for tok in span:
            if tok.is_alpha or tok.like_num:
                if qindex.inside(tok):
                    inside += 1
                else:
                    outside += 1
    if inside and not outside:
        return "direct"
    if inside and outside:
        # A scare quote of a word or two inside an indirect clause still makes it mixed.
        return "mixed"
    return "indirect"


def _paragraph_starts(text: str) -> list[int]:
    starts = [0]
    for m in re.finditer(r"\n\s*", text):
        starts.append(m.end())
    return starts


def _paragraph_of(starts: list[int], offset: int) -> int:
    import bisect

    return max(0, bisect.bisect_right(starts, offset) - 1)


def _dedupe(claims: list[Claim]) -> list[Claim]:
    """Drop repeats: two rules that read the same cue and the same first content span
    (a colon cue and a verb cue on one line, say) give one claim, the first found."""
    out: list[Claim] = []
    seen: set[tuple[int, int, int]] = set()
    for c in claims:
        key = (c.cue.start, c.content[0].start, c.content[0].end)
        if key in seen:
            continue
        seen.add(key)
        out.append(c)
    return out


#: Bumped when the rules change what they extract; stored with each article.
EXTRACTOR_VERSION = "1.0"

_DEFAULT = ClaimExtractor()


def extract_claims(doc: Doc) -> list[Claim]:
    """Attributed claims of a parsed ``Doc``, in text order."""
    return _DEFAULT(doc)


if not Doc.has_extension("claims"):
    Doc.set_extension("claims", default=None)


@Language.component("claimlink_claims", requires=["token.dep", "token.lemma"], assigns=["doc._.claims"])
def claims_component(doc: Doc) -> Doc:
    """Pipeline component: sets ``doc._.claims`` to :func:`extract_claims` of the doc."""
    doc._.claims = extract_claims(doc)
    return doc


@Language.component("claimlink_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """Before the parser: a line break always ends a sentence (titles, datelines and
    paragraphs must not run into each other), and so does a question or exclamation mark.

    Only the tokens at those characters are visited (found in the text, then by offset),
    not every token of the doc."""
    if len(doc) < 2:
        return doc
    text = _text(doc)
    starts = doc.to_array("IDX").tolist()
    last = len(doc) - 1
    for m in _BREAK_CHARS.finditer(text):
        i = bisect.bisect_right(starts, m.start()) - 1
        if i < 0 or i >= last:
            continue
        tok = doc[i]
        if m.group() == "\n":
            if "\n" in tok.text:
                doc[i + 1].is_sent_start = True
        elif tok.text == m.group() and doc[i + 1].text[:1].isalpha():
            # A question ends its sentence even when the next word is lower-case (headlines).
            doc[i + 1].is_sent_start = True
    return doc


_BREAK_CHARS = re.compile(r"\n|[?!](?=\s*\w)")
