"""The text of a parsed ``Doc``, spans over it, and paragraphs.

Every stage that needs a paragraph (the claim rules, speaker resolution, the review desk)
asks :func:`paragraph_starts` / :func:`paragraph_of`: a paragraph starts after a line
break and the blank space that follows it.
"""

from __future__ import annotations

import bisect
import re
from typing import TYPE_CHECKING

from .types import TextSpan

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

OPEN_QUOTES = "“«„"
CLOSE_QUOTES = "”»"
STRAIGHT = '"'
QUOTE_MARKS = OPEN_QUOTES + CLOSE_QUOTES + STRAIGHT
WORD = re.compile(r"\w+")
#: Punctuation trimmed from the edges of a span.
_EDGE = ",;:—–-"
_TEXT_KEY = "claimlink_text"
_PARAGRAPH_BREAK = re.compile(r"\n\s*")


def doc_text(doc: Doc) -> str:
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
    """Keep ``text``, the string ``doc`` was made from, for :func:`doc_text`."""
    doc.user_data[_TEXT_KEY] = text
    return doc


def paragraph_starts(text: str) -> list[int]:
    """Offsets where the paragraphs of ``text`` start (the first is 0)."""
    return [0] + [m.end() for m in _PARAGRAPH_BREAK.finditer(text)]


def paragraph_of(starts: list[int], offset: int) -> int:
    """Index of the paragraph that holds ``offset``, given :func:`paragraph_starts`."""
    return max(0, bisect.bisect_right(starts, offset) - 1)


def paragraph_bounds(text: str, offset: int) -> tuple[int, int]:
    """``(start, end)`` of the paragraph of ``text`` that holds ``offset``."""
    starts = paragraph_starts(text)
    start = starts[paragraph_of(starts, offset)]
    end = text.find("\n", offset)
    return start, len(text) if end < 0 else end


def make_span(doc: Doc, start: int, end: int) -> TextSpan:
    """A TextSpan over characters [start, end), trimmed of spaces and edge punctuation.
    A quote mark is trimmed only when its partner is not inside the span."""
    text = doc_text(doc)
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
            and not any(c in text[start + 1:end - 1] for c in QUOTE_MARKS):
        start, end = start + 1, end - 1
    return TextSpan(start, end, text[start:end])


def token_range_span(doc: Doc, tokens: list[Token]) -> TextSpan:
    """The trimmed span from the first to the last of ``tokens``."""
    first, last = min(tokens, key=lambda t: t.i), max(tokens, key=lambda t: t.i)
    return make_span(doc, first.idx, last.idx + len(last.text))
