"""The spaCy component the pipeline adds: line breaks and question marks end sentences."""

from __future__ import annotations

import bisect
import re

from spacy.language import Language
from spacy.tokens import Doc

from .text import doc_text

_BREAK_CHARS = re.compile(r"\n|[?!](?=\s*\w)")


@Language.component("claimlink_paragraphs", assigns=["token.is_sent_start"])
def paragraph_boundaries(doc: Doc) -> Doc:
    """Before the parser: a line break always ends a sentence (titles, datelines and
    paragraphs must not run into each other), and so does a question or exclamation mark.

    Only the tokens at those characters are visited (found in the text, then by offset),
    not every token of the doc."""
    if len(doc) < 2:
        return doc
    text = doc_text(doc)
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
