"""What a verb cue reports: one small function per content pattern, tried in order.

Each pattern looks at a :class:`VerbCue` and returns ``None`` when its shape is absent, so
the next one is tried; a pattern whose shape is present decides the content, even when it
finds none. :data:`VERB_PATTERNS` is the order; the name of the pattern that decided is
kept on the claim (``Claim.rule``).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from .clauses import clause_pieces, clause_span, denied_target, nested_attributions, tokens_span, trailing_aside
from .cues import cue_span, entity_label, is_denial, prep_cue, subject
from .lexicon import BELIEF_VERBS, EVIDENTIAL_VERBS, INTENT_VERBS, NP_CUE_VERBS, SPEECH_VERBS
from .quotes import QuoteIndex, quote_kind, with_whole_quotes
from .text import WORD, doc_text, make_span, token_range_span
from .types import Claim, Speaker, TextSpan

CLAUSE_DEPS = ("ccomp",)
_CUE_PARTS = ("aux", "auxpass", "neg", "prt")
#: A quote that starts this many characters after the cue is still beside it.
QUOTE_REACH = 40


# -- the cue and its surroundings -------------------------------------------------------------
@dataclass
class VerbCue:
    """A cue verb in its sentence, with what the patterns look at."""

    doc: Doc
    sent: Span
    verb: Token
    qindex: QuoteIndex
    used_quotes: set[int]
    min_quote_words: int
    lemma: str = ""
    denial: bool = False
    subj: Token | None = None
    speaker_ids: set[int] = field(default_factory=set)
    exclude: set[int] = field(default_factory=set)
    comps: list[Token] = field(default_factory=list)
    objs: list[Token] = field(default_factory=list)
    colon: Token | None = None

    def __post_init__(self) -> None:
        doc, verb = self.doc, self.verb
        self.lemma = verb.lemma_.lower()
        self.denial = is_denial(verb)
        self.subj = subject(verb)
        if self.subj is not None and self.sent.start <= self.subj.i < self.sent.end:
            self.speaker_ids = {t.i for t in self.subj.subtree}
            if verb in self.subj.subtree:
                # the noun a clause describes ("a group that backed X"): its words before the clause
                branch = next(c for c in self.subj.children if verb in c.subtree)
                self.speaker_ids = {i for i in self.speaker_ids if i < branch.left_edge.i} or {self.subj.i}
        self.exclude = {verb.i} | self.speaker_ids | {c.i for c in verb.children if c.dep_ in _CUE_PARTS}
        self.comps = [c for c in verb.children if c.dep_ in CLAUSE_DEPS and c.i not in self.speaker_ids]
        self.objs = [c for c in verb.children if c.dep_ in ("dobj", "attr") and c.pos_ in ("NOUN", "PROPN", "PRON")]
        self.colon = next((c for c in verb.children if c.text == ":" and c.i > verb.i), None)
        if self.colon is None and verb.i + 1 < len(doc) and doc[verb.i + 1].text == ":":
            self.colon = doc[verb.i + 1]

    @property
    def reports(self) -> bool:
        """A verb of speech or belief."""
        return self.lemma in SPEECH_VERBS or self.lemma in BELIEF_VERBS


@dataclass
class Content:
    """What a pattern found: the content spans and, for a denial, what is denied."""

    spans: list[TextSpan]
    target_speaker: str | None = None
    target_content: TextSpan | None = None


def adjacent_quotes(cue: VerbCue) -> list[TextSpan]:
    """Quotes in or ending in this sentence that the cue stands beside:
    ``"A," he said, "B."`` gives both A and B. A quote after the cue may be separated from
    it by the addressee (``told reporters, "B."``). A short quote counts only when the
    sentence is nothing but the quote, the speaker and the cue (``"Not one," he said.``):
    inside a longer sentence it is a scare quote."""
    doc, verb, qindex = cue.doc, cue.verb, cue.qindex
    text = doc_text(doc)
    after = verb.idx + len(verb.text)
    addressee = {t.i for c in verb.children if c.dep_ in ("dobj", "dative") for t in c.subtree}
    spans = []
    for q in qindex.in_span(cue.sent):
        if q in cue.used_quotes:
            continue
        quote = qindex.quotes[q]
        if quote.words(text) < 1:
            continue
        between = doc.char_span(after, quote.start, alignment_mode="expand") if quote.start > after else None
        # only quotes next to the cue clause: before it, right after it, or after its addressee
        if quote.start < verb.idx or quote.start - after < QUOTE_REACH or between is not None and all(
                t.i in addressee or t.is_punct or t.is_space for t in between):
            spans.extend(qindex.pieces(q, doc))
    if not spans:
        return []
    if sum(len(WORD.findall(s.text)) for s in spans) >= cue.min_quote_words:
        return spans
    bare = all(qindex.inside(t) or t.is_punct or t.is_space or t.i in cue.exclude for t in cue.sent)
    return spans if bare else []


# -- the patterns, in the order they are tried -------------------------------------------------
def appearance(cue: VerbCue) -> Content | None:
    """"X seems ready", "X appears to P", "it appears that P", and the passive "X is
    expected to P": an impression attributed to no one, with what seems so (the subject
    and its complement, or the clause) as content."""
    patient = next((c for c in cue.verb.children if c.dep_ == "nsubjpass"), None)
    if cue.lemma not in EVIDENTIAL_VERBS and (patient is None or cue.subj is not None or not cue.reports
                                            and cue.lemma not in INTENT_VERBS):
        return None
    if cue.comps:
        return clause_complement(cue)
    subj = cue.subj or patient
    complement = [c for c in cue.verb.children if c.dep_ in ("xcomp", "acomp", "attr", "oprd")]
    if not complement or subj is None or subj.pos_ == "PRON" or subj.i > cue.verb.i:
        return Content([]) if patient is None else None
    subject_span = tokens_span(cue.doc, list(subj.subtree), set())
    rest = tokens_span(cue.doc, [t for c in complement for t in c.subtree], set())
    return Content([s for s in (subject_span, rest) if s is not None])


def clause_complement(cue: VerbCue) -> Content | None:
    """"X said (that) P": the clausal complement."""
    if not cue.comps:
        return None
    return Content([s for c in cue.comps if (s := clause_span(cue.doc, c, cue.exclude))])


def after_colon(cue: VerbCue) -> Content | None:
    """"X said: P": the quote or the rest of the sentence after the colon."""
    if cue.colon is None:
        return None
    doc, nxt = cue.doc, cue.colon.i + 1
    while nxt < len(doc) and doc[nxt].is_space:
        nxt += 1
    if nxt >= len(doc):
        return Content([])
    q = cue.qindex.of_token[nxt]
    if q >= 0 and q not in cue.used_quotes:
        return Content(cue.qindex.pieces(q, doc))
    span = make_span(doc, doc[nxt].idx, doc[nxt].sent.end_char)
    return Content([span] if WORD.search(span.text) else [])


def denied_gerund(cue: VerbCue) -> Content | None:
    """"denies taking a selfie": a gerund is what is denied."""
    if not cue.denial or cue.objs:
        return None
    vobj = next((c for c in cue.verb.children if c.dep_ in ("xcomp", "dobj", "pcomp") and c.pos_ == "VERB"), None)
    if vobj is None:
        return None
    span = clause_span(cue.doc, vobj, cue.exclude)
    return Content([span], target_content=span) if span else Content([])


def denied_object(cue: VerbCue) -> Content | None:
    """"denied Gerasimov's claims", "rejected reports that P": the object, and whose
    statement or which proposition it names."""
    if not cue.denial or not cue.objs:
        return None
    span = clause_span(cue.doc, cue.objs[0], cue.exclude)
    if not span:
        return Content([])
    speaker, target = denied_target(cue.doc, cue.objs[0])
    return Content([span], target_speaker=speaker, target_content=target)


def reported_clause(cue: VerbCue) -> Content | None:
    """"P, the official said" and "P1, he said, P2": the cue hangs off the clause it
    reports, after it or inside it."""
    verb = cue.verb
    if not (verb.dep_ == "parataxis" and verb.head.pos_ in ("VERB", "AUX") and cue.subj is not None
            and cue.reports):
        return None
    cut = cue.exclude | {t.i for t in verb.subtree}
    if verb.head.i < verb.i:
        span = clause_span(cue.doc, verb.head, cut)
        return Content([span] if span else [])
    return Content(clause_pieces(cue.doc, verb.head, cut | nested_attributions(verb.head)))


def quotes_beside(cue: VerbCue) -> Content | None:
    """'"P," he said': the quotes beside a verb of speech or belief."""
    quoted = adjacent_quotes(cue) if cue.reports else []
    return Content(quoted) if quoted else None


def infinitive(cue: VerbCue) -> Content | None:
    """"X wants to P", "X urged Y to P": the infinitive with its object."""
    xcomp = next((c for c in cue.verb.children if c.dep_ == "xcomp" and c.pos_ in ("VERB", "AUX")), None)
    if xcomp is None or cue.lemma not in INTENT_VERBS or cue.subj is None:
        return None
    toks = list(xcomp.subtree) + [t for o in cue.objs for t in o.subtree]
    span = tokens_span(cue.doc, toks, cue.exclude)
    return Content([span] if span else [])


def for_phrase(cue: VerbCue) -> Content | None:
    """"X called for P", "X called on Y to P"."""
    if cue.lemma not in INTENT_VERBS or cue.subj is None:
        return None
    prep = next((c for c in cue.verb.children if c.dep_ == "prep" and c.lower_ in ("for", "on")
                 and c.i > cue.verb.i), None)
    if prep is None:
        return None
    span = tokens_span(cue.doc, [t for t in prep.subtree if t is not prep], cue.exclude)
    return Content([span] if span else [])


def prep_object(cue: VerbCue) -> Content | None:
    """"X, referring to P", "X talked about P": the object of the cue's preposition."""
    prep = prep_cue(cue.verb)
    if prep is None or cue.subj is None:
        return None
    pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None)
    if pobj is None:
        return Content([])
    aside = trailing_aside(pobj)
    span = tokens_span(cue.doc, [t for t in pobj.subtree if t.i not in aside], cue.exclude)
    return Content([span] if span else [])


def noun_object(cue: VerbCue) -> Content | None:
    """"X cited P", "X called Y a liar", "X accused him of P", "X stressed his record",
    "the poll shows X with a lead": the object with what completes it, the label or the
    prepositional phrases that follow it. A bare pronoun object ("X praised him") says
    too little to be content; with its complement ("called him a liar") it is."""
    if not cue.objs or cue.subj is None:
        return None
    obj = cue.objs[0]
    if cue.lemma not in NP_CUE_VERBS and not cue.qindex.in_span(cue.doc[obj.left_edge.i: obj.right_edge.i + 1]):
        return None
    complement = [c for c in cue.verb.children if c.dep_ in ("oprd", "xcomp", "ccomp")
                  or c.i > obj.i and c.dep_ == "prep"]
    if obj.pos_ == "PRON" and not complement:
        return None
    aside = trailing_aside(obj)
    toks = [t for t in obj.subtree if t.i not in aside] + [t for c in complement for t in c.subtree]
    span = tokens_span(cue.doc, toks, cue.exclude)
    return Content([span] if span else [])


def quote_before(cue: VerbCue) -> Content | None:
    """A paragraph that is one quote, then "Jane Doe said at the rally.": a sentence that
    opens with the speaker and its cue and reports nothing of its own takes the quote that
    ends right before it."""
    subj, sent = cue.subj, cue.sent
    if not cue.reports or subj is None or subj.left_edge.i != sent.start or subj.i > cue.verb.i:
        return None
    text = doc_text(cue.doc)
    for q in range(len(cue.qindex.quotes) - 1, -1, -1):
        quote = cue.qindex.quotes[q]
        if quote.end <= sent.start_char:
            # the quote is a paragraph of its own: a quote inside a paragraph has its cue there
            if q in cue.used_quotes or text[quote.end:sent.start_char].strip(" \n\t,") \
                    or quote.words(text) < cue.min_quote_words or text[:quote.start].rstrip(" \t")[-1:] not in ("", "\n"):
                return None
            return Content(cue.qindex.pieces(q, cue.doc))
    return None


VerbPattern = Callable[[VerbCue], "Content | None"]
VERB_PATTERNS: tuple[VerbPattern, ...] = (
    appearance, clause_complement, after_colon, denied_gerund, denied_object, reported_clause,
    quotes_beside, infinitive, for_phrase, prep_object, noun_object, quote_before,
)


def verb_claim(cue: VerbCue) -> Claim | None:
    """The claim of a cue verb: the first pattern whose shape is present gives the content."""
    doc, qindex = cue.doc, cue.qindex
    rule, found = next(((p.__name__, c) for p in VERB_PATTERNS if (c := p(cue)) is not None), ("", Content([])))
    content = with_whole_quotes(doc, found.spans, qindex)
    if content and quote_kind(doc, content, qindex) == "direct":
        # "A," he said, "B.": a quote cue also governs the quote that resumes after it.
        for extra in adjacent_quotes(cue):
            if not any(s.start <= extra.start < s.end or extra.start <= s.start < extra.end for s in content):
                content.append(extra)
        content.sort(key=lambda s: s.start)
    if not content:
        return None
    if not cue.reports and not cue.denial and cue.subj is None:
        return None
    for s in content:
        for q in qindex.in_span(doc.char_span(s.start, s.end, alignment_mode="expand") or doc[0:0]):
            cue.used_quotes.add(q)
    target_content = found.target_content
    if cue.denial and target_content is None and cue.comps:
        target_content = content[0]
    speaker = None
    if cue.subj is not None and rule != "appearance":
        cue_ids = cue.exclude - cue.speaker_ids
        words = [t for t in cue.subj.subtree if t.i not in cue_ids
                 and (t.i in cue.speaker_ids or cue.verb not in cue.subj.subtree)]
        speaker = Speaker(mention=token_range_span(doc, words or [cue.subj]),
                          label=entity_label(cue.subj))
    claim = Claim(cue=cue_span(doc, cue.verb), content=content, speaker=speaker,
                  kind=quote_kind(doc, content, qindex), stance="denies" if cue.denial else "asserts",
                  cue_lemma=cue.lemma, target_speaker=found.target_speaker, target_content=target_content,
                  rule=rule)
    claim.subject_token = cue.subj
    return claim
