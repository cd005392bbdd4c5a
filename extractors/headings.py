"""Headings: lines of a story whose capitals say nothing about names.

A story's first line is its headline; inside it, a short line without a full stop in
title case ("A Short Line In Title Case") or in capitals ("BOTH SIDES") is a heading. There
every word is capitalised, so a speaker named only there ("Bombshell Claim") is no name.
"""

from __future__ import annotations

import re

#: A line of at most this many words may be a heading inside a story ("Both Sides").
HEADING_WORDS = 14
_CAP_WORD = re.compile(r"[A-Za-z][\w'’-]{3,}")


def in_heading(text: str, offset: int) -> bool:
    """Is ``offset`` on a heading: the story's first line (its headline) when written in
    title case, or a short line without a full stop, in title case or in capitals?"""
    if "\n" not in text.strip():
        return False  # one line is a sentence, not a story with a headline
    start = text.rfind("\n", 0, offset) + 1
    end = text.find("\n", offset)
    line = text[start:end if end >= 0 else len(text)].strip()
    if sum(ch.isalpha() for ch in line) >= 4 and line.upper() == line:
        return True
    if start > 0 and (len(line.split()) > HEADING_WORDS or line[-1:] in ".?!\"'”’"):
        return False  # inside the story only a line that is no sentence is a heading
    words = _CAP_WORD.findall(line)
    return len(words) >= 3 and sum(w[:1].isupper() for w in words) >= 0.75 * len(words)


def named_in_body(text: str, name: str | None) -> bool:
    """Does the text outside heading lines write ``name`` capitalised?"""
    if not name:
        return False
    pattern = re.compile(r"(?<!\w)" + re.escape(name) + r"(?!\w)", re.I)
    return any(m.group(0)[:1].isupper() and not in_heading(text, m.start()) for m in pattern.finditer(text))
