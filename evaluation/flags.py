"""Judging the flags of a real-news store: labelled precision, blind samples, recall.

A flag's side is keyed by ``(doc_id, start, end)``: the PolNeAR document and the
character offsets of the claim's content **in PolNeAR's text** (Python ``str``
offsets, from the start of the first content span to the end of the last). The store
keeps the text the flow extracted from the served page (whitespace normalised, the
headline first), so offsets are carried over by aligning the two texts on their
non-space characters (:class:`OffsetMap`). Keys in PolNeAR's offsets outlive changes to
page extraction, and never need PolNeAR's text in the repository.

Two files are keyed this way (JSON; see README, "The evaluation gate"):

- labels, ``{"format": LABELS_FORMAT, "labels": [{"a": key, "b": key, "label": "right" |
  "wrong", "rule": code | null, "sample": name, "date": "YYYY-MM-DD"}, ...]}``, judged
  blind with ``../shared/JUDGING_FLAGS.md``;
- genuine contradictions, ``{"format": PAIRS_FORMAT, "pairs": [{"a": key, "b": key,
  "why": ...}, ...]}``, the recall fixture (``format`` may be left out in both files).

A flag matches a labelled pair when both sides match, in either order: the same key, or
else (one to one, best first) the same documents with each side's span overlapping the
label's by ``LABEL_MIN_IOU`` (intersection over union), so that a content boundary moved
by a word still finds its label. Genuine pairs are found with the looser
``RECALL_MIN_IOU``: they are keyed on what a person marked, not on a past flag.
"""

from __future__ import annotations

import bisect
import difflib
import json
import random
import re
from dataclasses import asdict, dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimlink.evaluation import EvalDataError
from claimlink.models import schema as m

from .realnews import doc_id_of_url

LABELS_FORMAT = "claimlink-flag-labels/1"
PAIRS_FORMAT = "claimlink-contradictions/1"
#: What a wrong flag breaks: the first case of JUDGING_FLAGS.md that applies.
RULES = {
    "not-a-claim": "a side is not a claim someone made (dateline or note as speaker, a fragment)",
    "opinion": "opinion against opinion, insult, praise or a characterisation of a person",
    "prediction": "a prediction against a later outcome, or a state that changed between the dates",
    "same-speaker": "one speaker updating or repeating itself",
    "intention": "an intention or request treated as a factual claim",
    "different-proposition": "different propositions that share a name or a topic word",
    "mis-extraction": "wrong speaker, wrong or truncated content",
    "compatible": "same proposition, but both can be true and neither denies the other",
}
LABEL_MIN_IOU = 0.8
RECALL_MIN_IOU = 0.5


@dataclass(frozen=True)
class Key:
    doc_id: str
    start: int
    end: int

    def iou(self, other: "Key") -> float:
        if self.doc_id != other.doc_id:
            return 0.0
        inter = min(self.end, other.end) - max(self.start, other.start)
        return max(inter, 0) / (max(self.end, other.end) - min(self.start, other.start) or 1)


@dataclass(frozen=True)
class Side:
    key: Key | None  # None: the article is not a PolNeAR document, or the span did not align
    speaker: str | None
    cue: str
    content: str
    sentence: str | None
    outlet: str | None
    published: str | None


@dataclass(frozen=True)
class Flag:
    link_id: int
    a: Side
    b: Side

    @property
    def keys(self) -> tuple[Key, Key] | None:
        return (self.a.key, self.b.key) if self.a.key and self.b.key else None


class OffsetMap:
    """Offsets in ``stored`` (the text the flow kept) -> offsets in ``original``.

    Both texts are reduced to their non-space characters; each line of ``stored`` is
    found in ``original`` (from where the last one ended, then anywhere), and a line that
    extraction changed is aligned with difflib. Characters that align nowhere map to None.
    """

    def __init__(self, stored: str, original: str):
        self._pos = [i for i, ch in enumerate(stored) if not ch.isspace()]
        o_pos = [i for i, ch in enumerate(original) if not ch.isspace()]
        o_ns = "".join(original[i] for i in o_pos)
        self._to: list[int | None] = [None] * len(self._pos)
        cursor = 0
        for line in re.finditer(r"[^\n]+", stored):
            lo = bisect.bisect_left(self._pos, line.start())
            hi = bisect.bisect_left(self._pos, line.end())
            seg = "".join(stored[i] for i in self._pos[lo:hi])
            if not seg:
                continue
            at = o_ns.find(seg, cursor)
            at = at if at >= 0 else o_ns.find(seg)
            if at >= 0:
                self._to[lo:hi] = o_pos[at:at + len(seg)]
                cursor = at + len(seg)
                continue
            window = o_ns[cursor:cursor + 2 * len(seg) + 200]
            for blk in difflib.SequenceMatcher(None, seg, window, autojunk=False).get_matching_blocks():
                for k in range(blk.size):
                    self._to[lo + blk.a + k] = o_pos[cursor + blk.b + k]

    def span(self, start: int, end: int) -> tuple[int, int] | None:
        i = bisect.bisect_left(self._pos, start)
        j = bisect.bisect_left(self._pos, end) - 1
        if i > j or self._to[i] is None or self._to[j] is None or self._to[j] < self._to[i]:
            return None
        return self._to[i], self._to[j] + 1


def current_flags(engine, texts: dict[str, str]) -> list[Flag]:
    """The store's flagged pairs (``contradicts``), sides keyed in the original texts
    ``{doc_id: text}``. The doc_id comes from the URLs the article was seen at."""
    with Session(engine) as session:
        links = session.execute(select(m.ClaimLink.id, m.ClaimLink.claim_a_id, m.ClaimLink.claim_b_id)
                                .where(m.ClaimLink.relation == "contradicts").order_by(m.ClaimLink.id)).all()
        claim_ids = {c for _, a, b in links for c in (a, b)}
        claims = {}
        for chunk in _chunks(sorted(claim_ids)):
            claims.update({c.id: c for c in session.scalars(select(m.Claim).where(m.Claim.id.in_(chunk)))})
        arts = {}
        for chunk in _chunks(sorted({c.article_id for c in claims.values()})):
            arts.update({a.id: a for a in session.scalars(select(m.Article).where(m.Article.id.in_(chunk)))})
        doc_ids: dict[int, str | None] = {}
        for chunk in _chunks(sorted(arts)):
            for art_id, url in session.execute(select(m.ArticleUrl.article_id, m.ArticleUrl.url)
                                               .where(m.ArticleUrl.article_id.in_(chunk)).order_by(m.ArticleUrl.url)):
                doc_ids[art_id] = doc_ids.get(art_id) or doc_id_of_url(url)
        maps: dict[int, OffsetMap | None] = {}

        def side(claim) -> Side:
            art = arts[claim.article_id]
            doc_id = doc_ids.get(art.id)
            if art.id not in maps:
                maps[art.id] = OffsetMap(art.text, texts[doc_id]) if doc_id in texts else None
            spans = claim.content_spans or [{"start": claim.content_start,
                                             "end": claim.content_start + len(claim.content)}]
            mapped = maps[art.id].span(min(s["start"] for s in spans), max(s["end"] for s in spans)) \
                if maps[art.id] else None
            return Side(key=Key(doc_id, *mapped) if mapped else None, speaker=claim.speaker_name, cue=claim.cue,
                        content=claim.content, sentence=claim.sentence, outlet=art.outlet,
                        published=art.published.date().isoformat() if art.published else None)

        return [Flag(link_id, side(claims[a]), side(claims[b])) for link_id, a, b in links]


def _chunks(items: list, size: int = 500):
    for i in range(0, len(items), size):
        yield items[i:i + size]


# -- fixtures ---------------------------------------------------------------------------------
@dataclass(frozen=True)
class Labelled:
    a: Key
    b: Key
    label: str | None = None  # right | wrong; None in the recall fixture
    rule: str | None = None
    sample: str | None = None
    date: str | None = None


def _key(value, where: str) -> Key:
    try:
        key = Key(str(value["doc_id"]), int(value["start"]), int(value["end"]))
    except (KeyError, TypeError, ValueError):
        raise EvalDataError(f"{where}: expected {{doc_id, start, end}}") from None
    if not 0 <= key.start < key.end:
        raise EvalDataError(f"{where}: start must be >= 0 and before end")
    return key


def _read(path: str | Path, fmt: str, field: str) -> list[dict]:
    path = Path(path)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise EvalDataError(f"{path}: no such file") from None
    except (ValueError, UnicodeDecodeError) as exc:
        raise EvalDataError(f"{path}: not JSON: {exc}") from None
    # "format" may be left out; a file that names another format is refused
    if not isinstance(data, dict) or data.get("format", fmt) != fmt or not isinstance(data.get(field), list):
        raise EvalDataError(f"{path}: expected {{\"format\": \"{fmt}\", \"{field}\": [...]}}")
    return data[field]


def load_labels(path: str | Path) -> list[Labelled]:
    out = []
    for n, e in enumerate(_read(path, LABELS_FORMAT, "labels"), 1):
        where = f"{path}: label {n}"
        if not isinstance(e, dict):
            raise EvalDataError(f"{where}: expected an object")
        label, rule = e.get("label"), e.get("rule")
        if label not in ("right", "wrong"):
            raise EvalDataError(f"{where}: label must be right or wrong, not {label!r}")
        if label == "wrong" and rule not in RULES:
            raise EvalDataError(f"{where}: a wrong flag needs rule, one of {', '.join(RULES)}")
        out.append(Labelled(_key(e.get("a"), f"{where}, a"), _key(e.get("b"), f"{where}, b"), label,
                            rule if label == "wrong" else None, e.get("sample"), e.get("date")))
    return out


def load_pairs(path: str | Path) -> list[Labelled]:
    return [Labelled(_key(e.get("a") if isinstance(e, dict) else None, f"{path}: pair {n}, a"),
                     _key(e.get("b"), f"{path}: pair {n}, b"))
            for n, e in enumerate(_read(path, PAIRS_FORMAT, "pairs"), 1)]


# -- matching and figures -----------------------------------------------------------------------
def match(flags: list[Flag], pairs: list[Labelled], min_iou: float) -> dict[int, int]:
    """``{pair index: flag index}``, one to one, order of sides ignored: identical keys
    first, then the best overlap of the weaker side, at least ``min_iou``."""
    exact: dict[frozenset, int] = {}
    by_docs: dict[frozenset, list[int]] = {}
    for i, f in enumerate(flags):
        if f.keys:
            exact.setdefault(frozenset(f.keys), i)
            by_docs.setdefault(frozenset(k.doc_id for k in f.keys), []).append(i)
    out: dict[int, int] = {}
    used: set[int] = set()
    for p, pair in enumerate(pairs):
        i = exact.get(frozenset((pair.a, pair.b)))
        if i is not None and i not in used:
            out[p] = i
            used.add(i)
    scored = []
    for p, pair in enumerate(pairs):
        if p in out:
            continue
        for i in by_docs.get(frozenset((pair.a.doc_id, pair.b.doc_id)), ()):
            fa, fb = flags[i].keys
            score = max(min(pair.a.iou(fa), pair.b.iou(fb)), min(pair.a.iou(fb), pair.b.iou(fa)))
            if score >= min_iou:
                scored.append((-score, p, i))
    for _, p, i in sorted(scored):
        if p not in out and i not in used:
            out[p] = i
            used.add(i)
    return out


def precision(flags: list[Flag], labels: list[Labelled]) -> dict:
    """Precision over the labelled flags that are still raised, and what carries no label."""
    found = match(flags, labels, LABEL_MIN_IOU)
    raised = [labels[p] for p in found]
    right = sum(lab.label == "right" for lab in raised)
    wrong_by_rule: dict[str, int] = {}
    for lab in raised:
        if lab.label == "wrong":
            wrong_by_rule[lab.rule] = wrong_by_rule.get(lab.rule, 0) + 1
    return {"flags": len(flags), "labels": len(labels), "labelled_still_raised": len(raised),
            "labelled_no_longer_raised": len(labels) - len(raised), "right": right,
            "precision": round(right / len(raised), 4) if raised else None,
            "flags_without_label": len(flags) - len(raised),
            "flags_without_key": sum(f.keys is None for f in flags),
            **{f"wrong_{rule}": n for rule, n in sorted(wrong_by_rule.items())}}


def recall(flags: list[Flag], pairs: list[Labelled]) -> dict:
    found = match(flags, pairs, RECALL_MIN_IOU)
    return {"genuine_pairs": len(pairs), "genuine_flagged": len(found),
            "recall": round(len(found) / len(pairs), 4) if pairs else None}


# -- blind samples -------------------------------------------------------------------------------
def blind_sample(flags: list[Flag], n: int, seed: int, name: str, date: str) -> tuple[dict, dict]:
    """A seeded random sample of ``n`` flags with a side's key, speaker, cue, content and
    sentence (no score, no reasons), and the labels template for it (keys only, no text).
    Entry ``n`` of one is entry ``n`` of the other."""
    keyed = sorted((f for f in flags if f.keys), key=lambda f: f.link_id)
    picked = random.Random(seed).sample(keyed, min(n, len(keyed)))
    sample = {"sample": name, "date": date, "seed": seed, "of_flags": len(keyed), "flags": [
        {"n": k, "a": _shown(f.a), "b": _shown(f.b)} for k, f in enumerate(picked, 1)]}
    template = {"format": LABELS_FORMAT, "labels": [
        {"n": k, "a": asdict(f.a.key), "b": asdict(f.b.key), "label": None, "rule": None, "sample": name,
         "date": date} for k, f in enumerate(picked, 1)]}
    return sample, template


def _shown(side: Side) -> dict:
    return {**asdict(side.key), "outlet": side.outlet, "published": side.published, "speaker": side.speaker,
            "cue": side.cue, "content": side.content, "sentence": side.sentence}


def outside_repository(path: str | Path) -> Path:
    """``path``, refused when it lies inside this source tree: a sample quotes PolNeAR."""
    path = Path(path).resolve()
    root = Path(__file__).resolve().parent.parent
    if (root / "pyproject.toml").is_file() and path.is_relative_to(root):
        raise EvalDataError(f"{path} is inside the repository; a sample quotes PolNeAR text, write it elsewhere")
    return path
