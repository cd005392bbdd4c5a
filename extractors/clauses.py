"""Clause spans: the part of a parse that is a claim's content.

A content clause is cut where the cue and its speaker begin, where another attribution
hangs off it, and before a closing aside of the writer's.
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from .lexicon import BELIEF_VERBS, SPEECH_VERBS
from .text import CLOSE_QUOTES, OPEN_QUOTES, STRAIGHT, WORD, make_span, token_range_span
from .types import TextSpan

#: Marks that open a writer's aside at the end of a phrase.
ASIDE_MARKS = (",", "—", "–", "--")


def nested_attributions(head: Token) -> set[int]:
    """Tokens of attributions hanging off a content clause as an adverbial or conjunct
    ("..., although he also said P", "... and told the crowd P", "..., adding P"): they
    are claims of their own, not this content."""
    out: set[int] = set()
    for tok in head.subtree:
        if tok is head or tok.dep_ not in ("advcl", "conj") or tok.pos_ != "VERB":
            continue
        if tok.lemma_.lower() in SPEECH_VERBS | BELIEF_VERBS:
            out.update(t.i for t in tok.subtree)
    return out


def trailing_aside(head: Token) -> set[int]:
    """Tokens of a non-restrictive relative clause or apposition that closes ``head``'s
    phrase after a comma or dash ("..., with whom he clashed", "... — a play on words"):
    the writer's aside, not the attributed material."""
    doc, end = head.doc, head.right_edge.i
    while end > head.i and doc[end].is_punct:
        end -= 1
    for tok in head.subtree:
        if tok is not head and tok.dep_ in ("relcl", "appos", "acl") and tok.right_edge.i >= end \
                and tok.left_edge.i > head.i and doc[tok.left_edge.i - 1].text in ASIDE_MARKS:
            return set(range(tok.left_edge.i - 1, head.right_edge.i + 1))
    return set()


def clause_span(doc: Doc, head: Token, exclude: set[int]) -> TextSpan | None:
    """Span of ``head``'s subtree, cut to the contiguous run around ``head`` that does
    not enter ``exclude`` (the cue and its speaker), a nested attribution or a trailing aside."""
    exclude = exclude | nested_attributions(head) | trailing_aside(head)
    idx = {t.i for t in head.subtree}
    left = right = head.i
    while left - 1 in idx and left - 1 not in exclude:
        left -= 1
    while right + 1 in idx and right + 1 not in exclude:
        right += 1
    # drop trailing punctuation, spaces and a conjunction left by a cut ("P and")
    while right > left and (doc[right].is_punct and doc[right].text not in CLOSE_QUOTES + STRAIGHT
                            or doc[right].is_space or doc[right].dep_ == "cc"):
        right -= 1
    while left < right and (doc[left].is_punct and doc[left].text not in OPEN_QUOTES + STRAIGHT
                            or doc[left].is_space):
        left += 1
    span = make_span(doc, doc[left].idx, doc[right].idx + len(doc[right].text))
    return span if WORD.search(span.text) else None


def clause_pieces(doc: Doc, head: Token, exclude: set[int]) -> list[TextSpan]:
    """``head``'s subtree without ``exclude``, one span per contiguous run: a cue that
    interrupts its content ("Many of them, he said, will leave") leaves two pieces."""
    keep = sorted(t.i for t in head.subtree if t.i not in exclude and not t.is_space)
    runs: list[list[int]] = []
    for i in keep:
        if runs and i == runs[-1][-1] + 1:
            runs[-1].append(i)
        else:
            runs.append([i])
    spans = [tokens_span(doc, [doc[i] for i in run], set()) for run in runs]
    return [s for s in spans if s is not None]


def tokens_span(doc: Doc, toks: list[Token], exclude: set[int]) -> TextSpan | None:
    """The span from the first to the last of ``toks`` outside ``exclude``."""
    toks = [t for t in toks if t.i not in exclude and not t.is_space]
    while toks and toks[-1].is_punct and toks[-1].text not in CLOSE_QUOTES + STRAIGHT:
        toks.pop()
    if not any(t.is_alpha for t in toks):
        return None
    span = token_range_span(doc, toks)
    return span if WORD.search(span.text) else None


def denied_target(doc: Doc, obj: Token) -> tuple[str | None, TextSpan | None]:
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
    target = clause_span(doc, clause, {obj.i}) if clause is not None else None
    return speaker, target
