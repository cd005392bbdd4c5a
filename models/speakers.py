"""Canonical speakers in the store: one row per real person or organisation.

Claim extraction gives every named speaker an identity key
(:func:`claimlink.extractors.speaker_identity.identity_key`), already resolved within its
article. :func:`assign_speakers` routes each key to a stored speaker, in this order:

1. a desk decision: a key the desk merged or split into a speaker goes there;
2. a bare surname ("trump") whose article never gave the full name goes to the person of
   that surname with most claims in articles published within ``SURNAME_WINDOW_DAYS``
   (or, when nobody of that surname has claims then, ``WIDER_WINDOW_DAYS``), but only when
   that person holds at least ``DOMINANT_SHARE`` of those claims: with two Clintons in the
   news at once, a bare "Clinton" stays a speaker of its own;
3. the speaker with that key;
4. a name with middle names ("hillary rodham clinton") goes to the speaker with the first
   name and surname only, when there is one;
5. otherwise a new speaker.

Every form of a name seen goes to ``speaker_aliases`` with its claim count. The desk fixes
what the rules miss with :func:`merge_speakers` and :func:`split_speaker`; both write a
``speaker_audit`` row. Functions take a ``Session`` and never commit.
"""

from __future__ import annotations

from collections import Counter
from datetime import datetime, timedelta

from sqlalchemy import bindparam, case, func, select, update
from sqlalchemy.orm import Session

from claimlink.errors import ClaimlinkError
from claimlink.extractors.speaker_identity import identity_key, is_bare_surname, short_form, surname

from . import schema as m
from .upsert import insert_ignore

#: Days before and after an article's publication in which a bare surname looks for the
#: person it names; when nobody of that surname has claims then, the wider window.
SURNAME_WINDOW_DAYS = 30
WIDER_WINDOW_DAYS = 180
WINDOWS_DAYS = (SURNAME_WINDOW_DAYS, WIDER_WINDOW_DAYS)
#: Share of the surname's claims in the window the dominant person must hold.
DOMINANT_SHARE = 0.8
#: Claims the dominant person must have in the window: one article is not a pattern.
DOMINANT_MIN_CLAIMS = 3
DESK_ORIGINS = ("merge", "split")
#: Labels a bare surname may carry: the tagger often calls a lone surname an organisation.
PERSONLIKE = ("PERSON", "ORG", None)


class SpeakerError(ClaimlinkError, ValueError):
    """A speaker named on the command line does not exist, or names several; a merge or
    split that cannot be done."""

    code = "E630"


def assign_speakers(session: Session, article: m.Article, claims: list) -> dict[str, int]:
    """Speaker ids for an article's claims (``extractors.types.Claim``), creating speakers
    as needed and recording the forms seen. Each claim's ``speaker.key`` becomes the key of
    the speaker it was routed to. Returns ``{key: speaker id}``."""
    named = [c.speaker for c in claims if c.speaker is not None and c.speaker.key]
    if not named:
        return {}
    wanted: dict[str, tuple[str, str | None]] = {}
    for sp in named:
        wanted.setdefault(sp.key, (sp.name or sp.key, sp.label))
    route = _routes(session, wanted, article.published)
    keys = dict(session.execute(select(m.Speaker.id, m.Speaker.key).where(m.Speaker.id.in_(set(route.values())))).all())
    forms: Counter = Counter()
    labels: dict[tuple[int, str], str | None] = {}
    for sp in named:
        sid = route[sp.key]
        form = (sp.name or sp.key)[:300]
        forms[(sid, form)] += 1
        labels[(sid, form)] = sp.label
        sp.key = keys[sid]
    _record_forms(session, forms, labels, article.published)
    people = {surname(keys[sid]) for (sid, _), lab in labels.items() if lab == "PERSON" and not is_bare_surname(keys[sid])}
    pending = Counter()  # this article's claims, not inserted yet
    for (sid, _), n in forms.items():
        pending[sid] += n
    for name in sorted(people - set(keys.values()) - {None}):
        absorb_bare_surname(session, name, article.published, pending)
    return {keys[sid]: sid for sid in route.values()}


def _routes(session: Session, wanted: dict[str, tuple[str, str | None]], published: datetime | None) -> dict[str, int]:
    """Speaker ids for identity keys (``{key: (name, label)}``), in the order of the
    module docstring: desk decision, dominant person, same key, short form, new."""
    keys = list(wanted)
    shorts = {k: short for k in keys if (short := short_form(k)) is not None}
    desk = dict(session.execute(select(m.SpeakerAlias.key, m.SpeakerAlias.speaker_id)
                                .where(m.SpeakerAlias.key.in_(keys), m.SpeakerAlias.origin.in_(DESK_ORIGINS))
                                .order_by(m.SpeakerAlias.id)).all())  # the latest decision wins
    known = dict(session.execute(select(m.Speaker.key, m.Speaker.id)
                                 .where(m.Speaker.key.in_(keys + list(shorts.values())))).all())
    out: dict[str, int] = {}
    new: dict[str, tuple[str, str | None]] = {}
    for key, (name, label) in wanted.items():
        person = dominant_person(session, key, published) \
            if key not in desk and is_bare_surname(key) and label in PERSONLIKE else None
        found = desk.get(key) or person or known.get(key) or known.get(shorts.get(key))
        if found is not None:
            out[key] = found
        else:
            new[key] = (name, label)
    if new:
        insert_ignore(session, m.Speaker, [{"key": k, "name": n[:300], "label": lab} for k, (n, lab) in new.items()])
        out.update(session.execute(select(m.Speaker.key, m.Speaker.id).where(m.Speaker.key.in_(list(new)))).all())
    return out


def dominant_person(session: Session, name: str, published: datetime | None,
                    pending: Counter | None = None) -> int | None:
    """The speaker a bare surname most likely names around ``published``: the person of
    that surname (written in full) with most claims in the window, when unambiguous.
    ``pending`` adds claims not stored yet, by speaker id (of an article in the window)."""
    people = select(m.SpeakerAlias.speaker_id).where(m.SpeakerAlias.surname == name, m.SpeakerAlias.key != name)
    q = (select(m.Claim.speaker_id, func.count())
         .join(m.Article, m.Article.id == m.Claim.article_id)
         .where(m.Claim.speaker_id.in_(people))
         .group_by(m.Claim.speaker_id))
    counts: Counter = Counter()
    for days in WINDOWS_DAYS if published is not None else (None,):
        near = q if days is None else q.where(m.Article.published.between(published - timedelta(days=days),
                                                                           published + timedelta(days=days)))
        counts = Counter(dict(session.execute(near).all()))
        if counts:
            break
    if pending:
        known = set(session.scalars(people))
        counts.update({sid: n for sid, n in pending.items() if sid in known})
    if not counts:
        return None
    (best, n), total = counts.most_common(1)[0], sum(counts.values())
    if n >= DOMINANT_MIN_CLAIMS and n / total >= DOMINANT_SHARE:
        return best
    return None


def absorb_bare_surname(session: Session, name: str, published: datetime | None,
                        pending: Counter | None = None) -> int:
    """Claims stored under a bare surname before the person was known: those published
    within the window of ``published`` move to the person the surname now names, when
    that is unambiguous (:func:`dominant_person`). A bare-surname speaker left without
    claims is deleted. Desk decisions are kept. Returns the claims moved."""
    bare = session.scalar(select(m.Speaker).where(m.Speaker.key == name))
    if bare is None or session.scalar(select(m.SpeakerAlias.id).where(
            m.SpeakerAlias.key == name, m.SpeakerAlias.origin.in_(DESK_ORIGINS)).limit(1)) is not None:
        return 0
    q = (select(m.Claim.id, m.Claim.speaker_name, m.Article.published)
         .join(m.Article, m.Article.id == m.Claim.article_id).where(m.Claim.speaker_id == bare.id))
    if published is not None:
        window = timedelta(days=WIDER_WINDOW_DAYS)
        q = q.where(m.Article.published.between(published - window, published + window))
    by_day: dict = {}
    for cid, form, day in session.execute(q):
        by_day.setdefault(day, []).append((cid, form))
    moved = 0
    for day, rows in by_day.items():
        person = dominant_person(session, name, day, pending)
        if person is None or person == bare.id:
            continue
        session.execute(update(m.Claim).where(m.Claim.id.in_([cid for cid, _ in rows])).values(speaker_id=person))
        forms = Counter(form or name for _, form in rows)
        _record_forms(session, Counter({(person, f): n for f, n in forms.items()}),
                      {(person, f): "PERSON" for f in forms}, None)
        for f, n in forms.items():
            session.execute(update(m.SpeakerAlias).where(m.SpeakerAlias.speaker_id == bare.id, m.SpeakerAlias.form == f)
                            .values(claims=m.SpeakerAlias.claims - n))
        moved += len(rows)
    if moved and session.scalar(select(func.count()).select_from(m.Claim).where(m.Claim.speaker_id == bare.id)) == 0:
        session.delete(bare)
    return moved


def _record_forms(session: Session, forms: Counter, labels: dict, published: datetime | None) -> None:
    rows = []
    for (sid, form), _n in forms.items():
        key = identity_key(form, labels[(sid, form)] or "PERSON") or form.casefold()
        person = labels[(sid, form)] in ("PERSON", None)
        family = surname(key) if person else None  # None for a key of suffixes only ("jr")
        rows.append({"speaker_id": sid, "form": form, "key": key[:300], "surname": family[:120] if family else None,
                     "origin": "seen", "claims": 0, "first_seen": published, "last_seen": published})
    insert_ignore(session, m.SpeakerAlias, rows)
    table = m.SpeakerAlias.__table__
    seen = table.c.last_seen
    when = bindparam("when", type_=table.c.last_seen.type)
    bump = (table.update().where(table.c.speaker_id == bindparam("sid"), table.c.form == bindparam("f"))
            .values(claims=table.c.claims + bindparam("n"),
                    last_seen=case((seen.is_(None) | (seen < when), when), else_=seen) if published else seen))
    session.execute(bump, [{"sid": sid, "f": form, "n": n, "when": published} for (sid, form), n in forms.items()])


# -- the desk -----------------------------------------------------------------------------------
def find_speaker(session: Session, ref: str) -> m.Speaker:
    """The speaker ``ref`` names: an id ("#12" or "12"), a key, a name or a form seen.
    Raises :class:`SpeakerError` when none or several match."""
    text = ref.strip()
    if text.lstrip("#").isdigit():
        sp = session.get(m.Speaker, int(text.lstrip("#")))
        if sp is None:
            raise SpeakerError(f"no speaker with id {text.lstrip('#')}")
        return sp
    candidates = {identity_key(text, "PERSON"), identity_key(text, None)} - {None}
    found = list(session.scalars(select(m.Speaker).where(
        m.Speaker.key.in_(candidates) | (func.lower(m.Speaker.name) == text.lower()))))
    if not found:
        found = list(session.scalars(select(m.Speaker).where(m.Speaker.id.in_(
            select(m.SpeakerAlias.speaker_id).where(func.lower(m.SpeakerAlias.form) == text.lower())))))
    if not found:
        raise SpeakerError(f"no speaker named {ref!r} (try `claimlink speakers list --like {ref!r}`)")
    if len(found) > 1:
        listed = ", ".join(f"#{s.id} {s.name!r}" for s in found[:10])
        raise SpeakerError(f"{ref!r} names {len(found)} speakers: {listed}; give an id such as #{found[0].id}")
    return found[0]


def merge_speakers(session: Session, keep: m.Speaker, absorb: m.Speaker, *, actor: str,
                   note: str | None = None) -> m.SpeakerAudit:
    """Merge ``absorb`` into ``keep``: its claims and forms move to ``keep``, its key is
    routed to ``keep`` from now on, and it is deleted. Returns the audit row."""
    if keep.id == absorb.id:
        raise SpeakerError(f"#{keep.id} {keep.name!r} cannot be merged into itself")
    claim_ids = list(session.scalars(select(m.Claim.id).where(m.Claim.speaker_id == absorb.id)))
    forms = _move_forms(session, absorb.id, keep.id, None)
    session.execute(update(m.Claim).where(m.Claim.speaker_id == absorb.id).values(speaker_id=keep.id))
    insert_ignore(session, m.SpeakerAlias, [{
        "speaker_id": keep.id, "form": absorb.name, "key": absorb.key, "surname": None, "origin": "merge",
        "claims": 0, "first_seen": None, "last_seen": None}])
    session.execute(update(m.SpeakerAlias).where(m.SpeakerAlias.key == absorb.key,
                                                 m.SpeakerAlias.speaker_id == keep.id).values(origin="merge"))
    audit = m.SpeakerAudit(action="merge", speaker_id=keep.id, speaker_key=keep.key, speaker_name=keep.name,
                           other_id=absorb.id, other_key=absorb.key, other_name=absorb.name,
                           claims_moved=len(claim_ids), detail={"forms": forms, "claim_ids": claim_ids},
                           actor=actor, note=note)
    session.add(audit)
    session.delete(absorb)
    session.flush()
    return audit


def split_speaker(session: Session, source: m.Speaker, into: str, *, forms: list[str] = (),
                  claim_ids: list[int] = (), actor: str, note: str | None = None) -> m.SpeakerAudit:
    """Move claims of ``source`` to the speaker named ``into`` (created when new): those
    written with one of ``forms`` and those in ``claim_ids``. A form whose key is not the
    source's own key is routed to the new speaker from now on. Returns the audit row."""
    if not forms and not claim_ids:
        raise SpeakerError("say which claims to split off: --form NAME or --claim ID")
    target = _speaker_for(session, into, source.label)
    if target.id == source.id:
        raise SpeakerError(f"{into!r} is {source.name!r} itself")
    lowered = [f.lower() for f in forms]
    q = select(m.Claim.id).where(m.Claim.speaker_id == source.id)
    conds = []
    if lowered:
        conds.append(func.lower(m.Claim.speaker_name).in_(lowered))
    if claim_ids:
        conds.append(m.Claim.id.in_(list(claim_ids)))
    moved = list(session.scalars(q.where(conds[0] if len(conds) == 1 else conds[0] | conds[1])))
    unknown = sorted(set(claim_ids) - set(moved))
    if unknown:
        raise SpeakerError(f"claims {unknown} are not {source.name!r}'s")
    if not moved:
        raise SpeakerError(f"no claim of {source.name!r} is written as {', '.join(map(repr, forms))}")
    session.execute(update(m.Claim).where(m.Claim.id.in_(moved)).values(speaker_id=target.id))
    moved_forms = _move_forms(session, source.id, target.id, lowered) if lowered else []
    for f in moved_forms:
        key = identity_key(f, source.label or "PERSON")
        if key and key != source.key:
            session.execute(update(m.SpeakerAlias).where(m.SpeakerAlias.speaker_id == target.id,
                                                         m.SpeakerAlias.form == f).values(origin="split"))
    audit = m.SpeakerAudit(action="split", speaker_id=target.id, speaker_key=target.key, speaker_name=target.name,
                           other_id=source.id, other_key=source.key, other_name=source.name,
                           claims_moved=len(moved), detail={"forms": moved_forms, "claim_ids": moved},
                           actor=actor, note=note)
    session.add(audit)
    session.flush()
    return audit


def _speaker_for(session: Session, name: str, label: str | None) -> m.Speaker:
    try:
        return find_speaker(session, name)
    except SpeakerError:
        key = identity_key(name, label or "PERSON")
        if not key:
            raise SpeakerError(f"{name!r} is not a name") from None
        sp = m.Speaker(key=key, name=name.strip(), label=label)
        session.add(sp)
        session.flush()
        return sp


def _move_forms(session: Session, from_id: int, to_id: int, only: list[str] | None) -> list[str]:
    """Move alias rows (all, or those whose form is in ``only``) between speakers, adding
    counts where the target already has the form. Returns the forms moved."""
    rows = list(session.scalars(select(m.SpeakerAlias).where(m.SpeakerAlias.speaker_id == from_id)))
    if only is not None:
        rows = [r for r in rows if r.form.lower() in only]
    have = {r.form: r for r in session.scalars(select(m.SpeakerAlias).where(m.SpeakerAlias.speaker_id == to_id))}
    for r in rows:
        if r.form in have:
            have[r.form].claims += r.claims
            session.delete(r)
        else:
            r.speaker_id = to_id
    session.flush()
    return sorted(r.form for r in rows)


def speaker_forms(session: Session, speaker_id: int) -> list[tuple[str, int, str]]:
    """The forms of a speaker's name: (form, claims, origin), most used first."""
    return list(session.execute(select(m.SpeakerAlias.form, m.SpeakerAlias.claims, m.SpeakerAlias.origin)
                                .where(m.SpeakerAlias.speaker_id == speaker_id)
                                .order_by(m.SpeakerAlias.claims.desc(), m.SpeakerAlias.form)).all())
