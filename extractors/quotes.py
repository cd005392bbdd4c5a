"""Quotations: found on the characters of a text, then mapped onto the tokens of a doc.

News style is understood: a quote that runs over paragraphs opens a mark on each and
closes only the last one.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from .text import CLOSE_QUOTES, OPEN_QUOTES, STRAIGHT, WORD, make_span
from .types import Kind, TextSpan

#: A quote shorter than this many word characters is a scare quote ("red lines"), which
#: is part of the sentence around it, not a claim of its own.
MIN_QUOTE_WORDS = 4


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation: ``pieces`` are the inner text of each paragraph it spans."""

    start: int  # offset of the opening mark
    end: int  # offset after the closing mark (or the paragraph end if never closed)
    pieces: tuple[tuple[int, int], ...]

    def words(self, text: str) -> int:
        return sum(len(WORD.findall(text[s:e])) for s, e in self.pieces)


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


class QuoteIndex:
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

    def pieces(self, q: int, doc: Doc) -> list[TextSpan]:
        """The inner text of quote ``q``, one span per paragraph."""
        return [make_span(doc, s, e) for s, e in self.quotes[q].pieces]


def with_whole_quotes(doc: Doc, content: list[TextSpan], qindex: QuoteIndex) -> list[TextSpan]:
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
    return [make_span(doc, s, e) for s, e in merged if e > s]


def quote_kind(doc: Doc, content: list[TextSpan], qindex: QuoteIndex) -> Kind:
    """direct: all content words are inside quotes; mixed: some are; indirect: none.
    A scare quote of a word or two inside an indirect clause still makes it mixed."""
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
        return "mixed"
    return "indirect"
