"""``claimlink compare``: do two short texts contradict each other?

Both texts go through the pipeline's own path -- the same spaCy pipeline, claim
extraction and :func:`claimlink.linker.features.analyse` -- and every claim of one is scored
against every claim of the other with :func:`claimlink.linker.scoring.score_pair`. A text is also
its own unattributed statement (a headline asserts what it says), so a bare claim
("The Batmobile was stolen") meets an attributed denial ("Studio denies Batmobile theft").
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

from claimlink.extractors.types import Claim, TextSpan
from .features import analyse
from .proposition import TermStats
from .scoring import ClaimRecord, Verdict, score_pair

#: Headlines in Title Case or CAPITALS confuse the tagger; words are lower-cased when
#: more than this share of them is capitalised (names found in the other text are kept).
TITLE_CASE_SHARE = 0.6


def sentence_case(text: str, keep: set[str]) -> str:
    """"Batmobile NOT Stolen, Contest Prize Remains Unclaimed" -> "Batmobile not stolen,
    contest prize remains unclaimed" (keeping words capitalised in ``keep``)."""
    words = text.split()
    alpha = [w for w in words if any(ch.isalpha() for ch in w)]
    if not alpha:
        return text
    caps = sum(1 for w in alpha if w[:1].isupper())
    if caps / len(alpha) < TITLE_CASE_SHARE:
        # Shouted words in an ordinary headline ("Obama administration DENIES claim",
        # "Batmobile NOT stolen"); short all-caps words are acronyms and stay.
        return " ".join(w.lower() if _shouted(w, keep) else w for w in words)
    out = []
    for i, w in enumerate(words):
        core = w.strip("\"'“”‘’.,:;!?()")
        if i == 0 or core.lower() in keep or (len(core) <= 4 and core.isupper() and len(alpha) > 3
                                                 and sum(x.isupper() for x in alpha) < len(alpha) / 2):
            out.append(w if i else w[:1].upper() + w[1:].lower() if w.isupper() and len(core) > 4 else w)
        else:
            out.append(w.lower())
    return " ".join(out)


_FUNCTION_WORDS = frozenset("not no never nope is was are did does".split())


def _shouted(word: str, keep: set[str]) -> bool:
    core = word.strip("\"'“”‘’.,:;!?()")
    return core.isupper() and core.isalpha() and core.lower() not in keep and (
        len(core) >= 4 or core.lower() in _FUNCTION_WORDS)


def _names(text: str) -> set[str]:
    """Words capitalised mid-sentence in ordinary text: probably names."""
    words = text.split()
    return {w.strip("\"'“”‘’.,:;!?()").lower() for i, w in enumerate(words) if i and w[:1].isupper()
            and not w.isupper()}


def _main_denial(doc: Doc) -> TextSpan | None:
    """What a short text denies when its main verb is a denial ("Officials shoot down
    claims that P"): the words after the verb. None when the main verb is no denial, the
    sentence asks, or what is denied is itself a call of falsity ("denies hoax claims")."""
    from claimlink.extractors.cues import is_denial

    from .lexicon import FALSITY

    for sent in doc.sents:
        root = sent.root
        if root.pos_ != "VERB" or not is_denial(root) or sent.text.rstrip().endswith("?"):
            continue
        after = [t for t in sent if t.i > root.i and t.dep_ != "prt" and not t.is_punct]
        if not after or any(t.lemma_.lower() in FALSITY or t.lower_ in FALSITY for t in after):
            return None
        return TextSpan(after[0].idx, after[-1].idx + len(after[-1].text),
                        doc.text[after[0].idx:after[-1].idx + len(after[-1].text)])
    return None


def text_records(doc: Doc, base_id: int) -> list[ClaimRecord]:
    """The claims of a short text, plus the text itself as an unattributed statement
    (which denies, when its main verb is a denial)."""
    claims, feats = analyse(doc)
    denied = _main_denial(doc)
    whole = Claim(cue=TextSpan(0, 0, ""), content=[TextSpan(0, len(doc.text), doc.text)], speaker=None,
                  kind="indirect", sentence=TextSpan(0, len(doc.text), doc.text),
                  stance="denies" if denied else "asserts", target_content=denied)
    wclaims, wfeats = analyse(doc, [whole])
    recs = []
    for i, (c, f) in enumerate(zip(wclaims + claims, wfeats + feats)):
        sp = c.speaker
        recs.append(ClaimRecord(id=base_id + i, speaker_name=sp.name if sp else None,
                                speaker_key=sp.key if sp else None, stance=c.stance, content=c.content_text,
                                features=f, target_speaker=c.target_speaker, article_id=None,
                                sentence_start=None))
    return recs


def compare_docs(doc_a: Doc, doc_b: Doc) -> Verdict:
    """The strongest verdict between any claim of ``doc_a`` and any of ``doc_b``, with
    term specificity counted over these two texts."""
    ra, rb = text_records(doc_a, 1), text_records(doc_b, 1000)
    return best_verdict(ra, rb, TermStats.of(r.features for r in ra + rb))


def best_verdict(ra: list[ClaimRecord], rb: list[ClaimRecord], stats: TermStats) -> Verdict:
    best = Verdict("none", 0.0)
    for a in ra:
        for b in rb:
            v = score_pair(a, b, stats)
            if (v.score, len(v.reasons)) > (best.score, len(best.reasons)):
                best = v
    return best


def compare_texts(nlp: Language, pairs: list[tuple[str, str]], batch_size: int = 64) -> list[Verdict]:
    """Verdicts for (a, b) text pairs, in order."""
    prepared = []
    for a, b in pairs:
        prepared += [sentence_case(a, _names(b)), sentence_case(b, _names(a))]
    docs = list(nlp.pipe(prepared, batch_size=batch_size))
    return compare_parsed(docs)


def compare_parsed(docs: list[Doc]) -> list[Verdict]:
    """Verdicts for parsed texts taken two by two; term specificity is counted over all
    of them, as a store counts it over its claims."""
    records = [text_records(d, 1 + 1000 * (i % 2)) for i, d in enumerate(docs)]
    distinct = {d.text: recs for d, recs in zip(docs, records)}  # a claim paired with many texts counts once
    stats = TermStats.of(r.features for recs in distinct.values() for r in recs)
    return [best_verdict(records[i], records[i + 1], stats) for i in range(0, len(docs), 2)]
