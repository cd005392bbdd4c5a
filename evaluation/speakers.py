"""Speaker report over a store: are people kept together, and are speakers real speakers?

For each of the most-cited surnames, the claims that name that person (written with the
surname alone, or with the first name most used with it: "Trump", "Donald J. Trump", "Mr.
Trump", but not "Ivanka Trump" or "Donald Trump Jr.") are counted per canonical speaker:
how many speakers they are split into and the share under the main one. Every claim with
a speaker is judged by :func:`claimlink.extractors.speaker_check.speaker_problem`. A seeded
random sample of stored speakers is written for checking by hand.
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from claimlink.extractors.speaker_check import DATELINE, NOTE, QA_MARKER, speaker_problem
from claimlink.extractors.speaker_identity import SUFFIXES, first_name, identity_key, surname
from claimlink.models import schema as m

#: The page furniture the acceptance counts: datelines, notes and Q/A markers.
COUNTED_FURNITURE = (DATELINE, NOTE, QA_MARKER)


@dataclass(frozen=True, slots=True)
class StoredClaim:
    id: int
    speaker_id: int | None
    speaker: str | None  # canonical name
    label: str | None
    written: str | None  # name as resolved in the article
    mention: str | None
    sentence: str | None


def load(session: Session) -> list[StoredClaim]:
    q = (select(m.Claim.id, m.Claim.speaker_id, m.Speaker.name, m.Speaker.label, m.Claim.speaker_name,
                m.Claim.speaker_mention, m.Claim.sentence)
         .outerjoin(m.Speaker, m.Speaker.id == m.Claim.speaker_id).order_by(m.Claim.id))
    return [StoredClaim(*row) for row in session.execute(q)]


def report(session: Session, *, top: int = 10, names: list[str] | None = None) -> dict:
    claims = load(session)
    person_keys = {c.id: identity_key(c.written, "PERSON") for c in claims
                   if c.written and c.speaker_id is not None and c.label in ("PERSON", None)}
    if names is None:
        cited = Counter(surname(k) for k in person_keys.values() if k)
        names = [n for n, _ in cited.most_common(top)]
    rows = [_split_of(name.lower(), claims, person_keys) for name in names]
    return {"names": rows, "sanity": sanity(claims)}


def _split_of(name: str, claims: list[StoredClaim], person_keys: dict[int, str]) -> dict:
    keyed = {c.id: identity_key(c.written, "PERSON") for c in claims if c.written}
    firsts = Counter(first_name(k) for k in keyed.values()
                     if k and surname(k) == name and first_name(k) and not set(k.split()) & SUFFIXES)
    first = firsts.most_common(1)[0][0] if firsts else None
    mine = [c for c in claims if c.written and _names_person(keyed[c.id], name, first)]
    per = Counter(c.speaker_id for c in mine)
    main_id, main_n = per.most_common(1)[0] if per else (None, 0)
    main_name = next((c.speaker for c in mine if c.speaker_id == main_id), None)
    return {"name": name.title(), "first_name": first, "claims": len(mine), "speakers": len(per),
            "main_share": main_n / len(mine) if mine else 0.0, "main_speaker": main_name or "(no speaker)",
            "others": [{"speaker": next((c.speaker or c.written for c in mine if c.speaker_id == sid), None),
                        "claims": n} for sid, n in per.most_common()[1:6]]}


def _names_person(key: str | None, name: str, first: str | None) -> bool:
    """Does a claim's written name (identity key) name the person ``first`` ``name``?"""
    if not key:
        return False
    words = key.split()
    if words == [name]:
        return True
    if name not in words or set(words) & SUFFIXES:
        return False
    return surname(key) == name and first_name(key) == first


def sanity(claims: list[StoredClaim]) -> dict:
    by_problem: Counter = Counter()
    failing: dict[str, list[int]] = defaultdict(list)
    with_speaker = 0
    for c in claims:
        if not (c.written or c.mention):
            continue
        with_speaker += 1
        problem = speaker_problem(c.written or c.mention, mention=c.mention, sentence=c.sentence, label=c.label)
        if problem is not None and (c.written or problem in COUNTED_FURNITURE):
            by_problem[problem] += 1
            failing[problem].append(c.id)
    return {"with_speaker": with_speaker, "failing": sum(by_problem.values()),
            "furniture": sum(by_problem[p] for p in COUNTED_FURNITURE),
            "by_problem": dict(by_problem.most_common()),
            "examples": {p: ids[:5] for p, ids in failing.items()}}


def write_sample(session: Session, path: str, n: int, seed: int) -> int:
    """Write ``n`` stored speakers drawn at random (seeded) to ``path``, one a line:
    claim id, speaker name, the mention in the sentence. A stored speaker is a canonical
    speaker, or the description an unnamed source is shown by; each is drawn once, with
    one of its claims. Returns how many were written."""
    by_speaker: dict[str, list[StoredClaim]] = defaultdict(list)
    for c in load(session):
        shown = c.speaker or c.written
        if shown:
            by_speaker[f"#{c.speaker_id}" if c.speaker_id is not None else shown].append(c)
    rng = random.Random(seed)
    picked = rng.sample(sorted(by_speaker), min(n, len(by_speaker)))
    with open(path, "w", encoding="utf-8") as fh:
        fh.write("claim_id\tspeaker\tmention\n")
        for key in picked:
            c = rng.choice(by_speaker[key])
            mention = " ".join((c.mention or "").split())
            fh.write(f"{c.id}\t{c.speaker or c.written}\t{mention}\n")
    return len(picked)
